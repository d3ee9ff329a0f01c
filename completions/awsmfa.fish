# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_awsmfa_global_optspecs
    string join \n profile= color= v/verbose q/quiet i/identity-profile= t/target-profile= rotate-identity-keys aws-credentials= env= region= c/token-code= d/duration= serial-number= role-session-name= no-mfa refresh h/help V/version
end

function __fish_awsmfa_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_awsmfa_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_awsmfa_using_subcommand
    set -l cmd (__fish_awsmfa_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c awsmfa -n "__fish_awsmfa_needs_command" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_needs_command" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_needs_command" -s i -l identity-profile -d 'Profile holding the long-lived keys [default: `identity` if it exists, else `default`]' -r
complete -c awsmfa -n "__fish_awsmfa_needs_command" -s t -l target-profile -d 'Credentials-file profile to write the temporary credentials to' -r
complete -c awsmfa -n "__fish_awsmfa_needs_command" -l aws-credentials -d 'Path of the shared credentials file (as AWS_SHARED_CREDENTIALS_FILE)' -r
complete -c awsmfa -n "__fish_awsmfa_needs_command" -l env -d 'Print export lines for SHELL (default: from $SHELL) instead of writing the credentials file' -r
complete -c awsmfa -n "__fish_awsmfa_needs_command" -l region -d 'Region for STS and for the exported AWS_REGION (default: the profile\'s)' -r
complete -c awsmfa -n "__fish_awsmfa_needs_command" -s c -l token-code -d 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]' -r
complete -c awsmfa -n "__fish_awsmfa_needs_command" -s d -l duration -d 'Lifetime in seconds of the credentials handed out' -r
complete -c awsmfa -n "__fish_awsmfa_needs_command" -l serial-number -d 'MFA device ARN or serial (default: mfa_serial of the profile)' -r
complete -c awsmfa -n "__fish_awsmfa_needs_command" -l role-session-name -d 'Role session name (default: awsmfa-$USER)' -r
complete -c awsmfa -n "__fish_awsmfa_needs_command" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -l rotate-identity-keys -d 'Rotate the identity profile\'s access key first'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -l no-mfa -d 'Do not use MFA, even if the profile names a device'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -l refresh -d 'Ignore cached sessions and credentials and get new ones'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -s V -l version -d 'Print version'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -a "env" -d 'Print credentials for PROFILE as shell exports, JSON or dotenv: eval "$(awsmfa env PROFILE)"'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -a "use" -d 'Set PROFILE\'s credentials in this shell (needs the function from `awsmfa init`)'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -a "exec" -d 'Run a command with PROFILE\'s credentials in its environment'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -a "credential-process" -d 'Print the credential_process JSON for PROFILE (for `credential_process =` in ~/.aws/config)'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -a "serve" -d 'Serve PROFILE\'s credentials on loopback to SDKs and IDEs, fresh all day (container protocol)'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -a "login" -d 'Get and cache the MFA session of PROFILE\'s keys (asks for the code), printing nothing secret'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -a "logout" -d 'Forget cached sessions and role credentials: of PROFILE, or --all'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -a "write" -d 'Write temporary credentials into sections of the shared credentials file'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -a "set-default" -d 'Write PROFILE\'s temporary credentials into [default] (= write PROFILE --to default)'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -a "clear" -d 'Print the lines that unset what `use` set (evaluated by the shell function)'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -a "status" -d 'Show what is active in this shell: profile, expiry, time left'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -a "list" -d 'List profiles: kind, source, MFA device, cached credentials'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -a "console" -d 'Open the AWS web console signed in as PROFILE (or print the sign-in URL)'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -a "rotate" -d 'Rotate the long-lived access key of PROFILE wherever it is kept (file or key store)'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -a "store" -d 'Keep long-lived keys in an encrypted store instead of the plaintext credentials file'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -a "prompt" -d 'Print the prompt segment (`dev-admin 42m`) from the environment alone'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -a "init" -d 'Print the shell integration: eval "$(awsmfa init bash)"'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -a "completions" -d 'Print a static completion script'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -a "__profiles" -d 'List profile names, one per line (used by completions)'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -a "__use" -d 'What the shell function\'s `use` evaluates: export lines for SHELL only'
complete -c awsmfa -n "__fish_awsmfa_needs_command" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand env" -s s -l shell -d 'Shell to print for (default: from $SHELL, else sh)' -r -f -a "bash\t''
zsh\t''
fish\t''
sh\t''
powershell\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand env" -s f -l format -d 'Output format' -r -f -a "shell\t''
json\t''
dotenv\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand env" -l region -d 'Region for STS and for the exported AWS_REGION (default: the profile\'s)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand env" -s c -l token-code -d 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand env" -s d -l duration -d 'Lifetime in seconds of the credentials handed out' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand env" -l serial-number -d 'MFA device ARN or serial (default: mfa_serial of the profile)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand env" -l role-session-name -d 'Role session name (default: awsmfa-$USER)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand env" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand env" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand env" -l force -d 'Print even when stdout is a terminal'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand env" -l no-mfa -d 'Do not use MFA, even if the profile names a device'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand env" -l refresh -d 'Ignore cached sessions and credentials and get new ones'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand env" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand env" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand env" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand use" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand use" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand use" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand use" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand use" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand exec" -l region -d 'Region for STS and for the exported AWS_REGION (default: the profile\'s)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand exec" -s c -l token-code -d 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand exec" -s d -l duration -d 'Lifetime in seconds of the credentials handed out' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand exec" -l serial-number -d 'MFA device ARN or serial (default: mfa_serial of the profile)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand exec" -l role-session-name -d 'Role session name (default: awsmfa-$USER)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand exec" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand exec" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand exec" -l server -d 'Serve fresh credentials to the command on loopback instead of static keys that expire (for work that outlasts a role\'s hour: Terraform, long test runs)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand exec" -l no-mfa -d 'Do not use MFA, even if the profile names a device'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand exec" -l refresh -d 'Ignore cached sessions and credentials and get new ones'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand exec" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand exec" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand exec" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand credential-process" -l region -d 'Region for STS and for the exported AWS_REGION (default: the profile\'s)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand credential-process" -s c -l token-code -d 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand credential-process" -s d -l duration -d 'Lifetime in seconds of the credentials handed out' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand credential-process" -l serial-number -d 'MFA device ARN or serial (default: mfa_serial of the profile)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand credential-process" -l role-session-name -d 'Role session name (default: awsmfa-$USER)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand credential-process" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand credential-process" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand credential-process" -l force -d 'Print even when stdout is a terminal'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand credential-process" -l no-mfa -d 'Do not use MFA, even if the profile names a device'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand credential-process" -l refresh -d 'Ignore cached sessions and credentials and get new ones'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand credential-process" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand credential-process" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand credential-process" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand serve" -l port -d 'Port on 127.0.0.1 (default: a free one)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand serve" -s s -l shell -d 'Shell to print the two variables for (default: from $SHELL, else sh)' -r -f -a "bash\t''
zsh\t''
fish\t''
sh\t''
powershell\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand serve" -l region -d 'Region for STS and for the exported AWS_REGION (default: the profile\'s)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand serve" -s c -l token-code -d 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand serve" -s d -l duration -d 'Lifetime in seconds of the credentials handed out' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand serve" -l serial-number -d 'MFA device ARN or serial (default: mfa_serial of the profile)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand serve" -l role-session-name -d 'Role session name (default: awsmfa-$USER)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand serve" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand serve" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand serve" -l force -d 'Print the variables even when stdout is a terminal (the token grants credentials)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand serve" -l no-mfa -d 'Do not use MFA, even if the profile names a device'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand serve" -l refresh -d 'Ignore cached sessions and credentials and get new ones'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand serve" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand serve" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand serve" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand login" -l region -d 'Region for STS and for the exported AWS_REGION (default: the profile\'s)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand login" -s c -l token-code -d 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand login" -s d -l duration -d 'Lifetime in seconds of the credentials handed out' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand login" -l serial-number -d 'MFA device ARN or serial (default: mfa_serial of the profile)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand login" -l role-session-name -d 'Role session name (default: awsmfa-$USER)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand login" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand login" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand login" -l no-mfa -d 'Do not use MFA, even if the profile names a device'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand login" -l refresh -d 'Ignore cached sessions and credentials and get new ones'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand login" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand login" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand login" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand logout" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand logout" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand logout" -l all -d 'Forget every cached session and credential'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand logout" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand logout" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand logout" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand write" -l to -d 'Section to write to (one profile only) [default: the profile\'s name; `NAME-mfa` for a role profile of the config file, whose own name the AWS CLI and SDKs resolve by role]' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand write" -l region -d 'Region for STS and for the exported AWS_REGION (default: the profile\'s)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand write" -s c -l token-code -d 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand write" -s d -l duration -d 'Lifetime in seconds of the credentials handed out' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand write" -l serial-number -d 'MFA device ARN or serial (default: mfa_serial of the profile)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand write" -l role-session-name -d 'Role session name (default: awsmfa-$USER)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand write" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand write" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand write" -l all -d 'Write every role profile of the config file'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand write" -l no-mfa -d 'Do not use MFA, even if the profile names a device'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand write" -l refresh -d 'Ignore cached sessions and credentials and get new ones'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand write" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand write" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand write" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand set-default" -l region -d 'Region for STS and for the exported AWS_REGION (default: the profile\'s)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand set-default" -s c -l token-code -d 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand set-default" -s d -l duration -d 'Lifetime in seconds of the credentials handed out' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand set-default" -l serial-number -d 'MFA device ARN or serial (default: mfa_serial of the profile)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand set-default" -l role-session-name -d 'Role session name (default: awsmfa-$USER)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand set-default" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand set-default" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand set-default" -l no-mfa -d 'Do not use MFA, even if the profile names a device'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand set-default" -l refresh -d 'Ignore cached sessions and credentials and get new ones'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand set-default" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand set-default" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand set-default" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand clear" -s s -l shell -d 'Shell to print for (default: from $SHELL, else sh)' -r -f -a "bash\t''
zsh\t''
fish\t''
sh\t''
powershell\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand clear" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand clear" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand clear" -l all -d 'Forget every cached credential and remove every section awsmfa wrote'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand clear" -l forget -d 'Also forget the active profile\'s cached session and role credentials'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand clear" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand clear" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand clear" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand status" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand status" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand status" -l json -d 'Print JSON (stable keys) instead of text'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand status" -l check -d 'Also call GetCallerIdentity with the credentials in this shell'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand status" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand status" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand status" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand list" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand list" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand list" -l json -d 'Print JSON (stable keys) instead of a table'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand list" -l dump-config -d 'Internal: every key of every profile as read (tests compare it with botocore)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand list" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand list" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand list" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand console" -l browser -d 'Command that opens the URL (default: $BROWSER, else xdg-open, or open on macOS)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand console" -l service -d 'Console service to open, e.g. ec2, s3, cloudwatch (default: the console home)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand console" -l region -d 'Region for STS and for the exported AWS_REGION (default: the profile\'s)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand console" -s c -l token-code -d 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand console" -s d -l duration -d 'Lifetime in seconds of the credentials handed out' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand console" -l serial-number -d 'MFA device ARN or serial (default: mfa_serial of the profile)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand console" -l role-session-name -d 'Role session name (default: awsmfa-$USER)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand console" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand console" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand console" -l print -d 'Print the sign-in URL (a credential: keep it private) on stdout instead of opening it'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand console" -l force -d 'With --print: print the URL even when stdout is a terminal'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand console" -l no-mfa -d 'Do not use MFA, even if the profile names a device'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand console" -l refresh -d 'Ignore cached sessions and credentials and get new ones'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand console" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand console" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand console" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand rotate" -l region -d 'Region for STS and for the exported AWS_REGION (default: the profile\'s)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand rotate" -s c -l token-code -d 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand rotate" -s d -l duration -d 'Lifetime in seconds of the credentials handed out' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand rotate" -l serial-number -d 'MFA device ARN or serial (default: mfa_serial of the profile)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand rotate" -l role-session-name -d 'Role session name (default: awsmfa-$USER)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand rotate" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand rotate" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand rotate" -l no-mfa -d 'Do not use MFA, even if the profile names a device'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand rotate" -l refresh -d 'Ignore cached sessions and credentials and get new ones'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand rotate" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand rotate" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand rotate" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and not __fish_seen_subcommand_from import add remove list passwd help" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and not __fish_seen_subcommand_from import add remove list passwd help" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and not __fish_seen_subcommand_from import add remove list passwd help" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and not __fish_seen_subcommand_from import add remove list passwd help" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and not __fish_seen_subcommand_from import add remove list passwd help" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and not __fish_seen_subcommand_from import add remove list passwd help" -f -a "import" -d 'Move PROFILE\'s keys from the plaintext credentials file into the store, then offer to rotate them'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and not __fish_seen_subcommand_from import add remove list passwd help" -f -a "add" -d 'Store keys for PROFILE: typed at hidden prompts, or read from stdin (two lines, or `key = value` lines)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and not __fish_seen_subcommand_from import add remove list passwd help" -f -a "remove" -d 'Delete PROFILE\'s keys from the store'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and not __fish_seen_subcommand_from import add remove list passwd help" -f -a "list" -d 'List the profiles in the store'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and not __fish_seen_subcommand_from import add remove list passwd help" -f -a "passwd" -d 'Encrypt PROFILE\'s keys with a new passphrase'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and not __fish_seen_subcommand_from import add remove list passwd help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from import" -l region -d 'Region for STS and for the exported AWS_REGION (default: the profile\'s)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from import" -s c -l token-code -d 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from import" -s d -l duration -d 'Lifetime in seconds of the credentials handed out' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from import" -l serial-number -d 'MFA device ARN or serial (default: mfa_serial of the profile)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from import" -l role-session-name -d 'Role session name (default: awsmfa-$USER)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from import" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from import" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from import" -l no-mfa -d 'Do not use MFA, even if the profile names a device'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from import" -l refresh -d 'Ignore cached sessions and credentials and get new ones'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from add" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from add" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from remove" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from remove" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do not ask for confirmation'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from list" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from list" -l json -d 'Print JSON instead of a table'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from passwd" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from passwd" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from passwd" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from passwd" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from passwd" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "import" -d 'Move PROFILE\'s keys from the plaintext credentials file into the store, then offer to rotate them'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "add" -d 'Store keys for PROFILE: typed at hidden prompts, or read from stdin (two lines, or `key = value` lines)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Delete PROFILE\'s keys from the store'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the profiles in the store'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "passwd" -d 'Encrypt PROFILE\'s keys with a new passphrase'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand prompt" -l format -d 'Format: {profile}, {left} (time left or `expired`), {expires} (UTC), {warn} (`!` when low)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand prompt" -l warn -d 'Show {warn} under this many seconds left [env: AWSMFA_PROMPT_WARN]' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand prompt" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand prompt" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand prompt" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand prompt" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand prompt" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand init" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand init" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand init" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand init" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand init" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand completions" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand completions" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand completions" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand completions" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand completions" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand __profiles" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand __profiles" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand __profiles" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand __profiles" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand __profiles" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand __use" -s f -l format -d 'Refused: `use` prints only export lines for the shell that evaluates them' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand __use" -s s -l shell -d 'Refused: `use` prints only export lines for the shell that evaluates them' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand __use" -l region -d 'Region for STS and for the exported AWS_REGION (default: the profile\'s)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand __use" -s c -l token-code -d 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand __use" -s d -l duration -d 'Lifetime in seconds of the credentials handed out' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand __use" -l serial-number -d 'MFA device ARN or serial (default: mfa_serial of the profile)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand __use" -l role-session-name -d 'Role session name (default: awsmfa-$USER)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand __use" -l profile -d 'Profile to use (default: $AWS_PROFILE, else `default`)' -r
complete -c awsmfa -n "__fish_awsmfa_using_subcommand __use" -l color -d 'When to colour awsmfa\'s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c awsmfa -n "__fish_awsmfa_using_subcommand __use" -l force -d 'Accepted for compatibility with `env`; the function\'s output is never a terminal'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand __use" -l no-mfa -d 'Do not use MFA, even if the profile names a device'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand __use" -l refresh -d 'Ignore cached sessions and credentials and get new ones'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand __use" -s v -l verbose -d 'Say more about what happens (requests, cache use)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand __use" -s q -l quiet -d 'Print only errors'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand __use" -s h -l help -d 'Print help'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and not __fish_seen_subcommand_from env use exec credential-process serve login logout write set-default clear status list console rotate store prompt init completions __profiles __use help" -f -a "env" -d 'Print credentials for PROFILE as shell exports, JSON or dotenv: eval "$(awsmfa env PROFILE)"'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and not __fish_seen_subcommand_from env use exec credential-process serve login logout write set-default clear status list console rotate store prompt init completions __profiles __use help" -f -a "use" -d 'Set PROFILE\'s credentials in this shell (needs the function from `awsmfa init`)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and not __fish_seen_subcommand_from env use exec credential-process serve login logout write set-default clear status list console rotate store prompt init completions __profiles __use help" -f -a "exec" -d 'Run a command with PROFILE\'s credentials in its environment'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and not __fish_seen_subcommand_from env use exec credential-process serve login logout write set-default clear status list console rotate store prompt init completions __profiles __use help" -f -a "credential-process" -d 'Print the credential_process JSON for PROFILE (for `credential_process =` in ~/.aws/config)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and not __fish_seen_subcommand_from env use exec credential-process serve login logout write set-default clear status list console rotate store prompt init completions __profiles __use help" -f -a "serve" -d 'Serve PROFILE\'s credentials on loopback to SDKs and IDEs, fresh all day (container protocol)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and not __fish_seen_subcommand_from env use exec credential-process serve login logout write set-default clear status list console rotate store prompt init completions __profiles __use help" -f -a "login" -d 'Get and cache the MFA session of PROFILE\'s keys (asks for the code), printing nothing secret'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and not __fish_seen_subcommand_from env use exec credential-process serve login logout write set-default clear status list console rotate store prompt init completions __profiles __use help" -f -a "logout" -d 'Forget cached sessions and role credentials: of PROFILE, or --all'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and not __fish_seen_subcommand_from env use exec credential-process serve login logout write set-default clear status list console rotate store prompt init completions __profiles __use help" -f -a "write" -d 'Write temporary credentials into sections of the shared credentials file'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and not __fish_seen_subcommand_from env use exec credential-process serve login logout write set-default clear status list console rotate store prompt init completions __profiles __use help" -f -a "set-default" -d 'Write PROFILE\'s temporary credentials into [default] (= write PROFILE --to default)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and not __fish_seen_subcommand_from env use exec credential-process serve login logout write set-default clear status list console rotate store prompt init completions __profiles __use help" -f -a "clear" -d 'Print the lines that unset what `use` set (evaluated by the shell function)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and not __fish_seen_subcommand_from env use exec credential-process serve login logout write set-default clear status list console rotate store prompt init completions __profiles __use help" -f -a "status" -d 'Show what is active in this shell: profile, expiry, time left'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and not __fish_seen_subcommand_from env use exec credential-process serve login logout write set-default clear status list console rotate store prompt init completions __profiles __use help" -f -a "list" -d 'List profiles: kind, source, MFA device, cached credentials'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and not __fish_seen_subcommand_from env use exec credential-process serve login logout write set-default clear status list console rotate store prompt init completions __profiles __use help" -f -a "console" -d 'Open the AWS web console signed in as PROFILE (or print the sign-in URL)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and not __fish_seen_subcommand_from env use exec credential-process serve login logout write set-default clear status list console rotate store prompt init completions __profiles __use help" -f -a "rotate" -d 'Rotate the long-lived access key of PROFILE wherever it is kept (file or key store)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and not __fish_seen_subcommand_from env use exec credential-process serve login logout write set-default clear status list console rotate store prompt init completions __profiles __use help" -f -a "store" -d 'Keep long-lived keys in an encrypted store instead of the plaintext credentials file'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and not __fish_seen_subcommand_from env use exec credential-process serve login logout write set-default clear status list console rotate store prompt init completions __profiles __use help" -f -a "prompt" -d 'Print the prompt segment (`dev-admin 42m`) from the environment alone'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and not __fish_seen_subcommand_from env use exec credential-process serve login logout write set-default clear status list console rotate store prompt init completions __profiles __use help" -f -a "init" -d 'Print the shell integration: eval "$(awsmfa init bash)"'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and not __fish_seen_subcommand_from env use exec credential-process serve login logout write set-default clear status list console rotate store prompt init completions __profiles __use help" -f -a "completions" -d 'Print a static completion script'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and not __fish_seen_subcommand_from env use exec credential-process serve login logout write set-default clear status list console rotate store prompt init completions __profiles __use help" -f -a "__profiles" -d 'List profile names, one per line (used by completions)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and not __fish_seen_subcommand_from env use exec credential-process serve login logout write set-default clear status list console rotate store prompt init completions __profiles __use help" -f -a "__use" -d 'What the shell function\'s `use` evaluates: export lines for SHELL only'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and not __fish_seen_subcommand_from env use exec credential-process serve login logout write set-default clear status list console rotate store prompt init completions __profiles __use help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "import" -d 'Move PROFILE\'s keys from the plaintext credentials file into the store, then offer to rotate them'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "add" -d 'Store keys for PROFILE: typed at hidden prompts, or read from stdin (two lines, or `key = value` lines)'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "remove" -d 'Delete PROFILE\'s keys from the store'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "list" -d 'List the profiles in the store'
complete -c awsmfa -n "__fish_awsmfa_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "passwd" -d 'Encrypt PROFILE\'s keys with a new passphrase'


use builtin;
use str;

set edit:completion:arg-completer[awsmfa] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'awsmfa'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'awsmfa'= {
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand -i 'Profile holding the long-lived keys [default: `identity` if it exists, else `default`]'
            cand --identity-profile 'Profile holding the long-lived keys [default: `identity` if it exists, else `default`]'
            cand -t 'Credentials-file profile to write the temporary credentials to'
            cand --target-profile 'Credentials-file profile to write the temporary credentials to'
            cand --aws-credentials 'Path of the shared credentials file (as AWS_SHARED_CREDENTIALS_FILE)'
            cand --env 'Print export lines for SHELL (default: from $SHELL) instead of writing the credentials file'
            cand --region 'Region for STS and for the exported AWS_REGION (default: the profile''s)'
            cand -c 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand --token-code 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand -d 'Lifetime in seconds of the credentials handed out'
            cand --duration 'Lifetime in seconds of the credentials handed out'
            cand --serial-number 'MFA device ARN or serial (default: mfa_serial of the profile)'
            cand --role-session-name 'Role session name (default: awsmfa-$USER)'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand --rotate-identity-keys 'Rotate the identity profile''s access key first'
            cand --no-mfa 'Do not use MFA, even if the profile names a device'
            cand --refresh 'Ignore cached sessions and credentials and get new ones'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand env 'Print credentials for PROFILE as shell exports, JSON or dotenv: eval "$(awsmfa env PROFILE)"'
            cand use 'Set PROFILE''s credentials in this shell (needs the function from `awsmfa init`)'
            cand exec 'Run a command with PROFILE''s credentials in its environment'
            cand credential-process 'Print the credential_process JSON for PROFILE (for `credential_process =` in ~/.aws/config)'
            cand serve 'Serve PROFILE''s credentials on loopback to SDKs and IDEs, fresh all day (container protocol)'
            cand login 'Get and cache the MFA session of PROFILE''s keys (asks for the code), printing nothing secret'
            cand logout 'Forget cached sessions and role credentials: of PROFILE, or --all'
            cand write 'Write temporary credentials into sections of the shared credentials file'
            cand set-default 'Write PROFILE''s temporary credentials into [default] (= write PROFILE --to default)'
            cand clear 'Print the lines that unset what `use` set (evaluated by the shell function)'
            cand status 'Show what is active in this shell: profile, expiry, time left'
            cand list 'List profiles: kind, source, MFA device, cached credentials'
            cand console 'Open the AWS web console signed in as PROFILE (or print the sign-in URL)'
            cand rotate 'Rotate the long-lived access key of PROFILE wherever it is kept (file or key store)'
            cand store 'Keep long-lived keys in an encrypted store instead of the plaintext credentials file'
            cand prompt 'Print the prompt segment (`dev-admin 42m`) from the environment alone'
            cand init 'Print the shell integration: eval "$(awsmfa init bash)"'
            cand completions 'Print a static completion script'
            cand __profiles 'List profile names, one per line (used by completions)'
            cand __use 'What the shell function''s `use` evaluates: export lines for SHELL only'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'awsmfa;env'= {
            cand -s 'Shell to print for (default: from $SHELL, else sh)'
            cand --shell 'Shell to print for (default: from $SHELL, else sh)'
            cand -f 'Output format'
            cand --format 'Output format'
            cand --region 'Region for STS and for the exported AWS_REGION (default: the profile''s)'
            cand -c 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand --token-code 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand -d 'Lifetime in seconds of the credentials handed out'
            cand --duration 'Lifetime in seconds of the credentials handed out'
            cand --serial-number 'MFA device ARN or serial (default: mfa_serial of the profile)'
            cand --role-session-name 'Role session name (default: awsmfa-$USER)'
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand --force 'Print even when stdout is a terminal'
            cand --no-mfa 'Do not use MFA, even if the profile names a device'
            cand --refresh 'Ignore cached sessions and credentials and get new ones'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;use'= {
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;exec'= {
            cand --region 'Region for STS and for the exported AWS_REGION (default: the profile''s)'
            cand -c 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand --token-code 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand -d 'Lifetime in seconds of the credentials handed out'
            cand --duration 'Lifetime in seconds of the credentials handed out'
            cand --serial-number 'MFA device ARN or serial (default: mfa_serial of the profile)'
            cand --role-session-name 'Role session name (default: awsmfa-$USER)'
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand --server 'Serve fresh credentials to the command on loopback instead of static keys that expire (for work that outlasts a role''s hour: Terraform, long test runs)'
            cand --no-mfa 'Do not use MFA, even if the profile names a device'
            cand --refresh 'Ignore cached sessions and credentials and get new ones'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;credential-process'= {
            cand --region 'Region for STS and for the exported AWS_REGION (default: the profile''s)'
            cand -c 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand --token-code 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand -d 'Lifetime in seconds of the credentials handed out'
            cand --duration 'Lifetime in seconds of the credentials handed out'
            cand --serial-number 'MFA device ARN or serial (default: mfa_serial of the profile)'
            cand --role-session-name 'Role session name (default: awsmfa-$USER)'
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand --force 'Print even when stdout is a terminal'
            cand --no-mfa 'Do not use MFA, even if the profile names a device'
            cand --refresh 'Ignore cached sessions and credentials and get new ones'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;serve'= {
            cand --port 'Port on 127.0.0.1 (default: a free one)'
            cand -s 'Shell to print the two variables for (default: from $SHELL, else sh)'
            cand --shell 'Shell to print the two variables for (default: from $SHELL, else sh)'
            cand --region 'Region for STS and for the exported AWS_REGION (default: the profile''s)'
            cand -c 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand --token-code 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand -d 'Lifetime in seconds of the credentials handed out'
            cand --duration 'Lifetime in seconds of the credentials handed out'
            cand --serial-number 'MFA device ARN or serial (default: mfa_serial of the profile)'
            cand --role-session-name 'Role session name (default: awsmfa-$USER)'
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand --force 'Print the variables even when stdout is a terminal (the token grants credentials)'
            cand --no-mfa 'Do not use MFA, even if the profile names a device'
            cand --refresh 'Ignore cached sessions and credentials and get new ones'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;login'= {
            cand --region 'Region for STS and for the exported AWS_REGION (default: the profile''s)'
            cand -c 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand --token-code 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand -d 'Lifetime in seconds of the credentials handed out'
            cand --duration 'Lifetime in seconds of the credentials handed out'
            cand --serial-number 'MFA device ARN or serial (default: mfa_serial of the profile)'
            cand --role-session-name 'Role session name (default: awsmfa-$USER)'
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand --no-mfa 'Do not use MFA, even if the profile names a device'
            cand --refresh 'Ignore cached sessions and credentials and get new ones'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;logout'= {
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand --all 'Forget every cached session and credential'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;write'= {
            cand --to 'Section to write to (one profile only) [default: the profile''s name; `NAME-mfa` for a role profile of the config file, whose own name the AWS CLI and SDKs resolve by role]'
            cand --region 'Region for STS and for the exported AWS_REGION (default: the profile''s)'
            cand -c 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand --token-code 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand -d 'Lifetime in seconds of the credentials handed out'
            cand --duration 'Lifetime in seconds of the credentials handed out'
            cand --serial-number 'MFA device ARN or serial (default: mfa_serial of the profile)'
            cand --role-session-name 'Role session name (default: awsmfa-$USER)'
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand --all 'Write every role profile of the config file'
            cand --no-mfa 'Do not use MFA, even if the profile names a device'
            cand --refresh 'Ignore cached sessions and credentials and get new ones'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;set-default'= {
            cand --region 'Region for STS and for the exported AWS_REGION (default: the profile''s)'
            cand -c 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand --token-code 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand -d 'Lifetime in seconds of the credentials handed out'
            cand --duration 'Lifetime in seconds of the credentials handed out'
            cand --serial-number 'MFA device ARN or serial (default: mfa_serial of the profile)'
            cand --role-session-name 'Role session name (default: awsmfa-$USER)'
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand --no-mfa 'Do not use MFA, even if the profile names a device'
            cand --refresh 'Ignore cached sessions and credentials and get new ones'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;clear'= {
            cand -s 'Shell to print for (default: from $SHELL, else sh)'
            cand --shell 'Shell to print for (default: from $SHELL, else sh)'
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand --all 'Forget every cached credential and remove every section awsmfa wrote'
            cand --forget 'Also forget the active profile''s cached session and role credentials'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;status'= {
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand --json 'Print JSON (stable keys) instead of text'
            cand --check 'Also call GetCallerIdentity with the credentials in this shell'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;list'= {
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand --json 'Print JSON (stable keys) instead of a table'
            cand --dump-config 'Internal: every key of every profile as read (tests compare it with botocore)'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;console'= {
            cand --browser 'Command that opens the URL (default: $BROWSER, else xdg-open, or open on macOS)'
            cand --service 'Console service to open, e.g. ec2, s3, cloudwatch (default: the console home)'
            cand --region 'Region for STS and for the exported AWS_REGION (default: the profile''s)'
            cand -c 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand --token-code 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand -d 'Lifetime in seconds of the credentials handed out'
            cand --duration 'Lifetime in seconds of the credentials handed out'
            cand --serial-number 'MFA device ARN or serial (default: mfa_serial of the profile)'
            cand --role-session-name 'Role session name (default: awsmfa-$USER)'
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand --print 'Print the sign-in URL (a credential: keep it private) on stdout instead of opening it'
            cand --force 'With --print: print the URL even when stdout is a terminal'
            cand --no-mfa 'Do not use MFA, even if the profile names a device'
            cand --refresh 'Ignore cached sessions and credentials and get new ones'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;rotate'= {
            cand --region 'Region for STS and for the exported AWS_REGION (default: the profile''s)'
            cand -c 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand --token-code 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand -d 'Lifetime in seconds of the credentials handed out'
            cand --duration 'Lifetime in seconds of the credentials handed out'
            cand --serial-number 'MFA device ARN or serial (default: mfa_serial of the profile)'
            cand --role-session-name 'Role session name (default: awsmfa-$USER)'
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand --no-mfa 'Do not use MFA, even if the profile names a device'
            cand --refresh 'Ignore cached sessions and credentials and get new ones'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;store'= {
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand import 'Move PROFILE''s keys from the plaintext credentials file into the store, then offer to rotate them'
            cand add 'Store keys for PROFILE: typed at hidden prompts, or read from stdin (two lines, or `key = value` lines)'
            cand remove 'Delete PROFILE''s keys from the store'
            cand list 'List the profiles in the store'
            cand passwd 'Encrypt PROFILE''s keys with a new passphrase'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'awsmfa;store;import'= {
            cand --region 'Region for STS and for the exported AWS_REGION (default: the profile''s)'
            cand -c 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand --token-code 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand -d 'Lifetime in seconds of the credentials handed out'
            cand --duration 'Lifetime in seconds of the credentials handed out'
            cand --serial-number 'MFA device ARN or serial (default: mfa_serial of the profile)'
            cand --role-session-name 'Role session name (default: awsmfa-$USER)'
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand --no-mfa 'Do not use MFA, even if the profile names a device'
            cand --refresh 'Ignore cached sessions and credentials and get new ones'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;store;add'= {
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;store;remove'= {
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand -y 'Do not ask for confirmation'
            cand --yes 'Do not ask for confirmation'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;store;list'= {
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand --json 'Print JSON instead of a table'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;store;passwd'= {
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;store;help'= {
            cand import 'Move PROFILE''s keys from the plaintext credentials file into the store, then offer to rotate them'
            cand add 'Store keys for PROFILE: typed at hidden prompts, or read from stdin (two lines, or `key = value` lines)'
            cand remove 'Delete PROFILE''s keys from the store'
            cand list 'List the profiles in the store'
            cand passwd 'Encrypt PROFILE''s keys with a new passphrase'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'awsmfa;store;help;import'= {
        }
        &'awsmfa;store;help;add'= {
        }
        &'awsmfa;store;help;remove'= {
        }
        &'awsmfa;store;help;list'= {
        }
        &'awsmfa;store;help;passwd'= {
        }
        &'awsmfa;store;help;help'= {
        }
        &'awsmfa;prompt'= {
            cand --format 'Format: {profile}, {left} (time left or `expired`), {expires} (UTC), {warn} (`!` when low)'
            cand --warn 'Show {warn} under this many seconds left [env: AWSMFA_PROMPT_WARN]'
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;init'= {
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;completions'= {
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;__profiles'= {
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;__use'= {
            cand -f 'Refused: `use` prints only export lines for the shell that evaluates them'
            cand --format 'Refused: `use` prints only export lines for the shell that evaluates them'
            cand -s 'Refused: `use` prints only export lines for the shell that evaluates them'
            cand --shell 'Refused: `use` prints only export lines for the shell that evaluates them'
            cand --region 'Region for STS and for the exported AWS_REGION (default: the profile''s)'
            cand -c 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand --token-code 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]'
            cand -d 'Lifetime in seconds of the credentials handed out'
            cand --duration 'Lifetime in seconds of the credentials handed out'
            cand --serial-number 'MFA device ARN or serial (default: mfa_serial of the profile)'
            cand --role-session-name 'Role session name (default: awsmfa-$USER)'
            cand --profile 'Profile to use (default: $AWS_PROFILE, else `default`)'
            cand --color 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)'
            cand --force 'Accepted for compatibility with `env`; the function''s output is never a terminal'
            cand --no-mfa 'Do not use MFA, even if the profile names a device'
            cand --refresh 'Ignore cached sessions and credentials and get new ones'
            cand -v 'Say more about what happens (requests, cache use)'
            cand --verbose 'Say more about what happens (requests, cache use)'
            cand -q 'Print only errors'
            cand --quiet 'Print only errors'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'awsmfa;help'= {
            cand env 'Print credentials for PROFILE as shell exports, JSON or dotenv: eval "$(awsmfa env PROFILE)"'
            cand use 'Set PROFILE''s credentials in this shell (needs the function from `awsmfa init`)'
            cand exec 'Run a command with PROFILE''s credentials in its environment'
            cand credential-process 'Print the credential_process JSON for PROFILE (for `credential_process =` in ~/.aws/config)'
            cand serve 'Serve PROFILE''s credentials on loopback to SDKs and IDEs, fresh all day (container protocol)'
            cand login 'Get and cache the MFA session of PROFILE''s keys (asks for the code), printing nothing secret'
            cand logout 'Forget cached sessions and role credentials: of PROFILE, or --all'
            cand write 'Write temporary credentials into sections of the shared credentials file'
            cand set-default 'Write PROFILE''s temporary credentials into [default] (= write PROFILE --to default)'
            cand clear 'Print the lines that unset what `use` set (evaluated by the shell function)'
            cand status 'Show what is active in this shell: profile, expiry, time left'
            cand list 'List profiles: kind, source, MFA device, cached credentials'
            cand console 'Open the AWS web console signed in as PROFILE (or print the sign-in URL)'
            cand rotate 'Rotate the long-lived access key of PROFILE wherever it is kept (file or key store)'
            cand store 'Keep long-lived keys in an encrypted store instead of the plaintext credentials file'
            cand prompt 'Print the prompt segment (`dev-admin 42m`) from the environment alone'
            cand init 'Print the shell integration: eval "$(awsmfa init bash)"'
            cand completions 'Print a static completion script'
            cand __profiles 'List profile names, one per line (used by completions)'
            cand __use 'What the shell function''s `use` evaluates: export lines for SHELL only'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'awsmfa;help;env'= {
        }
        &'awsmfa;help;use'= {
        }
        &'awsmfa;help;exec'= {
        }
        &'awsmfa;help;credential-process'= {
        }
        &'awsmfa;help;serve'= {
        }
        &'awsmfa;help;login'= {
        }
        &'awsmfa;help;logout'= {
        }
        &'awsmfa;help;write'= {
        }
        &'awsmfa;help;set-default'= {
        }
        &'awsmfa;help;clear'= {
        }
        &'awsmfa;help;status'= {
        }
        &'awsmfa;help;list'= {
        }
        &'awsmfa;help;console'= {
        }
        &'awsmfa;help;rotate'= {
        }
        &'awsmfa;help;store'= {
            cand import 'Move PROFILE''s keys from the plaintext credentials file into the store, then offer to rotate them'
            cand add 'Store keys for PROFILE: typed at hidden prompts, or read from stdin (two lines, or `key = value` lines)'
            cand remove 'Delete PROFILE''s keys from the store'
            cand list 'List the profiles in the store'
            cand passwd 'Encrypt PROFILE''s keys with a new passphrase'
        }
        &'awsmfa;help;store;import'= {
        }
        &'awsmfa;help;store;add'= {
        }
        &'awsmfa;help;store;remove'= {
        }
        &'awsmfa;help;store;list'= {
        }
        &'awsmfa;help;store;passwd'= {
        }
        &'awsmfa;help;prompt'= {
        }
        &'awsmfa;help;init'= {
        }
        &'awsmfa;help;completions'= {
        }
        &'awsmfa;help;__profiles'= {
        }
        &'awsmfa;help;__use'= {
        }
        &'awsmfa;help;help'= {
        }
    ]
    $completions[$command]
}


using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'awsmfa' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'awsmfa'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'awsmfa' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Profile holding the long-lived keys [default: `identity` if it exists, else `default`]')
            [CompletionResult]::new('--identity-profile', '--identity-profile', [CompletionResultType]::ParameterName, 'Profile holding the long-lived keys [default: `identity` if it exists, else `default`]')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Credentials-file profile to write the temporary credentials to')
            [CompletionResult]::new('--target-profile', '--target-profile', [CompletionResultType]::ParameterName, 'Credentials-file profile to write the temporary credentials to')
            [CompletionResult]::new('--aws-credentials', '--aws-credentials', [CompletionResultType]::ParameterName, 'Path of the shared credentials file (as AWS_SHARED_CREDENTIALS_FILE)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Print export lines for SHELL (default: from $SHELL) instead of writing the credentials file')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for STS and for the exported AWS_REGION (default: the profile''s)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('--token-code', '--token-code', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--serial-number', '--serial-number', [CompletionResultType]::ParameterName, 'MFA device ARN or serial (default: mfa_serial of the profile)')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Role session name (default: awsmfa-$USER)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--rotate-identity-keys', '--rotate-identity-keys', [CompletionResultType]::ParameterName, 'Rotate the identity profile''s access key first')
            [CompletionResult]::new('--no-mfa', '--no-mfa', [CompletionResultType]::ParameterName, 'Do not use MFA, even if the profile names a device')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Ignore cached sessions and credentials and get new ones')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print credentials for PROFILE as shell exports, JSON or dotenv: eval "$(awsmfa env PROFILE)"')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Set PROFILE''s credentials in this shell (needs the function from `awsmfa init`)')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with PROFILE''s credentials in its environment')
            [CompletionResult]::new('credential-process', 'credential-process', [CompletionResultType]::ParameterValue, 'Print the credential_process JSON for PROFILE (for `credential_process =` in ~/.aws/config)')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve PROFILE''s credentials on loopback to SDKs and IDEs, fresh all day (container protocol)')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Get and cache the MFA session of PROFILE''s keys (asks for the code), printing nothing secret')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget cached sessions and role credentials: of PROFILE, or --all')
            [CompletionResult]::new('write', 'write', [CompletionResultType]::ParameterValue, 'Write temporary credentials into sections of the shared credentials file')
            [CompletionResult]::new('set-default', 'set-default', [CompletionResultType]::ParameterValue, 'Write PROFILE''s temporary credentials into [default] (= write PROFILE --to default)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Print the lines that unset what `use` set (evaluated by the shell function)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show what is active in this shell: profile, expiry, time left')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List profiles: kind, source, MFA device, cached credentials')
            [CompletionResult]::new('console', 'console', [CompletionResultType]::ParameterValue, 'Open the AWS web console signed in as PROFILE (or print the sign-in URL)')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Rotate the long-lived access key of PROFILE wherever it is kept (file or key store)')
            [CompletionResult]::new('store', 'store', [CompletionResultType]::ParameterValue, 'Keep long-lived keys in an encrypted store instead of the plaintext credentials file')
            [CompletionResult]::new('prompt', 'prompt', [CompletionResultType]::ParameterValue, 'Print the prompt segment (`dev-admin 42m`) from the environment alone')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Print the shell integration: eval "$(awsmfa init bash)"')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a static completion script')
            [CompletionResult]::new('__profiles', '__profiles', [CompletionResultType]::ParameterValue, 'List profile names, one per line (used by completions)')
            [CompletionResult]::new('__use', '__use', [CompletionResultType]::ParameterValue, 'What the shell function''s `use` evaluates: export lines for SHELL only')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'awsmfa;env' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Shell to print for (default: from $SHELL, else sh)')
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'Shell to print for (default: from $SHELL, else sh)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for STS and for the exported AWS_REGION (default: the profile''s)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('--token-code', '--token-code', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--serial-number', '--serial-number', [CompletionResultType]::ParameterName, 'MFA device ARN or serial (default: mfa_serial of the profile)')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Role session name (default: awsmfa-$USER)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Print even when stdout is a terminal')
            [CompletionResult]::new('--no-mfa', '--no-mfa', [CompletionResultType]::ParameterName, 'Do not use MFA, even if the profile names a device')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Ignore cached sessions and credentials and get new ones')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;use' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;exec' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for STS and for the exported AWS_REGION (default: the profile''s)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('--token-code', '--token-code', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--serial-number', '--serial-number', [CompletionResultType]::ParameterName, 'MFA device ARN or serial (default: mfa_serial of the profile)')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Role session name (default: awsmfa-$USER)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Serve fresh credentials to the command on loopback instead of static keys that expire (for work that outlasts a role''s hour: Terraform, long test runs)')
            [CompletionResult]::new('--no-mfa', '--no-mfa', [CompletionResultType]::ParameterName, 'Do not use MFA, even if the profile names a device')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Ignore cached sessions and credentials and get new ones')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;credential-process' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for STS and for the exported AWS_REGION (default: the profile''s)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('--token-code', '--token-code', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--serial-number', '--serial-number', [CompletionResultType]::ParameterName, 'MFA device ARN or serial (default: mfa_serial of the profile)')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Role session name (default: awsmfa-$USER)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Print even when stdout is a terminal')
            [CompletionResult]::new('--no-mfa', '--no-mfa', [CompletionResultType]::ParameterName, 'Do not use MFA, even if the profile names a device')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Ignore cached sessions and credentials and get new ones')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;serve' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port on 127.0.0.1 (default: a free one)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Shell to print the two variables for (default: from $SHELL, else sh)')
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'Shell to print the two variables for (default: from $SHELL, else sh)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for STS and for the exported AWS_REGION (default: the profile''s)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('--token-code', '--token-code', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--serial-number', '--serial-number', [CompletionResultType]::ParameterName, 'MFA device ARN or serial (default: mfa_serial of the profile)')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Role session name (default: awsmfa-$USER)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Print the variables even when stdout is a terminal (the token grants credentials)')
            [CompletionResult]::new('--no-mfa', '--no-mfa', [CompletionResultType]::ParameterName, 'Do not use MFA, even if the profile names a device')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Ignore cached sessions and credentials and get new ones')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;login' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for STS and for the exported AWS_REGION (default: the profile''s)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('--token-code', '--token-code', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--serial-number', '--serial-number', [CompletionResultType]::ParameterName, 'MFA device ARN or serial (default: mfa_serial of the profile)')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Role session name (default: awsmfa-$USER)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('--no-mfa', '--no-mfa', [CompletionResultType]::ParameterName, 'Do not use MFA, even if the profile names a device')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Ignore cached sessions and credentials and get new ones')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;logout' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Forget every cached session and credential')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;write' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Section to write to (one profile only) [default: the profile''s name; `NAME-mfa` for a role profile of the config file, whose own name the AWS CLI and SDKs resolve by role]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for STS and for the exported AWS_REGION (default: the profile''s)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('--token-code', '--token-code', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--serial-number', '--serial-number', [CompletionResultType]::ParameterName, 'MFA device ARN or serial (default: mfa_serial of the profile)')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Role session name (default: awsmfa-$USER)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Write every role profile of the config file')
            [CompletionResult]::new('--no-mfa', '--no-mfa', [CompletionResultType]::ParameterName, 'Do not use MFA, even if the profile names a device')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Ignore cached sessions and credentials and get new ones')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;set-default' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for STS and for the exported AWS_REGION (default: the profile''s)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('--token-code', '--token-code', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--serial-number', '--serial-number', [CompletionResultType]::ParameterName, 'MFA device ARN or serial (default: mfa_serial of the profile)')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Role session name (default: awsmfa-$USER)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('--no-mfa', '--no-mfa', [CompletionResultType]::ParameterName, 'Do not use MFA, even if the profile names a device')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Ignore cached sessions and credentials and get new ones')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;clear' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Shell to print for (default: from $SHELL, else sh)')
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'Shell to print for (default: from $SHELL, else sh)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Forget every cached credential and remove every section awsmfa wrote')
            [CompletionResult]::new('--forget', '--forget', [CompletionResultType]::ParameterName, 'Also forget the active profile''s cached session and role credentials')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;status' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (stable keys) instead of text')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Also call GetCallerIdentity with the credentials in this shell')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (stable keys) instead of a table')
            [CompletionResult]::new('--dump-config', '--dump-config', [CompletionResultType]::ParameterName, 'Internal: every key of every profile as read (tests compare it with botocore)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;console' {
            [CompletionResult]::new('--browser', '--browser', [CompletionResultType]::ParameterName, 'Command that opens the URL (default: $BROWSER, else xdg-open, or open on macOS)')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Console service to open, e.g. ec2, s3, cloudwatch (default: the console home)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for STS and for the exported AWS_REGION (default: the profile''s)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('--token-code', '--token-code', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--serial-number', '--serial-number', [CompletionResultType]::ParameterName, 'MFA device ARN or serial (default: mfa_serial of the profile)')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Role session name (default: awsmfa-$USER)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('--print', '--print', [CompletionResultType]::ParameterName, 'Print the sign-in URL (a credential: keep it private) on stdout instead of opening it')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'With --print: print the URL even when stdout is a terminal')
            [CompletionResult]::new('--no-mfa', '--no-mfa', [CompletionResultType]::ParameterName, 'Do not use MFA, even if the profile names a device')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Ignore cached sessions and credentials and get new ones')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;rotate' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for STS and for the exported AWS_REGION (default: the profile''s)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('--token-code', '--token-code', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--serial-number', '--serial-number', [CompletionResultType]::ParameterName, 'MFA device ARN or serial (default: mfa_serial of the profile)')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Role session name (default: awsmfa-$USER)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('--no-mfa', '--no-mfa', [CompletionResultType]::ParameterName, 'Do not use MFA, even if the profile names a device')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Ignore cached sessions and credentials and get new ones')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;store' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Move PROFILE''s keys from the plaintext credentials file into the store, then offer to rotate them')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Store keys for PROFILE: typed at hidden prompts, or read from stdin (two lines, or `key = value` lines)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete PROFILE''s keys from the store')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles in the store')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Encrypt PROFILE''s keys with a new passphrase')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'awsmfa;store;import' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for STS and for the exported AWS_REGION (default: the profile''s)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('--token-code', '--token-code', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--serial-number', '--serial-number', [CompletionResultType]::ParameterName, 'MFA device ARN or serial (default: mfa_serial of the profile)')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Role session name (default: awsmfa-$USER)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('--no-mfa', '--no-mfa', [CompletionResultType]::ParameterName, 'Do not use MFA, even if the profile names a device')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Ignore cached sessions and credentials and get new ones')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;store;add' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;store;remove' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;store;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of a table')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;store;passwd' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;store;help' {
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Move PROFILE''s keys from the plaintext credentials file into the store, then offer to rotate them')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Store keys for PROFILE: typed at hidden prompts, or read from stdin (two lines, or `key = value` lines)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete PROFILE''s keys from the store')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles in the store')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Encrypt PROFILE''s keys with a new passphrase')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'awsmfa;store;help;import' {
            break
        }
        'awsmfa;store;help;add' {
            break
        }
        'awsmfa;store;help;remove' {
            break
        }
        'awsmfa;store;help;list' {
            break
        }
        'awsmfa;store;help;passwd' {
            break
        }
        'awsmfa;store;help;help' {
            break
        }
        'awsmfa;prompt' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format: {profile}, {left} (time left or `expired`), {expires} (UTC), {warn} (`!` when low)')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Show {warn} under this many seconds left [env: AWSMFA_PROMPT_WARN]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;init' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;completions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;__profiles' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;__use' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Refused: `use` prints only export lines for the shell that evaluates them')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Refused: `use` prints only export lines for the shell that evaluates them')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Refused: `use` prints only export lines for the shell that evaluates them')
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'Refused: `use` prints only export lines for the shell that evaluates them')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for STS and for the exported AWS_REGION (default: the profile''s)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('--token-code', '--token-code', [CompletionResultType]::ParameterName, 'MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Lifetime in seconds of the credentials handed out')
            [CompletionResult]::new('--serial-number', '--serial-number', [CompletionResultType]::ParameterName, 'MFA device ARN or serial (default: mfa_serial of the profile)')
            [CompletionResult]::new('--role-session-name', '--role-session-name', [CompletionResultType]::ParameterName, 'Role session name (default: awsmfa-$USER)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (default: $AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour awsmfa''s messages on stderr (auto: when stderr is a terminal, NO_COLOR is unset and TERM is not dumb)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Accepted for compatibility with `env`; the function''s output is never a terminal')
            [CompletionResult]::new('--no-mfa', '--no-mfa', [CompletionResultType]::ParameterName, 'Do not use MFA, even if the profile names a device')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Ignore cached sessions and credentials and get new ones')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (requests, cache use)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'awsmfa;help' {
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print credentials for PROFILE as shell exports, JSON or dotenv: eval "$(awsmfa env PROFILE)"')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Set PROFILE''s credentials in this shell (needs the function from `awsmfa init`)')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with PROFILE''s credentials in its environment')
            [CompletionResult]::new('credential-process', 'credential-process', [CompletionResultType]::ParameterValue, 'Print the credential_process JSON for PROFILE (for `credential_process =` in ~/.aws/config)')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve PROFILE''s credentials on loopback to SDKs and IDEs, fresh all day (container protocol)')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Get and cache the MFA session of PROFILE''s keys (asks for the code), printing nothing secret')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget cached sessions and role credentials: of PROFILE, or --all')
            [CompletionResult]::new('write', 'write', [CompletionResultType]::ParameterValue, 'Write temporary credentials into sections of the shared credentials file')
            [CompletionResult]::new('set-default', 'set-default', [CompletionResultType]::ParameterValue, 'Write PROFILE''s temporary credentials into [default] (= write PROFILE --to default)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Print the lines that unset what `use` set (evaluated by the shell function)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show what is active in this shell: profile, expiry, time left')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List profiles: kind, source, MFA device, cached credentials')
            [CompletionResult]::new('console', 'console', [CompletionResultType]::ParameterValue, 'Open the AWS web console signed in as PROFILE (or print the sign-in URL)')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Rotate the long-lived access key of PROFILE wherever it is kept (file or key store)')
            [CompletionResult]::new('store', 'store', [CompletionResultType]::ParameterValue, 'Keep long-lived keys in an encrypted store instead of the plaintext credentials file')
            [CompletionResult]::new('prompt', 'prompt', [CompletionResultType]::ParameterValue, 'Print the prompt segment (`dev-admin 42m`) from the environment alone')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Print the shell integration: eval "$(awsmfa init bash)"')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a static completion script')
            [CompletionResult]::new('__profiles', '__profiles', [CompletionResultType]::ParameterValue, 'List profile names, one per line (used by completions)')
            [CompletionResult]::new('__use', '__use', [CompletionResultType]::ParameterValue, 'What the shell function''s `use` evaluates: export lines for SHELL only')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'awsmfa;help;env' {
            break
        }
        'awsmfa;help;use' {
            break
        }
        'awsmfa;help;exec' {
            break
        }
        'awsmfa;help;credential-process' {
            break
        }
        'awsmfa;help;serve' {
            break
        }
        'awsmfa;help;login' {
            break
        }
        'awsmfa;help;logout' {
            break
        }
        'awsmfa;help;write' {
            break
        }
        'awsmfa;help;set-default' {
            break
        }
        'awsmfa;help;clear' {
            break
        }
        'awsmfa;help;status' {
            break
        }
        'awsmfa;help;list' {
            break
        }
        'awsmfa;help;console' {
            break
        }
        'awsmfa;help;rotate' {
            break
        }
        'awsmfa;help;store' {
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Move PROFILE''s keys from the plaintext credentials file into the store, then offer to rotate them')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Store keys for PROFILE: typed at hidden prompts, or read from stdin (two lines, or `key = value` lines)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete PROFILE''s keys from the store')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles in the store')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Encrypt PROFILE''s keys with a new passphrase')
            break
        }
        'awsmfa;help;store;import' {
            break
        }
        'awsmfa;help;store;add' {
            break
        }
        'awsmfa;help;store;remove' {
            break
        }
        'awsmfa;help;store;list' {
            break
        }
        'awsmfa;help;store;passwd' {
            break
        }
        'awsmfa;help;prompt' {
            break
        }
        'awsmfa;help;init' {
            break
        }
        'awsmfa;help;completions' {
            break
        }
        'awsmfa;help;__profiles' {
            break
        }
        'awsmfa;help;__use' {
            break
        }
        'awsmfa;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}

//! The clap definitions of the command line: the top-level parser, the flags every subcommand
//! shares, the credential flags (with the redacting `Debug`), and the subcommand enum.

use clap::{Args, Parser, Subcommand};

use super::{
    ColorChoice, clear, compat, complete, completions, console, credential_process, env, exec,
    init, list, prompt, rotate, serve, session_cmd, status, store, use_, write,
};
use crate::error::{Result, ResultExt};
use crate::session::Options;

#[derive(Debug, Parser)]
#[command(
    name = "awsmfa",
    version,
    about = "One MFA code a day: short-lived AWS credentials for your shell, child processes, SDKs and the credentials file",
    after_help = "Compatibility form (the original Python awsmfa): awsmfa [ROLE_ARN|PROFILE] --env [SHELL]\nRun `awsmfa COMMAND --help` for each command.\n\nExample: awsmfa -t work"
)]
pub struct Cli {
    #[command(flatten)]
    pub common: CommonArgs,
    #[command(flatten)]
    pub compat: compat::CompatArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Flags that mean the same to every subcommand.
#[derive(Debug, Args, Clone, Default)]
pub struct CommonArgs {
    /// Profile to use (default: $AWS_PROFILE, else `default`)
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// When to colour awsmfa's messages on stderr (auto: when stderr is a terminal, NO_COLOR is
    /// unset and TERM is not dumb)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Say more about what happens (requests, cache use)
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    pub verbose: bool,
    /// Print only errors
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

/// The flags of the subcommands that get credentials (env, exec, credential-process, write,
/// set-default, console, rotate, login, serve, store import, `__use`, and the compatibility
/// form), flattened into each: elsewhere they would mean nothing, so help does not list them
/// there. `Debug` is written by hand: it must not show the MFA code.
#[derive(Args, Clone, Default, PartialEq, Eq)]
#[command(next_help_heading = "Credential options")]
pub struct CredentialArgs {
    /// Region for STS and for the exported AWS_REGION (default: the profile's)
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]
    #[arg(short = 'c', long = "token-code", value_name = "CODE")]
    pub token_code: Option<String>,
    /// Lifetime in seconds of the credentials handed out
    #[arg(short = 'd', long, value_name = "SECONDS")]
    pub duration: Option<String>,
    /// MFA device ARN or serial (default: mfa_serial of the profile)
    #[arg(long = "serial-number", value_name = "ARN")]
    pub serial_number: Option<String>,
    /// Role session name (default: awsmfa-$USER)
    #[arg(long = "role-session-name", value_name = "NAME")]
    pub role_session_name: Option<String>,
    /// Do not use MFA, even if the profile names a device
    #[arg(long = "no-mfa")]
    pub no_mfa: bool,
    /// Ignore cached sessions and credentials and get new ones
    #[arg(long)]
    pub refresh: bool,
}

impl std::fmt::Debug for CredentialArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Destructured, so a new field cannot be forgotten here.
        let CredentialArgs {
            region,
            token_code,
            duration,
            serial_number,
            role_session_name,
            no_mfa,
            refresh,
        } = self;
        f.debug_struct("CredentialArgs")
            .field("region", region)
            .field("token_code", &token_code.as_ref().map(|_| "** redacted **"))
            .field("duration", duration)
            .field("serial_number", serial_number)
            .field("role_session_name", role_session_name)
            .field("no_mfa", no_mfa)
            .field("refresh", refresh)
            .finish()
    }
}

impl CredentialArgs {
    /// These flags, each taken from `before` (given ahead of the subcommand, `awsmfa -c 123456
    /// env dev`) where not given here.
    pub(super) fn or(&self, before: &CredentialArgs) -> CredentialArgs {
        CredentialArgs {
            region: self.region.clone().or_else(|| before.region.clone()),
            token_code: self
                .token_code
                .clone()
                .or_else(|| before.token_code.clone()),
            duration: self.duration.clone().or_else(|| before.duration.clone()),
            serial_number: self
                .serial_number
                .clone()
                .or_else(|| before.serial_number.clone()),
            role_session_name: self
                .role_session_name
                .clone()
                .or_else(|| before.role_session_name.clone()),
            no_mfa: self.no_mfa || before.no_mfa,
            refresh: self.refresh || before.refresh,
        }
    }

    /// The first flag given, as typed on the command line.
    pub(super) fn first_given(&self) -> Option<&'static str> {
        let given = [
            (self.region.is_some(), "--region"),
            (self.token_code.is_some(), "-c/--token-code"),
            (self.duration.is_some(), "-d/--duration"),
            (self.serial_number.is_some(), "--serial-number"),
            (self.role_session_name.is_some(), "--role-session-name"),
            (self.no_mfa, "--no-mfa"),
            (self.refresh, "--refresh"),
        ];
        given.into_iter().find(|(on, _)| *on).map(|(_, name)| name)
    }
}

/// Every flag in effect for one run: the common flags plus the subcommand's credential flags.
/// What the subcommands read (`global.cred.region`, `global.options()`). Its `Debug` is
/// derived: the credential flags' own `Debug` hides the MFA code.
#[derive(Clone, Debug, Default)]
pub struct GlobalArgs {
    pub profile: Option<String>,
    pub cred: CredentialArgs,
    pub verbose: bool,
    pub quiet: bool,
}

impl GlobalArgs {
    pub fn new(common: &CommonArgs, cred: &CredentialArgs) -> GlobalArgs {
        GlobalArgs {
            profile: common.profile.clone(),
            cred: cred.clone(),
            verbose: common.verbose,
            quiet: common.quiet,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print credentials for PROFILE as shell exports, JSON or dotenv: eval "$(awsmfa env PROFILE)"
    #[command(after_help = "Example: eval \"$(awsmfa env dev-admin)\"")]
    Env(env::EnvArgs),
    /// Set PROFILE's credentials in this shell (needs the function from `awsmfa init`)
    #[command(after_help = "Example: awsmfa use dev-admin")]
    Use(use_::UseArgs),
    /// Run a command with PROFILE's credentials in its environment
    #[command(after_help = "Example: awsmfa exec dev-admin -- terraform plan")]
    Exec(exec::ExecArgs),
    /// Print the credential_process JSON for PROFILE (for `credential_process =` in ~/.aws/config)
    #[command(
        after_help = "Example: credential_process = awsmfa credential-process dev-admin   (in ~/.aws/config)"
    )]
    CredentialProcess(credential_process::CredentialProcessArgs),
    /// Serve PROFILE's credentials on loopback to SDKs and IDEs, fresh all day (container protocol)
    #[command(after_help = "Example: eval \"$(awsmfa serve dev-admin)\"")]
    Serve(serve::ServeArgs),
    /// Get and cache the MFA session of PROFILE's keys (asks for the code), printing nothing secret
    #[command(after_help = "Example: awsmfa login identity")]
    Login(session_cmd::LoginArgs),
    /// Forget cached sessions and role credentials: of PROFILE, or --all
    #[command(after_help = "Example: awsmfa logout --all")]
    Logout(session_cmd::LogoutArgs),
    /// Write temporary credentials into sections of the shared credentials file
    #[command(after_help = "Example: awsmfa write dev-admin --to terraform")]
    Write(write::WriteArgs),
    /// Write PROFILE's temporary credentials into [default] (= write PROFILE --to default)
    #[command(after_help = "Example: awsmfa set-default dev-admin")]
    SetDefault(write::SetDefaultArgs),
    /// Print the lines that unset what `use` set (evaluated by the shell function)
    #[command(after_help = "Example: awsmfa clear --forget")]
    Clear(clear::ClearArgs),
    /// Show what is active in this shell: profile, expiry, time left
    #[command(after_help = "Example: awsmfa status --check")]
    Status(status::StatusArgs),
    /// List profiles: kind, source, MFA device, cached credentials
    #[command(after_help = "Example: awsmfa list --json")]
    List(list::ListArgs),
    /// Open the AWS web console signed in as PROFILE (or print the sign-in URL)
    Console(console::ConsoleArgs),
    /// Rotate the long-lived access key of PROFILE wherever it is kept (file or key store)
    #[command(after_help = "Example: awsmfa rotate identity")]
    Rotate(rotate::RotateArgs),
    /// Keep long-lived keys in an encrypted store instead of the plaintext credentials file
    #[command(after_help = "Example: awsmfa store import identity")]
    Store(store::StoreArgs),
    /// Print the prompt segment (`dev-admin 42m`) from the environment alone
    #[command(after_help = "Example: awsmfa prompt --format '{profile} {left}'")]
    Prompt(prompt::PromptArgs),
    /// Print the shell integration: eval "$(awsmfa init bash)"
    #[command(
        after_help = "Example: . ~/.cache/awsmfa/init.bash 2>/dev/null || eval \"$(awsmfa init bash --save)\"   (in ~/.bashrc)"
    )]
    Init(init::InitArgs),
    /// Print a static completion script
    #[command(after_help = "Example: awsmfa completions zsh > ~/.zfunc/_awsmfa")]
    Completions(completions::CompletionsArgs),
    /// List profile names, one per line (used by completions)
    #[command(name = "__profiles", hide = true)]
    Profiles,
    /// What the shell function's `use` evaluates: export lines for SHELL only
    #[command(name = "__use", hide = true)]
    UseEval(use_::UseEvalArgs),
    /// What to offer at the cursor, for the completion scripts (see src/cli/complete.rs)
    #[command(name = "__complete", hide = true)]
    Complete(complete::CompleteArgs),
}

impl Command {
    /// The subcommand's name as typed, for messages.
    pub(super) fn name(&self) -> &'static str {
        match self {
            Command::Env(_) => "env",
            Command::Use(_) => "use",
            Command::Exec(_) => "exec",
            Command::CredentialProcess(_) => "credential-process",
            Command::Serve(_) => "serve",
            Command::Login(_) => "login",
            Command::Logout(_) => "logout",
            Command::Write(_) => "write",
            Command::SetDefault(_) => "set-default",
            Command::Clear(_) => "clear",
            Command::Status(_) => "status",
            Command::List(_) => "list",
            Command::Console(_) => "console",
            Command::Rotate(_) => "rotate",
            Command::Store(_) => "store",
            Command::Prompt(_) => "prompt",
            Command::Init(_) => "init",
            Command::Completions(_) => "completions",
            Command::Profiles => "__profiles",
            Command::UseEval(_) => "__use",
            Command::Complete(_) => "__complete",
        }
    }
}

impl GlobalArgs {
    /// The session options these flags describe. A code given here (or in AWS_MFA_TOKEN_CODE)
    /// is checked now, before anything else happens.
    pub fn options(&self) -> Result<Options> {
        let given = self.cred.token_code.clone().or_else(crate::mfa::env_code);
        let skip = given
            .as_deref()
            .is_some_and(|c| c.trim().eq_ignore_ascii_case("skip"));
        let flag = self.cred.token_code.clone().filter(|_| !skip);
        if let Some(code) = &flag {
            crate::validate::mfa_code(code)?;
        } else if let Some(code) = given.as_deref().filter(|_| !skip) {
            crate::validate::mfa_code(code).context("AWS_MFA_TOKEN_CODE")?;
        }
        if let Some(name) = &self.cred.role_session_name {
            crate::validate::session_name(name)?;
        }
        if let Some(serial) = &self.cred.serial_number {
            crate::validate::mfa_serial(serial)?;
        }
        Ok(Options {
            codes: crate::mfa::CodeSources {
                flag,
                ..Default::default()
            },
            no_mfa: self.cred.no_mfa || skip,
            serial: self.cred.serial_number.clone(),
            duration: self.cred.duration.clone(),
            session_name: self.cred.role_session_name.clone(),
            refresh: self.cred.refresh,
        })
    }

    /// The profile named on the command line, else `$AWS_PROFILE`, else `default`.
    pub fn profile_or_default(&self, positional: Option<&str>) -> String {
        positional
            .map(str::to_string)
            .or_else(|| self.profile.clone())
            .or_else(|| crate::paths::AWS_PROFILE.non_empty())
            .unwrap_or_else(|| "default".into())
    }
}

impl Command {
    /// Whether this subcommand takes the credential flags.
    pub(super) fn gets_credentials(&self) -> bool {
        match self {
            Command::Env(_)
            | Command::Exec(_)
            | Command::CredentialProcess(_)
            | Command::Serve(_)
            | Command::Login(_)
            | Command::Write(_)
            | Command::SetDefault(_)
            | Command::Console(_)
            | Command::Rotate(_)
            | Command::UseEval(_) => true,
            Command::Store(args) => args.credential_args().is_some(),
            Command::Use(_)
            | Command::Logout(_)
            | Command::Clear(_)
            | Command::Status(_)
            | Command::List(_)
            | Command::Prompt(_)
            | Command::Init(_)
            | Command::Completions(_)
            | Command::Profiles
            | Command::Complete(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_of_the_command_line_hides_the_mfa_code() {
        let cli = Cli::try_parse_from([
            "awsmfa",
            "env",
            "dev-admin",
            "-c",
            "493817",
            "--serial-number",
            "arn:aws:iam::123456789012:mfa/alice",
        ])
        .unwrap();
        let Some(Command::Env(env)) = &cli.command else {
            panic!("{cli:?}")
        };
        assert_eq!(env.cred.token_code.as_deref(), Some("493817"));
        let flags = GlobalArgs::new(&cli.common, &env.cred);
        for shown in [
            format!("{cli:?}"),
            format!("{cli:#?}"),
            format!("{flags:?}"),
            format!("{:?}", env.cred),
        ] {
            assert!(!shown.contains("493817"), "{shown}");
            assert!(shown.contains("** redacted **"), "{shown}");
            assert!(shown.contains("mfa/alice"), "{shown}");
        }
        // `use` passes its flags on to `env`: a code among them is not shown either.
        let cli = Cli::try_parse_from([
            "awsmfa",
            "use",
            "dev-admin",
            "--shell",
            "bash",
            "-c",
            "493817",
        ])
        .unwrap();
        let shown = format!("{cli:?}");
        assert!(!shown.contains("493817"), "{shown}");
        let none = format!("{:?}", GlobalArgs::default());
        assert!(none.contains("token_code: None"), "{none}");
        // Given before the subcommand, a code still reaches it, and is still not shown.
        let cli = Cli::try_parse_from(["awsmfa", "-c", "493817", "env", "dev-admin"]).unwrap();
        assert!(!format!("{cli:?}").contains("493817"));
        assert_eq!(cli.compat.cred.token_code.as_deref(), Some("493817"));
    }
}

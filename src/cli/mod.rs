//! The command line: clap definitions, the flags every subcommand shares, and dispatch to one
//! file per subcommand.

mod clear;
mod compat;
pub mod complete;
mod completions;
mod console;
mod credential_process;
mod env;
mod exec;
pub mod fast;
mod init;
mod list;
mod profiles;
mod prompt;
mod rotate;
mod serve;
mod session_cmd;
mod status;
mod store;
mod use_;
mod write;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::Config;
use crate::config::chain::Chain;
use crate::creds::Credentials;
use crate::error::{Error, Result};
use crate::session::{Options, Resolver};
use crate::sts::SdkSts;

#[derive(Debug, Parser)]
#[command(
    name = "awsmfa",
    version,
    about = "One MFA code a day: short-lived AWS credentials for your shell, child processes, SDKs and the credentials file",
    after_help = "Compatibility form (the original Python awsmfa): awsmfa [ROLE_ARN|PROFILE] --env [SHELL]\nRun `awsmfa COMMAND --help` for each command."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(flatten)]
    pub compat: compat::CompatArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Flags accepted everywhere. `Debug` is written by hand: it must not show the MFA code.
#[derive(Args, Clone, Default)]
pub struct GlobalArgs {
    /// Profile to use (default: $AWS_PROFILE, else `default`)
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// Region for STS and for the exported AWS_REGION (default: the profile's)
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,
    /// MFA code, or `skip` to go without MFA [env: AWS_MFA_TOKEN_CODE]
    #[arg(short = 'c', long = "token-code", global = true, value_name = "CODE")]
    pub token_code: Option<String>,
    /// Lifetime in seconds of the credentials handed out
    #[arg(short = 'd', long, global = true, value_name = "SECONDS")]
    pub duration: Option<String>,
    /// MFA device ARN or serial (default: mfa_serial of the profile)
    #[arg(long = "serial-number", global = true, value_name = "ARN")]
    pub serial_number: Option<String>,
    /// Role session name (default: awsmfa-$USER)
    #[arg(long = "role-session-name", global = true, value_name = "NAME")]
    pub role_session_name: Option<String>,
    /// Do not use MFA, even if the profile names a device
    #[arg(long = "no-mfa", global = true)]
    pub no_mfa: bool,
    /// Ignore cached sessions and credentials and get new ones
    #[arg(long, global = true)]
    pub refresh: bool,
    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Say more about what happens (requests, cache use)
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    pub verbose: bool,
    /// Print only errors
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

impl std::fmt::Debug for GlobalArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Destructured, so a new field cannot be forgotten here.
        let GlobalArgs {
            profile,
            region,
            token_code,
            duration,
            serial_number,
            role_session_name,
            no_mfa,
            refresh,
            color,
            verbose,
            quiet,
        } = self;
        f.debug_struct("GlobalArgs")
            .field("profile", profile)
            .field("region", region)
            .field("token_code", &token_code.as_ref().map(|_| "** redacted **"))
            .field("duration", duration)
            .field("serial_number", serial_number)
            .field("role_session_name", role_session_name)
            .field("no_mfa", no_mfa)
            .field("refresh", refresh)
            .field("color", color)
            .field("verbose", verbose)
            .field("quiet", quiet)
            .finish()
    }
}

#[derive(Debug, Clone, Copy, Default, ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print credentials for PROFILE as shell exports, JSON or dotenv: eval "$(awsmfa env PROFILE)"
    Env(env::EnvArgs),
    /// Set PROFILE's credentials in this shell (needs the function from `awsmfa init`)
    Use(use_::UseArgs),
    /// Run a command with PROFILE's credentials in its environment
    Exec(exec::ExecArgs),
    /// Print the credential_process JSON for PROFILE (for `credential_process =` in ~/.aws/config)
    CredentialProcess(credential_process::CredentialProcessArgs),
    /// Serve PROFILE's credentials on loopback to SDKs and IDEs, fresh all day (container protocol)
    Serve(serve::ServeArgs),
    /// Get and cache the MFA session of PROFILE's keys (asks for the code), printing nothing secret
    Login(session_cmd::LoginArgs),
    /// Forget cached sessions and role credentials: of PROFILE, or --all
    Logout(session_cmd::LogoutArgs),
    /// Write temporary credentials into sections of the shared credentials file
    Write(write::WriteArgs),
    /// Write PROFILE's temporary credentials into [default] (= write PROFILE --to default)
    SetDefault(write::SetDefaultArgs),
    /// Print the lines that unset what `use` set (evaluated by the shell function)
    Clear(clear::ClearArgs),
    /// Show what is active in this shell: profile, expiry, time left
    Status(status::StatusArgs),
    /// List profiles: kind, source, MFA device, cached credentials
    List(list::ListArgs),
    /// Open the AWS web console signed in as PROFILE (or print the sign-in URL)
    Console(console::ConsoleArgs),
    /// Rotate the long-lived access key of PROFILE wherever it is kept (file or key store)
    Rotate(rotate::RotateArgs),
    /// Keep long-lived keys in an encrypted store instead of the plaintext credentials file
    Store(store::StoreArgs),
    /// Print the prompt segment (`dev-admin 42m`) from the environment alone
    Prompt(prompt::PromptArgs),
    /// Print the shell integration: eval "$(awsmfa init bash)"
    Init(init::InitArgs),
    /// Print a static completion script
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

impl GlobalArgs {
    /// The session options these flags describe. A code given here (or in AWS_MFA_TOKEN_CODE)
    /// is checked now, before anything else happens.
    pub fn options(&self) -> Result<Options> {
        let given = self.token_code.clone().or_else(crate::mfa::env_code);
        let skip = given
            .as_deref()
            .is_some_and(|c| c.trim().eq_ignore_ascii_case("skip"));
        let flag = self.token_code.clone().filter(|_| !skip);
        if let Some(code) = &flag {
            crate::validate::mfa_code(code)?;
        } else if let Some(code) = given.as_deref().filter(|_| !skip) {
            crate::validate::mfa_code(code)
                .map_err(|e| Error::Usage(format!("AWS_MFA_TOKEN_CODE: {e}")))?;
        }
        if let Some(name) = &self.role_session_name {
            crate::validate::session_name(name)?;
        }
        if let Some(serial) = &self.serial_number {
            crate::validate::mfa_serial(serial)?;
        }
        Ok(Options {
            codes: crate::mfa::CodeSources {
                flag,
                mfa_process: None,
                login_hint: String::new(),
            },
            no_mfa: self.no_mfa || skip,
            serial: self.serial_number.clone(),
            duration: self.duration.clone(),
            session_name: self.role_session_name.clone(),
            refresh: self.refresh,
        })
    }

    /// The profile named on the command line, else `$AWS_PROFILE`, else `default`.
    pub fn profile_or_default(&self, positional: Option<&str>) -> String {
        positional
            .map(str::to_string)
            .or_else(|| self.profile.clone())
            .or_else(|| std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty()))
            .unwrap_or_else(|| "default".into())
    }
}

/// Credentials for a resolved chain, with everything a renderer needs.
pub struct Issued {
    pub profile: String,
    pub creds: Credentials,
    pub region: Option<String>,
}

/// Resolve `chain` with the global flags: the shared path of env, exec, credential-process.
pub fn issue(global: &GlobalArgs, chain: &Chain, login_hint: String) -> Result<Issued> {
    let mut opts = global.options()?;
    opts.codes.mfa_process = chain.mfa_process.clone();
    opts.codes.login_hint = login_hint;
    let region = crate::sts::pick_region(global.region.as_deref(), chain.region.as_deref());
    let sts = SdkSts::new(region);
    let resolver = Resolver::new(&opts, &sts);
    let creds = resolver.credentials(chain)?;
    let exported_region = global.region.clone().or_else(|| chain.region.clone());
    // The one check every hand-out passes (env, use, exec, credential-process, write,
    // console, the compatibility form): no NUL in anything that goes out.
    crate::validate::handed_out(&creds, &chain.target, exported_region.as_deref())?;
    Ok(Issued {
        profile: chain.target.clone(),
        creds,
        region: exported_region,
    })
}

/// Load the config files and resolve `profile`.
pub fn load_chain(profile: &str) -> Result<Chain> {
    Config::load()?.chain(profile)
}

/// "dev-admin: credentials expire in 11h59m (2026-11-27T08:00:00Z)" on stderr.
pub fn expiry_notice(issued: &Issued) {
    if let Some(exp) = issued.creds.expiration {
        crate::ui::info(&format!(
            "{}: credentials expire in {} ({})",
            issued.profile,
            crate::creds::time_left(exp),
            crate::creds::format_utc(exp)
        ));
    }
}

/// Write `text` to stdout. A closed pipe (`awsmfa ... | head`) is not an error.
pub fn print_stdout(text: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("cannot write to stdout", e)),
    }
}

/// Refuse to print secrets to a terminal unless `--force`.
pub fn refuse_terminal(force: bool, how: &str) -> Result<()> {
    use std::io::IsTerminal;
    if !force && std::io::stdout().is_terminal() {
        return Err(Error::Usage(format!(
            "not printing credentials to a terminal; use: {how}  (or --force)"
        )));
    }
    Ok(())
}

pub fn run(cli: Cli) -> Result<()> {
    crate::ui::set_level(if cli.global.quiet {
        0
    } else if cli.global.verbose {
        2
    } else {
        1
    });
    match cli.command {
        Some(Command::Env(args)) => env::run(&cli.global, &args),
        Some(Command::Use(args)) => use_::run(&args),
        Some(Command::Exec(args)) => exec::run(&cli.global, &args),
        Some(Command::CredentialProcess(args)) => credential_process::run(&cli.global, &args),
        Some(Command::Serve(args)) => serve::run(&cli.global, &args),
        Some(Command::Login(args)) => session_cmd::login(&cli.global, &args),
        Some(Command::Logout(args)) => session_cmd::logout(&cli.global, &args),
        Some(Command::Write(args)) => write::run(&cli.global, &args),
        Some(Command::SetDefault(args)) => write::run_set_default(&cli.global, &args),
        Some(Command::Clear(args)) => clear::run(&args),
        Some(Command::Status(args)) => status::run(&args),
        Some(Command::List(args)) => list::run(&args),
        Some(Command::Console(args)) => console::run(&cli.global, &args),
        Some(Command::Rotate(args)) => rotate::run(&cli.global, &args),
        Some(Command::Store(args)) => store::run(&cli.global, &args),
        Some(Command::Prompt(args)) => prompt::run(&args),
        Some(Command::Init(args)) => init::run(&args),
        Some(Command::Completions(args)) => completions::run(&args),
        Some(Command::Profiles) => profiles::run(),
        Some(Command::UseEval(args)) => use_::run_eval(&cli.global, &args),
        Some(Command::Complete(args)) => complete::run(&args),
        None => compat::run(&cli.global, &cli.compat),
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
        assert_eq!(cli.global.token_code.as_deref(), Some("493817"));
        for shown in [
            format!("{cli:?}"),
            format!("{cli:#?}"),
            format!("{:?}", cli.global),
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
    }
}

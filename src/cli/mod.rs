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
pub mod usage;
mod use_;
mod write;

use clap::{Args, Parser, Subcommand};

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
    fn or(&self, before: &CredentialArgs) -> CredentialArgs {
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
    fn first_given(&self) -> Option<&'static str> {
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
/// What the subcommands read (`global.region`, `global.options()`). `Debug` is written by
/// hand: it must not show the MFA code.
#[derive(Clone, Default)]
pub struct GlobalArgs {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub token_code: Option<String>,
    pub duration: Option<String>,
    pub serial_number: Option<String>,
    pub role_session_name: Option<String>,
    pub no_mfa: bool,
    pub refresh: bool,
    pub verbose: bool,
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
            .field("verbose", verbose)
            .field("quiet", quiet)
            .finish()
    }
}

impl GlobalArgs {
    pub fn new(common: &CommonArgs, cred: &CredentialArgs) -> GlobalArgs {
        let CredentialArgs {
            region,
            token_code,
            duration,
            serial_number,
            role_session_name,
            no_mfa,
            refresh,
        } = cred.clone();
        GlobalArgs {
            profile: common.profile.clone(),
            region,
            token_code,
            duration,
            serial_number,
            role_session_name,
            no_mfa,
            refresh,
            verbose: common.verbose,
            quiet: common.quiet,
        }
    }
}

pub use crate::ui::ColorChoice;

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
    #[command(after_help = "Example: eval \"$(awsmfa init bash)\"   (in ~/.bashrc)")]
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
    fn name(&self) -> &'static str {
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
                ..Default::default()
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
            .or_else(|| crate::paths::AWS_PROFILE.non_empty())
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
    issue_with(global, chain, login_hint, false)
}

/// [`issue`], and with `no_prompt` never asking for an MFA code (the credential server once its
/// command owns the terminal).
pub fn issue_with(
    global: &GlobalArgs,
    chain: &Chain,
    login_hint: String,
    no_prompt: bool,
) -> Result<Issued> {
    let mut opts = global.options()?;
    opts.codes.for_chain(chain)?;
    opts.codes.login_hint = login_hint;
    opts.codes.no_prompt = no_prompt;
    let sts = SdkSts::for_chain(global.region.as_deref(), chain);
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

/// What a command that needs an MFA code and has no terminal to ask on tells the user to run.
pub fn login_hint(profile: &str) -> String {
    format!(
        "log in first with `awsmfa login {}` in a terminal, or pass -c CODE",
        crate::render::shell_word(profile)
    )
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

/// What a command is called in an MFA dialog: "needed by credential_process for dev-admin".
fn requester(command: Option<&Command>) -> String {
    match command {
        Some(Command::CredentialProcess(_)) => "credential_process".into(),
        Some(Command::Serve(_)) => "the credential server".into(),
        Some(Command::Exec(args)) if args.server => "the credential server".into(),
        Some(c) => format!("awsmfa {}", c.name()),
        None => "awsmfa".into(),
    }
}

pub fn run(cli: Cli) -> Result<()> {
    let Cli {
        common,
        compat,
        command,
    } = cli;
    crate::ui::set_level(if common.quiet {
        0
    } else if common.verbose {
        2
    } else {
        1
    });
    crate::ui::set_color(common.color);
    crate::prompt_driver::set_requester(requester(command.as_ref()));
    let Some(command) = command else {
        return compat::run(&GlobalArgs::new(&common, &compat.cred), &compat);
    };
    // Credential flags given before the subcommand (`awsmfa -c 123456 env dev`) apply to it;
    // a subcommand that gets no credentials refuses them rather than ignore them.
    let before = &compat.cred;
    let flags = |own: &CredentialArgs| GlobalArgs::new(&common, &own.or(before));
    if let Some(flag) = before.first_given()
        && !command.gets_credentials()
    {
        return Err(Error::Usage(format!(
            "{flag} applies to commands that get credentials, not to `awsmfa {}`",
            command.name()
        )));
    }
    let none = GlobalArgs::new(&common, &CredentialArgs::default());
    match command {
        Command::Env(args) => env::run(&flags(&args.cred), &args),
        Command::Use(args) => use_::run(&args),
        Command::Exec(args) => exec::run(&flags(&args.cred), &args),
        Command::CredentialProcess(args) => credential_process::run(&flags(&args.cred), &args),
        Command::Serve(args) => serve::run(&flags(&args.cred), &args),
        Command::Login(args) => session_cmd::login(&flags(&args.cred), &args),
        Command::Logout(args) => session_cmd::logout(&none, &args),
        Command::Write(args) => write::run(&flags(&args.cred), &args),
        Command::SetDefault(args) => write::run_set_default(&flags(&args.cred), &args),
        Command::Clear(args) => clear::run(&args),
        Command::Status(args) => status::run(&args),
        Command::List(args) => list::run(&args),
        Command::Console(args) => console::run(&flags(&args.cred), &args),
        Command::Rotate(args) => rotate::run(&flags(&args.cred), &args),
        Command::Store(args) => {
            let cred = args.credential_args().cloned().unwrap_or_default();
            store::run(&flags(&cred), &args)
        }
        Command::Prompt(args) => prompt::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Completions(args) => completions::run(&args),
        Command::Profiles => profiles::run(),
        Command::UseEval(args) => use_::run_eval(&flags(&args.cred), &args),
        Command::Complete(args) => complete::run(&args),
    }
}

impl Command {
    /// Whether this subcommand takes the credential flags.
    fn gets_credentials(&self) -> bool {
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

//! The command line: dispatch to one file per subcommand, and what they share (getting
//! credentials, printing them). The clap definitions are in [`args`].

mod args;
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

use crate::config::Config;
use crate::config::chain::Chain;
use crate::creds::Credentials;
use crate::error::{Error, Result};
use crate::session::Resolver;
use crate::sts::SdkSts;

pub use args::{Cli, Command, CommonArgs, CredentialArgs, GlobalArgs};

pub use crate::ui::ColorChoice;

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
    let sts = SdkSts::for_chain(global.cred.region.as_deref(), chain);
    let resolver = Resolver::new(&opts, &sts);
    let creds = resolver.credentials(chain)?;
    let exported_region = global.cred.region.clone().or_else(|| chain.region.clone());
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

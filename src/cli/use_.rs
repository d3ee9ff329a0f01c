//! `awsmfa use PROFILE`. Run as the binary it can only explain how to install the shell function
//! from `awsmfa init` (nothing else can change the calling shell's environment). The function
//! itself runs the hidden `awsmfa __use SHELL PROFILE [flags]` and evaluates what it prints.
//!
//! `__use` exists so that the function never evaluates anything but awsmfa's export lines for
//! its own shell: `--format json` / `dotenv` or `--shell OTHER` passed to `use` would otherwise
//! reach `env` and their output would be run as shell code (a JSON document holding a hostile
//! secret is a command line). The refusal is made here, once, by clap's parser, which knows
//! every spelling (`--format=json`, `-fjson`, `-f json`, ...), instead of in five hand-written
//! shell functions that would each have to re-implement option parsing.

use clap::Args;

use super::GlobalArgs;
use super::env::{EnvArgs, Format};
use crate::error::{Error, Result};
use crate::render::{ShellKind, shell_word};

/// `Debug` is written by hand: the flags for `env` may hold an MFA code (`-c 123456`).
#[derive(Args)]
pub struct UseArgs {
    /// Profile to use
    #[arg(id = "profile_name", value_name = "PROFILE")]
    pub profile: Option<String>,
    /// Flags for `env`
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    pub rest: Vec<String>,
}

impl std::fmt::Debug for UseArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UseArgs")
            .field("profile", &self.profile)
            .field(
                "rest",
                &format_args!("[{} arguments, not shown]", self.rest.len()),
            )
            .finish()
    }
}

pub fn run(args: &UseArgs) -> Result<()> {
    let profile = shell_word(args.profile.as_deref().unwrap_or("PROFILE"));
    Err(needs_function("use", &format!("env {profile}")))
}

/// What `use` and `clear` say when run as the binary, where they cannot change the calling
/// shell: how to install the function, and the `eval` line that does the same meanwhile.
pub fn needs_function(command: &str, meanwhile: &str) -> Error {
    Error::Usage(format!(
        "`awsmfa {command}` needs the shell function: add `eval \"$(awsmfa init bash)\"` (or zsh; fish: `awsmfa init fish | source`) to your shell's rc file; meanwhile: eval \"$(awsmfa {meanwhile})\""
    ))
}

/// With no profile named and a terminal to ask on, the profile the user picks (Esc cancels with
/// nothing changed: an error, so the function evaluates nothing); without a terminal, `None`
/// (`env`'s default: $AWS_PROFILE, else `default`). Off the warm path: only `use` without a
/// profile gets here.
fn pick_on_terminal() -> Result<Option<String>> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    let Some(tty) = crate::tty::open() else {
        return Ok(None);
    };
    let config = crate::config::Config::load()?;
    let (names, rows) = picker_rows(&config);
    if rows.is_empty() {
        return Err(Error::Usage(
            "no profiles in the AWS config or credentials files to pick from".into(),
        ));
    }
    match crate::picker::pick(&tty, "awsmfa use", &rows)? {
        Some(i) => Ok(Some(names[i].clone())),
        None => Err(Error::Other("no profile picked; nothing changed".into())),
    }
}

/// One row per profile: name, account, role name, region, cached time left (files and the
/// cache only; no request).
fn picker_rows(config: &crate::config::Config) -> (Vec<String>, Vec<crate::picker::Row>) {
    let opts = crate::session::Options::default();
    let sts = crate::sts::SdkSts::new("us-east-1".into());
    let mut resolver = crate::session::Resolver::new(&opts, &sts);
    resolver.offline = true;
    let now = chrono::Utc::now();
    let mut names = Vec::new();
    let mut rows = Vec::new();
    for name in config.profile_names() {
        let chain = config.chain(&name).ok();
        let arn = chain.as_ref().and_then(|c| {
            c.roles
                .first()
                .map(|r| r.role_arn.clone())
                .or_else(|| resolver.mfa_device(c).ok().flatten())
        });
        // arn:aws:iam::123456789012:role/path/name -> 123456789012, name
        let account = arn
            .as_deref()
            .and_then(|a| a.split(':').nth(4))
            .unwrap_or("-")
            .to_string();
        let role = chain
            .as_ref()
            .and_then(|c| c.roles.first())
            .and_then(|r| r.role_arn.rsplit('/').next())
            .unwrap_or("-")
            .to_string();
        let region = chain
            .as_ref()
            .and_then(|c| c.region.clone())
            .unwrap_or_else(|| "-".into());
        let left = chain
            .as_ref()
            .and_then(|c| resolver.peek(c).ok())
            .and_then(|(target, _)| target)
            .and_then(|e| e.credentials.expiration)
            .map(|exp| match crate::creds::seconds_left(exp, now) {
                s if s > 0 => format!("{} left", crate::creds::short_duration(s)),
                _ => "expired".into(),
            })
            .unwrap_or_else(|| "-".into());
        rows.push(crate::picker::Row {
            haystack: format!("{name} {account} {role} {region}"),
            columns: vec![name.clone(), account, role, region, left],
        });
        names.push(name);
    }
    (names, rows)
}

/// The hidden `awsmfa __use SHELL [PROFILE]`: what the shell function's `use` runs. The export
/// lines for SHELL and nothing else. `--format` and `--shell` are accepted by the parser only
/// to be refused with a message that says what to run instead.
#[derive(Debug, Args)]
pub struct UseEvalArgs {
    /// The shell whose function evaluates the output
    #[arg(value_enum)]
    pub shell: ShellKind,
    /// Profile (default: --profile, $AWS_PROFILE, `default`)
    #[arg(id = "profile_name", value_name = "PROFILE")]
    pub profile: Option<String>,
    /// Refused: `use` prints only export lines for the shell that evaluates them
    #[arg(long, short = 'f', num_args = 0..=1, default_missing_value = "", hide = true)]
    pub format: Option<String>,
    /// Refused: `use` prints only export lines for the shell that evaluates them
    #[arg(long = "shell", short = 's', num_args = 0..=1, default_missing_value = "", hide = true)]
    pub other_shell: Option<String>,
    /// Accepted for compatibility with `env`; the function's output is never a terminal
    #[arg(long, hide = true)]
    pub force: bool,
    #[command(flatten)]
    pub cred: super::CredentialArgs,
}

pub fn run_eval(global: &GlobalArgs, args: &UseEvalArgs) -> Result<()> {
    let profile = shell_word(args.profile.as_deref().unwrap_or("PROFILE"));
    if let Some(format) = &args.format {
        let format = if format.is_empty() { "FORMAT" } else { format };
        return Err(Error::Usage(format!(
            "`awsmfa use` sets credentials in this shell and takes no --format; to print them as {format}: awsmfa env {profile} --format {}",
            shell_word(format)
        )));
    }
    if let Some(other) = &args.other_shell {
        let other = if other.is_empty() { "SHELL" } else { other };
        return Err(Error::Usage(format!(
            "`awsmfa use` sets credentials in the shell it runs in and takes no --shell; to print them for {other}: awsmfa env {profile} --shell {}",
            shell_word(other)
        )));
    }
    let mut profile = args.profile.clone();
    if profile.is_none() && global.profile.is_none() {
        profile = pick_on_terminal()?;
    }
    let env = EnvArgs {
        profile,
        shell: Some(args.shell),
        format: Format::Shell,
        force: args.force,
        cred: args.cred.clone(),
    };
    super::env::run(global, &env)
}

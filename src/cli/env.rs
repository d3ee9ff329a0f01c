//! `awsmfa env [PROFILE]`: credentials as export lines for a shell, as the credential_process
//! JSON, or as dotenv. stdout holds only that; notices go to stderr.

use clap::{Args, ValueEnum};

use super::{GlobalArgs, expiry_notice, issue, load_chain, print_stdout, refuse_terminal};
use crate::error::{Error, Result};
use crate::render::{self, ShellKind};

#[derive(Debug, Args)]
pub struct EnvArgs {
    /// Profile (default: --profile, $AWS_PROFILE, `default`)
    // Not the id `profile`: that would shadow the global `--profile` flag in this subcommand.
    #[arg(id = "profile_name", value_name = "PROFILE")]
    pub profile: Option<String>,
    /// Shell to print for (default: from $SHELL, else sh)
    #[arg(long, short = 's', value_enum)]
    pub shell: Option<ShellArg>,
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Shell)]
    pub format: Format,
    /// Print even when stdout is a terminal
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub cred: super::CredentialArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ShellArg {
    Bash,
    Zsh,
    Fish,
    Sh,
    #[value(alias = "pwsh")]
    Powershell,
}

impl From<ShellArg> for ShellKind {
    fn from(s: ShellArg) -> ShellKind {
        match s {
            ShellArg::Bash => ShellKind::Bash,
            ShellArg::Zsh => ShellKind::Zsh,
            ShellArg::Fish => ShellKind::Fish,
            ShellArg::Sh => ShellKind::Sh,
            ShellArg::Powershell => ShellKind::PowerShell,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Shell,
    Json,
    Dotenv,
}

/// The shell from `--shell`, else from `$SHELL`, else POSIX sh. A `$SHELL` awsmfa cannot
/// quote for is an error: guessing would hand the user lines their shell may misread.
pub fn pick_shell(flag: Option<ShellKind>) -> Result<ShellKind> {
    if let Some(s) = flag {
        return Ok(s);
    }
    match std::env::var("SHELL") {
        Ok(s) if !s.is_empty() => ShellKind::parse(&s).ok_or_else(|| {
            Error::Usage(format!(
                "cannot print for $SHELL={s}; pass --shell bash, zsh, fish, sh or powershell"
            ))
        }),
        _ => Ok(ShellKind::Sh),
    }
}

/// Render issued credentials in `format` for `shell`. Only dotenv can fail: some values have
/// no form its readers return unchanged (see `render::dotenv`).
pub fn render(issued: &super::Issued, format: Format, shell: ShellKind) -> Result<String> {
    match format {
        Format::Json => Ok(render::json::credential_process(&issued.creds)),
        Format::Dotenv => {
            let vars = render::export_set(&issued.creds, &issued.profile, issued.region.as_deref());
            vars.iter()
                .map(|(k, v)| render::dotenv::set_var(k, v))
                .collect()
        }
        Format::Shell => {
            let vars = render::with_region_mark(render::export_set(
                &issued.creds,
                &issued.profile,
                issued.region.as_deref(),
            ));
            Ok(render::shell_exports(shell, &vars))
        }
    }
}

pub fn run(global: &GlobalArgs, args: &EnvArgs) -> Result<()> {
    let profile = global.profile_or_default(args.profile.as_deref());
    let shell = pick_shell(args.shell.map(ShellKind::from))?;
    let shown = render::shell_word(&profile);
    refuse_terminal(args.force, &format!("eval \"$(awsmfa env {shown})\""))?;
    let chain = load_chain(&profile)?;
    let issued = issue(global, &chain, super::login_hint(&profile))?;
    print_stdout(&render(&issued, args.format, shell)?)?;
    expiry_notice(&issued);
    Ok(())
}

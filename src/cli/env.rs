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
    pub shell: Option<ShellKind>,
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
pub enum Format {
    Shell,
    Json,
    Dotenv,
}

/// The shell from `--shell`, else from `$SHELL`, else POSIX sh. A `$SHELL` awsmfa cannot
/// quote for is an error: guessing would hand the user lines their shell may misread.
pub fn pick_shell(flag: Option<ShellKind>) -> Result<ShellKind> {
    ShellKind::from_flag_or_env(flag).map_err(|s| {
        let names: Vec<&str> = ShellKind::ALL.iter().map(|k| k.name()).collect();
        Error::Usage(format!(
            "cannot print for $SHELL={s}; pass --shell {}",
            names.join(", ")
        ))
    })
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
    let shell = pick_shell(args.shell)?;
    let shown = render::shell_word(&profile);
    refuse_terminal(args.force, &format!("eval \"$(awsmfa env {shown})\""))?;
    let chain = load_chain(&profile)?;
    let issued = issue(global, &chain, super::login_hint(&profile))?;
    print_stdout(&render(&issued, args.format, shell)?)?;
    expiry_notice(&issued);
    Ok(())
}

//! `awsmfa clear`: print the lines that unset everything `use` set (the shell function from
//! `awsmfa init` evaluates them). `--forget` also forgets the active profile's cached
//! credentials, so the next `use` asks for a new MFA code. Long-lived keys are never touched.

use clap::Args;

use super::env::{ShellArg, pick_shell};
use crate::cache::Cache;
use crate::config::Config;
use crate::error::Result;
use crate::render::{ShellKind, shell_clear};

#[derive(Debug, Args)]
pub struct ClearArgs {
    /// Shell to print for (default: from $SHELL, else sh)
    #[arg(long, short = 's', value_enum)]
    pub shell: Option<ShellArg>,
    /// Also forget the active profile's cached session and role credentials
    #[arg(long)]
    pub forget: bool,
}

pub fn run(args: &ClearArgs) -> Result<()> {
    let shell = pick_shell(args.shell.map(ShellKind::from))?;
    if args.forget {
        match std::env::var("AWSMFA_PROFILE")
            .ok()
            .filter(|p| !p.is_empty())
        {
            Some(profile) => forget(&profile)?,
            None => crate::ui::info(
                "--forget: no awsmfa profile is active in this shell; nothing to forget",
            ),
        }
    }
    super::print_stdout(&shell_clear(shell))
}

/// Remove the cache entries of `profile` and of every profile its chain passes through.
fn forget(profile: &str) -> Result<()> {
    let mut names = vec![profile.to_string()];
    if let Ok(chain) = Config::load().and_then(|c| c.chain(profile)) {
        names.extend(chain.roles.iter().map(|r| r.profile.clone()));
        names.extend(chain.key_profile.clone());
    }
    let removed = Cache::open().remove_profiles(&names)?;
    crate::ui::info(&format!(
        "forgot {removed} cached credential{} of '{profile}'",
        if removed == 1 { "" } else { "s" }
    ));
    Ok(())
}

//! `awsmfa clear [--forget | PROFILE | --all]`: print the lines that unset everything `use`
//! set (the shell function from `awsmfa init` evaluates them). `--forget` also forgets the
//! active profile's cached credentials; `PROFILE` / `--all` forget those cached sessions and
//! remove the temporary sections awsmfa wrote into the credentials file. Long-lived keys are
//! never touched.

use std::io::IsTerminal;

use clap::Args;

use super::env::pick_shell;
use crate::cache::{Cache, Scope};
use crate::credfile::{Removed, managed_sections, remove_section};
use crate::error::{Error, Result};
use crate::paths::credentials_file as credentials_path;
use crate::render::{ShellKind, shell_clear};

#[derive(Debug, Args)]
pub struct ClearArgs {
    /// Forget PROFILE's cached credentials and remove the sections awsmfa wrote for it
    #[arg(value_name = "PROFILE", conflicts_with_all = ["all", "forget"])]
    pub profile_name: Option<String>,
    /// Forget every cached credential and remove every section awsmfa wrote
    #[arg(long, conflicts_with = "forget")]
    pub all: bool,
    /// Also forget the active profile's cached session and role credentials
    #[arg(long)]
    pub forget: bool,
    /// Shell to print for (default: from $SHELL, else sh)
    #[arg(long, short = 's', value_enum)]
    pub shell: Option<ShellKind>,
}

fn active_profile() -> Option<String> {
    crate::paths::AWSMFA_PROFILE.non_empty()
}

pub fn run(args: &ClearArgs) -> Result<()> {
    let shell = pick_shell(args.shell)?;
    let mut unset = true;
    if args.all {
        let removed = Cache::open().forget(Scope::All)?;
        crate::ui::info(&format!(
            "forgot {removed} cached credential{}",
            plural(removed)
        ));
        remove_sections(None)?;
    } else if let Some(profile) = &args.profile_name {
        forget(profile)?;
        remove_sections(Some(profile))?;
        // Leave this shell alone unless the profile cleared is the one active in it.
        unset = active_profile().as_deref() == Some(profile.as_str());
    } else if args.forget {
        match active_profile() {
            Some(profile) => forget(&profile)?,
            None => crate::ui::info(
                "--forget: no awsmfa profile is active in this shell; nothing to forget",
            ),
        }
    }
    if unset {
        // On a terminal the lines would only be shown, not run: nothing would be cleared.
        // Said as `use` says it (the function's own call captures stdout, never a terminal).
        if std::io::stdout().is_terminal() {
            return Err(super::use_::needs_function("clear", "clear"));
        }
        super::print_stdout(&shell_clear(shell))?;
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Remove the cache entries of `profile` and of every profile its chain passes through.
pub(super) fn forget(profile: &str) -> Result<()> {
    let removed = Cache::open().forget(Scope::Profile(profile))?;
    crate::ui::info(&format!(
        "forgot {removed} cached credential{} of '{profile}'",
        plural(removed)
    ));
    Ok(())
}

/// Remove the awsmfa-managed sections written for `profile` (its own name and the `-mfa` name
/// `write` uses for role profiles), or every managed section; say what was removed and spared.
fn remove_sections(profile: Option<&str>) -> Result<()> {
    let path = credentials_path();
    let names: Vec<String> = match profile {
        Some(p) => vec![p.to_string(), format!("{p}-mfa")],
        None => match std::fs::read_to_string(&path) {
            Ok(text) => managed_sections(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(Error::io(format!("cannot read {}", path.display()), e)),
        },
    };
    for name in names {
        match remove_section(&path, &name) {
            Ok(Removed::Section | Removed::Keys) => {
                crate::ui::info(&format!("removed [{name}] from {}", path.display()));
            }
            Ok(Removed::NotFound) => {}
            Err(e) if e.refusal().is_some() => crate::ui::info(&format!("spared [{name}]: {e}")),
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

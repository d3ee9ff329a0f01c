//! `awsmfa init SHELL`: the integration script for the shell's rc file: the `awsmfa` function,
//! `awsmfa_prompt`, and the completion. The scripts are real files under `shell/`; the
//! binary's path is inserted quoted by that shell's own rules.
//!
//! The script is small on purpose (it runs at every shell start-up): the completion is a stub
//! of a few lines that asks the binary (`awsmfa __complete`) on each TAB, so nothing of the
//! command line's definition is loaded before it is used.

use clap::Args;

use super::completions;
use crate::error::{Error, Result};
use crate::render::ShellKind;

const BASH: &str = include_str!("../../shell/awsmfa.bash");
const ZSH: &str = include_str!("../../shell/awsmfa.zsh");
const FISH: &str = include_str!("../../shell/awsmfa.fish");
const POWERSHELL: &str = include_str!("../../shell/awsmfa.ps1");
const SH: &str = include_str!("../../shell/awsmfa.sh");
const NU: &str = include_str!("../../shell/awsmfa.nu");
const ELVISH: &str = include_str!("../../shell/awsmfa.elv");

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Shell to integrate with
    #[arg(value_enum)]
    pub shell: ShellKind,
}

/// The init script for `shell`, calling the binary at `bin`.
pub fn init_script(shell: ShellKind, bin: &str) -> String {
    let functions = match shell {
        ShellKind::Bash => BASH,
        ShellKind::Zsh => ZSH,
        ShellKind::Fish => FISH,
        ShellKind::PowerShell => POWERSHELL,
        ShellKind::Sh => SH,
        ShellKind::Nu => NU,
        ShellKind::Elvish => ELVISH,
    };
    let mut out = functions.replace("__AWSMFA_BIN__", &shell.quote(bin));
    if let Some(completion) = completions::script(shell, bin) {
        out.push('\n');
        out.push_str(&completion);
    }
    out
}

pub fn run(args: &InitArgs) -> Result<()> {
    let exe = std::env::current_exe()
        .map_err(|e| Error::io("cannot find the awsmfa binary's path", e))?;
    let bin = exe.to_str().ok_or_else(|| {
        Error::Other(format!("the binary's path is not UTF-8: {}", exe.display()))
    })?;
    super::print_stdout(&init_script(args.shell, bin))
}

//! `awsmfa init SHELL`: the integration script for the shell's rc file: the `awsmfa` function,
//! `awsmfa_prompt`, and completions with live profile names. The scripts are real files under
//! `shell/`; the binary's path is inserted quoted by that shell's own rules.

use clap::Args;
use clap_complete::Shell;

use super::completions::script;
use super::env::ShellArg;
use crate::error::{Error, Result};
use crate::render::{ShellKind, fish, posix, powershell};

const BASH: &str = include_str!("../../shell/awsmfa.bash");
const ZSH: &str = include_str!("../../shell/awsmfa.zsh");
const FISH: &str = include_str!("../../shell/awsmfa.fish");
const POWERSHELL: &str = include_str!("../../shell/awsmfa.ps1");
const SH: &str = include_str!("../../shell/awsmfa.sh");

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Shell to integrate with
    #[arg(value_enum)]
    pub shell: ShellArg,
}

/// The generated zsh completion without its last block, which calls `compdef` (defined only
/// after compinit) at load time; init registers the function itself when compdef exists.
fn zsh_completion_functions() -> String {
    let full = script(Shell::Zsh);
    match full.rfind("\nif [ \"$funcstack[1]\" = \"_awsmfa\" ]; then") {
        Some(i) => full[..i].to_string(),
        None => full,
    }
}

/// The init script for `shell`, calling the binary at `bin`.
pub fn init_script(shell: ShellKind, bin: &str) -> String {
    match shell {
        ShellKind::Bash => format!(
            "{}\n{}\ncomplete -F _awsmfa_complete_profiles -o bashdefault -o default awsmfa\n",
            BASH.replace("__AWSMFA_BIN__", &posix::quote(bin)),
            script(Shell::Bash).replace(
                "complete -F _awsmfa ",
                "complete -F _awsmfa_complete_profiles "
            ),
        ),
        ShellKind::Zsh => format!(
            "{}\nif (( $+functions[compdef] )); then\n{}\ncompdef _awsmfa_complete_profiles awsmfa\nfi\n",
            ZSH.replace("__AWSMFA_BIN__", &posix::quote(bin)),
            zsh_completion_functions().trim_start_matches("#compdef awsmfa\n"),
        ),
        ShellKind::Fish => format!(
            "{}\n{}",
            FISH.replace("__AWSMFA_BIN__", &fish::quote(bin)),
            script(Shell::Fish)
        ),
        ShellKind::PowerShell => POWERSHELL.replace("__AWSMFA_BIN__", &powershell::quote(bin)),
        ShellKind::Sh => SH.replace("__AWSMFA_BIN__", &posix::quote(bin)),
    }
}

pub fn run(args: &InitArgs) -> Result<()> {
    let exe = std::env::current_exe()
        .map_err(|e| Error::io("cannot find the awsmfa binary's path", e))?;
    let bin = exe.to_str().ok_or_else(|| {
        Error::Other(format!("the binary's path is not UTF-8: {}", exe.display()))
    })?;
    super::print_stdout(&init_script(ShellKind::from(args.shell), bin))
}

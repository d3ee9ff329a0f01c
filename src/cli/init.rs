//! `awsmfa init SHELL`: the integration script for the shell's rc file: the `awsmfa` function,
//! `awsmfa_prompt`, and the completion. The scripts are real files under `shell/`; the
//! binary's path is inserted quoted by that shell's own rules.
//!
//! The script is small on purpose (it runs at every shell start-up): the completion asks the
//! binary (`awsmfa __complete`) on each TAB, so nothing of the command line's definition is
//! loaded before it is used; in bash and zsh even that function is a stub until the first
//! TAB. For bash, zsh, fish and sh it is printed without comments and blank lines, which the
//! shell would otherwise read and parse at every start (zsh: 0.32 against 0.19 ms per `source`
//! in a loop; a few hundredths of a millisecond in a fresh shell).

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
    let functions = functions.replace("__AWSMFA_BIN__", &shell.quote(bin));
    // bash and zsh get a stub (in their script) that loads the completion at the first TAB.
    let completion = match shell {
        ShellKind::Bash | ShellKind::Zsh => None,
        _ => completions::script(shell, bin),
    };
    // nushell, elvish and PowerShell source a saved file or a profile where the comments are
    // the commands' help (`help awsmfa` in nushell): they keep them.
    if !matches!(
        shell,
        ShellKind::Bash | ShellKind::Zsh | ShellKind::Fish | ShellKind::Sh
    ) {
        return functions + &completion.map(|c| format!("\n{c}")).unwrap_or_default();
    }
    let mut out = format!(
        "# awsmfa init {}: generated, comments left out (the commented source: `shell/` in awsmfa's repository)\n",
        shell.name()
    );
    push_code(&mut out, &functions);
    if let Some(completion) = completion {
        push_code(&mut out, &completion);
    }
    out
}

/// Appends the lines of `script` that are code: not blank, not a whole-line comment. No script
/// under `shell/` has a string or here-document spanning lines, where this would cut into the
/// text (tests/it/shell_integration.rs has each shell compare what the commented and the
/// printed script define).
fn push_code(out: &mut String, script: &str) {
    for line in script.lines() {
        let code = line.trim_start();
        if !code.is_empty() && !code.starts_with('#') {
            out.push_str(line);
            out.push('\n');
        }
    }
}

pub fn run(args: &InitArgs) -> Result<()> {
    let exe = std::env::current_exe()
        .map_err(|e| Error::io("cannot find the awsmfa binary's path", e))?;
    let bin = exe.to_str().ok_or_else(|| {
        Error::Other(format!("the binary's path is not UTF-8: {}", exe.display()))
    })?;
    super::print_stdout(&init_script(args.shell, bin))
}

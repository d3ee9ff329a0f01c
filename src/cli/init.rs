//! `awsmfa init SHELL`: the integration script for the shell's rc file: the `awsmfa` function,
//! `awsmfa_prompt`, and the completion. The scripts are real files under `shell/`; the
//! binary's path is inserted quoted by that shell's own rules.
//!
//! The script is small on purpose (it runs at every shell start-up): the completion asks the
//! binary (`awsmfa __complete`) on each TAB, so nothing of the command line's definition is
//! loaded before it is used; in bash even that function is a stub until the first TAB. For
//! bash, zsh, fish and sh it is printed without comments and blank lines, which the shell
//! would otherwise read and parse at every start (zsh: 0.32 against 0.19 ms per `source` in a
//! loop; a few hundredths of a millisecond in a fresh shell).

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
    /// Also save the script as ~/.cache/awsmfa/init.SHELL (bash, zsh, fish), for the rc line
    /// that loads it without starting awsmfa (see the README)
    #[arg(long)]
    pub save: bool,
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
    let bin = shell.quote(bin);
    // bash gets a stub (in its script) that loads the completion at the first TAB. zsh does
    // not: redefining the running completion function crashed zsh under `no_eval_lineno`.
    let completion = match shell {
        ShellKind::Bash => None,
        _ => completions::template(shell),
    };
    // nushell, elvish and PowerShell source a saved file or a profile where the comments are
    // the commands' help (`help awsmfa` in nushell): they keep them.
    if !matches!(
        shell,
        ShellKind::Bash | ShellKind::Zsh | ShellKind::Fish | ShellKind::Sh
    ) {
        let script =
            functions.to_owned() + &completion.map(|c| format!("\n{c}")).unwrap_or_default();
        return script.replace("__AWSMFA_BIN__", &bin);
    }
    // The comments go before the binary's path goes in: a quoted path keeps its newlines (POSIX
    // single quotes), and a line of it starting with `#` is no comment.
    let mut code = String::new();
    push_code(&mut code, functions);
    if let Some(completion) = completion {
        push_code(&mut code, completion);
    }
    format!(
        "# awsmfa init {}: generated, comments left out (the commented source: `shell/` in awsmfa's repository)\n{}",
        shell.name(),
        code.replace("__AWSMFA_BIN__", &bin)
    )
}

/// Appends the lines of `script` (a template, before the binary's path is put in) that are
/// code: not blank, not a whole-line comment. No script under `shell/` has a string or
/// here-document spanning lines, where this would cut into the text (tests/it/
/// shell_integration.rs has each shell compare what the commented and the printed script
/// define).
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
    if args.save
        && !matches!(
            args.shell,
            ShellKind::Bash | ShellKind::Zsh | ShellKind::Fish
        )
    {
        return Err(Error::Usage(format!(
            "--save is for bash, zsh and fish; {} loads its script as the README shows",
            args.shell.name()
        )));
    }
    let script = init_script(args.shell, bin);
    if args.save {
        // The script is printed even when it cannot be saved: the rc line evaluates it, and
        // a shell must start with awsmfa loaded either way.
        if let Err(e) = save(args.shell, &exe, &script) {
            crate::ui::warn(&format!("init: not saved, every start runs init: {e}"));
        }
    }
    super::print_stdout(&script)
}

/// Where `init SHELL --save` keeps the script: `~/.cache/awsmfa/init.SHELL`, the path the
/// README's rc line names, whatever `XDG_CACHE_HOME` says: the line would read a relative
/// `XDG_CACHE_HOME` (which awsmfa ignores, as the XDG spec says) from the directory the shell
/// starts in, where anyone's files may be.
pub fn saved_path(shell: ShellKind) -> Option<std::path::PathBuf> {
    crate::paths::home_dir().map(|h| {
        h.join(".cache")
            .join("awsmfa")
            .join(format!("init.{}", shell.name()))
    })
}

/// Writes the saved script: `script` behind a first line that makes the rc line's `.` fail
/// (loading nothing) once the binary or the directory holding it is newer than the file, or
/// the binary is gone. An upgrade replaces the binary (a new mtime, or a new entry in its
/// directory, which changes the directory's mtime even when a package keeps the file's old
/// one), or points the `awsmfa` on PATH, a link, at another file; the rc line then runs
/// `init --save` again. All of it is shell builtins: no process.
fn save(shell: ShellKind, exe: &std::path::Path, script: &str) -> Result<()> {
    let file = saved_path(shell)
        .ok_or_else(|| Error::Other("no cache directory (no home directory)".into()))?;
    let dir = file.parent().unwrap_or(std::path::Path::new("/"));
    if let Err(why) = crate::fsutil::trusted_dir(dir)? {
        return Err(Error::Other(format!("{}: {why}", dir.display())));
    }
    let text = |p: &std::path::Path| {
        p.to_str()
            .map(|t| shell.quote(t))
            .ok_or_else(|| Error::Other(format!("the path is not UTF-8: {}", p.display())))
    };
    let (b, d, f) = (
        text(exe)?,
        text(exe.parent().unwrap_or(std::path::Path::new("/")))?,
        text(&file)?,
    );
    // The `awsmfa` on PATH when it is another name for this binary (Homebrew's bin/ links
    // into a versioned keg, a nix profile into the store, whose files all have mtime 1): an
    // upgrade points it at a new binary and may leave this one, mtimes and all, in place.
    let via = on_path(exe).map(|p| text(&p)).transpose()?;
    let check = match shell {
        ShellKind::Fish => format!(
            "test -x {b}; and not test {b} -nt {f}; and not test {d} -nt {f}{}; or return 1\n",
            via.map(|p| format!("; and test {p} -ef {b}"))
                .unwrap_or_default()
        ),
        _ => format!(
            "[[ -x {b} && ! {b} -nt {f} && ! {d} -nt {f}{} ]] || return 1\n",
            via.map(|p| format!(" && {p} -ef {b}")).unwrap_or_default()
        ),
    };
    let header = format!(
        "# Saved by `awsmfa init {name} --save` (awsmfa {version}). Loaded at start-up while awsmfa\n\
         # and its directory are older than this file; then it fails and the rc line saves it anew.\n",
        name = shell.name(),
        version = env!("CARGO_PKG_VERSION"),
    );
    let _lock = crate::fsutil::lock(&file.with_extension(format!("{}.lock", shell.name())))?;
    crate::fsutil::write_atomic(&file, (header + &check + script).as_bytes())
}

/// The file the rc line's `awsmfa` ran: the first executable of that name in a directory of
/// PATH, when it is not `exe`'s own path but the same file (a symlink, a hard link).
fn on_path(exe: &std::path::Path) -> Option<std::path::PathBuf> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let name = exe.file_name()?;
    let this = std::fs::metadata(exe).ok()?;
    let found = std::env::split_paths(&crate::paths::PATH.os()?)
        .filter(|dir| dir.is_absolute())
        .map(|dir| dir.join(name))
        .find(|p| {
            std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })?;
    let meta = std::fs::metadata(&found).ok()?;
    (found != exe && meta.dev() == this.dev() && meta.ino() == this.ino()).then_some(found)
}

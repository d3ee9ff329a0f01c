//! Messages to the user on stderr (`awsmfa: ...`), honouring `--quiet`, `--verbose` and
//! `--color`. stdout is never written here: it carries only what is meant to be evaluated or
//! parsed.

use std::borrow::Cow;
use std::ffi::OsStr;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

/// `--color`: when the `awsmfa:` prefix is coloured.
#[derive(Debug, Clone, Copy, Default, clap::ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

static LEVEL: AtomicU8 = AtomicU8::new(1);
static COLOR: AtomicBool = AtomicBool::new(false);

/// 0 = quiet (errors only), 1 = normal, 2 = verbose.
pub fn set_level(level: u8) {
    LEVEL.store(level, Ordering::Relaxed);
}

fn level() -> u8 {
    LEVEL.load(Ordering::Relaxed)
}

/// Colour the `awsmfa:` prefix of messages? `auto`: only when stderr is a terminal, `NO_COLOR`
/// is unset or empty (no-color.org) and `TERM` is not `dumb`, as ripgrep and fd decide.
pub fn set_color(choice: ColorChoice) {
    let on = color_wanted(
        choice,
        std::io::stderr().is_terminal(),
        crate::paths::NO_COLOR.os().as_deref(),
        crate::paths::TERM.os().as_deref(),
    );
    COLOR.store(on, Ordering::Relaxed);
}

/// The decision of [`set_color`] from what it reads: whether stderr is a terminal, `NO_COLOR`
/// and `TERM`. `always` and `never` win over all three.
pub fn color_wanted(
    choice: ColorChoice,
    stderr_is_terminal: bool,
    no_color: Option<&OsStr>,
    term: Option<&OsStr>,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            stderr_is_terminal
                && no_color.is_none_or(|v| v.is_empty())
                && term.is_none_or(|t| t != "dumb")
        }
    }
}

/// `msg` with every control character escaped as Rust's `escape_debug` writes it (`\n`, `\r`,
/// `\t`, `\u{1b}`): messages carry names from the command line, `AWS_PROFILE`, files and
/// STS, and a newline in one would break the one-line rule, an ESC drive the terminal. Every
/// printer here applies it; so do the few `awsmfa:` lines printed elsewhere.
pub fn escape_controls(msg: &str) -> Cow<'_, str> {
    if !msg.chars().any(char::is_control) {
        return Cow::Borrowed(msg);
    }
    let mut out = String::with_capacity(msg.len() + 8);
    for c in msg.chars() {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `awsmfa: LABELMSG`; with colour the prefix in bold and `label` in `style` (an SGR code).
fn line(style: Option<&str>, label: &str, msg: &str) -> String {
    let msg = escape_controls(msg);
    if COLOR.load(Ordering::Relaxed) {
        match style {
            Some(sgr) => format!("\x1b[1mawsmfa:\x1b[0m \x1b[{sgr}m{label}\x1b[0m{msg}"),
            None => format!("\x1b[1mawsmfa:\x1b[0m {label}{msg}"),
        }
    } else {
        format!("awsmfa: {label}{msg}")
    }
}

/// The error line `main` prints: `awsmfa: MESSAGE` (the prefix red when colour is on).
pub fn error(msg: &str) {
    let msg = escape_controls(msg);
    if COLOR.load(Ordering::Relaxed) {
        eprintln!("\x1b[1;31mawsmfa:\x1b[0m {msg}");
    } else {
        eprintln!("awsmfa: {msg}");
    }
}

/// A notice the user should see (expiry, a fallback taken); hidden by `--quiet`.
pub fn info(msg: &str) {
    if level() >= 1 {
        eprintln!("{}", line(None, "", msg));
    }
}

/// Something went wrong but awsmfa carries on; hidden by `--quiet`.
pub fn warn(msg: &str) {
    if level() >= 1 {
        eprintln!("{}", line(Some("33"), "warning:", &format!(" {msg}")));
    }
}

/// Detail for `--verbose` (which requests are made, which cache entries are used).
pub fn debug(msg: &str) {
    if level() >= 2 {
        eprintln!("{}", line(None, "", msg));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_nothing_else() {
        assert!(matches!(
            escape_controls("profile 'dev' ok"),
            Cow::Borrowed(_)
        ));
        assert_eq!(escape_controls("a\nb\rc\td"), r"a\nb\rc\td");
        assert_eq!(
            escape_controls("x\x1b[31my\x07\x7f\u{9b}z"),
            r"x\u{1b}[31my\u{7}\u{7f}\u{9b}z"
        );
        // Quotes, backslashes and other Unicode stay as they are.
        assert_eq!(escape_controls("'a' \"b\" c\\d é ✓"), "'a' \"b\" c\\d é ✓");
    }

    #[test]
    fn colour_only_on_a_terminal_without_no_color_or_a_dumb_term() {
        let auto = |tty, no_color: Option<&str>, term: Option<&str>| {
            color_wanted(
                ColorChoice::Auto,
                tty,
                no_color.map(OsStr::new),
                term.map(OsStr::new),
            )
        };
        assert!(auto(true, None, Some("xterm-256color")));
        assert!(auto(true, None, None));
        assert!(
            auto(true, Some(""), Some("xterm")),
            "an empty NO_COLOR is unset"
        );
        assert!(!auto(false, None, Some("xterm")));
        assert!(!auto(true, Some("1"), Some("xterm")));
        assert!(!auto(true, None, Some("dumb")));
        assert!(color_wanted(
            ColorChoice::Always,
            false,
            Some(OsStr::new("1")),
            None
        ));
        assert!(!color_wanted(ColorChoice::Never, true, None, None));
    }
}

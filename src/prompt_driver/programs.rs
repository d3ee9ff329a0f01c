//! The programs a prompt driver runs, their command lines and what their exit statuses mean.
//! Only the question goes in: the code comes back on stdout and is never in any argv.

use std::path::Path;
use std::process::{Command, ExitStatus};

use super::PromptSettings;
use crate::process::Stderr;

/// The window title of every dialog (how tests and window managers find it).
pub const TITLE: &str = "awsmfa";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Program {
    Zenity,
    Kdialog,
    Osascript,
    Ykman,
}

/// Why a program gave no code.
pub enum Failure {
    /// The user said no (Cancel, Escape, the window closed): every caller waiting for this
    /// dialog gets the same answer.
    Cancelled(String),
    /// It could not ask (no usable display, no YubiKey): the next caller may try again.
    Broken(String),
}

impl Program {
    /// The program's name on PATH.
    pub fn command(self) -> &'static str {
        match self {
            Program::Zenity => "zenity",
            Program::Kdialog => "kdialog",
            Program::Osascript => "osascript",
            Program::Ykman => "ykman",
        }
    }

    /// ykman's "Touch your YubiKey" must reach the user; the dialogs' toolkit warnings must not.
    pub fn stderr(self) -> Stderr {
        match self {
            Program::Ykman => Stderr::Inherit,
            _ => Stderr::Capture,
        }
    }

    /// The command that asks `text` (dialogs) or reads the code (ykman). `path` is the program
    /// as found on PATH.
    pub fn command_line(
        self,
        path: &Path,
        text: &str,
        settings: &PromptSettings,
        serial: &str,
    ) -> Command {
        let mut cmd = crate::process::program(path);
        match self {
            // GTK reads `_` in a label as a mnemonic marker; `__` is a literal one. The text is
            // never markup here (`--entry` labels are plain). Hidden: one-time or not, a code
            // on a shared or recorded screen is a code given away.
            Program::Zenity => {
                cmd.args(["--entry", "--hide-text", "--title", TITLE])
                    .arg(format!("--text={}", text.replace('_', "__")));
            }
            Program::Kdialog => {
                cmd.args(["--title", TITLE, "--password", text]);
            }
            // The text is an argument of the script, not part of it: nothing to quote.
            Program::Osascript => {
                cmd.args([
                    "-e",
                    "on run argv",
                    "-e",
                    "return text returned of (display dialog (item 1 of argv) default answer \"\" with hidden answer with title \"awsmfa\" buttons {\"Cancel\", \"OK\"} default button \"OK\" cancel button \"Cancel\")",
                    "-e",
                    "end run",
                    text,
                ]);
            }
            Program::Ykman => {
                cmd.args(["oath", "accounts", "code", "--single"])
                    .arg(oath_account(settings, serial));
            }
        }
        cmd
    }

    /// What a non-zero exit `status` means (`stderr`: what it printed, when captured).
    pub fn failure(
        self,
        status: ExitStatus,
        stderr: &str,
        settings: &PromptSettings,
        serial: &str,
    ) -> Failure {
        let profile = &settings.key_profile;
        match self {
            Program::Ykman => Failure::Broken(format!(
                "ykman could not read the MFA code of account '{}' ({status}); is the YubiKey plugged in? Set mfa_oath_account in profile '{profile}' to the account `ykman oath accounts list` shows",
                oath_account(settings, serial)
            )),
            // GTK and Qt exit 1 both when the user cancels and when they cannot open the
            // display; only their message tells the two apart.
            _ if stderr.contains("cannot open display")
                || stderr.contains("could not connect to display") =>
            {
                Failure::Broken(format!(
                    "{} cannot open the display for the MFA dialog; check DISPLAY / WAYLAND_DISPLAY",
                    self.command()
                ))
            }
            _ if status.code() == Some(1) => Failure::Cancelled(format!(
                "the MFA dialog for profile '{profile}' was cancelled; no credentials for '{}'",
                settings.target
            )),
            _ => Failure::Broken(format!(
                "{} failed ({status}) before an MFA code was entered for profile '{profile}'",
                self.command()
            )),
        }
    }
}

/// The YubiKey OATH account ykman reads: `mfa_oath_account`, else the name part of the MFA
/// device (`arn:aws:iam::123456789012:mfa/alice` -> `alice`; ykman matches it as a
/// substring of the account name, e.g. `Amazon Web Services:alice@123456789012`).
pub fn oath_account(settings: &PromptSettings, serial: &str) -> String {
    settings
        .oath_account
        .clone()
        .filter(|a| !a.trim().is_empty())
        .unwrap_or_else(|| serial.rsplit('/').next().unwrap_or(serial).to_string())
}

//! Turning credentials into text for a consumer: shell export lines (one file per shell), the
//! `credential_process` JSON document, and dotenv.
//!
//! No value that reaches a renderer holds NUL: `validate::handed_out` refuses it where
//! credentials are issued, with an error naming the field. The quoters still leave a NUL out,
//! so that none can ever be printed, but that path is not how a NUL is handled.

pub mod dotenv;
pub mod fish;
pub mod json;
pub mod posix;
pub mod powershell;

pub use posix::shell_word;

use crate::creds::{Credentials, format_utc};

/// The shells awsmfa can print for. Parsed from `--shell` or `$SHELL` (a path, a login `-`
/// prefix and `.exe` are stripped: `/usr/bin/zsh`, `-bash` and `pwsh.exe` all work).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShellKind {
    Bash,
    Zsh,
    Sh,
    Fish,
    PowerShell,
}

impl ShellKind {
    pub fn parse(s: &str) -> Option<ShellKind> {
        let base = s.rsplit(['/', '\\']).next().unwrap_or(s);
        let base = base.trim_start_matches('-');
        let base = base.strip_suffix(".exe").unwrap_or(base);
        Some(match base.to_ascii_lowercase().as_str() {
            "bash" => ShellKind::Bash,
            "zsh" => ShellKind::Zsh,
            "sh" | "dash" | "ash" | "ksh" | "mksh" | "posix" => ShellKind::Sh,
            "fish" => ShellKind::Fish,
            "powershell" | "pwsh" => ShellKind::PowerShell,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            ShellKind::Bash => "bash",
            ShellKind::Zsh => "zsh",
            ShellKind::Sh => "sh",
            ShellKind::Fish => "fish",
            ShellKind::PowerShell => "powershell",
        }
    }

    /// One line that sets (and exports) `name` to `value`, terminated by a newline.
    pub fn set_var(self, name: &str, value: &str) -> String {
        match self {
            ShellKind::Bash | ShellKind::Zsh | ShellKind::Sh => posix::set_var(name, value),
            ShellKind::Fish => fish::set_var(name, value),
            ShellKind::PowerShell => powershell::set_var(name, value),
        }
    }

    /// One line that removes `name` from the environment, terminated by a newline. Never fails
    /// when the variable is not set.
    pub fn unset_var(self, name: &str) -> String {
        match self {
            ShellKind::Bash | ShellKind::Zsh | ShellKind::Sh => posix::unset_var(name),
            ShellKind::Fish => fish::unset_var(name),
            ShellKind::PowerShell => powershell::unset_var(name),
        }
    }
}

/// Variables that `clear` removes: everything `env`/`use` may set, plus the profile selectors
/// that `env` unsets (they would override the exported keys in the AWS CLI).
pub const ALL_VARS: &[&str] = &[
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_CREDENTIAL_EXPIRATION",
    "AWS_SESSION_EXPIRATION",
    "AWSMFA_PROFILE",
    "AWSMFA_EXPIRES",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
];

/// Variables that must not stay set next to exported keys.
pub const UNSET_ON_EXPORT: &[&str] = &["AWS_PROFILE", "AWS_DEFAULT_PROFILE"];

/// The environment that `env`, `use` and `exec` hand out, in order: (name, value) pairs to set.
pub fn export_set(
    creds: &Credentials,
    profile: &str,
    region: Option<&str>,
) -> Vec<(&'static str, String)> {
    let mut vars = vec![
        ("AWS_ACCESS_KEY_ID", creds.access_key_id.clone()),
        ("AWS_SECRET_ACCESS_KEY", creds.secret_access_key.clone()),
    ];
    if let Some(token) = &creds.session_token {
        vars.push(("AWS_SESSION_TOKEN", token.clone()));
        vars.push(("AWS_SECURITY_TOKEN", token.clone()));
    }
    if let Some(exp) = creds.expiration {
        vars.push(("AWS_CREDENTIAL_EXPIRATION", format_utc(exp)));
        vars.push(("AWS_SESSION_EXPIRATION", format_utc(exp)));
    }
    vars.push(("AWSMFA_PROFILE", profile.to_string()));
    if let Some(exp) = creds.expiration {
        vars.push(("AWSMFA_EXPIRES", exp.timestamp().to_string()));
    }
    if let Some(region) = region {
        vars.push(("AWS_REGION", region.to_string()));
        vars.push(("AWS_DEFAULT_REGION", region.to_string()));
    }
    vars
}

/// The full script for `shell`: set every exported variable, then unset the profile selectors.
pub fn shell_exports(shell: ShellKind, vars: &[(&str, String)]) -> String {
    let mut out = String::new();
    for (name, value) in vars {
        out.push_str(&shell.set_var(name, value));
    }
    for name in UNSET_ON_EXPORT {
        out.push_str(&shell.unset_var(name));
    }
    out
}

/// The script that `clear` prints: unset everything `env` may have set.
pub fn shell_clear(shell: ShellKind) -> String {
    ALL_VARS.iter().map(|n| shell.unset_var(n)).collect()
}

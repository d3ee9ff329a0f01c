//! Turning credentials into text for a consumer: shell export lines (one file per shell), the
//! `credential_process` JSON document, and dotenv.
//!
//! No value that reaches a renderer holds NUL: `validate::handed_out` refuses it where
//! credentials are issued, with an error naming the field. The quoters still leave a NUL out,
//! so that none can ever be printed, but that path is not how a NUL is handled.

pub mod dotenv;
pub mod elvish;
pub mod fish;
pub mod json;
pub mod nu;
pub mod posix;
pub mod powershell;

pub use posix::shell_word;

use crate::creds::{Credentials, format_utc};

/// The shells awsmfa prints for, integrates with and completes in: the `--shell` / `init` /
/// `completions` value (a clap `ValueEnum`) and the `$SHELL` parser in one place. Adding a shell
/// is a variant here, a quoter under `render/`, an init script under `shell/` and a test row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ShellKind {
    Bash,
    Zsh,
    Fish,
    Sh,
    #[value(name = "powershell", alias = "pwsh")]
    PowerShell,
    #[value(alias = "nushell")]
    Nu,
    Elvish,
}

impl ShellKind {
    /// The shell named by `s`, a `--shell` value or a `$SHELL` path: a directory, a login `-`
    /// prefix and `.exe` are stripped (`/usr/bin/zsh`, `-bash` and `pwsh.exe` all work), and
    /// the POSIX shells awsmfa does not know by name print as `sh`.
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
            "nu" | "nushell" => ShellKind::Nu,
            "elvish" => ShellKind::Elvish,
            _ => return None,
        })
    }

    /// The shell from `flag`, else from `$SHELL`, else POSIX sh. `None` for a `$SHELL`
    /// awsmfa cannot quote for: guessing would hand the user lines their shell may misread.
    pub fn from_flag_or_env(flag: Option<ShellKind>) -> Result<ShellKind, String> {
        if let Some(s) = flag {
            return Ok(s);
        }
        match crate::paths::SHELL.get() {
            Some(s) if !s.is_empty() => ShellKind::parse(&s).ok_or(s),
            _ => Ok(ShellKind::Sh),
        }
    }

    /// The `--shell` value that names this shell.
    pub fn name(self) -> &'static str {
        match self {
            ShellKind::Bash => "bash",
            ShellKind::Zsh => "zsh",
            ShellKind::Sh => "sh",
            ShellKind::Fish => "fish",
            ShellKind::PowerShell => "powershell",
            ShellKind::Nu => "nu",
            ShellKind::Elvish => "elvish",
        }
    }

    /// Every shell, in the order messages list them.
    pub const ALL: &[ShellKind] = &[
        ShellKind::Bash,
        ShellKind::Zsh,
        ShellKind::Fish,
        ShellKind::Sh,
        ShellKind::PowerShell,
        ShellKind::Nu,
        ShellKind::Elvish,
    ];

    /// `value` as one word of this shell's code that evaluates to exactly `value`.
    pub fn quote(self, value: &str) -> String {
        match self {
            ShellKind::Bash | ShellKind::Zsh | ShellKind::Sh => posix::quote(value),
            ShellKind::Fish => fish::quote(value),
            ShellKind::PowerShell => powershell::quote(value),
            ShellKind::Nu => nu::quote(value),
            ShellKind::Elvish => elvish::quote(value),
        }
    }

    /// One line of this shell's code that sets (and exports) `name` to `value`, terminated by
    /// a newline.
    pub fn set_var(self, name: &str, value: &str) -> String {
        match self {
            ShellKind::Bash | ShellKind::Zsh | ShellKind::Sh => posix::set_var(name, value),
            ShellKind::Fish => fish::set_var(name, value),
            ShellKind::PowerShell => powershell::set_var(name, value),
            ShellKind::Nu => nu::set_var(name, value),
            ShellKind::Elvish => elvish::set_var(name, value),
        }
    }

    /// One line that removes `name` from the environment, terminated by a newline. Never fails
    /// when the variable is not set.
    pub fn unset_var(self, name: &str) -> String {
        match self {
            ShellKind::Bash | ShellKind::Zsh | ShellKind::Sh => posix::unset_var(name),
            ShellKind::Fish => fish::unset_var(name),
            ShellKind::PowerShell => powershell::unset_var(name),
            ShellKind::Nu => nu::unset_var(name),
            ShellKind::Elvish => elvish::unset_var(name),
        }
    }

    /// What `env` / `use` / `clear` print: set each `(name, Some(value))` and unset each
    /// `(name, None)`, in order. Code lines for every shell but nushell, which gets one NUON
    /// record for `from nuon | load-env` (see `render::nu`).
    pub fn script(self, vars: &[(&str, Option<&str>)]) -> String {
        match self {
            ShellKind::Nu => nu::record(vars),
            _ => vars
                .iter()
                .map(|(n, v)| match v {
                    Some(v) => self.set_var(n, v),
                    None => self.unset_var(n),
                })
                .collect(),
        }
    }
}

/// Credential variables `env`/`use` may set. Whatever of these a profile does not set is unset:
/// new keys next to an earlier profile's session token fail in every SDK.
pub const CREDENTIAL_VARS: &[&str] = &[
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_CREDENTIAL_EXPIRATION",
    "AWS_SESSION_EXPIRATION",
    "AWSMFA_PROFILE",
    "AWSMFA_EXPIRES",
];

/// The region variables. awsmfa takes back only a region it set itself: [`REGION_MARK`] holds
/// the value it exported, and a variable that no longer holds it was set by the user since.
pub const REGION_VARS: &[&str] = &["AWS_REGION", "AWS_DEFAULT_REGION"];

/// The region awsmfa exported last (see [`REGION_VARS`]).
pub const REGION_MARK: &str = "AWSMFA_REGION";

/// Variables that must not stay set next to exported keys.
pub const UNSET_ON_EXPORT: &[&str] = &["AWS_PROFILE", "AWS_DEFAULT_PROFILE"];

/// The region variables to take back, given the caller's environment `env`: those still
/// holding the region awsmfa set (and the mark itself); none when awsmfa set none.
pub fn regions_to_take_back(env: &dyn Fn(&str) -> Option<String>) -> Vec<&'static str> {
    let Some(mark) = env(REGION_MARK) else {
        return Vec::new();
    };
    let mut out: Vec<&'static str> = REGION_VARS
        .iter()
        .copied()
        .filter(|v| env(v).as_deref() == Some(mark.as_str()))
        .collect();
    out.push(REGION_MARK);
    out
}

/// What to unset after setting `vars`: the profile selectors, the credential variables this
/// profile does not set, and (when it sets no region) the region awsmfa set for an earlier one.
pub fn stale_vars(
    vars: &[(&str, String)],
    env: &dyn Fn(&str) -> Option<String>,
) -> Vec<&'static str> {
    let sets = |name: &str| vars.iter().any(|(n, _)| *n == name);
    let mut out: Vec<&'static str> = UNSET_ON_EXPORT.to_vec();
    out.extend(CREDENTIAL_VARS.iter().copied().filter(|n| !sets(n)));
    if !sets("AWS_REGION") {
        out.extend(regions_to_take_back(env));
    }
    out
}

/// The caller's environment, as `stale_vars` reads it (empty counts as unset).
pub fn process_env(name: &str) -> Option<String> {
    crate::paths::lookup(name).filter(|v| !v.is_empty())
}

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

/// `vars` plus [`REGION_MARK`] when they set a region: for an environment that lives on (a
/// shell, `exec`'s command), so a later `use` or `clear` can tell awsmfa's region from the user's.
pub fn with_region_mark(mut vars: Vec<(&'static str, String)>) -> Vec<(&'static str, String)> {
    if let Some(region) = vars
        .iter()
        .find(|(n, _)| *n == "AWS_REGION")
        .map(|(_, v)| v.clone())
    {
        vars.push((REGION_MARK, region));
    }
    vars
}

/// The full script for `shell`: set every exported variable, then unset what must not stay
/// beside them ([`stale_vars`], judged by this process's environment: the shell's own).
pub fn shell_exports(shell: ShellKind, vars: &[(&str, String)]) -> String {
    let mut all: Vec<(&str, Option<&str>)> =
        vars.iter().map(|(n, v)| (*n, Some(v.as_str()))).collect();
    all.extend(
        stale_vars(vars, &process_env)
            .into_iter()
            .map(|n| (n, None)),
    );
    shell.script(&all)
}

/// The script that `clear` prints: unset every credential variable and the region awsmfa set
/// (a region the user set stays).
pub fn shell_clear(shell: ShellKind) -> String {
    let all: Vec<(&str, Option<&str>)> = CREDENTIAL_VARS
        .iter()
        .copied()
        .chain(regions_to_take_back(&process_env))
        .map(|n| (n, None))
        .collect();
    shell.script(&all)
}

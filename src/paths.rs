//! Where awsmfa's files are and every environment variable it reads: the one module that reads
//! the process environment (a leaf, std only). Variables are read when asked for, never all up
//! front, so the hot path (`prompt`, `env`, `credential-process`) pays only for what it uses.
//! The README's "Environment variables" table mirrors the [`vars!`] table below (a test checks
//! it), and `clippy.toml` refuses `std::env::var*` anywhere else.

// The only module allowed to read (and, nowhere at all, change) the environment.
#![allow(clippy::disallowed_methods)]

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::OnceLock;

/// An environment variable awsmfa reads. Only this module can name one, so every read goes
/// through the table below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Var(&'static str);

impl Var {
    /// The variable's name, for messages and for `Command::env`.
    pub const fn name(self) -> &'static str {
        self.0
    }

    /// The value; a variable that is not valid UTF-8 counts as unset.
    pub fn get(self) -> Option<String> {
        std::env::var(self.0).ok()
    }

    /// The value, unless unset or empty (botocore's and most tools' rule: empty is unset).
    pub fn non_empty(self) -> Option<String> {
        self.get().filter(|v| !v.is_empty())
    }

    /// The value (untrimmed), unless unset, empty or only white space.
    pub fn non_blank(self) -> Option<String> {
        self.get().filter(|v| !v.trim().is_empty())
    }

    /// The raw value, whatever its encoding.
    pub fn os(self) -> Option<OsString> {
        std::env::var_os(self.0)
    }

    /// Whether the variable is present at all (even empty, even not UTF-8).
    pub fn is_present(self) -> bool {
        std::env::var_os(self.0).is_some()
    }
}

impl std::fmt::Display for Var {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// One constant per variable with its doc line, and [`ALL`] listing them.
macro_rules! vars {
    ($( #[doc = $doc:expr] $id:ident = $name:literal; )*) => {
        $( #[doc = $doc] pub const $id: Var = Var($name); )*
        /// Every variable of the table, in its order.
        pub const ALL: &[Var] = &[$($id),*];
    };
}

vars! {
    // Files and directories.
    /// The AWS config file (default `~/.aws/config`; `~/` expanded; empty is unset).
    AWS_CONFIG_FILE = "AWS_CONFIG_FILE";
    /// The shared credentials file (default `~/.aws/credentials`), unless `--aws-credentials`.
    AWS_SHARED_CREDENTIALS_FILE = "AWS_SHARED_CREDENTIALS_FILE";
    /// The cache's base directory (absolute only; else `~/.cache`), also of the lock files.
    XDG_CACHE_HOME = "XDG_CACHE_HOME";
    // The caller's profile, region and credentials.
    /// The profile when none is named (empty is unset).
    AWS_PROFILE = "AWS_PROFILE";
    /// The region, before `AWS_DEFAULT_REGION` and the profile's.
    AWS_REGION = "AWS_REGION";
    /// The region when `AWS_REGION` is unset.
    AWS_DEFAULT_REGION = "AWS_DEFAULT_REGION";
    /// The access key of the shell (`status`, `credential_source = Environment`).
    AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    /// The secret key of the shell (`status --check`, `credential_source = Environment`).
    AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    /// The session token of the shell (`status --check`, `credential_source = Environment`).
    AWS_SESSION_TOKEN = "AWS_SESSION_TOKEN";
    // Endpoints and the network, read through [`lookup`] by `endpoint` and `https`.
    /// The STS endpoint.
    AWS_ENDPOINT_URL_STS = "AWS_ENDPOINT_URL_STS";
    /// The IAM endpoint.
    AWS_ENDPOINT_URL_IAM = "AWS_ENDPOINT_URL_IAM";
    /// Every service's endpoint, after the per-service variable.
    AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";
    /// `true`: ignore the configured endpoint URLs (variables and profile).
    AWS_IGNORE_CONFIGURED_ENDPOINT_URLS = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";
    /// `true`: FIPS endpoints.
    AWS_USE_FIPS_ENDPOINT = "AWS_USE_FIPS_ENDPOINT";
    /// `true`: dual-stack endpoints.
    AWS_USE_DUALSTACK_ENDPOINT = "AWS_USE_DUALSTACK_ENDPOINT";
    /// `regional` or `legacy`: which STS endpoint `us-east-1` and friends use.
    AWS_STS_REGIONAL_ENDPOINTS = "AWS_STS_REGIONAL_ENDPOINTS";
    /// The CA bundle that replaces the system's roots.
    AWS_CA_BUNDLE = "AWS_CA_BUNDLE";
    /// The proxy for https:// (wins over `HTTPS_PROXY`; empty turns it off).
    HTTPS_PROXY_LOWER = "https_proxy";
    /// The proxy for https:// when `https_proxy` is unset.
    HTTPS_PROXY = "HTTPS_PROXY";
    /// The proxy for http:// (wins over `HTTP_PROXY`; empty turns it off).
    HTTP_PROXY_LOWER = "http_proxy";
    /// The proxy for http:// when `http_proxy` is unset (ignored under CGI).
    HTTP_PROXY = "HTTP_PROXY";
    /// Hosts that bypass the proxy (wins over `NO_PROXY`).
    NO_PROXY_LOWER = "no_proxy";
    /// Hosts that bypass the proxy when `no_proxy` is unset.
    NO_PROXY = "NO_PROXY";
    /// Set under CGI: `HTTP_PROXY` may come from a request header there (httpoxy), so ignored.
    REQUEST_METHOD = "REQUEST_METHOD";
    // The MFA code and how to ask for it.
    /// The MFA code, or `skip` (blank is unset).
    AWS_MFA_TOKEN_CODE = "AWS_MFA_TOKEN_CODE";
    /// How to ask for the MFA code (`terminal`, `zenity`, ...; overrides `mfa_prompt`).
    AWSMFA_PROMPT = "AWSMFA_PROMPT";
    /// Seconds an MFA dialog (or ykman) may take (default 120).
    AWSMFA_PROMPT_TIMEOUT = "AWSMFA_PROMPT_TIMEOUT";
    /// Set and not empty: fail (exit 6) instead of asking for an MFA code (the shell hooks).
    AWSMFA_NO_PROMPT = "AWSMFA_NO_PROMPT";
    /// The Wayland display a dialog can show on.
    WAYLAND_DISPLAY = "WAYLAND_DISPLAY";
    /// The X display a dialog can show on.
    DISPLAY = "DISPLAY";
    /// The desktop: under KDE, kdialog goes first.
    XDG_CURRENT_DESKTOP = "XDG_CURRENT_DESKTOP";
    // Timing.
    /// Seconds to wait for each STS attempt (default 10).
    AWSMFA_TIMEOUT = "AWSMFA_TIMEOUT";
    /// Seconds: cached credentials with less left are renewed (default 900).
    AWSMFA_REFRESH_WINDOW = "AWSMFA_REFRESH_WINDOW";
    /// Seconds rotation waits for a new key to work (default 10).
    AWSMFA_ROTATE_VERIFY_TIMEOUT = "AWSMFA_ROTATE_VERIFY_TIMEOUT";
    // What `env`/`use` left in the shell.
    /// The profile `env`/`use` exported.
    AWSMFA_PROFILE = "AWSMFA_PROFILE";
    /// When the exported credentials end, in Unix seconds.
    AWSMFA_EXPIRES = "AWSMFA_EXPIRES";
    /// The region `use` exported, so only that one is taken back.
    AWSMFA_REGION = "AWSMFA_REGION";
    /// `0`: the shell hooks do not renew credentials (`status` reports it).
    AWSMFA_AUTO_REFRESH = "AWSMFA_AUTO_REFRESH";
    /// Seconds left under which the prompt segment adds `!` (default 600).
    AWSMFA_PROMPT_WARN = "AWSMFA_PROMPT_WARN";
    // The key store.
    /// A command printing the key store passphrase.
    AWSMFA_PASSPHRASE_COMMAND = "AWSMFA_PASSPHRASE_COMMAND";
    /// `store passwd`: a command printing the new passphrase.
    AWSMFA_NEW_PASSPHRASE_COMMAND = "AWSMFA_NEW_PASSPHRASE_COMMAND";
    /// Tests only: the scrypt work factor of new store files.
    AWSMFA_SCRYPT_LOG_N = "AWSMFA_SCRYPT_LOG_N";
    // The compatibility form (read by clap as the flags' defaults).
    /// `-i/--identity-profile`.
    AWS_MFA_IDENTITY_PROFILE = "AWS_MFA_IDENTITY_PROFILE";
    /// `-t/--target-profile`.
    AWS_MFA_TARGET_PROFILE = "AWS_MFA_TARGET_PROFILE";
    /// `--rotate-identity-keys`.
    AWS_MFA_ROTATE_IDENTITY_KEYS = "AWS_MFA_ROTATE_IDENTITY_KEYS";
    // Everything else.
    /// The shell `env` prints for without `--shell`.
    SHELL = "SHELL";
    /// The user, for the default role session name.
    USER = "USER";
    /// The user when `USER` is unset.
    LOGNAME = "LOGNAME";
    /// Set and not empty: no colour (no-color.org).
    NO_COLOR = "NO_COLOR";
    /// `dumb`: no colour.
    TERM = "TERM";
    /// `console`: the browser commands (colon-separated).
    BROWSER = "BROWSER";
    /// The temporary directory (`console`'s sign-in page), else `/tmp`.
    TMPDIR = "TMPDIR";
    /// `console`: the federation endpoint (tests).
    AWSMFA_FEDERATION_URL = "AWSMFA_FEDERATION_URL";
    /// Where programs are looked for (every program reads it; not in the README's table).
    PATH = "PATH";
}

/// The variable `name` as modules that take the environment as an injectable lookup read it
/// (`endpoint`, `https`, `render`); a variable that is not valid UTF-8 counts as unset. `name`
/// must be one of the table's.
pub fn lookup(name: &str) -> Option<String> {
    debug_assert!(
        ALL.iter().any(|v| v.0 == name),
        "{name} is not in paths.rs's table"
    );
    std::env::var(name).ok()
}

/// The user's home directory (`$HOME`, else the password database), only when absolute: a
/// relative or missing one must never turn `~/.aws` or the cache into the current directory.
pub fn home_dir() -> Option<PathBuf> {
    std::env::home_dir().filter(|h| h.is_absolute())
}

/// The home directory, or `/` when there is none (the AWS files are then simply absent).
fn home_or_root() -> PathBuf {
    home_dir().unwrap_or_else(|| PathBuf::from("/"))
}

/// `~/` expanded against `$HOME`, as the AWS CLI does for the file variables.
pub fn expand_home(p: &str) -> PathBuf {
    match p.strip_prefix("~/") {
        Some(rest) => home_or_root().join(rest),
        None if p == "~" => home_or_root(),
        None => PathBuf::from(p),
    }
}

/// `value` (`~/` expanded) unless unset or empty, else `~/default`.
fn file_path(value: Option<String>, default: &str) -> PathBuf {
    match value {
        Some(v) if !v.is_empty() => expand_home(&v),
        _ => home_or_root().join(default),
    }
}

/// The AWS config file: `$AWS_CONFIG_FILE`, else `~/.aws/config`.
pub fn config_file() -> PathBuf {
    file_path(AWS_CONFIG_FILE.get(), ".aws/config")
}

/// `--aws-credentials PATH` of the compatibility form, set once by `main`.
static CREDENTIALS_OVERRIDE: OnceLock<String> = OnceLock::new();

/// Make `path` the credentials file of this process, as `AWS_SHARED_CREDENTIALS_FILE` would
/// (`--aws-credentials`). Only the first call counts.
pub fn set_credentials_file(path: &str) {
    let _ = CREDENTIALS_OVERRIDE.set(path.to_string());
}

/// The `--aws-credentials` value, for child processes that must see the same file.
pub fn credentials_file_override() -> Option<&'static str> {
    CREDENTIALS_OVERRIDE.get().map(String::as_str)
}

/// `cmd` with the `--aws-credentials` file in its environment, when one was given: every program
/// awsmfa starts (`crate::process::program`) reads the same credentials file as awsmfa, as it
/// did when the flag set the variable for the whole process.
pub fn with_credentials_file(cmd: &mut std::process::Command) -> &mut std::process::Command {
    if let Some(path) = credentials_file_override() {
        cmd.env(AWS_SHARED_CREDENTIALS_FILE.name(), path);
    }
    cmd
}

/// The shared credentials file: `--aws-credentials`, else `$AWS_SHARED_CREDENTIALS_FILE`, else
/// `~/.aws/credentials` (an empty value counts as unset either way).
pub fn credentials_file() -> PathBuf {
    let value = match credentials_file_override() {
        Some(p) => Some(p.to_string()),
        None => AWS_SHARED_CREDENTIALS_FILE.get(),
    };
    file_path(value, ".aws/credentials")
}

/// The cache directory: `$XDG_CACHE_HOME/awsmfa`, else `~/.cache/awsmfa`. A relative
/// `XDG_CACHE_HOME` is ignored (the XDG spec says so); with no home directory at all there is
/// none, rather than secrets landing in the current directory.
pub fn cache_dir() -> Option<PathBuf> {
    let xdg = XDG_CACHE_HOME
        .os()
        .map(PathBuf::from)
        .filter(|x| x.is_absolute());
    let base = xdg.or_else(|| home_dir().map(|h| h.join(".cache")));
    base.map(|b| b.join("awsmfa"))
}

/// Where the terminal lock files live (`tty-DEVICE.lock`): the cache directory.
pub fn terminal_lock_dir() -> Option<PathBuf> {
    cache_dir()
}

/// The temporary directory: `$TMPDIR`, else `/tmp` (the standard library's rule).
pub fn temp_dir() -> PathBuf {
    std::env::temp_dir()
}

/// The encrypted key store: `~/.aws/awsmfa/keys` (under `/` without a home directory).
pub fn keys_dir() -> PathBuf {
    home_or_root().join(".aws").join("awsmfa").join("keys")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variable_is_named_once_and_by_its_own_name() {
        let mut names: Vec<&str> = ALL.iter().map(|v| v.name()).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "a variable is in the table twice");
        assert_eq!(AWS_PROFILE.name(), "AWS_PROFILE");
        assert_eq!(HTTPS_PROXY_LOWER.to_string(), "https_proxy");
    }

    #[test]
    fn the_tilde_is_expanded_only_as_a_prefix() {
        let home = home_or_root();
        assert_eq!(expand_home("~/x/y"), home.join("x/y"));
        assert_eq!(expand_home("~"), home);
        assert_eq!(expand_home("/a/~/b"), PathBuf::from("/a/~/b"));
        assert_eq!(expand_home("~other/x"), PathBuf::from("~other/x"));
    }

    #[test]
    fn an_empty_file_value_means_the_default() {
        let home = home_or_root();
        assert_eq!(file_path(None, ".aws/config"), home.join(".aws/config"));
        assert_eq!(
            file_path(Some(String::new()), ".aws/config"),
            home.join(".aws/config")
        );
        assert_eq!(
            file_path(Some("/etc/c".into()), ".aws/config"),
            PathBuf::from("/etc/c")
        );
    }
}

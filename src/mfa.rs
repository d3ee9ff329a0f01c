//! Where an MFA code comes from, decided in one place: `-c/--token-code`, `AWS_MFA_TOKEN_CODE`,
//! the profile's `mfa_process`, then the prompt driver (src/prompt_driver/: `mfa_prompt` or
//! `AWSMFA_PROMPT`; by default the controlling terminal, `/dev/tty`, never stdout: under
//! `eval "$(...)"` stdout is a pipe; without one a desktop dialog). With none of them it fails
//! at once.
//!
//! Its questions on the terminal go through src/tty.rs, under the terminal lock.

use std::fs::File;
use std::io::{BufRead, BufReader, Write};

use crate::error::{Error, Result};
use crate::prompt_driver::PromptSettings;
use crate::validate;

/// Everything that can supply a code for one invocation.
#[derive(Default, Clone)]
pub struct CodeSources {
    /// `-c/--token-code` (already known not to be `skip`).
    pub flag: Option<String>,
    /// The profile's `mfa_process`.
    pub mfa_process: Option<String>,
    /// How to log in when nothing can supply a code (shown in the error).
    pub login_hint: String,
    /// How to ask when nothing above supplies a code, and what to tell the user.
    pub prompt: PromptSettings,
    /// Never ask (the credential server once its command owns the terminal): as
    /// [`NO_PROMPT`] for this one resolution.
    pub no_prompt: bool,
}

impl std::fmt::Debug for CodeSources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CodeSources")
            .field("flag", &self.flag.as_ref().map(|_| "** redacted **"))
            .field("mfa_process", &self.mfa_process)
            .field("prompt", &self.prompt)
            .finish()
    }
}

/// `AWS_MFA_TOKEN_CODE`, unless empty.
pub fn env_code() -> Option<String> {
    std::env::var("AWS_MFA_TOKEN_CODE")
        .ok()
        .filter(|c| !c.trim().is_empty())
}

/// Set (to anything but empty) by the shell hooks from `awsmfa init`: fail (exit 6) where a
/// code would be asked for.
pub const NO_PROMPT: &str = "AWSMFA_NO_PROMPT";

impl CodeSources {
    /// Take the chain's `mfa_process` and prompt settings (`mfa_prompt`, `AWSMFA_PROMPT`,
    /// `mfa_oath_account`); an unknown prompt driver is an error now, before anything is sent.
    pub fn for_chain(&mut self, chain: &crate::config::chain::Chain) -> Result<()> {
        self.mfa_process = chain.mfa_process.clone();
        self.prompt = PromptSettings::for_chain(chain)?;
        Ok(())
    }

    /// A validated code for `serial`, from the first source that applies.
    pub fn code(&self, serial: &str) -> Result<String> {
        if let Some(code) = &self.flag {
            return validate::mfa_code(code);
        }
        if let Some(code) = env_code() {
            return validate::mfa_code(&code)
                .map_err(|e| Error::Usage(format!("AWS_MFA_TOKEN_CODE: {e}")));
        }
        if let Some(cmd) = &self.mfa_process {
            return run_mfa_process(cmd);
        }
        // The shells' auto-refresh hook: renew from the cached session, never ask.
        if std::env::var_os(NO_PROMPT).is_some_and(|v| !v.is_empty()) {
            return Err(Error::LoginRequired(format!(
                "an MFA code for {serial} is needed and awsmfa may not ask for one here; {}",
                self.login_hint
            )));
        }
        // `no_prompt` (exec --server once its command runs) keeps off the terminal only: a
        // dialog fights nobody for the keyboard.
        crate::prompt_driver::ask(serial, &self.prompt, &self.login_hint, !self.no_prompt)
    }
}

fn run_mfa_process(cmd: &str) -> Result<String> {
    crate::ui::debug(&format!("running mfa_process: {cmd}"));
    use crate::process::Failure;
    // No deadline: an mfa_process may wait for a person (a touch, a passphrase on /dev/tty).
    let stdout = crate::process::user_command(cmd).map_err(|f| match f {
        Failure::NotStarted(e) => Error::Other(format!(
            "mfa_process '{cmd}' could not be started (/bin/sh could not be started: {e})"
        )),
        // A helper that fails is a local failure (1), not AWS refusing (4): README's table.
        Failure::Failed(status) => Error::Other(format!(
            "mfa_process '{cmd}' failed ({status}); fix it or pass the code with -c"
        )),
    })?;
    let text = zeroize::Zeroizing::new(String::from_utf8_lossy(&stdout).into_owned());
    validate::mfa_code(text.trim())
        .map_err(|e| Error::Usage(format!("mfa_process '{cmd}' printed no valid code: {e}")))
}

/// Where the terminal lock lives: awsmfa's cache directory (the caller's choice; src/tty.rs
/// depends on no domain module).
pub(crate) fn tty_lock_dir() -> std::path::PathBuf {
    crate::cache::Cache::open().dir
}

/// Ask on the terminal (holding its lock); an error naming `login_hint` when there is none.
pub(crate) fn prompt_tty(serial: &str, login_hint: &str) -> Result<String> {
    crate::tty::with_tty(&tty_lock_dir(), |tty| ask_code(tty, serial))?.ok_or_else(|| {
        Error::LoginRequired(format!(
            "an MFA code for {serial} is needed and there is no terminal to ask on; {login_hint}"
        ))
    })
}

fn ask_code(tty: &mut File, serial: &str) -> Result<String> {
    let mut reader = BufReader::new(
        tty.try_clone()
            .map_err(|e| Error::io("cannot use /dev/tty", e))?,
    );
    for attempt in 1..=3 {
        write!(tty, "MFA code for {serial}: ")
            .and_then(|_| tty.flush())
            .map_err(|e| Error::io("cannot write to /dev/tty", e))?;
        let mut line = zeroize::Zeroizing::new(String::new());
        let n = reader
            .read_line(&mut line)
            .map_err(|e| Error::io("cannot read /dev/tty", e))?;
        if n == 0 {
            return Err(Error::Usage("no MFA code entered (end of input)".into()));
        }
        match validate::mfa_code(&line) {
            Ok(code) => return Ok(code),
            Err(e) if attempt < 3 => {
                let _ = writeln!(tty, "{e}");
            }
            Err(e) => return Err(e),
        }
    }
    Err(Error::Usage("no valid MFA code entered".into()))
}

/// Ask on the terminal which of several MFA devices to use.
pub fn choose_device(profile: &str, devices: &[String]) -> Result<String> {
    crate::tty::with_tty(&tty_lock_dir(), |tty| ask_device(tty, profile, devices))?.ok_or_else(|| {
        Error::LoginRequired(format!(
            "profile '{profile}' has {} MFA devices and there is no terminal to ask which; set mfa_serial in the profile",
            devices.len()
        ))
    })
}

fn ask_device(tty: &mut File, profile: &str, devices: &[String]) -> Result<String> {
    let mut reader = BufReader::new(
        tty.try_clone()
            .map_err(|e| Error::io("cannot use /dev/tty", e))?,
    );
    let mut menu = format!("profile '{profile}' has several MFA devices:\n");
    for (i, d) in devices.iter().enumerate() {
        menu.push_str(&format!("  {}) {d}\n", i + 1));
    }
    for _ in 0..3 {
        write!(tty, "{menu}which one [1-{}]: ", devices.len())
            .and_then(|_| tty.flush())
            .map_err(|e| Error::io("cannot write to /dev/tty", e))?;
        let mut line = String::new();
        if reader
            .read_line(&mut line)
            .map_err(|e| Error::io("cannot read /dev/tty", e))?
            == 0
        {
            break;
        }
        if let Some(d) = line
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| devices.get(i))
        {
            return Ok(d.clone());
        }
    }
    Err(Error::Usage(
        "no MFA device chosen; set mfa_serial in the profile".into(),
    ))
}

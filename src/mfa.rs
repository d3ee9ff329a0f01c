//! Where an MFA code comes from, decided in one place: `-c/--token-code`, `AWS_MFA_TOKEN_CODE`,
//! the profile's `mfa_process`, then a prompt on the controlling terminal (`/dev/tty`, never
//! stdout: under `eval "$(...)"` stdout is a pipe). With none of them it fails at once.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use crate::error::{Error, Result};
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
}

impl std::fmt::Debug for CodeSources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CodeSources")
            .field("flag", &self.flag.as_ref().map(|_| "** redacted **"))
            .field("mfa_process", &self.mfa_process)
            .finish()
    }
}

/// `AWS_MFA_TOKEN_CODE`, unless empty.
pub fn env_code() -> Option<String> {
    std::env::var("AWS_MFA_TOKEN_CODE")
        .ok()
        .filter(|c| !c.trim().is_empty())
}

impl CodeSources {
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
        prompt_tty(serial, &self.login_hint)
    }
}

fn run_mfa_process(cmd: &str) -> Result<String> {
    crate::ui::debug(&format!("running mfa_process: {cmd}"));
    let out = Command::new("/bin/sh")
        .arg("-c")
        .arg(cmd)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| Error::Command(format!("mfa_process '{cmd}' could not be started: {e}")))?;
    if !out.status.success() {
        return Err(Error::Auth(format!(
            "mfa_process '{cmd}' failed ({}); fix it or pass the code with -c",
            out.status
        )));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    validate::mfa_code(text.trim())
        .map_err(|e| Error::Usage(format!("mfa_process '{cmd}' printed no valid code: {e}")))
}

/// The controlling terminal, for reading and writing; `None` when there is none (a pipe, cron,
/// an SDK's credential_process without a terminal).
pub fn open_tty() -> Option<std::fs::File> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .ok()
}

fn prompt_tty(serial: &str, login_hint: &str) -> Result<String> {
    let Some(mut tty) = open_tty() else {
        return Err(Error::LoginRequired(format!(
            "an MFA code for {serial} is needed and there is no terminal to ask on; {login_hint}"
        )));
    };
    let mut reader = BufReader::new(
        tty.try_clone()
            .map_err(|e| Error::io("cannot use /dev/tty", e))?,
    );
    for attempt in 1..=3 {
        write!(tty, "MFA code for {serial}: ")
            .and_then(|_| tty.flush())
            .map_err(|e| Error::io("cannot write to /dev/tty", e))?;
        let mut line = String::new();
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
    let Some(mut tty) = open_tty() else {
        return Err(Error::LoginRequired(format!(
            "profile '{profile}' has {} MFA devices and there is no terminal to ask which; set mfa_serial in the profile",
            devices.len()
        )));
    };
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

//! Where an MFA code comes from, decided in one place: `-c/--token-code`, `AWS_MFA_TOKEN_CODE`,
//! the profile's `mfa_process`, then the prompt driver (src/prompt_driver/: `mfa_prompt` or
//! `AWSMFA_PROMPT`; by default the controlling terminal, `/dev/tty`, never stdout: under
//! `eval "$(...)"` stdout is a pipe; without one a desktop dialog). With none of them it fails
//! at once.
//!
//! Its questions on the terminal go through src/tty.rs, under the terminal lock.

use std::fs::File;

use crate::error::{Error, Result};
use crate::prompt_driver::PromptSettings;
use crate::tty::Questions;
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
    crate::paths::AWS_MFA_TOKEN_CODE.non_blank()
}

/// Set (to anything but empty) by the shell hooks from `awsmfa init`: fail (exit 6) where a
/// code would be asked for.
pub const NO_PROMPT: &str = crate::paths::AWSMFA_NO_PROMPT.name();

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
        if crate::paths::AWSMFA_NO_PROMPT
            .os()
            .is_some_and(|v| !v.is_empty())
        {
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
    crate::paths::terminal_lock_dir().unwrap_or_default()
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
    let mut questions = Questions::on(tty)?;
    for attempt in 1..=3 {
        let Some(line) = questions.ask(&format!("MFA code for {serial}: "))? else {
            return Err(Error::Usage("no MFA code entered (end of input)".into()));
        };
        match validate::mfa_code(&line) {
            Ok(code) => return Ok(code),
            Err(e) if attempt < 3 => questions.say(&e.to_string()),
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
    let mut questions = Questions::on(tty)?;
    let mut menu = format!("profile '{profile}' has several MFA devices:\n");
    for (i, d) in devices.iter().enumerate() {
        menu.push_str(&format!("  {}) {d}\n", i + 1));
    }
    for _ in 0..3 {
        let Some(line) = questions.ask(&format!("{menu}which one [1-{}]: ", devices.len()))? else {
            break;
        };
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::os::fd::FromRawFd;

    /// A pseudo-terminal: the side the user types on, and the one awsmfa reads as its tty.
    fn pty() -> (File, File) {
        let (mut user, mut tty) = (0, 0);
        // SAFETY: openpty writes two fds into the out-parameters; the null pointers ask for no
        // name and default settings.
        let rc = unsafe {
            libc::openpty(
                &mut user,
                &mut tty,
                std::ptr::null_mut(),
                std::ptr::null(),
                std::ptr::null(),
            )
        };
        assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
        // SAFETY: both fds were just opened and are owned by nothing else.
        unsafe { (File::from_raw_fd(user), File::from_raw_fd(tty)) }
    }

    /// Everything the terminal showed so far (what awsmfa wrote, and the echo of what was typed).
    fn screen(user: &mut File) -> String {
        use std::os::fd::AsRawFd;
        // SAFETY: fcntl on an open fd.
        unsafe { libc::fcntl(user.as_raw_fd(), libc::F_SETFL, libc::O_NONBLOCK) };
        // Everything is written by now, but the kernel passes it to this side of the pty
        // later and in pieces: read until nothing more has come for a quarter of a second.
        let mut shown = Vec::new();
        let mut buf = [0; 4096];
        let mut idle = 0;
        while idle < 25 {
            match user.read(&mut buf) {
                Ok(n @ 1..) => {
                    shown.extend_from_slice(&buf[..n]);
                    idle = 0;
                }
                _ => {
                    idle += 1;
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
            }
        }
        String::from_utf8_lossy(&shown).into_owned()
    }

    #[test]
    fn a_code_is_asked_again_after_a_malformed_one_on_the_terminal() {
        let (mut user, mut tty) = pty();
        user.write_all(b"12ab\n654321\n").unwrap();
        let code = ask_code(&mut tty, "arn:aws:iam::123456789012:mfa/alice").unwrap();
        assert_eq!(code, "654321");
        let shown = screen(&mut user);
        assert_eq!(
            shown
                .matches("MFA code for arn:aws:iam::123456789012:mfa/alice: ")
                .count(),
            2,
            "{shown}"
        );
        let (mut user, mut tty) = pty();
        user.write_all(b"\x04").unwrap();
        let e = ask_code(&mut tty, "s").unwrap_err();
        assert!(e.to_string().contains("end of input"), "{e}");
    }

    #[test]
    fn a_device_is_chosen_by_its_number_on_the_terminal() {
        let devices = ["arn:a".to_string(), "arn:b".to_string()];
        let (mut user, mut tty) = pty();
        user.write_all(b"9\nx\n2\n").unwrap();
        assert_eq!(ask_device(&mut tty, "dev", &devices).unwrap(), "arn:b");
        let shown = screen(&mut user);
        assert_eq!(shown.matches("which one [1-2]: ").count(), 3, "{shown}");
        assert!(shown.contains("  1) arn:a\r\n  2) arn:b\r\n"), "{shown}");
        let (mut user, mut tty) = pty();
        user.write_all(b"0\n\x04").unwrap();
        let e = ask_device(&mut tty, "dev", &devices).unwrap_err();
        assert!(e.to_string().contains("no MFA device chosen"), "{e}");
    }
}

//! Where an MFA code comes from, decided in one place: `-c/--token-code`, `AWS_MFA_TOKEN_CODE`,
//! the profile's `mfa_process`, then the prompt driver (src/prompt_driver/: `mfa_prompt` or
//! `AWSMFA_PROMPT`; by default the controlling terminal, `/dev/tty`, never stdout: under
//! `eval "$(...)"` stdout is a pipe; without one a desktop dialog). With none of them it fails
//! at once.
//!
//! Every prompt on the terminal (here, the key store's hidden ones, yes/no questions) holds the
//! terminal lock ([`lock_tty`]) from the prompt to the answer, so concurrent prompts (`write`'s
//! threads, parallel `credential_process` runs) take turns instead of racing on `/dev/tty`.

use std::cell::Cell;
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::marker::PhantomData;
use std::process::Command;

use crate::error::{Error, Result};
use crate::fsutil::FileLock;
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
    let mut sh = Command::new("/bin/sh");
    sh.arg("-c").arg(cmd);
    // No deadline: an mfa_process may wait for a person (a touch, a passphrase on /dev/tty).
    let outcome = crate::helper::run(sh, crate::helper::Stderr::Inherit, None)
        .map_err(|e| Error::Other(format!("mfa_process '{cmd}' could not be started ({e})")))?;
    let crate::helper::Outcome::Exited { status, stdout, .. } = outcome else {
        return Err(Error::Other(format!("mfa_process '{cmd}' did not finish")));
    };
    if !status.success() {
        // A helper that fails is a local failure (1), not AWS refusing (4): README's table.
        return Err(Error::Other(format!(
            "mfa_process '{cmd}' failed ({status}); fix it or pass the code with -c"
        )));
    }
    let text = zeroize::Zeroizing::new(String::from_utf8_lossy(&stdout).into_owned());
    validate::mfa_code(text.trim())
        .map_err(|e| Error::Usage(format!("mfa_process '{cmd}' printed no valid code: {e}")))
}

/// The controlling terminal, for reading and writing; `None` when there is none (a pipe, cron,
/// an SDK's credential_process without a terminal). Prompt through [`with_tty`], not this.
pub fn open_tty() -> Option<File> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .ok()
}

thread_local! {
    /// How many [`TtyGuard`]s this thread holds: the lock is taken by the first only.
    static TTY_HELD: Cell<u32> = const { Cell::new(0) };
}

/// Exclusive use of the terminal, from a prompt to its answer; released when dropped.
///
/// Taken again on the same thread (a passphrase prompt inside a loop that already holds it) it
/// only counts: the file lock is per open file, so a second one would wait for the first
/// forever. Never held across a request to AWS: it is only ever waited for by a prompt, and a
/// prompt waits for nothing but the user, so it cannot deadlock with the cache's locks.
pub struct TtyGuard {
    _lock: Option<FileLock>,
    /// The count is per thread: the guard must be dropped where it was taken.
    _not_send: PhantomData<*const ()>,
}

impl Drop for TtyGuard {
    fn drop(&mut self) {
        TTY_HELD.with(|h| h.set(h.get().saturating_sub(1)));
    }
}

/// The lock file for the controlling terminal: `tty-DEVICE.lock` in the cache directory, one
/// per terminal (so a prompt left unanswered in one terminal never holds up another), or
/// `tty.lock` where the terminal's device number is not known (not Linux).
fn tty_lock_name() -> String {
    let tty_nr = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|stat| {
            // `pid (comm) state ppid pgrp session tty_nr ...`; comm may hold spaces and ')'.
            let (_, rest) = stat.rsplit_once(')')?;
            rest.split_whitespace()
                .nth(4)
                .and_then(|n| n.parse::<i64>().ok())
        });
    match tty_nr {
        Some(n) if n != 0 => format!("tty-{n:x}.lock"),
        _ => "tty.lock".to_string(),
    }
}

/// Wait until this process may use the terminal, then hold it until the guard drops: every
/// prompt takes this, so prompts of threads and of other awsmfa processes on the same terminal
/// take turns (a code typed for the device it was asked for; one hidden prompt never restoring
/// echo while another is being typed). An error when the lock cannot be taken (no cache
/// directory, a read-only one): awsmfa then does not prompt.
pub fn lock_tty() -> Result<TtyGuard> {
    lock_tty_in(&crate::cache::Cache::open().dir)
}

/// [`lock_tty`] with the lock file in `dir`.
fn lock_tty_in(dir: &std::path::Path) -> Result<TtyGuard> {
    let guard = |lock| TtyGuard {
        _lock: lock,
        _not_send: PhantomData,
    };
    if TTY_HELD.with(Cell::get) > 0 {
        TTY_HELD.with(|h| h.set(h.get() + 1));
        return Ok(guard(None));
    }
    let failed = |why: String| {
        Error::Io(format!(
            "cannot take the terminal lock that keeps concurrent prompts apart: {why}"
        ))
    };
    if dir.as_os_str().is_empty() {
        return Err(failed(
            "no home directory for awsmfa's cache; set HOME or XDG_CACHE_HOME".into(),
        ));
    }
    let lock = crate::fsutil::private_dir(dir)
        .and_then(|()| crate::fsutil::lock(&dir.join(tty_lock_name())))
        .map_err(|e| failed(e.to_string()))?;
    TTY_HELD.with(|h| h.set(1));
    Ok(guard(Some(lock)))
}

/// Run `f` with the terminal, holding the terminal lock ([`lock_tty`]) throughout; `Ok(None)`
/// when there is no terminal (nothing is locked then).
pub fn with_tty<T>(f: impl FnOnce(&mut File) -> Result<T>) -> Result<Option<T>> {
    let Some(mut tty) = open_tty() else {
        return Ok(None);
    };
    let _guard = lock_tty()?;
    f(&mut tty).map(Some)
}

/// Ask on the terminal (holding its lock); an error naming `login_hint` when there is none.
pub(crate) fn prompt_tty(serial: &str, login_hint: &str) -> Result<String> {
    with_tty(|tty| ask_code(tty, serial))?.ok_or_else(|| {
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
    with_tty(|tty| ask_device(tty, profile, devices))?.ok_or_else(|| {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn the_terminal_lock_is_reentrant_in_a_thread_and_exclusive_between_threads() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("awsmfa");
        let outer = lock_tty_in(&cache).unwrap();
        // The same thread again (a prompt inside a prompt loop): no wait.
        let inner = lock_tty_in(&cache).unwrap();
        drop(inner);
        let (tx, rx) = mpsc::channel();
        let other = std::thread::spawn({
            let cache = cache.clone();
            move || {
                let _g = lock_tty_in(&cache).unwrap();
                tx.send(()).unwrap();
            }
        });
        // Dropping the inner guard did not release the lock: the other thread still waits.
        assert!(rx.recv_timeout(Duration::from_millis(300)).is_err());
        drop(outer);
        rx.recv_timeout(Duration::from_secs(10))
            .expect("the lock is free once the outer guard drops");
        other.join().unwrap();
        // The lock lives in the cache directory, which is private.
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&cache).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
    }

    #[test]
    fn the_terminal_lock_without_a_cache_directory_is_an_error_not_a_hang() {
        let err = lock_tty_in(std::path::Path::new("")).err().unwrap();
        assert!(err.to_string().contains("terminal lock"), "{err}");
        assert_eq!(TTY_HELD.with(Cell::get), 0);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("not-a-dir");
        std::fs::write(&file, "").unwrap();
        let err = lock_tty_in(&file).err().unwrap();
        assert!(err.to_string().contains("terminal lock"), "{err}");
        assert_eq!(TTY_HELD.with(Cell::get), 0);
    }

    #[test]
    fn the_lock_file_is_named_after_the_controlling_terminal() {
        let name = tty_lock_name();
        assert!(
            name == "tty.lock" || (name.starts_with("tty-") && name.ends_with(".lock")),
            "{name}"
        );
    }
}

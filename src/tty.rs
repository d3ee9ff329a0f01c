//! The controlling terminal, `/dev/tty`, and the only code that opens it: the per-terminal
//! prompt lock, hidden input, yes/no and line questions, messages. Never stdout: under
//! `eval "$(...)"` stdout is a pipe.
//!
//! Every prompt on the terminal holds the terminal lock ([`lock`]) from the prompt to the
//! answer, so concurrent prompts (`write`'s threads, parallel `credential_process` runs) take
//! turns instead of racing on `/dev/tty`. The lock lives in [`lock_dir`] (from src/paths.rs);
//! this module depends on no domain module.

use std::cell::Cell;
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::marker::PhantomData;
use std::path::Path;

use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Where the terminal locks live: awsmfa's cache directory (`paths::terminal_lock_dir`), or an
/// empty path when there is no home directory ([`lock`] then says so).
pub fn lock_dir() -> std::path::PathBuf {
    crate::paths::terminal_lock_dir().unwrap_or_default()
}

/// The controlling terminal, for reading and writing; `None` when there is none (a pipe, cron,
/// an SDK's credential_process without a terminal). Prompt through [`with_tty`], not this.
pub fn open() -> Option<File> {
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
    _lock: Option<Held>,
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
/// echo while another is being typed). The lock file is in `dir` (the caller's: awsmfa's cache
/// directory). An error when the lock cannot be taken (no directory, a read-only one): awsmfa
/// then does not prompt.
///
/// `dir` is trusted as the cache trusts it: it must belong to this user and be writable by no
/// one else (`sudo -E` keeps the user's HOME under euid 0: a lock made there would be root's,
/// and the user's own prompts could no longer open it). In a directory it does not trust
/// awsmfa creates nothing and changes nothing; its prompts then take turns within this process
/// only.
pub fn lock(dir: &Path) -> Result<TtyGuard> {
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
    let held = match crate::fsutil::trusted_dir(dir).map_err(|e| failed(e.to_string()))? {
        Ok(()) => Held::File(lock_file(&dir.join(tty_lock_name())).map_err(failed)?),
        Err(why) => {
            crate::ui::debug(&format!(
                "no terminal lock in {}: {why}; prompts of this process still take turns",
                dir.display()
            ));
            Held::Process(PROCESS_LOCK.lock().unwrap_or_else(|e| e.into_inner()))
        }
    };
    TTY_HELD.with(|h| h.set(1));
    Ok(guard(Some(held)))
}

/// The lock of the prompts of this process, when the directory for the lock file is not
/// trusted.
static PROCESS_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// What a [`TtyGuard`] holds: a locked file (unlocked when closed), or the process's lock.
enum Held {
    File(#[allow(dead_code)] File),
    Process(#[allow(dead_code)] std::sync::MutexGuard<'static, ()>),
}

/// Lock the file at `path` in a trusted directory, made 0600 when missing. A symlink is not
/// followed, and a file of another user (left by an awsmfa run under `sudo -E`) is replaced:
/// the directory is this user's. Only those are removed (never on an error such as too many
/// open files), and the lock counts only once `path` still names the locked file: two
/// processes replacing the same leftover at once could otherwise each lock a file of its own.
fn lock_file(path: &Path) -> std::result::Result<File, String> {
    for _ in 0..8 {
        let file = open_lock_file(path)?;
        file.lock()
            .map_err(|e| format!("cannot lock {}: {e}", path.display()))?;
        if still_named(&file, path) {
            return Ok(file);
        }
    }
    Err(format!(
        "{} keeps being replaced while awsmfa locks it",
        path.display()
    ))
}

/// Whether `path` (not followed) is the file `file` is open on.
fn still_named(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

fn open_lock_file(path: &Path) -> std::result::Result<File, String> {
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    let open = || {
        std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW)
            .open(path)
    };
    let ours = |f: &File| {
        f.metadata()
            .is_ok_and(|m| m.is_file() && m.uid() == crate::fsutil::euid())
    };
    let not_ours = match open() {
        Ok(f) if ours(&f) => return Ok(f),
        Ok(_) => true,
        // A symlink (O_NOFOLLOW), or a file this user may not open (another user's, 0600).
        Err(e) => matches!(
            e.raw_os_error(),
            Some(libc::ELOOP | libc::EACCES | libc::EPERM)
        ),
    };
    if !not_ours {
        return match open() {
            Ok(f) if ours(&f) => Ok(f),
            Ok(_) => Err(format!("{} is not a file of this user", path.display())),
            Err(e) => Err(format!("cannot open lock {}: {e}", path.display())),
        };
    }
    // Not a lock of ours: replace it (the directory is this user's).
    let _ = std::fs::remove_file(path);
    match open() {
        Ok(f) if ours(&f) => Ok(f),
        Ok(_) => Err(format!("{} is not a file of this user", path.display())),
        Err(e) => Err(format!("cannot open lock {}: {e}", path.display())),
    }
}

/// Run `f` with the terminal, holding the terminal lock ([`lock`]) throughout; `Ok(None)`
/// when there is no terminal (nothing is locked then).
pub fn with_tty<T>(lock_dir: &Path, f: impl FnOnce(&mut File) -> Result<T>) -> Result<Option<T>> {
    let Some(mut tty) = open() else {
        return Ok(None);
    };
    let _guard = lock(lock_dir)?;
    f(&mut tty).map(Some)
}

/// Whether a terminal can be opened to ask on.
pub fn available() -> bool {
    open().is_some()
}

/// Write `msg` and a newline on the terminal (nothing when there is none or it is not ours).
pub fn say(lock_dir: &Path, msg: &str) {
    let _ = with_tty(lock_dir, |tty| {
        let _ = writeln!(tty, "{msg}");
        Ok(())
    });
}

/// A hidden line typed on the terminal, under the terminal lock (so no other prompt restores
/// echo while it is typed).
pub fn read_hidden(lock_dir: &Path, prompt: &str) -> Result<String> {
    let _tty = lock(lock_dir)?;
    rpassword::prompt_password(prompt).map_err(|e| match e.kind() {
        std::io::ErrorKind::UnexpectedEof => Error::Usage("nothing entered (end of input)".into()),
        std::io::ErrorKind::Interrupted => Error::Usage("interrupted".into()),
        _ => Error::io("cannot read from /dev/tty", e),
    })
}

/// Ask a yes/no question on the terminal; `None` when there is none. Only `y`/`yes` is yes.
pub fn ask_yes_no(lock_dir: &Path, question: &str) -> Result<Option<bool>> {
    with_tty(lock_dir, |tty| {
        let line = Questions::on(tty)?.ask(&format!("{question} [y/N] "))?;
        let answer = line
            .map(|l| l.trim().to_ascii_lowercase())
            .unwrap_or_default();
        Ok(answer == "y" || answer == "yes")
    })
}

/// Questions answered by a line typed (and echoed) on the terminal: one reader for all of them,
/// so a line typed ahead is not lost between one attempt and the next.
pub struct Questions<'a> {
    tty: &'a mut File,
    reader: BufReader<File>,
}

impl<'a> Questions<'a> {
    /// Questions on `tty` (from [`with_tty`], so under the terminal lock).
    pub fn on(tty: &'a mut File) -> Result<Questions<'a>> {
        let reader = BufReader::new(
            tty.try_clone()
                .map_err(|e| Error::io("cannot use /dev/tty", e))?,
        );
        Ok(Questions { tty, reader })
    }

    /// Show `prompt`, then the line typed, newline included (wiped when dropped: it may be a
    /// code); `None` at the end of input.
    pub fn ask(&mut self, prompt: &str) -> Result<Option<Zeroizing<String>>> {
        write!(self.tty, "{prompt}")
            .and_then(|_| self.tty.flush())
            .map_err(|e| Error::io("cannot write to /dev/tty", e))?;
        let mut line = Zeroizing::new(String::new());
        let n = self
            .reader
            .read_line(&mut line)
            .map_err(|e| Error::io("cannot read /dev/tty", e))?;
        Ok((n > 0).then_some(line))
    }

    /// A line of its own (why the question comes again); best effort.
    pub fn say(&mut self, msg: &str) {
        let _ = writeln!(self.tty, "{msg}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn a_lock_counts_only_while_its_path_names_the_locked_file() {
        // Review finding: two processes replacing a leftover lock at once could each lock a
        // file of its own; the lock now checks that the path still names its file.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tty-x.lock");
        let held = lock_file(&path).unwrap();
        assert!(still_named(&held, &path));
        std::fs::remove_file(&path).unwrap();
        std::fs::write(&path, "").unwrap();
        assert!(!still_named(&held, &path));
        drop(held);
        // A file this user cannot open because of an error other than ownership is not removed.
        let busy = dir.path().join("dir.lock");
        std::fs::create_dir(&busy).unwrap();
        assert!(lock_file(&busy).is_err());
        assert!(busy.is_dir(), "a path that is not a lock file was removed");
    }

    #[test]
    fn the_terminal_lock_is_reentrant_in_a_thread_and_exclusive_between_threads() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("awsmfa");
        let outer = lock(&cache).unwrap();
        // The same thread again (a prompt inside a prompt loop): no wait.
        let inner = lock(&cache).unwrap();
        drop(inner);
        let (tx, rx) = mpsc::channel();
        let other = std::thread::spawn({
            let cache = cache.clone();
            move || {
                let _g = lock(&cache).unwrap();
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
        let err = lock(std::path::Path::new("")).err().unwrap();
        assert!(err.to_string().contains("terminal lock"), "{err}");
        assert_eq!(TTY_HELD.with(Cell::get), 0);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("not-a-dir");
        std::fs::write(&file, "").unwrap();
        let err = lock(&file).err().unwrap();
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

    use std::os::unix::fs::PermissionsExt;

    /// The files in `dir`, by name.
    fn files_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Give `path` to `uid`; `None` (with the reason printed) when this is not root.
    fn give_away(path: &Path, uid: u32) -> Option<()> {
        match std::os::unix::fs::chown(path, Some(uid), None) {
            Ok(()) => Some(()),
            Err(e) => {
                eprintln!("skipped: cannot chown {} ({e}); needs root", path.display());
                None
            }
        }
    }

    /// The lock in `dir` still keeps the threads of this process apart.
    fn assert_threads_take_turns(dir: &Path) {
        let outer = lock(dir).unwrap();
        let (tx, rx) = mpsc::channel();
        let other = std::thread::spawn({
            let dir = dir.to_path_buf();
            move || {
                let _g = lock(&dir).unwrap();
                tx.send(()).unwrap();
            }
        });
        assert!(rx.recv_timeout(Duration::from_millis(300)).is_err());
        drop(outer);
        rx.recv_timeout(Duration::from_secs(10)).unwrap();
        other.join().unwrap();
    }

    #[test]
    fn a_lock_dir_open_to_other_users_gets_no_lock_file_and_prompts_still_take_turns() {
        let dir = tempfile::tempdir().unwrap();
        for mode in [0o770, 0o707, 0o777] {
            let cache = dir.path().join(format!("awsmfa-{mode:o}"));
            std::fs::create_dir(&cache).unwrap();
            std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(mode)).unwrap();
            assert_threads_take_turns(&cache);
            assert!(files_in(&cache).is_empty(), "{:?}", files_in(&cache));
            let left = std::fs::metadata(&cache).unwrap().permissions().mode() & 0o777;
            assert_eq!(
                left, mode,
                "a directory awsmfa does not trust is not changed"
            );
        }
    }

    #[test]
    fn a_lock_file_planted_as_a_symlink_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("awsmfa");
        crate::fsutil::private_dir(&cache).unwrap();
        let target = dir.path().join("victim");
        std::os::unix::fs::symlink(&target, cache.join(tty_lock_name())).unwrap();
        assert_threads_take_turns(&cache);
        assert!(!target.exists(), "the link was followed");
        let meta = std::fs::symlink_metadata(cache.join(tty_lock_name())).unwrap();
        assert!(
            meta.is_file(),
            "the link was replaced by a lock file of this user"
        );
    }

    #[test]
    fn under_sudo_e_the_users_cache_dir_gets_no_root_owned_lock() {
        // `sudo -E`: euid 0, HOME (so the cache directory) the user's.
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        std::fs::create_dir(&home).unwrap();
        if give_away(&home, 4242).is_none() {
            return;
        }
        // Not made inside a home of another user...
        let missing = home.join(".cache").join("awsmfa");
        assert_threads_take_turns(&missing);
        assert!(!home.join(".cache").exists());
        // ...and not written into when it is there.
        let cache = home.join("cache");
        crate::fsutil::private_dir(&cache).unwrap();
        give_away(&cache, 4242).unwrap();
        assert_threads_take_turns(&cache);
        assert!(files_in(&cache).is_empty(), "{:?}", files_in(&cache));
    }

    #[test]
    fn a_lock_file_of_another_user_is_replaced_in_a_dir_of_ones_own() {
        // What an awsmfa before this fix left in the user's cache under `sudo -E`.
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("awsmfa");
        crate::fsutil::private_dir(&cache).unwrap();
        let file = cache.join(tty_lock_name());
        std::fs::write(&file, "").unwrap();
        if give_away(&file, 4242).is_none() {
            return;
        }
        assert_threads_take_turns(&cache);
        assert_eq!(
            std::fs::metadata(&file).unwrap().uid(),
            crate::fsutil::euid()
        );
    }
}

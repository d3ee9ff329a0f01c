//! The only way awsmfa writes a file: a temp file in the same directory, fsynced, mode 0600,
//! renamed over the target (so a reader sees the old or the new file, never a half), under a lock.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result, ResultExt};

/// The effective user id: whose files awsmfa trusts.
pub fn euid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// Create `dir` (and parents) and make it private (0700).
pub fn private_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let perms = std::fs::metadata(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .permissions();
    if perms.mode() & 0o777 != 0o700 {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .with_context(|| format!("cannot make {} private", dir.display()))?;
    }
    Ok(())
}

/// The owner of the nearest existing ancestor of the missing `dir`, when it is another user
/// (not this one, not root as for /tmp): awsmfa must not make `dir` there. Under `sudo -E`
/// (euid 0, the user's HOME) that is the user's own cache: what root made there would be
/// root's, and the user's awsmfa would refuse it.
pub fn foreign_parent(dir: &Path) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    let euid = euid();
    dir.ancestors()
        .skip(1)
        .find_map(|a| std::fs::metadata(a).ok())
        .map(|m| m.uid())
        .filter(|&u| u != euid && u != 0)
}

/// Whether awsmfa may keep its lock and state files in `dir`, making it (0700) when it is
/// missing: the outer `Err` when it cannot be made or made private, the inner one when it must
/// not be used, saying why. Trusted as the cache trusts its files: it belongs to the effective
/// user and no one else may write to it, and it is made only inside a directory of that user
/// (or root's, as /tmp is). Under `sudo -E` (euid 0, the user's HOME) the user's cache
/// directory is not trusted: a lock made there would be root's, and the user's own awsmfa
/// could no longer open it. An untrusted directory is left as it is.
pub fn trusted_dir(dir: &Path) -> Result<std::result::Result<(), String>> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let euid = euid();
    if !dir.exists() {
        if let Some(uid) = foreign_parent(dir) {
            return Ok(Err(format!(
                "it is missing and would be made inside a directory of another user (uid {uid})"
            )));
        }
        private_dir(dir)?;
    }
    let meta = std::fs::metadata(dir)
        .map_err(|e| Error::io(format!("cannot read {}", dir.display()), e))?;
    if meta.uid() != euid {
        return Ok(Err(format!(
            "it belongs to another user (uid {})",
            meta.uid()
        )));
    }
    if meta.permissions().mode() & 0o022 != 0 {
        return Ok(Err(format!(
            "other users may write to it (mode {:o})",
            meta.permissions().mode() & 0o777
        )));
    }
    private_dir(dir)?;
    Ok(Ok(()))
}

/// Replace `path` with `contents` atomically, mode 0600. A symlink is followed, so the file it
/// points to is replaced and the link stays (dotfile managers link `~/.aws/credentials`).
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let real = resolve_links(path)?;
    let dir = real
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    remove_stale_temps(dir);
    let fail = |what: &str| format!("cannot write {} ({what})", path.display());
    let mut tmp = tempfile::Builder::new()
        .prefix(".awsmfa-")
        .suffix(".tmp")
        .permissions(std::fs::Permissions::from_mode(0o600))
        .tempfile_in(dir)
        .with_context(|| fail("temp file"))?;
    tmp.write_all(contents).with_context(|| fail("write"))?;
    tmp.as_file().sync_all().with_context(|| fail("fsync"))?;
    tmp.persist(&real)
        .map_err(|e| e.error)
        .with_context(|| fail("rename"))?;
    // Make the rename itself durable.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A writer killed between creating its temp file and the rename leaves `.awsmfa-*.tmp`
/// behind (0600, but it may hold secrets): remove those older than ten minutes, which no live
/// writer can still be using.
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(600);
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".awsmfa-") && name.ends_with(".tmp")) {
            continue;
        }
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t < old);
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The file a chain of symlinks ends at, even when it does not exist yet (a dangling link:
/// writing through it creates the target and keeps the link, where `canonicalize` would fail).
pub fn resolve_links(path: &Path) -> Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&current)
                    .with_context(|| format!("cannot read link {}", current.display()))?;
                current = match current.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(Error::Io(format!(
        "cannot resolve {}: too many levels of symbolic links",
        path.display()
    )))
}

/// An exclusive advisory lock held until dropped (the OS releases it if the process dies).
pub struct FileLock {
    _file: File,
}

fn open_lock(path: &Path) -> Result<File> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("cannot open lock {}", path.display()))
}

/// Block until the lock at `path` (created 0600 if missing) is ours.
pub fn lock(path: &Path) -> Result<FileLock> {
    let file = open_lock(path)?;
    file.lock()
        .with_context(|| format!("cannot lock {}", path.display()))?;
    Ok(FileLock { _file: file })
}

/// [`lock`], but waiting at most `limit`: `Ok(None)` when another holder kept it that long.
/// Polls (a blocked `flock` cannot be given a deadline); the pause grows to a tenth of a second.
pub fn lock_within(path: &Path, limit: std::time::Duration) -> Result<Option<FileLock>> {
    use std::time::{Duration, Instant};
    let file = open_lock(path)?;
    let deadline = Instant::now() + limit;
    let mut pause = Duration::from_millis(5);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Some(FileLock { _file: file })),
            Err(std::fs::TryLockError::WouldBlock) => {}
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(Error::io(format!("cannot lock {}", path.display()), e));
            }
        }
        let now = Instant::now();
        if now >= deadline {
            return Ok(None);
        }
        std::thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(100));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bounded_lock_gives_up_while_held_and_is_taken_once_free() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let held = lock(&path).unwrap();
        let short = std::time::Duration::from_millis(200);
        let started = std::time::Instant::now();
        assert!(lock_within(&path, short).unwrap().is_none());
        assert!(started.elapsed() >= short);
        drop(held);
        assert!(lock_within(&path, short).unwrap().is_some());
    }

    #[test]
    fn atomic_write_is_private_and_follows_links() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        let link = dir.path().join("link");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(
            std::fs::metadata(&real).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp")
            })
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn stale_temp_files_are_removed_fresh_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".awsmfa-dead.tmp");
        let fresh = dir.path().join(".awsmfa-live.tmp");
        std::fs::write(&stale, "secret").unwrap();
        std::fs::write(&fresh, "secret").unwrap();
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
        write_atomic(&dir.path().join("file"), b"x").unwrap();
        assert!(!stale.exists());
        assert!(fresh.exists());
    }

    #[test]
    fn a_dangling_link_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink("target", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("target")).unwrap(),
            "new"
        );
    }

    #[test]
    fn private_dir_tightens_mode() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("a/b");
        std::fs::create_dir_all(&d).unwrap();
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o755)).unwrap();
        private_dir(&d).unwrap();
        assert_eq!(
            std::fs::metadata(&d).unwrap().permissions().mode() & 0o777,
            0o700
        );
    }
}

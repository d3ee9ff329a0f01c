//! The credentials file on disk: the lock, the read, and the atomic replace (temp file, fsync,
//! rename) around an edit of the text core ([`super::edit`]).

use std::os::unix::fs::DirBuilderExt;
use std::path::Path;

use crate::error::{Error, ResultExt};
use crate::fsutil;

use super::edit::{check_name, long_lived_keys, remove_keys, remove_managed, replace_keys, upsert};
use super::{Refusal, Removed, TempSection};

/// Write `section` into `[name]` of the credentials file at `path`, under the file lock.
pub fn write_section(path: &Path, name: &str, section: &TempSection) -> Result<(), Error> {
    let real = crate::fsutil::resolve_links(path)?;
    edit(path, &real, |text| Ok((upsert(text, name, section)?, ())))
}

/// Remove awsmfa's `[name]` from the credentials file at `path`, under the file lock.
pub fn remove_section(path: &Path, name: &str) -> Result<Removed, Error> {
    let real = crate::fsutil::resolve_links(path)?;
    if !real.exists() {
        // Nothing to remove, and no reason to create `~/.aws` or a lock file for it.
        check_name(name).map_err(|r| refusal_error(path, r))?;
        return Ok(Removed::NotFound);
    }
    edit(path, &real, |text| remove_managed(text, name))
}

/// Replace the long-lived keys of `[name]` in the credentials file at `path` (key rotation),
/// under the file lock, only if its access key id is still `expected_id`.
pub fn replace_section_keys(
    path: &Path,
    name: &str,
    expected_id: &str,
    access_key_id: &str,
    secret_access_key: &str,
) -> Result<(), Error> {
    let real = crate::fsutil::resolve_links(path)?;
    edit(path, &real, |text| {
        check_expected(text, name, expected_id)?;
        Ok((
            replace_keys(text, name, access_key_id, secret_access_key)?,
            (),
        ))
    })
}

/// Remove the long-lived keys of `[name]` from the credentials file at `path` (after they moved
/// to the store), under the file lock, only if its access key id is still `expected_id`.
pub fn remove_section_keys(path: &Path, name: &str, expected_id: &str) -> Result<Removed, Error> {
    let real = crate::fsutil::resolve_links(path)?;
    edit(path, &real, |text| {
        check_expected(text, name, expected_id)?;
        remove_keys(text, name)
    })
}

fn check_expected(text: &str, name: &str, expected_id: &str) -> Result<(), Refusal> {
    match long_lived_keys(text, name)? {
        Some((id, _)) if id == expected_id => Ok(()),
        _ => Err(Refusal::KeysChanged {
            name: name.to_string(),
        }),
    }
}

/// Lock, read, apply `op`, and replace the file atomically if the text changed. `real` is
/// `path` with symlinks resolved: a dotfile manager's link stays a link, and every path to the
/// file agrees on one lock next to it.
fn edit<T>(
    path: &Path,
    real: &Path,
    op: impl FnOnce(&str) -> Result<(String, T), Refusal>,
) -> Result<T, Error> {
    let dir = real
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.exists() {
        // Only directories awsmfa creates are made private; an existing ~/.aws keeps its mode.
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let Some(file_name) = real.file_name() else {
        return Err(Error::Usage(format!(
            "{} is not a file name",
            path.display()
        )));
    };
    let _lock = lock(dir, file_name)?;
    let text = read_text(path, real)?;
    let (new, outcome) = op(&text).map_err(|r| refusal_error(path, r))?;
    if new != text {
        fsutil::write_atomic(real, new.as_bytes())?;
    }
    Ok(outcome)
}

/// The lock of the credentials file at `path` is a cache lock named after the file's canonical
/// path (symlinks resolved, the file itself may not exist yet): every path to the file agrees
/// on it, and nothing of awsmfa's is left next to the user's file. `None` when the directory
/// cannot be resolved.
fn lock_key(path: &Path) -> Option<crate::cache::Key> {
    let real = fsutil::resolve_links(path).ok()?;
    let dir = real.parent().filter(|d| !d.as_os_str().is_empty())?;
    let canonical = dir.canonicalize().ok()?.join(real.file_name()?);
    Some(crate::cache::Key::new(
        crate::cache::Kind::Credfile,
        &[&canonical.to_string_lossy()],
    ))
}

/// Where the lock of the credentials file at `path` lives (awsmfa's cache directory); `None`
/// when there is no cache directory (no home), and the lock sits next to the file as it used to.
pub fn lock_path(path: &Path) -> Option<std::path::PathBuf> {
    let cache = crate::cache::Cache::open();
    if cache.dir.as_os_str().is_empty() {
        return None;
    }
    Some(cache.lock_path(&lock_key(path)?))
}

/// Take the file lock (a separate file, because the rename replaces the credentials file's
/// inode), and remove the lock file older versions left next to the credentials file.
fn lock(dir: &Path, file_name: &std::ffi::OsStr) -> Result<fsutil::FileLock, Error> {
    let mut old_name = file_name.to_os_string();
    old_name.push(".awsmfa.lock");
    let next_to_file = dir.join(old_name);
    let cache = crate::cache::Cache::open();
    let key = lock_key(&dir.join(file_name)).filter(|_| !cache.dir.as_os_str().is_empty());
    let Some(key) = key else {
        return fsutil::lock(&next_to_file);
    };
    let lock = cache.lock(&key)?;
    // An older awsmfa writing at this moment keeps its lock (it is on the open file) and
    // finishes; no writer opens that file again.
    let _ = std::fs::remove_file(&next_to_file);
    Ok(lock)
}

/// The file's text; a missing file is empty.
fn read_text(shown: &Path, real: &Path) -> Result<String, Error> {
    let bytes = match std::fs::read(real) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(String::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", shown.display())),
    };
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        Error::Config {
            file: shown.display().to_string(),
            line: valid.iter().filter(|&&b| b == b'\n').count() + 1,
            message: "not valid UTF-8; awsmfa edits only UTF-8 files".into(),
        }
    })
}

/// What a refused edit of the file at `path` exits with: a file awsmfa cannot read or edit
/// safely is a config error (3) at its line; a value that cannot be written is a failure (1);
/// the rest are refusals to touch the user's section (2), typed so callers can tell them apart.
fn refusal_error(path: &Path, refusal: Refusal) -> Error {
    let file = path.display().to_string();
    match refusal {
        Refusal::Malformed { line, message } => Error::Config {
            file,
            line,
            message,
        },
        Refusal::Duplicate { ref lines, .. } => Error::Config {
            file,
            line: lines.get(1).copied().unwrap_or(0),
            message: refusal.to_string(),
        },
        Refusal::InvalidValue { .. } => Error::Other(refusal.to_string()),
        Refusal::Unsafe { .. } => Error::Config {
            file,
            line: 0,
            message: refusal.to_string(),
        },
        other => Error::refused(crate::error::Protected::CredentialsFile, other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn links_are_followed_even_when_dangling() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("credentials");
        std::os::unix::fs::symlink("sub/real", &link).unwrap();
        assert_eq!(
            crate::fsutil::resolve_links(&link).unwrap(),
            dir.path().join("sub/real")
        );
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        let e = crate::fsutil::resolve_links(&a).unwrap_err().to_string();
        assert!(e.contains("too many levels"), "{e}");
    }
}

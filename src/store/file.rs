//! Where the key store's files are: one per profile in `~/.aws/awsmfa/keys`, named so that any
//! profile name stays inside the directory.

use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use super::EXT;
use crate::error::{Error, Result};
use crate::fsutil;

/// `~/.aws/awsmfa/keys`.
pub fn keys_dir() -> PathBuf {
    crate::paths::keys_dir()
}

/// Bytes kept as they are in a file name; everything else (and a leading dot) is `%XX`.
fn safe_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-_.@+=,".contains(&b)
}

/// The file name of `profile`'s keys: `dev.age`, `team%2Fdev.age` for `team/dev`.
pub fn file_name(profile: &str) -> String {
    let mut out = String::with_capacity(profile.len() + 4);
    for (i, b) in profile.bytes().enumerate() {
        if safe_byte(b) && !(i == 0 && b == b'.') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.push('.');
    out.push_str(EXT);
    out
}

/// The profile a store file name stands for (`None` for other files).
pub fn profile_of(file_name: &str) -> Option<String> {
    let stem = file_name.strip_suffix(&format!(".{EXT}"))?;
    if stem.is_empty() || stem.starts_with('.') {
        return None;
    }
    let bytes = stem.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = stem.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let name = String::from_utf8(out).ok()?;
    // Only canonical names: a hand-made `Dev%2dx.age` would not be found by its profile.
    (file_name == self::file_name(&name)).then_some(name)
}

pub fn path_of(profile: &str) -> PathBuf {
    keys_dir().join(file_name(profile))
}

/// Create `~/.aws` (0700 when awsmfa makes it), `~/.aws/awsmfa` and its `keys` (both 0700).
fn ensure_dir() -> Result<PathBuf> {
    let dir = keys_dir();
    if let Some(aws) = dir.parent().and_then(Path::parent)
        && !aws.exists()
    {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(aws)
            .map_err(|e| Error::io(format!("cannot create {}", aws.display()), e))?;
    }
    if let Some(parent) = dir.parent() {
        fsutil::private_dir(parent)?;
    }
    fsutil::private_dir(&dir)?;
    Ok(dir)
}

/// Hold the store lock of `profile` (around read-check-write of its file).
pub fn lock(profile: &str) -> Result<fsutil::FileLock> {
    let dir = ensure_dir()?;
    fsutil::lock(&dir.join(format!(".{}.lock", file_name(profile))))
}

/// Write `bytes` (an age file) as `profile`'s keys: atomic, 0600, in a 0700 directory.
pub fn write_file(profile: &str, bytes: &[u8]) -> Result<PathBuf> {
    let dir = ensure_dir()?;
    let path = dir.join(file_name(profile));
    fsutil::write_atomic(&path, bytes)?;
    Ok(path)
}

/// Remove `profile`'s file; `false` when there was none.
pub fn remove_file(profile: &str) -> Result<bool> {
    let path = path_of(profile);
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::io(format!("cannot remove {}", path.display()), e)),
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_round_trip_and_stay_inside_the_dir() {
        for name in [
            "dev",
            "default",
            "team/dev",
            ".hidden",
            "ünï cødé",
            "a%b",
            "..",
            "x.age",
        ] {
            let f = file_name(name);
            assert!(!f.contains('/') && !f.starts_with('.'), "{f}");
            assert!(f.ends_with(".age"));
            assert_eq!(profile_of(&f).as_deref(), Some(name), "{f}");
        }
        assert_eq!(file_name("dev-admin"), "dev-admin.age");
        assert_eq!(file_name("team/dev"), "team%2Fdev.age");
        assert_eq!(profile_of("dev.txt"), None);
        assert_eq!(profile_of(".dev.age.lock"), None);
        assert_eq!(profile_of("%zz.age"), None);
        assert_eq!(profile_of("a%2fb.age"), None, "not canonical");
    }
}

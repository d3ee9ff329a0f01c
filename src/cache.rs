//! The on-disk cache of sessions and role credentials: `$XDG_CACHE_HOME/awsmfa`, one JSON file
//! per credential (0600, directory 0700, written atomically), keyed by a hash of what identifies
//! the credential, with a lock file per key around check-cache, call-STS, write-cache.

use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::config::chain::KeySource;
use crate::creds::Credentials;
use crate::error::{Error, Result};
use crate::fsutil;

pub const FORMAT_VERSION: u32 = 1;

/// Remove the entry file `path` under its key's lock (`KIND-HASH.lock` beside it), so a removal
/// cannot interleave with another process's check-fetch-write of the same key.
fn remove_locked(path: &std::path::Path) -> Result<()> {
    // No cache directory at all (a fresh home): nothing to remove, and no lock could be made.
    // Otherwise the lock is taken even for a missing entry, so a removal cannot slip in while
    // another process is between its cache check and its write (a logout during a login).
    let dir_missing = path.parent().is_none_or(|d| {
        std::fs::symlink_metadata(d).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
    });
    if dir_missing {
        return Ok(());
    }
    let _lock = fsutil::lock(&path.with_extension("lock"))?;
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(Error::io(format!("cannot remove {}", path.display()), e))
        }
        _ => Ok(()),
    }
}

/// What a cache file holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub version: u32,
    /// `session` (GetSessionToken) or `role` (AssumeRole).
    pub kind: String,
    /// The profile the credentials were made for (for `list` and `clear`).
    pub profile: String,
    pub credentials: Credentials,
    pub created: DateTime<Utc>,
}

/// What a cache key is for; its name starts the file names (`KIND-HASH.json`, `.lock`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An MFA session (GetSessionToken): [`Key::session`].
    Session,
    /// A role's credentials (AssumeRole): [`Key::role`].
    Role,
    /// The MFA device discovery found for some keys: [`Key::mfa_device`].
    MfaDevice,
    /// The lock held while a key profile's key is rotated: [`Key::rotate`].
    Rotate,
    /// The lock of a credentials file (by its canonical path).
    Credfile,
    /// The marker of a declined MFA prompt (by MFA serial).
    PromptDeclined,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Session => "session",
            Kind::Role => "role",
            Kind::MfaDevice => "mfa-device",
            Kind::Rotate => "rotate",
            Kind::Credfile => "credfile",
            Kind::PromptDeclined => "prompt-declined",
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a role is assumed, part of its cache key: the same role is different credentials when
/// assumed from an MFA session, directly with MFA, or without.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleMode {
    /// Directly from the long-lived keys with an MFA code (over an hour).
    Direct,
    /// From the MFA session.
    Session,
    /// From the source credentials without MFA (or from the previous role).
    Plain,
}

/// What identifies a role's credentials.
pub struct RoleParts<'a> {
    /// The source keys ([`crate::config::chain::KeySource::identity`]).
    pub source: &'a str,
    pub serial: Option<&'a str>,
    pub mode: RoleMode,
    /// The role ARNs from the first assumed to this one.
    pub path: &'a [&'a str],
    pub session_name: &'a str,
    pub external_id: Option<&'a str>,
}

/// A cache key: kind plus a hash of the identifying parts (never a secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub kind: Kind,
    pub hash: String,
}

impl Key {
    /// The MFA session of the keys `source` with the MFA device `serial`.
    pub fn session(source: &str, serial: Option<&str>) -> Key {
        Key::new(Kind::Session, &[source, serial.unwrap_or("")])
    }

    /// A role's credentials.
    pub fn role(p: &RoleParts<'_>) -> Key {
        let mode = match p.mode {
            RoleMode::Direct => "direct",
            RoleMode::Session => "session",
            RoleMode::Plain => "plain",
        };
        Key::new(
            Kind::Role,
            &[
                p.source,
                p.serial.unwrap_or(""),
                mode,
                &p.path.join(">"),
                p.session_name,
                p.external_id.unwrap_or(""),
            ],
        )
    }

    /// The MFA device remembered for the keys `source`.
    pub fn mfa_device(source: &str) -> Key {
        Key::new(Kind::MfaDevice, &[source])
    }

    /// The rotation lock of key profile `profile`.
    pub fn rotate(profile: &str) -> Key {
        Key::new(Kind::Rotate, &[profile])
    }

    /// A key of `kind` from its identifying parts (the constructors above name them).
    pub fn new(kind: Kind, parts: &[&str]) -> Key {
        let mut h = Sha256::new();
        h.update(kind.as_str().as_bytes());
        for p in parts {
            h.update([0u8]);
            h.update(p.as_bytes());
        }
        let digest = h.finalize();
        let hash = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
        Key { kind, hash }
    }

    fn file_name(&self) -> String {
        format!("{}-{}.json", self.kind, self.hash)
    }
}

/// Which cache entries [`Cache::forget`] removes.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// Every entry, credentials and remembered MFA devices (`clear --all`, `logout --all`).
    All,
    /// The credentials made for a profile and for every profile its chain passes through (its
    /// roles, its key profile): `clear PROFILE`, `logout`.
    Profile(&'a str),
    /// The credentials made with the keys of a key profile: its own and those of every profile
    /// chained to it (after its key was rotated; the remembered MFA device stays).
    KeysOf(&'a str),
    /// [`Scope::KeysOf`], and the MFA device remembered for the profile's keys in the store
    /// (the stored keys were replaced or removed).
    StoreKeysOf(&'a str),
}

pub struct Cache {
    /// Always absolute; empty when there is no home directory (nothing is cached then).
    pub dir: PathBuf,
    /// Whether `dir` belongs to this user, checked once (see [`Cache::dir_trusted`]).
    trusted: std::cell::OnceCell<Result<()>>,
}

impl Cache {
    /// `$XDG_CACHE_HOME/awsmfa`, else `~/.cache/awsmfa`. Nothing is created until a write. A
    /// relative XDG_CACHE_HOME is ignored (the XDG spec says so); with no home directory at all
    /// nothing is cached, rather than secrets landing in the current directory.
    pub fn open() -> Cache {
        Cache::at(crate::paths::cache_dir().unwrap_or_default())
    }

    /// The cache in `dir` (absolute, or empty for none).
    pub fn at(dir: PathBuf) -> Cache {
        Cache {
            dir,
            trusted: std::cell::OnceCell::new(),
        }
    }

    /// The directory, or an error saying why there is none.
    fn usable_dir(&self) -> Result<&PathBuf> {
        if self.dir.as_os_str().is_empty() {
            return Err(Error::Other(
                "no home directory to keep the cache in: set HOME or XDG_CACHE_HOME".into(),
            ));
        }
        self.dir_trusted()?;
        Ok(&self.dir)
    }

    fn path(&self, key: &Key) -> PathBuf {
        if self.dir.as_os_str().is_empty() {
            // Never a relative path: a name that cannot exist, so reads miss.
            return PathBuf::from("/nonexistent/awsmfa").join(key.file_name());
        }
        self.dir.join(key.file_name())
    }

    /// Whether the cache directory may be read and written: it must belong to this user. One
    /// `stat`, once per process; a directory that does not exist yet is fine (it gets made 0700)
    /// unless it would be made inside another user's directory (`sudo -E`).
    fn dir_trusted(&self) -> Result<()> {
        self.trusted
            .get_or_init(|| match std::fs::metadata(&self.dir) {
                Ok(meta) if meta.uid() != fsutil::euid() => Err(Error::Other(format!(
                    "the cache directory {} belongs to another user (uid {}); awsmfa neither reads nor writes it. Remove it, or set XDG_CACHE_HOME to a directory of your own",
                    self.dir.display(),
                    meta.uid()
                ))),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    match fsutil::foreign_parent(&self.dir) {
                        Some(uid) => Err(Error::Other(format!(
                            "the cache directory {} would be made inside a directory of another user (uid {uid}), as under sudo -E; awsmfa makes nothing there. Set XDG_CACHE_HOME to a directory of your own",
                            self.dir.display()
                        ))),
                        None => Ok(()),
                    }
                }
                _ => Ok(()),
            })
            .clone()
    }

    /// The bytes of the cache file `path` when it can be trusted: a regular file owned by this
    /// user that no one else can read or write (awsmfa writes 0600). Anything else (another
    /// user's file in a shared XDG_CACHE_HOME, a file opened to others) is ignored with a
    /// warning and replaced on the next write.
    fn read_trusted(&self, path: &std::path::Path) -> Option<Vec<u8>> {
        if let Err(e) = self.dir_trusted() {
            // A directory that was never made holds nothing to ignore: the write says why.
            if self.dir.exists() {
                crate::ui::warn(&format!("ignoring the cache: {e}"));
            }
            return None;
        }
        let warn = |why: String| {
            crate::ui::warn(&format!("ignoring cache file {}: {why}", path.display()));
        };
        let mut file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => {
                warn(format!("unreadable ({e})"));
                return None;
            }
        };
        let meta = file.metadata().ok()?;
        if !meta.is_file() {
            warn("not a regular file".into());
            return None;
        }
        if meta.uid() != fsutil::euid() {
            warn(format!("it belongs to another user (uid {})", meta.uid()));
            return None;
        }
        if meta.mode() & 0o077 != 0 {
            warn(format!(
                "it is open to other users (mode {:o}; awsmfa writes 0600)",
                meta.mode() & 0o777
            ));
            return None;
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        match std::io::Read::read_to_end(&mut file, &mut bytes) {
            Ok(_) => Some(bytes),
            Err(e) => {
                warn(format!("unreadable ({e})"));
                None
            }
        }
    }

    /// The entry for `key`, if any. A corrupt, unreadable or untrusted file is reported on
    /// stderr and treated as missing, so it gets replaced.
    pub fn get(&self, key: &Key) -> Option<Entry> {
        let path = self.path(key);
        let bytes = self.read_trusted(&path)?;
        match serde_json::from_slice::<Entry>(&bytes) {
            Ok(entry) if entry.version == FORMAT_VERSION => {
                // An older awsmfa cached whatever STS sent; a control character in a key id or
                // token would abort the signer on every call until --refresh.
                if let Err(why) = crate::validate::credentials(&entry.credentials) {
                    crate::ui::warn(&format!(
                        "ignoring cache file {}: {why}; it will be replaced",
                        path.display()
                    ));
                    return None;
                }
                Some(entry)
            }
            Ok(_) => None,
            Err(e) => {
                crate::ui::warn(&format!(
                    "ignoring corrupt cache file {} ({e}); it will be replaced",
                    path.display()
                ));
                None
            }
        }
    }

    /// The raw bytes stored under `key` (for entries that are not credentials).
    pub fn get_raw(&self, key: &Key) -> Option<Vec<u8>> {
        self.read_trusted(&self.path(key))
    }

    pub fn put_raw(&self, key: &Key, bytes: &[u8]) -> Result<()> {
        fsutil::private_dir(self.usable_dir()?)?;
        fsutil::write_atomic(&self.path(key), bytes)
    }

    pub fn put(&self, key: &Key, entry: &Entry) -> Result<()> {
        fsutil::private_dir(self.usable_dir()?)?;
        let json = serde_json::to_vec_pretty(entry)
            .map_err(|e| Error::Other(format!("cannot encode cache entry: {e}")))?;
        fsutil::write_atomic(&self.path(key), &json)
    }

    /// Remove the entry stored under `key`, if any (under its lock: never call while holding it).
    pub fn remove(&self, key: &Key) -> Result<()> {
        if self.dir.as_os_str().is_empty() {
            return Ok(());
        }
        remove_locked(&self.path(key))
    }

    /// Remove the entries of `scope` (each under its lock); returns how many credentials went.
    /// Profiles are read from the config files; one that cannot be read forgets only the
    /// profile named.
    pub fn forget(&self, scope: Scope<'_>) -> Result<usize> {
        let profile = match scope {
            Scope::All => return self.remove_all(),
            Scope::Profile(p) => {
                let mut names = vec![p.to_string()];
                if let Ok(chain) = Config::load().and_then(|c| c.chain(p)) {
                    names.extend(chain.roles.iter().map(|r| r.profile.clone()));
                    names.extend(chain.key_profile.clone());
                }
                return self.remove_profiles(&names);
            }
            Scope::KeysOf(p) | Scope::StoreKeysOf(p) => p,
        };
        let mut names = vec![profile.to_string()];
        if let Ok(config) = Config::load() {
            names.extend(config.profile_names().into_iter().filter(|n| {
                n != profile
                    && config
                        .chain(n)
                        .is_ok_and(|c| c.key_profile.as_deref() == Some(profile))
            }));
        }
        let removed = self.remove_profiles(&names)?;
        if let Scope::StoreKeysOf(_) = scope {
            let store = KeySource::Store {
                profile: profile.to_string(),
                path: PathBuf::new(),
            };
            self.remove(&Key::mfa_device(&store.identity()))?;
        }
        Ok(removed)
    }

    /// Remove every cached entry (credentials and remembered MFA devices); returns how many.
    fn remove_all(&self) -> Result<usize> {
        let Ok(dir) = std::fs::read_dir(&self.dir) else {
            return Ok(0);
        };
        let mut removed = 0;
        for path in dir.filter_map(|e| e.ok().map(|e| e.path())) {
            if path.extension().is_some_and(|x| x == "json") {
                remove_locked(&path)?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// Remove every entry made for one of `profiles` (under its lock); returns how many.
    fn remove_profiles(&self, profiles: &[String]) -> Result<usize> {
        let Ok(dir) = std::fs::read_dir(&self.dir) else {
            return Ok(0);
        };
        let mut removed = 0;
        for path in dir.filter_map(|e| e.ok().map(|e| e.path())) {
            if path.extension().is_none_or(|x| x != "json") {
                continue;
            }
            let Some(entry) = std::fs::read(&path)
                .ok()
                .and_then(|b| serde_json::from_slice::<Entry>(&b).ok())
            else {
                continue;
            };
            if profiles.contains(&entry.profile) {
                remove_locked(&path)?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// Hold the lock for `key` until the guard drops. Other awsmfa processes asking for the same
    /// credential wait here, then find the fresh entry.
    pub fn lock(&self, key: &Key) -> Result<fsutil::FileLock> {
        let dir = self.usable_dir()?;
        fsutil::private_dir(dir)?;
        fsutil::lock(&self.lock_path(key))
    }

    /// The file [`Cache::lock`] locks for `key`.
    pub fn lock_path(&self, key: &Key) -> PathBuf {
        self.dir.join(format!("{}-{}.lock", key.kind, key.hash))
    }

    /// [`Cache::lock`], waiting at most `limit`: `Ok(None)` when another holder kept it.
    pub fn lock_within(
        &self,
        key: &Key,
        limit: std::time::Duration,
    ) -> Result<Option<fsutil::FileLock>> {
        let dir = self.usable_dir()?;
        fsutil::private_dir(dir)?;
        fsutil::lock_within(&self.lock_path(key), limit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn entry() -> Entry {
        Entry {
            version: FORMAT_VERSION,
            kind: "session".into(),
            profile: "identity".into(),
            credentials: Credentials {
                access_key_id: "ASIAFAKEFAKEFAKE0001".into(),
                secret_access_key: "fake".into(),
                session_token: Some("fake".into()),
                expiration: Some(crate::creds::from_unix(2_000_000_000)),
            },
            created: crate::creds::from_unix(1_900_000_000),
        }
    }

    #[test]
    fn round_trip_modes_and_corruption() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::at(dir.path().join("awsmfa"));
        let key = Key::session("AKIAFAKE", Some("arn:aws:iam::123456789012:mfa/a"));
        assert!(cache.get(&key).is_none());
        cache.put(&key, &entry()).unwrap();
        let got = cache.get(&key).unwrap();
        assert_eq!(got.credentials, entry().credentials);
        let text = std::fs::read_to_string(cache.path(&key)).unwrap();
        assert!(
            text.contains("\"2033-05-18T03:33:20Z\""),
            "UTC with Z: {text}"
        );
        assert_eq!(
            std::fs::metadata(cache.path(&key))
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o600
        );
        assert_eq!(
            std::fs::metadata(&cache.dir).unwrap().permissions().mode() & 0o777,
            0o700
        );
        std::fs::write(cache.path(&key), "{not json").unwrap();
        assert!(cache.get(&key).is_none());
    }

    #[test]
    fn keys_differ_by_every_part() {
        let a = Key::new(Kind::Role, &["k", "s", "r", "n", ""]);
        assert_ne!(a, Key::new(Kind::Role, &["k", "s", "r", "n", "x"]));
        assert_ne!(a, Key::new(Kind::Session, &["k", "s", "r", "n", ""]));
        assert_ne!(
            Key::new(Kind::Role, &["ab", "c"]),
            Key::new(Kind::Role, &["a", "bc"])
        );
    }

    /// The file names of existing caches survive the kinds becoming an enum: same kind names,
    /// same parts, same order (hashes computed independently with Python's hashlib).
    #[test]
    fn file_names_are_those_older_versions_wrote() {
        let session = Key::session("AKIAFAKE", Some("arn:aws:iam::123456789012:mfa/a"));
        assert_eq!(
            session.file_name(),
            "session-73bdce460bc9c5ed6738684b1f116fe2.json"
        );
        let role = Key::role(&RoleParts {
            source: "AKIAFAKE",
            serial: None,
            mode: RoleMode::Plain,
            path: &["arn:aws:iam::1:role/a", "arn:aws:iam::1:role/b"],
            session_name: "s",
            external_id: Some("x"),
        });
        assert_eq!(
            role.file_name(),
            "role-3fb675fba750f2bea156ef4f0332e09d.json"
        );
        assert_eq!(
            Key::mfa_device("store:p").file_name(),
            "mfa-device-b15cdf2052d0df6c9b0c322f7fed76ad.json"
        );
        assert_eq!(Kind::PromptDeclined.to_string(), "prompt-declined");
        assert_eq!(Kind::Credfile.as_str(), "credfile");
        assert_eq!(Kind::Rotate.as_str(), "rotate");
    }
}

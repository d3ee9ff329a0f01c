//! One prompt at a time per user: `prompt.lock` in awsmfa's cache directory (beside the
//! terminal's `tty-*.lock`) is held from before a dialog (or ykman) until the code is in hand,
//! and a dialog the user declined (Cancel, or its time-out) is remembered, per MFA device, in
//! `prompt-declined-HASH.state`, so callers that were already waiting for it stop there instead
//! of raising the same dialog again one after another.
//!
//! Lock order: a cache key's lock is taken first (the dialog is only raised after the cache was
//! re-checked under it), then this one, never the other way round.

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::cache::Key;
use crate::error::{Error, Result};
use crate::fsutil::{self, FileLock};

pub struct PromptLock {
    /// The cache directory; empty when there is none (no home directory).
    dir: PathBuf,
    /// Whether `dir` may hold the lock and the declined markers ([`fsutil::trusted_dir`]),
    /// found out by [`PromptLock::hold`].
    trusted: std::cell::Cell<bool>,
}

/// Why the lock was not taken.
pub enum Wait {
    /// Held by another awsmfa for this many seconds.
    TimedOut(u64),
    Failed(Error),
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Declined {
    /// Unix milliseconds.
    at: u64,
    why: String,
}

fn millis(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

impl PromptLock {
    pub fn open() -> PromptLock {
        PromptLock::at(crate::tty::lock_dir())
    }

    pub fn at(dir: PathBuf) -> PromptLock {
        PromptLock {
            dir,
            trusted: std::cell::Cell::new(false),
        }
    }

    /// Wait at most `limit` for the lock, then hold it until the guard drops. `Ok(None)` in a
    /// directory that is not trusted (another user's, one others may write to): nothing is
    /// made or read there, and the prompt goes ahead without keeping other processes' apart.
    pub fn hold(&self, limit: Duration) -> Result<Option<FileLock>, Wait> {
        if self.dir.as_os_str().is_empty() {
            return Err(Wait::Failed(Error::Io(
                "no home directory for awsmfa's prompt lock; set HOME or XDG_CACHE_HOME".into(),
            )));
        }
        if let Err(why) = fsutil::trusted_dir(&self.dir).map_err(Wait::Failed)? {
            crate::ui::debug(&format!("no prompt lock in {}: {why}", self.dir.display()));
            return Ok(None);
        }
        self.trusted.set(true);
        match fsutil::lock_within(&self.dir.join("prompt.lock"), limit) {
            Ok(Some(lock)) => Ok(Some(lock)),
            Ok(None) => Err(Wait::TimedOut(limit.as_secs())),
            Err(e) => Err(Wait::Failed(e)),
        }
    }

    fn marker(&self, serial: &str) -> PathBuf {
        let key = Key::new(crate::cache::Kind::PromptDeclined, &[serial]);
        self.dir.join(format!("prompt-declined-{}.state", key.hash))
    }

    /// The message of a prompt for `serial` declined at or after `since`, if any.
    pub fn declined_since(&self, serial: &str, since: SystemTime) -> Option<String> {
        if !self.trusted.get() {
            return None;
        }
        let bytes = std::fs::read(self.marker(serial)).ok()?;
        let d: Declined = serde_json::from_slice(&bytes).ok()?;
        (d.at >= millis(since)).then(|| {
            let when = crate::creds::format_utc(crate::creds::from_unix(
                i64::try_from(d.at / 1000).unwrap_or(i64::MAX),
            ));
            format!("{} (in the dialog another awsmfa raised at {when})", d.why)
        })
    }

    /// Remember that the prompt for `serial` was declined now, for `why`. Best effort: without
    /// it, waiting callers ask again, which is only a nuisance.
    pub fn record_declined(&self, serial: &str, why: &str) {
        if !self.trusted.get() {
            return;
        }
        let doc = Declined {
            at: millis(SystemTime::now()),
            why: why.to_string(),
        };
        let written = serde_json::to_vec(&doc)
            .map_err(|e| Error::Other(e.to_string()))
            .and_then(|bytes| fsutil::write_atomic(&self.marker(serial), &bytes));
        if let Err(e) = written {
            crate::ui::debug(&format!("could not remember the declined prompt: {e}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERIAL: &str = "arn:aws:iam::123456789012:mfa/alice";

    #[test]
    fn a_declined_prompt_answers_requests_that_began_before_it_only() {
        let dir = tempfile::tempdir().unwrap();
        let lock = PromptLock::at(dir.path().join("awsmfa"));
        let before = SystemTime::now() - Duration::from_secs(1);
        let _held = lock.hold(Duration::from_secs(1)).ok().unwrap();
        assert!(lock.declined_since(SERIAL, before).is_none());
        lock.record_declined(SERIAL, "the MFA dialog was cancelled");
        let msg = lock.declined_since(SERIAL, before).unwrap();
        assert!(
            msg.starts_with(
                "the MFA dialog was cancelled (in the dialog another awsmfa raised at "
            ),
            "{msg}"
        );
        // Another device, or a request made after the answer: ask again.
        assert!(
            lock.declined_since("arn:aws:iam::123456789012:mfa/bob", before)
                .is_none()
        );
        let after = SystemTime::now() + Duration::from_millis(5);
        assert!(lock.declined_since(SERIAL, after).is_none());
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(lock.marker(SERIAL))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn the_prompt_lock_is_exclusive_and_waits_are_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let lock = PromptLock::at(dir.path().join("awsmfa"));
        let held = lock.hold(Duration::from_secs(1)).ok().unwrap();
        let other = PromptLock::at(dir.path().join("awsmfa"));
        assert!(matches!(
            other.hold(Duration::from_millis(100)),
            Err(Wait::TimedOut(_))
        ));
        drop(held);
        assert!(other.hold(Duration::from_millis(100)).is_ok());
        assert!(matches!(
            PromptLock::at(PathBuf::new()).hold(Duration::from_millis(1)),
            Err(Wait::Failed(_))
        ));
    }

    #[test]
    fn an_untrusted_cache_dir_gets_no_prompt_lock_or_state_and_the_prompt_still_runs() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let open = dir.path().join("open");
        std::fs::create_dir(&open).unwrap();
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).unwrap();
        // What another user could plant there: not believed.
        let planted = PromptLock::at(open.clone());
        std::fs::write(
            planted.marker(SERIAL),
            format!(r#"{{"at":{},"why":"planted"}}"#, millis(SystemTime::now())),
        )
        .unwrap();
        let mut dirs = vec![open.clone()];
        // `sudo -E`: a cache directory of the user's, as root.
        let users = dir.path().join("users");
        std::fs::create_dir(&users).unwrap();
        if std::os::unix::fs::chown(&users, Some(4242), None).is_ok() {
            dirs.push(users.join("awsmfa"));
        } else {
            eprintln!("skipped the sudo -E case: chown needs root");
        }
        for d in dirs {
            let before: Vec<_> = std::fs::read_dir(d.parent().unwrap()).unwrap().collect();
            let lock = PromptLock::at(d.clone());
            let held = lock.hold(Duration::from_secs(1));
            assert!(held.is_ok(), "{}", d.display());
            assert!(lock.declined_since(SERIAL, UNIX_EPOCH).is_none());
            lock.record_declined(SERIAL, "cancelled");
            assert!(!d.join("prompt.lock").exists(), "{}", d.display());
            let after: Vec<_> = std::fs::read_dir(d.parent().unwrap()).unwrap().collect();
            assert_eq!(before.len(), after.len(), "{}", d.display());
        }
        assert_eq!(
            std::fs::read_dir(&open).unwrap().count(),
            1,
            "only the planted marker"
        );
    }
}

//! Access key rotation that can never lose a key: create the new key, store it where the old one
//! was, check it works (GetCallerIdentity, retried while IAM propagates it), and only then delete
//! the old key. Whatever fails after the new key exists, the old key stays stored and valid and
//! the new key is deleted; if only the old key cannot be deleted, the new one is kept and used.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::creds::Credentials;
use crate::error::{Error, Result};
use crate::iam::CreateKeyError;
use crate::session::{Aws, Resolver};
use crate::store::{self, Keys, mask};

/// How long the new key may take to start working: `AWSMFA_ROTATE_VERIFY_TIMEOUT` seconds.
pub const VERIFY_TIMEOUT_VAR: &str = crate::paths::AWSMFA_ROTATE_VERIFY_TIMEOUT.name();
const DEFAULT_VERIFY_TIMEOUT: Duration = Duration::from_secs(10);

pub fn verify_timeout() -> Duration {
    crate::paths::AWSMFA_ROTATE_VERIFY_TIMEOUT
        .get()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0 && *s <= 3600.0)
        .map_or(DEFAULT_VERIFY_TIMEOUT, Duration::from_secs_f64)
}

/// Where the key being rotated lives.
pub enum Storage {
    /// The encrypted store: the new key is encrypted with the passphrase that opened the old
    /// file, and a failed rotation puts back the old file's exact bytes.
    Store {
        profile: String,
        path: PathBuf,
        unlocked: store::Unlocked,
    },
    /// A long-lived section of the credentials file: only its two key lines change.
    File { path: PathBuf, section: String },
}

impl Storage {
    pub fn describe(&self) -> String {
        match self {
            Storage::Store { path, .. } => format!("the key store ({})", path.display()),
            Storage::File { path, section } => format!("[{section}] of {}", path.display()),
        }
    }

    /// Replace `from` with `to` where the key lives, refusing if it no longer holds `from`.
    fn put(&self, from: &Credentials, to: &Credentials) -> Result<()> {
        match self {
            Storage::Store {
                profile,
                path,
                unlocked,
            } => {
                let bytes = store::encrypt(&Keys::from_credentials(to)?, &unlocked.passphrase)?;
                let _lock = store::lock(profile)?;
                let current = std::fs::read(path)
                    .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
                let holds_from = current == unlocked.bytes
                    || store::decrypt(&current, &unlocked.passphrase, path)
                        .is_ok_and(|k| k.access_key_id == from.access_key_id);
                if !holds_from {
                    return Err(Error::Other(format!(
                        "{} changed while awsmfa was working; nothing was written",
                        path.display()
                    )));
                }
                store::write_file(profile, &bytes).map(|_| ())
            }
            Storage::File { path, section } => crate::credfile::replace_section_keys(
                path,
                section,
                &from.access_key_id,
                &to.access_key_id,
                &to.secret_access_key,
            ),
        }
    }

    /// Put the old key back after the new one was stored.
    fn restore(&self, old: &Credentials, new: &Credentials) -> Result<()> {
        match self {
            Storage::Store {
                profile, unlocked, ..
            } => {
                let _lock = store::lock(profile)?;
                store::write_file(profile, &unlocked.bytes).map(|_| ())
            }
            Storage::File { .. } => self.put(new, old),
        }
    }
}

/// What a successful rotation leaves for the caller to tidy up.
pub struct Rotated {
    pub old_id: String,
    pub new_id: String,
    /// The MFA session the IAM calls were made with (kept in the cache for the new key).
    pub session: Option<Credentials>,
    /// The new key is stored and works, but the old key could not be deleted: this says so.
    pub old_key_left: Option<Error>,
}

/// The same kind of error with another message (the exit code follows the cause).
fn reword(e: Error, message: impl FnOnce(String) -> String) -> Error {
    let m = message(e.to_string());
    match e.kind() {
        Error::Usage(_) => Error::Usage(m),
        Error::Config { .. } | Error::Profile(_) => Error::Profile(m),
        Error::Auth(_) => Error::Auth(m),
        Error::Network(_) => Error::Network(m),
        Error::LoginRequired(_) => Error::LoginRequired(m),
        Error::Io(_) => Error::Io(m),
        Error::Command(_) | Error::Other(_) | Error::Context { .. } => Error::Other(m),
        Error::Refused { what, .. } => Error::refused(*what, m),
    }
}

/// The names of the access keys in messages, and how to delete one by hand.
struct Who<'a> {
    user: &'a str,
}

impl Who<'_> {
    /// "delete AKIA****MPLE in the IAM console or with `aws iam delete-access-key ...`".
    fn delete_hint(&self, id: &str) -> String {
        format!("delete {} {}", mask(id), self.how_to_delete())
    }

    fn how_to_delete(&self) -> String {
        format!(
            "in the IAM console or with `aws iam delete-access-key --user-name {} --access-key-id ID` (`aws iam list-access-keys --user-name {}` shows the full id)",
            self.user, self.user
        )
    }
}

/// Rotate the long-lived key `old` of the key profile `chain` (no roles) kept in `storage`.
/// IAM calls use the chain's MFA session when it has an MFA device (IAM policies usually demand
/// MFA for key changes), else the old key itself.
pub fn rotate(
    aws: &dyn Aws,
    resolver: &Resolver<'_>,
    chain: &crate::config::chain::Chain,
    storage: &Storage,
    old: &Credentials,
) -> Result<Rotated> {
    let profile = chain.key_profile.as_deref().unwrap_or(&chain.target);
    let arn = aws.caller_identity(old).map_err(|e| {
        reword(e, |m| {
            format!("cannot rotate the key of profile '{profile}': the key does not work ({m})")
        })
    })?;
    let Some(user) = crate::iam::user_name(&arn) else {
        return Err(Error::Usage(format!(
            "profile '{profile}' holds the keys of {arn}, not of an IAM user; awsmfa rotates IAM user keys only"
        )));
    };
    let who = Who { user };
    let session = match resolver.mfa_device(chain)? {
        Some(_) => Some(resolver.credentials(chain)?),
        None => None,
    };
    let auth = session.as_ref().unwrap_or(old);
    let keys = aws.list_access_keys(auth, Some(user))?;
    if keys.len() >= 2 {
        let list: Vec<String> = keys
            .iter()
            .map(|k| {
                let mut s = mask(&k.access_key_id);
                if k.access_key_id == old.access_key_id {
                    s.push_str(&format!(" (profile '{profile}')"));
                }
                if !k.active {
                    s.push_str(" (inactive)");
                }
                s
            })
            .collect();
        let unused = keys
            .iter()
            .find(|k| k.access_key_id != old.access_key_id)
            .map_or_else(
                || "the one not in use".to_string(),
                |k| mask(&k.access_key_id),
            );
        return Err(Error::Other(format!(
            "IAM user '{user}' already has two access keys, {}, and IAM allows two: there is no room for a new one. If {unused} is not in use, delete it {}, then run `awsmfa rotate {}` again; nothing was changed",
            list.join(" and "),
            who.how_to_delete(),
            crate::render::shell_word(profile)
        )));
    }
    if !keys.iter().any(|k| k.access_key_id == old.access_key_id) {
        return Err(Error::Other(format!(
            "ListAccessKeys does not show {} among the keys of IAM user '{user}'; nothing was changed",
            mask(&old.access_key_id)
        )));
    }
    let new = match aws.create_access_key(auth, Some(user)) {
        Ok(new) => new,
        Err(CreateKeyError {
            error,
            maybe_created: false,
        }) => {
            let hint = if session.is_none() && matches!(error, Error::Auth(_)) {
                format!(
                    " (IAM policies often allow key changes only with MFA: set mfa_serial on profile '{profile}')"
                )
            } else {
                String::new()
            };
            return Err(reword(error, |m| {
                format!(
                    "{m}{hint}; nothing was changed: profile '{profile}' keeps {}",
                    mask(&old.access_key_id)
                )
            }));
        }
        Err(CreateKeyError {
            error,
            maybe_created: true,
        }) => {
            let before: Vec<&str> = keys.iter().map(|k| k.access_key_id.as_str()).collect();
            let outcome = remove_unknown_keys(aws, auth, &who, &before, &old.access_key_id);
            return Err(reword(error, |m| {
                format!(
                    "{m}; {outcome}; profile '{profile}' keeps {}",
                    mask(&old.access_key_id)
                )
            }));
        }
    };
    crate::ui::info(&format!(
        "profile '{profile}' (IAM user {user}): created {} to replace {}",
        mask(&new.access_key_id),
        mask(&old.access_key_id)
    ));
    // From here on, every failure deletes the new key unless it is the only one stored.
    let drop_new = |cause: String| -> String {
        match aws.delete_access_key(auth, Some(user), &new.access_key_id) {
            Ok(()) => format!(
                "{cause}; the new key {} was deleted and profile '{profile}' keeps {}",
                mask(&new.access_key_id),
                mask(&old.access_key_id)
            ),
            Err(e) => format!(
                "{cause}; profile '{profile}' keeps {}, but the new key {} could not be deleted ({e}): {}",
                mask(&old.access_key_id),
                mask(&new.access_key_id),
                who.delete_hint(&new.access_key_id)
            ),
        }
    };
    if let Err(e) = storage.put(old, &new) {
        return Err(reword(e, |m| {
            drop_new(format!(
                "cannot store the new key in {}: {m}",
                storage.describe()
            ))
        }));
    }
    let timeout = verify_timeout();
    if let Err(e) = verify(aws, &new, &arn, timeout) {
        let cause = format!(
            "the new key {} did not work within {}s ({e})",
            mask(&new.access_key_id),
            timeout.as_secs_f64()
        );
        return Err(match storage.restore(old, &new) {
            Ok(()) => reword(e, |_| {
                format!(
                    "{}; try again later, or set {VERIFY_TIMEOUT_VAR} to wait longer",
                    drop_new(cause)
                )
            }),
            Err(restore) => reword(e, |_| {
                format!(
                    "{cause}, and the old key could not be put back ({restore}): {} holds the new key {}, and the old key {} stays active; both keys are kept",
                    storage.describe(),
                    mask(&new.access_key_id),
                    mask(&old.access_key_id)
                )
            }),
        });
    }
    crate::ui::info(&format!(
        "{} is stored in {} and works",
        mask(&new.access_key_id),
        storage.describe()
    ));
    let old_key_left = match aws.delete_access_key(auth, Some(user), &old.access_key_id) {
        Ok(()) => {
            crate::ui::info(&format!(
                "deleted the old key {}; profile '{profile}' now uses {}",
                mask(&old.access_key_id),
                mask(&new.access_key_id)
            ));
            None
        }
        Err(e) => Some(reword(e, |m| {
            format!(
                "profile '{profile}' now uses the new key {}, but the old key {} could not be deleted ({m}): {}",
                mask(&new.access_key_id),
                mask(&old.access_key_id),
                who.delete_hint(&old.access_key_id)
            )
        })),
    };
    Ok(Rotated {
        old_id: old.access_key_id.clone(),
        new_id: new.access_key_id.clone(),
        session,
        old_key_left,
    })
}

/// After a CreateAccessKey whose outcome is unknown (its reply was lost): find the key IAM may
/// have made (one not among `before`) and delete it, since nobody has its secret. Says what it
/// found and did; a key it cannot delete is named in full, so it can be deleted by hand.
fn remove_unknown_keys(
    aws: &dyn Aws,
    auth: &Credentials,
    who: &Who<'_>,
    before: &[&str],
    old_id: &str,
) -> String {
    let user = who.user;
    let keys = match aws.list_access_keys(auth, Some(user)) {
        Ok(keys) => keys,
        Err(e) => {
            return format!(
                "IAM may have made a new key before its answer was lost, and listing the keys to find it failed ({e}): run `aws iam list-access-keys --user-name {user}` and delete any key but {} {}",
                mask(old_id),
                who.how_to_delete()
            );
        }
    };
    let unknown: Vec<&str> = keys
        .iter()
        .map(|k| k.access_key_id.as_str())
        .filter(|id| !before.contains(id))
        .collect();
    if unknown.is_empty() {
        return format!(
            "its answer was lost, but ListAccessKeys shows no new key, so IAM most likely made none; if `aws iam list-access-keys --user-name {user}` later shows a key besides {}, delete it",
            mask(old_id)
        );
    }
    let mut said = Vec::new();
    for id in unknown {
        match aws.delete_access_key(auth, Some(user), id) {
            Ok(()) => said.push(format!(
                "IAM had made the key {} before its answer was lost; it was deleted",
                mask(id)
            )),
            Err(e) => said.push(format!(
                "IAM made the key {id} before its answer was lost, and it could not be deleted ({e}): nobody has its secret, delete it with `aws iam delete-access-key --user-name {user} --access-key-id {id}`"
            )),
        }
    }
    said.join("; ")
}

/// GetCallerIdentity with the new key until it answers as `arn`, with backoff, for at most
/// `timeout` (a new key takes a few seconds to work everywhere).
fn verify(aws: &dyn Aws, new: &Credentials, arn: &str, timeout: Duration) -> Result<()> {
    let start = Instant::now();
    let mut delay = Duration::from_millis(250);
    loop {
        match aws.caller_identity(new) {
            Ok(got) if got == arn => return Ok(()),
            Ok(got) => {
                return Err(Error::Other(format!("it answers as {got}, not as {arn}")));
            }
            Err(e @ Error::Usage(_)) => return Err(e),
            Err(e) => {
                if start.elapsed() + delay > timeout {
                    return Err(e);
                }
                crate::ui::debug(&format!("the new key does not work yet ({e}); retrying"));
                std::thread::sleep(delay);
                delay = (delay * 2).min(Duration::from_secs(2));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::chain::{Chain, KeySource};
    use crate::fake::{FakeAws, key, long_lived};
    use crate::session::Options;

    const OLD: &str = "AKIAFAKEOLDEXAMPLE01";
    const NEW: &str = "AKIAFAKENEWEXAMPLE02";
    const ARN: &str = "arn:aws:iam::123456789012:user/alice";

    struct Bench {
        dir: tempfile::TempDir,
        aws: FakeAws,
        opts: Options,
    }

    impl Bench {
        /// AWS knows the old key as alice's and has it listed as her only key.
        fn new() -> Bench {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(
                dir.path().join("credentials"),
                format!("[alice]\naws_access_key_id = {OLD}\naws_secret_access_key = fakeSecretExample\n"),
            )
            .unwrap();
            let aws = FakeAws::default();
            aws.identities.borrow_mut().push_back(Ok(ARN.into()));
            aws.key_lists.borrow_mut().push_back(Ok(vec![key(OLD)]));
            let opts = Options {
                no_mfa: true,
                ..Options::default()
            };
            Bench { dir, aws, opts }
        }

        fn file(&self) -> String {
            std::fs::read_to_string(self.dir.path().join("credentials")).unwrap()
        }

        fn rotate(&self) -> Result<Rotated> {
            let mut resolver = Resolver::new(&self.opts, &self.aws);
            resolver.cache = crate::cache::Cache::at(self.dir.path().join("cache"));
            let chain = Chain {
                target: "alice".into(),
                source: KeySource::Static {
                    profile: "alice".into(),
                    creds: long_lived(OLD),
                },
                key_profile: Some("alice".into()),
                key_mfa_serial: None,
                key_duration: None,
                mfa_process: None,
                mfa_prompt: None,
                mfa_oath_account: None,
                roles: Vec::new(),
                region: None,
                net: Default::default(),
            };
            let storage = Storage::File {
                path: self.dir.path().join("credentials"),
                section: "alice".into(),
            };
            rotate(&self.aws, &resolver, &chain, &storage, &long_lived(OLD))
        }
    }

    fn lost() -> Error {
        Error::Network("CreateAccessKey: no answer from iam within 10s".into())
    }

    #[test]
    fn a_key_made_before_a_lost_reply_is_found_and_deleted() {
        let b = Bench::new();
        let before = b.file();
        b.aws.creates.borrow_mut().push_back(FakeAws::lost(lost()));
        b.aws
            .key_lists
            .borrow_mut()
            .push_back(Ok(vec![key(OLD), key(NEW)]));
        b.aws.deletes.borrow_mut().push_back(Ok(()));
        let e = b.rotate().err().unwrap();
        let m = e.to_string();
        assert_eq!(e.exit_code(), crate::error::ExitCode::Network);
        assert!(
            m.contains(
                "IAM had made the key AKIA****LE02 before its answer was lost; it was deleted"
            ),
            "{m}"
        );
        assert!(m.contains("profile 'alice' keeps AKIA****LE01"), "{m}");
        assert!(!m.contains("nothing was changed"), "{m}");
        assert_eq!(
            b.aws.ops(),
            [
                "GetCallerIdentity",
                "ListAccessKeys",
                "CreateAccessKey",
                "ListAccessKeys",
                "DeleteAccessKey"
            ]
        );
        assert!(b.aws.calls.borrow()[4].starts_with(&format!("DeleteAccessKey {NEW} ")));
        assert_eq!(b.file(), before);
    }

    #[test]
    fn a_key_made_before_a_lost_reply_that_cannot_be_deleted_is_named_in_full() {
        let b = Bench::new();
        b.aws.creates.borrow_mut().push_back(FakeAws::lost(lost()));
        b.aws
            .key_lists
            .borrow_mut()
            .push_back(Ok(vec![key(OLD), key(NEW)]));
        b.aws
            .deletes
            .borrow_mut()
            .push_back(Err(Error::Auth("DeleteAccessKey: access denied".into())));
        let m = b.rotate().err().unwrap().to_string();
        assert!(
            m.contains(&format!(
                "aws iam delete-access-key --user-name alice --access-key-id {NEW}"
            )),
            "{m}"
        );
        assert!(!m.contains("nothing was changed"), "{m}");
    }

    #[test]
    fn a_lost_reply_whose_keys_cannot_be_listed_says_what_to_check() {
        let b = Bench::new();
        b.aws.creates.borrow_mut().push_back(FakeAws::lost(lost()));
        b.aws.key_lists.borrow_mut().push_back(Err(Error::Network(
            "ListAccessKeys: cannot reach iam".into(),
        )));
        let m = b.rotate().err().unwrap().to_string();
        assert!(m.contains("listing the keys to find it failed"), "{m}");
        assert!(
            m.contains("aws iam list-access-keys --user-name alice"),
            "{m}"
        );
        assert!(!m.contains("nothing was changed"), "{m}");
        assert!(!b.aws.ops().contains(&"DeleteAccessKey".to_string()));
    }

    #[test]
    fn a_lost_reply_with_no_new_key_listed_deletes_nothing() {
        let b = Bench::new();
        b.aws.creates.borrow_mut().push_back(FakeAws::lost(lost()));
        b.aws.key_lists.borrow_mut().push_back(Ok(vec![key(OLD)]));
        let m = b.rotate().err().unwrap().to_string();
        assert!(m.contains("most likely made none"), "{m}");
        assert!(!b.aws.ops().contains(&"DeleteAccessKey".to_string()));
    }

    #[test]
    fn a_refused_create_changed_nothing_and_looks_no_further() {
        let b = Bench::new();
        b.aws
            .creates
            .borrow_mut()
            .push_back(FakeAws::refused(Error::Auth(
                "CreateAccessKey: access denied: not authorized".into(),
            )));
        let e = b.rotate().err().unwrap();
        let m = e.to_string();
        assert_eq!(e.exit_code(), crate::error::ExitCode::Auth);
        assert!(
            m.contains("nothing was changed: profile 'alice' keeps AKIA****LE01"),
            "{m}"
        );
        assert!(m.contains("set mfa_serial"), "{m}");
        assert_eq!(
            b.aws.ops(),
            ["GetCallerIdentity", "ListAccessKeys", "CreateAccessKey"]
        );
    }

    #[test]
    fn a_new_key_that_does_not_verify_is_deleted_and_the_old_one_put_back() {
        let b = Bench::new();
        let before = b.file();
        b.aws.creates.borrow_mut().push_back(Ok(long_lived(NEW)));
        b.aws
            .identities
            .borrow_mut()
            .push_back(Ok("arn:aws:iam::123456789012:user/mallory".into()));
        b.aws.deletes.borrow_mut().push_back(Ok(()));
        let m = b.rotate().err().unwrap().to_string();
        assert!(
            m.contains("answers as arn:aws:iam::123456789012:user/mallory"),
            "{m}"
        );
        assert!(m.contains("the new key AKIA****LE02 was deleted"), "{m}");
        assert_eq!(b.file(), before);
        assert!(
            b.aws
                .calls
                .borrow()
                .last()
                .unwrap()
                .starts_with(&format!("DeleteAccessKey {NEW} "))
        );
    }

    #[test]
    fn a_rotation_stores_the_new_key_and_deletes_the_old_one() {
        let b = Bench::new();
        b.aws.creates.borrow_mut().push_back(Ok(long_lived(NEW)));
        b.aws.identities.borrow_mut().push_back(Ok(ARN.into()));
        b.aws.deletes.borrow_mut().push_back(Ok(()));
        let done = b.rotate().unwrap();
        assert_eq!((done.old_id.as_str(), done.new_id.as_str()), (OLD, NEW));
        assert!(done.old_key_left.is_none());
        assert!(b.file().contains(NEW) && !b.file().contains(OLD));
        assert!(
            b.aws
                .calls
                .borrow()
                .last()
                .unwrap()
                .starts_with(&format!("DeleteAccessKey {OLD} "))
        );
    }

    #[test]
    fn a_key_that_does_not_work_is_not_rotated() {
        let b = Bench::new();
        b.aws.identities.borrow_mut().clear();
        b.aws.identities.borrow_mut().push_back(Err(Error::Auth(
            "GetCallerIdentity: AWS does not know this access key".into(),
        )));
        let m = b.rotate().err().unwrap().to_string();
        assert!(
            m.starts_with("cannot rotate the key of profile 'alice': the key does not work"),
            "{m}"
        );
        assert_eq!(b.aws.ops(), ["GetCallerIdentity"]);
    }

    #[test]
    fn keys_that_are_not_an_iam_users_are_not_rotated() {
        let b = Bench::new();
        b.aws.identities.borrow_mut().clear();
        b.aws
            .identities
            .borrow_mut()
            .push_back(Ok("arn:aws:iam::123456789012:root".into()));
        let e = b.rotate().err().unwrap();
        assert!(matches!(e, Error::Usage(_)), "{e}");
        assert!(e.to_string().contains("not of an IAM user"), "{e}");
        assert_eq!(b.aws.ops(), ["GetCallerIdentity"]);
    }

    #[test]
    fn a_user_with_two_keys_gets_no_third_and_nothing_changes() {
        let b = Bench::new();
        let before = b.file();
        b.aws.key_lists.borrow_mut().clear();
        b.aws.key_lists.borrow_mut().push_back(Ok(vec![
            key(OLD),
            crate::iam::KeyInfo {
                access_key_id: "AKIAFAKEOTHEREXAMP03".into(),
                active: false,
            },
        ]));
        let m = b.rotate().err().unwrap().to_string();
        assert!(m.contains("already has two access keys"), "{m}");
        assert!(m.contains("AKIA****LE01 (profile 'alice')"), "{m}");
        assert!(m.contains("(inactive)"), "{m}");
        assert!(m.contains("nothing was changed"), "{m}");
        assert_eq!(b.aws.ops(), ["GetCallerIdentity", "ListAccessKeys"]);
        assert_eq!(b.file(), before);
    }

    #[test]
    fn a_key_iam_does_not_list_is_not_rotated() {
        let b = Bench::new();
        b.aws.key_lists.borrow_mut().clear();
        b.aws
            .key_lists
            .borrow_mut()
            .push_back(Ok(vec![key("AKIAFAKEOTHEREXAMP03")]));
        let m = b.rotate().err().unwrap().to_string();
        assert!(m.contains("does not show AKIA****LE01"), "{m}");
        assert!(m.contains("nothing was changed"), "{m}");
        assert_eq!(b.aws.ops(), ["GetCallerIdentity", "ListAccessKeys"]);
    }

    #[test]
    fn a_new_key_that_cannot_be_stored_is_deleted() {
        let b = Bench::new();
        // Someone else changed the file meanwhile: it no longer holds the old key.
        let changed =
            "[alice]\naws_access_key_id = AKIAFAKEEDITEDEXAM04\naws_secret_access_key = other\n";
        std::fs::write(b.dir.path().join("credentials"), changed).unwrap();
        b.aws.creates.borrow_mut().push_back(Ok(long_lived(NEW)));
        b.aws.deletes.borrow_mut().push_back(Ok(()));
        let m = b.rotate().err().unwrap().to_string();
        assert!(m.contains("cannot store the new key in"), "{m}");
        assert!(m.contains("the new key AKIA****LE02 was deleted"), "{m}");
        assert_eq!(b.file(), changed);
        assert_eq!(
            b.aws
                .calls
                .borrow()
                .last()
                .map(|c| c.starts_with(&format!("DeleteAccessKey {NEW} "))),
            Some(true)
        );
    }

    #[test]
    fn a_new_key_that_does_not_verify_and_cannot_be_deleted_is_named() {
        let b = Bench::new();
        let before = b.file();
        b.aws.creates.borrow_mut().push_back(Ok(long_lived(NEW)));
        b.aws
            .identities
            .borrow_mut()
            .push_back(Ok("arn:aws:iam::123456789012:user/mallory".into()));
        b.aws
            .deletes
            .borrow_mut()
            .push_back(Err(Error::Auth("DeleteAccessKey: access denied".into())));
        let m = b.rotate().err().unwrap().to_string();
        assert!(
            m.contains("profile 'alice' keeps AKIA****LE01, but the new key AKIA****LE02 could not be deleted"),
            "{m}"
        );
        assert!(m.contains("delete AKIA****LE02 in the IAM console"), "{m}");
        assert_eq!(b.file(), before);
    }

    #[test]
    fn an_old_key_that_cannot_be_deleted_leaves_the_new_one_in_use() {
        let b = Bench::new();
        b.aws.creates.borrow_mut().push_back(Ok(long_lived(NEW)));
        b.aws.identities.borrow_mut().push_back(Ok(ARN.into()));
        b.aws
            .deletes
            .borrow_mut()
            .push_back(Err(Error::Auth("DeleteAccessKey: access denied".into())));
        let done = b.rotate().unwrap();
        let left = done.old_key_left.unwrap().to_string();
        assert!(
            left.contains("now uses the new key AKIA****LE02, but the old key AKIA****LE01 could not be deleted"),
            "{left}"
        );
        assert!(b.file().contains(NEW) && !b.file().contains(OLD));
    }

    #[test]
    fn a_new_key_that_does_not_verify_and_cannot_be_put_back_keeps_both_keys() {
        let b = Bench::new();
        b.aws.creates.borrow_mut().push_back(Ok(long_lived(NEW)));
        b.aws
            .identities
            .borrow_mut()
            .push_back(Ok("arn:aws:iam::123456789012:user/mallory".into()));
        // While the new key is verified, someone edits the file: the old key cannot go back.
        let path = b.dir.path().join("credentials");
        let edited =
            "[alice]\naws_access_key_id = AKIAFAKEEDITEDEXAM04\naws_secret_access_key = x\n";
        let hook_path = path.clone();
        *b.aws.on_identity.borrow_mut() = Some(Box::new(move || {
            let text = std::fs::read_to_string(&hook_path).unwrap();
            if text.contains(NEW) {
                std::fs::write(&hook_path, edited).unwrap();
            }
        }));
        let m = b.rotate().err().unwrap().to_string();
        assert!(m.contains("the old key could not be put back"), "{m}");
        assert!(m.contains("both keys are kept"), "{m}");
        assert_eq!(b.file(), edited);
        assert!(!b.aws.ops().contains(&"DeleteAccessKey".to_string()));
    }
}

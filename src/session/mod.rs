//! The provider chain: long-lived keys -> one MFA session (GetSessionToken) -> every role
//! chained to it (AssumeRole), each step cached and refreshed under a lock, so one MFA code
//! serves every role all day and parallel callers prompt and call STS at most once.

mod devices;
mod plan;
mod sources;

use chrono::{DateTime, Utc};

use crate::cache::{Cache, Entry, FORMAT_VERSION, Key};
use crate::config::chain::Chain;
use crate::creds::Credentials;
use crate::error::{Error, Result};
use crate::iam::Iam;
use crate::mfa::CodeSources;
use crate::sts::{AssumeRoleInput, Sts};
use crate::validate;

use plan::Plan;
pub use plan::{DEFAULT_ROLE, DEFAULT_SESSION, fresh_enough, refresh_window, window_for};

/// What the command line says about how to get credentials.
#[derive(Debug, Default, Clone)]
pub struct Options {
    pub codes: CodeSources,
    /// `--no-mfa` or `-c skip`.
    pub no_mfa: bool,
    /// `--serial-number`.
    pub serial: Option<String>,
    /// `-d`: the length of what is handed out (the role, or the session for a key profile).
    pub duration: Option<String>,
    /// `--role-session-name` for the target role.
    pub session_name: Option<String>,
    /// `--refresh`: ignore cached entries.
    pub refresh: bool,
}

/// Resolves chains into credentials with a cache and an STS client.
pub struct Resolver<'a> {
    pub opts: &'a Options,
    pub cache: Cache,
    pub sts: &'a dyn Aws,
    /// The time freshness is judged at: read once, so tests can set it.
    pub now: DateTime<Utc>,
    /// The clock that stamps new cache entries (the real one but in tests): an entry is stamped
    /// when it was fetched, which may be long after `now` (an MFA prompt, a lock wait).
    pub clock: fn() -> DateTime<Utc>,
    /// Never call AWS (for `list`): MFA device discovery only reads what it remembered.
    pub offline: bool,
    /// Keys from the encrypted store, once decrypted (at most one passphrase per process).
    pub store_creds: std::cell::OnceCell<Credentials>,
}

/// Everything the resolver may call: STS, and IAM for MFA device discovery.
pub trait Aws: Sts + Iam {}
impl<T: Sts + Iam> Aws for T {}

impl<'a> Resolver<'a> {
    pub fn new(opts: &'a Options, sts: &'a dyn Aws) -> Resolver<'a> {
        Resolver {
            opts,
            cache: Cache::open(),
            sts,
            now: Utc::now(),
            clock: Utc::now,
            offline: false,
            store_creds: std::cell::OnceCell::new(),
        }
    }

    /// Cache `creds` as the MFA session of the key profile `chain`. Key rotation keeps the
    /// session it was done with this way: AWS does not revoke a session when the key that made
    /// it is deleted, so it stays good for the new key until it expires.
    pub fn keep_session(&self, chain: &Chain, creds: &Credentials) -> Result<()> {
        let plan = self.plan(chain)?;
        let key = Self::session_key(chain, &plan);
        let _lock = self.cache.lock(&key)?;
        let entry = Entry {
            version: FORMAT_VERSION,
            kind: key.kind.to_string(),
            profile: chain
                .key_profile
                .clone()
                .unwrap_or_else(|| chain.target.clone()),
            credentials: creds.clone(),
            created: (self.clock)(),
        };
        self.cache.put(&key, &entry)
    }

    /// Credentials for the chain's target profile.
    pub fn credentials(&self, chain: &Chain) -> Result<Credentials> {
        let plan = self.plan(chain)?;
        if chain.roles.is_empty() {
            if !chain.source.is_long_lived() {
                // Temporary keys in a file, a credential_process, the environment: hand them out.
                return self.source_creds(chain);
            }
            return self.session(chain, &plan);
        }
        if plan.direct_first {
            let hop = &chain.roles[0];
            crate::ui::info(&format!(
                "profile '{}' asks for {}; AWS caps roles assumed from an MFA session at 1 hour, so it is assumed directly with the long-lived keys and a fresh MFA code",
                hop.profile,
                crate::creds::short_duration(i64::from(plan.role_durations[0]))
            ));
        }
        self.role(chain, &plan, chain.roles.len() - 1)
    }

    /// What the cache holds for the chain without fetching anything: the target's cached
    /// credentials (role or session) and, for a role chained to an MFA session, that session.
    pub fn peek(&self, chain: &Chain) -> Result<(Option<Entry>, Option<Entry>)> {
        let plan = self.plan(chain)?;
        let session = (chain.roles.is_empty() || (plan.use_session && !plan.direct_first))
            .then(|| self.cache.get(&Self::session_key(chain, &plan)))
            .flatten();
        if chain.roles.is_empty() {
            return Ok((session.clone(), session));
        }
        let (key, _) = self.role_key(chain, &plan, chain.roles.len() - 1)?;
        Ok((self.cache.get(&key), session))
    }

    /// `awsmfa login`: the MFA session that `chain` uses, fetched (asking for the code) unless a
    /// fresh one is cached. `None` when the chain uses no MFA session (no device, or a role
    /// assumed directly with a fresh code every time).
    pub fn login(&self, chain: &Chain) -> Result<Option<Credentials>> {
        let plan = self.plan(chain)?;
        let uses_session = plan.serial.is_some()
            && chain.source.is_long_lived()
            && (chain.roles.is_empty() || (plan.use_session && !plan.direct_first));
        if !uses_session {
            return Ok(None);
        }
        self.session(chain, &plan).map(Some)
    }

    fn session(&self, chain: &Chain, plan: &Plan) -> Result<Credentials> {
        let key = Self::session_key(chain, plan);
        let profile = chain
            .key_profile
            .clone()
            .unwrap_or_else(|| chain.target.clone());
        self.cached(&key, &profile, || {
            let base = self.source_creds(chain)?;
            let code = match &plan.serial {
                Some(s) => Some(self.opts.codes.code(s)?),
                None => None,
            };
            let mfa = plan.serial.as_deref().zip(code.as_deref());
            self.sts
                .get_session_token(&base, plan.session_duration, mfa)
        })
    }

    fn role(&self, chain: &Chain, plan: &Plan, i: usize) -> Result<Credentials> {
        let hop = &chain.roles[i];
        let (key, session_name) = self.role_key(chain, plan, i)?;
        self.cached(&key, &hop.profile, || {
            let duration = plan.role_durations[i];
            let (base, mfa_serial) = if i > 0 {
                (self.role(chain, plan, i - 1)?, None)
            } else if plan.use_session && !plan.direct_first {
                (self.session(chain, plan)?, None)
            } else {
                (self.source_creds(chain)?, plan.serial.clone())
            };
            if base.session_token.is_some() && duration > validate::CHAINED_ROLE_MAX {
                return Err(Error::Usage(format!(
                    "profile '{}' asks for {duration} s, but it is assumed with temporary credentials and AWS caps that at 1 hour; set duration_seconds to 3600 or less",
                    hop.profile
                )));
            }
            let mfa = match mfa_serial {
                Some(s) => {
                    let code = self.opts.codes.code(&s)?;
                    Some((s, code))
                }
                None => None,
            };
            let input = AssumeRoleInput {
                role_arn: hop.role_arn.clone(),
                session_name: session_name.clone(),
                duration,
                external_id: hop.external_id.clone(),
                source_identity: hop.source_identity.clone(),
                mfa,
            };
            self.sts.assume_role(&base, &input)
        })
    }

    /// A cached entry with enough time left, else `fetch` under the key's lock (re-checking
    /// after the lock: another process may have fetched while this one waited).
    fn cached(
        &self,
        key: &Key,
        profile: &str,
        fetch: impl FnOnce() -> Result<Credentials>,
    ) -> Result<Credentials> {
        let fresh = |e: &Entry| {
            fresh_enough(&e.credentials, e.created, self.now)
                && (!self.opts.refresh || e.created >= self.now)
        };
        if let Some(e) = self.cache.get(key).filter(|e| fresh(e)) {
            crate::ui::debug(&format!("using cached {} for '{profile}'", key.kind));
            return Ok(e.credentials);
        }
        let _lock = self.lock_waiting(key, profile)?;
        if let Some(e) = self.cache.get(key).filter(|e| fresh(e)) {
            crate::ui::debug(&format!(
                "using {} for '{profile}' fetched by another awsmfa",
                key.kind
            ));
            return Ok(e.credentials);
        }
        let creds = fetch()?;
        let entry = Entry {
            version: FORMAT_VERSION,
            kind: key.kind.to_string(),
            profile: profile.to_string(),
            credentials: creds.clone(),
            created: (self.clock)(),
        };
        if let Err(e) = self.cache.put(key, &entry) {
            crate::ui::warn(&format!("could not cache the credentials: {e}"));
        }
        Ok(creds)
    }

    /// The lock of `key`. Without a terminal the wait is bounded by the prompt's time-out (and a
    /// margin for AWS): such a caller (an SDK, an IDE) must never hang, and whoever holds the
    /// lock is most likely waiting for an answer in a dialog.
    fn lock_waiting(&self, key: &Key, profile: &str) -> Result<crate::fsutil::FileLock> {
        let Some(limit) = crate::prompt_driver::wait_limit() else {
            return self.cache.lock(key);
        };
        self.cache.lock_within(key, limit)?.ok_or_else(|| {
            let hint = &self.opts.codes.login_hint;
            Error::LoginRequired(format!(
                "gave up after {} s waiting for another awsmfa getting the {} for '{profile}' (it may be waiting for an MFA code){}{hint}",
                limit.as_secs(),
                key.kind,
                if hint.is_empty() { "" } else { "; " }
            ))
        })
    }
}

#[cfg(test)]
pub(super) mod fixtures {
    use super::*;
    use crate::config::chain::{KeySource, RoleHop};
    use crate::fake::long_lived;

    pub const SERIAL: &str = "arn:aws:iam::123456789012:mfa/alice";

    pub fn hop(name: &str, duration: Option<&str>) -> RoleHop {
        RoleHop {
            profile: name.into(),
            role_arn: format!("arn:aws:iam::123456789012:role/{name}"),
            external_id: None,
            session_name: None,
            duration: duration.map(str::to_string),
            mfa_serial: None,
            source_identity: None,
        }
    }

    /// Long-lived keys in profile `identity` (temporary ones when `temporary_root`), with an MFA
    /// device, and `roles` chained to it in assume order.
    pub fn chain(roles: Vec<RoleHop>, temporary_root: bool) -> Chain {
        let mut creds = long_lived("AKIAFAKEFAKEFAKE0001");
        if temporary_root {
            creds.session_token = Some("fakeTokenExample".into());
        }
        Chain {
            target: roles
                .last()
                .map_or_else(|| "identity".to_string(), |r| r.profile.clone()),
            source: KeySource::Static {
                profile: "identity".into(),
                creds,
            },
            key_profile: Some("identity".into()),
            key_mfa_serial: Some(SERIAL.into()),
            key_duration: None,
            mfa_process: None,
            mfa_prompt: None,
            mfa_oath_account: None,
            roles,
            region: None,
            net: Default::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{chain, hop};
    use super::*;
    use crate::fake::{FakeAws, temporary};

    #[test]
    fn a_role_is_assumed_with_the_session_and_no_second_code() {
        let dir = tempfile::tempdir().unwrap();
        let aws = FakeAws::default();
        aws.sessions
            .borrow_mut()
            .push_back(Ok(temporary("ASIAFAKESESSION00001", 43_200)));
        aws.roles
            .borrow_mut()
            .push_back(Ok(temporary("ASIAFAKEROLE00000001", 3600)));
        let opts = Options {
            codes: crate::mfa::CodeSources {
                flag: Some("123456".into()),
                ..Default::default()
            },
            ..Options::default()
        };
        let mut resolver = Resolver::new(&opts, &aws);
        resolver.cache = Cache::at(dir.path().join("awsmfa"));
        let got = resolver
            .credentials(&chain(vec![hop("dev", None)], false))
            .unwrap();
        assert_eq!(got.access_key_id, "ASIAFAKEROLE00000001");
        assert_eq!(
            *aws.calls.borrow(),
            [
                "GetSessionToken 43200 mfa by AKIAFAKEFAKEFAKE0001",
                "AssumeRole arn:aws:iam::123456789012:role/dev 3600 by ASIAFAKESESSION00001",
            ]
        );
    }

    /// The credentials' end in the refresh-window tests (a fixed time, not the clock's).
    fn end() -> DateTime<Utc> {
        crate::creds::from_unix(2_000_000_000)
    }

    fn with_code() -> Options {
        Options {
            codes: crate::mfa::CodeSources {
                flag: Some("123456".into()),
                ..Default::default()
            },
            ..Options::default()
        }
    }

    /// Whether cached credentials that were good for `lifetime` s and have `left` s left are
    /// handed out (true) or fetched again (false), for a key profile's session or (`role`) a
    /// role's credentials. The resolver's clock is set; the real one plays no part.
    fn served_from_cache(opts: &Options, lifetime: i64, left: i64, role: bool) -> bool {
        let dir = tempfile::tempdir().unwrap();
        let aws = FakeAws::default();
        let mut resolver = Resolver::new(opts, &aws);
        resolver.cache = Cache::at(dir.path().join("awsmfa"));
        resolver.now = end() - chrono::Duration::seconds(left);
        resolver.clock = || crate::creds::from_unix(1_999_990_000);
        let c = if role { dev() } else { chain(vec![], false) };
        let plan = resolver.plan(&c).unwrap();
        let key = if role {
            resolver.role_key(&c, &plan, 0).unwrap().0
        } else {
            Resolver::session_key(&c, &plan)
        };
        let mut creds = temporary("ASIAFAKECACHED000001", 0);
        creds.expiration = Some(end());
        let entry = Entry {
            version: FORMAT_VERSION,
            kind: key.kind.to_string(),
            profile: c.target.clone(),
            credentials: creds,
            created: end() - chrono::Duration::seconds(lifetime),
        };
        resolver.cache.put(&key, &entry).unwrap();
        if role {
            // The session the role is renewed from is fresh.
            let session = Resolver::session_key(&c, &plan);
            let mut fresh = entry.clone();
            fresh.kind = "session".into();
            fresh.credentials.expiration = Some(end() + chrono::Duration::hours(10));
            resolver.cache.put(&session, &fresh).unwrap();
            aws.roles
                .borrow_mut()
                .push_back(Ok(temporary("ASIAFAKEROLE00000001", 3600)));
        } else {
            aws.sessions
                .borrow_mut()
                .push_back(Ok(temporary("ASIAFAKESESSION00001", 43_200)));
        }
        let got = resolver.credentials(&c).unwrap();
        let cached = got.access_key_id == "ASIAFAKECACHED000001";
        assert_eq!(cached, aws.calls.borrow().is_empty(), "{:?}", aws.calls);
        if !cached {
            // The new entry is stamped by the resolver's clock.
            assert_eq!(
                resolver.cache.get(&key).unwrap().created,
                crate::creds::from_unix(1_999_990_000)
            );
        }
        cached
    }

    fn dev() -> Chain {
        chain(vec![hop("dev", None)], false)
    }

    #[test]
    fn a_session_within_fifteen_minutes_of_its_end_is_renewed() {
        let opts = with_code();
        assert!(!served_from_cache(&opts, 43_200, 14 * 60 + 59, false));
        assert!(served_from_cache(&opts, 43_200, 15 * 60 + 1, false));
    }

    #[test]
    fn a_role_within_fifteen_minutes_of_its_end_is_renewed_from_the_session() {
        let opts = with_code();
        assert!(!served_from_cache(&opts, 3600, 14 * 60 + 59, true));
        assert!(served_from_cache(&opts, 3600, 15 * 60 + 1, true));
    }

    #[test]
    fn short_lived_credentials_are_renewed_in_the_last_half_of_their_life() {
        // window_for(900) = 450 s: a 15-minute role is not renewed on every call.
        assert_eq!(window_for(900), 450);
        let opts = with_code();
        assert!(!served_from_cache(&opts, 900, 449, true));
        assert!(served_from_cache(&opts, 900, 451, true));
        assert!(!served_from_cache(&opts, 1200, 599, false));
        assert!(served_from_cache(&opts, 1200, 601, false));
    }

    #[test]
    fn refresh_ignores_entries_made_before_the_run() {
        let opts = Options {
            refresh: true,
            ..with_code()
        };
        assert!(!served_from_cache(&opts, 43_200, 6 * 3600, false));
    }

    #[test]
    fn a_role_over_an_hour_is_assumed_with_the_keys_and_a_code() {
        let dir = tempfile::tempdir().unwrap();
        let aws = FakeAws::default();
        aws.roles
            .borrow_mut()
            .push_back(Ok(temporary("ASIAFAKEROLE00000001", 7200)));
        let opts = with_code();
        let mut resolver = Resolver::new(&opts, &aws);
        resolver.cache = Cache::at(dir.path().join("awsmfa"));
        let c = chain(vec![hop("long", Some("7200"))], false);
        resolver.credentials(&c).unwrap();
        assert_eq!(
            *aws.calls.borrow(),
            ["AssumeRole arn:aws:iam::123456789012:role/long 7200 mfa by AKIAFAKEFAKEFAKE0001"]
        );
    }

    #[test]
    fn chained_roles_are_assumed_each_from_the_one_before() {
        let dir = tempfile::tempdir().unwrap();
        let aws = FakeAws::default();
        aws.sessions
            .borrow_mut()
            .push_back(Ok(temporary("ASIAFAKESESSION00001", 43_200)));
        for id in ["ASIAFAKEROLE0000000A", "ASIAFAKEROLE0000000B"] {
            aws.roles.borrow_mut().push_back(Ok(temporary(id, 3600)));
        }
        let opts = with_code();
        let mut resolver = Resolver::new(&opts, &aws);
        resolver.cache = Cache::at(dir.path().join("awsmfa"));
        let c = chain(vec![hop("a", None), hop("b", Some("1800"))], false);
        let got = resolver.credentials(&c).unwrap();
        assert_eq!(got.access_key_id, "ASIAFAKEROLE0000000B");
        assert_eq!(
            *aws.calls.borrow(),
            [
                "GetSessionToken 43200 mfa by AKIAFAKEFAKEFAKE0001",
                "AssumeRole arn:aws:iam::123456789012:role/a 3600 by ASIAFAKESESSION00001",
                "AssumeRole arn:aws:iam::123456789012:role/b 1800 by ASIAFAKEROLE0000000A",
            ]
        );
        // A second call is served from the cache: nothing more is asked.
        resolver.credentials(&c).unwrap();
        assert_eq!(aws.calls.borrow().len(), 3);
    }

    /// A credential_process is judged when its answer arrives, not when the resolver was made:
    /// one that takes seconds (it may wait for a person) and prints credentials with just
    /// over the 15 minutes left at its start hands out less than awsmfa requires (4800f30
    /// refused them: it checked at `Utc::now()` after the process ended).
    #[test]
    fn credential_process_output_is_judged_when_it_arrives() {
        let dir = tempfile::tempdir().unwrap();
        let aws = FakeAws::default();
        let opts = Options::default();
        let mut resolver = Resolver::new(&opts, &aws);
        resolver.cache = Cache::at(dir.path().join("awsmfa"));
        let exp = crate::creds::format_utc(Utc::now() + chrono::Duration::seconds(15 * 60 + 1));
        let mut c = chain(Vec::new(), true);
        c.source = crate::config::chain::KeySource::Process {
            profile: "identity".into(),
            command: format!(
                "sleep 3; printf '{{\"Version\":1,\"AccessKeyId\":\"ASIAFAKEFAKEFAKE0001\",\"SecretAccessKey\":\"s\",\"SessionToken\":\"t\",\"Expiration\":\"{exp}\"}}'"
            ),
        };
        c.key_mfa_serial = None;
        let got = resolver.credentials(&c);
        assert!(
            got.as_ref()
                .is_err_and(|e| e.to_string().contains("less than")),
            "credentials with under 15 minutes left were handed out: {:?}",
            got.map(|g| g.expiration)
        );
    }
}

//! The provider chain: long-lived keys -> one MFA session (GetSessionToken) -> every role
//! chained to it (AssumeRole), each step cached and refreshed under a lock, so one MFA code
//! serves every role all day and parallel callers prompt and call STS at most once.

use chrono::{DateTime, Utc};

use crate::cache::{Cache, Entry, FORMAT_VERSION, Key};
use crate::config::chain::{Chain, KeySource};
use crate::creds::Credentials;
use crate::error::{Error, Result};
use crate::iam::Iam;
use crate::mfa::CodeSources;
use crate::sts::{AssumeRoleInput, Sts};
use crate::validate;

/// Cached credentials are handed out only with at least this many seconds left; below it they
/// are refreshed (silently, from the session, for roles). `AWSMFA_REFRESH_WINDOW` changes it.
pub const REFRESH_WINDOW: i64 = 15 * 60;

/// The refresh window in force: `AWSMFA_REFRESH_WINDOW` (whole seconds, 0 to 3000, so a
/// one-hour role is good for at least 10 minutes), else 15 minutes. A value out of range is
/// ignored with a warning.
pub fn refresh_window() -> i64 {
    refresh_window_setting().0
}

/// The refresh window and whether the user set it (`AWSMFA_REFRESH_WINDOW`).
fn refresh_window_setting() -> (i64, bool) {
    static WINDOW: std::sync::OnceLock<(i64, bool)> = std::sync::OnceLock::new();
    *WINDOW.get_or_init(|| match crate::paths::AWSMFA_REFRESH_WINDOW.non_blank() {
        None => (REFRESH_WINDOW, false),
        Some(v) => match v.trim().parse::<i64>() {
            Ok(secs) if (0..=3000).contains(&secs) => (secs, true),
            _ => {
                crate::ui::warn(&format!(
                    "ignoring AWSMFA_REFRESH_WINDOW={v}: it takes whole seconds from 0 to 3000; using 900"
                ));
                (REFRESH_WINDOW, false)
            }
        },
    })
}

/// The window for credentials that were good for `lifetime` seconds when issued: the refresh
/// window, but never so wide that fresh credentials are already due (a 900-s role under the
/// default 900-s window would be renewed on every call): at most half their life by default,
/// and at most their life less 10 s when the user set the window.
pub fn window_for(lifetime: i64) -> i64 {
    window_within(refresh_window_setting(), lifetime)
}

fn window_within((window, explicit): (i64, bool), lifetime: i64) -> i64 {
    let cap = if explicit {
        lifetime - 10
    } else {
        lifetime / 2
    };
    window.min(cap).max(0)
}

/// Whether `creds`, issued at `issued`, are still good enough to hand out at `now`.
pub fn fresh_enough(creds: &Credentials, issued: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    let lifetime = creds
        .expiration
        .map_or(i64::MAX, |exp| crate::creds::seconds_left(exp, issued));
    creds.valid_for(now, window_for(lifetime))
}
/// GetSessionToken's default length: 12 hours.
pub const DEFAULT_SESSION: u32 = 43_200;
/// AssumeRole's default length: 1 hour, as the AWS CLI.
pub const DEFAULT_ROLE: u32 = 3600;

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
    pub now: DateTime<Utc>,
    /// Never call AWS (for `list`): MFA device discovery only reads what it remembered.
    pub offline: bool,
    /// Keys from the encrypted store, once decrypted (at most one passphrase per process).
    pub store_creds: std::cell::OnceCell<Credentials>,
}

/// Everything the resolver may call: STS, and IAM for MFA device discovery.
pub trait Aws: Sts + Iam {}
impl<T: Sts + Iam> Aws for T {}

/// What MFA device discovery remembered for one access key (`serial: None`: no device).
#[derive(serde::Serialize, serde::Deserialize)]
struct Discovered {
    version: u32,
    serial: Option<String>,
}

/// The durations of a chain, checked before any request is sent.
struct Plan {
    serial: Option<String>,
    session_duration: u32,
    role_durations: Vec<u32>,
    /// The first role asks for more than an hour: assume it from the long-lived keys with MFA.
    direct_first: bool,
    /// Roles are assumed from an MFA session.
    use_session: bool,
}

impl<'a> Resolver<'a> {
    pub fn new(opts: &'a Options, sts: &'a dyn Aws) -> Resolver<'a> {
        Resolver {
            opts,
            cache: Cache::open(),
            sts,
            now: Utc::now(),
            offline: false,
            store_creds: std::cell::OnceCell::new(),
        }
    }

    /// The MFA device of a key profile with no `mfa_serial`: asked of IAM once per access key
    /// (ListMFADevices for the calling user) and remembered, "no device" included. No device,
    /// or the lookup denied: go on without MFA and say so, once.
    fn discover(&self, chain: &Chain) -> Result<Option<String>> {
        let profile = match &chain.source {
            KeySource::Static { creds, profile } if creds.session_token.is_none() => profile,
            KeySource::Store { profile, .. } => profile,
            _ => return Ok(None),
        };
        // The access key id, or `store:PROFILE`: known without decrypting the store.
        let key = Key::new("mfa-device", &[&chain.source.identity()]);
        let remembered = |c: &Cache| {
            c.get_raw(&key)
                .and_then(|b| serde_json::from_slice::<Discovered>(&b).ok())
                .filter(|d| d.version == FORMAT_VERSION)
        };
        if let Some(d) = remembered(&self.cache) {
            return Ok(d.serial);
        }
        if self.offline {
            return Ok(None);
        }
        let _lock = self.cache.lock(&key)?;
        if let Some(d) = remembered(&self.cache) {
            return Ok(d.serial);
        }
        let creds = &self.source_creds(chain)?;
        // ListMFADevices needs the user name (emulators and some policies do not infer it).
        let lookup = self.sts.caller_identity(creds).and_then(|arn| {
            self.sts
                .list_mfa_devices(creds, crate::iam::user_name(&arn))
        });
        let serial = match lookup {
            Ok(devices) if devices.is_empty() => {
                crate::ui::info(&format!(
                    "no MFA device found for profile '{profile}' (ListMFADevices); going on without MFA. Set mfa_serial to use one"
                ));
                None
            }
            Ok(devices) if devices.len() == 1 => {
                crate::ui::info(&format!(
                    "profile '{profile}': using MFA device {} (found with ListMFADevices; set mfa_serial to choose another)",
                    devices[0]
                ));
                devices.into_iter().next()
            }
            Ok(devices) => Some(crate::mfa::choose_device(profile, &devices)?),
            Err(e @ (Error::Network(_) | Error::Io(_))) => return Err(e),
            Err(e) => {
                crate::ui::info(&format!(
                    "cannot look up the MFA device of profile '{profile}' ({e}); going on without MFA. Set mfa_serial to use one"
                ));
                None
            }
        };
        if let Err(e) = self.remember_device(chain, serial.as_deref()) {
            crate::ui::warn(&format!("could not remember the MFA device: {e}"));
        }
        Ok(serial)
    }

    /// Remember `serial` ("no device" for `None`) as the discovered MFA device of the chain's
    /// keys (after a key rotation, for the new key).
    pub fn remember_device(&self, chain: &Chain, serial: Option<&str>) -> Result<()> {
        let key = Key::new("mfa-device", &[&chain.source.identity()]);
        let doc = Discovered {
            version: FORMAT_VERSION,
            serial: serial.map(str::to_string),
        };
        let bytes =
            serde_json::to_vec(&doc).map_err(|e| Error::Other(format!("cannot encode: {e}")))?;
        self.cache.put_raw(&key, &bytes)
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
            created: Utc::now(),
        };
        self.cache.put(&key, &entry)
    }

    fn plan(&self, chain: &Chain) -> Result<Plan> {
        let serial = if self.opts.no_mfa {
            None
        } else if let Some(s) = self.opts.serial.as_deref().or(chain.mfa_serial()) {
            Some(s.to_string())
        } else {
            self.discover(chain)?
        };
        if let Some(s) = &serial {
            validate::mfa_serial(s)?;
        }
        let target_is_key = chain.roles.is_empty();
        // `-d` sets the length of what is handed out: the session itself for a key profile.
        let asked = if target_is_key {
            self.opts.duration.as_ref().or(chain.key_duration.as_ref())
        } else {
            chain.key_duration.as_ref()
        };
        let session_duration = match asked {
            Some(d) => validate::duration(d, "session", validate::SESSION_DURATIONS)?,
            None => DEFAULT_SESSION,
        };
        let n = chain.roles.len();
        let mut role_durations = Vec::with_capacity(n);
        for (i, hop) in chain.roles.iter().enumerate() {
            let asked = if i + 1 == n {
                self.opts.duration.as_ref().or(hop.duration.as_ref())
            } else {
                hop.duration.as_ref()
            };
            let d = match asked {
                Some(d) => validate::duration(
                    d,
                    &format!("role ({})", hop.profile),
                    validate::ROLE_DURATIONS,
                )?,
                None => DEFAULT_ROLE,
            };
            if i > 0 && d > validate::CHAINED_ROLE_MAX {
                return Err(Error::Usage(format!(
                    "profile '{}' asks for {d} s, but AWS caps a role assumed from another role at 1 hour; set duration_seconds to 3600 or less",
                    hop.profile
                )));
            }
            role_durations.push(d);
        }
        let use_session = serial.is_some() && chain.source.is_long_lived() && n > 0;
        let direct_first = use_session
            && role_durations
                .first()
                .is_some_and(|d| *d > validate::CHAINED_ROLE_MAX);
        // Temporary keys in a file are known before any request; other sources are checked in
        // `role` once their credentials are in hand.
        let temporary_root = matches!(&chain.source, KeySource::Static { creds, .. } if creds.session_token.is_some());
        if temporary_root
            && let Some(d) = role_durations
                .first()
                .filter(|d| **d > validate::CHAINED_ROLE_MAX)
        {
            return Err(Error::Usage(format!(
                "profile '{}' asks for {d} s, but its source credentials are temporary and AWS caps such roles at 1 hour; set duration_seconds to 3600 or less",
                chain.roles[0].profile
            )));
        }
        Ok(Plan {
            serial,
            session_duration,
            role_durations,
            direct_first,
            use_session,
        })
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

    fn session_key(chain: &Chain, plan: &Plan) -> Key {
        let root = chain.source.identity();
        Key::new("session", &[&root, plan.serial.as_deref().unwrap_or("")])
    }

    /// The cache key of role `i` and the session name it is assumed with.
    fn role_key(&self, chain: &Chain, plan: &Plan, i: usize) -> Result<(Key, String)> {
        let hop = &chain.roles[i];
        validate::role_arn(&hop.role_arn)?;
        let is_target = i + 1 == chain.roles.len();
        let session_name = match (is_target, &self.opts.session_name, &hop.session_name) {
            (true, Some(n), _) | (_, _, Some(n)) => n.clone(),
            _ => validate::default_session_name(),
        };
        validate::session_name(&session_name)?;
        let path: Vec<&str> = chain.roles[..=i]
            .iter()
            .map(|r| r.role_arn.as_str())
            .collect();
        let root = chain.source.identity();
        let mode = if plan.direct_first {
            "direct"
        } else if plan.use_session {
            "session"
        } else {
            "plain"
        };
        let key = Key::new(
            "role",
            &[
                &root,
                plan.serial.as_deref().unwrap_or(""),
                mode,
                &path.join(">"),
                &session_name,
                hop.external_id.as_deref().unwrap_or(""),
            ],
        );
        Ok((key, session_name))
    }

    /// The MFA device the chain uses: flag, profiles, or what discovery found (offline: only
    /// what it remembered).
    pub fn mfa_device(&self, chain: &Chain) -> Result<Option<String>> {
        Ok(self.plan(chain)?.serial)
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
            fresh_enough(&e.credentials, e.created, Utc::now())
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
            created: Utc::now(),
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

    /// The root credentials of the chain.
    pub fn source_creds(&self, chain: &Chain) -> Result<Credentials> {
        match &chain.source {
            KeySource::Static { creds, .. } => Ok(creds.clone()),
            KeySource::Store { profile, path } => {
                if let Some(c) = self.store_creds.get() {
                    return Ok(c.clone());
                }
                let creds = crate::store::unlock(profile, path)?.keys.credentials();
                Ok(self.store_creds.get_or_init(|| creds).clone())
            }
            KeySource::Process { profile, command } => run_credential_process(profile, command),
            KeySource::Environment => {
                use crate::paths::{AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN};
                match (
                    AWS_ACCESS_KEY_ID.non_empty(),
                    AWS_SECRET_ACCESS_KEY.non_empty(),
                ) {
                    (Some(access_key_id), Some(secret_access_key)) => {
                        let creds = Credentials {
                            access_key_id,
                            secret_access_key,
                            session_token: AWS_SESSION_TOKEN.non_empty(),
                            expiration: None,
                        };
                        let checks = [
                            ("AWS_ACCESS_KEY_ID", validate::key_id(&creds.access_key_id)),
                            (
                                "AWS_SECRET_ACCESS_KEY",
                                validate::secret(&creds.secret_access_key),
                            ),
                            (
                                "AWS_SESSION_TOKEN",
                                creds
                                    .session_token
                                    .as_deref()
                                    .map_or(Ok(()), validate::session_token),
                            ),
                        ];
                        for (var, check) in checks {
                            if let Err(why) = check {
                                return Err(Error::Usage(format!(
                                    "profile '{}' uses credential_source = Environment, but {var} is not usable: {why}",
                                    chain.target
                                )));
                            }
                        }
                        Ok(creds)
                    }
                    _ => Err(Error::Profile(format!(
                        "profile '{}' uses credential_source = Environment, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set",
                        chain.target
                    ))),
                }
            }
            KeySource::Ec2InstanceMetadata | KeySource::EcsContainer => {
                Err(Error::Profile(format!(
                    "profile '{}': credential_source = {:?} is not supported by awsmfa yet; use the AWS CLI for instance and container roles",
                    chain.target, chain.source
                )))
            }
        }
    }
}

/// The JSON a `credential_process` prints (Version 1).
#[derive(serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ProcessOutput {
    version: u32,
    access_key_id: String,
    secret_access_key: String,
    #[serde(default)]
    session_token: Option<String>,
    #[serde(default)]
    expiration: Option<String>,
}

fn run_credential_process(profile: &str, command: &str) -> Result<Credentials> {
    crate::ui::debug(&format!("running credential_process of '{profile}'"));
    let stdout = crate::process::user_command(command).map_err(|f| match f {
        crate::process::Failure::NotStarted(e) => Error::Other(format!(
            "credential_process of profile '{profile}' could not be started: {e}"
        )),
        crate::process::Failure::Failed(status) => Error::Other(format!(
            "credential_process of profile '{profile}' failed ({status})"
        )),
    })?;
    // The parser's own message can quote a value (a secret in the wrong field): only say where.
    let parsed: ProcessOutput = serde_json::from_slice(&stdout).map_err(|e| {
        let what = match e.classify() {
            serde_json::error::Category::Data => "a field is missing or of the wrong type",
            serde_json::error::Category::Eof => "it ends too early",
            _ => "it is not JSON",
        };
        Error::Auth(format!(
            "credential_process of profile '{profile}' printed no valid credentials JSON ({what}, line {} column {})",
            e.line(),
            e.column()
        ))
    })?;
    if parsed.version != 1 {
        return Err(Error::Auth(format!(
            "credential_process of profile '{profile}' printed Version {}, awsmfa understands Version 1",
            parsed.version
        )));
    }
    let expiration = match parsed.expiration {
        Some(s) => Some(
            DateTime::parse_from_rfc3339(&s)
                .map(|d| d.with_timezone(&Utc))
                .map_err(|_| {
                    Error::Auth(format!(
                        "credential_process of profile '{profile}' printed a bad Expiration '{s}'"
                    ))
                })?,
        ),
        None => None,
    };
    let creds = Credentials {
        access_key_id: parsed.access_key_id,
        secret_access_key: parsed.secret_access_key,
        session_token: parsed.session_token.filter(|t| !t.is_empty()),
        expiration,
    };
    // Checked before anything signs with them or they reach a cache, a file or a shell; a
    // helper that hands out (nearly) expired credentials is as broken as one that prints none.
    validate::credentials(&creds)
        .and_then(|()| validate::fresh(&creds, Utc::now(), REFRESH_WINDOW))
        .map_err(|why| {
            Error::Auth(format!(
                "credential_process of profile '{profile}' printed credentials awsmfa will not use: {why}"
            ))
        })?;
    Ok(creds)
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_window_never_makes_fresh_credentials_due() {
        // Default window (900 s): half the life of short credentials, the window otherwise.
        assert_eq!(window_within((900, false), 900), 450);
        assert_eq!(window_within((900, false), 3600), 900);
        assert_eq!(window_within((900, false), 43_200), 900);
        // Set by the user: honoured up to 10 s before the end of the credentials' life.
        assert_eq!(window_within((890, true), 900), 890);
        assert_eq!(window_within((3000, true), 900), 890);
        assert_eq!(window_within((0, true), 900), 0);
        assert_eq!(window_within((900, false), 5), 2);
        assert_eq!(window_within((900, true), 5), 0);
    }
    use super::*;
    use crate::config::chain::RoleHop;
    use crate::fake::{FakeAws, long_lived, temporary};

    const SERIAL: &str = "arn:aws:iam::123456789012:mfa/alice";

    fn hop(name: &str, duration: Option<&str>) -> RoleHop {
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
    fn chain(roles: Vec<RoleHop>, temporary_root: bool) -> Chain {
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

    fn plan(opts: &Options, chain: &Chain) -> Result<Plan> {
        let aws = FakeAws::default();
        let resolver = Resolver::new(opts, &aws);
        let plan = resolver.plan(chain);
        assert!(aws.calls.borrow().is_empty(), "planning calls nothing");
        plan
    }

    #[test]
    fn a_key_profile_gets_a_twelve_hour_session_or_what_d_asks() {
        let p = plan(&Options::default(), &chain(vec![], false)).unwrap();
        assert_eq!(p.serial.as_deref(), Some(SERIAL));
        assert_eq!(p.session_duration, DEFAULT_SESSION);
        assert!(p.role_durations.is_empty() && !p.use_session && !p.direct_first);
        let opts = Options {
            duration: Some("129600".into()),
            ..Options::default()
        };
        assert_eq!(
            plan(&opts, &chain(vec![], false)).unwrap().session_duration,
            129_600
        );
        let opts = Options {
            duration: Some("129601".into()),
            ..Options::default()
        };
        assert!(matches!(
            plan(&opts, &chain(vec![], false)),
            Err(Error::Usage(_))
        ));
    }

    #[test]
    fn a_role_is_an_hour_from_the_session_and_d_sets_the_role_not_the_session() {
        let opts = Options {
            duration: Some("1800".into()),
            ..Options::default()
        };
        let p = plan(&opts, &chain(vec![hop("dev", None)], false)).unwrap();
        assert_eq!(
            (p.session_duration, p.role_durations.clone()),
            (DEFAULT_SESSION, vec![1800])
        );
        assert!(p.use_session && !p.direct_first);
        let p = plan(&Options::default(), &chain(vec![hop("dev", None)], false)).unwrap();
        assert_eq!(p.role_durations, [DEFAULT_ROLE]);
    }

    #[test]
    fn a_role_over_an_hour_is_assumed_directly_with_mfa() {
        let p = plan(
            &Options::default(),
            &chain(vec![hop("long", Some("7200"))], false),
        )
        .unwrap();
        assert!(p.use_session && p.direct_first);
        assert_eq!(p.role_durations, [7200]);
    }

    #[test]
    fn a_chained_role_is_capped_at_one_hour() {
        let roles = vec![hop("first", Some("7200")), hop("second", Some("3600"))];
        assert!(plan(&Options::default(), &chain(roles, false)).is_ok());
        let roles = vec![hop("first", None), hop("second", Some("3601"))];
        let e = plan(&Options::default(), &chain(roles, false))
            .err()
            .unwrap();
        assert!(
            e.to_string().contains("profile 'second' asks for 3601 s"),
            "{e}"
        );
        let e = plan(
            &Options::default(),
            &chain(vec![hop("r", Some("7200"))], true),
        )
        .err()
        .unwrap();
        assert!(
            e.to_string().contains("source credentials are temporary"),
            "{e}"
        );
    }

    #[test]
    fn without_mfa_roles_are_assumed_directly_from_the_keys() {
        let opts = Options {
            no_mfa: true,
            ..Options::default()
        };
        let p = plan(&opts, &chain(vec![hop("dev", Some("7200"))], false)).unwrap();
        assert!(p.serial.is_none() && !p.use_session && !p.direct_first);
        assert_eq!(p.role_durations, [7200]);
    }

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
}

//! Planning a chain before any request: the MFA device, the length of the session and of each
//! role (with AWS's caps), how each role is assumed, and the cache keys that follow; and the
//! refresh window that decides when cached credentials are renewed.

use chrono::{DateTime, Utc};

use super::Resolver;
use crate::cache::{Key, RoleMode, RoleParts};
use crate::config::chain::{Chain, KeySource};
use crate::creds::Credentials;
use crate::error::{Error, Result};
use crate::validate;

pub use crate::sts::REFRESH_WINDOW;

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

/// The durations of a chain, checked before any request is sent.
pub(super) struct Plan {
    pub(super) serial: Option<String>,
    pub(super) session_duration: u32,
    pub(super) role_durations: Vec<u32>,
    /// The first role asks for more than an hour: assume it from the long-lived keys with MFA.
    pub(super) direct_first: bool,
    /// Roles are assumed from an MFA session.
    pub(super) use_session: bool,
}

impl Resolver<'_> {
    pub(super) fn plan(&self, chain: &Chain) -> Result<Plan> {
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

    pub(super) fn session_key(chain: &Chain, plan: &Plan) -> Key {
        Key::session(&chain.source.identity(), plan.serial.as_deref())
    }

    /// The cache key of role `i` and the session name it is assumed with.
    pub(super) fn role_key(&self, chain: &Chain, plan: &Plan, i: usize) -> Result<(Key, String)> {
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
            RoleMode::Direct
        } else if plan.use_session {
            RoleMode::Session
        } else {
            RoleMode::Plain
        };
        let key = Key::role(&RoleParts {
            source: &root,
            serial: plan.serial.as_deref(),
            mode,
            path: &path,
            session_name: &session_name,
            external_id: hop.external_id.as_deref(),
        });
        Ok((key, session_name))
    }
}

#[cfg(test)]
mod tests {
    use super::super::Options;
    use super::super::fixtures::{SERIAL, chain, hop};
    use super::*;
    use crate::config::chain::RoleHop;
    use crate::fake::FakeAws;

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
    fn the_key_profiles_duration_sets_the_session_of_a_role_chain_and_d_does_not() {
        let mut c = chain(vec![hop("dev", None)], false);
        c.key_duration = Some("7200".into());
        let opts = Options {
            duration: Some("1800".into()),
            ..Options::default()
        };
        let p = plan(&opts, &c).unwrap();
        assert_eq!((p.session_duration, p.role_durations), (7200, vec![1800]));
        // A key profile alone: -d wins over its own duration_seconds.
        let mut c = chain(vec![], false);
        c.key_duration = Some("7200".into());
        assert_eq!(plan(&opts, &c).unwrap().session_duration, 1800);
        assert_eq!(
            plan(&Options::default(), &c).unwrap().session_duration,
            7200
        );
    }

    #[test]
    fn d_on_the_last_of_chained_roles_is_capped_too() {
        let opts = Options {
            duration: Some("7200".into()),
            ..Options::default()
        };
        let e = plan(&opts, &chain(vec![hop("a", None), hop("b", None)], false))
            .err()
            .unwrap();
        assert!(e.to_string().contains("profile 'b' asks for 7200 s"), "{e}");
        // The first of them may go over an hour: it is the one assumed directly.
        let p = plan(
            &Options::default(),
            &chain(vec![hop("a", Some("7200")), hop("b", None)], false),
        )
        .unwrap();
        assert!(p.direct_first && p.use_session);
        assert_eq!(p.role_durations, [7200, DEFAULT_ROLE]);
    }

    #[test]
    fn role_durations_out_of_range_are_refused() {
        for d in ["899", "43201", "1h", ""] {
            let r = plan(
                &Options::default(),
                &chain(vec![hop("dev", Some(d))], false),
            );
            assert!(matches!(r, Err(Error::Usage(_))), "{d}: {:?}", r.err());
        }
        // Temporary keys in the file without roles: nothing to cap, no session either.
        let p = plan(&Options::default(), &chain(vec![], true)).unwrap();
        assert!(!p.use_session && !p.direct_first);
    }

    /// The cache key of the chain's target role.
    fn role_key(opts: &Options, chain: &Chain) -> Key {
        let aws = FakeAws::default();
        let resolver = Resolver::new(opts, &aws);
        let plan = resolver.plan(chain).unwrap();
        resolver
            .role_key(chain, &plan, chain.roles.len() - 1)
            .unwrap()
            .0
    }

    fn session_key(opts: &Options, chain: &Chain) -> Key {
        let aws = FakeAws::default();
        let resolver = Resolver::new(opts, &aws);
        let plan = resolver.plan(chain).unwrap();
        Resolver::session_key(chain, &plan)
    }

    fn dev() -> Chain {
        chain(vec![hop("dev", None)], false)
    }

    fn with_hop(f: impl FnOnce(&mut RoleHop)) -> Chain {
        let mut c = dev();
        f(&mut c.roles[0]);
        c
    }

    fn named(name: &str) -> Options {
        Options {
            session_name: Some(name.into()),
            ..Options::default()
        }
    }

    #[test]
    fn the_role_arn_splits_the_role_key() {
        let base = role_key(&Options::default(), &dev());
        let other = with_hop(|h| h.role_arn = "arn:aws:iam::123456789012:role/ops".into());
        assert_ne!(base, role_key(&Options::default(), &other));
    }

    #[test]
    fn the_session_name_splits_the_role_key() {
        let base = role_key(&named("alice"), &dev());
        assert_ne!(base, role_key(&named("bob"), &dev()));
        // From the profile's role_session_name as from the flag.
        let in_profile = with_hop(|h| h.session_name = Some("bob".into()));
        assert_eq!(
            role_key(&named("bob"), &dev()),
            role_key(&Options::default(), &in_profile)
        );
    }

    #[test]
    fn the_external_id_splits_the_role_key() {
        let base = role_key(&Options::default(), &dev());
        let other = with_hop(|h| h.external_id = Some("tenant-7".into()));
        assert_ne!(base, role_key(&Options::default(), &other));
    }

    #[test]
    fn the_source_keys_split_the_role_and_session_keys() {
        let mut other = dev();
        other.source = KeySource::Static {
            profile: "identity".into(),
            creds: crate::fake::long_lived("AKIAFAKEFAKEFAKE0002"),
        };
        let opts = Options::default();
        assert_ne!(role_key(&opts, &dev()), role_key(&opts, &other));
        assert_ne!(session_key(&opts, &dev()), session_key(&opts, &other));
    }

    #[test]
    fn the_mfa_device_splits_the_role_and_session_keys() {
        let other = Options {
            serial: Some("arn:aws:iam::123456789012:mfa/alice-backup".into()),
            ..Options::default()
        };
        let opts = Options::default();
        assert_ne!(role_key(&opts, &dev()), role_key(&other, &dev()));
        assert_ne!(session_key(&opts, &dev()), session_key(&other, &dev()));
    }

    #[test]
    fn how_the_role_is_assumed_splits_the_role_key() {
        let opts = Options::default();
        let session = role_key(&opts, &dev());
        // Over an hour: directly with MFA.
        let direct = role_key(&opts, &with_hop(|h| h.duration = Some("7200".into())));
        // Without MFA: from the keys.
        let plain = role_key(
            &Options {
                no_mfa: true,
                ..Options::default()
            },
            &dev(),
        );
        assert_ne!(session, direct);
        assert_ne!(session, plain);
        assert_ne!(direct, plain);
    }

    #[test]
    fn the_roles_before_split_the_role_key() {
        let opts = Options::default();
        let via = chain(vec![hop("jump", None), hop("dev", None)], false);
        assert_eq!(via.roles[1].role_arn, dev().roles[0].role_arn);
        assert_ne!(role_key(&opts, &dev()), role_key(&opts, &via));
    }

    /// What does not make other credentials shares the key: the length asked for within an
    /// hour (a cached role is reused until it is due), the profile's name, the source
    /// identity, the region, the session's own length.
    #[test]
    fn what_does_not_split_the_role_key() {
        let opts = Options::default();
        let base = role_key(&opts, &dev());
        let short = Options {
            duration: Some("900".into()),
            ..Options::default()
        };
        assert_eq!(base, role_key(&short, &dev()));
        assert_eq!(
            base,
            role_key(&opts, &with_hop(|h| h.duration = Some("3600".into())))
        );
        assert_eq!(
            base,
            role_key(&opts, &with_hop(|h| h.profile = "renamed".into()))
        );
        assert_eq!(
            base,
            role_key(
                &opts,
                &with_hop(|h| h.source_identity = Some("alice".into()))
            )
        );
        let mut elsewhere = dev();
        elsewhere.region = Some("eu-west-1".into());
        elsewhere.key_duration = Some("7200".into());
        assert_eq!(base, role_key(&opts, &elsewhere));
        assert_eq!(session_key(&opts, &dev()), session_key(&short, &dev()));
    }
}

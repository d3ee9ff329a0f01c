//! MFA device discovery: a key profile with no `mfa_serial` asks IAM (ListMFADevices) once per
//! access key, and the answer, "no device" included, is remembered in the cache.

use super::Resolver;
use crate::cache::{Cache, FORMAT_VERSION, Key};
use crate::config::chain::{Chain, KeySource};
use crate::error::{Error, Result};

/// What MFA device discovery remembered for one access key (`serial: None`: no device).
#[derive(serde::Serialize, serde::Deserialize)]
struct Discovered {
    version: u32,
    serial: Option<String>,
}

impl Resolver<'_> {
    /// The MFA device of a key profile with no `mfa_serial`: asked of IAM once per access key
    /// (ListMFADevices for the calling user) and remembered, "no device" included. No device,
    /// or the lookup denied: go on without MFA and say so, once.
    pub(super) fn discover(&self, chain: &Chain) -> Result<Option<String>> {
        let profile = match &chain.source {
            KeySource::Static { creds, profile } if creds.session_token.is_none() => profile,
            KeySource::Store { profile, .. } => profile,
            _ => return Ok(None),
        };
        // The access key id, or `store:PROFILE`: known without decrypting the store.
        let key = Key::mfa_device(&chain.source.identity());
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
            Ok(devices) => Some(crate::prompt_driver::choose_device(profile, &devices)?),
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
        let key = Key::mfa_device(&chain.source.identity());
        let doc = Discovered {
            version: FORMAT_VERSION,
            serial: serial.map(str::to_string),
        };
        let bytes =
            serde_json::to_vec(&doc).map_err(|e| Error::Other(format!("cannot encode: {e}")))?;
        self.cache.put_raw(&key, &bytes)
    }

    /// The MFA device the chain uses: flag, profiles, or what discovery found (offline: only
    /// what it remembered).
    pub fn mfa_device(&self, chain: &Chain) -> Result<Option<String>> {
        Ok(self.plan(chain)?.serial)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Options;
    use super::super::fixtures::{SERIAL, chain};
    use super::*;
    use crate::fake::FakeAws;

    const ALICE: &str = "arn:aws:iam::123456789012:user/alice";

    /// A key profile with no `mfa_serial`: its device is discovered.
    fn undeclared() -> Chain {
        Chain {
            key_mfa_serial: None,
            ..chain(vec![], false)
        }
    }

    /// The device the plan settles on, with `aws` answering and the cache in `dir`.
    fn discovered(aws: &FakeAws, dir: &std::path::Path, offline: bool) -> Result<Option<String>> {
        let opts = Options::default();
        let mut resolver = Resolver::new(&opts, aws);
        resolver.cache = Cache::at(dir.join("awsmfa"));
        resolver.offline = offline;
        resolver.mfa_device(&undeclared())
    }

    /// AWS answering the caller identity and then `devices` for ListMFADevices.
    fn answering(devices: Result<Vec<String>>) -> FakeAws {
        let aws = FakeAws::default();
        aws.identities.borrow_mut().push_back(Ok(ALICE.into()));
        aws.devices.borrow_mut().push_back(devices);
        aws
    }

    #[test]
    fn no_device_means_no_mfa_and_is_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let aws = answering(Ok(vec![]));
        assert_eq!(discovered(&aws, dir.path(), false).unwrap(), None);
        assert_eq!(aws.ops(), ["GetCallerIdentity", "ListMFADevices"]);
        // Asked once per key: the next run reads the answer, AWS is not called.
        let quiet = FakeAws::default();
        assert_eq!(discovered(&quiet, dir.path(), false).unwrap(), None);
        assert!(quiet.calls.borrow().is_empty());
    }

    #[test]
    fn one_device_is_used_and_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let aws = answering(Ok(vec![SERIAL.into()]));
        assert_eq!(
            discovered(&aws, dir.path(), false).unwrap().as_deref(),
            Some(SERIAL)
        );
        let quiet = FakeAws::default();
        assert_eq!(
            discovered(&quiet, dir.path(), true).unwrap().as_deref(),
            Some(SERIAL),
            "offline reads what was remembered"
        );
        assert!(quiet.calls.borrow().is_empty());
    }

    #[test]
    fn a_remembered_record_is_used_without_asking() {
        let dir = tempfile::tempdir().unwrap();
        let aws = FakeAws::default();
        let opts = Options::default();
        let mut resolver = Resolver::new(&opts, &aws);
        resolver.cache = Cache::at(dir.path().join("awsmfa"));
        resolver
            .remember_device(&undeclared(), Some("arn:aws:iam::123456789012:mfa/other"))
            .unwrap();
        assert_eq!(
            resolver.mfa_device(&undeclared()).unwrap().as_deref(),
            Some("arn:aws:iam::123456789012:mfa/other")
        );
        assert!(aws.calls.borrow().is_empty());
        // A record of another format version is not trusted: discovery asks again.
        let key = Key::mfa_device(&undeclared().source.identity());
        resolver
            .cache
            .put_raw(
                &key,
                br#"{"version":999,"serial":"arn:aws:iam::1:mfa/old"}"#,
            )
            .unwrap();
        let aws = answering(Ok(vec![]));
        assert_eq!(discovered(&aws, dir.path(), false).unwrap(), None);
        assert_eq!(aws.ops(), ["GetCallerIdentity", "ListMFADevices"]);
    }

    #[test]
    fn a_refused_lookup_goes_on_without_mfa_and_is_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let aws = answering(Err(Error::Auth("ListMFADevices: access denied".into())));
        assert_eq!(discovered(&aws, dir.path(), false).unwrap(), None);
        let quiet = FakeAws::default();
        assert_eq!(discovered(&quiet, dir.path(), false).unwrap(), None);
        assert!(quiet.calls.borrow().is_empty());
    }

    #[test]
    fn a_network_failure_fails_and_is_not_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let aws = answering(Err(Error::Network("ListMFADevices: no answer".into())));
        assert!(matches!(
            discovered(&aws, dir.path(), false),
            Err(Error::Network(_))
        ));
        // Nothing remembered: the next run asks again.
        let aws = answering(Ok(vec![SERIAL.into()]));
        assert_eq!(
            discovered(&aws, dir.path(), false).unwrap().as_deref(),
            Some(SERIAL)
        );
    }

    #[test]
    fn offline_with_nothing_remembered_asks_nobody() {
        let dir = tempfile::tempdir().unwrap();
        let aws = FakeAws::default();
        assert_eq!(discovered(&aws, dir.path(), true).unwrap(), None);
        assert!(aws.calls.borrow().is_empty());
    }

    #[test]
    fn a_configured_serial_or_no_mfa_skips_discovery() {
        let dir = tempfile::tempdir().unwrap();
        let aws = FakeAws::default();
        let opts = Options {
            serial: Some(SERIAL.into()),
            ..Options::default()
        };
        let mut resolver = Resolver::new(&opts, &aws);
        resolver.cache = Cache::at(dir.path().join("awsmfa"));
        assert_eq!(
            resolver.mfa_device(&undeclared()).unwrap().as_deref(),
            Some(SERIAL)
        );
        let opts = Options {
            no_mfa: true,
            ..Options::default()
        };
        let mut resolver = Resolver::new(&opts, &aws);
        resolver.cache = Cache::at(dir.path().join("awsmfa"));
        assert_eq!(resolver.mfa_device(&undeclared()).unwrap(), None);
        assert!(aws.calls.borrow().is_empty());
    }
}

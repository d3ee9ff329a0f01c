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

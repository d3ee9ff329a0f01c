//! Resolving a profile into a credential chain with the AWS CLI's rules: a role profile's
//! `source_profile` (recursively, self-reference allowed with static keys) or
//! `credential_source`, down to the long-lived keys at the root.

use std::collections::HashSet;
use std::rc::Rc;

use super::{Config, Profile};
use crate::creds::Credentials;
use crate::error::{Error, Result};

/// Where the root credentials of a chain come from.
#[derive(Debug, Clone)]
pub enum KeySource {
    /// Keys in a profile (`aws_access_key_id` ...). Long-lived unless a session token is set.
    Static { profile: String, creds: Credentials },
    /// Long-lived keys in the encrypted store, decrypted only when they are used.
    Store {
        profile: String,
        path: std::path::PathBuf,
    },
    /// `credential_process = CMD` in a profile.
    Process { profile: String, command: String },
    /// `credential_source = Environment`.
    Environment,
    /// `credential_source = Ec2InstanceMetadata`.
    Ec2InstanceMetadata,
    /// `credential_source = EcsContainer`.
    EcsContainer,
}

impl KeySource {
    /// A stable, non-secret string identifying the root credentials, for cache keys.
    pub fn identity(&self) -> String {
        match self {
            KeySource::Static { creds, .. } => creds.access_key_id.clone(),
            // Known without the passphrase, so a cached session spares it.
            KeySource::Store { profile, .. } => format!("store:{profile}"),
            KeySource::Process { command, .. } => format!("process:{command}"),
            KeySource::Environment => format!(
                "env:{}",
                crate::paths::AWS_ACCESS_KEY_ID.get().unwrap_or_default()
            ),
            KeySource::Ec2InstanceMetadata => "Ec2InstanceMetadata".into(),
            KeySource::EcsContainer => "EcsContainer".into(),
        }
    }

    /// Whether the root is known to be long-lived keys (GetSessionToken can be called with it).
    pub fn is_long_lived(&self) -> bool {
        match self {
            KeySource::Static { creds, .. } => creds.session_token.is_none(),
            KeySource::Store { .. } => true,
            _ => false,
        }
    }
}

/// One AssumeRole step, from a role profile.
#[derive(Debug, Clone)]
pub struct RoleHop {
    pub profile: String,
    pub role_arn: String,
    pub external_id: Option<String>,
    pub session_name: Option<String>,
    pub duration: Option<String>,
    pub mfa_serial: Option<String>,
    pub source_identity: Option<String>,
}

/// A profile resolved down to its root: `roles` are in the order they are assumed.
#[derive(Debug, Clone)]
pub struct Chain {
    pub target: String,
    pub source: KeySource,
    /// The profile holding the root keys (`None` for `credential_source`).
    pub key_profile: Option<String>,
    /// `mfa_serial` of the key profile.
    pub key_mfa_serial: Option<String>,
    /// `duration_seconds` of the key profile: the MFA session's length.
    pub key_duration: Option<String>,
    /// `mfa_process` of the target, else of the key profile.
    pub mfa_process: Option<String>,
    /// `mfa_prompt` of the target, else of the key profile: the prompt driver.
    pub mfa_prompt: Option<String>,
    /// `mfa_oath_account` of the target, else of the key profile: the YubiKey OATH account.
    pub mfa_oath_account: Option<String>,
    pub roles: Vec<RoleHop>,
    /// `region` of the target profile.
    pub region: Option<String>,
    /// The target profile's endpoint, proxy and CA settings: every call of the chain uses them.
    pub net: crate::endpoint::NetSettings,
}

impl Chain {
    /// The MFA device: the nearest role profile's `mfa_serial` (target first), else the key
    /// profile's.
    pub fn mfa_serial(&self) -> Option<&str> {
        self.roles
            .iter()
            .rev()
            .find_map(|r| r.mfa_serial.as_deref())
            .or(self.key_mfa_serial.as_deref())
    }
}

/// The profile's keys: the store's when it has some (warning once about a plaintext copy in
/// the files), else those in the files.
fn key_source(p: &Profile) -> Result<KeySource> {
    let Some(path) = &p.store else {
        return static_creds(p);
    };
    if p.has_static_keys() {
        static WARNED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
        let first = WARNED.lock().is_ok_and(|mut w| {
            let first = !w.contains(&p.name);
            if first {
                w.push(p.name.clone());
            }
            first
        });
        if first {
            let file = p
                .origin("aws_access_key_id")
                .map(|o| o.file.display().to_string())
                .unwrap_or_default();
            crate::ui::warn(&format!(
                "profile '{}' has keys in the key store and a plaintext copy in {file}; using the store. Remove the copy from the file (if it is the newer key: `awsmfa store remove {word} --yes`, then `awsmfa store import {word}`)",
                p.name,
                word = crate::render::shell_word(&p.name)
            ));
        }
    }
    Ok(KeySource::Store {
        profile: p.name.clone(),
        path: path.clone(),
    })
}

/// The keys in the profile's files, checked here, before anything signs with them: a control
/// character in a key id or token would abort the SDK's signer. The error names the file and
/// line of the bad value, never the value.
fn static_creds(p: &Profile) -> Result<KeySource> {
    let creds = Credentials {
        access_key_id: p.get("aws_access_key_id").unwrap_or_default().to_string(),
        secret_access_key: p
            .get("aws_secret_access_key")
            .unwrap_or_default()
            .to_string(),
        session_token: p.get("aws_session_token").map(str::to_string),
        expiration: None,
    };
    let checks = [
        (
            "aws_access_key_id",
            crate::validate::key_id(&creds.access_key_id),
        ),
        (
            "aws_secret_access_key",
            crate::validate::secret(&creds.secret_access_key),
        ),
        (
            "aws_session_token",
            creds
                .session_token
                .as_deref()
                .map_or(Ok(()), crate::validate::session_token),
        ),
    ];
    for (key, check) in checks {
        if let Err(why) = check {
            let (file, line) = p
                .origin(key)
                .map(|o| (o.file.display().to_string(), o.line))
                .unwrap_or_default();
            return Err(Error::Config {
                file,
                line,
                message: format!("profile '{}': {key}: {why}", p.name),
            });
        }
    }
    Ok(KeySource::Static {
        profile: p.name.clone(),
        creds,
    })
}

fn credential_source(p: &Profile, value: &str) -> Result<KeySource> {
    match value {
        "Environment" => Ok(KeySource::Environment),
        "Ec2InstanceMetadata" => Ok(KeySource::Ec2InstanceMetadata),
        "EcsContainer" => Ok(KeySource::EcsContainer),
        other => Err(Error::Profile(format!(
            "profile '{}': credential_source = {other} is not one of Environment, Ec2InstanceMetadata, EcsContainer{}",
            p.name,
            p.origin("credential_source")
                .map(|o| format!(" ({o})"))
                .unwrap_or_default()
        ))),
    }
}

impl Config {
    /// Resolve `name` into a chain, with botocore's precedence: the target's `role_arn` wins over
    /// keys in the same profile; in a source profile, static keys win over its `role_arn`.
    pub fn chain(&self, name: &str) -> Result<Chain> {
        let target = self.require(name)?;
        // In order for the loop message; hashed for the check (a chain can be 1,000 deep).
        let mut visited: Vec<String> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut roles: Vec<RoleHop> = Vec::new();
        let mut current = target.clone();
        let mut parent: Option<String> = None;
        let source;
        let mut key_profile: Option<Rc<Profile>> = None;
        loop {
            let is_target = visited.is_empty();
            if seen.contains(&current.name) {
                // Self-reference: a role profile sourcing its own static keys.
                if parent.as_deref() == Some(current.name.as_str()) && current.has_keys() {
                    source = key_source(&current)?;
                    key_profile = Some(current.clone());
                    break;
                }
                let mut path = visited.clone();
                path.push(current.name.clone());
                return Err(Error::Profile(format!(
                    "source_profile loop: {}",
                    path.join(" -> ")
                )));
            }
            visited.push(current.name.clone());
            seen.insert(current.name.clone());
            let role_arn = current.get("role_arn");
            if let Some(role_arn) = role_arn.filter(|_| is_target || !current.has_keys()) {
                roles.push(RoleHop {
                    profile: current.name.clone(),
                    role_arn: role_arn.to_string(),
                    external_id: current.get("external_id").map(str::to_string),
                    session_name: current.get("role_session_name").map(str::to_string),
                    duration: current.get("duration_seconds").map(str::to_string),
                    mfa_serial: current.get("mfa_serial").map(str::to_string),
                    source_identity: current.get("source_identity").map(str::to_string),
                });
                match (
                    current.get("source_profile"),
                    current.get("credential_source"),
                ) {
                    (Some(_), Some(_)) => {
                        return Err(Error::Profile(format!(
                            "profile '{}' has both source_profile and credential_source; keep one",
                            current.name
                        )));
                    }
                    (Some(next), None) => {
                        let next = next.to_string();
                        let Some(p) = self.profile_rc(&next)? else {
                            let close = super::closest(&next, &self.profile_names());
                            let hint = if close.is_empty() {
                                String::new()
                            } else {
                                format!("; did you mean {}?", close.join(", "))
                            };
                            return Err(Error::Profile(format!(
                                "profile '{}': source_profile '{next}' does not exist{hint}",
                                current.name
                            )));
                        };
                        parent = Some(current.name.clone());
                        current = p;
                    }
                    (None, Some(cs)) => {
                        source = credential_source(&current, cs)?;
                        break;
                    }
                    (None, None) => {
                        return Err(Error::Profile(format!(
                            "profile '{}' has role_arn but no source_profile or credential_source to assume it with",
                            current.name
                        )));
                    }
                }
            } else if current.has_keys() {
                source = key_source(&current)?;
                key_profile = Some(current.clone());
                break;
            } else if let Some(cmd) = current.get("credential_process") {
                source = KeySource::Process {
                    profile: current.name.clone(),
                    command: cmd.to_string(),
                };
                key_profile = Some(current.clone());
                break;
            } else {
                let half = if current.get("aws_access_key_id").is_some() {
                    " (aws_access_key_id without aws_secret_access_key)"
                } else if current.get("aws_secret_access_key").is_some() {
                    " (aws_secret_access_key without aws_access_key_id)"
                } else {
                    ""
                };
                return Err(Error::Profile(format!(
                    "profile '{}' has no credentials{half}: it needs aws_access_key_id and aws_secret_access_key (or keys in the store: awsmfa store add), credential_process, or role_arn with source_profile",
                    current.name
                )));
            }
        }
        roles.reverse();
        // Settings of how to get the MFA code: the target's, else the key profile's.
        let nearest = |name: &str| {
            target
                .get(name)
                .or_else(|| key_profile.as_ref().and_then(|p| p.get(name)))
                .map(str::to_string)
        };
        Ok(Chain {
            target: target.name.clone(),
            source,
            key_profile: key_profile.as_ref().map(|p| p.name.clone()),
            key_mfa_serial: key_profile
                .as_ref()
                .and_then(|p| p.get("mfa_serial"))
                .map(str::to_string),
            key_duration: key_profile
                .as_ref()
                .and_then(|p| p.get("duration_seconds"))
                .map(str::to_string),
            mfa_process: nearest("mfa_process"),
            mfa_prompt: nearest("mfa_prompt"),
            mfa_oath_account: nearest("mfa_oath_account"),
            roles,
            region: target.get("region").map(str::to_string),
            net: super::net::net_settings(&target, self.config.as_ref())?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ini::IniFile;
    use std::path::Path;

    fn cfg(config: &str, creds: &str) -> Config {
        Config::new(
            Some(IniFile::parse(Path::new("config"), config.into()).unwrap()),
            Some(IniFile::parse(Path::new("credentials"), creds.into()).unwrap()),
        )
    }

    const KEYS: &str =
        "[identity]\naws_access_key_id = AKIAFAKEFAKEFAKE0001\naws_secret_access_key = fake\n";

    #[test]
    fn role_chain_in_assume_order() {
        let c = cfg(
            "[profile identity]\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\n\
             [profile a]\nrole_arn = arn:aws:iam::123456789012:role/a\nsource_profile = identity\n\
             [profile b]\nrole_arn = arn:aws:iam::123456789012:role/b\nsource_profile = a\nregion = eu-west-1\n",
            KEYS,
        );
        let ch = c.chain("b").unwrap();
        let arns: Vec<_> = ch.roles.iter().map(|r| r.role_arn.as_str()).collect();
        assert_eq!(
            arns,
            [
                "arn:aws:iam::123456789012:role/a",
                "arn:aws:iam::123456789012:role/b"
            ]
        );
        assert_eq!(ch.key_profile.as_deref(), Some("identity"));
        assert_eq!(ch.mfa_serial(), Some("arn:aws:iam::123456789012:mfa/alice"));
        assert_eq!(ch.region.as_deref(), Some("eu-west-1"));
        assert!(ch.source.is_long_lived());
    }

    #[test]
    fn self_reference_uses_own_keys() {
        let c = cfg(
            "[profile me]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = me\n",
            "[me]\naws_access_key_id = AKIAFAKEFAKEFAKE0002\naws_secret_access_key = fake\n",
        );
        let ch = c.chain("me").unwrap();
        assert_eq!(ch.roles.len(), 1);
        assert!(matches!(ch.source, KeySource::Static { ref profile, .. } if profile == "me"));
    }

    #[test]
    fn loops_are_named() {
        let c = cfg(
            "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/a\nsource_profile = b\n\
             [profile b]\nrole_arn = arn:aws:iam::123456789012:role/b\nsource_profile = a\n",
            "",
        );
        assert_eq!(
            c.chain("a").unwrap_err().to_string(),
            "source_profile loop: a -> b -> a"
        );
        let c = cfg(
            "[profile s]\nrole_arn = arn:aws:iam::123456789012:role/s\nsource_profile = s\n",
            "",
        );
        assert_eq!(
            c.chain("s").unwrap_err().to_string(),
            "source_profile loop: s -> s"
        );
    }

    #[test]
    fn static_keys_win_in_source_profiles() {
        let c = cfg(
            "[profile mid]\nrole_arn = arn:aws:iam::123456789012:role/ignored\nsource_profile = nowhere\n\
             [profile top]\nrole_arn = arn:aws:iam::123456789012:role/top\nsource_profile = mid\n",
            "[mid]\naws_access_key_id = AKIAFAKEFAKEFAKE0003\naws_secret_access_key = fake\n",
        );
        let ch = c.chain("top").unwrap();
        assert_eq!(ch.roles.len(), 1);
        assert_eq!(ch.key_profile.as_deref(), Some("mid"));
    }

    #[test]
    fn clear_errors() {
        let c = cfg(
            "[profile nosrc]\nrole_arn = arn:aws:iam::123456789012:role/x\n\
             [profile badsrc]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = identiy\n\
             [profile cs]\nrole_arn = arn:aws:iam::123456789012:role/x\ncredential_source = Laptop\n\
             [profile empty]\nregion = us-east-1\n",
            KEYS,
        );
        assert!(
            c.chain("nosrc")
                .unwrap_err()
                .to_string()
                .contains("no source_profile or credential_source")
        );
        assert!(
            c.chain("badsrc")
                .unwrap_err()
                .to_string()
                .contains("did you mean identity")
        );
        assert!(
            c.chain("cs")
                .unwrap_err()
                .to_string()
                .contains("credential_source = Laptop is not one of")
        );
        assert!(
            c.chain("empty")
                .unwrap_err()
                .to_string()
                .contains("has no credentials")
        );
        let c = cfg(
            "[profile e]\nrole_arn = arn:aws:iam::123456789012:role/x\ncredential_source = Environment\n",
            "",
        );
        assert!(matches!(
            c.chain("e").unwrap().source,
            KeySource::Environment
        ));
    }

    #[test]
    fn store_keys_make_a_key_profile_and_win_over_the_files() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["identity", "only-stored", "mid"] {
            std::fs::write(dir.path().join(crate::store::file_name(name)), "x").unwrap();
        }
        let c = cfg(
            "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/a\nsource_profile = only-stored\n\
             [profile mid]\nrole_arn = arn:aws:iam::123456789012:role/ignored\nsource_profile = nowhere\n\
             [profile top]\nrole_arn = arn:aws:iam::123456789012:role/top\nsource_profile = mid\n",
            KEYS,
        )
        .with_store(crate::store::Index::at(dir.path().to_path_buf()));
        let ch = c.chain("identity").unwrap();
        assert!(matches!(&ch.source, KeySource::Store { profile, .. } if profile == "identity"));
        assert_eq!(ch.source.identity(), "store:identity");
        assert!(ch.source.is_long_lived());
        let ch = c.chain("a").unwrap();
        assert_eq!(ch.key_profile.as_deref(), Some("only-stored"));
        // Store keys win over a source profile's role_arn, as keys in a file do.
        assert_eq!(c.chain("top").unwrap().roles.len(), 1);
        let names = c.profile_names();
        assert!(names.ends_with(&["only-stored".to_string()]), "{names:?}");
    }
}

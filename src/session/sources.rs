//! Where a chain's root credentials come from: static keys in a file, the encrypted store, the
//! environment (`credential_source = Environment`), or a profile's `credential_process`.

use chrono::{DateTime, Utc};

use super::Resolver;
use crate::config::chain::{Chain, KeySource};
use crate::creds::{Credentials, ProcessDocument};
use crate::error::{Error, Result};
use crate::sts::REFRESH_WINDOW;
use crate::validate;

impl Resolver<'_> {
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
            KeySource::Process { profile, command } => {
                run_credential_process(profile, command, self.clock)
            }
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

/// `clock` is read when the helper has answered: it may have taken a while (waiting for its own
/// MFA prompt), and what it printed must have the refresh window left then, not at the start.
fn run_credential_process(
    profile: &str,
    command: &str,
    clock: fn() -> DateTime<Utc>,
) -> Result<Credentials> {
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
    let parsed: ProcessDocument = serde_json::from_slice(&stdout).map_err(|e| {
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
        .and_then(|()| validate::fresh(&creds, clock(), REFRESH_WINDOW))
        .map_err(|why| {
            Error::Auth(format!(
                "credential_process of profile '{profile}' printed credentials awsmfa will not use: {why}"
            ))
        })?;
    Ok(creds)
}

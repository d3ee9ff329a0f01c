//! The IAM calls awsmfa makes with long-lived keys: find the caller's MFA devices, and create,
//! list and delete access keys for rotation. Shares the STS client's runtime and HTTPS client
//! (started only when a call is made); IAM is global, so requests are signed for us-east-1.

use aws_sdk_iam::config::http::HttpResponse;
use aws_sdk_iam::config::retry::RetryConfig;
use aws_sdk_iam::config::{BehaviorVersion, Region};
use aws_sdk_iam::error::{ProvideErrorMetadata, SdkError};

use crate::creds::Credentials;
use crate::error::{Error, Result};
use crate::sts::{Call, SdkSts, Service, map_err, retry_config, timeout_config};

/// An access key of the calling user, as ListAccessKeys shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    pub access_key_id: String,
    pub active: bool,
}

pub trait Iam {
    /// Serial numbers (ARNs) of the MFA devices of `user` (the caller when `None`).
    fn list_mfa_devices(&self, base: &Credentials, user: Option<&str>) -> Result<Vec<String>>;
    /// The access keys of `user` (the caller when `None`; session credentials need the name).
    fn list_access_keys(&self, base: &Credentials, user: Option<&str>) -> Result<Vec<KeyInfo>>;
    /// A new long-lived key for `user` (the caller when `None`). Sent once, never retried: it
    /// is not idempotent, and a retry after a lost reply makes a second key.
    fn create_access_key(
        &self,
        base: &Credentials,
        user: Option<&str>,
    ) -> Result<Credentials, CreateKeyError>;
    fn delete_access_key(
        &self,
        base: &Credentials,
        user: Option<&str>,
        access_key_id: &str,
    ) -> Result<()>;
}

/// CreateAccessKey failed. `maybe_created`: the request may have reached IAM and made a key
/// nobody has the secret of (a 5xx, a time-out, a connection lost after sending, a reply that
/// could not be read or used), so the caller must look for it; `false` only when IAM surely
/// made nothing (it refused the request, or the request never left).
#[derive(Debug)]
pub struct CreateKeyError {
    pub error: Error,
    pub maybe_created: bool,
}

impl CreateKeyError {
    fn unknown(error: Error) -> CreateKeyError {
        CreateKeyError {
            error,
            maybe_created: true,
        }
    }
}

/// Whether a failed request may still have been carried out by the service.
fn may_have_acted<E: ProvideErrorMetadata>(e: &SdkError<E, HttpResponse>) -> bool {
    match e {
        SdkError::ConstructionFailure(_) => false,
        // A 4xx with an error code is a refusal; a 5xx, or a reply without a code, is not.
        SdkError::ServiceError(se) => {
            se.raw().status().is_server_error() || se.err().code().is_none_or(is_server_code)
        }
        SdkError::DispatchFailure(d) => {
            !d.is_user() && !d.as_connector_error().is_some_and(|c| refused(c))
        }
        _ => true,
    }
}

/// IAM and STS codes for their own failures (HTTP 5xx).
fn is_server_code(code: &str) -> bool {
    matches!(
        code,
        "ServiceFailure" | "ServiceUnavailable" | "InternalError" | "InternalFailure"
    ) || code.starts_with("InternalFailure")
}

/// The connection was refused: the request never left this machine.
fn refused(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        if err
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::ConnectionRefused)
        {
            return true;
        }
        cur = err.source();
    }
    false
}

/// The IAM user name in a caller ARN (`arn:aws:iam::123456789012:user/path/alice` -> `alice`);
/// `None` for the root user or a role session.
pub fn user_name(arn: &str) -> Option<&str> {
    let resource = arn.splitn(6, ':').nth(5)?;
    let path = resource.strip_prefix("user/")?;
    path.rsplit('/').next().filter(|n| !n.is_empty())
}

impl SdkSts {
    fn iam_client(&self, base: &Credentials, op: &str) -> Result<aws_sdk_iam::Client> {
        crate::sts::signable(base, op)?;
        let creds = aws_sdk_iam::config::Credentials::new(
            &base.access_key_id,
            &base.secret_access_key,
            base.session_token.clone(),
            None,
            "awsmfa",
        );
        let target = self.iam_target()?;
        let mut cfg = aws_sdk_iam::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(target.signing_region.clone()))
            .use_fips(target.fips)
            .use_dual_stack(target.dual_stack)
            .credentials_provider(creds)
            .http_client(self.http(&target)?)
            .retry_config(retry_config())
            .timeout_config(timeout_config());
        if let Some(url) = &target.url {
            cfg = cfg.endpoint_url(url);
        }
        Ok(aws_sdk_iam::Client::from_conf(cfg.build()))
    }

    /// Where IAM calls go, as messages name it.
    fn iam_where(&self) -> String {
        match self.iam_target() {
            Ok(target) => self.shown(&target),
            Err(_) => "IAM".into(),
        }
    }
}

impl Iam for SdkSts {
    fn list_mfa_devices(&self, base: &Credentials, user: Option<&str>) -> Result<Vec<String>> {
        crate::ui::debug(&format!("ListMFADevices at {}", self.iam_where()));
        let req = self
            .iam_client(base, "ListMFADevices")?
            .list_mfa_devices()
            .set_user_name(user.map(str::to_string));
        let out = self.runtime()?.block_on(req.send()).map_err(|e| {
            map_err(
                &Call::new("ListMFADevices", Service::Iam, base),
                &self.iam_where(),
                e,
            )
        })?;
        Ok(out
            .mfa_devices()
            .iter()
            .map(|d| d.serial_number().to_string())
            .collect())
    }

    fn list_access_keys(&self, base: &Credentials, user: Option<&str>) -> Result<Vec<KeyInfo>> {
        crate::ui::debug(&format!("ListAccessKeys at {}", self.iam_where()));
        let req = self
            .iam_client(base, "ListAccessKeys")?
            .list_access_keys()
            .set_user_name(user.map(str::to_string));
        let out = self.runtime()?.block_on(req.send()).map_err(|e| {
            map_err(
                &Call::new("ListAccessKeys", Service::Iam, base),
                &self.iam_where(),
                e,
            )
        })?;
        Ok(out
            .access_key_metadata()
            .iter()
            .filter_map(|k| {
                Some(KeyInfo {
                    access_key_id: k.access_key_id()?.to_string(),
                    active: k
                        .status()
                        .is_some_and(|s| *s == aws_sdk_iam::types::StatusType::Active),
                })
            })
            .collect())
    }

    fn create_access_key(
        &self,
        base: &Credentials,
        user: Option<&str>,
    ) -> Result<Credentials, CreateKeyError> {
        crate::ui::debug(&format!("CreateAccessKey at {}", self.iam_where()));
        let once = aws_sdk_iam::config::Builder::default().retry_config(RetryConfig::disabled());
        let req = self
            .iam_client(base, "CreateAccessKey")
            .map_err(|error| CreateKeyError {
                error,
                maybe_created: false,
            })?
            .create_access_key()
            .set_user_name(user.map(str::to_string))
            .customize()
            .config_override(once);
        let out = self
            .runtime()
            .map_err(|error| CreateKeyError {
                error,
                maybe_created: false,
            })?
            .block_on(req.send())
            .map_err(|e| CreateKeyError {
                maybe_created: may_have_acted(&e),
                error: map_err(
                    &Call {
                        retried: false,
                        ..Call::new("CreateAccessKey", Service::Iam, base)
                    },
                    &self.iam_where(),
                    e,
                ),
            })?;
        let key = out.access_key().ok_or_else(|| {
            CreateKeyError::unknown(Error::Network(
                "CreateAccessKey: IAM answered without a key".into(),
            ))
        })?;
        if key.access_key_id().is_empty() || key.secret_access_key().is_empty() {
            return Err(CreateKeyError::unknown(Error::Network(
                "CreateAccessKey: IAM answered with an incomplete key".into(),
            )));
        }
        let creds = Credentials {
            access_key_id: key.access_key_id().to_string(),
            secret_access_key: key.secret_access_key().to_string(),
            session_token: None,
            expiration: None,
        };
        crate::validate::credentials(&creds).map_err(|why| {
            CreateKeyError::unknown(Error::Network(format!(
                "CreateAccessKey: IAM answered with a key awsmfa will not use: {why}"
            )))
        })?;
        Ok(creds)
    }

    fn delete_access_key(
        &self,
        base: &Credentials,
        user: Option<&str>,
        access_key_id: &str,
    ) -> Result<()> {
        crate::ui::debug(&format!(
            "DeleteAccessKey {access_key_id} at {}",
            self.iam_where()
        ));
        let req = self
            .iam_client(base, "DeleteAccessKey")?
            .delete_access_key()
            .set_user_name(user.map(str::to_string))
            .access_key_id(access_key_id);
        self.runtime()?.block_on(req.send()).map_err(|e| {
            map_err(
                &Call::new("DeleteAccessKey", Service::Iam, base),
                &self.iam_where(),
                e,
            )
        })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn user_names_from_caller_arns() {
        assert_eq!(
            super::user_name("arn:aws:iam::123456789012:user/alice"),
            Some("alice")
        );
        assert_eq!(
            super::user_name("arn:aws:iam::123456789012:user/team/ops/bob"),
            Some("bob")
        );
        assert_eq!(super::user_name("arn:aws:iam::123456789012:root"), None);
        assert_eq!(
            super::user_name("arn:aws:sts::123456789012:assumed-role/r/s"),
            None
        );
    }

    /// A failure to reach IAM names IAM's endpoint variable, never STS's (issue 11).
    #[test]
    fn iam_network_failures_name_the_iam_endpoint_variable() {
        use aws_sdk_iam::error::{ConnectorError, SdkError};
        use aws_sdk_iam::operation::list_mfa_devices::ListMFADevicesError;
        let base = crate::fake::long_lived("AKIAFAKEFAKEFAKE0001");
        let call = super::Call::new("ListMFADevices", super::Service::Iam, &base);
        let refused = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        let failures: [SdkError<ListMFADevicesError, super::HttpResponse>; 2] = [
            SdkError::dispatch_failure(ConnectorError::io(Box::new(refused))),
            SdkError::timeout_error("no answer"),
        ];
        for e in failures {
            let shown = super::map_err(&call, "iam.amazonaws.com", e).to_string();
            assert!(shown.contains("AWS_ENDPOINT_URL_IAM"), "{shown}");
            assert!(!shown.contains("AWS_ENDPOINT_URL_STS"), "{shown}");
            assert!(shown.starts_with("ListMFADevices: "), "{shown}");
        }
    }
}

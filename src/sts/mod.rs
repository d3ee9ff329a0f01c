//! The only code that talks to AWS STS. Behind the [`Sts`] trait so the session logic can be
//! tested without a network; [`SdkSts`] starts the AWS SDK and a tokio runtime only when a call
//! is actually made, so the warm path (valid cache) never pays for them.

use std::cell::OnceCell;
use std::time::Duration;

use aws_sdk_sts::config::retry::RetryConfig;
use aws_sdk_sts::config::timeout::TimeoutConfig;
use aws_sdk_sts::config::{BehaviorVersion, Region, SharedHttpClient};

use crate::config::chain::Chain;
use crate::creds::Credentials;
use crate::endpoint::{NetSettings, Target, process_env};
use crate::error::{Error, Result};
use crate::https::{Network, Scheme};
use crate::validate;

mod errors;

use errors::convert;
/// Cached credentials are handed out only with at least this many seconds left; below it they
/// are refreshed (silently, from the session, for roles). `AWSMFA_REFRESH_WINDOW` changes it.
/// Here, not in `session`, because STS replies are checked against it too.
pub const REFRESH_WINDOW: i64 = 15 * 60;

pub use errors::{Call, classify, server_text};
pub(crate) use errors::{map_err, network_advice};

/// One AssumeRole request. `Debug` is written by hand: it must not show the MFA code.
#[derive(Clone)]
pub struct AssumeRoleInput {
    pub role_arn: String,
    pub session_name: String,
    pub duration: u32,
    pub external_id: Option<String>,
    pub source_identity: Option<String>,
    /// (serial, code) when the role is assumed with MFA directly.
    pub mfa: Option<(String, String)>,
}

impl std::fmt::Debug for AssumeRoleInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Destructured, so a new field cannot be forgotten here.
        let AssumeRoleInput {
            role_arn,
            session_name,
            duration,
            external_id,
            source_identity,
            mfa,
        } = self;
        f.debug_struct("AssumeRoleInput")
            .field("role_arn", role_arn)
            .field("session_name", session_name)
            .field("duration", duration)
            .field("external_id", external_id)
            .field("source_identity", source_identity)
            .field(
                "mfa",
                &mfa.as_ref().map(|(serial, _)| (serial, "** redacted **")),
            )
            .finish()
    }
}

pub trait Sts {
    fn get_session_token(
        &self,
        base: &Credentials,
        duration: u32,
        mfa: Option<(&str, &str)>,
    ) -> Result<Credentials>;
    fn assume_role(&self, base: &Credentials, input: &AssumeRoleInput) -> Result<Credentials>;
    /// The ARN the credentials belong to.
    fn caller_identity(&self, base: &Credentials) -> Result<String>;
    /// GetFederationToken for a federated user `name`, with the inline session `policy`. AWS
    /// takes it only from long-lived IAM user keys, and never with MFA.
    fn get_federation_token(
        &self,
        base: &Credentials,
        name: &str,
        policy: &str,
        duration: u32,
    ) -> Result<Credentials>;
}

/// The region STS is called in: `--region`, `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's,
/// else `us-east-1` (see [`crate::endpoint::pick_region`]).
pub fn pick_region(flag: Option<&str>, profile: Option<&str>) -> String {
    crate::endpoint::pick_region(flag, profile, &process_env)
}

/// Per-attempt timeout: `AWSMFA_TIMEOUT` seconds, default 10.
pub(crate) fn attempt_timeout() -> Duration {
    let secs = crate::paths::AWSMFA_TIMEOUT
        .get()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| *s > 0.0)
        .unwrap_or(10.0);
    Duration::from_secs_f64(secs)
}

/// Three attempts with jittered exponential backoff from 500 ms: throttling and 5xx are retried.
pub(crate) fn retry_config() -> RetryConfig {
    RetryConfig::standard()
        .with_max_attempts(3)
        .with_initial_backoff(Duration::from_millis(500))
}

/// Connect within 3 s, each attempt within `AWSMFA_TIMEOUT`, the whole call within 3 attempts.
pub(crate) fn timeout_config() -> TimeoutConfig {
    let attempt = attempt_timeout();
    TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(3).min(attempt))
        .operation_attempt_timeout(attempt)
        .operation_timeout(attempt * 3 + Duration::from_secs(5))
        .build()
}

pub struct SdkSts {
    region: String,
    /// The target profile's endpoint, proxy and CA settings.
    net: NetSettings,
    /// Where STS calls go; a setting that cannot be used fails the first call.
    sts: Result<Target>,
    runtime: OnceCell<tokio::runtime::Runtime>,
    network: OnceCell<Network>,
    /// One HTTPS client per scheme (each has its own proxy), shared by STS and IAM.
    http: OnceCell<SharedHttpClient>,
    plain_http: OnceCell<SharedHttpClient>,
}

impl SdkSts {
    /// Calls in `region` with the environment's endpoints and network settings and no
    /// profile's (`status --check`, which has no profile to read).
    pub fn new(region: String) -> SdkSts {
        SdkSts::with_settings(region, NetSettings::default())
    }

    /// Calls for `chain`: the region from `--region` (`flag`), the environment or the target
    /// profile, and the target profile's endpoint, proxy and CA settings.
    pub fn for_chain(flag: Option<&str>, chain: &Chain) -> SdkSts {
        SdkSts::with_settings(
            pick_region(flag, chain.region.as_deref()),
            chain.net.clone(),
        )
    }

    fn with_settings(region: String, net: NetSettings) -> SdkSts {
        SdkSts {
            sts: net.target(Service::Sts, &region, &process_env),
            region,
            net,
            runtime: OnceCell::new(),
            network: OnceCell::new(),
            http: OnceCell::new(),
            plain_http: OnceCell::new(),
        }
    }

    /// Where IAM calls go.
    pub(crate) fn iam_target(&self) -> Result<Target> {
        self.net.target(Service::Iam, &self.region, &process_env)
    }

    pub(crate) fn runtime(&self) -> Result<&tokio::runtime::Runtime> {
        if let Some(rt) = self.runtime.get() {
            return Ok(rt);
        }
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::io("cannot start the async runtime", e))?;
        Ok(self.runtime.get_or_init(|| rt))
    }

    /// The proxies and trusted roots of this process's calls, read once.
    fn network(&self) -> Result<&Network> {
        if let Some(n) = self.network.get() {
            return Ok(n);
        }
        let n = Network::new(&self.net, &process_env)?;
        Ok(self.network.get_or_init(|| n))
    }

    /// The HTTP client (rustls with ring, the proxy of the scheme) for calls to `target`,
    /// shared by every STS and IAM call of this process.
    pub(crate) fn http(&self, target: &Target) -> Result<SharedHttpClient> {
        let scheme = Scheme::of(target.url.as_deref());
        let network = self.network()?;
        let cell = match scheme {
            Scheme::Https => &self.http,
            Scheme::Http => &self.plain_http,
        };
        Ok(cell.get_or_init(|| network.sdk_client(scheme)).clone())
    }

    /// `target` as messages name it, with the proxy variable its calls go through.
    pub(crate) fn shown(&self, target: &Target) -> String {
        let proxy = self
            .network
            .get()
            .and_then(|n| n.proxy_var(Scheme::of(target.url.as_deref())));
        match proxy {
            Some(var) => format!("{} ({var} is set)", target.shown),
            None => target.shown.clone(),
        }
    }

    fn client(&self, base: &Credentials, op: &str) -> Result<aws_sdk_sts::Client> {
        signable(base, op)?;
        let target = self.sts.clone()?;
        let http = self.http(&target)?;
        let creds = aws_sdk_sts::config::Credentials::new(
            &base.access_key_id,
            &base.secret_access_key,
            base.session_token.clone(),
            None,
            "awsmfa",
        );
        let mut cfg = aws_sdk_sts::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(target.signing_region.clone()))
            .use_fips(target.fips)
            .use_dual_stack(target.dual_stack)
            .credentials_provider(creds)
            .http_client(http)
            .retry_config(retry_config())
            .timeout_config(timeout_config());
        if let Some(url) = &target.url {
            cfg = cfg.endpoint_url(url);
        }
        Ok(aws_sdk_sts::Client::from_conf(cfg.build()))
    }

    fn where_(&self) -> String {
        match &self.sts {
            Ok(target) => self.shown(target),
            Err(_) => "STS".into(),
        }
    }
}

/// The last check before the SDK signs with `base`: its signer aborts the process on a key id
/// or token that is not a valid header value. Every source validates its own values with a
/// better message; this catches any path that does not (the shell's variables for
/// `status --check`, say).
pub(crate) fn signable(base: &Credentials, op: &str) -> Result<()> {
    validate::credentials(base).map_err(|why| {
        Error::Usage(format!(
            "{op}: the credentials to sign with are not usable: {why}; nothing was sent"
        ))
    })
}

/// The service a call went to: names the endpoint variable in advice.
pub use crate::endpoint::Service;

impl Sts for SdkSts {
    fn get_session_token(
        &self,
        base: &Credentials,
        duration: u32,
        mfa: Option<(&str, &str)>,
    ) -> Result<Credentials> {
        crate::ui::debug(&format!(
            "GetSessionToken ({}s, MFA: {}) at {}",
            duration,
            mfa.is_some(),
            self.where_()
        ));
        let mut req = self
            .client(base, "GetSessionToken")?
            .get_session_token()
            .duration_seconds(duration as i32);
        if let Some((serial, code)) = mfa {
            req = req.serial_number(serial).token_code(code);
        }
        let call = Call {
            mfa_sent: mfa.is_some(),
            ..Call::new("GetSessionToken", Service::Sts, base)
        };
        let out = self
            .runtime()?
            .block_on(req.send())
            .map_err(|e| map_err(&call, &self.where_(), e))?;
        convert(
            out.credentials(),
            "GetSessionToken",
            &self.where_(),
            duration,
        )
    }

    fn assume_role(&self, base: &Credentials, input: &AssumeRoleInput) -> Result<Credentials> {
        crate::ui::debug(&format!(
            "AssumeRole {} ({}s) at {}",
            input.role_arn,
            input.duration,
            self.where_()
        ));
        let op = format!("AssumeRole {}", input.role_arn);
        let mut req = self
            .client(base, &op)?
            .assume_role()
            .role_arn(&input.role_arn)
            .role_session_name(&input.session_name)
            .duration_seconds(input.duration as i32)
            .set_external_id(input.external_id.clone())
            .set_source_identity(input.source_identity.clone());
        if let Some((serial, code)) = &input.mfa {
            req = req.serial_number(serial).token_code(code);
        }
        let out = self.runtime()?.block_on(req.send()).map_err(|e| {
            let call = Call {
                mfa_sent: input.mfa.is_some(),
                ..Call::new(&op, Service::Sts, base)
            };
            map_err(&call, &self.where_(), e)
        })?;
        convert(out.credentials(), &op, &self.where_(), input.duration)
    }

    fn get_federation_token(
        &self,
        base: &Credentials,
        name: &str,
        policy: &str,
        duration: u32,
    ) -> Result<Credentials> {
        crate::ui::debug(&format!(
            "GetFederationToken {name} ({duration}s) at {}",
            self.where_()
        ));
        let req = self
            .client(base, "GetFederationToken")?
            .get_federation_token()
            .name(name)
            .policy(policy)
            .duration_seconds(duration as i32);
        let out = self.runtime()?.block_on(req.send()).map_err(|e| {
            let call = Call::new("GetFederationToken", Service::Sts, base);
            map_err(&call, &self.where_(), e)
        })?;
        convert(
            out.credentials(),
            "GetFederationToken",
            &self.where_(),
            duration,
        )
    }

    fn caller_identity(&self, base: &Credentials) -> Result<String> {
        let req = self
            .client(base, "GetCallerIdentity")?
            .get_caller_identity();
        let out = self.runtime()?.block_on(req.send()).map_err(|e| {
            let call = Call::new("GetCallerIdentity", Service::Sts, base);
            map_err(&call, &self.where_(), e)
        })?;
        Ok(out.arn().unwrap_or_default().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assume_role_input_debug_hides_the_mfa_code() {
        let input = AssumeRoleInput {
            role_arn: "arn:aws:iam::123456789012:role/dev-admin".into(),
            session_name: "awsmfa-alice".into(),
            duration: 3600,
            external_id: None,
            source_identity: None,
            mfa: Some((
                "arn:aws:iam::123456789012:mfa/alice".into(),
                "493817".into(),
            )),
        };
        for shown in [format!("{input:?}"), format!("{input:#?}")] {
            assert!(!shown.contains("493817"), "{shown}");
            assert!(
                shown.contains("arn:aws:iam::123456789012:mfa/alice"),
                "{shown}"
            );
            assert!(shown.contains("redacted"), "{shown}");
            assert!(shown.contains("role/dev-admin"), "{shown}");
        }
    }
}

//! The reference for awsmfa's cold path in `scripts/bench`: the least a Rust program can do to
//! turn long-lived keys plus an MFA code into role credentials with the AWS SDK. It makes the
//! same two calls as `awsmfa env ROLE` with an empty cache (GetSessionToken with the MFA
//! device, then AssumeRole with the session), with the same trimmed aws-sdk-sts features, the
//! same rustls/ring HTTP client and a current-thread tokio runtime, and prints the role's keys
//! as export lines. No config files, no cache, no locks, no checks.
//!
//! ```sh
//! AWS_ACCESS_KEY_ID=AKIA... AWS_SECRET_ACCESS_KEY=... AWS_ENDPOINT_URL_STS=http://127.0.0.1:5000 \
//!   sdk_minimal arn:aws:iam::123456789012:mfa/alice 123456 arn:aws:iam::123456789012:role/dev
//! ```

use std::io::Write;

use aws_sdk_sts::config::{BehaviorVersion, Credentials, Region};
use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};

fn client(
    http: &aws_sdk_sts::config::SharedHttpClient,
    region: &str,
    endpoint: Option<&str>,
    creds: Credentials,
) -> aws_sdk_sts::Client {
    let mut cfg = aws_sdk_sts::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region.to_string()))
        .credentials_provider(creds)
        .http_client(http.clone());
    if let Some(ep) = endpoint {
        cfg = cfg.endpoint_url(ep);
    }
    aws_sdk_sts::Client::from_conf(cfg.build())
}

#[allow(clippy::disallowed_methods)] // a stand-alone comparison program, outside awsmfa
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [serial, code, role_arn] = args.as_slice() else {
        return Err("usage: sdk_minimal MFA_SERIAL CODE ROLE_ARN (keys in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)".into());
    };
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let key_id = env("AWS_ACCESS_KEY_ID").ok_or("AWS_ACCESS_KEY_ID is not set")?;
    let secret = env("AWS_SECRET_ACCESS_KEY").ok_or("AWS_SECRET_ACCESS_KEY is not set")?;
    let region = env("AWS_REGION").unwrap_or_else(|| "us-east-1".into());
    let endpoint = env("AWS_ENDPOINT_URL_STS");

    let http = aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::Ring))
        .build_https();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;

    let long_lived = Credentials::new(key_id, secret, None, None, "sdk_minimal");
    let session = rt
        .block_on(
            client(&http, &region, endpoint.as_deref(), long_lived)
                .get_session_token()
                .duration_seconds(43_200)
                .serial_number(serial)
                .token_code(code)
                .send(),
        )?
        .credentials
        .ok_or("GetSessionToken returned no credentials")?;

    let session_creds = Credentials::new(
        session.access_key_id,
        session.secret_access_key,
        Some(session.session_token),
        None,
        "sdk_minimal",
    );
    let role = rt
        .block_on(
            client(&http, &region, endpoint.as_deref(), session_creds)
                .assume_role()
                .role_arn(role_arn)
                .role_session_name("sdk-minimal")
                .duration_seconds(3600)
                .send(),
        )?
        .credentials
        .ok_or("AssumeRole returned no credentials")?;

    let text = format!(
        "export AWS_ACCESS_KEY_ID='{}'\nexport AWS_SECRET_ACCESS_KEY='{}'\nexport AWS_SESSION_TOKEN='{}'\n",
        role.access_key_id, role.secret_access_key, role.session_token
    );
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

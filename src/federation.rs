//! AWS console sign-in through the federation endpoint: temporary credentials are exchanged for
//! a sign-in token (`Action=getSigninToken`), which goes into the `Action=login` URL that opens
//! the web console. That URL is a bearer credential (anyone holding it can sign in while the
//! token lives), so nothing here logs it, and errors name only the endpoint, never the query.
//!
//! `SessionDuration` (the console session's length): AWS answers HTTP 400 "Invalid credentials
//! parameter" when it comes with the credentials of a role assumed with another role's (role
//! chaining); whether a role assumed from an MFA session counts is not documented. So it is
//! sent when asked for and, when refused, the exchange is tried once more without it (with a
//! warning). GetFederationToken credentials get the asked length as their own lifetime
//! (DurationSeconds) instead, as the console session cannot outlive them (`cli/console.rs`).
//!
//! HTTP: the SDK's own connector (src/https.rs: rustls with ring, the proxy from the environment
//! and the CA bundle, exactly as for STS), so this adds no crate to the build.

mod signin;

use std::ops::RangeInclusive;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::creds::Credentials;
use crate::error::{Error, Result};

pub use signin::signin_token;

/// The `Issuer` of login URLs (where AWS sends the user when the console session ends).
pub const ISSUER: &str = "awsmfa";
/// Console session lengths AWS accepts in `SessionDuration`, in seconds (15 min to 12 h).
pub const CONSOLE_DURATIONS: RangeInclusive<u32> = 900..=43_200;
/// The inline session policy of GetFederationToken: allow everything, so the federated user
/// has exactly the permissions of the IAM user whose keys call it (session policies only ever
/// narrow them).
pub const ALLOW_ALL_POLICY: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
/// Environment variable naming another federation endpoint for `getSigninToken` (tests).
pub const ENDPOINT_ENV: &str = crate::paths::AWSMFA_FEDERATION_URL.name();

/// The AWS partitions that have a public web console.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Partition {
    Aws,
    AwsCn,
    AwsUsGov,
}

impl Partition {
    /// From the partition field of an ARN (`arn:aws-cn:iam::...`). Other partitions (the
    /// isolated `aws-iso*` ones) have no console reachable from here: an error.
    pub fn from_arn(arn: &str) -> Result<Partition> {
        let mut parts = arn.split(':');
        match (parts.next(), parts.next()) {
            (Some("arn"), Some("aws")) => Ok(Partition::Aws),
            (Some("arn"), Some("aws-cn")) => Ok(Partition::AwsCn),
            (Some("arn"), Some("aws-us-gov")) => Ok(Partition::AwsUsGov),
            (Some("arn"), Some(other)) => Err(Error::Usage(format!(
                "'{arn}' is in partition '{other}', which has no console awsmfa can sign in to (aws, aws-cn and aws-us-gov do)"
            ))),
            _ => Err(Error::Usage(format!("'{arn}' is not an ARN"))),
        }
    }

    /// From a region name: `cn-*` is China, `us-gov-*` GovCloud, the rest the commercial one.
    pub fn from_region(region: &str) -> Partition {
        if region.starts_with("cn-") {
            Partition::AwsCn
        } else if region.starts_with("us-gov-") {
            Partition::AwsUsGov
        } else {
            Partition::Aws
        }
    }

    /// The role ARN's partition when there is a role, else the region's, else `aws`.
    pub fn pick(role_arn: Option<&str>, region: Option<&str>) -> Result<Partition> {
        match (role_arn, region) {
            (Some(arn), _) => Partition::from_arn(arn),
            (None, Some(region)) => Ok(Partition::from_region(region)),
            (None, None) => Ok(Partition::Aws),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Partition::Aws => "aws",
            Partition::AwsCn => "aws-cn",
            Partition::AwsUsGov => "aws-us-gov",
        }
    }

    /// Host of the federation endpoint (`/federation`) for both the exchange and the login.
    pub fn signin_host(self) -> &'static str {
        match self {
            Partition::Aws => "signin.aws.amazon.com",
            Partition::AwsCn => "signin.amazonaws.cn",
            Partition::AwsUsGov => "signin.amazonaws-us-gov.com",
        }
    }

    /// Host of the console (regional consoles are `REGION.` + this).
    pub fn console_host(self) -> &'static str {
        match self {
            Partition::Aws => "console.aws.amazon.com",
            Partition::AwsCn => "console.amazonaws.cn",
            Partition::AwsUsGov => "console.amazonaws-us-gov.com",
        }
    }

    /// The real federation endpoint of this partition.
    pub fn federation_url(self) -> String {
        format!("https://{}/federation", self.signin_host())
    }
}

/// Where `getSigninToken` is called: `$AWSMFA_FEDERATION_URL` when set (empty counts as
/// unset), else the partition's endpoint. The login URL always points at the partition's real
/// sign-in host: that is where the browser must go.
pub fn exchange_endpoint(partition: Partition) -> Result<String> {
    match crate::paths::AWSMFA_FEDERATION_URL
        .get()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
    {
        Some(url) => check_endpoint(&url).map(|()| url),
        None => Ok(partition.federation_url()),
    }
}

/// An `AWSMFA_FEDERATION_URL` the credentials may be sent to: `https://` anywhere, plain
/// `http://` only to this machine (127.0.0.0/8, ::1, localhost), since the request carries the
/// temporary credentials in its query.
pub fn check_endpoint(url: &str) -> Result<()> {
    if url.starts_with("https://") {
        return Ok(());
    }
    let Some(rest) = url.strip_prefix("http://") else {
        return Err(Error::Usage(format!(
            "{ENDPOINT_ENV}='{}' is not an http:// or https:// URL",
            display_endpoint(url)
        )));
    };
    // `http:///x` has no host at all, whatever a parser makes of the rest.
    let has_host = !rest.starts_with(['/', '?', '#']);
    if has_host && is_loopback(url) {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "{ENDPOINT_ENV}='{}': plain http:// is allowed only to this machine (127.0.0.1, ::1, localhost), as the request carries the credentials; use https://",
            display_endpoint(url)
        )))
    }
}

/// The authority of `url` names this machine: `localhost`, 127.0.0.0/8 or `[::1]`, with an
/// optional port. No user info (`a@b` hides where it goes), no percent-escapes, nothing odd.
fn is_loopback(url: &str) -> bool {
    let Some(authority) = url
        .parse::<http::Uri>()
        .ok()
        .and_then(|u| u.authority().cloned())
    else {
        return false;
    };
    if authority.as_str().contains(['@', '\\', '%']) {
        return false;
    }
    let host = authority.host();
    // Exactly the host, or the host, `:` and digits: http::Uri keeps what it cannot read
    // (`host:`, `host:80x`, `[::1]x`, `[::1].evil.com`, `:+80`).
    let port = &authority.as_str()[host.len().min(authority.as_str().len())..];
    let port_ok = port.is_empty()
        || port.strip_prefix(':').is_some_and(|p| {
            !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok()
        });
    if !authority.as_str().starts_with(host) || !port_ok {
        return false;
    }
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(v6) => v6
            .parse::<std::net::Ipv6Addr>()
            .is_ok_and(|ip| ip.is_loopback()),
        None => host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback()),
    }
}

/// A console service as it appears in console URLs: `ec2`, `cloudwatch`, `sqs/v2`.
pub fn validate_service(service: &str) -> Result<()> {
    let ok = !service.is_empty()
        && service.len() <= 64
        && service.split('/').all(|seg| {
            !seg.is_empty()
                && seg
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        });
    if ok {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "'{service}' is not a console service name (e.g. ec2, s3, cloudwatch: lowercase letters, digits, '-', '/')"
        )))
    }
}

/// A region name as it goes into a console host name: `eu-west-1`, `cn-north-1`.
pub fn validate_region(region: &str) -> Result<()> {
    let ok = (4..=32).contains(&region.len())
        && region.as_bytes()[0].is_ascii_lowercase()
        && region.contains('-')
        && !region.ends_with('-')
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "'{region}' is not a region name (e.g. us-east-1, eu-west-1, cn-north-1)"
        )))
    }
}

/// The console page to land on. Without a service, the console home (regional when a region
/// is known, as aws-vault does); with one, `https://REGION.CONSOLE/SERVICE/home?region=REGION`
/// (the form granted uses). Both values must have passed the validators above.
pub fn destination(partition: Partition, service: Option<&str>, region: Option<&str>) -> String {
    let host = partition.console_host();
    match (service, region) {
        (None, None) => format!("https://{host}/"),
        (None, Some(r)) => format!("https://{r}.{host}/console/home?region={r}"),
        (Some(s), None) => format!("https://{host}/{s}/home"),
        (Some(s), Some(r)) => format!("https://{r}.{host}/{s}/home?region={r}"),
    }
}

/// The `Session` parameter: the temporary credentials as the endpoint's JSON document.
pub fn session_json(creds: &Credentials, session_token: &str) -> String {
    serde_json::json!({
        "sessionId": creds.access_key_id,
        "sessionKey": creds.secret_access_key,
        "sessionToken": session_token,
    })
    .to_string()
}

/// The console sign-in URL for a token from `getSigninToken`.
pub fn login_url(partition: Partition, destination: &str, signin_token: &str) -> String {
    format!(
        "{}?Action=login&Issuer={}&Destination={}&SigninToken={}",
        partition.federation_url(),
        encode(ISSUER),
        encode(destination),
        encode(signin_token)
    )
}

/// Everything but RFC 3986's unreserved characters (letters, digits, `-_.~`).
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encoding for a query value: everything but RFC 3986's unreserved characters.
pub fn encode(s: &str) -> String {
    utf8_percent_encode(s, QUERY_VALUE).to_string()
}

/// The federated user's name for GetFederationToken: `awsmfa-USER`, cut to the 32 characters
/// AWS allows (the role session name's character set is the same).
pub fn federated_user_name() -> String {
    let mut name = crate::validate::default_session_name();
    name.truncate(32);
    name
}

/// `https://host/path` of an endpoint, for messages: never its query.
fn display_endpoint(endpoint: &str) -> &str {
    endpoint.split(['?', '#']).next().unwrap_or(endpoint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_endpoints_only_on_loopback() {
        for ok in [
            "https://signin.example.com/federation",
            "http://127.0.0.1:8080/federation",
            "http://127.8.9.10/federation",
            "http://localhost:1234/federation",
            "http://LOCALHOST/federation",
            "http://[::1]:8080/federation",
            "http://[::1]/federation?x=1",
            "http://127.0.0.1",
        ] {
            assert!(check_endpoint(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://example.com/federation",
            "http://10.0.0.1:8080/federation",
            "http://128.0.0.1/federation",
            "http://0.0.0.0/federation",
            "http://[::2]/federation",
            "http://[::ffff:10.0.0.1]/federation",
            "http://localhost.example.com/federation",
            "http://127.0.0.1.nip.io/federation",
            "http://127.0.0.1@example.com/federation",
            "http://example.com\\@127.0.0.1/federation",
            "http://%31%32%37.0.0.1/federation",
            "http://127.0.0.1:/federation",
            "http://127.0.0.1:80x/federation",
            "http://[::1]x/federation",
            "http://[::1]x:80/federation",
            "http://[::1].evil.com/federation",
            "http://127.0.0.1:+80/federation",
            "http://127.0.0.1:99999/federation",
            "http://[::1/federation",
            "http:///federation",
            "ftp://127.0.0.1/federation",
        ] {
            let e = check_endpoint(bad).expect_err(bad);
            assert!(matches!(e, Error::Usage(_)), "{bad}: {e}");
            assert!(e.to_string().contains(ENDPOINT_ENV), "{bad}: {e}");
        }
        assert!(
            check_endpoint("http://example.com/f")
                .unwrap_err()
                .to_string()
                .contains("only to this machine")
        );
    }

    #[test]
    fn partitions_from_arns_and_regions() {
        assert_eq!(
            Partition::pick(
                Some("arn:aws-cn:iam::123456789012:role/x"),
                Some("us-east-1")
            )
            .unwrap(),
            Partition::AwsCn
        );
        assert_eq!(
            Partition::pick(Some("arn:aws-us-gov:iam::123456789012:role/x"), None).unwrap(),
            Partition::AwsUsGov
        );
        assert_eq!(
            Partition::pick(Some("arn:aws:iam::123456789012:role/x"), Some("cn-north-1")).unwrap(),
            Partition::Aws,
            "the role's ARN wins over the region"
        );
        assert_eq!(
            Partition::pick(None, Some("cn-northwest-1")).unwrap(),
            Partition::AwsCn
        );
        assert_eq!(
            Partition::pick(None, Some("us-gov-east-1")).unwrap(),
            Partition::AwsUsGov
        );
        assert_eq!(
            Partition::pick(None, Some("us-east-1")).unwrap(),
            Partition::Aws
        );
        assert_eq!(Partition::pick(None, None).unwrap(), Partition::Aws);
        let e = Partition::pick(Some("arn:aws-iso:iam::123456789012:role/x"), None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("partition 'aws-iso'"), "{e}");
    }

    #[test]
    fn hosts_per_partition() {
        assert_eq!(
            Partition::AwsCn.federation_url(),
            "https://signin.amazonaws.cn/federation"
        );
        assert_eq!(
            Partition::AwsUsGov.federation_url(),
            "https://signin.amazonaws-us-gov.com/federation"
        );
        assert_eq!(
            destination(Partition::AwsUsGov, Some("ec2"), Some("us-gov-west-1")),
            "https://us-gov-west-1.console.amazonaws-us-gov.com/ec2/home?region=us-gov-west-1"
        );
    }

    #[test]
    fn destinations() {
        assert_eq!(
            destination(Partition::Aws, None, None),
            "https://console.aws.amazon.com/"
        );
        assert_eq!(
            destination(Partition::Aws, None, Some("eu-west-1")),
            "https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1"
        );
        assert_eq!(
            destination(Partition::Aws, Some("s3"), None),
            "https://console.aws.amazon.com/s3/home"
        );
        assert_eq!(
            destination(Partition::AwsCn, Some("sqs/v2"), Some("cn-north-1")),
            "https://cn-north-1.console.amazonaws.cn/sqs/v2/home?region=cn-north-1"
        );
    }

    #[test]
    fn encoding_keeps_only_unreserved() {
        assert_eq!(encode("aZ09-_.~"), "aZ09-_.~");
        assert_eq!(
            encode("https://x/?a=b&c d+é"),
            "https%3A%2F%2Fx%2F%3Fa%3Db%26c%20d%2B%C3%A9"
        );
        assert_eq!(
            encode(r#"{"k":"v/+="}"#),
            "%7B%22k%22%3A%22v%2F%2B%3D%22%7D"
        );
    }

    #[test]
    fn login_url_shape() {
        assert_eq!(
            login_url(Partition::Aws, "https://console.aws.amazon.com/", "t+k/=n"),
            "https://signin.aws.amazon.com/federation?Action=login&Issuer=awsmfa&Destination=https%3A%2F%2Fconsole.aws.amazon.com%2F&SigninToken=t%2Bk%2F%3Dn"
        );
    }

    #[test]
    fn session_document() {
        let creds = Credentials {
            access_key_id: "ASIAEXAMPLE".into(),
            secret_access_key: "s\"e/c".into(),
            session_token: Some("tok".into()),
            expiration: None,
        };
        let doc: serde_json::Value = serde_json::from_str(&session_json(&creds, "tok")).unwrap();
        assert_eq!(
            doc,
            serde_json::json!({"sessionId": "ASIAEXAMPLE", "sessionKey": "s\"e/c", "sessionToken": "tok"})
        );
    }

    #[test]
    fn services_and_regions_are_checked() {
        for ok in ["ec2", "s3", "sqs/v2", "dynamodbv2", "cost-management"] {
            validate_service(ok).unwrap();
        }
        for bad in ["", "EC2", "../x", "ec2/", "/ec2", "ec2?x=1", "a b", "ec2#x"] {
            assert!(validate_service(bad).is_err(), "{bad:?}");
        }
        for ok in ["us-east-1", "cn-north-1", "us-gov-west-1", "ap-southeast-5"] {
            validate_region(ok).unwrap();
        }
        for bad in [
            "",
            "x",
            "evil.com/",
            "us-east-1.",
            "US-EAST-1",
            "-us",
            "us-",
        ] {
            assert!(validate_region(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn federated_user_name_fits() {
        let name = federated_user_name();
        assert!((2..=32).contains(&name.len()), "{name}");
        assert!(name.starts_with("awsmfa"), "{name}");
    }
}

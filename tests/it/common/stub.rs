//! wiremock building blocks for STS fault injection: Query-protocol XML responses shaped like
//! real STS (and moto) answers, the matching error documents, and an `Action` matcher.
//!
//! Use moto for the happy path; use these when a test needs what moto can't produce: a chosen
//! error code, a chosen expiry, or hostile field values.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};
use wiremock::{Match, Request, ResponseTemplate};

/// The XML namespace of every STS Query-protocol response.
pub const STS_NS: &str = "https://sts.amazonaws.com/doc/2011-06-15/";

/// Escapes text for an XML element body or attribute. Tests push values such as
/// `'"$(touch PWNED)\` and `<&>` through here, so all five specials are replaced.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// A unique, obviously fake request id (real ones are UUIDs; SDKs only echo them).
fn request_id() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!(
        "00000000-0000-4000-8000-{:012x}",
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// `<{action}Response><{action}Result>{result}</..><ResponseMetadata>..` with HTTP 200.
/// `result` must already be escaped XML.
pub fn sts_ok(action: &str, result: &str) -> ResponseTemplate {
    let body = format!(
        "<{action}Response xmlns=\"{STS_NS}\">\
         <{action}Result>{result}</{action}Result>\
         <ResponseMetadata><RequestId>{}</RequestId></ResponseMetadata>\
         </{action}Response>",
        request_id()
    );
    ResponseTemplate::new(200).set_body_raw(body, "text/xml")
}

fn credentials_xml(akid: &str, secret: &str, token: &str, expiration: &str) -> String {
    format!(
        "<Credentials>\
         <AccessKeyId>{}</AccessKeyId>\
         <SecretAccessKey>{}</SecretAccessKey>\
         <SessionToken>{}</SessionToken>\
         <Expiration>{}</Expiration>\
         </Credentials>",
        xml_escape(akid),
        xml_escape(secret),
        xml_escape(token),
        xml_escape(expiration)
    )
}

/// A GetSessionToken success. `expiration` is RFC 3339, e.g. from [`rfc3339_from_now`].
pub fn sts_session_token_xml(
    akid: &str,
    secret: &str,
    token: &str,
    expiration: &str,
) -> ResponseTemplate {
    sts_ok(
        "GetSessionToken",
        &credentials_xml(akid, secret, token, expiration),
    )
}

/// An AssumeRole success for `assumed_role_arn`
/// (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`); the AssumedRoleId is derived from the
/// session name as STS does (`ROLEID:SESSION`).
pub fn sts_assume_role_xml(
    akid: &str,
    secret: &str,
    token: &str,
    expiration: &str,
    assumed_role_arn: &str,
) -> ResponseTemplate {
    let session = assumed_role_arn.rsplit('/').next().unwrap_or_default();
    let result = format!(
        "{}<AssumedRoleUser>\
         <AssumedRoleId>{}</AssumedRoleId>\
         <Arn>{}</Arn>\
         </AssumedRoleUser>\
         <PackedPolicySize>6</PackedPolicySize>",
        credentials_xml(akid, secret, token, expiration),
        xml_escape(&format!("AROAEXAMPLEROLEID0001:{session}")),
        xml_escape(assumed_role_arn)
    );
    sts_ok("AssumeRole", &result)
}

/// A GetCallerIdentity success.
pub fn sts_caller_identity_xml(arn: &str, account: &str, userid: &str) -> ResponseTemplate {
    let result = format!(
        "<UserId>{}</UserId><Account>{}</Account><Arn>{}</Arn>",
        xml_escape(userid),
        xml_escape(account),
        xml_escape(arn)
    );
    sts_ok("GetCallerIdentity", &result)
}

/// The HTTP status STS uses for an error code: 403 for auth failures, 500/503 for its own,
/// 400 for the rest (Throttling, ExpiredToken, ValidationError, ...).
pub fn sts_error_status(code: &str) -> u16 {
    match code {
        "AccessDenied"
        | "InvalidClientTokenId"
        | "SignatureDoesNotMatch"
        | "MissingAuthenticationToken"
        | "RegionDisabledException" => 403,
        "InternalFailure" | "InternalError" => 500,
        "ServiceUnavailable" => 503,
        _ => 400,
    }
}

/// An STS `ErrorResponse` with the status from [`sts_error_status`].
pub fn sts_error_xml(code: &str, message: &str) -> ResponseTemplate {
    sts_error_xml_with_status(sts_error_status(code), code, message)
}

/// An STS `ErrorResponse` with an explicit status. Type is Receiver for 5xx (the service's
/// fault), Sender otherwise, as STS reports it.
pub fn sts_error_xml_with_status(status: u16, code: &str, message: &str) -> ResponseTemplate {
    let kind = if status >= 500 { "Receiver" } else { "Sender" };
    let body = format!(
        "<ErrorResponse xmlns=\"{STS_NS}\">\
         <Error><Type>{kind}</Type><Code>{}</Code><Message>{}</Message></Error>\
         <RequestId>{}</RequestId>\
         </ErrorResponse>",
        xml_escape(code),
        xml_escape(message),
        request_id()
    );
    ResponseTemplate::new(status).set_body_raw(body, "text/xml")
}

/// Matches a Query-protocol request whose `Action` is exactly `name` (so `AssumeRole` does not
/// also catch `AssumeRoleWithSAML`, as a plain `body_string_contains` would).
pub fn action(name: &str) -> ActionMatcher {
    ActionMatcher(name.to_owned())
}

pub struct ActionMatcher(String);

impl Match for ActionMatcher {
    fn matches(&self, request: &Request) -> bool {
        let body = String::from_utf8_lossy(&request.body);
        let query = request.url.query().unwrap_or_default();
        super::proxy::parse_form(&body)
            .into_iter()
            .chain(super::proxy::parse_form(query))
            .any(|(k, v)| k == "Action" && v == self.0)
    }
}

/// `now + secs` as RFC 3339 UTC (`2030-01-02T03:04:05Z`), for stub expirations. Negative
/// values give times in the past (already-expired credentials).
pub fn rfc3339_from_now(secs: i64) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs() as i64;
    rfc3339(now + secs)
}

/// Unix seconds to RFC 3339 UTC. Days-to-civil from Howard Hinnant's date algorithms, so the
/// harness needs no date crate.
pub fn rfc3339(unix: i64) -> String {
    let (days, rem) = (unix.div_euclid(86_400), unix.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

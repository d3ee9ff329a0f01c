//! What STS and IAM answered, made safe: an STS reply's credentials checked before anything
//! caches or signs with them, and every failure turned into a message that says what failed,
//! why, and what to do (server text quoted safely).

use aws_sdk_sts::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};

use super::{REFRESH_WINDOW, Service, attempt_timeout};
use crate::creds::{Credentials, from_unix};
use crate::error::{Error, Result};
use crate::validate;

/// Clock skew AWS itself tolerates in a signed request; a reply may be this much "shorter"
/// than asked for before awsmfa calls it wrong.
const CLOCK_SLACK: i64 = 5 * 60;

/// The credentials of an STS reply, checked before anything caches or signs with them: every
/// value printable and of a sane length (see [`validate::credentials`]), and at least the
/// refresh window left (less for a request shorter than the window plus the clock slack: a
/// 15-minute session is legal and starts with a little under 15 minutes).
pub(super) fn convert(
    c: Option<&aws_sdk_sts::types::Credentials>,
    op: &str,
    endpoint: &str,
    duration: u32,
) -> Result<Credentials> {
    let c = c.ok_or_else(|| Error::Network(format!("{op}: STS answered without credentials")))?;
    // The SDK fills required fields missing from a truncated or malformed reply with defaults
    // (empty strings, the 1970 epoch) instead of failing: such credentials are not credentials.
    if c.access_key_id().is_empty()
        || c.secret_access_key().is_empty()
        || c.session_token().is_empty()
        || c.expiration().secs() <= 0
    {
        return Err(Error::Network(format!(
            "{op}: {endpoint} sent a response awsmfa cannot read (credentials missing or incomplete); try again later"
        )));
    }
    let creds = Credentials {
        access_key_id: c.access_key_id().to_string(),
        secret_access_key: c.secret_access_key().to_string(),
        session_token: Some(c.session_token().to_string()),
        expiration: Some(from_unix(c.expiration().secs())),
    };
    validate::credentials(&creds).map_err(|why| {
        Error::Network(format!(
            "{op}: {endpoint} answered with credentials awsmfa will not use: {why}; nothing was cached, try again later"
        ))
    })?;
    let min_left = REFRESH_WINDOW.min(i64::from(duration) - CLOCK_SLACK);
    validate::fresh(&creds, chrono::Utc::now(), min_left).map_err(|why| {
        Error::Network(format!(
            "{op}: {endpoint} answered with credentials that are no good: {why}; nothing was cached. Check the system clock (e.g. enable NTP), else try again later"
        ))
    })?;
    Ok(creds)
}

/// What was called, as much as classifying its failure needs.
#[derive(Clone, Copy, Debug)]
pub struct Call<'a> {
    /// The operation as messages name it (`GetSessionToken`, `AssumeRole arn:...`).
    pub op: &'a str,
    pub service: Service,
    /// The request carried an MFA code: only then can AWS have rejected one.
    pub mfa_sent: bool,
    /// Signed with temporary credentials (a session or role, usually awsmfa's cached one):
    /// `--refresh` replaces them, editing the profile does not.
    pub temporary_base: bool,
    /// The SDK retried it (all calls but CreateAccessKey).
    pub retried: bool,
}

impl<'a> Call<'a> {
    pub fn new(op: &'a str, service: Service, base: &Credentials) -> Call<'a> {
        Call {
            op,
            service,
            mfa_sent: false,
            temporary_base: base.session_token.is_some(),
            retried: true,
        }
    }
}

/// The longest piece of server text a message quotes.
const MAX_SERVER_TEXT: usize = 300;

/// Server text made safe to print: control characters (newlines included: a server must not
/// start a line that looks like awsmfa's) and bidirectional overrides become spaces, runs of
/// spaces one, and it is cut to [`MAX_SERVER_TEXT`] characters.
pub fn server_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_SERVER_TEXT + 3));
    let mut count = 0;
    for c in text.chars() {
        let c = if c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
        {
            ' '
        } else {
            c
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        if count == MAX_SERVER_TEXT {
            out.truncate(out.trim_end().len());
            out.push('…');
            return out;
        }
        out.push(c);
        count += 1;
    }
    out.truncate(out.trim_end().len());
    out
}

/// Turn an SDK error into a message that says what failed, why, and what to do.
pub(crate) fn map_err<E>(call: &Call<'_>, endpoint: &str, e: SdkError<E>) -> Error
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    let op = call.op;
    let var = call.service.endpoint_var();
    let endpoint = server_text(endpoint);
    let retried = if call.retried { " (after retries)" } else { "" };
    match &e {
        SdkError::ServiceError(se) => {
            let err = se.err();
            let status = se.raw().status();
            // No error code: the SDK could not parse the reply (e.g. a 200 with a body that is
            // not XML), which it reports as an unhandled service error.
            let Some(code) = err.code() else {
                return Error::Network(format!(
                    "{op}: {endpoint} sent a response awsmfa cannot read (HTTP {}, malformed or truncated); try again later",
                    status.as_u16()
                ));
            };
            let error = classify(call, code, err.message().unwrap_or(""));
            // Whatever the code says, a 5xx is the service's own failure.
            if status.is_server_error() && !matches!(error, Error::Network(_)) {
                return Error::Network(format!(
                    "{op}: AWS had an internal error (HTTP {}, {}: {}){retried}; try again later",
                    status.as_u16(),
                    server_text(code),
                    server_text(err.message().unwrap_or(""))
                ));
            }
            error
        }
        SdkError::TimeoutError(_) => Error::Network(format!(
            "{op}: no answer from {endpoint} within {:?}{retried}; check the network or {var}",
            attempt_timeout()
        )),
        SdkError::DispatchFailure(d) if d.is_timeout() => Error::Network(format!(
            "{op}: connecting to {endpoint} timed out; check the network or {var}"
        )),
        SdkError::DispatchFailure(_) => {
            let cause = server_text(&root_cause(&e));
            Error::Network(format!(
                "{op}: cannot reach {endpoint}: {cause}; {}",
                network_advice(&cause, var)
            ))
        }
        SdkError::ResponseError(_) => Error::Network(format!(
            "{op}: {endpoint} sent a response awsmfa cannot read (malformed or truncated); try again later"
        )),
        _ => Error::Other(format!(
            "{op} failed: {}",
            server_text(&DisplayErrorContext(&e).to_string())
        )),
    }
}

/// What to check when a connection failed: for a certificate the TLS client did not trust
/// (a proxy or firewall that re-signs TLS, a private endpoint), the CA bundle settings.
pub(crate) fn network_advice(cause: &str, var: &str) -> String {
    if cause.contains("certificate") || cause.contains("UnknownIssuer") {
        format!(
            "if a proxy or firewall re-signs TLS, point AWS_CA_BUNDLE (or ca_bundle in the profile) at its CA certificates; else check {var}"
        )
    } else {
        format!("check the network or {var}")
    }
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

/// The STS and IAM error codes users meet, each with advice. By code and by what the call was:
/// "AWS rejected the MFA code" only for a call that sent one and AWS's MFA failure texts
/// ("MultiFactorAuthentication failed ..."), not for any text that happens to contain "mfa"
/// (a role session named `awsmfa-alice`). Server text is quoted through [`server_text`].
pub fn classify(call: &Call<'_>, code: &str, message: &str) -> Error {
    let op = call.op;
    let message = server_text(message);
    let code = server_text(code);
    let lower = message.to_ascii_lowercase();
    let refresh = "run again with --refresh to replace them (if the profile itself holds temporary keys, renew those instead)";
    match code.as_str() {
        "AccessDenied" if call.mfa_sent && lower.contains("multifactorauthentication failed") => {
            let hint = if lower.contains("unable to validate") {
                "; if it keeps failing, check that mfa_serial names this user's MFA device"
            } else {
                ""
            };
            Error::Auth(format!(
                "{op}: AWS rejected the MFA code ({message}); wait for the next code and try again{hint}"
            ))
        }
        "AccessDenied" | "AccessDeniedException" => {
            Error::Auth(format!("{op}: access denied: {message}"))
        }
        "ExpiredToken" | "ExpiredTokenException" => Error::Auth(format!(
            "{op}: the credentials used have expired ({message}); run again with --refresh"
        )),
        "InvalidClientTokenId" | "UnrecognizedClientException" if call.temporary_base => {
            Error::Auth(format!(
                "{op}: AWS no longer accepts the temporary credentials used ({message}); {refresh}"
            ))
        }
        "InvalidClientTokenId" | "UnrecognizedClientException" => Error::Auth(format!(
            "{op}: AWS does not know this access key ({message}); check aws_access_key_id in the profile"
        )),
        "RequestExpired" => Error::Auth(format!(
            "{op}: clock skew: AWS says the request time is too far from its own ({message}); fix the system clock (e.g. enable NTP)"
        )),
        "SignatureDoesNotMatch" if lower.contains("expired") || lower.contains("time") => {
            Error::Auth(format!(
                "{op}: clock skew: AWS says the request time is too far from its own ({message}); fix the system clock (e.g. enable NTP)"
            ))
        }
        "SignatureDoesNotMatch" if call.temporary_base => Error::Auth(format!(
            "{op}: AWS rejected the signature of the temporary credentials used ({message}); {refresh}"
        )),
        "SignatureDoesNotMatch" => Error::Auth(format!(
            "{op}: AWS rejected the signature ({message}); check aws_secret_access_key in the profile"
        )),
        "Throttling" | "ThrottlingException" | "RequestLimitExceeded" => Error::Network(format!(
            "{op}: AWS is throttling requests and retries did not help ({message}); wait a minute and try again"
        )),
        "ValidationError" => Error::Usage(format!("{op}: AWS rejected a parameter: {message}")),
        "RegionDisabledException" => Error::Auth(format!(
            "{op}: STS is not enabled in this region ({message}); use --region or enable it in IAM"
        )),
        c if c.starts_with("InternalFailure")
            || c == "ServiceUnavailable"
            || c == "ServiceFailure"
            || c == "InternalError" =>
        {
            let retried = if call.retried {
                " and retries did not help"
            } else {
                ""
            };
            Error::Network(format!(
                "{op}: AWS had an internal error ({code}: {message}){retried}; try again later"
            ))
        }
        _ => Error::Other(format!("{op} failed: {code}: {message}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(op: &str, mfa_sent: bool, temporary_base: bool) -> Call<'_> {
        Call {
            op,
            service: Service::Sts,
            mfa_sent,
            temporary_base,
            retried: true,
        }
    }

    #[test]
    fn mfa_rejection_needs_a_code_sent_and_aws_mfa_failure_text() {
        let wrong = "MultiFactorAuthentication failed with invalid MFA one time pass code.";
        let unvalidated = "MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.";
        let named = "User: arn:aws:sts::123456789012:assumed-role/base/awsmfa-alice is not authorized to perform: sts:AssumeRole";
        let e = classify(&call("GetSessionToken", true, false), "AccessDenied", wrong);
        assert!(matches!(e, Error::Auth(_)));
        assert!(e.to_string().contains("AWS rejected the MFA code"), "{e}");
        let e = classify(
            &call("AssumeRole r", true, false),
            "AccessDenied",
            unvalidated,
        );
        assert!(e.to_string().contains("AWS rejected the MFA code"), "{e}");
        assert!(e.to_string().contains("mfa_serial"), "{e}");
        for (c, text) in [
            (call("AssumeRole r", false, true), wrong),
            (call("AssumeRole r", true, false), named),
            (
                call("GetSessionToken", true, false),
                "MFA device quota exceeded",
            ),
        ] {
            let e = classify(&c, "AccessDenied", text).to_string();
            assert!(
                e.contains("access denied") && !e.contains("MFA code"),
                "{e}"
            );
        }
    }

    #[test]
    fn invalid_temporary_credentials_advise_refresh() {
        let text = "The security token included in the request is invalid.";
        let e = classify(
            &call("AssumeRole r", false, true),
            "InvalidClientTokenId",
            text,
        );
        assert!(e.to_string().contains("--refresh"), "{e}");
        assert!(!e.to_string().contains("aws_access_key_id"), "{e}");
        let e = classify(
            &call("GetSessionToken", true, false),
            "InvalidClientTokenId",
            text,
        );
        assert!(e.to_string().contains("aws_access_key_id"), "{e}");
        let e = classify(
            &call("AssumeRole r", false, true),
            "SignatureDoesNotMatch",
            "bad",
        );
        assert!(e.to_string().contains("--refresh"), "{e}");
        assert_eq!(
            classify(&call("x", false, false), "ServiceFailure", "m").exit_code(),
            crate::error::ExitCode::Network
        );
    }

    #[test]
    fn server_text_has_no_control_characters_and_a_cap() {
        assert_eq!(
            server_text("Denied.\nawsmfa: fake\r\n\t\u{1b}[2K\u{202e}x\u{85} "),
            "Denied. awsmfa: fake [2K x"
        );
        let long = server_text(&"é".repeat(1000));
        assert_eq!(long.chars().count(), MAX_SERVER_TEXT + 1);
        assert!(long.ends_with('…'));
        assert_eq!(server_text("plain text"), "plain text");
    }
}

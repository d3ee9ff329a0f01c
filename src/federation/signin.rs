//! The `getSigninToken` exchange: one HTTPS GET to the federation endpoint through the SDK's
//! connector, and what its answers mean (a token, a refusal, an unreadable reply).

use crate::creds::Credentials;
use crate::error::{Error, Result};
use crate::https::{Network, Scheme};

use super::{ENDPOINT_ENV, display_endpoint, encode, session_json};

/// A sign-in token answer is a few KiB; anything much larger is not one.
const MAX_BODY: usize = 64 * 1024;

#[derive(serde::Deserialize)]
struct SigninTokenReply {
    #[serde(rename = "SigninToken")]
    signin_token: String,
}

/// Exchange temporary credentials for a sign-in token at `endpoint`, with `SessionDuration`
/// when `session_duration` is given; returns the token and the duration AWS took (if any).
///
/// AWS refuses `SessionDuration` (HTTP 400) for credentials of a role assumed with other
/// temporary credentials, and whether that includes a role assumed from an MFA session is not
/// documented; so a 4xx answer to a request with it is retried once without it, with a warning,
/// rather than guessed beforehand. Fails before any request when the credentials are not
/// temporary or have expired.
pub fn signin_token(
    network: &Network,
    endpoint: &str,
    creds: &Credentials,
    session_duration: Option<u32>,
) -> Result<(String, Option<u32>)> {
    let shown = display_endpoint(endpoint);
    let Some(token) = creds.session_token.as_deref() else {
        return Err(Error::Usage(
            "the federation endpoint takes only temporary credentials (with a session token), and these are long-lived keys".into(),
        ));
    };
    if let Some(exp) = creds.expiration
        && exp <= chrono::Utc::now()
    {
        return Err(Error::Auth(format!(
            "the credentials for the console expired at {}; run again with --refresh, nothing was sent to {shown}",
            crate::creds::format_utc(exp)
        )));
    }
    let session = session_json(creds, token);
    if let Some(d) = session_duration {
        match exchange(network, endpoint, &session, Some(d))? {
            Answer::Token(t) => return Ok((t, Some(d))),
            Answer::Refused(status, _) if (400..500).contains(&status) => {
                crate::ui::warn(&format!(
                    "AWS refused a console session length of {d} s for these credentials (HTTP {status}): it takes one only for a role assumed directly with long-lived keys, not from an MFA session or another role; signing in without it, so the console session ends with the credentials"
                ));
            }
            refused => return Err(refusal(shown, refused)),
        }
    }
    match exchange(network, endpoint, &session, None)? {
        Answer::Token(t) => Ok((t, None)),
        refused => Err(refusal(shown, refused)),
    }
}

/// What the endpoint said to one `getSigninToken`.
enum Answer {
    Token(String),
    /// Not a 2xx: the status and the start of the body.
    Refused(u16, String),
}

/// The error for an answer that is not a token.
fn refusal(shown: &str, answer: Answer) -> Error {
    let Answer::Refused(status, said) = answer else {
        return Error::Other("getSigninToken: internal error (a token is not a refusal)".into());
    };
    let said = if said.is_empty() {
        String::new()
    } else {
        format!(": {said}")
    };
    match status {
        400..=499 => Error::Auth(format!(
            "getSigninToken: {shown} refused the credentials (HTTP {status}{said}); they may have expired: run again with --refresh"
        )),
        _ => Error::Network(format!(
            "getSigninToken: {shown} answered HTTP {status}{said}; try again later"
        )),
    }
}

/// One `getSigninToken` request with the `Session` document `session`.
fn exchange(
    network: &Network,
    endpoint: &str,
    session: &str,
    session_duration: Option<u32>,
) -> Result<Answer> {
    let shown = display_endpoint(endpoint);
    let mut query = String::from("Action=getSigninToken");
    if let Some(d) = session_duration {
        query.push_str(&format!("&SessionDuration={d}"));
    }
    query.push_str("&Session=");
    query.push_str(&encode(session));
    let sep = if endpoint.contains('?') { '&' } else { '?' };
    let url = format!("{endpoint}{sep}{query}");

    crate::ui::debug(&format!(
        "getSigninToken at {shown}{}",
        session_duration
            .map(|d| format!(" (SessionDuration {d})"))
            .unwrap_or_default()
    ));
    let (status, body) = http_get(network, &url, shown)?;
    if !(200..300).contains(&status) {
        return Ok(Answer::Refused(status, snippet(&body)));
    }
    let reply: SigninTokenReply = serde_json::from_slice(&body).map_err(|_| {
        Error::Network(format!(
            "getSigninToken: {shown} sent a response awsmfa cannot read (no SigninToken in JSON); try again later"
        ))
    })?;
    if reply.signin_token.trim().is_empty() {
        return Err(Error::Network(format!(
            "getSigninToken: {shown} sent an empty SigninToken; try again later"
        )));
    }
    Ok(Answer::Token(reply.signin_token))
}

/// The start of an error body, printable and on one line, for a message.
fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let words: Vec<&str> = flat.split_whitespace().collect();
    let mut out = words.join(" ");
    if out.chars().count() > 80 {
        out = out.chars().take(77).collect::<String>() + "...";
    }
    out
}

/// GET `url`: (status, body). One attempt, bounded by the request timeout (`AWSMFA_TIMEOUT`,
/// default 10 s) for connect, TLS, headers and body together. Through the SDK's connector with
/// the same proxy and CA bundle as the STS calls; a plain-http endpoint (loopback only, see
/// [`check_endpoint`]) is never sent to a proxy, as the query carries the credentials.
fn http_get(network: &Network, url: &str, shown: &str) -> Result<(u16, Vec<u8>)> {
    use aws_smithy_runtime_api::client::http::HttpConnector;
    use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
    use http_body_util::{BodyExt, Limited};

    let invalid = || Error::Usage(format!("'{shown}' is not a valid federation URL"));
    let mut request = HttpRequest::get(url).map_err(|_| invalid())?;
    request
        .headers_mut()
        .try_insert("user-agent", concat!("awsmfa/", env!("CARGO_PKG_VERSION")))
        .map_err(|_| invalid())?;
    let timeout = crate::sts::attempt_timeout();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::io("cannot start the async runtime", e))?;
    let via = match Scheme::of(Some(url)) {
        Scheme::Https => network
            .proxy_var(Scheme::Https)
            .map(|var| format!(" ({var} is set)"))
            .unwrap_or_default(),
        Scheme::Http => String::new(),
    };
    let timed_out = || {
        Error::Network(format!(
            "getSigninToken: no answer from {shown}{via} within {timeout:?}; check the network or {ENDPOINT_ENV}"
        ))
    };
    runtime.block_on(async {
        let connector = match Scheme::of(Some(url)) {
            Scheme::Https => network.connector(Scheme::Https),
            Scheme::Http => network.direct_connector(),
        };
        let exchange = async {
            let response = connector.call(request).await.map_err(|e| {
                let cause = crate::sts::server_text(&root_cause(&e));
                Error::Network(format!(
                    "getSigninToken: cannot reach {shown}{via}: {cause}; {}",
                    crate::sts::network_advice(&cause, ENDPOINT_ENV)
                ))
            })?;
            let status = response.status().as_u16();
            let body = Limited::new(response.into_body(), MAX_BODY)
                .collect()
                .await
                .map_err(|_| {
                    Error::Network(format!(
                        "getSigninToken: {shown} sent a response awsmfa cannot read (cut off or too large); try again later"
                    ))
                })?
                .to_bytes();
            Ok((status, body.to_vec()))
        };
        tokio::time::timeout(timeout, exchange)
            .await
            .unwrap_or_else(|_| Err(timed_out()))
    })
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lived_or_expired_credentials_send_nothing() {
        let mut creds = Credentials {
            access_key_id: "AKIAEXAMPLE".into(),
            secret_access_key: "secret".into(),
            session_token: None,
            expiration: None,
        };
        // An endpoint that cannot be reached: reaching it would be a different error.
        let nowhere = "http://127.0.0.1:1/federation";
        let e = signin_token(
            &Network::new(&Default::default(), &|_| None).unwrap(),
            nowhere,
            &creds,
            None,
        )
        .unwrap_err();
        assert!(matches!(e, Error::Usage(_)), "{e}");
        creds.session_token = Some("tok".into());
        creds.expiration = Some(chrono::Utc::now() - chrono::Duration::seconds(5));
        let e = signin_token(
            &Network::new(&Default::default(), &|_| None).unwrap(),
            nowhere,
            &creds,
            None,
        )
        .unwrap_err();
        assert!(matches!(e, Error::Auth(_)), "{e}");
        assert!(e.to_string().contains("expired"), "{e}");
    }

    #[test]
    fn error_bodies_are_flattened() {
        assert_eq!(
            snippet(b"<html>\n\tBad\x1b[31m request</html>"),
            "<html> Bad [31m request</html>"
        );
        assert_eq!(snippet(&[b'x'; 200]).chars().count(), 80);
    }
}

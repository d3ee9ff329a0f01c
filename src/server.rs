//! The credential server behind `exec --server` and `serve`: the container credentials protocol
//! that every AWS SDK and the AWS CLI read (`AWS_CONTAINER_CREDENTIALS_FULL_URI` plus
//! `AWS_CONTAINER_AUTHORIZATION_TOKEN`), on loopback, handing out fresh role credentials from
//! the day's MFA session for as long as it lives.
//!
//! The rules (SPEC §11), each checked before the next:
//! - it listens on 127.0.0.1 only, on a random free port unless one is asked for;
//! - `Host` must be exactly the address and port it listens on (`403`): a web page that gets a
//!   DNS name pointed at 127.0.0.1 (DNS rebinding) sends its own name;
//! - only `GET` (`405`), only [`PATH`] (`404`);
//! - `Authorization` must be the 256-bit token, compared in constant time (`401`);
//! - refusals have no body, and nothing secret is ever logged.
//!
//! Requests are tiny, so each connection gets a thread of its own (at most [`MAX_CONNECTIONS`]
//! at once; past that a connection is closed at once rather than queued), [`HEAD_DEADLINE`] for
//! its whole request head (a client dripping a byte at a time cannot hold a thread), and one
//! answer (`Connection: close`). The request head is parsed by `httparse`, the parser hyper uses.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde::Serialize;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::creds::{Credentials, format_utc};
use crate::error::{Error, Result};

/// The one path that answers.
pub const PATH: &str = "/awsmfa/credentials";
/// Connections served at once; more wait in the listen queue.
pub const MAX_CONNECTIONS: usize = 32;
/// The largest request head read; a real SDK request is a few hundred bytes.
const MAX_HEAD: usize = 16 * 1024;
/// How long a connection has to send its whole request head.
const HEAD_DEADLINE: Duration = Duration::from_secs(3);

/// Where the server's credentials come from. Called for every authorized request, from several
/// threads at once: an implementation shares one STS call between them.
pub trait Source: Send + Sync {
    fn credentials(&self) -> Result<Credentials>;
}

/// The bearer token: 256 random bits as 64 hex digits. Never printed by `Debug`, wiped on drop.
pub struct Token(Zeroizing<String>);

impl Token {
    pub fn random() -> Result<Token> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        getrandom::getrandom(bytes.as_mut())
            .map_err(|e| Error::Other(format!("cannot get random bytes for the token: {e}")))?;
        let mut hex = String::with_capacity(64);
        for b in bytes.iter() {
            hex.push_str(&format!("{b:02x}"));
        }
        Ok(Token(Zeroizing::new(hex)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `given` is the token, in time that does not depend on where they differ.
    fn matches(&self, given: &[u8]) -> bool {
        self.0.as_bytes().ct_eq(given).into()
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(** redacted **)")
    }
}

/// A bound listener, not serving yet.
pub struct Server {
    listener: TcpListener,
    addr: SocketAddr,
    token: Arc<Token>,
}

impl Server {
    /// Listen on 127.0.0.1:`port` (0: a free port the OS picks).
    pub fn bind(port: u16) -> Result<Server> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).map_err(|e| {
            Error::Other(format!(
                "cannot listen on 127.0.0.1:{port} for the credential server: {e}"
            ))
        })?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::io("cannot read the server's address", e))?;
        Ok(Server {
            listener,
            addr,
            token: Arc::new(Token::random()?),
        })
    }

    /// `http://127.0.0.1:PORT/awsmfa/credentials`: AWS_CONTAINER_CREDENTIALS_FULL_URI.
    pub fn url(&self) -> String {
        format!("http://{}{PATH}", self.addr)
    }

    /// AWS_CONTAINER_AUTHORIZATION_TOKEN.
    pub fn token(&self) -> &str {
        self.token.as_str()
    }

    /// The two variables a consumer needs, in order.
    pub fn variables(&self) -> [(&'static str, String); 2] {
        [
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", self.url()),
            (
                "AWS_CONTAINER_AUTHORIZATION_TOKEN",
                self.token().to_string(),
            ),
        ]
    }

    /// Serve on a thread of its own until the process ends.
    pub fn spawn(self, source: Arc<dyn Source>) -> std::thread::JoinHandle<()> {
        std::thread::spawn(move || self.serve(source))
    }

    /// Serve in this thread until the process ends.
    pub fn serve(self, source: Arc<dyn Source>) {
        let busy = Arc::new(AtomicUsize::new(0));
        let host = self.addr.to_string();
        for stream in self.listener.incoming() {
            let Ok(stream) = stream else { continue };
            // Full: close this one now, so that the accept loop never stalls and a request
            // from a real consumer (which retries) is not stuck behind idle connections.
            if busy.load(Ordering::Acquire) >= MAX_CONNECTIONS {
                drop(stream);
                continue;
            }
            busy.fetch_add(1, Ordering::AcqRel);
            let done = busy.clone();
            let (source, token, host) = (source.clone(), self.token.clone(), host.clone());
            let spawned = std::thread::Builder::new().spawn(move || {
                handle(stream, &host, &token, source.as_ref());
                done.fetch_sub(1, Ordering::AcqRel);
            });
            if spawned.is_err() {
                // The closure never ran: the connection is dropped, and so is its count.
                busy.fetch_sub(1, Ordering::AcqRel);
            }
        }
    }
}

/// What a request gets, before it is written.
#[derive(Debug, PartialEq, Eq)]
pub enum Answer {
    Credentials(String),
    /// 500 with a JSON body the SDK shows: the session is over and no code can be had here.
    Failed(String),
    Refused(u16),
}

/// The container credentials document (the shape ECS serves).
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Document<'a> {
    access_key_id: &'a str,
    secret_access_key: &'a str,
    token: &'a str,
    expiration: String,
}

/// The error document: botocore and the SDKs put the body in the error they raise.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Failure<'a> {
    code: &'a str,
    message: &'a str,
}

/// Decide what the request head `head` gets. Pure, so every rule is unit-tested.
pub fn answer(head: &[u8], host: &str, token: &Token, source: &dyn Source) -> Answer {
    let mut headers = [httparse::EMPTY_HEADER; 32];
    let mut req = httparse::Request::new(&mut headers);
    match req.parse(head) {
        Ok(httparse::Status::Complete(_)) => {}
        _ => return Answer::Refused(400),
    }
    let header = |name: &str| {
        req.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value)
    };
    if header("host") != Some(host.as_bytes()) {
        return Answer::Refused(403);
    }
    if req.method != Some("GET") {
        return Answer::Refused(405);
    }
    if req.path != Some(PATH) {
        return Answer::Refused(404);
    }
    if !header("authorization").is_some_and(|t| token.matches(t)) {
        return Answer::Refused(401);
    }
    match source.credentials() {
        Ok(c) => match (&c.session_token, c.expiration) {
            (Some(t), Some(exp)) => {
                let doc = Document {
                    access_key_id: &c.access_key_id,
                    secret_access_key: &c.secret_access_key,
                    token: t,
                    expiration: format_utc(exp),
                };
                match serde_json::to_string(&doc) {
                    Ok(json) => Answer::Credentials(json),
                    Err(e) => failed("Internal", &format!("cannot encode credentials: {e}")),
                }
            }
            // Long-lived keys are never handed to a consumer through the server.
            _ => failed(
                "NotTemporary",
                "awsmfa: the profile's credentials are long-lived keys; the server hands out temporary credentials only",
            ),
        },
        Err(e) => failed(code_of(&e), &format!("awsmfa: {e}")),
    }
}

fn failed(code: &str, message: &str) -> Answer {
    let body = serde_json::to_string(&Failure { code, message })
        .unwrap_or_else(|_| "{\"Code\":\"Internal\"}".into());
    Answer::Failed(body)
}

fn code_of(e: &Error) -> &'static str {
    match e {
        Error::LoginRequired(_) => "LoginRequired",
        Error::Auth(_) => "AccessDenied",
        Error::Network(_) => "ServiceUnavailable",
        _ => "Failed",
    }
}

/// Read one request head (up to the blank line), bounded in size and in total time: each read
/// may only wait for what is left of [`HEAD_DEADLINE`].
fn read_head(stream: &mut TcpStream) -> Option<Zeroizing<Vec<u8>>> {
    let deadline = std::time::Instant::now() + HEAD_DEADLINE;
    let mut head = Zeroizing::new(Vec::with_capacity(1024));
    let mut buf = [0u8; 2048];
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() || head.len() > MAX_HEAD {
            return None;
        }
        stream.set_read_timeout(Some(left)).ok()?;
        let n = stream.read(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        // Only the new bytes (and the three before them) can complete the blank line.
        let from = head.len().saturating_sub(3);
        head.extend_from_slice(&buf[..n]);
        if head[from..].windows(4).any(|w| w == b"\r\n\r\n") {
            return Some(head);
        }
    }
}

fn handle(mut stream: TcpStream, host: &str, token: &Token, source: &dyn Source) {
    let answer = match read_head(&mut stream) {
        Some(head) => answer(&head, host, token, source),
        None => Answer::Refused(400),
    };
    let (status, reason, body) = match &answer {
        Answer::Credentials(json) => (200, "OK", json.as_str()),
        Answer::Failed(json) => (500, "Internal Server Error", json.as_str()),
        Answer::Refused(401) => (401, "Unauthorized", ""),
        Answer::Refused(403) => (403, "Forbidden", ""),
        Answer::Refused(404) => (404, "Not Found", ""),
        Answer::Refused(405) => (405, "Method Not Allowed", ""),
        Answer::Refused(_) => (400, "Bad Request", ""),
    };
    let allow = if status == 405 { "Allow: GET\r\n" } else { "" };
    let response = Zeroizing::new(format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{allow}Cache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ));
    let _ = stream.write_all(response.as_bytes());
    let _ = stream.flush();
    if let Answer::Credentials(json) = answer {
        drop(Zeroizing::new(json));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::creds::from_unix;

    struct Fixed(Result<Credentials>);
    impl Source for Fixed {
        fn credentials(&self) -> Result<Credentials> {
            self.0.clone()
        }
    }

    fn creds() -> Credentials {
        Credentials {
            access_key_id: "ASIAFAKEFAKEFAKE0001".into(),
            secret_access_key: "fakeSecretEXAMPLE".into(),
            session_token: Some("fakeTokenEXAMPLE".into()),
            expiration: Some(from_unix(2_000_000_000)),
        }
    }

    fn request(method: &str, path: &str, host: &str, auth: Option<&str>) -> Vec<u8> {
        let auth = auth
            .map(|a| format!("Authorization: {a}\r\n"))
            .unwrap_or_default();
        format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\n{auth}Accept: */*\r\n\r\n")
            .into_bytes()
    }

    #[test]
    fn every_rule_refuses_before_any_credential_is_fetched() {
        let token = Token::random().unwrap();
        let good = token.as_str().to_string();
        let host = "127.0.0.1:4567";
        // A source that must not be reached by a refused request.
        struct Never;
        impl Source for Never {
            fn credentials(&self) -> Result<Credentials> {
                panic!("a refused request reached the source")
            }
        }
        let cases = [
            (request("GET", PATH, host, None), 401),
            (request("GET", PATH, host, Some("wrong")), 401),
            (request("GET", PATH, host, Some(&good[..63])), 401),
            (request("GET", PATH, host, Some(&format!("{good}x"))), 401),
            (request("GET", PATH, "evil.example:4567", Some(&good)), 403),
            (request("GET", PATH, "localhost:4567", Some(&good)), 403),
            (request("GET", PATH, "127.0.0.1:4568", Some(&good)), 403),
            (request("POST", PATH, host, Some(&good)), 405),
            (request("PUT", PATH, host, Some(&good)), 405),
            (request("GET", "/", host, Some(&good)), 404),
            (b"not http at all\r\n\r\n".to_vec(), 400),
        ];
        for (head, status) in cases {
            assert_eq!(
                answer(&head, host, &token, &Never),
                Answer::Refused(status),
                "{}",
                String::from_utf8_lossy(&head)
            );
        }
    }

    #[test]
    fn the_right_token_gets_the_container_document() {
        let token = Token::random().unwrap();
        let head = request("GET", PATH, "127.0.0.1:4567", Some(token.as_str()));
        let Answer::Credentials(json) =
            answer(&head, "127.0.0.1:4567", &token, &Fixed(Ok(creds())))
        else {
            panic!("no credentials")
        };
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["AccessKeyId"], "ASIAFAKEFAKEFAKE0001");
        assert_eq!(v["SecretAccessKey"], "fakeSecretEXAMPLE");
        assert_eq!(v["Token"], "fakeTokenEXAMPLE");
        assert_eq!(v["Expiration"], "2033-05-18T03:33:20Z");
    }

    #[test]
    fn a_failed_source_is_an_error_document_naming_what_to_run() {
        let token = Token::random().unwrap();
        let head = request("GET", PATH, "127.0.0.1:1", Some(token.as_str()));
        let source = Fixed(Err(Error::LoginRequired(
            "the MFA session has ended; run `awsmfa login dev-admin`".into(),
        )));
        let Answer::Failed(json) = answer(&head, "127.0.0.1:1", &token, &source) else {
            panic!("not a failure")
        };
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["Code"], "LoginRequired");
        assert!(
            v["Message"]
                .as_str()
                .unwrap()
                .contains("awsmfa login dev-admin"),
            "{json}"
        );
        // Long-lived keys never leave through the server.
        let mut long = creds();
        long.session_token = None;
        long.expiration = None;
        assert!(matches!(
            answer(&head, "127.0.0.1:1", &token, &Fixed(Ok(long))),
            Answer::Failed(_)
        ));
    }

    #[test]
    fn tokens_are_random_hex_and_hidden_from_debug() {
        let (a, b) = (Token::random().unwrap(), Token::random().unwrap());
        assert_eq!(a.as_str().len(), 64);
        assert!(a.as_str().bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a.as_str(), b.as_str());
        assert!(!format!("{a:?}").contains(a.as_str()));
    }
}

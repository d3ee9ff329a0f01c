//! A recording HTTP/1.1 proxy to put between the binary and moto (or a stub): it forwards every
//! request, records each STS/IAM `Action`, can play "STS unreachable", and can answer chosen
//! requests with an AWS error instead of forwarding them (`fail_if`).
//!
//! Plain std threads and a minimal HTTP parser, so it works from sync and async tests alike and
//! counts exactly what went over the wire (wiremock can't sit in front of moto).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

const IO_TIMEOUT: Duration = Duration::from_secs(30);
const MAX_HEAD: usize = 64 * 1024;
const MAX_BODY: usize = 16 * 1024 * 1024;

/// A start line (request or status line) and its headers, in order.
type Head = (String, Vec<(String, String)>);

/// One request the proxy forwarded.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    pub method: String,
    /// Request target as sent, e.g. `/` or `/?Action=...`.
    pub target: String,
    /// The `Action` parameter (query string or form body), e.g. `GetSessionToken`.
    pub action: Option<String>,
    /// All query and form parameters, decoded, in order.
    pub params: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
}

impl RecordedRequest {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// The access key id that signed the request (SigV4 `Credential=AKID/...`).
    pub fn signing_key_id(&self) -> Option<&str> {
        let auth = self.header("authorization")?;
        let rest = &auth[auth.find("Credential=")? + "Credential=".len()..];
        rest.split('/').next()
    }
}

/// Which requests a fault applies to.
type Predicate = Box<dyn Fn(&RecordedRequest) -> bool + Send + Sync>;

/// An AWS Query-protocol error the proxy answers with instead of forwarding, or a reply lost
/// after the request was forwarded (the service acted, the client never hears of it).
struct Fault {
    matches: Predicate,
    status: u16,
    code: String,
    message: String,
    lost: Option<LostReply>,
}

/// How the reply to a forwarded request is lost.
#[derive(Clone, Copy, Debug)]
pub enum LostReply {
    /// The upstream reply is dropped and the fault's error is sent instead (a 5xx from a
    /// front end after the back end did the work).
    Replaced,
    /// Nothing is sent back for this long, then the connection is closed (a time-out).
    Hang(Duration),
}

struct Shared {
    upstream: SocketAddr,
    requests: Mutex<Vec<RecordedRequest>>,
    down: AtomicBool,
    dropped: AtomicUsize,
    stop: AtomicBool,
    faults: Mutex<Vec<Fault>>,
}

/// Forwards to `upstream`; stops when dropped.
pub struct RecordingProxy {
    /// e.g. `http://127.0.0.1:40124`: use as the STS/IAM endpoint.
    pub url: String,
    addr: SocketAddr,
    shared: Arc<Shared>,
}

impl RecordingProxy {
    /// Starts a proxy to `upstream_url` (`http://host:port`, no TLS, path ignored).
    pub fn start(upstream_url: &str) -> RecordingProxy {
        let authority = upstream_url
            .strip_prefix("http://")
            .unwrap_or_else(|| panic!("upstream must be http://host:port, got {upstream_url}"))
            .split('/')
            .next()
            .unwrap_or_default();
        let upstream = authority
            .to_socket_addrs()
            .ok()
            .and_then(|mut a| a.next())
            .unwrap_or_else(|| panic!("cannot resolve upstream {upstream_url}"));

        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind proxy");
        let addr = listener.local_addr().expect("proxy address");
        let shared = Arc::new(Shared {
            upstream,
            requests: Mutex::new(Vec::new()),
            down: AtomicBool::new(false),
            dropped: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            faults: Mutex::new(Vec::new()),
        });
        let accept_shared = Arc::clone(&shared);
        thread::spawn(move || accept_loop(listener, accept_shared));
        RecordingProxy {
            url: format!("http://{addr}"),
            addr,
            shared,
        }
    }

    /// How many forwarded requests had `Action=action`.
    pub fn count(&self, action: &str) -> usize {
        self.requests()
            .iter()
            .filter(|r| r.action.as_deref() == Some(action))
            .count()
    }

    /// The `Action` of every forwarded request, in arrival order (`?` when it had none).
    pub fn actions(&self) -> Vec<String> {
        self.requests()
            .into_iter()
            .map(|r| r.action.unwrap_or_else(|| "?".into()))
            .collect()
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.requests.lock().unwrap().clone()
    }

    pub fn clear(&self) {
        self.shared.requests.lock().unwrap().clear();
    }

    /// While down, every connection (and every request on a kept-alive one) is closed without
    /// an answer, as if STS were unreachable. Nothing is forwarded or recorded.
    pub fn set_down(&self, down: bool) {
        self.shared.down.store(down, Ordering::SeqCst);
    }

    /// Answer every request for which `matches` is true with the AWS error `code` (HTTP
    /// `status`) instead of forwarding it. Such requests are still recorded.
    pub fn fail_if(
        &self,
        matches: impl Fn(&RecordedRequest) -> bool + Send + Sync + 'static,
        status: u16,
        code: &str,
        message: &str,
    ) {
        self.shared.faults.lock().unwrap().push(Fault {
            matches: Box::new(matches),
            status,
            code: code.to_owned(),
            message: message.to_owned(),
            lost: None,
        });
    }

    /// Forward every request for which `matches` is true, then answer it with the AWS error
    /// `code` (HTTP `status`) instead of the upstream reply: the service did the work, the
    /// client sees a failure.
    pub fn lose_reply_if(
        &self,
        matches: impl Fn(&RecordedRequest) -> bool + Send + Sync + 'static,
        status: u16,
        code: &str,
        message: &str,
    ) {
        self.shared.faults.lock().unwrap().push(Fault {
            matches: Box::new(matches),
            status,
            code: code.to_owned(),
            message: message.to_owned(),
            lost: Some(LostReply::Replaced),
        });
    }

    /// Forward every request for which `matches` is true, then answer nothing for `hang` and
    /// close the connection: the service did the work, the client times out.
    pub fn hang_after_forwarding_if(
        &self,
        matches: impl Fn(&RecordedRequest) -> bool + Send + Sync + 'static,
        hang: Duration,
    ) {
        self.shared.faults.lock().unwrap().push(Fault {
            matches: Box::new(matches),
            status: 0,
            code: String::new(),
            message: String::new(),
            lost: Some(LostReply::Hang(hang)),
        });
    }

    /// `fail_if` for every request with `Action=action`.
    pub fn fail_action(&self, action: &str, status: u16, code: &str, message: &str) {
        let action = action.to_owned();
        self.fail_if(
            move |r| r.action.as_deref() == Some(action.as_str()),
            status,
            code,
            message,
        );
    }

    pub fn clear_faults(&self) {
        self.shared.faults.lock().unwrap().clear();
    }

    /// Connections or requests refused while down: proves a client at least tried.
    pub fn dropped(&self) -> usize {
        self.shared.dropped.load(Ordering::SeqCst)
    }
}

impl Drop for RecordingProxy {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // accept() has no timeout: wake it with a connection so it sees the stop flag.
        let _ = TcpStream::connect(self.addr);
    }
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    for conn in listener.incoming() {
        if shared.stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(conn) = conn else { continue };
        if shared.down.load(Ordering::SeqCst) {
            shared.dropped.fetch_add(1, Ordering::SeqCst);
            let _ = conn.shutdown(Shutdown::Both);
            continue;
        }
        let shared = Arc::clone(&shared);
        thread::spawn(move || {
            // Errors just end the connection; the client sees a reset, as with a real outage.
            let _ = serve(conn, &shared);
        });
    }
}

/// Serves requests on one client connection until it closes (HTTP/1.1 keep-alive).
fn serve(conn: TcpStream, shared: &Shared) -> std::io::Result<()> {
    conn.set_read_timeout(Some(IO_TIMEOUT))?;
    conn.set_write_timeout(Some(IO_TIMEOUT))?;
    let mut writer = conn.try_clone()?;
    let mut reader = BufReader::new(conn);
    while let Some((start, headers)) = read_head(&mut reader)? {
        let mut parts = start.split_whitespace();
        let (method, target, version) = match (parts.next(), parts.next(), parts.next()) {
            (Some(m), Some(t), Some(v)) => (m.to_owned(), t.to_owned(), v.to_owned()),
            _ => return Err(invalid("bad request line")),
        };
        if header(&headers, "expect").is_some_and(|v| v.eq_ignore_ascii_case("100-continue")) {
            writer.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
        }
        let body = read_body(&mut reader, &headers, false)?;
        if shared.down.load(Ordering::SeqCst) {
            shared.dropped.fetch_add(1, Ordering::SeqCst);
            return Ok(());
        }
        let recorded = record(&method, &target, &headers, &body);
        let fault = shared
            .faults
            .lock()
            .unwrap()
            .iter()
            .find(|f| (f.matches)(&recorded))
            .map(|f| (aws_error(f.status, &f.code, &f.message), f.lost));
        shared.requests.lock().unwrap().push(recorded);

        let forwarded = || match forward(shared.upstream, &method, &target, &headers, &body) {
            Ok(r) => r,
            Err(e) => error_response(&e),
        };
        let response = match fault {
            Some((r, None)) => r,
            Some((r, Some(LostReply::Replaced))) => {
                forwarded();
                r
            }
            Some((_, Some(LostReply::Hang(hang)))) => {
                forwarded();
                thread::sleep(hang);
                return Ok(());
            }
            None => forwarded(),
        };
        writer.write_all(&response)?;
        let close = match header(&headers, "connection") {
            Some(v) => v.eq_ignore_ascii_case("close"),
            None => version == "HTTP/1.0",
        };
        if close {
            break;
        }
    }
    Ok(())
}

/// Sends one request upstream on a fresh connection and returns the response re-framed with a
/// Content-Length, so the client's keep-alive connection stays usable whatever upstream did.
fn forward(
    upstream: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> std::io::Result<Vec<u8>> {
    let mut up = TcpStream::connect_timeout(&upstream, Duration::from_secs(5))?;
    up.set_read_timeout(Some(IO_TIMEOUT))?;
    up.set_write_timeout(Some(IO_TIMEOUT))?;
    // Host is passed through untouched: it is part of the SigV4 signature.
    let mut request = format!("{method} {target} HTTP/1.1\r\n");
    for (k, v) in strip_framing(headers) {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    up.write_all(request.as_bytes())?;
    up.write_all(body)?;

    let mut reader = BufReader::new(up);
    let (status_line, resp_headers) = loop {
        let head = read_head(&mut reader)?.ok_or_else(|| invalid("upstream closed"))?;
        // Skip interim 1xx responses; the final one follows.
        if !head
            .0
            .split_whitespace()
            .nth(1)
            .is_some_and(|s| s.starts_with('1'))
        {
            break head;
        }
    };
    let status = status_line.split_whitespace().nth(1).unwrap_or("");
    let body = if method == "HEAD" || status == "204" || status == "304" {
        Vec::new()
    } else {
        read_body(&mut reader, &resp_headers, true)?
    };

    let mut out = format!("{status_line}\r\n");
    for (k, v) in strip_framing(&resp_headers) {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let mut out = out.into_bytes();
    out.extend_from_slice(&body);
    Ok(out)
}

/// An AWS Query-protocol `ErrorResponse` (the shape STS and IAM share).
fn aws_error(status: u16, code: &str, message: &str) -> Vec<u8> {
    let kind = if status >= 500 { "Receiver" } else { "Sender" };
    let body = format!(
        "<ErrorResponse><Error><Type>{kind}</Type><Code>{}</Code><Message>{}</Message></Error>\
         <RequestId>00000000-0000-4000-8000-00000000fa17</RequestId></ErrorResponse>",
        super::stub::xml_escape(code),
        super::stub::xml_escape(message)
    );
    format!(
        "HTTP/1.1 {status} Injected\r\nContent-Type: text/xml\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn error_response(err: &std::io::Error) -> Vec<u8> {
    let body = format!("recording proxy: upstream failed: {err}");
    format!(
        "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Hop-by-hop and framing headers are regenerated by the proxy on each side.
fn strip_framing(headers: &[(String, String)]) -> impl Iterator<Item = &(String, String)> {
    const HOP: [&str; 6] = [
        "connection",
        "keep-alive",
        "proxy-connection",
        "transfer-encoding",
        "content-length",
        "expect",
    ];
    headers
        .iter()
        .filter(|(k, _)| !HOP.iter().any(|h| k.eq_ignore_ascii_case(h)))
}

fn record(
    method: &str,
    target: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> RecordedRequest {
    let mut params = Vec::new();
    if let Some((_, query)) = target.split_once('?') {
        params.extend(parse_form(query));
    }
    let is_form = header(headers, "content-type")
        .is_some_and(|v| v.to_ascii_lowercase().contains("x-www-form-urlencoded"));
    if is_form {
        params.extend(parse_form(&String::from_utf8_lossy(body)));
    }
    RecordedRequest {
        method: method.to_owned(),
        target: target.to_owned(),
        action: params
            .iter()
            .find(|(k, _)| k == "Action")
            .map(|(_, v)| v.clone()),
        params,
        headers: headers.to_vec(),
    }
}

/// Decodes `application/x-www-form-urlencoded` (also query strings).
pub fn parse_form(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    fn hex(b: u8) -> Option<u8> {
        (b as char).to_digit(16).map(|d| d as u8)
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(hi), Some(lo)) => {
                    out.push(hi << 4 | lo);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn invalid(msg: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, msg.to_owned())
}

/// Reads a start line and headers. None on a clean EOF before the first byte (client done).
fn read_head(reader: &mut impl BufRead) -> std::io::Result<Option<Head>> {
    let mut start = String::new();
    // Tolerate stray CRLFs between kept-alive requests (RFC 9112 §2.2).
    loop {
        start.clear();
        if reader.read_line(&mut start)? == 0 {
            return Ok(None);
        }
        if !start.trim().is_empty() {
            break;
        }
    }
    let mut headers = Vec::new();
    let mut size = start.len();
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line)?;
        size += n;
        if n == 0 {
            return Err(invalid("EOF inside headers"));
        }
        if size > MAX_HEAD {
            return Err(invalid("headers too large"));
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        let (k, v) = line.split_once(':').ok_or_else(|| invalid("bad header"))?;
        headers.push((k.trim().to_owned(), v.trim().to_owned()));
    }
    Ok(Some((start.trim_end().to_owned(), headers)))
}

/// Reads a body framed by chunked encoding or Content-Length; a response with neither runs
/// until EOF, a request with neither has none.
fn read_body(
    reader: &mut impl BufRead,
    headers: &[(String, String)],
    is_response: bool,
) -> std::io::Result<Vec<u8>> {
    let chunked = header(headers, "transfer-encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    if chunked {
        return read_chunked(reader);
    }
    if let Some(len) = header(headers, "content-length") {
        let len: usize = len.parse().map_err(|_| invalid("bad Content-Length"))?;
        if len > MAX_BODY {
            return Err(invalid("body too large"));
        }
        let mut body = vec![0; len];
        reader.read_exact(&mut body)?;
        return Ok(body);
    }
    let mut body = Vec::new();
    if is_response {
        reader.take(MAX_BODY as u64).read_to_end(&mut body)?;
    }
    Ok(body)
}

fn read_chunked(reader: &mut impl BufRead) -> std::io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line)?;
        let size = line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size, 16).map_err(|_| invalid("bad chunk size"))?;
        if body.len() + size > MAX_BODY {
            return Err(invalid("body too large"));
        }
        if size == 0 {
            // Trailers, then the blank line that ends the message.
            loop {
                line.clear();
                if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
                    return Ok(body);
                }
            }
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader.read_exact(&mut body[start..])?;
        let mut crlf = [0u8; 2];
        reader.read_exact(&mut crlf)?;
    }
}

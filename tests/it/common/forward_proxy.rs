//! A forward HTTP proxy, as a corporate network has one: `CONNECT host:port` tunnels (HTTPS)
//! and absolute-form requests (`POST http://host:port/ HTTP/1.1`, plain HTTP). It records the
//! target of every request it gets, and reaches only this machine: anything else is answered
//! 502 after being recorded, so a test can see where a client wanted to go (the SDK's FIPS or
//! global endpoint) without any traffic leaving the machine.

use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

const IO_TIMEOUT: Duration = Duration::from_secs(30);

pub struct ForwardProxy {
    /// `http://127.0.0.1:PORT`
    pub url: String,
    seen: Arc<Mutex<Vec<String>>>,
}

impl ForwardProxy {
    pub fn start() -> ForwardProxy {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind proxy");
        let url = format!("http://{}", listener.local_addr().expect("proxy address"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&seen);
        // The listener lives as long as the test process; each test has its own port.
        thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let recorded = Arc::clone(&recorded);
                thread::spawn(move || {
                    let _ = serve(conn, &recorded);
                });
            }
        });
        ForwardProxy { url, seen }
    }

    /// What clients asked for, in order: `CONNECT host:port` or `METHOD http://host:port/...`.
    pub fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }

    /// The `host:port` of every CONNECT, in order.
    pub fn tunnels(&self) -> Vec<String> {
        self.seen()
            .iter()
            .filter_map(|s| s.strip_prefix("CONNECT ").map(str::to_string))
            .collect()
    }
}

fn is_loopback(host: &str) -> bool {
    host == "localhost" || host == "127.0.0.1" || host == "[::1]"
}

fn serve(client: TcpStream, seen: &Mutex<Vec<String>>) -> std::io::Result<()> {
    client.set_read_timeout(Some(IO_TIMEOUT))?;
    let mut reader = BufReader::new(client.try_clone()?);
    let mut start = String::new();
    reader.read_line(&mut start)?;
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
        headers.push(line);
    }
    let mut parts = start.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    seen.lock().unwrap().push(format!("{method} {target}"));
    let mut client_w = client.try_clone()?;

    let (authority, rest) = if method == "CONNECT" {
        (target.to_string(), None)
    } else {
        let Some(after) = target.strip_prefix("http://") else {
            return refuse(&mut client_w);
        };
        let (authority, path) = after.split_at(after.find('/').unwrap_or(after.len()));
        let path = if path.is_empty() { "/" } else { path };
        (authority.to_string(), Some(path.to_string()))
    };
    let host = authority
        .rsplit_once(':')
        .map_or(authority.as_str(), |(h, _)| h);
    if !is_loopback(host) {
        return refuse(&mut client_w);
    }
    let upstream = match TcpStream::connect(&authority) {
        Ok(s) => s,
        Err(_) => return refuse(&mut client_w),
    };
    let mut upstream_w = upstream.try_clone()?;
    match rest {
        None => client_w.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")?,
        Some(path) => {
            // Origin form upstream, one request per connection (so each is seen here).
            let version = parts.next().unwrap_or("HTTP/1.1");
            let mut head = format!("{method} {path} {version}\r\n");
            for h in &headers {
                let name = h.split(':').next().unwrap_or("").to_ascii_lowercase();
                if name != "connection" && !name.starts_with("proxy-") {
                    head.push_str(h);
                }
            }
            head.push_str("Connection: close\r\n\r\n");
            upstream_w.write_all(head.as_bytes())?;
        }
    }
    // Bytes the reader already buffered belong upstream.
    let buffered = reader.buffer().to_vec();
    upstream_w.write_all(&buffered)?;
    let mut from_client = reader.into_inner();
    let mut to_upstream = upstream_w;
    let up = thread::spawn(move || {
        let _ = std::io::copy(&mut from_client, &mut to_upstream);
        let _ = to_upstream.shutdown(Shutdown::Write);
    });
    let mut from_upstream = upstream;
    let _ = std::io::copy(&mut from_upstream, &mut client_w);
    let _ = client_w.shutdown(Shutdown::Both);
    let _ = up.join();
    Ok(())
}

fn refuse(client: &mut TcpStream) -> std::io::Result<()> {
    client
        .write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")?;
    client.flush()?;
    let _ = client.shutdown(Shutdown::Both);
    Ok(())
}

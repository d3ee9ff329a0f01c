//! The latency of one credential request to `awsmfa serve`, as an SDK makes it (a new TCP
//! connection, one GET with the token, the whole answer read): `scripts/bench` runs it against
//! a warm server and reports the percentiles.
//!
//!   server_latency URL TOKEN N   ->   {"n":N,"p50_us":..,"p90_us":..,"p99_us":..,"max_us":..}
//!
//! Every answer must be a 200 with an AccessKeyId, or it stops with exit 1.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, token, n] = &args[..] else {
        eprintln!("usage: server_latency URL TOKEN N");
        std::process::exit(2);
    };
    let n: usize = n.parse().expect("N is a number");
    let rest = url.strip_prefix("http://").expect("an http:// URL");
    let (host, path) = rest.split_at(rest.find('/').expect("a path"));
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: {token}\r\n\r\n");
    let mut micros = Vec::with_capacity(n);
    let mut answer = Vec::with_capacity(4096);
    for i in 0..n {
        let start = Instant::now();
        let mut s = TcpStream::connect(host).expect("connect");
        s.write_all(request.as_bytes()).expect("send");
        answer.clear();
        s.read_to_end(&mut answer).expect("read");
        micros.push(start.elapsed().as_micros() as u64);
        if !answer.starts_with(b"HTTP/1.1 200 ") || !answer.windows(11).any(|w| w == b"AccessKeyId")
        {
            eprintln!("request {i}: not a 200 with credentials");
            std::process::exit(1);
        }
    }
    micros.sort_unstable();
    let at = |q: f64| micros[((micros.len() as f64 * q) as usize).min(micros.len() - 1)];
    println!(
        "{{\"n\":{n},\"p50_us\":{},\"p90_us\":{},\"p99_us\":{},\"max_us\":{}}}",
        at(0.50),
        at(0.90),
        at(0.99),
        micros[micros.len() - 1]
    );
}

//! One moto STS/IAM emulator per test process, started on first use and killed when the
//! process ends, however it ends.
//!
//! Lifetime: moto runs under a tiny `sh` wrapper whose stdin is a pipe whose only write end is
//! held by this process (in a static, so it is never dropped). When this process exits, whether
//! normally, by panic, `abort()` or SIGKILL, the kernel closes that end, the wrapper reads EOF
//! and kills moto. PR_SET_PDEATHSIG was rejected: it fires when the *thread* that spawned the
//! child exits, and libtest runs each test on a short-lived thread, so moto would die with the
//! first test that happened to start it.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const STARTUP_TIMEOUT: Duration = Duration::from_secs(20);
/// Port races (another process grabbing the port between our probe and moto's bind) are retried.
const START_ATTEMPTS: usize = 3;

/// `$1` moto_server, `$2` port, `$3` log file; stdin is the lifeline pipe.
/// A background list's stdin is /dev/null in a non-interactive shell, hence the explicit `<&3`.
/// Moto's own stdin is /dev/null so it never holds the lifeline open itself.
const WRAPPER: &str = r#"
"$1" -H 127.0.0.1 -p "$2" </dev/null >"$3" 2>&1 &
moto=$!
exec 3<&0
{ cat >/dev/null; kill "$moto" 2>/dev/null; rm -f "$3"; } <&3 &
exec 3<&-
wait "$moto"
"#;

/// A running moto server, shared by every test in this process. Its state (IAM users, roles,
/// MFA devices) is shared too: tests must use unique names and never reset it.
pub struct Moto {
    /// e.g. `http://127.0.0.1:40123`
    pub url: String,
    pub port: u16,
    /// moto's stdout/stderr, removed when moto is stopped.
    pub log: PathBuf,
    // Never read: kept so the lifeline pipe and the child handle live as long as the process.
    _lifeline: ChildStdin,
    _wrapper: Child,
}

/// The shared moto server, or None (after printing why) when the venv lacks it and this is not
/// CI. On CI a missing moto is a broken setup, so it panics rather than silently skip.
pub fn moto() -> Option<&'static Moto> {
    static MOTO: OnceLock<Result<Option<Moto>, String>> = OnceLock::new();
    // Keep the error, not a panic, in the cell: a failed start then fails every test at once
    // instead of each one retrying for 20 s.
    match MOTO.get_or_init(start) {
        Ok(moto) => moto.as_ref(),
        Err(e) => panic!("{e}"),
    }
}

/// Returns from the calling test (skipping it) when moto is not installed; see [`moto`].
#[macro_export]
macro_rules! require_moto {
    () => {
        match $crate::common::moto() {
            Some(moto) => moto,
            None => return,
        }
    };
}

fn start() -> Result<Option<Moto>, String> {
    let server = super::venv_bin().join("moto_server");
    if !server.is_file() {
        if super::tools_required() {
            panic!(
                "\n\n*** moto_server not found at {}: the test venv is missing. \
                 Run scripts/test (it installs it) or set AWSMFA_TEST_VENV. ***\n",
                server.display()
            );
        }
        eprintln!("skipping: moto not installed (run scripts/test)");
        return Ok(None);
    }
    let mut last_err = String::new();
    for _ in 0..START_ATTEMPTS {
        match start_on_free_port(&server) {
            Ok(moto) => return Ok(Some(moto)),
            Err(e) => last_err = e,
        }
    }
    Err(format!(
        "moto failed to start {START_ATTEMPTS} times; last: {last_err}"
    ))
}

fn free_port() -> u16 {
    // The listener is dropped at once; moto binds the port a moment later.
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .expect("bind 127.0.0.1:0")
        .port()
}

fn start_on_free_port(server: &Path) -> Result<Moto, String> {
    let port = free_port();
    let log = std::env::temp_dir().join(format!("awsmfa-moto-{}-{port}.log", std::process::id()));
    let mut wrapper = Command::new("sh")
        .arg("-c")
        .arg(WRAPPER)
        .arg("awsmfa-moto-wrapper")
        .arg(server)
        .arg(port.to_string())
        .arg(&log)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run sh: {e}"))?;
    let lifeline = wrapper.stdin.take().expect("piped stdin");

    let deadline = Instant::now() + STARTUP_TIMEOUT;
    loop {
        if answers_http(port) {
            return Ok(Moto {
                url: format!("http://127.0.0.1:{port}"),
                port,
                log,
                _lifeline: lifeline,
                _wrapper: wrapper,
            });
        }
        // The wrapper exits exactly when moto does, so this detects a crash (or a lost port race).
        if let Ok(Some(status)) = wrapper.try_wait() {
            let out = std::fs::read_to_string(&log).unwrap_or_default();
            let _ = std::fs::remove_file(&log);
            return Err(format!(
                "moto_server exited ({status}) on port {port}:\n{out}"
            ));
        }
        if Instant::now() >= deadline {
            // Dropping the lifeline makes the wrapper kill moto.
            drop(lifeline);
            let _ = wrapper.wait();
            let out = std::fs::read_to_string(&log).unwrap_or_default();
            return Err(format!(
                "moto_server did not answer on port {port} within {STARTUP_TIMEOUT:?}:\n{out}"
            ));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Any HTTP response means the server is up; moto answers `GET /` with an S3 bucket list.
fn answers_http(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect_timeout(
        &(Ipv4Addr::LOCALHOST, port).into(),
        Duration::from_millis(500),
    ) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 5];
    stream.read_exact(&mut head).is_ok() && &head == b"HTTP/"
}

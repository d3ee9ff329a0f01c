//! A private X display (Xvfb) per test, and xdotool / ImageMagick to find, answer, count and
//! photograph the dialogs awsmfa raises on it.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::common::*;

/// The dialogs' window title (`--title awsmfa`), as an anchored xdotool pattern.
pub const DIALOG: &str = "^awsmfa$";

/// Whether every tool in `tools` is on PATH. Missing under CI (`AWSMFA_REQUIRE_TOOLS`): the
/// test fails saying which; locally it is skipped with the reason printed.
pub fn have_tools(tools: &[&str]) -> bool {
    let missing: Vec<&str> = tools
        .iter()
        .copied()
        .filter(|t| which(t).is_none())
        .collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        !tools_required(),
        "not installed: {} (scripts/test installs them: xvfb, zenity, xdotool, imagemagick)",
        missing.join(", ")
    );
    eprintln!("skipping: not installed: {}", missing.join(", "));
    false
}

pub fn which(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(tool))
        .find(|p| p.is_file())
}

/// An Xvfb server on a display number nobody uses; killed when dropped.
pub struct Xvfb {
    child: Child,
    /// `:N`
    pub display: String,
}

impl Xvfb {
    /// A new X server, or None (skipped, with the reason printed) without Xvfb, zenity,
    /// xdotool and ImageMagick's `import`.
    ///
    /// Each test gets a display number no other test of this run had: Xvfb's letting go of a
    /// number (its socket file removed on exit) raced with the next server taking it, and a
    /// dialog then found no server. `-displayfd` says when the server accepts clients (its
    /// socket file appears earlier); a number someone else holds makes Xvfb exit: try the next.
    pub fn start() -> Option<Xvfb> {
        if !have_tools(&["Xvfb", "zenity", "xdotool", "import", "identify"]) {
            return None;
        }
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let base = 100 + (std::process::id() % 300) * 16;
        for _ in 0..64 {
            let n = base + NEXT.fetch_add(1, Ordering::Relaxed);
            if Path::new(&format!("/tmp/.X{n}-lock")).exists() {
                continue;
            }
            if let Some(x) = Xvfb::start_on(n) {
                return Some(x);
            }
        }
        panic!("no free X display number for Xvfb");
    }

    /// Xvfb on `:n`, once it accepts clients; None when it exits first (the number is taken).
    fn start_on(n: u32) -> Option<Xvfb> {
        let mut fds = [0 as libc::c_int; 2];
        // SAFETY: pipe2 writes two descriptors into the array it is given.
        assert_eq!(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) }, 0);
        // SAFETY: both descriptors were just created and are owned here alone.
        let (read_end, write_end) = unsafe {
            use std::os::fd::FromRawFd;
            (
                std::fs::File::from_raw_fd(fds[0]),
                std::os::fd::OwnedFd::from_raw_fd(fds[1]),
            )
        };
        let child_fd = fds[1];
        let mut cmd = Command::new("Xvfb");
        cmd.arg(format!(":{n}"))
            .args(["-displayfd", &child_fd.to_string()])
            .args(["-screen", "0", "1024x768x24", "-nolisten", "tcp"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // SAFETY: fcntl is async-signal-safe; only Xvfb's copy of the write end loses CLOEXEC,
        // so no other child of this test binary inherits it.
        unsafe {
            use std::os::unix::process::CommandExt;
            cmd.pre_exec(move || {
                if libc::fcntl(child_fd, libc::F_SETFD, 0) == -1 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let mut child = cmd.spawn().expect("start Xvfb");
        drop(write_end);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = std::io::BufRead::read_line(&mut std::io::BufReader::new(read_end), &mut line);
            let _ = tx.send(line);
        });
        let ready = rx
            .recv_timeout(Duration::from_secs(30))
            .ok()
            .is_some_and(|l| l.trim() == n.to_string());
        if !ready {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        Some(Xvfb {
            child,
            display: format!(":{n}"),
        })
    }

    /// `xdotool ARGS` on this display.
    pub fn xdotool(&self, args: &[&str], timeout: Duration) -> Output {
        let mut cmd = Command::new("xdotool");
        cmd.args(args).env("DISPLAY", &self.display);
        run_command(cmd, None, timeout)
    }

    /// The visible dialogs now, by window id.
    pub fn dialogs(&self) -> Vec<String> {
        // Exit 1 when nothing matches: an empty list, not an error.
        let out = self.xdotool(
            &["search", "--onlyvisible", "--name", DIALOG],
            Duration::from_secs(10),
        );
        out.stdout.lines().map(str::to_string).collect()
    }

    /// Wait (at most 60 s: GTK starts slowly on a loaded machine) for the dialog one of `calls`
    /// raises and return its window id. A call that ends first fails the test with its output.
    ///
    /// One `xdotool search --sync` watches (it polls over a single connection): starting an
    /// xdotool every few milliseconds made Xvfb refuse zenity now and then ("cannot open
    /// display"), reproduced outside the tests with a shell loop.
    pub fn wait_for_dialog(&self, calls: &mut Vec<JoinHandle<Output>>) -> String {
        let mut watch = Command::new("xdotool")
            .args(["search", "--sync", "--onlyvisible", "--name", DIALOG])
            .env("DISPLAY", &self.display)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start xdotool");
        let deadline = Instant::now() + Duration::from_secs(60);
        let stop = |watch: &mut Child| {
            let _ = watch.kill();
            let _ = watch.wait();
        };
        loop {
            if watch.try_wait().ok().flatten().is_some() {
                let mut found = String::new();
                if let Some(mut out) = watch.stdout.take() {
                    let _ = std::io::Read::read_to_string(&mut out, &mut found);
                }
                let window = found.lines().next().unwrap_or_default().to_string();
                assert!(!window.is_empty(), "xdotool found no window: {found:?}");
                // Mapped is not yet drawn: give GTK a moment before typing or photographing.
                std::thread::sleep(Duration::from_millis(400));
                return window;
            }
            if let Some(i) = calls.iter().position(JoinHandle::is_finished) {
                stop(&mut watch);
                let out = calls.remove(i).join().unwrap();
                panic!(
                    "awsmfa ended before any dialog appeared on {}:\n{out}",
                    self.display
                );
            }
            if Instant::now() >= deadline {
                stop(&mut watch);
                panic!("no awsmfa dialog appeared on {}", self.display);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Focus `window` and type `text` followed by Enter, as a person would.
    pub fn type_into(&self, window: &str, text: &str) {
        let t = Duration::from_secs(15);
        // Without a window manager the focus is set directly (xdotool complains about the
        // server's answer to XGetInputFocus, harmlessly).
        self.xdotool(&["windowfocus", "--sync", window], t);
        self.xdotool(&["type", "--delay", "20", text], t)
            .assert_success();
        self.xdotool(&["key", "Return"], t).assert_success();
    }

    /// Press Escape in `window`: zenity's Cancel.
    pub fn cancel(&self, window: &str) {
        let t = Duration::from_secs(15);
        self.xdotool(&["windowfocus", "--sync", window], t);
        self.xdotool(&["key", "Escape"], t).assert_success();
    }

    /// The process that owns `window` (GTK sets `_NET_WM_PID`), and its argv.
    pub fn window_argv(&self, window: &str) -> Vec<String> {
        let pid = self.xdotool(&["getwindowpid", window], Duration::from_secs(10));
        pid.assert_success();
        let cmdline = std::fs::read(format!("/proc/{}/cmdline", pid.stdout.trim()))
            .expect("read the dialog's argv");
        split_nul(&cmdline)
    }

    /// A PNG of the whole screen (`window` None) or of one window, checked to show something.
    pub fn screenshot(&self, window: Option<&str>, file: &Path) {
        let mut cmd = Command::new("import");
        cmd.args([
            "-display",
            &self.display,
            "-window",
            window.unwrap_or("root"),
        ])
        .arg(format!("png:{}", file.display()));
        run_command(cmd, None, Duration::from_secs(30)).assert_success();
        let mut identify = Command::new("identify");
        identify.args(["-format", "%k"]).arg(file);
        let colours = run_command(identify, None, Duration::from_secs(30));
        colours.assert_success();
        let n: u32 = colours.stdout.trim().parse().unwrap_or(0);
        assert!(
            n > 8,
            "{} shows {n} colours: nothing drawn?",
            file.display()
        );
    }
}

impl Drop for Xvfb {
    /// SIGTERM first, so Xvfb removes its socket and lock file; SIGKILL if it lingers.
    fn drop(&mut self) {
        if let Ok(pid) = libc::pid_t::try_from(self.child.id()) {
            // SAFETY: signals only the Xvfb this guard started (not yet reaped: same pid).
            unsafe { libc::kill(pid, libc::SIGTERM) };
        }
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if self.child.try_wait().ok().flatten().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn split_nul(bytes: &[u8]) -> Vec<String> {
    bytes
        .split(|b| *b == 0)
        .filter(|a| !a.is_empty())
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect()
}

/// Every process's argv on this machine that mentions `needle` (none may hold a code), but the
/// tests' own `xdotool type CODE`: the dialog tests run in parallel with the same code, and one
/// test saw another's typist (`["xdotool type --delay 20 480213"]`).
pub fn argv_holding(needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        if let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) {
            let argv = split_nul(&cmdline);
            let typist = argv.first().is_some_and(|p| p.ends_with("xdotool"))
                && argv.get(1).is_some_and(|a| a == "type");
            let argv = argv.join(" ");
            if argv.contains(needle) && !typist {
                found.push(argv);
            }
        }
    }
    found
}

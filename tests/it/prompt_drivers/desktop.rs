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
    pub fn start() -> Option<Xvfb> {
        if !have_tools(&["Xvfb", "zenity", "xdotool", "import", "identify"]) {
            return None;
        }
        // Spread the tests of this run (and of other runs) over distinct numbers.
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let base = 200 + (std::process::id() % 400) * 8;
        for _ in 0..64 {
            let n = base + NEXT.fetch_add(1, Ordering::Relaxed) % 3000;
            let socket = PathBuf::from(format!("/tmp/.X11-unix/X{n}"));
            if socket.exists() || Path::new(&format!("/tmp/.X{n}-lock")).exists() {
                continue;
            }
            let mut child = Command::new("Xvfb")
                .arg(format!(":{n}"))
                .args(["-screen", "0", "1024x768x24", "-nolisten", "tcp"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start Xvfb");
            let deadline = Instant::now() + Duration::from_secs(15);
            while Instant::now() < deadline {
                if child.try_wait().ok().flatten().is_some() {
                    break; // lost a race for this number: try the next
                }
                if socket.exists() {
                    return Some(Xvfb {
                        child,
                        display: format!(":{n}"),
                    });
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!("no free X display number for Xvfb");
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
    pub fn wait_for_dialog(&self, calls: &mut Vec<JoinHandle<Output>>) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(w) = self.dialogs().into_iter().next() {
                // Mapped is not yet drawn: give GTK a moment before typing or photographing.
                std::thread::sleep(Duration::from_millis(400));
                return w;
            }
            if let Some(i) = calls.iter().position(JoinHandle::is_finished) {
                let out = calls.remove(i).join().unwrap();
                panic!("awsmfa ended before any dialog appeared:\n{out}");
            }
            assert!(
                Instant::now() < deadline,
                "no awsmfa dialog appeared on {}",
                self.display
            );
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
    fn drop(&mut self) {
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

/// Every process's argv on this machine that mentions `needle` (none may hold a code).
pub fn argv_holding(needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        if let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) {
            let argv = split_nul(&cmdline).join(" ");
            if argv.contains(needle) {
                found.push(argv);
            }
        }
    }
    found
}

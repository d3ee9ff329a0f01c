//! Every other program awsmfa starts is started here (clippy.toml forbids `Command::new`
//! elsewhere): the user's commands (`mfa_process`, `AWSMFA_PASSPHRASE_COMMAND`,
//! `credential_process`, a `--browser` command: [`shell`], [`user_command`]), the helper
//! programs that hand awsmfa an MFA code (zenity, kdialog, osascript, ykman: [`run`]), and the
//! command `exec` runs ([`program`]).
//!
//! User commands and helpers run one way: stdin null, stdout captured into memory that is
//! wiped when dropped (it may hold a code, a passphrase, keys), stderr inherited or captured,
//! and for helpers an optional deadline after which the helper is killed. Nothing secret is
//! ever passed to them: the answer travels only from their stdout to this process. How a
//! failure reads, and its exit code, is the caller's to say.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// What happens to the helper's stderr.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stderr {
    /// Shown to the user (ykman's "Touch your YubiKey", an `mfa_process`'s own messages).
    Inherit,
    /// Kept from the user and only inspected by awsmfa: GTK and Qt print warnings on every
    /// run, which would break awsmfa's one-line errors.
    Capture,
}

/// How a helper ended.
pub enum Outcome {
    Exited {
        status: ExitStatus,
        /// Everything it printed on stdout: may be a code, so wiped on drop.
        stdout: Zeroizing<Vec<u8>>,
        /// Its stderr when captured (empty when inherited).
        stderr: String,
    },
    /// Still running at the deadline: it was killed.
    TimedOut,
}

/// `program` with no arguments yet: for `exec`'s command, a browser, a dialog program. Every
/// program awsmfa starts reads the credentials file `--aws-credentials` named, as it did when
/// the flag set the variable for the whole process.
#[allow(clippy::disallowed_methods)] // The one place: see the module header.
pub fn program(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut cmd = Command::new(program);
    crate::paths::with_credentials_file(&mut cmd);
    cmd
}

/// A user's command line, run as `/bin/sh -c SCRIPT` (more arguments become `$0`, `$1`, ...).
pub fn shell(script: &str) -> Command {
    let mut cmd = program("/bin/sh");
    cmd.arg("-c").arg(script);
    cmd
}

/// Why a user command gave no output; the caller words the error and chooses its kind.
#[derive(Debug)]
pub enum Failure {
    /// `/bin/sh` could not be started.
    NotStarted(std::io::Error),
    /// It ran and did not exit 0.
    Failed(ExitStatus),
}

/// Run the user's `script` with `sh -c` to its end (no deadline: it may wait for a person, a
/// touch, a passphrase typed on /dev/tty): stdin null, stderr inherited, its stdout (wiped on
/// drop) when it exits 0.
pub fn user_command(script: &str) -> std::result::Result<Zeroizing<Vec<u8>>, Failure> {
    let mut cmd = shell(script);
    let mut child = start(&mut cmd, Stderr::Inherit).map_err(Failure::NotStarted)?;
    let out = drain(child.stdout.take());
    let status = child.wait().map_err(Failure::NotStarted)?;
    let stdout = collect(out);
    if !status.success() {
        return Err(Failure::Failed(status));
    }
    Ok(stdout)
}

/// At most this much of a helper's output is kept: a code is six digits, a runaway helper
/// must not fill memory.
const OUTPUT_LIMIT: u64 = 64 * 1024;

/// Run `cmd` to its end or to `timeout`, whichever comes first. An error only when it cannot
/// be started; how it ended is the [`Outcome`].
pub fn run(mut cmd: Command, stderr: Stderr, timeout: Option<Duration>) -> Result<Outcome> {
    let name = cmd.get_program().to_string_lossy().into_owned();
    let mut child = start(&mut cmd, stderr)
        .map_err(|e| Error::Other(format!("{name} could not be started: {e}")))?;
    let out = drain(child.stdout.take());
    let err = drain(child.stderr.take());
    let status = match timeout {
        None => Some(
            child
                .wait()
                .map_err(|e| Error::io(format!("cannot wait for {name}"), e))?,
        ),
        Some(limit) => wait_until(&mut child, Instant::now() + limit, &name)?,
    };
    let stdout = collect(out);
    let stderr = String::from_utf8_lossy(&collect(err)).into_owned();
    Ok(match status {
        Some(status) => Outcome::Exited {
            status,
            stdout,
            stderr,
        },
        None => Outcome::TimedOut,
    })
}

/// Start `cmd` with stdin null, stdout piped and `stderr` as asked, to die with awsmfa.
fn start(cmd: &mut Command, stderr: Stderr) -> std::io::Result<Child> {
    cmd.stdin(Stdio::null()).stdout(Stdio::piped());
    cmd.stderr(match stderr {
        Stderr::Inherit => Stdio::inherit(),
        Stderr::Capture => Stdio::piped(),
    });
    die_with_parent(cmd);
    cmd.spawn()
}

/// What a [`drain`] read, once the program has ended. A program that left a child behind
/// holding the pipe open must not hold awsmfa up: after two seconds, what it printed so far.
fn collect(drained: Drained) -> Zeroizing<Vec<u8>> {
    if drained.done.recv_timeout(Duration::from_secs(2)).is_err() {
        crate::ui::debug(
            "a program's output pipe is still held open (by a child it left running): taking what it printed",
        );
    }
    let mut buf = drained.buf.lock().unwrap_or_else(|p| p.into_inner());
    std::mem::take(&mut *buf)
}

/// Wait for `child` until `deadline`; past it, kill it and answer `None`.
fn wait_until(child: &mut Child, deadline: Instant, name: &str) -> Result<Option<ExitStatus>> {
    let mut pause = Duration::from_millis(5);
    loop {
        if let Some(status) = child
            .try_wait()
            .map_err(|e| Error::io(format!("cannot wait for {name}"), e))?
        {
            return Ok(Some(status));
        }
        let now = Instant::now();
        if now >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(None);
        }
        std::thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

/// A pipe being read on a thread of its own: the bytes so far, and word when it ended.
struct Drained {
    buf: Arc<Mutex<Zeroizing<Vec<u8>>>>,
    done: mpsc::Receiver<()>,
}

/// Read a pipe to its end (at most [`OUTPUT_LIMIT`]) on a thread of its own: a full pipe nobody
/// reads would block the helper forever. The bytes are shared as they arrive, so a pipe that a
/// left-behind child keeps open still yields what the program printed. Nothing to read: done
/// at once.
fn drain(pipe: Option<impl Read + Send + 'static>) -> Drained {
    let buf = Arc::new(Mutex::new(Zeroizing::new(Vec::new())));
    let (tx, done) = mpsc::channel();
    match pipe {
        None => {
            let _ = tx.send(());
        }
        Some(mut pipe) => {
            let shared = Arc::clone(&buf);
            std::thread::spawn(move || {
                let mut chunk = Zeroizing::new([0u8; 4096]);
                let mut left = OUTPUT_LIMIT as usize;
                while left > 0 {
                    let want = left.min(chunk.len());
                    match pipe.read(&mut chunk[..want]) {
                        Ok(0) => break,
                        Ok(n) => {
                            let mut out = shared.lock().unwrap_or_else(|p| p.into_inner());
                            out.extend_from_slice(&chunk[..n]);
                            left -= n;
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(_) => break,
                    }
                }
                let _ = tx.send(());
            });
        }
    }
    Drained { buf, done }
}

/// On Linux, a dialog left open when awsmfa is killed would take a code for nobody: the kernel
/// ends it with its parent.
fn die_with_parent(cmd: &mut Command) {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: prctl is async-signal-safe and touches no memory of this process.
        unsafe {
            cmd.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM);
                Ok(())
            });
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = cmd;
}

/// The program `name` as the shell would find it on `PATH`: the first executable file.
pub fn find_program(name: &str) -> Option<PathBuf> {
    let path = crate::paths::PATH.os()?;
    std::env::split_paths(&path)
        .filter(|dir| !dir.as_os_str().is_empty())
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Command {
        shell(script)
    }

    #[test]
    fn stdout_is_captured_and_stdin_is_empty() {
        let Outcome::Exited { status, stdout, .. } =
            run(sh("cat; echo 123456"), Stderr::Inherit, None).unwrap()
        else {
            panic!("no deadline, so no time-out");
        };
        assert!(status.success());
        assert_eq!(stdout.as_slice(), b"123456\n");
    }

    #[test]
    fn stderr_can_be_kept_from_the_user() {
        let Outcome::Exited { status, stderr, .. } = run(
            sh("echo 'Gtk-WARNING: noise' >&2; exit 1"),
            Stderr::Capture,
            Some(Duration::from_secs(20)),
        )
        .unwrap() else {
            panic!("exits long before the deadline");
        };
        assert_eq!(status.code(), Some(1));
        assert!(stderr.contains("Gtk-WARNING"), "{stderr}");
    }

    #[test]
    fn a_helper_past_its_deadline_is_killed() {
        let dir = tempfile::tempdir().unwrap();
        let pidfile = dir.path().join("pid");
        let started = Instant::now();
        let outcome = run(
            // exec: the pid written is the process the runner must kill.
            sh(&format!("echo $$ > '{}'; exec sleep 30", pidfile.display())),
            Stderr::Capture,
            Some(Duration::from_millis(300)),
        )
        .unwrap();
        assert!(matches!(outcome, Outcome::TimedOut));
        assert!(started.elapsed() < Duration::from_secs(5));
        let pid: i32 = std::fs::read_to_string(&pidfile)
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        // SAFETY: kill with signal 0 only asks whether the process exists.
        let alive = unsafe { libc::kill(pid, 0) } == 0;
        assert!(!alive, "the helper {pid} is still running");
    }

    #[test]
    fn a_missing_program_is_an_error_naming_it() {
        let e = run(
            program("/nonexistent/zenity"),
            Stderr::Capture,
            Some(Duration::from_secs(1)),
        )
        .err()
        .unwrap();
        assert!(
            e.to_string()
                .contains("/nonexistent/zenity could not be started"),
            "{e}"
        );
    }

    #[test]
    fn programs_are_found_on_path_only_when_executable() {
        assert!(find_program("sh").is_some());
        assert!(find_program("awsmfa-no-such-program").is_none());
    }

    #[test]
    fn a_user_command_gets_no_stdin_and_its_status_is_checked() {
        let out = user_command("cat; printf 'secret\\n'").unwrap();
        assert_eq!(out.as_slice(), b"secret\n");
        match user_command("echo printed; exit 3") {
            Err(Failure::Failed(status)) => assert_eq!(status.code(), Some(3)),
            other => panic!("{other:?}"),
        }
        // Arguments after the script are the shell's $0 and $1.
        let mut cmd = shell("printf '%s' \"$1\"");
        cmd.arg("name").arg("a b");
        let Outcome::Exited { stdout, .. } = run(cmd, Stderr::Capture, None).unwrap() else {
            panic!("no deadline");
        };
        assert_eq!(stdout.as_slice(), b"a b");
    }

    /// A user command (`credential_process`, `AWSMFA_PASSPHRASE_COMMAND`) that starts a
    /// background helper inheriting its stdout still hands over what it printed: 4800f30 read
    /// its stdout to the end (`Command::output`); the shared runner gives up after two seconds
    /// and drops what it had read.
    #[test]
    fn a_user_command_that_leaves_a_child_holding_stdout_keeps_its_output() {
        let out = user_command("printf 'secret\\n'; sleep 4 &").unwrap();
        assert_eq!(out.as_slice(), b"secret\n");
    }
}

//! Termination signals held back while awsmfa owns something that must not outlive it (the
//! console's sign-in page): SIGINT, SIGTERM and SIGHUP are blocked and polled, so cleanup runs
//! in ordinary code (no handler, nothing async-signal-unsafe), then the process dies of the
//! signal as it would have.

use std::os::unix::process::CommandExt;
use std::time::{Duration, Instant};

/// The signals that end an interactive command.
const TERMINATING: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

/// While alive, SIGINT, SIGTERM and SIGHUP are blocked for this thread (awsmfa is
/// single-threaded outside the SDK's runtime) and stay pending until [`Held::sleep`] sees one.
pub struct Held {
    old: libc::sigset_t,
}

fn terminating_set() -> libc::sigset_t {
    // SAFETY: sigemptyset/sigaddset only write the set they are given.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for sig in TERMINATING {
            libc::sigaddset(&mut set, sig);
        }
        set
    }
}

impl Held {
    pub fn hold() -> Held {
        let set = terminating_set();
        // SAFETY: pthread_sigmask reads `set` and writes `old`, both owned here.
        unsafe {
            let mut old: libc::sigset_t = std::mem::zeroed();
            libc::pthread_sigmask(libc::SIG_BLOCK, &set, &mut old);
            Held { old }
        }
    }

    /// A child must not inherit the blocked signals: Ctrl-C has to reach a browser too.
    pub fn unblock_in_child(&self, cmd: &mut std::process::Command) {
        let old = self.old;
        // SAFETY: sigprocmask is async-signal-safe and reads only a copy owned by the closure.
        unsafe {
            cmd.pre_exec(move || {
                libc::sigprocmask(libc::SIG_SETMASK, &old, std::ptr::null_mut());
                Ok(())
            });
        }
    }

    /// A terminating signal that arrived and is waiting, if any.
    pub fn pending(&self) -> Option<libc::c_int> {
        // SAFETY: sigpending/sigismember only touch the set owned here.
        unsafe {
            let mut pending: libc::sigset_t = std::mem::zeroed();
            libc::sigpending(&mut pending);
            TERMINATING
                .into_iter()
                .find(|s| libc::sigismember(&pending, *s) == 1)
        }
    }

    /// Wait up to `d` for a terminating signal and take it (it is no longer pending). `from_tty`
    /// tells a signal the terminal sent to its whole foreground group (Ctrl-C, a hang-up: the
    /// kernel's) from one a process sent with kill(2).
    pub fn take(&self, d: Duration) -> Option<Caught> {
        let set = terminating_set();
        #[cfg(target_os = "linux")]
        // SAFETY: sigtimedwait reads `set` and the timeout and writes `info`, all owned here.
        unsafe {
            let timeout = libc::timespec {
                tv_sec: d.as_secs() as libc::time_t,
                tv_nsec: d.subsec_nanos() as libc::c_long,
            };
            let mut info: libc::siginfo_t = std::mem::zeroed();
            let sig = libc::sigtimedwait(&set, &mut info, &timeout);
            (sig > 0).then_some(Caught {
                signal: sig,
                from_tty: info.si_code == libc::SI_KERNEL,
            })
        }
        #[cfg(not(target_os = "linux"))]
        {
            // No sigtimedwait: poll, then take the pending one with sigwait (it returns at once).
            // No siginfo either: SIGINT and SIGHUP are taken to be the terminal's (which has
            // sent them to the whole group already); SIGTERM never is.
            let _ = set;
            self.sleep(d).err().map(|_| {
                let mut sig = 0;
                // SAFETY: sigwait reads the set and writes `sig`.
                unsafe { libc::sigwait(&terminating_set(), &mut sig) };
                Caught {
                    signal: sig,
                    from_tty: sig != libc::SIGTERM,
                }
            })
        }
    }

    /// Sleep for `d`, waking within 20 ms of a terminating signal: `Err(signal)` then.
    pub fn sleep(&self, d: Duration) -> Result<(), libc::c_int> {
        let deadline = Instant::now() + d;
        loop {
            if let Some(sig) = self.pending() {
                return Err(sig);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Ok(());
            }
            std::thread::sleep(left.min(Duration::from_millis(20)));
        }
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        // SAFETY: restores the mask saved in `hold`.
        unsafe {
            libc::pthread_sigmask(libc::SIG_SETMASK, &self.old, std::ptr::null_mut());
        }
    }
}

/// A terminating signal taken by [`Held::take`].
#[derive(Debug, Clone, Copy)]
pub struct Caught {
    pub signal: libc::c_int,
    /// Sent by the terminal to the whole foreground process group (a child there has it too).
    pub from_tty: bool,
}

/// Die of `sig` as if it had never been held (default action, so the parent sees the signal),
/// after the caller has cleaned up. Exits 128+sig should the signal somehow not end us.
pub fn die_of(sig: libc::c_int) -> ! {
    // SAFETY: resetting a disposition, unblocking and raising a signal on ourselves.
    unsafe {
        libc::signal(sig, libc::SIG_DFL);
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, sig);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        libc::raise(sig);
    }
    std::process::exit(128 + sig)
}

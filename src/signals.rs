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

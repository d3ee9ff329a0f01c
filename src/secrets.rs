//! Secrets in memory: a process that holds long-lived keys, session tokens, MFA codes or the
//! store passphrase never writes them into a core file, and wipes them when done.
//!
//! Every panic is an abort (release profile) and a signal can kill awsmfa mid-call, so with
//! `ulimit -c unlimited` a core file would hold every secret in memory. [`forbid_core_dumps`]
//! runs first thing in `main`, before any file is read.

use std::sync::OnceLock;

/// The core-file limit awsmfa was started with, handed back to the command `exec` runs.
static STARTED_WITH: OnceLock<libc::rlimit> = OnceLock::new();

/// No core dumps from this process: the soft `RLIMIT_CORE` goes to 0 and, on Linux, the process
/// is made non-dumpable (which also keeps other processes of the user from ptrace-attaching to
/// read its memory). Failures are ignored: both calls only lower what is allowed.
pub fn forbid_core_dumps() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_DUMPABLE takes plain integers and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit/setrlimit read and write only the struct passed in.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_CORE, &mut limit) == 0 {
            let _ = STARTED_WITH.set(limit);
            let zero = libc::rlimit {
                rlim_cur: 0,
                rlim_max: limit.rlim_max,
            };
            libc::setrlimit(libc::RLIMIT_CORE, &zero);
        }
    }
}

/// Give the user's own core-file limit back to a command awsmfa runs on their behalf (`exec`):
/// it is their program, and it holds only the temporary credentials it was given. (The
/// non-dumpable flag needs nothing: execve resets it.)
pub fn restore_core_limit(cmd: &mut std::process::Command) {
    use std::os::unix::process::CommandExt;
    let Some(limit) = STARTED_WITH.get().copied() else {
        return;
    };
    // SAFETY: setrlimit is async-signal-safe and only reads `limit`, a copy owned by the closure.
    unsafe {
        cmd.pre_exec(move || {
            libc::setrlimit(libc::RLIMIT_CORE, &limit);
            Ok(())
        });
    }
}

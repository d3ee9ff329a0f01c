//! Messages to the user on stderr (`awsmfa: ...`), honouring `--quiet` and `--verbose`.
//! stdout is never written here: it carries only what is meant to be evaluated or parsed.

use std::sync::atomic::{AtomicU8, Ordering};

static LEVEL: AtomicU8 = AtomicU8::new(1);

/// 0 = quiet (errors only), 1 = normal, 2 = verbose.
pub fn set_level(level: u8) {
    LEVEL.store(level, Ordering::Relaxed);
}

fn level() -> u8 {
    LEVEL.load(Ordering::Relaxed)
}

/// A notice the user should see (expiry, a fallback taken); hidden by `--quiet`.
pub fn info(msg: &str) {
    if level() >= 1 {
        eprintln!("awsmfa: {msg}");
    }
}

/// Something went wrong but awsmfa carries on; hidden by `--quiet`.
pub fn warn(msg: &str) {
    if level() >= 1 {
        eprintln!("awsmfa: warning: {msg}");
    }
}

/// Detail for `--verbose` (which requests are made, which cache entries are used).
pub fn debug(msg: &str) {
    if level() >= 2 {
        eprintln!("awsmfa: {msg}");
    }
}

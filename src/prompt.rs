//! The prompt segment, from the environment alone (no file, no network): `dev-admin 42m`,
//! `dev-admin 8m!` under the warning threshold, `dev-admin expired`, or nothing. Any malformed
//! variable means nothing is shown: a prompt must never print an error.

use crate::creds::{format_utc, from_unix};

/// Default format; the shell functions from `awsmfa init` render the same text.
pub const DEFAULT_FORMAT: &str = "{profile} {left}{warn}";
/// Default warning threshold in seconds (`AWSMFA_PROMPT_WARN`).
pub const DEFAULT_WARN: i64 = 600;

/// Time left as the prompt shows it: `1h05m`, `42m`, `30s` (no `0s`: that is `expired`).
pub fn left_text(left: i64) -> String {
    crate::creds::short_duration(left)
}

/// The segment for `profile`/`expires` (the raw variable values) at `now` (Unix seconds).
/// Placeholders: `{profile}`, `{left}` (or `expired`), `{expires}` (UTC), `{warn}` (`!` when
/// under `warn` seconds).
pub fn segment(
    profile: Option<&str>,
    expires: Option<&str>,
    now: i64,
    format: &str,
    warn: i64,
) -> String {
    let Some(profile) = profile.filter(|p| !p.is_empty()) else {
        return String::new();
    };
    let Some(expires) =
        expires.filter(|e| (1..=12).contains(&e.len()) && e.bytes().all(|b| b.is_ascii_digit()))
    else {
        return String::new();
    };
    let Ok(expires) = expires.parse::<i64>() else {
        return String::new();
    };
    let left = expires - now;
    let (left_s, warn_s) = if left <= 0 {
        ("expired".to_string(), "")
    } else {
        (left_text(left), if left < warn { "!" } else { "" })
    };
    format
        .replace("{profile}", profile)
        .replace("{left}", &left_s)
        .replace("{expires}", &format_utc(from_unix(expires)))
        .replace("{warn}", warn_s)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn seg(profile: Option<&str>, expires: Option<&str>) -> String {
        segment(profile, expires, NOW, DEFAULT_FORMAT, DEFAULT_WARN)
    }

    #[test]
    fn every_branch() {
        let at = |secs: i64| (NOW + secs).to_string();
        assert_eq!(seg(None, None), "", "none active");
        assert_eq!(
            seg(Some("dev-admin"), Some(&at(3900))),
            "dev-admin 1h05m",
            "hours"
        );
        assert_eq!(
            seg(Some("dev-admin"), Some(&at(2520))),
            "dev-admin 42m",
            "minutes"
        );
        assert_eq!(
            seg(Some("dev-admin"), Some(&at(480))),
            "dev-admin 8m!",
            "under threshold"
        );
        assert_eq!(
            seg(Some("dev-admin"), Some(&at(30))),
            "dev-admin 30s!",
            "seconds"
        );
        assert_eq!(seg(Some("dev-admin"), Some(&at(0))), "dev-admin expired");
        assert_eq!(seg(Some("dev-admin"), Some(&at(-100))), "dev-admin expired");
    }

    #[test]
    fn malformed_means_nothing() {
        for bad in [
            "",
            "abc",
            "-5",
            "1e9",
            "12 34",
            "9999999999999",
            " 1800000000",
        ] {
            assert_eq!(seg(Some("p"), Some(bad)), "", "{bad:?}");
        }
        assert_eq!(seg(Some(""), Some("1800003600")), "");
        assert_eq!(seg(Some("p"), None), "");
    }

    #[test]
    fn formats() {
        let s = segment(
            Some("p"),
            Some("1800003600"),
            NOW,
            "[{profile}|{left}|{expires}]",
            600,
        );
        assert_eq!(s, "[p|1h00m|2027-01-15T09:00:00Z]");
    }
}

//! Temporary AWS credentials as awsmfa hands them out, with a `Debug` that never shows secrets.

use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// A set of AWS credentials. `session_token` is `None` only for long-lived keys.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_token: Option<String>,
    /// When the credentials stop working (UTC); `None` for long-lived keys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration: Option<DateTime<Utc>>,
}

/// The AWS `credential_process` document (Version 1), both ways: what `awsmfa
/// credential-process` prints for SDKs, and what a profile's `credential_process` helper prints
/// for awsmfa. Fields in the order the AWS documentation shows; `SessionToken` and `Expiration`
/// are left out when absent (long-lived keys) and may be missing on input. No `Debug`: it holds
/// secrets.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ProcessDocument {
    pub version: u32,
    pub access_key_id: String,
    pub secret_access_key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_token: Option<String>,
    /// RFC 3339; awsmfa prints [`format_utc`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration: Option<String>,
}

impl ProcessDocument {
    /// The document for `creds`.
    pub fn of(creds: &Credentials) -> ProcessDocument {
        ProcessDocument {
            version: 1,
            access_key_id: creds.access_key_id.clone(),
            secret_access_key: creds.secret_access_key.clone(),
            session_token: creds.session_token.clone(),
            expiration: creds.expiration.map(format_utc),
        }
    }

    /// One line of compact JSON and a newline.
    pub fn to_line(&self) -> String {
        // Strings and a number always serialize; serde_json escapes every string.
        let mut line = serde_json::to_string(self).expect("a document of strings serializes");
        line.push('\n');
        line
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .field("expiration", &self.expiration)
            .finish()
    }
}

/// The secret and the token are wiped from memory when the credentials are dropped (a clone is
/// wiped when it goes too). The key id is not a secret and stays.
impl Drop for Credentials {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.secret_access_key.zeroize();
        self.session_token.zeroize();
    }
}

impl Credentials {
    /// Seconds left before expiry at `now` (negative when expired); `None` when it never expires.
    pub fn seconds_left(&self, now: DateTime<Utc>) -> Option<i64> {
        self.expiration.map(|e| seconds_left(e, now))
    }

    /// Whether these credentials are still good for at least `min_left` seconds.
    pub fn valid_for(&self, now: DateTime<Utc>, min_left: i64) -> bool {
        self.seconds_left(now).is_none_or(|s| s >= min_left)
    }
}

/// `2026-11-26T20:01:56Z`: the one timestamp format awsmfa prints (UTC, seconds, `Z`).
pub fn format_utc(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `18:42 UTC`: a time of day for people (the date is near enough to go without).
pub fn utc_clock(t: DateTime<Utc>) -> String {
    t.format("%H:%M UTC").to_string()
}

/// Unix seconds to a UTC time (clamped to the epoch when out of range).
pub fn from_unix(secs: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(secs, 0).single().unwrap_or_default()
}

/// Seconds from `now` to `exp`, counted the one way every "time left" awsmfa shows is counted:
/// whole Unix seconds on both sides, as the shell prompt functions do (`EPOCHSECONDS`,
/// `printf %(%s)T`, `date +%s`). `(exp - now).num_seconds()` truncates the sub-second part of
/// `now` instead, so `use` said "59m" where the prompt, a moment later, said "1h00m".
pub fn seconds_left(exp: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    exp.timestamp() - now.timestamp()
}

/// The time left until `exp`, as notices and the prompt show it: `1h00m`, `42m`, `30s`.
pub fn time_left(exp: DateTime<Utc>) -> String {
    short_duration(seconds_left(exp, Utc::now()))
}

/// `11h59m`, `42m`, `30s`: a short human duration for notices and the prompt.
pub fn short_duration(secs: i64) -> String {
    let secs = secs.max(0);
    let (h, m) = (secs / 3600, (secs % 3600) / 60);
    if h > 0 {
        format!("{h}h{m:02}m")
    } else if m > 0 {
        format!("{m}m")
    } else {
        format!("{secs}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_secrets() {
        let c = Credentials {
            access_key_id: "ASIAFAKEKEYID0000001".into(),
            secret_access_key: "fake-secret-do-not-print".into(),
            session_token: Some("fake-token-do-not-print".into()),
            expiration: None,
        };
        let shown = format!("{c:?}");
        assert!(shown.contains("ASIAFAKEKEYID0000001"));
        assert!(!shown.contains("do-not-print"), "{shown}");
    }

    /// `use`'s notice and the prompt count the time left the same way: an hour's credentials
    /// issued 0.9 s into a second show `1h00m` in both (the notice said `59m`).
    #[test]
    fn time_left_counts_whole_seconds_like_the_prompt() {
        let now = from_unix(1_800_000_000) + chrono::Duration::milliseconds(900);
        let exp = from_unix(1_800_003_600);
        assert_eq!(short_duration(seconds_left(exp, now)), "1h00m");
        let prompt = crate::prompt::segment(
            Some("p"),
            Some(&exp.timestamp().to_string()),
            now.timestamp(),
            "{left}",
            0,
        );
        assert_eq!(prompt, "1h00m");
    }

    #[test]
    fn short_durations() {
        assert_eq!(short_duration(43140), "11h59m");
        assert_eq!(short_duration(3900), "1h05m");
        assert_eq!(short_duration(2520), "42m");
        assert_eq!(short_duration(59), "59s");
        assert_eq!(short_duration(-5), "0s");
    }

    #[test]
    fn utc_format_has_z() {
        assert_eq!(format_utc(from_unix(0)), "1970-01-01T00:00:00Z");
    }
}

//! Checks on values before any request is sent: the Rust SDK passes anything through, so a
//! 10-second duration or the code `abc` would only fail at AWS, slowly and less clearly.

use chrono::{DateTime, Utc};

use crate::creds::Credentials;
use crate::error::{Error, Result};

pub const SESSION_DURATIONS: std::ops::RangeInclusive<u32> = 900..=129_600;
pub const ROLE_DURATIONS: std::ops::RangeInclusive<u32> = 900..=43_200;
/// AWS caps a role assumed with temporary credentials (a session or another role) at one hour.
pub const CHAINED_ROLE_MAX: u32 = 3600;

/// Credentials about to be handed out (exported, printed, written, passed to a command) hold
/// no NUL character, nor do the profile name and region that go out with them. No environment
/// variable can hold NUL: quoters would have to drop it (a different secret), `exec` would fail
/// to start its command, JSON would pass it on. Checked once, where every hand-out starts
/// (`cli::issue`). Temporary credentials (with a session token) came from STS or a
/// `credential_process` answering for it: a broken reply, exit 5. Long-lived keys, the profile
/// name and the region came from files (or a helper standing in for one): a config error, 3.
pub fn handed_out(
    creds: &crate::creds::Credentials,
    profile: &str,
    region: Option<&str>,
) -> Result<()> {
    let has_nul = |s: &str| s.contains('\0');
    let fields = [
        ("AccessKeyId", Some(creds.access_key_id.as_str())),
        ("SecretAccessKey", Some(creds.secret_access_key.as_str())),
        ("SessionToken", creds.session_token.as_deref()),
    ];
    if let Some((field, _)) = fields.iter().find(|(_, v)| v.is_some_and(has_nul)) {
        let shown = crate::render::shell_word(profile);
        return Err(if creds.session_token.is_some() {
            Error::Network(format!(
                "the temporary credentials for {shown} are broken: their {field} holds a NUL character, which no environment variable can hold (from STS or the profile's credential_process); nothing was handed out"
            ))
        } else {
            Error::Profile(format!(
                "the long-lived keys of {shown} are broken: their {field} holds a NUL character, which no environment variable can hold; fix them in the credentials file, key store or credential_process"
            ))
        });
    }
    if has_nul(profile) {
        return Err(Error::Profile(
            "the profile name holds a NUL character; rename the section in the config file".into(),
        ));
    }
    if region.is_some_and(has_nul) {
        return Err(Error::Profile(format!(
            "the region of {} holds a NUL character; fix `region` in the config file",
            crate::render::shell_word(profile)
        )));
    }
    Ok(())
}

/// A TOTP code: exactly six ASCII digits (surrounding spaces are forgiven).
pub fn mfa_code(code: &str) -> Result<String> {
    let code = code.trim();
    let count = code.chars().count();
    let digits = code.bytes().all(|b| b.is_ascii_digit());
    if count == 6 && digits {
        return Ok(code.to_string());
    }
    // Say what is wrong: the length, the characters, or both. The code itself is not shown.
    let plural = if count == 1 { "" } else { "s" };
    let wrong = match (count == 6, digits) {
        (true, _) => "it is not all digits".to_string(),
        (false, true) => format!("it has {count} digit{plural}"),
        (false, false) => format!("it has {count} character{plural}, not all digits"),
    };
    Err(Error::Usage(format!(
        "the MFA code must be 6 digits; {wrong}, nothing was sent"
    )))
}

/// A duration in seconds within `range`; `what` names it in the message.
pub fn duration(value: &str, what: &str, range: std::ops::RangeInclusive<u32>) -> Result<u32> {
    let secs: u32 = value.trim().parse().map_err(|_| {
        Error::Usage(format!(
            "{what} duration '{value}' is not a whole number of seconds"
        ))
    })?;
    if range.contains(&secs) {
        Ok(secs)
    } else {
        Err(Error::Usage(format!(
            "{what} duration {secs} s is out of range: AWS allows {} to {} seconds ({} to {})",
            range.start(),
            range.end(),
            crate::creds::short_duration(i64::from(*range.start())),
            crate::creds::short_duration(i64::from(*range.end())),
        )))
    }
}

fn account_and_rest<'a>(arn: &'a str, service: &str) -> Option<(&'a str, &'a str)> {
    let mut parts = arn.splitn(6, ':');
    let (arn_lit, partition, svc, _region, account, rest) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    let partition_ok = partition.starts_with("aws")
        && partition
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'-');
    (arn_lit == "arn"
        && partition_ok
        && svc == service
        && account.len() == 12
        && account.bytes().all(|b| b.is_ascii_digit()))
    .then_some((account, rest))
}

/// `arn:aws:iam::123456789012:role/path/Name`.
pub fn role_arn(arn: &str) -> Result<()> {
    match account_and_rest(arn, "iam") {
        Some((_, rest))
            if rest
                .strip_prefix("role/")
                .is_some_and(|n| !n.is_empty() && !n.ends_with('/')) =>
        {
            Ok(())
        }
        _ => Err(Error::Usage(format!(
            "'{arn}' is not a role ARN (expected arn:aws:iam::123456789012:role/NAME)"
        ))),
    }
}

/// Whether `s` looks like a role ARN (the compatibility form takes either an ARN or a profile).
pub fn looks_like_arn(s: &str) -> bool {
    s.starts_with("arn:")
}

/// An MFA device: a virtual device ARN, or a hardware token serial number.
pub fn mfa_serial(serial: &str) -> Result<()> {
    let arn_ok = account_and_rest(serial, "iam")
        .is_some_and(|(_, r)| r.starts_with("mfa/") || r.starts_with("u2f/"));
    let hw_ok = (9..=256).contains(&serial.len())
        && serial
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+=/:,.@-_".contains(&b))
        && !serial.starts_with("arn:");
    if arn_ok || hw_ok {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "'{serial}' is not an MFA device (expected arn:aws:iam::123456789012:mfa/NAME or a token serial number)"
        )))
    }
}

/// A role session name: 2 to 64 of `[A-Za-z0-9+=,.@_-]`.
pub fn session_name(name: &str) -> Result<()> {
    let ok = (2..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+=,.@_-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "role session name '{name}' is invalid: use 2 to 64 letters, digits or +=,.@_-"
        )))
    }
}

/// The default role session name: `awsmfa-USER`, cut to fit and cleaned to the allowed set.
pub fn default_session_name() -> String {
    let user = crate::paths::USER
        .get()
        .or_else(|| crate::paths::LOGNAME.get())
        .unwrap_or_default();
    let clean: String = user
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(*c))
        .take(57)
        .collect();
    if clean.is_empty() {
        "awsmfa".into()
    } else {
        format!("awsmfa-{clean}")
    }
}

/// AWS documents access key ids as 16 to 128 word characters (`[\w]+`).
pub const KEY_ID_LEN: std::ops::RangeInclusive<usize> = 16..=128;
/// AWS documents no length for secret keys (theirs are 40 characters); 256 bounds a value that
/// ends up in files, headers' signatures and shell exports.
pub const SECRET_LEN: std::ops::RangeInclusive<usize> = 1..=256;
/// AWS says session tokens have no fixed size ("typically less than 4096 bytes ... future
/// updates might require larger sizes"): four times the typical size, still far below what
/// would be absurd in an HTTP header or an environment variable.
pub const TOKEN_LEN: std::ops::RangeInclusive<usize> = 1..=16 * 1024;

/// What is wrong with a credential: names the field and the fault, never the value, so it can
/// go into any message. Callers add where the value came from and pick the exit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadCredential(pub String);

impl std::fmt::Display for BadCredential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The first character of `value` outside `allowed`, described without showing it.
fn first_bad(value: &str, allowed: impl Fn(u8) -> bool) -> Option<String> {
    let (pos, c) = value
        .char_indices()
        .find(|(_, c)| !c.is_ascii() || !allowed(*c as u8))?;
    let kind = if c.is_control() {
        "a control character"
    } else if c.is_whitespace() {
        "a space"
    } else if !c.is_ascii() {
        "a non-ASCII character"
    } else {
        "a character that is not allowed"
    };
    let n = value[..pos].chars().count() + 1;
    Some(format!("{kind} (character {n})"))
}

fn check(
    what: &str,
    value: &str,
    len: std::ops::RangeInclusive<usize>,
    allowed: impl Fn(u8) -> bool,
    rule: &str,
) -> std::result::Result<(), BadCredential> {
    if value.is_empty() {
        return Err(BadCredential(format!("the {what} is empty")));
    }
    if let Some(bad) = first_bad(value, allowed) {
        return Err(BadCredential(format!("the {what} contains {bad}; {rule}")));
    }
    if !len.contains(&value.len()) {
        return Err(BadCredential(format!(
            "the {what} is {} characters long; {rule}",
            value.len()
        )));
    }
    Ok(())
}

/// An access key id: 16 to 128 of `[A-Za-z0-9_]` (AWS's documented `[\w]+`).
pub fn key_id(id: &str) -> std::result::Result<(), BadCredential> {
    check(
        "access key id",
        id,
        KEY_ID_LEN,
        |b| b.is_ascii_alphanumeric() || b == b'_',
        "AWS key ids are 16 to 128 letters, digits or _",
    )
}

/// A secret access key: 1 to 256 visible ASCII characters (no spaces, no control characters).
pub fn secret(secret: &str) -> std::result::Result<(), BadCredential> {
    check(
        "secret access key",
        secret,
        SECRET_LEN,
        |b| b.is_ascii_graphic(),
        "a secret access key is visible ASCII without spaces, at most 256 characters",
    )
}

/// A session token: visible ASCII without spaces, at most 16 KiB.
pub fn session_token(token: &str) -> std::result::Result<(), BadCredential> {
    check(
        "session token",
        token,
        TOKEN_LEN,
        |b| b.is_ascii_graphic(),
        "a session token is visible ASCII without spaces, at most 16384 characters",
    )
}

/// Every value of `c` that will be signed with, sent in a header, cached, written to a file or
/// exported to a shell: the one check for keys from files, the store, the environment,
/// `credential_process`, STS and IAM replies, and the cache. A control character in a key id
/// or token would otherwise reach the SDK's signer, which aborts on an invalid header value.
pub fn credentials(c: &Credentials) -> std::result::Result<(), BadCredential> {
    key_id(&c.access_key_id)?;
    secret(&c.secret_access_key)?;
    if let Some(t) = &c.session_token {
        session_token(t)?;
    }
    Ok(())
}

/// Temporary credentials must still have `min_left` seconds at `now`; long-lived ones (no
/// expiration) always pass.
pub fn fresh(
    c: &Credentials,
    now: DateTime<Utc>,
    min_left: i64,
) -> std::result::Result<(), BadCredential> {
    let (Some(exp), Some(left)) = (c.expiration, c.seconds_left(now)) else {
        return Ok(());
    };
    let at = crate::creds::format_utc(exp);
    if left <= 0 {
        return Err(BadCredential(format!(
            "they expired at {at} (this machine's clock says {})",
            crate::creds::format_utc(now)
        )));
    }
    if left < min_left {
        return Err(BadCredential(format!(
            "they expire at {at}, in {}: less than the {} awsmfa requires",
            crate::creds::short_duration(left),
            crate::creds::short_duration(min_left)
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(mfa_code(" 123456\n").unwrap(), "123456");
        for (bad, wrong) in [
            ("12345", "it has 5 digits,"),
            ("1234567", "it has 7 digits,"),
            ("abcdef", "it is not all digits,"),
            ("12345a", "it is not all digits,"),
            ("1", "it has 1 digit,"),
            ("", "it has 0 digits,"),
            ("abc", "it has 3 characters, not all digits,"),
            ("１２３４５６", "it is not all digits,"),
        ] {
            let e = mfa_code(bad).unwrap_err().to_string();
            assert!(e.starts_with("the MFA code must be 6 digits"), "{bad}: {e}");
            assert!(e.contains(wrong), "{bad}: {e}");
            assert!(
                !e.contains("abc") && !e.contains("123"),
                "shows the code: {e}"
            );
        }
    }

    #[test]
    fn durations() {
        assert_eq!(duration("900", "session", SESSION_DURATIONS).unwrap(), 900);
        assert_eq!(
            duration("10", "session", SESSION_DURATIONS)
                .unwrap_err()
                .to_string(),
            "session duration 10 s is out of range: AWS allows 900 to 129600 seconds (15m to 36h00m)"
        );
        assert!(
            duration("1h", "role", ROLE_DURATIONS)
                .unwrap_err()
                .to_string()
                .contains("not a whole number")
        );
        assert!(duration("43201", "role", ROLE_DURATIONS).is_err());
    }

    #[test]
    fn arns_and_names() {
        assert!(role_arn("arn:aws:iam::123456789012:role/dev-admin").is_ok());
        assert!(role_arn("arn:aws-cn:iam::123456789012:role/path/x").is_ok());
        for bad in [
            "arn:aws:iam::12345:role/x",
            "arn:aws:iam::123456789012:user/x",
            "role/x",
            "arn:aws:sts::123456789012:role/x",
            "arn:aws:iam::123456789012:role/",
        ] {
            assert!(role_arn(bad).is_err(), "{bad}");
        }
        assert!(mfa_serial("arn:aws:iam::123456789012:mfa/alice").is_ok());
        assert!(mfa_serial("GAHT12345678").is_ok());
        assert!(mfa_serial("arn:aws:iam::123456789012:role/x").is_err());
        assert!(session_name("awsmfa-alice").is_ok());
        assert!(session_name("a").is_err());
        assert!(session_name("has space").is_err());
        assert!(session_name(&default_session_name()).is_ok());
    }

    fn creds(id: &str, secret: &str, token: Option<&str>) -> Credentials {
        Credentials {
            access_key_id: id.into(),
            secret_access_key: secret.into(),
            session_token: token.map(str::to_string),
            expiration: None,
        }
    }

    #[test]
    fn credential_values_are_visible_ascii_of_sane_length() {
        const ID: &str = "ASIAFAKEFAKEFAKE0001";
        assert!(credentials(&creds(ID, "fake/Secret+Example=", Some("fake+Token/="))).is_ok());
        assert!(credentials(&creds("AKIA_FAKE_FAKE_0001", "s", None)).is_ok());
        let bad = [
            creds("ASIAFAKE\x0bFAKEFAKE01", "s", None),
            creds("ASIAFAKE\x01FAKEFAKE01", "s", None),
            creds("ASIAFAKE\x7fFAKEFAKE01", "s", None),
            creds("ASIAFAKE FAKEFAKE001", "s", None),
            creds("ASIA'FAKEFAKEFAKE001", "s", None),
            creds("ASIAFAKÉFAKEFAKE0001", "s", None),
            creds("ASIASHORT", "s", None),
            creds(&"A".repeat(129), "s", None),
            creds("", "s", None),
            creds(ID, "", None),
            creds(ID, "fake secret", None),
            creds(ID, "fake\nsecret", None),
            creds(ID, "fakë", None),
            creds(ID, &"s".repeat(257), None),
            creds(ID, "s", Some("zqx\nzqx")),
            creds(ID, "s", Some("zqx\rzqx")),
            creds(ID, "s", Some("zqx\u{85}zqx")),
            creds(ID, "s", Some("")),
            creds(ID, "s", Some(&"t".repeat(16 * 1024 + 1))),
        ];
        for c in &bad {
            let e = credentials(c).unwrap_err().to_string();
            // The message names the field and the fault, never the value.
            assert!(
                !e.contains("FAKE") && !e.contains("zqx") && !e.contains("fak"),
                "{e}"
            );
        }
        assert_eq!(
            key_id("ASIAFAKE\x7fFAKEFAKE01").unwrap_err().to_string(),
            "the access key id contains a control character (character 9); AWS key ids are 16 to 128 letters, digits or _"
        );
        assert_eq!(
            session_token("tok\nen").unwrap_err().to_string(),
            "the session token contains a control character (character 4); a session token is visible ASCII without spaces, at most 16384 characters"
        );
        assert!(session_token(&"t".repeat(16 * 1024)).is_ok());
    }

    #[test]
    fn freshness_counts_from_now() {
        let now = crate::creds::from_unix(1_900_000_000);
        let mut c = creds("ASIAFAKEFAKEFAKE0001", "s", Some("t"));
        assert!(fresh(&c, now, 900).is_ok(), "long-lived: no expiry");
        c.expiration = Some(crate::creds::from_unix(1_577_836_800));
        assert_eq!(
            fresh(&c, now, 900).unwrap_err().to_string(),
            "they expired at 2020-01-01T00:00:00Z (this machine's clock says 2030-03-17T17:46:40Z)"
        );
        c.expiration = Some(crate::creds::from_unix(1_900_000_600));
        assert_eq!(
            fresh(&c, now, 900).unwrap_err().to_string(),
            "they expire at 2030-03-17T17:56:40Z, in 10m: less than the 15m awsmfa requires"
        );
        c.expiration = Some(crate::creds::from_unix(1_900_000_900));
        assert!(fresh(&c, now, 900).is_ok());
    }
}

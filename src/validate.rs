//! Checks on values before any request is sent: the Rust SDK passes anything through, so a
//! 10-second duration or the code `abc` would only fail at AWS, slowly and less clearly.

use crate::error::{Error, Result};

pub const SESSION_DURATIONS: std::ops::RangeInclusive<u32> = 900..=129_600;
pub const ROLE_DURATIONS: std::ops::RangeInclusive<u32> = 900..=43_200;
/// AWS caps a role assumed with temporary credentials (a session or another role) at one hour.
pub const CHAINED_ROLE_MAX: u32 = 3600;

/// Credentials about to be handed out (exported, printed, written, passed to a command) hold
/// no NUL character, nor do the profile name and region that go out with them. No environment
/// variable can hold NUL: quoters would have to drop it (a different secret), `exec` would fail
/// to start its command, JSON would pass it on. Checked once, where every hand-out starts
/// ([`crate::cli::issue`]). Temporary credentials (with a session token) came from STS or a
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
    if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(code.to_string())
    } else {
        Err(Error::Usage(format!(
            "the MFA code must be 6 digits, got {} character{}; nothing was sent",
            code.chars().count(),
            if code.chars().count() == 1 { "" } else { "s" }
        )))
    }
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
            "{what} duration {secs} s is out of range: AWS allows {}..={} seconds ({} to {})",
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
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(mfa_code(" 123456\n").unwrap(), "123456");
        for bad in ["12345", "1234567", "abcdef", "12345a", "", "１２３４５６"] {
            let e = mfa_code(bad).unwrap_err().to_string();
            assert!(e.starts_with("the MFA code must be 6 digits"), "{bad}: {e}");
        }
    }

    #[test]
    fn durations() {
        assert_eq!(duration("900", "session", SESSION_DURATIONS).unwrap(), 900);
        assert_eq!(
            duration("10", "session", SESSION_DURATIONS)
                .unwrap_err()
                .to_string(),
            "session duration 10 s is out of range: AWS allows 900..=129600 seconds (15m to 36h00m)"
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
}

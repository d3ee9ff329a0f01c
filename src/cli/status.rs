//! `awsmfa status`: what is active in this shell (profile, key, expiry, time left), from the
//! environment; `--check` asks STS who the credentials belong to.

use clap::Args;
use serde::Serialize;

use crate::creds::{Credentials, format_utc, from_unix, short_duration};
use crate::error::Result;
use crate::paths;
use crate::store::mask;
use crate::sts::{SdkSts, Sts, pick_region};

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Print JSON (stable keys) instead of text
    #[arg(long)]
    pub json: bool,
    /// Also call GetCallerIdentity with the credentials in this shell
    #[arg(long)]
    pub check: bool,
}

/// `status --json`. The fields are in alphabetical order, as the keys were when the document
/// was a `serde_json` map (sorted): the output stays byte for byte the same.
#[derive(Serialize)]
struct StatusJson {
    access_key_id: Option<String>,
    active: bool,
    arn: Option<String>,
    auto_refresh: bool,
    expired: bool,
    expires: Option<String>,
    profile: Option<String>,
    region: Option<String>,
    seconds_left: Option<i64>,
    session_expires: Option<String>,
    session_seconds_left: Option<i64>,
}

fn var(v: paths::Var) -> Option<String> {
    v.non_empty()
}

/// When the MFA session under the active profile ends, from the cache alone (no network; nothing
/// when there is none or the profile cannot be read).
fn session_end(profile: &str) -> Option<i64> {
    let chain = crate::config::Config::load().ok()?.chain(profile).ok()?;
    let opts = crate::session::Options::default();
    let sts = SdkSts::new("us-east-1".into());
    let mut resolver = crate::session::Resolver::new(&opts, &sts);
    resolver.offline = true;
    let (_, session) = resolver.peek(&chain).ok()?;
    Some(session?.credentials.expiration?.timestamp())
}

/// Whether the shell hooks from `awsmfa init` renew credentials by themselves.
fn auto_refresh() -> bool {
    var(paths::AWSMFA_AUTO_REFRESH).is_none_or(|v| v != "0")
}

pub fn run(args: &StatusArgs) -> Result<()> {
    let profile = var(paths::AWSMFA_PROFILE);
    let expires = var(paths::AWSMFA_EXPIRES).and_then(|e| e.parse::<i64>().ok());
    let key = var(paths::AWS_ACCESS_KEY_ID);
    let region = var(paths::AWS_REGION).or_else(|| var(paths::AWS_DEFAULT_REGION));
    let now = chrono::Utc::now().timestamp();
    let left = expires.map(|e| e - now);
    let session = profile.as_deref().and_then(session_end);
    let session_left = session.map(|e| e - now);
    let arn = if args.check {
        let creds = match (key.clone(), var(paths::AWS_SECRET_ACCESS_KEY)) {
            (Some(access_key_id), Some(secret_access_key)) => Credentials {
                access_key_id,
                secret_access_key,
                session_token: var(paths::AWS_SESSION_TOKEN),
                expiration: None,
            },
            // Name the variable that is missing: half a key pair is not "no credentials".
            (key, _) => {
                let missing = match key {
                    Some(_) => "AWS_SECRET_ACCESS_KEY is not set, AWS_ACCESS_KEY_ID is",
                    None => "AWS_ACCESS_KEY_ID is not set",
                };
                return Err(crate::error::Error::Usage(format!(
                    "--check: no credentials in this shell ({missing}); run `awsmfa use PROFILE` first"
                )));
            }
        };
        Some(SdkSts::new(pick_region(None, region.as_deref())).caller_identity(&creds)?)
    } else {
        None
    };
    let text = if args.json {
        let doc = StatusJson {
            access_key_id: key.as_deref().map(mask),
            active: profile.is_some(),
            arn,
            auto_refresh: auto_refresh(),
            expired: left.is_some_and(|l| l <= 0),
            expires: expires.map(|e| format_utc(from_unix(e))),
            profile,
            region,
            seconds_left: left.map(|l| l.max(0)),
            session_expires: session.map(|e| format_utc(from_unix(e))),
            session_seconds_left: session_left.map(|l| l.max(0)),
        };
        let json = serde_json::to_string(&doc)
            .map_err(|e| crate::error::Error::Other(format!("cannot encode the status: {e}")))?;
        format!("{json}\n")
    } else {
        let mut lines = Vec::new();
        match &profile {
            Some(p) => lines.push(format!("profile  {p}")),
            None if key.is_some() => {
                lines.push("profile  (credentials in this shell were not set by awsmfa)".into())
            }
            None => lines
                .push("no awsmfa credentials are active in this shell (awsmfa use PROFILE)".into()),
        }
        if let Some(k) = &key {
            lines.push(format!("key      {}", mask(k)));
        }
        if let (Some(e), Some(l)) = (expires, left) {
            let state = if l <= 0 {
                "expired".to_string()
            } else {
                format!("{} left", short_duration(l))
            };
            lines.push(format!("expires  {} ({state})", format_utc(from_unix(e))));
        }
        if let (Some(e), Some(l)) = (session, session_left) {
            let state = if l <= 0 {
                "ended".to_string()
            } else {
                format!("{} left", short_duration(l))
            };
            lines.push(format!(
                "session  {} ({state}, MFA)",
                format_utc(from_unix(e))
            ));
        }
        if profile.is_some() {
            lines.push(if auto_refresh() {
                "refresh  automatic in the shell while the MFA session lasts (AWSMFA_AUTO_REFRESH=0: off)".into()
            } else {
                "refresh  off (AWSMFA_AUTO_REFRESH=0)".into()
            });
        }
        if let Some(r) = &region {
            lines.push(format!("region   {r}"));
        }
        if let Some(a) = &arn {
            lines.push(format!("identity {a}"));
        }
        lines.join("\n") + "\n"
    };
    super::print_stdout(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `serde_json::Value` sorts its keys: the typed document prints the same bytes only
    /// while its fields stay in alphabetical order.
    #[test]
    fn the_json_document_prints_its_keys_in_alphabetical_order() {
        let doc = StatusJson {
            access_key_id: Some("ASIA****LE12".into()),
            active: true,
            arn: Some("arn".into()),
            auto_refresh: false,
            expired: false,
            expires: Some("2099-01-01T00:00:00Z".into()),
            profile: Some("dev".into()),
            region: Some("eu-west-1".into()),
            seconds_left: Some(5),
            session_expires: None,
            session_seconds_left: None,
        };
        let typed = serde_json::to_string(&doc).unwrap();
        assert_eq!(typed, serde_json::to_value(&doc).unwrap().to_string());
    }
}

//! `awsmfa list`: every profile in the config and credentials files with its kind, source, MFA
//! device and what the cache holds for it. Reads files and the cache only; no network.

use clap::Args;
use serde::Serialize;
use serde_json::Value;

use crate::cache::Entry;
use crate::config::Config;
use crate::config::chain::{Chain, KeySource};
use crate::creds::{format_utc, short_duration};
use crate::error::Result;
use crate::session::{Options, Resolver};
use crate::sts::SdkSts;

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON (stable keys) instead of a table
    #[arg(long)]
    pub json: bool,
    /// Internal: every key of every profile as read (tests compare it with botocore)
    #[arg(long, hide = true)]
    pub dump_config: bool,
}

/// One profile of `list --json`. The fields are in alphabetical order, as the keys were when
/// the rows were built as `serde_json` maps (sorted): the output stays byte for byte the same.
#[derive(Serialize)]
struct Row {
    cached: Option<Cached>,
    error: Option<String>,
    kind: &'static str,
    mfa_serial: Option<String>,
    name: String,
    region: Option<String>,
    roles: Vec<String>,
    session: Option<Cached>,
    settings: Settings,
    source: Option<String>,
}

/// Credentials in the cache: when they expire and how long that is from now (0 once past).
#[derive(Serialize)]
struct Cached {
    expires: String,
    seconds_left: i64,
}

/// The settings awsmfa resolved for a profile, as `list --json` shows them (alphabetical, as
/// [`Row`]).
#[derive(Serialize)]
struct Settings {
    credential_source: Option<String>,
    duration_seconds: Option<String>,
    /// Where the profile's STS calls go; absent (not null) for a profile that does not resolve.
    #[serde(skip_serializing_if = "Option::is_none")]
    endpoint: Option<Option<String>>,
    external_id: Option<String>,
    mfa_serial: Option<String>,
    region: Option<String>,
    role_arn: Option<String>,
    source_profile: Option<String>,
}

/// The settings awsmfa resolved for `name`, as `list --json` shows them.
fn settings(config: &Config, name: &str) -> Settings {
    let profile = config.profile(name).ok().flatten();
    let get = |key: &str| {
        profile
            .as_ref()
            .and_then(|p| p.get(key))
            .map(str::to_string)
    };
    Settings {
        credential_source: get("credential_source"),
        duration_seconds: get("duration_seconds"),
        endpoint: None,
        external_id: get("external_id"),
        mfa_serial: get("mfa_serial"),
        region: get("region"),
        role_arn: get("role_arn"),
        source_profile: get("source_profile"),
    }
}

/// `settings` plus `endpoint`: where this profile's STS calls go (the URL configured for it by
/// the environment or the files, else the SDK's regional endpoint), as awsmfa resolved it.
fn with_endpoint(settings: Settings, chain: &Chain) -> Settings {
    let env = crate::endpoint::process_env;
    let region = crate::endpoint::pick_region(None, chain.region.as_deref(), &env);
    let endpoint = chain
        .net
        .target(crate::endpoint::Service::Sts, &region, &env)
        .map(|t| t.shown)
        .ok();
    Settings {
        endpoint: Some(endpoint),
        ..settings
    }
}

/// Every profile with every key, as botocore's `Session.full_config["profiles"]` has them
/// (nested blocks as objects).
fn dump(config: &Config) -> Result<Value> {
    let mut profiles = serde_json::Map::new();
    for name in config.profile_names() {
        let Some(profile) = config.profile(&name)? else {
            continue;
        };
        let mut keys = serde_json::Map::new();
        for (key, value) in profile.raw_values() {
            let value = match crate::ini::line::nested(value) {
                Some(pairs) => Value::Object(
                    pairs
                        .into_iter()
                        .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
                        .collect(),
                ),
                None => Value::String(value.to_string()),
            };
            keys.insert(key.to_string(), value);
        }
        profiles.insert(name, Value::Object(keys));
    }
    Ok(Value::Object(profiles))
}

fn kind(chain: &Chain) -> &'static str {
    if !chain.roles.is_empty() {
        return "role";
    }
    match &chain.source {
        KeySource::Static { creds, .. } if creds.session_token.is_some() => "temporary",
        KeySource::Static { .. } => "keys",
        KeySource::Store { .. } => "store",
        KeySource::Process { .. } => "process",
        _ => "environment",
    }
}

fn cached(entry: &Option<Entry>, now: chrono::DateTime<chrono::Utc>) -> Option<Cached> {
    let exp = entry.as_ref()?.credentials.expiration?;
    Some(Cached {
        expires: format_utc(exp),
        seconds_left: crate::creds::seconds_left(exp, now).max(0),
    })
}

fn left_text(cached: Option<&Cached>) -> String {
    match cached.map(|c| c.seconds_left) {
        Some(0) => "expired".into(),
        Some(s) => short_duration(s),
        None => "-".into(),
    }
}

pub fn run(args: &ListArgs) -> Result<()> {
    let config = Config::load()?;
    config.warn_ignored_sections();
    // Every line, as botocore checks it: `list` is where a broken line anywhere shows (the
    // hot paths read only the sections they need).
    config.check()?;
    if args.dump_config {
        return super::print_stdout(&format!("{}\n", dump(&config)?));
    }
    let opts = Options::default();
    let sts = SdkSts::new("us-east-1".into());
    let mut resolver = Resolver::new(&opts, &sts);
    resolver.offline = true;
    let now = chrono::Utc::now();
    let mut rows = Vec::new();
    for name in config.profile_names() {
        let row = match config.chain(&name) {
            Ok(chain) => {
                let (target, session) = resolver.peek(&chain).unwrap_or((None, None));
                let settings = with_endpoint(settings(&config, &name), &chain);
                Row {
                    cached: cached(&target, now),
                    error: None,
                    kind: kind(&chain),
                    mfa_serial: resolver.mfa_device(&chain).ok().flatten(),
                    name,
                    region: chain.region.clone(),
                    roles: chain.roles.iter().map(|r| r.role_arn.clone()).collect(),
                    session: cached(&session, now),
                    settings,
                    source: chain.key_profile.clone(),
                }
            }
            Err(e) => Row {
                cached: None,
                error: Some(e.to_string()),
                kind: "invalid",
                mfa_serial: None,
                settings: settings(&config, &name),
                name,
                region: None,
                roles: Vec::new(),
                session: None,
                source: None,
            },
        };
        rows.push(row);
    }
    if args.json {
        let json = serde_json::to_string(&rows)
            .map_err(|e| crate::error::Error::Other(format!("cannot encode the list: {e}")))?;
        return super::print_stdout(&format!("{json}\n"));
    }
    let mut table =
        vec![["PROFILE", "KIND", "SOURCE", "MFA", "CACHED", "SESSION"].map(String::from)];
    for r in &rows {
        let dash = |v: Option<&str>| v.unwrap_or("-").to_string();
        let mfa = dash(r.mfa_serial.as_deref());
        let mfa = mfa.rsplit(':').next().unwrap_or(&mfa).to_string();
        table.push([
            r.name.clone(),
            r.kind.to_string(),
            dash(r.source.as_deref()),
            mfa,
            left_text(r.cached.as_ref()),
            left_text(r.session.as_ref()),
        ]);
    }
    let widths: Vec<usize> = (0..6)
        .map(|i| {
            table
                .iter()
                .map(|row| row[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in &table {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    for r in &rows {
        if let Some(error) = &r.error {
            crate::ui::warn(&format!("{}: {error}", r.name));
        }
    }
    super::print_stdout(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `serde_json::Value` sorts its keys: the typed row prints the same bytes only while
    /// its fields (and those of its parts) stay in alphabetical order.
    #[test]
    fn rows_print_their_keys_in_alphabetical_order() {
        let cached = || {
            Some(Cached {
                expires: "2026-01-01T00:00:00Z".into(),
                seconds_left: 5,
            })
        };
        let row = Row {
            cached: cached(),
            error: Some("e".into()),
            kind: "role",
            mfa_serial: Some("m".into()),
            name: "n".into(),
            region: Some("r".into()),
            roles: vec!["a".into()],
            session: cached(),
            settings: Settings {
                credential_source: None,
                duration_seconds: Some("3600".into()),
                endpoint: Some(Some("sts.example.com".into())),
                external_id: None,
                mfa_serial: None,
                region: None,
                role_arn: Some("arn".into()),
                source_profile: None,
            },
            source: None,
        };
        let typed = serde_json::to_string(&row).unwrap();
        assert_eq!(typed, serde_json::to_value(&row).unwrap().to_string());
        let no_endpoint = Settings {
            endpoint: None,
            ..row.settings
        };
        let shown = serde_json::to_string(&no_endpoint).unwrap();
        assert!(!shown.contains("endpoint"), "{shown}");
    }
}

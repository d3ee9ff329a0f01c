//! `awsmfa list`: every profile in the config and credentials files with its kind, source, MFA
//! device and what the cache holds for it. Reads files and the cache only; no network.

use clap::Args;
use serde_json::{Value, json};

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

/// The settings awsmfa resolved for `name`, as `list --json` shows them.
fn settings(config: &Config, name: &str) -> Value {
    let profile = config.profile(name).ok().flatten();
    let get = |key: &str| {
        profile
            .as_ref()
            .and_then(|p| p.get(key))
            .map(str::to_string)
    };
    json!({
        "role_arn": get("role_arn"),
        "source_profile": get("source_profile"),
        "credential_source": get("credential_source"),
        "mfa_serial": get("mfa_serial"),
        "region": get("region"),
        "duration_seconds": get("duration_seconds"),
        "external_id": get("external_id"),
    })
}

/// `settings` plus `endpoint`: where this profile's STS calls go (the URL configured for it by
/// the environment or the files, else the SDK's regional endpoint), as awsmfa resolved it.
fn with_endpoint(mut settings: Value, chain: &Chain) -> Value {
    let env = crate::endpoint::process_env;
    let region = crate::endpoint::pick_region(None, chain.region.as_deref(), &env);
    let endpoint = chain
        .net
        .target(crate::endpoint::Service::Sts, &region, &env)
        .map(|t| t.shown)
        .ok();
    if let Value::Object(map) = &mut settings {
        map.insert("endpoint".into(), json!(endpoint));
    }
    settings
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

fn cached(entry: &Option<Entry>, now: chrono::DateTime<chrono::Utc>) -> Value {
    match entry.as_ref().and_then(|e| e.credentials.expiration) {
        Some(exp) => {
            json!({ "expires": format_utc(exp), "seconds_left": crate::creds::seconds_left(exp, now).max(0) })
        }
        None => Value::Null,
    }
}

fn left_text(v: &Value) -> String {
    match v.get("seconds_left").and_then(Value::as_i64) {
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
                json!({
                    "name": name,
                    "kind": kind(&chain),
                    "source": chain.key_profile,
                    "roles": chain.roles.iter().map(|r| r.role_arn.clone()).collect::<Vec<_>>(),
                    "mfa_serial": resolver.mfa_device(&chain).ok().flatten(),
                    "region": chain.region,
                    "settings": with_endpoint(settings(&config, &name), &chain),
                    "cached": cached(&target, now),
                    "session": cached(&session, now),
                    "error": Value::Null,
                })
            }
            Err(e) => json!({
                "name": name, "kind": "invalid", "source": Value::Null, "roles": [], "mfa_serial": Value::Null,
                "region": Value::Null, "settings": settings(&config, &name), "cached": Value::Null,
                "session": Value::Null, "error": e.to_string(),
            }),
        };
        rows.push(row);
    }
    if args.json {
        return super::print_stdout(&format!("{}\n", Value::Array(rows)));
    }
    let mut table =
        vec![["PROFILE", "KIND", "SOURCE", "MFA", "CACHED", "SESSION"].map(String::from)];
    for r in &rows {
        let s = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or("-").to_string();
        let mfa = s("mfa_serial");
        let mfa = mfa.rsplit(':').next().unwrap_or(&mfa).to_string();
        table.push([
            s("name"),
            s("kind"),
            s("source"),
            mfa,
            left_text(&r["cached"]),
            left_text(&r["session"]),
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
    for r in rows.iter().filter(|r| !r["error"].is_null()) {
        crate::ui::warn(&format!(
            "{}: {}",
            r["name"].as_str().unwrap_or("?"),
            r["error"].as_str().unwrap_or("")
        ));
    }
    super::print_stdout(&out)
}

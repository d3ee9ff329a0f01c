//! Reading `~/.aws/config` and `~/.aws/credentials` as botocore does (issue 12): the
//! regressions one by one through `awsmfa list --json`, then a differential test that runs the
//! same files (hand-written edge cases in `tests/fixtures/config`, and generated ones) through
//! awsmfa (`list --dump-config`) and botocore (`Session.full_config`) and compares every
//! profile name and value. Also issue 17 item 9: `write` never shadows a profile's own source.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::botocore_ini::{python, python_json};
use crate::common::*;

const ROLE: &str = "role_arn = arn:aws:iam::123456789012:role/r\ncredential_source = Environment\n";

fn list(config: &str) -> (Output, Vec<Value>) {
    let env = TestEnv::new();
    env.write_config(config);
    let out = env.run(&["list", "--json"]);
    let rows = if out.code == Some(0) {
        out.json().as_array().unwrap().clone()
    } else {
        Vec::new()
    };
    (out, rows)
}

fn row<'a>(rows: &'a [Value], name: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("no profile {name:?} in {rows:?}"))
}

fn names(rows: &[Value]) -> Vec<&str> {
    rows.iter().map(|r| r["name"].as_str().unwrap()).collect()
}

#[test]
fn a_comment_after_a_section_header_is_accepted() {
    let config = format!(
        "[profile dev] # prod account\n{ROLE}region = eu-west-1\n[profile b] ; x\n{ROLE}region = eu-west-2\n\
         [profile c]#x\n{ROLE}region = eu-west-3\n[profile d];x\n{ROLE}region = eu-central-1\n"
    );
    let (out, rows) = list(&config);
    out.assert_success();
    for (name, region) in [
        ("dev", "eu-west-1"),
        ("b", "eu-west-2"),
        ("c", "eu-west-3"),
        ("d", "eu-central-1"),
    ] {
        assert_eq!(row(&rows, name)["region"], region, "{name}");
    }
}

#[test]
fn quoted_profile_names_are_unquoted_with_shell_rules() {
    let config = format!(
        "[profile 'my profile']\n{ROLE}region = a\n[profile \"q x\"]\n{ROLE}region = b\n[profile a\\ b]\n{ROLE}region = c\n"
    );
    let (out, rows) = list(&config);
    out.assert_success();
    assert_eq!(names(&rows), ["my profile", "q x", "a b"]);
    assert_eq!(row(&rows, "my profile")["region"], "a");
}

#[test]
fn of_default_and_profile_default_the_last_section_wins_whole() {
    let keys = "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
    let env = TestEnv::new();
    env.write_credentials(keys);
    env.write_config(
        "[default]\nregion = us-east-1\nmfa_serial = arn:aws:iam::123456789012:mfa/old\n[profile default]\nregion = eu-west-1\n",
    );
    let out = env.run(&["list", "--json"]);
    let rows = out.assert_success().json();
    let default = row(rows.as_array().unwrap(), "default");
    assert_eq!(default["region"], "eu-west-1");
    assert!(
        default["mfa_serial"].is_null(),
        "[default] is ignored whole: {default}"
    );
    env.write_config("[profile default]\nregion = eu-west-1\n[default]\nregion = us-east-1\n");
    let rows = env.run(&["list", "--json"]).json();
    assert_eq!(
        row(rows.as_array().unwrap(), "default")["region"],
        "us-east-1"
    );
}

/// The config is refused with an error naming the file and line, never quoting it.
fn assert_refused_at(config: &str, line: usize, secret: &str) {
    let (out, _) = list(config);
    assert_eq!(out.code, Some(3), "{out}");
    out.assert_stderr_contains(&format!("config:{line}: "));
    assert!(!out.stderr.contains(secret), "the line is quoted: {out}");
}

#[test]
fn empty_keys_malformed_nested_blocks_and_lines_without_equals_are_refused() {
    assert_refused_at("[profile a]\n= us-east-1\n", 2, "us-east-1");
    assert_refused_at("[profile a]\ns3 =\n  max 20secret\n", 3, "20secret");
    assert_refused_at(
        "[profile a]\nrole_arn arn:aws:iam::123456789012:role/secret\n",
        2,
        "arn:aws",
    );
    assert_refused_at("[profile a]\nregion = x\nREGION = y\n", 3, "y\n");
}

#[test]
fn continuation_lines_are_part_of_the_value() {
    let (out, rows) = list(&format!("[profile a]\n{ROLE}region = eu-west-1\n  more\n"));
    out.assert_success();
    assert_eq!(row(&rows, "a")["region"], "eu-west-1\nmore");
}

#[test]
fn profile_names_botocore_skips_are_ignored_with_a_warning() {
    let config = format!("[profile in valid]\n{ROLE}[profile foo!bar]\n{ROLE}");
    let (out, rows) = list(&config);
    out.assert_success()
        .assert_stderr_contains("config:1: this section is ignored");
    assert_eq!(
        names(&rows),
        ["foo!bar"],
        "the AWS CLI uses [profile foo!bar]"
    );
}

#[test]
fn list_json_shows_the_settings_awsmfa_resolved() {
    let (out, rows) = list(
        "[profile r]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = k\nmfa_serial = arn:aws:iam::123456789012:mfa/me\nregion = eu-west-1\nduration_seconds = 3600\nexternal_id = ext\n[profile k]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = S\n",
    );
    out.assert_success();
    assert_eq!(
        row(&rows, "r")["settings"],
        json!({
            "role_arn": "arn:aws:iam::123456789012:role/r",
            "source_profile": "k",
            "credential_source": null,
            "mfa_serial": "arn:aws:iam::123456789012:mfa/me",
            "region": "eu-west-1",
            "duration_seconds": "3600",
            "external_id": "ext",
            // The tests' AWS_REGION (us-east-1) wins over the profile's, as in the AWS CLI.
            "endpoint": "sts.us-east-1.amazonaws.com",
        })
    );
    // A configured endpoint is shown as awsmfa will use it.
    let (out, rows) = list(
        "[profile local]\nendpoint_url = http://localhost:4566\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = S\n",
    );
    out.assert_success();
    assert_eq!(
        row(&rows, "local")["settings"]["endpoint"],
        "http://localhost:4566"
    );
}

// ---------------------------------------------------------------------------------------------
// Issue 17, item 9: `write` of a profile into its own section
// ---------------------------------------------------------------------------------------------

#[test]
fn write_refuses_the_section_a_profile_gets_its_keys_from() {
    let moto = skip_unless!(moto());
    let env = TestEnv::new().with_endpoint(&moto.url);
    env.write_config(&format!(
        "[profile cfgkeys]\naws_access_key_id = {FAKE_AKID_2}\naws_secret_access_key = {FAKE_SECRET_2}\nmfa_serial = {SERIAL}\n"
    ));
    let out = env.run(&["write", "cfgkeys", "-c", "123456"]);
    assert_eq!(out.code, Some(2), "{out}");
    out.assert_stderr_contains("--to");
    assert!(!env.credentials.exists(), "nothing written");
    let out = env.run(&["write", "cfgkeys", "--to", "cfgkeys-mfa", "-c", "123456"]);
    out.assert_success();
}

// ---------------------------------------------------------------------------------------------
// The differential test
// ---------------------------------------------------------------------------------------------

/// botocore's profiles (`Session.full_config["profiles"]`) for each (config, credentials) pair.
const FULL_CONFIG: &str = r#"
import json, sys
import botocore.session
out = []
for config, credentials in json.load(sys.stdin):
    s = botocore.session.Session()
    s.set_config_variable("config_file", config)
    s.set_config_variable("credentials_file", credentials)
    try:
        out.append({"ok": s.full_config["profiles"]})
    except Exception as e:
        out.append({"error": type(e).__name__})
print(json.dumps(out))
"#;

struct Xorshift(u64);

impl Xorshift {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn generated_config(rng: &mut Xorshift) -> String {
    let headers = [
        "default",
        "profile dev",
        "profile 'my profile'",
        "profile \"q x\"",
        "profile  spaced",
        "profile in valid",
        "profile foo!bar",
        "profiles x",
        "profile",
        "sso-session s",
        "services s",
        "DEFAULT",
        "profile default",
        "preview",
        " profile lead",
        "profile ünï",
    ];
    let keys = [
        "region",
        "role_arn",
        "source_profile",
        "mfa_serial",
        "duration_seconds",
        "external_id",
        "s3",
        "Output",
    ];
    let mut lines: Vec<String> = Vec::new();
    let mut seen = Vec::new();
    for _ in 0..1 + rng.below(5) {
        let h = rng.pick(&headers);
        if seen.contains(&h) && rng.below(8) > 0 {
            continue;
        }
        seen.push(h);
        let deco = rng.pick(&["[{}]", "[{}]", "[{}] # c", "[{}];x", "  [{}]"]);
        lines.push(deco.replace("{}", h));
        let mut used = Vec::new();
        for _ in 0..rng.below(6) {
            let line = match rng.below(14) {
                0..=6 => {
                    let k = rng.pick(&keys);
                    if used.contains(&k) && rng.below(8) > 0 {
                        continue;
                    }
                    used.push(k);
                    let sep = rng.pick(&[" = ", "=", ": ", " =\t"]);
                    let v = rng.pick(&["eu-west-1", "", "x # y", "arn:aws:iam::1:role/r", "é"]);
                    format!("{k}{sep}{v}")
                }
                7 | 8 => format!(
                    "{}{}",
                    rng.pick(&["  ", "\t", "    "]),
                    rng.pick(&["more", "a = 1", "b=2", "[profile dev]"])
                ),
                9 => rng.pick(&["# c", "; c", "  # c"]).to_string(),
                10 | 11 => String::new(),
                12 if rng.below(3) == 0 => rng.pick(&["= v", "novalue"]).to_string(),
                _ => "region = us-east-1".into(),
            };
            lines.push(line);
        }
    }
    let ending = rng.pick(&["\n", "\n", "\r\n", "\r"]);
    lines.join(ending) + ending
}

fn generated_credentials(rng: &mut Xorshift) -> Option<String> {
    if rng.below(2) == 0 {
        return None;
    }
    let mut text = String::new();
    for name in ["dev", "default", "profile dev", "T ", "DEFAULT"] {
        if rng.below(3) == 0 {
            text.push_str(&format!(
                "[{name}]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\nregion = {}\n",
                rng.pick(&["cred", ""])
            ));
        }
    }
    Some(text)
}

/// What `awsmfa list --dump-config` read, or `{"error": ...}` when it refused the files.
fn awsmfa_read(config: &Path, credentials: &Path) -> Value {
    let env = TestEnv::new()
        .env("AWS_CONFIG_FILE", config)
        .env("AWS_SHARED_CREDENTIALS_FILE", credentials);
    let out = env.run(&["list", "--dump-config"]);
    match out.code {
        Some(0) => json!({ "ok": out.json() }),
        Some(3) => json!({ "error": out.stderr }),
        _ => panic!("{out}"),
    }
}

#[test]
fn awsmfa_reads_every_profile_and_value_as_botocore_does() {
    let python = skip_unless!(python());
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/config");
    let mut cases: Vec<(String, PathBuf, PathBuf)> = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "config"))
        .collect();
    entries.sort();
    for config in entries {
        let credentials = config.with_extension("credentials");
        let name = config.file_stem().unwrap().to_string_lossy().into_owned();
        cases.push((name, config, credentials));
    }
    let fixture_count = cases.len();
    let mut rng = Xorshift(0x00c0_ffee_1234_5678);
    for i in 0..80 {
        let config = dir.path().join(format!("g{i}.config"));
        let credentials = dir.path().join(format!("g{i}.credentials"));
        std::fs::write(&config, generated_config(&mut rng)).unwrap();
        if let Some(text) = generated_credentials(&mut rng) {
            std::fs::write(&credentials, text).unwrap();
        }
        cases.push((format!("generated {i}"), config, credentials));
    }
    let pairs: Vec<(String, String)> = cases
        .iter()
        .map(|(_, a, b)| (a.display().to_string(), b.display().to_string()))
        .collect();
    let botocore = python_json(&python, FULL_CONFIG, &json!(pairs));
    // Where awsmfa refuses on purpose what botocore reads (README, "How awsmfa reads your
    // config"): a key with a space in it, `role_arn arn:aws:...` split at its first `:`.
    let deliberate = ["31-no-separator"];
    let mut failures = Vec::new();
    let (mut agreed_ok, mut agreed_error, mut stricter) = (0, 0, 0);
    for (i, (name, config, credentials)) in cases.iter().enumerate() {
        let ours = awsmfa_read(config, credentials);
        let theirs = &botocore[i];
        match (ours.get("ok"), theirs.get("ok")) {
            (Some(a), Some(b)) if a == b => agreed_ok += 1,
            (None, None) => agreed_error += 1,
            (None, Some(_)) if deliberate.contains(&name.as_str()) => stricter += 1,
            _ => failures.push(format!(
                "{name}:\n  awsmfa   {ours}\n  botocore {theirs}\n  config {:?}",
                std::fs::read_to_string(config).unwrap_or_default()
            )),
        }
    }
    eprintln!(
        "botocore differential (config reading): {} configs ({fixture_count} fixtures, {} generated): {agreed_ok} read alike, {agreed_error} refused by both, {stricter} refused by awsmfa on purpose, {} differ",
        cases.len(),
        cases.len() - fixture_count,
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(stricter, deliberate.len());
    assert!(cases.len() >= 60);
}

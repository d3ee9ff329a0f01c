//! `awsmfa status` and `awsmfa list`: what is active in this shell and what each profile is,
//! read from the environment, the files and the cache; `status --check` asks STS.

use std::time::Duration;

use crate::common::*;

#[test]
fn list_shows_kinds_sources_devices_and_cached_time() {
    let Some(moto) = moto() else { return };
    let env = TestEnv::new().with_endpoint(&moto.url);
    standard_profiles(&env);
    let config = std::fs::read_to_string(&env.config).unwrap();
    env.write_config(&format!(
        "{config}\n[profile broken]\nrole_arn = arn:aws:iam::123456789012:role/x\n"
    ));
    let before = env.run(&["list", "--json"]);
    before.assert_success();
    let rows = before.json();
    let row = |name: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(row("identity")["kind"], "keys");
    assert_eq!(row("dev-admin")["kind"], "role");
    assert_eq!(row("dev-admin")["source"], "identity");
    assert_eq!(row("dev-admin")["mfa_serial"], SERIAL);
    assert!(row("dev-admin")["cached"].is_null());
    assert_eq!(row("broken")["kind"], "invalid");
    assert!(
        row("broken")["error"]
            .as_str()
            .unwrap()
            .contains("no source_profile")
    );

    env.run(&["env", "dev-admin", "-c", "123456"])
        .assert_success();
    let after = env.run(&["list", "--json"]).json();
    let dev = after
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "dev-admin")
        .unwrap();
    let left = dev["cached"]["seconds_left"].as_i64().unwrap();
    assert!((3500..=3600).contains(&left), "{dev}");
    assert!(
        dev["session"]["seconds_left"].as_i64().unwrap() > 40_000,
        "{dev}"
    );
    assert!(dev["cached"]["expires"].as_str().unwrap().ends_with('Z'));

    let table = env.run(&["list"]);
    table.assert_success();
    let line = table
        .stdout
        .lines()
        .find(|l| l.starts_with("dev-admin "))
        .unwrap();
    assert!(
        line.contains("role")
            && line.contains("mfa/alice")
            && (line.contains("1h00m") || line.contains("59m")),
        "{table}"
    );
    assert!(
        table.stderr.contains("broken:"),
        "invalid profiles are reported on stderr: {table}"
    );
}

#[test]
fn status_reports_the_shell_and_check_asks_sts() {
    let Some(moto) = moto() else { return };
    let env = TestEnv::new().with_endpoint(&moto.url);
    standard_profiles(&env);
    let out = env.run(&["status", "--json"]);
    out.assert_success();
    assert_eq!(out.json()["active"], false);

    let script =
        r#"eval "$(awsmfa env dev-admin -c 123456 --shell bash)" && awsmfa status --json --check"#;
    let out = env.run_program("/bin/bash", &["-c", script]);
    out.assert_success();
    let doc = out.json();
    assert_eq!(doc["active"], true);
    assert_eq!(doc["profile"], "dev-admin");
    assert_eq!(doc["expired"], false);
    assert!(doc["access_key_id"].as_str().unwrap().starts_with("ASIA"));
    assert!(!out.stdout.contains("AWS_SECRET"), "no secret in status");
    // Issue 13: both ends, the role's and the MFA session's under it (12 h, from the cache).
    let role_left = doc["seconds_left"].as_i64().unwrap();
    let session_left = doc["session_seconds_left"].as_i64().unwrap();
    assert!((3500..=3600).contains(&role_left), "{out}");
    assert!((43_100..=43_200).contains(&session_left), "{out}");
    assert!(
        doc["session_expires"].as_str().unwrap().ends_with('Z'),
        "{out}"
    );
    assert_eq!(doc["auto_refresh"], true);
    let text = env.run_program(
        "/bin/bash",
        &[
            "-c",
            r#"eval "$(awsmfa env dev-admin --shell bash)" && AWSMFA_AUTO_REFRESH=0 awsmfa status"#,
        ],
    );
    text.assert_success();
    assert!(
        text.stdout.contains("session  ") && text.stdout.contains("left, MFA)"),
        "{text}"
    );
    assert!(text.stdout.contains("refresh  off"), "{text}");
    assert!(
        doc["arn"]
            .as_str()
            .unwrap()
            .starts_with("arn:aws:sts::123456789012:assumed-role/dev-admin/"),
        "{out}"
    );

    let expired = TestEnv::new()
        .env("AWSMFA_PROFILE", "dev-admin")
        .env("AWSMFA_EXPIRES", "1000")
        .env("AWS_ACCESS_KEY_ID", "ASIAFAKEFAKEFAKE9999")
        .run(&["status"]);
    expired.assert_success();
    assert!(
        expired.stdout.contains("profile  dev-admin") && expired.stdout.contains("(expired)"),
        "{expired}"
    );
    assert!(expired.stdout.contains("ASIA****9999"), "{expired}");
    // Whatever the variable holds, status never panics on it (keys are masked by characters).
    let odd = TestEnv::new()
        .env("AWSMFA_PROFILE", "p")
        .env("AWS_ACCESS_KEY_ID", "aéééééééééééé")
        .run(&["status", "--json"]);
    odd.assert_success();
    assert_eq!(odd.json()["access_key_id"], "aééé****éééé");
}

#[test]
fn list_resolves_a_thousand_deep_chain_without_redoing_each_step() {
    // Issue 17.15: every profile of a 1,000-deep chain re-read every profile below it by
    // scanning both files, with a quadratic loop check on top: minutes for `list`. Each profile
    // is now looked up once. The timeout only stops a regression from hanging the suite; the
    // figures are in docs/benchmarks.md.
    let env = TestEnv::new();
    let depth = 1000;
    env.write_credentials(&format!(
        "[p0]\naws_access_key_id = {FAKE_AKID}\naws_secret_access_key = {FAKE_SECRET}\n"
    ));
    let mut config = String::new();
    for i in 1..=depth {
        config.push_str(&format!(
            "[profile p{i}]\nrole_arn = arn:aws:iam::123456789012:role/r{i}\nsource_profile = p{}\n",
            i - 1
        ));
    }
    env.write_config(&config);
    let out = run_command(env.cmd(&["list", "--json"]), None, Duration::from_secs(60));
    out.assert_success();
    let rows = out.json();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), depth + 1);
    let deepest = rows
        .iter()
        .find(|r| r["name"] == format!("p{depth}"))
        .unwrap();
    assert_eq!(deepest["roles"].as_array().unwrap().len(), depth);
    assert_eq!(deepest["source"], "p0");
}

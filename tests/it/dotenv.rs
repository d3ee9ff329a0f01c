//! `--format dotenv` read back by the real python-dotenv (with and without interpolation):
//! every value awsmfa writes comes back byte for byte, and a value no common reader can be
//! given unchanged is refused rather than written differently. (docker compose's reader,
//! compose-go, is modelled in the unit tests of src/render/dotenv.rs.)

use std::path::Path;

use proptest::prelude::*;

use crate::common::*;

/// `NAME=value` lines for `values`, as `--format dotenv` writes them; `None` for a value the
/// renderer refuses.
fn dotenv_line(name: &str, value: &str) -> Option<String> {
    awsmfa_cli::render::dotenv::set_var(name, value).ok()
}

/// The venv's python, or None (after saying so) outside CI when there is no venv.
fn python() -> Option<std::path::PathBuf> {
    let py = venv_bin().join("python");
    if py.is_file() {
        return Some(py);
    }
    assert!(!tools_required(), "no python in {}", venv_bin().display());
    eprintln!("skipping: no test venv (run scripts/test)");
    None
}

const READ: &str = r#"
import json, sys
import dotenv
values = dotenv.dotenv_values(sys.argv[1], interpolate=sys.argv[2] == "1", encoding="utf-8")
sys.stdout.write(json.dumps(list(values.items())))
"#;

/// What python-dotenv reads from `text`, as (name, value) pairs in file order, and stderr
/// (python-dotenv logs lines it cannot parse there).
fn python_dotenv(
    py: &Path,
    text: &str,
    interpolate: bool,
) -> (Vec<(String, Option<String>)>, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("awsmfa.env");
    std::fs::write(&file, text).unwrap();
    let out = std::process::Command::new(py)
        .args(["-c", READ])
        .arg(&file)
        .arg(if interpolate { "1" } else { "0" })
        .env_clear()
        .env("HOME", dir.path())
        .env("AWSMFA_T1", "from-the-environment")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pairs = serde_json::from_slice(&out.stdout).unwrap();
    (pairs, String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Writes `values` as AWSMFA_T0.. and reads them back with python-dotenv both ways. Returns
/// how many were written (the rest were refused). `Err` says what came back wrong.
fn round_trip(py: &Path, values: &[String]) -> Result<usize, String> {
    let mut text = String::new();
    let mut written = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let name = format!("AWSMFA_T{i}");
        if let Some(line) = dotenv_line(&name, v) {
            text.push_str(&line);
            written.push((name, v.clone()));
        }
    }
    for interpolate in [true, false] {
        let (got, stderr) = python_dotenv(py, &text, interpolate);
        if !stderr.is_empty() {
            return Err(format!("python-dotenv complained: {stderr}\nfile:\n{text}"));
        }
        let want: Vec<(String, Option<String>)> = written
            .iter()
            .map(|(n, v)| (n.clone(), Some(v.clone())))
            .collect();
        if got != want {
            let diff: Vec<_> = want
                .iter()
                .zip(&got)
                .filter(|(w, g)| w != g)
                .take(3)
                .collect();
            return Err(format!(
                "interpolate={interpolate}: read back differently (want, got): {diff:?} ({} vs {} values)\nfile:\n{text}",
                want.len(),
                got.len()
            ));
        }
    }
    Ok(written.len())
}

fn hostile_values() -> Vec<String> {
    [
        "",
        "plain",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",
        "FwoGZXIvYXdzEXAMPLE//////////wEaDEXAMPLE+token==",
        "'",
        "\"",
        "\\",
        "trailing\\",
        "\\\\",
        "\\$",
        "\\`",
        "$",
        "$HOME",
        "${HOME}",
        "${AWSMFA_T1}",
        "${AWSMFA_T0:-x}",
        "$$",
        "`id`",
        "$(touch PWNED)",
        "a\nb",
        "\r\n",
        "a\tb",
        "#not a comment",
        "x #not a comment",
        " leading and trailing ",
        "\\n",
        "\\'",
        "\\\"",
        "it's",
        "ü€😀",
        "\u{b}\u{c}\u{85}\u{2028}\u{2029}\u{1c}",
        "=",
        "export X=1",
    ]
    .into_iter()
    .map(String::from)
    .collect()
}

#[test]
fn python_dotenv_reads_back_every_value_written() {
    let Some(py) = python() else { return };
    let values = hostile_values();
    let written = round_trip(&py, &values).unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "dotenv: {written} of {} hostile values written and read back byte for byte by python-dotenv, the rest refused",
        values.len()
    );
    // Only values no reader can take unchanged are refused, never plain credentials.
    for v in &values[..4] {
        assert!(dotenv_line("A", v).is_some(), "{v:?} refused");
    }
}

/// Characters that mean something to a dotenv reader (quotes, escapes, interpolation,
/// comments, line breaks), then any character but NUL.
fn value_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => proptest::sample::select(
            "'\"\\$`{}:-#= \n\r\tabnrtv\u{b}\u{c}\u{85}\u{2028}ü😀"
                .chars()
                .collect::<Vec<_>>()
        ),
        1 => any::<char>().prop_filter("no NUL", |c| *c != '\0'),
    ]
}

fn batch() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(
        proptest::collection::vec(value_char(), 0..16).prop_map(|cs| cs.into_iter().collect()),
        100,
    )
}

fn random_config() -> ProptestConfig {
    // 8 batches x 100 values; PROPTEST_CASES=N for a longer run.
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(8);
    ProptestConfig {
        cases,
        max_shrink_iters: 100,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(random_config())]

    #[test]
    fn python_dotenv_reads_back_random_values(values in batch()) {
        let Some(py) = python() else { return Ok(()) };
        let written = round_trip(&py, &values).map_err(TestCaseError::fail)?;
        eprintln!("dotenv: {written} of {} random values round-tripped, the rest refused", values.len());
    }
}

/// Through the binary: a hostile secret from a credential_process is written so python-dotenv
/// reads it back unchanged, or refused in one line with exit 2 and nothing on stdout.
#[test]
fn env_format_dotenv_writes_what_python_dotenv_reads_back_or_refuses() {
    let Some(py) = python() else { return };
    for (secret, written) in [
        // A secret is visible ASCII without spaces (validate::credentials).
        ("x\"$(>PWNED)\"`>PWNED`", true),
        ("a'b\\c\"d", true),
        ("${HOME}", false),
        ("it's$5", false),
    ] {
        let env = TestEnv::new().with_endpoint("http://127.0.0.1:9");
        let doc = serde_json::json!({
            "Version": 1,
            "AccessKeyId": "AKIAIOSFODNN7EXAMPLE",
            "SecretAccessKey": secret,
        });
        let file = env.root().join("process.json");
        std::fs::write(&file, doc.to_string()).unwrap();
        env.write_config(&format!(
            "[profile np]\ncredential_process = cat '{}'\n",
            file.display()
        ));
        let out = env.run(&["env", "np", "--format", "dotenv"]);
        if !written {
            assert_eq!(out.code, Some(2), "{secret:?}: {out}");
            assert!(out.stdout.is_empty(), "{out}");
            assert_eq!(out.stderr.lines().count(), 1, "{out}");
            assert!(out.stderr.contains("AWS_SECRET_ACCESS_KEY"), "{out}");
            assert!(
                !out.stderr.contains(secret),
                "the secret is never shown: {out}"
            );
            continue;
        }
        out.assert_success();
        for interpolate in [true, false] {
            let (got, stderr) = python_dotenv(&py, &out.stdout, interpolate);
            assert_eq!(stderr, "", "{out}");
            let got: std::collections::HashMap<_, _> = got.into_iter().collect();
            assert_eq!(
                got["AWS_SECRET_ACCESS_KEY"].as_deref(),
                Some(secret),
                "{out}"
            );
            assert_eq!(got["AWSMFA_PROFILE"].as_deref(), Some("np"), "{out}");
        }
    }
}

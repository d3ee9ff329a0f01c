//! The credentials-file editor against botocore itself: the regressions of issue 17 (an
//! indented `[work]` that botocore reads as a value, CR-only line endings, `[T ]`, long-lived
//! keys marked `awsmfa_managed`), and a differential harness: random files and random edits,
//! written by awsmfa's editor, every input and output parsed by botocore in one Python process
//! per batch of 400. `AWSMFA_DIFF_BATCHES=N` runs N batches (default 4) to keep it running longer,
//! `AWSMFA_DIFF_SEED` picks other files.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use awsmfa_cli::credfile::{Refusal, Removed, TempSection, remove_managed, upsert};
use chrono::{TimeZone, Utc};
use serde_json::{Map, Value, json};

use crate::common::*;

/// The venv's Python with botocore, or None (test skipped) outside CI.
pub fn python() -> Option<PathBuf> {
    let python = venv_bin().join("python");
    if python.exists() {
        return Some(python);
    }
    assert!(
        !tools_required(),
        "botocore is required: no python in {}",
        venv_bin().display()
    );
    eprintln!(
        "skipped: no python with botocore in {}",
        venv_bin().display()
    );
    None
}

/// Run `script` with `input` as JSON on stdin; its stdout as JSON.
pub fn python_json(python: &Path, script: &str, input: &Value) -> Value {
    let mut child = Command::new(python)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start python");
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), input.to_string().as_bytes()).unwrap();
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "python failed");
    serde_json::from_slice(&out.stdout).expect("python printed JSON")
}

/// botocore's `raw_config_parse` of each file (the reader of the credentials file), with the
/// `[DEFAULT]` keys configparser hands to every section; `{"error": ...}` where it refuses.
/// `quiet`: the blank and comment lines, as configparser iterates the file (universal newlines:
/// a lone `\r` ends a line, `\r\n` is one break).
const RAW_PARSE: &str = r#"
import configparser, json, sys
from botocore.configloader import raw_config_parse, _parse_nested
out = []
for path in json.load(sys.stdin):
    try:
        parsed = raw_config_parse(path)
        cp = configparser.RawConfigParser()
        cp.read([path])
        defaults = {k: _parse_nested(v) if v.startswith("\n") else v for k, v in cp.defaults().items()}
        with open(path, encoding="utf-8") as f:
            # chr(35) is the hash sign, which would end this raw string.
            quiet = [l.rstrip("\n") for l in f if not l.strip() or l.strip()[0] in ";" + chr(35)]
        out.append({"ok": parsed, "defaults": defaults, "quiet": quiet})
    except Exception as e:
        out.append({"error": type(e).__name__})
print(json.dumps(out))
"#;

fn botocore_read(python: &Path, texts: &[&str]) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let path = dir.path().join(format!("f{i}"));
            std::fs::write(&path, text).unwrap();
            path.display().to_string()
        })
        .collect();
    match python_json(python, RAW_PARSE, &json!(paths)) {
        Value::Array(v) => v,
        other => panic!("{other}"),
    }
}

fn creds() -> TempSection {
    TempSection {
        access_key_id: "ASIANEWEXAMPLE".into(),
        secret_access_key: "SECRETNEWEXAMPLE".into(),
        session_token: "TOKENNEWEXAMPLE".into(),
        expiration: Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap(),
    }
}

const OWNED: [&str; 6] = [
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
    "aws_security_token",
    "expiration",
    "awsmfa_managed",
];

fn owned_values() -> Map<String, Value> {
    let c = creds();
    let v = [
        c.access_key_id,
        c.secret_access_key,
        c.session_token.clone(),
        c.session_token,
        "2026-11-27T08:00:00Z".into(),
        "true".into(),
    ];
    OWNED
        .iter()
        .zip(v)
        .map(|(k, v)| (k.to_string(), Value::String(v)))
        .collect()
}

fn section<'a>(read: &'a Value, name: &str) -> Option<&'a Map<String, Value>> {
    read["ok"][name].as_object()
}

// ---------------------------------------------------------------------------------------------
// Issue 17, item 3: what awsmfa writes, botocore reads as intended
// ---------------------------------------------------------------------------------------------

const TERRAFORM: &str = "[terraform]\n\
aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n\
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n  [work]\n\
aws_session_token = OLDTOKENEXAMPLE\n\
awsmfa_managed = true\n";

#[test]
fn an_indented_header_after_a_key_is_a_value_and_never_written_into() {
    let python = skip_unless!(python());
    // botocore: `  [work]` continues the secret, and the keys below it belong to [terraform].
    let out = upsert(TERRAFORM, "work", &creds()).expect("a new [work] section");
    let [before, after] = &botocore_read(&python, &[TERRAFORM, &out])[..] else {
        panic!()
    };
    assert!(after.get("error").is_none(), "botocore cannot read:\n{out}");
    assert_eq!(
        section(after, "terraform"),
        section(before, "terraform"),
        "[terraform] unchanged:\n{out}"
    );
    assert_eq!(section(after, "work"), Some(&owned_values()));
}

#[test]
fn a_file_with_cr_only_line_endings_is_edited_in_place() {
    let python = skip_unless!(python());
    let text = "# cr only\r[terraform]\raws_access_key_id = ASIAOLDEXAMPLE\raws_secret_access_key = S\raws_session_token = T\rawsmfa_managed = true\r\r[other]\rregion = x\r";
    let out = upsert(text, "terraform", &creds()).expect("written");
    assert_eq!(out.matches("[terraform]").count(), 1, "{out:?}");
    assert!(!out.contains('\n'), "the file stays CR-only: {out:?}");
    let [before, after] = &botocore_read(&python, &[text, &out])[..] else {
        panic!()
    };
    assert_eq!(section(after, "terraform"), Some(&owned_values()));
    assert_eq!(section(after, "other"), section(before, "other"));
}

#[test]
fn a_header_with_a_trailing_space_is_another_section_and_keeps_its_name() {
    let python = skip_unless!(python());
    let text = "[T ]\nregion = eu-west-1\n";
    let out = upsert(text, "T", &creds()).expect("written");
    assert!(out.starts_with(text), "[T ] is not renamed: {out:?}");
    let [after] = &botocore_read(&python, &[&out])[..] else {
        panic!()
    };
    assert_eq!(
        section(after, "T "),
        Some(&json!({"region": "eu-west-1"}).as_object().unwrap().clone())
    );
    assert_eq!(section(after, "T"), Some(&owned_values()));
}

// ---------------------------------------------------------------------------------------------
// Issue 17, item 10: long-lived keys are never removed, whatever the marker says
// ---------------------------------------------------------------------------------------------

const MARKED_KEYS: &str = "[marked]\n\
aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n\
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n\
awsmfa_managed = true\n";

#[test]
fn long_lived_keys_marked_managed_are_never_removed() {
    assert_eq!(
        remove_managed(MARKED_KEYS, "marked"),
        Err(Refusal::NotManaged {
            name: "marked".into(),
            long_lived: true
        })
    );
    assert!(matches!(
        upsert(MARKED_KEYS, "marked", &creds()),
        Err(Refusal::LongLivedKeys { .. })
    ));
}

#[test]
fn clear_all_spares_long_lived_keys_marked_managed() {
    let env = TestEnv::new();
    env.write_credentials(MARKED_KEYS);
    let out = env.run(&["clear", "--all", "--shell", "bash"]);
    out.assert_success()
        .assert_stderr_contains("spared [marked]: [marked] holds long-lived keys");
    assert_eq!(
        std::fs::read_to_string(&env.credentials).unwrap(),
        MARKED_KEYS
    );
}

// ---------------------------------------------------------------------------------------------
// The differential harness
// ---------------------------------------------------------------------------------------------

/// xorshift64*: deterministic random files without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const NAMES: [&str; 9] = [
    "default",
    "dev",
    "terraform",
    "work",
    "T ",
    " work",
    "profile dev",
    "ünï",
    "DEFAULT",
];

fn random_line(rng: &mut Rng, used: &mut Vec<&'static str>) -> String {
    let key = rng.pick(&[
        "aws_access_key_id",
        "AWS_SECRET_ACCESS_KEY",
        "aws_session_token",
        "aws_security_token",
        "expiration",
        "awsmfa_managed",
        "Awsmfa_Managed",
        "region",
        "output",
        "s3",
    ]);
    // Mostly a key once per section: botocore refuses a file that repeats one.
    if used.contains(&key) && rng.below(10) > 0 {
        return rng.pick(&["# c", ""]).to_string();
    }
    used.push(key);
    let sep = rng.pick(&[" = ", "=", " =", "\t=\t", " : ", ":"]);
    let value = rng.pick(&[
        "true",
        "",
        "AKIAEXAMPLE",
        "v = w",
        "x # not a comment",
        "é☕",
    ]);
    match rng.below(20) {
        0..=8 => format!("{key}{sep}{value}"),
        9 | 10 => format!("{}{key}{sep}{value}", rng.pick(&["  ", "\t", " "])),
        11 => format!(
            "{}{}",
            rng.pick(&["  ", "\t", "    "]),
            rng.pick(&["more", "x = 1", "[work]", "[terraform]"])
        ),
        12 => rng
            .pick(&["# c", "; note", "  # indented", "\t;x"])
            .to_string(),
        13 | 14 => rng.pick(&["", " ", "\t"]).to_string(),
        15 => format!("{}[{}]", rng.pick(&["  ", "\t"]), rng.pick(&NAMES)),
        // Lines botocore refuses, now and then.
        16 if rng.below(4) == 0 => rng.pick(&["= v", "novalue", "[broken", "[]"]).to_string(),
        _ => format!("{key}{sep}{value}"),
    }
}

fn random_file(rng: &mut Rng) -> (String, Vec<&'static str>) {
    let mut lines: Vec<String> = Vec::new();
    if rng.below(4) == 0 {
        lines.push("# credentials".into());
    }
    let mut names: Vec<&str> = Vec::new();
    for _ in 0..rng.below(6) {
        let mut name = rng.pick(&NAMES);
        if names.contains(&name) && rng.below(10) > 0 {
            name = rng.pick(&["a", "b", "c", "d", "e", "f"]);
        }
        names.push(name);
        let header = rng.pick(&["[{}]", "[{}]", "[{}] # c", "[{}];x", "  [{}]", "\t[{}]  "]);
        lines.push(header.replace("{}", name));
        let mut used = Vec::new();
        if rng.below(3) == 0 {
            // What awsmfa writes, as a hand edit may have left it.
            for (k, v) in [
                ("aws_access_key_id", "ASIAOLDEXAMPLE"),
                ("AWS_SECRET_ACCESS_KEY", "S"),
                ("aws_session_token", "T"),
                ("awsmfa_managed", "true"),
            ] {
                used.push(k);
                lines.push(format!("{k}{}{v}", rng.pick(&[" = ", "=", " : "])));
            }
        }
        for _ in 0..rng.below(5) {
            lines.push(random_line(rng, &mut used));
        }
        if rng.below(2) == 0
            && !used
                .iter()
                .any(|k| k.eq_ignore_ascii_case("awsmfa_managed"))
        {
            let at = rng.below(lines.len()) + 1;
            lines.insert(at.min(lines.len()), "awsmfa_managed = true".into());
        }
    }
    let endings: Vec<&str> = match rng.below(4) {
        0 => vec!["\n"],
        1 => vec!["\r\n"],
        2 => vec!["\r"],
        _ => (0..5).map(|_| rng.pick(&["\n", "\r\n", "\r"])).collect(),
    };
    let final_newline = rng.below(3) > 0;
    let mut text = String::new();
    for (i, line) in lines.iter().enumerate() {
        text.push_str(line);
        if i + 1 < lines.len() || final_newline {
            text.push_str(endings[i % endings.len()]);
        }
    }
    (text, names)
}

#[derive(Debug)]
enum Edit {
    Write(String),
    Remove(String),
}

struct Case {
    input: String,
    edit: Edit,
    result: Result<(String, Option<Removed>), Refusal>,
}

fn non_empty(s: &Map<String, Value>, key: &str) -> bool {
    s.get(key).is_some_and(|v| v.as_str() != Some(""))
}

/// Whether botocore sees long-lived keys in `s`: either half of a pair, no session token.
fn long_lived(s: &Map<String, Value>) -> bool {
    (non_empty(s, "aws_access_key_id") || non_empty(s, "aws_secret_access_key"))
        && !non_empty(s, "aws_session_token")
        && !non_empty(s, "aws_security_token")
}

/// Check one case against botocore's reading of its input and output; the outcome's name.
fn check(case: &Case, before: &Value, after: Option<&Value>) -> Result<&'static str, String> {
    let name = match &case.edit {
        Edit::Write(n) | Edit::Remove(n) => n.as_str(),
    };
    if matches!(case.result, Err(Refusal::InvalidName { .. })) {
        return Ok("name refused");
    }
    let readable = before.get("error").is_none();
    let refused_as_unreadable = matches!(
        case.result,
        Err(Refusal::Malformed { .. } | Refusal::Duplicate { .. })
    );
    if !readable || refused_as_unreadable {
        return if !readable && refused_as_unreadable {
            Ok("unreadable input refused")
        } else {
            Err(format!(
                "botocore readable: {readable}, awsmfa: {:?}",
                case.result
            ))
        };
    }
    let target = section(before, name);
    let (out, removed) = match &case.result {
        Err(Refusal::LongLivedKeys { .. }) => {
            return if target.is_some_and(long_lived) {
                Ok("long-lived target refused")
            } else {
                Err("refused as long-lived, but botocore sees no long-lived keys".into())
            };
        }
        Err(Refusal::NotManaged { .. }) => {
            let managed = target.is_some_and(|t| {
                t.get("awsmfa_managed")
                    .and_then(Value::as_str)
                    .is_some_and(|v| v.eq_ignore_ascii_case("true"))
            });
            // awsmfa trusts only a section's own mark, not one [DEFAULT] hands to every section.
            let inherited = before["defaults"].get("awsmfa_managed").is_some();
            return if !managed || inherited || target.is_some_and(long_lived) {
                Ok("unmanaged or long-lived section spared")
            } else {
                Err("a managed temporary section was not removed".into())
            };
        }
        Err(Refusal::InvalidName { .. }) => return Ok("name refused"),
        Err(Refusal::Unsafe { .. }) => return Ok("edit refused: it would change other lines"),
        Err(other) => return Err(format!("unexpected refusal {other:?}")),
        Ok(x) => x,
    };
    let after = after.expect("an output to read");
    if let Some(e) = after.get("error") {
        return Err(format!("botocore cannot read the output ({e}):\n{out:?}"));
    }
    if target.is_some_and(long_lived) {
        return Err("wrote into or removed a section botocore sees holding long-lived keys".into());
    }
    let mut expected = before["ok"].as_object().unwrap().clone();
    let defaults = before["defaults"].as_object().unwrap();
    match (&case.edit, removed) {
        (Edit::Write(_), _) => {
            let mut s = target.cloned().unwrap_or_else(|| defaults.clone());
            s.extend(owned_values());
            expected.insert(name.to_string(), Value::Object(s));
        }
        (Edit::Remove(_), Some(Removed::Section)) => {
            expected.remove(name);
        }
        (Edit::Remove(_), Some(Removed::Keys)) => {
            let s = expected[name].as_object_mut().unwrap();
            for k in OWNED {
                match defaults.get(k) {
                    Some(d) => s.insert(k.to_string(), d.clone()),
                    None => s.remove(k),
                };
            }
        }
        (Edit::Remove(_), _) => {}
    }
    // Blank lines and comments are never edited, only moved along (a removed section takes
    // its own): a seam that reads as one line break where there were two would drop one.
    let (quiet_before, quiet_after) = (&before["quiet"], &after["quiet"]);
    let quiet_kept = match (&case.edit, removed) {
        (Edit::Remove(_), Some(Removed::Section)) => true,
        (Edit::Write(_), _) if target.is_none() => {
            let (b, a) = (quiet_before.as_array(), quiet_after.as_array());
            b.zip(a).is_some_and(|(b, a)| {
                a.starts_with(b) && a[b.len()..].iter().all(|l| l.as_str() == Some(""))
            })
        }
        _ => quiet_before == quiet_after,
    };
    if !quiet_kept {
        return Err(format!(
            "blank or comment lines changed:\n  before {quiet_before}\n  after  {quiet_after}\n{out:?}"
        ));
    }
    if after["ok"].as_object() != Some(&expected) {
        return Err(format!(
            "botocore reads the output differently:\n  got      {}\n  expected {}\n{out:?}",
            after["ok"],
            Value::Object(expected)
        ));
    }
    Ok(match case.edit {
        Edit::Write(_) if target.is_some() => "written in place",
        Edit::Write(_) => "appended",
        Edit::Remove(_) => match removed {
            Some(Removed::NotFound) => "nothing to remove",
            _ => "removed",
        },
    })
}

#[test]
fn random_edits_read_back_in_botocore_as_intended() {
    let python = skip_unless!(python());
    let batches: usize = std::env::var("AWSMFA_DIFF_BATCHES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4);
    let seed: u64 = std::env::var("AWSMFA_DIFF_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5eed_1dea);
    let mut rng = Rng(seed | 1);
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut failures = Vec::new();
    for _ in 0..batches {
        let cases: Vec<Case> = (0..400)
            .map(|_| {
                let (input, names) = random_file(&mut rng);
                let name = match rng.below(10) {
                    0 => "new".to_string(),
                    1 => rng.pick(&NAMES).to_string(),
                    _ if !names.is_empty() => rng.pick(&names).to_string(),
                    _ => "a".to_string(),
                };
                let (edit, result) = if rng.below(2) == 0 {
                    let r = remove_managed(&input, &name).map(|(t, how)| (t, Some(how)));
                    (Edit::Remove(name), r)
                } else {
                    let r = upsert(&input, &name, &creds()).map(|t| (t, None));
                    (Edit::Write(name), r)
                };
                Case {
                    input,
                    edit,
                    result,
                }
            })
            .collect();
        // One Python process reads every input and every output of the batch.
        let mut texts: Vec<&str> = cases.iter().map(|c| c.input.as_str()).collect();
        let outputs: Vec<Option<usize>> = cases
            .iter()
            .map(|c| match &c.result {
                Ok((out, _)) => {
                    texts.push(out);
                    Some(texts.len() - 1)
                }
                Err(_) => None,
            })
            .collect();
        let read = botocore_read(&python, &texts);
        for (i, case) in cases.iter().enumerate() {
            let after = outputs[i].map(|j| &read[j]);
            match check(case, &read[i], after) {
                Ok(outcome) => *counts.entry(outcome).or_default() += 1,
                Err(e) => failures.push(format!("{:?} {:?}: {e}", case.input, case.edit)),
            }
        }
    }
    let total: usize = counts.values().sum::<usize>() + failures.len();
    eprintln!(
        "botocore differential (credentials editor): {total} cases, {counts:?}, {} failed",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{}",
        failures[..failures.len().min(5)].join("\n")
    );
    for outcome in ["written in place", "removed", "appended"] {
        assert!(counts.get(outcome).copied().unwrap_or(0) > 20, "{counts:?}");
    }
}

//! kdialog, osascript and ykman cannot all run here, so stand-ins with their names go first on
//! PATH: each records its argv (NUL-separated, one file per call) and answers from a script of
//! answers, so the tests see the exact command lines awsmfa builds and that no code is in them.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use super::{CODE, assert_exit_6, desktop::split_nul};
use crate::common::*;

/// A directory of stubs and what they recorded.
struct Stubs {
    bin: PathBuf,
    calls: PathBuf,
    answers: PathBuf,
}

/// Answer N (one per line of STUB_ANSWERS) for the Nth call: a line `EXIT n` exits n instead.
const STUB: &str = r#"#!/bin/sh
n=$(ls "$STUB_CALLS" | wc -l)
printf '%s\0' "$(basename "$0")" "$@" > "$STUB_CALLS/call-$n"
answer=$(sed -n "$((n + 1))p" "$STUB_ANSWERS")
case $answer in
  EXIT*) exit "${answer#EXIT }" ;;
esac
printf '%s\n' "$answer"
"#;

impl Stubs {
    fn new(env: &TestEnv, answers: &[&str]) -> Stubs {
        let root = env.root().join("stubs");
        let s = Stubs {
            bin: root.join("bin"),
            calls: root.join("calls"),
            answers: root.join("answers"),
        };
        std::fs::create_dir_all(&s.bin).unwrap();
        std::fs::create_dir_all(&s.calls).unwrap();
        std::fs::write(&s.answers, answers.join("\n") + "\n").unwrap();
        for name in ["kdialog", "osascript", "ykman", "zenity"] {
            let path = s.bin.join(name);
            std::fs::write(&path, STUB).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        s
    }

    /// `env` with the stubs first on PATH and told where to record and what to answer.
    fn apply(&self, env: TestEnv) -> TestEnv {
        let path = std::env::join_paths(std::iter::once(self.bin.clone()).chain(
            std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
        ))
        .unwrap();
        env.env("PATH", path)
            .env("STUB_CALLS", &self.calls)
            .env("STUB_ANSWERS", &self.answers)
    }

    /// Every recorded argv (program name first), in call order.
    fn calls(&self) -> Vec<Vec<String>> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.calls)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort_by_key(|p| {
            p.file_name().unwrap().to_string_lossy()[5..]
                .parse::<u32>()
                .unwrap()
        });
        files
            .iter()
            .map(|f| split_nul(&std::fs::read(f).unwrap()))
            .collect()
    }
}

fn question(by: &str) -> String {
    format!("awsmfa: MFA code for identity ({SERIAL}), needed by {by} for dev-admin")
}

#[track_caller]
fn assert_code_sent(proxy: &RecordingProxy, stubs: &Stubs) {
    let gst: Vec<_> = proxy
        .requests()
        .into_iter()
        .filter(|r| r.param("Action") == Some("GetSessionToken"))
        .collect();
    assert_eq!(gst.len(), 1, "{:?}", proxy.actions());
    assert_eq!(gst[0].param("TokenCode"), Some(CODE));
    for argv in stubs.calls() {
        assert!(
            !argv.iter().any(|a| a.contains(CODE)),
            "a code in argv: {argv:?}"
        );
    }
}

/// The key profile says `mfa_prompt = NAME` (and more `extra` lines).
fn with_prompt(env: &TestEnv, name: &str, extra: &str) {
    let config = std::fs::read_to_string(&env.config).unwrap().replacen(
        "[profile identity]\n",
        &format!("[profile identity]\nmfa_prompt = {name}\n{extra}"),
        1,
    );
    env.write_config(&config);
}

#[test]
fn kdialog_is_asked_for_a_password_with_the_question_only() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    let stubs = Stubs::new(&env, &[CODE]);
    with_prompt(&env, "kdialog", "");
    let env = stubs.apply(env).env("DISPLAY", ":4242");
    env.run(&["credential-process", "dev-admin"])
        .assert_success();
    assert_eq!(
        stubs.calls(),
        [vec![
            "kdialog".to_string(),
            "--title".into(),
            "awsmfa".into(),
            "--password".into(),
            question("credential_process"),
        ]]
    );
    assert_code_sent(&proxy, &stubs);
}

#[test]
fn osascript_gets_the_question_as_an_argument_of_its_script() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    let stubs = Stubs::new(&env, &[CODE]);
    // No display needed: osascript talks to the macOS window server.
    let env = stubs.apply(env).env("AWSMFA_PROMPT", "osascript");
    env.run(&["env", "dev-admin", "--shell", "bash"])
        .assert_success();
    let calls = stubs.calls();
    assert_eq!(calls.len(), 1, "{calls:?}");
    let argv = &calls[0];
    assert_eq!(argv[0], "osascript");
    assert_eq!(argv.last(), Some(&question("awsmfa env")));
    let script: Vec<&str> = argv[1..argv.len() - 1].iter().map(String::as_str).collect();
    assert_eq!(script.len(), 6, "{argv:?}");
    assert_eq!((script[0], script[1]), ("-e", "on run argv"));
    assert!(
        script[3].contains("display dialog (item 1 of argv)")
            && script[3].contains("with hidden answer"),
        "{argv:?}"
    );
    assert_eq!((script[4], script[5]), ("-e", "end run"));
    assert_code_sent(&proxy, &stubs);
}

#[test]
fn ykman_reads_the_named_oath_account_or_the_devices_name() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    let stubs = Stubs::new(&env, &[CODE, "EXIT 1"]);
    with_prompt(
        &env,
        "ykman",
        "mfa_oath_account = Amazon Web Services:alice@123456789012\n",
    );
    let env = stubs.apply(env);
    env.run(&["credential-process", "dev-admin"])
        .assert_success();
    assert_eq!(
        stubs.calls(),
        [vec![
            "ykman".to_string(),
            "oath".into(),
            "accounts".into(),
            "code".into(),
            "--single".into(),
            "Amazon Web Services:alice@123456789012".into(),
        ]]
    );
    assert_code_sent(&proxy, &stubs);
    // Without mfa_oath_account: the device's name; a YubiKey that cannot answer is exit 6.
    standard_profiles(&env);
    with_prompt(&env, "ykman", "");
    let out = env.run(&["credential-process", "dev-admin", "--refresh"]);
    assert_exit_6(&out, "ykman could not read the MFA code of account 'alice'");
    assert_eq!(stubs.calls()[1][5], "alice");
}

#[test]
fn mfa_process_still_comes_before_the_prompt_driver() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    let stubs = Stubs::new(&env, &["111111"]);
    // Not CODE: an mfa_process's command line is in argv, and other tests look for CODE there.
    with_prompt(&env, "ykman", "mfa_process = echo 135790\n");
    let env = stubs.apply(env);
    env.run(&["credential-process", "dev-admin"])
        .assert_success();
    assert!(stubs.calls().is_empty(), "{:?}", stubs.calls());
    let gst = proxy.requests();
    assert!(gst.iter().any(|r| r.param("TokenCode") == Some("135790")));
}

#[test]
fn a_wrong_format_is_asked_again_and_cancel_is_exit_6() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    let stubs = Stubs::new(&env, &["12345", "abcdef", CODE, "EXIT 1"]);
    let env = stubs
        .apply(env)
        .env("DISPLAY", ":4242")
        .env("AWSMFA_PROMPT", "zenity");
    env.run(&["credential-process", "dev-admin"])
        .assert_success();
    let calls = stubs.calls();
    assert_eq!(calls.len(), 3, "{calls:?}");
    assert!(!calls[0].last().unwrap().contains("not six digits"));
    for retry in &calls[1..] {
        assert!(
            retry
                .last()
                .unwrap()
                .ends_with("That was not six digits; please try again."),
            "{retry:?}"
        );
    }
    assert_code_sent(&proxy, &stubs);
    let out = env.run(&["credential-process", "dev-admin", "--refresh"]);
    assert_exit_6(&out, "the MFA dialog for profile 'identity' was cancelled");
}

#[test]
fn an_unknown_prompt_driver_is_refused_before_anything_is_sent() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    with_prompt(&env, "zentiy", "");
    let out = env.run(&["credential-process", "dev-admin", "-c", CODE]);
    assert_eq!(out.code, Some(3), "{out}");
    out.assert_stderr_contains(
        "mfa_prompt of profile 'dev-admin' or 'identity': 'zentiy' is not a prompt driver; use one of terminal, zenity, kdialog, osascript, ykman, auto",
    );
    let out = env
        .env("AWSMFA_PROMPT", "dialog")
        .run(&["credential-process", "dev-admin"]);
    assert_eq!(out.code, Some(2), "{out}");
    out.assert_stderr_contains("AWSMFA_PROMPT: 'dialog' is not a prompt driver");
    assert!(proxy.actions().is_empty(), "{:?}", proxy.actions());
}

#[test]
fn the_credential_server_asks_in_a_dialog_when_it_needs_a_session() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    let stubs = Stubs::new(&env, &[CODE]);
    with_prompt(&env, "kdialog", "");
    let env = stubs.apply(env).env("DISPLAY", ":4242");
    // The AWS CLI is the consumer; the server has no session and no terminal: the dialog.
    let aws = venv_bin().join("aws").display().to_string();
    let out = env.run(&[
        "exec",
        "--server",
        "dev-admin",
        "--",
        &aws,
        "sts",
        "get-caller-identity",
    ]);
    out.assert_success();
    assert!(
        out.json()["Arn"]
            .as_str()
            .is_some_and(|a| a.contains("assumed-role/dev-admin/")),
        "{out}"
    );
    let calls = stubs.calls();
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert_eq!(
        calls[0].last(),
        Some(&question("the credential server")),
        "{calls:?}"
    );
    assert_code_sent(&proxy, &stubs);
}

#[test]
fn the_shell_hooks_no_prompt_switch_raises_no_dialog_either() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    let stubs = Stubs::new(&env, &[CODE]);
    let env = stubs
        .apply(env)
        .env("DISPLAY", ":4242")
        .env("AWSMFA_NO_PROMPT", "1");
    let out = env.run(&["env", "dev-admin", "--shell", "bash"]);
    assert_exit_6(&out, "awsmfa may not ask for one here");
    assert!(stubs.calls().is_empty(), "{:?}", stubs.calls());
    assert_eq!(proxy.count("GetSessionToken"), 0);
}

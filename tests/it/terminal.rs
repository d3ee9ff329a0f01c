//! Behaviour with a real terminal, given to awsmfa by util-linux `script` (a pty): the MFA
//! prompt on /dev/tty (never on stdout), re-asking after a malformed code, and refusing to print
//! secrets onto the terminal itself.

use crate::common::*;

const PROMPT: &str = "MFA code for arn:aws:iam::123456789012:mfa/alice: ";
const SCRIPT: &str = "/usr/bin/script";

/// The standard fixture behind a recording proxy in front of moto, and an environment whose
/// program is `script`; None (test skipped) when moto or `script` is missing outside CI.
fn fixture() -> Option<(TestEnv, RecordingProxy)> {
    if !std::path::Path::new(SCRIPT).is_file() {
        assert!(!tools_required(), "util-linux script is not installed");
        eprintln!("skipping: {SCRIPT} not installed");
        return None;
    }
    let moto = moto()?;
    let proxy = RecordingProxy::start(&moto.url);
    let env = TestEnv::with_bin(SCRIPT).with_endpoint(&proxy.url);
    standard_profiles(&env);
    Some((env, proxy))
}

/// Runs `command` (a `sh` command line, awsmfa on PATH) on a fresh pty with `typed` as the
/// keyboard input. The returned stdout is the terminal transcript; the exit code is the
/// command's (`script -e`).
fn on_terminal(env: &TestEnv, command: &str, typed: &str) -> Output {
    env.run_stdin(&["-qec", command, "/dev/null"], typed)
}

/// A file the command wrote in the environment's home (its working directory).
fn read_home(env: &TestEnv, name: &str) -> String {
    std::fs::read_to_string(env.home.join(name))
        .unwrap_or_else(|e| panic!("{name} was not written: {e}"))
}

#[test]
fn the_mfa_prompt_goes_to_the_terminal_and_only_exports_go_to_stdout() {
    let (env, proxy) = skip_unless!(fixture());
    let out = on_terminal(
        &env,
        "awsmfa env dev-admin --shell bash > out.txt",
        "123456\n",
    );
    out.assert_success();
    assert!(
        out.stdout.contains(PROMPT),
        "the transcript shows the prompt:\n{out}"
    );
    let exports = read_home(&env, "out.txt");
    assert!(!exports.contains("MFA code"), "prompt on stdout: {exports}");
    assert!(
        exports.starts_with("export AWS_ACCESS_KEY_ID='ASIA"),
        "{exports}"
    );
    assert!(
        exports.contains("export AWSMFA_PROFILE='dev-admin'\n"),
        "{exports}"
    );
    assert!(
        !out.stdout.contains("AWS_SECRET_ACCESS_KEY"),
        "no secret on the terminal:\n{out}"
    );
    let gst: Vec<_> = proxy
        .requests()
        .into_iter()
        .filter(|r| r.param("Action") == Some("GetSessionToken"))
        .collect();
    assert_eq!(gst.len(), 1, "{:?}", proxy.actions());
    assert_eq!(gst[0].param("TokenCode"), Some("123456"));
}

#[test]
fn a_malformed_code_is_rejected_and_asked_again_without_a_request() {
    let (env, proxy) = skip_unless!(fixture());
    let out = on_terminal(
        &env,
        "awsmfa env dev-admin --shell bash > out.txt",
        "12ab\n123456\n",
    );
    out.assert_success();
    assert_eq!(out.stdout.matches(PROMPT).count(), 2, "asked twice:\n{out}");
    assert!(
        out.stdout.contains("the MFA code must be 6 digits"),
        "says why the first code was refused:\n{out}"
    );
    assert!(read_home(&env, "out.txt").contains("export AWS_SECRET_ACCESS_KEY='"));
    let codes: Vec<Option<String>> = proxy
        .requests()
        .into_iter()
        .filter(|r| r.param("Action") == Some("GetSessionToken"))
        .map(|r| r.param("TokenCode").map(str::to_string))
        .collect();
    assert_eq!(codes, [Some("123456".to_string())], "nothing sent for 12ab");
}

#[test]
fn env_refuses_to_print_secrets_onto_the_terminal() {
    let (env, proxy) = skip_unless!(fixture());
    let out = on_terminal(&env, "awsmfa env dev-admin -c 123456", "");
    assert_eq!(out.code, Some(2), "{out}");
    assert!(!out.stdout.contains("AWS_SECRET_ACCESS_KEY"), "{out}");
    assert!(
        out.stdout.contains("eval \"$(awsmfa env"),
        "explains how to use it:\n{out}"
    );
    assert!(proxy.actions().is_empty(), "{:?}", proxy.actions());
}

#[test]
fn env_with_force_prints_onto_the_terminal() {
    let (env, _proxy) = skip_unless!(fixture());
    let out = on_terminal(&env, "awsmfa env dev-admin -c 123456 --force", "");
    out.assert_success();
    assert!(
        out.stdout.contains("export AWS_SECRET_ACCESS_KEY='"),
        "{out}"
    );
    assert!(
        out.stdout.contains("export AWSMFA_PROFILE='dev-admin'"),
        "{out}"
    );
}

#[test]
fn credential_process_prompts_on_the_terminal_and_prints_json_on_stdout() {
    let (env, proxy) = skip_unless!(fixture());
    let out = on_terminal(
        &env,
        "awsmfa credential-process dev-admin > out.json",
        "123456\n",
    );
    out.assert_success();
    assert!(out.stdout.contains(PROMPT), "{out}");
    assert!(!out.stdout.contains("SecretAccessKey"), "{out}");
    let text = read_home(&env, "out.json");
    let doc: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    assert_eq!(doc["Version"], 1, "{text}");
    assert!(
        doc["AccessKeyId"].as_str().unwrap().starts_with("ASIA"),
        "{text}"
    );
    assert!(!doc["SecretAccessKey"].as_str().unwrap().is_empty());
    assert!(!doc["SessionToken"].as_str().unwrap().is_empty());
    assert!(doc["Expiration"].as_str().unwrap().ends_with('Z'), "{text}");
    assert_eq!(proxy.count("GetSessionToken"), 1, "{:?}", proxy.actions());
    assert_eq!(proxy.count("AssumeRole"), 1, "{:?}", proxy.actions());
}

//! `awsmfa write`, `set-default`, `clear PROFILE|--all` and the classic default action against
//! moto: what they write is used by the real AWS CLI and boto3, every other byte of the
//! credentials file is kept, and long-lived keys are never overwritten or removed.

use std::time::Duration;

use crate::common::*;

/// The standard fixture with a credentials file full of things to preserve.
const PRESERVED: &str = "# my credentials, hand-edited\n\
[identity]\n\
aws_access_key_id = AKIAI44QH8DHBEXAMPLE\n\
aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY\n\
\n\
; a comment between sections\n\
[other]   \n\
aws_access_key_id=AKIAOTHEROTHEREXAMPLE\n\
aws_secret_access_key   =   otherFAKEsecretEXAMPLE\n";

/// The standard fixture with `PRESERVED` as the credentials file.
fn fixture() -> Option<(TestEnv, RecordingProxy)> {
    let (env, proxy) = proxied_fixture()?;
    env.write_credentials(PRESERVED);
    Some((env, proxy))
}

fn credentials(env: &TestEnv) -> String {
    std::fs::read_to_string(&env.credentials).unwrap()
}

/// The file starts with exactly the preserved bytes: awsmfa only appended.
fn assert_preserved(env: &TestEnv) {
    let text = credentials(env);
    assert!(
        text.starts_with(PRESERVED),
        "preserved bytes changed:\n{text}"
    );
}

#[test]
fn written_profile_is_used_by_the_aws_cli_and_boto3() {
    let (env, _proxy) = skip_unless!(fixture());
    let out = env.run(&["write", "dev-admin", "--to", "written", "-c", "123456"]);
    out.assert_success()
        .assert_stderr_contains("dev-admin -> [written]");
    assert!(out.stdout.is_empty(), "nothing on stdout: {out}");
    assert_preserved(&env);
    let text = credentials(&env);
    for key in [
        "aws_session_token = ",
        "aws_security_token = ",
        "awsmfa_managed = true",
    ] {
        assert!(text.contains(key), "{key}: {text}");
    }
    assert!(
        text.lines()
            .any(|l| l.starts_with("expiration = ") && l.ends_with('Z')),
        "{text}"
    );
    let cli = env.aws(&[
        "sts",
        "get-caller-identity",
        "--profile",
        "written",
        "--query",
        "Arn",
        "--output",
        "text",
    ]);
    cli.assert_success();
    assert!(
        cli.stdout
            .trim()
            .starts_with("arn:aws:sts::123456789012:assumed-role/dev-admin/"),
        "{cli}"
    );
    let py = venv_bin().join("python");
    let boto = env.run_program(
        py.to_str().unwrap(),
        &["-c", "import boto3; print(boto3.Session(profile_name='written').client('sts', region_name='us-east-1').get_caller_identity()['Arn'])"],
    );
    boto.assert_success();
    assert!(
        boto.stdout
            .trim()
            .starts_with("arn:aws:sts::123456789012:assumed-role/dev-admin/"),
        "{boto}"
    );
}

#[test]
fn write_all_uses_one_session_and_role_profiles_get_their_mfa_name() {
    let (env, proxy) = skip_unless!(fixture());
    let out = env.run(&["write", "--all", "-c", "123456"]);
    out.assert_success();
    for p in ["dev-admin", "stage-poweruser", "prod-spectator"] {
        assert!(out.stderr.contains(&format!("{p} -> [{p}-mfa]")), "{out}");
    }
    assert_eq!(proxy.count("GetSessionToken"), 1, "{:?}", proxy.actions());
    assert_eq!(proxy.count("AssumeRole"), 3, "{:?}", proxy.actions());
    assert_preserved(&env);
    // Each written section is a profile awsmfa itself can hand out again, as temporary keys.
    let again = env.run(&["env", "stage-poweruser-mfa", "--format", "json"]);
    again.assert_success();
    assert!(
        again.json()["AccessKeyId"]
            .as_str()
            .unwrap()
            .starts_with("ASIA")
    );
}

#[test]
fn long_lived_keys_are_never_overwritten() {
    let (env, proxy) = skip_unless!(fixture());
    let out = env.run(&["write", "dev-admin", "--to", "other", "-c", "123456"]);
    assert_eq!(out.code, Some(2), "{out}");
    out.assert_stderr_contains("[other] holds long-lived keys")
        .assert_stderr_contains("--to");
    assert_eq!(
        credentials(&env),
        PRESERVED,
        "byte-identical after a refusal"
    );
    let _ = proxy;
    // The classic form refuses the same way, naming its own flag.
    let out = env.run(&["-t", "identity", "-c", "123456"]);
    assert_eq!(out.code, Some(2), "{out}");
    out.assert_stderr_contains("-t/--target-profile");
    assert_eq!(credentials(&env), PRESERVED);
}

#[test]
fn set_default_and_the_classic_default_action_write_default() {
    let (env, _proxy) = skip_unless!(fixture());
    env.run(&["set-default", "dev-admin", "-c", "123456"])
        .assert_success();
    let cli = env.aws(&[
        "sts",
        "get-caller-identity",
        "--query",
        "Arn",
        "--output",
        "text",
    ]);
    assert!(
        cli.stdout.trim().contains("assumed-role/dev-admin/"),
        "{cli}"
    );
    // `awsmfa` alone: the identity profile's session into [default] (replacing it in place).
    let out = env.run(&["-c", "123456"]);
    out.assert_success();
    // Whole seconds, as the prompt counts: 12:00:00 when the call took under a second.
    assert!(
        out.stderr
            .contains("Temporary credentials will expire in 11:59:")
            || out
                .stderr
                .contains("Temporary credentials will expire in 12:00:00."),
        "{out}"
    );
    let text = credentials(&env);
    assert_eq!(text.matches("[default]").count(), 1, "{text}");
    assert_preserved(&env);
}

#[test]
fn clear_removes_what_awsmfa_wrote_and_spares_long_lived_keys() {
    let (env, _proxy) = skip_unless!(fixture());
    env.run(&["write", "--all", "-c", "123456", "-q"])
        .assert_success();
    let one = env.run(&["clear", "dev-admin", "--shell", "bash"]);
    one.assert_success()
        .assert_stderr_contains("removed [dev-admin-mfa]");
    assert!(
        one.stdout.is_empty(),
        "dev-admin is not active in this shell: nothing to unset: {one}"
    );
    let text = credentials(&env);
    assert!(
        !text.contains("[dev-admin-mfa]") && text.contains("[prod-spectator-mfa]"),
        "{text}"
    );
    assert!(
        env.cache_files("role-").len() >= 2,
        "other roles stay cached"
    );

    let all = env.run(&["clear", "--all", "--shell", "bash"]);
    all.assert_success();
    all.assert_stdout_contains("unset -v AWS_ACCESS_KEY_ID");
    let text = credentials(&env);
    assert!(!text.contains("awsmfa_managed"), "{text}");
    assert!(
        text.contains("[identity]") && text.contains("[other]"),
        "{text}"
    );
    assert!(
        env.cache_files("").is_empty(),
        "cache emptied: {:?}",
        env.cache_files("")
    );
    // Asked to remove a long-lived section by name: spared, and said so.
    let spare = env.run(&["clear", "identity", "--shell", "bash"]);
    spare
        .assert_success()
        .assert_stderr_contains("spared [identity]");
    assert!(credentials(&env).contains("aws_access_key_id = AKIAI44QH8DHBEXAMPLE"));
}

#[test]
fn fifty_parallel_writers_keep_every_section() {
    let (env, _proxy) = skip_unless!(fixture());
    env.run(&["env", "dev-admin", "-c", "123456", "-q"])
        .assert_success();
    std::thread::scope(|s| {
        for i in 0..50 {
            let env = &env;
            s.spawn(move || {
                env.run(&[
                    "write",
                    "dev-admin",
                    "--to",
                    &format!("parallel-{i:02}"),
                    "-q",
                ])
                .assert_success();
            });
        }
    });
    let text = credentials(&env);
    assert_preserved(&env);
    for i in 0..50 {
        assert_eq!(
            text.matches(&format!("[parallel-{i:02}]")).count(),
            1,
            "parallel-{i:02} missing or doubled"
        );
    }
    // botocore still reads the file and sees every section.
    let py = venv_bin().join("python");
    let out = env.run_program(
        py.to_str().unwrap(),
        &["-c", "import boto3; p = boto3.Session().available_profiles; print(sum(n.startswith('parallel-') for n in p))"],
    );
    out.assert_success();
    assert_eq!(out.stdout.trim(), "50", "{out}");
}

#[test]
fn concurrent_profiles_prompt_one_at_a_time_each_for_its_own_device() {
    if !pty::have_script() {
        return;
    }
    let (env, proxy) = skip_unless!(proxied_fixture());
    // Three key profiles with a device each, a role on each: after the first, `write` resolves
    // the other two concurrently, and both need a code.
    let mut config = String::new();
    let mut credentials = String::new();
    for n in 1..=3 {
        config.push_str(&format!(
            "[profile key{n}]\nmfa_serial = arn:aws:iam::123456789012:mfa/device{n}\n\
             [profile role{n}]\nrole_arn = arn:aws:iam::123456789012:role/role{n}\nsource_profile = key{n}\n"
        ));
        credentials.push_str(&format!(
            "[key{n}]\naws_access_key_id = {FAKE_AKID_2}\naws_secret_access_key = {FAKE_SECRET_2}\n"
        ));
    }
    env.write_config(&config);
    env.write_credentials(&credentials);
    // Each device's code is its number six times.
    let code_for = |prompt: &str| -> String {
        let n = prompt
            .split("mfa/device")
            .nth(1)
            .and_then(|rest| rest.chars().next())
            .unwrap_or_else(|| panic!("not an MFA prompt: {prompt:?}"));
        n.to_string().repeat(6)
    };
    let talk = pty::Pty::spawn(
        &env,
        "awsmfa write role1 role2 role3",
        Duration::from_secs(60),
    )
    .converse(&["MFA code for "], code_for);
    assert_eq!(talk.code, Some(0), "{talk:#?}");
    assert_eq!(talk.answered.len(), 3, "{talk:#?}");
    // Every device got the code typed at its own prompt.
    let mut sent: Vec<(String, String)> = proxy
        .requests()
        .into_iter()
        .filter(|r| r.action.as_deref() == Some("GetSessionToken"))
        .map(|r| {
            (
                r.param("SerialNumber").unwrap_or_default().to_string(),
                r.param("TokenCode").unwrap_or_default().to_string(),
            )
        })
        .collect();
    sent.sort();
    let expected: Vec<(String, String)> = (1..=3)
        .map(|n| {
            (
                format!("arn:aws:iam::123456789012:mfa/device{n}"),
                n.to_string().repeat(6),
            )
        })
        .collect();
    assert_eq!(sent, expected, "{talk:#?}");
}

#[test]
fn the_lock_lives_in_the_cache_and_the_old_one_next_to_the_file_goes() {
    let (env, _proxy) = skip_unless!(fixture());
    let aws = env.credentials.parent().unwrap().to_path_buf();
    let old = aws.join("credentials.awsmfa.lock");
    std::fs::write(&old, "").unwrap();
    env.run(&["write", "dev-admin", "-c", "123456"])
        .assert_success();
    assert_preserved(&env);
    let mut names: Vec<String> = std::fs::read_dir(&aws)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["config", "credentials"],
        "awsmfa left files in ~/.aws"
    );
    let locks: Vec<String> = std::fs::read_dir(env.cache.join("awsmfa"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("credfile-") && n.ends_with(".lock"))
        .collect();
    assert_eq!(locks.len(), 1, "{locks:?}");
}

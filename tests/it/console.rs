//! `awsmfa console`: credentials from moto (the cached MFA session, roles, GetFederationToken),
//! exchanged at a local stub of the federation endpoint that checks the `Session` document it
//! receives, and the login URL printed (`--print`) or handed, inside a private page that
//! redirects to it, to a recording browser command. No test opens a real browser: each sets
//! `--print`, `--browser` or `BROWSER`.

use std::net::{Ipv4Addr, TcpListener};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::common::*;

/// The token the stub hands out: `/`, `+` and `=` must come back percent-encoded in the URL.
const TOKEN: &str = "SIGNIN/tok+en==";
const TOKEN_ENCODED: &str = "SIGNIN%2Ftok%2Ben%3D%3D";
const ALLOW_ALL: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;

/// What the stub answers to a request.
#[derive(Clone)]
enum Reply {
    /// 200 with `{"SigninToken": TOKEN}`.
    Token,
    /// This status and body.
    Raw(u16, &'static str),
    /// 400 when SessionDuration is present, else the token (AWS refusing a console length).
    RefuseDuration,
    /// Accept the connection and never answer.
    Hang,
}

/// One request the stub received: path and decoded query parameters.
#[derive(Debug, Clone)]
struct FedRequest {
    path: String,
    params: Vec<(String, String)>,
}

impl FedRequest {
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The `Session` parameter parsed as JSON.
    fn session(&self) -> serde_json::Value {
        let raw = self.param("Session").expect("a Session parameter");
        serde_json::from_str(raw).unwrap_or_else(|e| panic!("Session is not JSON ({e}): {raw}"))
    }
}

/// A local federation endpoint: wiremock on loopback (plain HTTP; TLS, where a test needs it,
/// comes from a `TlsFront` before it), answering every request with `reply`.
struct FedStub {
    url: String,
    addr: std::net::SocketAddr,
    server: MockServer,
    runtime: tokio::runtime::Runtime,
}

impl FedStub {
    fn start(reply: Reply) -> FedStub {
        let runtime = tokio::runtime::Runtime::new().expect("stub runtime");
        let server = runtime.block_on(MockServer::start());
        runtime.block_on(Mock::given(any()).respond_with(reply).mount(&server));
        FedStub {
            url: format!("{}/federation", server.uri()),
            addr: *server.address(),
            server,
            runtime,
        }
    }

    /// Every request received so far, in order.
    fn requests(&self) -> Vec<FedRequest> {
        let received = self.runtime.block_on(self.server.received_requests());
        received
            .unwrap_or_default()
            .iter()
            .map(|r| FedRequest {
                path: r.url.path().to_string(),
                params: crate::common::proxy::parse_form(r.url.query().unwrap_or_default()),
            })
            .collect()
    }
}

impl Respond for Reply {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let has_duration =
            crate::common::proxy::parse_form(request.url.query().unwrap_or_default())
                .iter()
                .any(|(k, _)| k == "SessionDuration");
        let token_body = serde_json::json!({ "SigninToken": TOKEN }).to_string();
        let (status, body) = match self {
            Reply::Token => (200, token_body),
            Reply::Raw(status, body) => (*status, body.to_string()),
            Reply::RefuseDuration if has_duration => (400, "Invalid credentials parameter".into()),
            Reply::RefuseDuration => (200, token_body),
            // Longer than any timeout a test sets: the answer never comes in time.
            Reply::Hang => (200, token_body),
        };
        let template = ResponseTemplate::new(status).set_body_raw(body, "application/json");
        match self {
            Reply::Hang => template.set_delay(Duration::from_secs(30)),
            _ => template,
        }
    }
}

/// moto behind a recording proxy, the standard profiles, and a federation stub.
fn fixture(reply: Reply) -> Option<(TestEnv, RecordingProxy, FedStub)> {
    let moto = moto()?;
    let proxy = RecordingProxy::start(&moto.url);
    let stub = FedStub::start(reply);
    let env = TestEnv::new()
        .with_endpoint(&proxy.url)
        .env("AWSMFA_FEDERATION_URL", &stub.url)
        .env("USER", "alice");
    standard_profiles(&env);
    Some((env, proxy, stub))
}

macro_rules! fixture {
    ($reply:expr) => {
        match fixture($reply) {
            Some(f) => f,
            None => return,
        }
    };
}

/// The login URL awsmfa must build, with the stub's token.
fn login_url(signin_host: &str, destination_encoded: &str) -> String {
    format!(
        "https://{signin_host}/federation?Action=login&Issuer=awsmfa&Destination={destination_encoded}&SigninToken={TOKEN_ENCODED}"
    )
}

/// A browser command that writes each argument it gets on its own line into `record`, and
/// what its last argument (the page to open) holds into `record.html`, with the modes of that
/// file and its directory in `record.mode`: awsmfa deletes the page once the browser has it.
fn recorder(env: &TestEnv, record: &Path) -> PathBuf {
    let script = env.root().join("browser.sh");
    let r = record.display();
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; page=$a; done > '{r}'\n\
             cat \"$page\" > '{r}.html'\n\
             stat -c %a \"$page\" \"$(dirname \"$page\")\" > '{r}.mode'\n"
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

/// What the recording browser got: its arguments, and the URL the page it was given redirects
/// to. Checks that the URL is not among the arguments, that the page was private (0600 in a
/// 0700 directory) and that it is gone now.
fn opened(record: &Path) -> (Vec<String>, String) {
    let argv: Vec<String> = std::fs::read_to_string(record)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let html = std::fs::read_to_string(record.with_extension("html")).unwrap();
    let page = argv.last().expect("the browser got the page");
    assert!(page.ends_with("/signin.html"), "{argv:?}");
    assert!(
        !Path::new(page).exists(),
        "the page was not deleted: {page}"
    );
    assert_eq!(
        std::fs::read_to_string(record.with_extension("mode")).unwrap(),
        "600\n700\n"
    );
    let url = page_url(&html);
    for a in &argv {
        assert!(!a.contains("SigninToken"), "the URL is in argv: {argv:?}");
        assert!(!a.contains(&url), "the URL is in argv: {argv:?}");
    }
    (argv, url)
}

/// The URL a sign-in page redirects to, from its link and its meta refresh (which must agree).
fn page_url(html: &str) -> String {
    let between = |start: &str, end: &str| -> String {
        let from = html
            .find(start)
            .unwrap_or_else(|| panic!("no {start}: {html}"))
            + start.len();
        let len = html[from..].find(end).unwrap();
        html[from..from + len].replace("&amp;", "&")
    };
    let href = between("href=\"", "\"");
    assert_eq!(href, between("content=\"0; url=", "\""), "{html}");
    assert!(html.contains("location.replace("), "{html}");
    href
}

fn add_config(env: &TestEnv, extra: &str) {
    let config = std::fs::read_to_string(&env.config).unwrap();
    env.write_config(&format!("{config}\n{extra}"));
}

#[test]
fn role_profile_prints_the_login_url_for_the_moto_role_credentials() {
    let (env, proxy, stub) = fixture!(Reply::Token);
    let out = env.run(&[
        "console",
        "dev-admin",
        "--print",
        "--service",
        "ec2",
        "-c",
        "123456",
    ]);
    out.assert_success();
    assert_eq!(
        out.stdout,
        format!(
            "{}\n",
            login_url(
                "signin.aws.amazon.com",
                "https%3A%2F%2Feu-west-1.console.aws.amazon.com%2Fec2%2Fhome%3Fregion%3Deu-west-1"
            )
        ),
        "{out}"
    );
    assert_eq!(out.stdout.lines().count(), 1);

    let requests = stub.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    let r = &requests[0];
    assert_eq!(r.path, "/federation");
    assert_eq!(r.param("Action"), Some("getSigninToken"));
    assert_eq!(r.param("SessionDuration"), None);
    // The session went through GetSessionToken with the code, the role through AssumeRole
    // with the session; the role's own length is untouched by the console.
    assert_eq!(proxy.actions(), ["GetSessionToken", "AssumeRole"]);
    let assume = proxy
        .requests()
        .into_iter()
        .find(|r| r.action.as_deref() == Some("AssumeRole"))
        .unwrap();
    assert_eq!(
        assume.param("RoleArn"),
        Some("arn:aws:iam::123456789012:role/dev-admin")
    );
    assert_eq!(assume.param("DurationSeconds"), Some("3600"));

    // The Session document holds exactly the role credentials moto issued, which the cache
    // now hands to `env` without another request.
    let issued = env.run(&["env", "dev-admin", "--format", "json"]);
    issued.assert_success();
    assert_eq!(proxy.actions().len(), 2, "{:?}", proxy.actions());
    let issued = issued.json();
    assert_eq!(
        r.session(),
        serde_json::json!({
            "sessionId": issued["AccessKeyId"],
            "sessionKey": issued["SecretAccessKey"],
            "sessionToken": issued["SessionToken"],
        })
    );
    assert_ne!(issued["AccessKeyId"], FAKE_AKID_2);
}

#[test]
fn a_second_role_signs_in_from_the_cached_session_without_a_code() {
    let (env, proxy, stub) = fixture!(Reply::Token);
    env.run(&["console", "dev-admin", "--print", "-c", "123456"])
        .assert_success();
    // No code and no terminal: only the cached MFA session can serve this.
    let out = env.run(&["console", "stage-poweruser", "--print"]);
    out.assert_success();
    // No region on the profile: the console home of the partition.
    assert_eq!(
        out.stdout,
        format!(
            "{}\n",
            login_url(
                "signin.aws.amazon.com",
                "https%3A%2F%2Fconsole.aws.amazon.com%2F"
            )
        )
    );
    assert_eq!(proxy.count("GetSessionToken"), 1, "{:?}", proxy.actions());
    assert_eq!(proxy.count("AssumeRole"), 2, "{:?}", proxy.actions());
    let sessions: Vec<_> = stub.requests().iter().map(FedRequest::session).collect();
    assert_eq!(sessions.len(), 2);
    assert_ne!(
        sessions[0]["sessionId"], sessions[1]["sessionId"],
        "each role has its own credentials"
    );
}

#[test]
fn key_profile_signs_in_through_get_federation_token_with_the_long_lived_keys() {
    let (env, proxy, stub) = fixture!(Reply::Token);
    let env = env.env("USER", "alice-with-a-rather-long-login-name");
    let out = env.run(&["console", "identity", "--print"]);
    out.assert_success();
    assert_eq!(
        out.stdout,
        format!(
            "{}\n",
            login_url(
                "signin.aws.amazon.com",
                "https%3A%2F%2Fconsole.aws.amazon.com%2F"
            )
        )
    );
    assert!(out.stderr.contains("GetFederationToken"), "{out}");
    // Only GetFederationToken: no MFA session, no code asked for (none could be given here).
    assert_eq!(proxy.actions(), ["GetFederationToken"]);
    let gft = &proxy.requests()[0];
    let name = "awsmfa-alice-with-a-rather-long-";
    assert_eq!(name.len(), 32);
    assert_eq!(gft.param("Name"), Some(name));
    assert_eq!(gft.param("Policy"), Some(ALLOW_ALL));
    assert_eq!(gft.param("DurationSeconds"), Some("43200"));
    assert_eq!(gft.param("TokenCode"), None);
    assert_eq!(gft.param("SerialNumber"), None);
    let auth = gft.header("authorization").unwrap_or_default();
    assert!(
        auth.contains(&format!("Credential={FAKE_AKID_2}/")),
        "signed with the long-lived key: {auth}"
    );

    // moto answers every GetFederationToken with the same credentials: ask it with the real
    // AWS CLI and compare with the Session document the endpoint received.
    let requests = stub.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].param("SessionDuration"), None);
    let moto_says = env
        .aws(&[
            "sts",
            "get-federation-token",
            "--profile",
            "identity",
            "--name",
            name,
            "--output",
            "json",
        ])
        .json();
    let c = &moto_says["Credentials"];
    assert_eq!(
        requests[0].session(),
        serde_json::json!({
            "sessionId": c["AccessKeyId"],
            "sessionKey": c["SecretAccessKey"],
            "sessionToken": c["SessionToken"],
        })
    );
}

#[test]
fn key_profile_duration_is_the_federated_users_lifetime() {
    let (env, proxy, stub) = fixture!(Reply::Token);
    env.run(&["console", "identity", "--print", "-d", "3600"])
        .assert_success();
    assert_eq!(proxy.actions(), ["GetFederationToken"]);
    assert_eq!(proxy.requests()[0].param("DurationSeconds"), Some("3600"));
    let requests = stub.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].param("SessionDuration"), None);
}

#[test]
fn hosts_follow_the_role_arn_partition_or_the_region() {
    let (env, _proxy, stub) = fixture!(Reply::Token);
    add_config(
        &env,
        "[profile cn-ops]\nrole_arn = arn:aws-cn:iam::123456789012:role/cn-ops\nsource_profile = identity\nregion = cn-north-1\n\n\
         [profile gov-ops]\nrole_arn = arn:aws-us-gov:iam::123456789012:role/gov-ops\nsource_profile = identity\nregion = us-gov-west-1\n\n\
         [profile cn-keys]\nregion = cn-northwest-1\n\n\
         [profile gov-keys]\nregion = us-gov-east-1\n",
    );
    let creds = std::fs::read_to_string(&env.credentials).unwrap();
    env.write_credentials(&format!(
        "{creds}\n[cn-keys]\naws_access_key_id = {FAKE_AKID}\naws_secret_access_key = {FAKE_SECRET}\n\
         [gov-keys]\naws_access_key_id = {FAKE_AKID}\naws_secret_access_key = {FAKE_SECRET}\n"
    ));
    let cases = [
        (
            vec!["cn-ops", "--service", "ec2", "-c", "123456"],
            login_url(
                "signin.amazonaws.cn",
                "https%3A%2F%2Fcn-north-1.console.amazonaws.cn%2Fec2%2Fhome%3Fregion%3Dcn-north-1",
            ),
        ),
        (
            vec!["gov-ops"],
            login_url(
                "signin.amazonaws-us-gov.com",
                "https%3A%2F%2Fus-gov-west-1.console.amazonaws-us-gov.com%2Fconsole%2Fhome%3Fregion%3Dus-gov-west-1",
            ),
        ),
        (
            vec!["cn-keys", "--service", "s3"],
            login_url(
                "signin.amazonaws.cn",
                "https%3A%2F%2Fcn-northwest-1.console.amazonaws.cn%2Fs3%2Fhome%3Fregion%3Dcn-northwest-1",
            ),
        ),
        (
            vec!["gov-keys"],
            login_url(
                "signin.amazonaws-us-gov.com",
                "https%3A%2F%2Fus-gov-east-1.console.amazonaws-us-gov.com%2Fconsole%2Fhome%3Fregion%3Dus-gov-east-1",
            ),
        ),
        // --region changes the console region (and with it the partition of a key profile).
        (
            vec![
                "dev-admin",
                "--region",
                "ap-southeast-2",
                "--service",
                "cloudwatch",
            ],
            login_url(
                "signin.aws.amazon.com",
                "https%3A%2F%2Fap-southeast-2.console.aws.amazon.com%2Fcloudwatch%2Fhome%3Fregion%3Dap-southeast-2",
            ),
        ),
    ];
    for (args, expected) in &cases {
        let mut argv = vec!["console", "--print"];
        argv.extend(args.iter().copied());
        let out = env.run(&argv);
        out.assert_success();
        assert_eq!(out.stdout, format!("{expected}\n"), "{out}");
    }
    // No region on the profile: the region STS is called in (AWS_REGION) picks the partition;
    // the console lands on the partition's home.
    let out = env
        .env("AWS_REGION", "cn-north-1")
        .run(&["console", "--print", "identity"]);
    out.assert_success();
    assert_eq!(
        out.stdout,
        format!(
            "{}\n",
            login_url(
                "signin.amazonaws.cn",
                "https%3A%2F%2Fconsole.amazonaws.cn%2F"
            )
        ),
        "{out}"
    );
    assert_eq!(stub.requests().len(), cases.len() + 1);
    for r in stub.requests() {
        let session = r.session();
        assert!(
            session["sessionToken"]
                .as_str()
                .is_some_and(|t| !t.is_empty()),
            "{session}"
        );
    }
}

#[test]
fn duration_is_sent_as_session_duration_and_not_as_the_roles_length() {
    let (env, proxy, stub) = fixture!(Reply::Token);
    let out = env.run(&[
        "console",
        "dev-admin",
        "--print",
        "-c",
        "123456",
        "-d",
        "43200",
    ]);
    out.assert_success();
    let requests = stub.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].param("SessionDuration"), Some("43200"));
    let assume = proxy
        .requests()
        .into_iter()
        .find(|r| r.action.as_deref() == Some("AssumeRole"))
        .unwrap();
    assert_eq!(assume.param("DurationSeconds"), Some("3600"));
    assert!(!out.stderr.contains("warning"), "{out}");
}

#[test]
fn a_refused_session_duration_is_dropped_with_a_warning() {
    let (env, _proxy, stub) = fixture!(Reply::RefuseDuration);
    let out = env.run(&[
        "console",
        "dev-admin",
        "--print",
        "-c",
        "123456",
        "-d",
        "7200",
    ]);
    out.assert_success();
    assert_eq!(out.stdout.lines().count(), 1, "{out}");
    assert!(
        out.stdout
            .ends_with(&format!("SigninToken={TOKEN_ENCODED}\n"))
    );
    let durations: Vec<Option<String>> = stub
        .requests()
        .iter()
        .map(|r| r.param("SessionDuration").map(str::to_string))
        .collect();
    assert_eq!(durations, [Some("7200".to_string()), None]);
    assert!(
        out.stderr
            .contains("warning: AWS refused a console session length of 7200 s"),
        "{out}"
    );
}

#[test]
fn a_role_assumed_from_another_role_gets_no_session_duration() {
    let (env, proxy, stub) = fixture!(Reply::Token);
    add_config(
        &env,
        "[profile chained]\nrole_arn = arn:aws:iam::123456789012:role/chained\nsource_profile = dev-admin\n",
    );
    let out = env.run(&[
        "console", "chained", "--print", "-c", "123456", "-d", "7200",
    ]);
    out.assert_success();
    assert_eq!(proxy.count("AssumeRole"), 2, "{:?}", proxy.actions());
    let requests = stub.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].param("SessionDuration"), None);
    assert!(out.stderr.contains("--duration 7200 not sent"), "{out}");
}

#[test]
fn bad_input_is_refused_before_any_request() {
    let (env, proxy, stub) = fixture!(Reply::Token);
    for (args, needle) in [
        (vec!["-d", "600"], "out of range"),
        (vec!["-d", "43201"], "out of range"),
        (vec!["-d", "12h"], "whole number"),
        (vec!["--service", "../../evil"], "not a console service"),
        (vec!["--region", "evil.example/x"], "not a region"),
    ] {
        let mut argv = vec!["console", "dev-admin", "--print", "-c", "123456"];
        argv.extend(args);
        let out = env.run(&argv);
        assert_eq!(out.code, Some(2), "{out}");
        assert!(out.stdout.is_empty(), "{out}");
        assert!(out.stderr.contains(needle), "{out}");
    }
    let out = env.run(&["console", "dev-admin", "--print", "--browser", "x"]);
    assert_eq!(out.code, Some(2), "--print and --browser conflict: {out}");
    let out = env.run(&["console", "dev-admin", "--force", "-c", "123456"]);
    assert_eq!(out.code, Some(2), "--force goes with --print only: {out}");
    for (url, needle) in [
        (
            "ftp://127.0.0.1/federation",
            "not an http:// or https:// URL",
        ),
        // The request carries the credentials: plain http only to this machine.
        ("http://example.com/federation", "only to this machine"),
        ("http://10.1.2.3:8080/federation", "only to this machine"),
        (
            "http://127.0.0.1@example.com/federation",
            "only to this machine",
        ),
    ] {
        let mut cmd = env.cmd(&["console", "dev-admin", "--print", "-c", "123456"]);
        cmd.env("AWSMFA_FEDERATION_URL", url);
        let out = run_command(cmd, None, Duration::from_secs(60));
        assert_eq!(out.code, Some(2), "{url}: {out}");
        assert!(out.stderr.contains("AWSMFA_FEDERATION_URL"), "{out}");
        assert!(out.stderr.contains(needle), "{out}");
    }
    assert!(proxy.actions().is_empty(), "{:?}", proxy.actions());
    assert!(stub.requests().is_empty());
}

#[test]
fn browser_flag_gets_a_private_page_with_the_url_and_nothing_is_printed() {
    let (env, _proxy, stub) = fixture!(Reply::Token);
    let record = env.root().join("opened");
    let browser = recorder(&env, &record);
    let out = env.run(&[
        "console",
        "dev-admin",
        "-c",
        "123456",
        "--browser",
        browser.to_str().unwrap(),
    ]);
    out.assert_success();
    let url = login_url(
        "signin.aws.amazon.com",
        "https%3A%2F%2Feu-west-1.console.aws.amazon.com%2Fconsole%2Fhome%3Fregion%3Deu-west-1",
    );
    let (argv, opened_url) = opened(&record);
    assert_eq!(opened_url, url);
    assert_eq!(argv.len(), 1, "{argv:?}");
    assert!(out.stdout.is_empty(), "{out}");
    assert!(!out.stderr.contains(TOKEN_ENCODED), "{out}");
    assert!(!out.stderr.contains("SigninToken"), "{out}");
    assert!(out.stderr.contains("opened the aws console"), "{out}");
    assert_eq!(stub.requests().len(), 1);

    // A command with arguments of its own: the page comes last, as one argument.
    std::fs::remove_file(&record).unwrap();
    let with_args = format!("{} --new-window", browser.display());
    env.run(&["console", "dev-admin", "--browser", &with_args])
        .assert_success();
    let (argv, opened_url) = opened(&record);
    assert_eq!(opened_url, url);
    assert_eq!(argv.len(), 2, "{argv:?}");
    assert_eq!(argv[0], "--new-window");
}

#[test]
fn browser_variable_is_tried_in_order() {
    let (env, _proxy, _stub) = fixture!(Reply::Token);
    let record = env.root().join("opened");
    let browser = recorder(&env, &record);
    let env = env.env(
        "BROWSER",
        format!("/nonexistent/awsmfa-no-browser:{}", browser.display()),
    );
    let out = env.run(&["console", "stage-poweruser", "-c", "123456"]);
    out.assert_success();
    assert!(out.stdout.is_empty(), "{out}");
    assert_eq!(
        opened(&record).1,
        login_url(
            "signin.aws.amazon.com",
            "https%3A%2F%2Fconsole.aws.amazon.com%2F"
        )
    );
}

#[test]
fn a_browser_that_stays_open_counts_as_opened() {
    let (env, _proxy, _stub) = fixture!(Reply::Token);
    let record = env.root().join("opened");
    let browser = env.root().join("foreground-browser.sh");
    std::fs::write(
        &browser,
        format!(
            "#!/bin/sh\ncat \"$1\" > '{}'\nexec sleep 20 >/dev/null 2>&1\n",
            record.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    let started = std::time::Instant::now();
    let out = env.run(&[
        "console",
        "dev-admin",
        "-c",
        "123456",
        "--browser",
        browser.to_str().unwrap(),
    ]);
    assert_eq!(out.code, Some(0), "{out}");
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "awsmfa waited for the browser to exit"
    );
    assert!(
        page_url(&std::fs::read_to_string(&record).unwrap())
            .ends_with(&format!("SigninToken={TOKEN_ENCODED}"))
    );
}

#[test]
fn the_page_outlives_a_browser_command_that_returns_at_once() {
    let (env, _proxy, _stub) = fixture!(Reply::Token);
    // Like xdg-open: hand the page to something that reads it a moment later, and return.
    let record = env.root().join("late.html");
    let browser = format!(
        "(sleep 1; cat \"$1\" > '{}') >/dev/null 2>&1 </dev/null & exit 0",
        record.display()
    );
    let out = env.run(&[
        "console",
        "dev-admin",
        "-c",
        "123456",
        "--browser",
        &browser,
    ]);
    out.assert_success();
    // awsmfa kept the page for its grace period, which outlasts the reader's second.
    let html = std::fs::read_to_string(&record).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert!(
        page_url(&html).ends_with(&format!("SigninToken={TOKEN_ENCODED}")),
        "{html}"
    );
}

#[test]
fn a_failing_browser_is_an_error() {
    let (env, _proxy, _stub) = fixture!(Reply::Token);
    let out = env.run(&[
        "console",
        "dev-admin",
        "-c",
        "123456",
        "--browser",
        "exit 3; :",
    ]);
    assert_eq!(out.code, Some(1), "{out}");
    assert!(
        out.stderr.contains("browser command `exit 3; :` failed"),
        "{out}"
    );
    assert!(out.stdout.is_empty(), "{out}");
}

#[test]
fn no_opener_is_an_error_before_any_request() {
    let (env, proxy, stub) = fixture!(Reply::Token);
    let empty = env.root().join("empty-path");
    std::fs::create_dir(&empty).unwrap();
    // No xdg-open can be found on this PATH and BROWSER is empty: nothing can be opened.
    let out =
        env.env("BROWSER", "")
            .env("PATH", &empty)
            .run(&["console", "dev-admin", "-c", "123456"]);
    // 127 is `exec`'s alone (a command not found): here awsmfa itself fails.
    assert_eq!(out.code, Some(1), "{out}");
    assert!(out.stderr.contains("--print"), "{out}");
    assert!(proxy.actions().is_empty(), "{:?}", proxy.actions());
    assert!(stub.requests().is_empty());
}

/// A failed exchange: one `awsmfa:` line, the documented exit code, nothing opened or printed.
fn failed_exchange(reply: Reply, code: i32, needle: &str) {
    let (env, _proxy, stub) = fixture!(reply);
    let env = env.env("AWSMFA_TIMEOUT", "2");
    let record = env.root().join("opened");
    let browser = recorder(&env, &record);
    let out = env.run(&[
        "console",
        "dev-admin",
        "-c",
        "123456",
        "--browser",
        browser.to_str().unwrap(),
    ]);
    assert_eq!(out.code, Some(code), "{out}");
    assert!(out.stdout.is_empty(), "{out}");
    assert!(!record.exists(), "the browser was started: {out}");
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(lines[0].starts_with("awsmfa: getSigninToken: "), "{out}");
    assert!(lines[0].contains(needle), "{out}");
    // The message names the endpoint, never the credentials in its query.
    assert!(!lines[0].contains("Session="), "{out}");
    assert!(!lines[0].contains("sessionKey"), "{out}");
    assert_eq!(stub.requests().len(), 1);
}

#[test]
fn exchange_refused_with_400_is_an_auth_error() {
    failed_exchange(
        Reply::Raw(400, "Invalid credentials parameter"),
        4,
        "refused the credentials (HTTP 400: Invalid credentials parameter)",
    );
}

#[test]
fn exchange_with_a_server_error_is_a_network_error() {
    failed_exchange(
        Reply::Raw(500, "<html>\n<body>Internal\x1b[2J</body>"),
        5,
        "answered HTTP 500",
    );
}

#[test]
fn exchange_answering_garbage_is_a_network_error() {
    failed_exchange(Reply::Raw(200, "<html>not json</html>"), 5, "cannot read");
}

#[test]
fn exchange_without_a_token_is_a_network_error() {
    failed_exchange(Reply::Raw(200, r#"{"Token":"x"}"#), 5, "cannot read");
}

#[test]
fn exchange_with_an_empty_token_is_a_network_error() {
    failed_exchange(
        Reply::Raw(200, r#"{"SigninToken":" "}"#),
        5,
        "empty SigninToken",
    );
}

#[test]
fn exchange_redirected_is_not_a_token() {
    failed_exchange(
        Reply::Raw(302, r#"{"SigninToken":"from-a-redirect"}"#),
        5,
        "answered HTTP 302",
    );
}

#[test]
fn exchange_that_never_answers_times_out() {
    failed_exchange(Reply::Hang, 5, "no answer");
}

#[test]
fn unreachable_endpoint_is_a_network_error() {
    let (env, _proxy, _stub) = fixture!(Reply::Token);
    // A port nothing listens on: bound, then released.
    let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = env
        .env(
            "AWSMFA_FEDERATION_URL",
            format!("http://127.0.0.1:{port}/federation"),
        )
        .run(&["console", "dev-admin", "--print", "-c", "123456"]);
    assert_eq!(out.code, Some(5), "{out}");
    assert!(
        out.stderr
            .starts_with("awsmfa: getSigninToken: cannot reach"),
        "{out}"
    );
    assert!(out.stdout.is_empty(), "{out}");
}

#[test]
fn https_endpoint_that_speaks_no_tls_is_a_network_error() {
    let (env, _proxy, stub) = fixture!(Reply::Token);
    // The real endpoints are https: this takes that path (system CA roots, rustls with ring)
    // against the plain-http stub, whose answer is not a TLS handshake.
    let url = stub.url.replace("http://", "https://");
    let out = env.env("AWSMFA_FEDERATION_URL", &url).run(&[
        "console",
        "dev-admin",
        "--print",
        "-c",
        "123456",
    ]);
    assert_eq!(out.code, Some(5), "{out}");
    assert!(
        out.stderr
            .starts_with("awsmfa: getSigninToken: cannot reach https://127.0.0.1:"),
        "{out}"
    );
    assert_eq!(out.stderr.lines().count(), 1, "{out}");
    assert!(out.stdout.is_empty(), "{out}");
}

#[test]
fn a_failing_credential_process_is_a_failure_not_a_refusal() {
    let (env, _proxy, stub) = fixture!(Reply::Token);
    add_config(
        &env,
        "[profile broken]\ncredential_process = sh -c 'exit 3'\n",
    );
    let out = env.run(&["console", "broken", "--print"]);
    // The user's helper failed, AWS refused nothing: 1, not 4.
    assert_eq!(out.code, Some(1), "{out}");
    assert!(
        out.stderr
            .contains("credential_process of profile 'broken' failed"),
        "{out}"
    );
    assert!(out.stdout.is_empty(), "{out}");
    assert!(stub.requests().is_empty());
}

#[test]
fn print_refuses_a_terminal_unless_forced() {
    const SCRIPT: &str = "/usr/bin/script";
    if !Path::new(SCRIPT).is_file() {
        assert!(!tools_required(), "util-linux script is not installed");
        eprintln!("skipping: {SCRIPT} not installed");
        return;
    }
    let (env, proxy, stub) = fixture!(Reply::Token);
    let on_terminal = |command: &str| {
        let line = format!("{SCRIPT} -qec '{command}' /dev/null");
        env.run_program("sh", &["-c", &line])
    };
    let out = on_terminal("awsmfa console dev-admin --print -c 123456");
    assert_eq!(out.code, Some(2), "{out}");
    assert!(
        out.stdout
            .contains("not printing credentials to a terminal"),
        "{out}"
    );
    assert!(out.stdout.contains("--force"), "{out}");
    assert!(!out.stdout.contains("SigninToken"), "{out}");
    assert!(proxy.actions().is_empty(), "{:?}", proxy.actions());
    assert!(stub.requests().is_empty());
    let out = on_terminal("awsmfa console dev-admin --print --force -c 123456");
    out.assert_success();
    assert!(
        out.stdout.contains(&format!("SigninToken={TOKEN_ENCODED}")),
        "{out}"
    );
    // A pipe is not a terminal: no --force needed (the other tests print into one too).
    let out = on_terminal("awsmfa console dev-admin --print | cat > url.txt");
    out.assert_success();
    let url = std::fs::read_to_string(env.home.join("url.txt")).unwrap();
    assert!(
        url.ends_with(&format!("SigninToken={TOKEN_ENCODED}\n")),
        "{url}"
    );
    assert!(!out.stdout.contains("SigninToken"), "{out}");
}

#[test]
fn expired_credentials_are_not_sent() {
    let (env, _proxy, stub) = fixture!(Reply::Token);
    let process = env.root().join("expired-creds.sh");
    std::fs::write(
        &process,
        "#!/bin/sh\necho '{\"Version\":1,\"AccessKeyId\":\"ASIAEXPIREDEXAMPLE01\",\"SecretAccessKey\":\"s\",\"SessionToken\":\"t\",\"Expiration\":\"2020-01-01T00:00:00Z\"}'\n",
    )
    .unwrap();
    std::fs::set_permissions(&process, std::fs::Permissions::from_mode(0o755)).unwrap();
    add_config(
        &env,
        &format!(
            "[profile old]\ncredential_process = {}\n",
            process.display()
        ),
    );
    let out = env.run(&["console", "old", "--print"]);
    assert_eq!(out.code, Some(4), "{out}");
    assert!(
        out.stderr.contains("expired at 2020-01-01T00:00:00Z"),
        "{out}"
    );
    assert!(out.stdout.is_empty(), "{out}");
    assert!(stub.requests().is_empty());
}

/// The `awsmfa-console-*` directories in `tmp`.
fn page_dirs(tmp: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(tmp)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("awsmfa-console-"))
        })
        .collect()
}

#[test]
fn a_signal_during_the_grace_period_deletes_the_page_and_stale_pages_are_swept() {
    // Issue 17.8: Ctrl-C (or SIGTERM, SIGHUP) while awsmfa keeps the page for the browser left
    // it in $TMPDIR with a live sign-in token.
    let (env, _proxy, _stub) = fixture!(Reply::Token);
    let tmp = env.root().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    // What a killed run left behind two minutes ago.
    let stale = tmp.join("awsmfa-console-Stale1");
    std::fs::create_dir(&stale).unwrap();
    std::fs::write(stale.join("signin.html"), "token").unwrap();
    std::fs::File::open(&stale)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - Duration::from_secs(120))
        .unwrap();
    for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        let mut cmd = env.cmd(&["console", "dev-admin", "-c", "123456", "--browser", "true"]);
        cmd.env("TMPDIR", &tmp)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        let mut child = cmd.spawn().unwrap();
        let started = std::time::Instant::now();
        // `true` returns at once: awsmfa now keeps the page for its grace period.
        while !page_dirs(&tmp).iter().any(|d| d != &stale) {
            assert!(started.elapsed() < Duration::from_secs(20), "no page made");
            std::thread::sleep(Duration::from_millis(10));
        }
        std::thread::sleep(Duration::from_millis(200));
        // SAFETY: plain kill(2) on our own child.
        unsafe { libc::kill(child.id() as i32, sig) };
        let status = child.wait().unwrap();
        assert_eq!(
            std::os::unix::process::ExitStatusExt::signal(&status),
            Some(sig),
            "{status:?}"
        );
        assert!(
            page_dirs(&tmp).is_empty(),
            "after signal {sig}: {:?}",
            page_dirs(&tmp)
        );
    }
}

#[test]
fn the_exchange_goes_through_the_https_proxy_and_trusts_the_ca_bundle() {
    let (env, _proxy, stub) = fixture!(Reply::Token);
    let scratch = tempfile::tempdir().unwrap();
    let Some(ca) = TestCa::generate(scratch.path()) else {
        return;
    };
    let front = TlsFront::start(&ca, stub.addr);
    let forward = ForwardProxy::start();
    let env = env
        .env(
            "AWSMFA_FEDERATION_URL",
            format!("{}/federation", front.url()),
        )
        .env("HTTPS_PROXY", &forward.url);
    let args = ["console", "dev-admin", "--print", "-c", "123456"];
    let tunnel = format!("127.0.0.1:{}", front.port);

    // The system's roots do not know the test CA: refused, through the proxy, with advice.
    let out = env.run(&args);
    assert_eq!(out.code, Some(5), "{out}");
    out.assert_stderr_contains("(HTTPS_PROXY is set)");
    out.assert_stderr_contains("AWS_CA_BUNDLE");
    assert!(stub.requests().is_empty());
    assert_eq!(forward.tunnels(), std::slice::from_ref(&tunnel));

    let out = env.env("AWS_CA_BUNDLE", &ca.ca_pem).run(&args);
    out.assert_success();
    assert!(
        out.stdout.contains(&format!("SigninToken={TOKEN_ENCODED}")),
        "{out}"
    );
    assert_eq!(stub.requests().len(), 1);
    assert_eq!(forward.tunnels(), [tunnel.clone(), tunnel]);
}

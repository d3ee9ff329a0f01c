//! Where STS and IAM calls go and how (issue 12, items 4, 8, 9), read as the AWS CLI reads it:
//! the region a call is signed for, endpoint URLs from the environment, the profile and its
//! `[services]` section, FIPS / dual-stack / legacy global hosts (checked against the real AWS
//! CLI through a recording forward proxy), HTTP(S) proxies with NO_PROXY, and CA bundles in
//! front of a TLS-fronted moto.

use crate::common::*;

/// The region a SigV4 request was signed for (`Credential=AKID/DATE/REGION/SERVICE/...`).
fn signing_region(r: &RecordedRequest) -> String {
    let auth = r.header("authorization").unwrap_or_default();
    auth.split("Credential=")
        .nth(1)
        .and_then(|c| c.split('/').nth(2))
        .unwrap_or_default()
        .to_string()
}

fn regions(proxy: &RecordingProxy) -> Vec<String> {
    proxy.requests().iter().map(signing_region).collect()
}

#[test]
fn aws_region_beats_the_profile_region_and_region_flag_beats_both() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    // The harness sets AWS_REGION=us-east-1; dev-admin says region = eu-west-1.
    let out = env.run(&["env", "dev-admin", "-c", "123456", "--shell", "bash"]);
    out.assert_success();
    let signed = regions(&proxy);
    assert_eq!(signed, ["us-east-1", "us-east-1"], "{:?}", proxy.actions());
    // What `env` exports is the profile's region, not the one STS was called in (README).
    out.assert_stdout_contains("export AWS_REGION='eu-west-1'");

    proxy.clear();
    env.run(&[
        "env",
        "dev-admin",
        "--region",
        "ca-central-1",
        "--refresh",
        "-c",
        "123456",
    ])
    .assert_success();
    assert!(
        regions(&proxy).iter().all(|r| r == "ca-central-1") && !proxy.actions().is_empty(),
        "{:?}",
        regions(&proxy)
    );
}

#[test]
fn aws_default_region_beats_the_profile_region_as_in_the_aws_cli() {
    let Some(moto) = moto() else { return };
    let proxy = RecordingProxy::start(&moto.url);
    let env = TestEnv::new()
        .with_endpoint(&proxy.url)
        .env("AWS_REGION", "")
        .env("AWS_DEFAULT_REGION", "ap-south-1");
    env.write_config(&format!(
        "[profile identity]\nmfa_serial = {SERIAL}\nregion = eu-west-1\n"
    ));
    env.write_credentials(&format!(
        "[identity]\naws_access_key_id = {FAKE_AKID_2}\naws_secret_access_key = {FAKE_SECRET_2}\n"
    ));
    env.run(&["env", "identity", "-c", "123456"])
        .assert_success();
    env.aws(&["sts", "get-caller-identity", "--profile", "identity"])
        .assert_success();
    let requests = proxy.requests();
    let by = |action: &str| {
        requests
            .iter()
            .find(|r| r.action.as_deref() == Some(action))
            .map(signing_region)
    };
    // awsmfa and the AWS CLI (botocore) agree.
    assert_eq!(by("GetSessionToken").as_deref(), Some("ap-south-1"));
    assert_eq!(by("GetCallerIdentity").as_deref(), Some("ap-south-1"));
}

/// A key profile `solo` without mfa_serial: `env solo` asks STS who it is (GetCallerIdentity),
/// IAM for its MFA devices (ListMFADevices), then STS for the session.
fn solo_env(config: &str, extra: &[(&str, &str)]) -> TestEnv {
    let mut env = TestEnv::new().env("AWSMFA_TIMEOUT", "3");
    for (k, v) in extra {
        env = env.env(k, v);
    }
    env.write_config(config);
    env.write_credentials(&format!(
        "[solo]\naws_access_key_id = {FAKE_AKID_2}\naws_secret_access_key = {FAKE_SECRET_2}\n"
    ));
    env
}

const ALL: [&str; 3] = ["GetCallerIdentity", "ListMFADevices", "GetSessionToken"];

fn sent(proxy: &RecordingProxy) -> Vec<String> {
    proxy.actions()
}

#[test]
fn profile_endpoint_url_services_sections_and_the_environment_in_the_sdks_order() {
    let Some(moto) = moto() else { return };
    let (a, b, c) = (
        RecordingProxy::start(&moto.url),
        RecordingProxy::start(&moto.url),
        RecordingProxy::start(&moto.url),
    );
    // services beats the profile's endpoint_url (which goes nowhere).
    let services = format!(
        "[profile solo]\nendpoint_url = http://127.0.0.1:1\nservices = corp\n\n\
         [services corp]\nsts =\n  endpoint_url = {}\n# a comment\niam =\n  endpoint_url = {}\n",
        a.url, b.url
    );
    solo_env(&services, &[])
        .run(&["env", "solo"])
        .assert_success();
    assert_eq!(sent(&a), ["GetCallerIdentity", "GetSessionToken"]);
    assert_eq!(sent(&b), ["ListMFADevices"]);

    // The profile's endpoint_url serves both services.
    let plain = format!("[profile solo]\nendpoint_url = {}\n", c.url);
    solo_env(&plain, &[]).run(&["env", "solo"]).assert_success();
    assert_eq!(sent(&c), ALL);

    // AWS_ENDPOINT_URL beats the services section; AWS_ENDPOINT_URL_STS beats both.
    for p in [&a, &b, &c] {
        p.clear();
    }
    let env = [("AWS_ENDPOINT_URL", c.url.as_str())];
    solo_env(&services, &env)
        .run(&["env", "solo"])
        .assert_success();
    assert_eq!(sent(&c), ALL);
    assert!(sent(&a).is_empty() && sent(&b).is_empty());
    c.clear();
    let env = [
        ("AWS_ENDPOINT_URL", c.url.as_str()),
        ("AWS_ENDPOINT_URL_STS", a.url.as_str()),
        ("AWS_ENDPOINT_URL_IAM", ""),
    ];
    solo_env(&services, &env)
        .run(&["env", "solo"])
        .assert_success();
    assert_eq!(sent(&a), ["GetCallerIdentity", "GetSessionToken"]);
    assert_eq!(sent(&c), ["ListMFADevices"], "an empty variable is unset");
}

#[test]
fn a_services_name_without_its_section_is_a_config_error() {
    let env = solo_env("[profile solo]\nregion = us-east-1\nservices = corp\n", &[]);
    let out = env.run(&["env", "solo"]);
    assert_eq!(out.code, Some(3), "{out}");
    out.assert_stderr_contains(&format!(
        "{}:3: profile 'solo' has services = corp, but the config file has no [services corp] section",
        env.config.display()
    ));
}

#[test]
fn fips_with_a_configured_endpoint_is_refused_naming_both() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    std::fs::write(
        &env.config,
        std::fs::read_to_string(&env.config).unwrap()
            + "\n[profile fips]\nrole_arn = arn:aws:iam::123456789012:role/fips\nsource_profile = identity\nuse_fips_endpoint = true\n",
    )
    .unwrap();
    let out = env.run(&["env", "fips", "-c", "123456"]);
    assert_eq!(out.code, Some(3), "{out}");
    out.assert_stderr_contains("use_fips_endpoint of profile 'fips'");
    out.assert_stderr_contains("AWS_ENDPOINT_URL_STS sets the STS endpoint URL");
    assert!(proxy.actions().is_empty(), "{:?}", proxy.actions());
}

/// The host awsmfa and the AWS CLI each try first for `config` and `extra`, seen by a forward
/// proxy that reaches nothing outside this machine.
fn first_hosts(config: &str, extra: &[(&str, &str)]) -> (Vec<String>, Vec<String>) {
    let mut tunnels = Vec::new();
    for cli in [false, true] {
        let proxy = ForwardProxy::start();
        let mut env = TestEnv::new()
            .env("HTTPS_PROXY", &proxy.url)
            .env("AWSMFA_TIMEOUT", "3")
            .env("AWS_MAX_ATTEMPTS", "1");
        for (k, v) in extra {
            env = env.env(k, v);
        }
        env.write_config(config);
        env.write_credentials(&format!(
            "[identity]\naws_access_key_id = {FAKE_AKID_2}\naws_secret_access_key = {FAKE_SECRET_2}\n"
        ));
        let out = if cli {
            env.aws(&["sts", "get-caller-identity", "--profile", "identity"])
        } else {
            env.run(&["env", "identity", "-c", "123456"])
        };
        out.assert_failure();
        tunnels.push(proxy.tunnels());
    }
    let cli = tunnels.pop().unwrap();
    (tunnels.pop().unwrap(), cli)
}

#[test]
fn fips_dual_stack_legacy_and_ignore_pick_the_hosts_the_aws_cli_picks() {
    // The AWS CLI comes from moto's venv.
    let _ = skip_unless!(moto());
    let base = format!("[profile identity]\nmfa_serial = {SERIAL}\n");
    // (config, extra environment, the host both must try first)
    type Case<'a> = (String, Vec<(&'a str, &'a str)>, &'a str);
    let cases: [Case; 5] = [
        (base.clone(), vec![], "sts.us-east-1.amazonaws.com:443"),
        (
            format!("{base}use_fips_endpoint = true\n"),
            vec![],
            "sts-fips.us-east-1.amazonaws.com:443",
        ),
        (
            base.clone(),
            vec![("AWS_USE_DUALSTACK_ENDPOINT", "true")],
            "sts.us-east-1.api.aws:443",
        ),
        (
            format!("{base}sts_regional_endpoints = legacy\n"),
            vec![],
            "sts.amazonaws.com:443",
        ),
        (
            format!("{base}endpoint_url = http://127.0.0.1:1\n"),
            vec![("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")],
            "sts.us-east-1.amazonaws.com:443",
        ),
    ];
    for (config, extra, host) in cases {
        let (awsmfa, cli) = first_hosts(&config, &extra);
        assert_eq!(
            awsmfa.first().map(String::as_str),
            Some(host),
            "awsmfa, {config} {extra:?}"
        );
        assert_eq!(
            cli.first().map(String::as_str),
            Some(host),
            "AWS CLI, {config} {extra:?}"
        );
    }
}

/// The standard fixture with STS and IAM at moto's own (plain-http) address.
fn direct_fixture(extra: &[(&str, &str)]) -> Option<TestEnv> {
    let moto = moto()?;
    let mut env = TestEnv::new().env("AWS_ENDPOINT_URL_STS", &moto.url).env(
        "AWS_ENDPOINT_URL_IAM",
        moto.url.replace("127.0.0.1", "localhost"),
    );
    for (k, v) in extra {
        env = env.env(k, v);
    }
    Some(env)
}

#[test]
fn http_proxy_carries_sts_and_iam_and_no_proxy_bypasses_it() {
    let proxy = ForwardProxy::start();
    let env = skip_unless!(direct_fixture(&[("http_proxy", &proxy.url)]));
    let moto = moto().unwrap();
    env.write_config("[profile solo]\nregion = us-east-1\n");
    env.write_credentials(&format!(
        "[solo]\naws_access_key_id = {FAKE_AKID_2}\naws_secret_access_key = {FAKE_SECRET_2}\n"
    ));
    env.run(&["env", "solo"]).assert_success();
    let seen = proxy.seen();
    let (sts, iam) = (
        format!("POST http://127.0.0.1:{}/", moto.port),
        format!("POST http://localhost:{}/", moto.port),
    );
    assert_eq!(seen, [sts.clone(), iam, sts], "STS, IAM, STS");

    // NO_PROXY (upper case, a host name and an address) sends both past the proxy.
    let bypass = ForwardProxy::start();
    let env = direct_fixture(&[
        ("HTTP_PROXY", &bypass.url),
        ("NO_PROXY", "example.com, localhost,127.0.0.1"),
    ])
    .unwrap();
    env.write_config("[profile solo]\nregion = us-east-1\n");
    env.write_credentials(&format!(
        "[solo]\naws_access_key_id = {FAKE_AKID_2}\naws_secret_access_key = {FAKE_SECRET_2}\n"
    ));
    env.run(&["env", "solo"]).assert_success();
    assert!(bypass.seen().is_empty(), "{:?}", bypass.seen());
}

#[test]
fn https_through_a_connect_proxy_trusts_only_the_ca_bundle() {
    let Some(moto) = moto() else { return };
    let scratch = tempfile::tempdir().unwrap();
    let Some(ca) = TestCa::generate(scratch.path()) else {
        return;
    };
    let upstream = format!("127.0.0.1:{}", moto.port).parse().unwrap();
    let front = TlsFront::start(&ca, upstream);
    let proxy = ForwardProxy::start();
    let run = |extra: &[(&str, &str)], profile_extra: &str| {
        let mut env = TestEnv::new()
            .with_endpoint(front.url())
            .env("HTTPS_PROXY", &proxy.url)
            .env("AWSMFA_TIMEOUT", "5");
        for (k, v) in extra {
            env = env.env(k, v);
        }
        standard_profiles(&env);
        let config = std::fs::read_to_string(&env.config).unwrap();
        env.write_config(&config.replace(
            "[profile dev-admin]\n",
            &format!("[profile dev-admin]\n{profile_extra}"),
        ));
        env.run(&["env", "dev-admin", "-c", "123456"])
    };
    let tunnel = format!("127.0.0.1:{}", front.port);

    // The system's roots do not know the test CA.
    let out = run(&[], "");
    assert_eq!(out.code, Some(5), "{out}");
    out.assert_stderr_contains("HTTPS_PROXY is set");
    out.assert_stderr_contains("AWS_CA_BUNDLE");
    assert_eq!(proxy.tunnels().first(), Some(&tunnel), "{:?}", proxy.seen());

    let ca_pem = ca.ca_pem.display().to_string();
    run(&[("AWS_CA_BUNDLE", &ca_pem)], "").assert_success();
    assert!(proxy.tunnels().len() >= 3, "{:?}", proxy.seen());

    // The profile's ca_bundle; NO_PROXY bypasses the proxy for HTTPS too.
    let before = proxy.seen().len();
    run(
        &[("NO_PROXY", "127.0.0.1")],
        &format!("ca_bundle = {ca_pem}\n"),
    )
    .assert_success();
    assert_eq!(proxy.seen().len(), before, "{:?}", proxy.seen());

    // AWS_CA_BUNDLE wins over the profile's.
    run(
        &[("AWS_CA_BUNDLE", &ca_pem)],
        "ca_bundle = /nonexistent/ca.pem\n",
    )
    .assert_success();

    // A bundle without certificates: a config error naming it, before any request.
    let before = proxy.seen().len();
    let junk = scratch.path().join("junk.pem");
    std::fs::write(&junk, "not a certificate\n").unwrap();
    let out = run(&[("AWS_CA_BUNDLE", junk.to_str().unwrap())], "");
    assert_eq!(out.code, Some(3), "{out}");
    out.assert_stderr_contains(&format!(
        "the CA bundle {} (AWS_CA_BUNDLE) holds no PEM certificate",
        junk.display()
    ));
    assert_eq!(proxy.seen().len(), before, "{:?}", proxy.seen());
}

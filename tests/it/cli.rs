//! Command-line behaviour: the compatibility form of the original Python awsmfa, validation and
//! config errors caught before any request, output formats, profile selection, `use` without
//! the shell function, completions and the expiry notice.

use crate::common::*;

/// The standard fixture behind a recording proxy whose upstream is a closed port: for tests
/// that must fail before any request, so they need no moto.
fn offline() -> (TestEnv, RecordingProxy) {
    let proxy = RecordingProxy::start("http://127.0.0.1:9");
    let env = TestEnv::new().with_endpoint(&proxy.url);
    standard_profiles(&env);
    (env, proxy)
}

/// Adds `text` to the end of the fixture's config file.
fn append_config(env: &TestEnv, text: &str) {
    let config = std::fs::read_to_string(&env.config).unwrap();
    env.write_config(&format!("{config}\n{text}"));
}

/// The value an export line sets, e.g. `export NAME='value'` in bash output.
fn exported<'a>(stdout: &'a str, name: &str) -> Option<&'a str> {
    let prefix = format!("export {name}='");
    stdout
        .lines()
        .find_map(|l| l.strip_prefix(prefix.as_str()))
        .and_then(|v| v.strip_suffix('\''))
}

/// Exit `code`, nothing on stdout, one `awsmfa: ` line on stderr containing `needle`.
#[track_caller]
fn assert_one_line_error(out: &Output, code: i32, needle: &str) {
    assert_eq!(out.code, Some(code), "exit code:\n{out}");
    assert!(out.stdout.is_empty(), "stdout must be empty:\n{out}");
    assert!(out.stderr.starts_with("awsmfa: "), "{out}");
    assert_eq!(out.stderr.lines().count(), 1, "one line on stderr:\n{out}");
    assert!(
        out.stderr.contains(needle),
        "stderr lacks {needle:?}:\n{out}"
    );
}

/// The GetSessionToken requests the proxy saw.
fn session_requests(proxy: &RecordingProxy) -> Vec<RecordedRequest> {
    proxy
        .requests()
        .into_iter()
        .filter(|r| r.param("Action") == Some("GetSessionToken"))
        .collect()
}

// --- the compatibility form ---

#[test]
fn compat_env_uses_the_identity_profile_and_prints_exports() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    let out = env.run(&["--env", "bash", "-c", "123456"]);
    out.assert_success();
    assert_eq!(exported(&out.stdout, "AWSMFA_PROFILE"), Some("identity"));
    assert_eq!(exported(&out.stdout, "AWS_ACCESS_KEY_ID"), Some(FAKE_AKID));
    assert!(
        exported(&out.stdout, "AWS_SESSION_TOKEN").is_some_and(|t| !t.is_empty()),
        "{out}"
    );
    assert!(out.stdout.contains("unset -v AWS_PROFILE\n"), "{out}");
    let gst = session_requests(&proxy);
    assert_eq!(gst.len(), 1, "{:?}", proxy.actions());
    assert_eq!(gst[0].param("TokenCode"), Some("123456"));
    assert_eq!(gst[0].param("SerialNumber"), Some(SERIAL));
    assert_eq!(proxy.count("AssumeRole"), 0);
}

#[test]
fn compat_role_arn_is_assumed_and_the_aws_cli_sees_the_role() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    let out = env.run(&[
        "arn:aws:iam::123456789012:role/x",
        "--env",
        "bash",
        "-c",
        "123456",
    ]);
    out.assert_success();
    assert_eq!(exported(&out.stdout, "AWSMFA_PROFILE"), Some("x"));
    let role = proxy
        .requests()
        .into_iter()
        .find(|r| r.param("Action") == Some("AssumeRole"))
        .expect("an AssumeRole request");
    assert_eq!(
        role.param("RoleArn"),
        Some("arn:aws:iam::123456789012:role/x")
    );
    assert_eq!(
        role.param("TokenCode"),
        None,
        "assumed with the MFA session"
    );

    // As users do: evaluate the output, then ask AWS who we are (session is cached now).
    let who = env.run_program(
        "/bin/bash",
        &[
            "-c",
            r#"export AWS_DEFAULT_REGION=us-east-1
eval "$(awsmfa arn:aws:iam::123456789012:role/x --env bash)" &&
aws sts get-caller-identity --query Arn --output text"#,
        ],
    );
    who.assert_success();
    assert!(
        who.stdout
            .trim()
            .starts_with("arn:aws:sts::123456789012:assumed-role/x/"),
        "{who}"
    );
    assert_eq!(proxy.count("GetSessionToken"), 1, "{:?}", proxy.actions());
}

/// The fixture plus a second key profile `other` with its own key and MFA device.
fn with_other_identity(env: &TestEnv) {
    append_config(
        env,
        "[profile other]\nmfa_serial = arn:aws:iam::123456789012:mfa/bob\n",
    );
    let creds = std::fs::read_to_string(&env.credentials).unwrap();
    env.write_credentials(&format!(
        "{creds}\n[other]\naws_access_key_id = {FAKE_AKID}\naws_secret_access_key = {FAKE_SECRET}\n"
    ));
}

#[test]
fn compat_identity_profile_comes_from_dash_i_or_aws_mfa_identity_profile() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    with_other_identity(&env);
    let by_flag = env.run(&["-i", "other", "--env", "bash", "-c", "123456"]);
    by_flag.assert_success();
    assert_eq!(exported(&by_flag.stdout, "AWSMFA_PROFILE"), Some("other"));
    let env = env.env("AWS_MFA_IDENTITY_PROFILE", "other");
    let by_env = env.run(&["--env", "bash", "-c", "123456", "--refresh"]);
    by_env.assert_success();
    assert_eq!(exported(&by_env.stdout, "AWSMFA_PROFILE"), Some("other"));

    let gst = session_requests(&proxy);
    assert_eq!(gst.len(), 2, "{:?}", proxy.actions());
    for r in gst {
        assert_eq!(
            r.param("SerialNumber"),
            Some("arn:aws:iam::123456789012:mfa/bob")
        );
        let auth = r.header("authorization").unwrap_or_default();
        assert!(
            auth.contains(&format!("Credential={FAKE_AKID}/")),
            "signed with other's key: {auth}"
        );
    }
}

#[test]
fn compat_without_env_and_sts_down_leaves_the_credentials_file_untouched() {
    // Without --env the classic form writes [default] (tests/write.rs); when STS cannot be
    // reached it fails with a network error and the file is byte-identical.
    let (env, _proxy) = offline();
    let before = std::fs::read(&env.credentials).unwrap();
    let out = env.run(&["-c", "123456"]);
    assert_eq!(out.code, Some(5), "{out}");
    assert!(out.stdout.is_empty(), "{out}");
    assert_eq!(
        std::fs::read(&env.credentials).unwrap(),
        before,
        "credentials file untouched"
    );
}

#[test]
fn compat_skip_means_a_session_without_mfa() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    env.run(&["--env", "bash", "-c", "skip"]).assert_success();
    env.env("AWS_MFA_TOKEN_CODE", "skip")
        .run(&["--env", "bash", "--refresh"])
        .assert_success();
    let gst = session_requests(&proxy);
    assert_eq!(gst.len(), 2, "{:?}", proxy.actions());
    for r in gst {
        assert_eq!(r.param("TokenCode"), None);
        assert_eq!(r.param("SerialNumber"), None);
    }
}

// --- validation before any request ---

#[test]
fn bad_values_are_rejected_with_exit_2_before_any_request() {
    let (env, proxy) = offline();
    append_config(
        &env,
        "[profile too-long]\nrole_arn = arn:aws:iam::123456789012:role/too-long\nsource_profile = identity\nduration_seconds = 50000\n\n\
         [profile bad-arn]\nrole_arn = arn:aws:iam::1234:role/bad\nsource_profile = identity\n",
    );
    let cases: &[(&[&str], &str)] = &[
        (
            &["env", "dev-admin", "-c", "12345"],
            "must be 6 digits; it has 5 digits,",
        ),
        (
            &["env", "dev-admin", "-c", "abcdef"],
            "must be 6 digits; it is not all digits,",
        ),
        (
            &["env", "dev-admin", "-c", "123456", "-d", "10"],
            "duration 10 s is out of range: AWS allows 900 to 43200 seconds",
        ),
        (
            &["env", "identity", "-c", "123456", "-d", "200000"],
            "duration 200000 s is out of range: AWS allows 900 to 129600 seconds",
        ),
        // Given before the subcommand, a credential flag still applies to it.
        (
            &["-c", "abcdef", "env", "dev-admin"],
            "must be 6 digits; it is not all digits,",
        ),
        (
            &["env", "too-long", "-c", "123456"],
            "duration 50000 s is out of range",
        ),
        (
            &[
                "env",
                "dev-admin",
                "-c",
                "123456",
                "--role-session-name",
                "bad name",
            ],
            "role session name 'bad name' is invalid",
        ),
        (
            &["env", "bad-arn", "-c", "123456"],
            "'arn:aws:iam::1234:role/bad' is not a role ARN",
        ),
    ];
    for (args, needle) in cases {
        let out = env.run(args);
        assert_one_line_error(&out, 2, needle);
        assert!(!out.stderr.contains("..="), "Rust range syntax: {out}");
    }
    assert!(proxy.actions().is_empty(), "{:?}", proxy.actions());
    assert!(env.cache_files("").is_empty());
}

// --- the command line a newcomer meets ---

#[test]
fn a_mistyped_subcommand_is_named_instead_of_taken_for_a_profile() {
    let (env, proxy) = offline();
    for (args, needle) in [
        (
            &["evn", "dev-admin"][..],
            "no command or profile 'evn'; did you mean 'env'?",
        ),
        (
            &["lst"],
            "no command or profile 'lst'; did you mean 'list'?",
        ),
        (
            &["lst", "--json"],
            "no command or profile 'lst'; did you mean 'list'?",
        ),
        (
            &["stauts", "--check"],
            "no command or profile 'stauts'; did you mean 'status'?",
        ),
    ] {
        assert_one_line_error(&env.run(args), 2, needle);
    }
    assert!(proxy.actions().is_empty(), "{:?}", proxy.actions());
}

#[test]
fn the_compatibility_form_still_takes_profiles_and_role_arns_that_look_like_commands() {
    let (env, proxy) = offline();
    append_config(
        &env,
        "[profile lst]\nrole_arn = arn:aws:iam::123456789012:role/lst\nsource_profile = identity\n",
    );
    // STS is down in this fixture: reaching it (exit 5) shows the word was taken as a target.
    for args in [
        &["lst", "--env", "bash", "-c", "123456"][..],
        &[
            "arn:aws:iam::123456789012:role/lst",
            "--env",
            "bash",
            "-c",
            "123456",
        ],
        &["dev-admin", "--env", "bash", "-c", "123456"],
    ] {
        let out = env.run(args);
        assert_eq!(out.code, Some(5), "{out}");
        assert!(!out.stderr.contains("did you mean"), "{out}");
    }
    assert!(!proxy.actions().is_empty());
    // A word close to no command is an unknown profile, as before (exit 3).
    assert_one_line_error(
        &env.run(&["production"]),
        3,
        "profile 'production' not found",
    );
}

#[test]
fn bare_awsmfa_says_what_it_wrote_where_before_the_expiry_line() {
    let (env, _proxy) = skip_unless!(proxied_fixture());
    let out = env.run(&["-c", "123456"]);
    out.assert_success();
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(
        lines[0], "awsmfa: wrote [default] in ~/.aws/credentials",
        "{out}"
    );
    // Whole seconds, as every time-left awsmfa shows (creds::seconds_left): 12:00:00 when
    // the request took under a second, 11:59:5x otherwise.
    assert!(
        lines[1].starts_with("awsmfa: Temporary credentials will expire in 12:00:00")
            || lines[1].starts_with("awsmfa: Temporary credentials will expire in 11:59:5"),
        "{out}"
    );
    assert!(out.stdout.is_empty(), "{out}");
    let written = std::fs::read_to_string(&env.credentials).unwrap();
    assert!(
        written.contains("[default]\naws_access_key_id = "),
        "{written}"
    );
    let out = env.run(&["-t", "work"]);
    out.assert_success();
    assert!(
        out.stderr
            .starts_with("awsmfa: wrote [work] in ~/.aws/credentials\n"),
        "{out}"
    );
}

#[test]
fn exec_without_dash_dash_shows_where_the_command_goes() {
    let (env, proxy) = offline();
    let out = env.run(&["exec", "dev-admin", "aws", "sts", "get-caller-identity"]);
    assert_one_line_error(&out, 2, "awsmfa exec PROFILE -- CMD");
    assert!(proxy.actions().is_empty());
}

#[test]
fn usage_errors_are_one_awsmfa_line_with_the_usage() {
    let (env, _proxy) = offline();
    for args in [
        &["env", "--nope"][..],
        &["exec", "dev-admin"],
        &["env", "--shell", "tcsh"],
        &["write", "--all", "dev-admin"],
        &["evn"],
    ] {
        let out = env.run(args);
        assert_eq!(out.code, Some(2), "{out}");
        assert!(out.stdout.is_empty(), "{out}");
        assert!(out.stderr.starts_with("awsmfa: "), "{out}");
        assert_eq!(out.stderr.lines().count(), 1, "{out}");
    }
    let out = env.run(&["env", "--nope"]);
    out.assert_stderr_contains("usage: awsmfa env [OPTIONS] [PROFILE]");
    // Help and version are no errors.
    env.run(&["--help"]).assert_success();
    env.run(&["env", "--help"]).assert_success();
    env.run(&["--version"]).assert_success();
}

#[test]
fn credential_flags_before_a_command_that_gets_none_are_refused() {
    let (env, _proxy) = offline();
    let out = env.run(&["-c", "123456", "list"]);
    assert_one_line_error(
        &out,
        2,
        "-c/--token-code applies to commands that get credentials",
    );
    let out = env.run(&["--region", "eu-west-1", "status"]);
    assert_one_line_error(&out, 2, "--region applies to commands that get credentials");
    // After the subcommand, clap itself says the flag is not one of it.
    let out = env.run(&["list", "-c", "123456"]);
    assert_eq!(out.code, Some(2), "{out}");
}

#[test]
fn status_check_names_the_variable_that_is_missing() {
    let (env, _proxy) = offline();
    let env = env.env("AWS_ACCESS_KEY_ID", FAKE_AKID);
    let out = env.run(&["status", "--check"]);
    assert_one_line_error(&out, 2, "AWS_SECRET_ACCESS_KEY is not set");
    assert!(
        !out.stderr.contains("AWS_ACCESS_KEY_ID is not set"),
        "{out}"
    );
    let (env, _proxy) = offline();
    assert_one_line_error(
        &env.run(&["status", "--check"]),
        2,
        "AWS_ACCESS_KEY_ID is not set",
    );
}

#[test]
fn a_failing_mfa_process_exits_1_as_the_readme_says() {
    let (env, proxy) = offline();
    env.write_config(&format!(
        "[profile identity]\nmfa_serial = {SERIAL}\nmfa_process = exit 7\n"
    ));
    let out = env.run(&["env", "identity"]);
    assert_one_line_error(&out, 1, "mfa_process 'exit 7' failed");
    assert!(proxy.actions().is_empty());
}

/// The commands that get credentials, and those that do not.
const GETS_CREDENTIALS: &[&[&str]] = &[
    &["env"],
    &["exec"],
    &["credential-process"],
    &["write"],
    &["set-default"],
    &["console"],
    &["rotate"],
    &["login"],
    &["serve"],
    &["store", "import"],
];
const GETS_NONE: &[&[&str]] = &[
    &["init"],
    &["completions"],
    &["store", "list"],
    &["store", "add"],
    &["store", "remove"],
    &["store", "passwd"],
    &["list"],
    &["status"],
    &["clear"],
    &["prompt"],
    &["logout"],
    &["use"],
];
const CREDENTIAL_FLAGS: &[&str] = &[
    "--region",
    "--token-code",
    "--duration",
    "--serial-number",
    "--role-session-name",
    "--no-mfa",
    "--refresh",
];

#[test]
fn help_lists_the_credential_flags_only_where_they_apply() {
    let env = TestEnv::new();
    let help = |cmd: &[&str]| {
        let mut args = cmd.to_vec();
        args.push("--help");
        let out = env.run(&args);
        out.assert_success();
        out.stdout
    };
    for cmd in GETS_CREDENTIALS {
        let text = help(cmd);
        for flag in CREDENTIAL_FLAGS {
            assert!(text.contains(flag), "{cmd:?} --help lacks {flag}:\n{text}");
        }
    }
    for cmd in GETS_NONE {
        let text = help(cmd);
        for flag in CREDENTIAL_FLAGS {
            assert!(!text.contains(flag), "{cmd:?} --help lists {flag}:\n{text}");
        }
    }
    for cmd in GETS_CREDENTIALS.iter().chain(GETS_NONE) {
        let text = help(cmd);
        for flag in ["--profile", "--quiet", "--verbose", "--color"] {
            assert!(text.contains(flag), "{cmd:?} --help lacks {flag}:\n{text}");
        }
        let examples: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("Example: "))
            .collect();
        assert_eq!(examples.len(), 1, "{cmd:?}: one example line:\n{text}");
        assert!(
            examples[0].contains(&format!("awsmfa {}", cmd.join(" "))),
            "{cmd:?}: {}",
            examples[0]
        );
    }
    // The top level: the compatibility form's flags, and variables shown without a stray `=`.
    let text = help(&[]);
    for flag in CREDENTIAL_FLAGS {
        assert!(text.contains(flag), "--help lacks {flag}:\n{text}");
    }
    assert!(text.contains("[env: AWS_MFA_IDENTITY_PROFILE]"), "{text}");
    assert!(!text.contains("=]"), "{text}");
}

#[test]
fn color_always_colours_the_prefix_and_never_or_a_pipe_do_not() {
    let (env, _proxy) = offline();
    let out = env.run(&["env", "nope", "--color", "always"]);
    assert!(
        out.stderr
            .starts_with("\u{1b}[1;31mawsmfa:\u{1b}[0m profile 'nope'"),
        "{out}"
    );
    let out = env.run(&["--color", "always", "evn", "x"]);
    assert!(out.stderr.starts_with("\u{1b}[1;31mawsmfa:"), "{out}");
    for args in [&["env", "nope"][..], &["env", "nope", "--color", "never"]] {
        let out = env.run(args);
        assert!(out.stderr.starts_with("awsmfa: profile 'nope'"), "{out}");
        assert!(!out.stderr.contains('\u{1b}'), "{out}");
    }
}

// --- config errors ---

#[test]
fn unknown_profile_exits_3_and_suggests_the_close_name() {
    let (env, proxy) = offline();
    let out = env.run(&["env", "dev-admn", "-c", "123456"]);
    assert_one_line_error(&out, 3, "did you mean dev-admin");
    assert!(out.stderr.contains("'dev-admn'"), "{out}");
    assert!(proxy.actions().is_empty());
}

#[test]
fn source_profile_loop_exits_3_and_names_the_loop() {
    let (env, proxy) = offline();
    append_config(
        &env,
        "[profile loop-a]\nrole_arn = arn:aws:iam::123456789012:role/a\nsource_profile = loop-b\n\n\
         [profile loop-b]\nrole_arn = arn:aws:iam::123456789012:role/b\nsource_profile = loop-a\n",
    );
    let out = env.run(&["env", "loop-a", "-c", "123456"]);
    assert_one_line_error(&out, 3, "source_profile loop: loop-a -> loop-b -> loop-a");
    assert!(proxy.actions().is_empty());
}

#[test]
fn malformed_config_exits_3_and_names_file_and_line() {
    let (env, proxy) = offline();
    env.write_config(&format!(
        "[profile identity]\nmfa_serial = {SERIAL}\n\n[profile dev-admin\nregion = eu-west-1\n"
    ));
    let out = env.run(&["env", "identity", "-c", "123456"]);
    let location = format!("{}:4: ", env.config.display());
    assert_one_line_error(&out, 3, &location);
    assert!(out.stderr.contains("closing ']'"), "{out}");

    // A broken line inside a section is found when that profile is read.
    env.write_config(&format!(
        "[profile identity]\nmfa_serial = {SERIAL}\nthis line is nonsense\n"
    ));
    let out = env.run(&["env", "identity", "-c", "123456"]);
    let location = format!("{}:3: ", env.config.display());
    assert_one_line_error(&out, 3, &location);
    assert!(
        !out.stderr.contains("line is nonsense"),
        "only the first word is shown (a line may hold a secret): {out}"
    );
    assert!(proxy.actions().is_empty());
}

#[test]
fn role_without_a_source_exits_3() {
    let (env, proxy) = offline();
    append_config(
        &env,
        "[profile orphan]\nrole_arn = arn:aws:iam::123456789012:role/orphan\n",
    );
    let out = env.run(&["env", "orphan", "-c", "123456"]);
    assert_one_line_error(
        &out,
        3,
        "profile 'orphan' has role_arn but no source_profile or credential_source",
    );
    assert!(proxy.actions().is_empty());
}

// --- output formats ---

#[test]
fn format_json_is_a_credential_process_document() {
    let (env, _proxy) = skip_unless!(proxied_fixture());
    let out = env.run(&["env", "dev-admin", "-c", "123456", "--format", "json"]);
    out.assert_success();
    assert_eq!(out.stdout.lines().count(), 1, "{out}");
    let doc = out.json();
    assert_eq!(doc["Version"], 1);
    assert!(
        doc["AccessKeyId"].as_str().unwrap().starts_with("ASIA"),
        "{out}"
    );
    assert!(!doc["SecretAccessKey"].as_str().unwrap().is_empty());
    assert!(!doc["SessionToken"].as_str().unwrap().is_empty());
    let exp = doc["Expiration"].as_str().unwrap();
    assert!(exp.ends_with('Z') && exp.len() == 20, "{exp}");
}

#[test]
fn format_dotenv_prints_name_equals_quoted_value_lines() {
    let (env, _proxy) = skip_unless!(proxied_fixture());
    let out = env.run(&["env", "dev-admin", "-c", "123456", "--format", "dotenv"]);
    out.assert_success();
    let lines: Vec<&str> = out.stdout.lines().collect();
    for line in &lines {
        let (name, value) = line.split_once('=').expect("NAME=value");
        assert!(
            name.chars().all(|c| c.is_ascii_uppercase() || c == '_'),
            "{line}"
        );
        assert!(
            value.starts_with('"') && value.ends_with('"') && value.len() >= 2,
            "{line}"
        );
    }
    let names: Vec<&str> = lines.iter().map(|l| l.split_once('=').unwrap().0).collect();
    assert_eq!(
        names,
        [
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "AWS_SECURITY_TOKEN",
            "AWS_CREDENTIAL_EXPIRATION",
            "AWS_SESSION_EXPIRATION",
            "AWSMFA_PROFILE",
            "AWSMFA_EXPIRES",
            "AWS_REGION",
            "AWS_DEFAULT_REGION",
        ]
    );
    assert!(lines.contains(&"AWSMFA_PROFILE=\"dev-admin\""), "{out}");
    assert!(lines.contains(&"AWS_REGION=\"eu-west-1\""), "{out}");
}

#[test]
fn shell_powershell_sets_env_and_removes_aws_profile() {
    let (env, _proxy) = skip_unless!(proxied_fixture());
    let out = env.run(&["env", "dev-admin", "-c", "123456", "--shell", "powershell"]);
    out.assert_success();
    let lines: Vec<&str> = out.stdout.lines().collect();
    let (sets, removes) = lines.split_at(lines.len() - 2);
    assert!(!sets.is_empty());
    for line in sets {
        assert!(line.starts_with("$Env:"), "{line}");
    }
    assert!(sets.contains(&"$Env:AWSMFA_PROFILE = 'dev-admin'"), "{out}");
    assert_eq!(
        removes,
        [
            "Remove-Item -LiteralPath Env:AWS_PROFILE -ErrorAction SilentlyContinue",
            "Remove-Item -LiteralPath Env:AWS_DEFAULT_PROFILE -ErrorAction SilentlyContinue",
        ]
    );
}

// --- other commands ---

#[test]
fn use_run_directly_explains_awsmfa_init() {
    let (env, proxy) = offline();
    let out = env.run(&["use", "dev-admin"]);
    assert_one_line_error(&out, 2, "awsmfa init");
    assert!(out.stderr.contains("awsmfa env dev-admin"), "{out}");
    assert!(proxy.actions().is_empty());
}

#[test]
fn hidden_profiles_command_lists_every_profile_once() {
    let (env, _proxy) = offline();
    let out = env.run(&["__profiles"]);
    out.assert_success();
    assert_eq!(
        out.stdout,
        "identity\ndev-admin\nstage-poweruser\nprod-spectator\n"
    );
    assert!(out.stderr.is_empty(), "{out}");
}

#[test]
fn bash_completions_register_a_completion_for_awsmfa() {
    let (env, _proxy) = offline();
    let out = env.run(&["completions", "bash"]);
    out.assert_success().assert_stdout_contains("_awsmfa()");
    // The script loads in a real bash and registers itself.
    let loaded = env.run_program(
        "/bin/bash",
        &[
            "--norc",
            "-c",
            "source <(awsmfa completions bash) && complete -p awsmfa",
        ],
    );
    loaded.assert_success();
    assert!(
        loaded.stdout.contains("-F _awsmfa") && loaded.stdout.trim_end().ends_with(" awsmfa"),
        "{loaded}"
    );
}

// --- profile selection ---

#[test]
fn aws_profile_picks_the_profile_and_dash_dash_profile_wins_over_it() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    let env = env.env("AWS_PROFILE", "dev-admin");
    let out = env.run(&["env", "-c", "123456", "--shell", "bash"]);
    out.assert_success();
    assert_eq!(exported(&out.stdout, "AWSMFA_PROFILE"), Some("dev-admin"));
    assert_eq!(exported(&out.stdout, "AWS_REGION"), Some("eu-west-1"));

    let out = env.run(&["env", "--profile", "prod-spectator", "--shell", "bash"]);
    out.assert_success();
    assert_eq!(
        exported(&out.stdout, "AWSMFA_PROFILE"),
        Some("prod-spectator")
    );
    let roles: Vec<String> = proxy
        .requests()
        .iter()
        .filter_map(|r| r.param("RoleArn").map(str::to_string))
        .collect();
    assert_eq!(
        roles,
        [
            "arn:aws:iam::123456789012:role/dev-admin",
            "arn:aws:iam::123456789012:role/prod-spectator"
        ]
    );
}

// --- notices ---

#[test]
fn expiry_notice_goes_to_stderr_and_quiet_silences_it() {
    let (env, _proxy) = skip_unless!(proxied_fixture());
    let out = env.run(&["env", "dev-admin", "-c", "123456", "--shell", "bash"]);
    out.assert_success();
    assert!(
        out.stderr
            .starts_with("awsmfa: dev-admin: credentials expire in "),
        "{out}"
    );
    assert!(!out.stdout.contains("expire in"), "{out}");
    let quiet = env.run(&["env", "dev-admin", "--shell", "bash", "-q"]);
    quiet.assert_success();
    assert_eq!(quiet.stderr, "", "{quiet}");
    assert_eq!(
        exported(&quiet.stdout, "AWSMFA_PROFILE"),
        Some("dev-admin"),
        "{quiet}"
    );
}

// --- NUL in a value ---

/// A key profile `np` whose `credential_process` prints `doc`; `region` goes into the profile.
fn process_profile(env: &TestEnv, doc: &serde_json::Value, region: &str) {
    let file = env.root().join("process.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    env.write_config(&format!(
        "[profile np]\ncredential_process = cat '{}'\nregion = {region}\n",
        file.display()
    ));
}

/// Every way credentials are handed out, for profile `np`.
const HANDOUTS: &[&[&str]] = &[
    &["env", "np", "--shell", "bash"],
    &["env", "np", "--shell", "fish"],
    &["env", "np", "--shell", "powershell"],
    &["env", "np", "--format", "json"],
    &["env", "np", "--format", "dotenv"],
    &["__use", "zsh", "np"],
    &["credential-process", "np"],
    &["exec", "np", "--", "true"],
    &["np", "--env", "bash"],
];

/// An environment variable cannot hold NUL: env used to drop it (handing out a different
/// secret), exec exited 127 blaming the command, and --format json passed it on. Now each is
/// one refusal: a NUL in temporary credentials is a broken reply (5), in long-lived keys or
/// the profile's region a config error (3).
#[test]
fn a_nul_in_a_value_is_refused_wherever_credentials_are_handed_out() {
    let env = TestEnv::new().with_endpoint("http://127.0.0.1:9");
    let temporary = serde_json::json!({
        "Version": 1,
        "AccessKeyId": "ASIAIOSFODNN7EXAMPLE",
        "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",
        "SessionToken": "FwoGZXIvYXdz\u{0}EXAMPLE",
        "Expiration": "2099-01-01T00:00:00Z",
    });
    process_profile(&env, &temporary, "eu-west-1");
    for args in HANDOUTS {
        let out = env.run(args);
        // Refused where the credential_process output is read (a bad reply of the helper).
        assert_one_line_error(&out, 4, "session token contains a control character");
    }
    let long_lived = serde_json::json!({
        "Version": 1,
        "AccessKeyId": "AKIAIOSFODNN7EXAMPLE",
        "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG\u{0}bPxRfiCYzEXAMPLEKEY",
    });
    process_profile(&env, &long_lived, "eu-west-1");
    for args in HANDOUTS {
        let out = env.run(args);
        assert_one_line_error(&out, 4, "secret access key contains a control character");
    }
    let fine = serde_json::json!({
        "Version": 1,
        "AccessKeyId": "AKIAIOSFODNN7EXAMPLE",
        "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",
    });
    process_profile(&env, &fine, "eu\0west-1");
    for args in HANDOUTS {
        let out = env.run(args);
        assert_one_line_error(&out, 3, "the region of np holds a NUL character");
    }
    // The same profile with a plain region hands out its keys.
    process_profile(&env, &fine, "eu-west-1");
    let out = env.run(&["env", "np", "--shell", "bash"]);
    out.assert_success();
    assert_eq!(
        exported(&out.stdout, "AWS_REGION"),
        Some("eu-west-1"),
        "{out}"
    );
}

// --- suggested commands quote profile names ---

/// A profile whose name is a command line (quoted in its header, as the AWS CLI writes a name
/// with a space), with an MFA device and no cached session: with no
/// terminal each command fails saying how to log in, and the command it suggests must carry
/// the name quoted, or pasting the suggestion would run `touch`.
#[test]
fn suggested_commands_quote_the_profile_name() {
    let name = "xq$(touch PWNED)";
    let quoted = "'xq$(touch PWNED)'";
    let env = TestEnv::new().with_endpoint("http://127.0.0.1:9");
    env.write_config(&format!(
        "[profile '{name}']\nmfa_serial = {SERIAL}\nregion = us-east-1\n[profile r]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = {name}\n"
    ));
    env.write_credentials(&format!(
        "[{name}]\naws_access_key_id = {FAKE_AKID}\naws_secret_access_key = {FAKE_SECRET}\n"
    ));
    for (args, suggestion) in [
        // Issue 13: every command that needs a code it cannot ask for names `awsmfa login`.
        (vec!["env", name], format!("awsmfa login {quoted}")),
        (
            vec!["exec", name, "--", "true"],
            format!("awsmfa login {quoted}"),
        ),
        (
            vec!["credential-process", name],
            format!("awsmfa login {quoted}"),
        ),
        // A key profile's own section is refused as a target; the alternative is quoted.
        (
            vec!["write", name],
            "--to 'xq$(touch PWNED)-mfa'".to_string(),
        ),
        (vec!["write", "r"], "awsmfa login r`".to_string()),
        (vec!["login", name], format!("awsmfa login {quoted}")),
        (vec!["use", name], format!("awsmfa env {quoted}")),
        (
            vec!["__use", "bash", name, "--format", "json"],
            format!("awsmfa env {quoted} --format json"),
        ),
    ] {
        let out = env.run(&args);
        out.assert_failure();
        assert!(
            out.stderr.contains(&suggestion),
            "{args:?}: wants {suggestion}:\n{out}"
        );
        assert_eq!(out.stderr.lines().count(), 1, "{out}");
    }
    assert!(!env.home.join("PWNED").exists());
}

/// Control characters in a profile name (from the command line, `AWS_PROFILE` or the config
/// file) are shown escaped in messages: a newline would break the one-line error, and an ESC
/// could drive the terminal (colour, title, cursor). Only the final newline of each line stays.
#[test]
fn control_characters_in_messages_are_escaped() {
    #[track_caller]
    fn assert_escaped_lines(out: &Output, lines: usize, shown: &str) {
        assert!(out.stderr.starts_with("awsmfa: "), "{out}");
        assert_eq!(out.stderr.matches('\n').count(), lines, "{out:?}");
        assert!(
            !out.stderr.chars().any(|c| c.is_control() && c != '\n'),
            "a raw control character: {:?}",
            out.stderr
        );
        assert!(
            out.stderr.contains(shown),
            "{:?} lacks {shown:?}",
            out.stderr
        );
    }
    let (env, _proxy) = offline();
    let out = env.run(&["env", "a\nb"]);
    assert_eq!(out.code, Some(3), "{out}");
    assert_escaped_lines(&out, 1, r"profile 'a\nb' not found");
    let out = env.run(&["env", "--profile", "p\rq\tr"]);
    assert_escaped_lines(&out, 1, r"profile 'p\rq\tr' not found");
    let mut cmd = env.cmd(&["env"]);
    cmd.env("AWS_PROFILE", "x\x1b[31my");
    let out = run_command(cmd, None, std::time::Duration::from_secs(30));
    assert_escaped_lines(&out, 1, r"profile 'x\u{1b}[31my' not found");
    // Usage errors: a mistyped command, and clap's errors turned into one line.
    let out = env.run(&["lst\x1b"]);
    assert_eq!(out.code, Some(2), "{out}");
    assert_escaped_lines(&out, 1, r"'lst\u{1b}'");
    let out = env.run(&["env", "--shell", "b\x1b]0;title\x07ash"]);
    assert_eq!(out.code, Some(2), "{out}");
    assert_escaped_lines(&out, 1, "invalid value");
    // A warning naming a config file whose path holds an ESC.
    let env = TestEnv::new();
    let dir = env.root().join("c\x1b[2Jd");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config"), "[profile a b]\nregion = us-east-1\n").unwrap();
    let mut cmd = env.cmd(&["list"]);
    cmd.env("AWS_CONFIG_FILE", dir.join("config"));
    let out = run_command(cmd, None, std::time::Duration::from_secs(30));
    assert_escaped_lines(&out, 1, r"c\u{1b}[2Jd/config:1: this section is ignored");
}

//! Where awsmfa finds its files when a flag names one: `--aws-credentials PATH` (the
//! compatibility form's flag, given before any command) wins over
//! `AWS_SHARED_CREDENTIALS_FILE`, for awsmfa and for the command it runs.

use crate::common::*;

const TEMP_KEYS: &str = "[temp]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = fakeSecretEXAMPLE\naws_session_token = fakeTokenEXAMPLE\n";

#[test]
fn aws_credentials_names_the_file_for_awsmfa_and_for_the_command_exec_runs() {
    let env = TestEnv::new();
    // Only the named file has the profile: ~/.aws/credentials (AWS_SHARED_CREDENTIALS_FILE
    // in the test environment) has none.
    env.write_credentials("");
    let other = env.root().join("other credentials");
    std::fs::write(&other, TEMP_KEYS).unwrap();
    let other = other.to_str().unwrap();
    let show = r#"printf '%s|%s' "$AWS_SHARED_CREDENTIALS_FILE" "$AWS_ACCESS_KEY_ID""#;
    let out = env.run(&[
        "--aws-credentials",
        other,
        "exec",
        "temp",
        "--",
        "sh",
        "-c",
        show,
    ]);
    out.assert_success();
    assert_eq!(out.stdout, format!("{other}|ASIAIOSFODNN7EXAMPLE"), "{out}");
    // Without the flag the profile is not found: the file really came from the flag.
    let out = env.run(&["exec", "temp", "--", "true"]);
    out.assert_failure();
    assert!(out.stderr.contains("'temp'"), "{out}");
}

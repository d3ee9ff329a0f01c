//! What `env` / `use` leave behind when one profile follows another: nothing of the earlier
//! profile's credentials, and no region awsmfa set for it, but every region the user set.

use crate::common::*;

/// Two profiles served by `credential_process` (no STS needed): `tokened` with a session token,
/// an expiry and a region; `bare` with long-lived-looking keys, no token, no region.
fn two_profiles(env: &TestEnv) {
    let exp = rfc3339_from_now(3600);
    env.write_config(&format!(
        "[profile tokened]\nregion = eu-west-1\ncredential_process = printf '%s' '{{\"Version\":1,\"AccessKeyId\":\"ASIATOKENEDEXAMPLE01\",\"SecretAccessKey\":\"tokenedSecretEXAMPLE\",\"SessionToken\":\"tokenedTokenEXAMPLE\",\"Expiration\":\"{exp}\"}}'\n\n\
         [profile bare]\ncredential_process = printf '%s' '{{\"Version\":1,\"AccessKeyId\":\"AKIABAREEXAMPLE00001\",\"SecretAccessKey\":\"bareSecretEXAMPLE\"}}'\n"
    ));
}

fn bash(env: &TestEnv, script: &str) -> String {
    let out = env.run_program("/bin/bash", &["-c", &format!("set -e\n{script}")]);
    out.assert_success();
    out.stdout
}

const SHOW: &str = r#"echo "token=${AWS_SESSION_TOKEN-unset} sectoken=${AWS_SECURITY_TOKEN-unset} exp=${AWS_CREDENTIAL_EXPIRATION-unset} expires=${AWSMFA_EXPIRES-unset} region=${AWS_REGION-unset} default_region=${AWS_DEFAULT_REGION-unset} key=${AWS_ACCESS_KEY_ID-unset}""#;

#[test]
fn a_profile_without_a_token_or_region_clears_the_previous_ones() {
    let env = TestEnv::new();
    two_profiles(&env);
    // Before the fix: the new long-lived key sat next to the old session token (every SDK
    // then fails), and eu-west-1 stayed for a profile that has no region.
    let out = bash(
        &env,
        &format!(
            "eval \"$(awsmfa env tokened --shell bash)\"\neval \"$(awsmfa env bare --shell bash)\"\n{SHOW}"
        ),
    );
    assert_eq!(
        out.trim(),
        "token=unset sectoken=unset exp=unset expires=unset region=unset default_region=unset key=AKIABAREEXAMPLE00001"
    );
}

#[test]
fn a_region_the_user_set_is_never_taken_away() {
    let env = TestEnv::new();
    two_profiles(&env);
    // Set before awsmfa ever ran.
    let out = bash(
        &env,
        &format!(
            "export AWS_REGION=ca-central-1 AWS_DEFAULT_REGION=ca-central-1\neval \"$(awsmfa env bare --shell bash)\"\n{SHOW}"
        ),
    );
    assert!(
        out.contains("region=ca-central-1 default_region=ca-central-1"),
        "{out}"
    );
    // Changed by the user after awsmfa set one: theirs stays when the next profile has none.
    let out = bash(
        &env,
        &format!(
            "eval \"$(awsmfa env tokened --shell bash)\"\nexport AWS_REGION=us-west-2\neval \"$(awsmfa env bare --shell bash)\"\n{SHOW}"
        ),
    );
    assert!(
        out.contains("region=us-west-2 default_region=unset"),
        "{out}"
    );
    // `clear` takes back only what awsmfa set.
    let out = bash(
        &env,
        &format!(
            "eval \"$(awsmfa env tokened --shell bash)\"\neval \"$(awsmfa clear --shell bash)\"\n{SHOW}\nexport AWS_REGION=sa-east-1\neval \"$(awsmfa clear --shell bash)\"\n{SHOW}"
        ),
    );
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].contains("region=unset default_region=unset key=unset"),
        "{out}"
    );
    assert!(lines[1].contains("region=sa-east-1"), "{out}");
}

#[test]
fn exec_hands_the_command_no_stale_token_and_no_region_of_another_profile() {
    let env = TestEnv::new();
    two_profiles(&env);
    let out = bash(
        &env,
        &format!(
            "eval \"$(awsmfa env tokened --shell bash)\"\nawsmfa exec bare -- bash -c '{}'",
            SHOW.replace('\'', "'\\''")
        ),
    );
    assert_eq!(
        out.trim(),
        "token=unset sectoken=unset exp=unset expires=unset region=unset default_region=unset key=AKIABAREEXAMPLE00001"
    );
}

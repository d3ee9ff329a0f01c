//! Key rotation against moto's IAM, for keys in the credentials file and in the encrypted store:
//! the happy paths, the two-keys refusal, and a fault injected at every step (CreateAccessKey,
//! writing the new key, verifying it, deleting the old one, cleaning up the new one). After each,
//! the stored key must work (`aws sts get-caller-identity` with it answers as the user) and the
//! user must hold exactly the keys expected.

use std::time::Duration;

use crate::common::*;
use age::secrecy::SecretString;
use awsmfa_cli::{credfile, rotate, store};

const PASS: &str = "rotation passphrase";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    File,
    Store,
}

struct Fixture {
    env: TestEnv,
    proxy: RecordingProxy,
    moto_url: String,
    user: String,
    kind: Kind,
    old_id: String,
}

/// The credentials file around the rotated section: every byte of it must survive.
fn credentials(user: &str, id: &str, secret: &str) -> String {
    format!(
        "# personal keys\n[other]\naws_access_key_id = {FAKE_AKID}\naws_secret_access_key = {FAKE_SECRET}\n\n\
         ; rotated by awsmfa\n[{user}]\nregion = eu-west-1\nAWS_ACCESS_KEY_ID={id}\n# inline note\n\
         aws_secret_access_key  :  {secret}\noutput = json\n\n# end\n"
    )
}

/// A moto IAM user `user` with one access key, kept in the credentials file or the store as
/// profile `user`, with `mfa_serial` when `mfa`, a role profile `user-role` chained to it, and
/// awsmfa pointed at a recording proxy in front of moto.
fn fixture(user: &str, kind: Kind, mfa: bool) -> Option<Fixture> {
    let moto = moto()?;
    let proxy = RecordingProxy::start(&moto.url);
    let env = TestEnv::new()
        .with_endpoint(&proxy.url)
        .env(store::SCRYPT_LOG_N, "10")
        .env(
            store::PASSPHRASE_COMMAND,
            format!("printf '%s\\n' '{PASS}'"),
        )
        .env(rotate::VERIFY_TIMEOUT_VAR, "2");
    env.aws_admin(&["iam", "create-user", "--user-name", user])
        .assert_success();
    let key = env.aws_admin(&["iam", "create-access-key", "--user-name", user]);
    key.assert_success();
    let key = key.json();
    let id = key["AccessKey"]["AccessKeyId"]
        .as_str()
        .unwrap()
        .to_string();
    let secret = key["AccessKey"]["SecretAccessKey"]
        .as_str()
        .unwrap()
        .to_string();
    let serial = if mfa {
        format!("mfa_serial = arn:aws:iam::123456789012:mfa/{user}\n")
    } else {
        String::new()
    };
    env.write_config(&format!(
        "[profile {user}]\n{serial}\n[profile {user}-role]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = {user}\n"
    ));
    match kind {
        Kind::File => env.write_credentials(&credentials(user, &id, &secret)),
        Kind::Store => {
            env.write_credentials("# nothing here\n");
            env.run_stdin(&["store", "add", user], &format!("{id}\n{secret}\n"))
                .assert_success();
        }
    }
    proxy.clear();
    Some(Fixture {
        env,
        proxy,
        moto_url: moto.url.clone(),
        user: user.to_string(),
        kind,
        old_id: id,
    })
}

macro_rules! fixture {
    ($user:expr, $kind:expr, $mfa:expr) => {
        match fixture($user, $kind, $mfa) {
            Some(f) => f,
            None => return,
        }
    };
}

impl Fixture {
    fn rotate(&self, extra: &[&str]) -> Output {
        let mut args = vec!["rotate", self.user.as_str()];
        args.extend_from_slice(extra);
        self.env.run(&args)
    }

    /// The key stored for the profile now: (id, secret).
    fn stored(&self) -> (String, String) {
        match self.kind {
            Kind::File => {
                let text = std::fs::read_to_string(&self.env.credentials).unwrap();
                credfile::long_lived_keys(&text, &self.user)
                    .unwrap()
                    .expect("the section still holds keys")
            }
            Kind::Store => {
                let path = self
                    .env
                    .home
                    .join(".aws/awsmfa/keys")
                    .join(store::file_name(&self.user));
                let bytes = std::fs::read(&path).unwrap();
                let keys = store::decrypt(&bytes, &SecretString::from(PASS.to_string()), &path)
                    .unwrap_or_else(|e| panic!("{e:?}"));
                (keys.access_key_id.clone(), keys.secret_access_key.clone())
            }
        }
    }

    /// The user's access key ids in moto, sorted.
    fn moto_keys(&self) -> Vec<String> {
        let out = self.env.aws_admin(&[
            "iam",
            "list-access-keys",
            "--user-name",
            &self.user,
            "--endpoint-url",
            &self.moto_url,
        ]);
        out.assert_success();
        let mut ids: Vec<String> = out.json()["AccessKeyMetadata"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k["AccessKeyId"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    }

    /// The stored key works: the real AWS CLI, signing with it, is the user (moto answers
    /// another identity for a key it does not know).
    #[track_caller]
    fn assert_stored_key_works(&self) -> String {
        let (id, secret) = self.stored();
        let mut cmd = self.env.aws_cmd(&["sts", "get-caller-identity"]);
        cmd.env("AWS_ACCESS_KEY_ID", &id)
            .env("AWS_SECRET_ACCESS_KEY", &secret)
            .env("AWS_CONFIG_FILE", "/dev/null")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
            .env("AWS_ENDPOINT_URL_STS", &self.moto_url);
        let out = run_command(cmd, None, Duration::from_secs(60));
        out.assert_success();
        let arn = out.json()["Arn"].as_str().unwrap_or_default().to_string();
        assert!(
            arn.ends_with(&format!(":user/{}", self.user)),
            "the stored key {id} is not {}'s: {arn}",
            self.user
        );
        id
    }

    /// How many requests of `action` the proxy saw signed by `key`.
    fn signed_by(&self, action: &str, key: &str) -> usize {
        self.proxy
            .requests()
            .iter()
            .filter(|r| r.action.as_deref() == Some(action) && r.signing_key_id() == Some(key))
            .count()
    }
}

#[test]
fn keys_in_the_credentials_file_rotate_changing_only_the_two_values() {
    let fx = fixture!("rot-file", Kind::File, false);
    let before = std::fs::read_to_string(&fx.env.credentials).unwrap();
    let (_, old_secret) = fx.stored();
    // A role credential from the old key, to be dropped.
    fx.env
        .run(&["env", "rot-file-role", "--format", "json"])
        .assert_success();
    assert_eq!(fx.env.cache_files("role-").len(), 1);
    let out = fx.rotate(&[]);
    out.assert_success();
    let new_id = fx.assert_stored_key_works();
    assert_ne!(new_id, fx.old_id);
    assert_eq!(fx.moto_keys(), [new_id.as_str()]);
    let (_, new_secret) = fx.stored();
    assert_eq!(
        std::fs::read_to_string(&fx.env.credentials).unwrap(),
        before
            .replace(&fx.old_id, &new_id)
            .replace(&old_secret, &new_secret),
        "only the two values changed"
    );
    assert!(out.stderr.contains("AKIA****"), "{out}");
    assert!(
        !out.stderr.contains(&new_id) && !out.stderr.contains(&new_secret),
        "{out}"
    );
    // No MFA device: IAM was called with the old long-lived key; the new key was verified.
    assert_eq!(
        fx.signed_by("CreateAccessKey", &fx.old_id),
        1,
        "{:?}",
        fx.proxy.actions()
    );
    assert!(fx.signed_by("GetCallerIdentity", &new_id) >= 1);
    assert!(
        fx.env.cache_files("role-").is_empty(),
        "role credentials of the old key dropped"
    );
    // The remembered "no MFA device" moved to the new key: no second ListMFADevices.
    fx.proxy.clear();
    fx.env
        .run(&["env", "rot-file", "--format", "json"])
        .assert_success();
    assert_eq!(fx.proxy.actions(), ["GetSessionToken"]);
}

#[test]
fn store_keys_rotate_with_the_mfa_session_which_is_kept() {
    let fx = fixture!("rot-store", Kind::Store, true);
    let out = fx.rotate(&["-c", "123456"]);
    out.assert_success();
    let new_id = fx.assert_stored_key_works();
    assert_eq!(fx.moto_keys(), [new_id.as_str()]);
    // IAM calls were made with the MFA session (moto's session key), never the long-lived key.
    let session_key = FAKE_AKID;
    for action in ["ListAccessKeys", "CreateAccessKey", "DeleteAccessKey"] {
        assert_eq!(
            fx.signed_by(action, session_key),
            1,
            "{action}: {:?}",
            fx.proxy.actions()
        );
    }
    let create = fx
        .proxy
        .requests()
        .into_iter()
        .find(|r| r.action.as_deref() == Some("CreateAccessKey"))
        .unwrap();
    assert!(create.header("x-amz-security-token").is_some());
    assert_eq!(create.param("UserName"), Some("rot-store"));
    // The session rotation used stays cached: no new code, no passphrase, no request.
    fx.proxy.clear();
    let mut cmd = fx.env.cmd(&["env", "rot-store", "--format", "json"]);
    cmd.env_remove(store::PASSPHRASE_COMMAND);
    run_command(cmd, None, Duration::from_secs(60)).assert_success();
    assert!(fx.proxy.actions().is_empty(), "{:?}", fx.proxy.actions());
}

#[test]
fn rotating_a_role_profile_rotates_its_key_profile() {
    let fx = fixture!("rot-role", Kind::File, false);
    let out = fx.env.run(&["rotate", "rot-role-role", "--no-mfa"]);
    out.assert_success()
        .assert_stderr_contains("rotating the key of its source profile 'rot-role'");
    let new_id = fx.assert_stored_key_works();
    assert_eq!(fx.moto_keys(), [new_id.as_str()]);
}

#[test]
fn the_compatibility_flag_rotates_the_identity_first_with_one_code() {
    let fx = fixture!("rot-compat", Kind::File, true);
    let out = fx.env.run(&[
        "--rotate-identity-keys",
        "-i",
        "rot-compat",
        "-c",
        "123456",
        "--env",
        "bash",
    ]);
    out.assert_success();
    assert!(out.stdout.contains("export AWS_SESSION_TOKEN="), "{out}");
    let new_id = fx.assert_stored_key_works();
    assert_eq!(fx.moto_keys(), [new_id.as_str()]);
    assert_eq!(
        fx.proxy.count("GetSessionToken"),
        1,
        "{:?}",
        fx.proxy.actions()
    );
}

#[test]
fn two_keys_are_refused_with_both_named_masked() {
    let fx = fixture!("rot-two", Kind::Store, false);
    let second = fx
        .env
        .aws_admin(&["iam", "create-access-key", "--user-name", "rot-two"]);
    second.assert_success();
    let second = second.json()["AccessKey"]["AccessKeyId"]
        .as_str()
        .unwrap()
        .to_string();
    fx.proxy.clear();
    let out = fx.rotate(&[]);
    assert_eq!(out.code, Some(1), "{out}");
    let masked = |id: &str| format!("{}****{}", &id[..4], &id[id.len() - 4..]);
    out.assert_stderr_contains("already has two access keys")
        .assert_stderr_contains(&masked(&fx.old_id))
        .assert_stderr_contains(&masked(&second))
        .assert_stderr_contains("aws iam delete-access-key");
    assert!(!out.stderr.contains(&second), "full id shown:\n{out}");
    assert_eq!(fx.proxy.count("CreateAccessKey"), 0);
    assert_eq!(fx.assert_stored_key_works(), fx.old_id);
    let mut both = vec![fx.old_id.clone(), second];
    both.sort();
    assert_eq!(fx.moto_keys(), both);
}

// ---------------------------------------------------------------------------------------------
// A fault at every step
// ---------------------------------------------------------------------------------------------

#[test]
fn create_access_key_failing_changes_nothing() {
    let fx = fixture!("rot-f-create", Kind::File, false);
    let before = std::fs::read_to_string(&fx.env.credentials).unwrap();
    fx.proxy.fail_action(
        "CreateAccessKey",
        403,
        "AccessDenied",
        "User: arn:aws:iam::123456789012:user/rot-f-create is not authorized to perform: iam:CreateAccessKey",
    );
    let out = fx.rotate(&[]);
    assert_eq!(out.code, Some(4), "{out}");
    out.assert_stderr_contains("nothing was changed")
        .assert_stderr_contains("set mfa_serial");
    assert_eq!(
        std::fs::read_to_string(&fx.env.credentials).unwrap(),
        before
    );
    assert_eq!(fx.assert_stored_key_works(), fx.old_id);
    assert_eq!(fx.moto_keys(), [fx.old_id.as_str()]);
}

fn is_create(r: &RecordedRequest) -> bool {
    r.action.as_deref() == Some("CreateAccessKey")
}

/// CreateAccessKey is not idempotent: IAM made the key, its reply was lost (a 5xx, a
/// time-out). It must be sent once, and the key it made found and deleted, never retried
/// (each retry makes another key, and nobody has the secret of any of them).
#[test]
fn a_lost_create_access_key_reply_is_not_retried_and_the_key_it_made_is_deleted() {
    let fx = fixture!("rot-lost-5xx", Kind::File, false);
    let before = std::fs::read_to_string(&fx.env.credentials).unwrap();
    fx.proxy.lose_reply_if(
        is_create,
        500,
        "ServiceFailure",
        "Request processing has failed.",
    );
    let out = fx.rotate(&[]);
    assert_eq!(out.code, Some(5), "{out}");
    assert_eq!(
        fx.proxy.count("CreateAccessKey"),
        1,
        "{:?}",
        fx.proxy.actions()
    );
    out.assert_stderr_contains("was deleted");
    assert!(!out.stderr.contains("nothing was changed"), "{out}");
    assert_eq!(fx.moto_keys(), [fx.old_id.as_str()], "{out}");
    assert_eq!(
        std::fs::read_to_string(&fx.env.credentials).unwrap(),
        before
    );
    assert_eq!(fx.assert_stored_key_works(), fx.old_id);
    // The next rotation is not refused for two keys.
    fx.proxy.clear_faults();
    fx.rotate(&[]).assert_success();
    assert_ne!(fx.assert_stored_key_works(), fx.old_id);
}

#[test]
fn a_create_access_key_that_times_out_is_not_retried_and_the_key_it_made_is_deleted() {
    let mut fx = fixture!("rot-lost-timeout", Kind::Store, false);
    fx.env = fx.env.env("AWSMFA_TIMEOUT", "1");
    fx.proxy
        .hang_after_forwarding_if(is_create, Duration::from_secs(3));
    let out = fx.rotate(&[]);
    assert_eq!(out.code, Some(5), "{out}");
    assert_eq!(
        fx.proxy.count("CreateAccessKey"),
        1,
        "{:?}",
        fx.proxy.actions()
    );
    out.assert_stderr_contains("was deleted");
    assert!(!out.stderr.contains("nothing was changed"), "{out}");
    assert_eq!(fx.moto_keys(), [fx.old_id.as_str()], "{out}");
    assert_eq!(fx.assert_stored_key_works(), fx.old_id);
}

#[test]
fn a_lost_create_access_key_reply_whose_key_cannot_be_deleted_names_the_key_exactly() {
    let fx = fixture!("rot-lost-orphan", Kind::File, false);
    fx.proxy
        .lose_reply_if(is_create, 503, "ServiceUnavailable", "Service Unavailable");
    let old = fx.old_id.clone();
    fx.proxy.fail_if(
        move |r| {
            r.action.as_deref() == Some("DeleteAccessKey") && r.param("AccessKeyId") != Some(&old)
        },
        403,
        "AccessDenied",
        "not allowed",
    );
    let out = fx.rotate(&[]);
    assert_eq!(out.code, Some(5), "{out}");
    assert_eq!(
        fx.proxy.count("CreateAccessKey"),
        1,
        "{:?}",
        fx.proxy.actions()
    );
    let keys = fx.moto_keys();
    assert_eq!(keys.len(), 2, "{keys:?}");
    let orphan = keys.iter().find(|k| **k != fx.old_id).unwrap();
    out.assert_stderr_contains(&format!(
        "aws iam delete-access-key --user-name rot-lost-orphan --access-key-id {orphan}"
    ));
    assert!(!out.stderr.contains("nothing was changed"), "{out}");
    assert_eq!(fx.assert_stored_key_works(), fx.old_id);
}

/// `rotate` run with a file-size limit of 0 (SIGXFSZ ignored): every file write fails with
/// EFBIG, the store's and the credentials file's alike, while reads and network work.
fn rotate_without_writes(fx: &Fixture) -> Output {
    fx.env.run_program(
        "sh",
        &[
            "-c",
            &format!("trap '' XFSZ; ulimit -f 0; exec awsmfa rotate {}", fx.user),
        ],
    )
}

#[test]
fn a_failing_write_of_the_credentials_file_deletes_the_new_key() {
    let fx = fixture!("rot-f-wfile", Kind::File, false);
    let before = std::fs::read_to_string(&fx.env.credentials).unwrap();
    let out = rotate_without_writes(&fx);
    out.assert_failure()
        .assert_stderr_contains("cannot store the new key")
        .assert_stderr_contains("was deleted");
    assert_eq!(
        std::fs::read_to_string(&fx.env.credentials).unwrap(),
        before
    );
    assert_eq!(fx.assert_stored_key_works(), fx.old_id);
    assert_eq!(fx.moto_keys(), [fx.old_id.as_str()]);
}

#[test]
fn a_failing_write_of_the_store_deletes_the_new_key() {
    let fx = fixture!("rot-f-wstore", Kind::Store, false);
    let out = rotate_without_writes(&fx);
    out.assert_failure()
        .assert_stderr_contains("cannot store the new key")
        .assert_stderr_contains("was deleted");
    assert_eq!(fx.assert_stored_key_works(), fx.old_id);
    assert_eq!(fx.moto_keys(), [fx.old_id.as_str()]);
}

/// GetCallerIdentity fails for every key but the old one (the new key "never propagates").
fn fail_verification(fx: &Fixture) {
    let old = fx.old_id.clone();
    fx.proxy.fail_if(
        move |r| {
            r.action.as_deref() == Some("GetCallerIdentity") && r.signing_key_id() != Some(&old)
        },
        403,
        "InvalidClientTokenId",
        "The security token included in the request is invalid.",
    );
}

#[test]
fn a_new_key_that_never_works_is_deleted_and_the_old_one_put_back_in_the_file() {
    let fx = fixture!("rot-f-verify-file", Kind::File, false);
    let before = std::fs::read_to_string(&fx.env.credentials).unwrap();
    fail_verification(&fx);
    let out = fx.rotate(&[]);
    assert_eq!(out.code, Some(4), "{out}");
    out.assert_stderr_contains("did not work within 2s")
        .assert_stderr_contains("was deleted");
    // Retried with backoff before giving up.
    let tries = fx.proxy.count("GetCallerIdentity") - fx.signed_by("GetCallerIdentity", &fx.old_id);
    assert!(tries >= 3, "{:?}", fx.proxy.actions());
    assert_eq!(
        std::fs::read_to_string(&fx.env.credentials).unwrap(),
        before
    );
    assert_eq!(fx.assert_stored_key_works(), fx.old_id);
    assert_eq!(fx.moto_keys(), [fx.old_id.as_str()]);
}

#[test]
fn a_new_key_that_never_works_is_deleted_and_the_old_store_file_put_back() {
    let fx = fixture!("rot-f-verify-store", Kind::Store, true);
    let path = fx
        .env
        .home
        .join(".aws/awsmfa/keys")
        .join(store::file_name(&fx.user));
    let before = std::fs::read(&path).unwrap();
    fail_verification(&fx);
    let out = fx.rotate(&["-c", "123456"]);
    assert_eq!(out.code, Some(4), "{out}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the very same file");
    assert_eq!(fx.assert_stored_key_works(), fx.old_id);
    assert_eq!(fx.moto_keys(), [fx.old_id.as_str()]);
}

#[test]
fn a_new_key_that_works_after_a_while_is_kept() {
    let fx = fixture!("rot-slow", Kind::File, false);
    let old = fx.old_id.clone();
    let failures = std::sync::atomic::AtomicUsize::new(0);
    fx.proxy.fail_if(
        move |r| {
            r.action.as_deref() == Some("GetCallerIdentity")
                && r.signing_key_id() != Some(&old)
                && failures.fetch_add(1, std::sync::atomic::Ordering::SeqCst) < 2
        },
        403,
        "InvalidClientTokenId",
        "The security token included in the request is invalid.",
    );
    fx.rotate(&[]).assert_success();
    let new_id = fx.assert_stored_key_works();
    assert_eq!(fx.signed_by("GetCallerIdentity", &new_id), 3);
    assert_eq!(fx.moto_keys(), [new_id.as_str()]);
}

#[test]
fn an_old_key_that_cannot_be_deleted_is_reported_and_the_new_one_kept() {
    let fx = fixture!("rot-f-delete", Kind::Store, false);
    let old = fx.old_id.clone();
    fx.proxy.fail_if(
        move |r| {
            r.action.as_deref() == Some("DeleteAccessKey") && r.param("AccessKeyId") == Some(&old)
        },
        500,
        "ServiceUnavailable",
        "try later",
    );
    let out = fx.rotate(&[]);
    out.assert_failure()
        .assert_stderr_contains("now uses the new key")
        .assert_stderr_contains("could not be deleted")
        .assert_stderr_contains("aws iam delete-access-key --user-name rot-f-delete");
    let new_id = fx.assert_stored_key_works();
    assert_ne!(new_id, fx.old_id);
    let mut both = vec![fx.old_id.clone(), new_id];
    both.sort();
    assert_eq!(fx.moto_keys(), both);
}

#[test]
fn a_new_key_that_fails_and_cannot_be_deleted_is_named_and_the_old_one_kept() {
    let fx = fixture!("rot-f-cleanup", Kind::File, false);
    fail_verification(&fx);
    let old = fx.old_id.clone();
    fx.proxy.fail_if(
        move |r| {
            r.action.as_deref() == Some("DeleteAccessKey") && r.param("AccessKeyId") != Some(&old)
        },
        403,
        "AccessDenied",
        "not allowed",
    );
    let out = fx.rotate(&[]);
    out.assert_failure()
        .assert_stderr_contains("could not be deleted")
        .assert_stderr_contains("aws iam delete-access-key");
    assert_eq!(fx.assert_stored_key_works(), fx.old_id);
    let keys = fx.moto_keys();
    assert_eq!(keys.len(), 2, "the new key is left, and named: {keys:?}");
    assert!(keys.contains(&fx.old_id));
}

#[test]
fn import_then_rotate_on_the_terminal() {
    let Some(moto) = moto() else { return };
    if !std::path::Path::new("/usr/bin/script").is_file() {
        assert!(!tools_required(), "util-linux script is not installed");
        eprintln!("skipping: script not installed");
        return;
    }
    let env = TestEnv::new()
        .with_endpoint(&moto.url)
        .env(store::SCRYPT_LOG_N, "10")
        .env(
            store::PASSPHRASE_COMMAND,
            format!("printf '%s\\n' '{PASS}'"),
        );
    let user = "rot-import";
    env.aws_admin(&["iam", "create-user", "--user-name", user])
        .assert_success();
    let key = env.aws_admin(&["iam", "create-access-key", "--user-name", user]);
    let key = key.json();
    let id = key["AccessKey"]["AccessKeyId"]
        .as_str()
        .unwrap()
        .to_string();
    let secret = key["AccessKey"]["SecretAccessKey"]
        .as_str()
        .unwrap()
        .to_string();
    env.write_credentials(&credentials(user, &id, &secret));
    let run = env.run_program(
        "sh",
        &[
            "-c",
            &format!(
                "(sleep 1; echo y) | script -qec 'awsmfa store import {user} --no-mfa' /dev/null"
            ),
        ],
    );
    run.assert_success();
    assert!(run.stdout.contains("Rotate it now?"), "{run}");
    let fx = Fixture {
        env,
        proxy: RecordingProxy::start(&moto.url),
        moto_url: moto.url.clone(),
        user: user.into(),
        kind: Kind::Store,
        old_id: id.clone(),
    };
    let new_id = fx.assert_stored_key_works();
    assert_ne!(new_id, id);
    assert_eq!(fx.moto_keys(), [new_id.as_str()]);
    let text = std::fs::read_to_string(&fx.env.credentials).unwrap();
    assert!(!text.contains(&id) && !text.contains(&secret), "{text}");
}

#[test]
fn the_documented_iam_policy_covers_every_call_on_the_users_own_keys() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/iam-policy.json");
    let text = std::fs::read_to_string(&path).expect("docs/iam-policy.json");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(doc["Version"], "2012-10-17");
    let mut granted = Vec::new();
    for st in doc["Statement"].as_array().unwrap() {
        assert_eq!(st["Effect"], "Allow");
        assert_eq!(st["Resource"], "arn:aws:iam::*:user/${aws:username}");
        let actions: Vec<String> = match &st["Action"] {
            serde_json::Value::String(a) => vec![a.clone()],
            v => v
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap().to_string())
                .collect(),
        };
        let mfa = st["Condition"]["Bool"]["aws:MultiFactorAuthPresent"] == "true";
        for a in actions {
            // Changing keys needs MFA; finding the device cannot (it is looked up without).
            assert_eq!(
                mfa,
                a.ends_with("CreateAccessKey") || a.ends_with("DeleteAccessKey"),
                "{a}"
            );
            granted.push(a);
        }
    }
    granted.sort();
    assert_eq!(
        granted,
        [
            "iam:CreateAccessKey",
            "iam:DeleteAccessKey",
            "iam:ListAccessKeys",
            "iam:ListMFADevices"
        ]
    );
}

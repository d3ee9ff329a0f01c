//! The encrypted key store: `store add/import/list/remove/passwd`, files and modes, the round
//! trip with the `age` CLI both ways, wrong and missing passphrases, the passphrase command, the
//! store winning over a plaintext copy, and a cached session sparing the passphrase.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::*;
use age::secrecy::SecretString;
use awsmfa_cli::store;

const PASS: &str = "correct horse battery staple";
const SCRIPT: &str = "/usr/bin/script";
const AGE: &str = "/usr/bin/age";

/// A fresh environment with a cheap scrypt work factor (age's default takes about a second).
fn store_env() -> TestEnv {
    TestEnv::new().env(store::SCRYPT_LOG_N, "10")
}

/// `printf '%s\n' 'PASS'`: a passphrase command printing `pass` and a newline.
fn pass_cmd(pass: &str) -> String {
    format!("printf '%s\\n' '{pass}'")
}

/// Runs awsmfa in `env` with extra variables and optional stdin.
fn run_with(env: &TestEnv, args: &[&str], vars: &[(&str, &str)], stdin: Option<&str>) -> Output {
    let mut cmd = env.cmd(args);
    cmd.envs(vars.iter().copied());
    run_command(cmd, stdin.map(str::as_bytes), Duration::from_secs(60))
}

/// Runs awsmfa with the standard passphrase command.
fn run_pass(env: &TestEnv, args: &[&str], stdin: Option<&str>) -> Output {
    run_with(
        env,
        args,
        &[(store::PASSPHRASE_COMMAND, &pass_cmd(PASS))],
        stdin,
    )
}

fn store_file(env: &TestEnv, profile: &str) -> PathBuf {
    env.home
        .join(".aws/awsmfa/keys")
        .join(store::file_name(profile))
}

fn add(env: &TestEnv, profile: &str, id: &str, secret: &str) {
    run_pass(
        env,
        &["store", "add", profile],
        Some(&format!("{id}\n{secret}\n")),
    )
    .assert_success();
}

/// The keys in `profile`'s store file, decrypted with `pass`.
fn stored(env: &TestEnv, profile: &str, pass: &str) -> store::Keys {
    let path = store_file(env, profile);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    store::decrypt(&bytes, &SecretString::from(pass.to_string()), &path)
        .unwrap_or_else(|e| panic!("cannot decrypt {}: {e:?}", path.display()))
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Whether `path` (a tool) exists; fails under CI / scripts/test, else skips with a reason.
fn have(path: &str) -> bool {
    if Path::new(path).is_file() {
        return true;
    }
    assert!(!tools_required(), "{path} is not installed");
    eprintln!("skipping: {path} not installed");
    false
}

/// `sh -c "(feed) | script -qec COMMAND /dev/null"`: COMMAND on a fresh terminal, with each of
/// `typed` sent a little apart (so a hidden prompt has switched echo off before it arrives).
/// The output's stdout is the terminal transcript.
fn on_terminal(env: &TestEnv, command: &str, typed: &[&str]) -> Output {
    let feed: String = typed
        .iter()
        .map(|t| format!("sleep 0.7; printf '%s\\n' '{t}'; "))
        .collect();
    let line = format!(
        "({feed}:) | {SCRIPT} -qec '{}' /dev/null",
        command.replace('\'', "'\\''")
    );
    env.run_program("sh", &["-c", &line])
}

#[test]
fn add_from_stdin_writes_a_private_age_file_that_the_age_cli_decrypts() {
    let env = store_env();
    add(&env, "identity", FAKE_AKID, FAKE_SECRET);
    let file = store_file(&env, "identity");
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(file.parent().unwrap()), 0o700);
    assert_eq!(mode(&env.home.join(".aws/awsmfa")), 0o700);
    let bytes = std::fs::read(&file).unwrap();
    assert!(
        bytes.starts_with(b"age-encryption.org/v1\n-> scrypt "),
        "{bytes:?}"
    );
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains(FAKE_SECRET) && !text.contains(FAKE_AKID));
    assert_eq!(
        stored(&env, "identity", PASS),
        store::Keys::new(FAKE_AKID, FAKE_SECRET).unwrap()
    );
    // `key = value` lines work as well, and a second profile gets its own file.
    run_pass(
        &env,
        &["store", "add", "team/dev"],
        Some(&format!(
            "aws_access_key_id = {FAKE_AKID_2}\naws_secret_access_key = {FAKE_SECRET_2}\n"
        )),
    )
    .assert_success();
    assert!(env.home.join(".aws/awsmfa/keys/team%2Fdev.age").is_file());
    assert_eq!(stored(&env, "team/dev", PASS).access_key_id, FAKE_AKID_2);

    if !have(SCRIPT) || !have(AGE) {
        return;
    }
    let out = env.home.join("plain.txt");
    let run = on_terminal(
        &env,
        &format!("age -d -o {} {}", out.display(), file.display()),
        &[PASS],
    );
    run.assert_success();
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        format!("aws_access_key_id = {FAKE_AKID}\naws_secret_access_key = {FAKE_SECRET}\n"),
        "{run}"
    );
}

#[test]
fn a_file_made_by_the_age_cli_is_used() {
    let moto = require_moto!();
    if !have(SCRIPT) || !have(AGE) {
        return;
    }
    let proxy = RecordingProxy::start(&moto.url);
    let env = store_env().with_endpoint(&proxy.url);
    let keys = env.home.join(".aws/awsmfa/keys");
    std::fs::create_dir_all(&keys).unwrap();
    let plain = env.home.join("plain.txt");
    std::fs::write(
        &plain,
        format!(
            "[byage]\naws_access_key_id = {FAKE_AKID_2}\naws_secret_access_key = {FAKE_SECRET_2}\n"
        ),
    )
    .unwrap();
    // `age -p` asks twice on the terminal and uses its own work factor (2^18).
    let run = on_terminal(
        &env,
        &format!(
            "age -p -o {} {}",
            keys.join("byage.age").display(),
            plain.display()
        ),
        &[PASS, PASS],
    );
    run.assert_success();
    let out = run_pass(
        &env,
        &["env", "byage", "--no-mfa", "--format", "json"],
        None,
    );
    out.assert_success();
    let gst = proxy
        .requests()
        .into_iter()
        .find(|r| r.action.as_deref() == Some("GetSessionToken"))
        .expect("a GetSessionToken request");
    assert_eq!(
        gst.signing_key_id(),
        Some(FAKE_AKID_2),
        "signed with the stored key"
    );
    let list = env.run(&["list", "--json"]);
    list.assert_success();
    assert_eq!(list.json()[0]["kind"], "store", "{list}");
}

#[test]
fn a_wrong_passphrase_fails_clearly_and_changes_nothing() {
    let moto = require_moto!();
    let proxy = RecordingProxy::start(&moto.url);
    let env = store_env().with_endpoint(&proxy.url);
    add(&env, "identity", FAKE_AKID_2, FAKE_SECRET_2);
    let before = std::fs::read(store_file(&env, "identity")).unwrap();
    let out = run_with(
        &env,
        &["env", "identity", "--no-mfa"],
        &[(store::PASSPHRASE_COMMAND, &pass_cmd("not it"))],
        None,
    );
    assert_eq!(out.code, Some(4), "{out}");
    assert!(out.stdout.is_empty(), "{out}");
    out.assert_stderr_contains("wrong passphrase")
        .assert_stderr_contains("identity.age");
    assert!(!out.stderr.contains(FAKE_SECRET_2), "{out}");
    assert!(proxy.actions().is_empty(), "{:?}", proxy.actions());
    assert_eq!(std::fs::read(store_file(&env, "identity")).unwrap(), before);
    // passwd with the wrong old passphrase changes nothing either.
    let out = run_with(
        &env,
        &["store", "passwd", "identity"],
        &[
            (store::PASSPHRASE_COMMAND, &pass_cmd("not it")),
            (store::NEW_PASSPHRASE_COMMAND, &pass_cmd("new")),
        ],
        None,
    );
    assert_eq!(out.code, Some(4), "{out}");
    assert_eq!(std::fs::read(store_file(&env, "identity")).unwrap(), before);
}

#[test]
fn the_passphrase_command_loses_only_its_trailing_newline() {
    let env = store_env();
    let spaced = "  spaced out  ";
    run_with(
        &env,
        &["store", "add", "identity"],
        &[(store::PASSPHRASE_COMMAND, &pass_cmd(spaced))],
        Some(&format!("{FAKE_AKID}\n{FAKE_SECRET}\n")),
    )
    .assert_success();
    assert_eq!(stored(&env, "identity", spaced).access_key_id, FAKE_AKID);
    let keys_file = store_file(&env, "identity");
    let bytes = std::fs::read(&keys_file).unwrap();
    assert!(
        store::decrypt(
            &bytes,
            &SecretString::from("spaced out".to_string()),
            &keys_file
        )
        .is_err(),
        "inner spaces are part of the passphrase"
    );
    // A failing command, an empty passphrase, and no source at all: clear errors.
    let out = run_with(
        &env,
        &["store", "passwd", "identity"],
        &[
            (store::PASSPHRASE_COMMAND, "exit 3"),
            (store::NEW_PASSPHRASE_COMMAND, "echo x"),
        ],
        None,
    );
    // A helper that runs and fails exits 1 (README: exit codes), not 4 (refused).
    assert_eq!(out.code, Some(1), "{out}");
    out.assert_stderr_contains("AWSMFA_PASSPHRASE_COMMAND failed");
    let out = run_with(
        &env,
        &["store", "add", "other"],
        &[(store::PASSPHRASE_COMMAND, "printf '\\n'")],
        Some(&format!("{FAKE_AKID_2}\n{FAKE_SECRET_2}\n")),
    );
    assert_eq!(out.code, Some(1), "{out}");
    out.assert_stderr_contains("empty passphrase");
    assert!(!store_file(&env, "other").exists());
    let out = env.run(&["env", "identity", "--no-mfa"]);
    assert_eq!(out.code, Some(6), "{out}");
    out.assert_stderr_contains("no terminal")
        .assert_stderr_contains("AWSMFA_PASSPHRASE_COMMAND");
}

#[test]
fn a_cached_session_spares_the_passphrase() {
    let moto = require_moto!();
    let proxy = RecordingProxy::start(&moto.url);
    let env = store_env().with_endpoint(&proxy.url);
    env.write_config(&format!(
        "[profile identity]\nmfa_serial = {SERIAL}\n\n\
         [profile dev-admin]\nrole_arn = arn:aws:iam::123456789012:role/dev-admin\nsource_profile = identity\n"
    ));
    add(&env, "identity", FAKE_AKID_2, FAKE_SECRET_2);
    let first = run_pass(
        &env,
        &["env", "dev-admin", "-c", "123456", "--format", "json"],
        None,
    );
    first.assert_success();
    assert_eq!(proxy.actions(), ["GetSessionToken", "AssumeRole"]);
    // No passphrase source and no terminal: the cached session and role serve.
    let second = env.run(&["env", "dev-admin", "--format", "json"]);
    second.assert_success();
    assert_eq!(second.json(), first.json());
    let key_profile = env.run(&["env", "identity", "--format", "json"]);
    key_profile.assert_success();
    assert_eq!(
        proxy.actions(),
        ["GetSessionToken", "AssumeRole"],
        "no new request"
    );
    // A new session needs the keys, so the passphrase: without a way to ask, a clear error.
    let refresh = env.run(&["env", "identity", "--refresh", "-c", "123456"]);
    assert_eq!(refresh.code, Some(6), "{refresh}");
    refresh.assert_stderr_contains("passphrase");
    let list = env.run(&["list", "--json"]);
    list.assert_success();
    let rows = list.json();
    let identity = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "identity")
        .unwrap();
    assert_eq!(identity["kind"], "store", "{list}");
    assert!(
        identity["session"]["seconds_left"].as_i64().unwrap() > 0,
        "{list}"
    );
}

const CREDENTIALS: &str = "\
# my keys, do not share
[default]
region = eu-west-1

; the identity profile
[identity]
# added in 2024
aws_access_key_id = AKIAI44QH8DHBEXAMPLE
region = us-east-1
AWS_Secret_Access_Key=je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY
output = json

# the last one
[solo]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY
";

#[test]
fn import_moves_the_keys_and_keeps_every_other_byte() {
    let env = store_env();
    env.write_credentials(CREDENTIALS);
    let out = run_pass(&env, &["store", "import", "identity"], None);
    out.assert_success()
        .assert_stderr_contains("awsmfa rotate identity");
    assert_eq!(
        std::fs::read_to_string(&env.credentials).unwrap(),
        CREDENTIALS
            .replace("aws_access_key_id = AKIAI44QH8DHBEXAMPLE\n", "")
            .replace(
                "AWS_Secret_Access_Key=je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY\n",
                ""
            )
    );
    assert_eq!(
        stored(&env, "identity", PASS),
        store::Keys::new(FAKE_AKID_2, FAKE_SECRET_2).unwrap()
    );
    // A section left without keys goes; the comment after it stays with what follows.
    run_pass(&env, &["store", "import", "solo"], None).assert_success();
    let text = std::fs::read_to_string(&env.credentials).unwrap();
    assert!(
        text.ends_with("output = json\n\n# the last one\n"),
        "{text}"
    );
    assert!(!text.contains("[solo]"), "{text}");
    // Nothing left to import, or already imported: errors that change nothing.
    let again = run_pass(&env, &["store", "import", "identity"], None);
    again
        .assert_failure()
        .assert_stderr_contains("already has keys in the store");
    let none = run_pass(&env, &["store", "import", "default"], None);
    assert_eq!(none.code, Some(3), "{none}");
    none.assert_stderr_contains("holds no long-lived keys");
    assert_eq!(std::fs::read_to_string(&env.credentials).unwrap(), text);
    assert!(!store_file(&env, "default").exists());
    // The profile still resolves (region from the file, keys from the store).
    let list = env.run(&["list", "--json"]);
    let kinds: Vec<(String, String)> = list
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().into(),
                r["kind"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(
        kinds.contains(&("identity".into(), "store".into())),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&("solo".into(), "store".into())),
        "{kinds:?}"
    );
}

#[test]
fn import_asks_on_the_terminal_whether_to_rotate() {
    if !have(SCRIPT) {
        return;
    }
    let env = store_env().env(store::PASSPHRASE_COMMAND, pass_cmd(PASS));
    env.write_credentials(CREDENTIALS);
    let run = on_terminal(&env, "awsmfa store import identity", &["n"]);
    run.assert_success();
    assert!(run.stdout.contains("Rotate it now? [y/N]"), "{run}");
    assert!(run.stdout.contains("awsmfa rotate identity"), "{run}");
    assert_eq!(stored(&env, "identity", PASS).access_key_id, FAKE_AKID_2);
}

#[test]
fn keys_and_passphrases_typed_on_the_terminal_are_hidden() {
    if !have(SCRIPT) {
        return;
    }
    let env = store_env();
    let run = on_terminal(
        &env,
        "awsmfa store add identity",
        &[FAKE_AKID, FAKE_SECRET, "typed pass", "typed pass"],
    );
    run.assert_success();
    for prompt in [
        "AWS access key ID: ",
        "AWS secret access key: ",
        "New passphrase",
        "Confirm the passphrase: ",
    ] {
        assert!(run.stdout.contains(prompt), "{prompt}:\n{run}");
    }
    for secret in [FAKE_SECRET, "typed pass"] {
        assert!(!run.stdout.contains(secret), "echoed {secret}:\n{run}");
    }
    assert_eq!(
        stored(&env, "identity", "typed pass").access_key_id,
        FAKE_AKID
    );
    // A wrong passphrase is asked again; the right one then opens the file.
    let run = on_terminal(
        &env,
        "awsmfa store passwd identity",
        &["wrong", "typed pass", "newer", "newer"],
    );
    run.assert_success();
    assert!(run.stdout.contains("wrong passphrase; try again"), "{run}");
    assert_eq!(stored(&env, "identity", "newer").access_key_id, FAKE_AKID);
    // `store remove` asks on the terminal: only yes removes.
    let run = on_terminal(&env, "awsmfa store remove identity", &["n"]);
    run.assert_success();
    assert!(run.stdout.contains("[y/N]"), "{run}");
    assert!(store_file(&env, "identity").exists());
    on_terminal(&env, "awsmfa store remove identity", &["y"]).assert_success();
    assert!(!store_file(&env, "identity").exists());
}

#[test]
fn hidden_prompts_of_two_processes_on_one_terminal_take_turns() {
    if !pty::have_script() {
        return;
    }
    let env = store_env();
    for p in ["alpha", "beta"] {
        add(&env, p, FAKE_AKID, FAKE_SECRET);
    }
    // Two awsmfa processes on the same terminal at once, each asking for the old passphrase,
    // then a new one twice. Each prompt must wait for the other's answer: two hidden prompts
    // at once would take each other's lines and restore echo under each other.
    let command =
        "awsmfa store passwd alpha & a=$!; awsmfa store passwd beta; b=$?; wait $a && [ $b = 0 ]";
    let mut last_new = String::new();
    let talk = pty::Pty::spawn(&env, command, Duration::from_secs(60)).converse(
        &[
            "Passphrase for profile",
            "New passphrase for profile",
            "Confirm the passphrase",
        ],
        |prompt| {
            let profile = if prompt.contains("'alpha'") {
                "alpha"
            } else {
                "beta"
            };
            if prompt.starts_with("Passphrase for profile") {
                PASS.to_string()
            } else if prompt.starts_with("New passphrase") {
                last_new = format!("new {profile}");
                last_new.clone()
            } else {
                // The confirmation comes right after its own "New passphrase" prompt.
                last_new.clone()
            }
        },
    );
    assert_eq!(talk.code, Some(0), "{talk:#?}");
    assert_eq!(talk.answered.len(), 6, "{talk:#?}");
    for secret in [PASS, "new alpha", "new beta"] {
        assert!(
            !talk.transcript.contains(secret),
            "echoed {secret}: {talk:#?}"
        );
    }
    assert_eq!(stored(&env, "alpha", "new alpha").access_key_id, FAKE_AKID);
    assert_eq!(stored(&env, "beta", "new beta").access_key_id, FAKE_AKID);
}

#[test]
fn the_store_wins_over_a_plaintext_copy_and_says_so_once() {
    let moto = require_moto!();
    let proxy = RecordingProxy::start(&moto.url);
    let env = store_env().with_endpoint(&proxy.url);
    env.write_credentials(&format!(
        "[identity]\naws_access_key_id = {FAKE_AKID}\naws_secret_access_key = {FAKE_SECRET}\n"
    ));
    let out = run_pass(
        &env,
        &["store", "add", "identity"],
        Some(&format!("{FAKE_AKID_2}\n{FAKE_SECRET_2}\n")),
    );
    out.assert_success()
        .assert_stderr_contains("still holds plaintext keys");
    let out = run_pass(
        &env,
        &["env", "identity", "--no-mfa", "--format", "json"],
        None,
    );
    out.assert_success();
    assert_eq!(
        out.stderr.matches("plaintext copy").count(),
        1,
        "warned once:\n{out}"
    );
    let gst = proxy.requests();
    assert_eq!(gst.len(), 1, "{:?}", proxy.actions());
    assert_eq!(gst[0].signing_key_id(), Some(FAKE_AKID_2));
}

#[test]
fn list_remove_and_passwd() {
    let env = store_env();
    let empty = env.run(&["store", "list"]);
    empty.assert_success().assert_stderr_contains("is empty");
    add(&env, "b-profile", FAKE_AKID, FAKE_SECRET);
    add(&env, "a-profile", FAKE_AKID_2, FAKE_SECRET_2);
    let table = env.run(&["store", "list"]);
    table.assert_success();
    let lines: Vec<&str> = table.stdout.lines().collect();
    assert!(lines[0].starts_with("PROFILE"), "{table}");
    assert!(
        lines[1].starts_with("a-profile") && lines[2].starts_with("b-profile"),
        "{table}"
    );
    assert!(lines[1].ends_with("a-profile.age"), "{table}");
    assert!(
        !table.stdout.contains("AKIA"),
        "no key ids without the passphrase"
    );
    let json = env.run(&["store", "list", "--json"]).json();
    assert_eq!(json[1]["profile"], "b-profile");
    assert!(json[1]["modified"].as_str().unwrap().ends_with('Z'));
    // Profiles only in the store are profiles (completion, list, env).
    let names = env.run(&["__profiles"]);
    assert_eq!(names.stdout, "a-profile\nb-profile\n", "{names}");

    let new_pass = pass_cmd("a new one");
    run_with(
        &env,
        &["store", "passwd", "a-profile"],
        &[
            (store::PASSPHRASE_COMMAND, &pass_cmd(PASS)),
            (store::NEW_PASSPHRASE_COMMAND, &new_pass),
        ],
        None,
    )
    .assert_success();
    assert_eq!(
        stored(&env, "a-profile", "a new one").access_key_id,
        FAKE_AKID_2
    );
    assert_eq!(mode(&store_file(&env, "a-profile")), 0o600);

    let no_tty = env.run(&["store", "remove", "a-profile"]);
    assert_eq!(no_tty.code, Some(2), "{no_tty}");
    no_tty.assert_stderr_contains("--yes");
    assert!(store_file(&env, "a-profile").exists());
    env.run(&["store", "remove", "a-profile", "--yes"])
        .assert_success();
    assert!(!store_file(&env, "a-profile").exists());
    let gone = env.run(&["store", "remove", "a-profile", "--yes"]);
    assert_eq!(gone.code, Some(3), "{gone}");
    let env_out = env.run(&["env", "a-profile"]);
    assert_eq!(env_out.code, Some(3), "{env_out}");
    env_out.assert_stderr_contains("not found");
}

#[test]
fn add_refuses_bad_keys_and_an_existing_profile() {
    let env = store_env();
    for (input, needle) in [
        ("ASIAIOSFODNN7EXAMPLE\ns3cr3tValue\n", "temporary"),
        ("short\ns3cr3tValue\n", "not an AWS access key id"),
        ("AKIAIOSFODNN7EXAMPLE\n", "expected two lines"),
        ("", "expected two lines"),
    ] {
        let out = run_pass(&env, &["store", "add", "x"], Some(input));
        assert_eq!(out.code, Some(2), "{out}");
        out.assert_stderr_contains(needle);
        assert!(!out.stderr.contains("s3cr3tValue"), "{out}");
    }
    assert!(!store_file(&env, "x").exists());
    add(&env, "x", FAKE_AKID, FAKE_SECRET);
    let again = run_pass(
        &env,
        &["store", "add", "x"],
        Some(&format!("{FAKE_AKID_2}\n{FAKE_SECRET_2}\n")),
    );
    again
        .assert_failure()
        .assert_stderr_contains("already has keys");
    assert_eq!(stored(&env, "x", PASS).access_key_id, FAKE_AKID);
}

#[test]
fn add_and_import_on_a_fresh_home_warn_about_nothing() {
    // Issue 17.16: with no cache directory yet, dropping cached credentials has nothing to drop.
    let env = store_env();
    let added = run_pass(
        &env,
        &["store", "add", "identity"],
        Some(&format!("{FAKE_AKID}\n{FAKE_SECRET}\n")),
    );
    added.assert_success();
    assert!(!added.stderr.contains("could not"), "{added}");
    env.write_credentials(CREDENTIALS);
    let imported = run_pass(&env, &["store", "import", "solo"], None);
    imported.assert_success();
    assert!(!imported.stderr.contains("could not"), "{imported}");
}

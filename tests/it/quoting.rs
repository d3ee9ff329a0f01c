//! Runs what `env` prints through the real shells (bash, zsh, dash as `sh`, fish, nushell,
//! elvish) and checks that hostile values come back byte for byte, run nothing, and print
//! nothing. A shell is one row: a `Shell` constant and a test per case below.
//!
//! The same values also go through `awsmfa use` itself: the shell function from `awsmfa init`
//! evaluating what the binary prints for values a `credential_process` hands it (no STS).
//! Each run prints its case counts (`cargo test --test it quoting -- --nocapture`).
//!
//! A missing shell is skipped with a note on stderr, except under `CI`, where it fails.

use awsmfa_cli::render::ShellKind;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// One way of running a shell on a script file.
#[derive(Clone, Copy, Debug)]
struct Shell {
    kind: ShellKind,
    program: &'static str,
    /// Flags that keep the user's rc files out.
    args: &'static [&'static str],
    /// Lines run before the exports (shell options under test).
    prelude: &'static str,
}

const BASH: Shell = Shell {
    kind: ShellKind::Bash,
    program: "bash",
    args: &["--norc", "--noprofile"],
    prelude: "",
};
const ZSH: Shell = Shell {
    kind: ShellKind::Zsh,
    program: "zsh",
    args: &["-f"],
    prelude: "",
};
/// zsh with RC_QUOTES, where `''` inside single quotes is a literal quote.
const ZSH_RC_QUOTES: Shell = Shell {
    prelude: "setopt RC_QUOTES\n",
    ..ZSH
};
const DASH: Shell = Shell {
    kind: ShellKind::Sh,
    program: "dash",
    args: &[],
    prelude: "",
};
const FISH: Shell = Shell {
    kind: ShellKind::Fish,
    program: "fish",
    args: &["--no-config"],
    prelude: "",
};
/// nushell reads a NUON record: `open --raw FILE | from nuon | load-env`.
const NU: Shell = Shell {
    kind: ShellKind::Nu,
    program: "nu",
    args: &["-n"],
    prelude: "",
};
const ELVISH: Shell = Shell {
    kind: ShellKind::Elvish,
    program: "elvish",
    args: &["-norc"],
    prelude: "",
};

/// The shell's binary, or `None` (after saying so) when it is not installed outside CI.
fn locate(shell: &Shell) -> Option<PathBuf> {
    // scripts/test installs nushell from npm into .tools/bin (git-ignored).
    let tools = Path::new(env!("CARGO_MANIFEST_DIR")).join(".tools/bin");
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .chain([tools])
            .map(|dir| dir.join(shell.program))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        if std::env::var_os("CI").is_some() || std::env::var_os("AWSMFA_REQUIRE_TOOLS").is_some() {
            panic!(
                "{} is not installed: tests/quoting.rs needs bash, zsh, dash, fish, nu and elvish in CI (scripts/test installs them)",
                shell.program
            );
        }
        eprintln!("skipping: {} not installed", shell.program);
    }
    found
}

fn is_fish(shell: &Shell) -> bool {
    matches!(shell.kind, ShellKind::Fish)
}

/// What a script run printed: its NUL-terminated stdout records, stderr, and exit code.
struct Run {
    records: Vec<Vec<u8>>,
    stderr: String,
    code: Option<i32>,
    dir: tempfile::TempDir,
}

/// Runs a driver script that loads `exports` the way users do (`eval "$(awsmfa env)"`,
/// `awsmfa env | source`) and then runs `after`, in a fresh temporary directory with a clean
/// environment (plus `extra_env`).
fn run(
    bin: &Path,
    shell: &Shell,
    exports: &str,
    after: &str,
    locale: &str,
    extra_env: &[(&str, &str)],
) -> Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("exports.txt"), exports).unwrap();
    // Loaded the way the documentation says to.
    let driver = match shell.kind {
        ShellKind::Fish => format!(
            "{}function AWSMFA_FN; end\ncat exports.txt | source\nor exit 9\n{after}",
            shell.prelude
        ),
        ShellKind::Nu => format!("open --raw exports.txt | from nuon | load-env\n{after}"),
        ShellKind::Elvish => format!("eval (slurp < exports.txt)\n{after}"),
        _ => format!(
            "set -eu\n{}AWSMFA_FN() {{ :; }}\neval \"$(cat exports.txt)\"\n{after}",
            shell.prelude
        ),
    };
    std::fs::write(dir.path().join("driver"), driver).unwrap();
    let path = std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into());
    let home = dir.path().to_str().unwrap();
    let out = Command::new(bin)
        .args(shell.args)
        .arg("driver")
        .current_dir(dir.path())
        .env_clear()
        .env("PATH", path)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_DATA_HOME", home)
        .env("LC_ALL", locale)
        .envs(extra_env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let mut records: Vec<Vec<u8>> = out.stdout.split(|b| *b == 0).map(<[u8]>::to_vec).collect();
    // Every record ends in NUL, so the last split piece is what followed the last NUL.
    let tail = records.pop().unwrap_or_default();
    assert!(
        tail.is_empty(),
        "stdout has an unterminated record {tail:?}"
    );
    Run {
        records,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code(),
        dir,
    }
}

/// A command that prints `$name` followed by NUL.
fn print_var(shell: &Shell, name: &str) -> String {
    match shell.kind {
        // A fish variable is a list and `$V` expands to one argument per element, never split
        // on newlines (that only happens to command substitutions). `set -gx V 'x'` makes a
        // one-element list, so even '' prints as one (empty) record.
        ShellKind::Fish => format!("printf '%s\\0' ${name}\n"),
        ShellKind::Nu => format!("print -n $\"($env.{name})(char nul)\"\n"),
        ShellKind::Elvish => format!("print $E:{name}\"\\x00\"\n"),
        _ => format!("printf '%s\\0' \"${name}\"\n"),
    }
}

/// The environment records of `env -0` (from the end of `records`) as (name, value) pairs.
fn env_pairs(records: &[Vec<u8>]) -> Vec<(String, Vec<u8>)> {
    records
        .iter()
        .filter_map(|r| {
            let eq = r.iter().position(|b| *b == b'=')?;
            Some((
                String::from_utf8_lossy(&r[..eq]).into_owned(),
                r[eq + 1..].to_vec(),
            ))
        })
        .collect()
}

/// Sets `values` as AWSMFA_T0.. with `ShellKind::set_var`, prints them back from the shell and
/// from the exported environment, and checks them byte for byte. `Err` describes a failure.
fn round_trip(bin: &Path, shell: &Shell, values: &[String], locale: &str) -> Result<(), String> {
    let names: Vec<String> = (0..values.len()).map(|i| format!("AWSMFA_T{i}")).collect();
    let pairs: Vec<(&str, Option<&str>)> = names
        .iter()
        .zip(values)
        .map(|(n, v)| (n.as_str(), Some(v.as_str())))
        .collect();
    let exports = shell.kind.script(&pairs);
    let mut after: String = names.iter().map(|n| print_var(shell, n)).collect();
    after.push_str("exec env -0\n");
    // One variable already in the environment, to check that an inherited value is replaced.
    let r = run(
        bin,
        shell,
        &exports,
        &after,
        locale,
        &[("AWSMFA_T0", "inherited")],
    );
    let ctx = || format!("{shell:?} ({locale}), script:\n{exports}");
    if r.dir.path().join("PWNED").exists() {
        return Err(format!("a value ran a command (PWNED exists); {}", ctx()));
    }
    if r.code != Some(0) {
        return Err(format!(
            "exit {:?}, stderr {:?}; {}",
            r.code,
            r.stderr,
            ctx()
        ));
    }
    if !r.stderr.is_empty() {
        return Err(format!("stderr {:?}; {}", r.stderr, ctx()));
    }
    if r.records.len() < values.len() {
        return Err(format!("only {} records; {}", r.records.len(), ctx()));
    }
    let env = env_pairs(&r.records[values.len()..]);
    for ((name, value), printed) in names.iter().zip(values).zip(&r.records) {
        if printed != value.as_bytes() {
            return Err(format!(
                "{name}: shell has {:?}, want {value:?}; {}",
                String::from_utf8_lossy(printed),
                ctx()
            ));
        }
        let exported: Vec<_> = env.iter().filter(|(n, _)| n == name).collect();
        if exported.len() != 1 || exported[0].1 != value.as_bytes() {
            return Err(format!(
                "{name}: environment has {exported:?}, want {value:?}; {}",
                ctx()
            ));
        }
    }
    Ok(())
}

/// Values that broke or would break a naive quoter in at least one of the shells.
fn hostile_values() -> Vec<String> {
    [
        "",
        "plain",
        "'",
        "\"",
        "trailing\\",
        "\\",
        "\\\\",
        "\\\\\\\\",
        "$(id)",
        "$(touch PWNED)",
        "`touch PWNED`",
        ";touch PWNED",
        "';touch PWNED;'",
        "'\\'';touch PWNED;'",
        "\";touch PWNED;\"",
        "\\'",
        "'\\",
        "'\\''",
        "x\\'y",
        "\\'; touch PWNED; echo '",
        "\\\\'; touch PWNED; echo '",
        "a\\'); touch PWNED; echo ('",
        "%s%n",
        "%s\\0",
        "\x1b[31m",
        "!",
        "!!",
        "!$",
        "%",
        "a\nb",
        "\n",
        "trailing newline\n",
        "\n\nleading newlines",
        "a\r\nb",
        "\r",
        "\t",
        "a\tb",
        "ü€😀",
        "${HOME}",
        "$HOME",
        "$AWSMFA_T1",
        "~",
        "~root",
        "*",
        "?",
        "[a-z]",
        "{a,b}",
        "-e",
        "--",
        "-gx",
        "a b  c",
        " leading and trailing ",
        "#comment",
        "x #comment",
        "a;b|c&d",
        "$((1+1))",
        "(touch PWNED)",
        "{touch,PWNED}",
        "\u{2018}\u{2019}\u{201A}\u{201B}\u{201C}\u{201D}",
        "\u{7f}\u{1}\u{85}\u{a0}\u{2028}",
        "\u{f600}\u{f6ff}\u{fdd0}\u{fffe}\u{ffff}\u{10ffff}",
        "\\n",
        "\\x41",
        "\\u00e9",
    ]
    .into_iter()
    .map(String::from)
    .collect()
}

fn hostile_values_round_trip(shell: Shell) {
    let Some(bin) = locate(&shell) else { return };
    for locale in ["C.UTF-8", "C"] {
        if let Err(e) = round_trip(&bin, &shell, &hostile_values(), locale) {
            panic!("{e}");
        }
    }
}

/// `unset_var` removes a set variable, is silent and successful (status 0, even as the last
/// line) for one that is not set, and leaves alone a function of the same name.
fn unset_is_silent(shell: Shell) {
    let Some(bin) = locate(&shell) else { return };
    let k = shell.kind;
    let exports = [
        k.set_var("AWSMFA_U", "x"),
        k.unset_var("AWSMFA_U"),
        k.unset_var("AWSMFA_INHERITED"),
        k.unset_var("AWSMFA_FN"),
        k.unset_var("AWSMFA_NEVER_SET"),
    ]
    .concat();
    let after = if is_fish(&shell) {
        "set -q AWSMFA_U; and printf 'still-set\\0'; or printf 'unset\\0'\n\
         functions -q AWSMFA_FN; and printf 'fn-kept\\0'; or printf 'fn-gone\\0'\n\
         exec env -0\n"
    } else {
        "if [ \"${AWSMFA_U+set}\" = set ]; then printf 'still-set\\0'; else printf 'unset\\0'; fi\n\
         if command -v AWSMFA_FN >/dev/null\n\
         then printf 'fn-kept\\0'; else printf 'fn-gone\\0'; fi\n\
         exec env -0\n"
    };
    let r = run(
        &bin,
        &shell,
        &exports,
        after,
        "C.UTF-8",
        &[("AWSMFA_INHERITED", "1")],
    );
    assert_eq!(
        r.code,
        Some(0),
        "{shell:?}: stderr {:?}\n{exports}",
        r.stderr
    );
    assert_eq!(r.stderr, "", "{shell:?}:\n{exports}");
    assert_eq!(r.records[0], b"unset", "{shell:?}");
    assert_eq!(
        r.records[1], b"fn-kept",
        "{shell:?}: unset_var deleted a function"
    );
    let env = env_pairs(&r.records[2..]);
    assert!(
        !env.iter().any(|(n, _)| n.starts_with("AWSMFA_")),
        "{shell:?}: still exported: {env:?}"
    );
    assert!(env.iter().any(|(n, _)| n == "HOME"), "env -0 output parsed");
}

#[test]
fn bash_hostile_values_round_trip() {
    hostile_values_round_trip(BASH);
}

#[test]
fn zsh_hostile_values_round_trip() {
    hostile_values_round_trip(ZSH);
}

#[test]
fn zsh_rc_quotes_hostile_values_round_trip() {
    hostile_values_round_trip(ZSH_RC_QUOTES);
}

#[test]
fn dash_hostile_values_round_trip() {
    hostile_values_round_trip(DASH);
}

#[test]
fn fish_hostile_values_round_trip() {
    hostile_values_round_trip(FISH);
}

#[test]
fn nu_hostile_values_round_trip() {
    hostile_values_round_trip(NU);
}

#[test]
fn elvish_hostile_values_round_trip() {
    hostile_values_round_trip(ELVISH);
}

#[test]
fn bash_unset_is_silent() {
    unset_is_silent(BASH);
}

#[test]
fn zsh_unset_is_silent() {
    unset_is_silent(ZSH);
}

#[test]
fn dash_unset_is_silent() {
    unset_is_silent(DASH);
}

#[test]
fn fish_unset_is_silent() {
    unset_is_silent(FISH);
}

/// NUL cannot be in an environment variable: the quoters drop it, and the rest round-trips.
#[test]
fn nul_is_dropped() {
    for shell in [BASH, ZSH, DASH, FISH] {
        let Some(bin) = locate(&shell) else { continue };
        let line = shell.kind.set_var("AWSMFA_T0", "a\0'\0b");
        assert!(!line.contains('\0'), "{line:?}");
        let exports = line.clone();
        let r = run(
            &bin,
            &shell,
            &exports,
            &(print_var(&shell, "AWSMFA_T0") + "exec env -0\n"),
            "C.UTF-8",
            &[],
        );
        assert_eq!((r.code, r.stderr.as_str()), (Some(0), ""), "{shell:?}");
        assert_eq!(r.records[0], b"a'b", "{shell:?}");
    }
}

/// Characters that mean something to at least one of the shells, and then any character.
fn value_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => proptest::sample::select(
            "'\"\\$`!%\n\t;&|(){}[]*?~# \r-=@^<>,\u{2019}\u{a0}ü😀"
                .chars()
                .collect::<Vec<_>>()
        ),
        1 => any::<char>().prop_filter("environment variables cannot hold NUL", |c| *c != '\0'),
    ]
}

/// Batches of 50 random values, so each shell starts once per batch rather than per value.
fn batch() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(
        proptest::collection::vec(value_char(), 0..24).prop_map(|cs| cs.into_iter().collect()),
        50,
    )
}

fn random_config() -> ProptestConfig {
    // 6 batches x 50 values = 300 values per shell; PROPTEST_CASES=N for a longer run.
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(6);
    ProptestConfig {
        cases,
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    }
}

fn random_round_trip(shell: Shell, values: &[String]) -> Result<(), TestCaseError> {
    let Some(bin) = locate(&shell) else {
        return Ok(());
    };
    round_trip(&bin, &shell, values, "C.UTF-8").map_err(TestCaseError::fail)
}

proptest! {
    #![proptest_config(random_config())]

    #[test]
    fn bash_random_values_round_trip(values in batch()) {
        random_round_trip(BASH, &values)?;
    }

    #[test]
    fn zsh_random_values_round_trip(values in batch()) {
        random_round_trip(ZSH, &values)?;
    }

    #[test]
    fn dash_random_values_round_trip(values in batch()) {
        random_round_trip(DASH, &values)?;
    }

    #[test]
    fn fish_random_values_round_trip(values in batch()) {
        random_round_trip(FISH, &values)?;
    }

    #[test]
    fn nu_random_values_round_trip(values in batch()) {
        random_round_trip(NU, &values)?;
    }

    #[test]
    fn elvish_random_values_round_trip(values in batch()) {
        random_round_trip(ELVISH, &values)?;
    }
}

// --- the same values through `awsmfa use`: the shell function evaluating the binary's output ---

/// The awsmfa binary under test.
fn awsmfa() -> &'static str {
    crate::common::awsmfa_bin().expect("the awsmfa binary")
}

/// Hands `values` out through real `awsmfa use` calls in `shell`: each value becomes the
/// SecretAccessKey or SessionToken printed by the `credential_process` of one of the profiles
/// u0, u1, ... (with a valid key id), the script loads `awsmfa init` and runs `awsmfa use uN`
/// for each, printing the variables after each call and the exported environment at the end.
/// Everything must come back byte for byte, run nothing and print nothing. A value awsmfa
/// refuses to hand out (not printable ASCII: see `validate::credentials`) goes to a profile rN
/// of its own, whose `use` must fail and change nothing. Returns the number of `use` calls.
fn use_round_trip(shell: &Shell, values: &[String]) -> Result<usize, String> {
    let bin = locate(shell).expect("caller checked");
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let mut config = String::new();
    let acceptable = |v: &str| {
        awsmfa_cli::validate::credentials(&awsmfa_cli::creds::Credentials {
            access_key_id: "ASIAFAKEFAKEFAKE0000".into(),
            secret_access_key: v.into(),
            session_token: Some(v.into()),
            expiration: None,
        })
        .is_ok()
    };
    let (good, refused): (Vec<&String>, Vec<&String>) = values.iter().partition(|v| acceptable(v));
    let keys: Vec<String> = (0..good.len().div_ceil(2).max(1))
        .map(|i| format!("ASIAFAKEUSE{i:09}"))
        .collect();
    let triples: Vec<[&str; 3]> = good
        .chunks(2)
        .enumerate()
        .map(|(i, c)| {
            let at = |j: usize| c.get(j).map_or("filler", |s| s.as_str());
            [keys[i].as_str(), at(0), at(1)]
        })
        .collect();
    let doc = |akid: &str, secret: &str, token: &str| {
        serde_json::json!({
            "Version": 1,
            "AccessKeyId": akid,
            "SecretAccessKey": secret,
            "SessionToken": token,
            "Expiration": "2099-01-01T00:00:00Z",
        })
        .to_string()
    };
    for (i, [akid, secret, token]) in triples.iter().enumerate() {
        std::fs::write(home.join(format!("u{i}.json")), doc(akid, secret, token)).unwrap();
        config.push_str(&format!(
            "[profile u{i}]\ncredential_process = cat u{i}.json\n"
        ));
    }
    for (i, value) in refused.iter().enumerate() {
        std::fs::write(
            home.join(format!("r{i}.json")),
            doc("ASIAFAKEREFUSED00000", value, value),
        )
        .unwrap();
        config.push_str(&format!(
            "[profile r{i}]\ncredential_process = cat r{i}.json\n"
        ));
    }
    std::fs::write(home.join("config"), config).unwrap();
    let awsmfa = awsmfa();
    let vars = [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWSMFA_PROFILE",
    ];
    let mut driver = match shell.kind {
        ShellKind::Fish => format!(
            "{}{} init fish | source\nor exit 9\n",
            shell.prelude,
            fish_quote(awsmfa)
        ),
        ShellKind::Nu => {
            // nushell sources a saved file (a path known when the script is parsed).
            let init = Command::new(awsmfa).args(["init", "nu"]).output().unwrap();
            assert!(init.status.success());
            std::fs::write(home.join("init.nu"), &init.stdout).unwrap();
            let path = home.join("init.nu").display().to_string();
            format!("source {}\n", ShellKind::Nu.quote(&path))
        }
        // The definitions of an `eval` stay in its namespace unless the editor exists; a
        // script takes `awsmfa` from it.
        ShellKind::Elvish => format!(
            "var ns = $nil\neval ((external {}) init elvish | slurp) &on-end={{|n| set ns = $n }}\nvar awsmfa~ = $ns[awsmfa~]\n",
            ShellKind::Elvish.quote(awsmfa)
        ),
        _ => format!(
            "set -eu\n{}eval \"$({} init {})\"\n",
            shell.prelude,
            awsmfa_cli::render::posix::quote(awsmfa),
            shell.kind.name()
        ),
    };
    // Refused values first: `use` fails, nothing is evaluated (the checks below then see
    // only the accepted profiles' values).
    for i in 0..refused.len() {
        driver.push_str(&match shell.kind {
            ShellKind::Fish => format!("awsmfa use r{i} -q 2>/dev/null; and exit 7\n"),
            ShellKind::Nu | ShellKind::Elvish => {
                format!("try {{ awsmfa use r{i} -q; exit 7 }} catch {{ }}\n")
            }
            _ => format!("if awsmfa use r{i} -q 2>/dev/null; then exit 7; fi\n"),
        });
    }
    for i in 0..triples.len() {
        if is_fish(shell) {
            driver.push_str(&format!("awsmfa use u{i} -q; or exit 8\n"));
        } else {
            driver.push_str(&format!("awsmfa use u{i} -q\n"));
        }
        for v in vars {
            driver.push_str(&print_var(shell, v));
        }
    }
    driver.push_str("exec env -0\n");
    std::fs::write(home.join("driver"), &driver).unwrap();
    let path = std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into());
    let out = Command::new(&bin)
        .args(shell.args)
        .arg("driver")
        .current_dir(home)
        .env_clear()
        .env("PATH", path)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_DATA_HOME", home)
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("AWS_CONFIG_FILE", home.join("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
        .env("LC_ALL", "C.UTF-8")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let ctx = || format!("{shell:?} through `awsmfa use`; values {values:?}");
    if home.join("PWNED").exists() {
        return Err(format!("a value ran a command (PWNED exists); {}", ctx()));
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The refusals of the rN profiles, and nothing else (fish does not apply the function
    // call's `2>/dev/null` to the command substitution inside it).
    let unexpected: Vec<&str> = stderr
        .lines()
        .filter(|l| {
            !(l.starts_with("awsmfa: credential_process of profile 'r")
                && l.contains("printed credentials awsmfa will not use"))
        })
        .collect();
    if out.status.code() != Some(0) || !unexpected.is_empty() {
        return Err(format!(
            "exit {:?}, stderr {stderr:?}; {}",
            out.status.code(),
            ctx()
        ));
    }
    let records: Vec<&[u8]> = out.stdout.split(|b| *b == 0).collect();
    let want_records = triples.len() * vars.len();
    if records.len() < want_records {
        return Err(format!("only {} records; {}", records.len(), ctx()));
    }
    for (i, triple) in triples.iter().enumerate() {
        let profile = format!("u{i}");
        let want: [&str; 4] = [triple[0], triple[1], triple[2], &profile];
        for (j, (name, value)) in vars.iter().zip(want).enumerate() {
            let got = records[i * vars.len() + j];
            if got != value.as_bytes() {
                return Err(format!(
                    "after `awsmfa use {profile}`: {name} is {:?}, want {value:?}; {}",
                    String::from_utf8_lossy(got),
                    ctx()
                ));
            }
        }
    }
    let last = triples.last().expect("at least one value");
    let env = env_pairs(
        &records[want_records..]
            .iter()
            .map(|r| r.to_vec())
            .collect::<Vec<_>>(),
    );
    for (name, value) in vars[..3].iter().zip(last) {
        let exported: Vec<_> = env.iter().filter(|(n, _)| n == name).collect();
        if exported.len() != 1 || exported[0].1 != value.as_bytes() {
            return Err(format!(
                "{name}: environment has {exported:?}, want {value:?}; {}",
                ctx()
            ));
        }
    }
    Ok(triples.len() + refused.len())
}

/// fish's quoting of the binary's path for the driver (the same rules awsmfa writes with).
fn fish_quote(s: &str) -> String {
    awsmfa_cli::render::fish::quote(s)
}

fn hostile_values_through_use(shell: Shell) {
    if locate(&shell).is_none() {
        return;
    }
    let values = hostile_values();
    let calls = use_round_trip(&shell, &values).unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "use round trip, {}: {} hostile values in {calls} `awsmfa use` calls, byte for byte",
        shell.program,
        values.len()
    );
}

#[test]
fn bash_hostile_values_round_trip_through_use() {
    hostile_values_through_use(BASH);
}

#[test]
fn zsh_hostile_values_round_trip_through_use() {
    hostile_values_through_use(ZSH);
}

#[test]
fn dash_hostile_values_round_trip_through_use() {
    hostile_values_through_use(DASH);
}

#[test]
fn fish_hostile_values_round_trip_through_use() {
    hostile_values_through_use(FISH);
}

#[test]
fn nu_hostile_values_round_trip_through_use() {
    hostile_values_through_use(NU);
}

#[test]
fn elvish_hostile_values_round_trip_through_use() {
    hostile_values_through_use(ELVISH);
}

fn random_use_round_trip(shell: Shell, values: &[String]) -> Result<(), TestCaseError> {
    if locate(&shell).is_none() {
        return Ok(());
    }
    let calls = use_round_trip(&shell, values).map_err(TestCaseError::fail)?;
    eprintln!(
        "use round trip, {}: {} random values in {calls} `awsmfa use` calls, byte for byte",
        shell.program,
        values.len()
    );
    Ok(())
}

proptest! {
    #![proptest_config(random_config())]

    #[test]
    fn bash_random_values_round_trip_through_use(values in batch()) {
        random_use_round_trip(BASH, &values)?;
    }

    #[test]
    fn zsh_random_values_round_trip_through_use(values in batch()) {
        random_use_round_trip(ZSH, &values)?;
    }

    #[test]
    fn dash_random_values_round_trip_through_use(values in batch()) {
        random_use_round_trip(DASH, &values)?;
    }

    #[test]
    fn fish_random_values_round_trip_through_use(values in batch()) {
        random_use_round_trip(FISH, &values)?;
    }

    #[test]
    fn nu_random_values_round_trip_through_use(values in batch()) {
        random_use_round_trip(NU, &values)?;
    }

    #[test]
    fn elvish_random_values_round_trip_through_use(values in batch()) {
        random_use_round_trip(ELVISH, &values)?;
    }
}

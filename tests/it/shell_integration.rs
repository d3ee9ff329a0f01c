//! `awsmfa init` in the real shells: each script loads silently under strict mode and passes
//! shellcheck; `awsmfa use` / `clear` change the calling shell (and only on success); the
//! prompt function and profile completion work in interactive bash, zsh and fish under tmux.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::*;

/// The shell's path, or None after saying why (a failure when tools are required).
pub(crate) fn shell(name: &str) -> Option<String> {
    // scripts/test installs nushell from npm into .tools/bin (git-ignored).
    let tools = Path::new(env!("CARGO_MANIFEST_DIR")).join(".tools/bin");
    for dir in [
        Path::new("/usr/bin"),
        Path::new("/bin"),
        Path::new("/usr/local/bin"),
        &tools,
    ] {
        let p = dir.join(name);
        if p.is_file() {
            return Some(p.display().to_string());
        }
    }
    assert!(
        !tools_required(),
        "{name} is not installed: scripts/test installs it"
    );
    eprintln!("skipping: {name} not installed");
    None
}

macro_rules! need {
    ($name:expr) => {
        match shell($name) {
            Some(s) => s,
            None => return,
        }
    };
}

/// Start `sh` (bash, zsh or fish) interactively under tmux the way a user's rc file loads
/// awsmfa, and hand its command line and setup lines to `check`: one place for each shell's
/// flags and init lines, shared by every interactive test.
fn in_interactive(sh: &str, check: fn(&str, &[&str], &[&str])) {
    let path = need!(sh);
    need!("tmux");
    let (flags, setup): (&[&str], &[&str]) = match sh {
        "bash" => (
            &["--noprofile", "--norc", "-i"],
            &["PS1='$ '", r#"eval "$(awsmfa init bash)""#],
        ),
        "zsh" => (
            &["-f", "-i"],
            &[
                "PS1='%% '",
                "autoload -Uz compinit && compinit -u -d ~/.zcompdump",
                r#"eval "$(awsmfa init zsh)""#,
            ],
        ),
        "fish" => (&["--no-config", "-i"], &["awsmfa init fish | source"]),
        other => panic!("no interactive setup for {other}"),
    };
    let mut argv = vec![path.as_str()];
    argv.extend_from_slice(flags);
    check(sh, &argv, setup);
}

/// How each shell loads the integration, in a non-interactive script.
fn load_line(sh: &str) -> &'static str {
    match sh {
        "fish" => "awsmfa init fish | source",
        "bash" => r#"eval "$(awsmfa init bash)""#,
        "zsh" => r#"eval "$(awsmfa init zsh)""#,
        _ => r#"eval "$(awsmfa init sh)""#,
    }
}

fn strict_args(sh: &str) -> Vec<&'static str> {
    match sh {
        "bash" => vec!["--noprofile", "--norc", "-euo", "pipefail", "-c"],
        "zsh" => vec!["-f", "-euo", "pipefail", "-c"],
        "fish" => vec!["--no-config", "-c"],
        _ => vec!["-eu", "-c"],
    }
}

#[test]
fn init_scripts_load_silently_under_strict_mode() {
    for sh in ["bash", "zsh", "fish", "dash"] {
        let path = need!(sh);
        let env = TestEnv::new();
        let mut args = strict_args(sh);
        let script = format!(
            "{}\ntype awsmfa >/dev/null\ntype awsmfa_prompt >/dev/null",
            load_line(sh)
        );
        args.push(&script);
        let out = env.run_program(&path, &args);
        out.assert_success();
        assert_eq!(
            (out.stdout.as_str(), out.stderr.as_str()),
            ("", ""),
            "{sh}: {out}"
        );
    }
    // zsh with the completion system loaded registers the completion, still silently.
    let zsh = need!("zsh");
    let env = TestEnv::new();
    let out = env.run_program(
        &zsh,
        &["-f", "-euo", "pipefail", "-c", "autoload -Uz compinit && compinit -u -d \"$HOME/.zcompdump\"\neval \"$(awsmfa init zsh)\"\n(( $+_comps[awsmfa] ))"],
    );
    out.assert_success();
    assert_eq!(
        (out.stdout.as_str(), out.stderr.as_str()),
        ("", ""),
        "{out}"
    );
}

/// `init` prints the scripts of `shell/` without their comments and blank lines (they were 40%
/// of the parse time). The shell itself is the judge that nothing else went: bash, zsh, fish
/// and dash load the commented files and the printed script, and what each then has defined
/// (functions as the shell prints them, prompt hooks, completion registration) must match.
#[test]
fn init_prints_the_shell_scripts_without_their_comments() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("shell");
    for (sh, files, dump) in [
        (
            "bash",
            &["awsmfa.bash"][..],
            "declare -f; complete -p awsmfa; echo \"$PROMPT_COMMAND\"",
        ),
        (
            "zsh",
            &["awsmfa.zsh", "completion.zsh"][..],
            "functions; print -l -- $precmd_functions",
        ),
        (
            "fish",
            &["awsmfa.fish", "completion.fish"][..],
            "for f in (functions -n); contains -- $f $before; or functions -- $f | string match -rv '^\\s*(#.*)?$'; end; complete -c awsmfa",
        ),
        ("dash", &["awsmfa.sh"][..], "type awsmfa awsmfa_prompt"),
    ] {
        let path = need!(sh);
        let env = TestEnv::new();
        let commented: String = files
            .iter()
            .map(|f| std::fs::read_to_string(root.join(f)).unwrap() + "\n")
            .collect::<String>()
            .replace("__AWSMFA_BIN__", "awsmfa");
        let init = env.run(&["init", if sh == "dash" { "sh" } else { sh }]);
        init.assert_success();
        let code_lines = |text: &str| {
            text.lines()
                .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                .count()
        };
        assert!(
            init.stdout.lines().skip(1).all(|l| code_lines(l) == 1),
            "{sh}: a comment or blank line is left:\n{}",
            init.stdout
        );
        assert_eq!(
            code_lines(&init.stdout),
            code_lines(&commented),
            "{sh}: every code line is printed"
        );
        let mut defined = Vec::new();
        for (name, text) in [("commented", commented.as_str()), ("init", &init.stdout)] {
            let file = env.root().join(format!("{name}.{sh}"));
            std::fs::write(&file, text).unwrap();
            let before = if sh == "fish" {
                "set before (functions -n); "
            } else {
                ""
            };
            let script = format!("{before}. {}\n{dump}", file.display());
            let flag = if sh == "fish" { "--no-config" } else { "-f" };
            let mut args = if sh == "bash" {
                vec!["--norc", "--noprofile", "-c"]
            } else {
                vec![flag, "-c"]
            };
            if sh == "dash" {
                args = vec!["-c"];
            }
            args.push(&script);
            let out = env.run_program(&path, &args);
            out.assert_success();
            assert!(out.stdout.contains("awsmfa_prompt"), "{sh} {name}: {out}");
            defined.push(out.stdout.replace(&*file.display().to_string(), "FILE"));
        }
        assert_eq!(
            defined[0], defined[1],
            "{sh}: the stripped script defines something else"
        );
    }
}

/// The README's fast rc lines: the saved script when it stands, else init (which saves it).
pub(crate) fn saved_line(sh: &str) -> &'static str {
    match sh {
        "bash" => r#". ~/.cache/awsmfa/init.bash 2>/dev/null || eval "$(awsmfa init bash --save)""#,
        "zsh" => r#". ~/.cache/awsmfa/init.zsh 2>/dev/null || eval "$(awsmfa init zsh --save)""#,
        "fish" => {
            "source ~/.cache/awsmfa/init.fish 2>/dev/null; or awsmfa init fish --save | source"
        }
        other => panic!("no saved init for {other}"),
    }
}

/// `init --save` and the README's rc line: the first start saves the script (0600); later
/// starts load it with no awsmfa on PATH at all, so no process ran; an upgrade that keeps the
/// binary's old mtime but makes a new directory entry (as dpkg does), a binary newer than the
/// file, or a binary gone make the saved script load nothing, and the line saves it anew.
#[test]
fn the_saved_init_loads_without_awsmfa_and_is_renewed_when_the_binary_changes() {
    use std::os::unix::fs::PermissionsExt;
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for sh in ["bash", "zsh", "fish"] {
        need!(sh);
        assert!(
            readme.contains(saved_line(sh)),
            "README lacks: {}",
            saved_line(sh)
        );
        // The saved script's place is ~/.cache whatever XDG_CACHE_HOME says (the test
        // environment sets it elsewhere).
        let env = TestEnv::new();
        let cache = env.home.join(".cache");
        // awsmfa's own directory, whose entries the test replaces as an upgrade would.
        let bin_dir = env.root().join("bin");
        std::fs::create_dir(&bin_dir).unwrap();
        let bin = bin_dir.join("awsmfa");
        let link = || std::fs::hard_link(env!("CARGO_BIN_EXE_awsmfa"), &bin).unwrap();
        link();
        let saved = cache.join("awsmfa").join(format!("init.{sh}"));
        // One shell start: PATH holds awsmfa's directory or nothing of awsmfa's.
        let start = |with_awsmfa: bool| {
            let dirs = if with_awsmfa {
                format!("{}:/usr/bin:/bin", bin_dir.display())
            } else {
                "/usr/bin:/bin".to_string()
            };
            let loaded = if sh == "fish" {
                "functions -q awsmfa_prompt; and echo LOADED"
            } else {
                "type awsmfa_prompt >/dev/null 2>&1 && echo LOADED"
            };
            start_saved(&env, sh, &dirs, "", loaded)
        };
        let age = |secs: u64| {
            let then = std::time::SystemTime::now() - Duration::from_secs(secs);
            let f = std::fs::File::open(&saved).unwrap();
            f.set_modified(then).unwrap();
        };
        // 1. The first start has no saved script: init runs and saves it.
        let first = start(true);
        assert_eq!(first.stdout, "LOADED\n", "{sh} first start: {first}");
        let mode = std::fs::metadata(&saved).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{sh}");
        // 2. The next start loads it without any awsmfa on PATH: no process ran.
        let fast = start(false);
        assert_eq!(
            (fast.stdout.as_str(), fast.stderr.as_str()),
            ("LOADED\n", ""),
            "{sh}: {fast}"
        );
        // 3. An upgrade with the old mtime: a new entry in the binary's directory. (The link
        // shares the test build's inode: its mtime is put back after the step.)
        age(30);
        let before = std::fs::metadata(&bin).unwrap().modified().unwrap();
        std::fs::remove_file(&bin).unwrap();
        link();
        let f = std::fs::File::open(&bin).unwrap();
        f.set_modified(std::time::SystemTime::now() - Duration::from_secs(3600))
            .unwrap();
        let stale = start(false);
        f.set_modified(before).unwrap();
        assert_eq!(
            stale.stdout, "",
            "{sh}: a stale saved script was loaded: {stale}"
        );
        let renewed = start(true);
        assert_eq!(renewed.stdout, "LOADED\n", "{sh}: {renewed}");
        assert_eq!(
            start(false).stdout,
            "LOADED\n",
            "{sh}: renewed script not loaded"
        );
        // 4. A binary newer than the saved script (the directory is older).
        age(30);
        let dir = std::fs::File::open(&bin_dir).unwrap();
        dir.set_modified(std::time::SystemTime::now() - Duration::from_secs(60))
            .unwrap();
        f.set_modified(std::time::SystemTime::now()).unwrap();
        let newer = start(false);
        f.set_modified(before).unwrap();
        assert_eq!(
            newer.stdout, "",
            "{sh}: a script older than the binary was loaded: {newer}"
        );
        // 5. The binary is gone.
        start(true);
        std::fs::remove_file(&bin).unwrap();
        let gone = start(false);
        assert_eq!(
            gone.stdout, "",
            "{sh}: the script of a removed binary was loaded: {gone}"
        );
    }
}

/// One start of `sh` (bash, zsh or fish) with PATH set to `path` and `setup` run first, then
/// the README's saved line and `after`.
fn start_saved(env: &TestEnv, sh: &str, path: &str, setup: &str, after: &str) -> Output {
    let shell_path = shell(sh).unwrap();
    let script = if sh == "fish" {
        format!(
            "set -gx PATH {}\n{setup}\n{}\n{after}",
            path.replace(':', " "),
            saved_line(sh)
        )
    } else {
        format!("PATH={path}\n{setup}\n{}\n{after}", saved_line(sh))
    };
    let flags: &[&str] = match sh {
        "bash" => &["--norc", "--noprofile", "-c"],
        "zsh" => &["-f", "-c"],
        _ => &["--no-config", "-c"],
    };
    let mut args = flags.to_vec();
    args.push(&script);
    env.run_program(&shell_path, &args)
}

/// A binary on PATH through a symlink (Homebrew's bin/ into its Cellar, a nix profile into the
/// store): the binary's real path is a versioned directory that an upgrade leaves alone (the
/// nix store keeps every file at mtime 1; Homebrew keeps the old keg until a cleanup). When
/// the link moves to a new version the saved script must stop loading, or every shell keeps
/// calling the old binary.
#[test]
fn the_saved_init_is_renewed_when_the_link_on_path_moves_to_a_new_version() {
    for sh in ["bash", "zsh", "fish"] {
        need!(sh);
        let env = TestEnv::new();
        let (v1, v2, bin) = (
            env.root().join("keg1"),
            env.root().join("keg2"),
            env.root().join("bin"),
        );
        for d in [&v1, &v2, &bin] {
            std::fs::create_dir(d).unwrap();
        }
        std::fs::hard_link(env!("CARGO_BIN_EXE_awsmfa"), v1.join("awsmfa")).unwrap();
        // The new version: another file (a copy of the test build would be hundreds of MB).
        std::fs::write(
            v2.join("awsmfa"),
            format!(
                "#!/bin/sh\nexec '{}' \"$@\"\n",
                env!("CARGO_BIN_EXE_awsmfa")
            ),
        )
        .unwrap();
        std::fs::set_permissions(
            v2.join("awsmfa"),
            std::os::unix::fs::PermissionsExt::from_mode(0o755),
        )
        .unwrap();
        std::os::unix::fs::symlink(v1.join("awsmfa"), bin.join("awsmfa")).unwrap();
        let path = format!("{}:/usr/bin:/bin", bin.display());
        let show = if sh == "fish" {
            "echo $_awsmfa_bin"
        } else {
            "echo \"$_awsmfa_bin\""
        };
        let first = start_saved(&env, sh, &path, "", show);
        assert_eq!(
            first.stdout.trim(),
            v1.join("awsmfa").display().to_string(),
            "{sh}: {first}"
        );
        // The upgrade: the link now names the new version; the old one stays.
        std::fs::remove_file(bin.join("awsmfa")).unwrap();
        std::os::unix::fs::symlink(v2.join("awsmfa"), bin.join("awsmfa")).unwrap();
        let after = start_saved(&env, sh, &path, "", show);
        assert_eq!(
            after.stdout.trim(),
            env!("CARGO_BIN_EXE_awsmfa"),
            "{sh}: the saved script of the old version was loaded: {after}"
        );
    }
}

/// zsh options a user may set before the rc line: the saved script loads with status 0, so
/// the line's `|| eval "$(awsmfa init zsh --save)"` does not load it a second time (here with
/// no awsmfa on PATH, which would fail loudly).
#[test]
fn the_saved_zsh_init_loads_once_under_ksh_arrays() {
    need!("zsh");
    let env = TestEnv::new();
    let bin = env.root().join("bin");
    std::fs::create_dir(&bin).unwrap();
    std::fs::hard_link(env!("CARGO_BIN_EXE_awsmfa"), bin.join("awsmfa")).unwrap();
    let with = format!("{}:/usr/bin:/bin", bin.display());
    let check = "type awsmfa_prompt >/dev/null && echo LOADED";
    for setup in [
        "setopt ksh_arrays",
        "setopt ksh_arrays; autoload -Uz compinit && compinit -u -d ~/.zcompdump",
    ] {
        start_saved(&env, "zsh", &with, "", "").assert_success();
        let out = start_saved(&env, "zsh", "/usr/bin:/bin", setup, check);
        assert_eq!(
            (out.stdout.as_str(), out.stderr.as_str()),
            ("LOADED\n", ""),
            "{setup}: {out}"
        );
        let out = start_saved(&env, "zsh", &with, setup, check);
        assert_eq!(
            (out.stdout.as_str(), out.stderr.as_str()),
            ("LOADED\n", ""),
            "eval line, {setup}: {out}"
        );
    }
}

/// The binary's path goes into the script quoted, and a POSIX single-quoted path keeps its
/// newlines: a line of it that starts with `#` is part of the string, not a comment to leave
/// out (which would leave the quote open and the rest of the script misread).
#[test]
fn init_keeps_a_binary_path_with_a_line_starting_with_a_hash() {
    let env = TestEnv::new();
    let dir = env.root().join("odd\n# dir");
    std::fs::create_dir(&dir).unwrap();
    let bin = dir.join("awsmfa");
    std::fs::hard_link(env!("CARGO_BIN_EXE_awsmfa"), &bin).unwrap();
    for sh in ["bash", "zsh", "dash"] {
        let path = need!(sh);
        let name = if sh == "dash" { "sh" } else { sh };
        let out = env.run_program(
            &path,
            &[
                "-c",
                &format!("eval \"$(\"$0\" init {name})\" && printf '%s' \"$_awsmfa_bin\""),
                bin.to_str().unwrap(),
            ],
        );
        assert_eq!(out.stdout, bin.to_str().unwrap(), "{sh}: {out}");
    }
}

/// `init --save` where nothing can be saved still prints the script (the rc line evaluates it:
/// the shell starts with awsmfa loaded) and says so in one line; `--save` for a shell that
/// loads its script another way is a usage error. (`scripts_pass_shellcheck` checks the file.)
#[test]
fn init_save_falls_back_to_printing_and_its_file_passes_shellcheck() {
    let env = TestEnv::new();
    let not_a_dir = env.root().join("file");
    std::fs::write(&not_a_dir, "").unwrap();
    let out = TestEnv::new()
        .env("HOME", &not_a_dir)
        .run(&["init", "zsh", "--save"]);
    out.assert_success();
    assert!(out.stdout.contains("awsmfa_prompt() {"), "{out}");
    assert_eq!(out.stderr.lines().count(), 1, "{out}");
    assert!(
        out.stderr.starts_with("awsmfa: warning: init: not saved"),
        "{out}"
    );
    for sh in ["nu", "elvish", "powershell", "sh"] {
        let out = env.run(&["init", sh, "--save"]);
        assert_eq!(out.code, Some(2), "{sh}: {out}");
        assert!(out.stdout.is_empty(), "{sh}: {out}");
    }
    let out = env.run(&["init", "bash", "--save"]);
    out.assert_success();
    let saved = env.home.join(".cache/awsmfa/init.bash");
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(
        text.ends_with(&out.stdout),
        "the saved file holds what was printed"
    );
}

/// zsh's completion function answers a TAB once, under any option: with `no_eval_lineno` a
/// stub that loaded the completion at the first TAB (redefining the running function) made zsh
/// run it twice and then crash (SIGSEGV). `_describe` stands in for the completion system.
#[test]
fn zsh_completion_answers_once_whatever_the_options() {
    let zsh = need!("zsh");
    let env = TestEnv::new();
    for options in ["", "setopt no_eval_lineno"] {
        let script = format!(
            "{options}\n{}\n_describe() {{ print -r -- DESCRIBE; }}\nwords=(awsmfa us); CURRENT=2\n_awsmfa; _awsmfa",
            load_line("zsh")
        );
        let out = env.run_program(&zsh, &["-f", "-c", &script]);
        out.assert_success();
        assert_eq!(out.stdout, "DESCRIBE\nDESCRIBE\n", "{options:?}: {out}");
    }
}

/// `shellcheck -o all` (every optional check) without exceptions: the scripts under shell/,
/// everything `awsmfa init bash` and `init sh` print or `init bash --save` saves, and the
/// checked-in bash completion.
#[test]
fn scripts_pass_shellcheck() {
    let Some(shellcheck) = shell("shellcheck") else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let env = TestEnv::new();
    let mut files: Vec<(PathBuf, &str)> = [
        ("shell/awsmfa.bash", "bash"),
        ("shell/completion.bash", "bash"),
        ("completions/awsmfa.bash", "bash"),
        ("shell/awsmfa.sh", "sh"),
    ]
    .into_iter()
    .map(|(f, d)| (root.join(f), d))
    .collect();
    for (sh, dialect) in [("bash", "bash"), ("sh", "sh")] {
        let init = env.run(&["init", sh]);
        init.assert_success();
        let file = env.root().join(format!("init.{sh}"));
        std::fs::write(&file, &init.stdout).unwrap();
        files.push((file, dialect));
    }
    // What `init bash --save` saves for the rc line: its check line and the script.
    env.run(&["init", "bash", "--save"]).assert_success();
    files.push((env.home.join(".cache/awsmfa/init.bash"), "bash"));
    for (file, dialect) in files {
        let out = std::process::Command::new(&shellcheck)
            .args(["-s", dialect, "-o", "all"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}:\n{}",
            file.display(),
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn use_and_clear_change_the_calling_shell() {
    let Some(moto) = moto() else { return };
    for sh in ["bash", "zsh", "fish", "dash"] {
        let path = need!(sh);
        let env = TestEnv::new().with_endpoint(&moto.url);
        standard_profiles(&env);
        let script = if sh == "fish" {
            format!(
                "{}\nawsmfa use dev-admin -c 123456; or exit 9\nprintf 'KEY=%s\\n' $AWS_ACCESS_KEY_ID\nprintf 'PROMPT=%s\\n' (awsmfa_prompt)\nawsmfa clear; or exit 8\nset -q AWS_ACCESS_KEY_ID; and exit 7\nset -q AWSMFA_PROFILE; and exit 6\necho CLEARED",
                load_line(sh)
            )
        } else {
            format!(
                "{}\nawsmfa use dev-admin -c 123456\nprintf 'KEY=%s\\n' \"$AWS_ACCESS_KEY_ID\"\nprintf 'PROMPT=%s\\n' \"$(awsmfa_prompt)\"\nawsmfa clear\n[ -z \"${{AWS_ACCESS_KEY_ID+x}}${{AWSMFA_PROFILE+x}}${{AWS_REGION+x}}\" ] && echo CLEARED",
                load_line(sh)
            )
        };
        let mut args = strict_args(sh);
        args.push(&script);
        let out = env.run_program(&path, &args);
        out.assert_success();
        assert!(out.stdout.contains("KEY=ASIA"), "{sh}: {out}");
        assert!(
            out.stdout.contains("PROMPT=dev-admin 59m")
                || out.stdout.contains("PROMPT=dev-admin 1h00m"),
            "{sh}: {out}"
        );
        assert!(out.stdout.contains("CLEARED"), "{sh}: {out}");
    }
}

#[test]
fn failed_use_keeps_the_environment_and_the_exit_status() {
    for sh in ["bash", "zsh", "fish", "dash"] {
        let path = need!(sh);
        let env = TestEnv::new().env("AWS_ACCESS_KEY_ID", "AKIAKEEPMEKEEPMEFAKE");
        standard_profiles(&env);
        // A malformed code is refused by the binary (exit 2) before any request.
        let script = if sh == "fish" {
            format!(
                "{}\nawsmfa use dev-admin -c 12ab\nset rc $status\nprintf '%s|%s' $rc $AWS_ACCESS_KEY_ID",
                load_line(sh)
            )
        } else {
            format!(
                "{}\nrc=0; awsmfa use dev-admin -c 12ab || rc=$?\nprintf '%s|%s' \"$rc\" \"$AWS_ACCESS_KEY_ID\"",
                load_line(sh)
            )
        };
        let mut args = strict_args(sh);
        args.push(&script);
        let out = env.run_program(&path, &args);
        assert_eq!(out.stdout, "2|AKIAKEEPMEKEEPMEFAKE", "{sh}: {out}");
        assert!(
            out.stderr.contains("awsmfa: the MFA code must be 6 digits"),
            "{sh}: {out}"
        );
    }
}

#[test]
fn run_directly_use_explains_the_shell_function() {
    let env = TestEnv::new();
    let out = env.run(&["use", "dev-admin"]);
    assert_eq!(out.code, Some(2), "{out}");
    assert!(out.stdout.is_empty());
    out.assert_stderr_contains("awsmfa init");
}

#[test]
fn prompt_command_reads_only_the_environment() {
    let env = TestEnv::new();
    let now = chrono::Utc::now().timestamp();
    let at = |s: i64| (now + s).to_string();
    let run = |profile: &str, expires: &str, extra: &[&str]| {
        let env = TestEnv::new()
            .env("AWSMFA_PROFILE", profile)
            .env("AWSMFA_EXPIRES", expires);
        let mut args = vec!["prompt"];
        args.extend_from_slice(extra);
        let out = env.run(&args);
        out.assert_success();
        assert!(out.stderr.is_empty(), "{out}");
        out.stdout
    };
    assert_eq!(run("dev-admin", &at(2570), &[]), "dev-admin 42m");
    assert_eq!(run("dev-admin", &at(3950), &[]), "dev-admin 1h05m");
    assert_eq!(run("dev-admin", &at(330), &[]), "dev-admin 5m!");
    assert_eq!(run("dev-admin", &at(-5), &[]), "dev-admin expired");
    assert_eq!(run("dev-admin", "garbage", &[]), "");
    assert_eq!(
        run("dev-admin", &at(2570), &["--format", "<{profile}:{left}>"]),
        "<dev-admin:42m>"
    );
    // No config file exists in this HOME: the prompt never needed one.
    let out = env.run(&["prompt"]);
    out.assert_success();
    assert_eq!(out.stdout, "");
}

#[test]
fn shell_prompt_functions_match_the_binary() {
    let now = chrono::Utc::now().timestamp();
    for sh in ["bash", "zsh", "fish"] {
        let path = need!(sh);
        for (left, expected) in [
            (2570, "dev-admin 42m"),
            (3950, "dev-admin 1h05m"),
            (330, "dev-admin 5m!"),
            (-5, "dev-admin expired"),
        ] {
            let env = TestEnv::new()
                .env("AWSMFA_PROFILE", "dev-admin")
                .env("AWSMFA_EXPIRES", (now + left).to_string());
            let script = format!("{}\nawsmfa_prompt", load_line(sh));
            let mut args = strict_args(sh);
            args.push(&script);
            let out = env.run_program(&path, &args);
            out.assert_success();
            assert_eq!(out.stdout, expected, "{sh}: {out}");
        }
        // An absurd warning threshold is ignored (default 600 s), never an arithmetic error.
        let env = TestEnv::new()
            .env("AWSMFA_PROFILE", "dev-admin")
            .env("AWSMFA_EXPIRES", (now + 2570).to_string())
            .env("AWSMFA_PROMPT_WARN", "100000000000000000000000");
        let script = format!("{}\nawsmfa_prompt", load_line(sh));
        let mut args = strict_args(sh);
        args.push(&script);
        let out = env.run_program(&path, &args);
        out.assert_success();
        assert_eq!(
            (out.stdout.as_str(), out.stderr.as_str()),
            ("dev-admin 42m", ""),
            "{sh}: {out}"
        );
        let env = TestEnv::new()
            .env("AWSMFA_PROFILE", "dev-admin")
            .env("AWSMFA_EXPIRES", "12abc");
        let script = format!("{}\nawsmfa_prompt", load_line(sh));
        let mut args = strict_args(sh);
        args.push(&script);
        let out = env.run_program(&path, &args);
        out.assert_success();
        assert_eq!(out.stdout, "", "{sh}: malformed -> nothing: {out}");
    }
}

#[test]
fn fish_completes_profile_names() {
    let fish = need!("fish");
    let env = TestEnv::new();
    standard_profiles(&env);
    let out = env.run_program(
        &fish,
        &[
            "--no-config",
            "-c",
            "awsmfa init fish | source; complete -C 'awsmfa use dev-a'",
        ],
    );
    out.assert_success();
    assert_eq!(out.stdout.trim(), "dev-admin", "{out}");
}

/// An interactive shell in a detached tmux session on its own socket.
pub(crate) struct Tmux {
    socket: PathBuf,
    tmux: String,
}

impl Tmux {
    pub(crate) fn start(env: &TestEnv, argv: &[&str]) -> Tmux {
        let tmux = shell("tmux").expect("tmux");
        let socket = env.root().join("tmux.sock");
        let sock = socket.display().to_string();
        let mut args = vec![
            "-S",
            &sock,
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "160",
            "-y",
            "50",
            "--",
        ];
        args.extend_from_slice(argv);
        env.run_program(&tmux, &args).assert_success();
        Tmux { socket, tmux }
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = std::process::Command::new(&self.tmux)
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub(crate) fn send(&self, keys: &str) {
        self.tmux(&["send-keys", "-t", "t", "-l", keys]);
    }

    pub(crate) fn key(&self, key: &str) {
        self.tmux(&["send-keys", "-t", "t", key]);
    }

    pub(crate) fn line(&self, text: &str) {
        self.send(text);
        self.key("Enter");
    }

    pub(crate) fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-J", "-t", "t", "-S", "-200"])
    }

    /// Wait until the shell has run everything typed so far and reads its input again: an
    /// `echo` of a new marker shows the marker alone on a line (the typed line shows it after
    /// `echo`). A shell busy with the previous line may drop what is typed meanwhile
    /// (nushell does), so the marker is typed again, after Ctrl-U, every 2 s, for up to 30 s.
    pub(crate) fn sync(&self) {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let start = Instant::now();
        loop {
            let marker = format!(
                "awsmfa-sync-{}",
                N.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            );
            self.key("C-u");
            self.line(&format!("echo {marker}"));
            let tried = Instant::now();
            while tried.elapsed() < Duration::from_secs(2) {
                if self.screen().lines().any(|l| l.trim() == marker) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the shell never came back; screen:\n{}",
                self.screen()
            );
        }
    }

    /// Wait until the shell reads its input: `echo` of a marker shows the marker alone on a
    /// line (the typed line shows it after `echo`). Keys sent before a slow shell (nushell)
    /// starts are lost.
    fn wait_ready(&self) {
        let start = Instant::now();
        self.line("echo awsmfa-ready");
        loop {
            let screen = self.screen();
            if screen.lines().any(|l| l.trim() == "awsmfa-ready") {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the shell never answered; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Wait until the screen shows `needle`; panics with the screen after 20 s.
    pub(crate) fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "waited for {needle:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}

/// Drive `awsmfa use` with the code typed at the terminal prompt, the prompt function, a failed
/// use against a stub answering "wrong MFA code", completion of a profile name, and clear.
fn interactive(sh: &str, argv: &[&str], setup: &[&str]) {
    let Some(moto) = moto() else { return };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let stub = rt.block_on(wiremock::MockServer::start());
    rt.block_on(
        wiremock::Mock::given(action("GetSessionToken"))
            .respond_with(sts_error_xml(
                "AccessDenied",
                "MultiFactorAuthentication failed with invalid MFA one time pass code.",
            ))
            .mount(&stub),
    );
    let env = TestEnv::new()
        .with_endpoint(&moto.url)
        .env("TERM", "screen")
        .env("SHELL", sh);
    standard_profiles(&env);
    let t = Tmux::start(&env, argv);
    for line in setup {
        t.line(line);
    }
    t.line("awsmfa use dev-admin");
    t.wait_for("MFA code for arn:aws:iam::123456789012:mfa/alice: ");
    t.line("123456");
    // Markers are typed split ("K""=[") so the echoed command line never matches them.
    t.line("echo \"K\"\"=[$AWS_ACCESS_KEY_ID] P=[$(awsmfa_prompt)]\"");
    let screen = t.wait_for("K=[ASIA");
    assert!(
        screen.contains("P=[dev-admin 59m]") || screen.contains("P=[dev-admin 1h00m]"),
        "{sh}:\n{screen}"
    );
    let key_line = screen
        .lines()
        .find(|l| l.contains("K=[ASIA"))
        .unwrap()
        .to_string();
    let key = &key_line[key_line.find("K=[").unwrap() + 3..key_line.find("] P=").unwrap()];

    // A failed use (the stub says the code is wrong) keeps the credentials and the status.
    let uri = stub.uri();
    if sh == "fish" {
        t.line(&format!("set -gx AWS_ENDPOINT_URL_STS {uri}; awsmfa use stage-poweruser -c 654321 --refresh; echo \"S\"\"=[$status] K2=[$AWS_ACCESS_KEY_ID]\"; set -e AWS_ENDPOINT_URL_STS"));
    } else {
        t.line(&format!("AWS_ENDPOINT_URL_STS={uri} awsmfa use stage-poweruser -c 654321 --refresh; echo \"S\"\"=[$?] K2=[$AWS_ACCESS_KEY_ID]\""));
    }
    let screen = t.wait_for("S=[");
    assert!(
        screen.contains(&format!("S=[4] K2=[{key}]")),
        "{sh}:\n{screen}"
    );
    assert!(
        screen.contains("awsmfa: GetSessionToken: AWS rejected the MFA code"),
        "{sh}:\n{screen}"
    );

    // Completion of a profile name through the shell's real completion system.
    t.send("awsmfa exec prod-sp");
    t.key("Tab");
    t.wait_for("awsmfa exec prod-spectator");
    t.key("C-u");

    t.line("awsmfa clear");
    t.line(if sh == "fish" {
        "echo \"C\"\"=[$AWS_ACCESS_KEY_ID]\""
    } else {
        "echo \"C\"\"=[${AWS_ACCESS_KEY_ID:-none}]\""
    });
    let screen = t.wait_for("C=[");
    let expected = if sh == "fish" { "C=[]" } else { "C=[none]" };
    assert!(screen.contains(expected), "{sh}:\n{screen}");
}

#[test]
fn interactive_bash() {
    in_interactive("bash", interactive);
}

#[test]
fn interactive_zsh() {
    in_interactive("zsh", interactive);
}

#[test]
fn interactive_fish() {
    in_interactive("fish", interactive);
}

#[test]
fn completing_a_hostile_profile_name_runs_nothing() {
    // `compgen -W` would expand `$(...)` inside a profile name while completing it.
    let hostile = "x$(touch${IFS}PWNED)`touch${IFS}PWNED2`";
    for sh in ["bash", "fish"] {
        let path = need!(sh);
        let env = TestEnv::new();
        env.write_config(&format!(
            "[profile {hostile}]\nregion = us-east-1\n[profile xsafe]\n"
        ));
        // bash inserts COMPREPLY verbatim, so each entry is a quoted word: evaluated as one
        // (as the shell will at Enter) it must be the name.
        let script = if sh == "bash" {
            format!(
                "{}\nCOMP_WORDS=(awsmfa use x); COMP_CWORD=2\n_awsmfa\nfor w in \"${{COMPREPLY[@]}}\"; do eval \"set -- $w\"; printf '%s\\n' \"$1\"; done",
                load_line(sh)
            )
        } else {
            format!("{}\ncomplete -C 'awsmfa use x'", load_line(sh))
        };
        let out = env.run_program(&path, &["-c", &script]);
        out.assert_success();
        let mut got: Vec<&str> = out
            .stdout
            .lines()
            .map(|l| l.split('\t').next().unwrap_or(l))
            .collect();
        got.sort_unstable();
        assert_eq!(got, [hostile, "xsafe"], "{sh}: {out}");
        for f in ["PWNED", "PWNED2"] {
            assert!(
                !env.home.join(f).exists(),
                "{sh}: completion ran code ({f})"
            );
        }
    }
}

/// A secret that runs two commands wherever a shell evaluates it unquoted.
const HOSTILE_SECRET: &str = "x\"$(touch${IFS}PWNED)\"`touch${IFS}PWNED2`";

/// A key profile `hp` whose `credential_process` prints `secret` as its SecretAccessKey: a
/// hostile value reaches `env` without STS (and without moto).
fn hostile_process_profile(env: &TestEnv, secret: &str) {
    let doc = serde_json::json!({
        "Version": 1,
        "AccessKeyId": "ASIAIOSFODNN7EXAMPLE",
        "SecretAccessKey": secret,
        "SessionToken": "FwoGZXIvYXdzEXAMPLETOKEN",
        "Expiration": "2099-01-01T00:00:00Z",
    });
    let file = env.root().join("process.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    env.write_config(&format!(
        "[profile hp]\ncredential_process = cat '{}'\nregion = eu-west-1\n",
        file.display()
    ));
}

/// `awsmfa use` evaluates what it gets: `--format json` / `dotenv` or another shell's lines
/// must never reach the `eval`, in any spelling, in any shell.
#[test]
fn use_refuses_other_formats_and_shells() {
    let spellings: &[&[&str]] = &[
        &["--format", "json"],
        &["--format=json"],
        &["-f", "json"],
        &["-fjson"],
        &["-f=json"],
        &["--format", "dotenv"],
        &["--format", "shell"],
        &["--format"],
        &["--shell", "fish"],
        &["--shell=zsh"],
        &["-s", "powershell"],
        &["-sfish"],
        &["-q", "-fjson"],
    ];
    for sh in ["bash", "zsh", "fish", "dash"] {
        let path = need!(sh);
        let env = TestEnv::new().env("AWS_ACCESS_KEY_ID", "AKIAKEEPMEKEEPMEFAKE");
        // No spaces (a secret is visible ASCII): ${IFS} separates the words instead.
        hostile_process_profile(&env, HOSTILE_SECRET);
        for flags in spellings {
            for before in [false, true] {
                let mut words: Vec<&str> = vec!["use"];
                if before {
                    words.extend_from_slice(flags);
                    words.push("hp");
                } else {
                    words.push("hp");
                    words.extend_from_slice(flags);
                }
                let call = words.join(" ");
                let script = if sh == "fish" {
                    format!(
                        "{}\nawsmfa {call}\nset rc $status\nprintf '%s|%s' $rc $AWS_ACCESS_KEY_ID",
                        load_line(sh)
                    )
                } else {
                    format!(
                        "{}\nrc=0; awsmfa {call} || rc=$?\nprintf '%s|%s' \"$rc\" \"$AWS_ACCESS_KEY_ID\"",
                        load_line(sh)
                    )
                };
                let out = env.run_program(&path, &["-c", &script]);
                assert_eq!(out.stdout, "2|AKIAKEEPMEKEEPMEFAKE", "{sh}: {call}: {out}");
                assert_eq!(
                    out.stderr.lines().count(),
                    1,
                    "{sh}: {call}: one line: {out}"
                );
                assert!(
                    out.stderr.starts_with("awsmfa: `awsmfa use` "),
                    "{sh}: {call}: {out}"
                );
                assert!(!out.stderr.contains("touch"), "{sh}: {call}: {out}");
                for f in ["PWNED", "PWNED2"] {
                    assert!(!env.home.join(f).exists(), "{sh}: {call} ran code ({f})");
                }
            }
        }
        // The same profile without those flags is set, hostile secret and all.
        let script = if sh == "fish" {
            format!(
                "{}\nawsmfa use hp; or exit 9\nprintf '%s' $AWS_SECRET_ACCESS_KEY",
                load_line(sh)
            )
        } else {
            format!(
                "{}\nawsmfa use hp\nprintf '%s' \"$AWS_SECRET_ACCESS_KEY\"",
                load_line(sh)
            )
        };
        let out = env.run_program(&path, &["-c", &script]);
        out.assert_success();
        assert_eq!(out.stdout, HOSTILE_SECRET, "{sh}: {out}");
        assert!(!env.home.join("PWNED").exists(), "{sh}");
    }
}

/// Profile names that are command lines, from the config file and from the key store's file
/// names, completed with TAB in interactive bash, zsh and fish and then run with Enter: the
/// name is inserted quoted, the command gets it literally, nothing runs.
fn tab_completion_of_hostile_names_runs_nothing(sh: &str, argv: &[&str], setup: &[&str]) {
    let env = TestEnv::new().env("TERM", "screen").env("SHELL", sh);
    // Quoted as the AWS CLI writes a name with a space (unquoted, botocore ignores the section).
    env.write_config("[profile 'xq$(touch PWNED)']\nregion = us-east-1\n");
    let keys = env.home.join(".aws/awsmfa/keys");
    std::fs::create_dir_all(&keys).unwrap();
    // The store's file name for the profile `ks$(touch PWNED2)` (bytes outside its safe set
    // are %XX); the content is never read by completion.
    std::fs::write(keys.join("ks%24%28touch%20PWNED2%29.age"), "not age").unwrap();
    let t = Tmux::start(&env, argv);
    for line in setup {
        t.line(line);
    }
    for (typed, marker) in [("awsmfa exec xq", "PWNED"), ("awsmfa env ks", "PWNED2")] {
        t.send(typed);
        t.key("Tab");
        let screen = t.wait_for(typed);
        // Wait for the completion to be inserted (the name's tail), then run the line.
        let start = Instant::now();
        while !t.screen().contains("PWNED") {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "{sh}: {typed}<TAB> completed nothing:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        if typed.contains("exec") {
            t.send(" -- true");
        }
        t.key("Enter");
        // The binary got the name literally (and said the profile has no keys).
        t.line("echo \"D\"\"ONE=\"");
        let screen = t.wait_for("DONE=");
        assert!(
            !env.home.join(marker).exists(),
            "{sh}: completing {typed}<TAB> then Enter ran the name:\n{screen}"
        );
        t.line("clear");
        t.tmux(&["clear-history", "-t", "t"]);
    }
}

#[test]
fn bash_tab_completion_of_hostile_names_runs_nothing() {
    in_interactive("bash", tab_completion_of_hostile_names_runs_nothing);
}

#[test]
fn zsh_tab_completion_of_hostile_names_runs_nothing() {
    in_interactive("zsh", tab_completion_of_hostile_names_runs_nothing);
}

#[test]
fn fish_tab_completion_of_hostile_names_runs_nothing() {
    in_interactive("fish", tab_completion_of_hostile_names_runs_nothing);
}

/// Profile names built to run something in nushell or elvish if inserted unquoted or
/// mis-quoted: spaces, both quotes, backslashes, backticks, `$(..)` and `(..)` (elvish's and
/// nushell's output capture), `;`, `|`, `{..}`, variables of both shells, `~`. Each ends in a
/// unique marker the test waits for. In the config file each is quoted with the other quote
/// (`'..'` or `".."`), as the AWS CLI reads a name with spaces. (A name with a newline cannot be
/// offered: the completion protocol is one candidate a line, and such names are left out.)
const HOSTILE_NAMES: &[&str] = &[
    "ks$(touch P1); touch P2 END1",
    "kq'`touch P3`(touch P4)|touch P5 END2",
    "kv $E:HOME $env.HOME ~ {touch P6} END3",
    r#"kd"q\" \\ (touch P7) END4"#,
];

/// nushell and elvish: each hostile name is completed with TAB after `awsmfa exec`, then run
/// with Enter. The binary must get the name byte-exact (its error message quotes the profile,
/// which has no credentials) and nothing may run. `redirect` is the shell's way to send stderr
/// to a file; nushell refuses a redirection after a custom command, so there the message is
/// read from the screen.
fn nu_elvish_tab_completion_of_hostile_names(
    sh: &str,
    argv: &[&str],
    setup: &[&str],
    redirect: Option<&str>,
) {
    let env = TestEnv::new().env("TERM", "screen").env("SHELL", sh);
    let config: String = HOSTILE_NAMES
        .iter()
        .map(|name| {
            let q = if name.contains('\'') { '"' } else { '\'' };
            format!("[profile {q}{name}{q}]\nregion = us-east-1\n")
        })
        .collect();
    env.write_config(&config);
    let t = Tmux::start(&env, argv);
    t.wait_ready();
    // nushell drops keys typed while it still runs the previous line (the CI log of d84beae:
    // `echo setup-done`, typed during a slow `source`, never ran): one line at a time.
    for line in setup {
        t.line(line);
        t.sync();
    }
    t.line(&format!("cd {}", env.home.display()));
    t.sync();
    for (i, name) in HOSTILE_NAMES.iter().enumerate() {
        let typed = format!("awsmfa exec {}", &name[..2]);
        let marker = format!("END{}", i + 1);
        t.send(&typed);
        t.key("Tab");
        let start = Instant::now();
        while !t.screen().contains(&marker) {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "{sh}: {typed}<TAB> completed nothing:\n{}",
                t.screen()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        // elvish stays in its completion mode (typing filters the candidates): Enter takes
        // the one shown.
        if sh == "elvish" {
            t.key("Enter");
        }
        let want = format!("profile '{name}' has no credentials");
        let text = match redirect {
            Some(redirect) => {
                let err = env.root().join(format!("err{i}.txt"));
                t.line(&format!(" -- echo {redirect} {}", err.display()));
                let start = Instant::now();
                loop {
                    let text = std::fs::read_to_string(&err).unwrap_or_default();
                    if text.contains("has no credentials") {
                        break text;
                    }
                    assert!(
                        start.elapsed() < Duration::from_secs(20),
                        "{sh}: {typed}<TAB> then Enter did not reach awsmfa:\n{}\nstderr: {text}",
                        t.screen()
                    );
                    std::thread::sleep(Duration::from_millis(100));
                }
            }
            None => {
                t.line(" -- echo");
                // The message is one line of output; the typed line shows the name quoted.
                let start = Instant::now();
                loop {
                    let screen = t.screen();
                    if screen.contains("has no credentials")
                        || start.elapsed() > Duration::from_secs(20)
                    {
                        break screen;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
            }
        };
        assert!(
            text.contains(&want),
            "{sh}: awsmfa got another name than {name:?}:\n{text}\n{}",
            t.screen()
        );
        t.line("clear");
        t.key("C-u");
        t.tmux(&["clear-history", "-t", "t"]);
    }
    for f in ["P1", "P2", "P3", "P4", "P5", "P6", "P7"] {
        for dir in [env.home.clone(), env.root().to_path_buf()] {
            assert!(
                !dir.join(f).exists(),
                "{sh}: completing and running a hostile name ran code ({f}):\n{}",
                t.screen()
            );
        }
    }
}

#[test]
fn nu_tab_completion_of_hostile_names_runs_nothing_and_passes_them_exactly() {
    let nu = need!("nu");
    need!("tmux");
    let probe = TestEnv::new();
    let init = probe.run(&["init", "nu"]);
    init.assert_success();
    let file = probe.root().join("init.nu");
    std::fs::write(&file, &init.stdout).unwrap();
    let source = format!(
        "source {}",
        awsmfa_cli::render::ShellKind::Nu.quote(&file.display().to_string())
    );
    nu_elvish_tab_completion_of_hostile_names("nu", &[&nu, "-n"], &[&source], None);
}

#[test]
fn elvish_tab_completion_of_hostile_names_runs_nothing_and_passes_them_exactly() {
    let elvish = need!("elvish");
    need!("tmux");
    nu_elvish_tab_completion_of_hostile_names(
        "elvish",
        &[&elvish, "-norc"],
        &["eval (awsmfa init elvish | slurp)"],
        Some("2>"),
    );
}

/// zsh runs prompt escapes (`%F{red}`, `%n`, `%D{..}`, `%(?..)`) over the text of PROMPT after
/// PROMPT_SUBST's substitutions, so a profile named `%F{red}prod` would style (or spoof) the
/// prompt. Both prompt forms, `$(awsmfa_prompt)` and the `AWSMFA_PS1` variable, must show the
/// name literally, also with PROMPT_BANG (where `!` is the history number).
#[test]
fn zsh_prompt_shows_percent_escapes_in_a_profile_name_literally() {
    let zsh = need!("zsh");
    let now = chrono::Utc::now().timestamp();
    let profile = "a%n%F{red}%D{%Y}%(?.x.y)%%!b";
    let env = TestEnv::new()
        .env("AWSMFA_PROFILE", profile)
        .env("AWSMFA_EXPIRES", (now + 2570).to_string());
    for bang in ["unsetopt PROMPT_BANG", "setopt PROMPT_BANG"] {
        let script = format!(
            "{}\nsetopt PROMPT_SUBST\n{bang}\n\
             PROMPT='[$(awsmfa_prompt)]'; print -r -- \"${{(%%)PROMPT}}\"\n\
             _awsmfa_precmd; PROMPT='[${{AWSMFA_PS1}}]'; print -r -- \"${{(%%)PROMPT}}\"\n\
             print -rP -- '[$(awsmfa_prompt)]'",
            load_line("zsh")
        );
        let out = env.run_program(&zsh, &["-f", "-c", &script]);
        out.assert_success();
        let want = format!("[{profile} 42m]");
        // `${(%)PROMPT}` applies prompt escapes only; `print -P` substitutes too, as a prompt.
        assert_eq!(
            out.stdout,
            format!("{want}\n{want}\n{want}\n"),
            "{bang}: {out}"
        );
    }
}

/// For every place a profile name can be typed (`complete::profile_slots`, read from the clap
/// definition: each subcommand with a PROFILE argument, `--profile`, `-i`, ...), TAB in the
/// real, interactive shell completes `prod-sp` to `prod-spectator`.
fn profile_names_complete_at_every_slot(sh: &str, argv: &[&str], setup: &[&str]) {
    let env = TestEnv::new().env("TERM", "screen").env("SHELL", sh);
    standard_profiles(&env);
    let slots = awsmfa_cli::cli::complete::profile_slots();
    assert!(slots.len() >= 15, "{slots:?}");
    let t = Tmux::start(&env, argv);
    t.wait_ready();
    for line in setup {
        t.line(line);
        t.sync();
    }
    for slot in &slots {
        let before = if slot.is_empty() {
            "awsmfa".to_string()
        } else {
            format!("awsmfa {}", slot.join(" "))
        };
        t.send(&format!("{before} prod-sp"));
        t.key("Tab");
        t.wait_for(&format!("{before} prod-spectator"));
        t.key("C-u");
        // Ctrl-L clears the screen, except in elvish, where it opens the location mode.
        if sh != "elvish" {
            t.key("C-l");
        }
        t.tmux(&["clear-history", "-t", "t"]);
        std::thread::sleep(Duration::from_millis(100));
    }
    let shown: Vec<String> = slots.iter().map(|s| s.join(" ")).collect();
    eprintln!("{sh}: profile names complete after: {}", shown.join(" | "));
}

#[test]
fn bash_completes_profile_names_at_every_slot() {
    in_interactive("bash", profile_names_complete_at_every_slot);
}

#[test]
fn zsh_completes_profile_names_at_every_slot() {
    in_interactive("zsh", profile_names_complete_at_every_slot);
}

#[test]
fn fish_completes_profile_names_at_every_slot() {
    in_interactive("fish", profile_names_complete_at_every_slot);
}

#[test]
fn nu_completes_profile_names_at_every_slot() {
    let nu = need!("nu");
    need!("tmux");
    let env = TestEnv::new();
    let init = env.run(&["init", "nu"]);
    init.assert_success();
    let file = env.root().join("init.nu");
    std::fs::write(&file, &init.stdout).unwrap();
    let source = format!(
        "source {}",
        awsmfa_cli::render::ShellKind::Nu.quote(&file.display().to_string())
    );
    profile_names_complete_at_every_slot("nu", &[&nu, "-n"], &[&source]);
}

#[test]
fn elvish_completes_profile_names_at_every_slot() {
    let elvish = need!("elvish");
    need!("tmux");
    profile_names_complete_at_every_slot(
        "elvish",
        &[&elvish, "-norc"],
        &["eval (awsmfa init elvish | slurp)"],
    );
}

/// `awsmfa <TAB>` offers the subcommands and none of the internal ones (`__profiles`,
/// `__use`, `__complete`); a file name with spaces completes quoted and reaches the command
/// as one argument.
#[test]
fn bash_offers_no_internal_command_and_completes_file_names_with_spaces() {
    let bash = need!("bash");
    need!("tmux");
    let env = TestEnv::new().env("TERM", "screen").env("SHELL", "bash");
    standard_profiles(&env);
    std::fs::write(env.home.join("my creds file"), "").unwrap();
    let t = Tmux::start(&env, &[&bash, "--noprofile", "--norc", "-i"]);
    t.line("PS1='$ '");
    t.line(&format!(
        "cd {}",
        awsmfa_cli::render::posix::quote(&env.home.display().to_string())
    ));
    t.line(r#"eval "$(awsmfa init bash)""#);
    t.send("awsmfa ");
    t.key("Tab");
    t.key("Tab");
    let screen = t.wait_for("credential-process");
    assert!(screen.contains("set-default"), "{screen}");
    assert!(
        !screen.contains("__"),
        "internal commands offered:\n{screen}"
    );
    t.key("C-u");
    t.send("awsmfa --aws-credentials my");
    t.key("Tab");
    t.wait_for(r"awsmfa --aws-credentials my\ creds\ file");
    t.key("C-u");
}

/// nushell and elvish: the init script loads silently, `awsmfa use` sets the credentials and
/// the prompt shows them, `awsmfa clear` removes them (nushell: from `$env` too, not left as
/// nothing), and the completer offers profile names.
#[test]
fn nu_and_elvish_use_clear_prompt_and_complete() {
    let Some(moto) = moto() else { return };
    for sh in ["nu", "elvish"] {
        let path = need!(sh);
        let env = TestEnv::new().with_endpoint(&moto.url);
        standard_profiles(&env);
        let script = if sh == "nu" {
            let init = env.run(&["init", "nu"]);
            init.assert_success();
            let file = env.root().join("init.nu");
            std::fs::write(&file, &init.stdout).unwrap();
            format!(
                "source {}\n\
                 $env.AWS_PROFILE = 'old'\n\
                 awsmfa use dev-admin -c 123456\n\
                 print $\"KEY=($env.AWS_ACCESS_KEY_ID)\"\n\
                 print $\"PROMPT=(awsmfa_prompt)\"\n\
                 print $\"AWS_PROFILE gone: (not ('AWS_PROFILE' in $env))\"\n\
                 print $\"COMPLETE=(_awsmfa_complete 'awsmfa exec prod-sp' | get value | str join ',')\"\n\
                 awsmfa clear\n\
                 if ('AWS_ACCESS_KEY_ID' in $env) or ('AWSMFA_PROFILE' in $env) {{ exit 7 }}\n\
                 print CLEARED",
                awsmfa_cli::render::ShellKind::Nu.quote(&file.display().to_string())
            )
        } else {
            "use str\nvar ns = $nil\n\
             eval (awsmfa init elvish | slurp) &on-end={|n| set ns = $n }\n\
             var awsmfa~ = $ns[awsmfa~]\n\
             var awsmfa_prompt~ = $ns[awsmfa_prompt~]\n\
             set-env AWS_PROFILE old\n\
             awsmfa use dev-admin -c 123456\n\
             echo KEY=$E:AWS_ACCESS_KEY_ID\n\
             echo PROMPT=(awsmfa_prompt)\n\
             if (not (has-env AWS_PROFILE)) { echo 'AWS_PROFILE gone: true' }\n\
             echo COMPLETE=(str:join , [($ns[_awsmfa_complete~] awsmfa exec prod-sp)])\n\
             awsmfa clear\n\
             if (or (has-env AWS_ACCESS_KEY_ID) (has-env AWSMFA_PROFILE)) { exit 7 }\n\
             echo CLEARED"
                .to_string()
        };
        let args: Vec<&str> = if sh == "nu" {
            vec!["-n", "-c", &script]
        } else {
            vec!["-norc", "-c", &script]
        };
        let out = env.run_program(&path, &args);
        out.assert_success();
        assert!(out.stdout.contains("KEY=ASIA"), "{sh}: {out}");
        assert!(
            out.stdout.contains("PROMPT=dev-admin 59m")
                || out.stdout.contains("PROMPT=dev-admin 1h00m"),
            "{sh}: {out}"
        );
        assert!(out.stdout.contains("AWS_PROFILE gone: true"), "{sh}: {out}");
        assert!(
            out.stdout.contains("COMPLETE=prod-spectator\n"),
            "{sh}: {out}"
        );
        assert!(out.stdout.contains("CLEARED"), "{sh}: {out}");
        // Nothing but the notice of `use` on stderr.
        let other: Vec<&str> = out
            .stderr
            .lines()
            .filter(|l| !l.contains("credentials expire in") && !l.contains("MFA"))
            .collect();
        assert!(other.is_empty(), "{sh}: {out}");
    }
}

/// PowerShell is not installable here: the rules its completion must follow, checked on the
/// text. It asks the binary (no hand list of commands or profile slots), inserts a value that
/// is not a plain word single-quoted with all five quote characters doubled, and registers for
/// the `awsmfa` command.
#[test]
fn powershell_completion_follows_the_rules() {
    let env = TestEnv::new();
    let init = env.run(&["init", "powershell"]);
    init.assert_success();
    let text = init.stdout;
    assert!(
        text.contains("Register-ArgumentCompleter -Native -CommandName awsmfa"),
        "{text}"
    );
    assert!(text.contains("__complete powershell --"), "{text}");
    assert!(
        text.contains(r#"-replace "['\u2018\u2019\u201A\u201B]", '$0$0'"#),
        "{text}"
    );
    for stale in ["__profiles", "'use', 'env', 'exec'"] {
        assert!(
            !text.contains(stale),
            "a hand list or old helper: {stale}\n{text}"
        );
    }
    let completions = env.run(&["completions", "powershell"]);
    completions.assert_success();
    assert!(
        text.ends_with(&completions.stdout),
        "init ends with the completion"
    );
}

/// `awsmfa clear` run as the binary on a terminal cannot clear anything (the unset lines would
/// only be shown): it says what `use` says there, and exits 2. Through `eval "$(...)"` (stdout
/// not a terminal) it still prints the lines.
#[test]
fn clear_outside_the_function_says_what_use_says() {
    if !crate::common::pty::have_script() {
        return;
    }
    let env = TestEnv::with_bin(crate::common::pty::SCRIPT);
    standard_profiles(&env);
    for (command, meanwhile) in [
        ("awsmfa clear", "meanwhile: eval \"$(awsmfa clear)\""),
        (
            "awsmfa use dev-admin",
            "meanwhile: eval \"$(awsmfa env dev-admin)\"",
        ),
    ] {
        let out = env.run_stdin(&["-qec", command, "/dev/null"], "");
        assert_eq!(out.code, Some(2), "{command}: {out}");
        let verb = command.split(' ').nth(1).unwrap();
        assert!(
            out.stdout.contains(&format!(
                "`awsmfa {verb}` needs the shell function: add `eval"
            )),
            "{command}: {out}"
        );
        assert!(out.stdout.contains(meanwhile), "{command}: {out}");
        assert!(!out.stdout.contains("unset"), "{command}: {out}");
    }
    let env = TestEnv::new();
    let out = env.run(&["clear", "--shell", "bash"]);
    out.assert_success();
    assert!(out.stdout.contains("unset -v AWS_ACCESS_KEY_ID"), "{out}");
}

/// The README's starship snippet has the shape starship's `env_var` module reads (starship is
/// not installable here, so this checks the TOML by rule): one `[env_var.AWSMFA_PROFILE]`
/// table, `variable = "AWSMFA_PROFILE"`, a format showing `$env_value`, and only keys the
/// module knows, each a plain `key = "string"` line.
#[test]
fn readme_starship_snippet_has_the_env_var_module_shape() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = &readme[readme.find("#### starship").expect("a starship section")..];
    let start = section.find("```toml\n").expect("a toml block") + "```toml\n".len();
    let block = &section[start..start + section[start..].find("```").unwrap()];
    let mut tables = Vec::new();
    let mut keys = std::collections::BTreeMap::new();
    for line in block
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        if let Some(table) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            tables.push(table.to_string());
            continue;
        }
        let (key, value) = line
            .split_once(" = ")
            .unwrap_or_else(|| panic!("not key = value: {line}"));
        assert!(
            value.len() >= 2 && value.starts_with('"') && value.ends_with('"'),
            "not a basic string: {line}"
        );
        let inner = &value[1..value.len() - 1];
        assert!(!inner.contains(['"', '\\']), "escapes in {line}");
        keys.insert(key.to_string(), inner.to_string());
    }
    assert_eq!(tables, ["env_var.AWSMFA_PROFILE"]);
    for key in keys.keys() {
        assert!(
            [
                "variable",
                "default",
                "format",
                "symbol",
                "style",
                "disabled",
                "description"
            ]
            .contains(&key.as_str()),
            "starship's env_var module has no {key}"
        );
    }
    assert_eq!(keys["variable"], "AWSMFA_PROFILE");
    assert!(keys["format"].contains("$env_value"), "{keys:?}");
    assert!(keys["format"].contains("($style)"), "{keys:?}");
}

/// `awsmfa use` with no profile in an interactive bash opens the picker on the terminal: typing
/// filters, Enter sets the picked profile, Esc cancels with nothing changed (status 1), and the
/// picker leaves nothing on the screen. Profiles come from `credential_process`, so no STS.
#[test]
fn use_without_a_profile_opens_a_picker_on_the_terminal() {
    let bash = need!("bash");
    need!("tmux");
    let env = TestEnv::new().env("TERM", "screen").env("SHELL", "bash");
    let mut config = String::new();
    for (name, key) in [
        ("alpha-dev", "ASIAALPHAALPHAALPHA0"),
        ("beta-prod", "ASIABETABETABETABETA"),
    ] {
        let doc = serde_json::json!({
            "Version": 1, "AccessKeyId": key, "SecretAccessKey": "secret",
            "SessionToken": "token", "Expiration": "2099-01-01T00:00:00Z",
        });
        std::fs::write(env.home.join(format!("{name}.json")), doc.to_string()).unwrap();
        config.push_str(&format!(
            "[profile {name}]\ncredential_process = cat {}\nregion = eu-west-1\n",
            env.home.join(format!("{name}.json")).display()
        ));
    }
    env.write_config(&config);
    let t = Tmux::start(&env, &[&bash, "--noprofile", "--norc", "-i"]);
    t.line("PS1='$ '");
    t.line(r#"eval "$(awsmfa init bash)""#);
    t.line("awsmfa use");
    let screen = t.wait_for("awsmfa use (2/2, Enter picks, Esc cancels): ");
    assert!(
        screen.contains("alpha-dev") && screen.contains("beta-prod"),
        "{screen}"
    );
    t.send("bet");
    let screen = t.wait_for("awsmfa use (1/2, Enter picks, Esc cancels): bet");
    eprintln!("the picker, filtered:\n{}", screen.trim_end());
    // Enter and the next command arrive together, as from a user typing ahead: the picker
    // takes its Enter and leaves the rest to the shell (it used to discard it on exit).
    t.tmux(&[
        "send-keys",
        "-t",
        "t",
        "Enter",
        "echo \"P\"\"=[$AWSMFA_PROFILE] K=[$AWS_ACCESS_KEY_ID]\"",
        "Enter",
    ]);
    let screen = t.wait_for("P=[");
    assert!(
        screen.contains("P=[beta-prod] K=[ASIABETABETABETABETA]"),
        "{screen}"
    );
    assert!(
        !screen.contains("Esc cancels"),
        "the picker stayed on screen:\n{screen}"
    );
    // Esc: nothing changes, the status says so.
    t.line("awsmfa use");
    t.wait_for("awsmfa use (2/2");
    t.key("Escape");
    t.wait_for("no profile picked; nothing changed");
    t.line("echo \"S\"\"=[$?] P2=[$AWSMFA_PROFILE]\"");
    let screen = t.wait_for("S=[");
    assert!(screen.contains("S=[1] P2=[beta-prod]"), "{screen}");
    assert!(
        screen.contains("no profile picked; nothing changed"),
        "{screen}"
    );
}

/// The nushell `awsmfa` command passes every word to the binary as typed, as nushell passes
/// words to an external command: bare words that nushell would read as a bool, null, number,
/// file size, duration or flag are not refused or turned into values, and quoted words arrive
/// unquoted. `exec` runs `printf` with the words, against a `credential_process` profile (no STS).
#[test]
fn nu_awsmfa_passes_every_word_as_typed() {
    let nu = need!("nu");
    let env = TestEnv::new();
    let doc = serde_json::json!({
        "Version": 1, "AccessKeyId": "ASIACPCPCPCPCPCPCPCP", "SecretAccessKey": "secret",
        "SessionToken": "token", "Expiration": "2099-01-01T00:00:00Z",
    });
    let json = env.home.join("cp.json");
    std::fs::write(&json, doc.to_string()).unwrap();
    env.write_config(&format!(
        "[profile cp]\ncredential_process = cat {}\nregion = eu-west-1\n",
        json.display()
    ));
    let init = env.run(&["init", "nu"]);
    init.assert_success();
    let file = env.root().join("init.nu");
    std::fs::write(&file, &init.stdout).unwrap();
    // (typed in nushell, what the command must receive)
    let words: &[(&str, &str)] = &[
        ("true", "true"),
        ("false", "false"),
        ("null", "null"),
        ("1.50", "1.50"),
        ("2kb", "2kb"),
        ("10sec", "10sec"),
        ("0x10", "0x10"),
        ("1_000", "1_000"),
        ("1e3", "1e3"),
        ("-5", "-5"),
        ("--", "--"),
        ("--flag=1", "--flag=1"),
        ("a$b", "a$b"),
        ("'$x'", "$x"),
        ("\"\"", ""),
        ("'x y'", "x y"),
        ("2024-01-01", "2024-01-01"),
        ("1..3", "1..3"),
    ];
    let typed: Vec<&str> = words.iter().map(|(t, _)| *t).collect();
    let script = format!(
        "source {}\nawsmfa exec cp -- printf '[%s]\\n' {}",
        awsmfa_cli::render::ShellKind::Nu.quote(&file.display().to_string()),
        typed.join(" ")
    );
    let out = env.run_program(&nu, &["-n", "-c", &script]);
    out.assert_success();
    let want: String = words.iter().map(|(_, w)| format!("[{w}]\n")).collect();
    assert_eq!(out.stdout, want, "{out}");
}

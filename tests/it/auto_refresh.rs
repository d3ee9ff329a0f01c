//! Shells that refresh themselves (issue 13): the prompt hook `init` installs renews the
//! credentials `use` set once they are inside the refresh window, from the cached MFA session,
//! with no prompt; with no session left it asks nothing and leaves them be.

use std::time::Duration;

use crate::common::*;
use crate::shell_integration::{Tmux, shell};

/// Role credentials of 900 s (AWS's minimum) and a window of 890 s: ten seconds after `use`
/// they are due for renewal.
fn short_lived(env: &TestEnv) {
    let config = std::fs::read_to_string(&env.config).unwrap().replace(
        "source_profile = identity\nregion = eu-west-1",
        "source_profile = identity\nregion = eu-west-1\nduration_seconds = 900",
    );
    env.write_config(&config);
}

/// The value of `$AWS_ACCESS_KEY_ID` in the shell, via a marker line.
fn key_of(t: &Tmux, n: usize) -> String {
    let marker = format!("K{n}=[");
    // Typed split ("K1""=[") so the echoed command line never matches the marker.
    let split = format!("K{n}\"\"=[");
    t.line(&format!("echo \"{split}$AWS_ACCESS_KEY_ID]\""));
    let screen = t.wait_for(&marker);
    let line = screen.lines().find(|l| l.contains(&marker)).unwrap();
    let from = line.find(&marker).unwrap() + marker.len();
    line[from..from + line[from..].find(']').unwrap()].to_string()
}

fn renews(sh: &str, argv: &[&str], setup: &[&str]) {
    let (env, proxy) = skip_unless!(proxied_fixture());
    short_lived(&env);
    let env = env
        .env("TERM", "screen")
        .env("SHELL", sh)
        .env("AWSMFA_REFRESH_WINDOW", "890");
    let t = Tmux::start(&env, argv);
    for line in setup {
        t.line(line);
    }
    t.line("awsmfa use dev-admin -c 123456");
    let first = key_of(&t, 1);
    assert!(first.starts_with("ASIA"), "{sh}: {first}\n{}", t.screen());
    assert_eq!(proxy.count("AssumeRole"), 1);
    // Inside the window now: the next prompt renews, silently.
    std::thread::sleep(Duration::from_secs(11));
    t.key("Enter");
    let second = key_of(&t, 2);
    assert_ne!(first, second, "{sh}: not renewed:\n{}", t.screen());
    assert_eq!(proxy.count("GetSessionToken"), 1, "{:?}", proxy.actions());
    assert_eq!(proxy.count("AssumeRole"), 2, "{:?}", proxy.actions());
    // The renewed credentials work for the real AWS CLI in this shell.
    t.line("aws sts get-caller-identity --query Arn --output text --region us-east-1; echo \"D\"\"ONE\"");
    let screen = t.wait_for("DONE");
    assert!(
        screen.contains("assumed-role/dev-admin/"),
        "{sh}:\n{screen}"
    );
    assert!(
        !screen.contains("MFA code for"),
        "{sh}: prompted:\n{screen}"
    );

    // The MFA session is gone: the hook asks nothing and leaves the credentials alone.
    t.line("awsmfa logout dev-admin -q");
    std::thread::sleep(Duration::from_secs(1));
    t.key("Enter");
    let third = key_of(&t, 3);
    assert_eq!(second, third, "{sh}");
    let screen = t.screen();
    assert!(
        !screen.contains("MFA code for"),
        "{sh}: prompted:\n{screen}"
    );
    assert_eq!(proxy.count("GetSessionToken"), 1, "{:?}", proxy.actions());
}

#[test]
fn bash_renews_credentials_inside_the_window_without_a_prompt() {
    let Some(bash) = shell("bash") else { return };
    if shell("tmux").is_none() {
        return;
    }
    renews(
        "bash",
        &[&bash, "--noprofile", "--norc", "-i"],
        &["PS1='$ '", r#"eval "$(awsmfa init bash)""#],
    );
}

#[test]
fn zsh_renews_credentials_inside_the_window_without_a_prompt() {
    let Some(zsh) = shell("zsh") else { return };
    if shell("tmux").is_none() {
        return;
    }
    renews(
        "zsh",
        &[&zsh, "-f", "-i"],
        &["PS1='%% '", r#"eval "$(awsmfa init zsh)""#],
    );
}

#[test]
fn fish_renews_credentials_inside_the_window_without_a_prompt() {
    let Some(fish) = shell("fish") else { return };
    if shell("tmux").is_none() {
        return;
    }
    renews(
        "fish",
        &[&fish, "--no-config", "-i"],
        &[
            "function fish_prompt; echo '> '; end",
            "awsmfa init fish | source",
        ],
    );
}

#[test]
fn auto_refresh_off_leaves_the_credentials_alone() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    let Some(bash) = shell("bash") else { return };
    if shell("tmux").is_none() {
        return;
    }
    short_lived(&env);
    let env = env
        .env("TERM", "screen")
        .env("AWSMFA_REFRESH_WINDOW", "890")
        .env("AWSMFA_AUTO_REFRESH", "0");
    let t = Tmux::start(&env, &[&bash, "--noprofile", "--norc", "-i"]);
    t.line("PS1='$ '");
    t.line(r#"eval "$(awsmfa init bash)""#);
    t.line("awsmfa use dev-admin -c 123456");
    let first = key_of(&t, 1);
    std::thread::sleep(Duration::from_secs(11));
    t.key("Enter");
    assert_eq!(first, key_of(&t, 2));
    assert_eq!(proxy.count("AssumeRole"), 1, "{:?}", proxy.actions());
}

#[test]
fn the_bash_hook_survives_odd_values_and_keeps_the_exit_status() {
    // Review finding: AWSMFA_EXPIRES=08 (octal) or 1:5 made the hook's arithmetic fail at every
    // prompt, which also stopped the user's other PROMPT_COMMAND hooks.
    let env = TestEnv::new().with_endpoint("http://127.0.0.1:9");
    for (expires, window) in [
        ("08", "900"),
        ("1:5", "900"),
        ("1700000000", "09"),
        ("1700000000", "1:5"),
        ("99999999999999999999", "900"),
        ("1700000000", "99999999999999999999"),
    ] {
        let script = format!(
            "eval \"$(awsmfa init bash)\"\nexport AWSMFA_PROFILE=-x AWSMFA_EXPIRES='{expires}' AWSMFA_REFRESH_WINDOW='{window}'\nfalse\n_awsmfa_refresh\necho \"alive rc=$?\""
        );
        let out = env.run_program("/bin/bash", &["-c", &script]);
        assert_eq!(out.stdout.trim(), "alive rc=1", "{expires} {window}: {out}");
        assert!(out.stderr.is_empty(), "{expires} {window}: {out}");
    }
}

//! Prompt drivers (issue 14): with no terminal, awsmfa asks for the MFA code in a desktop
//! dialog. Real zenity dialogs on a private Xvfb display, found and answered with xdotool and
//! photographed with ImageMagick; one dialog and one GetSessionToken for twenty parallel
//! callers; Cancel, time-out, no display and no dialog program each a one-line exit 6. kdialog,
//! osascript and ykman run as recording stubs (stubs.rs).

mod desktop;
mod stubs;

use std::time::{Duration, Instant};

use crate::common::*;
use desktop::{Xvfb, argv_holding};

/// A code no other test uses, so a search of every argv on the machine means something.
const CODE: &str = "480213";

/// The standard fixture behind the recording proxy, shown on `x`'s display.
fn desktop_fixture(x: &Xvfb) -> Option<(TestEnv, RecordingProxy)> {
    let (env, proxy) = proxied_fixture()?;
    Some((env.env("DISPLAY", &x.display), proxy))
}

/// `awsmfa ARGS` on a thread of its own (it waits for a dialog); join for its output.
fn spawn(env: &TestEnv, args: &[&str]) -> std::thread::JoinHandle<Output> {
    let cmd = env.cmd(args);
    std::thread::spawn(move || run_command(cmd, None, Duration::from_secs(90)))
}

/// The one-line error awsmfa ends with: exit 6, nothing on stdout, `awsmfa: ` and one line.
#[track_caller]
fn assert_exit_6(out: &Output, needle: &str) {
    assert_eq!(out.code, Some(6), "{out}");
    assert!(out.stdout.is_empty(), "{out}");
    assert_eq!(out.stderr.lines().count(), 1, "one line:\n{out}");
    assert!(out.stderr.starts_with("awsmfa: "), "{out}");
    out.assert_stderr_contains(needle);
}

#[test]
fn credential_process_without_a_terminal_asks_in_a_zenity_dialog() {
    let x = skip_unless!(Xvfb::start());
    let (env, proxy) = skip_unless!(desktop_fixture(&x));
    let mut calls = vec![spawn(&env, &["credential-process", "dev-admin"])];
    let window = x.wait_for_dialog(&mut calls);
    // What the dialog says, as zenity was given it (GTK shows `__` as one underscore).
    let argv = x.window_argv(&window);
    assert!(
        argv.contains(&format!(
            "--text=awsmfa: MFA code for identity ({SERIAL}), needed by credential__process for dev-admin"
        )),
        "{argv:?}"
    );
    // The screen as the user sees it, kept with the test's files and under target/ (the README's
    // docs/mfa-dialog.png is a copy of the window shot, committed once by hand).
    x.screenshot(None, &env.root().join("screen.png"));
    let shots = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("prompt-drivers");
    std::fs::create_dir_all(&shots).unwrap();
    x.screenshot(Some(&window), &shots.join("mfa-dialog.png"));
    std::fs::copy(
        shots.join("mfa-dialog.png"),
        env.root().join("mfa-dialog.png"),
    )
    .unwrap();

    x.type_into(&window, CODE);
    let out = calls.remove(0).join().unwrap();
    out.assert_success();
    let doc = out.json();
    assert_eq!(doc["Version"], 1, "{out}");
    assert!(
        doc["AccessKeyId"]
            .as_str()
            .is_some_and(|k| k.starts_with("ASIA")),
        "{out}"
    );
    assert!(
        doc["SessionToken"].is_string() && doc["Expiration"].is_string(),
        "{out}"
    );
    assert_eq!(proxy.count("GetSessionToken"), 1, "{:?}", proxy.actions());
    let gst = proxy
        .requests()
        .into_iter()
        .find(|r| r.param("Action") == Some("GetSessionToken"))
        .unwrap();
    assert_eq!(gst.param("TokenCode"), Some(CODE));
    assert!(!out.stderr.contains(CODE), "{out}");
    assert!(argv_holding(CODE).is_empty(), "{:?}", argv_holding(CODE));
    assert!(x.dialogs().is_empty(), "the dialog is gone");
    // The day's session is cached: the next call asks nothing.
    env.run(&["credential-process", "stage-poweruser"])
        .assert_success();
    assert_eq!(proxy.count("GetSessionToken"), 1);
}

#[test]
fn twenty_parallel_callers_raise_one_dialog_and_one_get_session_token() {
    let x = skip_unless!(Xvfb::start());
    let (env, proxy) = skip_unless!(desktop_fixture(&x));
    let mut calls: Vec<_> = (0..20)
        .map(|_| spawn(&env, &["credential-process", "dev-admin"]))
        .collect();
    let window = x.wait_for_dialog(&mut calls);
    // Long enough for all twenty to be waiting: a second dialog would show within this.
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(
        x.dialogs().len(),
        1,
        "exactly one dialog: {:?}",
        x.dialogs()
    );
    x.type_into(&window, CODE);
    let outs: Vec<Output> = calls.into_iter().map(|c| c.join().unwrap()).collect();
    let keys: std::collections::BTreeSet<String> = outs
        .iter()
        .map(|o| {
            o.assert_success();
            o.json()["AccessKeyId"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(
        keys.len(),
        1,
        "all twenty got the one cached role: {keys:?}"
    );
    assert_eq!(proxy.count("GetSessionToken"), 1, "{:?}", proxy.actions());
    assert_eq!(proxy.count("AssumeRole"), 1, "{:?}", proxy.actions());
    assert!(x.dialogs().is_empty());
}

#[test]
fn cancel_is_one_line_exit_6_for_every_caller_that_waited_for_the_dialog() {
    let x = skip_unless!(Xvfb::start());
    let (env, proxy) = skip_unless!(desktop_fixture(&x));
    let mut calls: Vec<_> = (0..3)
        .map(|_| spawn(&env, &["credential-process", "dev-admin"]))
        .collect();
    let window = x.wait_for_dialog(&mut calls);
    std::thread::sleep(Duration::from_secs(1));
    x.cancel(&window);
    for out in calls.into_iter().map(|c| c.join().unwrap()) {
        assert_exit_6(
            &out,
            "the MFA dialog for profile 'identity' was cancelled; no credentials for 'dev-admin'",
        );
    }
    assert!(x.dialogs().is_empty(), "no second dialog after Cancel");
    assert_eq!(proxy.count("GetSessionToken"), 0, "{:?}", proxy.actions());
    // A new request after the answer asks again.
    let mut again = vec![spawn(&env, &["credential-process", "dev-admin"])];
    let window = x.wait_for_dialog(&mut again);
    x.type_into(&window, CODE);
    again.remove(0).join().unwrap().assert_success();
}

#[test]
fn an_unanswered_dialog_times_out_with_exit_6_and_closes() {
    let x = skip_unless!(Xvfb::start());
    let (env, proxy) = skip_unless!(desktop_fixture(&x));
    let env = env.env("AWSMFA_PROMPT_TIMEOUT", "3");
    let started = Instant::now();
    let mut calls = vec![spawn(&env, &["credential-process", "dev-admin"])];
    x.wait_for_dialog(&mut calls);
    let out = calls.remove(0).join().unwrap();
    assert_exit_6(
        &out,
        "no MFA code for profile 'identity' came from zenity within 3 s (AWSMFA_PROMPT_TIMEOUT)",
    );
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    assert!(x.dialogs().is_empty(), "the dialog was killed");
    assert_eq!(proxy.count("GetSessionToken"), 0);
}

#[test]
fn without_a_display_the_error_names_the_prompt_options() {
    let (env, proxy) = skip_unless!(proxied_fixture());
    let out = env.run(&["credential-process", "dev-admin"]);
    assert_exit_6(&out, "no terminal to ask on and no display for a dialog");
    out.assert_stderr_contains("awsmfa login dev-admin")
        .assert_stderr_contains("mfa_prompt = zenity|kdialog|osascript|ykman")
        .assert_stderr_contains("in profile 'identity'");
    let env = env.env("AWSMFA_PROMPT", "zenity");
    let out = env.run(&["credential-process", "dev-admin"]);
    assert_exit_6(
        &out,
        "no display for zenity (DISPLAY and WAYLAND_DISPLAY are unset) (AWSMFA_PROMPT = zenity)",
    );
    assert_eq!(proxy.count("GetSessionToken"), 0);
}

#[test]
fn with_a_display_but_no_dialog_program_the_error_says_so() {
    let (env, _proxy) = skip_unless!(proxied_fixture());
    let empty = env.root().join("empty-bin");
    std::fs::create_dir_all(&empty).unwrap();
    let env = env.env("DISPLAY", ":4242").env("PATH", &empty);
    let out = env.run(&["credential-process", "dev-admin"]);
    assert_exit_6(
        &out,
        "no terminal to ask on, and neither zenity nor kdialog is installed for a dialog on display :4242",
    );
    let out = env
        .env("AWSMFA_PROMPT", "kdialog")
        .run(&["credential-process", "dev-admin"]);
    assert_exit_6(&out, "no kdialog installed (not on PATH)");
}

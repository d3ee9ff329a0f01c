use super::*;
use std::path::Path;

const SERIAL: &str = "arn:aws:iam::123456789012:mfa/alice";

/// Surroundings with `installed` programs (found under /usr/bin).
fn around<'a>(
    terminal: bool,
    display: Option<&str>,
    macos: bool,
    find: &'a dyn Fn(&str) -> Option<PathBuf>,
) -> Surroundings<'a> {
    Surroundings {
        terminal,
        display: display.map(str::to_string),
        macos,
        kde: false,
        find,
    }
}

fn installed(names: &'static [&'static str]) -> impl Fn(&str) -> Option<PathBuf> {
    move |n: &str| names.contains(&n).then(|| Path::new("/usr/bin").join(n))
}

fn program(p: Program) -> Plan {
    Plan::Program(p, Path::new("/usr/bin").join(p.command()))
}

#[test]
fn driver_names_parse_in_any_case_and_nothing_else_does() {
    for d in Driver::ALL {
        assert_eq!(Driver::parse(d.name()), Some(d));
        assert_eq!(
            Driver::parse(&format!(" {} ", d.name().to_uppercase())),
            Some(d)
        );
    }
    assert_eq!(Driver::parse("zenty"), None);
    assert_eq!(Driver::parse(""), None);
}

#[test]
fn auto_asks_on_the_terminal_first_then_a_dialog_then_nothing() {
    let all = installed(&["zenity", "kdialog", "osascript", "ykman"]);
    assert_eq!(
        plan(Driver::Auto, &around(true, Some(":0"), false, &all)),
        Plan::Terminal
    );
    assert_eq!(
        plan(Driver::Auto, &around(false, Some(":0"), false, &all)),
        program(Program::Zenity)
    );
    let kde = Surroundings {
        kde: true,
        ..around(false, Some(":0"), false, &all)
    };
    assert_eq!(plan(Driver::Auto, &kde), program(Program::Kdialog));
    let only_kdialog = installed(&["kdialog"]);
    assert_eq!(
        plan(
            Driver::Auto,
            &around(false, Some("wayland-0"), false, &only_kdialog)
        ),
        program(Program::Kdialog)
    );
    // macOS needs no DISPLAY; elsewhere osascript is never picked by auto.
    assert_eq!(
        plan(Driver::Auto, &around(false, None, true, &all)),
        program(Program::Osascript)
    );
    let Plan::Unavailable(why) = plan(Driver::Auto, &around(false, None, false, &all)) else {
        panic!("no terminal, no display")
    };
    assert_eq!(why, "no terminal to ask on and no display for a dialog");
    let none = installed(&[]);
    let Plan::Unavailable(why) = plan(Driver::Auto, &around(false, Some(":7"), false, &none))
    else {
        panic!("no dialog program")
    };
    assert!(
        why.contains("neither zenity nor kdialog is installed") && why.contains(":7"),
        "{why}"
    );
    // ykman is never chosen by auto: it is a named driver, like mfa_process.
    let ykman = installed(&["ykman"]);
    assert!(matches!(
        plan(Driver::Auto, &around(false, Some(":0"), false, &ykman)),
        Plan::Unavailable(_)
    ));
}

#[test]
fn a_named_driver_is_used_even_with_a_terminal_or_says_why_it_cannot() {
    let all = installed(&["zenity", "kdialog", "osascript", "ykman"]);
    assert_eq!(
        plan(Driver::Zenity, &around(true, Some(":0"), false, &all)),
        program(Program::Zenity)
    );
    assert_eq!(
        plan(Driver::Ykman, &around(true, None, false, &all)),
        program(Program::Ykman)
    );
    assert_eq!(
        plan(Driver::Osascript, &around(false, None, false, &all)),
        program(Program::Osascript)
    );
    let Plan::Unavailable(why) = plan(Driver::Zenity, &around(false, None, false, &all)) else {
        panic!("zenity without a display")
    };
    assert!(why.contains("no display for zenity"), "{why}");
    let none = installed(&[]);
    let Plan::Unavailable(why) = plan(Driver::Kdialog, &around(false, Some(":0"), false, &none))
    else {
        panic!("kdialog missing")
    };
    assert_eq!(why, "no kdialog installed (not on PATH)");
    let Plan::Unavailable(why) = plan(Driver::Terminal, &around(false, Some(":0"), false, &all))
    else {
        panic!("terminal without one")
    };
    assert_eq!(why, "no terminal to ask on");
}

fn settings() -> PromptSettings {
    PromptSettings {
        key_profile: "identity".into(),
        target: "dev-admin".into(),
        ..PromptSettings::default()
    }
}

fn argv(p: Program, text: &str, s: &PromptSettings) -> Vec<String> {
    let cmd = p.command_line(Path::new(p.command()), text, s, SERIAL);
    cmd.get_args()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

#[test]
fn each_program_gets_the_question_and_nothing_secret() {
    let s = settings();
    let text = "awsmfa: MFA code for identity (arn:x), needed by credential_process for dev_admin";
    assert_eq!(
        argv(Program::Zenity, text, &s),
        [
            "--entry",
            "--hide-text",
            "--title",
            "awsmfa",
            // GTK mnemonics: `__` shows one underscore.
            "--text=awsmfa: MFA code for identity (arn:x), needed by credential__process for dev__admin"
        ]
    );
    assert_eq!(
        argv(Program::Kdialog, text, &s),
        ["--title", "awsmfa", "--password", text]
    );
    let osa = argv(Program::Osascript, text, &s);
    assert_eq!(
        osa.last().map(String::as_str),
        Some(text),
        "the text is an argument, not script"
    );
    assert!(osa.iter().filter(|a| a.as_str() == "-e").count() == 3);
    assert_eq!(
        argv(Program::Ykman, text, &s),
        ["oath", "accounts", "code", "--single", "alice"]
    );
    let named = PromptSettings {
        oath_account: Some("Amazon Web Services:alice@123456789012".into()),
        ..settings()
    };
    assert_eq!(
        argv(Program::Ykman, text, &named)
            .last()
            .map(String::as_str),
        Some("Amazon Web Services:alice@123456789012")
    );
}

#[test]
fn exit_one_is_a_cancel_unless_the_display_could_not_be_opened() {
    use std::os::unix::process::ExitStatusExt;
    let s = settings();
    let one = std::process::ExitStatus::from_raw(1 << 8);
    let five = std::process::ExitStatus::from_raw(5 << 8);
    assert!(matches!(
        Program::Zenity.failure(one, "Gtk-Message: mapped without a transient parent", &s, SERIAL),
        programs::Failure::Cancelled(m) if m == "the MFA dialog for profile 'identity' was cancelled; no credentials for 'dev-admin'"
    ));
    assert!(matches!(
        Program::Zenity.failure(one, "Gtk-WARNING **: cannot open display: :59", &s, SERIAL),
        programs::Failure::Broken(m) if m.contains("cannot open the display")
    ));
    assert!(matches!(
        Program::Kdialog.failure(five, "", &s, SERIAL),
        programs::Failure::Broken(m) if m.starts_with("kdialog failed")
    ));
    assert!(matches!(
        Program::Ykman.failure(one, "", &s, SERIAL),
        programs::Failure::Broken(m) if m.contains("account 'alice'") && m.contains("mfa_oath_account")
    ));
}

//! How awsmfa asks for an MFA code when no flag, variable or `mfa_process` supplies one: the
//! prompt driver, `mfa_prompt` in the profile or `AWSMFA_PROMPT` (`terminal`, `zenity`,
//! `kdialog`, `osascript`, `ykman`, `auto`). `auto` asks on the terminal when there is one,
//! else in a desktop dialog when there is a display and a dialog program, else fails (exit 6)
//! naming these options. Dialogs and ykman run one at a time per user (see [`lock`]), so N
//! callers without a terminal raise one dialog; a dialog that was cancelled or timed out
//! answers every caller that was already waiting for it.

mod lock;
mod programs;
mod terminal;

pub use terminal::choose_device;

use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

use crate::error::{Error, Result};
use crate::process::{self, Outcome};
use crate::validate;

pub use programs::Program;

/// A value of `mfa_prompt` / `AWSMFA_PROMPT`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Driver {
    Terminal,
    Zenity,
    Kdialog,
    Osascript,
    Ykman,
    Auto,
}

impl Driver {
    const ALL: [Driver; 6] = [
        Driver::Terminal,
        Driver::Zenity,
        Driver::Kdialog,
        Driver::Osascript,
        Driver::Ykman,
        Driver::Auto,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Driver::Terminal => "terminal",
            Driver::Zenity => "zenity",
            Driver::Kdialog => "kdialog",
            Driver::Osascript => "osascript",
            Driver::Ykman => "ykman",
            Driver::Auto => "auto",
        }
    }

    /// The driver named `value` (any case, surrounding blanks ignored).
    pub fn parse(value: &str) -> Option<Driver> {
        let value = value.trim();
        Driver::ALL
            .into_iter()
            .find(|d| d.name().eq_ignore_ascii_case(value))
    }
}

/// "terminal, zenity, kdialog, osascript, ykman, auto", for messages.
fn all_names() -> String {
    Driver::ALL.map(Driver::name).join(", ")
}

/// Everything a prompt needs to know besides the MFA device: which driver, and what to tell
/// the user about why a code is asked for. Nothing here is secret.
#[derive(Clone, Debug)]
pub struct PromptSettings {
    pub driver: Driver,
    /// Where the driver was chosen, for messages: `AWSMFA_PROMPT`, `mfa_prompt`, or `default`.
    pub origin: &'static str,
    /// `mfa_oath_account`: the YubiKey OATH account ykman reads.
    pub oath_account: Option<String>,
    /// The profile whose keys the code is for (`identity`).
    pub key_profile: String,
    /// The profile the credentials are for (`dev-admin`).
    pub target: String,
    /// When this request began: a dialog declined after it (by the user, or by its time-out)
    /// answers this request too instead of raising another.
    pub since: SystemTime,
}

impl Default for PromptSettings {
    fn default() -> Self {
        PromptSettings {
            driver: Driver::Auto,
            origin: "default",
            oath_account: None,
            key_profile: String::new(),
            target: String::new(),
            since: SystemTime::now(),
        }
    }
}

impl PromptSettings {
    /// The settings for a chain: `AWSMFA_PROMPT` (as AWS variables override the config files),
    /// else `mfa_prompt` of the target profile, else of the key profile, else `auto`. A value
    /// that names no driver is an error here, before anything is asked or sent.
    pub fn for_chain(chain: &crate::config::chain::Chain) -> Result<PromptSettings> {
        let key_profile = chain
            .key_profile
            .clone()
            .unwrap_or_else(|| chain.target.clone());
        let unknown = |value: &str| {
            format!(
                "'{}' is not a prompt driver; use one of {}",
                value.trim(),
                all_names()
            )
        };
        let env = crate::paths::AWSMFA_PROMPT.non_blank();
        let (driver, origin) = if let Some(v) = env {
            let d = Driver::parse(&v)
                .ok_or_else(|| Error::Usage(format!("AWSMFA_PROMPT: {}", unknown(&v))))?;
            (d, "AWSMFA_PROMPT")
        } else if let Some(v) = chain.mfa_prompt.as_deref() {
            // Read from the target or, failing that, the key profile: name both when they differ.
            let whose = if key_profile == chain.target {
                format!("profile '{key_profile}'")
            } else {
                format!("profile '{}' or '{key_profile}'", chain.target)
            };
            let d = Driver::parse(v)
                .ok_or_else(|| Error::Profile(format!("mfa_prompt of {whose}: {}", unknown(v))))?;
            (d, "mfa_prompt")
        } else {
            (Driver::Auto, "default")
        };
        Ok(PromptSettings {
            driver,
            origin,
            oath_account: chain.mfa_oath_account.clone(),
            key_profile,
            target: chain.target.clone(),
            since: SystemTime::now(),
        })
    }
}

/// How long a dialog (or ykman waiting for a touch) may take: `AWSMFA_PROMPT_TIMEOUT` in whole
/// seconds (1 to 3600), else 120 s. A bad value is ignored with a warning.
pub fn timeout() -> Duration {
    static TIMEOUT: std::sync::OnceLock<Duration> = std::sync::OnceLock::new();
    *TIMEOUT.get_or_init(|| {
        let default = Duration::from_secs(120);
        match crate::paths::AWSMFA_PROMPT_TIMEOUT.non_blank() {
            None => default,
            Some(v) => match v.trim().parse::<u64>() {
                Ok(secs) if (1..=3600).contains(&secs) => Duration::from_secs(secs),
                _ => {
                    crate::ui::warn(&format!(
                        "ignoring AWSMFA_PROMPT_TIMEOUT={v}: it takes whole seconds from 1 to 3600; using 120"
                    ));
                    default
                }
            },
        }
    })
}

/// What a caller without a terminal may wait for another awsmfa (holding a cache lock while it
/// asks for a code and calls AWS) before giving up: the dialog's time-out and a margin for the
/// calls to AWS. `None` with a terminal: a person is there, and can interrupt.
pub fn wait_limit() -> Option<Duration> {
    crate::tty::open()
        .is_none()
        .then(|| timeout() + Duration::from_secs(30))
}

static REQUESTER: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Name what needs the code in the dialog's text (`credential_process`, `the credential
/// server`); set once, by the command being run.
pub fn set_requester(name: String) {
    let _ = REQUESTER.set(name);
}

fn requester() -> &'static str {
    REQUESTER.get().map_or("awsmfa", String::as_str)
}

/// What is around this process that a driver may use; separate so the choice is testable.
pub struct Surroundings<'a> {
    pub terminal: bool,
    /// `WAYLAND_DISPLAY` or `DISPLAY`, when set.
    pub display: Option<String>,
    pub macos: bool,
    /// A KDE session (`XDG_CURRENT_DESKTOP`): kdialog before zenity.
    pub kde: bool,
    pub find: &'a dyn Fn(&str) -> Option<PathBuf>,
}

impl Surroundings<'_> {
    fn here() -> Surroundings<'static> {
        use crate::paths::{DISPLAY, WAYLAND_DISPLAY, XDG_CURRENT_DESKTOP};
        Surroundings {
            terminal: crate::tty::open().is_some(),
            display: WAYLAND_DISPLAY.non_empty().or_else(|| DISPLAY.non_empty()),
            macos: cfg!(target_os = "macos"),
            kde: XDG_CURRENT_DESKTOP
                .non_empty()
                .is_some_and(|d| d.to_ascii_uppercase().contains("KDE")),
            find: &process::find_program,
        }
    }
}

/// How the code will be asked for.
#[derive(Debug, PartialEq, Eq)]
pub enum Plan {
    Terminal,
    Program(Program, PathBuf),
    /// Nothing can ask: why, in words that finish "there is ...".
    Unavailable(String),
}

/// The plan for `driver` in `around`.
pub fn plan(driver: Driver, around: &Surroundings) -> Plan {
    let program = |p: Program| (around.find)(p.command()).map(|path| Plan::Program(p, path));
    let needs_display = |p: Program| match &around.display {
        None => Plan::Unavailable(format!(
            "no display for {} (DISPLAY and WAYLAND_DISPLAY are unset)",
            p.command()
        )),
        Some(_) => program(p).unwrap_or_else(|| not_installed(p)),
    };
    match driver {
        Driver::Terminal if around.terminal => Plan::Terminal,
        Driver::Terminal => Plan::Unavailable("no terminal to ask on".into()),
        Driver::Zenity => needs_display(Program::Zenity),
        Driver::Kdialog => needs_display(Program::Kdialog),
        Driver::Osascript => {
            program(Program::Osascript).unwrap_or_else(|| not_installed(Program::Osascript))
        }
        Driver::Ykman => program(Program::Ykman).unwrap_or_else(|| not_installed(Program::Ykman)),
        Driver::Auto if around.terminal => Plan::Terminal,
        Driver::Auto => {
            if around.macos
                && let Some(p) = program(Program::Osascript)
            {
                return p;
            }
            let Some(display) = &around.display else {
                return Plan::Unavailable(
                    "no terminal to ask on and no display for a dialog".into(),
                );
            };
            let order = if around.kde {
                [Program::Kdialog, Program::Zenity]
            } else {
                [Program::Zenity, Program::Kdialog]
            };
            order.into_iter().find_map(program).unwrap_or_else(|| {
                Plan::Unavailable(format!(
                    "no terminal to ask on, and neither zenity nor kdialog is installed for a dialog on display {display}"
                ))
            })
        }
    }
}

fn not_installed(p: Program) -> Plan {
    Plan::Unavailable(format!("no {} installed (not on PATH)", p.command()))
}

/// A validated code for `serial`, asked as `settings` say; on the terminal only when
/// `terminal_allowed` (not under `exec --server`'s command). `login_hint` ends the message when
/// nothing can ask.
pub fn ask(
    serial: &str,
    settings: &PromptSettings,
    login_hint: &str,
    terminal_allowed: bool,
) -> Result<String> {
    let mut around = Surroundings::here();
    around.terminal &= terminal_allowed;
    match plan(settings.driver, &around) {
        Plan::Terminal => terminal::prompt_tty(serial, login_hint),
        Plan::Program(program, path) => ask_program(program, &path, serial, settings),
        Plan::Unavailable(_) if !terminal_allowed => Err(Error::LoginRequired(format!(
            "an MFA code for {serial} is needed and awsmfa may not ask for one here (its command owns the terminal, and there is no dialog); {login_hint}"
        ))),
        Plan::Unavailable(why) => {
            let chosen = match settings.origin {
                "default" => String::new(),
                origin => format!(" ({origin} = {})", settings.driver.name()),
            };
            Err(Error::LoginRequired(format!(
                "an MFA code for {serial} is needed and there is {why}{chosen}; {login_hint}, or set mfa_process or mfa_prompt = zenity|kdialog|osascript|ykman in profile '{}'",
                settings.key_profile
            )))
        }
    }
}

/// Ask with a dialog or ykman, one at a time per user: wait for the prompt lock, give up if a
/// dialog for this device was declined while this request waited, else ask (up to three times
/// for a well-formed code) before the time-out.
fn ask_program(
    program: Program,
    path: &std::path::Path,
    serial: &str,
    settings: &PromptSettings,
) -> Result<String> {
    let limit = timeout();
    let lock = lock::PromptLock::open();
    let _held = lock.hold(limit + Duration::from_secs(30)).map_err(|e| match e {
        lock::Wait::TimedOut(secs) => Error::LoginRequired(format!(
            "gave up after {secs} s waiting for another awsmfa's MFA prompt to finish; try again"
        )),
        lock::Wait::Failed(e) => e,
    })?;
    if let Some(earlier) = lock.declined_since(serial, settings.since) {
        return Err(Error::LoginRequired(earlier));
    }
    let text = format!(
        "awsmfa: MFA code for {} ({serial}), needed by {} for {}",
        settings.key_profile,
        requester(),
        settings.target
    );
    let deadline = Instant::now() + limit;
    let declined = |why: String| {
        lock.record_declined(serial, &why);
        Error::LoginRequired(why)
    };
    for attempt in 1..=3 {
        let left = deadline.saturating_duration_since(Instant::now());
        let shown = if attempt == 1 {
            text.clone()
        } else {
            format!("{text}\n\nThat was not six digits; please try again.")
        };
        let cmd = program.command_line(path, &shown, settings, serial);
        crate::ui::debug(&format!(
            "asking for the MFA code with {}",
            program.command()
        ));
        let outcome = if left.is_zero() {
            Outcome::TimedOut
        } else {
            process::run(cmd, program.stderr(), Some(left))?
        };
        match outcome {
            Outcome::TimedOut => {
                return Err(declined(format!(
                    "no MFA code for profile '{}' came from {} within {} s (AWSMFA_PROMPT_TIMEOUT)",
                    settings.key_profile,
                    program.command(),
                    limit.as_secs()
                )));
            }
            Outcome::Exited { status, stdout, .. } if status.success() => {
                let answer = zeroize::Zeroizing::new(String::from_utf8_lossy(&stdout).into_owned());
                match validate::mfa_code(&answer) {
                    Ok(code) => return Ok(code),
                    Err(e) if program == Program::Ykman => {
                        return Err(Error::LoginRequired(format!(
                            "ykman printed no MFA code for account '{}': {e}",
                            programs::oath_account(settings, serial)
                        )));
                    }
                    Err(_) => continue,
                }
            }
            Outcome::Exited { status, stderr, .. } => {
                return Err(match program.failure(status, &stderr, settings, serial) {
                    programs::Failure::Cancelled(why) => declined(why),
                    programs::Failure::Broken(why) => Error::LoginRequired(why),
                });
            }
        }
    }
    Err(declined(format!(
        "no valid MFA code (six digits) was entered in the {} dialog for profile '{}'",
        program.command(),
        settings.key_profile
    )))
}

#[cfg(test)]
mod tests;

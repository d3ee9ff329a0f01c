//! Where a store passphrase comes from: `AWSMFA_PASSPHRASE_COMMAND` (or, for `passwd`,
//! `AWSMFA_NEW_PASSPHRASE_COMMAND`), else hidden prompts on the terminal.

use std::path::Path;

use age::secrecy::SecretString;

use super::{Keys, OpenError, PASSPHRASE_COMMAND, decrypt};
use crate::error::{Error, Result};

/// How often a wrong passphrase typed on the terminal is asked again.
const TTY_ATTEMPTS: usize = 3;

/// Run the command in `var` (`AWSMFA_PASSPHRASE_COMMAND`), if set: its stdout minus one
/// trailing newline.
fn passphrase_from_command(var: &str) -> Result<Option<SecretString>> {
    let Some(cmd) = crate::paths::lookup(var).filter(|c| !c.trim().is_empty()) else {
        return Ok(None);
    };
    crate::ui::debug(&format!("running {var}"));
    let stdout = crate::process::user_command(&cmd).map_err(|f| match f {
        crate::process::Failure::NotStarted(e) => {
            Error::Other(format!("{var} could not be started: {e}"))
        }
        // A helper that fails is a local failure (1), not a refusal (4, a wrong passphrase).
        crate::process::Failure::Failed(status) => Error::Other(format!(
            "{var} failed ({status}); fix it, or unset it to type the passphrase"
        )),
    })?;
    let mut text = std::str::from_utf8(&stdout)
        .map_err(|_| Error::Other(format!("{var} printed no text")))?
        .to_string();
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    if text.is_empty() {
        return Err(Error::Other(format!("{var} printed an empty passphrase")));
    }
    Ok(Some(SecretString::from(text)))
}

/// Whether a new passphrase could be had: the command in `var` is set, or there is a terminal.
pub fn can_ask_new(var: &str) -> bool {
    crate::paths::lookup(var).is_some_and(|c| !c.trim().is_empty()) || have_tty()
}

/// Whether a terminal can be opened to ask on.
pub fn have_tty() -> bool {
    crate::tty::available()
}

/// Write `msg` and a newline on the terminal (nothing when there is none or it is not ours).
pub fn tty_say(msg: &str) {
    crate::tty::say(&crate::tty::lock_dir(), msg);
}

/// A hidden line typed on the terminal, under the terminal lock.
pub fn read_hidden(prompt: &str) -> Result<String> {
    crate::tty::read_hidden(&crate::tty::lock_dir(), prompt)
}

fn no_terminal(what: &str, var: &str) -> Error {
    Error::LoginRequired(format!(
        "{what} is needed and there is no terminal to ask on; set {var} to a command that prints it, or run awsmfa in a terminal"
    ))
}

/// A new passphrase for `profile`'s file: from the command in `var` (`PASSPHRASE_COMMAND`, or
/// `NEW_PASSPHRASE_COMMAND` for `passwd`), else typed twice on the terminal.
pub fn new_passphrase(profile: &str, var: &str) -> Result<SecretString> {
    if let Some(p) = passphrase_from_command(var)? {
        return Ok(p);
    }
    if !have_tty() {
        return Err(no_terminal(
            &format!("a new passphrase for the key store (profile '{profile}')"),
            var,
        ));
    }
    // One lock for the passphrase and its confirmation: no other prompt comes between them.
    let _tty = crate::tty::lock(&crate::tty::lock_dir())?;
    for _ in 0..TTY_ATTEMPTS {
        let first = read_hidden(&format!(
            "New passphrase for profile '{profile}' in the key store: "
        ))?;
        if first.is_empty() {
            tty_say("awsmfa: the passphrase must not be empty");
            continue;
        }
        let again = read_hidden("Confirm the passphrase: ")?;
        if first == again {
            return Ok(SecretString::from(first));
        }
        tty_say("awsmfa: the passphrases differ; try again");
    }
    Err(Error::Usage(
        "no passphrase set (the two entries differed or were empty); nothing was changed".into(),
    ))
}

/// An unlocked store file: its keys, the passphrase that opened it, and its bytes (so a failed
/// rotation can put back exactly the file it replaced).
pub struct Unlocked {
    pub keys: Keys,
    pub passphrase: SecretString,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Unlocked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Unlocked")
            .field("keys", &self.keys)
            .finish()
    }
}

/// Read and decrypt `profile`'s file at `path`, asking for its passphrase (the command once,
/// or the terminal up to three times). A wrong passphrase is `Error::Auth` and changes nothing.
pub fn unlock(profile: &str, path: &Path) -> Result<Unlocked> {
    let bytes = std::fs::read(path).map_err(|e| {
        Error::io(
            format!("cannot read the key store file {}", path.display()),
            e,
        )
    })?;
    if let Some(passphrase) = passphrase_from_command(PASSPHRASE_COMMAND)? {
        return match decrypt(&bytes, &passphrase, path) {
            Ok(keys) => Ok(Unlocked {
                keys,
                passphrase,
                bytes,
            }),
            Err(OpenError::WrongPassphrase) => Err(Error::Auth(format!(
                "the passphrase from {PASSPHRASE_COMMAND} does not open {} (profile '{profile}'): wrong passphrase; nothing was changed",
                path.display()
            ))),
            Err(OpenError::Other(e)) => Err(e),
        };
    }
    if !have_tty() {
        return Err(no_terminal(
            &format!("the key store passphrase of profile '{profile}'"),
            PASSPHRASE_COMMAND,
        ));
    }
    // Held across the attempts, so "wrong passphrase; try again" is followed by this prompt.
    let _tty = crate::tty::lock(&crate::tty::lock_dir())?;
    for attempt in 1..=TTY_ATTEMPTS {
        let typed = read_hidden(&format!("Passphrase for profile '{profile}' (key store): "))?;
        let passphrase = SecretString::from(typed);
        match decrypt(&bytes, &passphrase, path) {
            Ok(keys) => {
                return Ok(Unlocked {
                    keys,
                    passphrase,
                    bytes,
                });
            }
            Err(OpenError::WrongPassphrase) if attempt < TTY_ATTEMPTS => {
                tty_say("awsmfa: wrong passphrase; try again");
            }
            Err(OpenError::WrongPassphrase) => break,
            Err(OpenError::Other(e)) => return Err(e),
        }
    }
    Err(Error::Auth(format!(
        "wrong passphrase for {} (profile '{profile}', {TTY_ATTEMPTS} attempts); nothing was changed",
        path.display()
    )))
}

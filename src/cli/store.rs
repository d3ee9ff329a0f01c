//! `awsmfa store import|add|remove|list|passwd`: keep long-lived keys in the encrypted store
//! (`~/.aws/awsmfa/keys/PROFILE.age`) instead of the plaintext credentials file.

use std::io::{IsTerminal, Read};

use clap::{Args, Subcommand};
use serde_json::json;

use super::GlobalArgs;
use crate::cache::{Cache, Scope};
use crate::credfile;
use crate::error::{Error, Result};
use crate::store::{self, Keys, mask};

#[derive(Debug, Args)]
pub struct StoreArgs {
    #[command(subcommand)]
    pub command: StoreCommand,
}

#[derive(Debug, Subcommand)]
pub enum StoreCommand {
    /// Move PROFILE's keys from the plaintext credentials file into the store, then offer to rotate them
    #[command(after_help = "Example: awsmfa store import identity")]
    Import(ImportArgs),
    /// Store keys for PROFILE: typed at hidden prompts, or read from stdin (two lines, or `key = value` lines)
    #[command(after_help = "Example: awsmfa store add identity")]
    Add(ProfileArg),
    /// Delete PROFILE's keys from the store
    #[command(after_help = "Example: awsmfa store remove identity --yes")]
    Remove(RemoveArgs),
    /// List the profiles in the store
    #[command(after_help = "Example: awsmfa store list --json")]
    List(ListArgs),
    /// Encrypt PROFILE's keys with a new passphrase
    #[command(after_help = "Example: awsmfa store passwd identity")]
    Passwd(ProfileArg),
}

impl StoreArgs {
    /// The credential flags, for the store commands that may get credentials (`import` offers
    /// to rotate the keys, which takes an MFA session).
    pub fn credential_args(&self) -> Option<&super::CredentialArgs> {
        match &self.command {
            StoreCommand::Import(a) => Some(&a.cred),
            _ => None,
        }
    }
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Profile name
    #[arg(id = "profile_name", value_name = "PROFILE")]
    pub profile: String,
    #[command(flatten)]
    pub cred: super::CredentialArgs,
}

#[derive(Debug, Args)]
pub struct ProfileArg {
    /// Profile name
    // Not the id `profile`: that would shadow the global `--profile` flag.
    #[arg(id = "profile_name", value_name = "PROFILE")]
    pub profile: String,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// Profile name
    #[arg(id = "profile_name", value_name = "PROFILE")]
    pub profile: String,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

pub fn run(global: &GlobalArgs, args: &StoreArgs) -> Result<()> {
    match &args.command {
        StoreCommand::Import(a) => import(global, &a.profile),
        StoreCommand::Add(a) => add(&a.profile),
        StoreCommand::Remove(a) => remove(&a.profile, a.yes),
        StoreCommand::List(a) => list(a),
        StoreCommand::Passwd(a) => passwd(&a.profile),
    }
}

/// Ask a yes/no question on the terminal; `None` when there is none. Only `y`/`yes` is yes.
pub fn ask_yes_no(question: &str) -> Result<Option<bool>> {
    crate::tty::ask_yes_no(&crate::tty::lock_dir(), question)
}

fn already_stored(profile: &str, path: &std::path::Path) -> Error {
    Error::refused(
        crate::error::Protected::KeyStore,
        format!(
            "profile '{profile}' already has keys in the store ({}); `awsmfa rotate {word}` replaces them with new ones, `awsmfa store remove {word}` deletes them",
            path.display(),
            word = crate::render::shell_word(profile)
        ),
    )
}

/// Drop what the cache holds for `profile` and every profile chained to it, and the MFA device
/// remembered for its store keys: the keys behind them changed.
fn forget(profile: &str) {
    if let Err(e) = Cache::open().forget(Scope::StoreKeysOf(profile)) {
        crate::ui::warn(&format!("could not drop cached credentials: {e}"));
    }
}

fn refusal(path: &std::path::Path, r: credfile::Refusal) -> Error {
    Error::refused(
        crate::error::Protected::CredentialsFile,
        format!("{}: {r}", path.display()),
    )
}

fn import(global: &GlobalArgs, profile: &str) -> Result<()> {
    if let Some(path) = store::Index::open().find(profile) {
        return Err(already_stored(profile, &path));
    }
    let cred_path = crate::paths::credentials_file();
    let text = match std::fs::read(&cred_path) {
        Ok(b) => String::from_utf8(b).map_err(|_| Error::Config {
            file: cred_path.display().to_string(),
            line: 0,
            message: "not valid UTF-8".into(),
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::io(format!("cannot read {}", cred_path.display()), e)),
    };
    let Some((id, secret)) =
        credfile::long_lived_keys(&text, profile).map_err(|r| refusal(&cred_path, r))?
    else {
        return Err(Error::Profile(format!(
            "[{profile}] of {} holds no long-lived keys to import (aws_access_key_id and aws_secret_access_key without a session token)",
            cred_path.display()
        )));
    };
    // Check that the keys can be taken out of the file before anything is written.
    credfile::remove_keys(&text, profile).map_err(|r| refusal(&cred_path, r))?;
    let keys = Keys::new(&id, &secret)?;
    let passphrase = store::new_passphrase(profile, store::PASSPHRASE_COMMAND)?;
    let bytes = store::encrypt(&keys, &passphrase)?;
    let store_path = {
        let _lock = store::lock(profile)?;
        if let Some(path) = store::Index::open().find(profile) {
            return Err(already_stored(profile, &path));
        }
        store::write_file(profile, &bytes)?
    };
    if let Err(e) = credfile::remove_section_keys(&cred_path, profile, &id) {
        // Back to where it started: the keys stay in the file only.
        let undo = store::remove_file(profile);
        return Err(Error::Other(format!(
            "cannot remove the keys of [{profile}] from {}: {e}; {}",
            cred_path.display(),
            match undo {
                Ok(_) => "the store file was removed again, nothing changed".to_string(),
                Err(u) => format!(
                    "and the store file could not be removed again ({u}); the keys are in both places, and the store's copy is used"
                ),
            }
        )));
    }
    forget(profile);
    crate::ui::info(&format!(
        "moved the keys of profile '{profile}' ({}) into {} and removed them from {}",
        mask(&id),
        store_path.display(),
        cred_path.display()
    ));
    let hint = format!(
        "the key was kept in plaintext until now: rotate it with `awsmfa rotate {}`",
        crate::render::shell_word(profile)
    );
    match ask_yes_no(&format!(
        "The key of '{profile}' was in a plaintext file. Rotate it now?"
    ))? {
        Some(true) => {
            let unlocked = store::Unlocked {
                keys,
                passphrase,
                bytes,
            };
            super::rotate::rotate_with(global, profile, Some(unlocked))
        }
        _ => {
            crate::ui::info(&hint);
            Ok(())
        }
    }
}

/// Keys typed at hidden prompts on the terminal, or from stdin when it is not a terminal: two
/// lines (id, secret) or `aws_access_key_id = ...` / `aws_secret_access_key = ...` lines.
fn read_keys() -> Result<Keys> {
    if std::io::stdin().is_terminal() {
        if !store::have_tty() {
            return Err(Error::Usage("no terminal to type the keys on".into()));
        }
        // The two keys are asked in one turn at the terminal.
        let _tty = crate::tty::lock(&crate::tty::lock_dir())?;
        let id = store::read_hidden("AWS access key ID: ")?;
        let secret = store::read_hidden("AWS secret access key: ")?;
        return Keys::new(&id, &secret);
    }
    let mut input = zeroize::Zeroizing::new(String::new());
    std::io::stdin()
        .take(64 * 1024)
        .read_to_string(&mut input)
        .map_err(|e| Error::io("cannot read the keys from stdin", e))?;
    if input.contains(['=', ':']) {
        return Keys::parse(&input).map_err(|e| Error::Usage(format!("stdin: {e}")));
    }
    let mut lines = input.lines().map(str::trim).filter(|l| !l.is_empty());
    match (lines.next(), lines.next(), lines.next()) {
        (Some(id), Some(secret), None) => Keys::new(id, secret),
        _ => Err(Error::Usage(
            "stdin: expected two lines, the access key id then the secret access key (or `aws_access_key_id = ...` lines)".into(),
        )),
    }
}

fn add(profile: &str) -> Result<()> {
    if let Some(path) = store::Index::open().find(profile) {
        return Err(already_stored(profile, &path));
    }
    let keys = read_keys()?;
    let passphrase = store::new_passphrase(profile, store::PASSPHRASE_COMMAND)?;
    let bytes = store::encrypt(&keys, &passphrase)?;
    let path = {
        let _lock = store::lock(profile)?;
        if let Some(path) = store::Index::open().find(profile) {
            return Err(already_stored(profile, &path));
        }
        store::write_file(profile, &bytes)?
    };
    forget(profile);
    crate::ui::info(&format!(
        "stored the keys of profile '{profile}' ({}) in {}",
        mask(&keys.access_key_id),
        path.display()
    ));
    let cred_path = crate::paths::credentials_file();
    if let Ok(text) = std::fs::read_to_string(&cred_path)
        && credfile::long_lived_keys(&text, profile).is_ok_and(|k| k.is_some())
    {
        crate::ui::warn(&format!(
            "[{profile}] of {} still holds plaintext keys; the store's are used. Remove them from the file",
            cred_path.display()
        ));
    }
    Ok(())
}

fn remove(profile: &str, yes: bool) -> Result<()> {
    let Some(path) = store::Index::open().find(profile) else {
        return Err(Error::Profile(format!(
            "profile '{profile}' has no keys in the store ({})",
            store::keys_dir().display()
        )));
    };
    if !yes {
        let question = format!(
            "Delete the keys of profile '{profile}' ({})? The secret cannot be read from AWS again.",
            path.display()
        );
        match ask_yes_no(&question)? {
            None => {
                return Err(Error::Usage(format!(
                    "no terminal to confirm on: run `awsmfa store remove {} --yes` to delete the keys; nothing was removed",
                    crate::render::shell_word(profile)
                )));
            }
            Some(false) => {
                crate::ui::info("nothing was removed");
                return Ok(());
            }
            Some(true) => {}
        }
    }
    {
        let _lock = store::lock(profile)?;
        store::remove_file(profile)?;
    }
    forget(profile);
    crate::ui::info(&format!(
        "removed the keys of profile '{profile}' ({}); the access key itself is still active in IAM",
        path.display()
    ));
    Ok(())
}

fn list(args: &ListArgs) -> Result<()> {
    let index = store::Index::open();
    let entries = index.list();
    let rows: Vec<serde_json::Value> = entries
        .iter()
        .map(|(profile, path)| {
            let modified = std::fs::metadata(path)
                .and_then(|m| m.modified())
                .ok()
                .map(|t| crate::creds::format_utc(chrono::DateTime::<chrono::Utc>::from(t)));
            json!({ "profile": profile, "path": path.display().to_string(), "modified": modified })
        })
        .collect();
    if args.json {
        return super::print_stdout(&format!("{}\n", serde_json::Value::Array(rows)));
    }
    if rows.is_empty() {
        crate::ui::info(&format!(
            "the key store ({}) is empty; add keys with `awsmfa store import PROFILE` or `awsmfa store add PROFILE`",
            store::keys_dir().display()
        ));
        return Ok(());
    }
    let width = entries
        .iter()
        .map(|(p, _)| p.chars().count())
        .max()
        .unwrap_or(0)
        .max("PROFILE".len());
    let mut out = format!("{:<width$}  {:<20}  FILE\n", "PROFILE", "MODIFIED");
    for r in &rows {
        let s = |k: &str| r[k].as_str().unwrap_or("-").to_string();
        out.push_str(&format!(
            "{:<width$}  {:<20}  {}\n",
            s("profile"),
            s("modified"),
            s("path")
        ));
    }
    super::print_stdout(&out)
}

fn passwd(profile: &str) -> Result<()> {
    let Some(path) = store::Index::open().find(profile) else {
        return Err(Error::Profile(format!(
            "profile '{profile}' has no keys in the store ({})",
            store::keys_dir().display()
        )));
    };
    if !store::can_ask_new(store::NEW_PASSPHRASE_COMMAND) {
        // Before the old passphrase is asked for and checked (about a second of work).
        return Err(
            store::new_passphrase(profile, store::NEW_PASSPHRASE_COMMAND)
                .err()
                .unwrap_or_else(|| Error::Other("no new passphrase".into())),
        );
    }
    let unlocked = store::unlock(profile, &path)?;
    let passphrase = store::new_passphrase(profile, store::NEW_PASSPHRASE_COMMAND)?;
    let bytes = store::encrypt(&unlocked.keys, &passphrase)?;
    let _lock = store::lock(profile)?;
    let current = std::fs::read(&path)
        .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
    if current != unlocked.bytes {
        return Err(Error::Other(format!(
            "{} changed while awsmfa was working; nothing was written",
            path.display()
        )));
    }
    store::write_file(profile, &bytes)?;
    crate::ui::info(&format!(
        "{} is now encrypted with the new passphrase",
        path.display()
    ));
    Ok(())
}

//! Format-preserving edits of the shared credentials file (`~/.aws/credentials`): awsmfa writes,
//! replaces and removes its own temporary-credential sections, and every other byte of the file
//! (comments, blank lines, line endings, other sections, a missing final newline) stays as it was.
//!
//! Rules, decided once here:
//! - A section's *extent* is its header line through its last key line (with that key's
//!   indented continuation lines). Blank lines and comments after the last key stay where they
//!   are: they usually introduce the next section.
//! - awsmfa owns six keys (`aws_access_key_id` .. `awsmfa_managed`). Writing replaces them as
//!   one block, placed where the first of them was (after the last key when none was there); any
//!   other line in the extent (`region = ...`, a comment) is kept in place, so nothing the user
//!   wrote is lost. Removing drops the whole extent, or only the owned keys when other keys remain.
//! - A section with either half of a key pair, no session token and no `awsmfa_managed = true`
//!   holds long-lived keys: never overwritten, never removed.
//! - A name that appears in two `[NAME]` headers is refused with both line numbers: boto3 and the
//!   AWS CLI v1 (Python configparser, strict) refuse such a file, while the Rust SDK merges the
//!   sections, so no edit of it means the same to every reader.
//! - Headers are matched literally: `[profile x]` here is a section named `profile x`.
//! - Line endings stay as written; new lines take the ending of the file's first line. Where an
//!   edit brings a line ending in a lone `\r` next to a blank line ending in `\n`, that `\r`
//!   becomes `\r\n`: Python reads `\r` then `\n` as one break, and the blank line would vanish.

mod edit;
mod file;
mod section;

use std::fmt;

use chrono::{DateTime, Utc};

use crate::creds::{Credentials, format_utc};

pub use edit::{
    long_lived_keys, managed_sections, remove_keys, remove_managed, replace_keys, upsert,
};
pub use file::{
    lock_path, remove_section, remove_section_keys, replace_section_keys, write_section,
};

/// The keys awsmfa writes, in the order it writes them.
const OWNED_KEYS: [&str; 6] = [
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
    "aws_security_token",
    "expiration",
    MANAGED_KEY,
];
const MANAGED_KEY: &str = "awsmfa_managed";
/// The two keys of a long-lived section that `remove_keys` and `replace_keys` edit.
const KEY_PAIR: [&str; 2] = ["aws_access_key_id", "aws_secret_access_key"];

/// Temporary credentials as one credentials-file section.
#[derive(Clone, PartialEq, Eq)]
pub struct TempSection {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: String,
    pub expiration: DateTime<Utc>,
}

impl fmt::Debug for TempSection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TempSection")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field("session_token", &"** redacted **")
            .field("expiration", &self.expiration)
            .finish()
    }
}

impl TempSection {
    /// The section for `c`; `None` for long-lived keys (no session token or no expiry).
    pub fn from_credentials(c: &Credentials) -> Option<TempSection> {
        Some(TempSection {
            access_key_id: c.access_key_id.clone(),
            secret_access_key: c.secret_access_key.clone(),
            session_token: c.session_token.clone()?,
            expiration: c.expiration?,
        })
    }

    /// The owned keys with their values, in `OWNED_KEYS` order.
    fn key_values(&self) -> [(&'static str, String); 6] {
        [
            (OWNED_KEYS[0], self.access_key_id.clone()),
            (OWNED_KEYS[1], self.secret_access_key.clone()),
            (OWNED_KEYS[2], self.session_token.clone()),
            // Older boto and some SDK wrappers still read the pre-2014 name.
            (OWNED_KEYS[3], self.session_token.clone()),
            (OWNED_KEYS[4], format_utc(self.expiration)),
            (OWNED_KEYS[5], "true".to_string()),
        ]
    }
}

/// `[NAME]` and the six owned keys, each line ended by `newline`.
pub fn render_section(name: &str, section: &TempSection, newline: &str) -> String {
    let mut out = format!("[{name}]{newline}");
    for line in owned_lines(section) {
        out.push_str(&line);
        out.push_str(newline);
    }
    out
}

fn owned_lines(section: &TempSection) -> impl Iterator<Item = String> {
    section
        .key_values()
        .into_iter()
        .map(|(k, v)| format!("{k} = {v}"))
}

/// Why an edit was not made. The file is left exactly as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Writing over a section that holds long-lived keys.
    LongLivedKeys { name: String },
    /// Removing a section awsmfa did not write (`long_lived`: it holds long-lived keys).
    NotManaged { name: String, long_lived: bool },
    /// The target name heads more than one section (1-based header lines).
    Duplicate { name: String, lines: Vec<usize> },
    /// A name that cannot be written as a header and read back as the same name.
    InvalidName { name: String, reason: &'static str },
    /// A credential value that would not survive the file (empty, whitespace, control chars).
    InvalidValue { key: &'static str },
    /// The file does not parse as the AWS CLI reads it (1-based line, 0 for the whole file).
    Malformed { line: usize, message: String },
    /// Editing the long-lived keys of a section that has none (or only half a pair).
    NoLongLivedKeys { name: String },
    /// The section's access key id is not the one expected: the file changed meanwhile.
    KeysChanged { name: String },
    /// The edit would change how botocore reads another line (indentation decides what a
    /// line continues).
    Unsafe { name: String },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::LongLivedKeys { name } => write!(
                f,
                "[{name}] holds long-lived keys; awsmfa never overwrites them: \
                 choose another section with --to NAME (classic form: -t/--target-profile NAME)"
            ),
            Refusal::NotManaged {
                name,
                long_lived: true,
            } => write!(
                f,
                "[{name}] holds long-lived keys; awsmfa never removes them"
            ),
            Refusal::NotManaged { name, .. } => write!(
                f,
                "[{name}] was not written by awsmfa (it has no `{MANAGED_KEY} = true`), \
                 so awsmfa leaves it alone: edit the file to remove it"
            ),
            Refusal::Duplicate { name, lines } => {
                let lines: Vec<String> = lines.iter().map(ToString::to_string).collect();
                write!(
                    f,
                    "[{name}] appears more than once (lines {}); boto3 refuses such a file and \
                     other tools merge it: keep one [{name}] section, then retry",
                    lines.join(", ")
                )
            }
            Refusal::InvalidName { name, reason } => {
                write!(f, "cannot use '{name}' as a section name: {reason}")
            }
            Refusal::InvalidValue { key } => write!(
                f,
                "the {key} to write is empty or contains whitespace; nothing was written"
            ),
            Refusal::Malformed { line: 0, message } => f.write_str(message),
            Refusal::Malformed { line, message } => write!(f, "line {line}: {message}"),
            Refusal::NoLongLivedKeys { name } => write!(
                f,
                "[{name}] holds no long-lived keys (aws_access_key_id and \
                 aws_secret_access_key without a session token)"
            ),
            Refusal::KeysChanged { name } => write!(
                f,
                "the keys in [{name}] changed while awsmfa was working; nothing was written"
            ),
            Refusal::Unsafe { name } => write!(
                f,
                "editing [{name}] would change how the AWS CLI reads the lines around it (an \
                 indented line continues the key above it); nothing was written: remove the \
                 indentation of the keys and headers near [{name}], then retry"
            ),
        }
    }
}

impl std::error::Error for Refusal {}

/// What `remove_managed` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removed {
    /// The whole section (header through its last key) is gone.
    Section,
    /// Only awsmfa's keys are gone: the section also held other keys, which stay.
    Keys,
    /// There was no such section; the text is unchanged.
    NotFound,
}

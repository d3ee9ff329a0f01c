//! The encrypted key store: long-lived keys kept in `~/.aws/awsmfa/keys/PROFILE.age` (one age
//! file per profile, passphrase/scrypt recipient, so `age -d` reads it too) instead of the
//! plaintext credentials file. The passphrase comes from `AWSMFA_PASSPHRASE_COMMAND` or a hidden
//! prompt on /dev/tty, and is asked only when the keys are really needed (a new MFA session,
//! rotation): a profile's cache identity is its name, so a cached session needs no decryption.
//!
//! `file` knows where the files are, `index` which profiles have one, `crypt` the age format,
//! `passphrase` where a passphrase comes from.

mod crypt;
mod file;
mod index;
mod passphrase;

pub use crypt::*;
pub use file::*;
pub use index::Index;
pub use passphrase::*;

use crate::creds::Credentials;
use crate::error::{Error, Result};

/// The file extension of store files.
pub const EXT: &str = "age";
/// A command that prints the passphrase (run with `sh -c`; one trailing newline is dropped).
pub const PASSPHRASE_COMMAND: &str = crate::paths::AWSMFA_PASSPHRASE_COMMAND.name();
/// For `store passwd`: a command that prints the new passphrase.
pub const NEW_PASSPHRASE_COMMAND: &str = crate::paths::AWSMFA_NEW_PASSPHRASE_COMMAND.name();
/// Test-only: the scrypt work factor (log2 N) for new files, instead of `DEFAULT_LOG_N`.
pub const SCRYPT_LOG_N: &str = crate::paths::AWSMFA_SCRYPT_LOG_N.name();

/// Long-lived keys as the store keeps them. `Debug` never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Keys {
    pub access_key_id: String,
    pub secret_access_key: String,
}

impl Drop for Keys {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.secret_access_key);
    }
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keys")
            .field("access_key_id", &mask(&self.access_key_id))
            .field("secret_access_key", &"** redacted **")
            .finish()
    }
}

impl Keys {
    /// Checked keys: an access key id of 16 to 128 letters and digits that is not a temporary
    /// one (`ASIA...`), and a secret without whitespace. Errors never contain the values.
    pub fn new(access_key_id: &str, secret_access_key: &str) -> Result<Keys> {
        let id = access_key_id.trim();
        let secret = secret_access_key.trim();
        if let Err(why) = crate::validate::key_id(id) {
            return Err(Error::Usage(format!(
                "that is not an AWS access key id (like AKIA...): {why}"
            )));
        }
        if id.starts_with("ASIA") {
            return Err(Error::Usage(
                "ASIA... is a temporary access key id; the store keeps long-lived keys (AKIA...)"
                    .into(),
            ));
        }
        if let Err(why) = crate::validate::secret(secret) {
            return Err(Error::Usage(why.to_string()));
        }
        Ok(Keys {
            access_key_id: id.to_string(),
            secret_access_key: secret.to_string(),
        })
    }

    pub fn from_credentials(c: &Credentials) -> Result<Keys> {
        Keys::new(&c.access_key_id, &c.secret_access_key)
    }

    pub fn credentials(&self) -> Credentials {
        Credentials {
            access_key_id: self.access_key_id.clone(),
            secret_access_key: self.secret_access_key.clone(),
            session_token: None,
            expiration: None,
        }
    }

    /// The file's plaintext: the profile's credentials-file section without its header.
    pub fn render(&self) -> String {
        format!(
            "aws_access_key_id = {}\naws_secret_access_key = {}\n",
            self.access_key_id, self.secret_access_key
        )
    }

    /// Read `key = value` lines as botocore reads a credentials section (a `[header]`,
    /// comments and other keys are ignored, so a file made by hand from a credentials section
    /// works; an indented line continues the key above it). Errors name no value.
    pub fn parse(text: &str) -> Result<Keys> {
        use crate::ini::line::{Kind, Lexer, raw_lines};
        let (mut id, mut secret) = (None, None);
        let mut lexer = Lexer::in_section();
        for line in raw_lines(text, 0, text.len()) {
            let Kind::Key(k, v) = lexer.line(line.content) else {
                continue;
            };
            match k.to_lowercase().as_str() {
                "aws_access_key_id" => id = Some(v.to_string()),
                "aws_secret_access_key" => secret = Some(v.to_string()),
                "aws_session_token" if !v.is_empty() => {
                    return Err(Error::Other(
                        "it holds a session token: the store keeps long-lived keys only".into(),
                    ));
                }
                _ => {}
            }
        }
        match (id, secret) {
            (Some(id), Some(secret)) => Keys::new(&id, &secret),
            _ => Err(Error::Other(
                "it lacks aws_access_key_id or aws_secret_access_key".into(),
            )),
        }
    }
}

/// `AKIA****MPLE`: enough of a key id to tell keys apart in messages, not the whole id.
pub fn mask(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() < 12 {
        return "****".into();
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "AKIAIOSFODNN7EXAMPLE";
    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";

    #[test]
    fn keys_render_parse_and_are_checked() {
        let k = Keys::new(ID, SECRET).unwrap();
        assert_eq!(
            k.render(),
            format!("aws_access_key_id = {ID}\naws_secret_access_key = {SECRET}\n")
        );
        assert_eq!(Keys::parse(&k.render()).unwrap(), k);
        let by_hand = format!(
            "[dev]\n# mine\nAWS_ACCESS_KEY_ID={ID}\nregion = x\naws_secret_access_key : {SECRET}\n"
        );
        assert_eq!(Keys::parse(&by_hand).unwrap(), k);
        for bad in [
            format!("aws_access_key_id = {ID}\n"),
            format!("aws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = {SECRET}\n"),
            format!("{}aws_session_token = t\n", k.render()),
            format!("aws_access_key_id = short\naws_secret_access_key = {SECRET}\n"),
        ] {
            let e = Keys::parse(&bad).unwrap_err().to_string();
            assert!(!e.contains(SECRET), "{e}");
        }
        let shown = format!("{k:?}");
        assert!(!shown.contains(SECRET) && !shown.contains(ID), "{shown}");
        assert_eq!(mask(ID), "AKIA****MPLE");
        assert_eq!(mask("short"), "****");
    }
}

//! The age format of store files: passphrase (scrypt) recipients only, so `age -d` reads them.

use std::io::{Read, Write};
use std::path::Path;

use age::secrecy::SecretString;

use super::{Keys, SCRYPT_LOG_N};
use crate::error::{Error, Result};

/// The highest scrypt work factor accepted when reading (the `age` CLI's own limit).
const MAX_LOG_N: u8 = 22;

/// The work factor of new files: 2^18, as the `age` CLI uses (about a second, 256 MiB). The
/// age crate's own choice extrapolates from a tiny run and picked 2^19 to 2^20 here (up to 4 s
/// and 1 GiB on a loaded machine), so it is not used.
pub const DEFAULT_LOG_N: u8 = 18;

/// The work factor for new files: `AWSMFA_SCRYPT_LOG_N` (tests), else `DEFAULT_LOG_N`.
fn work_factor() -> Option<u8> {
    let Some(v) = crate::paths::AWSMFA_SCRYPT_LOG_N.get() else {
        return Some(DEFAULT_LOG_N);
    };
    match v.trim().parse::<u8>() {
        Ok(n) if (1..=MAX_LOG_N).contains(&n) => Some(n),
        _ => {
            crate::ui::warn(&format!(
                "ignoring {SCRYPT_LOG_N}={v}: not a number from 1 to {MAX_LOG_N}"
            ));
            Some(DEFAULT_LOG_N)
        }
    }
}

/// `keys` as an age file encrypted with `passphrase` (scrypt recipient).
pub fn encrypt(keys: &Keys, passphrase: &SecretString) -> Result<Vec<u8>> {
    encrypt_with(keys, passphrase, work_factor())
}

/// `encrypt` with scrypt work factor `log_n` (`None`: the age crate's own choice).
pub fn encrypt_with(keys: &Keys, passphrase: &SecretString, log_n: Option<u8>) -> Result<Vec<u8>> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
    if let Some(n) = log_n.filter(|n| (1..64).contains(n)) {
        recipient.set_work_factor(n);
    }
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(|e| Error::Other(format!("cannot encrypt the keys: {e}")))?;
    let mut out = Vec::new();
    let fail = |e: std::io::Error| Error::io("cannot encrypt the keys", e);
    let mut writer = encryptor.wrap_output(&mut out).map_err(fail)?;
    writer.write_all(keys.render().as_bytes()).map_err(fail)?;
    writer.finish().map_err(fail)?;
    Ok(out)
}

/// Why a file did not open.
#[derive(Debug)]
pub enum OpenError {
    WrongPassphrase,
    Other(Error),
}

/// The keys in the age file `bytes` (read from `path`, for messages).
pub fn decrypt(bytes: &[u8], passphrase: &SecretString, path: &Path) -> Result<Keys, OpenError> {
    let bad = |why: String| {
        OpenError::Other(Error::Other(format!(
            "{} is not a usable key store file: {why}",
            path.display()
        )))
    };
    let decryptor = age::Decryptor::new_buffered(bytes).map_err(|e| bad(e.to_string()))?;
    if !decryptor.is_scrypt() {
        return Err(bad(
            "it is not encrypted with a passphrase (age -p); awsmfa reads only those".into(),
        ));
    }
    let mut identity = age::scrypt::Identity::new(passphrase.clone());
    // The `age` CLI encrypts with 2^18 whatever the machine; a slow machine (or a debug build)
    // would refuse that under age's own limit of 16 times its ~1 s target. 22 is age's Go limit.
    identity.set_max_work_factor(MAX_LOG_N);
    let mut reader = match decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)) {
        Ok(r) => r,
        Err(
            age::DecryptError::DecryptionFailed
            | age::DecryptError::KeyDecryptionFailed
            | age::DecryptError::NoMatchingKeys,
        ) => return Err(OpenError::WrongPassphrase),
        Err(e) => return Err(bad(e.to_string().trim().to_string())),
    };
    // The plaintext holds the secret key: wiped when this function returns, whatever happens.
    let mut plain = zeroize::Zeroizing::new(Vec::new());
    reader
        .read_to_end(&mut plain)
        .map_err(|e| bad(format!("the encrypted data is damaged ({e})")))?;
    let text = std::str::from_utf8(&plain).map_err(|_| bad("it does not hold text".into()))?;
    Keys::parse(text).map_err(|e| bad(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "AKIAIOSFODNN7EXAMPLE";
    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";

    #[test]
    fn encrypt_decrypt_and_a_wrong_passphrase() {
        let k = Keys::new(ID, SECRET).unwrap();
        let pass = SecretString::from("correct horse".to_string());
        let bytes = encrypt_with(&k, &pass, Some(10)).unwrap();
        assert!(
            String::from_utf8_lossy(&bytes).contains(" 10\n"),
            "work factor 10"
        );
        assert!(bytes.starts_with(b"age-encryption.org/v1\n-> scrypt "));
        assert!(!String::from_utf8_lossy(&bytes).contains(SECRET));
        let p = Path::new("f.age");
        assert_eq!(decrypt(&bytes, &pass, p).unwrap(), k);
        let wrong = SecretString::from("battery staple".to_string());
        assert!(matches!(
            decrypt(&bytes, &wrong, p),
            Err(OpenError::WrongPassphrase)
        ));
        let mut damaged = bytes.clone();
        let last = damaged.len() - 1;
        damaged[last] ^= 1;
        assert!(matches!(
            decrypt(&damaged, &pass, p),
            Err(OpenError::Other(_))
        ));
        assert!(matches!(
            decrypt(b"not age", &pass, p),
            Err(OpenError::Other(_))
        ));
    }
}

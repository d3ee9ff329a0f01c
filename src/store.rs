//! The encrypted key store: long-lived keys kept in `~/.aws/awsmfa/keys/PROFILE.age` (one age
//! file per profile, passphrase/scrypt recipient, so `age -d` reads it too) instead of the
//! plaintext credentials file. The passphrase comes from `AWSMFA_PASSPHRASE_COMMAND` or a hidden
//! prompt on /dev/tty, and is asked only when the keys are really needed (a new MFA session,
//! rotation): a profile's cache identity is its name, so a cached session needs no decryption.

use std::io::{Read, Write};
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use age::secrecy::SecretString;

use crate::creds::Credentials;
use crate::error::{Error, Result};
use crate::fsutil;

/// The file extension of store files.
pub const EXT: &str = "age";
/// A command that prints the passphrase (run with `sh -c`; one trailing newline is dropped).
pub const PASSPHRASE_COMMAND: &str = crate::paths::AWSMFA_PASSPHRASE_COMMAND.name();
/// For `store passwd`: a command that prints the new passphrase.
pub const NEW_PASSPHRASE_COMMAND: &str = crate::paths::AWSMFA_NEW_PASSPHRASE_COMMAND.name();
/// Test-only: the scrypt work factor (log2 N) for new files, instead of `DEFAULT_LOG_N`.
pub const SCRYPT_LOG_N: &str = crate::paths::AWSMFA_SCRYPT_LOG_N.name();
/// The highest scrypt work factor accepted when reading (the `age` CLI's own limit).
const MAX_LOG_N: u8 = 22;
/// How often a wrong passphrase typed on the terminal is asked again.
const TTY_ATTEMPTS: usize = 3;

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

// ---------------------------------------------------------------------------------------------
// Where the files are
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
thread_local! {
    /// Unit tests never look at the real home: the store is empty unless a test sets a dir.
    pub static TEST_DIR: std::cell::RefCell<Option<PathBuf>> = const { std::cell::RefCell::new(None) };
}

/// `~/.aws/awsmfa/keys`.
pub fn keys_dir() -> PathBuf {
    #[cfg(test)]
    if let Some(dir) = TEST_DIR.with(|d| d.borrow().clone()) {
        return dir;
    }
    crate::paths::keys_dir()
}

/// Whether lookups may see the store (unit tests see none unless they set `TEST_DIR`).
fn lookups_enabled() -> bool {
    #[cfg(test)]
    return TEST_DIR.with(|d| d.borrow().is_some());
    #[cfg(not(test))]
    true
}

/// Bytes kept as they are in a file name; everything else (and a leading dot) is `%XX`.
fn safe_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-_.@+=,".contains(&b)
}

/// The file name of `profile`'s keys: `dev.age`, `team%2Fdev.age` for `team/dev`.
pub fn file_name(profile: &str) -> String {
    let mut out = String::with_capacity(profile.len() + 4);
    for (i, b) in profile.bytes().enumerate() {
        if safe_byte(b) && !(i == 0 && b == b'.') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.push('.');
    out.push_str(EXT);
    out
}

/// The profile a store file name stands for (`None` for other files).
pub fn profile_of(file_name: &str) -> Option<String> {
    let stem = file_name.strip_suffix(&format!(".{EXT}"))?;
    if stem.is_empty() || stem.starts_with('.') {
        return None;
    }
    let bytes = stem.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = stem.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let name = String::from_utf8(out).ok()?;
    // Only canonical names: a hand-made `Dev%2dx.age` would not be found by its profile.
    (file_name == self::file_name(&name)).then_some(name)
}

pub fn path_of(profile: &str) -> PathBuf {
    keys_dir().join(file_name(profile))
}

/// The store file of `profile`, when there is one.
pub fn find(profile: &str) -> Option<PathBuf> {
    if !lookups_enabled() || profile.is_empty() {
        return None;
    }
    let path = path_of(profile);
    std::fs::metadata(&path)
        .is_ok_and(|m| m.is_file())
        .then_some(path)
}

/// Every profile in the store with its file, sorted by name.
pub fn list() -> Vec<(String, PathBuf)> {
    if !lookups_enabled() {
        return Vec::new();
    }
    let Ok(dir) = std::fs::read_dir(keys_dir()) else {
        return Vec::new();
    };
    let mut out: Vec<(String, PathBuf)> = dir
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| Some((profile_of(e.file_name().to_str()?)?, e.path())))
        .collect();
    out.sort();
    out
}

/// Create `~/.aws` (0700 when awsmfa makes it), `~/.aws/awsmfa` and its `keys` (both 0700).
fn ensure_dir() -> Result<PathBuf> {
    let dir = keys_dir();
    if let Some(aws) = dir.parent().and_then(Path::parent)
        && !aws.exists()
    {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(aws)
            .map_err(|e| Error::io(format!("cannot create {}", aws.display()), e))?;
    }
    if let Some(parent) = dir.parent() {
        fsutil::private_dir(parent)?;
    }
    fsutil::private_dir(&dir)?;
    Ok(dir)
}

/// Hold the store lock of `profile` (around read-check-write of its file).
pub fn lock(profile: &str) -> Result<fsutil::FileLock> {
    let dir = ensure_dir()?;
    fsutil::lock(&dir.join(format!(".{}.lock", file_name(profile))))
}

/// Write `bytes` (an age file) as `profile`'s keys: atomic, 0600, in a 0700 directory.
pub fn write_file(profile: &str, bytes: &[u8]) -> Result<PathBuf> {
    let dir = ensure_dir()?;
    let path = dir.join(file_name(profile));
    fsutil::write_atomic(&path, bytes)?;
    Ok(path)
}

/// Remove `profile`'s file; `false` when there was none.
pub fn remove_file(profile: &str) -> Result<bool> {
    let path = path_of(profile);
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::io(format!("cannot remove {}", path.display()), e)),
    }
}

// ---------------------------------------------------------------------------------------------
// age
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Passphrases
// ---------------------------------------------------------------------------------------------

/// Run the command in `var` (`AWSMFA_PASSPHRASE_COMMAND`), if set: its stdout minus one
/// trailing newline.
fn passphrase_from_command(var: &str) -> Result<Option<SecretString>> {
    let Some(cmd) = crate::paths::lookup(var).filter(|c| !c.trim().is_empty()) else {
        return Ok(None);
    };
    crate::ui::debug(&format!("running {var}"));
    let out = Command::new("/bin/sh")
        .arg("-c")
        .arg(&cmd)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| Error::Other(format!("{var} could not be started: {e}")))?;
    // A helper that fails is a local failure (1), not a refusal (4, a wrong passphrase).
    if !out.status.success() {
        return Err(Error::Other(format!(
            "{var} failed ({}); fix it, or unset it to type the passphrase",
            out.status
        )));
    }
    let stdout = zeroize::Zeroizing::new(out.stdout);
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
    crate::mfa::open_tty().is_some()
}

/// Write `msg` and a newline on the terminal (nothing when there is none or it is not ours).
pub fn tty_say(msg: &str) {
    let _ = crate::mfa::with_tty(|tty| {
        let _ = writeln!(tty, "{msg}");
        Ok(())
    });
}

/// A hidden line typed on the terminal, under the terminal lock (so no other prompt restores
/// echo while it is typed).
pub fn read_hidden(prompt: &str) -> Result<String> {
    let _tty = crate::mfa::lock_tty()?;
    rpassword::prompt_password(prompt).map_err(|e| match e.kind() {
        std::io::ErrorKind::UnexpectedEof => Error::Usage("nothing entered (end of input)".into()),
        std::io::ErrorKind::Interrupted => Error::Usage("interrupted".into()),
        _ => Error::io("cannot read from /dev/tty", e),
    })
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
    let _tty = crate::mfa::lock_tty()?;
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
    let _tty = crate::mfa::lock_tty()?;
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

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "AKIAIOSFODNN7EXAMPLE";
    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";

    #[test]
    fn file_names_round_trip_and_stay_inside_the_dir() {
        for name in [
            "dev",
            "default",
            "team/dev",
            ".hidden",
            "ünï cødé",
            "a%b",
            "..",
            "x.age",
        ] {
            let f = file_name(name);
            assert!(!f.contains('/') && !f.starts_with('.'), "{f}");
            assert!(f.ends_with(".age"));
            assert_eq!(profile_of(&f).as_deref(), Some(name), "{f}");
        }
        assert_eq!(file_name("dev-admin"), "dev-admin.age");
        assert_eq!(file_name("team/dev"), "team%2Fdev.age");
        assert_eq!(profile_of("dev.txt"), None);
        assert_eq!(profile_of(".dev.age.lock"), None);
        assert_eq!(profile_of("%zz.age"), None);
        assert_eq!(profile_of("a%2fb.age"), None, "not canonical");
    }

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

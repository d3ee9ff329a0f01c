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

mod section;

use std::fmt;
use std::os::unix::fs::DirBuilderExt;
use std::path::Path;

use chrono::{DateTime, Utc};

use crate::config::ini::{DEFAULT_SECTION, IniFile, Section};
use crate::config::line::newline_of;
use crate::creds::{Credentials, format_utc};
use crate::error::{Error, ResultExt};
use crate::fsutil;
use section::{
    Kind, ends_with_blank_line, ends_with_break, entries, extent_lines, find_target, is_managed,
    join, kept_lines, model, next_indent, parse, splice, touched, verified,
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

/// `text` with temporary credentials written into section `name` (replaced or appended).
pub fn upsert(text: &str, name: &str, section: &TempSection) -> Result<String, Refusal> {
    check_name(name)?;
    for (key, value) in section.key_values() {
        if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(Refusal::InvalidValue { key });
        }
    }
    let ini = parse(text)?;
    let newline = newline_of(text);
    let target = find_target(&ini, name);
    let mut touched = touched(&ini, target);
    let mut expected = model(&ini, &touched)?;
    let mut owned: Vec<(String, String)> = section
        .key_values()
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    let Some(target) = target else {
        owned.sort();
        expected.push((name.to_string(), Some(owned)));
        touched.push(name);
        let new = append(text, name, section, newline);
        return verified(new, &expected, &touched, name);
    };
    if Kind::of(&ini, target)?.long_lived() {
        return Err(Refusal::LongLivedKeys {
            name: name.to_string(),
        });
    }
    if let Some((_, Some(keys))) = expected.iter_mut().find(|(h, _)| h == name) {
        keys.retain(|(k, _)| !OWNED_KEYS.contains(&k.as_str()));
        keys.append(&mut owned);
        keys.sort();
    }
    let lines = extent_lines(text, target, &OWNED_KEYS);
    let old_end = lines
        .last()
        .map_or(target.header_range.end, |l| l.range.end);
    let ends_with_newline = ends_with_break(&text[..old_end]);
    // The header line stays byte for byte (`[T ]` is not `[T]` for botocore, and a comment
    // after it stays). The block goes where the first owned key was, else after the last key,
    // indented like the line that follows it: deeper, that line would continue the block's
    // last value; shallower, botocore would read the block as part of the previous value.
    let header = &text[target.header_range.clone()];
    let header = if ends_with_break(header) {
        header.to_string()
    } else {
        format!("{header}{newline}")
    };
    let after_extent = next_indent(text, old_end);
    let mut places = Vec::new();
    if let Some(at) = lines.iter().position(|l| l.owned) {
        let follower = lines[at..].iter().find(|l| l.is_key && !l.owned);
        places.push((at, follower.map_or(after_extent, |l| l.indent)));
    }
    places.push((lines.len(), after_extent));
    let mut refusal = None;
    for (at, indent) in places {
        let mut out: Vec<(String, &str)> = kept_lines(&lines[..at]).collect();
        out.extend(owned_lines(section).map(|l| (format!("{indent}{l}"), newline)));
        out.extend(kept_lines(&lines[at..]));
        let body = join(&out, ends_with_newline, newline);
        let new = splice(
            text,
            target.header_range.start..old_end,
            &format!("{header}{body}"),
        );
        match verified(new, &expected, &touched, name) {
            Ok(new) => return Ok(new),
            Err(r) => refusal = Some(r),
        }
    }
    Err(refusal.unwrap_or(Refusal::Unsafe {
        name: name.to_string(),
    }))
}

/// `text` without the lines of `keys` in `target` (with their continuation lines): the whole
/// extent when no other key remains (`Removed::Section`), else only those lines.
fn remove_lines(
    text: &str,
    ini: &IniFile,
    target: &Section,
    keys: &[&str],
) -> Result<(String, Removed), Refusal> {
    let name = target.header.as_str();
    let touched = touched(ini, Some(target));
    let mut expected = model(ini, &touched)?;
    let lines = extent_lines(text, target, keys);
    let old_end = lines.last().map_or(&target.header_range, |l| &l.range);
    if !lines.iter().any(|l| l.is_key && !l.owned) {
        expected.retain(|(h, _)| h != name);
        let out = splice(text, target.header_range.start..old_end.end, "");
        return Ok((verified(out, &expected, &touched, name)?, Removed::Section));
    }
    if let Some((_, Some(k))) = expected.iter_mut().find(|(h, _)| h == name) {
        k.retain(|(k, _)| !keys.contains(&k.as_str()));
    }
    // Other keys stay, so the header stays with them and only the owned lines go.
    let kept: Vec<(String, &str)> = kept_lines(&lines).collect();
    let replacement = join(
        &kept,
        ends_with_break(&text[old_end.clone()]),
        newline_of(text),
    );
    let out = splice(text, target.header_range.end..old_end.end, &replacement);
    Ok((verified(out, &expected, &touched, name)?, Removed::Keys))
}

/// `text` without awsmfa's section `name`. Long-lived keys and sections awsmfa did not write are
/// refused; a missing section is `Removed::NotFound` with `text` unchanged.
pub fn remove_managed(text: &str, name: &str) -> Result<(String, Removed), Refusal> {
    check_name(name)?;
    let ini = parse(text)?;
    let Some(target) = find_target(&ini, name) else {
        return Ok((text.to_string(), Removed::NotFound));
    };
    let kind = Kind::of(&ini, target)?;
    if !kind.managed || kind.long_lived() {
        return Err(Refusal::NotManaged {
            name: name.to_string(),
            long_lived: kind.long_lived(),
        });
    }
    remove_lines(text, &ini, target, &OWNED_KEYS)
}

/// Names of the sections awsmfa wrote (`awsmfa_managed = true`), in file order. A file that
/// does not parse contributes nothing.
pub fn managed_sections(text: &str) -> Vec<String> {
    let mut managed = Vec::new();
    let visit = |s: &Section, e: Vec<crate::config::ini::Entry>| {
        if s.header != DEFAULT_SECTION && is_managed(&e) {
            managed.push(s.header.clone());
        }
    };
    match section::parse_visiting(text, visit) {
        Ok(_) => managed,
        Err(_) => Vec::new(),
    }
}

/// The long-lived keys `(access key id, secret)` of section `name`: `None` when there is no
/// such section or it holds no complete long-lived pair of its own.
pub fn long_lived_keys(text: &str, name: &str) -> Result<Option<(String, String)>, Refusal> {
    let ini = parse(text)?;
    let Some(target) = find_target(&ini, name) else {
        return Ok(None);
    };
    if !Kind::of(&ini, target)?.long_lived() {
        return Ok(None);
    }
    let entries = entries(&ini, target)?;
    let get = |key: &str| {
        entries
            .iter()
            .find(|e| e.key == key)
            .map(|e| e.value.clone())
            .filter(|v| !v.is_empty())
    };
    Ok(get(KEY_PAIR[0]).zip(get(KEY_PAIR[1])))
}

/// The long-lived section `name`, or a refusal.
fn key_section<'a>(ini: &'a IniFile, name: &str) -> Result<Option<&'a Section>, Refusal> {
    let Some(target) = find_target(ini, name) else {
        return Ok(None);
    };
    if !Kind::of(ini, target)?.long_lived() {
        return Err(Refusal::NoLongLivedKeys {
            name: name.to_string(),
        });
    }
    Ok(Some(target))
}

/// `text` without the `aws_access_key_id` and `aws_secret_access_key` lines of the long-lived
/// section `name` (with any continuation lines); every other byte stays. The header stays
/// while other keys remain (`Removed::Keys`); a section left without keys goes like
/// `remove_managed` removes one (`Removed::Section`). A section that is not long-lived is
/// refused; a missing one is `Removed::NotFound` with `text` unchanged.
pub fn remove_keys(text: &str, name: &str) -> Result<(String, Removed), Refusal> {
    check_name(name)?;
    let ini = parse(text)?;
    let Some(target) = key_section(&ini, name)? else {
        return Ok((text.to_string(), Removed::NotFound));
    };
    remove_lines(text, &ini, target, &KEY_PAIR)
}

/// `text` with new values for the long-lived keys of section `name`: only the value of each
/// `aws_access_key_id` / `aws_secret_access_key` line changes (its key spelling, separator and
/// spacing stay), continuation lines of those keys go, and every other byte stays. A section
/// that is missing, not long-lived or without both keys is refused.
pub fn replace_keys(
    text: &str,
    name: &str,
    access_key_id: &str,
    secret_access_key: &str,
) -> Result<String, Refusal> {
    check_name(name)?;
    for (key, value) in KEY_PAIR.iter().zip([access_key_id, secret_access_key]) {
        if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(Refusal::InvalidValue { key });
        }
    }
    let ini = parse(text)?;
    let refused = || Refusal::NoLongLivedKeys {
        name: name.to_string(),
    };
    if long_lived_keys(text, name)?.is_none() {
        return Err(refused());
    }
    let Some(target) = key_section(&ini, name)? else {
        return Err(refused());
    };
    let touched = touched(&ini, Some(target));
    let mut expected = model(&ini, &touched)?;
    if let Some((_, Some(keys))) = expected.iter_mut().find(|(h, _)| h == name) {
        for (k, v) in keys.iter_mut() {
            if k == KEY_PAIR[0] {
                *v = access_key_id.to_string();
            } else if k == KEY_PAIR[1] {
                *v = secret_access_key.to_string();
            }
        }
    }
    let lines = extent_lines(text, target, &KEY_PAIR);
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str(&text[..target.body.start]);
    for line in &lines {
        if !line.owned {
            out.push_str(&text[line.range.clone()]);
        } else if line.is_key {
            let key = line.content.trim_start();
            let key = key[..key.find(['=', ':']).unwrap_or(key.len())].trim();
            let value = if key.eq_ignore_ascii_case(KEY_PAIR[0]) {
                access_key_id
            } else {
                secret_access_key
            };
            out.push_str(&with_value(line.content, value));
            out.push_str(line.ending);
        }
    }
    let end = lines.last().map_or(target.body.start, |l| l.range.end);
    out.push_str(&text[end..]);
    verified(out, &expected, &touched, name)
}

/// `key = old` with `value` in place of `old`, keeping everything around the old value.
fn with_value(content: &str, value: &str) -> String {
    let Some(sep) = content.find(['=', ':']) else {
        return format!("{content} = {value}");
    };
    let after = &content[sep + 1..];
    let start = sep + 1 + (after.len() - after.trim_start().len());
    let end = content.trim_end().len().max(start);
    if start == end {
        // No old value: one space after the separator, as `aws configure` writes.
        return format!(
            "{}{}{value}{}",
            &content[..start],
            if start == sep + 1 { " " } else { "" },
            &content[end..]
        );
    }
    format!("{}{value}{}", &content[..start], &content[end..])
}

/// Write `section` into `[name]` of the credentials file at `path`, under the file lock.
pub fn write_section(path: &Path, name: &str, section: &TempSection) -> Result<(), Error> {
    let real = crate::fsutil::resolve_links(path)?;
    edit(path, &real, |text| Ok((upsert(text, name, section)?, ())))
}

/// Remove awsmfa's `[name]` from the credentials file at `path`, under the file lock.
pub fn remove_section(path: &Path, name: &str) -> Result<Removed, Error> {
    let real = crate::fsutil::resolve_links(path)?;
    if !real.exists() {
        // Nothing to remove, and no reason to create `~/.aws` or a lock file for it.
        check_name(name).map_err(|r| refusal_error(path, r))?;
        return Ok(Removed::NotFound);
    }
    edit(path, &real, |text| remove_managed(text, name))
}

/// Replace the long-lived keys of `[name]` in the credentials file at `path` (key rotation),
/// under the file lock, only if its access key id is still `expected_id`.
pub fn replace_section_keys(
    path: &Path,
    name: &str,
    expected_id: &str,
    access_key_id: &str,
    secret_access_key: &str,
) -> Result<(), Error> {
    let real = crate::fsutil::resolve_links(path)?;
    edit(path, &real, |text| {
        check_expected(text, name, expected_id)?;
        Ok((
            replace_keys(text, name, access_key_id, secret_access_key)?,
            (),
        ))
    })
}

/// Remove the long-lived keys of `[name]` from the credentials file at `path` (after they moved
/// to the store), under the file lock, only if its access key id is still `expected_id`.
pub fn remove_section_keys(path: &Path, name: &str, expected_id: &str) -> Result<Removed, Error> {
    let real = crate::fsutil::resolve_links(path)?;
    edit(path, &real, |text| {
        check_expected(text, name, expected_id)?;
        remove_keys(text, name)
    })
}

fn check_expected(text: &str, name: &str, expected_id: &str) -> Result<(), Refusal> {
    match long_lived_keys(text, name)? {
        Some((id, _)) if id == expected_id => Ok(()),
        _ => Err(Refusal::KeysChanged {
            name: name.to_string(),
        }),
    }
}

/// Lock, read, apply `op`, and replace the file atomically if the text changed. `real` is
/// `path` with symlinks resolved: a dotfile manager's link stays a link, and every path to the
/// file agrees on one lock next to it.
fn edit<T>(
    path: &Path,
    real: &Path,
    op: impl FnOnce(&str) -> Result<(String, T), Refusal>,
) -> Result<T, Error> {
    let dir = real
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.exists() {
        // Only directories awsmfa creates are made private; an existing ~/.aws keeps its mode.
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let Some(file_name) = real.file_name() else {
        return Err(Error::Usage(format!(
            "{} is not a file name",
            path.display()
        )));
    };
    let _lock = lock(dir, file_name)?;
    let text = read_text(path, real)?;
    let (new, outcome) = op(&text).map_err(|r| refusal_error(path, r))?;
    if new != text {
        fsutil::write_atomic(real, new.as_bytes())?;
    }
    Ok(outcome)
}

/// The lock of the credentials file at `path` is a cache lock named after the file's canonical
/// path (symlinks resolved, the file itself may not exist yet): every path to the file agrees
/// on it, and nothing of awsmfa's is left next to the user's file. `None` when the directory
/// cannot be resolved.
fn lock_key(path: &Path) -> Option<crate::cache::Key> {
    let real = fsutil::resolve_links(path).ok()?;
    let dir = real.parent().filter(|d| !d.as_os_str().is_empty())?;
    let canonical = dir.canonicalize().ok()?.join(real.file_name()?);
    Some(crate::cache::Key::new(
        "credfile",
        &[&canonical.to_string_lossy()],
    ))
}

/// Where the lock of the credentials file at `path` lives (awsmfa's cache directory); `None`
/// when there is no cache directory (no home), and the lock sits next to the file as it used to.
pub fn lock_path(path: &Path) -> Option<std::path::PathBuf> {
    let cache = crate::cache::Cache::open();
    if cache.dir.as_os_str().is_empty() {
        return None;
    }
    Some(cache.lock_path(&lock_key(path)?))
}

/// Take the file lock (a separate file, because the rename replaces the credentials file's
/// inode), and remove the lock file older versions left next to the credentials file.
fn lock(dir: &Path, file_name: &std::ffi::OsStr) -> Result<fsutil::FileLock, Error> {
    let mut old_name = file_name.to_os_string();
    old_name.push(".awsmfa.lock");
    let next_to_file = dir.join(old_name);
    let cache = crate::cache::Cache::open();
    let key = lock_key(&dir.join(file_name)).filter(|_| !cache.dir.as_os_str().is_empty());
    let Some(key) = key else {
        return fsutil::lock(&next_to_file);
    };
    let lock = cache.lock(&key)?;
    // An older awsmfa writing at this moment keeps its lock (it is on the open file) and
    // finishes; no writer opens that file again.
    let _ = std::fs::remove_file(&next_to_file);
    Ok(lock)
}

/// The file's text; a missing file is empty.
fn read_text(shown: &Path, real: &Path) -> Result<String, Error> {
    let bytes = match std::fs::read(real) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(String::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", shown.display())),
    };
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        Error::Config {
            file: shown.display().to_string(),
            line: valid.iter().filter(|&&b| b == b'\n').count() + 1,
            message: "not valid UTF-8; awsmfa edits only UTF-8 files".into(),
        }
    })
}

/// Follow symlinks of the last component, dangling ones included (`canonicalize` gives up on
/// those, and replacing the link with a regular file would break the user's dotfiles).
fn refusal_error(path: &Path, refusal: Refusal) -> Error {
    let file = path.display().to_string();
    match refusal {
        Refusal::Malformed { line, message } => Error::Config {
            file,
            line,
            message,
        },
        Refusal::Duplicate { ref lines, .. } => Error::Config {
            file,
            line: lines.get(1).copied().unwrap_or(0),
            message: refusal.to_string(),
        },
        Refusal::InvalidValue { .. } => Error::Other(refusal.to_string()),
        Refusal::Unsafe { .. } => Error::Config {
            file,
            line: 0,
            message: refusal.to_string(),
        },
        other => Error::refused(crate::error::Protected::CredentialsFile, other.to_string()),
    }
}

/// A new section at the end, after a final line break and one blank line.
fn append(text: &str, name: &str, section: &TempSection, newline: &str) -> String {
    let mut out = String::with_capacity(text.len() + 512);
    out.push_str(text);
    if !text.is_empty() {
        if !ends_with_break(text) {
            out.push_str(newline);
        }
        if !ends_with_blank_line(&out) {
            out.push_str(newline);
        }
    }
    out.push_str(&render_section(name, section, newline));
    out
}

fn check_name(name: &str) -> Result<(), Refusal> {
    let reason = if name.is_empty() {
        "it is empty"
    } else if name.trim_matches(crate::config::line::is_py_space) != name {
        // `[ x ]` is a section named ` x `, which no one means.
        "it starts or ends with a space"
    } else if name == DEFAULT_SECTION {
        "Python's configparser (boto3, the AWS CLI) gives the keys of [DEFAULT] to every section"
    } else if name.contains(['[', ']']) {
        "it contains '[' or ']'"
    } else if name.chars().any(char::is_control) {
        "it contains a control character"
    } else {
        return Ok(());
    };
    Err(Refusal::InvalidName {
        name: name.escape_debug().to_string(),
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newline_follows_the_first_line() {
        assert_eq!(newline_of(""), "\n");
        assert_eq!(newline_of("[a]"), "\n");
        assert_eq!(newline_of("[a]\r\nk=v\n"), "\r\n");
        assert_eq!(newline_of("[a]\nk=v\r\n"), "\n");
        assert_eq!(newline_of("[a]\rk=v\r"), "\r");
    }

    #[test]
    fn blank_last_line() {
        assert!(ends_with_blank_line("\n"));
        assert!(ends_with_blank_line("a\n \t\n"));
        assert!(ends_with_blank_line("a\r\n\r\n"));
        assert!(!ends_with_blank_line("a\n"));
        assert!(!ends_with_blank_line("a\r\n"));
        assert!(ends_with_blank_line("a\r\r"));
    }

    #[test]
    fn extent_stops_at_the_last_key_and_marks_owned_continuations() {
        let text = "[t]\n# c\nAWS_Session_Token : x\n  more\nregion=1\n  s=2\n\n# next\n";
        let ini = parse(text).unwrap();
        let lines = extent_lines(text, &ini.sections[0], &OWNED_KEYS);
        let shape: Vec<(&str, bool, bool)> = lines
            .iter()
            .map(|l| (l.content, l.is_key, l.owned))
            .collect();
        assert_eq!(
            shape,
            [
                ("# c", false, false),
                ("AWS_Session_Token : x", true, true),
                ("  more", false, true),
                ("region=1", true, false),
                ("  s=2", false, false),
            ]
        );
        assert_eq!(lines[4].range.end, text.find("\n\n").unwrap() + 1);
    }

    #[test]
    fn join_keeps_or_drops_the_final_newline() {
        let lines = [("a".to_string(), ""), ("b".to_string(), "\r\n")];
        assert_eq!(join(&lines, true, "\n"), "a\nb\r\n");
        assert_eq!(join(&lines, false, "\n"), "a\nb");
        let blank_last = [("a".to_string(), "\n"), (String::new(), "\n")];
        assert_eq!(join(&blank_last, false, "\n"), "a\n\n");
    }

    #[test]
    fn links_are_followed_even_when_dangling() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("credentials");
        std::os::unix::fs::symlink("sub/real", &link).unwrap();
        assert_eq!(
            crate::fsutil::resolve_links(&link).unwrap(),
            dir.path().join("sub/real")
        );
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        let e = crate::fsutil::resolve_links(&a).unwrap_err().to_string();
        assert!(e.contains("too many levels"), "{e}");
    }
}

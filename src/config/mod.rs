//! The AWS config and credentials files as the AWS CLI reads them: where they are, how a
//! profile's keys merge (credentials file wins), and which profiles exist.

pub mod chain;
pub mod net;

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;

use crate::error::{Error, Result};
pub use crate::ini::Origin;
use crate::ini::{self, IniFile, line};

/// One profile with its keys from both files merged (credentials file last, so it wins).
#[derive(Clone)]
pub struct Profile {
    pub name: String,
    values: Vec<(String, String, Origin)>,
    /// The profile's file in the encrypted key store, when it has one.
    pub store: Option<PathBuf>,
}

impl std::fmt::Debug for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Keys only: values may be secrets.
        let keys: Vec<&str> = self.values.iter().map(|(k, _, _)| k.as_str()).collect();
        f.debug_struct("Profile")
            .field("name", &self.name)
            .field("keys", &keys)
            .finish()
    }
}

impl Profile {
    /// The value of `key`, `None` when absent or empty (botocore treats empty as unset).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(k, _, _)| k == key)
            .map(|(_, v, _)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    /// Every key with its value as read (empty ones too), the one that wins for each key, in
    /// the order keys first appear.
    pub fn raw_values(&self) -> Vec<(&str, &str)> {
        let mut out: Vec<(&str, &str)> = Vec::new();
        for (k, v, _) in &self.values {
            match out.iter_mut().find(|(key, _)| key == k) {
                Some(slot) => slot.1 = v,
                None => out.push((k, v)),
            }
        }
        out
    }

    pub fn origin(&self, key: &str) -> Option<&Origin> {
        self.values
            .iter()
            .rev()
            .find(|(k, _, _)| k == key)
            .map(|(_, _, o)| o)
    }

    /// Both halves of a long-lived key pair are present.
    pub fn has_static_keys(&self) -> bool {
        self.get("aws_access_key_id").is_some() && self.get("aws_secret_access_key").is_some()
    }

    /// Keys in the store or in a file: the profile is a key profile.
    pub fn has_keys(&self) -> bool {
        self.store.is_some() || self.has_static_keys()
    }
}

/// Both files, indexed. Sections are parsed only when a profile is looked up, and each profile
/// at most once: `list` and `write --all` walk chains that share their lower profiles.
#[derive(Debug)]
pub struct Config {
    pub config: Option<IniFile>,
    pub credentials: Option<IniFile>,
    /// Profiles looked up so far (`None`: no such profile).
    looked_up: RefCell<HashMap<String, Option<Rc<Profile>>>>,
    /// What botocore makes of each config-file header, worked out once (a 10,000-profile file
    /// is otherwise parsed again for every lookup and for the warnings).
    headers: std::cell::OnceCell<Vec<Header>>,
    /// The key store's profiles, listed on first use.
    store: crate::store::Index,
}

/// A config-file header as botocore reads it, without copying the common case: the profile
/// name is usually a slice of the header itself.
#[derive(Debug)]
enum Header {
    /// A profile named `header[from..to]`.
    Slice(usize, usize),
    /// A profile whose name had quotes to remove.
    Unquoted(String),
    Ignored,
    Other,
}

/// Append the keys of `section` to `values`, under the file's `[DEFAULT]` keys (Python's
/// configparser gives those to every section, and botocore reads what it gives).
fn collect(
    file: &IniFile,
    section: &ini::Section,
    values: &mut Vec<(String, String, Origin)>,
) -> Result<()> {
    let defaults = file.defaults()?;
    for e in defaults.into_iter().chain(file.entries(section)?) {
        check_key(file, &e)?;
        let origin = Origin {
            file: file.path.clone(),
            line: e.line,
        };
        values.push((e.key, e.value, origin));
    }
    Ok(())
}

/// A key with a space in it is refused, where botocore would take it: `role_arn arn:aws:...`
/// splits at the first `:` into a key `role_arn arn`, which names nothing, and the profile
/// would silently lose its role. (The SDKs split at `=` only and refuse the line.)
fn check_key(file: &IniFile, e: &ini::Entry) -> Result<()> {
    if !e.key.contains(line::is_py_space) {
        return Ok(());
    }
    Err(Error::Config {
        file: file.path.display().to_string(),
        line: e.line,
        message: "expected 'key = value': the key has a space in it (is the '=' missing?)".into(),
    })
}

/// What botocore makes of a config-file section header.
#[derive(Debug, PartialEq, Eq)]
pub enum ConfigHeader<'a> {
    /// `[default]`, `[profile NAME]` (NAME unquoted with shell rules: `[profile 'my name']`).
    Profile(Cow<'a, str>),
    /// A header starting with `profile` that is not `profile` and one name: botocore skips it.
    Ignored,
    /// `[sso-session x]`, `[services x]`, `[preview]`, `[DEFAULT]`: not a profile.
    Other,
}

/// botocore's `build_profile_map`: a header starting with `profile` is split with shell rules
/// (`shlex.split`) and names a profile when it has exactly two words, whatever the first word
/// is (`[profiles x]` is profile `x`, `[profile in valid]` is skipped); `default` is a profile.
pub fn config_header(header: &str) -> ConfigHeader<'_> {
    if header == "default" {
        return ConfigHeader::Profile(Cow::Borrowed("default"));
    }
    let Some(rest) = header.strip_prefix("profile") else {
        return ConfigHeader::Other;
    };
    // The common case needs no unquoting: `profile` then one plain word.
    let name = rest.trim_matches([' ', '\t']);
    if rest.starts_with([' ', '\t'])
        && !name.is_empty()
        && !name.contains([' ', '\t', '\'', '"', '\\'])
    {
        return ConfigHeader::Profile(Cow::Borrowed(name));
    }
    match line::shlex_split(header) {
        Some(mut words) if words.len() == 2 => {
            ConfigHeader::Profile(Cow::Owned(words.pop().unwrap_or_default()))
        }
        _ => ConfigHeader::Ignored,
    }
}

impl Config {
    /// Both files, with a warning (once per process) for each section botocore ignores.
    ///
    /// The warnings cost a pass over every header, so a warm call does not pay for them: `list`
    /// (which reads every profile) and a profile that is not found (perhaps in a section botocore
    /// ignores) give them.
    pub fn load() -> Result<Config> {
        Config::load_quiet()
    }

    /// Both files, without warnings (shell completion must print nothing but names).
    pub fn load_quiet() -> Result<Config> {
        Ok(Config::new(
            IniFile::load(&crate::paths::config_file())?,
            IniFile::load(&crate::paths::credentials_file())?,
        )
        .with_store(crate::store::Index::open()))
    }

    /// With the key store `store` (a new one has none).
    pub fn with_store(self, store: crate::store::Index) -> Config {
        Config { store, ..self }
    }

    pub fn new(config: Option<IniFile>, credentials: Option<IniFile>) -> Config {
        Config {
            config,
            credentials,
            looked_up: RefCell::new(HashMap::new()),
            headers: std::cell::OnceCell::new(),
            store: crate::store::Index::none(),
        }
    }

    /// [`config_header`] of every config-file section, in file order.
    fn headers(&self) -> &[Header] {
        self.headers.get_or_init(|| {
            self.config
                .iter()
                .flat_map(|f| f.sections.iter())
                .map(|s| match config_header(&s.header) {
                    ConfigHeader::Profile(Cow::Borrowed(n)) => {
                        // A slice of the header, or a constant (`default`).
                        let from = (n.as_ptr() as usize).checked_sub(s.header.as_ptr() as usize);
                        match from.filter(|f| f + n.len() <= s.header.len()) {
                            Some(from) => Header::Slice(from, from + n.len()),
                            None => Header::Unquoted(n.to_string()),
                        }
                    }
                    ConfigHeader::Profile(Cow::Owned(n)) => Header::Unquoted(n),
                    ConfigHeader::Ignored => Header::Ignored,
                    ConfigHeader::Other => Header::Other,
                })
                .collect()
        })
    }

    /// The config-file sections with the profile each names, in file order.
    fn config_profiles(&self) -> impl Iterator<Item = (&ini::Section, &str)> {
        self.config
            .iter()
            .flat_map(|f| f.sections.iter())
            .zip(self.headers())
            .filter_map(|(s, h)| match h {
                Header::Slice(from, to) => s.header.get(*from..*to).map(|n| (s, n)),
                Header::Unquoted(n) => Some((s, n.as_str())),
                Header::Ignored | Header::Other => None,
            })
    }

    /// Say where a `[profile ...]` header botocore skips is (the SDKs skip such names too),
    /// once per process.
    pub fn warn_ignored_sections(&self) {
        static WARNED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
        if WARNED.swap(true, std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let Some(file) = &self.config else {
            return;
        };
        for (s, h) in file.sections.iter().zip(self.headers()) {
            if matches!(h, Header::Ignored) {
                crate::ui::warn(&format!(
                    "{}:{}: this section is ignored, as the AWS CLI ignores it: a profile header is [profile NAME] with one name (quote a name with spaces: [profile 'my name'])",
                    file.path.display(),
                    s.line
                ));
            }
        }
    }

    /// The config-file section of profile `name`: of several headers naming it (`[default]`
    /// and `[profile default]`, `[profile dev]` and `[profile "dev"]`) the last one in the file
    /// wins whole, as in botocore; the same header twice is an error, as in botocore.
    fn config_section(&self, name: &str) -> Result<Option<&ini::Section>> {
        let Some(file) = &self.config else {
            return Ok(None);
        };
        let mut found: Vec<&ini::Section> = Vec::new();
        // A header without quotes or backslashes names `name` only if it holds its text: a
        // substring search skips classifying the other 9,999 headers of a big file.
        let candidates = file
            .sections
            .iter()
            .filter(|s| {
                s.header.contains(name)
                    || memchr::memchr3(b'\'', b'"', b'\\', s.header.as_bytes()).is_some()
            })
            .filter(|s| matches!(config_header(&s.header), ConfigHeader::Profile(n) if n == name));
        for s in candidates {
            if found.iter().any(|f| f.header == s.header) {
                return file.section(&s.header);
            }
            found.push(s);
        }
        Ok(found.last().copied())
    }

    /// The merged profile `name`, or `None` when neither file has it.
    pub fn profile(&self, name: &str) -> Result<Option<Profile>> {
        Ok(self.profile_rc(name)?.map(|p| (*p).clone()))
    }

    /// The profile `name`, looked up once and then shared (a chain and `list` ask for the same
    /// profiles again and again), or `None` when no file or the store has it.
    pub(crate) fn profile_rc(&self, name: &str) -> Result<Option<Rc<Profile>>> {
        if let Some(known) = self.looked_up.borrow().get(name) {
            return Ok(known.clone());
        }
        let profile = self.lookup(name)?.map(Rc::new);
        self.looked_up
            .borrow_mut()
            .insert(name.to_string(), profile.clone());
        Ok(profile)
    }

    /// The merged profile `name` read from the files and the store.
    fn lookup(&self, name: &str) -> Result<Option<Profile>> {
        let mut values = Vec::new();
        // Config first, credentials last: later values win in `Profile::get`.
        let mut found = false;
        if let (Some(file), Some(section)) = (&self.config, self.config_section(name)?) {
            collect(file, section, &mut values)?;
            found = true;
        }
        if let Some(file) = &self.credentials
            && name != ini::DEFAULT_SECTION
            && let Some(section) = file.section(name)?
        {
            collect(file, section, &mut values)?;
            found = true;
        }
        // Keys in the store make a profile, as a credentials-file section does.
        let store = self.store.find(name);
        Ok((found || store.is_some()).then(|| Profile {
            name: name.to_string(),
            values,
            store,
        }))
    }

    /// Every profile name in either file, in file order, then those only in the key store.
    pub fn profile_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        let config = self.config_profiles().map(|(_, n)| Cow::Borrowed(n));
        let creds = self.credentials.iter().flat_map(|f| {
            f.sections
                .iter()
                .filter(|s| s.header != ini::DEFAULT_SECTION)
                .map(|s| Cow::Borrowed(s.header.as_str()))
        });
        for name in config.chain(creds) {
            if !names.iter().any(|n| *n == name) {
                names.push(name.into_owned());
            }
        }
        for (name, _) in self.store.list() {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
        names
    }

    /// Every line of both files checked as botocore checks them.
    pub fn check(&self) -> Result<()> {
        for file in self.config.iter().chain(&self.credentials) {
            file.check()?;
            for section in &file.sections {
                for e in file.entries(section)? {
                    check_key(file, &e)?;
                }
            }
        }
        Ok(())
    }

    /// The profile `name`, or an error that lists the closest existing names.
    pub fn require(&self, name: &str) -> Result<Rc<Profile>> {
        if let Some(p) = self.profile_rc(name)? {
            return Ok(p);
        }
        // It may be in a section botocore ignores: say which.
        self.warn_ignored_sections();
        Err(Error::Profile(unknown_profile_message(
            name,
            &self.profile_names(),
        )))
    }
}

fn unknown_profile_message(name: &str, names: &[String]) -> String {
    let close = closest(name, names);
    let files = format!(
        "{} or {}",
        crate::paths::config_file().display(),
        crate::paths::credentials_file().display()
    );
    if names.is_empty() {
        format!("profile '{name}' not found: there are no profiles in {files}")
    } else if close.is_empty() {
        format!("profile '{name}' not found in {files}; `awsmfa list` shows the profiles")
    } else {
        format!(
            "profile '{name}' not found; did you mean {}?",
            close.join(", ")
        )
    }
}

/// Up to three names nearest to `name` by edit distance (or sharing its prefix).
pub fn closest(name: &str, names: &[String]) -> Vec<String> {
    let mut scored: Vec<(usize, &String)> = names
        .iter()
        .map(|n| (levenshtein(name, n), n))
        .filter(|(d, n)| {
            *d <= (name.len().max(3) / 3 + 1) || n.starts_with(name) || name.starts_with(n.as_str())
        })
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, n)| n.clone()).collect()
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn cfg(config: &str, creds: &str) -> Config {
        Config::new(
            Some(IniFile::parse(Path::new("config"), config.into()).unwrap()),
            Some(IniFile::parse(Path::new("credentials"), creds.into()).unwrap()),
        )
    }

    #[test]
    fn credentials_file_wins_and_prefix_rules() {
        let c = cfg(
            "[default]\nregion = us-east-1\n[profile dev]\nregion = eu-west-1\nmfa_serial = a\n[dev2]\nregion=x\n",
            "[dev]\nmfa_serial = b\n[profile odd]\nk=v\n",
        );
        let dev = c.profile("dev").unwrap().unwrap();
        assert_eq!(dev.get("region"), Some("eu-west-1"));
        assert_eq!(dev.get("mfa_serial"), Some("b"));
        assert_eq!(
            dev.origin("mfa_serial").unwrap().to_string(),
            "credentials:2"
        );
        assert!(
            c.profile("dev2").unwrap().is_none(),
            "bare [x] in config is not a profile"
        );
        assert!(
            c.profile("profile odd").unwrap().is_some(),
            "credentials file takes names as written"
        );
        assert_eq!(c.profile_names(), ["default", "dev", "profile odd"]);
    }

    #[test]
    fn unknown_profile_suggests_close_names() {
        let c = cfg(
            "[profile dev-admin]\n[profile prod-admin]\n[profile stage]\n",
            "",
        );
        let e = c.require("dev-admn").unwrap_err().to_string();
        assert!(e.contains("did you mean dev-admin"), "{e}");
        let e = c.require("zzzzzzzz").unwrap_err().to_string();
        assert!(e.contains("awsmfa list"), "{e}");
    }

    #[test]
    fn empty_value_is_unset() {
        let c = cfg("[profile a]\nregion =\n", "");
        assert_eq!(c.profile("a").unwrap().unwrap().get("region"), None);
    }
}

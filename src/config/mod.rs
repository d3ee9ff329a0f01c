//! The AWS config and credentials files as the AWS CLI reads them: where they are, how a
//! profile's keys merge (credentials file wins), and which profiles exist.

pub mod chain;
pub mod ini;

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;

use crate::error::{Error, Result};
use ini::IniFile;

/// Where a value came from, for error messages: `~/.aws/config:12`.
#[derive(Debug, Clone)]
pub struct Origin {
    pub file: PathBuf,
    pub line: usize,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.line)
    }
}

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

/// The user's home directory (`$HOME`, else the password database), only when absolute: a
/// relative or missing one must never turn `~/.aws` or the cache into the current directory.
pub fn home_dir() -> Option<PathBuf> {
    std::env::home_dir().filter(|h| h.is_absolute())
}

/// The home directory, or `/` when there is none (the AWS files are then simply absent).
fn home_or_root() -> PathBuf {
    home_dir().unwrap_or_else(|| PathBuf::from("/"))
}

/// `~/` expanded against `$HOME`, as the AWS CLI does for the file variables.
pub fn expand_home(p: &str) -> PathBuf {
    match p.strip_prefix("~/") {
        Some(rest) => home_or_root().join(rest),
        None if p == "~" => home_or_root(),
        None => PathBuf::from(p),
    }
}

fn env_path(var: &str, default: &str) -> PathBuf {
    match std::env::var(var) {
        Ok(v) if !v.is_empty() => expand_home(&v),
        _ => home_or_root().join(default),
    }
}

pub fn config_path() -> PathBuf {
    env_path("AWS_CONFIG_FILE", ".aws/config")
}

pub fn credentials_path() -> PathBuf {
    env_path("AWS_SHARED_CREDENTIALS_FILE", ".aws/credentials")
}

/// Both files, indexed. Sections are parsed only when a profile is looked up, and each profile
/// at most once: `list` and `write --all` walk chains that share their lower profiles.
#[derive(Debug)]
pub struct Config {
    pub config: Option<IniFile>,
    pub credentials: Option<IniFile>,
    /// Profiles looked up so far (`None`: no such profile).
    looked_up: RefCell<HashMap<String, Option<Rc<Profile>>>>,
    /// Section positions by profile name (config file, credentials file), built once more than
    /// [`SCAN_LOOKUPS`] profiles were looked up.
    index: OnceCell<HashMap<String, Positions>>,
}

/// Where a profile's sections are: indexes into the config file's and the credentials file's
/// sections.
type Positions = (Vec<usize>, Vec<usize>);

/// A warm call resolves one short chain: scanning the sections is cheaper than hashing every
/// one of them. Past this many lookups (a deep chain, `list`), the index pays.
const SCAN_LOOKUPS: usize = 4;

/// Append the keys of the sections of `file` at positions `at`; whether there were any.
fn collect(
    file: &Option<IniFile>,
    values: &mut Vec<(String, String, Origin)>,
    at: &[usize],
) -> Result<bool> {
    let Some(file) = file else {
        return Ok(false);
    };
    let mut found = false;
    for section in at.iter().filter_map(|i| file.sections.get(*i)) {
        found = true;
        for e in file.entries(section)? {
            let origin = Origin {
                file: file.path.clone(),
                line: e.line,
            };
            values.push((e.key, e.value.to_string(), origin));
        }
    }
    Ok(found)
}

/// The profile a config-file section header names: `[default]`, `[profile x]`; other sections
/// (`[sso-session x]`, `[services x]`, or a bare `[x]`) are not profiles, as in botocore.
fn config_profile_name(header: &str) -> Option<&str> {
    if header == "default" {
        return Some("default");
    }
    let rest = header.strip_prefix("profile")?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some(rest.trim())
}

impl Config {
    pub fn load() -> Result<Config> {
        Ok(Config::new(
            IniFile::load(&config_path())?,
            IniFile::load(&credentials_path())?,
        ))
    }

    pub fn new(config: Option<IniFile>, credentials: Option<IniFile>) -> Config {
        Config {
            config,
            credentials,
            looked_up: RefCell::new(HashMap::new()),
            index: OnceCell::new(),
        }
    }

    /// Positions of the sections that make profile `name`: (config file, credentials file).
    fn sections_of(&self, name: &str) -> Positions {
        let positions = |file: &Option<IniFile>, is: &dyn Fn(&str) -> bool| -> Vec<usize> {
            file.iter()
                .flat_map(|f| f.sections.iter().enumerate())
                .filter(|(_, s)| is(&s.header))
                .map(|(i, _)| i)
                .collect()
        };
        if self.looked_up.borrow().len() < SCAN_LOOKUPS {
            return (
                positions(&self.config, &|h| config_profile_name(h) == Some(name)),
                positions(&self.credentials, &|h| h == name),
            );
        }
        let index = self.index.get_or_init(|| {
            let mut index: HashMap<String, Positions> = HashMap::new();
            for (i, s) in self
                .config
                .iter()
                .flat_map(|f| f.sections.iter().enumerate())
            {
                if let Some(n) = config_profile_name(&s.header) {
                    index.entry(n.to_string()).or_default().0.push(i);
                }
            }
            for (i, s) in self
                .credentials
                .iter()
                .flat_map(|f| f.sections.iter().enumerate())
            {
                index.entry(s.header.clone()).or_default().1.push(i);
            }
            index
        });
        index.get(name).cloned().unwrap_or_default()
    }

    /// The profile `name` (looked up once, then shared), or `None` when no file or store has it.
    pub(crate) fn profile_rc(&self, name: &str) -> Result<Option<Rc<Profile>>> {
        if let Some(known) = self.looked_up.borrow().get(name) {
            return Ok(known.clone());
        }
        let (in_config_at, in_credentials_at) = self.sections_of(name);
        let mut values = Vec::new();
        // Config first, credentials last: later values win in `Profile::get`.
        let in_config = collect(&self.config, &mut values, &in_config_at)?;
        let in_credentials = collect(&self.credentials, &mut values, &in_credentials_at)?;
        let found = in_config || in_credentials;
        // Keys in the store make a profile, as a credentials-file section does.
        let store = crate::store::find(name);
        let profile = (found || store.is_some()).then(|| {
            Rc::new(Profile {
                name: name.to_string(),
                values,
                store,
            })
        });
        self.looked_up
            .borrow_mut()
            .insert(name.to_string(), profile.clone());
        Ok(profile)
    }

    /// The merged profile `name`, or `None` when neither file has it.
    pub fn profile(&self, name: &str) -> Result<Option<Profile>> {
        Ok(self.profile_rc(name)?.map(|p| (*p).clone()))
    }

    /// Every profile name in either file, in file order, then those only in the key store.
    pub fn profile_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        let config = self.config.iter().flat_map(|f| {
            f.sections
                .iter()
                .filter_map(|s| config_profile_name(&s.header))
        });
        let creds = self
            .credentials
            .iter()
            .flat_map(|f| f.sections.iter().map(|s| s.header.as_str()));
        for name in config.chain(creds) {
            if !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
        for (name, _) in crate::store::list() {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }

    /// The profile `name`, or an error that lists the closest existing names.
    pub fn require(&self, name: &str) -> Result<Rc<Profile>> {
        if let Some(p) = self.profile_rc(name)? {
            return Ok(p);
        }
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
        config_path().display(),
        credentials_path().display()
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

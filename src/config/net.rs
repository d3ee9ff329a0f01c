//! A profile's network settings as `endpoint` takes them: the keys that decide where calls go,
//! with where each was written, and the `endpoint_url` of each block of the `[services NAME]`
//! section the profile points to.

use std::collections::HashMap;

use super::{Origin, Profile};
use crate::endpoint::{NetSettings, Services, Setting};
use crate::error::{Error, Result};
use crate::ini::IniFile;

/// The network settings of `profile`; `config` is the config file, where `[services NAME]`
/// lives.
pub fn net_settings(profile: &Profile, config: Option<&IniFile>) -> Result<NetSettings> {
    let setting = |key: &'static str| {
        profile.get(key).map(|v| Setting {
            key,
            value: v.to_string(),
            origin: profile.origin(key).cloned(),
        })
    };
    let services = match profile.get("services") {
        None => None,
        Some(name) => Some(Services {
            name: name.to_string(),
            origin: profile.origin("services").cloned(),
            endpoints: match config {
                Some(file) => services_section(file, name)?,
                None => None,
            },
        }),
    };
    Ok(NetSettings::new(&profile.name, setting, services))
}

/// The `endpoint_url` of each nested service block of `[services NAME]` in `file` (`None` when
/// there is no such section), as botocore parses them: a key with an empty value opens a block
/// of indented `key = value` lines. A block line without `=` is an error with its file and
/// line (never its text).
fn services_section(
    file: &IniFile,
    name: &str,
) -> Result<Option<HashMap<String, (String, Origin)>>> {
    let mut found = false;
    let mut endpoints = HashMap::new();
    for section in &file.sections {
        if services_name(&section.header) != Some(name) {
            continue;
        }
        found = true;
        let mut block: Option<String> = None;
        let body = &file.text[section.body.clone()];
        for (i, line) in body.lines().enumerate() {
            let number = section.line + 1 + i;
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
                continue;
            }
            if line.starts_with([' ', '\t']) {
                let Some(service) = &block else {
                    continue; // the continuation of a plain value
                };
                let Some((key, value)) = trimmed.split_once('=') else {
                    return Err(Error::Config {
                        file: file.path.display().to_string(),
                        line: number,
                        message: format!(
                            "expected 'key = value' in the {service} block of [services {name}]"
                        ),
                    });
                };
                let value = value.trim();
                if key.trim() == "endpoint_url" && !value.is_empty() {
                    let origin = Origin {
                        file: file.path.clone(),
                        line: number,
                    };
                    endpoints.insert(service.clone(), (value.to_string(), origin));
                }
                continue;
            }
            block = trimmed
                .split_once(['=', ':'])
                .filter(|(_, value)| value.trim().is_empty())
                .map(|(key, _)| key.trim().to_ascii_lowercase());
        }
    }
    Ok(found.then_some(endpoints))
}

/// `NAME` of a `[services NAME]` header (quotes around it removed).
fn services_name(header: &str) -> Option<&str> {
    let rest = header.strip_prefix("services")?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim();
    for q in ['"', '\''] {
        if let Some(inner) = rest.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return Some(inner);
        }
    }
    Some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::path::Path;

    #[test]
    fn a_broken_nested_block_names_file_and_line_not_text() {
        let file = IniFile::parse(
            Path::new("config"),
            "[profile a]\nservices = s\n[services s]\nsts =\n  endpoint_url http://secret.test\n"
                .into(),
        )
        .unwrap();
        let c = Config::new(Some(file), None);
        let p = c.profile("a").unwrap().unwrap();
        let e = net_settings(&p, c.config.as_ref()).unwrap_err().to_string();
        assert!(e.starts_with("config:5: "), "{e}");
        assert!(!e.contains("secret"), "{e}");
    }
}

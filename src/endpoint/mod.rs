//! Where STS and IAM calls go, read as the AWS CLI reads it: the region (`--region`,
//! `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`), configured endpoint URLs
//! (`AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, a `[services NAME]` section, the profile's
//! `endpoint_url`, and the switch that ignores them all), FIPS and dual-stack endpoints, and
//! STS's legacy global endpoint. Every setting is the target profile's: the SDKs configure the
//! client that makes the calls from the profile it was asked for, so every call of a role chain
//! follows the profile named on the command line.
//!
//! Values are read when the chain is resolved and checked when a call is about to be made, as
//! botocore checks them when it creates a client: a broken setting fails only what needs it.

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::ini::Origin;

mod service;
use service::LEGACY_GLOBAL_STS_REGIONS;
pub use service::{LEGACY_GLOBAL_STS, Service, Target};

/// The environment as a lookup, so tests can inject one (empty values are returned as they are).
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The process environment; a variable that is not valid UTF-8 counts as unset.
pub fn process_env(name: &str) -> Option<String> {
    crate::paths::lookup(name)
}

/// `name` from `env`, trimmed; empty counts as unset (boto3 does so; the Rust SDK would panic
/// on an empty endpoint URL).
fn env_value(env: Env<'_>, name: &str) -> Option<String> {
    env(name)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The region STS is called in: `--region`, `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's
/// `region`, else `us-east-1`. The environment wins over the profile as in the AWS CLI v2 and
/// every SDK (botocore alone, the AWS CLI v1, ignores `AWS_REGION`).
pub fn pick_region(flag: Option<&str>, profile: Option<&str>, env: Env<'_>) -> String {
    flag.map(str::to_string)
        .or_else(|| env_value(env, "AWS_REGION"))
        .or_else(|| env_value(env, "AWS_DEFAULT_REGION"))
        .or(profile.map(str::to_string))
        .unwrap_or_else(|| "us-east-1".into())
}

/// A profile setting with where it was written, for messages.
#[derive(Debug, Clone)]
pub struct Setting {
    pub key: &'static str,
    pub value: String,
    pub origin: Option<Origin>,
}

/// A `[services NAME]` section as a profile's `services = NAME` points to it.
#[derive(Debug, Clone)]
pub struct Services {
    pub name: String,
    /// Where `services = NAME` was written.
    pub origin: Option<Origin>,
    /// `endpoint_url` of each nested service block (`sts =` / `  endpoint_url = ...`), with its
    /// file and line; `None` when there is no such section.
    pub endpoints: Option<HashMap<String, (String, Origin)>>,
}

/// The target profile's settings that decide where and how awsmfa's calls go.
#[derive(Debug, Clone, Default)]
pub struct NetSettings {
    profile: Option<String>,
    endpoint_url: Option<Setting>,
    services: Option<Services>,
    ignore_configured_endpoint_urls: Option<Setting>,
    use_fips_endpoint: Option<Setting>,
    use_dualstack_endpoint: Option<Setting>,
    sts_regional_endpoints: Option<Setting>,
    ca_bundle: Option<Setting>,
}

/// Where a value came from: an environment variable or a profile's key.
#[derive(Debug, Clone)]
pub enum Source {
    Env(String),
    Profile {
        profile: String,
        key: &'static str,
        origin: Option<Origin>,
    },
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Env(name) => f.write_str(name),
            Source::Profile {
                profile,
                key,
                origin,
            } => {
                write!(f, "{key} of profile '{profile}'")?;
                match origin {
                    Some(o) => write!(f, " ({o})"),
                    None => Ok(()),
                }
            }
        }
    }
}

impl NetSettings {
    /// The settings of profile `profile`: `setting(key)` gives the profile's value of each key
    /// that decides where calls go, `services` its `services = NAME` section.
    pub fn new(
        profile: &str,
        setting: impl Fn(&'static str) -> Option<Setting>,
        services: Option<Services>,
    ) -> NetSettings {
        NetSettings {
            profile: Some(profile.to_string()),
            endpoint_url: setting("endpoint_url"),
            services,
            ignore_configured_endpoint_urls: setting("ignore_configured_endpoint_urls"),
            use_fips_endpoint: setting("use_fips_endpoint"),
            use_dualstack_endpoint: setting("use_dualstack_endpoint"),
            sts_regional_endpoints: setting("sts_regional_endpoints"),
            ca_bundle: setting("ca_bundle"),
        }
    }

    fn source(&self, s: &Setting) -> Source {
        Source::Profile {
            profile: self.profile.clone().unwrap_or_default(),
            key: s.key,
            origin: s.origin.clone(),
        }
    }

    /// The environment variable `var` if set, else the profile's setting: how botocore reads
    /// every setting that has both.
    fn env_or_profile(
        &self,
        env: Env<'_>,
        var: &str,
        setting: &Option<Setting>,
    ) -> Option<(String, Source)> {
        env_value(env, var)
            .map(|v| (v, Source::Env(var.to_string())))
            .or_else(|| setting.as_ref().map(|s| (s.value.clone(), self.source(s))))
    }

    fn flag(&self, env: Env<'_>, var: &str, setting: &Option<Setting>) -> Result<Option<Source>> {
        match self.env_or_profile(env, var, setting) {
            None => Ok(None),
            Some((v, source)) => match parse_bool(&v) {
                Some(true) => Ok(Some(source)),
                Some(false) => Ok(None),
                None => Err(invalid(&source, "is not true or false")),
            },
        }
    }

    /// The CA bundle to trust instead of the system's: `AWS_CA_BUNDLE`, else `ca_bundle`.
    pub fn ca_bundle(&self, env: Env<'_>) -> Option<(String, Source)> {
        self.env_or_profile(env, "AWS_CA_BUNDLE", &self.ca_bundle)
    }

    /// The endpoint URL configured for `service`, in the SDKs' order: the service's variable,
    /// `AWS_ENDPOINT_URL`, the service's block in the profile's `[services]` section, the
    /// profile's `endpoint_url`; none of them when the ignore switch is on.
    fn configured_url(&self, service: Service, env: Env<'_>) -> Result<Option<(String, Source)>> {
        if self
            .flag(
                env,
                "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
                &self.ignore_configured_endpoint_urls,
            )?
            .is_some()
        {
            return Ok(None);
        }
        for var in [service.endpoint_var(), "AWS_ENDPOINT_URL"] {
            if let Some(v) = env_value(env, var) {
                return Ok(Some((v, Source::Env(var.to_string()))));
            }
        }
        if let Some(services) = &self.services {
            let Some(endpoints) = &services.endpoints else {
                let message = format!(
                    "profile '{}' has services = {}, but the config file has no [services {}] section",
                    self.profile.as_deref().unwrap_or_default(),
                    services.name,
                    services.name
                );
                return Err(match &services.origin {
                    Some(o) => Error::Config {
                        file: o.file.display().to_string(),
                        line: o.line,
                        message,
                    },
                    None => Error::Profile(message),
                });
            };
            if let Some((url, origin)) = endpoints.get(service.id()) {
                let source = Source::Profile {
                    profile: self.profile.clone().unwrap_or_default(),
                    key: service.services_key(),
                    origin: Some(origin.clone()),
                };
                return Ok(Some((url.clone(), source)));
            }
        }
        Ok(self
            .endpoint_url
            .as_ref()
            .map(|s| (s.value.clone(), self.source(s))))
    }

    /// Where a call to `service` goes, signed for `region`.
    pub fn target(&self, service: Service, region: &str, env: Env<'_>) -> Result<Target> {
        let fips = self.flag(env, "AWS_USE_FIPS_ENDPOINT", &self.use_fips_endpoint)?;
        let dual_stack = self.flag(
            env,
            "AWS_USE_DUALSTACK_ENDPOINT",
            &self.use_dualstack_endpoint,
        )?;
        let legacy_global = match self.env_or_profile(
            env,
            "AWS_STS_REGIONAL_ENDPOINTS",
            &self.sts_regional_endpoints,
        ) {
            None => false,
            Some((v, _)) if v == "regional" => false,
            Some((v, _)) if v == "legacy" => true,
            Some((_, source)) => return Err(invalid(&source, "is not regional or legacy")),
        };
        let signing_region = match service {
            Service::Sts => region.to_string(),
            // IAM is global: its requests are signed for us-east-1.
            Service::Iam => "us-east-1".to_string(),
        };
        if let Some((url, source)) = self.configured_url(service, env)? {
            // The SDKs' endpoint rules refuse a custom URL with either variant; say which.
            if let Some(flag) = fips.as_ref().or(dual_stack.as_ref()) {
                return Err(Error::Profile(format!(
                    "{flag} asks for a FIPS or dual-stack endpoint, but {source} sets the {} endpoint URL; the AWS SDKs refuse the two together: drop one",
                    service.name()
                )));
            }
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(invalid(&source, "is not an http:// or https:// URL"));
            }
            return Ok(Target {
                shown: url.clone(),
                url: Some(url),
                signing_region,
                fips: false,
                dual_stack: false,
            });
        }
        // botocore's legacy mode: the global endpoint, signed for us-east-1, for the regions
        // that had no regional endpoint once, unless a FIPS or dual-stack variant is asked for.
        if service == Service::Sts
            && legacy_global
            && fips.is_none()
            && dual_stack.is_none()
            && LEGACY_GLOBAL_STS_REGIONS.contains(&region)
        {
            return Ok(Target {
                url: Some(LEGACY_GLOBAL_STS.to_string()),
                shown: LEGACY_GLOBAL_STS.to_string(),
                signing_region: "us-east-1".into(),
                fips: false,
                dual_stack: false,
            });
        }
        Ok(Target {
            url: None,
            shown: service.host(region, fips.is_some(), dual_stack.is_some()),
            signing_region,
            fips: fips.is_some(),
            dual_stack: dual_stack.is_some(),
        })
    }
}

/// botocore's `ensure_boolean` accepts `true` in any case and takes everything else as false;
/// awsmfa refuses anything but true and false, so a typo cannot quietly turn FIPS off.
fn parse_bool(v: &str) -> Option<bool> {
    if v.eq_ignore_ascii_case("true") {
        Some(true)
    } else if v.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// A setting whose value awsmfa cannot use; the message names the setting, not the value.
fn invalid(source: &Source, what: &str) -> Error {
    match source {
        Source::Env(name) => Error::Profile(format!("{name} {what}")),
        Source::Profile {
            profile,
            key,
            origin,
        } => {
            let message = format!("profile '{profile}': {key} {what}");
            match origin {
                Some(o) => Error::Config {
                    file: o.file.display().to_string(),
                    line: o.line,
                    message,
                },
                None => Error::Profile(message),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::ini::IniFile;
    use std::path::Path;

    fn settings(config: &str, profile: &str) -> NetSettings {
        let file = IniFile::parse(Path::new("config"), config.into()).unwrap();
        let c = Config::new(Some(file), None);
        let p = c.profile(profile).unwrap().unwrap();
        crate::config::net::net_settings(&p, c.config.as_ref()).unwrap()
    }

    fn env_of(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    fn url(net: &NetSettings, service: Service, vars: &[(&str, &str)]) -> Option<String> {
        net.target(service, "eu-west-1", &env_of(vars)).unwrap().url
    }

    #[test]
    fn region_flag_then_environment_then_profile() {
        let env = env_of(&[
            ("AWS_REGION", "eu-north-1"),
            ("AWS_DEFAULT_REGION", "ap-south-1"),
        ]);
        assert_eq!(
            pick_region(Some("us-west-2"), Some("eu-west-1"), &env),
            "us-west-2"
        );
        assert_eq!(pick_region(None, Some("eu-west-1"), &env), "eu-north-1");
        let env = env_of(&[("AWS_REGION", " "), ("AWS_DEFAULT_REGION", "ap-south-1")]);
        assert_eq!(pick_region(None, Some("eu-west-1"), &env), "ap-south-1");
        let env = env_of(&[("AWS_REGION", ""), ("AWS_DEFAULT_REGION", "")]);
        assert_eq!(pick_region(None, Some("eu-west-1"), &env), "eu-west-1");
        assert_eq!(pick_region(None, None, &env), "us-east-1");
    }

    const SERVICES: &str = "[profile dev]\nendpoint_url = http://profile.test\nservices = corp\n\
        [services corp]\nsts =\n  endpoint_url = http://sts.corp.test\n  # note\n\
        other = x\niam =\n\tendpoint_url = http://iam.corp.test\n\
        [profile plain]\nendpoint_url = http://profile.test\n\
        [profile missing]\nservices = nowhere\n";

    #[test]
    fn endpoint_precedence_is_the_sdks() {
        let net = settings(SERVICES, "dev");
        let both = [
            ("AWS_ENDPOINT_URL_STS", "http://env-sts.test"),
            ("AWS_ENDPOINT_URL", "http://env.test"),
        ];
        assert_eq!(
            url(&net, Service::Sts, &both).as_deref(),
            Some("http://env-sts.test")
        );
        assert_eq!(
            url(&net, Service::Iam, &both).as_deref(),
            Some("http://env.test")
        );
        let empty = [("AWS_ENDPOINT_URL_STS", ""), ("AWS_ENDPOINT_URL", " ")];
        assert_eq!(
            url(&net, Service::Sts, &empty).as_deref(),
            Some("http://sts.corp.test")
        );
        assert_eq!(
            url(&net, Service::Iam, &[]).as_deref(),
            Some("http://iam.corp.test")
        );
        let plain = settings(SERVICES, "plain");
        assert_eq!(
            url(&plain, Service::Sts, &[]).as_deref(),
            Some("http://profile.test")
        );
        // The ignore switch: the environment's value wins over the profile's.
        for ignore in [
            vec![("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE")],
            vec![
                ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
                ("AWS_ENDPOINT_URL_STS", "http://x"),
            ],
        ] {
            assert_eq!(url(&net, Service::Sts, &ignore), None);
        }
        let ignoring = settings(
            "[profile i]\nendpoint_url = http://profile.test\nignore_configured_endpoint_urls = true\n",
            "i",
        );
        assert_eq!(url(&ignoring, Service::Sts, &[]), None);
        let off = [("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false")];
        assert_eq!(
            url(&ignoring, Service::Sts, &off).as_deref(),
            Some("http://profile.test")
        );
    }

    #[test]
    fn a_missing_services_section_is_an_error_only_when_reached() {
        let net = settings(SERVICES, "missing");
        let e = net
            .target(Service::Sts, "eu-west-1", &env_of(&[]))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("config:"), "{e}");
        assert!(e.contains("no [services nowhere] section"), "{e}");
        let env = [("AWS_ENDPOINT_URL", "http://env.test")];
        assert_eq!(
            url(&net, Service::Sts, &env).as_deref(),
            Some("http://env.test")
        );
    }

    #[test]
    fn fips_dual_stack_and_legacy_global() {
        let net = settings("[profile f]\nuse_fips_endpoint = true\n", "f");
        let t = net.target(Service::Sts, "us-east-2", &env_of(&[])).unwrap();
        assert!(t.fips && !t.dual_stack && t.url.is_none(), "{t:?}");
        assert_eq!(t.shown, "sts-fips.us-east-2.amazonaws.com");
        // The environment wins over the profile.
        let off = env_of(&[("AWS_USE_FIPS_ENDPOINT", "false")]);
        assert!(!net.target(Service::Sts, "us-east-2", &off).unwrap().fips);
        let dual = env_of(&[("AWS_USE_DUALSTACK_ENDPOINT", "true")]);
        let t = NetSettings::default()
            .target(Service::Iam, "eu-west-1", &dual)
            .unwrap();
        assert!(t.dual_stack && t.signing_region == "us-east-1", "{t:?}");
        // A custom URL with either variant: refused, both settings named.
        let e = net
            .target(
                Service::Sts,
                "us-east-2",
                &env_of(&[("AWS_ENDPOINT_URL", "http://x")]),
            )
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("use_fips_endpoint of profile 'f' (config:2)")
                && e.contains("AWS_ENDPOINT_URL sets"),
            "{e}"
        );
        // Not a boolean: named, with file and line.
        let bad = settings("[profile b]\nuse_dualstack_endpoint = yes\n", "b");
        let e = bad
            .target(Service::Sts, "us-east-1", &env_of(&[]))
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "config:2: profile 'b': use_dualstack_endpoint is not true or false"
        );

        let legacy = settings("[profile l]\nsts_regional_endpoints = legacy\n", "l");
        let t = legacy
            .target(Service::Sts, "eu-west-1", &env_of(&[]))
            .unwrap();
        assert_eq!(t.url.as_deref(), Some(LEGACY_GLOBAL_STS));
        assert_eq!(t.signing_region, "us-east-1");
        // Not for a region that always had its own endpoint, nor with a variant.
        let t = legacy
            .target(Service::Sts, "af-south-1", &env_of(&[]))
            .unwrap();
        assert_eq!((t.url, t.signing_region.as_str()), (None, "af-south-1"));
        let t = legacy.target(Service::Sts, "us-east-1", &dual).unwrap();
        assert!(t.url.is_none() && t.dual_stack);
        let regional = env_of(&[("AWS_STS_REGIONAL_ENDPOINTS", "regional")]);
        assert_eq!(
            legacy
                .target(Service::Sts, "us-east-1", &regional)
                .unwrap()
                .url,
            None
        );
        let e = legacy
            .target(
                Service::Sts,
                "us-east-1",
                &env_of(&[("AWS_STS_REGIONAL_ENDPOINTS", "global")]),
            )
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "AWS_STS_REGIONAL_ENDPOINTS is not regional or legacy"
        );
    }

    #[test]
    fn endpoint_urls_must_be_http_urls() {
        let net = settings("[profile p]\nendpoint_url = sts.example.com\n", "p");
        let e = net
            .target(Service::Sts, "us-east-1", &env_of(&[]))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "config:2: profile 'p': endpoint_url is not an http:// or https:// URL"
        );
    }
}

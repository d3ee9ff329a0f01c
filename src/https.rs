//! One HTTPS setup for every call awsmfa makes: STS and IAM through the SDK, and the console's
//! federation endpoint. Both go through the SDK's own connector (`aws-smithy-http-client`,
//! rustls with ring), configured here with
//! - the proxy for the destination's scheme, read from the environment as botocore reads it
//!   (`https_proxy`/`HTTPS_PROXY`, `http_proxy`/`HTTP_PROXY`, `no_proxy`/`NO_PROXY`: the lower
//!   case name wins, an empty one turns the proxy off, a URL without a scheme is `http://`);
//! - the CA bundle (`AWS_CA_BUNDLE`, else the profile's `ca_bundle`), which replaces the
//!   system's roots as it does for the AWS CLI.
//!
//! Proxy URLs may hold a password: no message quotes one, only the variable's name.

use std::sync::{Mutex, PoisonError};

use aws_sdk_sts::config::{RuntimeComponents, SharedHttpClient};
use aws_smithy_http_client::Connector;
use aws_smithy_http_client::proxy::ProxyConfig;
use aws_smithy_http_client::tls::{Provider, TlsContext, TrustStore, rustls_provider::CryptoMode};
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnectorSettings, SharedHttpConnector,
};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

use crate::endpoint::{Env, NetSettings, Source};
use crate::error::{Error, Result};

/// The trusted roots and the proxy settings of this process's calls.
#[derive(Clone)]
pub struct Network {
    tls: TlsContext,
    proxies: Proxies,
}

impl std::fmt::Debug for Network {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the proxy URLs: they may carry a password.
        f.debug_struct("Network").finish_non_exhaustive()
    }
}

/// The proxy of each scheme and the bypass list, as read from the environment.
#[derive(Clone, Default)]
struct Proxies {
    http: Option<(String, String)>,
    https: Option<(String, String)>,
    no_proxy: Option<String>,
}

/// `NAME` in botocore's (urllib's) way: the lower-case variable when it is set (empty turns
/// it off), else the upper-case one, which is ignored for `http` under CGI (httpoxy).
fn proxy_variable(env: Env<'_>, lower: &str) -> Option<(String, String)> {
    if let Some(v) = env(lower) {
        return (!v.trim().is_empty()).then(|| (lower.to_string(), v.trim().to_string()));
    }
    if lower == "http_proxy" && env("REQUEST_METHOD").is_some() {
        return None;
    }
    let upper = lower.to_ascii_uppercase();
    env(&upper)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .map(|v| (upper, v))
}

/// botocore's `_fix_proxy_url`: a proxy without a scheme is an http:// one.
fn with_scheme(url: &str) -> String {
    if url.starts_with("http:") || url.starts_with("https:") {
        url.to_string()
    } else if let Some(rest) = url.strip_prefix("//") {
        format!("http://{rest}")
    } else {
        format!("http://{url}")
    }
}

impl Proxies {
    fn from_env(env: Env<'_>) -> Result<Proxies> {
        let read = |lower: &str| -> Result<Option<(String, String)>> {
            let Some((var, value)) = proxy_variable(env, lower) else {
                return Ok(None);
            };
            let url = with_scheme(&value);
            // Checked here, so that building a connector later cannot fail.
            ProxyConfig::all(url.as_str()).map_err(|_| {
                Error::Profile(format!(
                    "{var} is not a proxy URL awsmfa can use (http://[user:password@]host:port)"
                ))
            })?;
            Ok(Some((var, url)))
        };
        Ok(Proxies {
            http: read("http_proxy")?,
            https: read("https_proxy")?,
            no_proxy: proxy_variable(env, "no_proxy").map(|(_, v)| v),
        })
    }

    /// The proxy for URLs of `scheme`, with the bypass list.
    fn config(&self, scheme: Scheme) -> ProxyConfig {
        let proxy = match scheme {
            Scheme::Http => &self.http,
            Scheme::Https => &self.https,
        };
        let Some((_, url)) = proxy else {
            return ProxyConfig::disabled();
        };
        match ProxyConfig::all(url.as_str()) {
            Ok(config) => match &self.no_proxy {
                Some(rules) => config.no_proxy(rules),
                None => config,
            },
            // Checked in `from_env`.
            Err(_) => ProxyConfig::disabled(),
        }
    }
}

/// The scheme of the URLs a connector is for: it picks the proxy variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    Http,
    Https,
}

impl Scheme {
    /// The scheme of `url` (https when it has none: the SDK's resolved endpoints).
    pub fn of(url: Option<&str>) -> Scheme {
        match url {
            Some(u) if u.starts_with("http://") => Scheme::Http,
            _ => Scheme::Https,
        }
    }
}

impl Network {
    /// The network of calls made for a profile with `net`: the CA bundle is read and checked
    /// now, so that a bad one fails with a message instead of failing every handshake.
    pub fn new(net: &NetSettings, env: Env<'_>) -> Result<Network> {
        let trust = match net.ca_bundle(env) {
            None => TrustStore::default(),
            Some((path, source)) => TrustStore::empty()
                .with_native_roots(false)
                .with_pem_certificate(read_bundle(&path, &source)?),
        };
        let tls = TlsContext::builder()
            .with_trust_store(trust)
            .build()
            .map_err(|e| Error::Other(format!("TLS setup failed: {e}")))?;
        Ok(Network {
            tls,
            proxies: Proxies::from_env(env)?,
        })
    }

    /// A connector for URLs of `scheme` (the console's exchange).
    pub fn connector(&self, scheme: Scheme) -> Connector {
        Connector::builder()
            .proxy_config(self.proxies.config(scheme))
            .tls_provider(Provider::Rustls(CryptoMode::Ring))
            .tls_context(self.tls.clone())
            .build()
    }

    /// A connector that never uses a proxy.
    pub fn direct_connector(&self) -> Connector {
        Connector::builder()
            .proxy_config(ProxyConfig::disabled())
            .tls_provider(Provider::Rustls(CryptoMode::Ring))
            .tls_context(self.tls.clone())
            .build()
    }

    /// The SDK's HTTP client for endpoints of `scheme`.
    pub fn sdk_client(&self, scheme: Scheme) -> SharedHttpClient {
        SharedHttpClient::new(SdkHttp {
            proxy: self.proxies.config(scheme),
            tls: self.tls.clone(),
            built: Mutex::new(Vec::new()),
        })
    }

    /// The proxy variable calls to URLs of `scheme` go through, for messages (`HTTPS_PROXY`).
    pub fn proxy_var(&self, scheme: Scheme) -> Option<&str> {
        match scheme {
            Scheme::Http => self.proxies.http.as_ref(),
            Scheme::Https => self.proxies.https.as_ref(),
        }
        .map(|(var, _)| var.as_str())
    }
}

/// The PEM file at `path`, checked the way the SDK's connector will load it (which panics on
/// anything it cannot parse): at least one certificate, each one a usable trust anchor.
fn read_bundle(path: &str, source: &Source) -> Result<Vec<u8>> {
    let bad = |why: String| Error::Profile(format!("the CA bundle {path} ({source}) {why}"));
    let bytes = std::fs::read(path).map_err(|e| bad(format!("cannot be read: {e}")))?;
    let certs = CertificateDer::pem_slice_iter(&bytes)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|_| bad("is not a PEM file of certificates".into()))?;
    if certs.is_empty() {
        return Err(bad("holds no PEM certificate".into()));
    }
    let mut roots = rustls::RootCertStore::empty();
    for (i, cert) in certs.into_iter().enumerate() {
        roots.add(cert).map_err(|e| {
            bad(format!(
                "holds a certificate (number {}) that cannot be trusted: {e}",
                i + 1
            ))
        })?;
    }
    Ok(bytes)
}

/// The SDK's HTTP client with awsmfa's proxy and roots. The SDK asks for a connector per
/// request; one is built per distinct setting and reused, so calls share connections.
struct SdkHttp {
    proxy: ProxyConfig,
    tls: TlsContext,
    built: Mutex<Vec<(String, SharedHttpConnector)>>,
}

impl std::fmt::Debug for SdkHttp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SdkHttp").finish_non_exhaustive()
    }
}

impl HttpClient for SdkHttp {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        let key = format!("{settings:?}");
        let mut built = self.built.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, connector)) = built.iter().find(|(k, _)| *k == key) {
            return connector.clone();
        }
        let mut builder = Connector::builder()
            .connector_settings(settings.clone())
            .proxy_config(self.proxy.clone());
        // Without the runtime's sleep the connect and read time-outs would not be enforced.
        builder.set_sleep_impl(components.sleep_impl());
        let connector = SharedHttpConnector::new(
            builder
                .tls_provider(Provider::Rustls(CryptoMode::Ring))
                .tls_context(self.tls.clone())
                .build(),
        );
        built.push((key, connector.clone()));
        connector
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    fn proxies(vars: &[(&str, &str)]) -> Proxies {
        Proxies::from_env(&env_of(vars)).unwrap()
    }

    #[test]
    fn lower_case_proxy_variables_win_as_in_botocore() {
        let p = proxies(&[
            ("HTTPS_PROXY", "http://upper:3128"),
            ("https_proxy", "lower:3128"),
            ("HTTP_PROXY", "//plain:8080"),
            ("NO_PROXY", "internal.test"),
        ]);
        assert_eq!(
            p.https,
            Some(("https_proxy".into(), "http://lower:3128".into()))
        );
        assert_eq!(
            p.http,
            Some(("HTTP_PROXY".into(), "http://plain:8080".into()))
        );
        assert_eq!(p.no_proxy.as_deref(), Some("internal.test"));
        // An empty lower-case variable turns the proxy off.
        let p = proxies(&[("HTTPS_PROXY", "http://upper:3128"), ("https_proxy", "")]);
        assert_eq!(p.https, None);
        // Under CGI, HTTP_PROXY may come from a request header: ignored.
        let p = proxies(&[("HTTP_PROXY", "http://evil:1"), ("REQUEST_METHOD", "GET")]);
        assert_eq!(p.http, None);
    }

    #[test]
    fn a_bad_proxy_url_names_the_variable_never_the_password() {
        let e = Proxies::from_env(&env_of(&[("HTTPS_PROXY", "http://al:s3cret@bad host:1")]))
            .err()
            .unwrap()
            .to_string();
        assert!(e.starts_with("HTTPS_PROXY is not a proxy URL"), "{e}");
        assert!(!e.contains("s3cret"), "{e}");
    }

    #[test]
    fn a_ca_bundle_without_usable_certificates_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let source = Source::Env("AWS_CA_BUNDLE".into());
        let path = |name: &str, text: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            p.display().to_string()
        };
        let e = read_bundle(&path("empty.pem", "not pem\n"), &source).unwrap_err();
        assert!(e.to_string().ends_with("holds no PEM certificate"), "{e}");
        let junk = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        let e = read_bundle(&path("junk.pem", junk), &source).unwrap_err();
        assert!(e.to_string().contains("cannot be trusted"), "{e}");
        let e = read_bundle(
            &dir.path().join("absent.pem").display().to_string(),
            &source,
        )
        .unwrap_err();
        assert!(
            e.to_string().contains("(AWS_CA_BUNDLE) cannot be read"),
            "{e}"
        );
    }
}

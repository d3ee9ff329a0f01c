//! `awsmfa write PROFILE... [--to NAME] [--all]` and `awsmfa set-default PROFILE`: temporary
//! credentials written into sections of the shared credentials file, for tools that cannot
//! prompt for MFA (Terraform, IDE plugins). Every other byte of the file is kept.

use clap::Args;

use super::{GlobalArgs, Issued, issue};
use crate::config::Config;
use crate::config::chain::Chain;
use crate::credfile::{TempSection, write_section};
use crate::creds::{format_utc, short_duration};
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct WriteArgs {
    /// Profiles whose credentials to write
    #[arg(value_name = "PROFILE", required_unless_present = "all")]
    pub profiles: Vec<String>,
    /// Section to write to (one profile only) [default: the profile's name; `NAME-mfa` for a
    /// role profile of the config file, whose own name the AWS CLI and SDKs resolve by role]
    #[arg(long, value_name = "NAME")]
    pub to: Option<String>,
    /// Write every role profile of the config file
    #[arg(long, conflicts_with_all = ["profiles", "to"])]
    pub all: bool,
    #[command(flatten)]
    pub cred: super::CredentialArgs,
}

#[derive(Debug, Args)]
pub struct SetDefaultArgs {
    /// Profile whose credentials become [default]
    #[arg(value_name = "PROFILE")]
    pub profile_name: String,
    #[command(flatten)]
    pub cred: super::CredentialArgs,
}

/// The section a profile is written to by default. A role profile of the config file keeps
/// its `role_arn` there, and botocore (and the SDKs that follow it) resolve a profile with
/// `role_arn` by assuming the role, ignoring keys in a credentials section of the same name:
/// writing there would be shadowed, so such profiles go to `NAME-mfa`.
pub fn default_target(config: &Config, profile: &str) -> String {
    let role_in_config = config
        .profile(profile)
        .ok()
        .flatten()
        .is_some_and(|p| p.get("role_arn").is_some());
    if role_in_config {
        format!("{profile}-mfa")
    } else {
        profile.to_string()
    }
}

/// Refuse a target section that names a profile the chain reads its credentials from: keys
/// written there win over the profile's own source (its keys in the config file, the store or
/// its `credential_process`) for awsmfa and every SDK, and no reader honours their
/// `expiration`, so the profile would keep handing out dead credentials once they expire.
fn refuse_own_source(chain: &Chain, target: &str) -> Result<()> {
    let key_profile = chain.key_profile.as_deref();
    let in_chain = key_profile == Some(target)
        || chain.roles.iter().any(|r| r.profile == target)
        || (chain.roles.is_empty() && chain.target == target);
    if !in_chain {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "not writing into [{target}]: profile '{}' gets its credentials through profile '{target}', and keys written there would replace that source until long after they expire; choose another section with --to NAME (e.g. --to {})",
        chain.target,
        crate::render::shell_word(&format!("{}-mfa", chain.target))
    )))
}

/// Write `issued` into `[target]` of the credentials file.
pub fn write_issued(issued: &Issued, target: &str) -> Result<()> {
    let (Some(token), Some(expiration)) = (&issued.creds.session_token, issued.creds.expiration)
    else {
        return Err(Error::Usage(format!(
            "profile '{}' has long-lived keys only; awsmfa writes temporary credentials, not copies of keys",
            issued.profile
        )));
    };
    let section = TempSection {
        access_key_id: issued.creds.access_key_id.clone(),
        secret_access_key: issued.creds.secret_access_key.clone(),
        session_token: token.clone(),
        expiration,
    };
    write_section(&crate::paths::credentials_file(), target, &section)
}

fn report(issued: &Issued, target: &str) {
    let left = issued
        .creds
        .expiration
        .map(|e| {
            format!(
                ", expire {} ({})",
                format_utc(e),
                short_duration(crate::creds::seconds_left(e, chrono::Utc::now()))
            )
        })
        .unwrap_or_default();
    crate::ui::info(&format!(
        "{} -> [{target}] of {}{left}",
        issued.profile,
        crate::paths::credentials_file().display()
    ));
}

fn login_hint(profile: &str) -> String {
    super::login_hint(profile)
}

pub fn run(global: &GlobalArgs, args: &WriteArgs) -> Result<()> {
    let config = Config::load()?;
    let names: Vec<String> = if args.all {
        let roles: Vec<String> = config
            .profile_names()
            .into_iter()
            .filter(|n| config.chain(n).is_ok_and(|c| !c.roles.is_empty()))
            .filter(|n| {
                config
                    .profile(n)
                    .ok()
                    .flatten()
                    .is_some_and(|p| p.get("role_arn").is_some())
            })
            .collect();
        if roles.is_empty() {
            return Err(Error::Profile(
                "--all: the config file has no role profiles to write".into(),
            ));
        }
        roles
    } else {
        args.profiles.clone()
    };
    if args.to.is_some() && names.len() > 1 {
        return Err(Error::Usage(
            "--to names one section: give one profile with it".into(),
        ));
    }
    // Resolve every chain first: a config error stops everything before any prompt.
    let chains: Vec<Chain> = names
        .iter()
        .map(|n| config.chain(n))
        .collect::<Result<_>>()?;
    let targets: Vec<String> = names
        .iter()
        .map(|n| {
            args.to
                .clone()
                .unwrap_or_else(|| default_target(&config, n))
        })
        .collect();
    for (chain, target) in chains.iter().zip(&targets) {
        refuse_own_source(chain, target)?;
    }
    // The first profile may prompt for the MFA code and makes the session; the others are then
    // assumed from it concurrently, with no further prompt.
    let (first, rest) = chains
        .split_first()
        .ok_or_else(|| Error::Usage("no profile given".into()))?;
    let mut failures = Vec::new();
    // If the first fails (wrong code, no terminal), the others would fail the same way, one
    // prompt after another: stop here.
    let issued = issue(global, first, login_hint(&first.target))
        .and_then(|i| write_issued(&i, &targets[0]).map(|()| i))?;
    report(&issued, &targets[0]);
    let results: Vec<(String, Result<Issued>, &String)> = std::thread::scope(|s| {
        let handles: Vec<_> = rest
            .iter()
            .zip(&targets[1..])
            .map(|(chain, target)| {
                s.spawn(move || {
                    let r = issue(global, chain, login_hint(&chain.target))
                        .and_then(|i| write_issued(&i, target).map(|()| i));
                    (chain.target.clone(), r, target)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| {
                    (
                        String::new(),
                        Err(Error::Other("a worker thread panicked".into())),
                        &targets[0],
                    )
                })
            })
            .collect()
    });
    for (profile, result, target) in results {
        match result {
            Ok(issued) => report(&issued, target),
            Err(e) => failures.push((profile, e)),
        }
    }
    match failures.len() {
        0 => Ok(()),
        n => {
            for (profile, e) in &failures {
                eprintln!(
                    "awsmfa: {}",
                    crate::ui::escape_controls(&format!("{profile}: {e}"))
                );
            }
            let code_of = &failures[0].1;
            Err(match code_of {
                Error::LoginRequired(_) => Error::LoginRequired(format!(
                    "{n} of {} profiles were not written",
                    names.len()
                )),
                _ => Error::Other(format!("{n} of {} profiles were not written", names.len())),
            })
        }
    }
}

pub fn run_set_default(global: &GlobalArgs, args: &SetDefaultArgs) -> Result<()> {
    run(
        global,
        &WriteArgs {
            profiles: vec![args.profile_name.clone()],
            to: Some("default".into()),
            cred: args.cred.clone(),
            all: false,
        },
    )
}

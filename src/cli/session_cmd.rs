//! `awsmfa login [PROFILE]` and `awsmfa logout [PROFILE | --all]`: get the day's MFA session
//! ahead of time (so IDEs, `credential_process` and the credential server never need to ask),
//! and forget it again. Neither prints anything secret.

use clap::Args;

use super::GlobalArgs;
use crate::cache::Cache;
use crate::config::Config;
use crate::creds::{short_duration, utc_clock};
use crate::error::{Error, Result};
use crate::session::Resolver;
use crate::sts::SdkSts;

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Profile whose key profile's MFA session to get (default: --profile, $AWS_PROFILE, `default`)
    #[arg(id = "profile_name", value_name = "PROFILE")]
    pub profile: Option<String>,
    #[command(flatten)]
    pub cred: super::CredentialArgs,
}

#[derive(Debug, Args)]
pub struct LogoutArgs {
    /// Profile whose cached session and role credentials to forget (default: the active one,
    /// $AWSMFA_PROFILE, else --profile, $AWS_PROFILE, `default`)
    #[arg(id = "profile_name", value_name = "PROFILE", conflicts_with = "all")]
    pub profile: Option<String>,
    /// Forget every cached session and credential
    #[arg(long)]
    pub all: bool,
}

pub fn login(global: &GlobalArgs, args: &LoginArgs) -> Result<()> {
    let profile = global.profile_or_default(args.profile.as_deref());
    let chain = Config::load()?.chain(&profile)?;
    let mut opts = global.options()?;
    opts.codes.for_chain(&chain)?;
    opts.codes.login_hint = super::login_hint(&profile);
    let sts = SdkSts::for_chain(global.cred.region.as_deref(), &chain);
    let resolver = Resolver::new(&opts, &sts);
    let who = chain.key_profile.clone().unwrap_or_else(|| profile.clone());
    match resolver.login(&chain)? {
        Some(session) => {
            let Some(exp) = session.expiration else {
                return Err(Error::Network(
                    "GetSessionToken answered without an expiry".into(),
                ));
            };
            let left = crate::creds::seconds_left(exp, chrono::Utc::now());
            eprintln!(
                "{}: MFA session until {} ({})",
                crate::ui::escape_controls(&who),
                utc_clock(exp),
                short_duration(left)
            );
            Ok(())
        }
        None => {
            crate::ui::info(&format!(
                "profile '{profile}' uses no MFA session (no MFA device, or a role assumed directly with a code each time): nothing to log in to"
            ));
            Ok(())
        }
    }
}

pub fn logout(global: &GlobalArgs, args: &LogoutArgs) -> Result<()> {
    if args.all {
        let removed = Cache::open().forget(crate::cache::Scope::All)?;
        crate::ui::info(&format!(
            "forgot {removed} cached credential{}",
            if removed == 1 { "" } else { "s" }
        ));
        return Ok(());
    }
    let active = crate::paths::AWSMFA_PROFILE.non_empty();
    let profile = match args.profile.clone().or(active) {
        Some(p) => p,
        None => global.profile_or_default(None),
    };
    super::clear::forget(&profile)
}

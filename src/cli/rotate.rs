//! `awsmfa rotate [PROFILE]` (and the compatibility flag `--rotate-identity-keys`): rotate the
//! long-lived access key of a key profile wherever it is kept, the credentials file or the
//! encrypted store, then drop what the cache holds from the old key.

use clap::Args;

use super::GlobalArgs;
use crate::cache::{Key, Scope};
use crate::config::Config;
use crate::config::chain::{Chain, KeySource};
use crate::error::{Error, Result};
use crate::rotate::{Storage, rotate};
use crate::session::Resolver;
use crate::sts::SdkSts;

#[derive(Debug, Args)]
pub struct RotateArgs {
    /// Profile whose access key to rotate (a role profile: its source key profile) [default:
    /// --profile, $AWS_PROFILE, `default`]
    #[arg(id = "profile_name", value_name = "PROFILE")]
    pub profile: Option<String>,
    #[command(flatten)]
    pub cred: super::CredentialArgs,
}

pub fn run(global: &GlobalArgs, args: &RotateArgs) -> Result<()> {
    rotate_profile(global, &global.profile_or_default(args.profile.as_deref()))
}

/// The chain of `key` alone: its keys, no roles.
fn key_chain(config: &Config, chain: &Chain, key: &str) -> Result<Chain> {
    let mut c = config.chain(key).unwrap_or_else(|_| chain.clone());
    c.roles.clear();
    c.target = key.to_string();
    c.source = chain.source.clone();
    Ok(c)
}

/// Rotate the access key of `profile` (or of the key profile at the root of its chain).
pub fn rotate_profile(global: &GlobalArgs, profile: &str) -> Result<()> {
    rotate_with(global, profile, None)
}

/// `rotate_profile`, with the store file already unlocked (`store import` just had the
/// passphrase: it is not asked again).
pub fn rotate_with(
    global: &GlobalArgs,
    profile: &str,
    unlocked: Option<crate::store::Unlocked>,
) -> Result<()> {
    let config = Config::load()?;
    let full = config.chain(profile)?;
    let Some(key) = full.key_profile.clone() else {
        return Err(Error::Usage(format!(
            "profile '{profile}' gets its credentials from {:?}, not from long-lived keys awsmfa can rotate",
            full.source
        )));
    };
    if key != profile {
        crate::ui::info(&format!(
            "profile '{profile}' is a role profile; rotating the key of its source profile '{key}'"
        ));
    }
    let chain = key_chain(&config, &full, &key)?;
    let mut opts = global.options()?;
    opts.codes.for_chain(&chain)?;
    opts.codes.login_hint = format!(
        "run `awsmfa rotate {}` in a terminal, or pass -c CODE",
        crate::render::shell_word(&key)
    );
    // The MFA device named on the role, when rotating through a role profile.
    if opts.serial.is_none() && chain.mfa_serial().is_none() {
        opts.serial = full.mfa_serial().map(str::to_string);
    }
    let sts = SdkSts::for_chain(global.cred.region.as_deref(), &chain);
    let resolver = Resolver::new(&opts, &sts);
    let _lock = resolver.cache.lock(&Key::rotate(&key))?;
    let (storage, old) = match &chain.source {
        KeySource::Store { profile, path } => {
            let unlocked = match unlocked {
                Some(u) => u,
                None => crate::store::unlock(profile, path)?,
            };
            let old = unlocked.keys.credentials();
            let _ = resolver.store_creds.set(old.clone());
            let storage = Storage::Store {
                profile: profile.clone(),
                path: path.clone(),
                unlocked,
            };
            (storage, old)
        }
        KeySource::Static { creds, .. } if creds.session_token.is_none() => {
            let path = crate::paths::credentials_file();
            let in_file = config
                .profile(&key)?
                .and_then(|p| p.origin("aws_access_key_id").map(|o| o.file.clone()));
            if in_file.as_deref() != Some(path.as_path()) {
                return Err(Error::Usage(format!(
                    "the keys of profile '{key}' are in {}; awsmfa rotates keys in {} or in the key store",
                    in_file.map_or_else(|| "?".into(), |f| f.display().to_string()),
                    path.display()
                )));
            }
            let storage = Storage::File {
                path,
                section: key.clone(),
            };
            (storage, creds.clone())
        }
        KeySource::Static { .. } => {
            return Err(Error::Usage(format!(
                "profile '{key}' holds temporary credentials (it has a session token); there is no long-lived key to rotate"
            )));
        }
        other => {
            return Err(Error::Usage(format!(
                "profile '{key}' gets its credentials from {other:?}, not from long-lived keys awsmfa can rotate"
            )));
        }
    };
    let discovered = opts.serial.is_none() && chain.mfa_serial().is_none() && !opts.no_mfa;
    let serial = resolver.mfa_device(&chain)?;
    let rotated = rotate(&sts, &resolver, &chain, &storage, &old)?;
    // The profile now uses the new key: sessions and role credentials made with the old key
    // go; the MFA session rotation itself used stays (AWS keeps it valid until it expires).
    match resolver.cache.forget(Scope::KeysOf(&key)) {
        Ok(0) => {}
        Ok(n) => crate::ui::debug(&format!(
            "dropped {n} cached credentials made with the old key"
        )),
        Err(e) => crate::ui::warn(&format!("could not drop cached credentials: {e}")),
    }
    let new_config = Config::load()?;
    let new_full = new_config.chain(&key)?;
    let new_chain = key_chain(&new_config, &new_full, &key)?;
    if discovered && let Err(e) = resolver.remember_device(&new_chain, serial.as_deref()) {
        crate::ui::warn(&format!("could not remember the MFA device: {e}"));
    }
    if let Some(session) = &rotated.session
        && let Err(e) = resolver.keep_session(&new_chain, session)
    {
        crate::ui::warn(&format!("could not keep the MFA session: {e}"));
    }
    crate::ui::debug(&format!(
        "rotated {} -> {}",
        crate::store::mask(&rotated.old_id),
        crate::store::mask(&rotated.new_id)
    ));
    rotated.old_key_left.map_or(Ok(()), Err)
}

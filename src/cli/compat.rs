//! The compatibility form of the original Python awsmfa: `awsmfa [ROLE_ARN|PROFILE] [--env
//! [SHELL]]` with its flags and `AWS_MFA_*` variables. With no target it gets the identity
//! profile's MFA session; with a role ARN it assumes that role from the session.

use clap::Args;

use super::env::{Format, pick_shell, render};
use super::{GlobalArgs, expiry_notice, issue, print_stdout, refuse_terminal};
use crate::config::Config;
use crate::config::chain::RoleHop;
use crate::error::{Error, Result};
use crate::render::ShellKind;

#[derive(Debug, Args, Default)]
pub struct CompatArgs {
    /// Role ARN to assume from the identity profile's MFA session, or a profile name
    #[arg(value_name = "ROLE_ARN|PROFILE")]
    pub target: Option<String>,
    /// Profile holding the long-lived keys [default: `identity` if it exists, else `default`]
    #[arg(
        short = 'i',
        long = "identity-profile",
        env = crate::paths::AWS_MFA_IDENTITY_PROFILE.name(),
        hide_env_values = true,
        value_name = "NAME"
    )]
    pub identity_profile: Option<String>,
    /// Credentials-file profile to write the temporary credentials to
    #[arg(
        short = 't',
        long = "target-profile",
        env = crate::paths::AWS_MFA_TARGET_PROFILE.name(),
        hide_env_values = true,
        value_name = "NAME",
        default_value = "default"
    )]
    pub target_profile: String,
    /// Rotate the identity profile's access key first
    #[arg(
        long = "rotate-identity-keys",
        env = crate::paths::AWS_MFA_ROTATE_IDENTITY_KEYS.name(),
        hide_env_values = true
    )]
    pub rotate_identity_keys: bool,
    /// Path of the shared credentials file (as AWS_SHARED_CREDENTIALS_FILE)
    #[arg(long = "aws-credentials", value_name = "PATH", value_hint = clap::ValueHint::FilePath)]
    pub aws_credentials: Option<String>,
    /// Print export lines for SHELL (default: from $SHELL) instead of writing the credentials file
    #[arg(long = "env", value_name = "SHELL", num_args = 0..=1, default_missing_value = "")]
    pub env: Option<String>,
    #[command(flatten)]
    pub cred: super::CredentialArgs,
}

fn identity_profile(config: &Config, args: &CompatArgs, global: &GlobalArgs) -> Result<String> {
    if let Some(p) = args
        .identity_profile
        .clone()
        .or_else(|| global.profile.clone())
    {
        return Ok(p);
    }
    Ok(if config.profile("identity")?.is_some() {
        "identity".into()
    } else {
        "default".into()
    })
}

pub fn run(global: &GlobalArgs, args: &CompatArgs) -> Result<()> {
    if args.rotate_identity_keys {
        let config = Config::load()?;
        super::rotate::rotate_profile(global, &identity_profile(&config, args, global)?)?;
    }
    let shell = match args.env.as_deref() {
        None => None,
        Some("") => Some(pick_shell(None)?),
        Some(name) => Some(ShellKind::parse(name).ok_or_else(|| {
            Error::Usage(format!(
                "--env {name}: unknown shell; use bash, zsh, fish, sh or powershell"
            ))
        })?),
    };
    if shell.is_some() {
        refuse_terminal(false, "eval \"$(awsmfa --env)\"")?;
    }
    let config = Config::load()?;
    let chain = match &args.target {
        Some(arn) if crate::validate::looks_like_arn(arn) => {
            crate::validate::role_arn(arn)?;
            let identity = identity_profile(&config, args, global)?;
            let mut chain = config.chain(&identity)?;
            let name = arn.rsplit('/').next().unwrap_or(arn).to_string();
            chain.roles.push(RoleHop {
                profile: name.clone(),
                role_arn: arn.clone(),
                external_id: None,
                session_name: None,
                duration: None,
                mfa_serial: None,
                source_identity: None,
            });
            chain.target = name;
            chain
        }
        Some(profile) => {
            // `awsmfa lst`: a mistyped subcommand, not a profile named `lst`.
            if config.profile(profile)?.is_none()
                && let Some(msg) = super::usage::typo(profile, Some(&config))
            {
                return Err(Error::Usage(msg));
            }
            config.chain(profile)?
        }
        None => config.chain(&identity_profile(&config, args, global)?)?,
    };
    let issued = issue(
        global,
        &chain,
        "run `awsmfa` in a terminal first, or pass -c CODE".into(),
    )?;
    let Some(shell) = shell else {
        // The original awsmfa's default: write the target profile of the credentials file.
        super::write::write_issued(&issued, &args.target_profile)?;
        // Say what changed where before the original's expiry line (scripts may read that one).
        crate::ui::info(&format!(
            "wrote [{}] in {}",
            args.target_profile,
            tilde(&crate::paths::credentials_file())
        ));
        if let Some(exp) = issued.creds.expiration {
            let left = crate::creds::seconds_left(exp, chrono::Utc::now()).max(0);
            crate::ui::info(&format!(
                "Temporary credentials will expire in {}:{:02}:{:02}.",
                left / 3600,
                left % 3600 / 60,
                left % 60
            ));
        }
        return Ok(());
    };
    print_stdout(&render(&issued, Format::Shell, shell)?)?;
    expiry_notice(&issued);
    Ok(())
}

/// `path` with the home directory shown as `~`, as users write it.
fn tilde(path: &std::path::Path) -> String {
    match crate::paths::home_dir().and_then(|h| path.strip_prefix(h).ok().map(|r| r.to_owned())) {
        Some(rest) => format!("~/{}", rest.display()),
        None => path.display().to_string(),
    }
}

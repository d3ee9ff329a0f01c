//! `awsmfa console [PROFILE]`: sign in to the AWS web console with the same credentials the
//! other commands hand out (the cached MFA session, no new prompt while it lives), through the
//! federation endpoint, and open the sign-in URL in a browser or print it with `--print`.
//!
//! The sign-in URL is a bearer credential: it goes to stdout only with `--print` (and to a
//! terminal only with `--force` too), and never into the browser's command line, where other
//! local users could read it (`ps`): the browser gets a private file that redirects to it.

use clap::Args;

use super::{GlobalArgs, issue, load_chain, print_stdout, refuse_terminal};
use crate::config::chain::Chain;
use crate::creds::Credentials;
use crate::error::Result;
use crate::federation::{self, Partition};
use crate::session::{DEFAULT_SESSION, Resolver};
use crate::sts::{SdkSts, Sts};
use crate::validate;

#[derive(Debug, Args)]
#[command(after_help = "\
The credential options apply: --region picks the console region (default: the profile's), \
-d/--duration SECONDS the console session's length (900 to 43200), not the role's. AWS takes \
a console session length only for a role assumed directly with long-lived keys: when it \
refuses one, awsmfa signs in without it and says so.\n\
A key profile (no role) signs in as a federated user made with GetFederationToken from its \
long-lived keys (AWS allows no MFA on that call; that console cannot use IAM), whose lifetime \
-d sets (default 12 h).\n\
The sign-in URL is a credential: the browser (--browser CMD, else $BROWSER, else xdg-open, \
open on macOS) gets the path of a private temporary page that redirects to it, deleted a few \
seconds later; only --print shows it, and on a terminal only with --force.\n\n\
Example: awsmfa console dev-admin --service s3")]
pub struct ConsoleArgs {
    /// Profile (default: --profile, $AWS_PROFILE, `default`)
    // Not the id `profile`: that would shadow the global `--profile` flag in this subcommand.
    #[arg(id = "profile_name", value_name = "PROFILE")]
    pub profile: Option<String>,
    /// Print the sign-in URL (a credential: keep it private) on stdout instead of opening it
    #[arg(long)]
    pub print: bool,
    /// With --print: print the URL even when stdout is a terminal
    #[arg(long, requires = "print")]
    pub force: bool,
    /// Command that opens the URL (default: $BROWSER, else xdg-open, or open on macOS)
    #[arg(long, value_name = "CMD", conflicts_with = "print")]
    pub browser: Option<String>,
    /// Console service to open, e.g. ec2, s3, cloudwatch (default: the console home)
    #[arg(long, value_name = "SERVICE")]
    pub service: Option<String>,
    #[command(flatten)]
    pub cred: super::CredentialArgs,
}

pub fn run(global: &GlobalArgs, args: &ConsoleArgs) -> Result<()> {
    let profile = global.profile_or_default(args.profile.as_deref());
    if args.print {
        refuse_terminal(
            args.force,
            &format!(
                "awsmfa console {}  (opens the browser), or pipe --print into a command",
                crate::render::shell_word(&profile)
            ),
        )?;
    }
    // Everything the user typed is checked before any request is sent.
    let session_duration = global
        .cred
        .duration
        .as_deref()
        .map(|d| validate::duration(d, "console session", federation::CONSOLE_DURATIONS))
        .transpose()?;
    if let Some(s) = &args.service {
        federation::validate_service(s)?;
    }
    let chain = load_chain(&profile)?;
    let region = global.cred.region.clone().or_else(|| chain.region.clone());
    if let Some(r) = &region {
        federation::validate_region(r)?;
    }
    // Without a role ARN, the partition follows the console region, else the region STS is
    // called in (which also reads AWS_REGION): China keys cannot sign in at the global endpoint.
    let sts_region =
        crate::sts::pick_region(global.cred.region.as_deref(), chain.region.as_deref());
    let partition = Partition::pick(
        chain.roles.last().map(|r| r.role_arn.as_str()),
        Some(region.as_deref().unwrap_or(&sts_region)),
    )?;
    let endpoint = federation::exchange_endpoint(partition)?;
    // The proxy and CA bundle of the federation call: read (and checked) before any request.
    let network = crate::https::Network::new(&chain.net, &crate::endpoint::process_env)?;
    let openers = if args.print {
        Vec::new()
    } else {
        crate::browser::openers(args.browser.as_deref())?
    };

    // `-d` is the console session's length here, not the role's or the MFA session's.
    let mut issue_flags = global.clone();
    issue_flags.cred.duration = None;
    let (creds, sent_duration) = if chain.roles.is_empty() {
        key_profile(&issue_flags, &chain, &profile, session_duration)?
    } else {
        let issued = issue(&issue_flags, &chain, super::login_hint(&profile))?;
        let sent = match session_duration {
            // A role assumed with another role's credentials: AWS documents the refusal.
            Some(d) if chain.roles.len() > 1 => {
                crate::ui::warn(&format!(
                    "--duration {d} not sent: AWS takes no console session length for a role assumed from another role ('{profile}'); the console session ends with its credentials"
                ));
                None
            }
            other => other,
        };
        (issued.creds, sent)
    };

    let (token, _) = federation::signin_token(&network, &endpoint, &creds, sent_duration)?;
    let destination =
        federation::destination(partition, args.service.as_deref(), region.as_deref());
    let url = federation::login_url(partition, &destination, &token);
    if args.print {
        return print_stdout(&format!("{url}\n"));
    }
    crate::browser::open(&openers, &url)?;
    crate::ui::info(&format!(
        "opened the {} console for '{profile}' in the browser",
        partition.name()
    ));
    Ok(())
}

/// Console credentials for a profile without a role: its own credentials, never an MFA
/// session (the federation endpoint refuses GetSessionToken credentials). Long-lived keys are
/// refused too: GetFederationToken with them makes a federated user with the IAM user's
/// permissions (the session policy allows all, and session policies only narrow). Temporary
/// credentials (session keys in the file, credential_process, environment) go to the endpoint
/// as they are.
fn key_profile(
    flags: &GlobalArgs,
    chain: &Chain,
    profile: &str,
    duration: Option<u32>,
) -> Result<(Credentials, Option<u32>)> {
    let opts = flags.options()?;
    let sts = SdkSts::for_chain(flags.cred.region.as_deref(), chain);
    let base = Resolver::new(&opts, &sts).source_creds(chain)?;
    if base.session_token.is_some() {
        crate::ui::info(&format!(
            "profile '{profile}' gives temporary credentials: passing them to the federation endpoint as they are"
        ));
        return Ok((base, duration));
    }
    let name = federation::federated_user_name();
    // GetFederationToken's own duration sets the console session's length; SessionDuration
    // is not sent with its credentials.
    let lifetime = duration.unwrap_or(DEFAULT_SESSION);
    crate::ui::info(&format!(
        "profile '{profile}' holds long-lived keys: signing in as federated user '{name}' (GetFederationToken, {}; AWS takes no MFA for it, and its console cannot use IAM)",
        crate::creds::short_duration(i64::from(lifetime))
    ));
    let creds = sts.get_federation_token(&base, &name, federation::ALLOW_ALL_POLICY, lifetime)?;
    Ok((creds, None))
}

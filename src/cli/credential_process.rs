//! `awsmfa credential-process PROFILE`: the JSON document AWS SDKs read from
//! `credential_process = awsmfa credential-process PROFILE`. The MFA prompt, when one is
//! needed, goes to /dev/tty: SDKs capture both stdout and stderr.

use clap::Args;

use super::{GlobalArgs, issue, load_chain, print_stdout, refuse_terminal};
use crate::error::Result;
use crate::render::shell_word;

#[derive(Debug, Args)]
pub struct CredentialProcessArgs {
    /// Profile whose credentials to print
    #[arg(id = "profile_name", value_name = "PROFILE")]
    pub profile: String,
    /// Print even when stdout is a terminal
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub cred: super::CredentialArgs,
}

pub fn run(global: &GlobalArgs, args: &CredentialProcessArgs) -> Result<()> {
    refuse_terminal(
        args.force,
        &format!(
            "credential_process = awsmfa credential-process {}",
            shell_word(&args.profile)
        ),
    )?;
    let chain = load_chain(&args.profile)?;
    let issued = issue(global, &chain, super::login_hint(&args.profile))?;
    print_stdout(&crate::render::json::credential_process(&issued.creds))
}

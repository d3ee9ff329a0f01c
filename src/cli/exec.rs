//! `awsmfa exec PROFILE -- CMD [ARGS]`: run CMD with the credentials in its environment. On Unix
//! the process is replaced (exec), so signals and the exit status are the command's own.

use std::os::unix::process::CommandExt;

use clap::Args;

use super::{GlobalArgs, issue, load_chain};
use crate::error::{Error, Result};
use crate::render::{export_set, process_env, stale_vars, with_region_mark};

#[derive(Debug, Args)]
pub struct ExecArgs {
    /// Profile whose credentials the command gets
    #[arg(id = "profile_name", value_name = "PROFILE")]
    pub profile: String,
    /// The command and its arguments (after `--`)
    #[arg(last = true, required = true, value_name = "CMD")]
    pub command: Vec<String>,
    /// Serve fresh credentials to the command on loopback instead of static keys that expire
    /// (for work that outlasts a role's hour: Terraform, long test runs)
    #[arg(long)]
    pub server: bool,
    #[command(flatten)]
    pub cred: super::CredentialArgs,
}

pub fn run(global: &GlobalArgs, args: &ExecArgs) -> Result<()> {
    if args.server {
        return super::serve::exec(global, &args.profile, &args.command);
    }
    let chain = load_chain(&args.profile)?;
    let issued = issue(global, &chain, super::login_hint(&args.profile))?;
    let Some((program, rest)) = args.command.split_first() else {
        return Err(Error::Usage(
            "no command given: awsmfa exec PROFILE -- CMD [ARGS]".into(),
        ));
    };
    let mut cmd = crate::process::program(program);
    cmd.args(rest);
    let vars = with_region_mark(export_set(
        &issued.creds,
        &issued.profile,
        issued.region.as_deref(),
    ));
    for name in stale_vars(&vars, &process_env) {
        cmd.env_remove(name);
    }
    for (name, value) in vars {
        cmd.env(name, value);
    }
    crate::secrets::restore_core_limit(&mut cmd);
    let err = cmd.exec();
    let code = if err.kind() == std::io::ErrorKind::NotFound {
        "not found"
    } else {
        "cannot be run"
    };
    Err(Error::Command(format!("command '{program}' {code}: {err}")))
}

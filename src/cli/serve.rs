//! `awsmfa serve PROFILE` and `awsmfa exec --server PROFILE -- CMD`: the credential server of
//! src/server.rs, fed by PROFILE's chain, so long-running work (Terraform, test runs, an IDE)
//! keeps getting fresh role credentials from the day's MFA session instead of dying after the
//! hour a role lasts.

use std::sync::{Arc, Mutex};

use clap::Args;

use super::env::pick_shell;
use super::{GlobalArgs, issue_with, load_chain, print_stdout, refuse_terminal};
use crate::config::chain::Chain;
use crate::creds::Credentials;
use crate::error::{Error, Result};
use crate::render::ShellKind;
use crate::server::{Server, Source};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Profile whose credentials the server hands out
    #[arg(id = "profile_name", value_name = "PROFILE")]
    pub profile: String,
    /// Port on 127.0.0.1 (default: a free one)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub port: u16,
    /// Shell to print the two variables for (default: from $SHELL, else sh)
    #[arg(long, short = 's', value_enum)]
    pub shell: Option<ShellKind>,
    /// Print the variables even when stdout is a terminal (the token grants credentials)
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub cred: super::CredentialArgs,
}

/// Everything a consumer of the server must not see next to it: static keys and profile
/// selectors win over the container provider in every SDK's chain, and a relative container
/// URI wins over the full one.
fn hidden_from_consumers() -> impl Iterator<Item = &'static str> {
    crate::render::CREDENTIAL_VARS
        .iter()
        .chain(crate::render::UNSET_ON_EXPORT)
        .chain(&[
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
            // Web identity comes before the container provider in the SDKs' chain.
            "AWS_WEB_IDENTITY_TOKEN_FILE",
            "AWS_ROLE_ARN",
            "AWS_ROLE_SESSION_NAME",
        ])
        .copied()
}

/// PROFILE's credentials for the server: the last ones handed out while they have the refresh
/// window left, else resolved again (from the cached MFA session; a prompt only when it is
/// over). The mutex makes concurrent requests share one resolution, and the cache's file lock
/// shares it with other awsmfa processes.
struct ProfileSource {
    global: Mutex<GlobalArgs>,
    chain: Chain,
    /// Never ask for a code on the terminal (`exec --server`: the command owns it; a prompt
    /// there would fight it for the user's input, or stop awsmfa with SIGTTIN).
    no_prompt: std::sync::atomic::AtomicBool,
    last: Mutex<Option<(Credentials, chrono::DateTime<chrono::Utc>)>>,
    /// An error is logged on stderr once, not once per SDK retry.
    logged: Mutex<Option<String>>,
}

impl ProfileSource {
    fn new(global: &GlobalArgs, chain: Chain) -> ProfileSource {
        ProfileSource {
            global: Mutex::new(global.clone()),
            chain,
            no_prompt: std::sync::atomic::AtomicBool::new(false),
            last: Mutex::new(None),
            logged: Mutex::new(None),
        }
    }

    fn login_hint(&self) -> String {
        format!(
            "the MFA session has ended; {}",
            super::login_hint(&self.chain.target)
        )
    }
}

impl Source for ProfileSource {
    fn credentials(&self) -> Result<Credentials> {
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        let now = chrono::Utc::now();
        if let Some((c, _)) = last
            .as_ref()
            .filter(|(c, got)| crate::session::fresh_enough(c, *got, now))
        {
            return Ok(c.clone());
        }
        let mut global = self.global.lock().unwrap_or_else(|p| p.into_inner());
        let no_prompt = self.no_prompt.load(std::sync::atomic::Ordering::Relaxed);
        let result = issue_with(&global, &self.chain, self.login_hint(), no_prompt);
        match result {
            Ok(issued) => {
                // A code from -c served the first session; hours later it is long stale.
                global.cred.token_code = None;
                *self.logged.lock().unwrap_or_else(|p| p.into_inner()) = None;
                *last = Some((issued.creds.clone(), now));
                crate::ui::debug(&format!(
                    "credential server: new credentials for '{}'",
                    self.chain.target
                ));
                Ok(issued.creds)
            }
            Err(e) => {
                let text = e.to_string();
                let mut logged = self.logged.lock().unwrap_or_else(|p| p.into_inner());
                if logged.as_deref() != Some(text.as_str()) {
                    let line = format!("credential server ({}): {text}", self.chain.target);
                    eprintln!("awsmfa: {}", crate::ui::escape_controls(&line));
                    *logged = Some(text);
                }
                Err(e)
            }
        }
    }
}

/// Every SDK reads the `default` profile before the container provider. Long-lived keys in
/// `[default]` of the credentials file would win over the server (and the command would run
/// without MFA as the user): `Ok(true)`, the command gets an empty credentials file instead.
/// Keys wholly in the config file cannot be hidden without hiding the whole config: refused
/// (`refuse`, for `exec --server`) or warned about (`serve`). A `default` profile that gets
/// credentials another way (role, process, SSO) is warned about.
fn shadowing_default(refuse: bool) -> Result<bool> {
    let Ok(config) = crate::config::Config::load() else {
        return Ok(false);
    };
    let Ok(Some(default)) = config.profile("default") else {
        return Ok(false);
    };
    let config_file = crate::paths::config_file();
    let in_config_file = ["aws_access_key_id", "aws_secret_access_key"]
        .iter()
        .all(|k| default.origin(k).is_some_and(|o| o.file == config_file));
    if default.has_static_keys() && in_config_file && !refuse {
        crate::ui::warn(&format!(
            "the default profile in {} holds long-lived keys: SDKs that read that file use them instead of this server",
            config_file.display()
        ));
        return Ok(false);
    }
    if default.has_static_keys() && in_config_file {
        // Hiding them would mean hiding the whole config file from the command.
        return Err(Error::Usage(format!(
            "the default profile in {} holds long-lived keys, which every SDK in the command would use instead of the credential server; move them to a named profile, or use `awsmfa exec` without --server",
            crate::paths::config_file().display()
        )));
    }
    if default.has_static_keys() {
        if refuse {
            crate::ui::info(&format!(
                "the command does not see {}: its [default] keys would win over the credential server",
                crate::paths::credentials_file().display()
            ));
        } else {
            crate::ui::warn(&format!(
                "[default] in {} holds long-lived keys: SDKs that read that file use them instead of this server",
                crate::paths::credentials_file().display()
            ));
        }
        return Ok(refuse);
    }
    if let Some(key) = [
        "role_arn",
        "credential_process",
        "credential_source",
        "sso_session",
        "sso_start_url",
    ]
    .into_iter()
    .find(|k| default.get(k).is_some())
    {
        crate::ui::warn(&format!(
            "the default profile has {key}: SDKs may use it instead of the credential server"
        ));
    }
    Ok(false)
}

/// Resolve PROFILE once up front (any MFA prompt happens now, before a child takes the
/// terminal), then bind the server.
fn start(global: &GlobalArgs, profile: &str, port: u16) -> Result<(Server, Arc<ProfileSource>)> {
    let chain = load_chain(profile)?;
    let source = Arc::new(ProfileSource::new(global, chain));
    let first = source.credentials()?;
    if first.session_token.is_none() {
        return Err(Error::Usage(format!(
            "profile '{profile}' has long-lived keys and no MFA session or role: the server hands out temporary credentials only; use a role profile or a key profile with mfa_serial"
        )));
    }
    Ok((Server::bind(port)?, source))
}

pub fn run(global: &GlobalArgs, args: &ServeArgs) -> Result<()> {
    let shell = pick_shell(args.shell)?;
    refuse_terminal(
        args.force,
        &format!("awsmfa serve {} > FILE, then source FILE", args.profile),
    )?;
    shadowing_default(false)?;
    let (server, source) = start(global, &args.profile, args.port)?;
    let vars = server.variables();
    let mut all: Vec<(&str, Option<&str>)> =
        vars.iter().map(|(k, v)| (*k, Some(v.as_str()))).collect();
    all.extend(hidden_from_consumers().map(|n| (n, None)));
    print_stdout(&shell.script(&all))?;
    crate::ui::info(&format!(
        "serving credentials of '{}' at {} until stopped (Ctrl-C)",
        args.profile,
        server.url()
    ));
    server.serve(source);
    Ok(())
}

/// `exec --server`: the command runs with the server's two variables instead of static keys;
/// the server lives as long as the command. Signals another process sends awsmfa (SIGINT,
/// SIGTERM, SIGHUP) are passed on; those the terminal sends reach the command by themselves,
/// since it is in the same foreground group (passing them on would deliver Ctrl-C twice, and
/// Terraform takes a second Ctrl-C as "stop at once"). The command's exit status is awsmfa's;
/// a command killed by a signal gives 128+N.
pub fn exec(global: &GlobalArgs, profile: &str, command: &[String]) -> Result<()> {
    let Some((program, rest)) = command.split_first() else {
        return Err(Error::Usage(
            "no command given: awsmfa exec --server PROFILE -- CMD [ARGS]".into(),
        ));
    };
    let hide_credentials_file = shadowing_default(true)?;
    // Any MFA prompt happens here, before the command starts: Ctrl-C still ends awsmfa.
    let (server, source) = start(global, profile, 0)?;
    // From now on the command owns the terminal: the server never asks on it.
    source
        .no_prompt
        .store(true, std::sync::atomic::Ordering::Relaxed);
    // Held before the server's threads start (server.spawn below), so they inherit the mask
    // and every terminating signal waits for this thread.
    let held = crate::signals::Held::hold();
    let mut cmd = crate::process::program(program);
    cmd.args(rest);
    for name in hidden_from_consumers() {
        cmd.env_remove(name);
    }
    for (name, value) in server.variables() {
        cmd.env(name, value);
    }
    if let Some(region) = global
        .cred
        .region
        .clone()
        .or_else(|| source.chain.region.clone())
    {
        cmd.env("AWS_REGION", &region)
            .env("AWS_DEFAULT_REGION", region);
    }
    if hide_credentials_file {
        cmd.env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    }
    held.unblock_in_child(&mut cmd);
    crate::secrets::restore_core_limit(&mut cmd);
    server.spawn(source);
    let mut child = cmd.spawn().map_err(|e| {
        let why = if e.kind() == std::io::ErrorKind::NotFound {
            "not found"
        } else {
            "cannot be run"
        };
        Error::Command(format!("command '{program}' {why}: {e}"))
    })?;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                use std::os::unix::process::ExitStatusExt;
                let code = status
                    .code()
                    .or_else(|| status.signal().map(|s| 128 + s))
                    .unwrap_or(1);
                std::process::exit(code);
            }
            Ok(None) => {}
            Err(e) => return Err(Error::io(format!("waiting for '{program}'"), e)),
        }
        if let Some(caught) = held.take(std::time::Duration::from_millis(50))
            && !caught.from_tty
        {
            // SAFETY: kill(2) on our own child, which has not been reaped (try_wait said so).
            unsafe { libc::kill(child.id() as libc::pid_t, caught.signal) };
        }
    }
}

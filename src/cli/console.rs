//! `awsmfa console [PROFILE]`: sign in to the AWS web console with the same credentials the
//! other commands hand out (the cached MFA session, no new prompt while it lives), through the
//! federation endpoint, and open the sign-in URL in a browser or print it with `--print`.
//!
//! The sign-in URL is a bearer credential: it goes to stdout only with `--print` (and to a
//! terminal only with `--force` too), and never into the browser's command line, where other
//! local users could read it (`ps`): the browser gets a private file that redirects to it.

use std::io::Write;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use clap::Args;

use super::{GlobalArgs, issue, load_chain, print_stdout, refuse_terminal};
use crate::config::chain::Chain;
use crate::creds::Credentials;
use crate::error::{Error, Result};
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
        openers(args.browser.as_deref())?
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
    open(&openers, &url)?;
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

/// How long a browser command may run before it counts as opened: `xdg-open` and `open` return
/// at once, a browser started directly may stay in the foreground until it is closed.
const BROWSER_GRACE: Duration = Duration::from_secs(3);

/// One way to open the URL.
#[derive(Debug, Clone)]
enum Opener {
    /// `--browser CMD` or an entry of `$BROWSER`: run by `/bin/sh` so it may carry arguments.
    Shell(String),
    /// The platform opener, found on PATH.
    Program(PathBuf),
}

/// `--browser CMD`, else the `:`-separated commands of `$BROWSER` (tried in order), else
/// `xdg-open` (`open` on macOS). Checked before any request, so a missing opener costs nothing.
fn openers(flag: Option<&str>) -> Result<Vec<Opener>> {
    if let Some(cmd) = flag {
        let cmd = cmd.trim();
        if cmd.is_empty() {
            return Err(Error::Usage("--browser needs a command".into()));
        }
        return Ok(vec![Opener::Shell(cmd.to_string())]);
    }
    if let Ok(list) = std::env::var("BROWSER") {
        let entries: Vec<Opener> = list
            .split(':')
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(|e| Opener::Shell(e.to_string()))
            .collect();
        if !entries.is_empty() {
            return Ok(entries);
        }
    }
    let program = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    match find_in_path(program) {
        Some(path) => Ok(vec![Opener::Program(path)]),
        None => Err(Error::Other(format!(
            "no browser to open the console with: {program} is not installed and $BROWSER is not set; pass --browser CMD, set BROWSER, or use --print"
        ))),
    }
}

fn find_in_path(program: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| {
            std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
}

/// The shell script for a browser command: the page to open is `"$1"`, never part of the
/// script text, so nothing in it is interpreted. `%s` in the command marks where it goes (the
/// `$BROWSER` convention); otherwise it is the last argument.
fn shell_script(cmd: &str) -> String {
    if cmd.contains("%s") {
        cmd.replace("'%s'", "\"$1\"")
            .replace("\"%s\"", "\"$1\"")
            .replace("%s", "\"$1\"")
    } else {
        format!("{cmd} \"$1\"")
    }
}

/// The page the browser is given instead of the URL: `signin.html`, mode 0600, in a fresh
/// directory of its own (0700) under the temp directory. It sends the browser on to the URL
/// (`location.replace`, so it stays out of the history; a meta refresh without JavaScript; a
/// link as the last resort). Deleted with the directory when dropped.
struct SigninPage {
    dir: tempfile::TempDir,
}

impl SigninPage {
    fn new(url: &str) -> Result<SigninPage> {
        let fail = |e| Error::io("cannot write the console sign-in page", e);
        let dir = tempfile::Builder::new()
            .prefix("awsmfa-console-")
            .permissions(std::fs::Permissions::from_mode(0o700))
            .tempdir()
            .map_err(fail)?;
        // mkdir applies the umask, which may take bits from the owner too: set it exactly.
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700))
            .map_err(fail)?;
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(dir.path().join("signin.html"))
            .map_err(fail)?;
        file.write_all(redirect_page(url).as_bytes())
            .map_err(fail)?;
        Ok(SigninPage { dir })
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("signin.html")
    }
}

/// An HTML page that redirects to `url` at once.
fn redirect_page(url: &str) -> String {
    let url = html_escape(url);
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={url}\">\n\
         <title>AWS console sign-in (awsmfa)</title></head>\n\
         <body><p><a id=\"signin\" href=\"{url}\">Sign in to the AWS console</a></p>\n\
         <script>location.replace(document.getElementById(\"signin\").href);</script>\n\
         </body></html>\n"
    )
}

/// `s` as HTML text or a quoted attribute value.
fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Open `url` with the first opener that works. The URL never appears in the browser's
/// arguments (readable by every local user with `ps`): the browser gets the path of a private
/// page that redirects to it ([`SigninPage`]). The page is kept for [`BROWSER_GRACE`] after the
/// browser command starts, even when the command returns at once (`xdg-open` hands the page to
/// a browser that reads it later), then deleted.
///
/// SIGINT, SIGTERM and SIGHUP are held while the page exists: one that arrives deletes the page
/// first, then awsmfa dies of it. Pages a SIGKILL left behind are swept on the next run.
fn open(openers: &[Opener], url: &str) -> Result<()> {
    sweep_stale_pages();
    let held = crate::signals::Held::hold();
    let page = SigninPage::new(url)?;
    let die = |page: SigninPage, sig| -> ! {
        drop(page);
        crate::signals::die_of(sig)
    };
    let path = page.path();
    let mut last = Error::Other("no browser command to try".into());
    for opener in openers {
        let (mut cmd, shown) = match opener {
            Opener::Shell(c) => {
                let mut cmd = Command::new("/bin/sh");
                cmd.arg("-c")
                    .arg(shell_script(c))
                    .arg("awsmfa-browser")
                    .arg(&path);
                (cmd, c.clone())
            }
            Opener::Program(p) => {
                let mut cmd = Command::new(p);
                cmd.arg(&path);
                (cmd, p.display().to_string())
            }
        };
        // The browser's stdout goes to stderr: stdout carries only what awsmfa means to print.
        cmd.stdin(Stdio::null())
            .stdout(Stdio::from(std::io::stderr()));
        held.unblock_in_child(&mut cmd);
        let started = Instant::now();
        let mut child = match cmd.spawn() {
            Ok(child) => child,
            Err(e) => {
                last = Error::Other(format!("cannot run the browser command `{shown}`: {e}"));
                continue;
            }
        };
        match wait_briefly(&held, &mut child, BROWSER_GRACE) {
            Err(Waited::Signal(sig)) => die(page, sig),
            // Still running: a browser in the foreground, which has read the page by now.
            Ok(None) => return Ok(()),
            Ok(Some(status)) if status.success() => {
                // Returned at once (xdg-open): the browser it started may not have read the
                // page yet.
                if let Err(sig) = keep_until(&held, started + BROWSER_GRACE, &path) {
                    die(page, sig);
                }
                return Ok(());
            }
            Ok(Some(status)) if status.code() == Some(127) => {
                last = Error::Other(format!(
                    "the browser command `{shown}` was not found; pass --browser CMD, set BROWSER, or use --print"
                ));
            }
            Ok(Some(status)) => {
                last = Error::Other(format!(
                    "the browser command `{shown}` failed ({status}); pass --browser CMD, or use --print"
                ));
            }
            Err(Waited::Io(e)) => last = Error::io(format!("waiting for `{shown}`"), e),
        }
    }
    Err(last)
}

/// Sleep until `deadline` so that the page at `path` can be read until then; `Err(signal)` when
/// a terminating signal cuts it short.
fn keep_until(
    held: &crate::signals::Held,
    deadline: Instant,
    path: &Path,
) -> Result<(), libc::c_int> {
    crate::ui::debug(&format!(
        "keeping {} for the browser until the grace period ends",
        path.display()
    ));
    held.sleep(deadline.saturating_duration_since(Instant::now()))
}

/// Why waiting for the browser command stopped short.
enum Waited {
    Signal(libc::c_int),
    Io(std::io::Error),
}

/// The child's exit status if it ends within `limit`, else `None` (it keeps running).
fn wait_briefly(
    held: &crate::signals::Held,
    child: &mut Child,
    limit: Duration,
) -> Result<Option<ExitStatus>, Waited> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().map_err(Waited::Io)? {
            return Ok(Some(status));
        }
        if Instant::now() >= deadline {
            return Ok(None);
        }
        held.sleep(Duration::from_millis(20))
            .map_err(Waited::Signal)?;
    }
}

/// Pages older than a minute (the grace period is seconds) are what a SIGKILL or a crash left:
/// remove this user's, with the sign-in token in them.
const STALE_PAGE: Duration = Duration::from_secs(60);

fn sweep_stale_pages() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let ours = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with("awsmfa-console-"));
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > STALE_PAGE);
        if ours && old && meta.is_dir() && meta.uid() == crate::fsutil::euid() {
            crate::ui::debug(&format!("removing a stale sign-in page {}", path.display()));
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signin_page_is_private_escaped_and_deleted() {
        let url = "https://signin.aws.amazon.com/federation?Action=login&Issuer=awsmfa&SigninToken=a%2Fb\"<x>'";
        let page = SigninPage::new(url).unwrap();
        let path = page.path();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
        let html = std::fs::read_to_string(&path).unwrap();
        let escaped = "https://signin.aws.amazon.com/federation?Action=login&amp;Issuer=awsmfa&amp;SigninToken=a%2Fb&quot;&lt;x&gt;&#39;";
        assert!(
            html.contains(&format!("content=\"0; url={escaped}\"")),
            "{html}"
        );
        assert!(html.contains(&format!("href=\"{escaped}\"")), "{html}");
        assert!(html.contains("location.replace("), "{html}");
        assert!(!html.contains("&Issuer"), "unescaped: {html}");
        let dir = path.parent().unwrap().to_path_buf();
        drop(page);
        assert!(!dir.exists());
    }

    #[test]
    fn browser_commands_get_the_page_as_an_argument() {
        assert_eq!(shell_script("firefox"), "firefox \"$1\"");
        assert_eq!(
            shell_script("firefox --new-window"),
            "firefox --new-window \"$1\""
        );
        assert_eq!(shell_script("chromium '%s' &"), "chromium \"$1\" &");
        assert_eq!(shell_script("w3m %s"), "w3m \"$1\"");
    }
}

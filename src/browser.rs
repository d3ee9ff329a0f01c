//! Opening the console sign-in URL in a browser (`awsmfa console`) without putting it in any
//! command line: the browser command (`--browser CMD`, `$BROWSER`, else `xdg-open`, `open` on
//! macOS) gets the path of a private page that redirects to the URL, deleted a few seconds
//! later, and stale pages a SIGKILL left behind are swept on the next run.

use std::io::Write;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How long a browser command may run before it counts as opened: `xdg-open` and `open` return
/// at once, a browser started directly may stay in the foreground until it is closed.
const BROWSER_GRACE: Duration = Duration::from_secs(3);

/// One way to open the URL.
#[derive(Debug, Clone)]
pub enum Opener {
    /// `--browser CMD` or an entry of `$BROWSER`: run by `/bin/sh` so it may carry arguments.
    Shell(String),
    /// The platform opener, found on PATH.
    Program(PathBuf),
}

/// `--browser CMD`, else the `:`-separated commands of `$BROWSER` (tried in order), else
/// `xdg-open` (`open` on macOS). Checked before any request, so a missing opener costs nothing.
pub fn openers(flag: Option<&str>) -> Result<Vec<Opener>> {
    if let Some(cmd) = flag {
        let cmd = cmd.trim();
        if cmd.is_empty() {
            return Err(Error::Usage("--browser needs a command".into()));
        }
        return Ok(vec![Opener::Shell(cmd.to_string())]);
    }
    if let Some(list) = crate::paths::BROWSER.get() {
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
    match crate::process::find_program(program) {
        Some(path) => Ok(vec![Opener::Program(path)]),
        None => Err(Error::Other(format!(
            "no browser to open the console with: {program} is not installed and $BROWSER is not set; pass --browser CMD, set BROWSER, or use --print"
        ))),
    }
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
            .tempdir_in(crate::paths::temp_dir())
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
pub fn open(openers: &[Opener], url: &str) -> Result<()> {
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
                let mut cmd = crate::process::shell(&shell_script(c));
                cmd.arg("awsmfa-browser").arg(&path);
                (cmd, c.clone())
            }
            Opener::Program(p) => {
                let mut cmd = crate::process::program(p);
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
    let Ok(entries) = std::fs::read_dir(crate::paths::temp_dir()) else {
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

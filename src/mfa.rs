//! Where an MFA code comes from, decided in one place: `-c/--token-code`, `AWS_MFA_TOKEN_CODE`,
//! the profile's `mfa_process`, then the prompt driver (src/prompt_driver/: `mfa_prompt` or
//! `AWSMFA_PROMPT`; by default the controlling terminal, `/dev/tty`, never stdout: under
//! `eval "$(...)"` stdout is a pipe; without one a desktop dialog). With none of them it fails
//! at once.
//!
//! The terminal is one of the prompt drivers (src/prompt_driver/terminal.rs).

use crate::error::{Error, Result};
use crate::prompt_driver::PromptSettings;
use crate::validate;

/// Everything that can supply a code for one invocation.
#[derive(Default, Clone)]
pub struct CodeSources {
    /// `-c/--token-code` (already known not to be `skip`).
    pub flag: Option<String>,
    /// The profile's `mfa_process`.
    pub mfa_process: Option<String>,
    /// How to log in when nothing can supply a code (shown in the error).
    pub login_hint: String,
    /// How to ask when nothing above supplies a code, and what to tell the user.
    pub prompt: PromptSettings,
    /// Never ask (the credential server once its command owns the terminal): as
    /// [`NO_PROMPT`] for this one resolution.
    pub no_prompt: bool,
}

impl std::fmt::Debug for CodeSources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CodeSources")
            .field("flag", &self.flag.as_ref().map(|_| "** redacted **"))
            .field("mfa_process", &self.mfa_process)
            .field("prompt", &self.prompt)
            .finish()
    }
}

/// `AWS_MFA_TOKEN_CODE`, unless empty.
pub fn env_code() -> Option<String> {
    crate::paths::AWS_MFA_TOKEN_CODE.non_blank()
}

/// Set (to anything but empty) by the shell hooks from `awsmfa init`: fail (exit 6) where a
/// code would be asked for.
pub const NO_PROMPT: &str = crate::paths::AWSMFA_NO_PROMPT.name();

impl CodeSources {
    /// Take the chain's `mfa_process` and prompt settings (`mfa_prompt`, `AWSMFA_PROMPT`,
    /// `mfa_oath_account`); an unknown prompt driver is an error now, before anything is sent.
    pub fn for_chain(&mut self, chain: &crate::config::chain::Chain) -> Result<()> {
        self.mfa_process = chain.mfa_process.clone();
        self.prompt = PromptSettings::for_chain(chain)?;
        Ok(())
    }

    /// A validated code for `serial`, from the first source that applies.
    pub fn code(&self, serial: &str) -> Result<String> {
        if let Some(code) = &self.flag {
            return validate::mfa_code(code);
        }
        if let Some(code) = env_code() {
            return validate::mfa_code(&code)
                .map_err(|e| Error::Usage(format!("AWS_MFA_TOKEN_CODE: {e}")));
        }
        if let Some(cmd) = &self.mfa_process {
            return run_mfa_process(cmd);
        }
        // The shells' auto-refresh hook: renew from the cached session, never ask.
        if crate::paths::AWSMFA_NO_PROMPT
            .os()
            .is_some_and(|v| !v.is_empty())
        {
            return Err(Error::LoginRequired(format!(
                "an MFA code for {serial} is needed and awsmfa may not ask for one here; {}",
                self.login_hint
            )));
        }
        // `no_prompt` (exec --server once its command runs) keeps off the terminal only: a
        // dialog fights nobody for the keyboard.
        crate::prompt_driver::ask(serial, &self.prompt, &self.login_hint, !self.no_prompt)
    }
}

fn run_mfa_process(cmd: &str) -> Result<String> {
    crate::ui::debug(&format!("running mfa_process: {cmd}"));
    use crate::process::Failure;
    // No deadline: an mfa_process may wait for a person (a touch, a passphrase on /dev/tty).
    let stdout = crate::process::user_command(cmd).map_err(|f| match f {
        Failure::NotStarted(e) => Error::Other(format!(
            "mfa_process '{cmd}' could not be started (/bin/sh could not be started: {e})"
        )),
        // A helper that fails is a local failure (1), not AWS refusing (4): README's table.
        Failure::Failed(status) => Error::Other(format!(
            "mfa_process '{cmd}' failed ({status}); fix it or pass the code with -c"
        )),
    })?;
    let text = zeroize::Zeroizing::new(String::from_utf8_lossy(&stdout).into_owned());
    validate::mfa_code(text.trim())
        .map_err(|e| Error::Usage(format!("mfa_process '{cmd}' printed no valid code: {e}")))
}

//! `awsmfa use PROFILE` run as the binary: only the shell function from `awsmfa init` can change
//! the calling shell's environment, so explain how to install it.

use clap::Args;

use crate::error::{Error, Result};

/// `Debug` is written by hand: the flags for `env` may hold an MFA code (`-c 123456`).
#[derive(Args)]
pub struct UseArgs {
    /// Profile to use
    #[arg(id = "profile_name", value_name = "PROFILE")]
    pub profile: Option<String>,
    /// Flags for `env`
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    pub rest: Vec<String>,
}

impl std::fmt::Debug for UseArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UseArgs")
            .field("profile", &self.profile)
            .field(
                "rest",
                &format_args!("[{} arguments, not shown]", self.rest.len()),
            )
            .finish()
    }
}

pub fn run(args: &UseArgs) -> Result<()> {
    let profile = args.profile.as_deref().unwrap_or("PROFILE");
    Err(Error::Usage(format!(
        "`awsmfa use` needs the shell function: add `eval \"$(awsmfa init bash)\"` (or zsh; fish: `awsmfa init fish | source`) to your shell's rc file; meanwhile: eval \"$(awsmfa env {profile})\""
    )))
}

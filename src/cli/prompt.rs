//! `awsmfa prompt`: the prompt segment from AWSMFA_PROFILE and AWSMFA_EXPIRES only.

use clap::Args;

use crate::error::Result;
use crate::prompt::{DEFAULT_FORMAT, DEFAULT_WARN, segment};

#[derive(Debug, Args)]
pub struct PromptArgs {
    /// Format: {profile}, {left} (time left or `expired`), {expires} (UTC), {warn} (`!` when low)
    #[arg(long, default_value = DEFAULT_FORMAT)]
    pub format: String,
    /// Show {warn} under this many seconds left [env: AWSMFA_PROMPT_WARN]
    #[arg(long, value_name = "SECONDS")]
    pub warn: Option<i64>,
}

pub fn run(args: &PromptArgs) -> Result<()> {
    let warn = args
        .warn
        .or_else(|| {
            crate::paths::AWSMFA_PROMPT_WARN
                .get()
                .and_then(|w| w.parse().ok())
        })
        .unwrap_or(DEFAULT_WARN);
    let now = chrono::Utc::now().timestamp();
    let text = segment(
        crate::paths::AWSMFA_PROFILE.get().as_deref(),
        crate::paths::AWSMFA_EXPIRES.get().as_deref(),
        now,
        &args.format,
        warn,
    );
    super::print_stdout(&text)
}

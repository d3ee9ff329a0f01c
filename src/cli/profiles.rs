//! Hidden `awsmfa __profiles`: profile names, one per line, for shell completion. Silent on
//! any error: a completion must never print a message into the command line.

use crate::config::Config;
use crate::error::Result;

pub fn run() -> Result<()> {
    if let Ok(config) = Config::load_quiet() {
        let mut out = String::new();
        for name in config.profile_names() {
            out.push_str(&name);
            out.push('\n');
        }
        super::print_stdout(&out)?;
    }
    Ok(())
}

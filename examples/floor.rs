//! The floor for `scripts/bench`: a Rust binary that only prints, built with the same release
//! profile as awsmfa. It writes `$AWSMFA_FLOOR_TEXT` to stdout (the bench sets it to the exact
//! bytes `awsmfa env` prints), so the difference to awsmfa's warm path is awsmfa's own work:
//! argument parsing, reading the config files and the cache, rendering.

use std::io::Write;

#[allow(clippy::disallowed_methods)] // a bench helper, outside awsmfa: reads its own variable
fn main() {
    let text = std::env::var_os("AWSMFA_FLOOR_TEXT").unwrap_or_default();
    let _ = std::io::stdout().lock().write_all(text.as_encoded_bytes());
}

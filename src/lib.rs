//! awsmfa: long-lived AWS keys plus one MFA code a day turned into short-lived credentials for
//! shells, child processes, SDKs and the credentials file.

pub mod browser;
pub mod cache;
pub mod cli;
pub mod config;
pub mod credfile;
pub mod creds;
pub mod endpoint;
pub mod error;
#[cfg(test)]
pub mod fake;
pub mod federation;
pub mod fsutil;
pub mod https;
pub mod iam;
pub mod ini;
pub mod mfa;
pub mod paths;
pub mod picker;
pub mod process;
pub mod prompt;
pub mod prompt_driver;
pub mod render;
pub mod rotate;
pub mod secrets;
pub mod server;
pub mod session;
pub mod signals;
pub mod store;
pub mod sts;
pub mod tty;
pub mod ui;
pub mod validate;

//! The one integration-test binary (one module per area, as ripgrep does): the AWS SDK and
//! the test harness are compiled and linked once instead of once per file.

#[macro_use]
mod common;

mod architecture;
mod auto_refresh;
mod botocore_ini;
mod cli;
mod completions;
mod config_read;
mod console;
mod credfile;
mod credfile_keys;
mod discovery;
mod dotenv;
mod exports;
mod faults;
mod man;
mod network;
mod package;
mod prompt_drivers;
mod quoting;
mod readme;
mod rotate;
mod secrets;
mod server;
mod sessions;
mod shell_integration;
mod status_list;
mod store;
mod terminal;
mod write;

//! The one integration-test binary (one module per area, as ripgrep does): the AWS SDK and
//! the test harness are compiled and linked once instead of once per file.
// clippy.toml's rules are for src/: tests start programs of their own (shells, moto, the
// binary) and read their own knobs (CI, AWSMFA_TEST_VENV, PATH, ...), handing the binary its
// environment through Command only.
#![allow(clippy::disallowed_methods)]

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
mod paths;
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

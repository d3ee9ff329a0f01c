//! Entry point: parse the command line, run, map the error to one stderr line and an exit code.

fn main() -> std::process::ExitCode {
    // Before anything secret is read: no core file may hold it.
    awsmfa_cli::secrets::forbid_core_dumps();
    // The hot invocations (prompt, credential-process, env PROFILE) skip building clap's whole
    // command tree: see src/cli/fast.rs. Everything else goes to clap, whose errors are one
    // `awsmfa:` line too (src/cli/usage.rs).
    let cli = awsmfa_cli::cli::fast::parse(std::env::args_os())
        .unwrap_or_else(|| awsmfa_cli::cli::usage::parse_or_exit(std::env::args_os().collect()));
    if let Some(path) = &cli.compat.aws_credentials {
        awsmfa_cli::paths::set_credentials_file(path);
    }
    match awsmfa_cli::cli::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            awsmfa_cli::ui::error(&e.to_string());
            std::process::ExitCode::from(e.exit_code() as u8)
        }
    }
}

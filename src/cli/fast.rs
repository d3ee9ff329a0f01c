//! The hot invocations parsed without clap: `awsmfa prompt`, `awsmfa credential-process
//! PROFILE`, `awsmfa env [--shell SHELL] PROFILE`, `awsmfa __use SHELL PROFILE` (the form
//! the shell function's `use` runs) and `awsmfa init SHELL` (every shell start-up), each
//! optionally with `-q`. They run in every prompt, every SDK credential refresh and every
//! `awsmfa use`, and clap's parse builds the whole command tree first (every subcommand, with
//! every global flag cloned into each): on a warm `env` that was about 45% of the instructions
//! and a third of the page faults (callgrind and `perf record -e page-faults`, see
//! docs/benchmarks.md). Any other argument, spelling or environment goes to clap as before, and
//! the tests check that both parse every fast shape to the same `Cli`.
//!
//! Kept by measurement (issue 11 §5: delete it if clap costs under 0.15 ms more): with clap
//! forced, release build, hyperfine -N 1,500 runs interleaved, medians were 0.32 ms (`prompt`),
//! 0.37 ms (`credential-process`), 0.34 ms (`env`) and 0.31 ms (`init bash`) slower.

use std::ffi::OsString;

use super::credential_process::CredentialProcessArgs;
use super::env::{EnvArgs, Format};
use super::init::InitArgs;
use super::prompt::PromptArgs;
use super::use_::UseEvalArgs;
use super::{Cli, Command, CommonArgs, CredentialArgs, compat::CompatArgs};
use crate::render::ShellKind;

/// Variables clap reads into the compatibility flags: with any of them present, clap decides.
const CLAP_ENV: &[crate::paths::Var] = &[
    crate::paths::AWS_MFA_IDENTITY_PROFILE,
    crate::paths::AWS_MFA_TARGET_PROFILE,
    crate::paths::AWS_MFA_ROTATE_IDENTITY_KEYS,
];

/// `Some(cli)` when `args` (with the program name first) is one of the hot shapes, exactly as
/// clap would parse it; `None` means "ask clap".
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Option<Cli> {
    if CLAP_ENV.iter().any(|v| v.is_present()) {
        return None;
    }
    let args: Vec<String> = args
        .into_iter()
        .skip(1)
        .map(|a| a.into_string().ok())
        .collect::<Option<_>>()?;
    let mut quiet = false;
    let mut rest: Vec<&str> = Vec::with_capacity(args.len());
    for (i, a) in args.iter().enumerate() {
        // Right after `--shell`, `-q` is that option's (missing) value: clap rejects it.
        let is_value = i > 0 && args[i - 1] == "--shell";
        if (a == "-q" || a == "--quiet") && !is_value {
            if quiet {
                return None; // clap rejects a repeated flag
            }
            quiet = true;
        } else {
            rest.push(a);
        }
    }
    // A profile name as clap takes it: not a flag, not empty.
    let plain = |s: &str| !s.is_empty() && !s.starts_with('-');
    let command = match rest.as_slice() {
        ["prompt"] => Command::Prompt(PromptArgs {
            format: crate::prompt::DEFAULT_FORMAT.to_string(),
            warn: None,
        }),
        ["credential-process", profile] if plain(profile) => {
            Command::CredentialProcess(CredentialProcessArgs {
                profile: profile.to_string(),
                force: false,
                cred: CredentialArgs::default(),
            })
        }
        ["env", profile] if plain(profile) => env(None, profile),
        ["env", "--shell", shell, profile] if plain(profile) => {
            env(Some(shell_arg(shell)?), profile)
        }
        ["init", shell] => Command::Init(InitArgs {
            shell: shell_arg(shell)?,
            save: false,
        }),
        ["__use", shell, profile] if plain(profile) => Command::UseEval(UseEvalArgs {
            shell: shell_arg(shell)?,
            profile: Some(profile.to_string()),
            format: None,
            other_shell: None,
            force: false,
            cred: CredentialArgs::default(),
        }),
        _ => return None,
    };
    Some(Cli {
        common: CommonArgs {
            quiet,
            ..CommonArgs::default()
        },
        compat: CompatArgs {
            target_profile: "default".to_string(),
            ..CompatArgs::default()
        },
        command: Some(command),
    })
}

fn env(shell: Option<ShellKind>, profile: &str) -> Command {
    Command::Env(EnvArgs {
        profile: Some(profile.to_string()),
        shell,
        format: Format::Shell,
        force: false,
        cred: CredentialArgs::default(),
    })
}

/// The `--shell` values clap accepts (exact case), `None` for anything else.
fn shell_arg(s: &str) -> Option<ShellKind> {
    use clap::ValueEnum;
    ShellKind::from_str(s, false).ok()
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    fn argv(args: &[&str]) -> Vec<OsString> {
        std::iter::once("awsmfa")
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    #[allow(clippy::disallowed_methods)] // CI and AWSMFA_REQUIRE_TOOLS are the tests' own
    fn fast_shapes_parse_as_clap_does() {
        if CLAP_ENV.iter().any(|v| v.is_present()) {
            // Those variables send every shape to clap, so nothing can be compared here: a
            // reason printed locally, a failure where the suite must be complete.
            assert!(
                std::env::var_os("CI").is_none()
                    && std::env::var_os("AWSMFA_REQUIRE_TOOLS").is_none(),
                "an AWS_MFA_* variable is set: unset it to run this test"
            );
            assert!(parse(argv(&["prompt"])).is_none());
            eprintln!("skipping the clap comparison: an AWS_MFA_* variable is set");
            return;
        }
        let shapes: &[&[&str]] = &[
            &["prompt"],
            &["prompt", "-q"],
            &["-q", "prompt"],
            &["credential-process", "dev-admin"],
            &["credential-process", "dev-admin", "--quiet"],
            &["env", "dev-admin"],
            &["env", "dev-admin", "-q"],
            &["env", "-q", "dev-admin"],
            &["env", "--shell", "bash", "dev-admin"],
            &["env", "--shell", "zsh", "x.y@z"],
            &["env", "--shell", "fish", "dev"],
            &["env", "--shell", "sh", "dev"],
            &["env", "--shell", "powershell", "dev"],
            &["env", "--shell", "pwsh", "dev"],
            &["env", "help"],
            &["env", "prompt"],
            &["credential-process", "env"],
            &["__use", "bash", "dev-admin"],
            &["__use", "zsh", "dev-admin", "-q"],
            &["__use", "fish", "x.y@z"],
            &["__use", "sh", "dev"],
            &["__use", "powershell", "dev"],
            &["__use", "pwsh", "dev"],
            &["__use", "bash", "__use"],
            &["__use", "nu", "dev"],
            &["__use", "elvish", "dev"],
            &["init", "bash"],
            &["init", "zsh"],
            &["init", "fish", "-q"],
            &["init", "nushell"],
            &["init", "pwsh"],
        ];
        for shape in shapes {
            let fast = parse(argv(shape)).unwrap_or_else(|| panic!("not a fast shape: {shape:?}"));
            let clap = Cli::try_parse_from(argv(shape)).unwrap();
            assert_eq!(format!("{fast:?}"), format!("{clap:?}"), "{shape:?}");
        }
    }

    /// Every variable clap reads into an argument, anywhere in the command tree, sends the
    /// parse to clap: a new `#[arg(env = ..)]` that is missing from `CLAP_ENV` would be
    /// silently ignored by the fast shapes.
    #[test]
    fn every_variable_clap_reads_is_in_the_bypass_list() {
        use clap::CommandFactory;

        fn walk(cmd: &clap::Command, found: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                if let Some(var) = arg.get_env() {
                    found.push(var.to_string_lossy().into_owned());
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, found);
            }
        }
        let mut found = Vec::new();
        walk(&Cli::command(), &mut found);
        found.sort();
        found.dedup();
        assert!(
            !found.is_empty(),
            "clap reads no variable: the walk is broken"
        );
        let mut listed: Vec<String> = CLAP_ENV.iter().map(|v| v.to_string()).collect();
        listed.sort();
        assert_eq!(found, listed);
    }

    #[test]
    fn everything_else_goes_to_clap() {
        let others: &[&[&str]] = &[
            &[],
            &["dev-admin"],
            &["prompt", "--format", "{profile}"],
            &["prompt", "--warn", "60"],
            &["env"],
            &["env", "-c", "123456", "dev"],
            &["env", "--shell=bash", "dev"],
            &["env", "-s", "bash", "dev"],
            &["env", "--shell", "Bash", "dev"],
            &["env", "--shell", "tcsh", "dev"],
            &["env", "dev", "--format", "json"],
            &["env", "dev", "extra"],
            &["env", "--", "dev"],
            &["env", ""],
            &["env", "dev", "-q", "-q"],
            &["env", "--shell", "-q", "bash", "dev"],
            &["env", "dev", "-v"],
            &["--profile", "x", "env"],
            &["credential-process"],
            &["credential-process", "dev", "--force"],
            &["exec", "dev", "--", "true"],
            &["use", "dev"],
            &["__use", "bash"],
            &["__use", "bash", "dev", "--format", "json"],
            &["__use", "bash", "dev", "-fjson"],
            &["__use", "bash", "dev", "--shell", "fish"],
            &["__use", "bash", "-c", "123456", "dev"],
            &["__use", "tcsh", "dev"],
            &["__use", "bash", "--", "dev"],
            &["init"],
            &["init", "Bash"],
            &["init", "tcsh"],
            &["init", "bash", "extra"],
        ];
        for shape in others {
            assert!(parse(argv(shape)).is_none(), "{shape:?}");
        }
    }
}

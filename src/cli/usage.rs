//! Command-line mistakes as users see them: clap's multi-line errors turned into one
//! `awsmfa:` line (exit 2), and a mistyped subcommand told apart from the compatibility form's
//! profile (`awsmfa lst` is not a profile named `lst`).

use std::ffi::OsString;

use clap::CommandFactory;
use clap::error::ErrorKind;

use super::{Cli, ColorChoice};
use crate::config::Config;

/// Parse `args` with clap. Help and version are printed and exit 0; a usage error is printed
/// as one `awsmfa:` line and exits 2, like every other bad command line.
pub fn parse_or_exit(args: Vec<OsString>) -> Cli {
    let mut cmd = Cli::command();
    let color = color_flag(&args);
    cmd = cmd.color(match color {
        ColorChoice::Auto => clap::ColorChoice::Auto,
        ColorChoice::Always => clap::ColorChoice::Always,
        ColorChoice::Never => clap::ColorChoice::Never,
    });
    let matches = cmd.try_get_matches_from_mut(&args);
    let result = matches.and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m));
    match result {
        Ok(cli) => cli,
        Err(e) => {
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                e.exit();
            }
            crate::ui::set_color(color);
            let msg = first_word_typo(&args).unwrap_or_else(|| one_line(&e.to_string(), &args));
            crate::ui::error(&msg);
            std::process::exit(crate::error::ExitCode::Usage as i32);
        }
    }
}

/// `--color WHEN` as given (clap has not parsed yet when its own error must be coloured).
fn color_flag(args: &[OsString]) -> ColorChoice {
    let mut choice = ColorChoice::Auto;
    let mut it = args.iter().filter_map(|a| a.to_str());
    while let Some(a) = it.next() {
        let value = match a.strip_prefix("--color") {
            Some("") => it.next(),
            Some(v) => v.strip_prefix('='),
            None => None,
        };
        match value {
            Some("always") => choice = ColorChoice::Always,
            Some("never") => choice = ColorChoice::Never,
            Some("auto") => choice = ColorChoice::Auto,
            _ => {}
        }
    }
    choice
}

/// clap's error text as one line: the message (with the lines that continue it, such as the
/// names of missing arguments), its tip, and the usage line.
pub fn one_line(text: &str, args: &[OsString]) -> String {
    let mut message = Vec::new();
    let mut tips = Vec::new();
    let mut usage = None;
    for line in text.lines() {
        let line = line.trim();
        if let Some(m) = line.strip_prefix("error: ") {
            message.push(m.to_string());
        } else if let Some(t) = line.strip_prefix("tip: ") {
            tips.push(t.to_string());
        } else if let Some(u) = line.strip_prefix("Usage: ") {
            usage = Some(u.to_string());
        } else if line.is_empty() || line.starts_with("For more information") {
            continue;
        } else if usage.is_none() && tips.is_empty() {
            message.push(line.to_string());
        }
    }
    let mut out = message.join(" ");
    if out.ends_with(':') {
        out.pop();
    }
    if let Some(hint) = exec_hint(args, &out) {
        out.push_str("; ");
        out.push_str(&hint);
    } else {
        for tip in tips {
            out.push_str("; ");
            out.push_str(&tip);
        }
        if let Some(usage) = usage {
            out.push_str(&format!("; usage: {usage}"));
        }
    }
    out.push_str(" (more: --help)");
    out
}

/// `awsmfa exec PROFILE aws sts ...` without `--`: clap sees a stray argument.
fn exec_hint(args: &[OsString], message: &str) -> Option<String> {
    let words: Vec<&str> = args.iter().skip(1).filter_map(|a| a.to_str()).collect();
    let at = words.iter().position(|w| *w == "exec")?;
    if words[at..].contains(&"--") || !message.starts_with("unexpected argument") {
        return None;
    }
    Some("the command goes after `--`: awsmfa exec PROFILE -- CMD [ARGS]".into())
}

/// The subcommands a user may type.
fn command_names() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_string())
        .collect()
}

/// When the first argument is a word that is neither a subcommand, a role ARN nor a profile,
/// and is close to a subcommand: the message saying so.
fn first_word_typo(args: &[OsString]) -> Option<String> {
    let word = args.get(1)?.to_str()?;
    if word.starts_with('-') || command_names().iter().any(|c| c == word) {
        return None;
    }
    // A broken config file is no reason to hide the suggestion: no profiles then.
    let config = Config::load_quiet().ok();
    typo(word, config.as_ref())
}

/// `no command or profile 'lst'; did you mean 'list'?` when `word` is no profile of `config`
/// and no role ARN but close to a subcommand; `None` otherwise.
pub fn typo(word: &str, config: Option<&Config>) -> Option<String> {
    if crate::validate::looks_like_arn(word) {
        return None;
    }
    let profiles = config.map(Config::profile_names).unwrap_or_default();
    if profiles.iter().any(|p| p == word) {
        return None;
    }
    // The nearest only: `lst` is `list`, not also `use`.
    let command = crate::config::closest(word, &command_names())
        .into_iter()
        .next()?;
    let mut msg = format!("no command or profile '{word}'; did you mean '{command}'");
    let close = crate::config::closest(word, &profiles);
    if !close.is_empty() {
        msg.push_str(&format!(", or the profile {}", close.join(", ")));
    }
    msg.push('?');
    Some(msg)
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        std::iter::once("awsmfa")
            .chain(a.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn clap_errors_become_one_line() {
        let text = "error: unexpected argument 'dev-admin' found\n\nUsage: awsmfa [OPTIONS] [ROLE_ARN|PROFILE] [COMMAND]\n\nFor more information, try '--help'.\n";
        assert_eq!(
            one_line(text, &args(&["evn", "dev-admin"])),
            "unexpected argument 'dev-admin' found; usage: awsmfa [OPTIONS] [ROLE_ARN|PROFILE] [COMMAND] (more: --help)"
        );
        let text = "error: the following required arguments were not provided:\n  <CMD>...\n\nUsage: awsmfa exec <PROFILE> -- <CMD>...\n\nFor more information, try '--help'.\n";
        assert_eq!(
            one_line(text, &args(&["exec", "dev"])),
            "the following required arguments were not provided: <CMD>...; usage: awsmfa exec <PROFILE> -- <CMD>... (more: --help)"
        );
        let text = "error: unexpected argument '--foo' found\n\n  tip: to pass '--foo' as a value, use '-- --foo'\n\nUsage: awsmfa env [OPTIONS] [PROFILE]\n\nFor more information, try '--help'.\n";
        assert_eq!(
            one_line(text, &args(&["env", "--foo"])),
            "unexpected argument '--foo' found; to pass '--foo' as a value, use '-- --foo'; usage: awsmfa env [OPTIONS] [PROFILE] (more: --help)"
        );
    }

    #[test]
    fn every_clap_error_kind_we_can_provoke_is_one_line() {
        for bad in [
            &["evn", "dev-admin"][..],
            &["exec", "dev", "aws", "sts"],
            &["exec"],
            &["env", "--shell", "tcsh"],
            &["-d"],
            &["env", "--nope"],
            &["write", "--all", "x"],
        ] {
            let e = Cli::try_parse_from(args(bad)).unwrap_err();
            let line = one_line(&e.to_string(), &args(bad));
            assert!(!line.contains('\n'), "{bad:?}: {line}");
            assert!(!line.starts_with("error"), "{bad:?}: {line}");
            assert!(line.ends_with("(more: --help)"), "{bad:?}: {line}");
        }
    }

    #[test]
    fn typos_of_subcommands_are_told_apart_from_profiles() {
        assert_eq!(
            typo("lst", None).as_deref(),
            Some("no command or profile 'lst'; did you mean 'list'?")
        );
        assert_eq!(
            typo("evn", None).as_deref(),
            Some("no command or profile 'evn'; did you mean 'env'?")
        );
        assert_eq!(typo("arn:aws:iam::123456789012:role/lst", None), None);
        assert_eq!(typo("production", None), None);
    }

    #[test]
    fn color_flag_is_read_before_clap() {
        assert_eq!(color_flag(&args(&["--color", "never"])), ColorChoice::Never);
        assert_eq!(
            color_flag(&args(&["x", "--color=always"])),
            ColorChoice::Always
        );
        assert_eq!(color_flag(&args(&["--colorx"])), ColorChoice::Auto);
    }
}

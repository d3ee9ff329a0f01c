//! Hidden `awsmfa __complete SHELL -- WORDS...`: the completion of every shell, computed here
//! from the clap definition, so no shell carries a hand-written list of commands, flags or
//! "arguments that take a profile" that could drift from the parser. The shell scripts under
//! `shell/completion.*` only pass the words typed so far and insert the answer with their own
//! quoting; hidden commands and flags (`__profiles`, `__use`, `__complete`) are never offered.
//!
//! The answer is a mode line, then candidates one per line (`value<TAB>description`):
//! `words` (the candidates, already filtered by the typed prefix), `files` / `dirs` (the
//! shell's own file completion, which quotes spaces; the next line is the typed prefix without
//! its quotes), `commands` (command names) or `none`.

use clap::{Arg, ArgAction, Args, Command, CommandFactory, ValueHint};

use crate::error::Result;
use crate::render::ShellKind;

mod shell_words;
mod slots;

pub use shell_words::{split_nu_line, unquote};
pub use slots::profile_slots;

#[derive(Debug, Args)]
pub struct CompleteArgs {
    /// The shell asking (how the word under the cursor is quoted)
    #[arg(value_enum)]
    pub shell: ShellKind,
    /// The words after `awsmfa`, the last one the word under the cursor (empty at a new word)
    #[arg(last = true)]
    pub words: Vec<String>,
}

/// The arguments whose value is a profile name: the one list every shell's completion (and the
/// test that drives them all) goes by. Positionals named PROFILE, `--profile`, and the
/// compatibility form's `-i` / `-t`, and `write --to` (a section of the credentials file).
pub fn takes_profile(arg: &Arg) -> bool {
    let named_profile = arg
        .get_value_names()
        .is_some_and(|names| names.iter().any(|n| n.as_str() == "PROFILE"));
    let by_id = matches!(
        arg.get_id().as_str(),
        "profile" | "identity_profile" | "target_profile" | "to"
    );
    named_profile || by_id
}

/// What the shell should offer at the cursor.
#[derive(Debug, PartialEq, Eq)]
pub enum Reply {
    /// These candidates (value, description), filtered by the typed prefix.
    Words(Vec<(String, String)>),
    /// File names starting with this (unquoted) prefix, by the shell's own completion.
    Files(String),
    /// Directory names starting with this prefix.
    Dirs(String),
    /// Command names starting with this prefix.
    Commands(String),
    /// Nothing (a value awsmfa cannot guess: a number, an ARN, a code).
    Nothing,
}

impl Reply {
    /// The answer in the protocol the shell scripts read (see the module comment).
    pub fn render(&self) -> String {
        match self {
            Reply::Words(words) => {
                let mut out = String::from("words\n");
                for (value, help) in words {
                    out.push_str(value);
                    if !help.is_empty() {
                        out.push('\t');
                        out.push_str(help);
                    }
                    out.push('\n');
                }
                out
            }
            Reply::Files(prefix) => format!("files\n{prefix}\n"),
            Reply::Dirs(prefix) => format!("dirs\n{prefix}\n"),
            Reply::Commands(prefix) => format!("commands\n{prefix}\n"),
            Reply::Nothing => "none\n".to_string(),
        }
    }
}

/// The built command tree: global flags copied into every subcommand, `help` added.
pub fn command_tree() -> Command {
    let mut cmd = super::Cli::command();
    cmd.build();
    cmd
}

fn help_of(arg: &Arg) -> String {
    first_line(arg.get_help().map(ToString::to_string))
}

fn first_line(text: Option<String>) -> String {
    text.unwrap_or_default()
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

fn takes_value(arg: &Arg) -> bool {
    arg.get_action().takes_values()
}

/// An option whose value may be left out (`--env [SHELL]`): the next word is not its value.
fn value_optional(arg: &Arg) -> bool {
    arg.get_num_args().is_some_and(|r| r.min_values() == 0)
}

fn find_long<'a>(cmd: &'a Command, name: &str) -> Option<&'a Arg> {
    cmd.get_arguments().find(|a| {
        a.get_long() == Some(name) || a.get_all_aliases().is_some_and(|al| al.contains(&name))
    })
}

fn find_short(cmd: &Command, c: char) -> Option<&Arg> {
    cmd.get_arguments().find(|a| {
        a.get_short() == Some(c) || a.get_all_short_aliases().is_some_and(|al| al.contains(&c))
    })
}

fn find_subcommand<'a>(cmd: &'a Command, name: &str) -> Option<&'a Command> {
    cmd.get_subcommands()
        .find(|s| s.get_name() == name || s.get_all_aliases().any(|a| a == name))
}

/// Profile names from the config files and the key store, silently (a completion must never
/// print a message into the command line).
pub fn profile_names() -> Vec<String> {
    crate::config::Config::load_quiet()
        .map(|c| c.profile_names())
        .unwrap_or_default()
}

/// The candidates for a value of `arg` starting with `prefix`; `index` is which value of a
/// multi-value argument it is (the command of `exec -- CMD ARGS` is value 0).
fn values(arg: &Arg, prefix: &str, index: usize, profiles: &dyn Fn() -> Vec<String>) -> Reply {
    if takes_profile(arg) {
        return words(
            profiles().into_iter().map(|p| (p, String::new())).collect(),
            prefix,
        );
    }
    let possible: Vec<(String, String)> = arg
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| {
            (
                v.get_name().to_string(),
                first_line(v.get_help().map(ToString::to_string)),
            )
        })
        .collect();
    if !possible.is_empty() {
        return words(possible, prefix);
    }
    let command_line = arg.is_last_set()
        || matches!(
            arg.get_value_hint(),
            ValueHint::CommandWithArguments | ValueHint::CommandString
        );
    match arg.get_value_hint() {
        _ if command_line && index == 0 => Reply::Commands(prefix.to_string()),
        _ if command_line => Reply::Files(prefix.to_string()),
        ValueHint::CommandName => Reply::Commands(prefix.to_string()),
        ValueHint::DirPath => Reply::Dirs(prefix.to_string()),
        ValueHint::AnyPath | ValueHint::FilePath | ValueHint::ExecutablePath => {
            Reply::Files(prefix.to_string())
        }
        _ => Reply::Nothing,
    }
}

/// `candidates` starting with `prefix`, without values no shell can insert as one word.
fn words(candidates: Vec<(String, String)>, prefix: &str) -> Reply {
    Reply::Words(
        candidates
            .into_iter()
            .filter(|(v, _)| v.starts_with(prefix) && !v.contains(['\n', '\r', '\t', '\0']))
            .collect(),
    )
}

/// The flags of `cmd` for a word starting with `prefix` (`-` or `--...`), without the hidden
/// ones and those already given that cannot be repeated.
fn flags(cmd: &Command, prefix: &str, seen: &[String]) -> Reply {
    let mut out = Vec::new();
    for arg in cmd.get_arguments() {
        if arg.is_positional() || arg.is_hide_set() {
            continue;
        }
        let repeatable = matches!(arg.get_action(), ArgAction::Append | ArgAction::Count);
        if !repeatable && seen.iter().any(|s| s == arg.get_id().as_str()) {
            continue;
        }
        if let Some(long) = arg.get_long() {
            out.push((format!("--{long}"), help_of(arg)));
        }
        if !prefix.starts_with("--")
            && let Some(short) = arg.get_short()
        {
            out.push((format!("-{short}"), help_of(arg)));
        }
    }
    words(out, prefix)
}

/// What to offer after `awsmfa` and `words` (the last one is the word under the cursor).
pub fn complete(
    root: &Command,
    shell: ShellKind,
    words_typed: &[String],
    profiles: &dyn Fn() -> Vec<String>,
) -> Reply {
    let (cur, before) = match words_typed.split_last() {
        Some((cur, before)) => (cur.as_str(), before),
        None => ("", &[][..]),
    };
    let mut cmd = root;
    let mut positional = 0usize; // positional values given to `cmd` so far
    let mut pending: Option<&Arg> = None; // an option waiting for its value
    let mut after_dashes = false;
    let mut after_dashes_count = 0usize;
    let mut seen: Vec<String> = Vec::new();
    let mut iter = before.iter().peekable();
    while let Some(word) = iter.next() {
        // bash splits `--profile=dev` into `--profile`, `=`, `dev`.
        if shell == ShellKind::Bash && word == "=" {
            continue;
        }
        if pending.take().is_some() {
            continue;
        }
        if after_dashes {
            after_dashes_count += 1;
            continue;
        }
        if word == "--" {
            after_dashes = true;
            continue;
        }
        if let Some(long) = word.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, _)) => (n, true),
                None => (
                    long,
                    shell == ShellKind::Bash && iter.peek().is_some_and(|w| *w == "="),
                ),
            };
            if let Some(arg) = find_long(cmd, name) {
                seen.push(arg.get_id().to_string());
                if takes_value(arg) && !inline && !value_optional(arg) {
                    pending = Some(arg);
                }
            }
            continue;
        }
        if word.len() > 1 && word.starts_with('-') {
            for (i, c) in word.char_indices().skip(1) {
                let Some(arg) = find_short(cmd, c) else { break };
                seen.push(arg.get_id().to_string());
                if takes_value(arg) {
                    if i + c.len_utf8() == word.len() && !value_optional(arg) {
                        pending = Some(arg);
                    }
                    break;
                }
            }
            continue;
        }
        if positional == 0
            && cmd.has_subcommands()
            && let Some(sub) = find_subcommand(cmd, word)
        {
            cmd = sub;
            seen.clear();
            continue;
        }
        positional += 1;
    }

    // bash: the word under the cursor follows `--option=`.
    let bash_inline = shell == ShellKind::Bash
        && before.len() >= 2
        && before[before.len() - 1] == "="
        && before[before.len() - 2].starts_with("--");
    if bash_inline && let Some(arg) = find_long(cmd, &before[before.len() - 2][2..]) {
        return values(arg, &unquote(shell, cur), 0, profiles);
    }
    if let Some(arg) = pending {
        return values(arg, &unquote(shell, cur), 0, profiles);
    }
    if !after_dashes
        && let Some((name, value)) = cur.strip_prefix("--").and_then(|l| l.split_once('='))
    {
        let Some(arg) = find_long(cmd, name) else {
            return Reply::Nothing;
        };
        return match values(arg, &unquote(shell, value), 0, profiles) {
            Reply::Words(w) => Reply::Words(
                w.into_iter()
                    .map(|(v, h)| (format!("--{name}={v}"), h))
                    .collect(),
            ),
            other => other,
        };
    }
    if !after_dashes && cur.starts_with('-') {
        return flags(cmd, cur, &seen);
    }
    let cur = unquote(shell, cur);
    let visible: Vec<&Arg> = cmd
        .get_positionals()
        .filter(|a| !a.is_last_set() || after_dashes)
        .collect();
    if after_dashes && let Some(arg) = cmd.get_positionals().find(|a| a.is_last_set()) {
        return values(arg, &cur, after_dashes_count, profiles);
    }
    if positional == 0 && cmd.has_subcommands() {
        let subs = cmd
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(|s| {
                (
                    s.get_name().to_string(),
                    first_line(s.get_about().map(ToString::to_string)),
                )
            })
            .collect();
        return words(subs, &cur);
    }
    // The positional this word fills: the n-th, or the last one when it takes many values.
    let mut index = positional;
    for arg in visible {
        let many = arg.get_num_args().is_some_and(|r| r.max_values() > 1);
        if index == 0 || many {
            if arg.is_hide_set() {
                return Reply::Nothing;
            }
            return values(arg, &cur, index, profiles);
        }
        index -= 1;
    }
    Reply::Nothing
}

pub fn run(args: &CompleteArgs) -> Result<()> {
    let root = command_tree();
    let words = match (args.shell, args.words.as_slice()) {
        (ShellKind::Nu, [line]) => split_nu_line(line),
        _ => args.words.clone(),
    };
    let mut reply = complete(&root, args.shell, &words, &profile_names);
    if let (ShellKind::Nu, Reply::Words(words)) = (args.shell, &mut reply) {
        for (value, _) in words.iter_mut() {
            *value = nu_insertable(value);
        }
    }
    super::print_stdout(&reply.render())
}

/// nushell inserts a completer's value into the command line verbatim: a profile named
/// `x; touch y` would run `touch y` at Enter. A value that is not a plain word goes in as one
/// double-quoted nushell string (`render::nu::quote`), which reads back byte-exact.
fn nu_insertable(value: &str) -> String {
    let plain = !value.is_empty()
        && value.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, '-' | '_' | '.' | '@' | '/' | '=' | ',' | '+' | ':')
        });
    if plain {
        value.to_string()
    } else {
        crate::render::nu::quote(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nushell_gets_plain_words_bare_and_everything_else_quoted() {
        assert_eq!(nu_insertable("dev-admin"), "dev-admin");
        assert_eq!(nu_insertable("--profile"), "--profile");
        assert_eq!(nu_insertable("a.b@c/d=e,f+g:h"), "a.b@c/d=e,f+g:h");
        assert_eq!(nu_insertable("x; touch y"), r#""x; touch y""#);
        assert_eq!(nu_insertable("$env.HOME"), r#""$env.HOME""#);
        assert_eq!(nu_insertable("(ls)"), r#""(ls)""#);
        assert_eq!(nu_insertable("~"), r#""~""#);
        assert_eq!(nu_insertable(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(nu_insertable(""), r#""""#);
    }

    fn ask(shell: ShellKind, line: &[&str]) -> Reply {
        let words: Vec<String> = line.iter().map(|s| s.to_string()).collect();
        complete(&command_tree(), shell, &words, &|| {
            vec!["dev-admin".into(), "prod-spectator".into(), "x y".into()]
        })
    }

    fn values_of(reply: Reply) -> Vec<String> {
        match reply {
            Reply::Words(w) => w.into_iter().map(|(v, _)| v).collect(),
            other => panic!("not words: {other:?}"),
        }
    }

    #[test]
    fn subcommands_without_the_hidden_ones() {
        let subs = values_of(ask(ShellKind::Bash, &[""]));
        assert!(subs.contains(&"env".to_string()), "{subs:?}");
        assert!(subs.contains(&"use".to_string()), "{subs:?}");
        assert!(!subs.iter().any(|s| s.starts_with("__")), "{subs:?}");
        assert_eq!(
            values_of(ask(ShellKind::Zsh, &["cr"])),
            ["credential-process"]
        );
    }

    #[test]
    fn profiles_after_every_subcommand_and_option_that_takes_one() {
        for slot in profile_slots() {
            let mut line: Vec<&str> = slot.iter().map(String::as_str).collect();
            line.push("dev");
            assert_eq!(
                values_of(ask(ShellKind::Fish, &line)),
                ["dev-admin"],
                "{slot:?}"
            );
        }
        assert_eq!(
            values_of(ask(ShellKind::Bash, &["env", "--profile", "=", "pro"])),
            ["prod-spectator"]
        );
        assert_eq!(
            values_of(ask(ShellKind::Zsh, &["env", "--profile=pro"])),
            ["--profile=prod-spectator"]
        );
        // Flags before the profile do not move it; a flag's value is not a positional.
        assert_eq!(
            values_of(ask(
                ShellKind::Bash,
                &["env", "--shell", "fish", "-q", "pro"]
            )),
            ["prod-spectator"]
        );
        assert_eq!(values_of(ask(ShellKind::Bash, &["env", "'x "])), ["x y"]);
        assert_eq!(values_of(ask(ShellKind::Bash, &["env", "x\\ "])), ["x y"]);
    }

    #[test]
    fn values_flags_files_and_commands() {
        assert_eq!(
            values_of(ask(ShellKind::Bash, &["env", "--shell", "p"])),
            ["powershell"]
        );
        let flags = values_of(ask(ShellKind::Bash, &["env", "--sh"]));
        assert_eq!(flags, ["--shell"]);
        // A flag given once is not offered again.
        let flags = values_of(ask(ShellKind::Bash, &["env", "--force", "--f"]));
        assert_eq!(flags, ["--format"]);
        assert_eq!(
            ask(ShellKind::Bash, &["exec", "dev-admin", "--", "ls"]),
            Reply::Commands("ls".into())
        );
        assert_eq!(
            ask(
                ShellKind::Bash,
                &["exec", "dev-admin", "--", "ls", "my\\ f"]
            ),
            Reply::Files("my f".into())
        );
        assert_eq!(
            ask(ShellKind::Bash, &["--aws-credentials", "'a b"]),
            Reply::Files("a b".into())
        );
        assert_eq!(ask(ShellKind::Bash, &["env", "-d", ""]), Reply::Nothing);
    }
}

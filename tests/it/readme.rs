//! The README tells the truth about the binary: every command of `awsmfa --help` is a row of
//! its "Commands" table (and every row a command), every flag of every command's help is named
//! in it, and its "Environment variables" table lists exactly the variables of src/paths.rs, the one
//! module that reads the environment.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::*;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

/// The text of README section `## title`, up to the next `## `.
fn section(readme: &str, title: &str) -> String {
    let start = readme
        .find(&format!("\n## {title}\n"))
        .unwrap_or_else(|| panic!("README has no section {title}"));
    let body = &readme[start + title.len() + 5..];
    body[..body.find("\n## ").unwrap_or(body.len())].to_string()
}

/// The first cell of each row of the tables in `text`.
fn first_cells(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("| "))
        .filter(|l| !l.starts_with("---"))
        .map(|l| l.split(" | ").next().unwrap_or("").to_string())
        .collect()
}

fn help(env: &TestEnv, args: &[&str]) -> String {
    let mut args = args.to_vec();
    args.push("--help");
    let out = env.run(&args);
    out.assert_success();
    out.stdout
}

/// The commands a `--help` lists under `Commands:` (without `help`).
fn commands_of(help: &str) -> BTreeSet<String> {
    help.lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

/// The long flags a `--help` lists (`-c, --token-code <CODE>` gives `--token-code`).
fn flags_of(help: &str) -> BTreeSet<String> {
    let mut flags = BTreeSet::new();
    for line in help.lines() {
        let line = line.trim_start();
        let line = match line.as_bytes() {
            [b'-', c, b',', b' ', ..] if *c != b'-' => &line[4..],
            _ => line,
        };
        if let Some(rest) = line.strip_prefix("--") {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            if !name.is_empty() && name != "help" && name != "version" {
                flags.insert(format!("--{name}"));
            }
        }
    }
    flags
}

/// Whether `text` names `flag` as a whole word (`--all`, not only `--all-x`).
fn names_flag(text: &str, flag: &str) -> bool {
    text.match_indices(flag).any(|(i, _)| {
        let next = text[i + flag.len()..].chars().next();
        !next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}

#[test]
fn the_commands_table_lists_exactly_the_commands_of_the_help() {
    let env = TestEnv::new();
    let readme = readme();
    let rows = first_cells(&section(&readme, "Commands"));
    let mut documented = BTreeSet::new();
    let mut store = BTreeSet::new();
    for cell in &rows {
        let Some(words) = cell.strip_prefix("`awsmfa ") else {
            continue;
        };
        let first = words.split([' ', '`']).next().unwrap();
        if first.starts_with('[') {
            continue; // the compatibility form
        }
        documented.insert(first.to_string());
        if first == "store" {
            let subs = words["store ".len()..].split([' ', '`']).next().unwrap();
            store.extend(subs.split("\\|").map(str::to_string));
        }
    }
    assert_eq!(
        commands_of(&help(&env, &[])),
        documented,
        "README ## Commands"
    );
    assert_eq!(
        commands_of(&help(&env, &["store"])),
        store,
        "README: store's row"
    );
}

#[test]
fn every_flag_of_every_command_is_in_the_readme() {
    let env = TestEnv::new();
    let readme = readme();
    let mut commands: Vec<Vec<String>> = vec![vec![]];
    for c in commands_of(&help(&env, &[])) {
        if c == "store" {
            for s in commands_of(&help(&env, &["store"])) {
                commands.push(vec!["store".into(), s]);
            }
        }
        commands.push(vec![c]);
    }
    let mut missing = Vec::new();
    for cmd in &commands {
        let args: Vec<&str> = cmd.iter().map(String::as_str).collect();
        for flag in flags_of(&help(&env, &args)) {
            if !names_flag(&readme, &flag) {
                missing.push(format!("awsmfa {} {flag}", cmd.join(" ")));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "flags the README never names: {missing:?}"
    );
}

/// The variables of src/paths.rs's table (`NAME = "name";` lines inside `vars! { ... }`): the
/// only module that reads the environment (clippy.toml refuses `std::env::var*` elsewhere).
fn declared_variables() -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/paths.rs");
    let text = std::fs::read_to_string(path).unwrap();
    let start = text
        .find("\nvars! {\n")
        .expect("src/paths.rs has no vars! table");
    let body = &text[start..];
    let body = &body[..body.find("\n}\n").unwrap()];
    body.lines()
        .filter_map(|l| {
            let (id, rest) = l.trim().split_once(" = \"")?;
            let name = rest.strip_suffix("\";")?;
            let constant = id.chars().all(|c| c.is_ascii_uppercase() || c == '_');
            constant.then(|| name.to_string())
        })
        .collect()
}

#[test]
fn the_variables_table_lists_exactly_the_variables_paths_rs_reads() {
    let mut read = declared_variables();
    assert!(
        read.len() > 40 && read.contains("AWS_PROFILE") && read.contains("https_proxy"),
        "the table of src/paths.rs was not found whole: {read:?}"
    );
    // Not awsmfa's to document: every program reads PATH.
    read.remove("PATH");
    let table = section(&readme(), "Environment variables");
    let documented: BTreeSet<String> = first_cells(&table)
        .iter()
        .flat_map(|cell| {
            cell.split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let undocumented: Vec<&String> = read.difference(&documented).collect();
    assert!(
        undocumented.is_empty(),
        "variables src/paths.rs reads that README's table lacks: {undocumented:?}"
    );
    let unknown: Vec<&String> = documented.difference(&read).collect();
    assert!(
        unknown.is_empty(),
        "variables in README's table that src/paths.rs does not read: {unknown:?}"
    );
}

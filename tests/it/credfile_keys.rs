//! The credentials-file edits of long-lived keys (`store import`, `rotate`): `remove_keys` and
//! `replace_keys` touch only the `aws_access_key_id` / `aws_secret_access_key` lines of one
//! long-lived section. Golden edits of real-world shapes, then a property test over random files.

use std::path::Path;

use awsmfa_cli::credfile::{Refusal, Removed, long_lived_keys, remove_keys, replace_keys};
use awsmfa_cli::ini::line::{Kind, Lexer, raw_lines};
use awsmfa_cli::ini::{IniFile, Section};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

use crate::credfile::push_lines;

const ID: &str = "AKIAIOSFODNN7EXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
const NEW_ID: &str = "AKIAI44QH8DHBEXAMPLE";
const NEW_SECRET: &str = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";

fn removed(text: &str, name: &str) -> (String, Removed) {
    remove_keys(text, name).unwrap_or_else(|r| panic!("refused: {r}"))
}

fn replaced(text: &str, name: &str) -> String {
    replace_keys(text, name, NEW_ID, NEW_SECRET).unwrap_or_else(|r| panic!("refused: {r}"))
}

const FILE: &str = "\
# my AWS keys
[default]
region = eu-west-1

; identity: the MFA user
[identity]
# since 2024
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
region = us-east-1
AWS_Secret_Access_Key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY
output = json

# keys only below
[solo]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY

# trailing comment
";

#[test]
fn removing_keys_keeps_the_header_while_other_keys_remain() {
    let (out, how) = removed(FILE, "identity");
    assert_eq!(how, Removed::Keys);
    assert_eq!(
        out,
        FILE.replace(
            "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\nregion = us-east-1\n",
            "region = us-east-1\n"
        )
        .replace(
            "AWS_Secret_Access_Key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY\n",
            ""
        )
    );
    assert!(out.contains("[identity]\n# since 2024\nregion = us-east-1\noutput = json\n"));
}

#[test]
fn a_section_left_without_keys_goes_and_the_comments_after_it_stay() {
    let (out, how) = removed(FILE, "solo");
    assert_eq!(how, Removed::Section);
    assert_eq!(
        out,
        FILE.replace(
            "[solo]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY\n",
            ""
        )
    );
    assert!(
        out.ends_with("# keys only below\n\n# trailing comment\n"),
        "{out}"
    );
}

#[test]
fn crlf_duplicates_continuations_and_a_missing_final_newline() {
    let text = "[a]\r\naws_access_key_id = OLD1\r\nregion = x\r\naws_secret_access_key = S\r\n  continued\r\nk = v";
    let (out, how) = removed(text, "a");
    assert_eq!(how, Removed::Keys);
    assert_eq!(out, "[a]\r\nregion = x\r\nk = v");
    // Keys last in a file without a final newline: the kept line before them loses its newline.
    let (out, _) = removed(
        "[a]\nregion = x\naws_access_key_id = A\naws_secret_access_key = S",
        "a",
    );
    assert_eq!(out, "[a]\nregion = x");
    let out = replace_keys(text, "a", NEW_ID, NEW_SECRET).unwrap();
    assert_eq!(
        out,
        format!(
            "[a]\r\naws_access_key_id = {NEW_ID}\r\nregion = x\r\naws_secret_access_key = {NEW_SECRET}\r\nk = v"
        )
    );
    // A key twice: botocore refuses the file, so nothing is edited.
    let twice =
        "[a]\naws_access_key_id = OLD1\naws_access_key_id = OLD2\naws_secret_access_key = S\n";
    assert!(matches!(
        remove_keys(twice, "a"),
        Err(Refusal::Malformed { line: 3, .. })
    ));
}

#[test]
fn replacing_keys_changes_only_the_two_values() {
    let out = replaced(FILE, "identity");
    assert_eq!(
        out,
        FILE.replacen(
            "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\nregion = us-east-1\nAWS_Secret_Access_Key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",
            &format!("aws_access_key_id = {NEW_ID}\nregion = us-east-1\nAWS_Secret_Access_Key={NEW_SECRET}"),
            1
        )
    );
    assert_eq!(
        long_lived_keys(&out, "identity").unwrap(),
        Some((NEW_ID.to_string(), NEW_SECRET.to_string()))
    );
    assert_eq!(
        long_lived_keys(&out, "solo").unwrap(),
        Some((ID.to_string(), SECRET.to_string())),
        "other sections untouched"
    );
    // Odd spacing and `:` stay as written; trailing blanks after the value too.
    let text = "[a]\n\taws_access_key_id\t:\tOLD   \naws_secret_access_key=\tS\n";
    assert_eq!(
        replaced(text, "a"),
        format!("[a]\n\taws_access_key_id\t:\t{NEW_ID}   \naws_secret_access_key=\t{NEW_SECRET}\n")
    );
}

#[test]
fn a_dropped_continuation_never_joins_a_lone_cr_and_a_blank_lf_line() {
    // The key line ends in a lone `\r`; its continuation goes and a blank `\n` line follows:
    // `\r` then `\n` would read as one break and the blank line would vanish.
    let text =
        format!("[dev]\raws_access_key_id = {ID}\r  more\n\naws_secret_access_key = {SECRET}\n");
    assert_eq!(
        replaced(&text, "dev"),
        format!("[dev]\raws_access_key_id = {NEW_ID}\r\n\naws_secret_access_key = {NEW_SECRET}\n")
    );
}

#[test]
fn what_is_not_a_long_lived_pair_is_refused_and_nothing_changes() {
    let temporary =
        "[t]\naws_access_key_id = ASIA\naws_secret_access_key = S\naws_session_token = T\n";
    let managed = "[m]\naws_access_key_id = A\naws_secret_access_key = S\nawsmfa_managed = true\n";
    let half = "[h]\naws_access_key_id = AKIAHALF\n";
    // Keys without a session token are long-lived, whatever awsmfa's mark says.
    assert_eq!(
        long_lived_keys(managed, "m").unwrap(),
        Some(("A".to_string(), "S".to_string()))
    );
    for (text, name) in [(temporary, "t"), (FILE, "default")] {
        let refused = Refusal::NoLongLivedKeys { name: name.into() };
        assert_eq!(remove_keys(text, name), Err(refused.clone()));
        assert_eq!(replace_keys(text, name, NEW_ID, NEW_SECRET), Err(refused));
        assert_eq!(long_lived_keys(text, name).unwrap(), None);
    }
    assert_eq!(
        replace_keys(half, "h", NEW_ID, NEW_SECRET),
        Err(Refusal::NoLongLivedKeys { name: "h".into() })
    );
    assert_eq!(long_lived_keys(half, "h").unwrap(), None);
    assert_eq!(
        remove_keys(FILE, "nope"),
        Ok((FILE.to_string(), Removed::NotFound))
    );
    assert!(matches!(
        replace_keys(FILE, "nope", NEW_ID, NEW_SECRET),
        Err(Refusal::NoLongLivedKeys { .. })
    ));
    let twice = "[a]\naws_access_key_id = A\naws_secret_access_key = S\n[a]\nregion = x\n";
    assert!(matches!(
        remove_keys(twice, "a"),
        Err(Refusal::Duplicate { .. })
    ));
    for bad in ["", "has space", "tab\there"] {
        assert!(matches!(
            replace_keys(FILE, "identity", bad, NEW_SECRET),
            Err(Refusal::InvalidValue { .. })
        ));
        assert!(matches!(
            replace_keys(FILE, "identity", NEW_ID, bad),
            Err(Refusal::InvalidValue { .. })
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// Property test
// ---------------------------------------------------------------------------------------------

const NAMES: [&str; 4] = ["default", "identity", "profile dev", "ünï"];
const PAIR: [&str; 2] = ["aws_access_key_id", "aws_secret_access_key"];

fn key_line() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "aws_access_key_id",
        "AWS_ACCESS_KEY_ID",
        "aws_secret_access_key",
        "Aws_Secret_Access_Key",
        "region",
        "output",
        "aws_session_token",
        "awsmfa_managed",
    ]);
    let sep = prop::sample::select(vec![" = ", "=", " =", "= ", "\t=\t", " : ", ":"]);
    let value = prop_oneof![
        1 => Just(String::new()),
        6 => "[A-Za-z0-9/+]{1,12}",
        1 => "[A-Za-z0-9/+]{1,6}[ \t]{1,2}",
    ];
    (key, sep, value).prop_map(|(k, s, v)| format!("{k}{s}{v}"))
}

fn body_line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => key_line(),
        2 => prop::sample::select(vec!["# c", "; note é", "  # indented"]).prop_map(String::from),
        2 => "[ \t]{0,2}",
        1 => "[ \t]{1,2}[a-z]{1,5} = [a-z0-9]{0,5}",
    ]
}

fn credentials_file() -> impl Strategy<Value = String> {
    let section = (
        prop::sample::select(NAMES.to_vec()),
        prop::collection::vec(body_line(), 0..7),
    )
        .prop_map(|(name, body)| {
            std::iter::once(format!("[{name}]"))
                .chain(body)
                .collect::<Vec<_>>()
        });
    let endings = prop_oneof![
        Just(vec!["\n"]),
        Just(vec!["\r\n"]),
        Just(vec!["\r"]),
        prop::collection::vec(prop::sample::select(vec!["\n", "\r\n", "\r"]), 1..6),
    ];
    (prop::collection::vec(section, 0..6), endings, any::<bool>())
        .prop_map(|(sections, endings, final_newline)| {
            // botocore refuses a header or a key twice: keep the first of each.
            let mut headers = Vec::new();
            let mut lines = Vec::new();
            for mut section in sections {
                if headers.contains(&section[0]) {
                    continue;
                }
                headers.push(section[0].clone());
                let mut keys = Vec::new();
                section.retain(|l| match l.split_once(['=', ':']) {
                    Some((k, _)) if !l.starts_with([' ', '\t', '#', ';', '[']) => {
                        let k = k.trim().to_lowercase();
                        let first = !keys.contains(&k);
                        keys.push(k);
                        first
                    }
                    _ => true,
                });
                lines.extend(section);
            }
            let mut text = String::new();
            for (i, line) in lines.iter().enumerate() {
                text.push_str(line);
                if i + 1 < lines.len() || final_newline {
                    text.push_str(endings[i % endings.len()]);
                }
            }
            text
        })
        .prop_filter("botocore reads the file", |text| {
            IniFile::parse(Path::new("f"), text.clone()).is_ok_and(|f| f.check().is_ok())
        })
}

fn parses(text: &str) -> IniFile {
    let ini = IniFile::parse(Path::new("f"), text.to_string()).expect("parses");
    for s in &ini.sections {
        ini.entries(s).expect("every section parses");
    }
    ini
}

/// One line of a section body: its byte range, text without ending, and what it is.
struct BodyLine {
    start: usize,
    end: usize,
    content: String,
    /// A key line or continuation line of one of the pair.
    pair: bool,
    /// A `key = value` line (not blank, comment or continuation).
    is_key: bool,
    blank_or_comment: bool,
}

/// The body lines of `s`, classified by the line model (botocore's): an indented line after a
/// key continues it when it is indented deeper than the key.
fn body_lines(text: &str, s: &Section) -> Vec<BodyLine> {
    let mut out = Vec::new();
    let mut lexer = Lexer::default();
    lexer.line(&text[s.header_range.clone()]);
    let mut current_pair = false;
    for raw in raw_lines(text, s.body.start, s.body.end) {
        let kind = lexer.line(raw.content);
        let blank_or_comment = matches!(kind, Kind::Blank | Kind::Comment);
        let is_key = matches!(kind, Kind::Key(..));
        if let Kind::Key(key, _) = kind {
            current_pair = PAIR.contains(&key.to_lowercase().as_str());
        }
        out.push(BodyLine {
            start: raw.start,
            end: raw.range().end,
            content: raw.content.to_string(),
            pair: !blank_or_comment && current_pair,
            is_key,
            blank_or_comment,
        });
    }
    out
}

fn eligible(ini: &IniFile, name: &str) -> Result<Option<usize>, ()> {
    let found: Vec<usize> = (0..ini.sections.len())
        .filter(|&i| ini.sections[i].header == name)
        .collect();
    match found[..] {
        [] => Ok(None),
        [i] => Ok(Some(i)),
        _ => Err(()),
    }
}

fn long_lived(ini: &IniFile, s: &Section) -> bool {
    let e = ini.entries(s).unwrap();
    let has = |k: &str| e.iter().any(|x| x.key == k && !x.value.is_empty());
    (has(PAIR[0]) || has(PAIR[1])) && !has("aws_session_token") && !has("aws_security_token")
}

fn check_remove(text: &str, name: &str) -> Result<(), TestCaseError> {
    let ini = parses(text);
    let result = remove_keys(text, name);
    let Ok(found) = eligible(&ini, name) else {
        prop_assert!(
            matches!(result, Err(Refusal::Duplicate { .. })),
            "{:?}",
            result
        );
        return Ok(());
    };
    let Some(i) = found else {
        prop_assert_eq!(result, Ok((text.to_string(), Removed::NotFound)));
        return Ok(());
    };
    let s = &ini.sections[i];
    if !long_lived(&ini, s) {
        prop_assert_eq!(result, Err(Refusal::NoLongLivedKeys { name: name.into() }));
        return Ok(());
    }
    let (out, how) = result.map_err(|r| TestCaseError::fail(format!("refused: {r}")))?;
    let lines = body_lines(text, s);
    let last_key = lines.iter().rposition(|l| !l.blank_or_comment);
    let extent_end = last_key.map_or(s.header_range.end, |i| lines[i].end);
    let others_remain = lines.iter().any(|l| l.is_key && !l.pair);
    let expected = if others_remain {
        let mut e = text[..s.body.start].to_string();
        let extent = &lines[..=last_key.unwrap_or(0)];
        let kept: Vec<&BodyLine> = extent.iter().filter(|l| !l.pair).collect();
        for l in &kept {
            push_lines(&mut e, &text[l.start..l.end]);
        }
        // A missing final newline stays missing (unless the last kept line is blank).
        if extent_end == text.len()
            && !text.ends_with(['\n', '\r'])
            && let Some(last) = kept.last()
            && !last.content.is_empty()
        {
            e.truncate(e.len() - (last.end - last.start - last.content.len()));
        }
        push_lines(&mut e, &text[extent_end..]);
        prop_assert_eq!(how, Removed::Keys);
        e
    } else {
        prop_assert_eq!(how, Removed::Section);
        let mut e = text[..s.header_range.start].to_string();
        push_lines(&mut e, &text[extent_end..]);
        e
    };
    prop_assert_eq!(&out, &expected);
    let after = parses(&out);
    if let Ok(Some(j)) = eligible(&after, name) {
        let entries = after.entries(&after.sections[j]).unwrap();
        prop_assert!(entries.iter().all(|e| !PAIR.contains(&e.key.as_str())));
    }
    Ok(())
}

/// `key SEP old` with `value` for `old`, the way an editor that keeps spacing would write it.
fn with_value(content: &str, value: &str) -> String {
    let sep = content.find(['=', ':']).unwrap();
    let after = &content[sep + 1..];
    let start = sep + 1 + (after.len() - after.trim_start().len());
    let end = content.trim_end().len().max(start);
    let space = if start == end && start == sep + 1 {
        " "
    } else {
        ""
    };
    format!("{}{space}{value}{}", &content[..start], &content[end..])
}

fn check_replace(text: &str, name: &str) -> Result<(), TestCaseError> {
    let ini = parses(text);
    let result = replace_keys(text, name, NEW_ID, NEW_SECRET);
    let Ok(found) = eligible(&ini, name) else {
        prop_assert!(
            matches!(result, Err(Refusal::Duplicate { .. })),
            "{:?}",
            result
        );
        return Ok(());
    };
    let refused = Err(Refusal::NoLongLivedKeys { name: name.into() });
    let Some(i) = found else {
        prop_assert_eq!(result, refused);
        return Ok(());
    };
    let s = &ini.sections[i];
    let entries = ini.entries(s).unwrap();
    let last = |k: &str| {
        entries
            .iter()
            .rev()
            .find(|e| e.key == k)
            .is_some_and(|e| !e.value.is_empty())
    };
    if !long_lived(&ini, s) || !last(PAIR[0]) || !last(PAIR[1]) {
        prop_assert_eq!(result, refused);
        return Ok(());
    }
    let out = result.map_err(|r| TestCaseError::fail(format!("refused: {r}")))?;
    let mut expected = text[..s.body.start].to_string();
    for l in body_lines(text, s) {
        if !l.pair {
            push_lines(&mut expected, &text[l.start..l.end]);
        } else if l.is_key {
            let key = l
                .content
                .trim()
                .split(['=', ':'])
                .next()
                .unwrap()
                .trim()
                .to_ascii_lowercase();
            let value = if key == PAIR[0] { NEW_ID } else { NEW_SECRET };
            expected.push_str(&with_value(&l.content, value));
            expected.push_str(&text[l.start + l.content.len()..l.end]);
        }
    }
    push_lines(&mut expected, &text[s.body.end..]);
    prop_assert_eq!(&out, &expected);
    prop_assert_eq!(
        long_lived_keys(&out, name).unwrap(),
        Some((NEW_ID.to_string(), NEW_SECRET.to_string()))
    );
    // Replacing again with the same keys changes nothing.
    prop_assert_eq!(replace_keys(&out, name, NEW_ID, NEW_SECRET).unwrap(), out);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: crate::credfile::cases(512),
        // About one generated file in three is one botocore refuses (filtered out).
        max_local_rejects: (crate::credfile::cases(512) * 4).max(65_536),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/fixtures/credfile/keys-proptest-regressions",
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn removing_keys_touches_only_their_lines(text in credentials_file(), name in prop::sample::select(NAMES.to_vec())) {
        check_remove(&text, name)?;
    }

    #[test]
    fn replacing_keys_touches_only_their_values(text in credentials_file(), name in prop::sample::select(NAMES.to_vec())) {
        check_replace(&text, name)?;
    }
}

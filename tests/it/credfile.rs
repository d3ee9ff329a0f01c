//! The credentials-file editor: golden edits of real-world file shapes, a property test over
//! random files and edits, and the file level (lock, symlinks, permissions, failures, crashes).

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use awsmfa_cli::credfile::{
    Refusal, Removed, TempSection, lock_path, managed_sections, remove_managed, remove_section,
    render_section, upsert, write_section,
};
use awsmfa_cli::error::{Error, Protected};
use awsmfa_cli::ini::line::{Kind, Lexer, raw_lines};
use awsmfa_cli::ini::{IniFile, Section};
use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// The section every golden test writes: obviously fake values, short enough to read inline.
fn new_creds() -> TempSection {
    TempSection {
        access_key_id: "ASIANEW".into(),
        secret_access_key: "SECRETNEW".into(),
        session_token: "TOKENNEW".into(),
        expiration: Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap(),
    }
}

/// What `new_creds()` renders to, after the header.
macro_rules! new_lf {
    () => {
        "aws_access_key_id = ASIANEW\n\
         aws_secret_access_key = SECRETNEW\n\
         aws_session_token = TOKENNEW\n\
         aws_security_token = TOKENNEW\n\
         expiration = 2026-11-27T08:00:00Z\n\
         awsmfa_managed = true\n"
    };
}
macro_rules! new_crlf {
    () => {
        "aws_access_key_id = ASIANEW\r\n\
         aws_secret_access_key = SECRETNEW\r\n\
         aws_session_token = TOKENNEW\r\n\
         aws_security_token = TOKENNEW\r\n\
         expiration = 2026-11-27T08:00:00Z\r\n\
         awsmfa_managed = true\r\n"
    };
}
/// A section awsmfa wrote earlier, to be replaced.
macro_rules! old_managed {
    () => {
        "aws_access_key_id = ASIAOLD\n\
         aws_secret_access_key = SECRETOLD\n\
         aws_session_token = TOKENOLD\n\
         aws_security_token = TOKENOLD\n\
         expiration = 2026-01-01T00:00:00Z\n\
         awsmfa_managed = true\n"
    };
}

fn write(text: &str, name: &str) -> String {
    upsert(text, name, &new_creds()).unwrap_or_else(|r| panic!("refused: {r}"))
}

fn remove(text: &str, name: &str) -> (String, Removed) {
    remove_managed(text, name).unwrap_or_else(|r| panic!("refused: {r}"))
}

// ---------------------------------------------------------------------------------------------
// Golden edits
// ---------------------------------------------------------------------------------------------

#[test]
fn render_section_is_exactly_the_documented_block() {
    assert_eq!(
        render_section("dev", &new_creds(), "\n"),
        concat!("[dev]\n", new_lf!())
    );
    assert_eq!(
        render_section("dev", &new_creds(), "\r\n"),
        concat!("[dev]\r\n", new_crlf!())
    );
}

#[test]
fn debug_never_shows_the_secrets() {
    let shown = format!("{:?}", new_creds());
    assert!(shown.contains("ASIANEW"), "{shown}");
    assert!(
        !shown.contains("SECRETNEW") && !shown.contains("TOKENNEW"),
        "{shown}"
    );
}

#[test]
fn empty_file_gets_just_the_section() {
    assert_eq!(write("", "dev"), concat!("[dev]\n", new_lf!()));
}

#[test]
fn file_of_only_comments_gets_a_blank_line_then_the_section() {
    assert_eq!(
        write("# managed by hand\n; really\n", "dev"),
        concat!("# managed by hand\n; really\n\n[dev]\n", new_lf!())
    );
    assert_eq!(
        write("# no final newline", "dev"),
        concat!("# no final newline\n\n[dev]\n", new_lf!())
    );
    // Already separated by a blank line (even one holding spaces): no second one.
    assert_eq!(
        write("# c\n  \n", "dev"),
        concat!("# c\n  \n[dev]\n", new_lf!())
    );
    assert_eq!(write("\n", "dev"), concat!("\n[dev]\n", new_lf!()));
}

const THREE: &str = "\
# Long-lived keys. Do not share.
[identity]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY

; temporary, from the old python awsmfa
[default]
aws_access_key_id = ASIAOLD
aws_secret_access_key = SECRETOLD
# inside the section
aws_session_token = TOKENOLD
aws_security_token = TOKENOLD

# staging below
[stage]
aws_access_key_id = ASIASTAGE
aws_session_token = TOKENSTAGE
awsmfa_managed = true
";

#[test]
fn replacing_the_middle_section_keeps_every_other_byte() {
    // The block goes where the first owned key was; the comment inside the section was between
    // owned keys and goes with them; the blank line and the comment after the last key stay.
    let expected = concat!(
        "# Long-lived keys. Do not share.\n",
        "[identity]\n",
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY\n",
        "\n",
        "; temporary, from the old python awsmfa\n",
        "[default]\n",
        new_lf!(),
        "# inside the section\n",
        "\n",
        "# staging below\n",
        "[stage]\n",
        "aws_access_key_id = ASIASTAGE\n",
        "aws_session_token = TOKENSTAGE\n",
        "awsmfa_managed = true\n",
    );
    assert_eq!(write(THREE, "default"), expected);
}

#[test]
fn replacing_the_first_and_the_last_section() {
    let first = "[default]\naws_session_token = T\n\n[b]\nregion = x\n";
    assert_eq!(
        write(first, "default"),
        concat!("[default]\n", new_lf!(), "\n[b]\nregion = x\n")
    );
    let expected = concat!(
        "# Long-lived keys. Do not share.\n",
        "[identity]\n",
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY\n",
        "\n",
        "; temporary, from the old python awsmfa\n",
        "[default]\n",
        "aws_access_key_id = ASIAOLD\n",
        "aws_secret_access_key = SECRETOLD\n",
        "# inside the section\n",
        "aws_session_token = TOKENOLD\n",
        "aws_security_token = TOKENOLD\n",
        "\n",
        "# staging below\n",
        "[stage]\n",
        new_lf!(),
    );
    assert_eq!(write(THREE, "stage"), expected);
}

#[test]
fn a_new_section_is_appended_after_one_blank_line() {
    assert_eq!(
        write(THREE, "prod"),
        format!("{THREE}\n[prod]\n{}", new_lf!())
    );
}

#[test]
fn comments_after_the_last_key_belong_to_the_next_section() {
    let text =
        "[a]\nregion = x\n\n[t]\naws_session_token = T\n\n# about [b]\n; really\n[b]\nk = v\n";
    assert_eq!(
        write(text, "t"),
        concat!(
            "[a]\nregion = x\n\n[t]\n",
            new_lf!(),
            "\n# about [b]\n; really\n[b]\nk = v\n"
        )
    );
}

#[test]
fn crlf_files_stay_crlf() {
    let text =
        "# c\r\n[a]\r\nregion = x\r\n\r\n[t]\r\naws_session_token = T\r\n\r\n[b]\r\nk = v\r\n";
    assert_eq!(
        write(text, "t"),
        concat!(
            "# c\r\n[a]\r\nregion = x\r\n\r\n[t]\r\n",
            new_crlf!(),
            "\r\n[b]\r\nk = v\r\n"
        )
    );
    assert_eq!(
        write(text, "new"),
        format!("{text}\r\n[new]\r\n{}", new_crlf!())
    );
    assert_eq!(
        write("[a]\r\nk = v", "new"),
        concat!("[a]\r\nk = v\r\n\r\n[new]\r\n", new_crlf!())
    );
}

/// `new_creds()` after the header, each line ended by a lone `\r`.
fn new_cr() -> String {
    new_lf!().replace('\n', "\r")
}

#[test]
fn a_lone_cr_never_joins_a_following_lf_into_one_break() {
    // Python reads `\r` then `\n` as one line break: splicing a line that ends in a lone `\r`
    // next to a blank line that ends in `\n` would make the blank line vanish. The `\r`
    // becomes `\r\n` instead, so every line stays a line (the proptest seed in
    // tests/fixtures/credfile/proptest-regressions found it).
    let cr = new_cr();
    let text =
        "#\r[dev]\raws_security_token =L=tT/éB\n  #s`^é\n\r\t\t\rawsmfa_managed=true\n\n;%.w";
    assert_eq!(
        write(text, "dev"),
        format!("#\r[dev]\r{cr}  #s`^é\n\r\t\t\r\n\n;%.w")
    );
    // Removing the owned keys between a `\r` line and a blank `\n` line.
    assert_eq!(
        remove(
            "[dev]\rregion = eu\rawsmfa_managed = true\n\noutput = json\n",
            "dev"
        ),
        (
            "[dev]\rregion = eu\r\n\noutput = json\n".to_string(),
            Removed::Keys
        )
    );
    // Removing a whole section between a `\r` line and a blank `\n` line.
    assert_eq!(
        remove(
            "[a]\rk = v\r[dev]\rawsmfa_managed = true\n\n[b]\rx = y\r",
            "dev"
        ),
        ("[a]\rk = v\r\n\n[b]\rx = y\r".to_string(), Removed::Section)
    );
    // Appending to an LF file whose last line ends in a lone `\r`: still one blank line.
    assert_eq!(
        write("[a]\nk = v\r", "new"),
        concat!("[a]\nk = v\r\n\n[new]\n", new_lf!())
    );
}

#[test]
fn a_missing_final_newline_is_added_before_appending() {
    assert_eq!(
        write("[a]\nk = v", "new"),
        concat!("[a]\nk = v\n\n[new]\n", new_lf!())
    );
}

#[test]
fn a_missing_final_newline_stays_missing_when_the_last_section_is_replaced() {
    let new = new_lf!();
    let unterminated = new.strip_suffix('\n').unwrap();
    assert_eq!(
        write("[a]\nk = v\n\n[t]\naws_session_token = T", "t"),
        format!("[a]\nk = v\n\n[t]\n{unterminated}")
    );
    // An empty last header without a newline.
    assert_eq!(
        write("[a]\nk = v\n[t]", "t"),
        format!("[a]\nk = v\n[t]\n{unterminated}")
    );
    // The owned key was last: the kept line before it becomes the unterminated one.
    assert_eq!(
        write(
            "[t]\naws_session_token = T\nregion = x\nexpiration = y",
            "t"
        ),
        format!("[t]\n{new}region = x")
    );
    // ... unless that line is blank: it keeps its newline rather than vanish.
    assert_eq!(
        write("[t]\naws_session_token = T\n\nexpiration = y", "t"),
        format!("[t]\n{new}\n")
    );
}

#[test]
fn profile_prefix_is_a_literal_section_name() {
    let text = "[profile dev]\naws_session_token = T\n";
    // `dev` is not `[profile dev]` in the credentials file: a new section.
    assert_eq!(write(text, "dev"), format!("{text}\n[dev]\n{}", new_lf!()));
    assert_eq!(
        write(text, "profile dev"),
        concat!("[profile dev]\n", new_lf!())
    );
}

#[test]
fn unicode_in_comments_and_names() {
    let text = "# café ☕ — naïve\n[ünïcødé]\n; 日本語のコメント\naws_session_token = T\n# ✓ fin\n";
    assert_eq!(
        write(text, "ünïcødé"),
        concat!(
            "# café ☕ — naïve\n[ünïcødé]\n; 日本語のコメント\n",
            new_lf!(),
            "# ✓ fin\n"
        )
    );
    assert_eq!(
        write(text, "δοκιμή"),
        format!("{text}\n[δοκιμή]\n{}", new_lf!())
    );
}

#[test]
fn tabs_and_odd_spacing_are_read_and_replaced() {
    // `  s3 =` under `region` is indented deeper: botocore reads it as part of region's value.
    let text = "[a]\nk\t=\tv\n[t]  ; note\n\tAWS_ACCESS_KEY_ID\t=\tASIAOLD\naws_session_token:TOKENOLD\nregion   =   eu-west-1\n  s3 =\n\tmax_concurrent_requests = 20\n[b]\nx=y\n";
    assert_eq!(
        write(text, "t"),
        concat!(
            "[a]\nk\t=\tv\n[t]  ; note\n",
            new_lf!(),
            "region   =   eu-west-1\n  s3 =\n\tmax_concurrent_requests = 20\n[b]\nx=y\n"
        )
    );
}

#[test]
fn other_keys_in_the_target_section_are_kept() {
    // Users keep `region` in [default]; the old python awsmfa wrote keys next to it.
    let text = "[default]\nregion = eu-west-1\naws_access_key_id = ASIAOLD\naws_session_token = T\noutput = json\n";
    let written = write(text, "default");
    assert_eq!(
        written,
        concat!(
            "[default]\nregion = eu-west-1\n",
            new_lf!(),
            "output = json\n"
        )
    );
    // Writing again only swaps the block; removing gives back the user's keys exactly.
    assert_eq!(write(&written, "default"), written);
    assert_eq!(
        remove(&written, "default"),
        (
            "[default]\nregion = eu-west-1\noutput = json\n".to_string(),
            Removed::Keys
        )
    );
    // A section with no owned key gets the block after its last key, so an indented first key
    // (a key, not a continuation, as the first line) does not become part of `awsmfa_managed`.
    assert_eq!(
        write("[default]\nregion = eu-west-1\n# end\n", "default"),
        concat!("[default]\nregion = eu-west-1\n", new_lf!(), "# end\n")
    );
    assert_eq!(
        write("[default]\n\tregion = eu-west-1\n  s3 =\n", "default"),
        concat!("[default]\n\tregion = eu-west-1\n  s3 =\n", new_lf!())
    );
}

#[test]
fn duplicate_owned_keys_and_owned_continuations_all_go() {
    let text =
        "[t]\naws_session_token = A\n  continued\nAWS_Security_Token = B\nawsmfa_managed = true\n";
    assert_eq!(write(text, "t"), concat!("[t]\n", new_lf!()));
    // A key twice: botocore (strict configparser) refuses the file, so awsmfa edits nothing.
    let twice = "[t]\naws_session_token = A\naws_session_token = B\n";
    let r = upsert(twice, "t", &new_creds()).unwrap_err();
    assert!(matches!(r, Refusal::Malformed { line: 3, .. }), "{r:?}");
}

#[test]
fn writing_twice_is_byte_identical() {
    let once = write(THREE, "default");
    assert_eq!(write(&once, "default"), once);
    let appended = write(THREE, "prod");
    assert_eq!(write(&appended, "prod"), appended);
}

#[test]
fn long_lived_keys_are_never_overwritten() {
    let r = upsert(THREE, "identity", &new_creds()).unwrap_err();
    assert_eq!(
        r.to_string(),
        "[identity] holds long-lived keys; awsmfa never overwrites them: choose another section with --to NAME (classic form: -t/--target-profile NAME)"
    );
    // Half a key pair is still a long-lived secret.
    let r = upsert("[x]\naws_secret_access_key = S\n", "x", &new_creds()).unwrap_err();
    assert!(matches!(r, Refusal::LongLivedKeys { .. }), "{r:?}");
    // An empty access key id is unset, as botocore reads it: nothing to protect.
    assert_eq!(
        write("[x]\naws_access_key_id =\n", "x"),
        concat!("[x]\n", new_lf!())
    );
    // Keys without a session token are long-lived whatever awsmfa's mark says.
    let r = upsert(
        "[x]\naws_access_key_id = AKIAOLD\nawsmfa_managed = TRUE\n",
        "x",
        &new_creds(),
    );
    assert!(matches!(r, Err(Refusal::LongLivedKeys { .. })), "{r:?}");
    let r = upsert(
        "[x]\naws_access_key_id = A\nawsmfa_managed = false\n",
        "x",
        &new_creds(),
    );
    assert!(matches!(r, Err(Refusal::LongLivedKeys { .. })), "{r:?}");
}

#[test]
fn duplicate_target_sections_are_refused_with_their_lines() {
    let text = "[a]\nk = v\n[dev]\naws_session_token = A\n[b]\nk = v\n[dev]\nregion = x\n";
    let r = upsert(text, "dev", &new_creds()).unwrap_err();
    assert_eq!(
        r,
        Refusal::Duplicate {
            name: "dev".into(),
            lines: vec![3, 7]
        }
    );
    assert_eq!(
        r.to_string(),
        "[dev] appears more than once (lines 3, 7); boto3 refuses such a file and other tools merge it: keep one [dev] section, then retry"
    );
    assert_eq!(remove_managed(text, "dev").unwrap_err(), r);
    // Duplicates of another section: botocore cannot read the file at all, so no edit.
    let dup_other = "[a]\nk = v\n[a]\nk = w\n";
    assert_eq!(
        upsert(dup_other, "t", &new_creds()).unwrap_err(),
        Refusal::Duplicate {
            name: "a".into(),
            lines: vec![1, 3]
        }
    );
}

#[test]
fn malformed_files_are_refused_with_the_line() {
    let r = upsert("[a]\nk = v\n[b\n", "t", &new_creds()).unwrap_err();
    assert_eq!(
        r.to_string(),
        "line 3: a line starting with '[' in [a] is neither a section header (no closing ']' after a name) nor 'key = value'"
    );
    let r = upsert("[a]\nk = v\n[t]\nnot a key line\n", "t", &new_creds()).unwrap_err();
    assert_eq!(
        r.to_string(),
        "line 4: expected 'key = value' in [t] (indent a line deeper than the key above to continue its value)"
    );
    // A broken section elsewhere: botocore cannot read the file, so neither edit is made.
    let r = remove_managed("[t]\nawsmfa_managed = true\n[b]\noops\n", "t").unwrap_err();
    assert!(matches!(r, Refusal::Malformed { line: 4, .. }), "{r:?}");
    let r = upsert("key = v\n", "t", &new_creds()).unwrap_err();
    assert_eq!(
        r.to_string(),
        "line 1: a line before the first [section]: only comments may come first"
    );
}

#[test]
fn names_and_values_that_would_not_read_back_are_refused() {
    for (name, reason) in [
        ("", "it is empty"),
        (" dev", "it starts or ends with a space"),
        ("dev ", "it starts or ends with a space"),
        ("a]b", "it contains '[' or ']'"),
        ("[a", "it contains '[' or ']'"),
        ("a\nb", "it contains a control character"),
    ] {
        let r = upsert("", name, &new_creds()).unwrap_err();
        assert!(
            matches!(&r, Refusal::InvalidName { reason: got, .. } if *got == reason),
            "{name:?}: {r:?}"
        );
        assert!(remove_managed("", name).is_err(), "{name:?}");
    }
    let mut bad = new_creds();
    bad.session_token = "TOKEN\n[evil]".into();
    let r = upsert("", "t", &bad).unwrap_err();
    assert_eq!(
        r.to_string(),
        "the aws_session_token to write is empty or contains whitespace; nothing was written"
    );
    bad.session_token = String::new();
    assert!(matches!(
        upsert("", "t", &bad),
        Err(Refusal::InvalidValue { .. })
    ));
}

#[test]
fn removing_a_managed_section_keeps_the_comments_around_it() {
    let text = concat!(
        "[a]\nk = v\n\n# about t\n[t]\n",
        old_managed!(),
        "\n# about b\n[b]\nk = v\n"
    );
    assert_eq!(
        remove(text, "t"),
        (
            "[a]\nk = v\n\n# about t\n\n# about b\n[b]\nk = v\n".to_string(),
            Removed::Section
        )
    );
    // First and last sections, and a last section without a final newline.
    assert_eq!(
        remove(concat!("[t]\n", old_managed!(), "[b]\nk = v\n"), "t").0,
        "[b]\nk = v\n"
    );
    let last = concat!("[a]\nk = v\n\n[t]\n", old_managed!());
    assert_eq!(remove(last, "t").0, "[a]\nk = v\n\n");
    let unterminated = last.strip_suffix('\n').unwrap();
    assert_eq!(remove(unterminated, "t").0, "[a]\nk = v\n\n");
    // CRLF: nothing else changes.
    let crlf = "[a]\r\nk = v\r\n[t]\r\nawsmfa_managed = true\r\n\r\n[b]\r\n";
    assert_eq!(remove(crlf, "t").0, "[a]\r\nk = v\r\n\r\n[b]\r\n");
}

#[test]
fn write_then_remove_leaves_only_the_separator() {
    let text = "[a]\nk = v\n";
    let written = write(text, "t");
    assert_eq!(
        remove(&written, "t"),
        (format!("{text}\n"), Removed::Section)
    );
    assert_eq!(remove(&write("", "t"), "t").0, "");
}

#[test]
fn remove_refuses_what_awsmfa_did_not_write() {
    assert_eq!(
        remove_managed(THREE, "identity").unwrap_err().to_string(),
        "[identity] holds long-lived keys; awsmfa never removes them"
    );
    assert_eq!(
        remove_managed(THREE, "default").unwrap_err().to_string(),
        "[default] was not written by awsmfa (it has no `awsmfa_managed = true`), so awsmfa leaves it alone: edit the file to remove it"
    );
    assert_eq!(
        remove(THREE, "nope"),
        (THREE.to_string(), Removed::NotFound)
    );
    assert_eq!(remove("", "nope"), (String::new(), Removed::NotFound));
}

#[test]
fn managed_sections_lists_awsmfa_sections_once_in_order() {
    let text = "[z]\nawsmfa_managed = true\n[a]\nawsmfa_managed = false\n[profile x]\nAWSMFA_MANAGED : True\n[k]\naws_access_key_id = A\n";
    assert_eq!(managed_sections(text), ["z", "profile x"]);
    assert_eq!(managed_sections(THREE), ["stage"]);
    assert!(managed_sections("").is_empty());
    assert!(managed_sections("[broken\n").is_empty());
}

// ---------------------------------------------------------------------------------------------
// A huge file
// ---------------------------------------------------------------------------------------------

fn huge_section(i: usize) -> String {
    format!(
        "# profile {i}\n[p{i}]\naws_access_key_id = ASIA{i:016}\naws_secret_access_key = S{i}\naws_session_token = T{i}\nawsmfa_managed = true\n\n"
    )
}

#[test]
/// The edit is linear in the file: a quadratic editor takes minutes on 10,000 sections. The
/// bound only stops such a regression (speed itself is measured in scripts/bench, not here), so
/// it is loose enough for a loaded CI machine.
fn ten_thousand_sections_are_edited_without_quadratic_blowup() {
    const BOUND: Duration = Duration::from_secs(15);
    let sections: Vec<String> = (0..10_000).map(huge_section).collect();
    let text = sections.concat();
    for target in [0, 5_000, 9_999] {
        let started = Instant::now();
        let out = write(&text, &format!("p{target}"));
        let took = started.elapsed();
        assert!(took < BOUND, "p{target}: {took:?}");
        let before = sections[..target].concat();
        let after = sections[target + 1..].concat();
        let expected = format!(
            "{before}# profile {target}\n[p{target}]\n{}\n{after}",
            new_lf!()
        );
        assert!(out == expected, "p{target} differs from the expected text");
    }
    let started = Instant::now();
    let out = write(&text, "new");
    assert!(started.elapsed() < BOUND);
    assert_eq!(out, format!("{text}[new]\n{}", new_lf!()));
    let started = Instant::now();
    let (out, removed) = remove(&text, "p5000");
    assert!(started.elapsed() < BOUND);
    assert_eq!(removed, Removed::Section);
    let expected = format!(
        "{}# profile 5000\n\n{}",
        sections[..5000].concat(),
        sections[5001..].concat()
    );
    assert!(
        out == expected,
        "p5000 removal differs from the expected text"
    );
    let started = Instant::now();
    assert_eq!(managed_sections(&text).len(), 10_000);
    assert!(started.elapsed() < BOUND);
}

// ---------------------------------------------------------------------------------------------
// Property test: random files, random edits
// ---------------------------------------------------------------------------------------------

const OWNED: [&str; 6] = [
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
    "aws_security_token",
    "expiration",
    "awsmfa_managed",
];
/// Few names, so random targets often exist (or exist twice); with the spellings that matter.
const NAMES: [&str; 6] = [
    "default",
    "dev",
    "profile dev",
    "ünï cødé",
    "prod-admin",
    "a.b",
];

/// `key = value` with one of `keys`, odd spacing, `:` or `=`, and sometimes an empty value.
fn key_line(keys: &[&'static str]) -> impl Strategy<Value = String> + use<> {
    let key = prop::sample::select(keys.to_vec());
    let sep = prop::sample::select(vec![" = ", "=", " =", "= ", "\t=\t", " : ", ":"]);
    let value = prop_oneof![
        Just("true".to_string()),
        Just(String::new()),
        "[A-Za-z0-9/+=é☕ ]{1,12}",
    ];
    (key, sep, value).prop_map(|(k, s, v)| format!("{k}{s}{v}"))
}

/// awsmfa's keys, spelled as a hand edit might.
const OWNED_SPELLINGS: [&str; 7] = [
    "aws_access_key_id",
    "AWS_SECRET_ACCESS_KEY",
    "aws_session_token",
    "aws_security_token",
    "expiration",
    "awsmfa_managed",
    "Awsmfa_Managed",
];

fn comment_line() -> impl Strategy<Value = String> {
    let prefix = prop::sample::select(vec!["#", ";", "  #", "\t;"]);
    (prefix, "[ -~é—☕]{0,15}").prop_map(|(p, t)| format!("{p}{t}"))
}

/// Any line of a section body: keys (awsmfa's or others), continuations, comments, blanks.
fn body_line() -> impl Strategy<Value = String> {
    let any_key = [
        OWNED_SPELLINGS.as_slice(),
        &["region", "output", "s3", "mfa_serial"],
    ]
    .concat();
    prop_oneof![
        4 => key_line(&any_key),
        2 => comment_line(),
        2 => "[ \t]{0,2}",
        1 => "[ \t]{1,2}[a-z]{1,5} = [a-z0-9]{0,5}",
    ]
}

/// A body of credential keys only, the shape awsmfa, the AWS CLI and `aws configure` write.
fn credential_line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => key_line(&OWNED_SPELLINGS),
        1 => comment_line(),
        1 => "[ \t]{0,2}",
    ]
}

fn header_line() -> impl Strategy<Value = String> {
    let spelling = prop::sample::select(vec!["[{}]", "[ {} ]", "  [{}]\t"]);
    (prop::sample::select(NAMES.to_vec()), spelling)
        .prop_map(|(name, spelling)| spelling.replace("{}", name))
}

/// A credentials file as lines, then joined with LF, CRLF or a mix, maybe unterminated.
fn credentials_file() -> impl Strategy<Value = String> {
    let preamble = prop::collection::vec(prop_oneof![comment_line(), "[ \t]{0,2}"], 0..3);
    // Half the sections carry awsmfa's mark somewhere, so removals and replacements of managed
    // sections are as common as refusals.
    let mark = prop::option::of((any::<prop::sample::Index>(), "awsmfa_managed ?= ?true"));
    let long_lived = prop::collection::vec(
        key_line(&["aws_access_key_id", "aws_secret_access_key"]),
        1..3,
    );
    let body = prop_oneof![
        3 => prop::collection::vec(body_line(), 0..7),
        3 => prop::collection::vec(credential_line(), 0..7),
        1 => long_lived,
    ];
    let section = (header_line(), body, mark).prop_map(|(header, mut body, mark)| {
        if let Some((at, line)) = mark {
            body.insert(at.index(body.len() + 1), line);
        }
        std::iter::once(header).chain(body).collect::<Vec<_>>()
    });
    // botocore refuses a header or a key twice: most files are kept readable by construction
    // (the filter below drops the rest, e.g. an indented header that continues a value).
    let sections = prop::collection::vec(section, 0..7).prop_map(|sections| {
        let mut headers = Vec::new();
        let mut out = Vec::new();
        for mut lines in sections {
            if headers.contains(&lines[0]) {
                continue;
            }
            headers.push(lines[0].clone());
            let mut keys = Vec::new();
            lines.retain(|l| match l.split_once(['=', ':']) {
                Some((k, _)) if !l.starts_with([' ', '\t', '#', ';', '[']) => {
                    let k = k.trim().to_lowercase();
                    let first = !keys.contains(&k);
                    keys.push(k);
                    first
                }
                _ => true,
            });
            out.push(lines);
        }
        out
    });
    let endings = prop_oneof![
        Just(vec!["\n"]),
        Just(vec!["\r\n"]),
        Just(vec!["\r"]),
        prop::collection::vec(prop::sample::select(vec!["\n", "\r\n", "\r"]), 1..8),
    ];
    (preamble, sections, endings, any::<bool>())
        .prop_map(|(preamble, sections, endings, final_newline)| {
            let lines: Vec<String> = preamble.into_iter().chain(sections.concat()).collect();
            let mut text = String::new();
            for (i, line) in lines.iter().enumerate() {
                text.push_str(line);
                if i + 1 < lines.len() || final_newline {
                    text.push_str(endings[i % endings.len()]);
                }
            }
            text
        })
        .prop_filter("botocore reads the file", |text| readable(text))
}

/// Whether botocore reads `text` (awsmfa's full check, which the differential test in
/// `botocore_ini` holds to botocore).
fn readable(text: &str) -> bool {
    IniFile::parse(Path::new("f"), text.to_string()).is_ok_and(|f| f.check().is_ok())
}

#[derive(Debug, Clone)]
enum Edit {
    Write(String, TempSection),
    Remove(String),
}

fn temp_section() -> impl Strategy<Value = TempSection> {
    let values = (
        "ASIA[A-Z0-9]{4,16}",
        "[A-Za-z0-9/+]{1,40}",
        "[A-Za-z0-9/+=]{1,60}",
        0i64..4_000_000_000,
    );
    values.prop_map(|(a, s, t, e)| TempSection {
        access_key_id: a,
        secret_access_key: s,
        session_token: t,
        expiration: Utc.timestamp_opt(e, 0).unwrap(),
    })
}

/// A random file and a write or removal of one of its own sections, or of a new one.
fn file_and_edit() -> impl Strategy<Value = (String, Edit)> {
    credentials_file().prop_flat_map(|text| {
        let ini = IniFile::parse(Path::new("f"), text.clone()).unwrap();
        let names: Vec<String> = ini
            .sections
            .iter()
            .map(|s| s.header.clone())
            .chain(["new-section".to_string()])
            .collect();
        let name = prop::sample::select(names);
        let edit = prop_oneof![
            (name.clone(), temp_section()).prop_map(|(n, c)| Edit::Write(n, c)),
            name.prop_map(Edit::Remove),
        ];
        (Just(text), edit)
    })
}

fn parse_all(text: &str) -> IniFile {
    let ini = IniFile::parse(Path::new("f"), text.to_string()).expect("the file parses");
    for s in &ini.sections {
        ini.entries(s).expect("every section parses");
    }
    ini
}

fn whole(ini: &IniFile, s: &Section) -> String {
    ini.text[s.header_range.start..s.body.end].to_string()
}

/// Lines of a section body, each with the key it belongs to (`None` for comments and blanks):
/// a key line's own key, or for a continuation line the key above it (the line model).
fn body_lines(ini: &IniFile, s: &Section) -> Vec<(String, Option<String>)> {
    let mut lexer = Lexer::default();
    let mut current = None;
    raw_lines(&ini.text, s.header_range.start, s.body.end)
        .filter_map(|l| {
            let key = match lexer.line(l.content) {
                Kind::Header(_) => return None,
                Kind::Key(k, _) => {
                    current = Some(k.to_lowercase());
                    current.clone()
                }
                Kind::Continuation(_) => current.clone(),
                _ => None,
            };
            Some((l.content.to_string(), key))
        })
        .collect()
}

fn not_owned(lines: Vec<(String, Option<String>)>) -> Vec<String> {
    lines
        .into_iter()
        .filter(|(_, k)| !k.as_deref().is_some_and(|k| OWNED.contains(&k)))
        .map(|(l, _)| l)
        .collect()
}

/// Where the section's last key line (or continuation) ends: what follows is comments and blanks.
fn extent_end(ini: &IniFile, s: &Section) -> usize {
    let mut end = s.header_range.end;
    let mut lexer = Lexer::default();
    for l in raw_lines(&ini.text, s.header_range.start, s.body.end) {
        if matches!(lexer.line(l.content), Kind::Key(..) | Kind::Continuation(_)) {
            end = l.range().end;
        }
    }
    end
}

struct Shape {
    long_lived: bool,
    managed: bool,
    foreign_keys: bool,
}

fn shape(ini: &IniFile, s: &Section) -> Shape {
    let entries = ini.entries(s).unwrap();
    let has = |k: &str| entries.iter().any(|e| e.key == k && !e.value.is_empty());
    let managed = entries
        .iter()
        .any(|e| e.key == "awsmfa_managed" && e.value.eq_ignore_ascii_case("true"));
    let keys = has("aws_access_key_id") || has("aws_secret_access_key");
    let token = has("aws_session_token") || has("aws_security_token");
    Shape {
        long_lived: keys && !token,
        managed,
        foreign_keys: entries.iter().any(|e| !OWNED.contains(&e.key.as_str())),
    }
}

use awsmfa_cli::ini::line::newline_of;

/// `piece` after `out`, both whole lines, as the editor joins them: Python reads a lone `\r`
/// then `\n` as one break, so such a `\r` becomes `\r\n` and the blank line after it stays.
pub(crate) fn push_lines(out: &mut String, piece: &str) {
    if out.ends_with('\r') && piece.starts_with('\n') {
        out.push('\n');
    }
    out.push_str(piece);
}

/// What goes between a file and an appended section: a final newline, then a blank line.
fn separator(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let nl = newline_of(text);
    let mut ended = text.to_string();
    if !text.ends_with(['\n', '\r']) {
        ended.push_str(nl);
    }
    let last_line = raw_lines(&ended, 0, ended.len())
        .last()
        .map_or("", |l| l.content);
    if !last_line.trim().is_empty() {
        push_lines(&mut ended, nl);
    }
    ended[text.len()..].to_string()
}

/// A missing final newline stays missing, unless the last line is blank (it would vanish).
fn same_final_newline(before: &str, after: &str) -> bool {
    let ended = |t: &str| t.ends_with(['\n', '\r']);
    let blank_last = raw_lines(after, 0, after.len())
        .last()
        .is_some_and(|l| l.content.is_empty());
    ended(before) == ended(after) || blank_last
}

/// An edit next to indented keys or headers may be refused: moving lines would change what
/// botocore reads as a continuation (the editor checks its result and refuses instead).
fn may_be_unsafe(text: &str) -> bool {
    raw_lines(text, 0, text.len()).any(|l| {
        let t = l.content.trim_start();
        t.len() < l.content.len() && !t.is_empty() && !t.starts_with(['#', ';'])
    })
}

fn check_write(text: &str, name: &str, creds: &TempSection) -> Result<(), TestCaseError> {
    let before = parse_all(text);
    if name.trim() != name {
        // `[ x ]` is a section named ` x ` for botocore; awsmfa refuses to write such names.
        let result = upsert(text, name, creds);
        prop_assert!(
            matches!(result, Err(Refusal::InvalidName { .. })),
            "{:?}",
            result
        );
        return Ok(());
    }
    let targets: Vec<&Section> = before
        .sections
        .iter()
        .filter(|s| s.header == name)
        .collect();
    let result = upsert(text, name, creds);
    if targets.len() > 1 {
        let lines = targets.iter().map(|s| s.line).collect();
        let expected = Refusal::Duplicate {
            name: name.into(),
            lines,
        };
        prop_assert_eq!(result, Err(expected));
        return Ok(());
    }
    if let [t] = targets[..]
        && shape(&before, t).long_lived
    {
        prop_assert!(
            matches!(result, Err(Refusal::LongLivedKeys { .. })),
            "{:?}",
            result
        );
        return Ok(());
    }
    if matches!(result, Err(Refusal::Unsafe { .. })) && may_be_unsafe(text) {
        return Ok(());
    }
    let out = result.map_err(|r| TestCaseError::fail(format!("refused: {r}")))?;
    let after = parse_all(&out);
    let Some(t) = targets.first() else {
        let nl = newline_of(text);
        let expected = format!(
            "{text}{}{}",
            separator(text),
            render_section(name, creds, nl)
        );
        prop_assert_eq!(&out, &expected);
        return Ok(());
    };
    // Every other section keeps its exact bytes, and so does all text around the target.
    prop_assert_eq!(before.sections.len(), after.sections.len());
    for (old, new) in before.sections.iter().zip(&after.sections) {
        prop_assert_eq!(&old.header, &new.header);
        if old.header != name {
            prop_assert_eq!(whole(&before, old), whole(&after, new));
        }
    }
    prop_assert!(out.starts_with(&text[..t.header_range.start]));
    prop_assert!(out.ends_with(&text[extent_end(&before, t)..]));
    prop_assert!(same_final_newline(text, &out), "{:?}", out);
    let new_t = after.sections.iter().find(|s| s.header == name).unwrap();
    // The target holds each owned key once, with the new values.
    let entries = after.entries(new_t).unwrap();
    let owned: Vec<(&str, &str)> = entries
        .iter()
        .filter(|e| OWNED.contains(&e.key.as_str()))
        .map(|e| (e.key.as_str(), e.value.as_str()))
        .collect();
    let expiration = awsmfa_cli::creds::format_utc(creds.expiration);
    prop_assert_eq!(
        owned,
        vec![
            ("aws_access_key_id", creds.access_key_id.as_str()),
            ("aws_secret_access_key", creds.secret_access_key.as_str()),
            ("aws_session_token", creds.session_token.as_str()),
            ("aws_security_token", creds.session_token.as_str()),
            ("expiration", expiration.as_str()),
            ("awsmfa_managed", "true"),
        ]
    );
    // Everything else in the target (other keys, comments, blank lines) is kept in order.
    prop_assert_eq!(
        not_owned(body_lines(&before, t)),
        not_owned(body_lines(&after, new_t))
    );
    // Writing the same again changes nothing.
    prop_assert_eq!(upsert(&out, name, creds).unwrap(), out);
    Ok(())
}

fn check_remove(text: &str, name: &str) -> Result<(), TestCaseError> {
    let before = parse_all(text);
    if name.trim() != name {
        let result = remove_managed(text, name);
        prop_assert!(
            matches!(result, Err(Refusal::InvalidName { .. })),
            "{:?}",
            result
        );
        return Ok(());
    }
    let targets: Vec<&Section> = before
        .sections
        .iter()
        .filter(|s| s.header == name)
        .collect();
    let result = remove_managed(text, name);
    let t = match targets[..] {
        [] => {
            prop_assert_eq!(result, Ok((text.to_string(), Removed::NotFound)));
            return Ok(());
        }
        [t] => t,
        _ => {
            prop_assert!(
                matches!(result, Err(Refusal::Duplicate { .. })),
                "{:?}",
                result
            );
            return Ok(());
        }
    };
    let shape = shape(&before, t);
    if !shape.managed || shape.long_lived {
        let expected = Refusal::NotManaged {
            name: name.into(),
            long_lived: shape.long_lived,
        };
        prop_assert_eq!(result, Err(expected));
        return Ok(());
    }
    if matches!(result, Err(Refusal::Unsafe { .. })) && may_be_unsafe(text) {
        return Ok(());
    }
    let (out, removed) = result.map_err(|r| TestCaseError::fail(format!("refused: {r}")))?;
    let after = parse_all(&out);
    let end = extent_end(&before, t);
    if shape.foreign_keys {
        prop_assert_eq!(removed, Removed::Keys);
        prop_assert!(out.starts_with(&text[..t.body.start]));
        prop_assert!(out.ends_with(&text[end..]));
        prop_assert!(same_final_newline(text, &out), "{:?}", out);
        let new_t = after.sections.iter().find(|s| s.header == name).unwrap();
        prop_assert_eq!(
            not_owned(body_lines(&before, t)),
            not_owned(body_lines(&after, new_t))
        );
        prop_assert!(
            after
                .entries(new_t)
                .unwrap()
                .iter()
                .all(|e| !OWNED.contains(&e.key.as_str()))
        );
    } else {
        prop_assert_eq!(removed, Removed::Section);
        let mut expected = text[..t.header_range.start].to_string();
        push_lines(&mut expected, &text[end..]);
        prop_assert_eq!(&out, &expected);
        let others = |ini: &IniFile| -> Vec<(String, Vec<(String, String)>)> {
            ini.sections
                .iter()
                .filter(|s| s.header != name)
                .map(|s| {
                    let e = ini.entries(s).unwrap();
                    let kv = e.iter().map(|e| (e.key.clone(), e.value.to_string()));
                    (s.header.clone(), kv.collect())
                })
                .collect()
        };
        prop_assert_eq!(others(&before), others(&after));
        prop_assert!(after.sections.iter().all(|s| s.header != name));
    }
    Ok(())
}

/// `default` cases, or `PROPTEST_CASES` for a longer hunt (an explicit `cases` in a
/// `ProptestConfig` hides the variable proptest's own default reads).
pub(crate) fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

proptest! {
    // Failures shrink to cases kept beside the other fixtures and replayed first on every run.
    #![proptest_config(ProptestConfig {
        cases: cases(512),
        // About one generated file in three is one botocore refuses (filtered out).
        max_local_rejects: (cases(512) * 4).max(65_536),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/fixtures/credfile/proptest-regressions",
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_edits_touch_only_the_target((text, edit) in file_and_edit()) {
        match edit {
            Edit::Write(name, creds) => check_write(&text, &name, &creds)?,
            Edit::Remove(name) => check_remove(&text, &name)?,
        }
    }

    #[test]
    fn a_new_section_written_then_removed_leaves_the_file_plus_separator(
        text in credentials_file(),
        creds in temp_section(),
    ) {
        let written = upsert(&text, "new-section", &creds).unwrap();
        let (removed, how) = remove_managed(&written, "new-section").unwrap();
        prop_assert_eq!(how, Removed::Section);
        prop_assert_eq!(removed, format!("{text}{}", separator(&text)));
    }
}

// ---------------------------------------------------------------------------------------------
// File level
// ---------------------------------------------------------------------------------------------

fn creds_n(n: usize) -> TempSection {
    TempSection {
        access_key_id: format!("ASIAEXAMPLE{n:09}"),
        secret_access_key: format!("fakeSecret{n}EXAMPLE"),
        session_token: format!("fakeToken{n}EXAMPLE"),
        expiration: Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap(),
    }
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

/// Names in `dir` other than the credentials file (the lock lives in awsmfa's cache).
fn strays(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "credentials")
        .collect();
    names.sort();
    names
}

#[test]
fn a_missing_file_and_directory_are_created_private() {
    let root = tempfile::tempdir().unwrap();
    let path = root.path().join("home/.aws/credentials");
    write_section(&path, "dev", &new_creds()).unwrap();
    assert_eq!(read(&path), concat!("[dev]\n", new_lf!()));
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&root.path().join("home/.aws")), 0o700);
    assert_eq!(mode(&root.path().join("home")), 0o700);
    assert!(strays(path.parent().unwrap()).is_empty());
}

#[test]
fn an_existing_directory_keeps_its_mode_and_the_file_becomes_0600() {
    let dir = tempfile::tempdir().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let path = dir.path().join("credentials");
    fs::write(&path, THREE).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    write_section(&path, "default", &new_creds()).unwrap();
    assert_eq!(read(&path), write(THREE, "default"));
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(dir.path()), 0o755);
}

#[test]
fn an_unchanged_result_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("credentials");
    write_section(&path, "dev", &new_creds()).unwrap();
    let inode = fs::metadata(&path).unwrap().ino();
    write_section(&path, "dev", &new_creds()).unwrap();
    assert_eq!(fs::metadata(&path).unwrap().ino(), inode, "rewritten");
    write_section(&path, "dev", &creds_n(1)).unwrap();
    assert_ne!(
        fs::metadata(&path).unwrap().ino(),
        inode,
        "a change is a new file"
    );
}

/// Run `op`, which must fail and leave `path` byte-identical, the same inode, and no stray file.
fn assert_untouched(path: &Path, op: impl FnOnce() -> Result<(), Error>) -> Error {
    let before = fs::read(path).unwrap();
    let inode = fs::metadata(path).unwrap().ino();
    let err = op().expect_err("the edit must fail");
    assert_eq!(fs::read(path).unwrap(), before);
    assert_eq!(fs::metadata(path).unwrap().ino(), inode);
    assert!(strays(path.parent().unwrap()).is_empty());
    err
}

#[test]
fn refusals_leave_the_file_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("credentials");
    let text = THREE.replace('\n', "\r\n");
    fs::write(&path, &text).unwrap();
    let inode = fs::metadata(&path).unwrap().ino();

    let e = write_section(&path, "identity", &new_creds()).unwrap_err();
    assert!(e.refusal() == Some(Protected::CredentialsFile), "{e:?}");
    assert_eq!(
        e.to_string(),
        "[identity] holds long-lived keys; awsmfa never overwrites them: choose another section with --to NAME (classic form: -t/--target-profile NAME)"
    );
    let e = remove_section(&path, "identity").unwrap_err();
    assert!(e.refusal() == Some(Protected::CredentialsFile), "{e:?}");
    let e = remove_section(&path, "default").unwrap_err();
    assert!(e.to_string().contains("not written by awsmfa"), "{e}");
    assert_eq!(remove_section(&path, "nope").unwrap(), Removed::NotFound);
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert_eq!(fs::metadata(&path).unwrap().ino(), inode);

    // The managed one goes, and the CRLF file stays CRLF.
    assert_eq!(remove_section(&path, "stage").unwrap(), Removed::Section);
    let (expected, _) = remove_managed(&text, "stage").unwrap();
    assert_eq!(read(&path), expected);
    assert!(!read(&path).replace("\r\n", "").contains('\n'));
}

#[test]
fn malformed_and_non_utf8_files_are_config_errors_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("credentials");
    let text = b"[a]\nk = v\n[t]\nsecret-looking line\n";
    fs::write(&path, text).unwrap();
    let e = assert_untouched(&path, || write_section(&path, "t", &new_creds()));
    assert!(matches!(e, Error::Config { line: 4, .. }), "{e:?}");
    assert_eq!(
        e.to_string(),
        format!(
            "{}:4: expected 'key = value' in [t] (indent a line deeper than the key above to continue its value)",
            path.display()
        )
    );
    let text = b"[a]\nk = v\n# caf\xe9\n";
    fs::write(&path, text).unwrap();
    let e = assert_untouched(&path, || write_section(&path, "t", &new_creds()));
    assert_eq!(
        e.to_string(),
        format!(
            "{}:3: not valid UTF-8; awsmfa edits only UTF-8 files",
            path.display()
        )
    );
    let text = b"[t]\nawsmfa_managed = true\n[t]\nk = v\n";
    fs::write(&path, text).unwrap();
    let e = assert_untouched(&path, || remove_section(&path, "t").map(drop));
    assert!(matches!(e, Error::Config { line: 3, .. }), "{e:?}");
}

#[test]
fn remove_on_a_missing_file_creates_nothing() {
    let root = tempfile::tempdir().unwrap();
    let path = root.path().join(".aws/credentials");
    assert_eq!(remove_section(&path, "dev").unwrap(), Removed::NotFound);
    assert!(!root.path().join(".aws").exists());
}

#[test]
fn a_symlinked_file_stays_a_symlink_and_its_target_is_updated() {
    let root = tempfile::tempdir().unwrap();
    let dotfiles = root.path().join("dotfiles");
    let aws = root.path().join("home/.aws");
    fs::create_dir_all(&dotfiles).unwrap();
    fs::create_dir_all(&aws).unwrap();
    let real = dotfiles.join("credentials");
    let link = aws.join("credentials");
    fs::write(&real, THREE).unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o644)).unwrap();
    std::os::unix::fs::symlink("../../dotfiles/credentials", &link).unwrap();

    write_section(&link, "dev", &new_creds()).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(read(&real), write(THREE, "dev"));
    assert_eq!(mode(&real), 0o600);
    // The lock is named after the real file, where every path to it agrees, and lives in
    // awsmfa's cache: nothing is left next to the user's file.
    let lock = lock_path(&real).expect("a cache directory");
    assert_eq!(lock_path(&link), lock_path(&real));
    assert!(lock.exists(), "{}", lock.display());
    assert_eq!(fs::read_dir(&aws).unwrap().count(), 1);
    assert_eq!(fs::read_dir(&dotfiles).unwrap().count(), 1);

    assert_eq!(remove_section(&link, "dev").unwrap(), Removed::Section);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(read(&real), format!("{THREE}\n"));
}

#[test]
fn a_dangling_symlink_gets_its_target_created() {
    let root = tempfile::tempdir().unwrap();
    let link = root.path().join("credentials");
    std::os::unix::fs::symlink("elsewhere/creds", &link).unwrap();
    write_section(&link, "dev", &new_creds()).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        read(&root.path().join("elsewhere/creds")),
        concat!("[dev]\n", new_lf!())
    );
    assert_eq!(mode(&root.path().join("elsewhere")), 0o700);
}

fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

#[test]
fn an_unwritable_directory_fails_and_leaves_the_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("credentials");
    fs::write(&path, THREE).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o500)).unwrap();
    if running_as_root() {
        // Root ignores directory permissions: the write succeeds. The failure path is covered
        // for root too by `a_failing_write_leaves_the_file_alone` (RLIMIT_FSIZE).
        eprintln!("running as root: a 0500 directory does not stop writes; checked the success");
        let result = write_section(&path, "dev", &new_creds());
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
        assert!(result.is_ok(), "{result:?}");
        return;
    }
    let e = assert_untouched(&path, || write_section(&path, "dev", &new_creds()));
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
    assert!(matches!(e, Error::Io(_)), "{e:?}");
    assert!(e.to_string().contains("Permission denied"), "{e}");
}

#[test]
fn a_path_under_a_regular_file_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    fs::write(&file, "x").unwrap();
    let e = write_section(&file.join("sub/credentials"), "dev", &new_creds()).unwrap_err();
    assert!(matches!(e, Error::Io(_)), "{e:?}");
    assert!(e.to_string().contains("cannot create"), "{e}");
    let e = write_section(&file.join("credentials"), "dev", &new_creds()).unwrap_err();
    assert!(matches!(e, Error::Io(_)), "{e:?}");
    assert_eq!(read(&file), "x");
}

#[test]
fn fifty_threads_writing_distinct_sections_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("credentials");
    fs::write(&path, THREE).unwrap();
    std::thread::scope(|s| {
        for n in 0..50 {
            let path = &path;
            s.spawn(move || write_section(path, &format!("t{n}"), &creds_n(n)).unwrap());
        }
    });
    let text = read(&path);
    // Appends only: the original is an untouched prefix, and each section is there once.
    assert!(text.starts_with(THREE));
    let ini = parse_all(&text);
    assert_eq!(ini.sections.len(), 3 + 50);
    for n in 0..50 {
        let rendered = render_section(&format!("t{n}"), &creds_n(n), "\n");
        assert_eq!(text.matches(&rendered).count(), 1, "t{n}");
    }
    assert!(strays(dir.path()).is_empty(), "{:?}", strays(dir.path()));
}

#[test]
fn a_writer_waits_for_the_lock_held_through_another_open_file() {
    // flock belongs to the open file description, so two opens in one process contend.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("credentials");
    fs::write(&path, THREE).unwrap();
    let lock = lock_path(&path).expect("a cache directory");
    fs::create_dir_all(lock.parent().unwrap()).unwrap();
    let held = awsmfa_cli::fsutil::lock(&lock).unwrap();
    let writer = std::thread::spawn({
        let path = path.clone();
        move || write_section(&path, "dev", &new_creds()).unwrap()
    });
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(read(&path), THREE, "wrote without the lock");
    assert!(!writer.is_finished());
    drop(held);
    writer.join().unwrap();
    assert_eq!(read(&path), write(THREE, "dev"));
}

#[test]
fn the_lock_file_older_versions_left_next_to_the_file_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("credentials");
    fs::write(&path, THREE).unwrap();
    let old = dir.path().join("credentials.awsmfa.lock");
    fs::write(&old, "").unwrap();
    write_section(&path, "dev", &new_creds()).unwrap();
    assert!(
        !old.exists(),
        "the old lock file stays next to the credentials file"
    );
    assert!(strays(dir.path()).is_empty(), "{:?}", strays(dir.path()));
    // The lock is in the cache directory of this process (target/test-cache under cargo:
    // .cargo/config.toml), never next to the file.
    let lock = lock_path(&path).unwrap();
    let cache = std::env::var_os("XDG_CACHE_HOME").map(std::path::PathBuf::from);
    assert!(
        cache.is_some_and(|c| lock.starts_with(c.join("awsmfa"))),
        "{}",
        lock.display()
    );
}

// ---------------------------------------------------------------------------------------------
// Child processes: concurrent writers, a failing write, a writer killed mid-write
// ---------------------------------------------------------------------------------------------

/// The ~4 MB section examples/credfile_child.rs writes in "crash" mode, round `n`.
fn big_creds(n: usize) -> TempSection {
    let mut c = creds_n(n);
    c.session_token = format!("T{n}x{}", "x".repeat(4 << 20));
    c
}

const CHILD_MODE: &str = "AWSMFA_CREDFILE_CHILD";
const CHILD_PATH: &str = "AWSMFA_CREDFILE_PATH";
const CHILD_ARG: &str = "AWSMFA_CREDFILE_ARG";

/// This test binary re-run as a child process: only the test named `test` runs, and
/// `child_mode` (its first line) turns it into the child.
fn child(test: &str, mode: &str, path: &Path, arg: &str) -> Command {
    // libtest names a test by its path below the crate root: `credfile::NAME`.
    let module = module_path!().split_once("::").map_or("", |(_, m)| m);
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "--exact",
        &format!("{module}::{test}"),
        "--nocapture",
        "--test-threads=1",
    ])
    .env(CHILD_MODE, mode)
    .env(CHILD_PATH, path)
    .env(CHILD_ARG, arg)
    .stdin(Stdio::null());
    cmd
}

/// In a child started by `child`, do the child's work and return true (the test then returns
/// at once); in the parent, return false.
fn child_mode() -> bool {
    let Ok(mode) = std::env::var(CHILD_MODE) else {
        return false;
    };
    let path = std::path::PathBuf::from(std::env::var_os(CHILD_PATH).unwrap_or_default());
    let arg = std::env::var(CHILD_ARG).unwrap_or_default();
    match mode.as_str() {
        "writer" => {
            for i in 0..10 {
                write_section(&path, &format!("{arg}-{i}"), &creds_n(i)).unwrap();
            }
        }
        "fsize" => {
            // Files may not grow past 16 bytes, and SIGXFSZ is ignored so write(2) fails with
            // EFBIG: a failing write that directory permissions cannot give when run as root.
            // SAFETY: plain libc calls with valid arguments, before any thread is started here.
            unsafe {
                let limit = libc::rlimit {
                    rlim_cur: 16,
                    rlim_max: 16,
                };
                assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &limit), 0);
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            }
            let result = write_section(&path, "dev", &new_creds());
            println!("RESULT: {result:?}");
        }
        "crash" => {
            for i in 0.. {
                write_section(&path, "crash", &big_creds(i)).unwrap();
            }
        }
        other => panic!("unknown child mode {other:?}"),
    }
    true
}

#[test]
fn four_processes_writing_at_once_lose_nothing() {
    if child_mode() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("credentials");
    fs::write(&path, THREE).unwrap();
    let children: Vec<_> = (0..4)
        .map(|p| {
            child(
                "four_processes_writing_at_once_lose_nothing",
                "writer",
                &path,
                &format!("p{p}"),
            )
            .stdout(Stdio::null())
            .spawn()
            .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let text = read(&path);
    assert!(text.starts_with(THREE));
    assert_eq!(parse_all(&text).sections.len(), 3 + 40);
    for p in 0..4 {
        for i in 0..10 {
            let rendered = render_section(&format!("p{p}-{i}"), &creds_n(i), "\n");
            assert_eq!(text.matches(&rendered).count(), 1, "p{p}-{i}");
        }
    }
}

#[test]
fn a_failing_write_leaves_the_file_alone() {
    if child_mode() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("credentials");
    fs::write(&path, THREE).unwrap();
    let inode = fs::metadata(&path).unwrap().ino();
    let out = child("a_failing_write_leaves_the_file_alone", "fsize", &path, "")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    let result = stdout
        .lines()
        // libtest prints "test NAME ... " before the child's own output on the same line.
        .find_map(|l| l.find("RESULT: ").map(|i| &l[i + "RESULT: ".len()..]))
        .unwrap_or_else(|| panic!("no result in {stdout}"));
    assert!(
        result.starts_with("Err(Io(") && result.contains("File too large"),
        "{result}"
    );
    assert_eq!(read(&path), THREE);
    assert_eq!(fs::metadata(&path).unwrap().ino(), inode);
    assert!(strays(dir.path()).is_empty(), "{:?}", strays(dir.path()));
}

#[test]
fn a_writer_killed_mid_write_leaves_the_old_or_a_whole_new_file() {
    if child_mode() {
        return;
    }
    let original = "# keep me\n[identity]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = fakeEXAMPLE\n";
    // A cheap xorshift seeded from the clock: each run kills at different moments.
    let mut seed = Instant::now().elapsed().subsec_nanos() as u64
        ^ std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
        | 1;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let (mut old, mut new, mut mid_write) = (0, 0, 0);
    for run in 0..21 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("credentials");
        fs::write(&path, original).unwrap();
        let mut writer = child(
            "a_writer_killed_mid_write_leaves_the_old_or_a_whole_new_file",
            "crash",
            &path,
            "",
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
        // A third of the runs are killed at a random moment, a third at a random moment after
        // the first write, a third as soon as a temp file exists (in the middle of a write).
        // The waits look at the file's size and the directory, not at how the writer works, so
        // an in-place writer would be caught by the checks below rather than hang here.
        if run % 3 != 0 {
            wait_for(Duration::from_secs(20), || {
                fs::metadata(&path).is_ok_and(|m| m.len() != original.len() as u64)
            });
        }
        if run % 3 == 2 {
            wait_for(Duration::from_secs(5), || !strays(dir.path()).is_empty());
        } else {
            std::thread::sleep(Duration::from_millis(next() % 40));
        }
        writer.kill().unwrap();
        writer.wait().unwrap();

        let text = read(&path);
        parse_all(&text);
        if text == original {
            old += 1;
        } else {
            let ini = parse_all(&text);
            let section = ini.sections.iter().find(|s| s.header == "crash").unwrap();
            let key = ini
                .entries(section)
                .unwrap()
                .into_iter()
                .find(|e| e.key == "aws_access_key_id")
                .unwrap();
            let n: usize = key.value["ASIAEXAMPLE".len()..].parse().unwrap();
            assert!(
                text == upsert(original, "crash", &big_creds(n)).unwrap(),
                "run {run}: the file is not a complete version"
            );
            new += 1;
        }
        // Only temp files may be left, never mistaken for the file: the next write works.
        let left = strays(dir.path());
        assert!(
            left.iter()
                .all(|n| n.starts_with(".awsmfa-") && n.ends_with(".tmp")),
            "{left:?}"
        );
        mid_write += usize::from(!left.is_empty());
        write_section(&path, "after", &new_creds()).unwrap();
        assert!(read(&path).contains("[after]\n"));
    }
    eprintln!("killed 21 writers: {old} left the old file, {new} a new one, {mid_write} mid-write");
    // Each outcome was seen, so the checks above ran on each.
    assert!(
        old > 0 && new > 0 && mid_write > 0,
        "{old} old, {new} new, {mid_write} mid-write"
    );
}

/// Poll `done` every half millisecond for at most `limit`.
fn wait_for(limit: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !done() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_micros(500));
    }
}

#[test]
fn a_lone_cr_file_with_an_indented_comment_after_a_value_is_edited_or_refused_safely() {
    // Found by random_edits_touch_only_the_target (seed cc 92a4fe3a…): lone-CR line endings, a
    // key whose value continues past an indented comment line, then the managed marker.
    let text = "#\r[dev]\raws_security_token =L=tT/éB\n  #s`^é\n\r\t\t\rawsmfa_managed=true\n\n;%.w$:/E—☕$YG&V(";
    check_write(text, "dev", &new_creds()).unwrap();
}

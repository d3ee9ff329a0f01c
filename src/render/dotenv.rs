//! dotenv lines, `NAME="value"` or `NAME='value'`, in a form that the common readers return
//! unchanged, byte for byte: python-dotenv (1.x, with and without interpolation) and docker
//! compose's reader (compose-go `dotenv/parser.go`). A value that no form can carry through all
//! of them is refused, never written differently.
//!
//! What the readers do, and why each rule below follows from it:
//! - python-dotenv decodes `\\ \' \" \a \b \f \n \r \t \v` in double quotes and `\\ \'` in
//!   single quotes, and leaves every other backslash as it is (so `\$` and `` \` `` read back
//!   *with* the backslash). With interpolation (its default) it expands `${NAME}` and
//!   `${NAME:-default}` in *both* quote styles and has no escape that prevents it; a bare `$`
//!   is literal.
//! - compose-go keeps single-quoted text as it is (no escapes, no interpolation) except that
//!   `\'` is a quote; in double quotes it decodes `\\ \" \n \r \t ...` and `\$`, then expands
//!   `$NAME`, `${NAME}` and `$$`.
//!
//! So: a value with `${` is refused (python-dotenv would expand it, whatever the quotes). A
//! value with no `$` and no backtick goes in double quotes with `\\`, `\"`, `\n` and `\r`
//! escaped, the only escapes both readers decode alike, which keeps every line one physical
//! line. A value with `$` or a backtick goes in single quotes, where neither reader expands or
//! decodes anything, provided it holds no `'`, `\`, newline or carriage return. Anything else
//! is refused. Neither form runs anything if the file is ever sourced by a POSIX shell.
//! Real credentials (base64 secrets and tokens, ISO times, region and profile names) always
//! take the double-quoted form.

use super::posix::is_var_name;
use crate::error::{Error, Result};

/// `value` as a dotenv value that python-dotenv and compose-go read back unchanged, or `None`
/// when no such form exists (see the module comment). A NUL is left out, as in every quoter
/// (it never gets here: `validate::handed_out` refuses it first).
pub fn quote(value: &str) -> Option<String> {
    if value.contains("${") {
        return None;
    }
    let mut out = String::with_capacity(value.len() + 2);
    if !value.contains(['$', '`']) {
        out.push('"');
        for c in value.chars() {
            match c {
                '\0' => {}
                // The escape character itself, and the quote that would end the value.
                '\\' => out.push_str("\\\\"),
                '"' => out.push_str("\\\""),
                // Line breaks as escapes: a dotenv value stays on its line.
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                c => out.push(c),
            }
        }
        out.push('"');
        return Some(out);
    }
    // `$` or a backtick: only single quotes keep them literal in every reader, and single
    // quotes have no escape that all readers share.
    if value.contains(['\'', '\\', '\n', '\r']) {
        return None;
    }
    out.push('\'');
    out.extend(value.chars().filter(|c| *c != '\0'));
    out.push('\'');
    Some(out)
}

/// `NAME="value"` (or `NAME='value'`) and a newline; an error when the value cannot be written
/// so that the common readers get it back unchanged.
pub fn set_var(name: &str, value: &str) -> Result<String> {
    debug_assert!(is_var_name(name), "not a variable name: {name:?}");
    match quote(value) {
        Some(q) => Ok(format!("{name}={q}\n")),
        None => Err(Error::Usage(format!(
            "--format dotenv cannot write the value of {name} so that python-dotenv and docker compose read it back unchanged (it holds `${{`, or `$` or a backtick together with a quote, backslash or line break); use --format json or a shell's export lines"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn quote_table() {
        let table: &[(&str, Option<&str>)] = &[
            ("", Some(r#""""#)),
            ("plain", Some(r#""plain""#)),
            ("'", Some(r#""'""#)),
            ("\"", Some(r#""\"""#)),
            ("trailing\\", Some(r#""trailing\\""#)),
            ("$(id)", Some("'$(id)'")),
            ("$HOME", Some("'$HOME'")),
            ("`id`", Some("'`id`'")),
            ("${HOME}", None),
            ("it's $5", None),
            ("a\\$", None),
            ("$\n", None),
            ("!", Some(r#""!""#)),
            ("%", Some(r#""%""#)),
            ("a\nb", Some(r#""a\nb""#)),
            ("a\r\nb", Some(r#""a\r\nb""#)),
            ("a\tb", Some("\"a\tb\"")),
            ("ü€😀", Some(r#""ü€😀""#)),
            (r"'\''", Some(r#""'\\''""#)),
            ("# not a comment", Some(r##""# not a comment""##)),
            ("a\0b", Some(r#""ab""#)),
        ];
        for (input, want) in table {
            assert_eq!(quote(input).as_deref(), *want, "quoting {input:?}");
        }
    }

    #[test]
    fn lines() {
        assert_eq!(
            set_var("AWS_SESSION_TOKEN", "a\"b\nc").unwrap(),
            "AWS_SESSION_TOKEN=\"a\\\"b\\nc\"\n"
        );
        assert_eq!(set_var("A", "x\ny\rz").unwrap().lines().count(), 1);
        let e = set_var("AWS_SECRET_ACCESS_KEY", "${X}").unwrap_err();
        assert!(e.to_string().contains("AWS_SECRET_ACCESS_KEY"), "{e}");
        assert!(
            !e.to_string().contains("${X}"),
            "the value is never shown: {e}"
        );
    }

    /// A model of how compose-go (`dotenv/parser.go`, `extractVarValue` and `expandEscapes`)
    /// reads a quoted value at the start of `text`: the value, what follows it, and whether it
    /// would be interpolated (a `$` left in a double-quoted value after escapes, other than
    /// the `$$` that `\$` becomes). Interpolation is reported, not performed: any is a change.
    fn compose_read(text: &str) -> Option<(String, &str, bool)> {
        let quote = text.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let mut chars: Vec<char> = Vec::new();
        let mut escape = false;
        for (i, c) in text.char_indices().skip(1) {
            if c != quote {
                if !escape && c == '\\' {
                    escape = true;
                    continue;
                }
                if escape {
                    escape = false;
                    chars.push('\\');
                }
                chars.push(c);
                continue;
            }
            if escape {
                escape = false;
                chars.push(c);
                continue;
            }
            let rest = &text[i + 1..];
            if quote == '\'' {
                return Some((chars.into_iter().collect(), rest, false));
            }
            // expandEscapes: `\\(?:[abcfnrtv$"\\]|0\d{0,3})`, left to right.
            let mut value = String::new();
            let mut interpolated = false;
            let mut it = chars.iter().copied().peekable();
            while let Some(c) = it.next() {
                if c == '\\' {
                    match it.peek().copied() {
                        Some(e @ ('a' | 'b' | 'f' | 'n' | 'r' | 't' | 'v' | '"' | '\\')) => {
                            it.next();
                            value.push(match e {
                                'a' => '\u{7}',
                                'b' => '\u{8}',
                                'f' => '\u{c}',
                                'n' => '\n',
                                'r' => '\r',
                                't' => '\t',
                                'v' => '\u{b}',
                                e => e,
                            });
                        }
                        Some('$') => {
                            it.next();
                            value.push('$');
                        }
                        // `\0` octal escapes and `\c`: awsmfa never writes a lone backslash.
                        _ => return None,
                    }
                } else {
                    interpolated |= c == '$';
                    value.push(c);
                }
            }
            return Some((value, rest, interpolated));
        }
        None
    }

    fn check_compose(value: &str) {
        let Some(line) = set_var("A", value).ok() else {
            return;
        };
        let body = line.strip_prefix("A=").unwrap().strip_suffix('\n').unwrap();
        assert!(!body.contains(['\n', '\r']), "one physical line: {line:?}");
        let (read, rest, interpolated) =
            compose_read(body).unwrap_or_else(|| panic!("compose-go cannot read {line:?}"));
        assert_eq!(
            (read.as_str(), rest, interpolated),
            (value, "", false),
            "{line:?}"
        );
    }

    #[test]
    fn compose_model_reads_what_compose_reads() {
        assert_eq!(
            compose_read(r#""a\"b" x"#),
            Some(("a\"b".into(), " x", false))
        );
        assert_eq!(compose_read(r#""a\\""#), Some(("a\\".into(), "", false)));
        assert_eq!(compose_read(r#""$X""#), Some(("$X".into(), "", true)));
        assert_eq!(compose_read(r"'a\\b'"), Some(("a\\\\b".into(), "", false)));
        assert_eq!(compose_read(r"'a\'b'"), Some(("a'b".into(), "", false)));
        // The old form awsmfa wrote: `\$` is literal in compose-go but not in python-dotenv.
        assert_eq!(
            compose_read(r#""\$(id)""#),
            Some(("$(id)".into(), "", false))
        );
    }

    #[test]
    fn table_round_trips_in_the_compose_model() {
        for v in [
            "",
            "'",
            "\"",
            "\\",
            "trailing\\",
            "$(id)",
            "`id`",
            "$",
            "$$",
            "a\nb",
            "\r\n",
            "'\\''",
            "\\n",
            "\\$",
            "#x",
            " x ",
            "ü€😀",
        ] {
            check_compose(v);
        }
    }

    fn dotenv_char() -> impl Strategy<Value = char> {
        prop_oneof![
            4 => proptest::sample::select(
                "'\"\\$`{}:-#= \n\r\tabnrtv0".chars().collect::<Vec<_>>()
            ),
            1 => any::<char>().prop_filter("no NUL", |c| *c != '\0'),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn random_values_round_trip_in_the_compose_model(
            chars in proptest::collection::vec(dotenv_char(), 0..24)
        ) {
            let value: String = chars.into_iter().collect();
            check_compose(&value);
        }
    }
}

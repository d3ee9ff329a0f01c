//! PowerShell lines: `$Env:NAME = 'value'` and `Remove-Item -LiteralPath Env:NAME ...`.
//!
//! Values go in single-quoted (verbatim) strings, where PowerShell expands nothing: no `$`
//! variables, no `$(...)` subexpressions, no backtick escapes. The only way to end such a
//! string is a single-quote character, and PowerShell's tokenizer (`IsSingleQuote`) accepts
//! five of them: `'` and the typographic U+2018, U+2019, U+201A and U+201B. Two quote
//! characters in a row inside the string are one literal character (the second of the two), so
//! every quote-like character is written twice. Line breaks are written outside the quotes
//! (see [`quote`]) so each line awsmfa prints is one physical line: `awsmfa env |
//! Invoke-Expression` runs each output line as its own command.

use super::posix::is_var_name;

/// The characters PowerShell's tokenizer treats as a single quote (`CharExtensions.IsSingleQuote`
/// in the PowerShell sources: `'`, `‘`, `’`, `‚`, `‛`).
pub const SINGLE_QUOTES: [char; 5] = ['\'', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}'];

/// Whether PowerShell would end (or, doubled, escape) a single-quoted string at `c`.
pub fn is_single_quote(c: char) -> bool {
    SINGLE_QUOTES.contains(&c)
}

/// A PowerShell expression that evaluates to exactly `value` (less any NUL characters): one
/// single-quoted string, or several joined with `+ "`n" +` / `+ "`r" +` where `value` has line
/// breaks. Note that `$Env:X = ''` removes `X` in PowerShell before 7.5 (it cannot hold "").
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        match c {
            // An environment variable cannot hold NUL: leave it out rather than pass it on.
            '\0' => {}
            // LF and CR would be literal inside '...', but they would split the output into
            // several lines, and `| Invoke-Expression` runs every line separately: the rest of
            // the value would run as code. So close the string and add the character from a
            // double-quoted backtick escape, which is the documented way to write it, then open
            // a new string. The expression always starts with a '...' string, so `+` is string
            // concatenation.
            '\n' => out.push_str("' + \"`n\" + '"),
            '\r' => out.push_str("' + \"`r\" + '"),
            // Any of the five single-quote characters ends the string, so each one is doubled
            // (the same character twice): the tokenizer reads a pair as one literal character.
            c if is_single_quote(c) => {
                out.push(c);
                out.push(c);
            }
            // `$`, backticks, `"` and the typographic double quotes are literal inside '...'.
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// `$Env:NAME = 'value'` and a newline.
pub fn set_var(name: &str, value: &str) -> String {
    debug_assert!(is_var_name(name), "not a variable name: {name:?}");
    format!("$Env:{name} = {}\n", quote(value))
}

/// `Remove-Item -LiteralPath Env:NAME -ErrorAction SilentlyContinue` and a newline.
/// `-LiteralPath` because `-Path` treats `*?[]` as wildcards; `SilentlyContinue` because
/// removing a variable that is not set is an error otherwise.
pub fn unset_var(name: &str) -> String {
    debug_assert!(is_var_name(name), "not a variable name: {name:?}");
    format!("Remove-Item -LiteralPath Env:{name} -ErrorAction SilentlyContinue\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn quote_table() {
        let table: &[(&str, &str)] = &[
            ("", "''"),
            ("plain", "'plain'"),
            ("'", "''''"),
            ("\"", "'\"'"),
            ("trailing\\", "'trailing\\'"),
            ("$(id)", "'$(id)'"),
            ("$Env:HOME", "'$Env:HOME'"),
            ("`id`", "'`id`'"),
            ("!", "'!'"),
            ("%", "'%'"),
            ("a\nb", "'a' + \"`n\" + 'b'"),
            ("a\r\nb", "'a' + \"`r\" + '' + \"`n\" + 'b'"),
            ("\n", "'' + \"`n\" + ''"),
            ("a\tb", "'a\tb'"),
            ("ü€😀", "'ü€😀'"),
            (r"'\''", r"'''\'''''"),
            ("\u{2018}", "'\u{2018}\u{2018}'"),
            ("\u{2019}", "'\u{2019}\u{2019}'"),
            ("\u{201A}", "'\u{201A}\u{201A}'"),
            ("\u{201B}", "'\u{201B}\u{201B}'"),
            (
                "x\u{2019}; rm -r ~; \u{2018}",
                "'x\u{2019}\u{2019}; rm -r ~; \u{2018}\u{2018}'",
            ),
            ("\u{201C}\u{201D}\u{201E}", "'\u{201C}\u{201D}\u{201E}'"),
            ("a\0b", "'ab'"),
        ];
        for (input, want) in table {
            assert_eq!(quote(input), *want, "quoting {input:?}");
        }
    }

    #[test]
    fn lines() {
        assert_eq!(
            set_var("AWS_REGION", "eu-west-1"),
            "$Env:AWS_REGION = 'eu-west-1'\n"
        );
        assert_eq!(
            unset_var("AWS_PROFILE"),
            "Remove-Item -LiteralPath Env:AWS_PROFILE -ErrorAction SilentlyContinue\n"
        );
    }

    /// A model of how PowerShell reads the right-hand side awsmfa writes: single-quoted strings
    /// (as in the tokenizer's `ScanStringLiteral`: after the opening quote, a quote-like
    /// character followed by another one is one literal character, the second; a lone one ends
    /// the string) joined by ` + ` with the two double-quoted escapes "`n" and "`r". Returns
    /// the value and what follows the expression, or `None` if the text is not of that shape.
    fn ps_eval(text: &str) -> Option<(String, &str)> {
        let mut value = String::new();
        let mut rest = text;
        loop {
            if let Some(after) = rest.strip_prefix("\"`n\"") {
                value.push('\n');
                rest = after;
            } else if let Some(after) = rest.strip_prefix("\"`r\"") {
                value.push('\r');
                rest = after;
            } else {
                let mut chars = rest.char_indices();
                let (_, open) = chars.next()?;
                if !is_single_quote(open) {
                    return None;
                }
                let mut end = None;
                while let Some((i, c)) = chars.next() {
                    if is_single_quote(c) {
                        match chars.clone().next() {
                            Some((_, next)) if is_single_quote(next) => {
                                chars.next();
                                value.push(next);
                            }
                            _ => {
                                end = Some(i + c.len_utf8());
                                break;
                            }
                        }
                    } else {
                        value.push(c);
                    }
                }
                rest = &rest[end?..];
            }
            match rest.strip_prefix(" + ") {
                Some(after) => rest = after,
                None => return Some((value, rest)),
            }
        }
    }

    fn check_line(value: &str) {
        let line = set_var("AWS_SESSION_TOKEN", value);
        let body = line.strip_suffix('\n').expect("line ends with a newline");
        assert!(!body.contains(['\n', '\r']), "one physical line: {line:?}");
        let rhs = body
            .strip_prefix("$Env:AWS_SESSION_TOKEN = ")
            .expect("assignment prefix");
        let (decoded, rest) = ps_eval(rhs).unwrap_or_else(|| panic!("unterminated: {line:?}"));
        assert_eq!(
            rest, "",
            "the expression must end at the end of the line: {line:?}"
        );
        assert_eq!(decoded, value, "round trip of {line:?}");
    }

    #[test]
    fn model_rejects_what_powershell_rejects() {
        // Sanity checks of the model itself: a lone quote-like character ends the string early.
        assert_eq!(ps_eval("'a'b'"), Some(("a".to_string(), "b'")));
        assert_eq!(ps_eval("'a\u{2019}b'"), Some(("a".to_string(), "b'")));
        assert_eq!(ps_eval("'a\u{2019}'b'"), Some(("a'b".to_string(), "")));
        assert_eq!(ps_eval("'abc"), None);
        // The naive quoter (ASCII `'` only) is caught by the model.
        let naive = format!("'{}'", "x\u{2019}; evil; \u{2018}".replace('\'', "''"));
        assert_ne!(ps_eval(&naive).map(|(_, rest)| rest), Some(""));
    }

    #[test]
    fn table_round_trips_in_the_model() {
        for v in [
            "",
            "'",
            "\"",
            "\\",
            "trailing\\",
            "$(id)",
            "`id`",
            "!",
            "%",
            "a\nb",
            "\r\n",
            "\n\n",
            "a\tb",
            "ü€😀",
            "'\\''",
            "\u{2018}\u{2019}\u{201A}\u{201B}",
            "\u{2019}'",
            "''''",
            "' + \"`n\" + '",
        ] {
            check_line(v);
        }
    }

    fn hostile_char() -> impl Strategy<Value = char> {
        prop_oneof![
            4 => proptest::sample::select(vec![
                '\'', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}', '"', '\u{201C}', '\u{201D}',
                '\u{201E}', '`', '$', '(', ')', '{', '}', '+', ' ', '\n', '\r', '\\', ';', '&',
                '|', '#', '@', '<', '>',
            ]),
            1 => any::<char>().prop_filter("no NUL", |c| *c != '\0'),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn random_values_round_trip_in_the_model(
            chars in proptest::collection::vec(hostile_char(), 0..40)
        ) {
            let value: String = chars.into_iter().collect();
            check_line(&value);
        }
    }
}

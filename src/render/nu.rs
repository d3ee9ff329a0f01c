//! nushell: `env --shell nu` prints one NUON record, `{AWS_ACCESS_KEY_ID: "...", AWS_PROFILE:
//! null}`, for `awsmfa env PROFILE --shell nu | from nuon | load-env`.
//!
//! A variable to unset is `null` in the record: `load-env` gives it the value nothing, which
//! nushell does not pass on to external commands, so `aws` and the SDKs see it unset. The
//! `awsmfa use` / `clear` commands from `awsmfa init nu` go one step further and remove those
//! with `hide-env`, so `$env` does not keep an empty entry.
//!
//! Strings are double-quoted, where nushell (and `from nuon`) read exactly two escapes that
//! matter here, `\"` and `\\`; every other character is literal except the control characters,
//! written `\u{HEX}` so that the record stays on one line and no terminal control byte is ever
//! printed raw. `$(...)`, backticks, `'` and `#` mean nothing inside these quotes (`$"..."` is
//! the interpolating form, not used). NUON's raw strings `r#'...'#` are not used: `from nuon`
//! in nushell 0.115 does not read them.

use super::posix::is_var_name;

/// `value` as one double-quoted nushell string that evaluates to exactly `value` (less NUL).
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            // An environment variable cannot hold NUL.
            '\0' => {}
            // The two characters a double-quoted string gives a meaning to.
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            // Newline, CR, tab, ESC, DEL, C1: as escapes, one line and nothing raw on a terminal.
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            // `$`, `(`, backticks, `'`, `#`, `;`, non-ASCII: literal.
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The record `{NAME: "value", OTHER: null}` and a newline: `Some` sets, `None` unsets.
pub fn record(vars: &[(&str, Option<&str>)]) -> String {
    let fields: Vec<String> = vars
        .iter()
        .map(|(name, value)| {
            debug_assert!(is_var_name(name), "not a variable name: {name:?}");
            match value {
                Some(v) => format!("{name}: {}", quote(v)),
                None => format!("{name}: null"),
            }
        })
        .collect();
    format!("{{{}}}\n", fields.join(", "))
}

/// `$env.NAME = "value"` (nushell code, for `source`) and a newline.
pub fn set_var(name: &str, value: &str) -> String {
    debug_assert!(is_var_name(name), "not a variable name: {name:?}");
    format!("$env.{name} = {}\n", quote(value))
}

/// `hide-env -i NAME` (`-i`: no error when it is not set) and a newline.
pub fn unset_var(name: &str) -> String {
    debug_assert!(is_var_name(name), "not a variable name: {name:?}");
    format!("hide-env -i {name}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_table() {
        let table: &[(&str, &str)] = &[
            ("", r#""""#),
            ("plain", r#""plain""#),
            ("'", r#""'""#),
            ("\"", r#""\"""#),
            ("trailing\\", r#""trailing\\""#),
            ("$(id)", r#""$(id)""#),
            ("`id`", r#""`id`""#),
            ("!", r#""!""#),
            ("%", r#""%""#),
            ("a\nb", r#""a\u{a}b""#),
            ("a\tb", r#""a\u{9}b""#),
            ("\x1b[31m", r#""\u{1b}[31m""#),
            ("ü€😀", r#""ü€😀""#),
            ("a\0b", r#""ab""#),
        ];
        for (input, want) in table {
            assert_eq!(quote(input), *want, "quoting {input:?}");
        }
    }

    #[test]
    fn a_record_on_one_line_with_null_for_unset() {
        assert_eq!(
            record(&[("AWS_REGION", Some("eu-west-1\n")), ("AWS_PROFILE", None)]),
            "{AWS_REGION: \"eu-west-1\\u{a}\", AWS_PROFILE: null}\n"
        );
        assert_eq!(record(&[]), "{}\n");
    }
}

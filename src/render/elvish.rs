//! elvish lines: `set-env NAME 'value'` and `unset-env NAME`, for
//! `eval (awsmfa env PROFILE --shell elvish | slurp)`.
//!
//! An elvish single-quoted string has exactly one rule: `''` is a quote. Everything else,
//! `\`, `$`, `(`, backticks, newlines, is literal, so a value is one string even when it spans
//! lines (the reason the output is read with `slurp`, not line by line).

use super::posix::is_var_name;

/// `value` as one single-quoted elvish string that evaluates to exactly `value` (less NUL).
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        match c {
            // An environment variable cannot hold NUL.
            '\0' => {}
            // The only character with a meaning inside elvish single quotes.
            '\'' => out.push_str("''"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// `set-env NAME 'value'` and a newline.
pub fn set_var(name: &str, value: &str) -> String {
    debug_assert!(is_var_name(name), "not a variable name: {name:?}");
    format!("set-env {name} {}\n", quote(value))
}

/// `unset-env NAME` and a newline (elvish 0.19: no error when it is not set).
pub fn unset_var(name: &str) -> String {
    debug_assert!(is_var_name(name), "not a variable name: {name:?}");
    format!("unset-env {name}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_table() {
        let table: &[(&str, &str)] = &[
            ("", "''"),
            ("plain", "'plain'"),
            ("'", "''''"),
            ("\"", "'\"'"),
            ("trailing\\", "'trailing\\'"),
            ("$(id)", "'$(id)'"),
            ("`id`", "'`id`'"),
            ("!", "'!'"),
            ("%", "'%'"),
            ("a\nb", "'a\nb'"),
            ("a\tb", "'a\tb'"),
            ("ü€😀", "'ü€😀'"),
            ("a\0b", "'ab'"),
        ];
        for (input, want) in table {
            assert_eq!(quote(input), *want, "quoting {input:?}");
        }
    }

    #[test]
    fn lines() {
        assert_eq!(set_var("A", "x'y"), "set-env A 'x''y'\n");
        assert_eq!(unset_var("A"), "unset-env A\n");
    }
}

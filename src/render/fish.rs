//! fish shell lines: `set -gx NAME 'value'` and `set -e NAME; or true`.
//!
//! fish single quotes differ from POSIX ones: inside them `\\` is one backslash and `\'` is one
//! quote (every other backslash is literal). So a backslash must be doubled, or a value ending
//! in `\` would turn the closing quote into `\'` and the string would run on into the next line.
//! Newline and carriage return are written *outside* the quotes as the fish escapes `\n` and
//! `\r` (adjacent quoted and unquoted parts join into one word), so every line awsmfa prints is
//! one physical line. The output is meant for `awsmfa env | source`; fish's `eval (cmd)` joins
//! the lines of `cmd` with spaces and cannot run more than one command line.

use super::posix::is_var_name;

/// `value` as one fish word that evaluates to exactly `value` (less any NUL characters).
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        match c {
            // An environment variable cannot hold NUL, and fish stops reading its input at one.
            '\0' => {}
            // `\` must be doubled: `\\` is fish's only way to write a backslash that cannot
            // combine with a following `'` (or a following `\`) into an escape.
            '\\' => out.push_str("\\\\"),
            // `\'` is a literal quote inside fish single quotes (unlike POSIX, no `'\''` dance).
            '\'' => out.push_str("\\'"),
            // Close the quotes, write the escape unquoted, reopen: keeps the output on one line.
            '\n' => out.push_str("'\\n'"),
            '\r' => out.push_str("'\\r'"),
            // `$`, `(`, `*`, `~`, `{`, `#`, `;`, tabs and all other characters are literal.
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// `set -gx NAME 'value'` and a newline. `set` stops parsing options at the variable name, so
/// a value starting with `-` is a value, not an option.
pub fn set_var(name: &str, value: &str) -> String {
    debug_assert!(is_var_name(name), "not a shell variable name: {name:?}");
    format!("set -gx {name} {}\n", quote(value))
}

/// `set -e NAME; or true` and a newline. fish 3.6's `set -e` prints nothing for a variable that
/// does not exist but returns status 4, which would become the status of `awsmfa clear | source`
/// when it is the last line; `or true` makes it 0. Note: without a scope flag `set -e` removes
/// the innermost variable of that name, which can be a *universal* one (`set -Ux`), and erasing
/// a universal variable is persistent across all fish sessions.
pub fn unset_var(name: &str) -> String {
    debug_assert!(is_var_name(name), "not a shell variable name: {name:?}");
    format!("set -e {name}; or true\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_table() {
        let table: &[(&str, &str)] = &[
            ("", "''"),
            ("plain", "'plain'"),
            ("'", r"'\''"),
            ("\"", "'\"'"),
            ("trailing\\", r"'trailing\\'"),
            ("\\", r"'\\'"),
            ("$(id)", "'$(id)'"),
            ("`id`", "'`id`'"),
            ("!", "'!'"),
            ("%", "'%'"),
            ("a\nb", r"'a'\n'b'"),
            ("a\r\nb", r"'a'\r''\n'b'"),
            ("a\tb", "'a\tb'"),
            ("ü€😀", "'ü€😀'"),
            (r"'\''", r"'\'\\\'\''"),
            (r"\'", r"'\\\''"),
            ("-e", "'-e'"),
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
            "set -gx AWS_REGION 'eu-west-1'\n"
        );
        assert_eq!(unset_var("AWS_PROFILE"), "set -e AWS_PROFILE; or true\n");
        // One physical line, whatever the value.
        assert_eq!(set_var("A", "x\ny\rz").lines().count(), 1);
    }
}

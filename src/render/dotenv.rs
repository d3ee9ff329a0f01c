//! dotenv lines: `NAME="value"` in the double-quoted form that python-dotenv and docker compose
//! read.
//!
//! Inside double quotes `\`, `"`, `$` and backticks are written with a backslash in front, a
//! newline as `\n` and a carriage return as `\r`, so every line is one physical line and no
//! parser sees a quote that ends the value early or a `$` to interpolate.

use super::posix::is_var_name;

/// `value` as a double-quoted dotenv value (less any NUL characters).
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            // An environment variable cannot hold NUL, and parsers disagree on it: leave it out.
            '\0' => {}
            // The escape character itself, and the quote that would end the value.
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            // `$` starts an interpolation (`${VAR}`, `$VAR`) in docker compose; `\$` is literal.
            '$' => out.push_str("\\$"),
            // A backtick is command substitution if the file is ever sourced by a shell.
            '`' => out.push_str("\\`"),
            // Line breaks as escapes: a dotenv value must stay on its line.
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `NAME="value"` and a newline.
pub fn set_var(name: &str, value: &str) -> String {
    debug_assert!(is_var_name(name), "not a variable name: {name:?}");
    format!("{name}={}\n", quote(value))
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
            ("$(id)", r#""\$(id)""#),
            ("${HOME}", r#""\${HOME}""#),
            ("`id`", r#""\`id\`""#),
            ("!", r#""!""#),
            ("%", r#""%""#),
            ("a\nb", r#""a\nb""#),
            ("a\r\nb", r#""a\r\nb""#),
            ("a\tb", "\"a\tb\""),
            ("ü€😀", r#""ü€😀""#),
            (r"'\''", r#""'\\''""#),
            ("# not a comment", r##""# not a comment""##),
            ("a\0b", r#""ab""#),
        ];
        for (input, want) in table {
            assert_eq!(quote(input), *want, "quoting {input:?}");
        }
    }

    #[test]
    fn lines() {
        assert_eq!(
            set_var("AWS_SESSION_TOKEN", "a\"b\nc"),
            "AWS_SESSION_TOKEN=\"a\\\"b\\nc\"\n"
        );
        assert_eq!(set_var("A", "x\ny\rz").lines().count(), 1);
    }
}

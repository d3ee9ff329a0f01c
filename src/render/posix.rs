//! POSIX shell lines (bash, zsh, dash and other `sh`): `export NAME='value'` and `unset -v NAME`.
//!
//! Inside single quotes a POSIX shell expands nothing at all: no `$`, no backticks, no
//! backslash escapes, no `!` history (that only applies to interactive input, and `eval` of a
//! command substitution is not history-expanded anyway). The only character that cannot appear
//! is `'` itself, so each one is written as `'\''`: close the quoted string, an escaped literal
//! quote, open a new quoted string. Newlines and every other byte are literal inside quotes.
//! The output is meant for `eval "$(awsmfa env)"` (quoted: an unquoted `$(...)` would be
//! word-split and globbed before `eval` sees it).

/// Whether `name` is a portable shell variable name (`[A-Za-z_][A-Za-z0-9_]*`). Every renderer
/// writes names unquoted, so they must be plain identifiers; awsmfa only passes constants.
pub(crate) fn is_var_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

/// `value` as one single-quoted POSIX shell word that evaluates to exactly `value` (less any
/// NUL characters).
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        if c == '\0' {
            // An environment variable cannot hold NUL, and shells disagree on what a NUL in
            // their input means (bash drops it, dash and zsh stop reading): leave it out.
            continue;
        }
        if c == '\'' {
            // A single-quoted string cannot contain `'` and has no escapes, so end the string,
            // add a backslash-escaped quote outside of it, and start a new string.
            out.push_str("'\\''");
        } else {
            // Everything else, `\`, `$`, backticks, newlines and all, is literal in `'...'`.
            out.push(c);
        }
    }
    out.push('\'');
    out
}

/// `word` as it should appear in a command awsmfa suggests in a message (`eval "$(awsmfa env
/// dev-admin)"`): unchanged when every character is one a POSIX shell (and fish and
/// PowerShell) reads literally in an unquoted word, else [`quote`]d. A profile named
/// `x$(touch pwned)` must be suggested as `'x$(touch pwned)'`, or pasting the suggestion runs
/// the command. Every message that names a profile in a command line goes through here.
pub fn shell_word(word: &str) -> std::borrow::Cow<'_, str> {
    // Letters, digits and `_ . / : , + = @ % -` are literal everywhere awsmfa's users paste
    // (`-` only after the first character: a leading one would read as an option; `%` is not
    // special in a command line, only in prompts).
    let literal = |c: char| c.is_ascii_alphanumeric() || "_./:,+=@%-".contains(c);
    if !word.is_empty() && !word.starts_with('-') && word.chars().all(literal) {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(quote(word))
    }
}

/// `export NAME='value'` and a newline.
pub fn set_var(name: &str, value: &str) -> String {
    debug_assert!(is_var_name(name), "not a shell variable name: {name:?}");
    format!("export {name}={}\n", quote(value))
}

/// `unset -v NAME` and a newline: silent and successful when `NAME` is not set. The `-v` matters
/// in bash, where a plain `unset NAME` falls back to deleting a *function* called `NAME` when
/// no such variable exists; `-v` is POSIX and accepted by bash, zsh, dash, ksh and busybox.
pub fn unset_var(name: &str) -> String {
    debug_assert!(is_var_name(name), "not a shell variable name: {name:?}");
    format!("unset -v {name}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_table() {
        let table: &[(&str, &str)] = &[
            ("", "''"),
            ("plain", "'plain'"),
            ("'", r"''\'''"),
            ("\"", "'\"'"),
            ("trailing\\", r"'trailing\'"),
            ("$(id)", "'$(id)'"),
            ("`id`", "'`id`'"),
            ("!", "'!'"),
            ("%", "'%'"),
            ("a\nb", "'a\nb'"),
            ("a\tb", "'a\tb'"),
            ("ü€😀", "'ü€😀'"),
            (r"'\''", r"''\''\'\'''\'''"),
            ("it's", r"'it'\''s'"),
            ("a\0b", "'ab'"),
        ];
        for (input, want) in table {
            assert_eq!(quote(input), *want, "quoting {input:?}");
        }
    }

    #[test]
    fn shell_word_table() {
        let table: &[(&str, &str)] = &[
            ("dev-admin", "dev-admin"),
            ("team.prod_1@corp", "team.prod_1@corp"),
            ("a/b:c,d+e=f%g", "a/b:c,d+e=f%g"),
            ("", "''"),
            ("-x", "'-x'"),
            ("my profile", "'my profile'"),
            ("xq$(touch pwned)", "'xq$(touch pwned)'"),
            ("`id`", "'`id`'"),
            ("it's", r"'it'\''s'"),
            ("a;b", "'a;b'"),
            ("~root", "'~root'"),
            ("*", "'*'"),
            ("!", "'!'"),
            ("ü", "'ü'"),
            ("a\nb", "'a\nb'"),
        ];
        for (input, want) in table {
            assert_eq!(shell_word(input), *want, "quoting {input:?}");
        }
    }

    #[test]
    fn lines() {
        assert_eq!(
            set_var("AWS_SECRET_ACCESS_KEY", "a'b"),
            "export AWS_SECRET_ACCESS_KEY='a'\\''b'\n"
        );
        assert_eq!(unset_var("AWS_PROFILE"), "unset -v AWS_PROFILE\n");
    }

    #[test]
    fn var_names() {
        assert!(is_var_name("AWS_PROFILE"));
        assert!(is_var_name("_x1"));
        assert!(!is_var_name(""));
        assert!(!is_var_name("1A"));
        assert!(!is_var_name("A-B"));
        assert!(!is_var_name("A B"));
    }
}

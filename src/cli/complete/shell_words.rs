//! The words a shell's completion passes to `awsmfa __complete`, as the parser will read them:
//! the word under the cursor without its quotes, and nushell's whole line split into words.

use crate::render::ShellKind;

/// The word under the cursor as the shell will read it once complete: quotes and backslash
/// escapes removed (for the POSIX shells and fish; elvish and nushell pass parsed words).
pub fn unquote(shell: ShellKind, word: &str) -> String {
    if matches!(
        shell,
        ShellKind::Elvish | ShellKind::Nu | ShellKind::PowerShell
    ) {
        return word.trim_start_matches(['\'', '"']).to_string();
    }
    let mut out = String::with_capacity(word.len());
    let mut quote: Option<char> = None;
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            // Inside single quotes a backslash is literal (fish: except before `'` or `\`).
            (Some('\''), '\\') if shell == ShellKind::Fish => {
                if let Some(n) = chars.next() {
                    if n != '\'' && n != '\\' {
                        out.push('\\');
                    }
                    out.push(n);
                }
            }
            (Some('\''), c) => out.push(c),
            (_, '\\') => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            (_, c) => out.push(c),
        }
    }
    out
}

/// nushell's completer gets the command line up to the cursor as one string: its words, quotes
/// (`'..'`, `"..."`, `` `..` ``) removed, without the command name; an empty last word when the
/// line ends in a space.
pub fn split_nu_line(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"' | '`') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word || line.ends_with(char::is_whitespace) || line.is_empty() {
        words.push(word);
    }
    words.into_iter().skip(1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nushell_line_in_words() {
        assert_eq!(split_nu_line("awsmfa env "), ["env", ""]);
        assert_eq!(split_nu_line("awsmfa env 'a b"), ["env", "a b"]);
        assert_eq!(split_nu_line("awsmfa  use `x y` d"), ["use", "x y", "d"]);
    }

    #[test]
    fn unquoting_the_word_under_the_cursor() {
        assert_eq!(unquote(ShellKind::Bash, r"a\ b"), "a b");
        assert_eq!(unquote(ShellKind::Bash, r"'a\b"), r"a\b");
        assert_eq!(unquote(ShellKind::Zsh, r#""a b"#), "a b");
        assert_eq!(unquote(ShellKind::Fish, r"'a\'b"), "a'b");
        assert_eq!(unquote(ShellKind::Fish, r"'a\b"), r"a\b");
    }
}

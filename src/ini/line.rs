//! botocore's INI line model, the one place that decides what a line of `~/.aws/config` or
//! `~/.aws/credentials` is. botocore reads both files with Python's `RawConfigParser` in its
//! default configuration (Python 3.11 `configparser`), and so does every rule here:
//!
//! - Lines end at `\n`, `\r\n` or a lone `\r` (Python's universal newlines).
//! - A line whose stripped text starts with `#` or `;` is a comment, indented or not. There are
//!   no inline comments: `k = v # x` is the value `v # x`.
//! - A line indented deeper than the key line above it continues that key's value (blank lines
//!   and comments in between do not end the value), whatever it looks like: an indented
//!   `[work]` after a key is part of a value, not a section.
//! - Otherwise a line whose stripped text is `[`, at least one character, `]` (the last `]` on
//!   the line, anything may follow it) is a section header; the name is taken as written,
//!   spaces included.
//! - Otherwise it is `key = value` (or `key : value`), split at the first `=` or `:`; the key is
//!   lower-cased. A line before the first header, an empty key or a line without a separator
//!   makes the whole file unreadable for botocore.
//! - A key whose own value is empty and that has continuation lines is a nested block
//!   (`s3 =` then `  max_concurrent_requests = 10`): botocore requires `=` on every line of it.
//!
//! "Whitespace" is Python's `str.isspace`: Rust's `char::is_whitespace` plus `\x1c`..`\x1f`.

use std::ops::Range;

/// Python's `str.isspace` (what `str.strip` and the regex `\s` use).
pub fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Python's `str.strip()`.
pub fn py_strip(s: &str) -> &str {
    s.trim_matches(is_py_space)
}

/// Python's `str.rstrip()`.
pub fn py_rstrip(s: &str) -> &str {
    s.trim_end_matches(is_py_space)
}

/// One physical line: its bytes in the text (ending included), its content and its ending.
#[derive(Debug, Clone, Copy)]
pub struct RawLine<'a> {
    pub start: usize,
    pub content: &'a str,
    /// `\n`, `\r\n`, `\r`, or empty for a last line without one.
    pub ending: &'a str,
}

impl RawLine<'_> {
    pub fn range(&self) -> Range<usize> {
        self.start..self.start + self.content.len() + self.ending.len()
    }
}

/// The lines of `text[start..end]`, split as Python's universal newlines split them.
pub fn raw_lines(text: &str, start: usize, end: usize) -> impl Iterator<Item = RawLine<'_>> {
    let mut offset = start;
    std::iter::from_fn(move || {
        if offset >= end {
            return None;
        }
        let rest = &text[offset..end];
        let bytes = rest.as_bytes();
        let (len, ending_len) = match bytes.iter().position(|&b| b == b'\n' || b == b'\r') {
            None => (rest.len(), 0),
            Some(i) if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') => (i, 2),
            Some(i) => (i, 1),
        };
        let line = RawLine {
            start: offset,
            content: &rest[..len],
            ending: &rest[len..len + ending_len],
        };
        offset += len + ending_len;
        Some(line)
    })
}

/// The line ending a file uses, from its first line: `\r\n`, `\r` or `\n` (also for a file
/// with a single line).
pub fn newline_of(text: &str) -> &'static str {
    match raw_lines(text, 0, text.len()).next().map(|l| l.ending) {
        Some("\r\n") => "\r\n",
        Some("\r") => "\r",
        _ => "\n",
    }
}

/// What botocore makes of one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind<'a> {
    Blank,
    Comment,
    /// `[name]`: the name between the `[` and the last `]`, as written.
    Header(&'a str),
    /// `key = value`: key as written (not yet lower-cased), value stripped.
    Key(&'a str, &'a str),
    /// A line that continues the value of the key above it (stripped).
    Continuation(&'a str),
    /// A line botocore refuses (it then refuses the whole file).
    Invalid(Problem),
}

/// Why botocore refuses a line. Messages name no text of the line: it may be a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Something other than a comment before the first section header.
    BeforeFirstSection,
    /// A `[` line that is not a header (no `]` after a name) and not `key = value` either.
    NotAHeader,
    /// `= value`: nothing before the separator.
    EmptyKey,
    /// No `=` or `:` on a line that is neither a header, a comment nor a continuation.
    NoSeparator,
    /// A line of a nested block (`s3 =` then indented lines) without `=`.
    NestedWithoutEquals,
}

impl Problem {
    pub fn message(self, section: &str, key: &str) -> String {
        match self {
            Problem::BeforeFirstSection => {
                "a line before the first [section]: only comments may come first".into()
            }
            Problem::NotAHeader => format!(
                "a line starting with '[' in [{section}] is neither a section header (no closing ']' after a name) nor 'key = value'"
            ),
            Problem::EmptyKey => format!("a line in [{section}] has no key before its '=' or ':'"),
            Problem::NoSeparator => format!(
                "expected 'key = value' in [{section}] (indent a line deeper than the key above to continue its value)"
            ),
            Problem::NestedWithoutEquals => format!(
                "expected 'name = value' in the indented block under '{key}' in [{section}] (a key with an empty value starts a nested block)"
            ),
        }
    }
}

/// The name of a header line (stripped text): between `[` and the last `]`, at least one char.
pub fn header_name(stripped: &str) -> Option<&str> {
    let rest = stripped.strip_prefix('[')?;
    let close = rest.rfind(']')?;
    (close > 0).then(|| &rest[..close])
}

/// The state `RawConfigParser._read` carries from line to line.
#[derive(Debug, Clone, Default)]
pub struct Lexer {
    in_section: bool,
    /// A key is open: indented lines continue it (`optname` is set and not empty).
    key_open: bool,
    /// Indentation (in characters) of the last header or key line.
    indent_level: usize,
    /// The open key's own value was empty: its continuation lines form a nested block.
    nested: bool,
}

impl Lexer {
    /// A lexer inside a section already (for a file of keys without a header).
    pub fn in_section() -> Lexer {
        Lexer {
            in_section: true,
            ..Lexer::default()
        }
    }

    /// Whether a key is open (a blank line now becomes part of its value).
    pub fn key_open(&self) -> bool {
        self.key_open
    }

    /// Classify the next line (`content` without its ending) and advance.
    pub fn line<'a>(&mut self, content: &'a str) -> Kind<'a> {
        let stripped = py_strip(content);
        if stripped.starts_with(['#', ';']) {
            return Kind::Comment;
        }
        if stripped.is_empty() {
            return Kind::Blank;
        }
        let indent = indent_of(content);
        if self.in_section && self.key_open && indent > self.indent_level {
            if self.nested && !nested_line_ok(stripped) {
                return Kind::Invalid(Problem::NestedWithoutEquals);
            }
            return Kind::Continuation(stripped);
        }
        self.indent_level = indent;
        if let Some(name) = header_name(stripped) {
            self.in_section = true;
            self.key_open = false;
            return Kind::Header(name);
        }
        if !self.in_section {
            return Kind::Invalid(Problem::BeforeFirstSection);
        }
        let Some(sep) = stripped.find(['=', ':']) else {
            // configparser keeps the previous key open after a line it rejects.
            return Kind::Invalid(if stripped.starts_with('[') {
                Problem::NotAHeader
            } else {
                Problem::NoSeparator
            });
        };
        let key = py_rstrip(&stripped[..sep]);
        if key.is_empty() {
            self.key_open = false;
            return Kind::Invalid(Problem::EmptyKey);
        }
        let value = py_strip(&stripped[sep + 1..]);
        self.key_open = true;
        self.nested = value.is_empty();
        Kind::Key(key, value)
    }
}

/// Leading whitespace in characters, as Python's `\S` search counts it.
fn indent_of(content: &str) -> usize {
    let mut n = 0;
    for c in content.chars() {
        if !is_py_space(c) {
            break;
        }
        n += 1;
    }
    n
}

/// Python's `str.splitlines` separators (botocore splits nested blocks with it).
fn is_py_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// botocore's `_parse_nested` accepts a line when every non-blank piece of it contains `=`.
fn nested_line_ok(stripped: &str) -> bool {
    stripped
        .split(is_py_line_break)
        .map(py_strip)
        .all(|piece| piece.is_empty() || piece.contains('='))
}

/// A nested value (`"\nname = value\n..."`, as botocore joins it) as botocore's `_parse_nested`
/// reads it: `None` when the value is not nested.
pub fn nested(value: &str) -> Option<Vec<(&str, &str)>> {
    let rest = value.strip_prefix('\n')?;
    Some(
        rest.split(is_py_line_break)
            .map(py_strip)
            .filter(|l| !l.is_empty())
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (py_strip(k), py_strip(v)))
            .collect(),
    )
}

/// Python's `shlex.split(s)` (POSIX mode, no comments), which botocore applies to config-file
/// headers: `profile 'my profile'` is `["profile", "my profile"]`. `None` where shlex raises
/// (an unclosed quote, a trailing backslash).
pub fn shlex_split(s: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\r' | '\n' => words.extend(word.take()),
            '\\' => word.get_or_insert_default().push(chars.next()?),
            '\'' => {
                let w = word.get_or_insert_default();
                loop {
                    match chars.next()? {
                        '\'' => break,
                        c => w.push(c),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_default();
                loop {
                    match chars.next()? {
                        '"' => break,
                        '\\' => match chars.next()? {
                            c @ ('"' | '\\') => w.push(c),
                            c => {
                                w.push('\\');
                                w.push(c);
                            }
                        },
                        c => w.push(c),
                    }
                }
            }
            c => word.get_or_insert_default().push(c),
        }
    }
    words.extend(word);
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Kind<'_>> {
        let mut lexer = Lexer::default();
        raw_lines(text, 0, text.len())
            .map(|l| lexer.line(l.content))
            .collect()
    }

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let text = "a\rb\r\nc\n\r\rd";
        let lines: Vec<(&str, &str)> = raw_lines(text, 0, text.len())
            .map(|l| (l.content, l.ending))
            .collect();
        assert_eq!(
            lines,
            [
                ("a", "\r"),
                ("b", "\r\n"),
                ("c", "\n"),
                ("", "\r"),
                ("", "\r"),
                ("d", "")
            ]
        );
        assert_eq!(newline_of("[a]\rk=v\r"), "\r");
        assert_eq!(newline_of("[a]\r\n"), "\r\n");
        assert_eq!(newline_of("[a]"), "\n");
    }

    #[test]
    fn an_indented_header_after_a_key_continues_the_value() {
        use Kind::*;
        assert_eq!(
            kinds("[t]\nk = v\n  [work]\n\n  # c\n    x\n[n] # note\n  [m]\n"),
            [
                Header("t"),
                Key("k", "v"),
                Continuation("[work]"),
                Blank,
                Comment,
                Continuation("x"),
                Header("n"),
                Header("m"),
            ]
        );
    }

    #[test]
    fn headers_keep_their_spaces_and_end_at_the_last_bracket() {
        assert_eq!(header_name("[T ]"), Some("T "));
        assert_eq!(header_name("[a]b] ; x"), Some("a]b"));
        assert_eq!(header_name("[]"), None);
        assert_eq!(header_name("[]]"), Some("]"));
        assert_eq!(header_name("[b"), None);
    }

    #[test]
    fn keys_separators_and_refused_lines() {
        use Kind::*;
        use Problem::*;
        assert_eq!(
            kinds("x\n[a]\nk : v = w\n= v\nrole_arn arn\n[b = c\n[]\n[c]\n  k2=v\n    y\n  z\n"),
            [
                Invalid(BeforeFirstSection),
                Header("a"),
                Key("k", "v = w"),
                Invalid(EmptyKey),
                Invalid(NoSeparator),
                Key("[b", "c"),
                Invalid(NotAHeader),
                Header("c"),
                Key("k2", "v"),
                Continuation("y"),
                Invalid(NoSeparator),
            ]
        );
    }

    #[test]
    fn nested_blocks_need_equals_on_every_line() {
        use Kind::*;
        assert_eq!(
            kinds("[a]\ns3 =\n  max = 1\n  oops\nk = v\n  free text\n"),
            [
                Header("a"),
                Key("s3", ""),
                Continuation("max = 1"),
                Invalid(Problem::NestedWithoutEquals),
                Key("k", "v"),
                Continuation("free text"),
            ]
        );
        assert_eq!(
            nested("\nmax = 1\n\na=b=c"),
            Some(vec![("max", "1"), ("a", "b=c")])
        );
        assert_eq!(nested("v\nx"), None);
    }

    #[test]
    fn python_whitespace_and_indent_in_characters() {
        assert_eq!(py_strip("\x1c a \u{3000}"), "a");
        let mut lexer = Lexer::default();
        lexer.line("[a]");
        assert_eq!(lexer.line("\u{3000}k = v"), Kind::Key("k", "v"));
        // Two spaces are two characters, deeper than one ideographic space (three bytes).
        assert_eq!(lexer.line("  x"), Kind::Continuation("x"));
    }

    #[test]
    fn shlex_matches_python() {
        let s = |t: &str| shlex_split(t).map(|v| v.join("|"));
        assert_eq!(
            s("profile 'my profile'").as_deref(),
            Some("profile|my profile")
        );
        assert_eq!(s("profile \"a\\\"b\"").as_deref(), Some("profile|a\"b"));
        assert_eq!(s("profile \"a\\b\"").as_deref(), Some("profile|a\\b"));
        assert_eq!(s("profile a\\ b").as_deref(), Some("profile|a b"));
        assert_eq!(s("profile ''").as_deref(), Some("profile|"));
        assert_eq!(s("profile  x#y\t").as_deref(), Some("profile|x#y"));
        assert_eq!(s("profile 'open"), None);
        assert_eq!(s("profile x\\"), None);
    }
}

//! The credentials file as the editor sees it, through botocore's line model
//! ([`crate::ini::line`]): which section an edit targets, what it holds, the lines of its
//! extent, and the check that an edited text reads back in botocore as intended.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use super::{MANAGED_KEY, Refusal};
use crate::error::Error;
use crate::ini::line::{Kind as LineKind, Lexer, is_py_space, raw_lines};
use crate::ini::{DEFAULT_SECTION, Entry, IniFile, Section};

/// Index `text` and check every line as botocore does, so an edit never starts on a file the
/// AWS CLI cannot read (and every result parses). A repeated header is `Refusal::Duplicate`.
pub(super) fn parse(text: &str) -> Result<IniFile, Refusal> {
    parse_visiting(text, |_, _| {})
}

/// `parse`, handing every section's entries to `visit` as they are checked.
pub(super) fn parse_visiting(
    text: &str,
    mut visit: impl FnMut(&Section, Vec<Entry>),
) -> Result<IniFile, Refusal> {
    let ini = IniFile::parse(Path::new(""), text.to_string()).map_err(malformed)?;
    for section in &ini.sections {
        visit(section, ini.entries(section).map_err(malformed)?);
    }
    let mut lines: HashMap<&str, Vec<usize>> = HashMap::new();
    for s in ini.sections.iter().filter(|s| s.header != DEFAULT_SECTION) {
        lines.entry(&s.header).or_default().push(s.line);
    }
    let repeated = |s: &&Section| lines.get(s.header.as_str()).is_some_and(|l| l.len() > 1);
    if let Some(s) = ini.sections.iter().find(repeated) {
        return Err(Refusal::Duplicate {
            name: s.header.clone(),
            lines: lines[s.header.as_str()].clone(),
        });
    }
    ini.defaults().map_err(malformed)?;
    Ok(ini)
}

pub(super) fn malformed(e: Error) -> Refusal {
    match e {
        Error::Config { line, message, .. } => Refusal::Malformed { line, message },
        other => Refusal::Malformed {
            line: 0,
            message: other.to_string(),
        },
    }
}

/// The section headed exactly `name` (headers are names as written, as botocore reads them).
pub(super) fn find_target<'a>(ini: &'a IniFile, name: &str) -> Option<&'a Section> {
    ini.sections.iter().find(|s| s.header == name)
}

pub(super) fn entries(ini: &IniFile, section: &Section) -> Result<Vec<Entry>, Refusal> {
    ini.entries(section).map_err(malformed)
}

/// What a target section holds, as far as the refusal rules care.
pub(super) struct Kind {
    key: bool,
    token: bool,
    pub managed: bool,
}

impl Kind {
    /// The section as botocore sees it: its own keys over those of `[DEFAULT]`.
    pub fn of(ini: &IniFile, section: &Section) -> Result<Kind, Refusal> {
        let own = entries(ini, section)?;
        let defaults = ini.defaults().map_err(malformed)?;
        // A section's own value hides the default; botocore treats an empty value as unset.
        let has = |key: &str| {
            own.iter()
                .chain(&defaults)
                .find(|e| e.key == key)
                .is_some_and(|e| !e.value.is_empty())
        };
        Ok(Kind {
            key: has("aws_access_key_id") || has("aws_secret_access_key"),
            token: has("aws_session_token") || has("aws_security_token"),
            managed: is_managed(&own),
        })
    }

    /// Keys without a session token are long-lived, whatever `awsmfa_managed` says: the marker
    /// is only text in a file, and a wrong one must never cost a user their keys.
    pub fn long_lived(&self) -> bool {
        self.key && !self.token
    }
}

pub(super) fn is_managed(entries: &[Entry]) -> bool {
    entries
        .iter()
        .any(|e| e.key == MANAGED_KEY && e.value.eq_ignore_ascii_case("true"))
}

/// One line of a section body.
pub(super) struct Line<'a> {
    /// Bytes of the line in the file, its ending included.
    pub range: Range<usize>,
    pub content: &'a str,
    /// `\n`, `\r\n`, `\r`, or empty for a last line without one.
    pub ending: &'a str,
    /// Its leading whitespace.
    pub indent: &'a str,
    /// A `key = value` line (not its continuation lines).
    pub is_key: bool,
    /// An owned key line or a continuation line of one.
    pub owned: bool,
}

fn indent_of(content: &str) -> &str {
    &content[..content.len() - content.trim_start_matches(is_py_space).len()]
}

/// The body lines of `section` up to its last key or continuation line, classified by the
/// line model; `owned` marks the lines of the keys in `keys` (continuations included).
pub(super) fn extent_lines<'a>(text: &'a str, section: &Section, keys: &[&str]) -> Vec<Line<'a>> {
    let mut lexer = Lexer::default();
    lexer.line(&text[section.header_range.clone()]);
    let mut lines = Vec::new();
    let mut last_key_line = 0;
    let mut owned_key = false;
    for raw in raw_lines(text, section.body.start, section.body.end) {
        let (is_key, significant) = match lexer.line(raw.content) {
            LineKind::Key(key, _) => {
                owned_key = keys.contains(&key.to_lowercase().as_str());
                (true, true)
            }
            LineKind::Continuation(_) => (false, true),
            // `parse` refused files with other lines; blank lines and comments stay put.
            _ => (false, false),
        };
        lines.push(Line {
            range: raw.range(),
            content: raw.content,
            ending: raw.ending,
            indent: indent_of(raw.content),
            is_key,
            owned: significant && owned_key,
        });
        if significant {
            last_key_line = lines.len();
        }
    }
    lines.truncate(last_key_line);
    lines
}

/// The indentation of the first line after `from` that is neither blank nor a comment (the
/// next header), or `""` at the end of the file.
pub(super) fn next_indent(text: &str, from: usize) -> &str {
    raw_lines(text, from, text.len())
        .map(|l| l.content)
        .find(|c| {
            let t = c.trim_matches(is_py_space);
            !t.is_empty() && !t.starts_with(['#', ';'])
        })
        .map_or("", indent_of)
}

/// The lines of `lines` that awsmfa does not own, as `join` takes them.
pub(super) fn kept_lines<'a>(lines: &'a [Line<'a>]) -> impl Iterator<Item = (String, &'a str)> {
    lines
        .iter()
        .filter(|l| !l.owned)
        .map(|l| (l.content.to_string(), l.ending))
}

/// Lines joined with their endings. A line without one gets `newline` unless it is last; the
/// last line ends with a newline only if the replaced bytes did (a missing final newline stays
/// missing), or if it is empty (without its ending, a blank line would vanish).
pub(super) fn join(lines: &[(String, &str)], ends_with_newline: bool, newline: &str) -> String {
    let mut out = String::new();
    for (i, (content, ending)) in lines.iter().enumerate() {
        push_lines(&mut out, content);
        let last = i + 1 == lines.len();
        if last && !ends_with_newline && !content.is_empty() {
            continue;
        }
        push_lines(&mut out, if ending.is_empty() { newline } else { ending });
    }
    out
}

/// Append `piece` (text that starts at a line start) to `out` (text that ends at a line end),
/// keeping the lines of both. Python reads a lone `\r` followed by `\n` as one line break, so
/// when an edit brings a line ending in `\r` next to a blank line ending in `\n` (the lines
/// between them removed), that `\r` becomes `\r\n`: otherwise the blank line would vanish.
pub(super) fn push_lines(out: &mut String, piece: &str) {
    if out.ends_with('\r') && piece.starts_with('\n') {
        out.push('\n');
    }
    out.push_str(piece);
}

/// `text` with `range` (whole lines) replaced by `replacement` (whole lines), see `push_lines`.
pub(super) fn splice(text: &str, range: Range<usize>, replacement: &str) -> String {
    let mut out = String::with_capacity(text.len() - range.len() + replacement.len() + 2);
    out.push_str(&text[..range.start]);
    push_lines(&mut out, replacement);
    push_lines(&mut out, &text[range.end..]);
    out
}

/// Whether `text` ends with a line break.
pub(super) fn ends_with_break(text: &str) -> bool {
    text.ends_with(['\n', '\r'])
}

/// Whether the last line of `text` (which ends with a line break) is blank.
pub(super) fn ends_with_blank_line(text: &str) -> bool {
    raw_lines(text, 0, text.len())
        .last()
        .is_none_or(|l| l.content.trim().is_empty())
}

/// The file as botocore reads it, as far as an edit can change it: every header in order, and
/// the keys (sorted) of the sections the edit touches. Every other section keeps its bytes and
/// starts at a header that is still a header, so it reads as before.
pub(super) type Model = Vec<(String, Option<Vec<(String, String)>>)>;

/// The sections an edit of `target` touches: it and the one before it (which lines after a
/// removed section could join).
pub(super) fn touched<'a>(ini: &'a IniFile, target: Option<&Section>) -> Vec<&'a str> {
    let at = target.map_or(ini.sections.len(), |t| {
        ini.sections
            .iter()
            .position(|s| s.header == t.header)
            .unwrap_or(0)
    });
    let from = at.saturating_sub(1);
    ini.sections[from..(at + 1).min(ini.sections.len())]
        .iter()
        .map(|s| s.header.as_str())
        .collect()
}

pub(super) fn model(ini: &IniFile, touched: &[&str]) -> Result<Model, Refusal> {
    ini.sections
        .iter()
        .map(|s| {
            if !touched.contains(&s.header.as_str()) {
                return Ok((s.header.clone(), None));
            }
            let mut keys: Vec<(String, String)> = entries(ini, s)?
                .into_iter()
                .map(|e| (e.key, e.value))
                .collect();
            keys.sort();
            Ok((s.header.clone(), Some(keys)))
        })
        .collect()
}

/// `new` if botocore reads it as `expected`; the refusal otherwise (the edit would change
/// another line's meaning, e.g. turn an indented line into a continuation).
pub(super) fn verified(
    new: String,
    expected: &Model,
    touched: &[&str],
    name: &str,
) -> Result<String, Refusal> {
    let unsafe_edit = || Refusal::Unsafe {
        name: name.to_string(),
    };
    let ini = IniFile::parse(Path::new(""), new).map_err(|_| unsafe_edit())?;
    match model(&ini, touched) {
        Ok(m) if m == *expected => Ok(ini.text),
        _ => Err(unsafe_edit()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credfile::OWNED_KEYS;
    use crate::ini::line::newline_of;

    #[test]
    fn newline_follows_the_first_line() {
        assert_eq!(newline_of(""), "\n");
        assert_eq!(newline_of("[a]"), "\n");
        assert_eq!(newline_of("[a]\r\nk=v\n"), "\r\n");
        assert_eq!(newline_of("[a]\nk=v\r\n"), "\n");
        assert_eq!(newline_of("[a]\rk=v\r"), "\r");
    }

    #[test]
    fn blank_last_line() {
        assert!(ends_with_blank_line("\n"));
        assert!(ends_with_blank_line("a\n \t\n"));
        assert!(ends_with_blank_line("a\r\n\r\n"));
        assert!(!ends_with_blank_line("a\n"));
        assert!(!ends_with_blank_line("a\r\n"));
        assert!(ends_with_blank_line("a\r\r"));
    }

    #[test]
    fn extent_stops_at_the_last_key_and_marks_owned_continuations() {
        let text = "[t]\n# c\nAWS_Session_Token : x\n  more\nregion=1\n  s=2\n\n# next\n";
        let ini = parse(text).unwrap();
        let lines = extent_lines(text, &ini.sections[0], &OWNED_KEYS);
        let shape: Vec<(&str, bool, bool)> = lines
            .iter()
            .map(|l| (l.content, l.is_key, l.owned))
            .collect();
        assert_eq!(
            shape,
            [
                ("# c", false, false),
                ("AWS_Session_Token : x", true, true),
                ("  more", false, true),
                ("region=1", true, false),
                ("  s=2", false, false),
            ]
        );
        assert_eq!(lines[4].range.end, text.find("\n\n").unwrap() + 1);
    }

    #[test]
    fn a_lone_cr_never_meets_a_newline_and_swallows_a_blank_line() {
        // `a\r` then an empty line ending `\n`: written as they are, `\r\n` would be one
        // break and the blank line gone.
        let lines = [
            ("a".to_string(), "\r"),
            (String::new(), "\n"),
            ("b".to_string(), ""),
        ];
        assert_eq!(join(&lines, false, "\r"), "a\r\n\nb");
        assert_eq!(splice("x\rk=v\r\ny", 2..7, ""), "x\ry");
        assert_eq!(splice("x\rk\n\ny", 2..4, ""), "x\r\n\ny");
        assert_eq!(splice("x\nk\n\ny", 2..4, ""), "x\n\ny");
    }

    #[test]
    fn join_keeps_or_drops_the_final_newline() {
        let lines = [("a".to_string(), ""), ("b".to_string(), "\r\n")];
        assert_eq!(join(&lines, true, "\n"), "a\nb\r\n");
        assert_eq!(join(&lines, false, "\n"), "a\nb");
        let blank_last = [("a".to_string(), "\n"), (String::new(), "\n")];
        assert_eq!(join(&blank_last, false, "\n"), "a\n\n");
    }

    #[test]
    fn a_lone_cr_before_a_blank_lf_line_becomes_crlf() {
        let lines = [("a".to_string(), "\r"), (String::new(), "\n")];
        assert_eq!(join(&lines, true, "\r"), "a\r\n\n");
        assert_eq!(splice("a\rb\n\nc", 2..4, ""), "a\r\n\nc");
        assert_eq!(splice("a\rb\nc", 2..4, "\n"), "a\r\n\nc");
        // Only a lone `\r` at the seam: other endings and other starts stay as they were.
        assert_eq!(splice("a\r\nb\n\nc", 3..5, ""), "a\r\n\nc");
        assert_eq!(splice("a\rb\nc", 2..4, ""), "a\rc");
        assert_eq!(splice("a\rb\r\rc", 2..4, ""), "a\r\rc");
    }
}

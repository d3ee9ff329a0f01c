//! The AWS config and credentials files indexed as botocore reads them (the line model is
//! [`super::line`]): section headers are found in one pass, a section's keys are parsed only
//! when it is asked for, and every section keeps its byte range so the credentials-file editor
//! can replace exactly it. [`IniFile::check`] reads every line, as botocore does before it
//! answers anything.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::line::{Kind, Lexer, Problem, header_name, py_rstrip, py_strip, raw_lines};
use crate::error::Error;

/// Where a value came from, for error messages: `~/.aws/config:12`.
#[derive(Debug, Clone)]
pub struct Origin {
    pub file: PathBuf,
    pub line: usize,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.line)
    }
}

/// The section Python's configparser treats as defaults for every other section.
pub const DEFAULT_SECTION: &str = "DEFAULT";

/// One `[header]` and the bytes of its body (up to the next header or the end of the file).
#[derive(Debug, Clone)]
pub struct Section {
    /// The text between `[` and the last `]`, as written (botocore does not trim it):
    /// `default`, `profile dev`, `dev`, `T `.
    pub header: String,
    /// 1-based line number of the header.
    pub line: usize,
    /// Byte range of the header line, including its line ending.
    pub header_range: Range<usize>,
    /// Byte range of the body: every line after the header up to the next header.
    pub body: Range<usize>,
}

/// A key in a section: lower-cased key, its value as botocore joins it (continuation lines
/// after `\n`, trailing whitespace stripped), and the line of the key for errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub value: String,
    pub line: usize,
}

/// A parsed file: its text and the index of its sections.
#[derive(Debug)]
pub struct IniFile {
    pub path: PathBuf,
    pub text: String,
    pub sections: Vec<Section>,
}

/// The end of the line that starts at or before `from`: (end of content, end with ending).
fn line_end(text: &str, from: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    match bytes[from..].iter().position(|&b| b == b'\n' || b == b'\r') {
        None => (text.len(), text.len()),
        Some(i) if bytes[from + i] == b'\r' && bytes.get(from + i + 1) == Some(&b'\n') => {
            (from + i, from + i + 2)
        }
        Some(i) => (from + i, from + i + 1),
    }
}

impl IniFile {
    /// Read and index `path`; `Ok(None)` when the file does not exist.
    pub fn load(path: &Path) -> Result<Option<IniFile>, Error> {
        match std::fs::read(path) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|_| Error::Config {
                    file: path.display().to_string(),
                    line: 0,
                    message: "the file is not valid UTF-8".into(),
                })?;
                IniFile::parse(path, text).map(Some)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            // botocore skips a path that is not a regular file (a directory).
            Err(_) if path.is_dir() => Ok(None),
            Err(e) => Err(Error::Io(format!("cannot read {}: {e}", path.display()))),
        }
    }

    fn error(&self, line: usize, message: String) -> Error {
        Error::Config {
            file: self.path.display().to_string(),
            line,
            message,
        }
    }

    /// Index the sections of `text`. Lines before the first header are checked here; a
    /// section's own lines are checked when it is read (or by [`IniFile::check`]).
    pub fn parse(path: &Path, text: String) -> Result<IniFile, Error> {
        let mut file = IniFile {
            path: path.to_path_buf(),
            text,
            sections: Vec::new(),
        };
        let text = file.text.as_str();
        let text_len = text.len();
        let has_cr = text.as_bytes().contains(&b'\r');
        // Up to the first header every line is checked.
        let mut lexer = Lexer::default();
        let mut first = None;
        for (i, line) in raw_lines(text, 0, text_len).enumerate() {
            match lexer.line(line.content) {
                Kind::Blank | Kind::Comment => {}
                Kind::Header(_) => {
                    first = Some((line.start, i + 1));
                    break;
                }
                _ => return Err(file.error(i + 1, Problem::BeforeFirstSection.message("", ""))),
            }
        }
        let Some((mut pos, mut number)) = first else {
            return Ok(file);
        };
        let mut sections: Vec<Section> = Vec::new();
        // From there only headers matter: a `[` with nothing but whitespace before it on its
        // line. Jumping from `[` to `[` (memchr) instead of classifying every line makes
        // indexing a 10,000-profile config several times faster (`cargo bench -- config/index`).
        // An indented `[` line may continue a value instead: the section's lines up to it are
        // then classified (`lexer`, fed from `fed`).
        let mut counted = pos; // a line start: `number` is its line number
        let mut fed = pos;
        let mut lexer = Lexer::default();
        while let Some(i) = text[pos..].find('[') {
            let open = pos + i;
            let start = text.as_bytes()[..open]
                .iter()
                .rposition(|&b| b == b'\n' || b == b'\r')
                .map_or(0, |n| n + 1);
            let indent = &text[start..open];
            if !indent.chars().all(super::line::is_py_space) {
                pos = open + 1;
                continue;
            }
            let (content_end, end) = line_end(text, open);
            pos = end;
            let content = &text[start..content_end];
            let name = if indent.is_empty() {
                // Nothing continues into column 0: the line is a header if it looks like one.
                let Some(name) = header_name(py_strip(content)) else {
                    continue;
                };
                lexer = Lexer::default();
                lexer.line(content);
                fed = end;
                name
            } else {
                let mut kind = Kind::Blank;
                for l in raw_lines(text, fed, end) {
                    kind = lexer.line(l.content);
                }
                fed = end;
                match kind {
                    Kind::Header(name) => name,
                    _ => continue,
                }
            };
            number += count_breaks(&text.as_bytes()[counted..start], has_cr);
            counted = start;
            if let Some(prev) = sections.last_mut() {
                prev.body.end = start;
            }
            sections.push(Section {
                header: name.to_string(),
                line: number,
                header_range: start..end,
                body: end..text_len,
            });
        }
        file.sections = sections;
        Ok(file)
    }

    /// Parse the keys of one section as botocore does: continuation lines join the value
    /// with `\n`, blank lines inside a value count, a key set twice is refused.
    pub fn entries(&self, section: &Section) -> Result<Vec<Entry>, Error> {
        let mut lexer = Lexer::default();
        let mut out: Vec<Entry> = Vec::new();
        let lines = raw_lines(&self.text, section.header_range.start, section.body.end);
        for (number, line) in (section.line..).zip(lines) {
            match lexer.line(line.content) {
                Kind::Header(_) | Kind::Comment => {}
                Kind::Blank => {
                    if lexer.key_open()
                        && let Some(last) = out.last_mut()
                    {
                        last.value.push('\n');
                    }
                }
                Kind::Continuation(v) => {
                    if let Some(last) = out.last_mut() {
                        last.value.push('\n');
                        last.value.push_str(v);
                    }
                }
                Kind::Key(key, value) => {
                    let key = key.to_lowercase();
                    if let Some(first) = out.iter().find(|e| e.key == key) {
                        return Err(self.error(
                            number,
                            format!(
                                "'{key}' is set twice in [{}] (first on line {}); botocore refuses the file",
                                section.header, first.line
                            ),
                        ));
                    }
                    out.push(Entry {
                        key,
                        value: value.to_string(),
                        line: number,
                    });
                }
                Kind::Invalid(problem) => {
                    let key = out.last().map_or("", |e| e.key.as_str());
                    return Err(self.error(number, problem.message(&section.header, key)));
                }
            }
        }
        for e in &mut out {
            let len = py_rstrip(&e.value).len();
            e.value.truncate(len);
        }
        Ok(out)
    }

    /// Every line of the file as botocore checks it: each section's lines, and no section
    /// header twice (`[DEFAULT]` may repeat, its keys may not).
    pub fn check(&self) -> Result<(), Error> {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for s in &self.sections {
            self.entries(s)?;
            if s.header == DEFAULT_SECTION {
                continue;
            }
            if let Some(first) = seen.insert(&s.header, s.line) {
                return Err(self.duplicate(s, first));
            }
        }
        self.defaults()?;
        Ok(())
    }

    fn duplicate(&self, s: &Section, first: usize) -> Error {
        self.error(
            s.line,
            format!(
                "[{}] appears twice (first on line {first}); botocore refuses the file: keep one",
                s.header
            ),
        )
    }

    /// The one section headed exactly `name` (botocore refuses a file that repeats a header).
    pub fn section(&self, name: &str) -> Result<Option<&Section>, Error> {
        let mut found = self.sections.iter().filter(|s| s.header == name);
        let first = found.next();
        if let (Some(first), Some(second)) = (first, found.next()) {
            return Err(self.duplicate(second, first.line));
        }
        Ok(first)
    }

    /// The keys of every `[DEFAULT]` section: Python's configparser gives them to every other
    /// section of the file, under that section's own keys.
    pub fn defaults(&self) -> Result<Vec<Entry>, Error> {
        let mut out: Vec<Entry> = Vec::new();
        for s in self.sections.iter().filter(|s| s.header == DEFAULT_SECTION) {
            for e in self.entries(s)? {
                if let Some(first) = out.iter().find(|d| d.key == e.key) {
                    return Err(self.error(
                        e.line,
                        format!(
                            "'{}' is set twice in [{DEFAULT_SECTION}] (first on line {}); botocore refuses the file",
                            e.key, first.line
                        ),
                    ));
                }
                out.push(e);
            }
        }
        Ok(out)
    }
}

/// How many line breaks `bytes` holds: `\n`, and a lone `\r` when the file has any `\r`.
fn count_breaks(bytes: &[u8], has_cr: bool) -> usize {
    let newlines = count_newlines(bytes);
    if !has_cr {
        return newlines;
    }
    let lone_cr = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .count();
    newlines + lone_cr
}

/// How many `\n` bytes `bytes` holds, eight at a time. The release profile optimizes for size,
/// which leaves a plain byte loop unvectorized: that loop was 80% of indexing a 10,000-profile
/// config (perf annotate of `cargo bench -- config/index`).
fn count_newlines(bytes: &[u8]) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const NEWLINES: u64 = 0x0a0a_0a0a_0a0a_0a0a;
    const PAIRS: u64 = 0x00ff_00ff_00ff_00ff;
    let (words, rest) = bytes.as_chunks::<8>();
    let mut total = 0;
    // Per-byte counters in one u64; a block of 255 words cannot overflow a byte.
    for block in words.chunks(255) {
        let mut lanes = 0u64;
        for word in block {
            let x = u64::from_ne_bytes(*word) ^ NEWLINES; // a zero byte for each `\n`
            let zero_bytes = !(((x & LOW7) + LOW7) | x | LOW7); // their high bits, exactly
            lanes += zero_bytes >> 7;
        }
        let pairs = (lanes & PAIRS) + ((lanes >> 8) & PAIRS);
        total += (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize;
    }
    total + rest.iter().filter(|&&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(text: &str) -> IniFile {
        IniFile::parse(Path::new("f"), text.to_string()).unwrap()
    }

    /// The index by classifying every line with the lexer: `parse` must agree with it.
    fn parse_line_by_line(text: &str) -> Result<Vec<Section>, String> {
        let mut sections: Vec<Section> = Vec::new();
        let mut lexer = Lexer::default();
        for (number, line) in (1..).zip(raw_lines(text, 0, text.len())) {
            match lexer.line(line.content) {
                Kind::Header(name) => {
                    if let Some(prev) = sections.last_mut() {
                        prev.body.end = line.start;
                    }
                    sections.push(Section {
                        header: name.to_string(),
                        line: number,
                        header_range: line.range(),
                        body: line.range().end..text.len(),
                    });
                }
                Kind::Blank | Kind::Comment => {}
                _ if sections.is_empty() => {
                    return Err(format!(
                        "f:{number}: {}",
                        Problem::BeforeFirstSection.message("", "")
                    ));
                }
                _ => {}
            }
        }
        Ok(sections)
    }

    proptest! {
        #[test]
        fn newlines_counted_exactly(bytes in proptest::collection::vec(
            proptest::sample::select(vec![b'\n', b'\r', b'a', 0x8a, 0x0b, 0xff, 0x00]),
            0..5000,
        )) {
            let want = bytes.iter().filter(|&&b| b == b'\n').count();
            prop_assert_eq!(count_newlines(&bytes), want);
        }

        #[test]
        fn index_agrees_with_line_by_line(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "[", "]", "[a]", "[profile dev]", "[ b ]", "[]", "[ ]", " ", "  ", "\t", "\r",
                "\n", "\n", "\n", "\r\n", "k = v", "k = [v]", "x[y]", "#c", "; c", "\u{a0}",
                "\u{85}", "\u{2003}", "\u{1c}", "ü", "[ü]", "=", "k =", "  [w]", "\n  [w]\n",
            ]),
            0..40,
        )) {
            let text: String = parts.concat();
            let want = parse_line_by_line(&text);
            let got = IniFile::parse(Path::new("f"), text.clone())
                .map(|f| f.sections)
                .map_err(|e| e.to_string());
            prop_assert_eq!(format!("{got:?}"), format!("{want:?}"), "{:?}", text);
        }
    }

    #[test]
    fn sections_and_entries() {
        let f = parse(
            "# top\n[default]\nregion = eu-west-1\n\n[profile dev]\nrole_arn=arn:x\ns3 =\n  max = 1\nsource_profile : default\n",
        );
        assert_eq!(f.sections.len(), 2);
        assert_eq!(f.sections[1].header, "profile dev");
        assert_eq!(f.sections[1].line, 5);
        let e = f.entries(&f.sections[1]).unwrap();
        let keys: Vec<_> = e
            .iter()
            .map(|e| (e.key.as_str(), e.value.as_str()))
            .collect();
        assert_eq!(
            keys,
            [
                ("role_arn", "arn:x"),
                ("s3", "\nmax = 1"),
                ("source_profile", "default")
            ]
        );
        assert_eq!(e[2].line, 9);
    }

    #[test]
    fn continuation_lines_and_blank_lines_join_the_value() {
        let f = parse("[a]\nk = v\n\n  more\n# c\n    [x]\n\nnext = 1\n\n");
        let e = f.entries(&f.sections[0]).unwrap();
        assert_eq!(e[0].value, "v\n\nmore\n[x]");
        assert_eq!(e[1].value, "1");
        assert_eq!(
            f.sections.len(),
            1,
            "an indented [x] after a key is a value"
        );
    }

    #[test]
    fn errors_never_quote_the_broken_line() {
        let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        for text in [
            format!("[a]\naws_secret_access_key =\n{secret}\n"),
            format!("[a]\n= {secret}\n"),
            format!("[a]\ns3 =\n  {secret}\n"),
            format!("[a]\n[{secret}\n"),
        ] {
            let f = parse(&text);
            let e = f.entries(&f.sections[0]).unwrap_err().to_string();
            assert!(!e.contains("wJalr"), "{e}");
        }
        let e = IniFile::parse(Path::new("f"), format!("{secret}\n[a]\n")).unwrap_err();
        assert!(!e.to_string().contains("wJalr"), "{e}");
    }

    #[test]
    fn crlf_lone_cr_and_no_trailing_newline() {
        let f = parse("[a]\r\nk = v\r\n[b]\r\nx=y");
        assert_eq!(f.entries(&f.sections[0]).unwrap()[0].value, "v");
        assert_eq!(f.entries(&f.sections[1]).unwrap()[0].value, "y");
        assert_eq!(&f.text[f.sections[1].body.clone()], "x=y");
        let f = parse("# c\r[a]\rk = v\r\r[b]\rx=y\r");
        assert_eq!(f.sections.len(), 2);
        assert_eq!((f.sections[0].line, f.sections[1].line), (2, 5));
        assert_eq!(f.entries(&f.sections[1]).unwrap()[0].value, "y");
    }

    #[test]
    fn errors_name_the_line_and_what_is_wrong() {
        let e = IniFile::parse(Path::new("cfg"), "key = v\n[a]\n".into()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "cfg:1: a line before the first [section]: only comments may come first"
        );
        let err = |text: &str| {
            let f = IniFile::parse(Path::new("cfg"), text.into()).unwrap();
            f.check().unwrap_err().to_string()
        };
        assert_eq!(
            err("[a]\nk=v\nnonsense secret\n"),
            "cfg:3: expected 'key = value' in [a] (indent a line deeper than the key above to continue its value)"
        );
        assert_eq!(
            err("[a]\n= us-east-1\n"),
            "cfg:2: a line in [a] has no key before its '=' or ':'"
        );
        assert_eq!(
            err("[a]\ns3 =\n  x = 1\n  oops\n"),
            "cfg:4: expected 'name = value' in the indented block under 's3' in [a] (a key with an empty value starts a nested block)"
        );
        assert_eq!(
            err("[a]\nk=1\nK = 2\n"),
            "cfg:3: 'k' is set twice in [a] (first on line 2); botocore refuses the file"
        );
        assert_eq!(
            err("[a]\n[b]\n[a]\n"),
            "cfg:3: [a] appears twice (first on line 1); botocore refuses the file: keep one"
        );
        assert_eq!(
            err("[DEFAULT]\nk=1\n[DEFAULT]\nk=2\n"),
            "cfg:4: 'k' is set twice in [DEFAULT] (first on line 2); botocore refuses the file"
        );
    }
}

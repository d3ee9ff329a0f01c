//! A line-level reader for the AWS config and credentials files (botocore's INI dialect): section
//! headers are indexed in one pass, a section's keys are parsed only when it is asked for, and
//! every section keeps its byte range so the credentials-file editor can replace exactly it.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// One `[header]` and the bytes of its body (up to the next header or the end of the file).
#[derive(Debug, Clone)]
pub struct Section {
    /// The text between `[` and `]`, trimmed: `default`, `profile dev`, `dev`.
    pub header: String,
    /// 1-based line number of the header.
    pub line: usize,
    /// Byte range of the header line, including its line ending.
    pub header_range: Range<usize>,
    /// Byte range of the body: every line after the header up to the next header.
    pub body: Range<usize>,
}

/// A key in a section: `key = value`, lower-cased key, trimmed value, with its line for errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    pub key: String,
    pub value: &'a str,
    pub line: usize,
}

/// A parsed file: its text and the index of its sections.
#[derive(Debug)]
pub struct IniFile {
    pub path: PathBuf,
    pub text: String,
    pub sections: Vec<Section>,
}

fn is_comment_or_blank(trimmed: &str) -> bool {
    trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';')
}

/// Iterate lines with their start offset and 1-based number; the line excludes `\n` and `\r`.
fn lines_from(
    text: &str,
    start: usize,
    first_line: usize,
) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut offset = start;
    let mut number = first_line;
    std::iter::from_fn(move || {
        if offset >= text.len() {
            return None;
        }
        let rest = &text[offset..];
        let end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let raw = &rest[..end];
        let line = raw.trim_end_matches(['\n', '\r']);
        let item = (offset, number, line);
        offset += end;
        number += 1;
        Some(item)
    })
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
            Err(e) => Err(Error::Io(format!("cannot read {}: {e}", path.display()))),
        }
    }

    /// Index the sections of `text`. Only headers and lines before the first header are checked
    /// here; a section's own lines are checked when it is read.
    pub fn parse(path: &Path, text: String) -> Result<IniFile, Error> {
        let mut sections: Vec<Section> = Vec::new();
        let err = |line: usize, message: String| Error::Config {
            file: path.display().to_string(),
            line,
            message,
        };
        let text_len = text.len();
        // Up to the first header every line is checked.
        let (mut pos, mut number) = (text_len, 0);
        for (offset, n, line) in lines_from(&text, 0, 1) {
            let trimmed = line.trim();
            if trimmed.starts_with('[') {
                (pos, number) = (offset, n);
                break;
            }
            if !is_comment_or_blank(trimmed) {
                return Err(err(n, OUTSIDE.into()));
            }
        }
        // From there only headers matter: a `[` with nothing but whitespace before it on its
        // line. Jumping from `[` to `[` (memchr) instead of trimming every line makes indexing a
        // 10,000-profile config several times faster (`cargo bench -- config/index`).
        let mut counted = pos; // a line start: `number` is its line number
        while let Some(i) = text[pos..].find('[') {
            let open = pos + i;
            let start = text[..open].rfind('\n').map_or(0, |n| n + 1);
            if !text[start..open].chars().all(char::is_whitespace) {
                pos = open + 1;
                continue;
            }
            let line_end = text[open..].find('\n').map_or(text_len, |n| open + n + 1);
            number += count_newlines(&text.as_bytes()[counted..start]);
            counted = start;
            pos = line_end;
            let trimmed = text[start..line_end].trim();
            let rest = &trimmed[1..]; // after the `[`
            let Some(header) = rest.strip_suffix(']') else {
                return Err(err(
                    number,
                    format!("section header without a closing ']': {trimmed}"),
                ));
            };
            let header = header.trim();
            if header.is_empty() {
                return Err(err(number, "empty section name '[]'".into()));
            }
            if let Some(prev) = sections.last_mut() {
                prev.body.end = start;
            }
            sections.push(Section {
                header: header.to_string(),
                line: number,
                header_range: start..line_end,
                body: line_end..text_len,
            });
        }
        Ok(IniFile {
            path: path.to_path_buf(),
            text,
            sections,
        })
    }

    /// Parse the keys of one section. Indented lines continue the previous key (nested
    /// `s3 =` blocks, multi-line values) and are skipped, as botocore does for credentials.
    pub fn entries(&self, section: &Section) -> Result<Vec<Entry<'_>>, Error> {
        let body = &self.text[section.body.clone()];
        let mut out = Vec::new();
        let mut has_key = false;
        for (_, number, line) in lines_from(body, 0, section.line + 1) {
            let trimmed = line.trim();
            if is_comment_or_blank(trimmed) {
                continue;
            }
            if line.starts_with([' ', '\t']) && has_key {
                continue; // continuation or nested sub-key
            }
            let Some(split) = trimmed.find(['=', ':']) else {
                return Err(Error::Config {
                    file: self.path.display().to_string(),
                    line: number,
                    message: format!("expected 'key = value' in [{}]", section.header),
                });
            };
            let key = trimmed[..split].trim().to_ascii_lowercase();
            let value = trimmed[split + 1..].trim();
            has_key = true;
            out.push(Entry {
                key,
                value,
                line: number,
            });
        }
        Ok(out)
    }
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

/// A line before the first header. Error messages name the line, never its text: a broken
/// line of a credentials file is often a secret key that lost its `name =`.
const OUTSIDE: &str = "a line before the first [section]: only comments may come first";

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(text: &str) -> IniFile {
        IniFile::parse(Path::new("f"), text.to_string()).unwrap()
    }

    /// The indexer as first written (trim every line): `parse` must agree with it on any input.
    fn parse_line_by_line(text: &str) -> Result<Vec<Section>, String> {
        let mut sections: Vec<Section> = Vec::new();
        let text_len = text.len();
        for (offset, number, line) in lines_from(text, 0, 1) {
            let trimmed = line.trim();
            if let Some(rest) = trimmed.strip_prefix('[') {
                let Some(header) = rest.strip_suffix(']') else {
                    return Err(format!(
                        "f:{number}: section header without a closing ']': {trimmed}"
                    ));
                };
                let header = header.trim();
                if header.is_empty() {
                    return Err(format!("f:{number}: empty section name '[]'"));
                }
                let line_end = offset
                    + text[offset..]
                        .find('\n')
                        .map_or(text_len - offset, |i| i + 1);
                if let Some(prev) = sections.last_mut() {
                    prev.body.end = offset;
                }
                sections.push(Section {
                    header: header.to_string(),
                    line: number,
                    header_range: offset..line_end,
                    body: line_end..text_len,
                });
            } else if sections.is_empty() && !is_comment_or_blank(trimmed) {
                return Err(format!("f:{number}: {OUTSIDE}"));
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
                "[", "]", "[a]", "[profile dev]", "[ b ]", "[]", "[ ]", " ", "\t", "\r", "\n",
                "\n", "\n", "\r\n", "k = v", "k = [v]", "x[y]", "#c", "; c", "\u{a0}", "\u{85}",
                "\u{2003}", "ü", "[ü]", "=",
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
        let keys: Vec<_> = e.iter().map(|e| (e.key.as_str(), e.value)).collect();
        assert_eq!(
            keys,
            [
                ("role_arn", "arn:x"),
                ("s3", ""),
                ("source_profile", "default")
            ]
        );
        assert_eq!(e[2].line, 9);
    }

    #[test]
    fn errors_never_quote_the_broken_line() {
        let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        let f = parse(&format!("[a]\naws_secret_access_key =\n{secret}\n"));
        let e = f.entries(&f.sections[0]).unwrap_err().to_string();
        assert!(!e.contains("wJalr"), "{e}");
        let e = IniFile::parse(Path::new("f"), format!("{secret}\n[a]\n")).unwrap_err();
        assert!(!e.to_string().contains("wJalr"), "{e}");
    }

    #[test]
    fn crlf_and_no_trailing_newline() {
        let f = parse("[a]\r\nk = v\r\n[b]\r\nx=y");
        assert_eq!(f.entries(&f.sections[0]).unwrap()[0].value, "v");
        assert_eq!(f.entries(&f.sections[1]).unwrap()[0].value, "y");
        assert_eq!(&f.text[f.sections[1].body.clone()], "x=y");
    }

    #[test]
    fn errors_name_the_line() {
        let e = IniFile::parse(Path::new("cfg"), "[a]\nk=v\n[b\n".into()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "cfg:3: section header without a closing ']': [b"
        );
        let e = IniFile::parse(Path::new("cfg"), "key = v\n[a]\n".into()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "cfg:1: a line before the first [section]: only comments may come first"
        );
        let f = parse("[a]\nk=v\nnonsense secret\n");
        let e = f.entries(&f.sections[0]).unwrap_err();
        assert_eq!(e.to_string(), "f:3: expected 'key = value' in [a]");
    }
}

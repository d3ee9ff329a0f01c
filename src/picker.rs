//! A fuzzy picker on the controlling terminal, for `awsmfa use` without a profile: type to
//! filter, Up/Down (or Ctrl-P/Ctrl-N) to move, Enter to pick, Esc or Ctrl-C to cancel. It reads
//! and draws on `/dev/tty` only, below the cursor, and erases itself: stdout belongs to the
//! shell function's `eval`. Matching is nucleo-matcher's (helix's fuzzy matcher); the drawing
//! is a few ANSI sequences, so no terminal library is linked for one screen.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::AsRawFd;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};

use crate::error::{Error, Result};

/// Rows shown at most (the rest scroll).
const HEIGHT: usize = 10;

/// One choice: the text typed characters are matched against, and the columns shown.
pub struct Row {
    pub haystack: String,
    pub columns: Vec<String>,
}

/// The terminal in raw mode (no echo, no line editing, Ctrl-C as a byte) until dropped.
struct Raw<'a> {
    tty: &'a File,
    saved: libc::termios,
}

impl<'a> Raw<'a> {
    fn enter(tty: &'a File) -> Result<Raw<'a>> {
        let fd = tty.as_raw_fd();
        // SAFETY: a zeroed termios is a valid out-parameter; fd is an open terminal.
        let mut saved: libc::termios = unsafe { std::mem::zeroed() };
        if unsafe { libc::tcgetattr(fd, &mut saved) } != 0 {
            return Err(Error::io(
                "cannot use /dev/tty",
                std::io::Error::last_os_error(),
            ));
        }
        let mut raw = saved;
        raw.c_lflag &= !(libc::ICANON | libc::ECHO | libc::ISIG | libc::IEXTEN);
        raw.c_iflag &= !(libc::IXON | libc::ICRNL);
        raw.c_cc[libc::VMIN] = 1;
        raw.c_cc[libc::VTIME] = 0;
        // SAFETY: fd is an open terminal, raw a termios read from it.
        unsafe { libc::tcsetattr(fd, libc::TCSAFLUSH, &raw) };
        Ok(Raw { tty, saved })
    }
}

impl Drop for Raw<'_> {
    fn drop(&mut self) {
        // SAFETY: restores the settings read in `enter` on the same open terminal.
        // TCSADRAIN, not TCSAFLUSH: what the user typed after Enter or Esc is the shell's
        // next command, and TCSAFLUSH would throw it away.
        unsafe { libc::tcsetattr(self.tty.as_raw_fd(), libc::TCSADRAIN, &self.saved) };
    }
}

/// A key, as the picker understands them.
#[derive(Debug, PartialEq, Eq)]
enum Key {
    Char(char),
    Backspace,
    ClearLine,
    Up,
    Down,
    Enter,
    Cancel,
    Other,
}

/// Whether more input arrives within `ms` milliseconds (tells a lone Esc from an arrow key).
fn readable(tty: &File, ms: i32) -> bool {
    let mut fds = libc::pollfd {
        fd: tty.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd.
    unsafe { libc::poll(&mut fds, 1, ms) > 0 }
}

fn read_byte(mut tty: &File) -> Result<u8> {
    let mut b = [0u8; 1];
    match tty.read(&mut b) {
        Ok(1) => Ok(b[0]),
        Ok(_) => Ok(3), // end of input: as Ctrl-C
        Err(e) => Err(Error::io("cannot read /dev/tty", e)),
    }
}

fn read_key(tty: &File) -> Result<Key> {
    let b = read_byte(tty)?;
    Ok(match b {
        b'\r' | b'\n' => Key::Enter,
        3 | 4 | 7 => Key::Cancel, // Ctrl-C, Ctrl-D, Ctrl-G
        0x7f | 8 => Key::Backspace,
        0x15 => Key::ClearLine, // Ctrl-U
        0x10 => Key::Up,        // Ctrl-P
        0x0e => Key::Down,      // Ctrl-N
        0x1b => {
            if !readable(tty, 50) {
                return Ok(Key::Cancel);
            }
            // An arrow is ESC [ A (or ESC O A); ESC and anything else (Alt+key) cancels.
            match read_byte(tty)? {
                b'[' | b'O' => match read_byte(tty)? {
                    b'A' => Key::Up,
                    b'B' => Key::Down,
                    _ => Key::Other,
                },
                _ => Key::Cancel,
            }
        }
        b if b >= 0x80 => {
            // The rest of a UTF-8 character.
            let len = match b {
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                _ => 4,
            };
            let mut buf = vec![b];
            for _ in 1..len {
                buf.push(read_byte(tty)?);
            }
            String::from_utf8(buf)
                .ok()
                .and_then(|s| s.chars().next())
                .map_or(Key::Other, Key::Char)
        }
        b if b >= 0x20 => Key::Char(b as char),
        _ => Key::Other,
    })
}

/// The rows matching `query`, best first (all of them, in order, for an empty query).
pub fn filter(rows: &[Row], query: &str) -> Vec<usize> {
    struct Hay<'a>(usize, &'a str);
    impl AsRef<str> for Hay<'_> {
        fn as_ref(&self) -> &str {
            self.1
        }
    }
    let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    pattern
        .match_list(
            rows.iter()
                .enumerate()
                .map(|(i, r)| Hay(i, r.haystack.as_str())),
            &mut matcher,
        )
        .into_iter()
        .map(|(h, _)| h.0)
        .collect()
}

/// Text safe to draw: control characters (a profile name could hold ESC) shown as `?`.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// One frame: the prompt line, then the visible rows (the selected one marked and reversed).
/// Leaves the cursor at the end of the prompt line.
fn frame(
    title: &str,
    query: &str,
    rows: &[Row],
    shown: &[usize],
    selected: usize,
    widths: &[usize],
) -> String {
    let mut out = String::from("\r\x1b[J");
    let count = format!("{}/{}", shown.len(), rows.len());
    let top = selected.saturating_sub(HEIGHT - 1);
    let visible = shown.iter().skip(top).take(HEIGHT);
    let mut lines = 0;
    for (i, &row) in visible.enumerate() {
        let cells: Vec<String> = rows[row]
            .columns
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{:<w$}", printable(c)))
            .collect();
        let text = cells.join("  ");
        if top + i == selected {
            out.push_str(&format!("\n\x1b[7m> {}\x1b[0m", text.trim_end()));
        } else {
            out.push_str(&format!("\n  {}", text.trim_end()));
        }
        lines += 1;
    }
    // Back up to the prompt line and write it last, so the cursor ends after the query.
    if lines > 0 {
        out.push_str(&format!("\x1b[{lines}A"));
    }
    out.push_str(&format!(
        "\r{title} ({count}, Enter picks, Esc cancels): {}",
        printable(query)
    ));
    out
}

/// Let the user pick one of `rows` on `tty`; `None` when cancelled.
pub fn pick(tty: &File, title: &str, rows: &[Row]) -> Result<Option<usize>> {
    let columns = rows.iter().map(|r| r.columns.len()).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.columns.get(i))
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let raw = Raw::enter(tty)?;
    let mut out = tty;
    let mut query = String::new();
    let mut selected = 0usize;
    let mut shown = filter(rows, &query);
    let result = loop {
        let text = frame(title, &query, rows, &shown, selected, &widths);
        out.write_all(text.as_bytes())
            .and_then(|_| out.flush())
            .map_err(|e| Error::io("cannot write to /dev/tty", e))?;
        match read_key(tty)? {
            Key::Enter => break shown.get(selected).copied(),
            Key::Cancel => break None,
            Key::Up => selected = selected.saturating_sub(1),
            Key::Down => selected = (selected + 1).min(shown.len().saturating_sub(1)),
            Key::Char(c) => {
                query.push(c);
                shown = filter(rows, &query);
                selected = 0;
            }
            Key::Backspace => {
                query.pop();
                shown = filter(rows, &query);
                selected = 0;
            }
            Key::ClearLine => {
                query.clear();
                shown = filter(rows, &query);
                selected = 0;
            }
            Key::Other => {}
        }
    };
    // Erase the picker: nothing of it stays on the screen.
    let _ = out.write_all(b"\r\x1b[J").and_then(|_| out.flush());
    drop(raw);
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(names: &[&str]) -> Vec<Row> {
        names
            .iter()
            .map(|n| Row {
                haystack: n.to_string(),
                columns: vec![n.to_string()],
            })
            .collect()
    }

    #[test]
    fn typed_characters_filter_and_rank() {
        let r = rows(&["dev-admin", "prod-spectator", "stage-poweruser", "identity"]);
        assert_eq!(filter(&r, ""), [0, 1, 2, 3]);
        assert_eq!(filter(&r, "prsp"), [1]);
        let staged = filter(&r, "st");
        assert_eq!(staged[0], 2, "a prefix ranks first: {staged:?}");
        assert!(filter(&r, "zzz").is_empty());
        // Smart case: lower case matches either case.
        assert_eq!(filter(&rows(&["Prod"]), "prod"), [0]);
    }

    #[test]
    fn control_characters_are_not_drawn() {
        assert_eq!(printable("a\x1b[31mb\n"), "a?[31mb?");
        let r = rows(&["x\x1b]0;pwned\x07"]);
        let f = frame("pick", "", &r, &[0], 0, &[12]);
        assert!(!f.contains("\x1b]0"), "{f:?}");
    }
}

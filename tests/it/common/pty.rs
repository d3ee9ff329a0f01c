//! A command on a fresh terminal (util-linux `script`, a pty), driven as a user would: the test
//! reads the transcript as it grows and types an answer only when a prompt is showing. For
//! checking that prompts come one at a time.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Stdio};
use std::time::{Duration, Instant};

use super::{TestEnv, tools_required};

pub const SCRIPT: &str = "/usr/bin/script";

/// Whether `script` is installed; fails under CI / scripts/test, else skips with a reason.
pub fn have_script() -> bool {
    if Path::new(SCRIPT).is_file() {
        return true;
    }
    assert!(!tools_required(), "util-linux script is not installed");
    eprintln!("skipping: {SCRIPT} not installed");
    false
}

/// How long a prompt must show alone before it is answered: a second prompt racing it (the
/// failure these tests look for) shows within milliseconds.
const SETTLE: Duration = Duration::from_millis(500);

pub struct Pty {
    child: Child,
    stdin: Option<ChildStdin>,
    log: PathBuf,
    deadline: Instant,
}

/// What a conversation on the terminal came to.
#[derive(Debug)]
pub struct Conversation {
    /// Each prompt (its last line) and the line typed at it, in order.
    pub answered: Vec<(String, String)>,
    /// The exit code of the command (`script -e`).
    pub code: Option<i32>,
    pub transcript: String,
}

impl Pty {
    /// `command` (a `sh` command line, awsmfa on PATH) on a fresh terminal in `env`, given at
    /// most `limit` to finish.
    pub fn spawn(env: &TestEnv, command: &str, limit: Duration) -> Pty {
        let log = tempfile::Builder::new()
            .prefix("pty-")
            .suffix(".log")
            .tempfile_in(env.root())
            .unwrap()
            .into_temp_path()
            .keep()
            .unwrap();
        let mut cmd = env.program_cmd(
            Path::new(SCRIPT),
            &["-qefc", command, log.to_str().unwrap()],
        );
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut child = cmd.spawn().expect("start script");
        Pty {
            stdin: child.stdin.take(),
            child,
            log,
            deadline: Instant::now() + limit,
        }
    }

    pub fn transcript(&self) -> String {
        String::from_utf8_lossy(&std::fs::read(&self.log).unwrap_or_default()).into_owned()
    }

    /// Type `line` and Enter.
    pub fn type_line(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(format!("{line}\n").as_bytes()).unwrap();
        stdin.flush().unwrap();
    }

    /// Answer prompts until the command ends. A prompt is a transcript line containing one of
    /// `markers`; `answer` gets the prompt's line and returns what to type. Panics if two
    /// prompts show at once without an answer between them, or on the deadline.
    pub fn converse(
        mut self,
        markers: &[&str],
        mut answer: impl FnMut(&str) -> String,
    ) -> Conversation {
        let count = |text: &str| -> usize { markers.iter().map(|m| text.matches(m).count()).sum() };
        let mut answered_up_to = 0;
        let mut answered = Vec::new();
        loop {
            let text = self.transcript();
            let showing = count(&text[answered_up_to..]);
            assert!(
                showing <= 1,
                "{showing} prompts at once; answered so far {answered:?}; transcript:\n{text}"
            );
            if let Ok(Some(status)) = self.child.try_wait() {
                return Conversation {
                    answered,
                    code: status.code(),
                    transcript: self.transcript(),
                };
            }
            assert!(
                Instant::now() < self.deadline,
                "no end in time; answered {answered:?}; transcript:\n{text}"
            );
            if showing == 0 {
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
            // One prompt: make sure it stays alone, then answer it.
            std::thread::sleep(SETTLE);
            let text = self.transcript();
            let tail = &text[answered_up_to..];
            assert_eq!(
                count(tail),
                1,
                "prompts at once; answered so far {answered:?}; transcript:\n{text}"
            );
            let at = markers.iter().filter_map(|m| tail.find(m)).min().unwrap();
            let line_start = tail[..at].rfind('\n').map_or(0, |i| i + 1);
            let prompt = tail[line_start..]
                .trim_end_matches(['\r', '\n'])
                .to_string();
            let reply = answer(&prompt);
            answered_up_to = text.len();
            self.type_line(&reply);
            answered.push((prompt, reply));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

//! Every way awsmfa can fail, the one-line message each prints, and the exit code of each
//! (listed once, in [`ExitCode`], and documented in the README).
//!
//! An error is a *kind* (the variant, which decides the exit code), a message, and optionally
//! the error it wraps: [`Error::context`] (or [`ResultExt::context`]) puts a message in front
//! of another error and keeps that error's kind, so `cannot write ~/.aws/credentials: ...`
//! still exits as the I/O error, credentials-file refusal or config error it wraps. The whole
//! chain prints as one line, `outer: inner`. Refusals to touch what the user owns (a section
//! of the credentials file, a key-store file) are typed ([`Error::Refused`]), so a caller can
//! tell them from a bad command line without reading the message.

/// Process exit codes. Keep in sync with the README's "Exit codes" table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ExitCode {
    Ok = 0,
    /// Anything not listed below: I/O errors; a helper command (`mfa_process`,
    /// `credential_process`, `AWSMFA_PASSPHRASE_COMMAND`, the browser of `console`) that could
    /// not be started, or a `credential_process` that failed.
    Failure = 1,
    /// Bad command line or bad input value (MFA code, duration, ARN, session name).
    Usage = 2,
    /// The AWS config or credentials file is malformed, or a profile is missing or looping.
    Config = 3,
    /// AWS refused: wrong MFA code, AccessDenied, expired or invalid credentials.
    Auth = 4,
    /// AWS could not be reached or kept failing: network, timeout, throttling, 5xx, bad reply.
    Network = 5,
    /// An MFA code is needed but there is no terminal to ask on.
    LoginRequired = 6,
    /// `exec` only: the command could not be started (not found, not executable), as a shell
    /// says. Nothing else exits 127, so a script can tell it from awsmfa's own failures.
    CommandNotFound = 127,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Usage(String),
    #[error("{}", config_location(file, *line, message))]
    Config {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{0}")]
    Profile(String),
    #[error("{0}")]
    Auth(String),
    #[error("{0}")]
    Network(String),
    #[error("{0}")]
    LoginRequired(String),
    #[error("{0}")]
    Io(String),
    /// `exec`'s command could not be started (127). Only `exec` uses it: a helper command that
    /// cannot be started is [`Error::Other`].
    #[error("{0}")]
    Command(String),
    #[error("{0}")]
    Other(String),
    /// awsmfa would not touch something the user owns (exit code 2, as a usage error).
    #[error("{message}")]
    Refused { what: Protected, message: String },
    /// `context`, then the error it wraps; the kind and the exit code are the inner error's.
    /// The inner error is part of this one's message (one line), so it is not also returned
    /// by `source()`, where a chain printer would print it twice.
    #[error("{context}: {inner}")]
    Context { context: String, inner: Box<Error> },
}

/// What a [`Error::Refused`] refused to touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protected {
    /// A section of the shared credentials file (long-lived keys, a section awsmfa did not
    /// write, a name that cannot be a header).
    CredentialsFile,
    /// A file of the encrypted key store.
    KeyStore,
}

fn config_location(file: &str, line: usize, message: &str) -> String {
    if line == 0 {
        format!("{file}: {message}")
    } else {
        format!("{file}:{line}: {message}")
    }
}

impl Error {
    pub fn exit_code(&self) -> ExitCode {
        match self.kind() {
            Error::Usage(_) | Error::Refused { .. } => ExitCode::Usage,
            Error::Config { .. } | Error::Profile(_) => ExitCode::Config,
            Error::Auth(_) => ExitCode::Auth,
            Error::Network(_) => ExitCode::Network,
            Error::LoginRequired(_) => ExitCode::LoginRequired,
            Error::Command(_) => ExitCode::CommandNotFound,
            Error::Io(_) | Error::Other(_) => ExitCode::Failure,
            Error::Context { inner, .. } => inner.exit_code(),
        }
    }

    /// The error under every [`Error::Context`]: the variant that says what kind of failure
    /// this is. Match on it, not on `self`, to recognize a kind through added context.
    pub fn kind(&self) -> &Error {
        let mut e = self;
        while let Error::Context { inner, .. } = e {
            e = inner;
        }
        e
    }

    /// What a refusal refused to touch; `None` for every other kind.
    pub fn refusal(&self) -> Option<Protected> {
        match self.kind() {
            Error::Refused { what, .. } => Some(*what),
            _ => None,
        }
    }

    /// A refusal to touch `what`, printed as `message`.
    pub fn refused(what: Protected, message: impl Into<String>) -> Error {
        Error::Refused {
            what,
            message: message.into(),
        }
    }

    /// This error behind `context` (printed `context: this`), of the same kind.
    pub fn context(self, context: impl std::fmt::Display) -> Error {
        Error::Context {
            context: context.to_string(),
            inner: Box::new(self),
        }
    }

    /// An I/O failure, printed `what: e`.
    pub fn io(what: impl std::fmt::Display, e: std::io::Error) -> Error {
        Error::Io(format!("{what}: {e}"))
    }
}

/// `context` on results: the error behind a message, of the same kind (an `std::io::Error`
/// becomes an [`Error::Io`]).
pub trait ResultExt<T> {
    fn context(self, context: impl std::fmt::Display) -> Result<T>;
    /// [`ResultExt::context`] with the message built only on failure.
    fn with_context<C: std::fmt::Display>(self, context: impl FnOnce() -> C) -> Result<T>;
}

impl<T> ResultExt<T> for std::result::Result<T, Error> {
    fn context(self, context: impl std::fmt::Display) -> Result<T> {
        self.map_err(|e| e.context(context))
    }
    fn with_context<C: std::fmt::Display>(self, context: impl FnOnce() -> C) -> Result<T> {
        self.map_err(|e| e.context(context()))
    }
}

impl<T> ResultExt<T> for std::result::Result<T, std::io::Error> {
    fn context(self, context: impl std::fmt::Display) -> Result<T> {
        self.map_err(|e| Error::io(context, e))
    }
    fn with_context<C: std::fmt::Display>(self, context: impl FnOnce() -> C) -> Result<T> {
        self.map_err(|e| Error::io(context(), e))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    /// One of every kind, with the exit code the README promises for it.
    fn every_kind() -> Vec<(Error, u8)> {
        vec![
            (Error::Usage("u".into()), 2),
            (
                Error::Config {
                    file: "f".into(),
                    line: 3,
                    message: "m".into(),
                },
                3,
            ),
            (Error::Profile("p".into()), 3),
            (Error::Auth("a".into()), 4),
            (Error::Network("n".into()), 5),
            (Error::LoginRequired("l".into()), 6),
            (Error::Io("i".into()), 1),
            (Error::Command("c".into()), 127),
            (Error::Other("o".into()), 1),
            (Error::refused(Protected::CredentialsFile, "r"), 2),
            (Error::refused(Protected::KeyStore, "k"), 2),
        ]
    }

    #[test]
    fn every_kind_keeps_its_exit_code() {
        for (e, code) in every_kind() {
            assert_eq!(e.exit_code() as u8, code, "{e:?}");
        }
    }

    #[test]
    fn context_keeps_the_kind_and_the_exit_code() {
        for (e, code) in every_kind() {
            let wrapped = e.clone().context("outer").context("outermost");
            assert_eq!(wrapped.exit_code() as u8, code, "{wrapped:?}");
            assert_eq!(wrapped.kind().to_string(), e.to_string());
            assert_eq!(wrapped.refusal(), e.refusal());
        }
        let e: Result<()> = Err(Error::refused(Protected::KeyStore, "k"));
        assert_eq!(
            e.context("x").unwrap_err().refusal(),
            Some(Protected::KeyStore)
        );
        assert_eq!(Error::Usage("u".into()).refusal(), None);
    }

    #[test]
    fn the_chain_prints_as_one_line_outer_first() {
        let e = Error::Config {
            file: "/h/.aws/credentials".into(),
            line: 4,
            message: "bad".into(),
        }
        .context("cannot write [x]")
        .context("write");
        assert_eq!(
            e.to_string(),
            "write: cannot write [x]: /h/.aws/credentials:4: bad"
        );
        let io: std::io::Result<()> = Err(std::io::Error::from(std::io::ErrorKind::NotFound));
        let e = io.with_context(|| "cannot read /x").unwrap_err();
        assert_eq!(e.to_string(), "cannot read /x: entity not found");
        assert!(matches!(e.kind(), Error::Io(_)));
        assert_eq!(e.exit_code(), ExitCode::Failure);
    }

    #[test]
    fn only_exec_command_errors_exit_127() {
        assert_eq!(Error::Command("x".into()).exit_code() as u8, 127);
        for e in [Error::Other("x".into()), Error::Io("x".into())] {
            assert_eq!(e.exit_code(), ExitCode::Failure);
        }
    }
}

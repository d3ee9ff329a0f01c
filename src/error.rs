//! Every way awsmfa can fail, the one-line message each prints, and the exit code of each
//! (listed once, in [`ExitCode`], and documented in the README).

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
        match self {
            Error::Usage(_) => ExitCode::Usage,
            Error::Config { .. } | Error::Profile(_) => ExitCode::Config,
            Error::Auth(_) => ExitCode::Auth,
            Error::Network(_) => ExitCode::Network,
            Error::LoginRequired(_) => ExitCode::LoginRequired,
            Error::Command(_) => ExitCode::CommandNotFound,
            Error::Io(_) | Error::Other(_) => ExitCode::Failure,
        }
    }

    pub fn io(what: impl std::fmt::Display, e: std::io::Error) -> Error {
        Error::Io(format!("{what}: {e}"))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_exec_command_errors_exit_127() {
        assert_eq!(Error::Command("x".into()).exit_code() as u8, 127);
        for e in [Error::Other("x".into()), Error::Io("x".into())] {
            assert_eq!(e.exit_code(), ExitCode::Failure);
        }
    }
}

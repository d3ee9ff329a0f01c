//! Shared integration-test harness: a sandboxed home per test, the moto STS/IAM emulator, a
//! recording proxy and wiremock STS fault responses.
//!
//! Every test module uses only part of this module (`use crate::common::*`), so unused items are
//! expected, not dead code.
#![allow(dead_code)]

pub mod forward_proxy;
#[macro_use]
pub mod moto;
pub mod proxy;
pub mod pty;
pub mod run;
pub mod stub;
pub mod tls_front;

// Re-exported for test files; each uses only some, which is not worth a warning.
#[allow(unused_imports)]
pub use forward_proxy::ForwardProxy;
#[allow(unused_imports)]
pub use moto::{Moto, moto};
#[allow(unused_imports)]
pub use proxy::{LostReply, RecordedRequest, RecordingProxy};
#[allow(unused_imports)]
pub use run::{Output, run_command};
#[allow(unused_imports)]
pub use stub::*;
#[allow(unused_imports)]
pub use tls_front::{TestCa, TlsFront};

use std::ffi::{OsStr, OsString};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// Fake long-lived keys in the shape AWS documents for examples: obviously not real secrets.
pub const FAKE_AKID: &str = "AKIAIOSFODNN7EXAMPLE";
pub const FAKE_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
/// A second fake key id: moto's GetSessionToken always answers with `FAKE_AKID`, so tests that
/// must tell long-lived keys from temporary ones should store this one as the long-lived key.
pub const FAKE_AKID_2: &str = "AKIAI44QH8DHBEXAMPLE";
pub const FAKE_SECRET_2: &str = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";

/// Tests that need a tool (moto, a shell) fail instead of skipping when this is true: under CI
/// (`CI` set) and under scripts/test (`AWSMFA_REQUIRE_TOOLS` set).
pub fn tools_required() -> bool {
    std::env::var_os("CI").is_some() || std::env::var_os("AWSMFA_REQUIRE_TOOLS").is_some()
}

/// The MFA device of the standard fixture.
pub const SERIAL: &str = "arn:aws:iam::123456789012:mfa/alice";

/// The standard fixture: one key profile `identity` with an MFA device and three roles chained
/// to it. The long-lived key is `FAKE_AKID_2`, so it can be told from moto's session key.
pub fn standard_profiles(env: &TestEnv) {
    env.write_config(&format!(
        "[profile identity]\nmfa_serial = {SERIAL}\n\n\
         [profile dev-admin]\nrole_arn = arn:aws:iam::123456789012:role/dev-admin\nsource_profile = identity\nregion = eu-west-1\n\n\
         [profile stage-poweruser]\nrole_arn = arn:aws:iam::123456789012:role/stage-poweruser\nsource_profile = identity\n\n\
         [profile prod-spectator]\nrole_arn = arn:aws:iam::123456789012:role/prod-spectator\nsource_profile = identity\n"
    ));
    env.write_credentials(&format!(
        "[identity]\naws_access_key_id = {FAKE_AKID_2}\naws_secret_access_key = {FAKE_SECRET_2}\n"
    ));
}

/// The standard fixture behind a recording proxy in front of moto; None (test skipped, with
/// the reason printed) when moto is not installed outside CI.
pub fn proxied_fixture() -> Option<(TestEnv, RecordingProxy)> {
    let moto = moto()?;
    let proxy = RecordingProxy::start(&moto.url);
    let env = TestEnv::new().with_endpoint(&proxy.url);
    standard_profiles(&env);
    Some((env, proxy))
}

/// `let x = skip_unless!(maybe);`: the value, or return from the test (already skipped with a
/// printed reason by whatever returned None).
#[macro_export]
macro_rules! skip_unless {
    ($e:expr) => {
        match $e {
            Some(v) => v,
            None => return,
        }
    };
}

/// How long a single `run`/`aws` may take before the test fails instead of hanging CI.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// The Python test tools (moto, AWS CLI, boto3): `$AWSMFA_TEST_VENV` or `<crate>/.venv`, the
/// venv `scripts/test` creates. Read at run time so a CI job can point elsewhere.
pub fn venv_dir() -> PathBuf {
    match std::env::var_os("AWSMFA_TEST_VENV") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv"),
    }
}

pub fn venv_bin() -> PathBuf {
    venv_dir().join("bin")
}

/// The awsmfa binary when this module is compiled into the main crate's integration tests.
/// `option_env!` (not `env!`) so the module also compiles in crates without that binary.
pub fn awsmfa_bin() -> Option<&'static str> {
    option_env!("CARGO_BIN_EXE_awsmfa")
}

/// A throwaway HOME with its own AWS config, credentials and cache, so no test can read or
/// write the developer's real `~/.aws`. Dropping it deletes everything.
pub struct TestEnv {
    dir: tempfile::TempDir,
    pub home: PathBuf,
    pub config: PathBuf,
    pub credentials: PathBuf,
    pub cache: PathBuf,
    bin: Option<PathBuf>,
    endpoint: Option<String>,
    extra_env: Vec<(OsString, OsString)>,
    timeout: Duration,
}

impl TestEnv {
    /// A fresh environment running the awsmfa binary (if this crate has one).
    pub fn new() -> Self {
        Self::build(awsmfa_bin().map(PathBuf::from))
    }

    /// A fresh environment whose `cmd` runs `bin` instead of awsmfa.
    pub fn with_bin(bin: impl Into<PathBuf>) -> Self {
        Self::build(Some(bin.into()))
    }

    fn build(bin: Option<PathBuf>) -> Self {
        let dir = tempfile::Builder::new()
            .prefix("awsmfa-test-")
            .tempdir()
            .expect("create temp dir");
        let home = dir.path().join("home");
        let aws = home.join(".aws");
        let cache = home.join(".cache");
        std::fs::create_dir_all(&aws).expect("create ~/.aws");
        std::fs::create_dir_all(&cache).expect("create ~/.cache");
        TestEnv {
            config: aws.join("config"),
            credentials: aws.join("credentials"),
            cache,
            home,
            dir,
            bin,
            endpoint: None,
            extra_env: Vec::new(),
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// The temp dir root (parent of `home`): a place for scratch files outside HOME.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write_config(&self, text: &str) {
        std::fs::write(&self.config, text).expect("write ~/.aws/config");
    }

    pub fn write_credentials(&self, text: &str) {
        std::fs::write(&self.credentials, text).expect("write ~/.aws/credentials");
    }

    /// Writes a `[default]` credentials section with the fake long-lived keys.
    pub fn write_default_credentials(&self) {
        self.write_credentials(&format!(
            "[default]\naws_access_key_id = {FAKE_AKID}\naws_secret_access_key = {FAKE_SECRET}\n"
        ));
    }

    /// Points STS and IAM at `url` (moto, a proxy or a wiremock stub).
    pub fn with_endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// Adds (or overrides) one variable for every command this environment runs.
    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.extra_env
            .push((key.as_ref().to_owned(), value.as_ref().to_owned()));
        self
    }

    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The binary under test in a cleared environment: only what is set here reaches it, so a
    /// developer's AWS_PROFILE, AWS_ACCESS_KEY_ID or real config can never leak into a test.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let bin = self.bin.as_deref().expect(
            "TestEnv has no binary: this crate has no CARGO_BIN_EXE_awsmfa, use TestEnv::with_bin",
        );
        self.command(bin, args)
    }

    /// The real AWS CLI from the venv with the same environment. awscli v1 ignores AWS_REGION
    /// and insists on AWS_DEFAULT_REGION, so that is added here (and only here).
    pub fn aws_cmd(&self, args: &[&str]) -> Command {
        let mut cmd = self.command(&venv_bin().join("aws"), args);
        cmd.env("AWS_DEFAULT_REGION", "us-east-1");
        // Re-apply the caller's extras so they can override the default region too.
        cmd.envs(self.extra_env.iter().map(|(k, v)| (k, v)));
        cmd
    }

    fn command(&self, program: &Path, args: &[&str]) -> Command {
        let mut path = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
            .collect::<Vec<_>>();
        path.insert(0, venv_bin());
        // Scripts run by tests call `awsmfa` by name, as users do.
        if let Some(dir) = awsmfa_bin().and_then(|b| Path::new(b).parent()) {
            path.insert(0, dir.to_path_buf());
        }
        let path = std::env::join_paths(path).expect("PATH entries contain no ':'");

        let mut cmd = Command::new(program);
        cmd.args(args)
            .env_clear()
            .env("PATH", path)
            .env("HOME", &self.home)
            .env("AWS_CONFIG_FILE", &self.config)
            .env("AWS_SHARED_CREDENTIALS_FILE", &self.credentials)
            .env("XDG_CACHE_HOME", &self.cache)
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_REGION", "us-east-1")
            .env("LANG", "C.UTF-8")
            .current_dir(&self.home)
            .stdin(Stdio::null());
        // A new session has no controlling terminal, so /dev/tty cannot be opened and every
        // test is deterministic whether cargo runs in a terminal or in CI. Tests of the prompt
        // give the binary a terminal on purpose, through `script`.
        // SAFETY: setsid is async-signal-safe and touches no memory of this process.
        unsafe {
            cmd.pre_exec(|| {
                libc::setsid();
                Ok(())
            });
        }
        if let Some(url) = &self.endpoint {
            cmd.env("AWS_ENDPOINT_URL_STS", url)
                .env("AWS_ENDPOINT_URL_IAM", url);
        }
        cmd.envs(self.extra_env.iter().map(|(k, v)| (k, v)));
        cmd
    }

    /// `program args...` in this environment (awsmfa on PATH), not started yet.
    pub fn program_cmd(&self, program: &Path, args: &[&str]) -> Command {
        self.command(program, args)
    }

    /// Runs the binary under test to completion (stdin empty).
    pub fn run(&self, args: &[&str]) -> Output {
        run_command(self.cmd(args), None, self.timeout)
    }

    /// Runs the binary under test with `input` on stdin (e.g. an MFA code at a prompt).
    pub fn run_stdin(&self, args: &[&str], input: &str) -> Output {
        run_command(self.cmd(args), Some(input.as_bytes()), self.timeout)
    }

    /// Runs the real AWS CLI with fake admin keys of its own (not a profile of this HOME): for
    /// setting up moto's IAM users, keys and MFA devices.
    pub fn aws_admin(&self, args: &[&str]) -> Output {
        let mut cmd = self.aws_cmd(args);
        cmd.env("AWS_ACCESS_KEY_ID", FAKE_AKID)
            .env("AWS_SECRET_ACCESS_KEY", FAKE_SECRET)
            .env("AWS_CONFIG_FILE", "/dev/null")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        run_command(cmd, None, self.timeout)
    }

    /// Runs `program args...` (a shell, a script) in this environment, with awsmfa on PATH.
    pub fn run_program(&self, program: &str, args: &[&str]) -> Output {
        run_command(self.command(Path::new(program), args), None, self.timeout)
    }

    /// The cache files awsmfa wrote, sorted by name.
    pub fn cache_files(&self, prefix: &str) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.cache.join("awsmfa"))
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.retain(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with(prefix) && name.ends_with(".json")
        });
        files.sort();
        files
    }

    /// Runs the real AWS CLI, e.g. `env.aws(&["sts", "get-caller-identity"])`.
    pub fn aws(&self, args: &[&str]) -> Output {
        run_command(self.aws_cmd(args), None, self.timeout)
    }
}

impl Default for TestEnv {
    fn default() -> Self {
        Self::new()
    }
}

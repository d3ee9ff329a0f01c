//! Secrets in memory: a crash while awsmfa holds long-lived keys must not leave them in a core
//! file (issue 17.5).

use std::os::unix::process::CommandExt;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::*;
use wiremock::{Mock, MockServer};

/// `ulimit -c unlimited` for the child, as a user debugging something would have it.
fn allow_core_dumps(cmd: &mut std::process::Command) {
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let unlimited = libc::rlimit {
                rlim_cur: libc::RLIM_INFINITY,
                rlim_max: libc::RLIM_INFINITY,
            };
            if libc::setrlimit(libc::RLIMIT_CORE, &unlimited) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_crash_during_an_sts_call_leaves_no_core_file() {
    let server = MockServer::start().await;
    // GetSessionToken hangs: awsmfa has read the long-lived keys and the code, and waits.
    Mock::given(action("GetSessionToken"))
        .respond_with(
            sts_session_token_xml(
                "ASIASESSIONEXAMPLE01",
                "sessionSecretExample/0000000000000000000",
                "sessionTokenExample",
                &rfc3339_from_now(43_200),
            )
            .set_delay(Duration::from_secs(30)),
        )
        .mount(&server)
        .await;
    let env = TestEnv::new().with_endpoint(server.uri());
    standard_profiles(&env);
    let cwd = tempfile::tempdir().unwrap();
    let mut cmd = env.cmd(&["env", "identity", "-c", "123456", "--shell", "bash"]);
    cmd.current_dir(cwd.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    allow_core_dumps(&mut cmd);
    let mut child = cmd.spawn().unwrap();
    let started = Instant::now();
    while server
        .received_requests()
        .await
        .unwrap_or_default()
        .is_empty()
    {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "awsmfa never called STS"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let limits = std::fs::read_to_string(format!("/proc/{}/limits", child.id())).unwrap();
    let core_line = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .unwrap()
        .to_string();
    // SAFETY: plain kill(2) on our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGABRT) };
    let status = child.wait().unwrap();
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&status),
        Some(libc::SIGABRT),
        "{status:?}"
    );
    // "Max core file size  SOFT  HARD  bytes": the soft limit is the one the kernel applies.
    assert_eq!(
        core_line.split_whitespace().nth(4),
        Some("0"),
        "core dumps still allowed: {core_line}"
    );
    // Where the kernel writes cores into the working directory, look for one too.
    let pattern = std::fs::read_to_string("/proc/sys/kernel/core_pattern").unwrap_or_default();
    if pattern.starts_with('|') {
        eprintln!("core_pattern pipes to {pattern:?}: checked the limit only");
        return;
    }
    let cores: Vec<_> = std::fs::read_dir(cwd.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .collect();
    assert!(cores.is_empty(), "core file written: {cores:?}");
}

#[test]
fn the_command_exec_runs_gets_the_users_core_limit_back() {
    let env = TestEnv::new();
    env.write_credentials(
        "[temp]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = fakeSecretEXAMPLE\naws_session_token = fakeTokenEXAMPLE\n",
    );
    let mut cmd = env.cmd(&["exec", "temp", "--", "sh", "-c", "ulimit -c"]);
    allow_core_dumps(&mut cmd);
    let out = run_command(cmd, None, Duration::from_secs(30));
    out.assert_success();
    assert_eq!(out.stdout.trim(), "unlimited", "{out}");
}

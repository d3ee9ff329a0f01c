//! The completion scripts checked into completions/ are exactly what the binary generates: this
//! fails when a flag or command changes and they were not regenerated
//! (`AWSMFA_UPDATE_COMPLETIONS=1 cargo test --test it completions` rewrites them).

use std::path::Path;

#[test]
fn checked_in_completions_are_current() {
    let bin = crate::common::awsmfa_bin().expect("awsmfa binary");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let mut stale = Vec::new();
    for (shell, file) in [
        ("bash", "awsmfa.bash"),
        ("zsh", "_awsmfa"),
        ("fish", "awsmfa.fish"),
        ("powershell", "_awsmfa.ps1"),
        ("elvish", "awsmfa.elv"),
        ("nu", "awsmfa.nu"),
    ] {
        let out = std::process::Command::new(bin)
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success(), "completions {shell} failed");
        assert!(String::from_utf8_lossy(&out.stdout).contains("awsmfa"));
        let path = dir.join(file);
        if std::env::var_os("AWSMFA_UPDATE_COMPLETIONS").is_some() {
            std::fs::write(&path, &out.stdout).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(&out.stdout[..]) {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "stale completions {stale:?}: run AWSMFA_UPDATE_COMPLETIONS=1 cargo test --test it completions"
    );
}

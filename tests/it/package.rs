//! The Debian package (`cargo deb`, metadata in Cargo.toml): built from the test build, it holds
//! the binary, the man pages and the completions (completions/, what `awsmfa completions SHELL`
//! prints) where bash, zsh and fish look for them, and bash completes a profile name with
//! nothing but the unpacked files.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `program` on PATH.
fn which(program: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

/// Whether `cargo deb` and `dpkg-deb` are here; a missing one skips the test locally (with the
/// reason) and fails it under CI.
fn packaging_tools(cargo: &str) -> bool {
    let cargo_deb = Command::new(cargo)
        .args(["deb", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    let missing: Vec<&str> = [
        (!cargo_deb).then_some("cargo-deb (cargo install cargo-deb)"),
        which("dpkg-deb").is_none().then_some("dpkg-deb"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        !tools_required(),
        "missing {missing:?} (scripts/test installs them)"
    );
    eprintln!("skipping: missing {missing:?}");
    false
}

#[test]
fn the_debian_package_installs_what_each_shell_and_man_need() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    if !packaging_tools(&cargo) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let deb = tmp.path().join("awsmfa.deb");
    // The binary of this test build (target/debug), not a release build: CI compiles nothing
    // more for the package. cargo-deb strips it. `--fast`: light compression.
    let out = Command::new(&cargo)
        .args(["deb", "--no-build", "--profile", "dev", "--fast", "-o"])
        .arg(&deb)
        .current_dir(repo())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "cargo deb failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listing = Command::new("dpkg-deb")
        .arg("-c")
        .arg(&deb)
        .output()
        .unwrap();
    assert!(listing.status.success());
    let listing = String::from_utf8_lossy(&listing.stdout);
    for path in [
        "./usr/bin/awsmfa",
        "./usr/share/man/man1/awsmfa.1.gz",
        "./usr/share/man/man1/awsmfa-env.1.gz",
        "./usr/share/man/man1/awsmfa-store-import.1.gz",
        "./usr/share/bash-completion/completions/awsmfa",
        "./usr/share/zsh/vendor-completions/_awsmfa",
        "./usr/share/fish/vendor_completions.d/awsmfa.fish",
    ] {
        assert!(
            listing.lines().any(|l| l.ends_with(&format!(" {path}"))),
            "{path} not in the package:\n{listing}"
        );
    }
    let man_pages = listing
        .lines()
        .filter(|l| l.contains("/usr/share/man/man1/") && l.ends_with(".1.gz"))
        .count();
    let checked_in = std::fs::read_dir(repo().join("man")).unwrap().count();
    assert_eq!(man_pages, checked_in, "{listing}");

    let root = tmp.path().join("root");
    let unpacked = Command::new("dpkg-deb")
        .arg("-x")
        .arg(&deb)
        .arg(&root)
        .status()
        .unwrap();
    assert!(unpacked.success());
    for (file, shipped) in [
        (
            "usr/share/zsh/vendor-completions/_awsmfa",
            "completions/_awsmfa",
        ),
        (
            "usr/share/fish/vendor_completions.d/awsmfa.fish",
            "completions/awsmfa.fish",
        ),
        (
            "usr/share/bash-completion/completions/awsmfa",
            "completions/awsmfa.bash",
        ),
    ] {
        assert_eq!(
            std::fs::read(root.join(file)).unwrap(),
            std::fs::read(repo().join(shipped)).unwrap(),
            "{file}"
        );
    }

    // bash completes a profile name with only the unpacked binary and completion file: a PATH
    // without the build directory, the file sourced as bash-completion would.
    let env = TestEnv::new();
    standard_profiles(&env);
    let bin_dir = root.join("usr/bin");
    let script = r#"
        [ "$(command -v awsmfa)" = "$AWSMFA_EXPECTED" ] || { echo "wrong awsmfa: $(command -v awsmfa)"; exit 1; }
        source "$1"
        COMP_WORDS=(awsmfa env dev-a); COMP_CWORD=2; COMP_LINE='awsmfa env dev-a'; COMP_POINT=${#COMP_LINE}
        complete -p awsmfa
        _awsmfa awsmfa dev-a env
        printf 'reply:%s\n' "${COMPREPLY[@]}"
    "#;
    let out = Command::new("bash")
        .args(["--noprofile", "--norc", "-e", "-u", "-c", script, "bash"])
        .arg(root.join("usr/share/bash-completion/completions/awsmfa"))
        .env_clear()
        .env("PATH", format!("{}:/usr/bin:/bin", bin_dir.display()))
        .env("AWSMFA_EXPECTED", bin_dir.join("awsmfa"))
        .env("HOME", &env.home)
        .env("AWS_CONFIG_FILE", &env.config)
        .env("AWS_SHARED_CREDENTIALS_FILE", &env.credentials)
        .env("XDG_CACHE_HOME", &env.cache)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("-F _awsmfa awsmfa"), "{stdout}");
    assert!(
        stdout.lines().any(|l| l == "reply:dev-admin"),
        "{stdout}\n{stderr}"
    );
    assert!(stderr.is_empty(), "{stderr}");

    // The packaged binary runs, and man reads the packaged (gzipped) pages.
    let version = Command::new(bin_dir.join("awsmfa"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(version.status.success());
    if which("man").is_some() {
        let page = Command::new("man")
            .arg("-l")
            .arg(root.join("usr/share/man/man1/awsmfa-env.1.gz"))
            .env("MANWIDTH", "80")
            .output()
            .unwrap();
        assert!(
            String::from_utf8_lossy(&page.stdout).contains("awsmfa-env"),
            "{page:?}"
        );
    }
}

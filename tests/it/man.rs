//! The manual pages checked into man/ are exactly what clap_mangen makes of the clap
//! definition (`awsmfa.1` and one page per subcommand), and `man` renders each without a
//! warning. `AWSMFA_UPDATE_MAN=1 cargo test --test it man` rewrites them.

use std::collections::BTreeMap;
use std::path::Path;

use awsmfa_cli::cli::Cli;
use clap::CommandFactory;

use crate::common::tools_required;

/// File name -> page, as clap_mangen generates them.
fn generated() -> BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    clap_mangen::generate_to(Cli::command(), dir.path()).unwrap();
    std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn man_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("man")
}

#[test]
fn checked_in_man_pages_are_current() {
    let pages = generated();
    assert!(pages.contains_key("awsmfa.1"), "{:?}", pages.keys());
    for sub in ["env", "exec", "store", "store-import", "completions"] {
        assert!(pages.contains_key(&format!("awsmfa-{sub}.1")), "{sub}");
    }
    assert!(
        !pages.keys().any(|p| p.contains("__")),
        "hidden commands get no page"
    );
    let dir = man_dir();
    if std::env::var_os("AWSMFA_UPDATE_MAN").is_some() {
        if dir.exists() {
            std::fs::remove_dir_all(&dir).unwrap();
        }
        std::fs::create_dir_all(&dir).unwrap();
        for (name, page) in &pages {
            std::fs::write(dir.join(name), page).unwrap();
        }
    }
    let checked_in: BTreeMap<String, Vec<u8>> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.map(|e| {
                let e = e.unwrap();
                let page = std::fs::read(e.path()).unwrap();
                (e.file_name().to_string_lossy().into_owned(), page)
            })
            .collect()
        })
        .unwrap_or_default();
    let stale: Vec<&String> = pages
        .keys()
        .chain(checked_in.keys())
        .filter(|name| pages.get(*name) != checked_in.get(*name))
        .collect();
    assert!(
        stale.is_empty(),
        "stale man pages {stale:?}: run AWSMFA_UPDATE_MAN=1 cargo test --test it man"
    );
}

#[test]
fn man_renders_every_page_without_warnings() {
    if which("man").is_none() {
        assert!(
            !tools_required(),
            "man is not installed (scripts/test installs man-db)"
        );
        eprintln!("skipping: man is not installed (apt-get install man-db)");
        return;
    }
    for (name, _) in generated() {
        let out = std::process::Command::new("man")
            .args(["--warnings", "-l"])
            .arg(man_dir().join(&name))
            .env("MANWIDTH", "80")
            .env("LANG", "C.UTF-8")
            .env_remove("MANPAGER")
            .env_remove("PAGER")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let warnings = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{name}: {warnings}");
        assert!(warnings.is_empty(), "{name}: {warnings}");
        let title = name.trim_end_matches(".1");
        assert!(text.contains(title), "{name}:\n{text}");
        assert!(text.contains("Example: "), "{name} has no example:\n{text}");
    }
}

fn which(program: &str) -> Option<std::path::PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

//! Which profiles have keys in the store: the store directory listed once, on first use, and
//! every lookup answered from that list (a chain looks up several profiles, `list` all of them;
//! none of them costs a `stat`).

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use super::{keys_dir, profile_of};

/// The store's files by profile, read lazily. Made per run (a [`crate::config::Config`] holds
/// one); a check under the store lock makes a fresh one, to see what another process wrote.
#[derive(Debug)]
pub struct Index {
    /// `None`: no store at all (a configuration built in memory).
    dir: Option<PathBuf>,
    /// Sorted by profile.
    entries: OnceCell<Vec<(String, PathBuf)>>,
}

impl Index {
    /// The store in `~/.aws/awsmfa/keys`; nothing is read until the first lookup.
    pub fn open() -> Index {
        Index::at(keys_dir())
    }

    /// The store in `dir`; nothing is read until the first lookup.
    pub fn at(dir: PathBuf) -> Index {
        Index {
            dir: Some(dir),
            entries: OnceCell::new(),
        }
    }

    /// No store: every lookup misses, nothing is read.
    pub fn none() -> Index {
        Index {
            dir: None,
            entries: OnceCell::new(),
        }
    }

    /// The store file of `profile`, when there is one.
    pub fn find(&self, profile: &str) -> Option<PathBuf> {
        let entries = self.list();
        entries
            .binary_search_by(|(p, _)| p.as_str().cmp(profile))
            .ok()
            .map(|i| entries[i].1.clone())
    }

    /// Every profile in the store with its file, sorted by name.
    pub fn list(&self) -> &[(String, PathBuf)] {
        self.entries
            .get_or_init(|| self.dir.as_deref().map(scan).unwrap_or_default())
    }
}

/// The store files in `dir` (regular files, or links to them, with a store file name): one
/// directory listing, and a `stat` only for a link.
fn scan(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let profile = profile_of(e.file_name().to_str()?)?;
            let kind = e.file_type().ok()?;
            let file = kind.is_file()
                || (kind.is_symlink() && std::fs::metadata(e.path()).is_ok_and(|m| m.is_file()));
            file.then(|| (profile, e.path()))
        })
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::file_name;

    #[test]
    fn the_index_finds_and_lists_store_files_only() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["dev", "team/dev", "a"] {
            std::fs::write(dir.path().join(file_name(name)), "x").unwrap();
        }
        std::fs::write(dir.path().join(".dev.age.lock"), "").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "").unwrap();
        std::fs::create_dir(dir.path().join(file_name("a-dir"))).unwrap();
        std::os::unix::fs::symlink(
            dir.path().join(file_name("dev")),
            dir.path().join(file_name("linked")),
        )
        .unwrap();
        std::os::unix::fs::symlink("/nonexistent", dir.path().join(file_name("dangling"))).unwrap();
        let index = Index::at(dir.path().to_path_buf());
        let names: Vec<&str> = index.list().iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(names, ["a", "dev", "linked", "team/dev"]);
        assert_eq!(
            index.find("team/dev"),
            Some(dir.path().join("team%2Fdev.age"))
        );
        for missing in ["", "a-dir", "dangling", "nobody", "notes"] {
            assert_eq!(index.find(missing), None, "{missing}");
        }
    }

    #[test]
    fn the_directory_is_listed_once() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::at(dir.path().to_path_buf());
        assert_eq!(index.find("dev"), None);
        // Written after the first lookup: this index does not see it, a fresh one does.
        std::fs::write(dir.path().join(file_name("dev")), "x").unwrap();
        assert_eq!(index.find("dev"), None);
        assert!(Index::at(dir.path().to_path_buf()).find("dev").is_some());
        assert!(Index::none().list().is_empty());
        assert!(Index::at(dir.path().join("missing")).list().is_empty());
    }
}

//! `cargo bench`: the pure functions on awsmfa's warm path, timed in-process so a regression
//! shows up in review without moto or a shell. A small harness (`harness = false`, std::time
//! and `black_box`), not criterion: criterion's dependency tree would cost more to compile
//! than everything measured here.
//!
//! `cargo bench` runs all; `cargo bench -- quote` runs those whose name contains `quote`.
//! Each benchmark runs in batches of about 10 ms; the line shows the median time per call over
//! the batches, and the fastest batch.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use awsmfa_cli::cache::{Cache, Entry, FORMAT_VERSION, Key};
use awsmfa_cli::config::Config;
use awsmfa_cli::creds::{Credentials, from_unix};
use awsmfa_cli::ini::IniFile;
use awsmfa_cli::render::{self, ShellKind};

/// A config file with `n` profiles: `n - 2` filler roles, then the key profile and the role the
/// benchmarks resolve, last, so an index or lookup that scans pays for every section.
fn config_text(n: usize) -> String {
    let mut s = String::with_capacity(n * 160);
    for i in 0..n.saturating_sub(2) {
        s.push_str(&format!(
            "[profile team-{i:05}]\nrole_arn = arn:aws:iam::{:012}:role/team-{i:05}\nsource_profile = identity\nregion = eu-west-1\n\n",
            100_000_000_000u64 + i as u64
        ));
    }
    s.push_str("[profile identity]\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\n\n");
    s.push_str("[profile dev-admin]\nrole_arn = arn:aws:iam::123456789012:role/dev-admin\nsource_profile = identity\nregion = eu-west-1\n");
    s
}

const CREDENTIALS: &str = "[identity]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";

fn creds() -> Credentials {
    Credentials {
        access_key_id: "ASIAIOSFODNN7EXAMPLE".into(),
        secret_access_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
        // A session token of realistic length (STS tokens run to several hundred characters).
        session_token: Some("FwoGZXIvYXdzEBYaDH".repeat(40)),
        expiration: Some(from_unix(2_000_000_000)),
    }
}

/// A hostile value: every quoting rule of every shell gets exercised.
const HOSTILE: &str = "it's $(id) `id` \\ \"x\" \n ‘curly’ ü€😀 %PATH% ${HOME} !! ' '";

struct Runner {
    filter: Option<String>,
    ran: usize,
}

impl Runner {
    fn bench<T>(&mut self, name: &str, mut f: impl FnMut() -> T) {
        if self.filter.as_deref().is_some_and(|p| !name.contains(p)) {
            return;
        }
        self.ran += 1;
        // Calibrate: how many calls make a ~10 ms batch.
        let mut per_batch = 1u64;
        loop {
            let t = Instant::now();
            for _ in 0..per_batch {
                black_box(f());
            }
            if t.elapsed() >= Duration::from_millis(10) || per_batch >= 1 << 30 {
                break;
            }
            per_batch *= 2;
        }
        let mut samples: Vec<f64> = (0..25)
            .map(|_| {
                let t = Instant::now();
                for _ in 0..per_batch {
                    black_box(f());
                }
                t.elapsed().as_nanos() as f64 / per_batch as f64
            })
            .collect();
        samples.sort_by(f64::total_cmp);
        println!(
            "{name:<44} {:>12}/call  (fastest batch {}, {} calls x 25 batches)",
            show(samples[samples.len() / 2]),
            show(samples[0]),
            per_batch
        );
    }
}

fn show(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.3} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.1} ns")
    }
}

fn main() {
    // `cargo bench -- NAME` passes NAME (and `--bench`); the first non-flag argument filters.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let mut r = Runner { filter, ran: 0 };

    // Config: index the sections of the file, then resolve the chain the warm path resolves.
    for n in [3usize, 10_000] {
        let text = config_text(n);
        let bytes = text.len();
        // `parse` takes the text by value: this copy is part of every `config/index` figure.
        r.bench(
            &format!("config/copy of the text ({} KB)", bytes / 1024),
            || black_box(text.clone()),
        );
        r.bench(
            &format!("config/index {n} profiles ({} KB)", bytes / 1024),
            || IniFile::parse(Path::new("config"), black_box(text.clone())).unwrap(),
        );
        let config = Config::new(
            Some(IniFile::parse(Path::new("config"), text.clone()).unwrap()),
            Some(IniFile::parse(Path::new("credentials"), CREDENTIALS.to_string()).unwrap()),
        );
        // The same Config again: its profiles are looked up once, so this is the memoized chain.
        r.bench(&format!("config/chain dev-admin of {n} profiles"), || {
            config.chain(black_box("dev-admin")).unwrap()
        });
        r.bench(&format!("config/index+chain {n} profiles"), || {
            let config = Config::new(
                Some(IniFile::parse(Path::new("config"), black_box(text.clone())).unwrap()),
                Some(IniFile::parse(Path::new("credentials"), CREDENTIALS.to_string()).unwrap()),
            );
            config.chain("dev-admin").unwrap()
        });
    }

    // Quoting: one hostile value, and the whole export script, per shell.
    r.bench("quote/posix hostile value", || {
        render::posix::quote(black_box(HOSTILE))
    });
    r.bench("quote/fish hostile value", || {
        render::fish::quote(black_box(HOSTILE))
    });
    r.bench("quote/powershell hostile value", || {
        render::powershell::quote(black_box(HOSTILE))
    });
    r.bench("quote/dotenv hostile value", || {
        render::dotenv::quote(black_box(HOSTILE))
    });
    let c = creds();
    for shell in [ShellKind::Bash, ShellKind::Fish, ShellKind::PowerShell] {
        r.bench(&format!("render/exports {}", shell.name()), || {
            let vars = render::export_set(black_box(&c), "dev-admin", Some("eu-west-1"));
            render::shell_exports(shell, &vars)
        });
    }
    r.bench("render/credential_process json", || {
        render::json::credential_process(black_box(&c))
    });

    // Cache: the key hash, and reading + parsing one entry from disk (page cache).
    r.bench("cache/key (sha256)", || {
        Key::new(
            awsmfa_cli::cache::Kind::Role,
            black_box(&[
                "AKIAIOSFODNN7EXAMPLE",
                "arn:aws:iam::123456789012:mfa/alice",
                "session",
                "arn:aws:iam::123456789012:role/dev-admin",
                "awsmfa-bench",
                "",
            ]),
        )
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = Cache::at(dir.path().join("awsmfa"));
    let key = Key::new(
        awsmfa_cli::cache::Kind::Role,
        &["AKIAIOSFODNN7EXAMPLE", "bench"],
    );
    let entry = Entry {
        version: FORMAT_VERSION,
        kind: "role".into(),
        profile: "dev-admin".into(),
        credentials: creds(),
        created: from_unix(1_900_000_000),
    };
    cache.put(&key, &entry).expect("cache write");
    r.bench("cache/read entry", || cache.get(black_box(&key)).unwrap());
    let json = serde_json::to_vec_pretty(&entry).unwrap();
    r.bench("cache/parse entry json (no I/O)", || {
        serde_json::from_slice::<Entry>(black_box(&json)).unwrap()
    });

    // The prompt segment.
    r.bench("prompt/segment", || {
        awsmfa_cli::prompt::segment(
            black_box(Some("dev-admin")),
            black_box(Some("2000000000")),
            1_999_997_000,
            awsmfa_cli::prompt::DEFAULT_FORMAT,
            600,
        )
    });

    if r.ran == 0 {
        eprintln!("no benchmark matches the filter");
    }
}

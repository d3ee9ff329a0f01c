//! The layout holds (issue 11): the modules of `src/` form no cycle, no source file grows past
//! 400 code lines, and the README's module map names every module and nothing that is gone.
//!
//! The module graph is read from the sources the way a reviewer would: a top-level module
//! (`src/x.rs` or `src/x/`) depends on `y` when its non-test code names `crate::y`, alone or in
//! a `use crate::{y, …}` group. Test code (`#[cfg(test)] mod tests`, `tests.rs`, the fake AWS)
//! may reach anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_CODE_LINES: usize = 400;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The modules `lib.rs` compiles only for tests (`#[cfg(test)] mod fake;`).
fn test_only_modules() -> BTreeSet<String> {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    let lines: Vec<&str> = lib.lines().map(str::trim).collect();
    lines
        .windows(2)
        .filter(|w| w[0] == "#[cfg(test)]")
        .filter_map(|w| w[1].strip_prefix("mod ").or(w[1].strip_prefix("pub mod ")))
        .map(|m| m.trim_end_matches(';').to_string())
        .collect()
}

/// The top-level module a file belongs to (`src/session/plan.rs` → `session`), or `None` for
/// the crate roots.
fn module_of(path: &Path) -> Option<String> {
    let rel = path.strip_prefix(src()).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    let name = first.trim_end_matches(".rs").to_string();
    (name != "lib" && name != "main").then_some(name)
}

/// The text of a file without its test module (everything from `#[cfg(test)]` followed by a
/// `mod` line on).
fn non_test_code(text: &str) -> &str {
    let mut offset = 0;
    let mut previous_was_cfg_test = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if previous_was_cfg_test && (trimmed.starts_with("mod ") || trimmed.starts_with("pub mod "))
        {
            let cfg_line_start = text[..offset].trim_end_matches('\n').rfind('\n');
            return &text[..cfg_line_start.map_or(0, |i| i + 1)];
        }
        previous_was_cfg_test = trimmed == "#[cfg(test)]";
        offset += line.len();
    }
    text
}

fn is_test_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "tests.rs")
        || path.components().any(|c| c.as_os_str() == "tests")
}

/// The top-level modules a piece of code names through `crate::`.
fn crate_references(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        for (i, _) in line.match_indices("crate::") {
            // `awsmfa_crate::` or `$crate::` are other things.
            let before = line[..i].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
                continue;
            }
            let rest = &line[i + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                for item in group.split(',') {
                    let name: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        out.insert(name);
                    }
                }
            } else {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        }
    }
    out
}

fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let test_only = test_only_modules();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in rust_files(&src()) {
        let Some(module) = module_of(&path) else {
            continue;
        };
        if test_only.contains(&module) || is_test_file(&path) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let deps = graph.entry(module.clone()).or_default();
        for target in crate_references(non_test_code(&text)) {
            if target != module && !test_only.contains(&target) {
                deps.insert(target);
            }
        }
    }
    graph
}

/// One cycle of the graph, if it has any (depth-first search, colours).
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_string(), 1);
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            match state.get(next.as_str()).copied().unwrap_or(0) {
                0 => {
                    if let Some(cycle) = visit(next, graph, state, path) {
                        return Some(cycle);
                    }
                }
                1 => {
                    let start = path.iter().position(|n| n == next).unwrap();
                    let mut cycle = path[start..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(node.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if state.get(node.as_str()).copied().unwrap_or(0) == 0
            && let Some(cycle) = visit(node, graph, &mut state, &mut Vec::new())
        {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn the_modules_form_no_cycle() {
    let graph = module_graph();
    assert!(graph.len() > 10, "found too few modules: {graph:?}");
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "module cycle: {}\nthe graph:\n{}",
            cycle.join(" -> "),
            graph
                .iter()
                .map(|(m, d)| format!(
                    "  {m} -> {}",
                    d.iter().cloned().collect::<Vec<_>>().join(", ")
                ))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

#[test]
fn the_cycle_check_sees_grouped_and_plain_references() {
    let code = "use crate::{config, store::find};\nfn f() { crate::cache::open(); }\n// crate::ui\nlet s = \"$crate::x\";\n";
    let refs = crate_references(code);
    assert_eq!(
        refs.into_iter().collect::<Vec<_>>(),
        ["cache", "config", "store"]
    );
    let mut graph = BTreeMap::new();
    graph.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    graph.insert("b".to_string(), BTreeSet::from(["c".to_string()]));
    graph.insert("c".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(find_cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
    graph.insert("c".to_string(), BTreeSet::new());
    assert_eq!(find_cycle(&graph), None);
    let text = "fn a() {}\n\n#[cfg(test)]\nmod tests {\n    use crate::x;\n}\n";
    assert_eq!(non_test_code(text), "fn a() {}\n\n");
}

/// Non-blank, non-comment lines before the test module.
fn code_lines(text: &str) -> usize {
    non_test_code(text)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .count()
}

#[test]
fn no_source_file_is_over_400_code_lines() {
    let test_only = test_only_modules();
    let mut too_big = Vec::new();
    for path in rust_files(&src()) {
        if is_test_file(&path) || module_of(&path).is_some_and(|m| test_only.contains(&m)) {
            continue;
        }
        let lines = code_lines(&std::fs::read_to_string(&path).unwrap());
        if lines > MAX_CODE_LINES {
            too_big.push(format!(
                "{} has {lines} code lines",
                path.strip_prefix(src()).unwrap().display()
            ));
        }
    }
    assert!(
        too_big.is_empty(),
        "split these files:\n{}",
        too_big.join("\n")
    );
}

/// The `src/...` entries of the README's module map (the code block under "Development"), in
/// their order.
fn readme_module_order() -> Vec<String> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let dev = &readme[readme
        .find("\n## Development\n")
        .expect("README has a Development section")..];
    let block = dev.split("```").nth(1).expect("a module map code block");
    block
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter_map(|entry| entry.strip_prefix("src/"))
        .map(|entry| {
            entry
                .trim_end_matches('/')
                .trim_end_matches(".rs")
                .to_string()
        })
        .collect()
}

#[test]
fn the_readme_module_map_names_every_module_and_nothing_else() {
    let test_only = test_only_modules();
    let modules: BTreeSet<String> = rust_files(&src())
        .iter()
        .filter_map(|p| module_of(p))
        .filter(|m| !test_only.contains(m))
        .chain(["main".to_string(), "lib".to_string()])
        .collect();
    let map = readme_module_map();
    let missing: Vec<_> = modules
        .iter()
        .filter(|m| !map.contains(*m) && *m != "lib")
        .collect();
    let gone: Vec<_> = map.iter().filter(|m| !modules.contains(*m)).collect();
    assert!(
        missing.is_empty() && gone.is_empty(),
        "README module map: missing {missing:?}, names modules that do not exist {gone:?}"
    );
}

fn readme_module_map() -> BTreeSet<String> {
    readme_module_order().into_iter().collect()
}

/// The map is also the layering: a module may use only the modules listed after it, so a
/// reader can take the modules from the bottom up, and a new dependency upwards is a decision
/// made in the README, not by accident.
#[test]
fn each_module_uses_only_modules_below_it_in_the_readme_map() {
    let order = readme_module_order();
    let rank = |m: &str| order.iter().position(|o| o == m);
    let mut upwards = Vec::new();
    for (module, deps) in module_graph() {
        let Some(mine) = rank(&module) else { continue };
        for dep in deps {
            if rank(&dep).is_some_and(|theirs| theirs < mine) {
                upwards.push(format!("{module} -> {dep}"));
            }
        }
    }
    assert!(
        upwards.is_empty(),
        "these modules use one listed above them in the README's module map (move the line, or \
         the code): {}",
        upwards.join(", ")
    );
}

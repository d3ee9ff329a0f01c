//! Where a profile name can be typed: derived from the clap definition, for the completion
//! tests that type a hostile profile name into every shell at every such place.

use clap::Command;

use super::{command_tree, takes_profile};

/// Every place a profile name can be typed, as the words that come before it: one entry per
/// subcommand with a PROFILE positional, and for each profile option the shortest command
/// line that takes it. The completion test types each of these in every shell.
pub fn profile_slots() -> Vec<Vec<String>> {
    fn walk(
        cmd: &Command,
        path: &mut Vec<String>,
        out: &mut Vec<Vec<String>>,
        seen: &mut Vec<String>,
    ) {
        for arg in cmd.get_arguments() {
            if arg.is_hide_set() || !takes_profile(arg) {
                continue;
            }
            if arg.is_positional() {
                out.push(path.clone());
            } else if !seen.contains(&arg.get_id().to_string()) {
                seen.push(arg.get_id().to_string());
                let flag = arg
                    .get_long()
                    .map(|l| format!("--{l}"))
                    .unwrap_or_else(|| format!("-{}", arg.get_short().unwrap_or('?')));
                let mut words = path.clone();
                words.push(flag);
                out.push(words);
                if let Some(s) = arg.get_short() {
                    let mut words = path.clone();
                    words.push(format!("-{s}"));
                    out.push(words);
                }
            }
        }
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            path.push(sub.get_name().to_string());
            walk(sub, path, out, seen);
            path.pop();
        }
    }
    let root = command_tree();
    let mut out = Vec::new();
    walk(&root, &mut Vec::new(), &mut out, &mut Vec::new());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slots_cover_the_commands_that_take_a_profile() {
        let slots: Vec<String> = profile_slots().iter().map(|s| s.join(" ")).collect();
        for want in [
            "env",
            "use",
            "exec",
            "credential-process",
            "write",
            "set-default",
            "console",
            "rotate",
            "clear",
            "login",
            "logout",
            "serve",
            "store add",
            "store import",
            "--profile",
        ] {
            assert!(slots.contains(&want.to_string()), "{want}: {slots:?}");
        }
    }
}

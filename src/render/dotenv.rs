pub fn set_var(n: &str, v: &str) -> String {
    format!("{n}={v}\n")
}
pub fn unset_var(n: &str) -> String {
    format!("unset {n}\n")
}

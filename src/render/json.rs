pub fn credential_process(c: &crate::creds::Credentials) -> String {
    format!("{c:?}")
}

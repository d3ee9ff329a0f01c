//! The AWS `credential_process` JSON document (`Version` 1) that SDKs and the CLI read from a
//! process's standard output.

use crate::creds::{Credentials, ProcessDocument};

/// `{"Version":1,"AccessKeyId":…,"SecretAccessKey":…,"SessionToken":…,"Expiration":…}` and a
/// newline. `SessionToken` and `Expiration` are left out when absent (long-lived keys, which
/// the SDKs then treat as never expiring). Keys are in the order the AWS documentation shows.
pub fn credential_process(creds: &Credentials) -> String {
    ProcessDocument::of(creds).to_line()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::creds::from_unix;
    use serde_json::Value;

    fn creds(token: Option<&str>, exp: Option<i64>) -> Credentials {
        Credentials {
            access_key_id: "ASIAFAKEKEYID0000001".into(),
            secret_access_key: "fake/secret+\"quoted\"\\\n\u{1}ü".into(),
            session_token: token.map(str::to_string),
            expiration: exp.map(from_unix),
        }
    }

    #[test]
    fn full_document_parses_back() {
        let c = creds(Some("tok\"en/+="), Some(1_795_000_000));
        let out = credential_process(&c);
        assert!(out.ends_with("}\n"));
        assert_eq!(out.lines().count(), 1);
        assert!(out.starts_with("{\"Version\":1,\"AccessKeyId\":"));
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["Version"], 1);
        assert_eq!(v["AccessKeyId"], c.access_key_id.as_str());
        assert_eq!(v["SecretAccessKey"], c.secret_access_key.as_str());
        assert_eq!(v["SessionToken"], "tok\"en/+=");
        assert_eq!(v["Expiration"], "2026-11-18T11:06:40Z");
        assert_eq!(v.as_object().unwrap().len(), 5);
    }

    #[test]
    fn long_lived_keys_omit_token_and_expiration() {
        let out = credential_process(&creds(None, None));
        let v: Value = serde_json::from_str(&out).unwrap();
        let obj = v.as_object().unwrap();
        assert_eq!(obj.len(), 3);
        assert!(!obj.contains_key("SessionToken"));
        assert!(!obj.contains_key("Expiration"));
    }

    #[test]
    fn exact_text() {
        let c = Credentials {
            access_key_id: "AKID".into(),
            secret_access_key: "SECRET".into(),
            session_token: Some("TOKEN".into()),
            expiration: Some(from_unix(0)),
        };
        assert_eq!(
            credential_process(&c),
            "{\"Version\":1,\"AccessKeyId\":\"AKID\",\"SecretAccessKey\":\"SECRET\",\
             \"SessionToken\":\"TOKEN\",\"Expiration\":\"1970-01-01T00:00:00Z\"}\n"
        );
    }

    /// What awsmfa prints, awsmfa reads back as a helper's output: one type both ways.
    #[test]
    fn the_printed_document_parses_back_into_the_same_credentials() {
        for c in [
            creds(Some("tok\"en/+="), Some(1_795_000_000)),
            creds(None, None),
        ] {
            let doc: ProcessDocument = serde_json::from_str(&credential_process(&c)).unwrap();
            assert_eq!(doc.version, 1);
            assert_eq!(doc.access_key_id, c.access_key_id);
            assert_eq!(doc.secret_access_key, c.secret_access_key);
            assert_eq!(doc.session_token, c.session_token);
            assert_eq!(doc.expiration, c.expiration.map(crate::creds::format_utc));
        }
        // Unknown fields are ignored; a missing key is an error.
        let doc: ProcessDocument = serde_json::from_str(
            r#"{"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","Extra":true}"#,
        )
        .unwrap();
        assert!(doc.session_token.is_none() && doc.expiration.is_none());
        let e = serde_json::from_str::<ProcessDocument>(r#"{"Version":1,"AccessKeyId":"A"}"#)
            .err()
            .unwrap();
        assert_eq!(e.classify(), serde_json::error::Category::Data);
    }
}

//! A scripted stand-in for STS and IAM in unit tests: each call takes the next queued answer
//! for its operation (a call nothing was queued for fails the test) and is recorded, so a test
//! reads as "AWS will answer this, then that" and checks what was asked, with no network.

use std::cell::RefCell;
use std::collections::VecDeque;

use crate::creds::Credentials;
use crate::error::{Error, Result};
use crate::iam::{CreateKeyError, Iam, KeyInfo};
use crate::sts::{AssumeRoleInput, Sts};

/// Queued answers per operation, and every call made, in order.
#[derive(Default)]
pub struct FakeAws {
    pub sessions: RefCell<VecDeque<Result<Credentials>>>,
    pub roles: RefCell<VecDeque<Result<Credentials>>>,
    pub identities: RefCell<VecDeque<Result<String>>>,
    pub federation: RefCell<VecDeque<Result<Credentials>>>,
    pub devices: RefCell<VecDeque<Result<Vec<String>>>>,
    pub key_lists: RefCell<VecDeque<Result<Vec<KeyInfo>>>>,
    pub creates: RefCell<VecDeque<Result<Credentials, CreateKeyError>>>,
    pub deletes: RefCell<VecDeque<Result<()>>>,
    /// Run at each GetCallerIdentity before it answers: lets a test change the world between
    /// two steps of a flow (say, a file edited while a new key is being verified).
    pub on_identity: RefCell<Option<Box<dyn Fn()>>>,
    /// `Operation detail` for each call: `GetSessionToken 43200 mfa`, `AssumeRole ARN 3600`,
    /// `DeleteAccessKey ID`, signed with `by` (the base's key id) where it matters.
    pub calls: RefCell<Vec<String>>,
}

fn next<T>(queue: &RefCell<VecDeque<T>>, call: &str) -> T {
    queue
        .borrow_mut()
        .pop_front()
        .unwrap_or_else(|| panic!("FakeAws: no answer queued for {call}"))
}

/// Temporary credentials with `secs` left, for queued answers.
pub fn temporary(id: &str, secs: i64) -> Credentials {
    Credentials {
        access_key_id: id.into(),
        secret_access_key: "fakeSecretExample".into(),
        session_token: Some("fakeTokenExample".into()),
        expiration: Some(chrono::Utc::now() + chrono::Duration::seconds(secs)),
    }
}

/// Long-lived keys, for queued answers.
pub fn long_lived(id: &str) -> Credentials {
    Credentials {
        access_key_id: id.into(),
        secret_access_key: "fakeSecretExample".into(),
        session_token: None,
        expiration: None,
    }
}

pub fn key(id: &str) -> KeyInfo {
    KeyInfo {
        access_key_id: id.into(),
        active: true,
    }
}

impl FakeAws {
    fn record(&self, call: String) {
        self.calls.borrow_mut().push(call);
    }

    /// The operations called, without details.
    pub fn ops(&self) -> Vec<String> {
        self.calls
            .borrow()
            .iter()
            .map(|c| c.split(' ').next().unwrap_or_default().to_string())
            .collect()
    }

    pub fn lost(error: Error) -> Result<Credentials, CreateKeyError> {
        Err(CreateKeyError {
            error,
            maybe_created: true,
        })
    }

    pub fn refused(error: Error) -> Result<Credentials, CreateKeyError> {
        Err(CreateKeyError {
            error,
            maybe_created: false,
        })
    }
}

impl Sts for FakeAws {
    fn get_session_token(
        &self,
        base: &Credentials,
        duration: u32,
        mfa: Option<(&str, &str)>,
    ) -> Result<Credentials> {
        let mfa = if mfa.is_some() { " mfa" } else { "" };
        self.record(format!(
            "GetSessionToken {duration}{mfa} by {}",
            base.access_key_id
        ));
        next(&self.sessions, "GetSessionToken")
    }

    fn assume_role(&self, base: &Credentials, input: &AssumeRoleInput) -> Result<Credentials> {
        let mfa = if input.mfa.is_some() { " mfa" } else { "" };
        self.record(format!(
            "AssumeRole {} {}{mfa} by {}",
            input.role_arn, input.duration, base.access_key_id
        ));
        next(&self.roles, "AssumeRole")
    }

    fn caller_identity(&self, base: &Credentials) -> Result<String> {
        self.record(format!("GetCallerIdentity by {}", base.access_key_id));
        if let Some(hook) = &*self.on_identity.borrow() {
            hook();
        }
        next(&self.identities, "GetCallerIdentity")
    }

    fn get_federation_token(
        &self,
        base: &Credentials,
        name: &str,
        _policy: &str,
        duration: u32,
    ) -> Result<Credentials> {
        self.record(format!(
            "GetFederationToken {name} {duration} by {}",
            base.access_key_id
        ));
        next(&self.federation, "GetFederationToken")
    }
}

impl Iam for FakeAws {
    fn list_mfa_devices(&self, base: &Credentials, _user: Option<&str>) -> Result<Vec<String>> {
        self.record(format!("ListMFADevices by {}", base.access_key_id));
        next(&self.devices, "ListMFADevices")
    }

    fn list_access_keys(&self, base: &Credentials, _user: Option<&str>) -> Result<Vec<KeyInfo>> {
        self.record(format!("ListAccessKeys by {}", base.access_key_id));
        next(&self.key_lists, "ListAccessKeys")
    }

    fn create_access_key(
        &self,
        base: &Credentials,
        _user: Option<&str>,
    ) -> Result<Credentials, CreateKeyError> {
        self.record(format!("CreateAccessKey by {}", base.access_key_id));
        next(&self.creates, "CreateAccessKey")
    }

    fn delete_access_key(
        &self,
        base: &Credentials,
        _user: Option<&str>,
        access_key_id: &str,
    ) -> Result<()> {
        self.record(format!(
            "DeleteAccessKey {access_key_id} by {}",
            base.access_key_id
        ));
        next(&self.deletes, "DeleteAccessKey")
    }
}

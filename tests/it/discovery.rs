//! MFA device discovery against moto's IAM: with no `mfa_serial` anywhere, awsmfa asks
//! ListMFADevices once per access key, uses a single device, asks which when there are several,
//! and remembers the answer.

use crate::common::*;

/// A moto IAM user with its own access key and `devices` enabled virtual MFA devices; the
/// profile `NAME` holds that key and has no mfa_serial.
fn user_with_devices(env: &TestEnv, name: &str, devices: usize) -> Vec<String> {
    env.aws_admin(&["iam", "create-user", "--user-name", name])
        .assert_success();
    let key = env.aws_admin(&["iam", "create-access-key", "--user-name", name]);
    key.assert_success();
    let key = key.json();
    let mut serials = Vec::new();
    for i in 0..devices {
        let seed = env.root().join(format!("{name}-{i}.seed"));
        let dev = env.aws_admin(&[
            "iam",
            "create-virtual-mfa-device",
            "--virtual-mfa-device-name",
            &format!("{name}-{i}"),
            "--outfile",
            seed.to_str().unwrap(),
            "--bootstrap-method",
            "Base32StringSeed",
        ]);
        dev.assert_success();
        let serial = dev.json()["VirtualMFADevice"]["SerialNumber"]
            .as_str()
            .unwrap()
            .to_string();
        env.aws_admin(&[
            "iam",
            "enable-mfa-device",
            "--user-name",
            name,
            "--serial-number",
            &serial,
            "--authentication-code1",
            "123456",
            "--authentication-code2",
            "654321",
        ])
        .assert_success();
        serials.push(serial);
    }
    env.write_config(&format!("[profile {name}]\nregion = us-east-1\n"));
    env.write_credentials(&format!(
        "[{name}]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
        key["AccessKey"]["AccessKeyId"].as_str().unwrap(),
        key["AccessKey"]["SecretAccessKey"].as_str().unwrap()
    ));
    serials
}

#[test]
fn a_single_device_is_found_used_and_remembered() {
    let Some(moto) = moto() else { return };
    let proxy = RecordingProxy::start(&moto.url);
    let env = TestEnv::new().with_endpoint(&proxy.url);
    let serials = user_with_devices(&env, "disco-one", 1);
    proxy.clear();
    let out = env.run(&["env", "disco-one", "-c", "123456", "--format", "json"]);
    out.assert_success()
        .assert_stderr_contains("using MFA device");
    let gst = proxy
        .requests()
        .into_iter()
        .find(|r| r.param("Action") == Some("GetSessionToken"))
        .unwrap();
    assert_eq!(gst.param("SerialNumber"), Some(serials[0].as_str()));
    assert_eq!(gst.param("TokenCode"), Some("123456"));
    // Remembered: no second lookup, and `list` shows the device without any request.
    env.run(&["env", "disco-one", "-c", "123456", "--refresh", "-q"])
        .assert_success();
    assert_eq!(proxy.count("ListMFADevices"), 1, "{:?}", proxy.actions());
    let before = proxy.actions().len();
    let list = env.run(&["list", "--json"]);
    list.assert_success();
    assert_eq!(list.json()[0]["mfa_serial"], serials[0].as_str());
    assert_eq!(proxy.actions().len(), before, "list makes no request");
}

#[test]
fn several_devices_without_a_terminal_ask_for_mfa_serial() {
    let Some(moto) = moto() else { return };
    let env = TestEnv::new().with_endpoint(&moto.url);
    user_with_devices(&env, "disco-two", 2);
    let out = env.run(&["env", "disco-two", "-c", "123456"]);
    assert_eq!(out.code, Some(6), "{out}");
    assert!(out.stdout.is_empty());
    out.assert_stderr_contains("has 2 MFA devices")
        .assert_stderr_contains("set mfa_serial");
}

#[test]
fn no_mfa_flag_skips_discovery() {
    let Some(moto) = moto() else { return };
    let proxy = RecordingProxy::start(&moto.url);
    let env = TestEnv::new().with_endpoint(&proxy.url);
    user_with_devices(&env, "disco-skip", 1);
    proxy.clear();
    env.run(&["env", "disco-skip", "--no-mfa", "-q"])
        .assert_success();
    assert_eq!(proxy.actions(), ["GetSessionToken"]);
}

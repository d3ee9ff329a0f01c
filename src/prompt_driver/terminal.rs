//! The terminal as a prompt driver: the MFA code, and which of several MFA devices, asked on
//! `/dev/tty` under the terminal lock (src/tty.rs), three tries each.

use std::fs::File;

use crate::error::{Error, Result};
use crate::tty::Questions;
use crate::validate;

/// Ask on the terminal (holding its lock); an error naming `login_hint` when there is none.
pub(crate) fn prompt_tty(serial: &str, login_hint: &str) -> Result<String> {
    crate::tty::with_tty(&crate::tty::lock_dir(), |tty| ask_code(tty, serial))?.ok_or_else(|| {
        Error::LoginRequired(format!(
            "an MFA code for {serial} is needed and there is no terminal to ask on; {login_hint}"
        ))
    })
}

fn ask_code(tty: &mut File, serial: &str) -> Result<String> {
    let mut questions = Questions::on(tty)?;
    for attempt in 1..=3 {
        let Some(line) = questions.ask(&format!("MFA code for {serial}: "))? else {
            return Err(Error::Usage("no MFA code entered (end of input)".into()));
        };
        match validate::mfa_code(&line) {
            Ok(code) => return Ok(code),
            Err(e) if attempt < 3 => questions.say(&e.to_string()),
            Err(e) => return Err(e),
        }
    }
    Err(Error::Usage("no valid MFA code entered".into()))
}

/// Ask on the terminal which of several MFA devices to use.
pub fn choose_device(profile: &str, devices: &[String]) -> Result<String> {
    crate::tty::with_tty(&crate::tty::lock_dir(), |tty| ask_device(tty, profile, devices))?.ok_or_else(|| {
        Error::LoginRequired(format!(
            "profile '{profile}' has {} MFA devices and there is no terminal to ask which; set mfa_serial in the profile",
            devices.len()
        ))
    })
}

fn ask_device(tty: &mut File, profile: &str, devices: &[String]) -> Result<String> {
    let mut questions = Questions::on(tty)?;
    let mut menu = format!("profile '{profile}' has several MFA devices:\n");
    for (i, d) in devices.iter().enumerate() {
        menu.push_str(&format!("  {}) {d}\n", i + 1));
    }
    for _ in 0..3 {
        let Some(line) = questions.ask(&format!("{menu}which one [1-{}]: ", devices.len()))? else {
            break;
        };
        if let Some(d) = line
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| devices.get(i))
        {
            return Ok(d.clone());
        }
    }
    Err(Error::Usage(
        "no MFA device chosen; set mfa_serial in the profile".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::os::fd::FromRawFd;

    /// A pseudo-terminal: the side the user types on, and the one awsmfa reads as its tty.
    fn pty() -> (File, File) {
        let (mut user, mut tty) = (0, 0);
        // SAFETY: openpty writes two fds into the out-parameters; the null pointers ask for no
        // name and default settings.
        let rc = unsafe {
            libc::openpty(
                &mut user,
                &mut tty,
                std::ptr::null_mut(),
                std::ptr::null(),
                std::ptr::null(),
            )
        };
        assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
        // SAFETY: both fds were just opened and are owned by nothing else.
        unsafe { (File::from_raw_fd(user), File::from_raw_fd(tty)) }
    }

    /// Everything the terminal showed so far (what awsmfa wrote, and the echo of what was typed).
    fn screen(user: &mut File) -> String {
        use std::os::fd::AsRawFd;
        // SAFETY: fcntl on an open fd.
        unsafe { libc::fcntl(user.as_raw_fd(), libc::F_SETFL, libc::O_NONBLOCK) };
        // Everything is written by now, but the kernel passes it to this side of the pty
        // later and in pieces: read until nothing more has come for a quarter of a second.
        let mut shown = Vec::new();
        let mut buf = [0; 4096];
        let mut idle = 0;
        while idle < 25 {
            match user.read(&mut buf) {
                Ok(n @ 1..) => {
                    shown.extend_from_slice(&buf[..n]);
                    idle = 0;
                }
                _ => {
                    idle += 1;
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
            }
        }
        String::from_utf8_lossy(&shown).into_owned()
    }

    #[test]
    fn a_code_is_asked_again_after_a_malformed_one_on_the_terminal() {
        let (mut user, mut tty) = pty();
        user.write_all(b"12ab\n654321\n").unwrap();
        let code = ask_code(&mut tty, "arn:aws:iam::123456789012:mfa/alice").unwrap();
        assert_eq!(code, "654321");
        let shown = screen(&mut user);
        assert_eq!(
            shown
                .matches("MFA code for arn:aws:iam::123456789012:mfa/alice: ")
                .count(),
            2,
            "{shown}"
        );
        let (mut user, mut tty) = pty();
        user.write_all(b"\x04").unwrap();
        let e = ask_code(&mut tty, "s").unwrap_err();
        assert!(e.to_string().contains("end of input"), "{e}");
    }

    #[test]
    fn a_device_is_chosen_by_its_number_on_the_terminal() {
        let devices = ["arn:a".to_string(), "arn:b".to_string()];
        let (mut user, mut tty) = pty();
        user.write_all(b"9\nx\n2\n").unwrap();
        assert_eq!(ask_device(&mut tty, "dev", &devices).unwrap(), "arn:b");
        let shown = screen(&mut user);
        assert_eq!(shown.matches("which one [1-2]: ").count(), 3, "{shown}");
        assert!(shown.contains("  1) arn:a\r\n  2) arn:b\r\n"), "{shown}");
        let (mut user, mut tty) = pty();
        user.write_all(b"0\n\x04").unwrap();
        let e = ask_device(&mut tty, "dev", &devices).unwrap_err();
        assert!(e.to_string().contains("no MFA device chosen"), "{e}");
    }
}

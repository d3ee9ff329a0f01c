//! The pure text-editing core of the credentials file: each function takes the file's text
//! and returns the edited text (or a [`Refusal`]), and touches no file.

use crate::ini::line::newline_of;
use crate::ini::{DEFAULT_SECTION, IniFile, Section};

use super::section::{
    self, Kind, ends_with_blank_line, ends_with_break, entries, extent_lines, find_target,
    is_managed, join, kept_lines, model, next_indent, parse, push_lines, splice, touched, verified,
};
use super::{KEY_PAIR, OWNED_KEYS, Refusal, Removed, TempSection, owned_lines, render_section};

/// `text` with temporary credentials written into section `name` (replaced or appended).
pub fn upsert(text: &str, name: &str, section: &TempSection) -> Result<String, Refusal> {
    check_name(name)?;
    for (key, value) in section.key_values() {
        if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(Refusal::InvalidValue { key });
        }
    }
    let ini = parse(text)?;
    let newline = newline_of(text);
    let target = find_target(&ini, name);
    let mut touched = touched(&ini, target);
    let mut expected = model(&ini, &touched)?;
    let mut owned: Vec<(String, String)> = section
        .key_values()
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    let Some(target) = target else {
        owned.sort();
        expected.push((name.to_string(), Some(owned)));
        touched.push(name);
        let new = append(text, name, section, newline);
        return verified(new, &expected, &touched, name);
    };
    if Kind::of(&ini, target)?.long_lived() {
        return Err(Refusal::LongLivedKeys {
            name: name.to_string(),
        });
    }
    if let Some((_, Some(keys))) = expected.iter_mut().find(|(h, _)| h == name) {
        keys.retain(|(k, _)| !OWNED_KEYS.contains(&k.as_str()));
        keys.append(&mut owned);
        keys.sort();
    }
    let lines = extent_lines(text, target, &OWNED_KEYS);
    let old_end = lines
        .last()
        .map_or(target.header_range.end, |l| l.range.end);
    let ends_with_newline = ends_with_break(&text[..old_end]);
    // The header line stays byte for byte (`[T ]` is not `[T]` for botocore, and a comment
    // after it stays). The block goes where the first owned key was, else after the last key,
    // indented like the line that follows it: deeper, that line would continue the block's
    // last value; shallower, botocore would read the block as part of the previous value.
    let header = &text[target.header_range.clone()];
    let header = if ends_with_break(header) {
        header.to_string()
    } else {
        format!("{header}{newline}")
    };
    let after_extent = next_indent(text, old_end);
    let mut places = Vec::new();
    if let Some(at) = lines.iter().position(|l| l.owned) {
        let follower = lines[at..].iter().find(|l| l.is_key && !l.owned);
        places.push((at, follower.map_or(after_extent, |l| l.indent)));
    }
    places.push((lines.len(), after_extent));
    let mut refusal = None;
    for (at, indent) in places {
        let mut out: Vec<(String, &str)> = kept_lines(&lines[..at]).collect();
        out.extend(owned_lines(section).map(|l| (format!("{indent}{l}"), newline)));
        out.extend(kept_lines(&lines[at..]));
        let mut replacement = header.clone();
        push_lines(&mut replacement, &join(&out, ends_with_newline, newline));
        let new = splice(text, target.header_range.start..old_end, &replacement);
        match verified(new, &expected, &touched, name) {
            Ok(new) => return Ok(new),
            Err(r) => refusal = Some(r),
        }
    }
    Err(refusal.unwrap_or(Refusal::Unsafe {
        name: name.to_string(),
    }))
}

/// `text` without the lines of `keys` in `target` (with their continuation lines): the whole
/// extent when no other key remains (`Removed::Section`), else only those lines.
fn remove_lines(
    text: &str,
    ini: &IniFile,
    target: &Section,
    keys: &[&str],
) -> Result<(String, Removed), Refusal> {
    let name = target.header.as_str();
    let touched = touched(ini, Some(target));
    let mut expected = model(ini, &touched)?;
    let lines = extent_lines(text, target, keys);
    let old_end = lines.last().map_or(&target.header_range, |l| &l.range);
    if !lines.iter().any(|l| l.is_key && !l.owned) {
        expected.retain(|(h, _)| h != name);
        let out = splice(text, target.header_range.start..old_end.end, "");
        return Ok((verified(out, &expected, &touched, name)?, Removed::Section));
    }
    if let Some((_, Some(k))) = expected.iter_mut().find(|(h, _)| h == name) {
        k.retain(|(k, _)| !keys.contains(&k.as_str()));
    }
    // Other keys stay, so the header stays with them and only the owned lines go.
    let kept: Vec<(String, &str)> = kept_lines(&lines).collect();
    let replacement = join(
        &kept,
        ends_with_break(&text[old_end.clone()]),
        newline_of(text),
    );
    let out = splice(text, target.header_range.end..old_end.end, &replacement);
    Ok((verified(out, &expected, &touched, name)?, Removed::Keys))
}

/// `text` without awsmfa's section `name`. Long-lived keys and sections awsmfa did not write are
/// refused; a missing section is `Removed::NotFound` with `text` unchanged.
pub fn remove_managed(text: &str, name: &str) -> Result<(String, Removed), Refusal> {
    check_name(name)?;
    let ini = parse(text)?;
    let Some(target) = find_target(&ini, name) else {
        return Ok((text.to_string(), Removed::NotFound));
    };
    let kind = Kind::of(&ini, target)?;
    if !kind.managed || kind.long_lived() {
        return Err(Refusal::NotManaged {
            name: name.to_string(),
            long_lived: kind.long_lived(),
        });
    }
    remove_lines(text, &ini, target, &OWNED_KEYS)
}

/// Names of the sections awsmfa wrote (`awsmfa_managed = true`), in file order. A file that
/// does not parse contributes nothing.
pub fn managed_sections(text: &str) -> Vec<String> {
    let mut managed = Vec::new();
    let visit = |s: &Section, e: Vec<crate::ini::Entry>| {
        if s.header != DEFAULT_SECTION && is_managed(&e) {
            managed.push(s.header.clone());
        }
    };
    match section::parse_visiting(text, visit) {
        Ok(_) => managed,
        Err(_) => Vec::new(),
    }
}

/// The long-lived keys `(access key id, secret)` of section `name`: `None` when there is no
/// such section or it holds no complete long-lived pair of its own.
pub fn long_lived_keys(text: &str, name: &str) -> Result<Option<(String, String)>, Refusal> {
    let ini = parse(text)?;
    let Some(target) = find_target(&ini, name) else {
        return Ok(None);
    };
    if !Kind::of(&ini, target)?.long_lived() {
        return Ok(None);
    }
    let entries = entries(&ini, target)?;
    let get = |key: &str| {
        entries
            .iter()
            .find(|e| e.key == key)
            .map(|e| e.value.clone())
            .filter(|v| !v.is_empty())
    };
    Ok(get(KEY_PAIR[0]).zip(get(KEY_PAIR[1])))
}

/// The long-lived section `name`, or a refusal.
fn key_section<'a>(ini: &'a IniFile, name: &str) -> Result<Option<&'a Section>, Refusal> {
    let Some(target) = find_target(ini, name) else {
        return Ok(None);
    };
    if !Kind::of(ini, target)?.long_lived() {
        return Err(Refusal::NoLongLivedKeys {
            name: name.to_string(),
        });
    }
    Ok(Some(target))
}

/// `text` without the `aws_access_key_id` and `aws_secret_access_key` lines of the long-lived
/// section `name` (with any continuation lines); every other byte stays. The header stays
/// while other keys remain (`Removed::Keys`); a section left without keys goes like
/// `remove_managed` removes one (`Removed::Section`). A section that is not long-lived is
/// refused; a missing one is `Removed::NotFound` with `text` unchanged.
pub fn remove_keys(text: &str, name: &str) -> Result<(String, Removed), Refusal> {
    check_name(name)?;
    let ini = parse(text)?;
    let Some(target) = key_section(&ini, name)? else {
        return Ok((text.to_string(), Removed::NotFound));
    };
    remove_lines(text, &ini, target, &KEY_PAIR)
}

/// `text` with new values for the long-lived keys of section `name`: only the value of each
/// `aws_access_key_id` / `aws_secret_access_key` line changes (its key spelling, separator and
/// spacing stay), continuation lines of those keys go, and every other byte stays. A section
/// that is missing, not long-lived or without both keys is refused.
pub fn replace_keys(
    text: &str,
    name: &str,
    access_key_id: &str,
    secret_access_key: &str,
) -> Result<String, Refusal> {
    check_name(name)?;
    for (key, value) in KEY_PAIR.iter().zip([access_key_id, secret_access_key]) {
        if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(Refusal::InvalidValue { key });
        }
    }
    let ini = parse(text)?;
    let refused = || Refusal::NoLongLivedKeys {
        name: name.to_string(),
    };
    if long_lived_keys(text, name)?.is_none() {
        return Err(refused());
    }
    let Some(target) = key_section(&ini, name)? else {
        return Err(refused());
    };
    let touched = touched(&ini, Some(target));
    let mut expected = model(&ini, &touched)?;
    if let Some((_, Some(keys))) = expected.iter_mut().find(|(h, _)| h == name) {
        for (k, v) in keys.iter_mut() {
            if k == KEY_PAIR[0] {
                *v = access_key_id.to_string();
            } else if k == KEY_PAIR[1] {
                *v = secret_access_key.to_string();
            }
        }
    }
    let lines = extent_lines(text, target, &KEY_PAIR);
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str(&text[..target.body.start]);
    for line in &lines {
        if !line.owned {
            push_lines(&mut out, &text[line.range.clone()]);
        } else if line.is_key {
            let key = line.content.trim_start();
            let key = key[..key.find(['=', ':']).unwrap_or(key.len())].trim();
            let value = if key.eq_ignore_ascii_case(KEY_PAIR[0]) {
                access_key_id
            } else {
                secret_access_key
            };
            out.push_str(&with_value(line.content, value));
            out.push_str(line.ending);
        }
    }
    let end = lines.last().map_or(target.body.start, |l| l.range.end);
    push_lines(&mut out, &text[end..]);
    verified(out, &expected, &touched, name)
}

/// `key = old` with `value` in place of `old`, keeping everything around the old value.
fn with_value(content: &str, value: &str) -> String {
    let Some(sep) = content.find(['=', ':']) else {
        return format!("{content} = {value}");
    };
    let after = &content[sep + 1..];
    let start = sep + 1 + (after.len() - after.trim_start().len());
    let end = content.trim_end().len().max(start);
    if start == end {
        // No old value: one space after the separator, as `aws configure` writes.
        return format!(
            "{}{}{value}{}",
            &content[..start],
            if start == sep + 1 { " " } else { "" },
            &content[end..]
        );
    }
    format!("{}{value}{}", &content[..start], &content[end..])
}

/// A new section at the end, after a final line break and one blank line.
fn append(text: &str, name: &str, section: &TempSection, newline: &str) -> String {
    let mut out = String::with_capacity(text.len() + 512);
    out.push_str(text);
    if !text.is_empty() {
        if !ends_with_break(text) {
            out.push_str(newline);
        }
        if !ends_with_blank_line(&out) {
            push_lines(&mut out, newline);
        }
    }
    out.push_str(&render_section(name, section, newline));
    out
}

pub(super) fn check_name(name: &str) -> Result<(), Refusal> {
    let reason = if name.is_empty() {
        "it is empty"
    } else if name.trim_matches(crate::ini::line::is_py_space) != name {
        // `[ x ]` is a section named ` x `, which no one means.
        "it starts or ends with a space"
    } else if name == DEFAULT_SECTION {
        "Python's configparser (boto3, the AWS CLI) gives the keys of [DEFAULT] to every section"
    } else if name.contains(['[', ']']) {
        "it contains '[' or ']'"
    } else if name.chars().any(char::is_control) {
        "it contains a control character"
    } else {
        return Ok(());
    };
    Err(Refusal::InvalidName {
        name: name.escape_debug().to_string(),
        reason,
    })
}

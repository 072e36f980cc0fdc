//! Tokenizers of the target languages, and hostile text, for the injection tests.

use proptest::prelude::*;

/// Text a user could type, hostile to every script language.
pub fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z'\"`$\\\\;&|<>(){}\n\r\t %!^*?#~=\u{2018}\u{2019}\u{201c}-]{0,24}",
        Just("x\" & del /q C:\\* & \"".to_string()),
        Just("'; rm -rf / #".to_string()),
        Just("$(reboot)`reboot`".to_string()),
        Just("a'\u{2019}'b".to_string()),
    ]
}

/// POSIX shell words of `text`, split into commands at unquoted newlines and `;`. Anything the
/// shell would treat as code outside quotes (`$`, backquote, `|`, `&`, redirections,
/// parentheses) is an error: a script built right has none in its probe lines.
pub fn sh_commands(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut commands = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(x) => w.push(x),
                        None => return Err("unterminated single quote".into()),
                    }
                }
            }
            '\\' => {
                let x = chars.next().ok_or("trailing backslash")?;
                if x != '\n' {
                    word.get_or_insert_with(String::new).push(x);
                }
            }
            ' ' | '\t' => words.extend(word.take()),
            '\n' | ';' => {
                words.extend(word.take());
                if !words.is_empty() {
                    commands.push(std::mem::take(&mut words));
                }
            }
            '"' | '$' | '`' | '|' | '&' | '<' | '>' | '(' | ')' => {
                return Err(format!("unquoted {c:?}"));
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word.take());
    if !words.is_empty() {
        commands.push(words);
    }
    Ok(commands)
}

/// PowerShell single-quoted string starting at `s` (which begins with a quote); returns the
/// value and the rest.
pub fn ps_string(s: &str) -> Result<(String, &str), String> {
    let is_quote = |c: char| matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}');
    let mut chars = s.char_indices();
    match chars.next() {
        Some((_, c)) if is_quote(c) => {}
        _ => return Err(format!("expected a quote at {:?}", &s[..s.len().min(20)])),
    }
    let mut out = String::new();
    while let Some((i, c)) = chars.next() {
        if is_quote(c) {
            let rest = &s[i + c.len_utf8()..];
            match rest.chars().next() {
                Some(d) if is_quote(d) => {
                    out.push(d);
                    chars.next();
                }
                _ => return Ok((out, rest)),
            }
        } else {
            out.push(c);
        }
    }
    Err("unterminated string".into())
}

pub fn expect<'a>(s: &'a str, literal: &str) -> Result<&'a str, String> {
    s.strip_prefix(literal)
        .ok_or_else(|| format!("expected {literal:?} at {:?}", &s[..s.len().min(30)]))
}

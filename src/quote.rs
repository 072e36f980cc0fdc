//! Quoting user text (plan and host names) for each target language, for the firewall scripts
//! and the probe scripts alike. Every function here is held by property tests to its
//! language's tokenizing rules.

/// A single-quoted sh word: nothing inside is special.
pub fn sh(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// `'it''s'`: a single-quoted PowerShell string; nothing inside is expanded. PowerShell also
/// takes the typographic quotes U+2018..U+201B as single quotes: they are doubled too.
pub fn powershell(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}') {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// A double-quoted cmd.exe argument. A double quote cannot be escaped inside one, so it
/// becomes a single quote; `%` is doubled (batch files expand `%...%` even inside quotes);
/// control characters, which would end the command, become spaces. Inside the quotes,
/// `& | < > ^` are plain text.
pub fn cmd(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push('\''),
            '%' => out.push_str("%%"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for comments (nft and iptables comments, script header lines): a safe character set,
/// everything else becomes `_`, at most 120 characters (nft keeps 128 bytes of a comment).
pub fn safe_text(s: &str) -> String {
    s.chars()
        .take(120)
        .map(|c| {
            if c.is_ascii_alphanumeric() || " ._:/+-=@,()".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A name for files and firewall rule ids: lowercase letters, digits and `-`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-');
    let out: String = out.chars().take(40).collect();
    if out.is_empty() { "plan".into() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(sh("it's"), r"'it'\''s'");
        assert_eq!(powershell("a'b\u{2019}c"), "'a''b\u{2019}\u{2019}c'");
        assert_eq!(cmd("x\" & del %TEMP%\n"), "\"x' & del %%TEMP%% \"");
        assert_eq!(safe_text("a\"b;c\\d"), "a_b_c_d");
        assert_eq!(slug("ScaleIO example / Prod #1"), "scaleio-example-prod-1");
        assert_eq!(slug("***"), "plan");
    }
}

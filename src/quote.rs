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

/// Text for a terminal (the text reports of check, matrix, flows and probe): every control
/// character (C0, DEL, C1: ESC, BEL, CR, NUL, ...) becomes its escape, `\x1b` or `\u{9b}`, so a
/// name cannot move the cursor, retitle the terminal or hide what precedes it. Other text,
/// backslashes included, is left as it is: this is for reading, not for parsing back.
pub fn terminal(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match u32::from(c) {
            n if n < 0x80 && c.is_control() => out.push_str(&format!("\\x{n:02x}")),
            n if c.is_control() => out.push_str(&format!("\\u{{{n:x}}}")),
            _ => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `s` whole when it has at most `chars` characters, else its first `chars` and "…": a name
/// as a message or a narrow column quotes it.
pub fn shortened(s: &str, chars: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(chars) {
        Some((cut, _)) => std::borrow::Cow::Owned(format!("{}…", &s[..cut])),
        None => std::borrow::Cow::Borrowed(s),
    }
}

/// A message of one or more lines for a terminal (the errors and notes on standard error):
/// each line as [`terminal`] makes it, the line breaks between them kept. The names and paths
/// a message quotes are user text too.
pub fn terminal_lines(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\n') {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.split('\n').map(terminal).collect::<Vec<_>>().join("\n"))
}

/// `text` followed by spaces up to `width` characters, for a column of a text table. Never a
/// format width (`{:<width$}`): a width is at most `u16::MAX` and user text is longer than
/// that; text longer than the column overflows it and the next column follows two spaces on.
pub struct Padded<'a>(pub &'a str, pub usize);

impl std::fmt::Display for Padded<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)?;
        for _ in self.0.chars().count()..self.1 {
            f.write_str(" ")?;
        }
        Ok(())
    }
}

/// The characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"):
/// `=`, `+`, `-`, `@`, and a tab or carriage return before them.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell of a CSV file or a workbook: one that starts with a character a spreadsheet
/// takes for a formula gets a leading `'`, as OWASP advises, so Excel, LibreOffice and Google
/// Sheets show it as text (`=HYPERLINK(...)` is shown, never evaluated). Every other cell is
/// unchanged: the cells portplan writes itself (ports, `49152-65535`, IPv6 addresses, the
/// kind) never start with one of these.
pub fn spreadsheet_cell(s: &str) -> std::borrow::Cow<'_, str> {
    // A cell that starts with quotes before a formula character gets one more, so that
    // reading it back (below) gives exactly the text written.
    if s.trim_start_matches('\'').starts_with(FORMULA_STARTS) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// The text of a cell [`spreadsheet_cell`] wrote: its leading `'` removed, so a CSV portplan
/// wrote reads back as the text it held.
pub fn from_spreadsheet_cell(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_STARTS) => rest,
        _ => s,
    }
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

    #[test]
    fn a_long_name_is_cut_at_a_character_and_marked() {
        assert_eq!(shortened("mdm1", 4), "mdm1");
        assert_eq!(shortened("Zürich-東京", 7), "Zürich-…");
    }

    #[test]
    fn a_message_keeps_its_lines_and_escapes_the_rest() {
        assert_eq!(terminal_lines("a\nb"), "a\nb");
        assert_eq!(
            terminal_lines("no host 'x\u{1b}]0;t\u{7}'\nportplan: \r"),
            "no host 'x\\x1b]0;t\\x07'\nportplan: \\x0d"
        );
    }

    #[test]
    fn terminal_text_escapes_every_control_character() {
        assert_eq!(terminal("db1"), "db1");
        assert_eq!(terminal("a\u{1b}]0;x\u{7}b"), "a\\x1b]0;x\\x07b");
        assert_eq!(
            terminal("\r\n\t\0\u{7f}\u{9b}é"),
            "\\x0d\\x0a\\x09\\x00\\x7f\\u{9b}é"
        );
        assert_eq!(Padded("ab", 4).to_string(), "ab  ");
        assert_eq!(Padded("abcdef", 4).to_string(), "abcdef");
    }

    #[test]
    fn spreadsheet_cells_that_would_be_formulas_are_text() {
        for s in ["=1+1", "+1", "-2", "@SUM(A1)", "\t=1", "\r=1", "'=1", "''-"] {
            assert_eq!(spreadsheet_cell(s), format!("'{s}"));
            assert_eq!(from_spreadsheet_cell(&spreadsheet_cell(s)), s);
        }
        for s in ["db1", "2001:db8::5", "::1", "49152-65535", "'quoted", ""] {
            assert_eq!(spreadsheet_cell(s), s);
            assert_eq!(from_spreadsheet_cell(s), s);
        }
    }
}

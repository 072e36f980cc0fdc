//! What the CSV readers (inventories, probe results) say about a file the csv crate reads
//! without complaint but wrongly: a quote that never closes swallows the rest of the file into
//! one field, and a file separated by `;` (Excel in many locales) or tabs reads as one column.

/// The line where a quoted field opens that never closes, if one does. The csv crate takes
/// everything after it as that field's text; the rows it then reports as short are not the
/// problem. Quotes count as the csv crate counts them: only at a field's first byte (elsewhere
/// a quote is a character of the field), `""` inside quotes being one quote.
pub fn unclosed_quote(bytes: &[u8], delimiter: u8) -> Option<u64> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::FieldStart;
    let mut line = 1;
    let mut opened = 1;
    for &b in bytes {
        let ends_field = b == delimiter || b == b'\n' || b == b'\r';
        state = match (state, b) {
            (State::FieldStart, b'"') => {
                opened = line;
                State::Quoted
            }
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, b'"') => State::Quoted,
            (_, _) if ends_field => State::FieldStart,
            (_, _) => State::Unquoted,
        };
        if b == b'\n' {
            line += 1;
        }
    }
    (state == State::Quoted).then_some(opened)
}

/// The message for an unclosed quote opened on `line`.
pub fn unclosed_quote_message(line: u64) -> String {
    format!(
        "line {line}: a quoted field opens here and never closes (a \" is missing): everything \
         after it would be one field"
    )
}

/// The delimiter of a CSV whose header is `header` (its first line): the first of `,`, `;`
/// and tab under which `fits` accepts the header's fields, else `,`.
pub fn delimiter(header: &[u8], fits: impl Fn(&[String]) -> bool) -> u8 {
    [b',', b';', b'\t']
        .into_iter()
        .find(|d| {
            let fields: Vec<String> = header
                .split(|b| b == d)
                .map(|f| {
                    String::from_utf8_lossy(f)
                        .trim()
                        .trim_matches('"')
                        .to_string()
                })
                .collect();
            fits(&fields)
        })
        .unwrap_or(b',')
}

/// A delimiter's name, for messages.
pub fn delimiter_name(delimiter: u8) -> &'static str {
    match delimiter {
        b';' => "';'",
        b'\t' => "tabs",
        _ => "','",
    }
}

/// The first line of `bytes`, without its end.
pub fn first_line(bytes: &[u8]) -> &[u8] {
    let end = bytes
        .iter()
        .position(|b| *b == b'\n' || *b == b'\r')
        .unwrap_or(bytes.len());
    &bytes[..end]
}

/// A row with more or fewer fields than the header, said so (the csv crate compares with "the
/// previous record"), with the likely cause of extra fields.
pub fn field_count_message(len: u64, header: u64, delimiter: u8) -> String {
    let cause = if len <= header {
        String::new()
    } else if delimiter == b',' {
        " (an extra column: a value holding a ',' must be in quotes)".to_string()
    } else {
        format!(
            " (an extra column: the file is separated by {}, so a value holding one, such as \
             roles \"MDM;SDS\", must be in quotes)",
            delimiter_name(delimiter)
        )
    };
    format!("{len} fields, but the header has {header}{cause}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_quote_is_found_where_it_opens() {
        assert_eq!(unclosed_quote(b"a,b\n1,\"x\"\"y\"\n", b','), None);
        assert_eq!(unclosed_quote(b"a,b\n1,2\n3,\"x\n4,5\n", b','), Some(3));
        // A quote inside a field is a character, as the csv crate reads it.
        assert_eq!(unclosed_quote(b"a,b\n1,x\"y\n", b','), None);
        assert_eq!(unclosed_quote(b"a;b\n1;\"x;y\"\n", b';'), None);
        assert_eq!(unclosed_quote(b"a;b\n1;\"x\n", b';'), Some(2));
    }

    #[test]
    fn the_delimiter_is_the_one_that_gives_the_columns() {
        let fits = |f: &[String]| f.iter().any(|c| c == "name") && f.len() > 2;
        assert_eq!(delimiter(b"name,address,roles", fits), b',');
        assert_eq!(delimiter(b"name;address;roles", fits), b';');
        assert_eq!(delimiter(b"\"name\"\taddress\troles", fits), b'\t');
        assert_eq!(delimiter(b"nom;adresse", fits), b',');
    }
}

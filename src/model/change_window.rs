//! The change request's dates: typed by people, read by a change board. They stay free text
//! (a zone such as "CET" or "UTC" may follow), but each must start with an ISO 8601 date so
//! that a board can order them, and the order must make sense: the window ends after it
//! starts, and the install rules do not expire before the work can begin.

use std::cmp::Ordering;

use super::change_request::ChangeRequest;

/// A date with an optional time of day, and whatever text follows it (a time zone, usually).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct When<'a> {
    /// (year, month, day, hour, minute, second); a date alone is midnight.
    stamp: (u32, u32, u32, u32, u32, u32),
    /// Whether a time of day was given.
    timed: bool,
    /// What follows the date and time, trimmed ("CET", "UTC", "Z", "").
    zone: &'a str,
}

impl When<'_> {
    /// How two moments compare, when that can be known: not across different zones, and a date
    /// alone against a time on that same day is neither before nor after it.
    fn compare(&self, other: &When) -> Option<Ordering> {
        if self.zone != other.zone {
            return None;
        }
        let day = |w: &When| (w.stamp.0, w.stamp.1, w.stamp.2);
        if (!self.timed || !other.timed) && day(self) == day(other) {
            return Some(Ordering::Equal);
        }
        Some(self.stamp.cmp(&other.stamp))
    }
}

/// Reads `YYYY-MM-DD`, then optionally ` HH:MM` or `THH:MM` (with `:SS`), then optionally a
/// zone (`CET`, `Europe/Berlin`, `Z`, `+01:00`). When it is not one, why, said of
/// the text ("is not a day of the calendar").
pub fn parse(text: &str) -> Result<When<'_>, String> {
    let s = text.trim();
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let part = b.get(from..from + n)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |v, d| v * 10 + u32::from(d - b'0')))
    };
    let shape = "is not a date written YYYY-MM-DD (a time HH:MM may follow)";
    let (Some(y), Some(m), Some(d)) = (digits(0, 4), digits(5, 2), digits(8, 2)) else {
        return Err(shape.into());
    };
    if b[4] != b'-' || b[7] != b'-' {
        return Err(shape.into());
    }
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return Err("is not a day of the calendar".into());
    }
    let mut rest = &s[10..];
    let mut time = (0, 0, 0);
    let mut timed = false;
    let t = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' '));
    if let Some(t) = t.filter(|t| t.len() >= 5 && t.as_bytes()[2] == b':') {
        let tb = t.as_bytes();
        let two = |i: usize| {
            tb.get(i..i + 2)
                .filter(|p| p.iter().all(u8::is_ascii_digit))
                .map(|p| u32::from(p[0] - b'0') * 10 + u32::from(p[1] - b'0'))
        };
        let (Some(h), Some(min)) = (two(0), two(3)) else {
            return Err(shape.into());
        };
        let (sec, used) = match (tb.get(5), two(6)) {
            (Some(b':'), Some(sec)) => (sec, 8),
            _ => (0, 5),
        };
        if h > 23 || min > 59 || sec > 59 {
            return Err(format!(
                "has a time of day that does not exist ({})",
                &t[..used]
            ));
        }
        time = (h, min, sec);
        timed = true;
        rest = &t[used..];
    } else if rest.starts_with('T') {
        return Err(shape.into());
    }
    // A zone: a name after a space ("CET", "UTC+1", "Europe/Berlin"), or Z or an offset, after
    // a space or right after the time. Anything else ("011-30", "tomorrow?") is a typo.
    let zone = rest.trim();
    let offset = |z: &str| {
        z == "Z"
            || (z.len() >= 3
                && z.starts_with(['+', '-'])
                && z[1..].bytes().all(|c| c.is_ascii_digit() || c == b':'))
    };
    let named = |z: &str| {
        z.starts_with(|c: char| c.is_ascii_uppercase())
            && z.bytes()
                .all(|c| c.is_ascii_alphanumeric() || b"/_+-:".contains(&c))
    };
    let zoned = rest.is_empty()
        || (rest.starts_with(' ') && (named(zone) || offset(zone)))
        || (timed && offset(rest));
    if !zoned {
        return Err(shape.into());
    }
    Ok(When {
        stamp: (y, m, d, time.0, time.1, time.2),
        timed,
        zone,
    })
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// One thing wrong with the request's dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The field to mend, by its label in the app.
    pub field: &'static str,
    /// A whole sentence, naming the field where that is not plain.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// What is wrong with the request's dates. Empty fields are not problems here
/// ([`ChangeRequest::missing`] lists them).
pub fn problems(cr: &ChangeRequest) -> Vec<Problem> {
    let mut out = Vec::new();
    // Each field read, or None when it is empty or not a date (that problem noted).
    let [start, end, expire] = [
        ("Window start", cr.window_start.as_str()),
        ("Window end", cr.window_end.as_str()),
        ("Install rules expire", cr.install_rules_expire.as_str()),
    ]
    .map(|(label, text)| {
        if text.trim().is_empty() {
            return None;
        }
        parse(text)
            .map_err(|why| {
                out.push(Problem {
                    field: label,
                    message: format!("{label}: \"{}\" {why}.", text.trim()),
                })
            })
            .ok()
    });
    let before = |a: &Option<When>, b: &Option<When>| match (a, b) {
        (Some(a), Some(b)) => a.compare(b) == Some(Ordering::Less),
        _ => false,
    };
    let mut order = |field, message: &str| {
        out.push(Problem {
            field,
            message: message.into(),
        })
    };
    if before(&end, &start) {
        order("Window end", "The window ends before it starts.");
    }
    if before(&expire, &start) {
        order(
            "Install rules expire",
            "The install rules expire before the window starts.",
        );
    }
    if cr.window_start.trim().is_empty() && !cr.window_end.trim().is_empty() {
        order("Window start", "The window has an end but no start.");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cr(start: &str, end: &str, expire: &str) -> ChangeRequest {
        ChangeRequest {
            window_start: start.into(),
            window_end: end.into(),
            install_rules_expire: expire.into(),
            ..ChangeRequest::default()
        }
    }

    fn problems(cr: &ChangeRequest) -> Vec<String> {
        super::problems(cr).iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn iso_dates_and_times_with_or_without_a_zone_are_dates() {
        for ok in [
            "2026-12-01",
            "2026-12-01 22:00",
            "2026-12-01T22:00",
            "2026-12-01 22:00:30",
            "2026-12-01 22:00 CET",
            "2026-12-05 Europe/Berlin",
            "2026-12-01 22:00 UTC+1",
            "2026-12-01 22:00 +0100",
            "2026-12-01T22:00Z",
            "2026-12-01T22:00+01:00",
            "  2026-12-01  ",
            "2024-02-29",
            "2000-02-29",
        ] {
            assert!(parse(ok).is_ok(), "{ok}: {:?}", parse(ok));
        }
    }

    #[test]
    fn other_text_is_refused_with_the_reason() {
        for (bad, why) in [
            ("next tuesday", "is not a date written YYYY-MM-DD"),
            ("01.12.2026", "is not a date written YYYY-MM-DD"),
            ("2026-1-5", "is not a date written YYYY-MM-DD"),
            ("2026-12-01x", "is not a date written YYYY-MM-DD"),
            ("2026-12-01T", "is not a date written YYYY-MM-DD"),
            ("2026-12-02 011-30", "is not a date written YYYY-MM-DD"),
            (
                "2026-12-02 02:00 tomorrow?",
                "is not a date written YYYY-MM-DD",
            ),
            ("2026-12-02 22", "is not a date written YYYY-MM-DD"),
            ("2026-12-02+01:00", "is not a date written YYYY-MM-DD"),
            ("2026-13-01", "is not a day of the calendar"),
            ("2026-02-29", "is not a day of the calendar"),
            ("1900-02-29", "is not a day of the calendar"),
            ("2026-04-31", "is not a day of the calendar"),
            ("2026-12-00", "is not a day of the calendar"),
            (
                "2026-12-01 24:00",
                "a time of day that does not exist (24:00)",
            ),
            (
                "2026-12-01 22:60:00",
                "a time of day that does not exist (22:60:00)",
            ),
            ("2026-12-01 2x:00", "is not a date written"),
            ("２０２６-12-01", "is not a date written"),
        ] {
            let err = parse(bad).unwrap_err();
            assert!(err.contains(why), "{bad}: {err}");
        }
    }

    #[test]
    fn a_good_request_has_no_problems_and_empty_dates_are_not_problems() {
        assert!(problems(&cr("2026-12-01 22:00", "2026-12-02 02:00", "2026-12-05")).is_empty());
        assert!(problems(&cr("", "", "")).is_empty());
        // Expiring on the window's own day is allowed: the date has no time to compare.
        assert!(problems(&cr("2026-12-01 22:00", "", "2026-12-01")).is_empty());
    }

    #[test]
    fn the_order_of_the_dates_is_checked() {
        assert_eq!(
            problems(&cr("2026-12-02 02:00", "2026-12-01 22:00", "2026-12-05")),
            ["The window ends before it starts."]
        );
        assert_eq!(
            problems(&cr("2026-12-01 22:00", "2026-12-02 02:00", "2026-11-30")),
            ["The install rules expire before the window starts."]
        );
        assert_eq!(
            problems(&cr("", "2026-12-02", "")),
            ["The window has an end but no start."]
        );
        // Different zones are not compared: 23:00 UTC may well be after 22:00 CET.
        assert!(problems(&cr("2026-12-01 23:00 CET", "2026-12-01 22:30 UTC", "")).is_empty());
    }

    proptest::proptest! {
        // Typed text: never a panic, whatever it holds (it is sliced by bytes).
        #[test]
        fn any_text_is_read_or_refused(
            text in "[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:]{0,9})?\\PC{0,6}|\\PC{0,24}",
        ) {
            let _ = parse(&text);
        }

        #[test]
        fn every_calendar_day_and_minute_is_a_date(
            y in 1900u32..2200, m in 1u32..=12, d in 1u32..=31, h in 0u32..24, min in 0u32..60,
        ) {
            let text = format!("{y:04}-{m:02}-{d:02} {h:02}:{min:02}");
            proptest::prop_assert_eq!(parse(&text).is_ok(), d <= days_in_month(y, m), "{}", text);
        }
    }

    #[test]
    fn each_bad_field_is_named() {
        assert_eq!(
            problems(&cr("tomorrow", "2026-12-02", "2026-02-30")),
            [
                "Window start: \"tomorrow\" is not a date written YYYY-MM-DD (a time HH:MM may follow).",
                "Install rules expire: \"2026-02-30\" is not a day of the calendar."
            ]
        );
    }
}

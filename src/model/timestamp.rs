//! The clock of the documents and the tests: seconds since 1970 (UTC), and how they print.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since 1970 (0 for times before it).
pub fn unix_seconds(t: SystemTime) -> i64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// "2026-11-25 09:30 UTC"
pub fn utc(secs: i64) -> String {
    let (days, of_day) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        of_day / 3600,
        of_day / 60 % 60
    )
}

/// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, exact for every day an i64 of seconds can name).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_known_instants() {
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
        // 2026-11-25 09:30:00 UTC
        assert_eq!(utc(1_795_599_000), "2026-11-25 09:30 UTC");
        // The leap day of 2024 and the turn of 2000.
        assert_eq!(utc(1_709_209_800), "2024-02-29 12:30 UTC");
        assert_eq!(utc(946_684_799), "1999-12-31 23:59 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(unix_seconds(UNIX_EPOCH), 0);
    }
}

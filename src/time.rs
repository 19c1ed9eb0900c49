//! RFC 3339 times (`2026-12-22T12:00:00Z`, `2026-11-22T13:00:00.5+01:00`) as seconds since the
//! Unix epoch, and back, with the `time` crate: just what invitation expiry and pending age need.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Whether this build decides with time-bound assignments: every build but the browsers' wasm
/// modules (without the `wasm-windows` feature, which Node's module has). There windows cost 6.6
/// KB gzip of the lean module (the `time` crate's RFC 3339 parser alone 4.7 KB) and 2.3 KB of the
/// full one, and neither budget (100 and 150 KB) has that left: a subject whose assignment has a
/// window is refused there (`not_in_build`), never decided as if it had none (ARCHITECTURE.md,
/// "Time-bound assignments").
pub(crate) const WINDOWS: bool =
    !cfg!(all(target_arch = "wasm32", target_os = "unknown", not(feature = "wasm-windows")));

/// The first and the last second RFC 3339 can write (years 0000 to 9999).
const FIRST: i64 = -62_167_219_200;
const LAST: i64 = 253_402_300_799;

/// Seconds since 1970-01-01T00:00:00Z of an RFC 3339 time; `None` when `text` is not one.
pub(crate) fn parse(text: &str) -> Option<i64> {
    OffsetDateTime::parse(text, &Rfc3339).ok().map(OffsetDateTime::unix_timestamp)
}

/// The RFC 3339 text (UTC, whole seconds) of `seconds` since the epoch; times beyond what the
/// format can write are held at its first or last second.
pub(crate) fn format(seconds: i64) -> String {
    let at = OffsetDateTime::from_unix_timestamp(seconds.clamp(FIRST, LAST)).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    at.format(&Rfc3339).unwrap_or_default()
}

/// `seconds` as a person reads it, in UTC: "14 Dec 2026, 08:00 UTC" in English, "14.12.2026,
/// 08:00 UTC" in German.
pub(crate) fn label(seconds: i64) -> crate::lang::Label {
    let at = OffsetDateTime::from_unix_timestamp(seconds.clamp(FIRST, LAST)).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let (year, month, day) = (at.year(), u8::from(at.month()), at.day());
    let (hour, minute) = (at.hour(), at.minute());
    let month_name = MONTHS[usize::from(month.saturating_sub(1)) % 12];
    crate::lang::Label {
        en: format!("{day} {month_name} {year}, {hour:02}:{minute:02} UTC"),
        de: format!("{day:02}.{month:02}.{year}, {hour:02}:{minute:02} UTC"),
    }
}

/// An RFC 3339 time for a reader ([`label`]), or its text as written when it does not read.
pub(crate) fn readable(text: &str) -> crate::lang::Label {
    parse(text).map_or_else(|| crate::lang::Label::new(text, text), label)
}

/// Whether an expiry (`expires_at`, RFC 3339) has passed at `now` (Unix seconds); an expiry that
/// does not read never has.
pub(crate) fn expired(expires_at: &str, now: i64) -> bool {
    parse(expires_at).is_some_and(|expiry| now > expiry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats() {
        assert_eq!(parse("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse("2026-11-22T12:00:00Z").map(format).as_deref(), Some("2026-11-22T12:00:00Z"));
        assert_eq!(parse("2026-11-22T13:00:00.250+01:00"), parse("2026-11-22T12:00:00Z"));
        assert_eq!(parse("2024-02-29T23:59:59-00:30").map(format).as_deref(), Some("2024-03-01T00:29:59Z"));
        assert_eq!(format(parse("2026-12-22T12:00:00Z").unwrap() + 30 * 86_400), "2027-01-21T12:00:00Z");
        assert_eq!(format(-1), "1969-12-31T23:59:59Z");
        assert_eq!(format(i64::MAX), "9999-12-31T23:59:59Z", "held at the last second the format can write");
        assert_eq!(format(i64::MIN), "0000-01-01T00:00:00Z");
        assert_eq!(parse(&format(LAST)), Some(LAST));
        let december = label(parse("2026-12-14T08:00:00Z").unwrap());
        assert_eq!((december.en.as_str(), december.de.as_str()), ("14 Dec 2026, 08:00 UTC", "14.12.2026, 08:00 UTC"));
    }

    #[test]
    fn refuses_what_is_not_rfc_3339() {
        for bad in [
            "",
            "2026-11-22",
            "2026-11-22T12:00:00",
            "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-11-22T24:00:00Z",
            "2026-11-22T12:00:00.Z",
            "2026-11-22T12:00:00+1:00",
            "２０２６-11-22T12:00:00Z",
            "2026-11-22T12:00:00Zjunk",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}

//! Calendar dates as news text writes them: "Thursday , November 26 2020", "Wed, 06/10/2020 - 18:10",
//! "26 Nov. 2020", "2020-11-26". Owns finding a date in a short string and deciding whether a whole
//! line is nothing but a dateline.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::text::Span;

/// A calendar day, validated (no 31 April, 29 February only in leap years).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (PLAUSIBLE_YEARS.contains(&year) && (1..=days).contains(&day)).then_some(Date {
            year,
            month,
            day,
        })
    }
}

/// Years a news article can plausibly carry as its own date; four-digit numbers outside are not years.
impl Date {
    /// "10 June 2020", for reading.
    pub fn long(&self) -> String {
        const NAMES: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        format!(
            "{} {} {}",
            self.day,
            NAMES[usize::from(self.month - 1)],
            self.year
        )
    }
}

const PLAUSIBLE_YEARS: std::ops::RangeInclusive<u16> = 1800..=2100;

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = String;

    /// Parses exactly `YYYY-MM-DD` (the form manifests and JSON use).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("expected a date as YYYY-MM-DD, found {s:?}");
        let mut parts = s.split('-');
        let (y, m, d) = (parts.next(), parts.next(), parts.next());
        if parts.next().is_some() {
            return Err(bad());
        }
        let num = |p: Option<&str>, len: usize| {
            p.filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|p| p.parse::<u16>().ok())
        };
        match (num(y, 4), num(m, 2), num(d, 2)) {
            (Some(y), Some(m), Some(d)) => Date::new(y, m as u8, d as u8).ok_or_else(bad),
            _ => Err(bad()),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A date found in a string, with the bytes it was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateMatch {
    pub date: Date,
    pub span: Span,
}

#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    text: &'a str,
    span: Span,
}

fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (c.is_alphanumeric() && i < s.len(), start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push(Token {
                    text: &s[st..i],
                    span: Span::new(st, i),
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn month(word: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = word.to_lowercase();
    if w.len() < 3 {
        return None;
    }
    let found = MONTHS.iter().position(|m| {
        *m == w || (w.len() <= 4 && m.starts_with(&w) && (w.len() == 3 || w == "sept"))
    });
    found.map(|i| i as u8 + 1)
}

fn weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let w = word.to_lowercase();
    w.len() >= 3
        && DAYS
            .iter()
            .any(|d| *d == w || (w.len() <= 5 && d.starts_with(&w)))
}

/// A day of the month as written: "26", "26th", "1st".
fn day(word: &str) -> Option<u8> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    let suffix_ok =
        suffix.is_empty() || ["st", "nd", "rd", "th"].contains(&suffix.to_lowercase().as_str());
    (suffix_ok && (1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

fn number(word: &str, len: std::ops::RangeInclusive<usize>) -> Option<u16> {
    (len.contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// What lies between two tokens.
fn gap<'a>(s: &'a str, a: &Token, b: &Token) -> &'a str {
    &s[a.span.end..b.span.start]
}

/// Between the parts of a written-out date only spaces, commas and abbreviation dots may stand.
fn soft_gap(g: &str) -> bool {
    g.chars().all(|c| c.is_whitespace() || c == ',' || c == '.') && g.chars().count() <= 4
}

/// Finds the first complete calendar date (day, month and year) in `s`.
///
/// Numeric dates with `/` or `-` are read month-first (US usage, the norm in English-language
/// news) unless the first number cannot be a month; with `.` they are read day-first.
pub fn find_date(s: &str) -> Option<DateMatch> {
    let toks = tokens(s);
    (0..toks.len()).find_map(|i| {
        date_at(s, &toks, i).map(|(date, last)| DateMatch {
            date,
            span: Span::new(toks[i].span.start, toks[last].span.end),
        })
    })
}

/// Tries each date shape starting at token `i`; returns the date and the index of its last token.
fn date_at(s: &str, t: &[Token], i: usize) -> Option<(Date, usize)> {
    let at = |k: usize| t.get(i + k);
    let (a, b, c) = (at(0)?, at(1), at(2));
    // Month-name first: "November 26 2020", "Nov. 26th, 2020".
    if let (Some(m), Some(b), Some(c)) = (month(a.text), b, c) {
        if let (Some(d), Some(y)) = (day(b.text), number(c.text, 4..=4)) {
            if soft_gap(gap(s, a, b)) && soft_gap(gap(s, b, c)) {
                return Date::new(y, m, d).map(|date| (date, i + 2));
            }
        }
    }
    let (b, c) = (b?, c?);
    // Day first: "26 November 2020", "26th of November, 2020".
    if let Some(d) = day(a.text) {
        let (month_tok, skip) = if b.text.eq_ignore_ascii_case("of") {
            (c, 1)
        } else {
            (b, 0)
        };
        if let (Some(m), Some(y)) = (month(month_tok.text), at(2 + skip)) {
            if let Some(year) = number(y.text, 4..=4) {
                if soft_gap(gap(s, a, b)) && soft_gap(gap(s, month_tok, y)) {
                    return Date::new(year, m, d).map(|date| (date, i + 2 + skip));
                }
            }
        }
    }
    let (g1, g2) = (gap(s, a, b), gap(s, b, c));
    // ISO: "2020-11-26", also as the start of a timestamp "2020-11-26T18:10".
    let iso_day = c.text.split_once(['T', 't']).map_or(c.text, |(day, _)| day);
    if let (Some(y), Some(m), Some(d)) = (
        number(a.text, 4..=4),
        number(b.text, 1..=2),
        number(iso_day, 1..=2),
    ) {
        if g1 == "-" && g2 == "-" || g1 == "/" && g2 == "/" {
            return Date::new(y, m as u8, d as u8).map(|date| (date, i + 2));
        }
    }
    // Numeric with the year last: "06/10/2020", "10.06.2020".
    if let (Some(x), Some(y), Some(year)) = (
        number(a.text, 1..=2),
        number(b.text, 1..=2),
        number(c.text, 4..=4),
    ) {
        if g1 == g2 && ["/", "-", "."].contains(&g1) {
            let (m, d) = if g1 == "." || x > 12 { (y, x) } else { (x, y) };
            return Date::new(year, m as u8, d as u8).map(|date| (date, i + 2));
        }
    }
    None
}

/// Words that may accompany a date on a dateline without making it prose.
fn dateline_word(word: &str) -> bool {
    const WORDS: [&str; 24] = [
        "updated",
        "published",
        "posted",
        "last",
        "modified",
        "on",
        "at",
        "date",
        "am",
        "pm",
        "a",
        "p",
        "m",
        "utc",
        "gmt",
        "et",
        "pt",
        "est",
        "edt",
        "pst",
        "pdt",
        "cet",
        "cest",
        "bst",
    ];
    weekday(word) || WORDS.contains(&word.to_lowercase().as_str()) || number(word, 1..=2).is_some()
}

/// The date of a line that holds nothing else: "Thursday , November 26 2020",
/// "Updated: June 10, 2020 at 6:10 pm EDT". `None` for a line with any other words.
pub fn dateline(line: &str) -> Option<Date> {
    const MAX_DATELINE_CHARS: usize = 80;
    if line.chars().count() > MAX_DATELINE_CHARS {
        return None;
    }
    let found = find_date(line)?;
    let outside = tokens(line)
        .into_iter()
        .filter(|t| t.span.end <= found.span.start || t.span.start >= found.span.end);
    outside
        .into_iter()
        .all(|t| dateline_word(t.text))
        .then_some(found.date)
}

/// Leading words of a byline's tail that belong to its date part ("Wed", "Updated", "June").
pub fn starts_date_part(word: &str) -> bool {
    weekday(word) || month(word).is_some() || dateline_word(word) || number(word, 4..=4).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<String> {
        find_date(s).map(|m| m.date.to_string())
    }

    #[test]
    fn reads_the_forms_news_sites_print() {
        assert_eq!(
            date("Thursday , November 26 2020").as_deref(),
            Some("2020-11-26")
        );
        assert_eq!(
            date("by Tyler Durden Wed, 06/10/2020 - 18:10").as_deref(),
            Some("2020-06-10")
        );
        assert_eq!(
            date("Published Nov. 3rd, 2019 at 9am").as_deref(),
            Some("2019-11-03")
        );
        assert_eq!(date("26 September 2021").as_deref(), Some("2021-09-26"));
        assert_eq!(date("the 4th of July, 1999").as_deref(), Some("1999-07-04"));
        assert_eq!(date("2020-06-10T18:10:00Z").as_deref(), Some("2020-06-10"));
        assert_eq!(date("Sept 9, 2020").as_deref(), Some("2020-09-09"));
    }

    #[test]
    fn numeric_dates_are_month_first_unless_impossible_or_dotted() {
        assert_eq!(date("06/10/2020").as_deref(), Some("2020-06-10"));
        assert_eq!(date("25/10/2020").as_deref(), Some("2020-10-25"));
        assert_eq!(date("10.06.2020").as_deref(), Some("2020-06-10"));
    }

    #[test]
    fn rejects_impossible_and_partial_dates() {
        assert_eq!(date("February 30, 2020"), None);
        assert_eq!(date("In 2018, a report revealed"), None);
        assert_eq!(date("May 2019"), None);
        assert_eq!(date("87.46% of respondents"), None);
        assert_eq!(date("the march 12 3000 protest"), None);
    }

    #[test]
    fn a_dateline_holds_a_date_and_nothing_but_date_words() {
        assert_eq!(
            dateline("Thursday , November 26 2020")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2020-11-26")
        );
        assert!(dateline("Updated: June 10, 2020 at 6:10 pm EDT").is_some());
        assert_eq!(
            dateline("On November 26 2020 Amazon said it would stop"),
            None
        );
    }

    #[test]
    fn parses_and_prints_iso_form() {
        let d: Date = "2020-06-10".parse().unwrap();
        assert_eq!(d, Date::new(2020, 6, 10).unwrap());
        assert_eq!(d.to_string(), "2020-06-10");
        assert_eq!(d.long(), "10 June 2020");
        assert!("2020-6-10".parse::<Date>().is_err());
        assert!("2021-02-29".parse::<Date>().is_err());
    }
}

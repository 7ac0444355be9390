//! Facts a story states in numbers: dates, durations, percentages, sums of money and other
//! numbers, each with a normalised value so that sources can be compared ("one-year" and
//! "12 month" are both durations; "60 percent" and "60%" are the same percentage).

use serde::Serialize;

use crate::dates;
use crate::ingest::{Document, Role};
use crate::sentences::{tokenize, Token, TokenKind};
use crate::text::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum FactKind {
    Date,
    Duration,
    Number,
    Percent,
    Money,
}

impl FactKind {
    pub const ALL: [FactKind; 5] = [
        FactKind::Date,
        FactKind::Duration,
        FactKind::Number,
        FactKind::Percent,
        FactKind::Money,
    ];
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fact {
    pub span: Span,
    pub kind: FactKind,
    /// Normalised: "2020-06-10", "1 year", "60", "1000000000 USD", "indefinite".
    pub value: String,
    /// Index of the block the fact is in.
    pub block: usize,
}

/// Number words and their values, matched without regard to case.
const NUMBER_WORDS: &[(&str, f64)] = &[
    ("a", 1.0),
    ("an", 1.0),
    ("one", 1.0),
    ("single", 1.0),
    ("two", 2.0),
    ("couple", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("dozen", 12.0),
    ("fifteen", 15.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("hundred", 100.0),
    ("thousand", 1000.0),
];

fn number_word(w: &str) -> Option<f64> {
    NUMBER_WORDS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(w))
        .map(|(_, n)| *n)
}

fn digits(w: &str) -> Option<f64> {
    w.replace(',', "").parse().ok()
}

fn scale(w: &str) -> Option<f64> {
    [
        ("thousand", 1e3),
        ("million", 1e6),
        ("mn", 1e6),
        ("billion", 1e9),
        ("bn", 1e9),
        ("trillion", 1e12),
    ]
    .iter()
    .find(|(name, _)| name.eq_ignore_ascii_case(w))
    .map(|(_, n)| *n)
}

fn time_unit(w: &str) -> Option<&'static str> {
    const UNITS: [&str; 9] = [
        "second", "minute", "hour", "day", "week", "month", "year", "decade", "century",
    ];
    let singular = w.strip_suffix(['s', 'S']).unwrap_or(w);
    let singular = if singular.eq_ignore_ascii_case("centurie") {
        "century"
    } else {
        singular
    };
    UNITS
        .iter()
        .copied()
        .find(|u| u.eq_ignore_ascii_case(w) || u.eq_ignore_ascii_case(singular))
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Finds the facts of a document (datelines and bylines excepted: they are its own metadata).
pub fn extract_facts(doc: &Document) -> Vec<Fact> {
    let text = doc.text.as_str();
    let mut facts = Vec::new();
    for (b, block) in doc.blocks.iter().enumerate() {
        if matches!(block.role, Role::Dateline | Role::Byline) {
            continue;
        }
        let tokens = tokenize(text, block.span);
        let mut taken: Vec<Span> = Vec::new();
        // Full calendar dates first: they contain numbers that are not facts of their own.
        let mut from = block.span.start;
        // Every full date has a year in digits: a block without digits has none.
        let has_digits = block.span.of(text).bytes().any(|b| b.is_ascii_digit());
        while let Some(m) = has_digits
            .then(|| dates::find_date(&text[from..block.span.end]))
            .flatten()
        {
            let span = Span::new(from + m.span.start, from + m.span.end);
            facts.push(Fact {
                span,
                kind: FactKind::Date,
                value: m.date.to_string(),
                block: b,
            });
            taken.push(span);
            from = span.end;
        }
        let free =
            |s: Span, taken: &[Span]| !taken.iter().any(|t| t.start < s.end && s.start < t.end);
        let mut i = 0;
        while i < tokens.len() {
            match fact_at(text, &tokens, i) {
                Some((kind, value, end))
                    if free(
                        Span::new(tokens[i].span.start, tokens[end].span.end),
                        &taken,
                    ) =>
                {
                    let span = Span::new(tokens[i].span.start, tokens[end].span.end);
                    taken.push(span);
                    facts.push(Fact {
                        span,
                        kind,
                        value,
                        block: b,
                    });
                    i = end + 1;
                }
                _ => i += 1,
            }
        }
    }
    facts.sort_by_key(|f| f.span.start);
    facts
}

/// The fact starting at token `i`: its kind, value and last token.
fn fact_at(text: &str, t: &[Token], i: usize) -> Option<(FactKind, String, usize)> {
    let w = |k: usize| t.get(k).map(|tok| tok.text(text)).unwrap_or("");
    let is = |k: usize, s: &str| w(k).eq_ignore_ascii_case(s);
    let word = w(i);
    // Most tokens start no fact: leave them before any other work.
    let first = word.chars().next()?;
    if t[i].kind == TokenKind::Punct && !matches!(word, "$" | "€" | "£") {
        return None;
    }
    let wordy = t[i].kind == TokenKind::Word && !first.is_ascii_digit();
    if wordy
        && number_word(word).is_none()
        && !word.contains('-')
        && !is(i, "until")
        && !is(i, "indefinitely")
    {
        return None;
    }

    // "until further notice", "indefinitely"
    if is(i, "until") && is(i + 1, "further") && is(i + 2, "notice") {
        return Some((FactKind::Duration, "indefinite".into(), i + 2));
    }
    if is(i, "indefinitely") {
        return Some((FactKind::Duration, "indefinite".into(), i));
    }
    // Money: "$1.5 billion", "$300"
    if matches!(word, "$" | "€" | "£") {
        let currency = match word {
            "$" => "USD",
            "€" => "EUR",
            _ => "GBP",
        };
        let n = digits(w(i + 1))?;
        let (n, end) = match scale(w(i + 2)) {
            Some(s) => (n * s, i + 2),
            None => (n, i + 1),
        };
        return Some((
            FactKind::Money,
            format!("{} {currency}", format_number(n)),
            end,
        ));
    }
    // A number, in digits or in words ("one-year" is one token: split its hyphen).
    let (n, unit_in_word) = match t[i].kind {
        TokenKind::Number => (digits(word)?, None),
        TokenKind::Word => match word.split_once('-') {
            Some((a, b)) if time_unit(b).is_some() => {
                (number_word(a).or_else(|| digits(a))?, time_unit(b))
            }
            _ => (number_word(word)?, None),
        },
        _ => return None,
    };
    if let Some(unit) = unit_in_word {
        return Some((
            FactKind::Duration,
            format!("{} {unit}", format_number(n)),
            i,
        ));
    }
    let (n, mut end) = match scale(w(i + 1)) {
        Some(s) => (n * s, i + 1),
        None => (n, i),
    };
    // "12 month", "two days", "a 12-month", "one year"
    let next = w(end + 1);
    let (next_unit, next_end) = match time_unit(next) {
        Some(u) => (Some(u), end + 1),
        None => (None, end),
    };
    if let Some(unit) = next_unit {
        return Some((
            FactKind::Duration,
            format!("{} {unit}", format_number(n)),
            next_end,
        ));
    }
    let is_article = ["a", "an", "one", "single", "couple"]
        .iter()
        .any(|a| is(i, a));
    if is_article {
        return None;
    }
    // "60 percent", "87.46%"
    if next == "%" || next.eq_ignore_ascii_case("percent") || next.eq_ignore_ascii_case("pct") {
        return Some((FactKind::Percent, format_number(n), end + 1));
    }
    if next.eq_ignore_ascii_case("per") && is(end + 2, "cent") {
        return Some((FactKind::Percent, format_number(n), end + 2));
    }
    // "300 dollars"
    let currency = [
        ("dollars", "USD"),
        ("dollar", "USD"),
        ("euros", "EUR"),
        ("euro", "EUR"),
        ("pounds", "GBP"),
    ]
    .iter()
    .find(|(name, _)| is(end + 1, name))
    .map(|(_, c)| *c);
    if let Some(currency) = currency {
        return Some((
            FactKind::Money,
            format!("{} {currency}", format_number(n)),
            end + 1,
        ));
    }
    // A year after a preposition: "in 2018", "since 2019".
    let year = t[i].kind == TokenKind::Number && word.len() == 4 && (1800.0..=2100.0).contains(&n);
    const YEAR_PREPOSITIONS: [&str; 10] = [
        "in", "since", "by", "from", "until", "of", "to", "before", "after", "during",
    ];
    let after_preposition = i > 0 && YEAR_PREPOSITIONS.iter().any(|p| is(i - 1, p));
    if year && after_preposition {
        return Some((FactKind::Date, word.to_string(), i));
    }
    if year
        && t.get(i + 1).is_some_and(|n| {
            n.text(text) == "paper" || n.text(text) == "study" || n.text(text) == "report"
        })
    {
        return Some((FactKind::Date, word.to_string(), i));
    }
    if t[i].kind == TokenKind::Number || n >= 2.0 {
        end = end.max(i);
        return Some((FactKind::Number, format_number(n), end));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::analyze;

    fn facts(body: &str) -> Vec<(FactKind, String, String)> {
        let doc = analyze("t.txt", &format!("A headline for the test\n\n{body}"));
        extract_facts(&doc)
            .into_iter()
            .map(|f| (f.kind, f.value, f.span.of(&doc.text).to_string()))
            .collect()
    }

    fn has(body: &str, kind: FactKind, value: &str, text: &str) {
        let got = facts(body);
        assert!(
            got.contains(&(kind, value.to_string(), text.to_string())),
            "{got:?}"
        );
    }

    #[test]
    fn durations_in_the_forms_outlets_write_them() {
        has(
            "We note this is a 12 month moratorium.",
            FactKind::Duration,
            "12 month",
            "12 month",
        );
        has(
            "A one-year moratorium on police use.",
            FactKind::Duration,
            "1 year",
            "one-year",
        );
        has(
            "It bans police use for one year.",
            FactKind::Duration,
            "1 year",
            "one year",
        );
        has(
            "It came two days later.",
            FactKind::Duration,
            "2 day",
            "two days",
        );
        has(
            "Just a day after IBM.",
            FactKind::Duration,
            "1 day",
            "a day",
        );
        has(
            "Access is suspended until further notice.",
            FactKind::Duration,
            "indefinite",
            "until further notice",
        );
    }

    #[test]
    fn percentages_money_and_numbers() {
        has(
            "The error rate was 60 percent.",
            FactKind::Percent,
            "60",
            "60 percent",
        );
        has(
            "Some 87.46% of respondents.",
            FactKind::Percent,
            "87.46",
            "87.46%",
        );
        has(
            "It costs $1.5 billion a year.",
            FactKind::Money,
            "1500000000 USD",
            "$1.5 billion",
        );
        has("It misidentified 26 members.", FactKind::Number, "26", "26");
        has(
            "Signed by 450 of its employees.",
            FactKind::Number,
            "450",
            "450",
        );
    }

    #[test]
    fn dates_and_years() {
        has(
            "Announced on June 10, 2020 in Seattle.",
            FactKind::Date,
            "2020-06-10",
            "June 10, 2020",
        );
        has(
            "In 2018, a report revealed it.",
            FactKind::Date,
            "2018",
            "2018",
        );
        // The parts of a date are not numbers of their own.
        assert_eq!(facts("Announced on June 10, 2020.").len(), 1);
    }

    #[test]
    fn articles_and_lone_ones_are_not_facts() {
        assert_eq!(
            facts("One brave soul published a letter and a response."),
            []
        );
    }
}

//! The search query language: parsing what the user types into clauses, never failing. A malformed
//! query gets the best sensible reading plus a short note saying what was done with it.
//!
//! - `amazon police`: every word must match;
//! - `"face recognition"`: the exact phrase;
//! - `ban OR moratorium`: either (OR binds tighter than the implicit AND);
//! - `-ibm`, `-"press release"`: excluded;
//! - `recogn*`: any word starting so;
//! - `title:amazon`, `title:"police use"`: in the headline only;
//! - `source:cnn`, `source:"Fox News"`: the outlet (any word of its name, case-insensitive);
//! - `entity:"Jeff Bezos"`: documents that mention the entity;
//! - `type:PERSON`: documents that mention an entity of that type;
//! - `date:2020-06..2020-12`, `date:2020`, `date:2020-06-10..`, `date:..2019`: the article's date.
//!
//! Words are kept as typed: folding and stemming belong to the index, which analyses query words
//! and document words the same way.

use crate::dates::Date;
use crate::mentions::EntityType;

/// The query language as the page's help shows it: examples and what each matches. Every example
/// parses without a note (a test checks), so the help cannot drift from the parser.
pub const SYNTAX: &[(&str, &str)] = &[
    (
        "amazon police",
        "every word (case and accents aside; “policing” finds “police”)",
    ),
    ("\"face recognition\"", "the exact phrase, words in a row"),
    (
        "ban OR moratorium",
        "either; OR binds tighter than the implicit AND",
    ),
    ("-ibm   -\"press release\"", "without it"),
    ("recogn*", "any word starting so"),
    ("title:amazon   title:\"police use\"", "in the headline"),
    (
        "source:reuters   source:\"fox news\"",
        "the outlet’s name has these words",
    ),
    (
        "entity:\"Jeff Bezos\"",
        "mentions the entity, by any of its names",
    ),
    ("type:PERSON", "mentions a PERSON, ORG, PLACE or PRODUCT"),
    (
        "date:2020-06..2020-12   date:2020   date:..2019-05",
        "dated within (undated articles never match)",
    ),
];

/// A parsed query: every clause must hold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    pub clauses: Vec<Clause>,
    /// What was done with the parts that could not be read as written, for the page to show.
    pub notes: Vec<String>,
}

/// Alternatives joined by OR; an excluded clause must hold for no alternative.
#[derive(Clone, Debug, PartialEq)]
pub struct Clause {
    pub excluded: bool,
    pub alternatives: Vec<Term>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Term {
    Word {
        text: String,
        title_only: bool,
    },
    Prefix {
        text: String,
        title_only: bool,
    },
    Phrase {
        words: Vec<String>,
        title_only: bool,
    },
    Source(String),
    Entity(String),
    Type(EntityType),
    Date(DateRange),
}

/// Inclusive bounds; `None` is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl DateRange {
    pub fn contains(&self, date: Date) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }
}

impl Query {
    /// True when nothing constrains the corpus (an empty box, or only notes).
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }
}

/// One piece of the query as typed: its text, whether it was quoted, and a leading `-`.
struct Piece {
    text: String,
    quoted: bool,
    excluded: bool,
    /// Bytes of `text` before the opening quote: a field name must end there (`title:"…"`).
    before_quote: usize,
}

/// Parses a query. Never fails: see `Query::notes`.
pub fn parse(input: &str) -> Query {
    let mut query = Query::default();
    let pieces = split_pieces(input, &mut query.notes);
    let mut pending_or = false;
    for piece in pieces {
        if !piece.quoted && !piece.excluded && piece.text == "OR" {
            if query.clauses.is_empty() || pending_or {
                query
                    .notes
                    .push("OR needs a term on each side; ignored".into());
            }
            pending_or = !query.clauses.is_empty();
            continue;
        }
        let Some(term) = term_of(&piece, &mut query.notes) else {
            continue;
        };
        let joins_previous = pending_or
            && query
                .clauses
                .last()
                .is_some_and(|c| c.excluded == piece.excluded);
        if pending_or && !joins_previous {
            query
                .notes
                .push("OR between an excluded and an included term; read as AND".into());
        }
        match query.clauses.last_mut() {
            Some(last) if joins_previous => last.alternatives.push(term),
            _ => query.clauses.push(Clause {
                excluded: piece.excluded,
                alternatives: vec![term],
            }),
        }
        pending_or = false;
    }
    if pending_or {
        query
            .notes
            .push("OR at the end has nothing after it; ignored".into());
    }
    query
}

/// Splits at whitespace outside quotes. `field:"two words"` stays one piece.
fn split_pieces(input: &str, notes: &mut Vec<String>) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut chars = input.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let Some(&first) = chars.peek() else { break };
        let mut excluded = false;
        if first == '-' {
            chars.next();
            excluded = true;
        }
        let mut text = String::new();
        let mut quoted = false;
        let mut before_quote = usize::MAX;
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            chars.next();
            if is_quote(c) {
                quoted = true;
                before_quote = text.len();
                let mut closed = false;
                for c in chars.by_ref() {
                    if is_quote(c) {
                        closed = true;
                        break;
                    }
                    text.push(c);
                }
                if !closed {
                    notes.push("A quote was not closed; searched for the phrase anyway".into());
                }
                // `"a b"c`: what follows a closing quote belongs to the next piece.
                break;
            }
            text.push(c);
        }
        if text.trim().is_empty() && !(quoted || text.ends_with(':')) {
            if excluded {
                notes.push("A lone '-' excludes nothing; ignored".into());
            }
            continue;
        }
        pieces.push(Piece {
            text,
            quoted,
            excluded,
            before_quote,
        });
    }
    pieces
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”')
}

fn term_of(piece: &Piece, notes: &mut Vec<String>) -> Option<Term> {
    if let Some((field, value)) = piece.text.split_once(':') {
        if field.len() < piece.before_quote {
            if let Some(term) = field_term(field, value.trim(), piece.quoted, notes) {
                return term;
            }
        }
    }
    text_term(&piece.text, piece.quoted, false, notes)
}

/// `Some(None)`: a known field whose value could not be used (noted). `None`: not a field.
fn field_term(
    field: &str,
    value: &str,
    quoted: bool,
    notes: &mut Vec<String>,
) -> Option<Option<Term>> {
    let field_name = field.to_lowercase();
    if !matches!(
        field_name.as_str(),
        "title" | "source" | "entity" | "type" | "date"
    ) {
        if !field.is_empty() && field.chars().all(char::is_alphabetic) && !quoted {
            notes.push(format!(
                "No field called \"{field}\" (fields: title, source, entity, type, date); searched for the words"
            ));
        }
        return None;
    }
    if value.is_empty() {
        notes.push(format!("{field_name}: needs a value; ignored"));
        return Some(None);
    }
    let term = match field_name.as_str() {
        "title" => text_term(value, quoted, true, notes),
        "source" => Some(Term::Source(value.to_string())),
        "entity" => Some(Term::Entity(value.to_string())),
        "type" => match EntityType::parse(&value.to_uppercase()) {
            Some(kind) => Some(Term::Type(kind)),
            None => {
                notes.push(format!(
                    "No entity type \"{value}\" (types: PERSON, ORG, PLACE, PRODUCT); ignored"
                ));
                None
            }
        },
        _ => match date_range(value) {
            Some(range) => Some(Term::Date(range)),
            None => {
                notes.push(format!(
                    "\"{value}\" is not a date range (e.g. 2020-06..2020-12, 2020, ..2019-05); ignored"
                ));
                None
            }
        },
    };
    Some(term)
}

fn text_term(text: &str, quoted: bool, title_only: bool, notes: &mut Vec<String>) -> Option<Term> {
    let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    if quoted || words.len() > 1 {
        if words.is_empty() {
            notes.push("An empty phrase matches nothing; ignored".into());
            return None;
        }
        return Some(Term::Phrase { words, title_only });
    }
    let word = words.into_iter().next()?;
    match word.strip_suffix('*') {
        Some(stem) if stem.chars().any(char::is_alphanumeric) => Some(Term::Prefix {
            text: stem.to_string(),
            title_only,
        }),
        Some(_) => {
            notes.push("'*' needs letters before it; ignored".into());
            None
        }
        None if word.chars().any(char::is_alphanumeric) => Some(Term::Word {
            text: word,
            title_only,
        }),
        None => None,
    }
}

/// `2020`, `2020-06`, `2020-06-10`, and ranges of them with `..`, open on either side.
fn date_range(value: &str) -> Option<DateRange> {
    let (from, to) = match value.split_once("..") {
        Some((from, to)) => (from.trim(), to.trim()),
        None => (value, value),
    };
    if from.is_empty() && to.is_empty() {
        return None;
    }
    let from = if from.is_empty() {
        None
    } else {
        Some(date_bound(from, false)?)
    };
    let to = if to.is_empty() {
        None
    } else {
        Some(date_bound(to, true)?)
    };
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return None;
        }
    }
    Some(DateRange { from, to })
}

/// The first (or, for `end`, the last) day a partial date covers.
fn date_bound(s: &str, end: bool) -> Option<Date> {
    let parts: Vec<&str> = s.split('-').collect();
    let number = |i: usize| parts.get(i).map(|p| p.parse::<u16>().ok());
    let year = number(0)??;
    let month = match number(1) {
        None => None,
        Some(m) => Some(u8::try_from(m?).ok()?),
    };
    let day = match number(2) {
        None => None,
        Some(d) => Some(u8::try_from(d?).ok()?),
    };
    if parts.len() > 3 {
        return None;
    }
    match (month, day) {
        (Some(m), Some(d)) => Date::new(year, m, d),
        (Some(m), None) if end => (28..=31).rev().find_map(|d| Date::new(year, m, d)),
        (Some(m), None) => Date::new(year, m, 1),
        (None, _) if end => Date::new(year, 12, 31),
        (None, _) => Date::new(year, 1, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> Term {
        Term::Word {
            text: text.into(),
            title_only: false,
        }
    }

    fn clause(terms: Vec<Term>) -> Clause {
        Clause {
            excluded: false,
            alternatives: terms,
        }
    }

    fn date(y: u16, m: u8, d: u8) -> Option<Date> {
        Date::new(y, m, d)
    }

    #[test]
    fn words_must_all_match_and_or_binds_tighter() {
        let q = parse("amazon ban OR moratorium police");
        assert_eq!(
            q.clauses,
            [
                clause(vec![word("amazon")]),
                clause(vec![word("ban"), word("moratorium")]),
                clause(vec![word("police")]),
            ]
        );
        assert!(q.notes.is_empty());
    }

    #[test]
    fn phrases_exclusions_and_prefixes() {
        let q = parse("“face recognition” -ibm -\"press release\" recogn*");
        assert_eq!(
            q.clauses,
            [
                clause(vec![Term::Phrase {
                    words: vec!["face".into(), "recognition".into()],
                    title_only: false
                }]),
                Clause {
                    excluded: true,
                    alternatives: vec![word("ibm")]
                },
                Clause {
                    excluded: true,
                    alternatives: vec![Term::Phrase {
                        words: vec!["press".into(), "release".into()],
                        title_only: false
                    }]
                },
                clause(vec![Term::Prefix {
                    text: "recogn".into(),
                    title_only: false
                }]),
            ]
        );
    }

    #[test]
    fn fields_with_quoted_values() {
        let q = parse(
            "title:\"police use\" source:\"Fox News\" entity:\"Jeff Bezos\" type:person title:amazon",
        );
        assert_eq!(
            q.clauses,
            [
                clause(vec![Term::Phrase {
                    words: vec!["police".into(), "use".into()],
                    title_only: true
                }]),
                clause(vec![Term::Source("Fox News".into())]),
                clause(vec![Term::Entity("Jeff Bezos".into())]),
                clause(vec![Term::Type(EntityType::Person)]),
                clause(vec![Term::Word {
                    text: "amazon".into(),
                    title_only: true
                }]),
            ]
        );
        assert!(q.notes.is_empty(), "{:?}", q.notes);
    }

    #[test]
    fn date_ranges_cover_whole_months_and_years() {
        let range = |s: &str| match &parse(s).clauses[..] {
            [Clause { alternatives, .. }] => match &alternatives[..] {
                [Term::Date(r)] => *r,
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        };
        assert_eq!(
            range("date:2020-06..2020-12"),
            DateRange {
                from: date(2020, 6, 1),
                to: date(2020, 12, 31)
            }
        );
        assert_eq!(
            range("date:2020-02"),
            DateRange {
                from: date(2020, 2, 1),
                to: date(2020, 2, 29)
            }
        );
        assert_eq!(
            range("date:..2019"),
            DateRange {
                from: None,
                to: date(2019, 12, 31)
            }
        );
        assert_eq!(
            range("date:2020-06-10.."),
            DateRange {
                from: date(2020, 6, 10),
                to: None
            }
        );
        assert!(range("date:2020").contains(Date::new(2020, 7, 4).unwrap()));
        assert!(!range("date:2020").contains(Date::new(2021, 1, 1).unwrap()));
    }

    #[test]
    fn malformed_queries_get_a_reading_and_a_note() {
        let q = parse("\"face recog");
        assert_eq!(
            q.clauses,
            [clause(vec![Term::Phrase {
                words: vec!["face".into(), "recog".into()],
                title_only: false
            }])]
        );
        assert_eq!(q.notes.len(), 1);

        for bad in [
            "OR amazon",
            "amazon OR",
            "date:June",
            "date:2020-13",
            "type:COMPANY",
            "- amazon",
            "*",
            "title:",
        ] {
            let q = parse(bad);
            assert_eq!(q.notes.len(), 1, "{bad}: {:?}", q.notes);
        }
        assert_eq!(parse("date:2021..2020").clauses, []);
        assert_eq!(parse("OR amazon").clauses, [clause(vec![word("amazon")])]);

        let q = parse("colour:red");
        assert_eq!(q.clauses, [clause(vec![word("colour:red")])]);
        assert_eq!(q.notes.len(), 1);
        // A time is no field, nor is a colon inside a phrase.
        assert!(parse("10:30").notes.is_empty());
        assert_eq!(
            parse("\"title: police\"").clauses,
            [clause(vec![Term::Phrase {
                words: vec!["title:".into(), "police".into()],
                title_only: false
            }])]
        );
    }

    #[test]
    fn empty_and_whitespace_queries_constrain_nothing() {
        assert!(parse("").is_empty());
        assert!(parse("   \t ").is_empty());
        assert!(parse("\"\"").is_empty());
    }

    #[test]
    fn every_example_of_the_help_parses_cleanly() {
        for (example, _) in SYNTAX {
            let q = parse(example);
            assert!(q.notes.is_empty(), "{example}: {:?}", q.notes);
            assert!(!q.clauses.is_empty(), "{example}");
        }
    }
}

//! Entity mentions in one document: names found and typed PERSON, ORG, PLACE or PRODUCT.
//!
//! Rules, in the order they apply:
//! 1. **Chunks**: runs of capitalised words, joined across "of"/"for"/"and" only inside organisation
//!    and place names ("ACLU of Northern California", "Immigration and Customs Enforcement").
//! 2. **Trimming**: leading determiners, titles ("Rep.", "CEO"), demonyms and sentence-initial
//!    common words come off; what is left of only common words ("Criticism") is dropped.
//! 3. **Typing** by the name itself (gazetteer, given names, organisation/place head words,
//!    acronyms) and by its context (a title before it, "a researcher" after it, "its … software").
//! 4. **Document evidence**: a lone surname takes the type of the full name it belongs to; a
//!    name typed firmly once keeps that type at every other occurrence in the document.
//!
//! **Mentions are byte spans into the document text, never copies of it.**

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::ingest::{Document, Role};
use crate::lexicon;
use crate::sentences::{sentences, tokenize, Token, TokenKind};
use crate::text::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    Person,
    Org,
    Place,
    Product,
}

impl EntityType {
    pub fn label(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Place => "PLACE",
            EntityType::Product => "PRODUCT",
        }
    }

    pub fn parse(s: &str) -> Option<EntityType> {
        Some(match s {
            "PERSON" => EntityType::Person,
            "ORG" => EntityType::Org,
            "PLACE" => EntityType::Place,
            "PRODUCT" => EntityType::Product,
            _ => return None,
        })
    }
}

/// A typed name in a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub kind: EntityType,
    /// Index of the document block (paragraph) the mention is in.
    pub block: usize,
}

/// How sure a rule is of a type: firm types spread to other occurrences, guesses do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Certainty {
    Guess,
    Firm,
}

struct Chunk {
    span: Span,
    block: usize,
    tokens: Vec<Token>,
    title_before: bool,
    typed: Option<(EntityType, Certainty)>,
}

/// Finds the entity mentions of a document, in text order. Datelines are skipped; every other
/// block (headline, byline, body, boilerplate) is read, so callers filter by block role.
pub fn extract(doc: &Document) -> Vec<Mention> {
    let text = doc.text.as_str();
    let mut chunks: Vec<Chunk> = Vec::new();
    for (block_index, block) in doc.blocks.iter().enumerate() {
        if block.role == Role::Dateline {
            continue;
        }
        let tokens = tokenize(text, block.span);
        for sentence in sentences(text, &tokens) {
            chunks.extend(sentence_chunks(text, &tokens[sentence], block_index));
        }
    }
    for chunk in &mut chunks {
        chunk.typed = type_by_name_and_context(text, chunk);
    }
    apply_document_evidence(text, &mut chunks);
    chunks
        .into_iter()
        .filter_map(|c| {
            c.typed.map(|(kind, _)| Mention {
                span: c.span,
                kind,
                block: c.block,
            })
        })
        .collect()
}

fn word<'a>(text: &'a str, t: &Token) -> &'a str {
    t.text(text)
}

fn is_capitalized_word(text: &str, t: &Token) -> bool {
    t.kind == TokenKind::Word && word(text, t).chars().next().is_some_and(char::is_uppercase)
}

fn is_acronym(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| *c != '.').collect();
    (2..=6).contains(&letters.len())
        && letters
            .iter()
            .all(|c| c.is_uppercase() || c.is_ascii_digit())
        && letters.iter().any(|c| c.is_uppercase())
}

fn is_date_word(w: &str) -> bool {
    matches!(
        w,
        "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
    )
}

const CONNECTORS: &[&str] = &[
    "of", "for", "on", "and", "&", "the", "de", "van", "von", "der", "da", "du", "al", "bin", "la",
];
const PARTICLES: &[&str] = &["de", "van", "von", "der", "da", "du", "al", "bin", "la"];

/// A capitalised word, or an initial "J." (the dot is part of the name).
fn name_token_len(text: &str, tokens: &[Token], i: usize) -> usize {
    let Some(t) = tokens.get(i) else { return 0 };
    if !is_capitalized_word(text, t) {
        return 0;
    }
    let w = word(text, t);
    let initial = w.chars().count() == 1 && tokens.get(i + 1).is_some_and(|n| word(text, n) == ".");
    if initial {
        2
    } else {
        1
    }
}

fn org_like(text: &str, tokens: &[Token]) -> bool {
    tokens.iter().any(|t| {
        let w = word(text, t);
        lexicon::is_org_head(w)
            || lexicon::is_place_head(w)
            || (is_acronym(w) && !lexicon::is_place(w))
    })
}

/// The chunks of one sentence.
fn sentence_chunks(text: &str, tokens: &[Token], block: usize) -> Vec<Chunk> {
    let words: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .collect();
    let capitalized = words
        .iter()
        .filter(|t| is_capitalized_word(text, t))
        .count();
    // Headline-style sentences capitalise every word: only names that are not common words count.
    let title_case = words.len() >= 4 && capitalized * 10 >= words.len() * 7;
    let first_word = tokens.iter().position(|t| t.kind == TokenKind::Word);

    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let len = name_token_len(text, tokens, i);
        if len == 0 {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + len;
        let mut in_org_phrase = false;
        loop {
            let next = name_token_len(text, tokens, end);
            if next > 0 {
                end += next;
                continue;
            }
            // Possibly a connector followed by more name.
            let Some(c) = tokens.get(end).map(|t| word(text, t)) else {
                break;
            };
            if !CONNECTORS.contains(&c) {
                break;
            }
            let so_far = &tokens[start..end];
            let after = end
                + 1
                + usize::from(
                    c == "and" && tokens.get(end + 1).is_some_and(|t| word(text, t) == "the"),
                );
            if name_token_len(text, tokens, after) == 0 {
                break;
            }
            let joins = match c {
                "of" | "for" | "on" => org_like(text, so_far),
                "and" | "&" => {
                    c == "&" || in_org_phrase || {
                        // "Immigration and Customs Enforcement": the run after "and" ends the name
                        // with an organisation word.
                        let mut k = after;
                        while name_token_len(text, tokens, k) > 0 {
                            k += 1;
                        }
                        lexicon::is_org_head(word(text, &tokens[k - 1])) && end - start == 1
                    }
                }
                "the" => false,
                p if PARTICLES.contains(&p) => true,
                _ => false,
            };
            if !joins {
                break;
            }
            in_org_phrase |= matches!(c, "of" | "for" | "on");
            end = after;
        }
        i = end;
        let sentence_start = Some(start) == first_word
            || (start > 0
                && matches!(word(text, &tokens[start - 1]), "“" | "\"" | "‘" | "(" | "'"));
        let title_before = start >= 1 && {
            let prev = word(text, &tokens[start - 1]);
            let abbreviated = prev == "."
                && start >= 2
                && lexicon::is_person_title(word(text, &tokens[start - 2]));
            abbreviated
                || (tokens[start - 1].kind == TokenKind::Word
                    && lexicon::is_person_title(prev)
                    && is_capitalized_word(text, &tokens[start - 1]))
        };
        if let Some(chunk) = trim(
            text,
            &tokens[start..end],
            sentence_start,
            title_case,
            title_before,
            block,
        ) {
            out.push(chunk);
        }
    }
    out
}

/// Strips what is not part of the name and drops what is not a name at all.
fn trim(
    text: &str,
    tokens: &[Token],
    sentence_start: bool,
    title_case: bool,
    mut title_before: bool,
    block: usize,
) -> Option<Chunk> {
    let words_of = |ts: &[Token]| {
        ts.iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| word(text, t))
            .collect::<Vec<_>>()
    };
    let ends_in_org_head = words_of(tokens)
        .last()
        .is_some_and(|w| lexicon::is_org_head(w));
    let mut from = 0;
    let mut at_start = sentence_start;
    while from < tokens.len() {
        let w = word(text, &tokens[from]);
        let rest_nonempty = tokens[from + 1..].iter().any(|t| t.kind == TokenKind::Word);
        let common = lexicon::is_common_word(&w.to_lowercase());
        let strip = if matches!(w, "The" | "A" | "An") {
            true
        } else if tokens[from].kind != TokenKind::Word {
            true
        } else if lexicon::is_person_title(w) && rest_nonempty && !ends_in_org_head {
            title_before = true;
            true
        } else if lexicon::is_demonym(w) && (!rest_nonempty || !ends_in_org_head) {
            true
        } else if at_start
            && common
            && !lexicon::is_place(w)
            && !lexicon::is_given_name(w)
            && !is_acronym(w)
        {
            true
        } else {
            // "State Mike Pompeo": a common word before a given name is not part of it.
            common
                && rest_nonempty
                && lexicon::is_given_name(word(text, &tokens[from + 1]))
                && !ends_in_org_head
        };
        if !strip {
            break;
        }
        at_start = false;
        from += 1;
    }
    let tokens = &tokens[from..];
    let words = words_of(tokens);
    if words.is_empty() {
        return None;
    }
    let joined = text_of(text, tokens);
    let all_common = words
        .iter()
        .all(|w| lexicon::is_common_word(&w.to_lowercase()) || CONNECTORS.contains(w));
    let named_place = lexicon::is_place(joined);
    let keeps = named_place
        || words.iter().any(|w| is_acronym(w))
        || words
            .last()
            .is_some_and(|w| lexicon::is_org_head(w) && words.len() > 1)
        || !all_common;
    if !keeps || (words.len() == 1 && (is_date_word(words[0]) || words[0] == "I")) {
        return None;
    }
    if title_case && all_common {
        return None;
    }
    let span = Span::new(tokens[0].span.start, tokens[tokens.len() - 1].span.end);
    Some(Chunk {
        span,
        block,
        tokens: tokens.to_vec(),
        title_before,
        typed: None,
    })
}

fn text_of<'a>(text: &'a str, tokens: &[Token]) -> &'a str {
    &text[tokens[0].span.start..tokens[tokens.len() - 1].span.end]
}

/// The words right after a chunk, lowercased, skipping a comma and an article: ", a researcher".
fn words_after(text: &str, chunk: &Chunk, n: usize) -> Vec<String> {
    let rest = &text[chunk.span.end..];
    rest.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .take(n)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .to_lowercase()
        })
        .collect()
}

fn word_before(text: &str, chunk: &Chunk) -> String {
    text[..chunk.span.start]
        .split_whitespace()
        .last()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

fn type_by_name_and_context(text: &str, chunk: &Chunk) -> Option<(EntityType, Certainty)> {
    use Certainty::*;
    use EntityType::*;
    let words: Vec<&str> = chunk
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| word(text, t))
        .collect();
    let name = chunk.span.of(text);
    let (first, last) = (words[0], words[words.len() - 1]);
    let after = words_after(text, chunk, 3);
    let before = word_before(text, chunk);
    let after_noun = |f: fn(&str) -> bool| {
        after.first().is_some_and(|w| f(w))
            || (after
                .first()
                .is_some_and(|w| matches!(w.as_str(), "a" | "an" | "the"))
                && after.get(1).is_some_and(|w| f(w)))
    };

    if words.len() == 1 && is_acronym(first) {
        return Some(if lexicon::is_place(first) {
            (Place, Firm)
        } else {
            (Org, Firm)
        });
    }
    if lexicon::is_place(name) {
        return Some((Place, Firm));
    }
    if words.len() >= 2
        && lexicon::is_direction(first)
        && lexicon::is_place(&name[first.len()..].trim_start())
    {
        return Some((Place, Firm));
    }
    if lexicon::is_org_head(last)
        || words
            .iter()
            .any(|w| matches!(*w, "of" | "for") && words.len() > 2)
            && org_like_words(&words)
    {
        return Some((Org, Firm));
    }
    if lexicon::is_place_head(last) && words.len() > 1 {
        return Some((Place, Firm));
    }
    if chunk.title_before {
        return Some((Person, Firm));
    }
    if after_noun(lexicon::is_product_noun)
        && (before == "its" || before == "the" || words.len() == 1)
    {
        return Some((Product, Guess));
    }
    if words.len() >= 2 && lexicon::is_given_name(first) {
        return Some((Person, Firm));
    }
    if after_noun(lexicon::is_person_noun) && words.len() >= 2 {
        return Some((Person, Firm));
    }
    if words.len() >= 2 {
        // Two or three unknown capitalised words are most often a person's name in news text.
        return Some(if words.len() <= 3 {
            (Person, Guess)
        } else {
            (Org, Guess)
        });
    }
    if is_acronym(first) {
        return Some((Org, Guess));
    }
    Some((Org, Guess))
}

fn org_like_words(words: &[&str]) -> bool {
    words
        .iter()
        .any(|w| lexicon::is_org_head(w) || is_acronym(w))
}

/// Spreads firm types within the document: surnames, repeated names, names made of a firmly
/// typed organisation and a product word ("Amazon Rekognition").
fn apply_document_evidence(text: &str, chunks: &mut [Chunk]) {
    use EntityType::*;
    let mut seen: HashMap<&str, (EntityType, Certainty)> = HashMap::new();
    let mut surnames: HashMap<&str, usize> = HashMap::new();
    for c in chunks.iter() {
        let Some((kind, certainty)) = c.typed else {
            continue;
        };
        let entry = seen.entry(c.span.of(text)).or_insert((kind, certainty));
        if certainty > entry.1 {
            *entry = (kind, certainty);
        }
        if kind == Person && certainty == Certainty::Firm && c.tokens.len() >= 2 {
            *surnames
                .entry(word(text, c.tokens.last().unwrap()))
                .or_default() += 1;
        }
    }
    for c in chunks.iter_mut() {
        let name = c.span.of(text);
        let Some((_, Certainty::Guess)) = c.typed else {
            continue;
        };
        if surnames.contains_key(name) {
            c.typed = Some((Person, Certainty::Firm));
        } else if let Some(&(kind, Certainty::Firm)) = seen.get(name) {
            c.typed = Some((kind, Certainty::Firm));
        } else if c.tokens.len() >= 2
            && seen
                .get(word(text, &c.tokens[0]))
                .is_some_and(|(k, _)| *k == Org)
        {
            // "Amazon Rekognition": an organisation's name before a product's.
            c.typed = Some((Product, Certainty::Guess));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::analyze;

    fn found(text: &str) -> Vec<(String, &'static str)> {
        let doc = analyze("t.txt", text);
        extract(&doc)
            .into_iter()
            .map(|m| (m.span.of(&doc.text).to_string(), m.kind.label()))
            .collect()
    }

    fn has(text: &str, name: &str, kind: &str) -> bool {
        found(text).iter().any(|(n, k)| n == name && *k == kind)
    }

    const HEAD: &str = "A headline for the test\n\n";

    #[test]
    fn titles_and_possessives_are_not_part_of_the_name() {
        let text =
            format!("{HEAD}Rep. Tashida Tlaib said Amazon’s tool fails. CEO Andy Jassy disagreed.");
        let got = found(&text);
        assert!(got.contains(&("Tashida Tlaib".into(), "PERSON")), "{got:?}");
        assert!(got.contains(&("Amazon".into(), "ORG")), "{got:?}");
        assert!(got.contains(&("Andy Jassy".into(), "PERSON")), "{got:?}");
    }

    #[test]
    fn organisation_names_with_inner_lowercase_words() {
        let text = format!(
            "{HEAD}It works with the International Center for Missing and Exploited Children and with Immigration and Customs Enforcement, said the ACLU of Northern California."
        );
        assert!(
            has(
                &text,
                "International Center for Missing and Exploited Children",
                "ORG"
            ),
            "{:?}",
            found(&text)
        );
        assert!(
            has(&text, "Immigration and Customs Enforcement", "ORG"),
            "{:?}",
            found(&text)
        );
        assert!(
            has(&text, "ACLU of Northern California", "ORG"),
            "{:?}",
            found(&text)
        );
    }

    #[test]
    fn sentence_initial_common_words_demonyms_and_dates_are_not_names() {
        let got = found(&format!(
            "{HEAD}Studies show American police misidentify people. On Wednesday, Congress met."
        ));
        assert_eq!(got, [("Congress".to_string(), "ORG")]);
    }

    #[test]
    fn places_from_the_gazetteer_and_regions() {
        let text = format!(
            "{HEAD}Police in Seattle and Northern California, and in the U.S. generally, used it."
        );
        assert!(has(&text, "Seattle", "PLACE"));
        assert!(has(&text, "Northern California", "PLACE"));
        assert!(has(&text, "U.S.", "PLACE"), "{:?}", found(&text));
    }

    #[test]
    fn a_lone_surname_follows_the_full_name() {
        let text =
            format!("{HEAD}Joy Buolamwini published a study. Later, Buolamwini posted a response.");
        let got = found(&text);
        assert!(got.contains(&("Buolamwini".into(), "PERSON")), "{got:?}");
    }

    #[test]
    fn an_apposition_types_an_unknown_name() {
        let text = format!(
            "{HEAD}The study by Timnit Gebru, a researcher at Microsoft Research, found errors."
        );
        assert!(has(&text, "Timnit Gebru", "PERSON"), "{:?}", found(&text));
        assert!(
            has(&text, "Microsoft Research", "ORG"),
            "{:?}",
            found(&text)
        );
    }

    #[test]
    fn products_by_their_context() {
        let text = format!("{HEAD}Amazon sold its Rekognition software to police. Amazon Rekognition can detect fear.");
        let got = found(&text);
        assert!(got.contains(&("Rekognition".into(), "PRODUCT")), "{got:?}");
        assert!(
            got.contains(&("Amazon Rekognition".into(), "PRODUCT")),
            "{got:?}"
        );
    }
}

//! Entity mentions in one document: names found and typed PERSON, ORG, PLACE or PRODUCT.
//!
//! Rules, in the order they apply:
//! 1. **Chunks**: runs of capitalised words, joined across "of"/"for"/"and" only inside organisation
//!    and place names ("ACLU of Northern California", "Immigration and Customs Enforcement").
//! 2. **Trimming**: leading determiners, titles ("Rep.", "CEO"), demonyms and sentence-initial
//!    common words come off; what is left of only common words ("Criticism") is dropped.
//! 3. **Typing** by the name itself (known names, gazetteer, given names, surnames,
//!    organisation/place head words, acronyms) and by its context (a title before it, "a
//!    researcher" after it, "its … software"); two or three unknown words with a common word among
//!    them and no surname at the end ("Wild West") are no name.
//! 4. **Document evidence**: a lone surname takes the type of the full name it belongs to; a
//!    name typed firmly once keeps that type at every other occurrence in the document.
//!
//! **Mentions are byte spans into the document text, never copies of it.**

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::ingest::{Document, Role};
use crate::lexicon;
use crate::sentences::{is_party_tag, sentences, tokenize, Token, TokenKind};
use crate::text::{word_after, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    Person,
    Org,
    Place,
    Product,
}

impl EntityType {
    pub const ALL: [EntityType; 4] = [
        EntityType::Person,
        EntityType::Org,
        EntityType::Place,
        EntityType::Product,
    ];

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
    /// Common words were cut off its end: a name only if it shows itself as one elsewhere.
    tail_trimmed: bool,
    typed: Option<(EntityType, Certainty)>,
}

/// Finds the entity mentions of a document, in text order. Datelines are skipped; every other
/// block (headline, byline, body, boilerplate) is read, so callers filter by block role.
pub fn extract(doc: &Document) -> Vec<Mention> {
    let text = doc.text.as_str();
    let blocks: Vec<(usize, Vec<Token>)> = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, block)| block.role != Role::Dateline)
        .map(|(i, block)| (i, tokenize(text, block.span)))
        .collect();
    let surnames = surnames_after_given_names(text, &blocks);
    let mut chunks: Vec<Chunk> = Vec::new();
    for (block_index, tokens) in &blocks {
        for sentence in sentences(text, tokens) {
            chunks.extend(sentence_chunks(
                text,
                &tokens[sentence],
                *block_index,
                &surnames,
            ));
        }
    }
    for chunk in &mut chunks {
        chunk.typed = type_by_name_and_context(text, chunk);
    }
    let twins = lowercase_twins(doc, &chunks);
    let written_in_lowercase = |name: &str| twins.contains(name.to_lowercase().as_str());
    let chunks = apply_document_evidence(text, chunks, &written_in_lowercase);
    let chunks = confirm_shouted_names(doc, chunks);
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

/// A block written in capitals ("TRUMP PUSHES OUT MATTIS SOONER THAN PLANNED"): at least this
/// many of its words, and nearly all of them, have no lowercase letter.
///
/// Range 2–5. Two capitalised words are as often two acronyms ("FBI, CIA") as a shouted line;
/// from three on, prose has lowercase words among them.
const MIN_SHOUTED_WORDS: usize = 3;

fn is_shouted_block(block: &str) -> bool {
    // Cheap test first, a byte scan: this runs for every block, and prose is mostly lowercase.
    let (lower, upper) = block.bytes().fold((0usize, 0usize), |(l, u), b| {
        (
            l + usize::from(b.is_ascii_lowercase()),
            u + usize::from(b.is_ascii_uppercase()),
        )
    });
    if lower > upper {
        return false;
    }
    let words: Vec<&str> = block
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .collect();
    let capitals = words
        .iter()
        .filter(|w| !w.chars().any(char::is_lowercase))
        .count();
    capitals >= MIN_SHOUTED_WORDS && capitals * 10 >= words.len() * 9
}

/// In a line written in capitals, capitals say nothing: "NEW MULTIMILLION-DOLLAR BARRIER" is no
/// name, "TEXAS" no organisation. A run found there is a name only as far as something else
/// vouches for it, and takes the type that says: the document's prose writes it ("MATTIS" after
/// "Jim Mattis"), the lexicon knows it ("FBI", "NORTH KOREA"), or it is shaped like a person's
/// name (a given name first, "LISA PAGE"; alone, a known surname of three letters or more,
/// "PELOSI", not "POLL DU JOUR"). The longest part vouched for is kept: "LISA PAGE TESTIMONY" is
/// "LISA PAGE", "PRESIDENT TRUMP" is "TRUMP".
fn confirm_shouted_names(doc: &Document, chunks: Vec<Chunk>) -> Vec<Chunk> {
    let text = doc.text.as_str();
    let shouted: Vec<bool> = doc
        .blocks
        .iter()
        .map(|b| is_shouted_block(b.span.of(text)))
        .collect();
    if !shouted.contains(&true) {
        return chunks;
    }
    let mut prose: HashMap<String, EntityType> = HashMap::default();
    for c in chunks.iter().filter(|c| !shouted[c.block]) {
        let Some((kind, _)) = c.typed else { continue };
        prose.entry(c.span.of(text).to_lowercase()).or_insert(kind);
        if kind == EntityType::Person && c.tokens.len() >= 2 {
            let surname = word(text, &c.tokens[c.tokens.len() - 1]).to_lowercase();
            prose.entry(surname).or_insert(kind);
        }
    }
    // The type whatever vouches for a run gives it, if anything does. A one-word city is no
    // evidence: "UNION" (of "STATE OF THE UNION") and "ANTHEM" are towns too.
    let vouched = |tokens: &[Token]| -> Option<EntityType> {
        use EntityType::*;
        let name = text_of(text, tokens);
        if let Some(&kind) = prose.get(&name.to_lowercase()) {
            return Some(kind);
        }
        let prose_case = title_case(name);
        let spellings = [name, prose_case.as_str()];
        let known = || {
            if let Some(kind) = lexicon::known_name_type(name).and_then(EntityType::parse) {
                Some(kind)
            } else if spellings.iter().any(|n| {
                lexicon::place_kind(n).is_some_and(|kind| kind != "city" || tokens.len() > 1)
            }) {
                Some(Place)
            } else if lexicon::acronym_meaning(name).is_some()
                || spellings
                    .iter()
                    .any(|n| lexicon::canonical_name(n).is_some())
            {
                Some(Org)
            } else {
                None
            }
        };
        let last = word(text, &tokens[tokens.len() - 1]);
        let person_shaped = || {
            !lexicon::is_common_word(last)
                && match tokens {
                    [_] => prose_case.chars().count() >= 3 && lexicon::is_surname(&prose_case),
                    [first, ..] => lexicon::is_given_name(&title_case(word(text, first))),
                    [] => false,
                }
        };
        known().or_else(|| person_shaped().then_some(Person))
    };
    chunks
        .into_iter()
        .filter_map(|mut c| {
            if !shouted[c.block] {
                return Some(c);
            }
            let n = c.tokens.len();
            let (start, end, kind) = (1..=n).rev().find_map(|len| {
                (0..=n - len).find_map(|start| {
                    vouched(&c.tokens[start..start + len]).map(|kind| (start, start + len, kind))
                })
            })?;
            c.tokens.truncate(end);
            c.tokens.drain(..start);
            c.span = Span::new(
                c.tokens[0].span.start,
                c.tokens[c.tokens.len() - 1].span.end,
            );
            c.typed = c.typed.map(|(_, certainty)| (kind, certainty));
            Some(c)
        })
        .collect()
}

/// "NORTH KOREA" as prose writes it: "North Korea".
fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut word_start = true;
    for c in name.chars() {
        if word_start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        word_start = !c.is_alphanumeric() && c != '\'' && c != '’';
    }
    out
}

/// Capitalised words the document writes right after a given name ("Theresa May", "Robert
/// Gates", "Diane Black"): surnames there, and elsewhere in the document too, even when they are
/// also common words or months.
fn surnames_after_given_names<'a>(
    text: &'a str,
    blocks: &[(usize, Vec<Token>)],
) -> HashSet<&'a str> {
    let mut surnames = HashSet::default();
    for (_, tokens) in blocks {
        for pair in tokens.windows(2) {
            let (given, surname) = (word(text, &pair[0]), word(text, &pair[1]));
            // Cheap tests first: this looks at every pair of words in the corpus.
            if pair[0].kind == TokenKind::Word
                && pair[1].kind == TokenKind::Word
                && surname.len() > 1
                && crate::text::is_capitalized(given)
                && crate::text::is_capitalized(surname)
                && lexicon::is_given_name(given)
                && !lexicon::is_place(given)
                && !lexicon::is_person_title(surname)
                && !lexicon::is_org_head(surname)
                && !lexicon::is_place_head(surname)
                && !lexicon::is_demonym(surname)
            {
                surnames.insert(surname);
            }
        }
    }
    surnames
}

/// "in May", "May 5": a month, even in a document about Theresa May.
fn reads_as_a_date(text: &str, tokens: &[Token]) -> bool {
    let before = text[..tokens[0].span.start]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let number_after = text[tokens[tokens.len() - 1].span.end..]
        .trim_start()
        .starts_with(|c: char| c.is_ascii_digit());
    number_after
        || matches!(
            before.to_lowercase().as_str(),
            "in" | "on"
                | "since"
                | "until"
                | "by"
                | "last"
                | "next"
                | "early"
                | "late"
                | "mid"
                | "of"
                | "this"
                | "that"
                | "from"
                | "through"
                | "during"
                | "before"
                | "after"
        )
}

/// The guessed one-word names of a document that it also writes in lowercase ("Liberty" and
/// "liberty"), lowercased. One pass over the text, looking up only words that could match.
fn lowercase_twins(doc: &Document, chunks: &[Chunk]) -> HashSet<String> {
    let text = doc.text.as_str();
    let candidates: HashSet<String> = chunks
        .iter()
        .filter(|c| c.tokens.len() == 1 && matches!(c.typed, Some((_, Certainty::Guess))))
        .map(|c| c.span.of(text).to_lowercase())
        .filter(|w| w.chars().all(char::is_lowercase))
        .collect();
    let mut first_bytes = [false; 256];
    for c in &candidates {
        first_bytes[usize::from(c.as_bytes()[0])] = true;
    }
    let mut found = HashSet::default();
    if candidates.is_empty() {
        return found;
    }
    for block in &doc.blocks {
        for w in block.span.of(text).split(|c: char| !c.is_alphanumeric()) {
            if !w.is_empty() && first_bytes[usize::from(w.as_bytes()[0])] {
                if let Some(c) = candidates.get(w) {
                    found.insert(c.clone());
                }
            }
        }
    }
    found
}

fn word<'a>(text: &'a str, t: &Token) -> &'a str {
    t.text(text)
}

fn is_capitalized_word(text: &str, t: &Token) -> bool {
    let w = word(text, t);
    // Cheapest test first: most tokens are lowercase words.
    let Some(first) = w.chars().next() else {
        return false;
    };
    if t.kind != TokenKind::Word || !(first.is_uppercase() || w.contains('-')) {
        return false;
    }
    if is_contraction(w) || is_compound_adjective(w) {
        return false;
    }
    // "al-Assad", "bin-Salman": a particle joined to a capitalised name.
    let particle_name = w.split_once('-').is_some_and(|(p, rest)| {
        matches!(p, "al" | "el" | "bin" | "ibn" | "abu") && rest.starts_with(char::is_uppercase)
    });
    let capital = w.chars().next().is_some_and(char::is_uppercase) || particle_name;
    // Shouted common words ("MUST WATCH", "FAKE NEWS") are not names; acronyms and "US" are.
    let shouted = w.chars().count() > 1
        && w.chars().all(|c| !c.is_lowercase())
        && lexicon::is_common_word(w)
        && !lexicon::is_place(w);
    capital && !shouted
}

/// "American-backed", "Democratic-controlled": adjectives made from a name.
fn is_compound_adjective(w: &str) -> bool {
    const SUFFIXES: [&str; 18] = [
        "-winning",
        "-era",
        "-affiliated",
        "-linked",
        "-aligned",
        "-allied",
        "-sponsored",
        "-appointed",
        "-led",
        "-backed",
        "-based",
        "-born",
        "-controlled",
        "-owned",
        "-funded",
        "-style",
        "-like",
        "-made",
    ];
    if !w.contains('-') {
        return false;
    }
    let lower = w.to_lowercase();
    SUFFIXES.iter().any(|s| lower.ends_with(s))
}

/// Words of photo credits and captions ("GeekWire Photo", "AP File", "Photos of the aftermath …"):
/// the common-word list misses "photo" and "image", which credits capitalise more often than prose
/// writes them.
fn is_credit_word(word: &str) -> bool {
    matches!(
        word,
        "Photo" | "Photos" | "File" | "Illustration" | "Video" | "Graphic" | "Image"
    )
}

/// Sentence adverbs that are often capitalised and never names.
fn is_discourse_word(w: &str) -> bool {
    matches!(
        w,
        "Moreover"
            | "Enlarge"
            | "However"
            | "Meanwhile"
            | "Furthermore"
            | "Nevertheless"
            | "Nonetheless"
            | "Instead"
            | "Indeed"
            | "Besides"
            | "Likewise"
            | "Similarly"
            | "Consequently"
            | "Therefore"
            | "Thus"
            | "Hence"
            | "Overall"
            | "Finally"
            | "Additionally"
            | "Ultimately"
            | "Otherwise"
            | "Specifically"
            | "Notably"
            | "Meantime"
    )
}

/// "We’re", "It'll", "Don't": a pronoun or verb with a clitic, never a name.
fn is_contraction(w: &str) -> bool {
    w.rsplit_once(['\'', '’'])
        .is_some_and(|(_, tail)| matches!(tail, "re" | "ve" | "ll" | "d" | "m" | "t" | "s"))
}

/// Names of policies, movements and the like, which the guidelines do not count as entities
/// (tests/gold/GUIDELINES.md), and "God".
fn is_named_non_entity(w: &str) -> bool {
    matches!(
        w,
        "Brexit" | "Obamacare" | "ObamaCare" | "Trumpcare" | "MAGA" | "COVID-19" | "God"
    )
}

/// Acronyms that name no entity: "AI", "CEO", "TV".
fn is_generic_acronym(w: &str) -> bool {
    matches!(
        w,
        "AI" | "TV"
            | "CEO"
            | "CFO"
            | "COO"
            | "CTO"
            | "GDP"
            | "DNA"
            | "PhD"
            | "OK"
            | "FAQ"
            | "PC"
            | "IT"
            | "ID"
            | "IQ"
            | "PR"
            | "HR"
            | "VR"
            | "AR"
            | "GPS"
            | "PDF"
            | "URL"
            | "USB"
            | "LED"
            | "ATM"
            | "SUV"
            | "IPO"
            | "LGBT"
            | "LGBTQ"
            | "COVID"
            | "HIV"
            | "AIDS"
            | "UFO"
            | "VIP"
            | "MP"
            | "MPs"
            | "ET"
            | "PT"
            | "AM"
            | "PM"
    )
}

/// Last words of laws and documents: "First Amendment", "Patriot Act" are not entities here.
/// First words of references into laws: "Article II", "Section 230", "Title IX".
fn is_law_part(w: &str) -> bool {
    matches!(
        w,
        "Article" | "Section" | "Title" | "Chapter" | "Clause" | "Paragraph"
    )
}

/// Last words of events: "Boston Marathon" names a place's event; the place stays, the event goes.
fn is_event_head(w: &str) -> bool {
    matches!(
        w,
        "Marathon"
            | "Convention"
            | "Summit"
            | "Olympics"
            | "Games"
            | "Festival"
            | "Tournament"
            | "Championship"
            | "Championships"
            | "Cup"
            | "Bowl"
            | "War"
            | "Revolution"
            | "Crisis"
            | "Massacre"
            | "Bombing"
            | "Shooting"
    )
}

fn is_law_head(w: &str) -> bool {
    matches!(
        w,
        "Amendment"
            | "Act"
            | "Bill"
            | "Treaty"
            | "Accord"
            | "Accords"
            | "Doctrine"
            | "Constitution"
            | "Ban"
    )
}

fn is_acronym(w: &str) -> bool {
    let mut letters = w.chars().filter(|c| *c != '.');
    let mut count = 0;
    let mut uppercase = false;
    let all_capitals = letters.all(|c| {
        count += 1;
        uppercase |= c.is_uppercase();
        c.is_uppercase() || c.is_ascii_digit()
    });
    all_capitals && uppercase && (2..=6).contains(&count)
}

/// "Immigration", not "US" (which `is_common_word` takes for "us").
fn is_common_noun(w: &str) -> bool {
    lexicon::is_common_word(w) && !is_acronym(w)
}

fn is_date_word(w: &str) -> bool {
    matches!(
        w,
        "Thanksgiving"
            | "Thanksgivings"
            | "Christmas"
            | "Easter"
            | "Halloween"
            | "Hanukkah"
            | "Ramadan"
            | "Passover"
            | "Kwanzaa"
            | "January"
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

/// Small words headlines leave in lowercase: "Amazon Halts Police Use of Rekognition".
fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "of"
            | "for"
            | "on"
            | "in"
            | "at"
            | "to"
            | "and"
            | "or"
            | "but"
            | "by"
            | "with"
            | "from"
            | "as"
            | "vs"
            | "via"
            | "per"
            | "into"
            | "over"
    )
}

const CONNECTORS: &[&str] = &[
    "of", "for", "on", "and", "&", "the", "de", "van", "von", "der", "da", "du", "al", "bin", "la",
];
const PARTICLES: &[&str] = &["de", "van", "von", "der", "da", "du", "al", "bin", "la"];

/// A capitalised word, or an initial "J." (the dot is part of the name). In a headline-style
/// sentence, where every word is capitalised, common words do not count.
/// `capitalized[i]` is `is_capitalized_word` of `tokens[i]`, worked out once per sentence.
fn name_token_len(
    text: &str,
    tokens: &[Token],
    capitalized: &[bool],
    i: usize,
    title_case: bool,
) -> usize {
    let Some(t) = tokens.get(i) else { return 0 };
    if !capitalized[i] {
        return 0;
    }
    let w = word(text, t);
    if title_case && lexicon::is_common_word(w) && !lexicon::is_place(w) && !lexicon::is_org_head(w)
    {
        return 0;
    }
    let dot_follows = tokens.get(i + 1).is_some_and(|n| word(text, n) == ".");
    // "J. R. Smith", "Donald Trump Jr.", "(D-Mich.)": the dot is part of the name.
    let keeps_dot = w.chars().count() == 1
        || matches!(w, "Jr" | "Sr")
        || lexicon::is_state_abbreviation_stem(w);
    if dot_follows && keeps_dot {
        2
    } else {
        1
    }
}

/// A name of two words or more that the known-names list types ("Planned Parenthood", "The View"):
/// kept whole even when every word of it is a common one. A known one-word name that is also a
/// common word ("Reason") has to show itself as a name by the usual rules.
fn is_known_name(text: &str, tokens: &[Token]) -> bool {
    tokens.iter().filter(|t| t.kind == TokenKind::Word).count() > 1
        && lexicon::known_name_type(text_of(text, tokens)).is_some()
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
fn sentence_chunks(
    text: &str,
    tokens: &[Token],
    block: usize,
    surnames: &HashSet<&str>,
) -> Vec<Chunk> {
    let capitalized: Vec<bool> = tokens
        .iter()
        .map(|t| is_capitalized_word(text, t))
        .collect();
    let words = tokens.iter().filter(|t| t.kind == TokenKind::Word).count();
    let capitalized_words = capitalized.iter().filter(|c| **c).count();
    let lowercase_content_words = || {
        tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| word(text, t))
            .filter(|w| w.starts_with(char::is_lowercase) && !is_function_word(w))
            .count()
    };
    // Headline-style sentences capitalise every word but the small ones: only names that are not
    // common words count there. "Theresa May met Robert Gates" is mostly capitals, yet a sentence.
    let title_case = words >= 4
        && capitalized_words * 10 >= words * 7
        && lowercase_content_words() * 10 <= words;
    let first_word = tokens.iter().position(|t| t.kind == TokenKind::Word);

    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let len = name_token_len(text, tokens, &capitalized, i, title_case);
        if len == 0 {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + len;
        let mut in_org_phrase = false;
        loop {
            let next = name_token_len(text, tokens, &capitalized, end, title_case);
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
            let the_follows =
                c == "and" && tokens.get(end + 1).is_some_and(|t| word(text, t) == "the");
            let after = end + 1 + usize::from(the_follows);
            if name_token_len(text, tokens, &capitalized, after, title_case) == 0 {
                break;
            }
            let person_follows = lexicon::is_given_name(word(text, &tokens[after]));
            let mut run_end = after;
            while name_token_len(text, tokens, &capitalized, run_end, title_case) > 0 {
                run_end += 1;
            }
            let joins = match c {
                "of" | "for" | "on" => org_like(text, so_far) && !person_follows,
                "and" | "&" => {
                    // "the Department of Homeland Security and the FBI", "CNN and the New York
                    // Times" name two bodies; "Islamic State of Iraq and the Levant" one.
                    let last = word(text, &tokens[run_end - 1]);
                    let common_noun_after_the =
                        run_end - after == 1 && !is_acronym(last) && !lexicon::is_org_head(last);
                    c == "&"
                        || (in_org_phrase && (!the_follows || common_noun_after_the))
                        // "Immigration and Customs Enforcement": the run after "and" ends the
                        // name with an organisation word. After "and the" only a common word
                        // starts such a name ("Immigration and the Customs Enforcement", as a
                        // translation writes it); "CNN and the New York Times" are two.
                        || (lexicon::is_org_head(last)
                            && end - start == 1
                            && (!the_follows
                                || (is_common_noun(word(text, &tokens[start]))
                                    && run_end - after > 1)))
                }
                "the" => false,
                p if PARTICLES.contains(&p) => true,
                _ => false,
            } || is_known_name(text, &tokens[start..run_end]);
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
                    && capitalized[start - 1])
        };
        // "House Speaker John Boehner": a title inside a run starts a person's name, and so does a
        // given name after an organisation ("Getty Images John Moore", a photo credit).
        let mut pieces = vec![(start, title_before, sentence_start)];
        for k in start + 1..end {
            if lexicon::is_org_head(word(text, &tokens[k - 1]))
                && lexicon::is_given_name(word(text, &tokens[k]))
                && k + 1 < end
            {
                pieces.push((k, false, false));
                continue;
            }
            let after_title =
                k + 1 + usize::from(tokens.get(k + 1).is_some_and(|t| word(text, t) == "."));
            // "Joint Chiefs of Staff" is no person's title; "Secretary of State Kris Kobach" is.
            let office_without_holder = tokens.get(k + 1).is_some_and(|t| word(text, t) == "of")
                && !tokens[k + 1..end]
                    .iter()
                    .any(|t| lexicon::is_given_name(word(text, t)));
            if lexicon::is_person_title(word(text, &tokens[k]))
                && capitalized[k]
                && !office_without_holder
                && after_title < end
                && !lexicon::is_org_head(word(text, &tokens[end - 1]))
            {
                pieces.push((k, false, false));
            }
        }
        for (p, &(from, title, at_start)) in pieces.iter().enumerate() {
            let to = pieces.get(p + 1).map_or(end, |n| n.0);
            let piece = &tokens[from..to];
            if let Some(chunk) = trim(text, piece, at_start, title_case, title, block, surnames) {
                out.push(chunk);
            }
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
    surnames: &HashSet<&str>,
) -> Option<Chunk> {
    // A month or a common word that the document also uses as a surname ("May", "Gates").
    let surname_here = |tokens: &[Token], w: &str| {
        surnames.contains(w) && !(is_date_word(w) && reads_as_a_date(text, tokens))
    };
    let words_of = |ts: &[Token]| {
        ts.iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| word(text, t))
            .collect::<Vec<_>>()
    };
    let ends_in_org_head = words_of(tokens)
        .last()
        .is_some_and(|w| lexicon::is_org_head(w));
    let org_name = org_like(text, tokens) && tokens.len() > 1;
    let mut from = 0;
    let mut at_start = sentence_start;
    while from < tokens.len() {
        let w = word(text, &tokens[from]);
        let rest_nonempty = tokens[from + 1..].iter().any(|t| t.kind == TokenKind::Word);
        let common = lexicon::is_common_word(w);
        let title = lexicon::is_person_title(w) && rest_nonempty && !ends_in_org_head;
        title_before |= title;
        let demonym = lexicon::is_demonym(w)
            && (!rest_nonempty || !org_name)
            && !lexicon::is_place(text_of(text, &tokens[from..]));
        // "South Asian": a compass word before a demonym.
        let direction_of_demonym = lexicon::is_direction(w)
            && tokens
                .get(from + 1)
                .is_some_and(|t| lexicon::is_demonym(word(text, t)));
        let sentence_initial_common = at_start
            && (common || is_credit_word(w))
            && !surname_here(&tokens[from..], w)
            && !lexicon::is_place(w)
            && !lexicon::is_given_name(w)
            && !is_acronym(w);
        // "State Mike Pompeo": a common word before a given name is not part of it.
        let before_given_name = (common || lexicon::is_org_head(w))
            && rest_nonempty
            && lexicon::is_given_name(word(text, &tokens[from + 1]))
            && !ends_in_org_head;
        // "Secretary of Education", "CEO of Apple": with the title gone, what follows its "of"
        // is the body the title is of, not the titled person.
        let connector = matches!(w, "of" | "for" | "on" | "and" | "&" | "the");
        if connector {
            title_before = false;
        }
        let strip = matches!(w, "The" | "A" | "An")
            || connector
            || tokens[from].kind != TokenKind::Word
            || title
            || demonym
            || direction_of_demonym
            || is_discourse_word(w)
            || (is_date_word(w) && !surname_here(&tokens[from..], w))
            || sentence_initial_common
            || before_given_name;
        if !strip || is_known_name(text, &tokens[from..]) {
            break;
        }
        at_start = false;
        from += 1;
    }
    let mut tokens = &tokens[from..];
    // "Department of Homeland Security and", "Yahoo News on Tuesday": a connector, or a day or
    // month after "on", ends no name.
    while let [rest @ .., last] = tokens {
        let w = word(text, last);
        let dated = is_date_word(w)
            && rest.len() > 1
            && word(text, &rest[rest.len() - 1]) == "on"
            && !surname_here(tokens, w);
        if rest.is_empty() || !(CONNECTORS.contains(&w) || dated) {
            break;
        }
        tokens = if dated { &rest[..rest.len() - 1] } else { rest };
    }
    let has_connector = tokens.iter().any(|t| CONNECTORS.contains(&word(text, t)));
    let before_tail = tokens.len();
    // Trailing common words ("GeekWire Photo", "Released Wednesday") are not part of the name.
    while tokens.len() > 1 && !has_connector {
        let last = word(text, &tokens[tokens.len() - 1]);
        let credit = is_credit_word(last);
        let surname = || surname_here(tokens, last);
        let trailing = (is_date_word(last) && !surname())
            || credit
            || lexicon::is_person_title(last)
            || lexicon::is_demonym(last)
            || (lexicon::is_common_word(last)
                && !surname()
                && !lexicon::is_org_head(last)
                && !lexicon::is_place_head(last)
                && !lexicon::is_place(text_of(text, tokens)));
        if !trailing || is_known_name(text, tokens) {
            break;
        }
        tokens = &tokens[..tokens.len() - 1];
    }
    if tokens.len() > 1 && is_event_head(word(text, &tokens[tokens.len() - 1])) {
        let rest = &tokens[..tokens.len() - 1];
        if !lexicon::is_place(text_of(text, rest)) {
            return None;
        }
        tokens = rest;
    }
    let tail_trimmed = tokens.len() < before_tail;
    let words = words_of(tokens);
    if words.is_empty() {
        return None;
    }
    let single = words.len() == 1;
    // "Inc" alone, or an organisation word that is also a common one ("State", "Daily").
    let lone_suffix = matches!(words[0], "Inc" | "LLC" | "Corp" | "Co" | "Ltd")
        || (lexicon::is_org_head(words[0])
            && lexicon::is_common_word(words[0])
            && !is_paper_name(words[0]));
    // "Security forces cornered …", "Intelligence officials say …": an organisation word opening
    // a sentence alone is the start of a common noun phrase, unless it is a known name
    // ("Congress").
    let opening_org_word = single
        && sentence_start
        && from == 0
        && lexicon::is_org_head(words[0])
        && !is_acronym(words[0])
        && lexicon::known_name_type(words[0]).is_none();
    if single
        && (opening_org_word
            || lexicon::is_person_title(words[0])
            || is_generic_acronym(words[0])
            || is_named_non_entity(words[0])
            || lexicon::is_demonym(words[0])
            || lone_suffix)
    {
        return None;
    }
    if is_law_part(words[0]) {
        return None;
    }
    // "Texas Constitution": no entity, but Texas is a place.
    if words.last().is_some_and(|w| is_law_head(w)) {
        let rest = &tokens[..tokens.len() - 1];
        if rest.is_empty() || !lexicon::is_place(text_of(text, rest)) {
            return None;
        }
        return trim(text, rest, false, title_case, false, block, surnames);
    }
    // "Hurricane Katrina", "Roe v. Wade": events and court cases are not entities here.
    let after = text[tokens[tokens.len() - 1].span.end..].trim_start();
    let before = text[..tokens[0].span.start].trim_end();
    if matches!(words[0], "Hurricane" | "Typhoon" | "Cyclone" | "Storm")
        || after.starts_with("v. ")
        || after.starts_with("vs. ")
        || before.ends_with(" v.")
        || before.ends_with(" vs.")
    {
        return None;
    }
    let joined = text_of(text, tokens);
    let all_common = words
        .iter()
        .all(|w| lexicon::is_common_word(w) || CONNECTORS.contains(w));
    let named_place = lexicon::is_place(joined);
    // Only a name of common words needs the list to be kept.
    let known = all_common && is_known_name(text, tokens);
    let keeps = named_place
        || known
        || words.iter().any(|w| is_acronym(w))
        || words
            .last()
            .is_some_and(|w| lexicon::is_org_head(w) && words.len() > 1)
        || (words.len() == 1 && is_paper_name(words[0]) && !sentence_start)
        || (single && surname_here(tokens, words[0]))
        || !all_common;
    // A lone letter ("I", the "D" of "(D-Mich.)") names nothing.
    let letter = single && words[0].chars().count() == 1 && tokens.len() == 1;
    let month = single && is_date_word(words[0]) && !surname_here(tokens, words[0]);
    if !keeps || letter || month {
        return None;
    }
    if title_case && all_common && !known {
        return None;
    }
    let span = Span::new(tokens[0].span.start, tokens[tokens.len() - 1].span.end);
    Some(Chunk {
        span,
        block,
        tokens: tokens.to_vec(),
        title_before,
        tail_trimmed,
        typed: None,
    })
}

fn text_of<'a>(text: &'a str, tokens: &[Token]) -> &'a str {
    &text[tokens[0].span.start..tokens[tokens.len() - 1].span.end]
}

/// The three words right after a chunk, lowercased, skipping commas: ", a researcher" (empty
/// where the text ends). Borrowed unless a word has capitals: this runs for every chunk.
fn words_after<'t>(text: &'t str, chunk: &Chunk) -> [Cow<'t, str>; 3] {
    let mut words = text[chunk.span.end..]
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| lowercase(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')));
    std::array::from_fn(|_| words.next().unwrap_or_default())
}

fn word_before<'t>(text: &'t str, chunk: &Chunk) -> Cow<'t, str> {
    // Backwards from the chunk: scanning from the text's start would make a document quadratic.
    lowercase(
        text[..chunk.span.start]
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric()),
    )
}

fn lowercase(w: &str) -> Cow<'_, str> {
    if w.chars().any(char::is_uppercase) {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

/// Whether the name at byte `start` is the state of a party tag: "(R-SC)", "Nancy Pelosi,
/// D-Calif.,".
pub(crate) fn in_party_tag(text: &str, start: usize) -> bool {
    let Some(before_dash) = text[..start].strip_suffix('-') else {
        return false;
    };
    let letter_at = before_dash.len().saturating_sub(1);
    before_dash.is_char_boundary(letter_at)
        && is_party_tag(&before_dash[letter_at..], &before_dash[..letter_at])
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
    let after = words_after(text, chunk);
    let before = word_before(text, chunk);
    let after_noun = |f: fn(&str) -> bool| {
        after.first().is_some_and(|w| f(w))
            || (after
                .first()
                .is_some_and(|w| matches!(w.as_ref(), "a" | "an" | "the"))
                && after.get(1).is_some_and(|w| f(w)))
    };

    if words.len() == 1 && in_party_tag(text, chunk.span.start) {
        return Some((Place, Firm));
    }
    if let Some(kind) = lexicon::known_name_type(name).and_then(EntityType::parse) {
        return Some((kind, Firm));
    }
    if words.len() == 1 && is_acronym(first) {
        return Some(if lexicon::is_place(first) {
            (Place, Firm)
        } else {
            (Org, Firm)
        });
    }
    // "University of Texas" (a populated place in the gazetteer too): the organisation word wins.
    if words.len() >= 3 && words[1] == "of" && lexicon::is_org_head(first) {
        return Some((Org, Firm));
    }
    if lexicon::is_place(name) {
        return Some((Place, Firm));
    }
    if words.len() >= 2
        && lexicon::is_direction(first)
        && lexicon::is_place(name[first.len()..].trim_start())
    {
        return Some((Place, Firm));
    }
    // "Dayton, Ohio": a word followed by a state or country is a place.
    if words.len() <= 2 && followed_by_place(text, chunk.span.end) && !lexicon::is_given_name(first)
    {
        return Some((Place, Firm));
    }
    if last == "State"
        && words.len() >= 2
        && lexicon::is_place(text_of(text, &chunk.tokens[..chunk.tokens.len() - 1]))
    {
        return Some((Place, Firm));
    }
    // "H&R Block", "Johnson & Johnson", "the Daily Beast".
    if words.len() >= 2 && (name.contains('&') || first == "Daily") {
        return Some((Org, Firm));
    }
    // "the Times", "the Post", "the House": a paper or a chamber named by its last word.
    let paper = is_paper_name(first);
    if words.len() == 1 && before == "the" && paper {
        return Some((Org, Firm));
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
    // "Gwadar port", "Balochistan province".
    if words.len() <= 2 && after.first().is_some_and(|w| lexicon::is_place_noun(w)) {
        return Some((Place, Firm));
    }
    if chunk.title_before {
        return Some((Person, Firm));
    }
    let possessive_before =
        before == "its" || before == "the" || before.ends_with("’s") || before.ends_with("'s");
    if after_noun(lexicon::is_product_noun) && (possessive_before || words.len() == 1) {
        return Some((Product, Firm));
    }
    // "the Biden administration": a leader's name.
    if words.len() == 1
        && after
            .first()
            .is_some_and(|w| matches!(w.as_ref(), "administration" | "campaign"))
    {
        return Some((Person, Firm));
    }
    if words.len() >= 2 && lexicon::is_given_name(first) {
        return Some((Person, Firm));
    }
    // "Senate Majority Leader Mitch McConnell": before a capitalised title the words are the
    // office's ("Senate Majority"), not a person's name.
    let next = word_after(text, chunk.span.end);
    let office_before_title =
        next.starts_with(char::is_uppercase) && lexicon::is_person_title(next);
    if words.len() >= 2 && office_before_title {
        return None;
    }
    if after_noun(lexicon::is_person_noun) && words.len() >= 2 {
        return Some((Person, Firm));
    }
    if words.len() >= 2 {
        // "Wild West", "Fake News": neither a given name first nor a surname last, and a common
        // word in it.
        if words.len() <= 3
            && !lexicon::is_surname(last)
            && words
                .iter()
                .any(|w| !CONNECTORS.contains(w) && lexicon::is_common_word(w))
        {
            return None;
        }
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
    // "her husband, Philip": a given name alone.
    if lexicon::is_given_name(first) {
        return Some((Person, Guess));
    }
    // "in Parkland", "near Tomball": an unknown single name after a place preposition.
    if matches!(
        before.as_ref(),
        "in" | "near" | "outside" | "across" | "throughout"
    ) {
        return Some((Place, Firm));
    }
    if lexicon::is_surname(first) {
        return Some((Person, Guess));
    }
    Some((Org, Guess))
}

/// Names a paper or a legislative chamber goes by after "the": "the Times", "the House".
fn is_paper_name(w: &str) -> bool {
    matches!(
        w,
        "Times"
            | "Post"
            | "Journal"
            | "Guardian"
            | "Telegraph"
            | "Herald"
            | "Tribune"
            | "Economist"
            | "House"
    )
}

/// After `end`: ", Ohio" or ", South Carolina" (a state or country).
fn followed_by_place(text: &str, end: usize) -> bool {
    let Some(rest) = text[end..].strip_prefix(", ") else {
        return false;
    };
    let words: Vec<&str> = rest
        .split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .take(2)
        .collect();
    let one = words.first().copied().unwrap_or("");
    let two = words.join(" ");
    let capital = one.chars().next().is_some_and(char::is_uppercase);
    // Only a state or a country places a town ("Dayton, Ohio"); "Harris, Elizabeth Warren" is a list.
    // "Michigan." at a sentence end, but "D.C." keeps its dots.
    let region = |s: &str| {
        [s, s.trim_end_matches('.')]
            .iter()
            .any(|s| matches!(lexicon::place_kind(s), Some("state" | "country")))
    };
    capital && (region(one) || region(&two))
}

fn org_like_words(words: &[&str]) -> bool {
    words
        .iter()
        .any(|w| lexicon::is_org_head(w) || is_acronym(w))
}

/// Applies what the whole document says about its names:
/// - a name typed firmly once has that type everywhere ("Rekognition" after "its Rekognition software");
/// - a lone surname is a person ("Bezos" after "Jeff Bezos"), and so is a name listed with one
///   ("Buolamwini and Gebry");
/// - "Amazon Rekognition" (an organisation, then an unknown word) is a product, and so is that word;
/// - two names run together ("Amazon Buolamwini") are split;
/// - a guessed one-word name that the document also writes in lowercase ("Liberty", "liberty") or
///   that was only left over from trimming ("Minority" of "Minority Report") is dropped.
fn apply_document_evidence(
    text: &str,
    chunks: Vec<Chunk>,
    written_in_lowercase: &dyn Fn(&str) -> bool,
) -> Vec<Chunk> {
    use EntityType::*;
    let firm_of = |chunks: &[Chunk]| {
        let mut firm: HashMap<String, EntityType> = HashMap::default();
        let mut surnames: HashSet<String> = HashSet::default();
        let mut first_names: HashSet<String> = HashSet::default();
        for c in chunks {
            let Some((kind, Certainty::Firm)) = c.typed else {
                continue;
            };
            firm.entry(c.span.of(text).to_string()).or_insert(kind);
            if kind == Person && c.tokens.len() >= 2 {
                // "Donald Trump Jr.": the surname is before the suffix.
                let surname = c
                    .tokens
                    .iter()
                    .rev()
                    .map(|t| word(text, t))
                    .find(|w| !matches!(*w, "." | "Jr" | "Sr" | "II" | "III" | "IV"));
                surnames.extend(surname.map(str::to_string));
                // "Mitch McConnell" makes a lone "Mitch" him; "RI Gov." and "PM-Designate" are
                // no first names.
                let first = word(text, &c.tokens[0]);
                let mut letters = first.chars();
                if letters.next().is_some_and(char::is_uppercase) && letters.all(char::is_lowercase)
                {
                    first_names.insert(first.to_string());
                }
            }
            if kind == Product && c.tokens.len() >= 2 {
                // "Amazon Rekognition" makes "Rekognition" a product too.
                firm.entry(text_of(text, &c.tokens[1..]).to_string())
                    .or_insert(Product);
            }
        }
        (firm, surnames, first_names)
    };
    let mentioned: HashMap<&str, usize> = chunks.iter().fold(HashMap::default(), |mut m, c| {
        *m.entry(c.span.of(text)).or_default() += 1;
        m
    });

    // Organisation + unknown word → product, firmly.
    let mut chunks = chunks;
    let (firm, surnames, _) = firm_of(&chunks);
    let any_type: HashMap<&str, EntityType> = chunks
        .iter()
        .filter_map(|c| c.typed.map(|(k, _)| (c.span.of(text), k)))
        .collect();
    // An organisation firmly, or guessed at least twice on its own ("Amazon", not a lone "Bernie").
    let mut org_mentions: HashMap<&str, usize> = HashMap::default();
    for c in chunks.iter().filter(|c| matches!(c.typed, Some((Org, _)))) {
        *org_mentions.entry(c.span.of(text)).or_default() += 1;
    }
    let single_org =
        |w: &str| firm.get(w) == Some(&Org) || org_mentions.get(w).is_some_and(|n| *n >= 2);
    for c in chunks.iter_mut() {
        if matches!(c.typed, Some((_, Certainty::Guess))) && c.tokens.len() == 2 {
            let (head, rest) = (word(text, &c.tokens[0]), word(text, &c.tokens[1]));
            let rest_free = firm.get(rest).is_none_or(|k| *k == Product);
            // Or an organisation once, before a name already known as a product.
            let known_product = org_mentions.contains_key(head) && firm.get(rest) == Some(&Product);
            if (single_org(head) || known_product)
                && !lexicon::is_given_name(rest)
                && rest_free
                && !surnames.contains(rest)
            {
                c.typed = Some((Product, Certainty::Firm));
            }
        }
    }

    let (firm, surnames, first_names) = firm_of(&chunks);
    let mut out: Vec<Chunk> = Vec::with_capacity(chunks.len());
    for mut c in chunks {
        let name = c.span.of(text);
        // "Warren" after "Elizabeth Warren" is her, whatever the gazetteer says.
        if c.tokens.len() == 1
            && matches!(c.typed, Some((Place, _)))
            && surnames.contains(name)
            && !followed_by_place(text, c.span.end)
        {
            c.typed = Some((Person, Certainty::Firm));
        }
        // Firmly typed, a run may still start with a surname: "Obama White House".
        let starts_with_surname =
            c.tokens.len() >= 3 && surnames.contains(word(text, &c.tokens[0]));
        if matches!(c.typed, Some((_, Certainty::Guess))) || starts_with_surname {
            if let Some(split) = split_run_together(text, &c, &firm, &any_type, &surnames) {
                out.extend(split);
                continue;
            }
        }
        if let Some((_, Certainty::Guess)) = c.typed {
            let single = c.tokens.len() == 1;
            let lowercase_twin = single && written_in_lowercase(name);
            let leftover =
                single && c.tail_trimmed && mentioned.get(name) == Some(&1) && !is_acronym(name);
            // A guessed place stays one: "the King of Jordan" beside "Jordan Peterson".
            let first_name =
                single && first_names.contains(name) && !matches!(c.typed, Some((Place, _)));
            if surnames.contains(name) || first_name {
                c.typed = Some((Person, Certainty::Firm));
            } else if let Some(&kind) = firm.get(name) {
                c.typed = Some((kind, Certainty::Firm));
            } else if lowercase_twin || leftover {
                continue;
            }
        }
        out.push(c);
    }
    // A name listed with a person is a person: "Buolamwini and Gebry".
    for i in 0..out.len() {
        if !matches!(out[i].typed, Some((_, Certainty::Guess))) || out[i].tokens.len() != 1 {
            continue;
        }
        let listed_with_person = |j: usize| {
            let (a, b) = if j < i {
                (&out[j], &out[i])
            } else {
                (&out[i], &out[j])
            };
            let between = text.get(a.span.end..b.span.start).unwrap_or("");
            matches!(between.trim(), "and" | "or" | "," | "&")
                && matches!(out[j].typed, Some((Person, Certainty::Firm)))
        };
        if (i > 0 && listed_with_person(i - 1)) || (i + 1 < out.len() && listed_with_person(i + 1))
        {
            out[i].typed = Some((Person, Certainty::Firm));
        }
    }
    out
}

/// "Amazon Buolamwini" → "Amazon" + "Buolamwini", "Obama White House" → "Obama" + "White House":
/// two names run together, split when each part is a known name of its own, of different types.
fn split_run_together(
    text: &str,
    c: &Chunk,
    firm: &HashMap<String, EntityType>,
    any_type: &HashMap<&str, EntityType>,
    surnames: &HashSet<String>,
) -> Option<[Chunk; 2]> {
    let n = c.tokens.len();
    if n < 2 {
        return None;
    }
    let kind_of = |tokens: &[Token], first: bool| {
        let name = text_of(text, tokens);
        if tokens.len() == 1 && surnames.contains(name) {
            return Some(EntityType::Person);
        }
        firm.get(name)
            .or(if first { any_type.get(name) } else { None })
            .copied()
            .or_else(|| lexicon::is_place(name).then_some(EntityType::Place))
    };
    let part = |tokens: &[Token], kind| Chunk {
        span: Span::new(tokens[0].span.start, tokens[tokens.len() - 1].span.end),
        block: c.block,
        tokens: tokens.to_vec(),
        title_before: false,
        tail_trimmed: false,
        typed: Some((kind, Certainty::Firm)),
    };
    let mut splits = vec![1];
    if n > 2 {
        splits.push(n - 1);
    }
    splits.into_iter().find_map(|at| {
        let (a, b) = c.tokens.split_at(at);
        let (a_kind, b_kind) = (kind_of(a, true)?, kind_of(b, false)?);
        // "Amazon Rekognition" is one name: a company's product carries the company's name.
        if a_kind == b_kind || (a_kind == EntityType::Org && b_kind == EntityType::Product) {
            return None;
        }
        Some([part(a, a_kind), part(b, b_kind)])
    })
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

    fn assert_found(got: &[(String, &'static str)], wanted: &[(&str, &str)]) {
        for &(name, kind) in wanted {
            assert!(
                got.iter().any(|(n, k)| n == name && *k == kind),
                "{name} {kind} in {got:?}"
            );
        }
    }

    #[test]
    fn in_a_line_written_in_capitals_only_vouched_for_names_count() {
        let got = found(&format!(
            "{HEAD}Jim Mattis, the defense secretary, resigned on Thursday.\n\n\
             AS BORDER WALL FUNDING DIVIDES WASHINGTON, NEW MULTIMILLION-DOLLAR BARRIER GOES UP IN TEXAS\n\n\
             TRUMP PUSHES OUT MATTIS SOONER THAN PLANNED\n\n\
             TRUMP URGES BORDER WALL IN STATE OF THE UNION\n\n\
             LISA PAGE TESTIMONY: COLLUSION STILL UNPROVEN\n\n\
             (SOUNDBITE OF ARCHIVED RECORDING)\n\n\
             The FBI, CIA and NSA briefed him."
        ));
        assert_eq!(
            got,
            [
                ("Jim Mattis", "PERSON"),
                ("WASHINGTON", "PLACE"),
                ("TEXAS", "PLACE"),
                ("TRUMP", "PERSON"),
                ("MATTIS", "PERSON"),
                ("TRUMP", "PERSON"),
                ("LISA PAGE", "PERSON"),
                ("FBI", "ORG"),
                ("CIA", "ORG"),
                ("NSA", "ORG"),
            ]
            .map(|(name, kind)| (name.to_string(), kind))
        );
    }

    #[test]
    fn what_a_title_is_of_is_a_body_not_the_titled_person() {
        let got = found(&format!(
            "{HEAD}Critics wrote to the CEO of Starbucks. Teachers wrote to the Secretary of Education."
        ));
        assert_eq!(
            got,
            [("Starbucks", "ORG"), ("Education", "ORG")]
                .map(|(name, kind)| (name.to_string(), kind))
        );
    }

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
    fn a_word_a_page_widget_capitalises_is_no_name_opening_a_sentence() {
        // "Below" is capitalised mid-line in Politico's "Story Continued Below" on 626 pages.
        let got = found(&format!(
            "{HEAD}Below are the top five wins for public lands. Privacy advocates objected, said Senator Ron Wyden."
        ));
        assert_eq!(got, [("Ron Wyden".to_string(), "PERSON")]);
    }

    #[test]
    fn a_lone_first_name_of_a_person_named_in_full_is_that_person() {
        // On allsides-10k "Mitch", "Barack" and "Ilhan" alone were typed organisations.
        let got = found(&format!(
            "{HEAD}Senate Majority Leader Mitch McConnell spoke on Tuesday. Mitch never liked the plan. Jordan Peterson and the King of Jordan met."
        ));
        assert_found(
            &got,
            &[
                ("Mitch McConnell", "PERSON"),
                ("Mitch", "PERSON"),
                ("Jordan Peterson", "PERSON"),
                ("Jordan", "PLACE"),
            ],
        );
    }

    #[test]
    fn a_caption_word_opening_a_sentence_is_no_name() {
        let got = found(&format!(
            "{HEAD}Photos of the aftermath were posted online. Video shows the crowd. Getty Images supplied them."
        ));
        assert_eq!(got, [("Getty Images".to_string(), "ORG")]);
    }

    #[test]
    fn and_the_between_two_bodies_a_trailing_connector_or_an_on_weekday_end_the_name() {
        let got = found(&format!(
            "{HEAD}Agents of the Department of Homeland Security and the FBI met. Yahoo News on Tuesday reported it first. CNN and the New York Times followed, as did the Islamic State of Iraq and the Levant. Talks between the US and the Soviet Union, said Immigration and the Customs Enforcement."
        ));
        assert_found(
            &got,
            &[
                ("Department of Homeland Security", "ORG"),
                ("FBI", "ORG"),
                ("Yahoo News", "ORG"),
                ("CNN", "ORG"),
                ("New York Times", "ORG"),
                ("Islamic State of Iraq and the Levant", "ORG"),
                ("US", "PLACE"),
                ("Immigration and the Customs Enforcement", "ORG"),
            ],
        );
        assert!(
            !got.iter()
                .any(|(n, _)| n.ends_with(" and") || n.ends_with("Tuesday")),
            "{got:?}"
        );
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
    fn a_surname_outranks_the_gazetteer() {
        let text =
            format!("{HEAD}Elizabeth Warren spoke first. Then Warren left for Warren, Michigan.");
        let got = found(&text);
        let warrens: Vec<&str> = got
            .iter()
            .filter(|(n, _)| n == "Warren")
            .map(|(_, k)| *k)
            .collect();
        assert_eq!(warrens, ["PERSON", "PLACE"], "{got:?}");
    }

    #[test]
    fn a_paper_or_chamber_by_its_last_word_and_towns_by_their_state() {
        let text = format!(
            "{HEAD}The bill passed the House, the Times reported. It began in Parkland, Florida. Sens. Kamala Harris, Elizabeth Warren and others spoke."
        );
        let got = found(&text);
        assert!(got.contains(&("House".into(), "ORG")), "{got:?}");
        assert!(got.contains(&("Times".into(), "ORG")), "{got:?}");
        assert!(got.contains(&("Parkland".into(), "PLACE")), "{got:?}");
        assert!(
            got.contains(&("Kamala Harris".into(), "PERSON")),
            "a list of names is not 'Town, State': {got:?}"
        );
    }

    #[test]
    fn events_cases_holidays_and_country_adjectives_are_not_entities() {
        let text = format!(
            "{HEAD}After Hurricane Katrina and the Boston Marathon bombing, Honduran and Maltese officials cited Roe v. Wade and Article II before Thanksgiving."
        );
        let got = found(&text);
        assert_eq!(got, [("Boston".to_string(), "PLACE")], "{got:?}");
    }

    #[test]
    fn a_rank_inside_a_run_starts_the_persons_name() {
        let text = format!("{HEAD}The release of U.S. Army Sergeant Bowe Bergdahl was criticised. Bergdahl was freed.");
        let got = found(&text);
        assert!(got.contains(&("U.S. Army".into(), "ORG")), "{got:?}");
        assert!(got.contains(&("Bowe Bergdahl".into(), "PERSON")), "{got:?}");
        assert!(got.contains(&("Bergdahl".into(), "PERSON")), "{got:?}");
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

    #[test]
    fn a_surname_that_is_also_a_common_word_or_a_month() {
        let text = format!(
            "{HEAD}Theresa May met Robert Gates on Monday. May has said she admires Gates. \
             The talks began in May 2019 and resume in May."
        );
        let got = found(&text);
        let names: Vec<_> = got.iter().map(|(n, k)| format!("{n}/{k}")).collect();
        assert_eq!(
            names,
            [
                "Theresa May/PERSON",
                "Robert Gates/PERSON",
                "May/PERSON",
                "Gates/PERSON"
            ]
        );
    }

    #[test]
    fn names_inside_prefixes_party_tags_and_suffixes() {
        let text = format!(
            "{HEAD}The pro-Trump crowd cheered Rep. Ana Ruiz (D-Mich.) and Sen. Tom Hale (R-SC). \
             Donald Trump Jr. spoke later, and so did Rep. Lea Moss, D-Calif., at noon."
        );
        let got = found(&text);
        assert_found(
            &got,
            &[
                ("Trump", "PERSON"),
                ("Mich.", "PLACE"),
                ("SC", "PLACE"),
                ("Donald Trump Jr.", "PERSON"),
                ("Lea Moss", "PERSON"),
                ("Calif", "PLACE"),
            ],
        );
        assert!(
            !got.iter()
                .any(|(n, _)| n == "D" || n == "R" || n.starts_with("D-")),
            "{got:?}"
        );
    }

    #[test]
    fn places_by_a_place_noun_or_a_preposition() {
        let text = format!(
            "{HEAD}Gunmen attacked a hotel in Qaswar. The Qaswar port lies in Tarim province."
        );
        let got = found(&text);
        assert_eq!(
            got,
            [
                ("Qaswar".to_string(), "PLACE"),
                ("Qaswar".to_string(), "PLACE"),
                ("Tarim".to_string(), "PLACE")
            ]
        );
    }

    #[test]
    fn two_known_names_run_together_are_split() {
        let text = format!(
            "{HEAD}President Barack Obama spoke. The jobless rate stayed above what the Obama White House \
             projected."
        );
        assert_found(
            &found(&text),
            &[("Obama", "PERSON"), ("White House", "PLACE")],
        );
    }

    #[test]
    fn offices_laws_and_movements() {
        let text = format!(
            "{HEAD}Under the Texas Constitution, said Kansas Secretary of State Kris Kobach, a \
             professor at the University of Texas and the chairman of the Joint Chiefs of Staff \
             disagree about Brexit. She came with her husband, Philip. Senate Majority Leader \
             Mitch McConnell stayed away."
        );
        let got = found(&text);
        assert_found(
            &got,
            &[
                ("Texas", "PLACE"),
                ("Kris Kobach", "PERSON"),
                ("University of Texas", "ORG"),
                ("Joint Chiefs of Staff", "ORG"),
                ("Philip", "PERSON"),
                ("Mitch McConnell", "PERSON"),
            ],
        );
        assert!(
            !got.iter().any(|(n, k)| n == "Brexit"
                || n.contains("State Kris")
                || (n.starts_with("Senate") && *k == "PERSON")),
            "{got:?}"
        );
    }

    #[test]
    fn known_names_keep_their_type_even_when_made_of_common_words() {
        let text = format!(
            "{HEAD}She told Meet the Press that Planned Parenthood and the G.O.P. disagree. He \
             reads Stars and Stripes. Medicare pays for it, and E-Verify checks it."
        );
        let got = found(&text);
        assert_found(
            &got,
            &[
                ("Meet the Press", "ORG"),
                ("Planned Parenthood", "ORG"),
                ("G.O.P.", "ORG"),
                ("Stars and Stripes", "ORG"),
                ("Medicare", "PRODUCT"),
                ("E-Verify", "PRODUCT"),
            ],
        );
    }

    #[test]
    fn a_lone_name_the_news_writes_after_given_names_is_a_person() {
        let text = format!("{HEAD}Critics of Buttigieg spoke, and Maddow asked why.");
        assert_found(
            &found(&text),
            &[("Buttigieg", "PERSON"), ("Maddow", "PERSON")],
        );
    }

    #[test]
    fn capitalised_phrases_of_common_words_and_opening_organisation_words_are_no_names() {
        let text = format!(
            "{HEAD}People of the Wild West feared the Unknown Soldier. Security forces \
             cornered the attackers. Intelligence officials say Osama bin Laden hid there."
        );
        let got = found(&text);
        assert!(
            got.iter().all(|(n, _)| !matches!(
                n.as_str(),
                "Wild West" | "Unknown Soldier" | "Security" | "Intelligence"
            )),
            "{got:?}"
        );
        assert!(
            got.contains(&("Osama bin Laden".into(), "PERSON")),
            "{got:?}"
        );
    }
}

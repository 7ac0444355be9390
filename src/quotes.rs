//! Quotations across a set of documents: every quote in a headline or body paragraph (straight,
//! curly or angle marks, or paragraphs set off after a colon), its speaker when the sentence says
//! who ("said X", "X said", "according to X", "X said:"), and the quotes of one statement gathered
//! into one row of a quote × document table that says, per document, whether it quotes the
//! statement **verbatim**, carries it **paraphrased** (reworded quote or reported speech), or not
//! at all.
//!
//! **A speaker is only ever an entity named next to a speech verb.** A lone "he" or "she"
//! stands for the one person named earlier in its sentence or, when its sentence names nobody,
//! for the last person named since the paragraph before, if that person was speaking; a quote
//! opening the sentence after another speaker's quote, with no speech verb of its own, goes on
//! in that voice. Anything less certain is left unattributed rather than guessed.

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use crate::compare::{prepare, share_enough, similarity, Prepared, Unit, Vocabulary, Weights};
use crate::corpus::Corpus;
use crate::entities::{Entity, EntityIndex};
use crate::ingest::{Document, Role};
use crate::lexicon;
use crate::mentions::{in_party_tag, EntityType};
use crate::search::{fold_diacritics, word_spans};
use crate::sentences::is_abbreviation;
use crate::text::{trim_span, word_after, Span};
use crate::union_find::UnionFind;

/// Fewest words (1–20) inside the marks for a quote to be a statement: shorter ones are scare
/// quotes and titles (“until further notice”, “On the wings of the wind” in the seeds), which
/// say how a writer frames a thing rather than what someone said.
const QUOTE_MIN_WORDS: usize = 5;
/// Most words (2–15) between a quote's closing mark and the speech verb after it ("…," Amazon's
/// chief executive Andy Jassy said): further on, the verb belongs to another statement.
const ATTRIBUTION_WORDS: usize = 8;
/// Least similarity (0–1) for two quotes to be one statement. Quotes are long and specific, so
/// the bar stands above the passage alignment's: in the seeds, the two translations of Amazon's
/// "We hope this one-year moratorium…" score 0.71 and the closest distinct statements 0.21.
const SAME_STATEMENT_MIN: f32 = 0.45;
/// Share (0–1) of the shorter quote's content words found in the longer for it to count as an
/// excerpt of the same statement, whatever the similarity of the whole.
const EXCERPT_MIN: f32 = 0.8;
/// Fewest words of three letters or more (2–8) two quotes must share to be one statement:
/// short quotes otherwise meet on a phrase ("and we don’t know if we were part of that
/// activity" and "I don't know if I would call it fear" share "don", "t", "know").
const SAME_STATEMENT_WORDS: usize = 4;

/// Fewest words (1–10) of the sentence before a colon for it to introduce a quotation: "He
/// then stated:" does, a label such as "Advertisement:" does not.
const INTRODUCTION_MIN_WORDS: usize = 3;

/// Least share (0–1) of words in common, in order, for a document's wording to count as the
/// same as the row's quote: 0.9 lets a typo or a dropped "that" through, but not a second
/// translation ("will give … we are ready to help on request" against "might give … we stand
/// ready to help if requested" is 0.80).
const VERBATIM_MIN: f32 = 0.9;

/// Least similarity (0–1) for a sentence without quotation marks to count as reporting a
/// statement. Above the passage alignment's bar, since a cell claims a document carries what
/// someone said: the seeds' reported versions score 0.51 ("We’ve advocated that governments…")
/// to 0.96, while at 0.3 articles on other stories of a campaign matched short quotes through
/// three shared words.
const REPORTED_MIN: f32 = 0.5;

/// Most words (1–8) before the name that is a clause's subject ("The Conservative MP Sir
/// Patrick McLoughlin agreed, saying"): further in, a name is the clause's object ("Muslim
/// leaders in Australia condemned the attack on Facebook, saying").
const SUBJECT_WORDS: usize = 4;

/// First words of a clause that is not the sentence's main one, lowercase: prepositions and
/// subordinating conjunctions.
const SUBORDINATE_OPENINGS: &[&str] = &[
    "in", "at", "on", "during", "after", "before", "while", "when", "although", "though", "as",
    "because", "since", "if", "to", "for", "with", "without", "unlike", "despite", "from", "by",
    "however", "but", "and", "or", "which", "who", "whom", "whose", "where", "that",
];

/// Verbs (and "according to") that attribute a quote, lowercase.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "states",
    "wrote",
    "writes",
    "explained",
    "noted",
    "notes",
    "argued",
    "warned",
    "announced",
    "declared",
    "insisted",
    "continued",
    "tweeted",
    "commented",
    "responded",
    "replied",
    "asked",
    "urged",
    "claimed",
    "claims",
    "acknowledged",
    "admitted",
    "posted",
    "according",
    "saying",
    "adding",
    "noting",
    "arguing",
    "asks",
    "explains",
    "continues",
    "recalled",
    "recalls",
    "testified",
    "concluded",
    "predicted",
    "suggested",
    "stressed",
    "joked",
    "quipped",
];

/// Most words (1–5) between a speech verb and the person it has speak ("said ACLU lawyer
/// Nicole Ozer") for a later "he said" or "she said" to stand for them: further on, the name is
/// someone spoken about.
const VERB_BEFORE_NAME_WORDS: usize = 3;

/// Words that end the name after "said" ("said Nicole Ozer in a statement").
const NAME_ENDS: &[&str] = &[
    "in", "to", "at", "on", "during", "when", "while", "after", "before", "last", "this", "on",
    "that", "who", "which", "as",
];

/// A quotation in a document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quote {
    /// Index of the document in the corpus.
    pub doc: usize,
    /// The words inside the marks, or the paragraph set off without them.
    pub span: Span,
    pub speaker: Option<Speaker>,
}

/// Who a quote is attributed to: the entity and where the sentence names it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Speaker {
    pub entity: String,
    pub name: String,
    pub span: Span,
}

/// How a document carries a statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Carried {
    /// In the wording of the row's first quote (or an exact excerpt of it).
    Verbatim,
    /// Reworded.
    Paraphrased,
    Absent,
}

/// One document's cell in a row.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    pub doc: usize,
    pub carried: Carried,
    /// Quoted, between marks or set off after a colon (else reported speech).
    pub quoted: bool,
    /// Where the document says it (the quote's words, or the reporting passage).
    pub span: Option<Span>,
    /// Similarity to the row's first quote, 0–1.
    pub score: f32,
    /// Whom this document attributes it to.
    pub speaker: Option<Speaker>,
}

/// One statement: its first quote (in the earliest dated document) and a cell per column.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub quote: Quote,
    /// The speaker of the first quote, or else the first speaker any document names.
    pub speaker: Option<Speaker>,
    /// In the order of [`QuoteTable::columns`].
    pub cells: Vec<Cell>,
}

impl Row {
    /// How many documents carry the statement, quoted or paraphrased.
    pub fn carriers(&self) -> usize {
        self.cells
            .iter()
            .filter(|c| c.carried != Carried::Absent)
            .count()
    }
}

/// The quote × document table.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct QuoteTable {
    /// Document indices, earliest dated first, undated last.
    pub columns: Vec<usize>,
    /// Statements carried by the most documents first.
    pub rows: Vec<Row>,
}

/// The quotes of document `doc` of the corpus, in text order, attributed with the mentions of
/// `entities`.
pub fn find_quotes(corpus: &Corpus, entities: &EntityIndex, doc: usize) -> Vec<Quote> {
    quotes_of(&corpus.documents[doc], doc, &entities.mentions_in(doc))
}

/// Where `document` quotes someone: the words inside marks, and paragraphs set off after a colon.
pub(crate) fn quote_spans(document: &Document) -> Vec<Span> {
    quotes_of(document, 0, &[])
        .into_iter()
        .map(|q| q.span)
        .collect()
}

/// The words inside quotation marks in `document`'s headline and body, however few: a quoted
/// phrase ("called the bill a “first step”") as well as a statement.
pub(crate) fn marked_phrases(document: &Document) -> Vec<Span> {
    document
        .blocks
        .iter()
        .filter(|b| matches!(b.role, Role::Title | Role::Body))
        .flat_map(|b| marked_spans(&document.text, b.span))
        .map(|(_, inner)| inner)
        .collect()
}

/// Where a run of paragraphs quoted without marks stands, from one paragraph to the next.
enum SetOff {
    Closed,
    /// The last paragraph ended in a colon: `said` when a speech verb came just before it.
    Introduced {
        said: bool,
        speaker: Option<Speaker>,
    },
    /// The last paragraph was quoted, by this speaker.
    Running(Option<Speaker>),
}

/// What a quote's sentence says of who speaks, next to a speech verb.
enum Said {
    Named(Speaker),
    /// A lone "he" or "she" with nobody named in its sentence before this byte: the start of the
    /// quote, when the pronoun follows it, since whom a quote names is not who says it.
    Pronoun(usize),
    /// A speech verb, and no entity it names ("the sponsors said"), or one of several people.
    Nobody,
}

/// The quotes of `document`, attributed with its `mentions` in text order.
fn quotes_of(document: &Document, doc: usize, mentions: &[(Span, &Entity)]) -> Vec<Quote> {
    let text = &document.text;
    let mut out = Vec::new();
    let mut set_off = SetOff::Closed;
    // Where the paragraph before this one starts: how far back a "he said" looks for whom it
    // stands for.
    let mut paragraph_before = 0;
    for block in &document.blocks {
        if !matches!(block.role, Role::Title | Role::Body) {
            set_off = SetOff::Closed;
            continue;
        }
        let looks_back_to = std::mem::replace(&mut paragraph_before, block.span.start);
        let resolve = |said: Said| match said {
            Said::Named(speaker) => Some(speaker),
            Said::Pronoun(at) => antecedent(text, looks_back_to, at, mentions),
            Said::Nobody => None,
        };
        let marked = marked_spans(text, block.span);
        let paragraph = block.span.of(text);
        let continues = match set_off {
            SetOff::Closed => false,
            SetOff::Introduced { said, .. } => said || opens_in_first_person(paragraph),
            SetOff::Running(_) => opens_in_first_person(paragraph),
        };
        if continues
            && block.role == Role::Body
            && is_statement(text, block.span)
            && !marked
                .iter()
                .any(|&(outer, inner)| outer.start == block.span.start || is_statement(text, inner))
        {
            let speaker = match std::mem::replace(&mut set_off, SetOff::Closed) {
                SetOff::Introduced { speaker, .. } | SetOff::Running(speaker) => speaker,
                SetOff::Closed => None,
            };
            out.push(Quote {
                doc,
                span: block.span,
                speaker: speaker.clone(),
            });
            set_off = SetOff::Running(speaker);
            continue;
        }
        set_off = match paragraph.trim_end().strip_suffix(':') {
            Some(intro) if block.role == Role::Body => {
                let colon = block.span.start + intro.len();
                let after_marks = marked.last().map_or(block.span.start, |m| m.0.end);
                // A colon inside a quote left open introduces nothing.
                match after_marks <= colon {
                    true => introduction(text, after_marks, colon, mentions, resolve),
                    false => SetOff::Closed,
                }
            }
            _ => SetOff::Closed,
        };
        // The statement just before, in this paragraph, and who said it.
        let mut previous: Option<(Span, Option<Speaker>)> = None;
        for (i, &(outer, inner)) in marked.iter().enumerate() {
            if !is_statement(text, inner) {
                previous = None;
                continue;
            }
            let before_limit = i
                .checked_sub(1)
                .map_or(block.span.start, |j| marked[j].0.end);
            let after_limit = marked
                .get(i + 1)
                .map_or(block.span.end, |next| next.0.start);
            let speaker = match attribute(text, outer, before_limit, after_limit, mentions) {
                Some(said) => resolve(said),
                None => previous
                    .take()
                    .filter(|(before, _)| goes_on(text, *before, outer))
                    .and_then(|(_, speaker)| speaker),
            };
            previous = Some((outer, speaker.clone()));
            out.push(Quote {
                doc,
                span: inner,
                speaker,
            });
        }
    }
    out
}

/// Whether the quote at `outer`, in a sentence of its own with no speech verb, goes on with the
/// statement quoted at `before`: it opens the sentence right after the one that quote stands in
/// ("“…,” Cobb said in a statement, referring to Mueller’s probe. “We are continuing…”"), the
/// way news carries on one speaker's words. A sentence or a quote between them breaks the run.
fn goes_on(text: &str, before: Span, outer: Span) -> bool {
    let breaks = sentence_breaks(text, before.end, outer.start);
    let sentence_start = breaks.last().copied().unwrap_or(before.end);
    breaks.len() <= 1 && text[sentence_start..outer.start].trim().is_empty()
}

/// Whether a paragraph opens with "I", "we", "our" or "my" (with any contraction): a statement
/// set off after a colon goes on in its speaker's voice, where the writer's next paragraph
/// mostly does not.
fn opens_in_first_person(paragraph: &str) -> bool {
    let first = paragraph
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    ["i", "we", "our", "my"]
        .iter()
        .any(|p| first.eq_ignore_ascii_case(p))
}

/// The paragraph ending in a colon at `colon` introduces a quotation; it names the speaker when
/// a speech verb stands among its last words ("Nathan Wessler, said:", "said in a statement:").
/// A sentence that is a heading ("Update at 8:45 p.m. ET. Voters Uncomfortable With Recalls:")
/// or a label ("Advertisement:") introduces the writer's next paragraph, not a quotation.
fn introduction(
    text: &str,
    from: usize,
    colon: usize,
    mentions: &[(Span, &Entity)],
    resolve: impl Fn(Said) -> Option<Speaker>,
) -> SetOff {
    let sentence_start = sentence_breaks(text, from, colon)
        .last()
        .copied()
        .unwrap_or(from);
    let words = words_in(text, sentence_start, colon);
    let mut long_words = words.iter().filter(|w| w.span.len() >= 4).peekable();
    let heading = long_words.peek().is_some()
        && long_words.all(|w| w.span.of(text).starts_with(char::is_uppercase));
    if words.len() < INTRODUCTION_MIN_WORDS || heading {
        return SetOff::Closed;
    }
    let said = words
        .iter()
        .rev()
        .take(ATTRIBUTION_WORDS)
        .any(|w| is_speech_verb(text, w));
    let at_colon = Span::new(colon, colon);
    SetOff::Introduced {
        said,
        speaker: said
            .then(|| attribute(text, at_colon, sentence_start, colon, mentions))
            .flatten()
            .and_then(resolve),
    }
}

/// The quotations of a paragraph as (marks included, words inside). Curly and angle marks nest;
/// straight marks pair in turn; a quote still open at the paragraph's end runs to it (news
/// leaves a quote open when it goes on in the next paragraph).
fn marked_spans(text: &str, block: Span) -> Vec<(Span, Span)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut open: Option<(usize, char)> = None;
    let close = |out: &mut Vec<(Span, Span)>, start: usize, mark: char, end: usize, inner_end| {
        let inner = trim_span(text, Span::new(start + mark.len_utf8(), inner_end));
        if let Some(inner) = inner {
            out.push((Span::new(start, end), inner));
        }
    };
    for (offset, c) in block.of(text).char_indices() {
        let at = block.start + offset;
        match (c, open) {
            ('“' | '«', None) => {
                open = Some((at, c));
                depth = 1;
            }
            ('“' | '«', Some((_, o))) if o != '"' => depth += 1,
            ('”' | '»', Some((start, o))) if o != '"' => {
                depth -= 1;
                if depth == 0 {
                    close(&mut out, start, o, at + c.len_utf8(), at);
                    open = None;
                }
            }
            ('"', None) => open = Some((at, c)),
            ('"', Some((start, '"'))) => {
                close(&mut out, start, '"', at + 1, at);
                open = None;
            }
            _ => {}
        }
    }
    if let Some((start, mark)) = open {
        close(&mut out, start, mark, block.end, block.end);
    }
    out
}

/// A word of the attribution windows, folded.
struct Word {
    span: Span,
    folded: String,
}

/// Whether `word` attributes a quote: one of [`SPEECH_VERBS`], but never the "States" of "the
/// United States".
fn is_speech_verb(text: &str, word: &Word) -> bool {
    SPEECH_VERBS.contains(&word.folded.as_str())
        && !(word.folded == "states" && text[word.span.start..].starts_with('S'))
}

/// A lone "he" or "she", which stands for someone named before.
fn is_he_or_she(word: &Word) -> bool {
    matches!(word.folded.as_str(), "he" | "she")
}

/// A speech verb in "-ing" ("saying", "adding"), whose speaker is its sentence's subject
/// ("Cohen did not deny the report in a tweet, saying …"), not the name nearest it.
fn is_participle(word: &Word) -> bool {
    word.folded.ends_with("ing") && word.folded != "according"
}

/// Where `text[from..to]` names its subject: a person or organisation that can speak, or a
/// "he" or "she", within the first [`SUBJECT_WORDS`] words of a clause that does not open
/// with a preposition or a conjunction ("In his State of the Union address, Mr. Obama called
/// …", "While Sen. Warren is out there …, Biden waves off …", "she smeared Trump, saying");
/// an empty span at `to` when there is none.
fn subject(text: &str, from: usize, to: usize, mentions: &[(Span, &Entity)]) -> Span {
    let mut start = from;
    for (end, mark) in text[from..to]
        .match_indices([',', ';', ':', '(', ')', '—'])
        .map(|(i, mark)| (from + i, mark.len()))
        .chain([(to, 0)])
    {
        let words = words_in(text, start, end);
        // "And Johnson, the Baltimore police chief, said": a sentence may open with "and" (but
        // "And to the GOP, the man said" still opens with "to").
        let conjunction = start == from
            && words
                .first()
                .is_some_and(|w| matches!(w.folded.as_str(), "and" | "but" | "or"));
        let opens_main_clause = words.get(usize::from(conjunction)).is_some_and(|w| {
            !(SUBORDINATE_OPENINGS.contains(&w.folded.as_str()) || is_participle(w))
        });
        let lead = words.get(SUBJECT_WORDS).map_or(end, |w| w.span.start);
        if opens_main_clause {
            let named = mentions_within(mentions, start, end)
                .find(|(s, e)| {
                    s.start < lead
                        && matches!(e.kind, EntityType::Person | EntityType::Org)
                        && can_speak(text, *s, e)
                })
                .map(|(s, _)| *s);
            let pronoun = words[..words.len().min(SUBJECT_WORDS)]
                .iter()
                .find(|w| is_he_or_she(w))
                .map(|w| w.span);
            let first = match (named, pronoun) {
                (Some(n), Some(p)) => Some(if p.start < n.start { p } else { n }),
                (n, p) => n.or(p),
            };
            if let Some(span) = first {
                return span;
            }
        }
        start = end + mark;
    }
    Span::new(to, to)
}

/// The mentions lying within `from..to`, of `mentions` in text order.
fn mentions_within<'m, 'e>(
    mentions: &'m [(Span, &'e Entity)],
    from: usize,
    to: usize,
) -> impl Iterator<Item = &'m (Span, &'e Entity)> {
    let first = mentions.partition_point(|(s, _)| s.start < from);
    mentions[first..]
        .iter()
        .take_while(move |(s, _)| s.start < to)
        .filter(move |(s, _)| s.end <= to)
}

/// Whether the entity named at `mention` can be who speaks there: never a product, an owner
/// ("Biden's message"), or a name that only describes the word after it ("an Iowa Democrat",
/// "an Obama adviser", "House Democratic leaders").
fn can_speak(text: &str, mention: Span, entity: &Entity) -> bool {
    entity.kind != EntityType::Product
        && !is_owner(text, mention)
        && !qualifies(text, mention, entity.kind)
}

fn words_in(text: &str, from: usize, to: usize) -> Vec<Word> {
    word_spans(&text[from..to], from)
        .map(|span| Word {
            span,
            folded: fold_diacritics(span.of(text)),
        })
        .collect()
}

/// The word a text ends with.
fn last_word(text: &str) -> &str {
    text.rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
}

/// Where a sentence ends within `text[from..to]`: after each ".", "!" or "?" followed by a space.
fn sentence_breaks(text: &str, from: usize, to: usize) -> Vec<usize> {
    let slice = &text[from..to];
    slice
        .char_indices()
        .filter(|&(i, c)| {
            matches!(c, '.' | '!' | '?')
                && slice[i + 1..].starts_with(char::is_whitespace)
                && !is_abbreviation(last_word(&slice[..i]))
        })
        .map(|(i, _)| from + i + 1)
        .collect()
}

/// What the sentence of the quote at `outer` says of its speaker, looking after it (up to
/// `after_limit` or the sentence's end) and then before it (back to `before_limit` or the
/// sentence's start); `None` when no speech verb stands there.
fn attribute(
    text: &str,
    outer: Span,
    before_limit: usize,
    after_limit: usize,
    mentions: &[(Span, &Entity)],
) -> Option<Said> {
    // Only a named entity speaks (`quote_spans` asks for the quotes alone).
    if mentions.is_empty() {
        return Some(Said::Nobody);
    }
    // A quote that ends on a full stop ends its sentence ("…time.” Joy Buolamwini answered"),
    // where "…," said X and "…?" she asked go on.
    let closed = text[..outer.end]
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.')
        .ends_with('.');
    let after_end = match closed {
        true => outer.end,
        false => sentence_breaks(text, outer.end, after_limit)
            .first()
            .copied()
            .unwrap_or(after_limit),
    };
    let before_start = sentence_breaks(text, before_limit, outer.start)
        .last()
        .copied()
        .unwrap_or(before_limit);
    let sentence_start = before_start;
    let before = words_in(text, before_start, outer.start);
    // "O’Reilly responded, “I defend him …” Cruz agreed that …": the verb that introduces a
    // quote is its own, whatever verb comes after.
    // But a comma before the closing mark hands the quote to the verb after it: "When
    // Napolitano said “there is no connection …,” Graham added".
    let hands_on = text[..outer.end]
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != ',')
        .ends_with(',');
    let introduced = !hands_on
        && before.last().is_some_and(|w| {
            is_speech_verb(text, w)
                && text[w.span.end..outer.start]
                    .chars()
                    .all(|c| c.is_whitespace() || matches!(c, ',' | ':' | '—'))
        });
    let after = match introduced {
        true => Vec::new(),
        false => words_in(text, outer.end, after_end),
    };
    // "…,” arguing …": a participle after a quote has the subject before it.
    if let Some(v) = after
        .iter()
        .take(ATTRIBUTION_WORDS + 1)
        .position(|w| is_speech_verb(text, w) && !is_participle(w))
    {
        let (region, verb) = match v > 0 {
            true => (
                Span::new(outer.end, after[v].span.start),
                after[v].span.start,
            ),
            false => (name_after(&after, v), after[v].span.end),
        };
        return Some(speaker_in(
            text,
            region,
            verb,
            sentence_start,
            outer.start,
            mentions,
        ));
    }
    let v = before.iter().rposition(|w| is_speech_verb(text, w))?;
    let (region, verb) = if before[v].folded == "according" {
        (name_after(&before, v), before[v].span.end)
    } else if is_participle(&before[v]) {
        let region = subject(text, before_start, before[v].span.start, mentions);
        (region, region.start)
    } else {
        // The clause before the verb, or the one before that when the verb follows a comma
        // ("…in the United States, Nathan Wessler, said") or a party tag ("Sen. Marco Rubio,
        // R-Fla., said").
        let separator = |to: usize| {
            text[before_start..to]
                .rfind([',', ';', ':'])
                .map(|i| before_start + i)
        };
        let clause_before = |end: usize| {
            let start = separator(end).map_or(before_start, |i| i + 1);
            Span::new(start, end)
        };
        let names_nobody = |clause: Span| {
            let words = clause.of(text).trim_start();
            let tag_start = clause.end - words.len();
            let words = words.trim_end();
            // "R-Fla.": a letter, a dash and a state of a few letters.
            let party_tag = (3..=8).contains(&words.len())
                && words.is_char_boundary(2)
                && !words.contains(' ')
                && in_party_tag(text, tag_start + 2);
            words.is_empty() || party_tag
        };
        let mut region = clause_before(before[v].span.start);
        for _ in 0..2 {
            if !names_nobody(region) || region.start <= before_start {
                break;
            }
            region = clause_before(region.start - 1);
        }
        // "Hershael York, dean of … in Frankfort, Kentucky, asked": when the clause names no
        // one who speaks, the sentence's subject does. A place speaks when it opens the clause
        // and no person is named after it ("The White House statement said"), not when it is
        // all of it, where someone is from ("a Republican of California", "the Maryland police
        // chief") or what someone spoke of ("urged Pyongyang to accept … and said").
        let clause = words_in(text, region.start, region.end);
        let opens_clause = |s: &Span| {
            let (before, after): (Vec<&Word>, Vec<&Word>) = clause
                .iter()
                .filter(|w| w.span.start < s.start || w.span.start >= s.end)
                .partition(|w| w.span.start < s.start);
            before
                .iter()
                .all(|w| matches!(w.folded.as_str(), "the" | "a" | "an"))
                && before.len() <= 1
                && !after.is_empty()
                && !after.iter().any(|w| lexicon::is_person_noun(&w.folded))
        };
        let speaks_there = mentions_within(mentions, region.start, region.end).any(|(s, e)| {
            can_speak(text, *s, e) && (e.kind != EntityType::Place || opens_clause(s))
        }) || words_in(text, region.start, region.end)
            .iter()
            .any(is_he_or_she);
        match speaks_there {
            true => (region, before[v].span.start),
            false => {
                let region = subject(text, before_start, before[v].span.start, mentions);
                (region, region.start)
            }
        }
    };
    Some(speaker_in(
        text,
        region,
        verb,
        sentence_start,
        region.start,
        mentions,
    ))
}

/// The words after the speech verb at `words[verb]` ("said Nicole Ozer in a statement", "according
/// to Amazon,"), up to a word that ends a name or the end of the words.
fn name_after(words: &[Word], verb: usize) -> Span {
    let skip = usize::from(
        words[verb].folded == "according" && words.get(verb + 1).is_some_and(|w| w.folded == "to"),
    );
    let names = &words[(verb + 1 + skip).min(words.len())..];
    let end = names
        .iter()
        .position(|w| NAME_ENDS.contains(&w.folded.as_str()))
        .unwrap_or(names.len());
    match (names.first(), end) {
        (Some(first), end) if end > 0 => Span::new(first.span.start, names[end - 1].span.end),
        _ => Span::new(words[verb].span.end, words[verb].span.end),
    }
}

/// The entity named in `region`: a person before an organisation, the one nearest the speech
/// verb at byte `verb` first ("says Scott Mulhauser, a former aide to Mr. Biden"), never one
/// named as an owner ("Biden's message") or a place that only says where someone is from ("said
/// an Iowa Democrat"). A lone "he" or "she" stands for the one person named earlier in the same
/// sentence (`sentence_start..earlier_end`), if there is exactly one, and for someone further
/// back ([`antecedent`]) if there is none.
fn speaker_in(
    text: &str,
    region: Span,
    verb: usize,
    sentence_start: usize,
    earlier_end: usize,
    mentions: &[(Span, &Entity)],
) -> Said {
    let within = |from: usize, to: usize| {
        mentions_within(mentions, from, to).filter(|(_, e)| e.kind != EntityType::Product)
    };
    let rank = |kind: EntityType| match kind {
        EntityType::Person => 0,
        EntityType::Org => 1,
        _ => 2,
    };
    let named = within(region.start, region.end)
        .filter(|(s, e)| can_speak(text, *s, e))
        .min_by_key(|(s, e)| {
            (
                rank(e.kind),
                s.start.abs_diff(verb).min(s.end.abs_diff(verb)),
            )
        });
    if let Some((s, e)) = named {
        return Said::Named(speaker(e, *s));
    }
    let pronoun = words_in(text, region.start, region.end)
        .iter()
        .any(is_he_or_she);
    if !pronoun {
        return Said::Nobody;
    }
    let earlier_end = earlier_end.min(region.start);
    let mut people =
        within(sentence_start, earlier_end).filter(|(_, e)| e.kind == EntityType::Person);
    let Some((span, person)) = people.next() else {
        return Said::Pronoun(earlier_end);
    };
    match people.all(|(_, e)| e.id == person.id) {
        true => Said::Named(speaker(person, *span)),
        false => Said::Nobody,
    }
}

/// Whether the name at `mention`, of an entity of `kind`, qualifies the noun right after it
/// rather than standing on its own: a place before a person or a name ("an Iowa Democrat", "a
/// Texas official"), an organisation before a name or a person ("House Democratic leaders",
/// "the Army National Guard veteran"; "a Google spokesman" speaks for Google), a person before
/// someone who works for them ("an Obama adviser", "the Obama administration").
fn qualifies(text: &str, mention: Span, kind: EntityType) -> bool {
    let next = word_after(text, mention.end);
    let capitalised = next.starts_with(char::is_uppercase);
    match kind {
        EntityType::Place => capitalised || lexicon::is_person_noun(next),
        // "a Treasury spokeswoman said" is the Treasury speaking.
        EntityType::Org => {
            capitalised
                || lexicon::is_person_noun(next)
                    && !matches!(
                        next,
                        "spokesperson"
                            | "spokesman"
                            | "spokeswoman"
                            | "official"
                            | "representative"
                    )
        }
        EntityType::Person => {
            lexicon::is_person_noun(next) || matches!(next, "administration" | "campaign")
        }
        _ => false,
    }
}

/// An owner is not the one speaking: "A New York Times editorial praises Biden's message but
/// notes".
fn is_owner(text: &str, mention: Span) -> bool {
    text[mention.end..].starts_with(['\'', '’'])
}

/// Who a lone "he" or "she" stands for when its sentence names nobody before byte `before`:
/// the last person named since `from` (the start of the paragraph before), when the sentence
/// naming them has them speak ("Chris Williamson, economist at Markit.com, said the report…",
/// "said Nicole Ozer in a statement", not "told CNN's Anderson Cooper") and not as an owner.
/// Anyone else named in between is who the pronoun would then stand for, so an unspeaking last
/// person leaves the quote unattributed. `mentions` are in text order.
fn antecedent(
    text: &str,
    from: usize,
    before: usize,
    mentions: &[(Span, &Entity)],
) -> Option<Speaker> {
    // Whom a quote names, and a name describing someone else ("the Obama administration"), are
    // not whom a later "he" stands for.
    let statements: Vec<Span> = marked_spans(text, Span::new(from, before))
        .into_iter()
        .filter(|&(_, inner)| is_statement(text, inner))
        .map(|(outer, _)| outer)
        .collect();
    let quoted = |s: &Span| {
        statements
            .iter()
            .any(|q| q.start <= s.start && s.end <= q.end)
    };
    let end = mentions.partition_point(|(s, _)| s.start < before);
    let (span, person) = mentions[..end]
        .iter()
        .rev()
        .take_while(|(s, _)| from <= s.start)
        .find(|(s, e)| {
            s.end <= before
                && e.kind == EntityType::Person
                && !quoted(s)
                && !qualifies(text, *s, e.kind)
        })?;
    if is_owner(text, *span) {
        return None;
    }
    let sentence_start = sentence_breaks(text, from, span.start)
        .last()
        .copied()
        .unwrap_or(from);
    let sentence_end = sentence_breaks(text, span.end, before)
        .first()
        .copied()
        .unwrap_or(before);
    // The verb of a quote after the name is the quote's: "saying of Tuter, “This is a judge
    // that has said …”".
    let clause_end = before_statement(text, span.end, sentence_end);
    // "told CNN's Anderson Cooper": who is told listens; "said of Tuter": who is spoken of.
    let words_before = words_in(text, sentence_start, span.start);
    let near = &words_before[words_before.len().saturating_sub(VERB_BEFORE_NAME_WORDS)..];
    let speaks_before = near
        .iter()
        .rposition(|w| is_speech_verb(text, w))
        .is_some_and(|v| {
            let verb = near[v].folded.as_str();
            let spoken_of = |w: &Word| matches!(w.folded.as_str(), "of" | "about" | "to" | "with");
            // Right after the verb: "said ACLU of Nicole Ozer" (a translation) still has her speak.
            let right_after = near.get(v + 1);
            match verb {
                "told" | "tells" => false,
                "according" => true,
                _ => !right_after.is_some_and(spoken_of),
            }
        });
    let speaks = speaks_before
        || words_in(text, span.end, clause_end)
            .iter()
            .take(ATTRIBUTION_WORDS)
            .any(|w| is_speech_verb(text, w) && !is_participle(w));
    speaks.then(|| speaker(person, *span))
}

/// Whether the words in marks at `inner` are a statement rather than a phrase (at least
/// [`QUOTE_MIN_WORDS`]).
fn is_statement(text: &str, inner: Span) -> bool {
    word_spans(inner.of(text), 0).count() >= QUOTE_MIN_WORDS
}

/// Where `text[from..to]` reaches a quotation mark of a statement: a phrase in marks (“a
/// vicious industry”, a book's title) is read through, but a statement's words, or the end of
/// one that began before `from`, are someone's own.
fn before_statement(text: &str, from: usize, to: usize) -> usize {
    let phrases = marked_spans(text, Span::new(from, to));
    let mut at = from;
    while let Some(i) = text[at..to].find(['"', '“', '”', '«', '»']) {
        let mark = at + i;
        match phrases.iter().find(|(outer, _)| outer.start == mark) {
            Some((outer, inner)) if !is_statement(text, *inner) => at = outer.end,
            _ => return mark,
        }
    }
    to
}

fn speaker(entity: &Entity, span: Span) -> Speaker {
    Speaker {
        entity: entity.id.clone(),
        name: entity.name.clone(),
        span,
    }
}

/// The folded words of a text joined by single spaces, to find exact excerpts.
fn plain(text: &str) -> String {
    word_spans(text, 0)
        .map(|w| fold_diacritics(w.of(text)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `own` words a statement as `first` does: one is an excerpt of the other, or their
/// words mostly agree in order.
fn same_wording(first: &str, own: &str) -> bool {
    first.contains(own)
        || own.contains(first)
        || similar::TextDiff::from_words(first, own).ratio() >= VERBATIM_MIN
}

/// A word of three letters or more, which two units must share [`SAME_STATEMENT_WORDS`] of.
fn is_substantial(word: &str) -> bool {
    word.chars().count() >= 3
}

/// Whether two units share enough words of substance to be one statement.
fn share_statement_words(a: &Unit, b: &Unit) -> bool {
    let shared = a.words.intersection(&b.words);
    shared.filter(|w| is_substantial(w)).count() >= SAME_STATEMENT_WORDS
}

/// The sentences of the table's documents, reached through their words of substance: a
/// statement's reported versions are looked up by the words they share with it, rather than by
/// trying every sentence of every document against every statement (which took 46 s for the
/// quotes of 300 articles).
struct SentenceIndex<'p> {
    /// Every unit, with its column.
    units: Vec<(usize, &'p Unit)>,
    /// Word → the units using it.
    postings: HashMap<&'p str, Vec<u32>>,
}

impl<'p> SentenceIndex<'p> {
    fn new(prepared: &'p [Prepared]) -> SentenceIndex<'p> {
        let units: Vec<(usize, &Unit)> = prepared
            .iter()
            .enumerate()
            .flat_map(|(c, p)| p.units().map(move |u| (c, u)))
            .collect();
        let mut postings: HashMap<&str, Vec<u32>> = HashMap::default();
        for (i, (_, unit)) in units.iter().enumerate() {
            for word in unit.words.iter().filter(|w| is_substantial(w)) {
                postings.entry(word.as_str()).or_default().push(i as u32);
            }
        }
        SentenceIndex { units, postings }
    }

    /// Per column (of `columns`), the units that share enough words of substance with
    /// `statement` ([`share_statement_words`]).
    fn sharing(&self, statement: &Unit, columns: usize) -> Vec<Vec<&'p Unit>> {
        let mut shared: HashMap<u32, usize> = HashMap::default();
        for word in statement.words.iter().filter(|w| is_substantial(w)) {
            for &unit in self.postings.get(word.as_str()).into_iter().flatten() {
                *shared.entry(unit).or_default() += 1;
            }
        }
        let mut out = vec![Vec::new(); columns];
        let mut enough: Vec<u32> = shared
            .into_iter()
            .filter(|&(_, n)| n >= SAME_STATEMENT_WORDS)
            .map(|(unit, _)| unit)
            .collect();
        // In text order, so ties resolve as a scan of each document would.
        enough.sort_unstable();
        for unit in enough {
            let (column, unit) = self.units[unit as usize];
            out[column].push(unit);
        }
        out
    }
}

/// Share of the smaller word set found in the larger, 0–1.
fn containment(a: &Unit, b: &Unit) -> f32 {
    let (small, large) = if a.words.len() <= b.words.len() {
        (a, b)
    } else {
        (b, a)
    };
    if small.words.is_empty() {
        return 0.0;
    }
    small.words.intersection(&large.words).count() as f32 / small.words.len() as f32
}

/// Groups items into sets from the pairs joined, each set in item order, sets by first item.
fn groups(n: usize, joined: impl Iterator<Item = (usize, usize)>) -> Vec<Vec<usize>> {
    let mut sets = UnionFind::new(n);
    for (a, b) in joined {
        sets.union(a.min(b), a.max(b));
    }
    let mut by_root: HashMap<usize, Vec<usize>> = HashMap::default();
    for i in 0..n {
        by_root.entry(sets.find(i)).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = by_root.into_values().collect();
    out.sort_by_key(|g| g[0]);
    out
}

/// Pairs of units sharing enough content words to be compared, found through the words they
/// share rather than by trying every pair.
fn candidate_pairs(units: &[Unit]) -> Vec<(usize, usize)> {
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, u) in units.iter().enumerate() {
        for w in &u.words {
            postings.entry(w.as_str()).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let mut seen: Vec<usize> = u
            .words
            .iter()
            .flat_map(|w| postings[w.as_str()].iter().copied().filter(|&j| j > i))
            .collect();
        seen.sort_unstable();
        seen.dedup();
        out.extend(
            seen.into_iter()
                .filter(|&j| share_enough(u, &units[j]))
                .map(|j| (i, j)),
        );
    }
    out
}

/// The quote × document table of documents `docs` of the corpus.
pub fn quote_table(corpus: &Corpus, entities: &EntityIndex, docs: &[usize]) -> QuoteTable {
    let mut builder = QuoteTableBuilder::new(corpus, docs);
    while !builder.step(corpus, entities) {}
    builder.finish(corpus)
}

/// Entities whose mentions are sorted per document in one step of [`QuoteTableBuilder::step`]
/// (10–10,000): at 10,000 articles the index holds about 100,000 entities.
const ENTITIES_PER_STEP: usize = 500;

/// Builds a [`QuoteTable`] a step at a time, for the page, where one long task would freeze it:
/// each [`step`](Self::step) reads a share of the entities' mentions or one document; then
/// [`finish`](Self::finish) groups the quotes.
pub struct QuoteTableBuilder {
    /// Document indices, earliest dated first, undated last.
    columns: Vec<usize>,
    /// Per column, its mentions as (span, index into the entities).
    mentions: Vec<Vec<(Span, usize)>>,
    entities_read: usize,
    docs_read: usize,
    quotes: Vec<Quote>,
    prepared: Vec<Prepared>,
}

impl QuoteTableBuilder {
    pub fn new(corpus: &Corpus, docs: &[usize]) -> QuoteTableBuilder {
        let mut columns = docs.to_vec();
        columns.sort_by_key(|&d| {
            (
                corpus.documents[d].date.is_none(),
                corpus.documents[d].date,
                d,
            )
        });
        columns.dedup();
        QuoteTableBuilder {
            mentions: vec![Vec::new(); columns.len()],
            columns,
            entities_read: 0,
            docs_read: 0,
            quotes: Vec::new(),
            prepared: Vec::new(),
        }
    }

    /// Does the next share of the reading; true once everything is read. `entities` must be the
    /// same at every step.
    pub fn step(&mut self, corpus: &Corpus, entities: &EntityIndex) -> bool {
        if self.entities_read < entities.entities.len() {
            let end = (self.entities_read + ENTITIES_PER_STEP).min(entities.entities.len());
            for e in self.entities_read..end {
                let entity = &entities.entities[e];
                if entity.hidden {
                    continue;
                }
                for m in &entity.mentions {
                    if let Some(c) = self.column_of(m.doc) {
                        self.mentions[c].push((m.span, e));
                    }
                }
            }
            self.entities_read = end;
            return false;
        }
        let Some(&doc) = self.columns.get(self.docs_read) else {
            return true;
        };
        let mut mentions: Vec<(Span, &Entity)> = self.mentions[self.docs_read]
            .iter()
            .map(|&(span, e)| (span, &entities.entities[e]))
            .collect();
        mentions.sort_by_key(|(span, _)| span.start);
        let document = &corpus.documents[doc];
        self.quotes.extend(quotes_of(document, doc, &mentions));
        self.prepared.push(prepare(document));
        self.docs_read += 1;
        false
    }

    /// Steps taken so far and in all, for a progress bar.
    pub fn progress(&self, entities: &EntityIndex) -> (usize, usize) {
        let entity_steps = entities.entities.len().div_ceil(ENTITIES_PER_STEP);
        (
            self.entities_read.div_ceil(ENTITIES_PER_STEP) + self.docs_read,
            entity_steps + self.columns.len(),
        )
    }

    fn column_of(&self, doc: usize) -> Option<usize> {
        // Columns are few: a scan beats a map.
        self.columns.iter().position(|&d| d == doc)
    }

    /// Groups the quotes read into statements and fills the table.
    pub fn finish(self, corpus: &Corpus) -> QuoteTable {
        let QuoteTableBuilder {
            columns,
            quotes,
            prepared,
            ..
        } = self;
        let vocabulary = Vocabulary::new();
        let text_of = |q: &Quote| &corpus.documents[q.doc].text;
        let units: Vec<Unit> = quotes
            .iter()
            .map(|q| vocabulary.unit(text_of(q), q.span))
            .collect();
        let weights = Weights::new(units.iter().chain(prepared.iter().flat_map(|p| p.units())));
        let sentences = SentenceIndex::new(&prepared);
        let joined = candidate_pairs(&units).into_iter().filter(|&(i, j)| {
            let (a, b) = (&units[i], &units[j]);
            share_statement_words(a, b)
                && (similarity(a, b, &weights) >= SAME_STATEMENT_MIN
                    || containment(a, b) >= EXCERPT_MIN)
        });
        let mut rows: Vec<(usize, Row)> = groups(quotes.len(), joined)
            .into_iter()
            .map(|group| {
                // Quotes come in column order, so the group's first is from the earliest document.
                let first = group[0];
                let first_doc = quotes[first].doc;
                let representative = group
                    .iter()
                    .copied()
                    .filter(|&q| quotes[q].doc == first_doc)
                    .max_by_key(|&q| (quotes[q].span.len(), std::cmp::Reverse(q)))
                    .unwrap_or(first);
                let rep = &units[representative];
                let reporting = sentences.sharing(rep, columns.len());
                let rep_plain = plain(
                    quotes[representative]
                        .span
                        .of(text_of(&quotes[representative])),
                );
                let cells = columns
                    .iter()
                    .enumerate()
                    .map(|(c, &doc)| {
                        // A document quoting the statement twice (a pull quote, then the
                        // sentence saying who said it) is shown by its verbatim, attributed
                        // occurrence, whichever scores a hair higher.
                        let quoted = group
                            .iter()
                            .copied()
                            .filter(|&q| quotes[q].doc == doc)
                            .map(|q| {
                                let score = match q == representative {
                                    true => 1.0,
                                    false => similarity(rep, &units[q], &weights),
                                };
                                let verbatim = same_wording(
                                    &rep_plain,
                                    &plain(quotes[q].span.of(text_of(&quotes[q]))),
                                );
                                (q, score, (verbatim, quotes[q].speaker.is_some()))
                            })
                            .max_by(|x, y| x.2.cmp(&y.2).then(x.1.total_cmp(&y.1)));
                        let (span, score, quoted, speaker) = match quoted {
                            Some((q, score, _)) => {
                                (quotes[q].span, score, true, quotes[q].speaker.clone())
                            }
                            None => {
                                let reported = reporting[c]
                                    .iter()
                                    .map(|u| (u.span, similarity(rep, u, &weights)))
                                    .filter(|&(_, s)| s >= REPORTED_MIN)
                                    .max_by(|x, y| x.1.total_cmp(&y.1));
                                let Some((span, score)) = reported else {
                                    return Cell {
                                        doc,
                                        carried: Carried::Absent,
                                        quoted: false,
                                        span: None,
                                        score: 0.0,
                                        speaker: None,
                                    };
                                };
                                // A sentence of a longer quote is still quoted.
                                let within = quotes.iter().find(|q| {
                                    q.doc == doc
                                        && q.span.start <= span.start
                                        && span.end <= q.span.end
                                });
                                let speaker = within.and_then(|q| q.speaker.clone());
                                (span, score, within.is_some(), speaker)
                            }
                        };
                        let own = plain(span.of(&corpus.documents[doc].text));
                        Cell {
                            doc,
                            carried: if same_wording(&rep_plain, &own) {
                                Carried::Verbatim
                            } else {
                                Carried::Paraphrased
                            },
                            quoted,
                            span: Some(span),
                            score,
                            speaker,
                        }
                    })
                    .collect::<Vec<_>>();
                let speaker = quotes[representative]
                    .speaker
                    .clone()
                    .or_else(|| cells.iter().find_map(|c| c.speaker.clone()));
                (
                    first,
                    Row {
                        quote: quotes[representative].clone(),
                        speaker,
                        cells,
                    },
                )
            })
            .collect();
        rows.sort_by_key(|(first, row)| (std::cmp::Reverse(row.carriers()), *first));
        QuoteTable {
            columns,
            rows: rows.into_iter().map(|(_, row)| row).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::resolve;

    /// The quotes of each document, as (words inside the marks, speaker's name).
    fn quoted(texts: &[&str]) -> Vec<Vec<(String, Option<String>)>> {
        let names: Vec<String> = (0..texts.len()).map(|i| format!("{i}.txt")).collect();
        let corpus = Corpus::from_texts(
            names.iter().map(String::as_str).zip(texts.iter().copied()),
            None,
        );
        let entities = resolve(&corpus);
        let by_find_quotes: Vec<Vec<(String, Option<String>)>> = (0..texts.len())
            .map(|d| {
                find_quotes(&corpus, &entities, d)
                    .into_iter()
                    .map(|q| {
                        let text = q.span.of(&corpus.documents[d].text).to_string();
                        (text, q.speaker.map(|s| s.name))
                    })
                    .collect()
            })
            .collect();
        // The table reads the mentions entity by entity, the page's way: it must attribute
        // each quote the same.
        let docs: Vec<usize> = (0..texts.len()).collect();
        let table = quote_table(&corpus, &entities, &docs);
        for (d, quotes) in by_find_quotes.iter().enumerate() {
            let mut cells: Vec<&Cell> = table
                .rows
                .iter()
                .flat_map(|row| &row.cells)
                .filter(|c| c.doc == d && c.quoted)
                .collect();
            cells.sort_by_key(|c| c.span.map(|s| s.start));
            let in_table: Vec<Option<String>> = cells
                .iter()
                .map(|c| c.speaker.as_ref().map(|s| s.name.clone()))
                .collect();
            let found: Vec<Option<String>> = quotes.iter().map(|(_, s)| s.clone()).collect();
            assert_eq!(in_table, found, "document {d}");
        }
        by_find_quotes
    }

    fn q(text: &str, speaker: Option<&str>) -> (String, Option<String>) {
        (text.into(), speaker.map(str::to_string))
    }

    #[test]
    fn quotes_are_found_between_straight_curly_and_angle_marks_and_scare_quotes_are_not() {
        let found = quoted(&["Council bans face scans\n\n\
             The council acted “until further notice” on Monday. \
             \"We will not scan the faces of residents,\" the council said. \
             Critics called it «a ban that changes very little in practice». \
             “Residents asked us, “why are you watching us?” and we listened,” one member said.\n\n\
             “The scans stop today and they will not come back\n"]);
        assert_eq!(
            found[0].iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(),
            [
                "We will not scan the faces of residents,",
                "a ban that changes very little in practice",
                "Residents asked us, “why are you watching us?” and we listened,",
                "The scans stop today and they will not come back",
            ]
        );
    }

    #[test]
    fn the_speaker_is_the_entity_next_to_the_speech_verb_and_a_pronoun_the_one_person_before_it() {
        let found = quoted(&["Amazon pauses police use of Rekognition\n\n\
             Nicole Ozer works for the ACLU in California. \
             \"It took Amazon two years to reach this point, but we are glad,\" said Nicole Ozer in a statement. \
             \"We urge Microsoft and other companies to follow IBM and Google,\" she added. \
             In a blog post, Amazon said, “We hope this moratorium gives Congress enough time.” \
             Joy Buolamwini answered on Medium, in which she says, “Amazon has been denying and deflecting for two years.” \
             According to Timnit Gebru, \"the audit shows the same errors on darker faces.\" \
             Joy Buolamwini met Timnit Gebru, and she said \"the errors were never fixed by anyone.\"\n"]);
        assert_eq!(
            found[0],
            [
                q(
                    "It took Amazon two years to reach this point, but we are glad,",
                    Some("Nicole Ozer")
                ),
                q(
                    "We urge Microsoft and other companies to follow IBM and Google,",
                    Some("Nicole Ozer")
                ),
                q(
                    "We hope this moratorium gives Congress enough time.",
                    Some("Amazon")
                ),
                q(
                    "Amazon has been denying and deflecting for two years.",
                    Some("Joy Buolamwini")
                ),
                q(
                    "the audit shows the same errors on darker faces.",
                    Some("Timnit Gebru")
                ),
                q("the errors were never fixed by anyone.", None),
            ]
        );
    }

    #[test]
    fn the_speaker_is_the_name_nearest_the_verb_and_never_a_party_tag_a_listener_or_a_home_state() {
        let found = quoted(&["Campaign notes\n\n\
             \"You are competing for electoral votes, not for followers,\" says Scott Mulhauser, \
             a former chief of staff for Joe Biden. \
             Sen. Marco Rubio, R-Fla., said, \"Everyone should just wear a damn mask.\"\n\n\
             \"There are people who are in and people who are out,\" Mike Rogers told CNN's Anderson Cooper.\n\n\
             \"That is absolutely the campaign's prerogative to decide,\" he added. \
             \"She would lose a lot of support among the base,\" said an Iowa Democrat.\n"]);
        assert_eq!(
            found[0],
            [
                q(
                    "You are competing for electoral votes, not for followers,",
                    Some("Scott Mulhauser")
                ),
                q(
                    "Everyone should just wear a damn mask.",
                    Some("Marco Rubio")
                ),
                q(
                    "There are people who are in and people who are out,",
                    Some("Mike Rogers")
                ),
                q(
                    "That is absolutely the campaign's prerogative to decide,",
                    None
                ),
                q("She would lose a lot of support among the base,", None),
            ]
        );
    }

    #[test]
    fn a_he_said_stands_for_the_last_person_who_spoke_in_this_paragraph_or_the_one_before() {
        let found = quoted(&[
            "Hiring slows\n\n\
             Chris Williamson, chief economist at Markit, said the report showed a slowdown.\n\n\
             \"Employers are holding back until the election is over,\" he said.\n",
            "Hiring slows\n\n\
             \"Robinhood feels very gamified and it can be very addicting,\" said Noah Whinston.\n\n\
             Some people resist the temptation, like Nate Brown. \
             \"I buy stocks once a month, not as often as you would expect,\" he said.\n",
            "Hiring slows\n\n\
             Chris Williamson said the report showed a slowdown.\n\n\
             \"Employers are holding back until the election is over, Janet Yellen says,\" he said.\n",
            "Hiring slows\n\n\
             Chris Williamson met Nancy Pelosi, who works with the United States.\n\n\
             \"Employers are holding back until the election is over,\" she said.\n",
            "Hiring slows\n\n\
             Chris Williamson met Nancy Pelosi on Monday.\n\n\
             \"Employers are holding back until the election is over,\" she said.\n",
            "Hiring slows\n\n\
             Nancy Pelosi said Chris Williamson's report came late.\n\n\
             \"Employers are holding back until the election is over,\" he said.\n",
            "Hiring slows\n\n\
             Chris Williamson said the report showed a slowdown.\n\n\
             Markets fell on Monday.\n\n\
             Hiring slowed in May.\n\n\
             \"Employers are holding back until the election is over,\" he said.\n",
            "Hiring slows\n\n\
             Chris Williamson said of Janet Yellen, \"She has said it for months.\"\n\n\
             \"Employers are holding back until the election is over,\" she said.\n",
            "Hiring slows\n\n\
             Janet Yellen called hiring \"a waiting game,\" and said the report showed a slowdown. \
             \"Employers are holding back until the election is over,\" she said.\n",
            "Hiring slows\n\n\
             \"The report shows a slowdown in every sector,\" said ACLU of Nicole Ozer from Northern California.\n\n\
             \"Employers are holding back until the election is over,\" she said.\n",
        ]);
        let quote = "Employers are holding back until the election is over,";
        assert_eq!(
            found,
            [
                vec![q(quote, Some("Chris Williamson"))],
                // Nate Brown, named after Whinston, is whom "he" stands for, and he does not speak.
                vec![
                    q(
                        "Robinhood feels very gamified and it can be very addicting,",
                        Some("Noah Whinston")
                    ),
                    q(
                        "I buy stocks once a month, not as often as you would expect,",
                        None
                    )
                ],
                // Whom the quote names is not who says it.
                vec![q(
                    "Employers are holding back until the election is over, Janet Yellen says,",
                    Some("Chris Williamson")
                )],
                // Pelosi is named last but not speaking, whatever the United "States" say.
                vec![q(quote, None)],
                vec![q(quote, None)],
                // Williamson is named last, but as an owner.
                vec![q(quote, None)],
                // Williamson spoke three paragraphs back.
                vec![q(quote, None)],
                // Yellen is spoken of, and the "said" after her name is the quote's.
                vec![
                    q("She has said it for months.", Some("Chris Williamson")),
                    q(quote, None)
                ],
                // A phrase in marks is read through to the verb after it.
                vec![q(quote, Some("Janet Yellen"))],
                // Only "of" right after the verb makes who follows spoken of.
                vec![
                    q(
                        "The report shows a slowdown in every sector,",
                        Some("Nicole Ozer")
                    ),
                    q(quote, Some("Nicole Ozer"))
                ],
            ]
        );
    }

    #[test]
    fn a_quote_that_opens_the_next_sentence_without_a_speech_verb_goes_on_with_the_last_speaker() {
        let found = quoted(&[
            "Cobb responds\n\n\
             \"The report is a vindication of the president,\" Ty Cobb said in a statement, referring to the probe. \
             \"We are continuing to cooperate with the special counsel.\"\n",
            "Cobb responds\n\n\
             \"The report is a vindication of the president,\" Ty Cobb said. \
             \"We are continuing to cooperate with the special counsel,\" the aide added.\n",
            "Cobb responds\n\n\
             \"The report is a vindication of the president,\" Ty Cobb said. The probe goes on. \
             \"We are continuing to cooperate with the special counsel.\"\n",
            "Cobb responds\n\n\
             \"The report is a vindication of the president,\" Ty Cobb said. \
             Critics think that \"we are continuing to cooperate with the special counsel.\"\n",
        ]);
        let (first, second) = (
            "The report is a vindication of the president,",
            "We are continuing to cooperate with the special counsel.",
        );
        assert_eq!(
            found,
            [
                vec![q(first, Some("Ty Cobb")), q(second, Some("Ty Cobb"))],
                vec![
                    q(first, Some("Ty Cobb")),
                    q(
                        "We are continuing to cooperate with the special counsel,",
                        None
                    )
                ],
                vec![q(first, Some("Ty Cobb")), q(second, None)],
                vec![
                    q(first, Some("Ty Cobb")),
                    q(
                        "we are continuing to cooperate with the special counsel.",
                        None
                    )
                ],
            ]
        );
    }

    #[test]
    fn paragraphs_set_off_after_a_colon_are_quotes_while_they_speak_in_the_first_person() {
        let found = quoted(&[
            "ACLU welcomes the longer moratorium\n\n\
             The deputy director of the American Civil Liberties Union, Nathan Wessler, said:\n\n\
             We’re pleased that Amazon is extending its moratorium on police use of the technology.\n\n\
             We urge lawmakers to end its use by law enforcement, whichever company sells it.\n\n\
             All over the world, facial recognition worries people who value their privacy.\n",
            "Amazon halts police use of Rekognition\n\n\
             That explains the sudden decision to halt sales of Rekognition to police in America:\n\n\
             We’re implementing a one-year moratorium on police use of Rekognition.\n\n\
             The decision comes two years after the ACLU demanded that Amazon stop selling it.\n\n\
             Here is how the sales began:\n\n\
             Amazon first offered Rekognition to police departments in Oregon and Florida.\n",
            "Recall vote tonight\n\n\
             Update at 8:45 p.m. ET. Voters Uncomfortable With Recalls:\n\n\
             We have about fifteen minutes to go before the polls close tonight.\n\n\
             Advertisement:\n\n\
             I doubt that any of these six people has visited the exchange.\n\n\
             A New York Times editorial praises Joe Biden’s message but notes:\n\n\
             The credibility of the message may be undermined by his son’s business.\n",
        ]);
        assert_eq!(
            found,
            [
                vec![
                    q(
                        "We’re pleased that Amazon is extending its moratorium on police use of the technology.",
                        Some("Nathan Wessler")
                    ),
                    q(
                        "We urge lawmakers to end its use by law enforcement, whichever company sells it.",
                        Some("Nathan Wessler")
                    ),
                ],
                vec![q(
                    "We’re implementing a one-year moratorium on police use of Rekognition.",
                    None
                )],
                vec![q(
                    "The credibility of the message may be undermined by his son’s business.",
                    Some("New York Times")
                )],
            ]
        );
    }

    #[test]
    fn a_participle_has_its_sentence_subject_speak_not_the_name_nearest_it() {
        let found = quoted(&["Campaign notes\n\n\
             Michael Cohen — the president's former lawyer — did not deny the report in a tweet, saying, \"What I did was at the direction of the president.\"\n\n\
             Reality Winner wrote about the race. In a tweet, she smeared Donald Trump, saying: \"the most dangerous entry to this country was him.\"\n\n\
             While Sen. Elizabeth Warren unveils plans every week, Joe Biden waves off such commitments, saying he doesn't \"have the time to lay out all the details of his plans.\"\n\n\
             Muslim leaders in Australia condemned the attack on Facebook, saying they \"condemn this criminal act unequivocally and in every way.\"\n\n\
             Mitt Romney said, \"Attacking me is not an agenda for the country,\" arguing the points would do nothing abroad.\n"]);
        assert_eq!(
            found[0],
            [
                q(
                    "What I did was at the direction of the president.",
                    Some("Michael Cohen")
                ),
                // "she" is Winner, who only wrote: unattributed rather than Trump.
                q("the most dangerous entry to this country was him.", None),
                q(
                    "have the time to lay out all the details of his plans.",
                    Some("Joe Biden")
                ),
                q(
                    "condemn this criminal act unequivocally and in every way.",
                    None
                ),
                q(
                    "Attacking me is not an agenda for the country,",
                    Some("Mitt Romney")
                ),
            ]
        );
    }

    #[test]
    fn the_verb_that_introduces_a_quote_is_its_own_unless_a_comma_hands_it_on() {
        let found = quoted(&["Debate night\n\n\
             Bill O'Reilly responded, \"I defend him on points that I think are valid. All right?\" Ted Cruz agreed that the host was right.\n\n\
             When Janet Napolitano said \"there is no connection here to a broader plot of any kind,\" Lindsey Graham added.\n"]);
        assert_eq!(
            found[0],
            [
                q(
                    "I defend him on points that I think are valid. All right?",
                    Some("Bill O'Reilly")
                ),
                q(
                    "there is no connection here to a broader plot of any kind,",
                    Some("Lindsey Graham")
                ),
            ]
        );
    }

    #[test]
    fn a_name_that_only_describes_the_speaker_does_not_speak() {
        let found = quoted(&["Campaign notes\n\n\
             Hershael York, dean of the School of Theology in Frankfort, Kentucky, asked, \"How many churches are meeting now across the country?\"\n\n\
             One Obama adviser joked, \"I might have to clean out my sock drawer this week.\"\n\n\
             \"Does Tucker Carlson want to walk a mile in my legs?\" the Army National Guard veteran said on Twitter.\n\n\
             \"Checks are scheduled to go out on time and exactly as planned,\" a Treasury spokeswoman said.\n"]);
        assert_eq!(
            found[0],
            [
                q(
                    "How many churches are meeting now across the country?",
                    Some("Hershael York")
                ),
                q("I might have to clean out my sock drawer this week.", None),
                q("Does Tucker Carlson want to walk a mile in my legs?", None),
                q(
                    "Checks are scheduled to go out on time and exactly as planned,",
                    Some("Treasury")
                ),
            ]
        );
    }

    #[test]
    fn whom_an_earlier_quote_names_is_not_whom_a_later_he_stands_for() {
        let found = quoted(&["Campaign notes\n\n\
             Markets fell on Monday.\n\n\
             \"We listened to what Sen. Marco Rubio has said for months,\" a lawmaker said. \
             \"Most of them support us on other issues,\" he added. \
             \"It was a long fight for all of us here,\" Pallaoro recalled.\n"]);
        assert_eq!(
            found[0],
            [
                q(
                    "We listened to what Sen. Marco Rubio has said for months,",
                    None
                ),
                q("Most of them support us on other issues,", None),
                q("It was a long fight for all of us here,", Some("Pallaoro")),
            ]
        );
    }

    #[test]
    fn a_document_quoting_a_statement_twice_is_shown_by_its_attributed_occurrence() {
        let texts = [
            "Senator speaks\n\nJune 10, 2020\n\n\
             The senator spoke at length on Monday. “We will not accept a budget that cuts the \
             schools again,” Maria Cantwell said.\n\n\
             “We will not accept a budget that cuts the schools again,”\n",
            "Budget talks stall\n\nJune 11, 2020\n\n\
             “We will not accept a budget that cuts the schools again,” said Maria Cantwell.\n",
        ];
        let corpus = Corpus::from_texts(["a.txt", "b.txt"].into_iter().zip(texts), None);
        let entities = resolve(&corpus);
        let table = quote_table(&corpus, &entities, &[0, 1]);
        let speakers: Vec<Vec<Option<&str>>> = table
            .rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| c.speaker.as_ref().map(|s| s.name.as_str()))
                    .collect()
            })
            .collect();
        assert_eq!(speakers, [[Some("Maria Cantwell"), Some("Maria Cantwell")]]);
    }

    #[test]
    fn one_statement_quoted_by_several_outlets_is_one_row_earliest_dated_first() {
        let texts = [
            "Amazon halts Rekognition sales\n\nJune 11, 2020\n\n\
             In a blog post, Amazon said, “We hope this one-year moratorium might give Congress \
             enough time to implement appropriate rules, and we stand ready to help if requested.”\n",
            "Amazon stops selling to police\n\nJune 10, 2020\n\n\
             \"We hope that this one-year moratorium will give Congress enough time to implement \
             appropriate rules and we are ready to help on request,\" said Amazon.\n",
            "Amazon pauses face recognition\n\nJune 12, 2020\n\n\
             Amazon hopes that the moratorium gives Congress enough time to implement appropriate \
             rules for the technology.\n",
            "Storm hits the coast\n\nJune 9, 2020\n\nHeavy rain flooded the harbour overnight.\n",
        ];
        let names = ["a.txt", "b.txt", "c.txt", "d.txt"];
        let corpus = Corpus::from_texts(names.into_iter().zip(texts), None);
        let entities = resolve(&corpus);
        let table = quote_table(&corpus, &entities, &[0, 1, 2, 3]);
        let ids: Vec<&str> = table
            .columns
            .iter()
            .map(|&d| corpus.documents[d].id.as_str())
            .collect();
        assert_eq!(ids, ["d.txt", "b.txt", "a.txt", "c.txt"]);
        assert_eq!(table.rows.len(), 1);
        let row = &table.rows[0];
        assert_eq!(corpus.documents[row.quote.doc].id, "b.txt");
        assert_eq!(
            row.speaker.as_ref().map(|s| s.name.as_str()),
            Some("Amazon")
        );
        let cells: Vec<(Carried, bool)> = row.cells.iter().map(|c| (c.carried, c.quoted)).collect();
        assert_eq!(
            cells,
            [
                (Carried::Absent, false),
                (Carried::Verbatim, true),
                (Carried::Paraphrased, true),
                (Carried::Paraphrased, false),
            ]
        );
        assert_eq!(row.carriers(), 3);
    }
}

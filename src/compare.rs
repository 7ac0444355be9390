//! Two accounts side by side: each document cut into passages (the sentences of its headline
//! and body; boilerplate left out), the passages of A and B aligned one to one where they say the
//! same thing — **verbatim** (near-identical) or as a **paraphrase** (reworded, translated and
//! back) — and the rest listed as only in A or only in B.
//!
//! Similarity survives rewording: it weighs the stemmed content words two passages share (a
//! country under any of its names, a verb in any tense) and the character trigrams of their text
//! (which catch "regulate" ~ "regulations" and misspelt names), so "We have been in favor of
//! governments imposing stricter regulations" and "We've advocated that governments should put in
//! place stronger regulations" still meet.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

use crate::facts::{extract_facts, Fact, FactKind};
use crate::ingest::{Document, Role};
use crate::lexicon;
use crate::quotes::{marked_phrases, quote_spans};
use crate::search::{fold_diacritics, word_spans};
use crate::sentences::{sentences, tokenize, Token, TokenKind};
use crate::text::Span;

/// Least similarity (0–1) for two passages to be aligned as a paraphrase on wording alone. Set on
/// the gold pairs (`parallax score-compare tests/gold/compare-pairs.jsonl`, docs/BENCHMARKS.md):
/// with the story's structure supporting weaker pairs and mutual bests a little under it
/// ([`MUTUAL_BEST_MARGIN`]), 0.30 scores the seeds precision 0.81 / recall 0.96 and the gold
/// pooled 0.87 / 0.86; 0.25 traded the seeds to 0.69 / 0.93, 0.35 to 0.85 / 0.70.
const PARAPHRASE_MIN: f32 = 0.3;
/// Least similarity (0–1) for a pair to count as verbatim (near-identical wording). On the
/// seeds, a translation round trip that kept every content word scores 0.92; a quote retold in
/// the third person ("Amazon said it would" for "We will") 0.85.
const VERBATIM_MIN: f32 = 0.9;
/// Fewest content words (stemmed) two passages must share to be aligned (1–6): a reworded
/// statement keeps several; two short headlines sharing one word are a coincidence.
const MIN_SHARED_WORDS: usize = 3;
/// Share of the score from shared content words (the rest from character trigrams), 0–1. On the
/// gold pairs 0.5, 0.6 and 0.7 land within 0.05 of each other in precision and recall.
const WORD_WEIGHT: f32 = 0.6;
/// Least similarity (0–1) for two passages in different voices ([`Voice`]) to align: the same
/// words, one outlet quoting a statement and another printing it as its own text ("“We have
/// been in favor …,” Amazon said" against the sentence alone scores 0.86). The writer's aside
/// in the seeds that this keeps apart from Amazon's quoted statement scores 0.34.
const TWO_VOICES_MIN: f32 = 0.6;
/// Bonus (0–0.2) for pairs at the same relative place in both documents: alignment may
/// reorder, but prefers order when two candidates are nearly as good.
const ORDER_BONUS: f32 = 0.05;

/// Bonus (0–0.3) for a headline aligned with a headline or a body sentence with a body
/// sentence: a headline usually restates the lead, and when both documents have both, pairing
/// headlines with each other leaves the leads to meet.
const PART_BONUS: f32 = 0.1;
/// Least weight (0–1) of a word or trigram found in every passage: it still counts a little.
const MIN_WEIGHT: f32 = 0.05;
/// Sentences of at least this many words (10–60) may also align by their clauses: a long
/// sentence often carries one shared point among others of its own.
const LONG_SENTENCE_WORDS: usize = 20;
/// Words that open a clause of their own ("… the mainland United States but officials believe
/// …"): a long stretch without punctuation is cut before them.
const CLAUSE_OPENERS: &[&str] = &[
    "but", "while", "whereas", "although", "though", "because", "which", "where", "what", "who",
    "whose",
];
/// Words that may come before a clause opener and belong to its clause ("in what", "of which").
const PREPOSITIONS: &[&str] = &["in", "of", "to", "for", "by", "with", "at", "on", "from"];
/// Fewest words (3–10) of a clause that aligns on its own.
const CLAUSE_MIN_WORDS: usize = 6;
/// Fewest words (0–6) of a clause that are neither names nor stopwords: "chairman of the Senate
/// Judiciary Committee", an official's title set off by commas, says nothing on its own. 0–3
/// score the same on the gold pairs; 2 keeps titles and names from standing as passages.
const CLAUSE_MIN_PLAIN_WORDS: usize = 2;

/// Fewest content words (1–[`MIN_SHARED_WORDS`]) of a phrase in quotation marks that, found in a
/// statement the other document quotes, lets two passages align on fewer shared words: Pelosi
/// called the bill a “first step”, and another outlet quotes her "This is a first step; …". A
/// one-word scare quote ("“problematic” officers") says nothing of where it came from, and a
/// slogan both put in quotes ("defund the police") is no statement.
const ECHO_MIN_WORDS: usize = 2;

/// Least similarity (0–1) of two passages of one document for one to repeat the other: a
/// document that says one thing twice ("It would prohibit the use of chokeholds, …" and later
/// "… and the use of choke-holds") has both mentions aligned with the other's one mention.
/// With [`SECOND_PAIR_MARGIN`], 0.3–0.5 score the same on the gold pairs.
const REPEAT_MIN: f32 = 0.4;
/// Most (0–0.3) that a passage's second pair ([`second_pairs`]) may score below the first: the
/// other document's passage must match it nearly as well as the passage it was paired with.
/// On the seeds' gold pairs 0.15 keeps the repeats and split sentences that are right and drops
/// two sentences about Amazon providing face recognition to police that score 0.24 apart.
const SECOND_PAIR_MARGIN: f32 = 0.15;

/// How far under the threshold ([`Options::paraphrase_min`]; 0–0.15) two passages of one story
/// may score and still align because each is the other's closest passage (competitive
/// linking): "Still, overall manufacturing jobs fell 7,000" and "There were employment
/// declines, however, in manufacturing" (0.26) make one point. On the gold pairs (76 sure),
/// 0.04 gains 4 sure pairs for 1 wrong; 0.05 adds a wrong seeds pair (seeds precision 0.79),
/// 0.06 two sure pairs more for four wrong (pooled 0.845 / 0.882), 0.02–0.03 lose 1–2 sure.
const MUTUAL_BEST_MARGIN: f32 = 0.04;
/// Ranking bonus (0–0.3) of the two leads (or headlines) of one story over other pairs the
/// story supports: a long lead is better told by the other lead than by a later sentence
/// sharing a place and a title with it. 0.1–0.3 score the same on the gold pairs.
const LEADS_BONUS: f32 = 0.1;

/// Least number of pairs (1–10) two documents must align by wording alone before the story's
/// structure may align more: then they tell the same story, so their headlines say the same
/// thing, their leads too, and so do two passages that give the same kind of figure about the
/// same rare name ("two days after IBM", "a day after IBM").
const SAME_STORY_PAIRS: usize = 1;
/// Least similarity (0–1) of a pair the story's structure supports. On the seeds' gold pairs
/// the supported pairs that are right score 0.15–0.27 (a headline reworded by translation).
const SUPPORTED_MIN: f32 = 0.15;
/// Fewest content words (1–6) a supported pair must share.
const SUPPORTED_SHARED_WORDS: usize = 2;
/// Ranking bonus (0–0.5) of a supported pair over pairs that only share wording: a lead is
/// better paired with the other lead than with a later sentence that repeats its words.
const SUPPORT_BONUS: f32 = 0.3;
/// Least weight (0–5, the log of an inverse share) of a shared name that makes two passages with
/// the same kind of figure about the same point: a name used in few passages ("IBM"), and not
/// everyday in news ([`EVERYDAY_NEWS_SHARE`]: not "United States").
const RARE_WORD_WEIGHT: f32 = 1.5;

/// Fewest shared words (1–6), each rare in the two documents ([`RARE_WORD_WEIGHT`]) and not
/// everyday news vocabulary ([`EVERYDAY_NEWS_SHARE`]), that make two passages of one story about
/// the same point: "rising tensions … waters off the Korean Peninsula" and "Tensions on the Korean
/// Peninsula have quickly risen … toward waters off the coast". On the gold pairs 3 took the
/// AllSides recall from 0.56 to 0.78 and left the seeds as they were; 2 cost the seeds 0.06 of
/// precision.
const DISTINCTIVE_WORDS: usize = 3;
/// Share of news articles (0–1) above which a word is everyday news vocabulary ("said", "year",
/// "police"), which any two passages may share. 0.06–0.1 score the same on the gold pairs;
/// 0.04 loses the AllSides pairs gained, 0.16 costs the seeds 0.02 of precision.
const EVERYDAY_NEWS_SHARE: f32 = 0.1;

/// The word the speech verbs of [`SYNONYMS`] are compared as. "said", "told", "announced" say
/// who spoke, not what: two passages sharing one of them and two other words share two. On the
/// held-out jobs report it kept "growth could accelerate next year if the fiscal cliff is avoided"
/// from "what to do about the fiscal cliff, he said"; no other gold pair moved.
const SPEECH_VERB: &str = "say";

/// Words that say little about what a passage is about.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "being", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have",
    "he", "her", "his", "i", "if", "in", "into", "is", "it", "its", "may", "might", "more", "most",
    "not", "of", "on", "or", "our", "s", "she", "should", "so", "some", "such", "than", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "was", "we",
    "were", "what", "when", "which", "who", "will", "with", "would", "you",
];

/// Number words compared as their digits.
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
];

/// Words news writers (and translation round trips) swap for one another, compared as one:
/// general newsroom vocabulary, hand-written, small on purpose (a wrong group joins unrelated
/// sentences everywhere). A word with two senses in news stays out of a group unless the sense
/// can be told apart: "declined to …" refuses, so only a "decline" not followed by "to" falls
/// ([`Vocabulary::content`]).
const SYNONYMS: &[&[&str]] = &[
    &[
        "ban",
        "prohibit",
        "bar",
        "halt",
        "suspend",
        "moratorium",
        "pause",
        "forbid",
    ],
    &["say", "state", "tell", "claim", "announce", "declare"],
    &["big", "large", "major", "huge", "biggest", "largest"],
    &["rule", "regulation", "law", "regulate"],
    &["leave", "quit", "exit", "abandon", "withdraw"],
    &["help", "assist", "aid"],
    &[
        "rise", "increase", "grow", "escalate", "mount", "jump", "climb", "surge", "soar",
    ],
    &[
        "fall", "drop", "decline", "dip", "slip", "slide", "plunge", "tumble", "sink",
    ],
    &["deal", "agreement", "accord", "pact"],
    &["investigation", "probe", "inquiry"],
    &["job", "employment"],
    &["worker", "employee"],
    &["need", "require"],
    &["keep", "maintain", "retain"],
    &["reveal", "disclose", "divulge"],
    &["lawmaker", "legislator"],
    &["plead", "plea"],
    &["meeting", "summit", "talks"],
    // A market's "players" are its companies.
    &["company", "firm", "business", "player"],
    &["begin", "start"],
    &["before", "ahead", "prior"],
    &["end", "stop", "cease", "finish"],
    &["study", "research", "report"],
    &["error", "mistake", "flaw"],
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Verbatim,
    Paraphrase,
}

/// Two aligned passages.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Pair {
    pub kind: Kind,
    /// Similarity, 0–1.
    pub score: f32,
    pub a: Span,
    pub b: Span,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Comparison {
    /// In A's order.
    pub pairs: Vec<Pair>,
    pub only_a: Vec<Span>,
    pub only_b: Vec<Span>,
    /// In the order of the pairs.
    pub disagreements: Vec<Disagreement>,
}

/// An aligned pair whose two passages state different values of one kind of fact (numbers,
/// durations, dates, percentages, sums): each states a value the other does not.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Disagreement {
    /// Index into [`Comparison::pairs`].
    pub pair: usize,
    pub kind: FactKind,
    /// The facts of that kind in A's passage and in B's.
    pub a: Vec<Fact>,
    pub b: Vec<Fact>,
}

/// A stretch of text and what similarity looks at.
pub(crate) struct Unit {
    pub(crate) span: Span,
    /// Stemmed content words.
    pub(crate) words: HashSet<String>,
    /// Character trigrams of the folded content words, joined by spaces.
    grams: HashSet<[char; 3]>,
}

/// Whether two units share enough content words to be compared at all.
pub(crate) fn share_enough(a: &Unit, b: &Unit) -> bool {
    share_at_least(a, b, MIN_SHARED_WORDS)
}

/// Whether two units share `words` content words besides a speech verb ([`SPEECH_VERB`]).
fn share_at_least(a: &Unit, b: &Unit, words: usize) -> bool {
    a.words
        .intersection(&b.words)
        .filter(|w| w.as_str() != SPEECH_VERB)
        .count()
        >= words
}

/// Whether two units may align with the story's support ([`supported`]): they share
/// [`SUPPORTED_SHARED_WORDS`], and **not only everyday news words** — two leads sharing "officials
/// said" make different points.
fn may_be_supported(a: &Unit, b: &Unit) -> bool {
    share_at_least(a, b, SUPPORTED_SHARED_WORDS)
        && a.words
            .intersection(&b.words)
            .any(|w| share_in_news(w) <= EVERYDAY_NEWS_SHARE)
}

/// One passage: a sentence, and for a long one its clauses, which may align on their own.
struct Passage {
    /// Part of the headline.
    headline: bool,
    /// The first sentence of the headline, or of the body: where news states what happened.
    opening: bool,
    /// Part of a photo caption.
    caption: bool,
    /// The kinds of fact (dates, durations, numbers …) the sentence states.
    figures: Vec<FactKind>,
    /// The sentence's names ([`Vocabulary::names`]), compared like words.
    names: HashSet<String>,
    /// The sentence's words that are not everyday news vocabulary ([`EVERYDAY_NEWS_SHARE`]).
    uncommon: Vec<String>,
    /// Whose "we" or "I" the sentence says.
    voice: Voice,
    /// The content words of each phrase in quotation marks in the sentence too short to be
    /// shared on their own ([`ECHO_MIN_WORDS`]).
    phrases: Vec<HashSet<String>>,
    /// The content words of the sentence that stand in a quoted statement.
    stated: HashSet<String>,
    whole: Unit,
    clauses: Vec<Unit>,
}

/// Who speaks in the first person in a sentence: **a "we" in the writer's words and a "we" in a
/// quotation are different people**, so passages in those two voices align only on nearly the
/// same words ([`TWO_VOICES_MIN`]: a statement one outlet quotes and another prints as its own
/// text), never as a paraphrase ("We can quickly see the excesses…", a writer's aside, is not
/// Amazon's "We have been in favor…").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Voice {
    /// No first-person word, or some inside the document's quotes and some outside.
    Unknown,
    Writer,
    Quoted,
}

impl Voice {
    /// The voice of a sentence's first-person words ("I", "we", "our", …) given the spans
    /// quoted in its document.
    fn of(text: &str, sentence: &[Token], quoted: &[Span]) -> Voice {
        let (mut inside, mut outside) = (false, false);
        for token in sentence.iter().filter(|t| t.kind == TokenKind::Word) {
            let word = token.text(text);
            let word = word.split(['\'', '’']).next().unwrap_or(word);
            // "US" is a country and "i" a letter.
            let first_person = word == "I"
                || word == "us"
                || ["we", "our", "ours", "my", "me", "mine"]
                    .iter()
                    .any(|p| word.eq_ignore_ascii_case(p));
            if first_person {
                let within = quoted
                    .iter()
                    .any(|q| q.start <= token.span.start && token.span.end <= q.end);
                (inside, outside) = (inside || within, outside || !within);
            }
        }
        match (inside, outside) {
            (true, false) => Voice::Quoted,
            (false, true) => Voice::Writer,
            _ => Voice::Unknown,
        }
    }

    fn differs(self, other: Voice) -> bool {
        self != Voice::Unknown && other != Voice::Unknown && self != other
    }
}

impl Passage {
    fn units(&self) -> impl Iterator<Item = &Unit> + Clone {
        std::iter::once(&self.whole).chain(&self.clauses)
    }

    /// Whether one of the sentence's quoted phrases ([`ECHO_MIN_WORDS`]) stands in a statement
    /// `other` quotes: one outlet quotes a fragment of what the other quotes whole.
    fn echoed_in(&self, other: &Passage) -> bool {
        self.phrases
            .iter()
            .any(|phrase| phrase.is_subset(&other.stated))
    }
}

/// One piece of the word-level difference inside an aligned pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Change {
    /// The same words in both (their span in A and in B).
    Same { a: Span, b: Span },
    /// Only in A.
    Removed { a: Span },
    /// Only in B.
    Added { b: Span },
}

/// The exact rewording between passage `a` of `a_text` and passage `b` of `b_text`, word by word
/// (patience diff, spaces kept with their words), as byte ranges into each text.
pub fn word_diff(a_text: &str, a: Span, b_text: &str, b: Span) -> Vec<Change> {
    let (old, new) = (a.of(a_text), b.of(b_text));
    let (mut at_a, mut at_b) = (a.start, b.start);
    similar::utils::diff_words(similar::Algorithm::Patience, old, new)
        .into_iter()
        .map(|(tag, piece)| {
            let len = piece.len();
            match tag {
                similar::ChangeTag::Equal => {
                    let change = Change::Same {
                        a: Span::new(at_a, at_a + len),
                        b: Span::new(at_b, at_b + len),
                    };
                    (at_a, at_b) = (at_a + len, at_b + len);
                    change
                }
                similar::ChangeTag::Delete => {
                    at_a += len;
                    Change::Removed {
                        a: Span::new(at_a - len, at_a),
                    }
                }
                similar::ChangeTag::Insert => {
                    at_b += len;
                    Change::Added {
                        b: Span::new(at_b - len, at_b),
                    }
                }
            }
        })
        .collect()
}

/// The passages of a document: each sentence of its headline and body.
fn passages(doc: &Document, facts: &[Fact], vocabulary: &Vocabulary) -> Vec<Passage> {
    let text = doc.text.as_str();
    let quoted = quote_spans(doc);
    let marked = marked_phrases(doc);
    let mut out: Vec<Passage> = Vec::new();
    for block in doc
        .blocks
        .iter()
        .filter(|b| matches!(b.role, Role::Title | Role::Body))
    {
        let tokens = tokenize(text, block.span);
        for range in sentences(text, &tokens) {
            let sentence = &tokens[range];
            let whole = vocabulary.unit(text, span_of(sentence));
            let clauses = clauses(text, sentence)
                .into_iter()
                .filter(|span| !is_attribution(span.of(text)))
                .map(|span| vocabulary.unit(text, span))
                .collect();
            let headline = block.role == Role::Title;
            let span = whole.span;
            let mut figures: Vec<FactKind> = Vec::new();
            for fact in facts
                .iter()
                .filter(|f| span.start <= f.span.start && f.span.end <= span.end)
            {
                if !figures.contains(&fact.kind) {
                    figures.push(fact.kind);
                }
            }
            let names = vocabulary.names(text, span);
            let uncommon = whole
                .words
                .iter()
                .filter(|w| share_in_news(w) <= EVERYDAY_NEWS_SHARE)
                .cloned()
                .collect();
            let phrases = marked
                .iter()
                .filter(|m| span.start <= m.start && m.end <= span.end)
                .map(|&m| vocabulary.words(text, m))
                .filter(|words| (ECHO_MIN_WORDS..MIN_SHARED_WORDS).contains(&words.len()))
                .collect();
            let stated = quoted
                .iter()
                .filter(|q| q.start < span.end && span.start < q.end)
                .flat_map(|q| {
                    let within = Span::new(q.start.max(span.start), q.end.min(span.end));
                    vocabulary.words(text, within)
                })
                .collect();
            // A photo caption before the lead is not where the story starts.
            let caption = is_caption(block.span.of(text));
            out.push(Passage {
                headline,
                opening: !caption && out.iter().all(|p| p.headline != headline || p.caption),
                caption,
                figures,
                names,
                uncommon,
                voice: Voice::of(text, sentence, &quoted),
                phrases,
                stated,
                whole,
                clauses,
            });
        }
    }
    out
}

/// Whether a clause only says where the sentence's point comes from ("according to a person
/// familiar with the talks"): **an attribution says who, not what**, so two accounts sourcing
/// different points alike do not align on it.
fn is_attribution(clause: &str) -> bool {
    let mut words = clause.split_whitespace().map(|w| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    });
    words.next().as_deref() == Some("according") && words.next().as_deref() == Some("to")
}

/// A paragraph that ends with a photo credit: "… in 2018. (GeekWire Photo / Monica Nickelsburg)".
fn is_caption(paragraph: &str) -> bool {
    let paragraph = paragraph.trim_end();
    paragraph.ends_with(')')
        && paragraph.rfind('(').is_some_and(|open| {
            let credit = &paragraph[open..];
            ["Photo", "Image", "Getty", "Reuters", "AP"]
                .iter()
                .any(|w| credit.contains(w))
        })
}

/// How words are compared: a number word as its digits ("two" → "2"), a word of a synonym
/// group as the group's first word, any other word as its stem.
pub(crate) struct Vocabulary {
    stemmer: Stemmer,
    /// Stem of each synonym → its group's first word.
    synonyms: HashMap<String, &'static str>,
}

impl Vocabulary {
    pub(crate) fn new() -> Vocabulary {
        let stemmer = Stemmer::create(Algorithm::English);
        let synonyms = SYNONYMS
            .iter()
            .flat_map(|group| {
                group
                    .iter()
                    .map(|w| (stemmer.stem(w).into_owned(), group[0]))
            })
            .collect();
        Vocabulary { stemmer, synonyms }
    }

    /// What similarity looks at in `span` of `text`.
    pub(crate) fn unit(&self, text: &str, span: Span) -> Unit {
        let (content, words) = self.content(text, span);
        let joined: Vec<char> = content.join(" ").chars().collect();
        let grams = joined.windows(3).map(|g| [g[0], g[1], g[2]]).collect();
        Unit { span, words, grams }
    }

    /// The compared words of `span` of `text` ([`Vocabulary::unit`] without the trigrams).
    fn words(&self, text: &str, span: Span) -> HashSet<String> {
        self.content(text, span).1
    }

    /// The content words of `span` of `text`, folded, and what they are compared as.
    fn content(&self, text: &str, span: Span) -> (Vec<String>, HashSet<String>) {
        let spans: Vec<Span> = word_spans(span.of(text), span.start).collect();
        let (mut content, mut words) = (Vec::new(), HashSet::default());
        for (at, term) in terms(text, &spans) {
            match term {
                Term::Place(place) => {
                    words.insert(place.clone());
                    content.push(place);
                }
                // "declined to comment" refuses; "employment declined" fell.
                Term::Word(word)
                    if word.starts_with("declin")
                        && spans.get(at + 1).is_some_and(|next| next.of(text) == "to") =>
                {
                    words.insert(self.concept("refuse"));
                    content.push(word);
                }
                Term::Word(word) if !STOPWORDS.contains(&word.as_str()) => {
                    words.extend(
                        word.split('-')
                            .filter(|w| !w.is_empty())
                            .map(|w| self.concept(w)),
                    );
                    content.push(word);
                }
                Term::Word(_) => {}
            }
        }
        (content, words)
    }

    /// The names in `span` of `text`, as the words [`Vocabulary::unit`] makes of them: the
    /// places, and the words written capitalised after the first.
    fn names(&self, text: &str, span: Span) -> HashSet<String> {
        let spans: Vec<Span> = word_spans(span.of(text), span.start).collect();
        terms(text, &spans)
            .filter_map(|(at, term)| match term {
                Term::Place(place) => Some(place),
                Term::Word(word) => (at > 0 && spans[at].of(text).starts_with(char::is_uppercase))
                    .then(|| self.concept(&word)),
            })
            .collect()
    }

    fn concept(&self, word: &str) -> String {
        if let Some(n) = NUMBER_WORDS.iter().position(|&w| w == word) {
            return (n + 1).to_string();
        }
        let stem = self
            .stemmer
            .stem(lexicon::irregular_verb_base(word).unwrap_or(word));
        match self.synonyms.get(stem.as_ref()) {
            Some(first) => first.to_string(),
            None => stem.into_owned(),
        }
    }
}

/// A word as comparison reads it, before stemming.
enum Term {
    /// A country, under its one name ([`place_named_at`]).
    Place(String),
    /// Any other word, folded.
    Word(String),
}

/// The terms of the words `spans` of `text`, in order, each with the index of its first word.
fn terms<'a>(text: &'a str, spans: &'a [Span]) -> impl Iterator<Item = (usize, Term)> + 'a {
    let mut at = 0;
    std::iter::from_fn(move || {
        let first = at;
        let rest = spans.get(first..).filter(|r| !r.is_empty())?;
        if let Some((taken, place)) = place_named_at(text, rest) {
            at += taken;
            return Some((first, Term::Place(place)));
        }
        at += 1;
        Some((first, Term::Word(fold_diacritics(rest[0].of(text)))))
    })
}

/// Most words in one of a country's names: "United States of America".
const LONGEST_PLACE_ALIAS: usize = 4;

/// The place that the words starting `words` name, as one word, and how many words that takes:
/// "U.S.", "America", "American" and "United States" → "united states", "North Korean" →
/// "north korea", "Chinese" → "china" (the aliases and demonyms [`lexicon`] knows), so accounts
/// that name a country differently still share its name — and "United States" does not become
/// the words "unite" and "state".
fn place_named_at(text: &str, words: &[Span]) -> Option<(usize, String)> {
    static FIRST_WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let first = words[0].of(text);
    if !first.starts_with(char::is_uppercase) {
        return None;
    }
    let first_words = FIRST_WORDS.get_or_init(|| {
        let names = lexicon::COUNTRY_ALIASES.iter().flat_map(|(a, c)| [*a, *c]);
        names
            .filter_map(|n| word_spans(n, 0).next().map(|w| w.of(n)))
            .collect()
    });
    // Only a word that begins some country's name may begin a name of several words.
    let longest = if first_words.contains(first) {
        LONGEST_PLACE_ALIAS
    } else {
        1
    };
    for taken in (1..=words.len().min(longest)).rev() {
        let (start, end) = (words[0].start, words[taken - 1].end);
        let last = words[taken - 1];
        let with_stop = text[end..].starts_with('.').then(|| &text[start..end + 1]);
        // "North Korean" names North Korea.
        let of_demonym = lexicon::demonym_place(last.of(text))
            .map(|place| format!("{}{place}", &text[start..last.start]));
        let place = [Some(&text[start..end]), with_stop, of_demonym.as_deref()]
            .into_iter()
            .flatten()
            .find_map(lexicon::country_canonical)
            .or_else(|| (taken == 1).then_some(of_demonym.as_deref()).flatten());
        if let Some(place) = place {
            return Some((taken, fold_diacritics(place)));
        }
    }
    None
}

fn span_of(tokens: &[Token]) -> Span {
    Span::new(tokens[0].span.start, tokens[tokens.len() - 1].span.end)
}

/// The clauses of a long sentence: its stretches between commas, semicolons, colons, dashes
/// and brackets, and before a word that opens a clause ([`CLAUSE_OPENERS`]), each of at least
/// [`CLAUSE_MIN_WORDS`] words of which [`CLAUSE_MIN_PLAIN_WORDS`] are not names (a shorter or
/// nameful stretch joins the next). None for a sentence of fewer than [`LONG_SENTENCE_WORDS`]
/// words.
fn clauses(text: &str, sentence: &[Token]) -> Vec<Span> {
    let is_word = |t: &Token| matches!(t.kind, TokenKind::Word | TokenKind::Number);
    if sentence.iter().filter(|t| is_word(t)).count() < LONG_SENTENCE_WORDS {
        return Vec::new();
    }
    let is_plain = |t: &Token| {
        let word = t.text(text);
        t.kind == TokenKind::Word
            && !word.starts_with(char::is_uppercase)
            && !STOPWORDS.contains(&word)
    };
    let mut breaks: Vec<bool> = sentence
        .iter()
        .map(|t| {
            // Only a spaced hyphen is a dash; one inside a word ("a 10-day trip") joins it.
            let spaced = text[..t.span.start].ends_with(char::is_whitespace);
            t.kind == TokenKind::Punct
                && match t.text(text) {
                    "-" => spaced,
                    p => matches!(p, "," | ";" | ":" | "–" | "—" | "(" | ")"),
                }
        })
        .collect();
    // One word set off is part of a name, not a clause: "Louisville, Ky., home", "McCarthy
    // (R-Calif.) said".
    for (i, open) in sentence.iter().enumerate() {
        let stop = usize::from(sentence.get(i + 2).is_some_and(|t| t.text(text) == "."));
        let close = sentence.get(i + 2 + stop).map(|t| t.text(text));
        let one_word = sentence.get(i + 1).is_some_and(is_word);
        if one_word
            && matches!(
                (open.text(text), close),
                (",", Some(",")) | ("(", Some(")"))
            )
        {
            (breaks[i], breaks[i + 2 + stop]) = (false, false);
        }
    }
    let mut out = Vec::new();
    let (mut start, mut words, mut plain) = (None, 0, 0);
    for (i, t) in sentence.iter().enumerate() {
        let says_enough = words >= CLAUSE_MIN_WORDS && plain >= CLAUSE_MIN_PLAIN_WORDS;
        let opens = t.kind == TokenKind::Word
            && CLAUSE_OPENERS
                .iter()
                .any(|w| t.text(text).eq_ignore_ascii_case(w));
        if opens && says_enough {
            // "… a trip to Asia | in what his aides said …": the preposition goes with the opener.
            let cut = match sentence[..i].last() {
                Some(p)
                    if PREPOSITIONS
                        .iter()
                        .any(|w| p.text(text).eq_ignore_ascii_case(w)) =>
                {
                    i - 1
                }
                _ => i,
            };
            if let Some(from) = start.filter(|&from| from < cut) {
                out.push(span_of(&sentence[from..cut]));
            }
            (start, words, plain) = (Some(cut), 1 + i - cut, 0);
            continue;
        }
        if breaks[i] || i + 1 == sentence.len() {
            let end = if breaks[i] { i } else { i + 1 };
            if let Some(from) = start.filter(|_| says_enough) {
                out.push(span_of(&sentence[from..end]));
                (start, words, plain) = (None, 0, 0);
            }
        } else if is_word(t) {
            start.get_or_insert(i);
            words += 1;
            plain += usize::from(is_plain(t));
        }
    }
    if let (Some(from), Some(last)) = (start, out.last_mut()) {
        // A short tail belongs to the clause before it.
        last.end = span_of(&sentence[from..]).end;
    }
    out
}

/// How much each stemmed word and trigram says about which passage it is in: the log of the
/// inverse share of the two documents' passages that use it, so the story's own vocabulary
/// ("Amazon", "facial", "police" in every other sentence) counts for less than what sets one
/// passage apart ("IBM", "Thorn").
pub(crate) struct Weights {
    words: HashMap<String, f32>,
    grams: HashMap<[char; 3], f32>,
}

fn inverse_share<T: Clone + Eq + std::hash::Hash>(
    sets: impl Iterator<Item = impl IntoIterator<Item = T>>,
) -> HashMap<T, f32> {
    let mut counts: HashMap<T, usize> = HashMap::default();
    let mut n = 0;
    for set in sets {
        n += 1;
        for item in set {
            *counts.entry(item).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|(item, c)| (item, (n as f32 / c as f32).ln().max(MIN_WEIGHT)))
        .collect()
}

impl Weights {
    /// The weights of the words and trigrams of `units`.
    pub(crate) fn new<'u>(units: impl Iterator<Item = &'u Unit> + Clone) -> Weights {
        Weights {
            words: inverse_share(units.clone().map(|u| u.words.iter().cloned())),
            grams: inverse_share(units.map(|u| u.grams.iter().copied())),
        }
    }
}

/// Share of news articles (0–1) that use a word, as a concept [`Vocabulary`] makes: "say" 0.83,
/// "police" 0.12, "moratorium" 0 (fewer than 1%, [`lexicon::news_words`]). A country counts at
/// least as often as any one-word name of it ("american" 0.43 for "united states"), and a name
/// of several words as often as its rarest word ("korea" 0.05 for "north korea").
fn share_in_news(concept: &str) -> f32 {
    static SHARES: OnceLock<HashMap<String, f32>> = OnceLock::new();
    let shares = SHARES.get_or_init(|| {
        let vocabulary = Vocabulary::new();
        let mut shares: HashMap<String, f32> = HashMap::default();
        let mut raise = |key: String, share: f32| {
            let most = shares.entry(key).or_default();
            *most = most.max(share);
        };
        let words: HashMap<&str, f32> = lexicon::news_words().collect();
        for (&word, &share) in &words {
            raise(vocabulary.concept(word), share);
            let mut capitalised = word.chars();
            let capitalised: String = capitalised.next().map_or(String::new(), |first| {
                first.to_uppercase().chain(capitalised).collect()
            });
            let whole = [Span::new(0, capitalised.len())];
            if let Some((_, place)) = place_named_at(&capitalised, &whole) {
                raise(place, share);
            }
        }
        for (_, place) in lexicon::COUNTRY_ALIASES {
            let place = fold_diacritics(place);
            let rarest = place
                .split(' ')
                .map(|w| words.get(w).copied().unwrap_or(0.0))
                .fold(f32::INFINITY, f32::min);
            raise(place, rarest);
        }
        shares
    });
    shares.get(concept).copied().unwrap_or(0.0)
}

/// Dice's coefficient of two sets, each item counted by its weight (1 when unknown).
fn weighted_dice<T: Eq + std::hash::Hash>(
    a: &HashSet<T>,
    b: &HashSet<T>,
    weights: &HashMap<T, f32>,
) -> f32 {
    let of = |item: &T| weights.get(item).copied().unwrap_or(1.0);
    let total: f32 = a.iter().chain(b).map(of).sum();
    if total == 0.0 {
        return 0.0;
    }
    2.0 * a.intersection(b).map(of).sum::<f32>() / total
}

pub(crate) fn similarity(a: &Unit, b: &Unit, weights: &Weights) -> f32 {
    WORD_WEIGHT * weighted_dice(&a.words, &b.words, &weights.words)
        + (1.0 - WORD_WEIGHT) * weighted_dice(&a.grams, &b.grams, &weights.grams)
}

/// The best-matching units of two passages (whole sentences or clauses) and their similarity,
/// among the pairs of units that are `comparable`.
fn best_match<'p>(
    a: &'p Passage,
    b: &'p Passage,
    weights: &Weights,
    comparable: impl Fn(&Unit, &Unit) -> bool,
) -> Option<(f32, Span, Span)> {
    let mut best: Option<(f32, Span, Span)> = None;
    for x in a.units() {
        for y in b.units() {
            if !comparable(x, y) {
                continue;
            }
            let score = similarity(x, y, weights);
            if best.is_none_or(|(s, _, _)| score > s) {
                best = Some((score, x.span, y.span));
            }
        }
    }
    best
}

/// The thresholds of an alignment (the defaults are the tuned ones; the gold scorer sweeps them).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// Least similarity (0–1) for two passages to be aligned.
    pub paraphrase_min: f32,
    /// Least similarity (0–1) for an aligned pair to be verbatim.
    pub verbatim_min: f32,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            paraphrase_min: PARAPHRASE_MIN,
            verbatim_min: VERBATIM_MIN,
        }
    }
}

/// The similarity of span `a_span` of `a` and span `b_span` of `b`, as the alignment would
/// score them (for telling why a pair was missed).
pub fn similarity_of(a: &Document, a_span: Span, b: &Document, b_span: Span) -> f32 {
    let vocabulary = Vocabulary::new();
    let (pa, pb) = (
        passages(a, &extract_facts(a), &vocabulary),
        passages(b, &extract_facts(b), &vocabulary),
    );
    let weights = Weights::new(pa.iter().chain(&pb).map(|p| &p.whole));
    let (x, y) = (
        vocabulary.unit(&a.text, a_span),
        vocabulary.unit(&b.text, b_span),
    );
    similarity(&x, &y, &weights)
}

/// Aligns the passages of `a` and `b` with the default thresholds.
pub fn compare(a: &Document, b: &Document) -> Comparison {
    compare_with(a, b, Options::default())
}

/// Aligns the passages of `a` and `b` (see [`align`]) and finds where the aligned pairs disagree.
pub fn compare_with(a: &Document, b: &Document, options: Options) -> Comparison {
    let (pa, pb) = (prepare(a), prepare(b));
    let mut comparison = align(&pa, &pb, options);
    comparison.disagreements = disagreements(&pa.facts, &pb.facts, &comparison.pairs);
    comparison
}

/// A document's passages and facts, cut and weighed once for comparing it with many others.
pub struct Prepared {
    passages: Vec<Passage>,
    facts: Vec<Fact>,
}

pub fn prepare(doc: &Document) -> Prepared {
    let facts = extract_facts(doc);
    Prepared {
        passages: passages(doc, &facts, &Vocabulary::new()),
        facts,
    }
}

impl Prepared {
    /// The document's facts ([`extract_facts`]), for [`disagreements`].
    pub fn facts(&self) -> &[Fact] {
        &self.facts
    }

    /// The sentences compared, in text order.
    pub fn sentences(&self) -> Vec<Span> {
        self.passages.iter().map(|p| p.whole.span).collect()
    }

    /// Every unit of every passage: the sentences and the clauses of the long ones.
    pub(crate) fn units(&self) -> impl Iterator<Item = &Unit> + Clone {
        self.passages.iter().flat_map(Passage::units)
    }

    fn bytes(&self) -> usize {
        self.passages.iter().map(|p| p.whole.span.len()).sum()
    }
}

/// How much two documents share: the bytes of their aligned passages (`pairs`, from [`align`])
/// over the bytes of all their passages (0–1), the figure of the overview's heat map.
pub fn share_aligned(a: &Prepared, b: &Prepared, pairs: &[Pair]) -> f32 {
    let total = a.bytes() + b.bytes();
    if total == 0 {
        return 0.0;
    }
    // A passage in two pairs ([`second_pairs`]) counts once.
    let once = |spans: &mut Vec<Span>| {
        spans.sort();
        spans.dedup();
        spans.iter().map(|s| s.len()).sum::<usize>()
    };
    let aligned = once(&mut pairs.iter().map(|p| p.a).collect())
        + once(&mut pairs.iter().map(|p| p.b).collect());
    aligned as f32 / total as f32
}

/// Aligns the passages of two prepared documents: the best-scoring pairs first, each passage in
/// one pair, then a second pair for a passage that repeats or continues a paired one of its own
/// document ([`second_pairs`]); no disagreements (they need the documents' facts, see
/// [`compare_with`]). Documents that share enough wording ([`SAME_STORY_PAIRS`]) tell the same
/// story, and its structure then supports weaker pairs: headline and headline, lead and lead, the
/// same kind of figure about the same rare name, and passages sharing [`DISTINCTIVE_WORDS`]
/// uncommon words.
pub fn align(a: &Prepared, b: &Prepared, options: Options) -> Comparison {
    let (pa, pb) = (&a.passages, &b.passages);
    let weights = Weights::new(pa.iter().chain(pb).map(|p| &p.whole));
    let mut by_wording = Vec::new();
    let mut by_story = Vec::new();
    let mut nearly = Vec::new();
    let (mut closest_of_a, mut closest_of_b) = (vec![0.0f32; pa.len()], vec![0.0f32; pb.len()]);
    for (i, x) in pa.iter().enumerate() {
        for (j, y) in pb.iter().enumerate() {
            let place = (i as f32 / pa.len() as f32 - j as f32 / pb.len() as f32).abs();
            let same_part = if x.headline == y.headline {
                PART_BONUS
            } else {
                0.0
            };
            // In two voices only the same words are the same passage: a statement one outlet
            // quotes and another prints as its own text.
            let (least, story_may_support) = match x.voice.differs(y.voice) {
                true => (TWO_VOICES_MIN, false),
                false => (options.paraphrase_min, true),
            };
            let rank = |score: f32| score + ORDER_BONUS * (1.0 - place) + same_part;
            let echoed = x.echoed_in(y) || y.echoed_in(x);
            let comparable = |u: &Unit, v: &Unit| {
                share_enough(u, v) || (echoed && share_at_least(u, v, ECHO_MIN_WORDS))
            };
            let candidate = |(score, at_a, at_b): (f32, Span, Span), bonus: f32| Candidate {
                rank: rank(score) + bonus,
                score,
                i,
                j,
                at_a,
                at_b,
            };
            let wording = best_match(x, y, &weights, comparable);
            if let Some((score, ..)) = wording {
                closest_of_a[i] = closest_of_a[i].max(score);
                closest_of_b[j] = closest_of_b[j].max(score);
            }
            match wording {
                Some(found) if found.0 >= least => {
                    by_wording.push(candidate(found, 0.0));
                    by_story.push(candidate(found, 0.0));
                }
                _ if !story_may_support => {}
                wording => {
                    if supported(x, y, &weights) {
                        let leads = x.opening && y.opening && x.headline == y.headline;
                        let bonus = SUPPORT_BONUS + if leads { LEADS_BONUS } else { 0.0 };
                        if let Some(found) = best_match(x, y, &weights, may_be_supported)
                            .filter(|(score, ..)| *score >= SUPPORTED_MIN)
                        {
                            by_story.push(candidate(found, bonus));
                        }
                    }
                    if let Some(found) = wording
                        .filter(|(score, ..)| *score >= options.paraphrase_min - MUTUAL_BEST_MARGIN)
                    {
                        nearly.push(candidate(found, 0.0));
                    }
                }
            }
        }
    }
    best_first(&mut by_wording);
    let mut chosen = pick(&by_wording, pa.len(), pb.len());
    if chosen.len() >= SAME_STORY_PAIRS {
        best_first(&mut by_story);
        chosen = pick(&by_story, pa.len(), pb.len());
    }
    let (seconds, given_up) = second_pairs(
        &by_wording,
        &chosen,
        pa,
        pb,
        &weights,
        options.paraphrase_min,
    );
    chosen.retain(|c| !given_up.contains(&(c.i, c.j)));
    chosen.extend(seconds);
    if chosen.len() >= SAME_STORY_PAIRS {
        best_first(&mut nearly);
        let closest = mutual_bests(&nearly, &chosen, &closest_of_a, &closest_of_b);
        chosen.extend(closest);
    }
    let (mut used_a, mut used_b) = (vec![false; pa.len()], vec![false; pb.len()]);
    let mut pairs: Vec<Pair> = chosen
        .iter()
        .map(|c| {
            used_a[c.i] = true;
            used_b[c.j] = true;
            Pair {
                kind: if c.score >= options.verbatim_min {
                    Kind::Verbatim
                } else {
                    Kind::Paraphrase
                },
                score: c.score,
                a: c.at_a,
                b: c.at_b,
            }
        })
        .collect();
    pairs.sort_by_key(|p| p.a.start);
    let alone = |ps: &[Passage], used: &[bool]| {
        ps.iter()
            .zip(used)
            .filter(|(_, &u)| !u)
            .map(|(p, _)| p.whole.span)
            .collect()
    };
    Comparison {
        pairs,
        only_a: alone(pa, &used_a),
        only_b: alone(pb, &used_b),
        disagreements: Vec::new(),
    }
}

/// Two passages that may align on a weaker likeness when their documents tell the same story.
fn supported(x: &Passage, y: &Passage, weights: &Weights) -> bool {
    let openings = x.opening && y.opening && x.headline == y.headline;
    let is_rare = |word: &String| {
        weights
            .words
            .get(word)
            .is_some_and(|&weight| weight >= RARE_WORD_WEIGHT)
    };
    let same_figure = x.figures.iter().any(|k| y.figures.contains(k))
        && x.names
            .intersection(&y.names)
            .any(|name| is_rare(name) && share_in_news(name) <= EVERYDAY_NEWS_SHARE);
    let distinctive = || {
        let (fewer, more) = match x.uncommon.len() <= y.uncommon.len() {
            true => (x, y),
            false => (y, x),
        };
        fewer.uncommon.len() >= DISTINCTIVE_WORDS
            && fewer
                .uncommon
                .iter()
                .filter(|w| more.whole.words.contains(*w) && is_rare(w))
                .count()
                >= DISTINCTIVE_WORDS
    };
    openings || same_figure || distinctive()
}

/// A possible pair: passage `i` of A (its unit `at_a`) with passage `j` of B (`at_b`).
#[derive(Clone, Copy)]
struct Candidate {
    /// The score with the bonuses that order the choice.
    rank: f32,
    score: f32,
    i: usize,
    j: usize,
    at_a: Span,
    at_b: Span,
}

/// Sorts candidates by rank, the best first (ties in A's, then B's order).
fn best_first(candidates: &mut [Candidate]) {
    candidates.sort_by(|x, y| y.rank.total_cmp(&x.rank).then((x.i, x.j).cmp(&(y.i, y.j))));
}

/// The best-ranked candidates, each passage in at most one, in A's order.
/// `candidates` are sorted [`best_first`].
fn pick(candidates: &[Candidate], len_a: usize, len_b: usize) -> Vec<Candidate> {
    let (mut used_a, mut used_b) = (vec![false; len_a], vec![false; len_b]);
    let mut chosen: Vec<Candidate> = candidates
        .iter()
        .copied()
        .filter(|c| {
            let free = !used_a[c.i] && !used_b[c.j];
            if free {
                used_a[c.i] = true;
                used_b[c.j] = true;
            }
            free
        })
        .collect();
    chosen.sort_by_key(|c| c.i);
    chosen
}

/// The second pairs of the passages of one document that `chosen` left unpaired: such a passage
/// joins the pair of a passage of its own document that it repeats ([`REPEAT_MIN`]) or stands
/// next to (the other document tells in one sentence what this one tells in two), when the
/// wording aligns it with that pair's other passage nearly as well ([`SECOND_PAIR_MARGIN`]).
/// A passage paired on the story's support alone, under the threshold `least`, joins too when
/// the wording meets it better, and **gives its weak pair up** (the second list, as `(i, j)`):
/// "Al Qaeda's affiliate in Yemen has released a video claiming responsibility …" belongs with
/// the other outlet's lead, which its own lead took, not with a later sentence sharing "two
/// gunmen" and "Paris". `candidates` are the pairs by wording, sorted [`best_first`].
fn second_pairs(
    candidates: &[Candidate],
    chosen: &[Candidate],
    pa: &[Passage],
    pb: &[Passage],
    weights: &Weights,
    least: f32,
) -> (Vec<Candidate>, Vec<(usize, usize)>) {
    let (mut pair_of_a, mut pair_of_b) = (vec![None; pa.len()], vec![None; pb.len()]);
    for c in chosen {
        pair_of_a[c.i] = Some(c);
        pair_of_b[c.j] = Some(c);
    }
    // Passage `at` of `passages`, unpaired, and passage `paired`, paired with a score of `first`.
    let joins = |passages: &[Passage], at: usize, paired: usize, score: f32, first: f32| {
        score >= first - SECOND_PAIR_MARGIN
            && (at.abs_diff(paired) == 1
                || best_match(&passages[at], &passages[paired], weights, share_enough)
                    .is_some_and(|(score, ..)| score >= REPEAT_MIN))
    };
    // Whether a passage paired by `own` is free to join `c`: it is unpaired, or paired on the
    // story's support alone (under the threshold) and `c`'s wording meets it better.
    let may_leave = |own: Option<&Candidate>, c: &Candidate| {
        own.is_none_or(|w| w.score < least && c.score > w.score)
    };
    let (mut joined_a, mut joined_b) = (vec![false; pa.len()], vec![false; pb.len()]);
    let mut out = Vec::new();
    let mut given_up = Vec::new();
    for &c in candidates {
        let (own_a, own_b) = (pair_of_a[c.i], pair_of_b[c.j]);
        let (joined, own) = match (own_a, own_b) {
            (own, Some(first))
                if !joined_a[c.i]
                    && may_leave(own, &c)
                    && first.i != c.i
                    && joins(pa, c.i, first.i, c.score, first.score) =>
            {
                (&mut joined_a[c.i], own)
            }
            (Some(first), own)
                if !joined_b[c.j]
                    && may_leave(own, &c)
                    && first.j != c.j
                    && joins(pb, c.j, first.j, c.score, first.score) =>
            {
                (&mut joined_b[c.j], own)
            }
            _ => continue,
        };
        *joined = true;
        given_up.extend(own.map(|w| (w.i, w.j)));
        out.push(c);
    }
    (out, given_up)
}

/// The pairs under the threshold that `nearly` holds (sorted [`best_first`]) whose passages
/// `chosen` left unpaired and are each other's closest: no passage of the other document
/// scores higher with either (`closest_of_a`, `closest_of_b`: each passage's best score).
fn mutual_bests(
    nearly: &[Candidate],
    chosen: &[Candidate],
    closest_of_a: &[f32],
    closest_of_b: &[f32],
) -> Vec<Candidate> {
    let (mut used_a, mut used_b) = (
        vec![false; closest_of_a.len()],
        vec![false; closest_of_b.len()],
    );
    for c in chosen {
        used_a[c.i] = true;
        used_b[c.j] = true;
    }
    let mut out = Vec::new();
    for &c in nearly {
        if !used_a[c.i]
            && !used_b[c.j]
            && c.score >= closest_of_a[c.i]
            && c.score >= closest_of_b[c.j]
        {
            used_a[c.i] = true;
            used_b[c.j] = true;
            out.push(c);
        }
    }
    out
}

/// Facts of one kind that two sources attach to the same point, with different values: each side
/// states a value the other does not ("two days after IBM" against "a day after IBM").
/// `facts_a` and `facts_b` are the two documents' facts ([`extract_facts`]), `pairs` their
/// alignment.
pub fn disagreements(facts_a: &[Fact], facts_b: &[Fact], pairs: &[Pair]) -> Vec<Disagreement> {
    let within = |facts: &[Fact], span: Span, kind: FactKind| -> Vec<Fact> {
        facts
            .iter()
            .filter(|f| f.kind == kind && span.start <= f.span.start && f.span.end <= span.end)
            .cloned()
            .collect()
    };
    let mut out = Vec::new();
    for (i, pair) in pairs.iter().enumerate() {
        for kind in FactKind::ALL {
            let (x, y) = (within(facts_a, pair.a, kind), within(facts_b, pair.b, kind));
            let lacks = |these: &[Fact], those: &[Fact]| {
                these
                    .iter()
                    .any(|f| those.iter().all(|g| g.value != f.value))
            };
            if lacks(&x, &y) && lacks(&y, &x) {
                out.push(Disagreement {
                    pair: i,
                    kind,
                    a: x,
                    b: y,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::ingest::analyze;

    fn texts<'a>(doc: &'a Document, spans: &[Span]) -> Vec<&'a str> {
        texts_of(&doc.text, spans)
    }

    fn texts_of<'a>(text: &'a str, spans: &[Span]) -> Vec<&'a str> {
        spans.iter().map(|s| s.of(text)).collect()
    }

    #[test]
    fn the_same_sentence_is_verbatim_a_reworded_one_a_paraphrase_and_the_rest_stands_alone() {
        let a = analyze(
            "a.txt",
            "Council votes on budget\n\n\
             The city council approved the budget on Tuesday. \
             Mayor Ana Ruiz said the plan would fund twelve new libraries across the city. \
             Protesters gathered outside the hall.\n",
        );
        let b = analyze(
            "b.txt",
            "Budget passes\n\n\
             The city council approved the budget on Tuesday. \
             According to Mayor Ana Ruiz, the plan will pay for twelve new city libraries. \
             Tax rates stay the same next year.\n",
        );
        let c = compare(&a, &b);
        let kinds: Vec<(Kind, &str, &str)> = c
            .pairs
            .iter()
            .map(|p| (p.kind, p.a.of(&a.text), p.b.of(&b.text)))
            .collect();
        assert_eq!(
            kinds,
            [
                (
                    Kind::Verbatim,
                    "The city council approved the budget on Tuesday.",
                    "The city council approved the budget on Tuesday."
                ),
                (
                    Kind::Paraphrase,
                    "Mayor Ana Ruiz said the plan would fund twelve new libraries across the city.",
                    "According to Mayor Ana Ruiz, the plan will pay for twelve new city libraries."
                ),
            ]
        );
        assert_eq!(
            texts(&a, &c.only_a),
            [
                "Council votes on budget",
                "Protesters gathered outside the hall."
            ]
        );
        assert_eq!(
            texts(&b, &c.only_b),
            ["Budget passes", "Tax rates stay the same next year."]
        );
    }

    /// Two accounts of one story: a shared sentence, then their own wording of the news.
    fn one_story(shared: &str) -> (Document, Document) {
        let a = analyze(
            "a.txt",
            &format!(
                "Amazon is cutting off US police access to Rekognition\n\n\
                 The American giant has announced a memorandum of understanding with the US \
                 police departments, interrupting their access to Rekognition, Amazon's facial \
                 recognition platform, for a year. {shared}\n\n\
                 The decision comes just two days after a resounding decision from IBM. Critics \
                 say the software misidentifies people of colour. Lawmakers are drafting rules.\n"
            ),
        );
        let b = analyze(
            "b.txt",
            &format!(
                "Amazon prohibits the police from using its recognition software\n\n\
                 Amazon has said it will not be providing its facial recognition technology to \
                 police for one year. {shared}\n\n\
                 The announcement came a day after IBM said it was leaving the market. The \
                 company did not say whether federal agencies are covered. Shareholders had \
                 pressed it for months.\n"
            ),
        );
        (a, b)
    }

    #[test]
    fn one_storys_headlines_leads_and_figures_about_the_same_name_align_though_reworded() {
        let (a, b) = one_story("Civil rights groups had criticised the software for years.");
        let c = compare(&a, &b);
        let pairs: Vec<(&str, &str)> = c
            .pairs
            .iter()
            .map(|p| (p.a.of(&a.text), p.b.of(&b.text)))
            .collect();
        assert_eq!(
            pairs,
            [
                (
                    "Amazon is cutting off US police access to Rekognition",
                    "Amazon prohibits the police from using its recognition software"
                ),
                (
                    "interrupting their access to Rekognition, Amazon's facial recognition \
                     platform, for a year.",
                    "Amazon has said it will not be providing its facial recognition technology \
                     to police for one year."
                ),
                (
                    "Civil rights groups had criticised the software for years.",
                    "Civil rights groups had criticised the software for years."
                ),
                (
                    "The decision comes just two days after a resounding decision from IBM.",
                    "The announcement came a day after IBM said it was leaving the market."
                ),
            ]
        );
        // Two days against one, about the same point.
        assert!(
            c.disagreements
                .iter()
                .any(|d| d.kind == FactKind::Duration
                    && c.pairs[d.pair].a.of(&a.text).contains("IBM"))
        );
    }

    #[test]
    fn a_writers_we_and_a_quoted_we_are_different_people_and_align_only_word_for_word() {
        let statement = analyze(
            "a.txt",
            "Amazon pauses police use of Rekognition\n\n\
             “We have been in favor of governments imposing stricter regulations on facial \
             recognition technology,” Amazon said. Congress is drafting rules.\n",
        );
        let aside = |sentence: &str| {
            analyze(
                "b.txt",
                &format!(
                    "Facial recognition worries people\n\n{sentence} \
                     Beijing News polled readers.\n"
                ),
            )
        };
        let aligned_with = |b: &Document| {
            compare(&statement, b)
                .pairs
                .iter()
                .map(|p| p.a.of(&statement.text).to_string())
                .filter(|a| a.contains("in favor"))
                .count()
        };
        let writer = aside(
            "We can quickly see the excesses when governments impose facial recognition \
             technology with stricter regulations.",
        );
        assert_eq!(aligned_with(&writer), 0);
        let quoted = aside(
            "“We can quickly see the excesses when governments impose facial recognition \
             technology with stricter regulations,” a researcher said.",
        );
        assert_eq!(aligned_with(&quoted), 1);
        // The statement printed as the outlet's own text is still the same words.
        let reprinted = aside(
            "We have been in favor of governments imposing stricter regulations on facial \
             recognition technology.",
        );
        assert_eq!(aligned_with(&reprinted), 1);
    }

    #[test]
    fn a_country_is_one_name_whatever_it_is_called_and_as_common_in_news_as_its_commonest_name() {
        let text =
            "Seoul voted a day after South Korea's vote, and the South Korean leader met IBM.";
        let names = Vocabulary::new().names(text, Span::new(0, text.len()));
        let mut names: Vec<&str> = names.iter().map(String::as_str).collect();
        names.sort_unstable();
        assert_eq!(names, ["ibm", "south korea"]);
        // "American" is in 43% of the articles, "Korea" in 5%.
        assert!(share_in_news("united states") > 0.4);
        let korea = share_in_news("north korea");
        assert!(korea > 0.0 && korea <= EVERYDAY_NEWS_SHARE, "{korea}");
    }

    #[test]
    fn passages_of_one_story_sharing_three_uncommon_words_align_though_little_else_is_alike() {
        let a = analyze(
            "a.txt",
            "North Korea missile launch fails\n\n\
             A North Korean missile blew up seconds after its launch on Sunday, officials said. \
             The launch attempt came amid rising tensions with Washington, which is sending an \
             aircraft-carrier strike group toward waters off the Korean Peninsula to deter \
             potential provocations such as a nuclear test. Analysts expect \
             another test soon. The country marked a national holiday on Saturday. Its leader \
             watched a parade of new rockets. Sanctions have not stopped the program.\n",
        );
        let b = analyze(
            "b.txt",
            "North Korean missile blows up after launch\n\n\
             A missile fired by North Korea on Sunday blew up almost immediately, officials \
             said. Tensions on the Korean Peninsula have quickly risen over the last week as \
             the South conducts its largest-ever war games and the USS Carl Vinson steams toward \
             waters off the coast. The president made no \
             comment. Diplomats will meet in Beijing next month. Japan raised its alert level. \
             Markets in Seoul barely moved.\n",
        );
        let c = compare(&a, &b);
        let tensions = c
            .pairs
            .iter()
            .find(|p| p.a.of(&a.text).contains("rising tensions"))
            .expect("the passages on rising tensions align");
        assert!(tensions
            .b
            .of(&b.text)
            .starts_with("Tensions on the Korean Peninsula"));
        assert!(tensions.score < PARAPHRASE_MIN, "{}", tensions.score);
    }

    /// The words two texts share as comparison reads them, sorted.
    fn shared_words(a: &str, b: &str) -> Vec<String> {
        let vocabulary = Vocabulary::new();
        let unit = |text: &str| vocabulary.unit(text, Span::new(0, text.len()));
        let mut shared: Vec<String> = unit(a)
            .words
            .intersection(&unit(b).words)
            .cloned()
            .collect();
        shared.sort_unstable();
        shared
    }

    #[test]
    fn a_country_under_another_name_and_a_verb_in_another_tense_are_the_same_words() {
        assert_eq!(
            shared_words(
                "The U.S. and Chinese leaders met as tensions had risen.",
                "America and China meet while tensions rise in the United States."
            ),
            ["china", "meeting", "rise", "tension", "united states"]
        );
        assert_eq!(
            shared_words("North Korean officials", "North Korea"),
            ["north korea"]
        );
    }

    #[test]
    fn words_news_swaps_for_one_another_are_one_word() {
        assert_eq!(
            shared_words(
                "Ahead of the summit, the largest players in the market halted sales.",
                "Before the meeting, the biggest companies suspended sales."
            ),
            ["ban", "before", "big", "company", "meeting", "sale"]
        );
    }

    #[test]
    fn declining_to_do_something_refuses_and_a_declining_figure_falls() {
        assert_eq!(
            shared_words(
                "GM declined to comment on the probe. Factory jobs declined in May.",
                "Ford refused to comment on the investigation. Factory employment fell in May."
            ),
            [
                "comment",
                "factori",
                "fall",
                "investigation",
                "job",
                "refus"
            ]
        );
    }

    /// The pairs of `a` and `b`, as (A's text, B's text).
    fn paired<'d>(a: &'d Document, b: &'d Document) -> Vec<(&'d str, &'d str)> {
        compare(a, b)
            .pairs
            .iter()
            .map(|p| (p.a.of(&a.text), p.b.of(&b.text)))
            .collect()
    }

    #[test]
    fn passages_that_share_a_speech_verb_and_one_phrase_make_different_points() {
        let a = analyze(
            "a.txt",
            "Jobs report\n\nThe fiscal cliff may be avoided, economists said.\n",
        );
        let b = analyze(
            "b.txt",
            "Budget talks\n\nNobody knows what to do about the fiscal cliff, he said.\n",
        );
        assert_eq!(paired(&a, &b), []);
    }

    #[test]
    fn a_document_that_says_one_thing_twice_has_both_mentions_aligned_with_the_others_one() {
        let a = analyze(
            "a.txt",
            "Police bill unveiled\n\n\
             Democrats unveiled a police reform bill in Washington on Monday. \
             It would prohibit the use of chokeholds by officers, lower the legal standard for \
             prosecuting misconduct, and create a national registry of complaints against police. \
             Supporters rallied outside the Capitol. \
             Above all, the bill would forbid the use of chokeholds by officers.\n",
        );
        let b = analyze(
            "b.txt",
            "Reform bill\n\n\
             Democrats introduced a police reform bill in Washington on Monday. \
             It would forbid the use of chokeholds by officers.\n",
        );
        assert_eq!(
            paired(&a, &b),
            [
                (
                    "Democrats unveiled a police reform bill in Washington on Monday.",
                    "Democrats introduced a police reform bill in Washington on Monday."
                ),
                (
                    "It would prohibit the use of chokeholds by officers",
                    "It would forbid the use of chokeholds by officers."
                ),
                (
                    "Above all, the bill would forbid the use of chokeholds by officers.",
                    "It would forbid the use of chokeholds by officers."
                ),
            ]
        );
    }

    #[test]
    fn what_one_document_tells_in_one_sentence_and_the_other_in_two_aligns_with_both() {
        let a = analyze(
            "a.txt",
            "Library opens\n\n\
             Mayor Ana Ruiz opened the new library on Main Street on Tuesday, and she promised \
             twelve more branches across the city by next year.\n",
        );
        let b = analyze(
            "b.txt",
            "New library\n\n\
             Mayor Ana Ruiz opened the new library on Main Street on Tuesday. \
             She promised twelve more branches across the city by next year.\n",
        );
        assert_eq!(
            paired(&a, &b),
            [
                (
                    "Mayor Ana Ruiz opened the new library on Main Street on Tuesday",
                    "Mayor Ana Ruiz opened the new library on Main Street on Tuesday."
                ),
                (
                    "and she promised twelve more branches across the city by next year.",
                    "She promised twelve more branches across the city by next year."
                ),
            ]
        );
    }

    #[test]
    fn a_phrase_quoted_from_a_statement_another_outlet_quotes_whole_aligns_them_a_slogan_does_not()
    {
        let a = analyze(
            "a.txt",
            "Pelosi unveils bill\n\n\
             Democrats in the House of Representatives unveiled their police bill on Monday. \
             House Speaker Nancy Pelosi said: \"True justice can only be achieved with full \
             action. This is a first step; there is more to come.\"\n\n\
             Calls to \"defund the police\" grew.\n",
        );
        let b = analyze(
            "b.txt",
            "Democrats offer bill\n\n\
             Democrats in the House of Representatives introduced their police bill on Monday. \
             Pelosi called the new bill a “first step.” \
             Activists painted “Defund the Police.”\n",
        );
        assert_eq!(
            paired(&a, &b),
            [
                (
                    "Democrats in the House of Representatives unveiled their police bill on Monday.",
                    "Democrats in the House of Representatives introduced their police bill on Monday."
                ),
                (
                    "This is a first step; there is more to come.\"",
                    "Pelosi called the new bill a “first step.”"
                ),
            ]
        );
    }

    #[test]
    fn leads_of_one_story_sharing_only_everyday_words_make_different_points() {
        let a = analyze(
            "a.txt",
            "North Korea Missile Test Fails\n\n\
             There is a high degree of confidence that North Korea's failed missile launch was \
             not an intercontinental ballistic missile, but the U.S. assessment is still \
             ongoing, a U.S. official said on Saturday on condition of anonymity.\n\n\
             The U.S. Pacific Command said the apparent missile \"blew up almost immediately,\" \
             The Wall Street Journal reported.\n",
        );
        let b = analyze(
            "b.txt",
            "North Korea missile test: Latest launch 'blew up almost immediately'\n\n\
             A North Korean missile fired from the east coast of the country Sunday \
             “blew up almost immediately,” officials said.\n\n\
             The U.S. Pacific Command said the missile, which came near the city of Sinpo, \
             “blew up almost immediately,” but the type of missile was still being assessed.\n",
        );
        let c = compare(&a, &b);
        let lead_a = "There is a high degree of confidence";
        assert!(
            c.only_a.iter().any(|s| s.of(&a.text).starts_with(lead_a)),
            "{:?}",
            c.pairs
                .iter()
                .map(|p| (p.a.of(&a.text), p.b.of(&b.text)))
                .collect::<Vec<_>>()
        );
        assert!(c
            .pairs
            .iter()
            .any(|p| p.a.of(&a.text).starts_with("The U.S. Pacific Command")));
    }

    #[test]
    fn passages_of_one_story_each_the_others_closest_align_though_under_the_threshold() {
        let a = analyze(
            "a.txt",
            "Jobless rate dips\n\n\
             The unemployment rate fell to 7.7 percent in November as employers added 146,000 \
             jobs, the Labor Department said. \
             Retailers added 53,000 positions. \
             Still, overall manufacturing jobs fell 7,000.\n",
        );
        let b = analyze(
            "b.txt",
            "Unemployment falls\n\n\
             The nation's unemployment rate dropped to 7.7 percent last month as businesses \
             added 146,000 jobs, the Labor Department reported. \
             There were employment declines, however, in manufacturing, construction and \
             government. \
             The average workweek was unchanged at 34.4 hours.\n",
        );
        let (manufacturing_a, manufacturing_b) = (
            "Still, overall manufacturing jobs fell 7,000.",
            "There were employment declines, however, in manufacturing, construction and \
             government.",
        );
        let c = compare(&a, &b);
        let pair = c
            .pairs
            .iter()
            .find(|p| p.a.of(&a.text) == manufacturing_a)
            .expect("the manufacturing sentences align");
        assert_eq!(pair.b.of(&b.text), manufacturing_b);
        assert!(
            (PARAPHRASE_MIN - MUTUAL_BEST_MARGIN..PARAPHRASE_MIN).contains(&pair.score),
            "{}",
            pair.score
        );
        // Retail and hours are told by one side only.
        assert!(texts(&a, &c.only_a).contains(&"Retailers added 53,000 positions."));
        assert!(texts(&b, &c.only_b).contains(&"The average workweek was unchanged at 34.4 hours."));
    }

    /// What two AllSides articles of the comparison gold (`tests/gold/compare-articles.jsonl`)
    /// align with the passages of A that open with `opening`: B's passages, in A's order.
    fn gold_partners(a: &str, b: &str, opening: &str) -> Vec<String> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/gold/compare-articles.jsonl"
        );
        let loaded = crate::cli::load_paths(&[std::path::PathBuf::from(path)]);
        let article = |id: &str| {
            let found = loaded.corpus.documents.iter().find(|d| d.id == id);
            found.expect("a gold article")
        };
        let (a, b) = (article(a), article(b));
        compare(a, b)
            .pairs
            .iter()
            .filter(|p| p.a.of(&a.text).starts_with(opening))
            .map(|p| p.b.of(&b.text).to_string())
            .collect()
    }

    #[test]
    fn the_leads_of_one_story_pair_before_a_later_sentence_sharing_a_place_and_a_title() {
        // Newsmax and the Daily Caller on the Times report that a drunken talk started the
        // Russia probe: Newsmax's lead also says where and with whom, as the Caller's fourth
        // sentence does ("Australia's top diplomat", "London"), but the Caller's lead is
        // what it reports.
        let partners = gold_partners(
            "allsides-EMeb3eV8Zjl9ByC0",
            "allsides-jhzzE9X87BZgSznW",
            "The ongoing probe into the involvement",
        );
        assert_eq!(
            partners,
            [
                "A Trump campaign adviser’s drunken conversation with an Australian diplomat last \
              year was one of the catalysts for the counterintelligence investigation into the \
              Trump campaign."
            ]
        );
    }

    #[test]
    fn a_sentence_paired_on_the_storys_support_alone_leaves_for_the_passage_its_wording_meets() {
        // Townhall and NPR on al-Qaida in Yemen claiming the Paris attack: Townhall's lead takes
        // NPR's lead, and Townhall's second sentence, which says it again, joins them rather
        // than meet a later NPR sentence on "two gunmen" and "Paris".
        let partners = gold_partners(
            "allsides-3uMNqYy6ouhBTvQl",
            "allsides-yhpj6ReKfSsuTgnj",
            "Al Qaeda's affiliate in Yemen",
        );
        assert_eq!(
            partners,
            ["Al-Qaida in Yemen has taken responsibility for the attack on a satirical magazine \
              in Paris that left 12 people dead."]
        );
    }

    #[test]
    fn points_sourced_alike_do_not_align_on_their_attribution() {
        let a = analyze(
            "a.txt",
            "GM and union reach deal\n\n\
             General Motors and the union reached a tentative deal on Wednesday to end the strike. \
             Workers would get a signing bonus, a wage increase over four years and fewer paid \
             days off, according to a person familiar with the talks.\n",
        );
        let b = analyze(
            "b.txt",
            "GM and UAW agree on contract\n\n\
             General Motors and the union reached a tentative deal on Wednesday to end the strike. \
             The deal keeps the plant in Lordstown closed for good, according to one person \
             familiar with the talks.\n",
        );
        let pairs = paired(&a, &b);
        assert!(
            pairs.iter().all(|(x, _)| !x.contains("according to")),
            "{pairs:?}"
        );
        assert_eq!(pairs.len(), 1, "{pairs:?}");
    }

    #[test]
    fn a_long_sentence_is_cut_at_its_punctuation_and_before_a_word_that_opens_a_clause() {
        let text = "Vice President Mike Pence is due in Seoul at the start of a 10-day trip to \
                    Asia in what his aides said was a sign of the U.S. commitment to its ally. \
                    The North has said it has developed and would launch a missile that can \
                    strike the mainland United States but officials and experts believe it is \
                    some time away from mastering all the necessary technology, analysts say. \
                    Sen. Lindsey Graham, chairman of the Senate Judiciary Committee, announced a \
                    hearing on police use of force after a raid on a home in Louisville, Ky., left \
                    Breonna Taylor dead, and Rep. Kevin McCarthy (R-Calif.) said the House would \
                    look into the case.";
        let tokens = tokenize(text, Span::new(0, text.len()));
        let cut: Vec<Vec<&str>> = sentences(text, &tokens)
            .into_iter()
            .map(|range| texts_of(text, &clauses(text, &tokens[range])))
            .collect();
        assert_eq!(
            cut,
            [
                vec![
                    "Vice President Mike Pence is due in Seoul at the start of a 10-day trip to Asia",
                    "in what his aides said was a sign of the U.S. commitment to its ally.",
                ],
                vec![
                    "The North has said it has developed and would launch a missile that can \
                     strike the mainland United States",
                    "but officials and experts believe it is some time away from mastering all \
                     the necessary technology, analysts say.",
                ],
                // A title set off by commas is no clause, nor is a state after its city.
                vec![
                    "Sen. Lindsey Graham, chairman of the Senate Judiciary Committee, announced a \
                     hearing on police use of force after a raid on a home in Louisville, Ky., \
                     left Breonna Taylor dead",
                    "and Rep. Kevin McCarthy (R-Calif.) said the House would look into the case.",
                ],
            ]
        );
    }

    #[test]
    fn reworded_headlines_of_two_stories_stand_alone() {
        let a = analyze(
            "a.txt",
            "Amazon is cutting off US police access to Rekognition\n\n\
             The city council met on Tuesday to discuss parking downtown.\n",
        );
        let b = analyze(
            "b.txt",
            "Amazon prohibits the police from using its recognition software\n\n\
             A storm closed schools across the state for two days.\n",
        );
        assert!(compare(&a, &b).pairs.is_empty());
    }

    #[test]
    fn the_word_diff_shows_the_exact_rewording_as_byte_ranges() {
        let a = "Intro. The mayor said the plan would fund twelve libraries.";
        let b = "The mayor said the plan will fund twelve libraries.";
        let changes = word_diff(a, Span::new(7, a.len()), b, Span::new(0, b.len()));
        let shown: Vec<String> = changes
            .iter()
            .map(|c| match *c {
                Change::Same { a: x, b: y } => {
                    assert_eq!(x.of(a), y.of(b));
                    format!("={}", x.of(a))
                }
                Change::Removed { a: x } => format!("-{}", x.of(a)),
                Change::Added { b: y } => format!("+{}", y.of(b)),
            })
            .collect();
        assert_eq!(
            shown,
            [
                "=The mayor said the plan ",
                "-would",
                "+will",
                "= fund twelve libraries."
            ]
        );
    }

    #[test]
    fn aligned_passages_that_state_different_durations_disagree_and_agreeing_ones_do_not() {
        let a = analyze(
            "a.txt",
            "Amazon pauses sales\n\n\
             Amazon will stop selling its software to police for one year, the company said. \
             The decision came two days after IBM left the business. \
             Microsoft said it would not sell the software for now.\n",
        );
        let b = analyze(
            "b.txt",
            "Amazon halts sales\n\n\
             Amazon will stop selling its software to police until further notice, the company said. \
             The decision came a day after IBM left the business. \
             Microsoft said it would not sell the software for now.\n",
        );
        let c = compare(&a, &b);
        let found: Vec<(FactKind, Vec<&str>, Vec<&str>)> = c
            .disagreements
            .iter()
            .map(|d| {
                (
                    d.kind,
                    d.a.iter().map(|f| f.value.as_str()).collect(),
                    d.b.iter().map(|f| f.value.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (FactKind::Duration, vec!["1 year"], vec!["indefinite"]),
                (FactKind::Duration, vec!["2 day"], vec!["1 day"]),
            ]
        );
        let pair = &c.pairs[c.disagreements[1].pair];
        assert_eq!(
            pair.a.of(&a.text),
            "The decision came two days after IBM left the business."
        );
    }

    #[test]
    fn a_document_shares_all_of_itself_with_a_copy_and_nothing_with_an_unrelated_one() {
        let a = analyze(
            "a.txt",
            "Council votes on budget\n\nThe city council approved the budget on Tuesday. \
             Mayor Ana Ruiz said the plan would fund twelve new libraries.\n",
        );
        let copy = analyze("copy.txt", &a.text);
        let other = analyze(
            "other.txt",
            "Storm hits coast\n\nHeavy rain flooded the harbour overnight. \
             Fishing boats stayed in port while crews cleared fallen trees.\n",
        );
        let options = Options::default();
        let (a, copy, other) = (prepare(&a), prepare(&copy), prepare(&other));
        let share = |x: &Prepared, y: &Prepared| share_aligned(x, y, &align(x, y, options).pairs);
        assert_eq!(share(&a, &copy), 1.0);
        assert_eq!(share(&a, &other), 0.0);
    }

    #[test]
    fn amazons_statement_survives_a_translation_round_trip_in_the_seeds() {
        let corpus = Corpus::embedded();
        let a = corpus.get("001_3d4b255715acc054.txt").unwrap();
        let b = corpus.get("003_116c2fefbf00860c.txt").unwrap();
        let c = compare(a, b);
        let pair = c
            .pairs
            .iter()
            .find(|p| {
                p.a.of(&a.text)
                    .contains("We have been in favor of governments")
            })
            .expect("the statement is aligned");
        assert!(pair
            .b
            .of(&b.text)
            .starts_with("We’ve advocated that governments"));
        assert_eq!(pair.kind, Kind::Paraphrase);
    }
}

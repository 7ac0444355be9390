//! Two accounts side by side: each document cut into passages (the sentences of its headline
//! and body; boilerplate left out), the passages of A and B aligned one to one where they say the
//! same thing — **verbatim** (near-identical) or as a **paraphrase** (reworded, translated and
//! back) — and the rest listed as only in A or only in B.
//!
//! Similarity survives rewording: it weighs the stemmed content words two passages share and
//! the character trigrams of their text (which catch "regulate" ~ "regulations" and misspelt
//! names), so "We have been in favor of governments imposing stricter regulations" and "We've
//! advocated that governments should put in place stronger regulations" still meet.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashSet as HashSet;
use serde::Serialize;

use crate::ingest::{Document, Role};
use crate::search::{fold_diacritics, word_spans};
use crate::sentences::{sentences, tokenize};
use crate::text::Span;

/// Least similarity (0–1) for two passages to be aligned as a paraphrase. On the seeds (001 and
/// 003), the machine-translated round trip of Amazon's statement scores 0.58 and the weakest
/// true pair 0.56; a first guess, to be set on the gold pairs the comparison issue asks for.
const PARAPHRASE_MIN: f32 = 0.32;
/// Least similarity (0–1) for a pair to count as verbatim (near-identical wording). On the
/// seeds, a translation round trip that kept every content word scores 0.92; a quote retold in
/// the third person ("Amazon said it would" for "We will") 0.85.
const VERBATIM_MIN: f32 = 0.9;
/// Fewest content words (stemmed) two passages must share to be aligned (1–6): a reworded
/// statement keeps several; two short headlines sharing one word are a coincidence.
const MIN_SHARED_WORDS: usize = 3;
/// Share of the score from shared content words (the rest from character trigrams), 0–1.
const WORD_WEIGHT: f32 = 0.6;
/// Bonus (0–0.2) for pairs at the same relative place in both documents: alignment may
/// reorder, but prefers order when two candidates are nearly as good.
const ORDER_BONUS: f32 = 0.05;

/// Words that say little about what a passage is about.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "being", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have",
    "he", "her", "his", "i", "if", "in", "into", "is", "it", "its", "may", "might", "more", "most",
    "not", "of", "on", "or", "our", "s", "she", "should", "so", "some", "such", "than", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "was", "we",
    "were", "what", "when", "which", "who", "will", "with", "would", "you",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Verbatim,
    Paraphrase,
}

/// Two aligned passages.
#[derive(Clone, Debug, PartialEq, Serialize)]
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
}

/// One passage and what similarity looks at.
struct Passage {
    span: Span,
    words: HashSet<String>,
    grams: HashSet<[char; 3]>,
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
fn passages(doc: &Document, stemmer: &Stemmer) -> Vec<Passage> {
    let text = doc.text.as_str();
    doc.blocks
        .iter()
        .filter(|b| matches!(b.role, Role::Title | Role::Body))
        .flat_map(|block| {
            let tokens = tokenize(text, block.span);
            sentences(text, &tokens)
                .into_iter()
                .map(move |r| Span::new(tokens[r.start].span.start, tokens[r.end - 1].span.end))
                .collect::<Vec<_>>()
        })
        .map(|span| {
            let folded: Vec<String> = word_spans(span.of(text), span.start)
                .map(|w| fold_diacritics(w.of(text)))
                .collect();
            let words = folded
                .iter()
                .filter(|w| !STOPWORDS.contains(&w.as_str()))
                .map(|w| stemmer.stem(w).into_owned())
                .collect();
            let joined: Vec<char> = folded.join(" ").chars().collect();
            let grams = joined.windows(3).map(|g| [g[0], g[1], g[2]]).collect();
            Passage { span, words, grams }
        })
        .collect()
}

fn dice<T: Eq + std::hash::Hash>(a: &HashSet<T>, b: &HashSet<T>) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    2.0 * a.intersection(b).count() as f32 / (a.len() + b.len()) as f32
}

fn similarity(a: &Passage, b: &Passage) -> f32 {
    WORD_WEIGHT * dice(&a.words, &b.words) + (1.0 - WORD_WEIGHT) * dice(&a.grams, &b.grams)
}

/// Aligns the passages of `a` and `b`: the best-scoring pairs first, each passage in at most
/// one pair.
pub fn compare(a: &Document, b: &Document) -> Comparison {
    let stemmer = Stemmer::create(Algorithm::English);
    let (pa, pb) = (passages(a, &stemmer), passages(b, &stemmer));
    let mut candidates: Vec<(f32, f32, usize, usize)> = Vec::new();
    for (i, x) in pa.iter().enumerate() {
        for (j, y) in pb.iter().enumerate() {
            let score = similarity(x, y);
            if score >= PARAPHRASE_MIN && x.words.intersection(&y.words).count() >= MIN_SHARED_WORDS
            {
                let place = (i as f32 / pa.len() as f32 - j as f32 / pb.len() as f32).abs();
                candidates.push((score + ORDER_BONUS * (1.0 - place), score, i, j));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.2, x.3).cmp(&(y.2, y.3))));
    let (mut used_a, mut used_b) = (vec![false; pa.len()], vec![false; pb.len()]);
    let mut pairs = Vec::new();
    for (_, score, i, j) in candidates {
        if used_a[i] || used_b[j] {
            continue;
        }
        used_a[i] = true;
        used_b[j] = true;
        let kind = if score >= VERBATIM_MIN {
            Kind::Verbatim
        } else {
            Kind::Paraphrase
        };
        pairs.push(Pair {
            kind,
            score,
            a: pa[i].span,
            b: pb[j].span,
        });
    }
    pairs.sort_by_key(|p| p.a.start);
    let alone = |ps: &[Passage], used: &[bool]| {
        ps.iter()
            .zip(used)
            .filter(|(_, &u)| !u)
            .map(|(p, _)| p.span)
            .collect()
    };
    Comparison {
        pairs,
        only_a: alone(&pa, &used_a),
        only_b: alone(&pb, &used_b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::ingest::analyze;

    fn texts<'a>(doc: &'a Document, spans: &[Span]) -> Vec<&'a str> {
        spans.iter().map(|s| s.of(&doc.text)).collect()
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

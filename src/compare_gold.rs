//! Scoring passage alignment against gold pairs (`tests/gold/compare-pairs.jsonl`).
//!
//! A gold pair names two documents and a passage of each by a piece of its text (found once in
//! the document), and says whether a careful reader would **surely** align them (they state the
//! same thing) or would **possibly** (related, one a part or echo of the other). Recall is over
//! the sure pairs; precision counts an aligned pair right when it meets any gold pair, sure or
//! possible — the sure/possible split of word-alignment scoring, so borderline pairs neither
//! count as missed nor as wrong. Every two documents of a set are compared, so pairs found
//! between documents the gold says nothing about count against precision.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::compare::{compare_with, prepare, similarity_of, Kind, Options};
use crate::ingest::Document;
use crate::text::Span;

/// One line of the gold file.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldPair {
    /// Documents compared together (every two of a set are).
    pub set: String,
    pub a: String,
    pub b: String,
    /// Verbatim or paraphrase; scored apart from finding the pair.
    pub kind: Kind,
    pub sure: bool,
    /// A piece of A's passage, found exactly once in A's text.
    pub a_text: String,
    pub b_text: String,
}

/// An aligned pair the gold has no pair for, or a sure gold pair that was not aligned.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Disagreement {
    pub a: String,
    pub b: String,
    pub a_text: String,
    pub b_text: String,
    pub score: Option<f32>,
}

/// One set's figures.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SetScore {
    pub documents: usize,
    /// Pairs aligned, and how many of them meet a gold pair (sure or possible).
    pub aligned: usize,
    pub aligned_right: usize,
    /// Sure gold pairs, and how many of them were aligned.
    pub sure: usize,
    pub sure_found: usize,
    /// Sure pairs found whose kind (verbatim or paraphrase) agrees with the gold.
    pub kind_agrees: usize,
    pub missed: Vec<Disagreement>,
    pub wrong: Vec<Disagreement>,
}

impl SetScore {
    /// The gold as one list: every set's pairs pooled (the figure the target is set on), with
    /// no misses or wrong pairs listed again.
    pub fn pooled<'s>(sets: impl IntoIterator<Item = &'s SetScore>) -> SetScore {
        sets.into_iter()
            .fold(SetScore::default(), |all, s| SetScore {
                documents: all.documents + s.documents,
                aligned: all.aligned + s.aligned,
                aligned_right: all.aligned_right + s.aligned_right,
                sure: all.sure + s.sure,
                sure_found: all.sure_found + s.sure_found,
                kind_agrees: all.kind_agrees + s.kind_agrees,
                ..SetScore::default()
            })
    }

    pub fn precision(&self) -> f64 {
        ratio(self.aligned_right, self.aligned)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.sure_found, self.sure)
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// Parses the gold file; the error names the line.
pub fn parse(jsonl: &str) -> Result<Vec<GoldPair>, String> {
    crate::eval::parse_lines(jsonl)
}

/// The passage `piece` names in `doc`: the sentences it is part of (it must be found exactly
/// once), so that a clause aligned out of the sentence meets it as well as the whole sentence.
fn locate(doc: &Document, piece: &str) -> Result<Span, String> {
    let mut found = doc.text.match_indices(piece).map(|(at, _)| at);
    match (found.next(), found.next()) {
        (Some(at), None) => {
            let piece = Span::new(at, at + piece.len());
            let sentences = prepare(doc).sentences();
            let touched = sentences
                .iter()
                .filter(|s| s.start < piece.end && piece.start < s.end);
            Ok(touched.fold(piece, |all, s| {
                Span::new(all.start.min(s.start), all.end.max(s.end))
            }))
        }
        (None, _) => Err(format!("{}: gold text not found: {piece:?}", doc.id)),
        (Some(_), Some(_)) => Err(format!("{}: gold text found twice: {piece:?}", doc.id)),
    }
}

/// Whether an aligned passage and a gold passage are the same: they overlap by at least half of
/// the shorter one (a sentence against a clause of it, a clause against the whole sentence).
fn meets(found: Span, gold: Span) -> bool {
    let overlap = found
        .end
        .min(gold.end)
        .saturating_sub(found.start.max(gold.start));
    let shorter = (found.end - found.start).min(gold.end - gold.start);
    2 * overlap >= shorter.max(1)
}

/// Scores every set of the gold: each two documents of a set compared (in id order), the
/// aligned pairs set against the gold. `document` finds a document by id.
pub fn score<'a>(
    gold: &[GoldPair],
    options: Options,
    document: impl Fn(&str) -> Option<&'a Document>,
) -> Result<BTreeMap<String, SetScore>, String> {
    let mut sets: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for pair in gold {
        let ids = sets.entry(&pair.set).or_default();
        ids.extend([pair.a.as_str(), pair.b.as_str()]);
    }
    let find = |id: &str| document(id).ok_or_else(|| format!("no document {id}"));
    let mut scores = BTreeMap::new();
    for (set, mut ids) in sets {
        ids.sort_unstable();
        ids.dedup();
        let mut s = SetScore {
            documents: ids.len(),
            ..SetScore::default()
        };
        for (i, &a) in ids.iter().enumerate() {
            for &b in &ids[i + 1..] {
                let (da, db) = (find(a)?, find(b)?);
                let mut golds = Vec::new();
                for g in gold.iter().filter(|g| g.set == set) {
                    let (ga, gb, flipped) = match (g.a.as_str(), g.b.as_str()) {
                        (x, y) if (x, y) == (a, b) => (&g.a_text, &g.b_text, false),
                        (x, y) if (x, y) == (b, a) => (&g.b_text, &g.a_text, true),
                        _ => continue,
                    };
                    golds.push((g, locate(da, ga)?, locate(db, gb)?, flipped));
                }
                let found = compare_with(da, db, options).pairs;
                let mut seen = vec![false; golds.len()];
                for p in &found {
                    let matches: Vec<usize> = (0..golds.len())
                        .filter(|&k| meets(p.a, golds[k].1) && meets(p.b, golds[k].2))
                        .collect();
                    for &k in &matches {
                        if golds[k].0.sure && !seen[k] && golds[k].0.kind == p.kind {
                            s.kind_agrees += 1;
                        }
                        seen[k] = true;
                    }
                    if matches.is_empty() {
                        s.wrong.push(Disagreement {
                            a: a.into(),
                            b: b.into(),
                            a_text: p.a.of(&da.text).into(),
                            b_text: p.b.of(&db.text).into(),
                            score: Some(p.score),
                        });
                    } else {
                        s.aligned_right += 1;
                    }
                }
                s.aligned += found.len();
                for (k, (g, at_a, at_b, flipped)) in
                    golds.iter().enumerate().filter(|(_, g)| g.0.sure)
                {
                    s.sure += 1;
                    if seen[k] {
                        s.sure_found += 1;
                    } else {
                        let (a_text, b_text) = match flipped {
                            false => (&g.a_text, &g.b_text),
                            true => (&g.b_text, &g.a_text),
                        };
                        s.missed.push(Disagreement {
                            a: a.into(),
                            b: b.into(),
                            a_text: a_text.clone(),
                            b_text: b_text.clone(),
                            score: Some(similarity_of(da, *at_a, db, *at_b)),
                        });
                    }
                }
            }
        }
        scores.insert(set.to_string(), s);
    }
    Ok(scores)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::analyze;

    fn pair(a_text: &str, b_text: &str, sure: bool) -> GoldPair {
        GoldPair {
            set: "s".into(),
            a: "a.txt".into(),
            b: "b.txt".into(),
            kind: Kind::Paraphrase,
            sure,
            a_text: a_text.into(),
            b_text: b_text.into(),
        }
    }

    #[test]
    fn a_found_pair_counts_right_a_missing_sure_one_missed_and_an_unknown_one_wrong() {
        let a = analyze(
            "a.txt",
            "Council votes\n\nMayor Ana Ruiz said the plan would fund twelve new libraries \
             across the city. The council approved the budget on Tuesday. Rain fell.\n",
        );
        let b = analyze(
            "b.txt",
            "Budget passes\n\nAccording to Mayor Ana Ruiz, the plan will pay for twelve new \
             city libraries. Officials met the press afterwards. The council approved the \
             budget on Tuesday.\n",
        );
        let gold = [
            pair("fund twelve", "pay for twelve", true),
            pair("Rain fell", "Officials met", true),
        ];
        let docs = [a, b];
        let sets = score(&gold, Options::default(), |id| {
            docs.iter().find(|d| d.id == id)
        })
        .unwrap();
        let s = &sets["s"];
        assert_eq!(
            (s.documents, s.sure, s.sure_found, s.kind_agrees),
            (2, 2, 1, 1)
        );
        assert_eq!((s.aligned, s.aligned_right), (2, 1));
        assert_eq!(s.missed[0].a_text, "Rain fell");
        assert_eq!(
            s.wrong[0].a_text,
            "The council approved the budget on Tuesday."
        );
    }

    #[test]
    fn a_gold_piece_stands_for_its_whole_sentence_and_must_be_found_once() {
        let doc = analyze("a.txt", "One sentence here. Another sentence there.\n");
        assert_eq!(
            locate(&doc, "sentence t").unwrap().of(&doc.text),
            "Another sentence there."
        );
        assert!(locate(&doc, "sentence")
            .unwrap_err()
            .contains("found twice"));
        assert!(locate(&doc, "nowhere").unwrap_err().contains("not found"));
        assert!(meets(Span::new(0, 10), Span::new(5, 40)));
        assert!(!meets(Span::new(0, 10), Span::new(6, 40)));
    }
}

//! Scoring entity extraction against a gold set (`tests/gold/`, format in its GUIDELINES.md):
//! precision, recall and F1, untyped (the span) and typed (span and type), per set and per type.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::corpus::Corpus;
use crate::entities::resolve;
use crate::ingest::{analyze, Document, Role};
use crate::mentions::EntityType;
use crate::text::Span;

/// One gold article: its id, its text (or `None` when it is a corpus file), and its entities as
/// distinct surface forms with their types.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldDoc {
    pub id: String,
    #[serde(default)]
    pub text: Option<String>,
    pub entities: Vec<(String, String)>,
    #[serde(default)]
    pub ambiguous: Vec<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Counts {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, other: Counts) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// A disagreement with the gold, for looking at what the rules get wrong.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Miss {
    pub doc: String,
    pub text: String,
    /// The gold type (`None`: the extractor found a name the gold does not have).
    pub gold: Option<EntityType>,
    /// The extracted type (`None`: the extractor missed the name).
    pub found: Option<EntityType>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Score {
    pub documents: usize,
    pub untyped: Counts,
    pub typed: Counts,
    pub per_type: BTreeMap<&'static str, Counts>,
    pub misses: Vec<Miss>,
}

/// Parses a gold file (JSON lines); the error names the line.
pub fn parse_gold(jsonl: &str) -> Result<Vec<GoldDoc>, String> {
    parse_lines(jsonl)
}

/// Parses JSON lines (blank lines skipped); the error names the line.
pub fn parse_lines<T: serde::de::DeserializeOwned>(jsonl: &str) -> Result<Vec<T>, String> {
    jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// A mention's span and type.
pub type TypedSpan = (Span, EntityType);

/// The gold mentions in `scope`: every whole-word occurrence of each surface form, longest first,
/// without overlaps. Returns the typed mentions and the spans of ambiguous forms (not scored).
pub fn gold_mentions(
    text: &str,
    scope: &[Span],
    gold: &GoldDoc,
) -> Result<(Vec<TypedSpan>, Vec<Span>), String> {
    let mut forms: Vec<(&str, Option<EntityType>)> = Vec::new();
    for (surface, kind) in &gold.entities {
        let kind = EntityType::parse(kind)
            .ok_or_else(|| format!("{}: unknown type {kind:?} for {surface:?}", gold.id))?;
        forms.push((surface, Some(kind)));
    }
    forms.extend(gold.ambiguous.iter().map(|s| (s.as_str(), None)));
    forms.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    let mut taken: Vec<Span> = Vec::new();
    let mut typed = Vec::new();
    let mut ambiguous = Vec::new();
    for (surface, kind) in forms {
        for area in scope {
            let hay = area.of(text);
            for (at, _) in hay.match_indices(surface) {
                let span = Span::new(area.start + at, area.start + at + surface.len());
                let boundary_before = text[..span.start]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let boundary_after = text[span.end..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
                if !boundary_before
                    || !boundary_after
                    || taken
                        .iter()
                        .any(|t| t.start < span.end && span.start < t.end)
                {
                    continue;
                }
                taken.push(span);
                match kind {
                    Some(kind) => typed.push((span, kind)),
                    None => ambiguous.push(span),
                }
            }
        }
    }
    Ok((typed, ambiguous))
}

/// The document a gold entry describes and the spans that are scored: for corpus files, the body
/// paragraphs; for entries that carry their text, all of it.
pub fn gold_document(
    gold: &GoldDoc,
    corpus_text: impl Fn(&str) -> Option<String>,
) -> Result<(Document, Vec<Span>), String> {
    match &gold.text {
        Some(text) => {
            let doc = analyze(&gold.id, text);
            Ok((doc, vec![Span::new(0, text.len())]))
        }
        None => {
            let text =
                corpus_text(&gold.id).ok_or_else(|| format!("{}: not in the corpus", gold.id))?;
            let doc = analyze(&gold.id, &text);
            let body = doc
                .blocks
                .iter()
                .filter(|b| b.role == Role::Body)
                .map(|b| b.span)
                .collect();
            Ok((doc, body))
        }
    }
}

/// Scores the extractor on a gold set. The set's documents are resolved together as one corpus,
/// as the page and the CLI do, so each mention carries its entity's type.
pub fn score(
    golds: &[GoldDoc],
    corpus_text: impl Fn(&str) -> Option<String>,
) -> Result<Score, String> {
    let mut score = Score::default();
    let mut documents = Vec::new();
    let mut scopes = Vec::new();
    for gold in golds {
        let (doc, scope) = gold_document(gold, &corpus_text)?;
        documents.push(doc);
        scopes.push(scope);
    }
    let corpus = Corpus { documents };
    let index = resolve(&corpus);
    let mut found_by_doc: Vec<Vec<(Span, EntityType)>> = vec![Vec::new(); golds.len()];
    for entity in &index.entities {
        for m in &entity.mentions {
            found_by_doc[m.doc].push((m.span, entity.kind));
        }
    }
    for (d, gold) in golds.iter().enumerate() {
        let (doc, scope) = (&corpus.documents[d], &scopes[d]);
        let (expected, ambiguous) = gold_mentions(&doc.text, scope, gold)?;
        let in_scope = |s: &Span| scope.iter().any(|a| a.start <= s.start && s.end <= a.end);
        let overlaps_ambiguous =
            |s: &Span| ambiguous.iter().any(|a| a.start < s.end && s.start < a.end);
        let found: Vec<(Span, EntityType)> = found_by_doc[d]
            .iter()
            .copied()
            .filter(|(s, _)| in_scope(s) && !overlaps_ambiguous(s))
            .collect();
        score.documents += 1;
        let mut doc_untyped = Counts::default();
        let mut doc_typed = Counts::default();
        for &(span, kind) in &expected {
            let hit = found.iter().find(|(s, _)| *s == span);
            let entry = score.per_type.entry(kind.label()).or_default();
            match hit {
                Some(&(_, k)) => {
                    doc_untyped.true_positives += 1;
                    if k == kind {
                        doc_typed.true_positives += 1;
                        entry.true_positives += 1;
                    } else {
                        doc_typed.false_negatives += 1;
                        doc_typed.false_positives += 1;
                        entry.false_negatives += 1;
                        score.per_type.entry(k.label()).or_default().false_positives += 1;
                        score
                            .misses
                            .push(miss(gold, doc, span, Some(kind), Some(k)));
                    }
                }
                None => {
                    doc_untyped.false_negatives += 1;
                    doc_typed.false_negatives += 1;
                    entry.false_negatives += 1;
                    score.misses.push(miss(gold, doc, span, Some(kind), None));
                }
            }
        }
        for &(span, kind) in &found {
            if !expected.iter().any(|(s, _)| *s == span) {
                doc_untyped.false_positives += 1;
                doc_typed.false_positives += 1;
                score
                    .per_type
                    .entry(kind.label())
                    .or_default()
                    .false_positives += 1;
                score.misses.push(miss(gold, doc, span, None, Some(kind)));
            }
        }
        score.untyped.add(doc_untyped);
        score.typed.add(doc_typed);
    }
    Ok(score)
}

fn miss(
    gold: &GoldDoc,
    doc: &Document,
    span: Span,
    gold_kind: Option<EntityType>,
    found: Option<EntityType>,
) -> Miss {
    Miss {
        doc: gold.id.clone(),
        text: span.of(&doc.text).to_string(),
        gold: gold_kind,
        found,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(text: &str, entities: &[(&str, &str)], ambiguous: &[&str]) -> GoldDoc {
        GoldDoc {
            id: "g".into(),
            text: Some(text.into()),
            entities: entities
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            ambiguous: ambiguous.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn surface_forms_become_whole_word_mentions_longest_first() {
        let text = "Amazon Web Services and Amazon met. Amazonia is not Amazon.";
        let g = gold(
            text,
            &[("Amazon", "ORG"), ("Amazon Web Services", "ORG")],
            &[],
        );
        let (mentions, _) = gold_mentions(text, &[Span::new(0, text.len())], &g).unwrap();
        let texts: Vec<&str> = mentions.iter().map(|(s, _)| s.of(text)).collect();
        assert_eq!(texts, ["Amazon Web Services", "Amazon", "Amazon"]);
    }

    #[test]
    fn counts_give_precision_recall_and_f1() {
        let c = Counts {
            true_positives: 8,
            false_positives: 2,
            false_negatives: 8,
        };
        assert_eq!((c.precision(), c.recall()), (0.8, 0.5));
        assert!((c.f1() - 0.615_384).abs() < 1e-5);
    }

    #[test]
    fn scoring_counts_type_errors_and_misses() {
        let g = gold(
            "A headline for the test\n\nJoy Buolamwini met Acme Widgets in Oakland.",
            &[
                ("Joy Buolamwini", "PERSON"),
                ("Acme Widgets", "ORG"),
                ("Oakland", "PLACE"),
            ],
            &[],
        );
        let s = score(&[g], |_| None).unwrap();
        assert_eq!(
            s.untyped.true_positives + s.untyped.false_negatives,
            3,
            "every gold mention is counted once"
        );
        let gold_misses = s.misses.iter().filter(|m| m.gold.is_some()).count();
        assert_eq!(
            s.typed.true_positives + gold_misses,
            3,
            "and is either right or listed as a miss"
        );
    }

    #[test]
    fn bad_gold_lines_are_named() {
        let err = parse_gold("{\"id\": \"a\", \"entities\": []}\n{oops}\n").unwrap_err();
        assert!(err.starts_with("line 2:"), "{err}");
    }
}

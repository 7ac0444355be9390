//! How a comparison is laid out for reading: the sentences of A and B in rows, an aligned pair on
//! one row (so the two columns scroll in step and a pair sits at one height), each side's own
//! sentences between them in their own order; and, for one document against many, which of the
//! others carry each of its sentences.

use crate::compare::{Kind, Pair};
use crate::text::Span;

/// One row of the side-by-side view: a sentence of A, of B, or an aligned pair of both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    /// Index into A's sentences.
    pub a: Option<usize>,
    /// Index into B's sentences.
    pub b: Option<usize>,
    /// Index into the alignment's pairs, when both sides say the same thing.
    pub pair: Option<usize>,
    /// B's sentence stands earlier in B than one already shown: B tells this part sooner.
    pub moved: bool,
    /// A's sentence already stands in an earlier row: it is in a second pair, with a passage B
    /// repeats or tells in two sentences.
    pub a_again: bool,
    /// B's sentence already stands in an earlier row (the same, the other way round).
    pub b_again: bool,
}

/// The sentence of `sentences` that holds `span` (a sentence or one of its clauses).
pub fn sentence_of(sentences: &[Span], span: Span) -> Option<usize> {
    sentences
        .iter()
        .position(|s| s.start <= span.start && span.end <= s.end)
}

/// The rows of A's and B's sentences: A's in order, each aligned pair on one row, and B's own
/// sentences placed just before the next aligned sentence of B (the rest at the end), so each
/// column still reads in its own order except where B moved a passage. A sentence in two pairs
/// stands in two rows, the second marked `a_again` or `b_again`.
pub fn rows(a: &[Span], b: &[Span], pairs: &[Pair]) -> Vec<Row> {
    let mut pairs_of_a = vec![Vec::new(); a.len()];
    let mut b_aligned = vec![false; b.len()];
    for (k, pair) in pairs.iter().enumerate() {
        if let (Some(i), Some(j)) = (sentence_of(a, pair.a), sentence_of(b, pair.b)) {
            pairs_of_a[i].push((k, j));
            b_aligned[j] = true;
        }
    }
    let mut b_shown = vec![false; b.len()];
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut next_b = 0;
    let mut furthest_b = None;
    let only_b = |out: &mut Vec<Row>, j: usize| {
        out.push(Row {
            a: None,
            b: Some(j),
            pair: None,
            moved: false,
            a_again: false,
            b_again: false,
        })
    };
    for (i, mut aligned) in pairs_of_a.into_iter().enumerate() {
        aligned.sort_by_key(|&(_, j)| j);
        if aligned.is_empty() {
            out.push(Row {
                a: Some(i),
                b: None,
                pair: None,
                moved: false,
                a_again: false,
                b_again: false,
            });
        }
        for (n, (k, j)) in aligned.into_iter().enumerate() {
            while next_b < j {
                if !b_aligned[next_b] {
                    only_b(&mut out, next_b);
                }
                next_b += 1;
            }
            next_b = next_b.max(j + 1);
            out.push(Row {
                a: Some(i),
                b: Some(j),
                pair: Some(k),
                moved: furthest_b.is_some_and(|f| j < f) && !b_shown[j],
                a_again: n > 0,
                b_again: b_shown[j],
            });
            b_shown[j] = true;
            furthest_b = furthest_b.max(Some(j));
        }
    }
    for (j, _) in b_aligned
        .iter()
        .enumerate()
        .skip(next_b)
        .filter(|(_, &aligned)| !aligned)
    {
        only_b(&mut out, j);
    }
    out
}

/// A document that carries one of A's sentences, and how.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Carrier {
    pub doc: usize,
    pub kind: Kind,
    /// Where that document says it.
    pub span: Span,
}

/// Adds document `doc`'s pairs with A to `tags` (one list per sentence of A).
pub fn tag_carriers(tags: &mut [Vec<Carrier>], a: &[Span], doc: usize, pairs: &[Pair]) {
    for pair in pairs {
        // A sentence in two pairs with one document ([`crate::compare::align`]) names it once.
        if let Some(i) = sentence_of(a, pair.a).filter(|&i| tags[i].iter().all(|c| c.doc != doc)) {
            tags[i].push(Carrier {
                doc,
                kind: pair.kind,
                span: pair.b,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{align, prepare, Options};
    use crate::ingest::analyze;

    fn shown(a: &str, b: &str) -> Vec<String> {
        let (da, db) = (analyze("a.txt", a), analyze("b.txt", b));
        let (pa, pb) = (prepare(&da), prepare(&db));
        let (sa, sb) = (pa.sentences(), pb.sentences());
        let c = align(&pa, &pb, Options::default());
        rows(&sa, &sb, &c.pairs)
            .iter()
            .map(|r| {
                let side = |s: Option<usize>, spans: &[Span], text: &str| {
                    s.map_or("-".to_string(), |i| spans[i].of(text).to_string())
                };
                format!(
                    "{} | {}{}{}",
                    side(r.a, &sa, &da.text),
                    side(r.b, &sb, &db.text),
                    if r.moved { " (moved)" } else { "" },
                    match (r.a_again, r.b_again) {
                        (true, _) => " (A again)",
                        (false, true) => " (B again)",
                        (false, false) => "",
                    }
                )
            })
            .collect()
    }

    #[test]
    fn pairs_share_a_row_and_each_sides_own_sentences_keep_their_order_around_them() {
        let rows = shown(
            "Budget passes\n\n\
             The city council approved the budget on Tuesday. \
             Protesters gathered outside the hall. \
             Mayor Ana Ruiz said the plan would fund twelve new libraries across the city.\n",
            "Council backs budget\n\n\
             Tax rates stay the same next year. \
             According to Mayor Ana Ruiz, the plan will pay for twelve new city libraries. \
             The city council approved the budget on Tuesday.\n",
        );
        assert_eq!(
            rows,
            [
                "Budget passes | -",
                "- | Council backs budget",
                "- | Tax rates stay the same next year.",
                "The city council approved the budget on Tuesday. | The city council approved the budget on Tuesday.",
                "Protesters gathered outside the hall. | -",
                "Mayor Ana Ruiz said the plan would fund twelve new libraries across the city. | According to Mayor Ana Ruiz, the plan will pay for twelve new city libraries. (moved)",
            ]
        );
    }

    #[test]
    fn a_sentence_in_two_pairs_stands_in_both_rows_the_second_marked_again() {
        let rows = shown(
            "Police bill\n\n\
             It would prohibit the use of chokeholds by officers. \
             Supporters rallied outside the Capitol. \
             Above all, the bill would forbid the use of chokeholds by officers.\n",
            "Reform bill\n\n\
             It would forbid the use of chokeholds by officers.\n",
        );
        assert_eq!(
            rows,
            [
                "Police bill | -",
                "- | Reform bill",
                "It would prohibit the use of chokeholds by officers. | It would forbid the use of chokeholds by officers.",
                "Supporters rallied outside the Capitol. | -",
                "Above all, the bill would forbid the use of chokeholds by officers. | It would forbid the use of chokeholds by officers. (B again)",
            ]
        );
    }

    #[test]
    fn a_sentence_the_other_side_tells_in_two_stands_in_two_rows() {
        let rows = shown(
            "Library opens\n\n\
             Mayor Ana Ruiz opened the new library on Main Street on Tuesday, and she promised \
             twelve more branches across the city by next year.\n",
            "New library\n\n\
             Mayor Ana Ruiz opened the new library on Main Street on Tuesday. \
             She promised twelve more branches across the city by next year.\n",
        );
        let sentence = "Mayor Ana Ruiz opened the new library on Main Street on Tuesday, and she \
                        promised twelve more branches across the city by next year.";
        assert_eq!(
            rows,
            [
                "Library opens | -".to_string(),
                "- | New library".to_string(),
                format!("{sentence} | Mayor Ana Ruiz opened the new library on Main Street on Tuesday."),
                format!("{sentence} | She promised twelve more branches across the city by next year. (A again)"),
            ]
        );
    }

    #[test]
    fn each_sentence_of_a_lists_the_documents_that_carry_it() {
        let a = analyze(
            "a.txt",
            "Budget passes\n\nThe city council approved the budget on Tuesday. \
             Protesters gathered outside the hall.\n",
        );
        let b = analyze(
            "b.txt",
            "Vote\n\nThe city council approved the budget on Tuesday.\n",
        );
        let c = analyze(
            "c.txt",
            "Crowds\n\nThe city council passed the budget on Tuesday evening. Protesters gathered outside the hall.\n",
        );
        let pa = prepare(&a);
        let sa = pa.sentences();
        let mut tags = vec![Vec::new(); sa.len()];
        for (doc, other) in [(1, &b), (2, &c)] {
            tag_carriers(
                &mut tags,
                &sa,
                doc,
                &align(&pa, &prepare(other), Options::default()).pairs,
            );
        }
        let carried: Vec<Vec<(usize, Kind)>> = tags
            .iter()
            .map(|t| t.iter().map(|c| (c.doc, c.kind)).collect())
            .collect();
        assert_eq!(
            carried,
            [
                vec![],
                vec![(1, Kind::Verbatim), (2, Kind::Paraphrase)],
                vec![(2, Kind::Verbatim)],
            ]
        );
    }
}

//! Passage alignment quality on the gold pairs, as floors that catch regressions (the figures
//! themselves are in docs/BENCHMARKS.md, printed by `parallax score-compare`).
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use parallax::cli::load_paths;
use parallax::compare::Options;
use parallax::compare_gold::{parse, score, SetScore};

#[test]
fn the_gold_sets_do_not_fall_below_what_was_measured() {
    let loaded = load_paths(&[
        PathBuf::from("corpus"),
        PathBuf::from("tests/gold/compare-articles.jsonl"),
    ]);
    assert!(loaded.problems.is_empty());
    let docs = &loaded.corpus.documents;
    let gold = parse(&std::fs::read_to_string("tests/gold/compare-pairs.jsonl").unwrap()).unwrap();
    let sets = score(&gold, Options::default(), |id| {
        docs.iter().find(|d| d.id == id)
    })
    .unwrap();
    // A set, or the pooled gold, scores at least `precision` and `recall`.
    let at_least = |name: &str, set: &SetScore, precision: f64, recall: f64| {
        assert!(
            set.precision() >= precision && set.recall() >= recall,
            "{name} {:.3}/{:.3}",
            set.precision(),
            set.recall()
        );
    };
    let seeds = &sets["seeds"];
    assert_eq!((seeds.documents, seeds.sure), (5, 27));
    at_least("seeds", seeds, 0.8, 0.95);
    // The gold as one list (the target is recall 0.9 at precision 0.8).
    at_least("all", &SetScore::pooled(sets.values()), 0.85, 0.8);
    // Each labelled before the aligner ever ran on it. The jobs report and GM strike were
    // tuned on since; the Russia probe's first score (0.83 / 0.43) was seen before the rules
    // of 2026-12-06 were written, and the Paris claim scored once (0.60 / 0.40) before the
    // weak-pair rule.
    at_least("gm", &sets["allsides-gm-strike"], 0.95, 0.55);
    at_least("jobs", &sets["allsides-jobs-report"], 0.95, 0.95);
    at_least("russia", &sets["allsides-russia-probe"], 0.85, 0.7);
    at_least("paris", &sets["allsides-paris-claim"], 0.8, 0.6);
    // Scored once, on the rules as they stood: 0.71 / 0.29 (0.50 / 0.14 on those before).
    at_least("texas", &sets["allsides-texas-senate"], 0.7, 0.28);
    let korea = &sets["allsides-north-korea"];
    assert_eq!(korea.documents, 3);
    at_least("allsides", korea, 0.9, 0.95);
    // Labelled before the aligner ran on it (it scored 0.79 / 0.60 then), tuned on since.
    at_least("police", &sets["allsides-police-reform"], 0.85, 0.8);
}

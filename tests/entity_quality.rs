//! Entity extraction quality on the gold sets, as floors that catch regressions (the figures
//! themselves are in docs/BENCHMARKS.md, printed by `parallax score-entities`).
#![cfg(not(target_arch = "wasm32"))]

use parallax::eval::{parse_gold, score, Score};

fn scored(path: &str) -> Score {
    let gold = parse_gold(&std::fs::read_to_string(path).unwrap()).unwrap();
    score(&gold, |id| {
        std::fs::read_to_string(format!("corpus/{id}")).ok()
    })
    .unwrap()
}

#[test]
fn seeds_meet_the_target_untyped_and_typed() {
    let s = scored("tests/gold/seeds.jsonl");
    assert_eq!(s.documents, 5);
    assert!(s.untyped.f1() >= 0.95, "untyped F1 {:.3}", s.untyped.f1());
    assert!(s.typed.f1() >= 0.95, "typed F1 {:.3}", s.typed.f1());
}

#[test]
fn the_allsides_sets_do_not_fall_below_what_was_measured() {
    let dev = scored("tests/gold/allsides-dev.jsonl");
    assert!(
        dev.untyped.f1() >= 0.93 && dev.typed.f1() >= 0.92,
        "dev {:.3}/{:.3}",
        dev.untyped.f1(),
        dev.typed.f1()
    );
    for (path, untyped, typed) in [
        ("tests/gold/allsides-dev2.jsonl", 0.90, 0.85),
        ("tests/gold/allsides-dev3.jsonl", 0.90, 0.87),
    ] {
        let s = scored(path);
        assert!(
            s.untyped.f1() >= untyped && s.typed.f1() >= typed,
            "{path} {:.3}/{:.3}",
            s.untyped.f1(),
            s.typed.f1()
        );
    }
    let test = scored("tests/gold/allsides.jsonl");
    assert!(
        test.untyped.f1() >= 0.85 && test.typed.f1() >= 0.80,
        "test {:.3}/{:.3}",
        test.untyped.f1(),
        test.typed.f1()
    );
}

#[test]
fn each_gold_set_is_large_enough_to_measure() {
    for path in [
        "tests/gold/seeds.jsonl",
        "tests/gold/allsides.jsonl",
        "tests/gold/allsides-dev.jsonl",
        "tests/gold/allsides-dev2.jsonl",
        "tests/gold/allsides-dev3.jsonl",
    ] {
        let s = scored(path);
        let gold_mentions = s.untyped.true_positives + s.untyped.false_negatives;
        assert!(
            gold_mentions > 100,
            "{path} has {gold_mentions} gold mentions"
        );
    }
}

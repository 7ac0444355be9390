//! The page on a corpus given as JSON lines, for `bench/page-search.mjs` to time keystrokes at
//! 10,000 documents in headless Chromium. Not part of the app; built by `scripts/bench.sh` with
//! the page's profile.

use parallax::corpus::Corpus;
use wasm_bindgen::prelude::*;

/// Mounts the app on the articles of `lines` (bad lines skipped); returns how many loaded.
#[wasm_bindgen]
pub fn mount_jsonl(lines: Vec<String>) -> usize {
    #[cfg(target_arch = "wasm32")]
    console_error_panic_hook::set_once();
    let documents: Vec<_> = lines
        .iter()
        .enumerate()
        .filter_map(|(n, line)| {
            parallax::import::json_line(line, &format!("line {}", n + 1))
                .ok()
                .map(|a| a.analyze())
        })
        .collect();
    let count = documents.len();
    let corpus = Corpus { documents };
    parallax::ui::mount_corpus(corpus, "Benchmark corpus", "parallax.edits.v1.bench");
    count
}

fn main() {}

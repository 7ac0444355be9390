//! The core's entity work exported to JavaScript, for `bench/entities-speed.mjs` to time in
//! headless Chromium. Not part of the page; built by `scripts/bench.sh` with the page's profile.

use parallax::corpus::Corpus;
use wasm_bindgen::prelude::*;

/// Documents analysed once (ingest), so that the timed calls measure entity work alone.
#[wasm_bindgen]
pub struct Sample {
    corpus: Corpus,
}

#[wasm_bindgen]
impl Sample {
    #[wasm_bindgen(constructor)]
    pub fn new(texts: Vec<String>) -> Sample {
        let names: Vec<String> = (0..texts.len()).map(|i| format!("{i:05}.txt")).collect();
        let corpus = Corpus::from_texts(
            names
                .iter()
                .map(String::as_str)
                .zip(texts.iter().map(String::as_str)),
            None,
        );
        Sample { corpus }
    }

    /// Extracts the mentions of every document; returns how many.
    pub fn extract(&self) -> usize {
        self.corpus
            .documents
            .iter()
            .map(|d| parallax::mentions::extract(d).len())
            .sum()
    }

    /// Extracts and resolves into canonical entities; returns how many entities.
    pub fn resolve(&self) -> usize {
        parallax::entities::resolve(&self.corpus).entities.len()
    }
}

fn main() {}

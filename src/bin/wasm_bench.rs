//! The core's entity and search work exported to JavaScript, for `bench/entities-speed.mjs` and
//! `bench/search-speed.mjs` to time in headless Chromium. Not part of the page; built by
//! `scripts/bench.sh` with the page's profile.

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

/// Articles from JSON lines with their entities resolved (untimed), for timing the search index.
#[wasm_bindgen]
pub struct SearchSample {
    corpus: Corpus,
    entities: parallax::entities::EntityIndex,
    index: Option<parallax::search::Index>,
}

#[wasm_bindgen]
impl SearchSample {
    #[wasm_bindgen(constructor)]
    pub fn new(lines: Vec<String>) -> SearchSample {
        let documents = lines
            .iter()
            .enumerate()
            .filter_map(|(n, l)| parallax::jsonl::article(l, &format!("line {}", n + 1)).ok())
            .collect();
        let corpus = Corpus { documents };
        let entities = parallax::entities::resolve(&corpus);
        SearchSample {
            corpus,
            entities,
            index: None,
        }
    }

    /// Builds (or rebuilds) the index; returns the number of documents.
    pub fn build(&mut self) -> usize {
        self.index = Some(parallax::search::Index::build(&self.corpus, &self.entities));
        self.corpus.documents.len()
    }

    pub fn index_bytes(&self) -> usize {
        self.index.as_ref().map_or(0, |i| i.heap_bytes())
    }

    /// How many documents match `query` (0 before `build`).
    pub fn search(&self, query: &str) -> usize {
        let query = parallax::query::parse(query);
        self.index
            .as_ref()
            .map_or(0, |i| i.search(&query, Default::default()).len())
    }
}

fn main() {}

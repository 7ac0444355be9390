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
            .filter_map(|(n, l)| {
                parallax::import::json_line(l, &format!("line {}", n + 1))
                    .ok()
                    .map(|a| a.analyze())
            })
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

/// A random graph (the same as `parallax bench layout` makes) and the page's force layout, for
/// `bench/layout-speed.mjs` to time against d3-force on the same nodes and edges.
#[wasm_bindgen]
pub struct LayoutSample {
    nodes: usize,
    edges: Vec<(usize, usize)>,
    layout: parallax::layout::Layout,
}

#[wasm_bindgen]
impl LayoutSample {
    #[wasm_bindgen(constructor)]
    pub fn new(nodes: usize, edges: usize, seed: u64) -> LayoutSample {
        let edges = parallax::layout::random_graph(nodes, edges, seed);
        let mut layout = parallax::layout::Layout::new(seed);
        let keys: Vec<String> = (0..nodes).map(|i| i.to_string()).collect();
        let weighted: Vec<(usize, usize, f32)> = edges.iter().map(|&(a, b)| (a, b, 1.0)).collect();
        layout.set_graph(&keys, &weighted);
        LayoutSample {
            nodes,
            edges,
            layout,
        }
    }

    /// The edges as a flat list: a0, b0, a1, b1, …
    pub fn edge_list(&self) -> Vec<u32> {
        self.edges
            .iter()
            .flat_map(|&(a, b)| [a as u32, b as u32])
            .collect()
    }

    /// Runs `ticks` ticks of the layout.
    pub fn run(&mut self, ticks: usize) {
        for _ in 0..ticks {
            self.layout.tick();
        }
    }

    /// Mean edge length over mean distance between nodes (`Layout::edge_length_ratio`).
    pub fn edge_length_ratio(&self) -> f32 {
        self.layout.edge_length_ratio(&self.edges)
    }

    /// Whether every position is a finite number.
    pub fn finite(&self) -> bool {
        (0..self.nodes).all(|i| {
            let (x, y) = self.layout.position(i);
            x.is_finite() && y.is_finite()
        })
    }
}

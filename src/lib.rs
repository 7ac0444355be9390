//! Parallax: see how different outlets cover the same story.
//!
//! A pure core (no DOM) — [`text`], [`dates`], [`ingest`], [`html`], [`import`], [`boilerplate`], [`manifest`],
//! [`corpus`], [`sentences`], [`lexicon`], [`mentions`], [`entities`], [`facts`], [`curation`],
//! [`query`], [`search`], [`concordance`], [`compare`], [`side_by_side`], [`quotes`], [`shingles`], [`graph`], [`layout`], [`communities`], [`eval`], [`report`], [`view_state`] — tested
//! natively, used by the page ([`ui`], Leptos, wasm) and by the `parallax` command line ([`cli`],
//! native). See ARCHITECTURE.md.

pub mod boilerplate;
pub mod communities;
pub mod compare;
pub mod compare_gold;
pub mod concordance;
pub mod corpus;
pub mod curation;
pub mod dates;
pub mod entities;
pub mod eval;
pub mod facets;
pub mod facts;
pub mod graph;
pub mod graph_export;
pub mod html;
pub mod import;
pub mod index_file;
pub mod ingest;
pub mod layout;
pub mod lexicon;
pub mod manifest;
pub mod mentions;
pub mod query;
pub mod quotes;
pub mod report;
pub mod search;
pub mod sentences;
pub mod shingles;
pub mod side_by_side;
#[cfg(not(target_arch = "wasm32"))]
pub mod single_page;
pub mod sources;
pub mod text;
pub mod ui;
mod union_find;
pub mod view_state;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

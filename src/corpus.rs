//! A corpus: the analysed documents, in file-name order, and the seed corpus embedded at build time.

use crate::ingest::{analyze, Document};
use crate::manifest::Manifest;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_corpus.rs"));
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Corpus {
    pub documents: Vec<Document>,
}

impl Corpus {
    /// Analyses `(file name, text)` pairs and applies the manifest. Documents are ordered by id.
    pub fn from_texts<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
        manifest: Option<&Manifest>,
    ) -> Corpus {
        let mut documents: Vec<Document> = files
            .into_iter()
            .map(|(name, text)| {
                let mut doc = analyze(name, text);
                if let Some(manifest) = manifest {
                    manifest.apply(&mut doc);
                }
                doc
            })
            .collect();
        documents.sort_by(|a, b| a.id.cmp(&b.id));
        Corpus { documents }
    }

    /// The seed corpus compiled into the binary (`corpus/` at build time).
    pub fn embedded() -> Corpus {
        let manifest = embedded::MANIFEST.and_then(|json| Manifest::parse(json).ok());
        Corpus::from_texts(embedded::FILES.iter().copied(), manifest.as_ref())
    }

    /// The embedded manifest's text, for checking it parses.
    pub fn embedded_manifest() -> Option<&'static str> {
        embedded::MANIFEST
    }

    pub fn get(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.documents.iter().position(|d| d.id == id)
    }

    /// Number of distinct outlets named (documents with no known outlet are not counted).
    pub fn outlet_count(&self) -> usize {
        let mut outlets: Vec<&str> = self
            .documents
            .iter()
            .filter_map(|d| d.outlet.as_deref())
            .collect();
        outlets.sort_unstable();
        outlets.dedup();
        outlets.len()
    }
}

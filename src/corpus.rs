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
            .map(|(name, text)| match manifest {
                Some(manifest) => manifest.analyze(name, text),
                None => analyze(name, text),
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

    /// The sources of the documents, for per-source counts: a document's outlet, or the
    /// document itself where it names none.
    pub fn sources(&self) -> Sources {
        let mut labels: Vec<String> = Vec::new();
        let mut numbers: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
        let of_document = self
            .documents
            .iter()
            .map(|d| {
                let label = d.outlet.as_deref().unwrap_or(&d.id);
                *numbers.entry(label).or_insert_with(|| {
                    labels.push(label.to_string());
                    labels.len() as u32 - 1
                })
            })
            .collect();
        Sources {
            labels,
            of_document,
        }
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

/// The corpus's sources ([`Corpus::sources`]), numbered in order of first appearance.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sources {
    pub labels: Vec<String>,
    /// Document `d`'s source is `labels[of_document[d]]`.
    pub of_document: Vec<u32>,
}

impl Sources {
    /// How many of `mentions` (document numbers) each source has, by source number.
    pub fn count(&self, mentions: impl IntoIterator<Item = usize>) -> Vec<usize> {
        let mut counts = vec![0; self.labels.len()];
        for d in mentions {
            counts[self.of_document[d] as usize] += 1;
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_of_one_outlet_are_one_source_and_a_document_naming_none_is_its_own() {
        let document = |id: &str, outlet: Option<&str>| Document {
            outlet: outlet.map(str::to_string),
            ..analyze(id, "Headline\n\nBody.\n")
        };
        let corpus = Corpus {
            documents: vec![
                document("a.txt", Some("CNN")),
                document("b.txt", None),
                document("c.txt", Some("CNN")),
                document("d.txt", Some("Fox News")),
            ],
        };
        let sources = corpus.sources();
        assert_eq!(sources.labels, ["CNN", "b.txt", "Fox News"]);
        assert_eq!(sources.of_document, [0, 1, 0, 2]);
        assert_eq!(sources.count([0, 2, 2, 3]), [3, 0, 1]);
    }
}

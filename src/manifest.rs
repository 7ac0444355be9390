//! The optional corpus manifest (`manifest.json` beside the articles): facts the text does not state,
//! keyed by file name. **When present, the manifest wins over what ingest read from the text.**
//!
//! ```json
//! { "000_a8a29ba410e08957.txt": { "outlet": "Example News", "url": "https://…", "date": "2020-06-10" } }
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::dates::Date;
use crate::ingest::{analyze_by, Document};

/// What the manifest may say about one document. Unknown keys are an error, so a typo is reported
/// rather than silently ignored.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub date: Option<Date>,
    pub author: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Manifest {
    pub entries: BTreeMap<String, ManifestEntry>,
}

impl Manifest {
    /// Parses a manifest; the error says what is wrong and where (line and column).
    pub fn parse(json: &str) -> Result<Manifest, String> {
        serde_json::from_str(json)
            .map(|entries| Manifest { entries })
            .map_err(|e| e.to_string())
    }

    /// Analyses one article the manifest may describe, under the facts it states: its author
    /// is known to the boilerplate rules too (a closing bio of them is an about box).
    pub fn analyze(&self, id: &str, text: &str) -> Document {
        let author = self.entries.get(id).and_then(|e| e.author.as_deref());
        let mut doc = analyze_by(id, text, author);
        self.apply(&mut doc);
        doc
    }

    /// Overrides the document's fields with the manifest's, where the manifest has them.
    pub fn apply(&self, doc: &mut Document) {
        let Some(entry) = self.entries.get(&doc.id) else {
            return;
        };
        if let Some(title) = &entry.title {
            doc.title = title.clone();
        }
        doc.outlet = entry.outlet.clone().or(doc.outlet.take());
        doc.url = entry.url.clone().or(doc.url.take());
        doc.date = entry.date.or(doc.date);
        doc.author = entry.author.clone().or(doc.author.take());
    }

    /// File names the manifest describes that are not among `ids`: likely typos worth reporting.
    pub fn unknown_files<'a>(&'a self, ids: &[&str]) -> Vec<&'a str> {
        self.entries
            .keys()
            .map(String::as_str)
            .filter(|k| !ids.contains(k))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::analyze;

    #[test]
    fn manifest_fields_win_over_the_text() {
        let manifest = Manifest::parse(
            r#"{"a.txt": {"outlet": "Wire Service", "date": "2020-06-10", "url": "https://example.org/a"}}"#,
        )
        .unwrap();
        let mut doc = analyze(
            "a.txt",
            "Council halts face scans\n\nCouncil halts face scans - Some Blog\n\nBody.",
        );
        assert_eq!(doc.outlet.as_deref(), Some("Some Blog"));
        manifest.apply(&mut doc);
        assert_eq!(doc.outlet.as_deref(), Some("Wire Service"));
        assert_eq!(doc.date.unwrap().to_string(), "2020-06-10");
        assert_eq!(doc.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(doc.title, "Council halts face scans");
    }

    #[test]
    fn bad_manifests_are_explained() {
        let err =
            Manifest::parse(r#"{"a.txt": {"outlet": "X", "dat": "2020-01-01"}}"#).unwrap_err();
        assert!(err.contains("unknown field `dat`"), "{err}");
        let err = Manifest::parse(r#"{"a.txt": {"date": "June 2020"}}"#).unwrap_err();
        assert!(err.contains("YYYY-MM-DD"), "{err}");
    }
}

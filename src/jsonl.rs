//! Articles as JSON lines, one object per line with the fields of the AllSides set: `text`
//! (required), and where present `id`, `title`, `source`, `date` (YYYY-MM-DD), `authors`, `url`,
//! which win over what ingest reads from the text. Reading files and gzip is the caller's job;
//! this module turns one line into a [`Document`] or says what is wrong with it.

use crate::ingest::{analyze, Document};
use crate::manifest::{Manifest, ManifestEntry};

#[derive(serde::Deserialize)]
struct Line {
    text: Option<String>,
    id: Option<String>,
    title: Option<String>,
    source: Option<String>,
    date: Option<String>,
    authors: Option<String>,
    url: Option<String>,
}

/// The article on `line`; `fallback_id` names it when the line has no `id`.
pub fn article(line: &str, fallback_id: &str) -> Result<Document, String> {
    let record: Line = serde_json::from_str(line).map_err(|e| format!("malformed JSON ({e})"))?;
    let Some(text) = record.text.filter(|t| !t.trim().is_empty()) else {
        return Err("no \"text\" field".into());
    };
    let id = record.id.unwrap_or_else(|| fallback_id.to_string());
    let mut doc = analyze(&id, &text);
    let entry = ManifestEntry {
        title: record.title,
        outlet: record.source,
        url: record.url,
        date: record.date.and_then(|d| d.parse().ok()),
        author: record.authors.filter(|a| !a.is_empty()),
    };
    Manifest {
        entries: [(id, entry)].into(),
    }
    .apply(&mut doc);
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_becomes_an_article_with_its_fields_winning() {
        let line = r#"{"id": "a1", "title": "Amazon pauses Rekognition", "source": "Reuters",
            "date": "2020-06-10", "authors": "Jeffrey Dastin", "url": "https://example.com/a1",
            "text": "Old headline\n\nAmazon said on Wednesday it would pause police use."}"#
            .replace('\n', " ");
        let doc = article(&line, "set.jsonl:1").unwrap();
        assert_eq!(doc.id, "a1");
        assert_eq!(doc.title, "Amazon pauses Rekognition");
        assert_eq!(doc.outlet.as_deref(), Some("Reuters"));
        assert_eq!(
            doc.date.map(|d| d.to_string()).as_deref(),
            Some("2020-06-10")
        );
        assert_eq!(doc.author.as_deref(), Some("Jeffrey Dastin"));
        assert!(
            doc.text.starts_with("Old headline"),
            "the text is kept as written"
        );
    }

    #[test]
    fn a_line_without_an_id_takes_the_fallback_and_bad_lines_say_why() {
        let doc = article(r#"{"text": "Just a body."}"#, "set.jsonl:7").unwrap();
        assert_eq!(doc.id, "set.jsonl:7");
        assert_eq!(
            article(r#"{"title": "No body"}"#, "x").unwrap_err(),
            "no \"text\" field"
        );
        assert!(article("{not json", "x")
            .unwrap_err()
            .starts_with("malformed JSON"));
    }
}

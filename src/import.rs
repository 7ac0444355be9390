//! Articles from the files a user brings, whatever their shape: plain text or Markdown (headline on
//! the first line), saved web pages, JSON (one article or an array), JSON lines, CSV with a
//! header row. Records
//! are read through a [`Fields`] mapping detected from the usual names ("headline", "content",
//! "publisher", "published_at", "byline" …), which the user may correct. Text that is not UTF-8
//! is read as Windows-1252 (a superset of Latin-1), and the batch says so.
//!
//! **A bad file or record never stops a batch**: it becomes a [`Problem`] naming the file (and
//! line) and the reason, and everything else lands. Reading files, folders and gzip is the
//! caller's job (the CLI, the page); this module gets names and bytes.

use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use rustc_hash::FxHashSet as HashSet;
use serde_json::Value;

use crate::ingest::{analyze, decode, DecodeError, Document};
use crate::manifest::{Manifest, ManifestEntry};

/// How a file's articles are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `.txt` and `.md`: one article, headline first.
    Text,
    /// `.json`: one article object, or an array of them.
    Json,
    /// `.jsonl`: one article object per line.
    JsonLines,
    /// `.csv`: a header row, then one article per row.
    Csv,
    /// `.html`: a saved web page ([`crate::html`]).
    Html,
}

impl Format {
    /// The format a file name says, if it is one of ours.
    pub fn of(name: &str) -> Option<Format> {
        let lower = name.to_lowercase();
        let ext = lower.rsplit_once('.').map(|(_, e)| e)?;
        match ext {
            "txt" | "md" | "markdown" => Some(Format::Text),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "csv" => Some(Format::Csv),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }
}

/// Which key (JSON) or column (CSV) holds each field of an article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fields {
    pub text: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub id: Option<String>,
}

/// The names each field goes by, in order of preference, lowercase.
const TEXT_NAMES: &[&str] = &[
    "text",
    "content",
    "body",
    "content_original",
    "article",
    "full_text",
    "article_text",
];
const TITLE_NAMES: &[&str] = &["title", "headline", "heading"];
const SOURCE_NAMES: &[&str] = &[
    "source",
    "outlet",
    "publisher",
    "site",
    "site_name",
    "publication",
    "source_name",
];
const DATE_NAMES: &[&str] = &[
    "date",
    "published",
    "published_at",
    "publish_date",
    "pubdate",
    "date_published",
    "datetime",
];
const AUTHOR_NAMES: &[&str] = &["author", "authors", "byline", "creator"];
const URL_NAMES: &[&str] = &["url", "link", "canonical_url", "href"];
const ID_NAMES: &[&str] = &["id", "guid", "uid", "article_id"];

impl Fields {
    /// The mapping the keys of a record suggest; `None` when no key can hold the text.
    pub fn detect<'k>(keys: impl IntoIterator<Item = &'k str> + Clone) -> Option<Fields> {
        let pick = |names: &[&str]| {
            names.iter().find_map(|name| {
                keys.clone()
                    .into_iter()
                    .find(|k| k.trim().eq_ignore_ascii_case(name))
                    .map(str::to_string)
            })
        };
        Some(Fields {
            text: pick(TEXT_NAMES)?,
            title: pick(TITLE_NAMES),
            source: pick(SOURCE_NAMES),
            date: pick(DATE_NAMES),
            author: pick(AUTHOR_NAMES),
            url: pick(URL_NAMES),
            id: pick(ID_NAMES),
        })
    }
}

/// Why a file or record did not become an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// Where in the file: "line 3" (JSON lines, CSV) or "item 2" (a JSON array).
    pub place: Option<String>,
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.place {
            Some(place) => write!(f, "{}: {place}: {}", self.file, self.reason),
            None => write!(f, "{}: {}", self.file, self.reason),
        }
    }
}

/// Bytes as text: UTF-8, or else (when not binary) Windows-1252. The flag says which.
pub fn decode_lenient(bytes: &[u8]) -> Result<(Cow<'_, str>, bool), DecodeError> {
    match decode(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), false)),
        Err(DecodeError::NotUtf8 { .. }) => {
            let text: String = bytes.iter().map(|&b| windows_1252(b)).collect();
            match decode(text.as_bytes()) {
                Ok(_) => Ok((Cow::Owned(text), true)),
                Err(e) => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}

/// The character of a Windows-1252 byte (Latin-1, with printable characters in 0x80–0x9F).
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// What a batch of files became.
#[derive(Debug, Default)]
pub struct Batch {
    pub documents: Vec<Document>,
    /// Articles whose text was already loaded (or earlier in the batch), left out.
    pub duplicates: usize,
    pub problems: Vec<Problem>,
    /// Files read as Windows-1252 because they were not UTF-8.
    pub not_utf8: Vec<String>,
    seen: HashSet<u64>,
}

fn text_key(text: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    text.trim().hash(&mut h);
    h.finish()
}

impl Batch {
    /// A batch that leaves out articles whose text is already among `existing`.
    pub fn new(existing: &[Document]) -> Batch {
        Batch {
            seen: existing.iter().map(|d| text_key(&d.text)).collect(),
            ..Batch::default()
        }
    }

    /// Reads one file; `fields` overrides the detected mapping of JSON and CSV records.
    pub fn add_file(&mut self, name: &str, bytes: &[u8], fields: Option<&Fields>) {
        let problem = |reason: String| Problem {
            file: name.to_string(),
            place: None,
            reason,
        };
        let Some(format) = Format::of(name) else {
            return self.problems.push(problem(
                "not an article file (.txt, .md, .html, .json, .jsonl or .csv)".into(),
            ));
        };
        let text = match decode_lenient(bytes) {
            Ok((text, latin)) => {
                if latin {
                    self.not_utf8.push(name.to_string());
                }
                text
            }
            Err(e) => return self.problems.push(problem(e.to_string())),
        };
        match format {
            Format::Text => {
                let doc = analyze(name, &text);
                self.push(doc);
            }
            Format::Json => match serde_json::from_str::<Value>(&text) {
                Ok(Value::Array(items)) => {
                    for (i, item) in items.iter().enumerate() {
                        self.add_record(name, Some(format!("item {}", i + 1)), item, fields);
                    }
                }
                Ok(item) => self.add_record(name, None, &item, fields),
                Err(e) => self.problems.push(Problem {
                    file: name.to_string(),
                    place: Some(format!("line {}", e.line())),
                    reason: format!("malformed JSON ({e})"),
                }),
            },
            Format::JsonLines => {
                for (n, line) in text.lines().enumerate() {
                    if line.trim().is_empty() {
                        continue;
                    }
                    match serde_json::from_str::<Value>(line) {
                        Ok(item) => {
                            self.add_record(name, Some(format!("line {}", n + 1)), &item, fields)
                        }
                        Err(e) => self.problems.push(Problem {
                            file: name.to_string(),
                            place: Some(format!("line {}", n + 1)),
                            reason: format!("malformed JSON ({e})"),
                        }),
                    }
                }
            }
            Format::Csv => self.add_csv(name, &text, fields),
            Format::Html => {
                let page = crate::html::extract(&text);
                if page.text.trim().is_empty() {
                    return self
                        .problems
                        .push(problem("no readable text in the page".into()));
                }
                let mut doc = analyze(name, &page.text);
                let entry = ManifestEntry {
                    title: page.title,
                    outlet: page.site,
                    url: page.url,
                    date: page.date.as_deref().and_then(iso_date),
                    author: page.author,
                };
                apply(&mut doc, entry);
                self.push(doc);
            }
        }
    }

    fn add_csv(&mut self, name: &str, text: &str, fields: Option<&Fields>) {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(str::to_string).collect(),
            Err(e) => {
                return self.problems.push(Problem {
                    file: name.to_string(),
                    place: Some("line 1".into()),
                    reason: format!("malformed CSV ({e})"),
                })
            }
        };
        for record in reader.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let place = e.position().map(|p| format!("line {}", p.line()));
                    self.problems.push(Problem {
                        file: name.to_string(),
                        place,
                        reason: format!("malformed CSV ({e})"),
                    });
                    continue;
                }
            };
            let place = record.position().map(|p| format!("line {}", p.line()));
            let object: serde_json::Map<String, Value> = headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.clone(), Value::String(v.to_string())))
                .collect();
            self.add_record(name, place, &Value::Object(object), fields);
        }
    }

    /// One JSON or CSV record, at `place` in the file (none for a file's only record).
    fn add_record(
        &mut self,
        name: &str,
        place: Option<String>,
        item: &Value,
        fields: Option<&Fields>,
    ) {
        let problem = |reason: &str| Problem {
            file: name.to_string(),
            place: place.clone(),
            reason: reason.to_string(),
        };
        let Value::Object(object) = item else {
            return self.problems.push(problem("not an object"));
        };
        let detected;
        let fields = match fields {
            Some(f) => f,
            None => match Fields::detect(object.keys().map(String::as_str)) {
                Some(f) => {
                    detected = f;
                    &detected
                }
                None => {
                    return self.problems.push(problem(&format!(
                        "no text field (looked for {})",
                        TEXT_NAMES.join(", ")
                    )))
                }
            },
        };
        let get = |key: &Option<String>| key.as_ref().and_then(|k| object.get(k)).and_then(as_text);
        let Some(text) = object
            .get(&fields.text)
            .and_then(as_text)
            .filter(|t| !t.trim().is_empty())
        else {
            return self
                .problems
                .push(problem(&format!("empty \"{}\" field", fields.text)));
        };
        let id = get(&fields.id).unwrap_or_else(|| match &place {
            Some(place) => format!("{name}:{}", place.rsplit(' ').next().unwrap_or(place)),
            None => name.to_string(),
        });
        let mut doc = analyze(&id, &text);
        let entry = ManifestEntry {
            title: get(&fields.title),
            outlet: get(&fields.source),
            url: get(&fields.url),
            date: get(&fields.date).as_deref().and_then(iso_date),
            author: get(&fields.author).filter(|a| !a.is_empty()),
        };
        apply(&mut doc, entry);
        self.push(doc);
    }

    fn push(&mut self, doc: Document) {
        if self.seen.insert(text_key(&doc.text)) {
            self.documents.push(doc);
        } else {
            self.duplicates += 1;
        }
    }
}

/// A date written `YYYY-MM-DD`, alone or at the start of a timestamp.
fn iso_date(text: &str) -> Option<crate::dates::Date> {
    text.trim().get(..10)?.parse().ok()
}

/// Gives `doc` the facts a record or page states about it, over what ingest read from the text.
fn apply(doc: &mut Document, entry: ManifestEntry) {
    Manifest {
        entries: [(doc.id.clone(), entry)].into(),
    }
    .apply(doc);
}

/// A field's value as text: a string, a number, or a list of them joined ("authors").
fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(as_text).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(doc: &Document) -> (String, Option<String>, Option<String>, Option<String>) {
        (
            doc.title.clone(),
            doc.outlet.clone(),
            doc.date.map(|d| d.to_string()),
            doc.author.clone(),
        )
    }

    #[test]
    fn usual_field_names_are_recognised_whatever_their_case() {
        let fields = Fields::detect([
            "Headline",
            "content_original",
            "Publisher",
            "published_at",
            "byline",
            "link",
        ])
        .unwrap();
        assert_eq!(
            fields,
            Fields {
                text: "content_original".into(),
                title: Some("Headline".into()),
                source: Some("Publisher".into()),
                date: Some("published_at".into()),
                author: Some("byline".into()),
                url: Some("link".into()),
                id: None,
            }
        );
        assert_eq!(Fields::detect(["title", "summary"]), None);
    }

    #[test]
    fn a_json_array_a_csv_and_a_text_file_land_with_their_fields_and_duplicates_are_left_out() {
        let json = r#"[{"headline": "Amazon pauses Rekognition", "content": "Amazon said on Wednesday it would pause police use.",
            "publisher": "Reuters", "published_at": "2020-06-10T18:00:00Z", "authors": ["Jeffrey Dastin", "Paresh Dave"]},
            {"headline": "Same again", "content": "Amazon said on Wednesday it would pause police use."}]"#;
        let csv = "title,body,outlet,date\n\"IBM quits, for now\",\"IBM said it would stop, as \"\"a matter of principle\"\".\",The Verge,2020-06-08\n";
        let mut batch = Batch::new(&[]);
        batch.add_file("wire.json", json.as_bytes(), None);
        batch.add_file("feed.csv", csv.as_bytes(), None);
        batch.add_file("note.md", b"Council acts\n\nThe council voted.", None);
        batch.add_file(
            "saved.html",
            b"<html><head><meta property=\"og:site_name\" content=\"The Ledger\"><meta name=\"date\" content=\"2020-06-11\"></head>\
              <body><h1>Police stop scans</h1><p>Oakland police stopped using the tool.</p></body></html>",
            None,
        );
        let found: Vec<_> = batch.documents.iter().map(facts).collect();
        assert_eq!(
            found,
            [
                (
                    "Amazon pauses Rekognition".into(),
                    Some("Reuters".into()),
                    Some("2020-06-10".into()),
                    Some("Jeffrey Dastin, Paresh Dave".into())
                ),
                (
                    "IBM quits, for now".into(),
                    Some("The Verge".into()),
                    Some("2020-06-08".into()),
                    None
                ),
                ("Council acts".into(), None, None, None),
                (
                    "Police stop scans".into(),
                    Some("The Ledger".into()),
                    Some("2020-06-11".into()),
                    None
                ),
            ]
        );
        assert_eq!(
            batch.documents[1].text,
            "IBM said it would stop, as \"a matter of principle\"."
        );
        assert_eq!(batch.documents[0].id, "wire.json:1");
        assert_eq!(batch.duplicates, 1);
        assert!(batch.problems.is_empty(), "{:?}", batch.problems);
    }

    #[test]
    fn broken_binary_and_latin_1_files_in_one_batch_the_good_ones_land_and_each_problem_is_named() {
        let mut batch = Batch::new(&[]);
        batch.add_file("good.txt", b"Headline\n\nA body.", None);
        batch.add_file(
            "broken.jsonl",
            b"{\"text\": \"Fine.\"}\n{\"text\": oops}\n",
            None,
        );
        batch.add_file("photo.txt", &[0x89, b'P', b'N', b'G', 0, 0, 1, 2], None);
        batch.add_file(
            "old.txt",
            b"Caf\xe9 owners \x93protest\x94\n\nThe \xe9lite caf\xe9 closed.",
            None,
        );
        batch.add_file("notes.docx", b"PK", None);
        batch.add_file("titles.csv", b"title,summary\nA,B\n", None);
        let titles: Vec<&str> = batch.documents.iter().map(|d| d.title.as_str()).collect();
        assert_eq!(titles, ["Headline", "Fine.", "Café owners “protest”"]);
        assert_eq!(batch.not_utf8, ["old.txt"]);
        let problems: Vec<String> = batch.problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(
            problems[0].starts_with("broken.jsonl: line 2: malformed JSON"),
            "{problems:?}"
        );
        assert!(problems[1].starts_with("photo.txt: binary"), "{problems:?}");
        assert_eq!(
            problems[2],
            "notes.docx: not an article file (.txt, .md, .html, .json, .jsonl or .csv)"
        );
        assert!(
            problems[3].starts_with("titles.csv: line 2: no text field"),
            "{problems:?}"
        );
    }

    #[test]
    fn an_article_already_loaded_is_a_duplicate() {
        let existing = [analyze("a.txt", "Headline\n\nA body.")];
        let mut batch = Batch::new(&existing);
        batch.add_file("copy.txt", b"Headline\n\nA body.\n", None);
        assert_eq!((batch.documents.len(), batch.duplicates), (0, 1));
    }
}

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

use serde::{Deserialize, Serialize};

use crate::curation::Curation;
use crate::dates::Date;
use crate::ingest::{decode, DecodeError, Document};
use crate::manifest::{Manifest, ManifestEntry};
use crate::view_state::SavedView;

/// An article as a file gave it, before analysis: its text exactly as read, and the facts the
/// file states about it (which win over what analysis reads from the text). Cheap to make and to
/// store; [`Article::analyze`] is the costly step.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Article {
    /// The article an analysed document came from: its text, and its facts stated as the file's
    /// (so that analysing it again gives the same document).
    pub fn of(doc: &Document) -> Article {
        Article {
            id: doc.id.clone(),
            text: doc.text.clone(),
            title: Some(doc.title.clone()),
            outlet: doc.outlet.clone(),
            date: doc.date,
            author: doc.author.clone(),
            url: doc.url.clone(),
        }
    }

    /// The analysed document: ingest's reading of the text, under the facts the file stated.
    pub fn analyze(&self) -> Document {
        let entry = ManifestEntry {
            title: self.title.clone(),
            outlet: self.outlet.clone(),
            url: self.url.clone(),
            date: self.date,
            author: self.author.clone(),
        };
        Manifest {
            entries: [(self.id.clone(), entry)].into(),
        }
        .analyze(&self.id, &self.text)
    }
}

/// The id of the element a single-file page carries its corpus in (a [`CorpusFile`] as JSON), read
/// by the page at start in place of the seeds (`parallax build-page`, [`crate::single_page`]).
pub const PAGE_CORPUS_ID: &str = "parallax-corpus";

/// What marks a corpus exported by Parallax (the `format` of a [`CorpusFile`]).
pub const CORPUS_FORMAT: &str = "parallax-corpus";

/// A corpus exported by Parallax, with the user's entity edits: one JSON file that imports
/// elsewhere as it was. **Article text round-trips byte for byte.**
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CorpusFile {
    /// Always [`CORPUS_FORMAT`].
    pub format: String,
    pub version: u32,
    pub name: String,
    pub articles: Vec<Article>,
    #[serde(default = "no_edits")]
    pub edits: Curation,
    /// The views the user saved (none in files written before views were kept).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<SavedView>,
}

fn no_edits() -> Curation {
    Curation::new(Vec::new())
}

impl CorpusFile {
    pub fn new(name: &str, articles: Vec<Article>, edits: Curation) -> CorpusFile {
        CorpusFile {
            format: CORPUS_FORMAT.into(),
            version: 1,
            name: name.into(),
            articles,
            edits,
            views: Vec::new(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a corpus file serialises")
    }

    /// The corpus file `json` holds, if it is one (`format` says so); an error says what is
    /// wrong with one that is.
    pub fn read(json: &Value) -> Option<Result<CorpusFile, String>> {
        let is_ours = json.get("format").and_then(Value::as_str) == Some(CORPUS_FORMAT);
        is_ours.then(|| {
            CorpusFile::deserialize(json)
                .map_err(|e| format!("not a readable Parallax corpus ({e})"))
        })
    }
}

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
    /// The file endings read, for messages.
    pub const EXTENSIONS: &'static str = ".txt, .md, .html, .json, .jsonl, .jsonl.gz or .csv";

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
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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
        Some(Fields::guess(keys)).filter(|f| !f.text.is_empty())
    }

    /// The fields the keys' names suggest, each left out (the text: empty) where none does: a
    /// start for the user to complete.
    pub fn guess<'k>(keys: impl IntoIterator<Item = &'k str> + Clone) -> Fields {
        let pick = |names: &[&str]| {
            names.iter().find_map(|name| {
                keys.clone()
                    .into_iter()
                    .find(|k| k.trim().eq_ignore_ascii_case(name))
                    .map(str::to_string)
            })
        };
        Fields {
            text: pick(TEXT_NAMES).unwrap_or_default(),
            title: pick(TITLE_NAMES),
            source: pick(SOURCE_NAMES),
            date: pick(DATE_NAMES),
            author: pick(AUTHOR_NAMES),
            url: pick(URL_NAMES),
            id: pick(ID_NAMES),
        }
    }
}

/// How many records [`record_keys`] looks at: enough to see the keys a feed uses (some records
/// leave fields out), few enough to be instant on a file of any size.
const KEY_SAMPLE: usize = 50;

/// The keys (JSON, each record's new ones after those seen before) or columns (CSV, in order)
/// of a file's first records:
/// what a field mapping can choose from. Empty for formats without records, or when the start of
/// the file cannot be read (the import will say why).
pub fn record_keys(format: Format, text: &str) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    let mut add = |object: &serde_json::Map<String, Value>| {
        for key in object.keys() {
            if !keys.contains(key) {
                keys.push(key.clone());
            }
        }
    };
    match format {
        Format::Json => match serde_json::from_str::<Value>(text) {
            Ok(Value::Array(items)) => items
                .iter()
                .take(KEY_SAMPLE)
                .filter_map(Value::as_object)
                .for_each(&mut add),
            Ok(Value::Object(object))
                if CorpusFile::read(&Value::Object(object.clone())).is_none() =>
            {
                add(&object)
            }
            _ => {}
        },
        Format::JsonLines => text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .take(KEY_SAMPLE)
            .filter_map(|l| serde_json::from_str::<serde_json::Map<String, Value>>(l).ok())
            .for_each(|o| add(&o)),
        Format::Csv => {
            let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
            if let Ok(headers) = reader.headers() {
                keys = headers.iter().map(str::to_string).collect();
            }
        }
        Format::Text | Format::Html => {}
    }
    keys
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
    pub articles: Vec<Article>,
    /// Articles whose text was already loaded (or earlier in the batch), left out.
    pub duplicates: usize,
    pub problems: Vec<Problem>,
    /// Files read as Windows-1252 because they were not UTF-8.
    pub not_utf8: Vec<String>,
    /// The Parallax corpus files among the batch's files (their articles are in `articles`).
    pub corpus_files: Vec<CorpusFile>,
    seen: HashSet<u64>,
}

fn text_key(text: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    text.trim().hash(&mut h);
    h.finish()
}

impl Batch {
    /// A batch that leaves out articles whose text is among `existing`.
    pub fn new<'t>(existing: impl IntoIterator<Item = &'t str>) -> Batch {
        Batch {
            seen: existing.into_iter().map(text_key).collect(),
            ..Batch::default()
        }
    }

    /// Reads one file (gzip-compressed when its name ends in `.gz`); `fields` overrides the
    /// detected mapping of JSON and CSV records.
    pub fn add_file(&mut self, name: &str, bytes: &[u8], fields: Option<&Fields>) {
        match read_file(name, bytes) {
            Ok((format, text)) => self.add_text(name, format, &text, fields),
            Err(problem) => self.problems.push(problem),
        }
    }

    /// Reads the text of one file (as [`read_file`] gave it).
    pub fn add_text(&mut self, name: &str, format: Format, text: &Text, fields: Option<&Fields>) {
        if text.windows_1252 {
            self.not_utf8.push(name.to_string());
        }
        let text = text.text.as_str();
        match format {
            Format::Text => self.push(Article {
                id: name.to_string(),
                text: text.to_string(),
                ..Article::default()
            }),
            Format::Json => match serde_json::from_str::<Value>(text) {
                Ok(value) => match CorpusFile::read(&value) {
                    Some(Ok(file)) => {
                        for article in &file.articles {
                            self.push(article.clone());
                        }
                        self.corpus_files.push(file);
                    }
                    Some(Err(reason)) => self.problems.push(Problem {
                        file: name.to_string(),
                        place: None,
                        reason,
                    }),
                    None => match value {
                        Value::Array(items) => {
                            for (i, item) in items.iter().enumerate() {
                                self.add_record(
                                    name,
                                    Some(format!("item {}", i + 1)),
                                    item,
                                    fields,
                                );
                            }
                        }
                        item => self.add_record(name, None, &item, fields),
                    },
                },
                Err(e) => self.problems.push(Problem {
                    file: name.to_string(),
                    place: Some(format!("line {}", e.line())),
                    reason: format!("malformed JSON ({e})"),
                }),
            },
            Format::JsonLines => self.add_json_lines(name, text, 1, fields),
            Format::Csv => self.add_csv(name, text, fields),
            Format::Html => {
                let page = crate::html::extract(text);
                if page.text.trim().is_empty() {
                    return self.problems.push(Problem {
                        file: name.to_string(),
                        place: None,
                        reason: "no readable text in the page".into(),
                    });
                }
                self.push(Article {
                    id: name.to_string(),
                    text: page.text,
                    title: page.title,
                    outlet: page.site,
                    url: page.url,
                    date: page.date.as_deref().and_then(iso_date),
                    author: page.author,
                });
            }
        }
    }

    /// Reads JSON lines, the first of which is line `first_line` of file `name`: a large file may
    /// be read a slice of lines at a time ([`line_slices`]).
    pub fn add_json_lines(
        &mut self,
        name: &str,
        lines: &str,
        first_line: usize,
        fields: Option<&Fields>,
    ) {
        for (n, line) in lines.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let place = format!("line {}", first_line + n);
            match serde_json::from_str::<Value>(line) {
                Ok(item) => self.add_record(name, Some(place), &item, fields),
                Err(e) => self.problems.push(Problem {
                    file: name.to_string(),
                    place: Some(place),
                    reason: format!("malformed JSON ({e})"),
                }),
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
        let fallback_id = || match &place {
            Some(place) => format!("{name}:{}", place.rsplit(' ').next().unwrap_or(place)),
            None => name.to_string(),
        };
        match record(item, fields, fallback_id) {
            Ok(article) => self.push(article),
            Err(reason) => self.problems.push(Problem {
                file: name.to_string(),
                place,
                reason,
            }),
        }
    }

    fn push(&mut self, article: Article) {
        if self.seen.insert(text_key(&article.text)) {
            self.articles.push(article);
        } else {
            self.duplicates += 1;
        }
    }
}

/// Gives each article an id no other has (among `taken` and each other): a repeated id — the
/// same file name in two folders, a feed that reuses ids — becomes "id (2)", "id (3)" …
pub fn make_ids_unique<'t>(articles: &mut [Article], taken: impl IntoIterator<Item = &'t str>) {
    let mut used: HashSet<String> = taken.into_iter().map(str::to_string).collect();
    for article in articles {
        if used.contains(&article.id) {
            let id = (2..)
                .map(|n| format!("{} ({n})", article.id))
                .find(|id| !used.contains(id))
                .expect("some number is free");
            article.id = id;
        }
        used.insert(article.id.clone());
    }
}

/// A file's text, and whether it had to be read as Windows-1252.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub text: String,
    pub windows_1252: bool,
}

/// The format and text of a file from its name and bytes: gunzipped when the name ends in `.gz`,
/// decoded as UTF-8 or else Windows-1252. The problem says why a file cannot be read.
pub fn read_file(name: &str, bytes: &[u8]) -> Result<(Format, Text), Problem> {
    if gzip_inner_name(name).is_none() {
        return read_inflated(name, bytes);
    }
    let mut inflate = Inflate::new(bytes);
    while !inflate.step(usize::MAX).map_err(|reason| Problem {
        file: name.to_string(),
        place: None,
        reason,
    })? {}
    read_inflated(name, &inflate.into_bytes())
}

/// Whether a file found inside a chosen or dropped folder, at `path` (`/`-separated), is hidden
/// — it or a folder on its way has a name starting with '.' (`.DS_Store`, `.git/…`) — and so
/// is passed over rather than reported as not an article.
pub fn is_hidden_path(path: &str) -> bool {
    path.split('/').any(|part| part.starts_with('.'))
}

/// As [`read_file`], for a `.gz` file whose bytes the caller has already inflated ([`Inflate`]).
pub fn read_inflated(name: &str, bytes: &[u8]) -> Result<(Format, Text), Problem> {
    let problem = |reason: String| Problem {
        file: name.to_string(),
        place: None,
        reason,
    };
    let Some(format) = Format::of(gzip_inner_name(name).unwrap_or(name)) else {
        return Err(problem(format!(
            "not an article file ({})",
            Format::EXTENSIONS
        )));
    };
    let (text, windows_1252) = decode_lenient(bytes).map_err(|e| problem(e.to_string()))?;
    Ok((
        format,
        Text {
            text: text.into_owned(),
            windows_1252,
        },
    ))
}

/// The name a gzipped file had before compression ("set.jsonl" of "set.jsonl.gz"), if it is one.
pub fn gzip_inner_name(name: &str) -> Option<&str> {
    let cut = name.len().checked_sub(3)?;
    (name.is_char_boundary(cut) && name[cut..].eq_ignore_ascii_case(".gz")).then(|| &name[..cut])
}

/// A gzip file inflated a piece at a time, so that the page can spread a large file over many
/// short tasks.
pub struct Inflate<'a> {
    decoder: flate2::read::GzDecoder<&'a [u8]>,
    out: Vec<u8>,
}

impl<'a> Inflate<'a> {
    pub fn new(bytes: &'a [u8]) -> Inflate<'a> {
        Inflate {
            decoder: flate2::read::GzDecoder::new(bytes),
            out: Vec::with_capacity(bytes.len().saturating_mul(3)),
        }
    }

    /// Inflates about `piece` more bytes (at least one buffer's worth); true once the whole file
    /// is. The error says why the file is not readable gzip.
    pub fn step(&mut self, piece: usize) -> Result<bool, String> {
        let goal = self.out.len().saturating_add(piece);
        let mut buffer = [0u8; 64 * 1024];
        while self.out.len() < goal {
            match std::io::Read::read(&mut self.decoder, &mut buffer) {
                Ok(0) => return Ok(true),
                Ok(n) => self.out.extend_from_slice(&buffer[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(format!("not a readable gzip file ({e})")),
            }
        }
        Ok(false)
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.out
    }
}

/// `text` cut at line ends into slices of about `bytes` each, with the number of each slice's
/// first line: for reading a large JSON-lines file a slice at a time.
pub fn line_slices(text: &str, bytes: usize) -> Vec<(usize, &str)> {
    let mut slices = Vec::new();
    let (mut start, mut line) = (0, 1);
    while start < text.len() {
        let mut want = (start + bytes.max(1)).min(text.len());
        while !text.is_char_boundary(want) {
            want += 1;
        }
        let end = text[want..].find('\n').map_or(text.len(), |i| want + i + 1);
        let slice = &text[start..end];
        slices.push((line, slice));
        line += slice.matches('\n').count();
        start = end;
    }
    slices
}

/// The article a JSON line holds (fields detected from their names); `fallback_id` names it when
/// it has no id. The error says what is wrong with the line.
pub fn json_line(line: &str, fallback_id: &str) -> Result<Article, String> {
    let item: Value = serde_json::from_str(line).map_err(|e| format!("malformed JSON ({e})"))?;
    record(&item, None, || fallback_id.to_string())
}

/// The article a JSON or CSV record holds, read through `fields` (or those its keys suggest).
fn record(
    item: &Value,
    fields: Option<&Fields>,
    fallback_id: impl FnOnce() -> String,
) -> Result<Article, String> {
    let Value::Object(object) = item else {
        return Err("not an object".into());
    };
    let detected;
    let fields = match fields {
        Some(f) => f,
        None => {
            detected = Fields::detect(object.keys().map(String::as_str))
                .ok_or_else(|| format!("no text field (looked for {})", TEXT_NAMES.join(", ")))?;
            &detected
        }
    };
    let get = |key: &Option<String>| key.as_ref().and_then(|k| object.get(k)).and_then(as_text);
    let text = match object.get(&fields.text) {
        Some(Value::String(text)) if !text.trim().is_empty() => text.clone(),
        Some(_) => return Err(format!("empty \"{}\" field", fields.text)),
        None => return Err(format!("no \"{}\" field", fields.text)),
    };
    Ok(Article {
        id: get(&fields.id).unwrap_or_else(fallback_id),
        text,
        title: get(&fields.title),
        outlet: get(&fields.source),
        url: get(&fields.url),
        date: get(&fields.date).as_deref().and_then(iso_date),
        author: get(&fields.author),
    })
}

/// A date written `YYYY-MM-DD`, alone or at the start of a timestamp.
fn iso_date(text: &str) -> Option<crate::dates::Date> {
    text.trim().get(..10)?.parse().ok()
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
    use crate::boilerplate::BoilerplateKind;
    use crate::ingest::Role;

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
        let partial = Fields::guess(["title", "summary"]);
        assert_eq!(
            (partial.text.as_str(), partial.title.as_deref()),
            ("", Some("title"))
        );
    }

    #[test]
    fn a_json_array_a_csv_and_a_text_file_land_with_their_fields_and_duplicates_are_left_out() {
        let json = r#"[{"headline": "Amazon pauses Rekognition", "content": "Amazon said on Wednesday it would pause police use.",
            "publisher": "Reuters", "published_at": "2020-06-10T18:00:00Z", "authors": ["Jeffrey Dastin", "Paresh Dave"]},
            {"headline": "Same again", "content": "Amazon said on Wednesday it would pause police use."}]"#;
        let csv = "title,body,outlet,date\n\"IBM quits, for now\",\"IBM said it would stop, as \"\"a matter of principle\"\".\",The Verge,2020-06-08\n";
        let mut batch = Batch::new([]);
        batch.add_file("wire.json", json.as_bytes(), None);
        batch.add_file("feed.csv", csv.as_bytes(), None);
        batch.add_file("note.md", b"Council acts\n\nThe council voted.", None);
        batch.add_file(
            "saved.html",
            b"<html><head><meta property=\"og:site_name\" content=\"The Ledger\"><meta name=\"date\" content=\"2020-06-11\"></head>\
              <body><h1>Police stop scans</h1><p>Oakland police stopped using the tool.</p></body></html>",
            None,
        );
        let docs: Vec<Document> = batch.articles.iter().map(Article::analyze).collect();
        let found: Vec<_> = docs.iter().map(facts).collect();
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
            batch.articles[1].text,
            "IBM said it would stop, as \"a matter of principle\"."
        );
        assert_eq!(batch.articles[0].id, "wire.json:1");
        assert_eq!(batch.duplicates, 1);
        assert!(batch.problems.is_empty(), "{:?}", batch.problems);
    }

    #[test]
    fn broken_binary_and_latin_1_files_in_one_batch_the_good_ones_land_and_each_problem_is_named() {
        let mut batch = Batch::new([]);
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
        let docs: Vec<Document> = batch.articles.iter().map(Article::analyze).collect();
        let titles: Vec<&str> = docs.iter().map(|d| d.title.as_str()).collect();
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
            "notes.docx: not an article file (.txt, .md, .html, .json, .jsonl, .jsonl.gz or .csv)"
        );
        assert!(
            problems[3].starts_with("titles.csv: line 2: no text field"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_closing_bio_of_the_author_a_json_line_states_is_an_about_box() {
        let line = r#"{"id": "op", "title": "The case for patience", "authors": "David Keene",
            "text": "Congress should wait for the inspector general before it acts on the report.\n\nDavid A. Keene is opinion editor of The Washington Times."}"#
            .replace('\n', " ");
        let doc = json_line(&line, "set.jsonl:1").unwrap().analyze();
        let roles: Vec<Role> = doc.blocks.iter().map(|b| b.role).collect();
        assert_eq!(
            roles,
            [Role::Body, Role::Boilerplate(BoilerplateKind::About)]
        );
    }

    #[test]
    fn a_json_line_becomes_an_article_with_its_fields_winning_over_the_text() {
        let line = r#"{"id": "a1", "title": "Amazon pauses Rekognition", "source": "Reuters",
            "date": "2020-06-10", "authors": "Jeffrey Dastin", "url": "https://example.com/a1",
            "text": "Old headline\n\nAmazon said on Wednesday it would pause police use."}"#
            .replace('\n', " ");
        let doc = json_line(&line, "set.jsonl:1").unwrap().analyze();
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
        assert_eq!(
            json_line(r#"{"text": "Body."}"#, "set.jsonl:7").unwrap().id,
            "set.jsonl:7"
        );
        assert_eq!(
            json_line(r#"{"title": "x", "text": " "}"#, "x").unwrap_err(),
            "empty \"text\" field"
        );
        assert!(json_line("{not json", "x")
            .unwrap_err()
            .starts_with("malformed JSON"));
    }

    #[test]
    fn an_article_already_loaded_is_a_duplicate() {
        let mut batch = Batch::new(["Headline\n\nA body."]);
        batch.add_file("copy.txt", b"Headline\n\nA body.\n", None);
        assert_eq!((batch.articles.len(), batch.duplicates), (0, 1));
    }

    #[test]
    fn the_keys_of_a_files_first_records_are_offered_for_the_mapping() {
        let lines = "{\"headline\": \"A\", \"body\": \"x\"}\n\n{\"headline\": \"B\", \"body\": \"y\", \"site\": \"S\"}\n";
        assert_eq!(
            record_keys(Format::JsonLines, lines),
            ["body", "headline", "site"]
        );
        assert_eq!(
            record_keys(Format::Csv, "Title,Story\nA,B\n"),
            ["Title", "Story"]
        );
        assert_eq!(
            record_keys(Format::Json, r#"[{"text": "a"}, {"url": "u"}]"#),
            ["text", "url"]
        );
        assert!(record_keys(Format::Json, "{broken").is_empty());
        assert!(record_keys(Format::Text, "Headline\n\nBody").is_empty());
    }

    #[test]
    fn a_mapping_the_user_chose_wins_over_the_detected_one() {
        let csv = "story,summary\nThe long text.,Short.\n";
        let fields = Fields {
            text: "summary".into(),
            ..Fields::default()
        };
        let mut batch = Batch::new([]);
        batch.add_file("feed.csv", csv.as_bytes(), Some(&fields));
        assert_eq!(batch.articles[0].text, "Short.");
    }

    #[test]
    fn a_repeated_id_is_numbered_so_every_article_keeps_its_own() {
        let mut articles: Vec<Article> = ["a.txt", "a.txt", "b.txt", "a.txt"]
            .iter()
            .map(|id| Article {
                id: id.to_string(),
                ..Article::default()
            })
            .collect();
        make_ids_unique(&mut articles, ["b.txt"]);
        let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a.txt", "a.txt (2)", "b.txt (2)", "a.txt (3)"]);
    }

    #[test]
    fn a_gzipped_json_lines_file_is_read_and_a_corrupt_one_is_named() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"{\"title\": \"One\", \"text\": \"First.\"}\n{\"title\": \"Two\", \"text\": \"Second.\"}\n")
            .unwrap();
        let bytes = gz.finish().unwrap();
        let mut batch = Batch::new([]);
        batch.add_file("set.jsonl.gz", &bytes, None);
        batch.add_file("cut.jsonl.gz", &bytes[..bytes.len() / 2], None);
        let titles: Vec<_> = batch.articles.iter().map(|a| a.title.as_deref()).collect();
        assert_eq!(titles, [Some("One"), Some("Two")]);
        assert_eq!(batch.articles[1].id, "set.jsonl.gz:2");
        assert_eq!(batch.problems.len(), 1);
        assert!(
            batch.problems[0]
                .to_string()
                .starts_with("cut.jsonl.gz: not a readable gzip file"),
            "{:?}",
            batch.problems
        );
    }

    #[test]
    fn a_large_json_lines_file_read_in_slices_numbers_its_lines_as_a_whole() {
        let text = "{\"text\": \"a\"}\n{\"text\": \"b\"}\n{oops\n{\"text\": \"d\"}";
        let slices = line_slices(text, 1);
        assert_eq!(slices.len(), 4);
        assert_eq!(slices.iter().map(|s| s.1).collect::<String>(), text);
        let mut batch = Batch::new([]);
        for (first_line, lines) in slices {
            batch.add_json_lines("big.jsonl", lines, first_line, None);
        }
        let ids: Vec<_> = batch.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["big.jsonl:1", "big.jsonl:2", "big.jsonl:4"]);
        assert_eq!(batch.problems[0].place.as_deref(), Some("line 3"));
    }

    #[test]
    fn a_slice_may_end_inside_a_character_and_still_cuts_at_a_line_end() {
        let text = "{\"text\": \"a — b\"}\n{\"text\": \"é\"}\n";
        for bytes in 1..text.len() {
            let slices = line_slices(text, bytes);
            assert_eq!(slices.iter().map(|s| s.1).collect::<String>(), text);
            assert!(slices.iter().all(|(_, s)| s.ends_with('\n')));
        }
    }

    #[test]
    fn hidden_files_and_anything_in_a_hidden_folder_are_hidden() {
        assert!(is_hidden_path("story/.DS_Store"));
        assert!(is_hidden_path("story/.git/config"));
        assert!(is_hidden_path(".notes.txt"));
        assert!(!is_hidden_path("story/cnn/2020-06-10.txt"));
        assert!(!is_hidden_path("story/cnn..txt"));
    }

    #[test]
    fn an_exported_corpus_imports_with_its_name_edits_and_text_byte_for_byte() {
        let text = "Caf\u{e9} \u{201c}quoted\u{201d}\r\n\n\ttabbed \\ back\u{2028}slash  ";
        let articles = vec![Article {
            id: "a.txt".into(),
            text: text.into(),
            outlet: Some("The Ledger".into()),
            date: "2020-06-10".parse().ok(),
            ..Article::default()
        }];
        let edits = Curation::new(vec![crate::curation::Edit::Hide {
            spelling: "Amazon".into(),
        }]);
        let views = vec![SavedView {
            name: "Quotes from the Ledger".into(),
            query: "?q=%22said%22&source=The%20Ledger".into(),
        }];
        let file = CorpusFile {
            views: views.clone(),
            ..CorpusFile::new("My story", articles.clone(), edits.clone())
        };
        let mut batch = Batch::new([]);
        batch.add_file("my-story.parallax.json", file.to_json().as_bytes(), None);
        assert_eq!(batch.articles, articles);
        assert_eq!(batch.articles[0].text.as_bytes(), text.as_bytes());
        assert_eq!(batch.corpus_files.len(), 1);
        assert_eq!(
            (
                batch.corpus_files[0].name.as_str(),
                &batch.corpus_files[0].edits
            ),
            ("My story", &edits)
        );
        assert_eq!(batch.corpus_files[0].views, views);
        let broken = r#"{"format": "parallax-corpus", "version": 1, "name": "x"}"#;
        batch.add_file("broken.parallax.json", broken.as_bytes(), None);
        assert!(
            batch.problems[0]
                .reason
                .starts_with("not a readable Parallax corpus"),
            "{:?}",
            batch.problems
        );
    }
}

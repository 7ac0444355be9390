//! The JSON the CLI prints (`parallax analyze --json`), documented in `docs/CLI.md`.
//! Later features add fields; existing ones keep their meaning.

use serde::Serialize;

use crate::corpus::Corpus;
use crate::dates::Date;
use crate::entities::EntityIndex;
use crate::facts::{extract_facts, FactKind};
use crate::ingest::{Document, Role};

#[derive(Serialize)]
pub struct AnalysisReport<'a> {
    pub documents: Vec<DocumentReport<'a>>,
    pub entities: Vec<EntityReport<'a>>,
    /// Merges the evidence supports but does not prove (e.g. likely misspellings).
    pub suggestions: Vec<SuggestionReport<'a>>,
    /// Dates, durations, numbers, percentages and sums of money, in document and text order.
    pub facts: Vec<FactReport<'a>>,
}

#[derive(Serialize)]
pub struct FactReport<'a> {
    pub doc: &'a str,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub kind: FactKind,
    pub value: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub boilerplate: bool,
}

#[derive(Serialize)]
pub struct EntityReport<'a> {
    pub id: &'a str,
    pub name: &'a str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub aliases: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<&'a str>,
    /// Why spellings were merged into this entity.
    pub merges: &'a [String],
    pub mentions: Vec<MentionReport<'a>>,
}

#[derive(Serialize)]
pub struct MentionReport<'a> {
    /// The document id.
    pub doc: &'a str,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub boilerplate: bool,
}

#[derive(Serialize)]
pub struct SuggestionReport<'a> {
    pub entity: &'a str,
    pub into: &'a str,
    pub reason: &'a str,
}

impl<'a> AnalysisReport<'a> {
    /// The report for a corpus; `file` gives each document's input file name.
    pub fn new(
        corpus: &'a Corpus,
        index: &'a EntityIndex,
        file: impl Fn(&'a Document) -> &'a str,
    ) -> Self {
        let entities = index
            .entities
            .iter()
            .map(|e| EntityReport {
                id: &e.id,
                name: &e.name,
                kind: e.kind.label(),
                aliases: &e.aliases,
                parent: e.parent.as_deref(),
                merges: &e.merges,
                mentions: e
                    .mentions
                    .iter()
                    .map(|m| {
                        let doc = &corpus.documents[m.doc];
                        MentionReport {
                            doc: &doc.id,
                            start: m.span.start,
                            end: m.span.end,
                            text: m.span.of(&doc.text),
                            boilerplate: m.boilerplate,
                        }
                    })
                    .collect(),
            })
            .collect();
        AnalysisReport {
            documents: corpus
                .documents
                .iter()
                .map(|d| DocumentReport::new(d, file(d)))
                .collect(),
            entities,
            facts: corpus
                .documents
                .iter()
                .flat_map(|doc| {
                    extract_facts(doc).into_iter().map(move |f| FactReport {
                        doc: &doc.id,
                        start: f.span.start,
                        end: f.span.end,
                        text: f.span.of(&doc.text),
                        kind: f.kind,
                        value: f.value,
                        boilerplate: matches!(doc.blocks[f.block].role, Role::Boilerplate(_)),
                    })
                })
                .collect(),
            suggestions: index
                .suggestions
                .iter()
                .map(|s| SuggestionReport {
                    entity: &s.entity,
                    into: &s.into,
                    reason: &s.reason,
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub struct DocumentReport<'a> {
    pub id: &'a str,
    /// The input's base name.
    pub file: &'a str,
    pub title: &'a str,
    pub date: Option<Date>,
    pub author: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub url: Option<&'a str>,
    pub words: usize,
    /// Boilerplate blocks as `[start, end]` byte ranges into the original text.
    pub boilerplate: Vec<[usize; 2]>,
    /// Every paragraph with its role.
    pub blocks: Vec<BlockReport>,
}

#[derive(Serialize)]
pub struct BlockReport {
    pub start: usize,
    pub end: usize,
    /// `title`, `title_repeat`, `dateline`, `byline`, `body` or `boilerplate`.
    pub role: &'static str,
    /// For boilerplate: `comment_form`, `source_link`, `social`, `related_links`, `about`, `legal`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<crate::boilerplate::BoilerplateKind>,
}

impl<'a> DocumentReport<'a> {
    pub fn new(doc: &'a Document, file: &'a str) -> Self {
        DocumentReport {
            id: &doc.id,
            file,
            title: &doc.title,
            date: doc.date,
            author: doc.author.as_deref(),
            outlet: doc.outlet.as_deref(),
            url: doc.url.as_deref(),
            words: doc.words,
            boilerplate: doc
                .boilerplate_runs()
                .iter()
                .map(|r| [r.span.start, r.span.end])
                .collect(),
            blocks: doc
                .blocks
                .iter()
                .map(|b| {
                    let (role, kind) = match b.role {
                        Role::Title => ("title", None),
                        Role::TitleRepeat => ("title_repeat", None),
                        Role::Dateline => ("dateline", None),
                        Role::Byline => ("byline", None),
                        Role::Body => ("body", None),
                        Role::Boilerplate(kind) => ("boilerplate", Some(kind)),
                    };
                    BlockReport {
                        start: b.span.start,
                        end: b.span.end,
                        role,
                        kind,
                    }
                })
                .collect(),
        }
    }
}

//! The JSON the CLI prints (`parallax analyze --json`), documented in `docs/CLI.md`.
//! Later features add fields; existing ones keep their meaning.

use serde::Serialize;

use crate::dates::Date;
use crate::ingest::{Document, Role};

#[derive(Serialize)]
pub struct AnalysisReport<'a> {
    pub documents: Vec<DocumentReport<'a>>,
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

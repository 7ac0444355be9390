//! The corpora the page can show — the embedded seeds and those the user imported — and the
//! import that makes them: files chosen, dropped or a whole folder, read and analysed a slice at
//! a time with a progress bar and a cancel button, the field mapping of JSON and CSV files shown
//! for confirmation, and a summary at the end. Imported corpora are kept in IndexedDB
//! ([`super::store`]); each has its own entity edits. The panel that shows all this is
//! [`super::corpus_panel`].
//!
//! **Nothing already loaded is lost**: an import works on a copy and lands only when it is
//! complete; a cancelled or failed one leaves every corpus as it was.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use leptos_router::NavigateOptions;

use super::dropped::Dropped;
use super::kept::Keepable;
use super::store::{self, Entry, Work};
use super::{counted, Explorer, Navigate, Prepared};
use crate::corpus::Corpus;
use crate::curation::Curation;
use crate::entities::{EntityIndex, Resolver};
use crate::facets::FacetIndex;
use crate::import::{self, Article, Batch, CorpusFile, Fields, Format, Problem, Text};
use crate::index_file::{IndexFile, IndexReader};
use crate::ingest::Document;
use crate::search::{Index, TextIndexBuilder};
use crate::view_state::SavedView;

/// Where the seed corpus's edits are saved in the browser.
pub(crate) const SEED_EDITS_KEY: &str = "parallax.edits.v1.seeds";

/// Where the edits and views of the imported corpus `id` are kept in the browser.
fn imported_edits_key(id: &str) -> String {
    format!("parallax.edits.v1.corpus.{id}")
}

/// Where the edits and views of a single-file page's corpus, named `name`, are kept.
fn page_edits_key(name: &str) -> String {
    format!("parallax.edits.v1.page.{name}")
}

/// What the user made of one corpus — its entity edits and saved views — as kept (JSON each;
/// none where there is nothing).
#[derive(Clone, Debug, Default)]
struct KeptWork {
    edits: Option<String>,
    views: Option<String>,
}

impl KeptWork {
    /// What is kept under the edits key `key`.
    async fn read(key: &str) -> KeptWork {
        KeptWork {
            edits: store::work(Work::Edits, key).await,
            views: store::work(Work::Views, key).await,
        }
    }

    /// Keeps this under `key`, in place of what was there (nothing: forgets it).
    async fn keep(&self, key: &str) -> Result<(), String> {
        store::keep_work(Work::Edits, key, self.edits.as_deref()).await?;
        store::keep_work(Work::Views, key, self.views.as_deref()).await
    }

    /// What a corpus file brought.
    fn of_file(file: &CorpusFile) -> KeptWork {
        fn json_of<T: Keepable>(value: &T) -> Option<String> {
            (!value.is_empty()).then(|| value.to_json())
        }
        KeptWork {
            edits: json_of(&file.edits),
            views: json_of(&file.views),
        }
    }

    fn is_empty(&self) -> bool {
        self.edits.is_none() && self.views.is_none()
    }

    /// The edits and the views (what cannot be read: none; the page says so when it opens the
    /// corpus).
    fn read_back(&self) -> (Curation, Vec<SavedView>) {
        fn parsed<T: Keepable>(json: Option<&str>) -> T {
            json.and_then(|json| T::from_json(json).ok())
                .unwrap_or_else(T::empty)
        }
        (parsed(self.edits.as_deref()), parsed(self.views.as_deref()))
    }
}

/// How long one slice of import work may hold the page before it lets the browser paint and
/// answer input, in ms (4–50). Slices much shorter spend their time yielding; much longer and a
/// click on Cancel waits visibly. 12 ms leaves a 16 ms frame a few ms for the browser's own work.
const SLICE_MS: f64 = 12.0;

/// How many bytes of a JSON-lines file are parsed in one step (64 KB–4 MB): about 2–5 ms of
/// parsing, so a step fits well inside a slice whatever the size of the file.
const LINES_STEP_BYTES: usize = 256 * 1024;

/// What the import is doing.
#[derive(Clone, Debug, Default)]
pub(crate) enum ImportState {
    #[default]
    Idle,
    /// Reading the chosen files (bytes, gzip, text encoding).
    Reading {
        done: usize,
        total: usize,
    },
    /// The files are read; the mapping of their records awaits the user's confirmation.
    Confirm(Arc<Plan>),
    /// Turning files into articles, then analysing them.
    Running {
        stage: &'static str,
        done: usize,
        total: usize,
    },
    Done(Arc<Summary>),
}

/// Files read and ready to import.
#[derive(Debug)]
pub(crate) struct Plan {
    pub files: Vec<ReadFile>,
    /// Files that could not be read at all (binary, not an article file, broken gzip).
    unreadable: Vec<Problem>,
    /// For each record format among the files: the keys its records use, and the mapping
    /// proposed (remembered from last time, or detected).
    pub mappings: Vec<(Format, Vec<String>, Fields)>,
    /// The imported corpus the articles go into; none: a new corpus.
    into: Option<String>,
}

#[derive(Debug)]
pub(crate) struct ReadFile {
    name: String,
    format: Format,
    text: Text,
}

/// What an import did.
#[derive(Debug, Default)]
pub(crate) struct Summary {
    pub imported: usize,
    pub files: usize,
    pub duplicates: usize,
    pub problems: Vec<Problem>,
    pub not_utf8: Vec<String>,
    pub cancelled: bool,
    /// Where the articles went: the corpus id and name.
    pub corpus: Option<(String, String)>,
    /// Why the browser did not keep the corpus (it is shown all the same, until reload).
    pub not_kept: Option<String>,
}

/// A deleted corpus, kept until the next deletion so it can be restored.
#[derive(Debug)]
struct Deleted {
    entry: Entry,
    articles: Vec<Article>,
    index: Option<Vec<u8>>,
    work: KeptWork,
}

/// The corpora and the import, shared by every component under [`CorpusShown`].
#[derive(Clone)]
pub(crate) struct Library {
    pub catalog: RwSignal<Vec<Entry>>,
    /// A note about the corpora for the user: storage trouble, a deletion to undo.
    pub message: RwSignal<Option<String>>,
    pub import: RwSignal<ImportState>,
    /// Where the next import goes: an imported corpus's id, or none for a new corpus.
    pub into: RwSignal<Option<String>>,
    pub panel_open: RwSignal<bool>,
    cancel: StoredValue<bool>,
    /// The corpus prepared last, kept so that opening it again is instant.
    opened: StoredValue<Option<(String, Prepared)>>,
    deleted: StoredValue<Option<Arc<Deleted>>>,
    pub can_undo_delete: RwSignal<bool>,
    /// Counts the imports that landed: the corpus shown is rebuilt when one lands in it.
    landed: RwSignal<u64>,
    navigate: Navigate,
    /// The corpus shown when the URL names none (the seeds, or a single-file page's), and its name.
    built_in: Prepared,
    pub built_in_name: Arc<str>,
    /// Where the built-in corpus's edits and views are kept.
    built_in_edits_key: Arc<str>,
}

impl Library {
    fn new(
        navigate: Navigate,
        built_in: Prepared,
        built_in_name: &str,
        built_in_edits_key: &str,
    ) -> Library {
        let library = Library {
            catalog: RwSignal::new(Vec::new()),
            message: RwSignal::new(None),
            import: RwSignal::new(ImportState::Idle),
            into: RwSignal::new(None),
            panel_open: RwSignal::new(false),
            cancel: StoredValue::new(false),
            opened: StoredValue::new(None),
            deleted: StoredValue::new(None),
            can_undo_delete: RwSignal::new(false),
            landed: RwSignal::new(0),
            navigate,
            built_in,
            built_in_name: built_in_name.into(),
            built_in_edits_key: built_in_edits_key.into(),
        };
        let catalog = library.catalog;
        let message = library.message;
        spawn_local(async move {
            match store::catalog().await {
                Ok(entries) => catalog.set(entries),
                Err(e) => message.set(Some(format!("Imported corpora could not be listed: {e}."))),
            }
        });
        library
    }

    /// Where the edits and views of corpus `id` (none: the built-in one) are kept.
    fn edits_key(&self, id: Option<&str>) -> String {
        id.map_or_else(|| self.built_in_edits_key.to_string(), imported_edits_key)
    }

    fn name_of(&self, id: &str) -> Option<String> {
        self.catalog
            .with(|c| c.iter().find(|e| e.id == id).map(|e| e.name.clone()))
    }

    /// Shows corpus `id` (none: the seeds) from its start.
    fn show(&self, id: Option<&str>) {
        let href = match id {
            Some(id) => format!("?corpus={}", crate::view_state::encode_component(id)),
            None => "?".into(),
        };
        (self.navigate)(&href, NavigateOptions::default());
    }

    /// Reads `files` and, once their mapping is confirmed (when they hold records), imports them.
    pub fn start(&self, files: Vec<web_sys::File>) {
        self.start_with(files, Vec::new());
    }

    /// As [`Library::start`], with `problems` already found (a dropped folder that could not
    /// be read). Hidden files inside a chosen folder are passed over.
    fn start_with(&self, mut files: Vec<web_sys::File>, problems: Vec<Problem>) {
        files.retain(|file| {
            let path = js_sys::Reflect::get(file, &"webkitRelativePath".into())
                .ok()
                .and_then(|p| p.as_string())
                .unwrap_or_default();
            !import::is_hidden_path(&path)
        });
        if (files.is_empty() && problems.is_empty()) || self.busy() {
            return;
        }
        self.panel_open.set(true);
        self.cancel.set_value(false);
        let library = self.clone();
        if let Some(index) = files
            .iter()
            .find(|f| f.name().ends_with(crate::index_file::EXTENSION))
        {
            let (index, others) = (index.clone(), files.len() - 1);
            return spawn_local(async move {
                let summary = library.open_index_file(&index, others).await;
                library.finish(summary);
            });
        }
        spawn_local(async move {
            let total = files.len();
            let mut plan = Plan {
                files: Vec::new(),
                unreadable: problems,
                mappings: Vec::new(),
                into: library.into.get_untracked(),
            };
            for (done, file) in files.iter().enumerate() {
                library.import.set(ImportState::Reading { done, total });
                if library.cancel.get_value() {
                    return library.finish(Summary {
                        cancelled: true,
                        ..Summary::default()
                    });
                }
                let name = file.name();
                let read = match file_bytes(file).await {
                    Ok(bytes) if import::gzip_inner_name(&name).is_some() => {
                        inflate(&name, &bytes, &|| library.cancel.get_value())
                            .await
                            .and_then(|inflated| import::read_inflated(&name, &inflated))
                    }
                    Ok(bytes) => import::read_file(&name, &bytes),
                    Err(reason) => Err(Problem {
                        file: name.clone(),
                        place: None,
                        reason,
                    }),
                };
                match read {
                    Ok((format, text)) => plan.files.push(ReadFile { name, format, text }),
                    Err(problem) => plan.unreadable.push(problem),
                }
                next_slice().await;
            }
            if library.cancel.get_value() {
                return library.finish(Summary {
                    cancelled: true,
                    ..Summary::default()
                });
            }
            plan.mappings = proposed_mappings(&plan.files);
            if plan.mappings.is_empty() {
                library.run(Arc::new(plan), Vec::new());
            } else {
                library.import.set(ImportState::Confirm(Arc::new(plan)));
            }
        });
    }

    fn busy(&self) -> bool {
        self.import.with_untracked(|s| {
            matches!(s, ImportState::Reading { .. } | ImportState::Running { .. })
        })
    }

    pub fn cancel(&self) {
        self.cancel.set_value(true);
        if self
            .import
            .with_untracked(|s| matches!(s, ImportState::Confirm(_)))
        {
            self.import.set(ImportState::Idle);
        }
    }

    /// Imports the files of `plan`, records read through `fields`.
    pub fn run(&self, plan: Arc<Plan>, fields: Vec<(Format, Fields)>) {
        for (format, fields) in &fields {
            remember_fields(*format, fields);
        }
        let library = self.clone();
        spawn_local(async move {
            let summary = library.import_plan(&plan, &fields).await;
            library.finish(summary);
        });
    }

    async fn import_plan(&self, plan: &Plan, fields: &[(Format, Fields)]) -> Summary {
        let cancelled = || Summary {
            cancelled: true,
            ..Summary::default()
        };
        let existing: Vec<Article> = match &plan.into {
            Some(id) => match store::articles(id).await {
                Ok(articles) => articles,
                Err(e) => {
                    return Summary {
                        problems: vec![Problem {
                            file: self.name_of(id).unwrap_or_else(|| id.clone()),
                            place: None,
                            reason: format!("could not be added to: {e}"),
                        }],
                        ..Summary::default()
                    }
                }
            },
            None => Vec::new(),
        };
        let mut batch = Batch::new(existing.iter().map(|a| a.text.as_str()));
        let total = plan.files.len();
        let slice = Slice::start();
        for (done, file) in plan.files.iter().enumerate() {
            self.import.set(ImportState::Running {
                stage: "Reading files",
                done,
                total,
            });
            let fields = fields.iter().find(|f| f.0 == file.format).map(|f| &f.1);
            if file.format == Format::JsonLines {
                if file.text.windows_1252 {
                    batch.not_utf8.push(file.name.clone());
                }
                for (first_line, lines) in import::line_slices(&file.text.text, LINES_STEP_BYTES) {
                    batch.add_json_lines(&file.name, lines, first_line, fields);
                    slice.pause_if_due().await;
                    if self.cancel.get_value() {
                        return cancelled();
                    }
                }
            } else {
                batch.add_text(&file.name, file.format, &file.text, fields);
            }
            slice.pause_if_due().await;
            if self.cancel.get_value() {
                return cancelled();
            }
        }
        import::make_ids_unique(&mut batch.articles, existing.iter().map(|a| a.id.as_str()));
        let progress =
            |stage, done, total| self.import.set(ImportState::Running { stage, done, total });
        let stop = || self.cancel.get_value();
        let Some(documents) = analyse(&batch.articles, &progress, &stop).await else {
            return cancelled();
        };
        let mut problems = plan.unreadable.clone();
        problems.extend(batch.problems);
        let mut summary = Summary {
            imported: batch.articles.len(),
            files: plan.files.len() + plan.unreadable.len(),
            duplicates: batch.duplicates,
            problems,
            not_utf8: batch.not_utf8,
            ..Summary::default()
        };
        if batch.articles.is_empty() {
            return summary;
        }
        let (entry, articles, documents, work) = match &plan.into {
            Some(id) => {
                let mut all = match self.opened.get_value() {
                    Some((open, prepared)) if open == *id => prepared.corpus.documents.clone(),
                    _ => match analyse(&existing, &progress, &stop).await {
                        Some(documents) => documents,
                        None => return cancelled(),
                    },
                };
                all.extend(documents);
                let mut articles = existing;
                articles.extend(batch.articles);
                let entry = Entry {
                    id: id.clone(),
                    name: self.name_of(id).unwrap_or_else(|| id.clone()),
                    articles: articles.len(),
                };
                (entry, articles, all, KeptWork::default())
            }
            None => {
                let (name, work) = match batch.corpus_files.as_slice() {
                    [file] => (file.name.clone(), KeptWork::of_file(file)),
                    _ => (new_corpus_name(plan), KeptWork::default()),
                };
                let entry = Entry {
                    id: format!("c{}", js_sys::Date::now() as u64),
                    name,
                    articles: batch.articles.len(),
                };
                (entry, batch.articles, documents, work)
            }
        };
        let Some(prepared) = prepare(documents, &progress, &stop).await else {
            return cancelled();
        };
        let mut kept =
            store::save(&entry, &articles, &|kept, of| progress(KEEPING, kept, of)).await;
        if kept.is_ok() && !work.is_empty() {
            kept = work.keep(&imported_edits_key(&entry.id)).await;
        }
        summary.not_kept = kept.err();
        self.land(entry, prepared, &mut summary);
        summary
    }

    /// Makes a new corpus of a pre-analysed index file (`parallax index`): read, checked, its
    /// text indexed in slices, kept with its analysis so that reopening it needs none.
    async fn open_index_file(&self, file: &web_sys::File, others: usize) -> Summary {
        let name = file.name();
        let failed = |reason: String| Summary {
            files: 1 + others,
            problems: vec![Problem {
                file: name.clone(),
                place: None,
                reason,
            }],
            ..Summary::default()
        };
        self.import.set(ImportState::Reading { done: 0, total: 1 });
        let bytes = match file_bytes(file).await {
            Ok(bytes) => bytes,
            Err(e) => return failed(e),
        };
        let progress =
            |stage, done, total| self.import.set(ImportState::Running { stage, done, total });
        let stop = || self.cancel.get_value();
        let cancelled = || Summary {
            cancelled: true,
            ..Summary::default()
        };
        let index = match read_index(&bytes, &progress, &stop).await {
            Some(Ok(index)) => index,
            Some(Err(e)) => return failed(e),
            None => return cancelled(),
        };
        let entry = Entry {
            id: format!("c{}", js_sys::Date::now() as u64),
            name: index.name.clone(),
            articles: index.documents.len(),
        };
        let Some(prepared) = prepare_indexed(index, &progress, &stop).await else {
            return cancelled();
        };
        // The articles to keep, copied from the documents a slice at a time (150 MB at 10k).
        let mut articles = Vec::with_capacity(entry.articles);
        let documents = &prepared.corpus.documents;
        let copy = |d: &Document| articles.push(Article::of(d));
        if in_slices(KEEPING, documents, copy, &progress, &stop)
            .await
            .is_none()
        {
            return cancelled();
        }
        let mut summary = Summary {
            imported: articles.len(),
            files: 1,
            ..Summary::default()
        };
        if others > 0 {
            summary.problems.push(Problem {
                file: format!("{} other files", others),
                place: None,
                reason: "not imported: an index file is imported on its own".into(),
            });
        }
        let kept =
            match store::save(&entry, &articles, &|kept, of| progress(KEEPING, kept, of)).await {
                Ok(()) => store::save_index(&entry.id, &bytes).await,
                Err(e) => Err(e),
            };
        summary.not_kept = kept.err();
        self.land(entry, prepared, &mut summary);
        summary
    }

    /// Adds `entry` to the list (or updates it) and shows it, prepared.
    fn land(&self, entry: Entry, prepared: Prepared, summary: &mut Summary) {
        summary.corpus = Some((entry.id.clone(), entry.name.clone()));
        self.catalog.update(|c| {
            c.retain(|e| e.id != entry.id);
            c.push(entry.clone());
        });
        self.opened.set_value(Some((entry.id.clone(), prepared)));
        self.landed.update(|n| *n += 1);
        self.show(Some(&entry.id));
    }

    fn finish(&self, summary: Summary) {
        self.import.set(ImportState::Done(Arc::new(summary)));
    }

    /// Renames corpus `id` (in the list and in storage).
    pub fn rename(&self, id: &str, name: &str) {
        let name = name.trim();
        let Some(mut entry) = self
            .catalog
            .with_untracked(|c| c.iter().find(|e| e.id == id).cloned())
        else {
            return;
        };
        if name.is_empty() || name == entry.name {
            return;
        }
        entry.name = name.to_string();
        self.catalog.update(|c| {
            if let Some(e) = c.iter_mut().find(|e| e.id == entry.id) {
                *e = entry.clone();
            }
        });
        let message = self.message;
        spawn_local(async move {
            if let Err(e) = store::save_entry(&entry).await {
                message.set(Some(format!("The new name was not kept: {e}.")));
            }
        });
    }

    /// Deletes corpus `id`, keeping it in memory so that [`Library::undo_delete`] can bring it
    /// back; shows the seeds if it was shown.
    pub fn delete(&self, id: &str, shown: bool) {
        let Some(entry) = self
            .catalog
            .with_untracked(|c| c.iter().find(|e| e.id == id).cloned())
        else {
            return;
        };
        let library = self.clone();
        spawn_local(async move {
            let kept = match store::articles(&entry.id).await {
                Ok(articles) => store::index(&entry.id).await.map(|index| (articles, index)),
                Err(e) => Err(e),
            };
            let (articles, index) = match kept {
                Ok(kept) => kept,
                Err(e) => {
                    return library
                        .message
                        .set(Some(format!("“{}” was not deleted: {e}.", entry.name)))
                }
            };
            if let Err(e) = store::delete(&entry.id).await {
                return library
                    .message
                    .set(Some(format!("“{}” was not deleted: {e}.", entry.name)));
            }
            let key = imported_edits_key(&entry.id);
            let work = KeptWork::read(&key).await;
            let _ = KeptWork::default().keep(&key).await;
            library.catalog.update(|c| c.retain(|e| e.id != entry.id));
            if library.into.get_untracked().as_deref() == Some(entry.id.as_str()) {
                library.into.set(None);
            }
            library.message.set(Some(format!(
                "Deleted “{}” ({}).",
                entry.name,
                counted(entry.articles, "article")
            )));
            library.deleted.set_value(Some(Arc::new(Deleted {
                entry,
                articles,
                index,
                work,
            })));
            library.can_undo_delete.set(true);
            if shown {
                library.show(None);
            }
        });
    }

    /// Brings back the corpus deleted last, with its edits.
    pub fn undo_delete(&self) {
        let Some(deleted) = self.deleted.get_value() else {
            return;
        };
        let library = self.clone();
        spawn_local(async move {
            let mut restored = store::save(&deleted.entry, &deleted.articles, &|_, _| ()).await;
            if let (Ok(()), Some(index)) = (&restored, &deleted.index) {
                restored = store::save_index(&deleted.entry.id, index).await;
            }
            if let Err(e) = restored {
                return library.message.set(Some(format!(
                    "“{}” could not be restored: {e}.",
                    deleted.entry.name
                )));
            }
            let restored = match deleted
                .work
                .keep(&imported_edits_key(&deleted.entry.id))
                .await
            {
                Ok(()) => format!("Restored “{}”.", deleted.entry.name),
                Err(e) => format!(
                    "Restored “{}”, but not its edits and views: {e}.",
                    deleted.entry.name
                ),
            };
            library.catalog.update(|c| {
                c.push(deleted.entry.clone());
                c.sort_by(|a, b| a.id.cmp(&b.id));
            });
            library.deleted.set_value(None);
            library.can_undo_delete.set(false);
            library.message.set(Some(restored));
        });
    }

    /// Offers corpus `id` (none: the built-in one) with its edits and saved views as one file.
    pub fn export(&self, id: Option<&str>) {
        let key = self.edits_key(id);
        let id = id.map(str::to_string);
        let name = match &id {
            Some(id) => self.name_of(id).unwrap_or_else(|| id.clone()),
            None => self.built_in_name.to_string(),
        };
        let message = self.message;
        let built_in = self.built_in.clone();
        spawn_local(async move {
            let articles = match &id {
                Some(id) => match store::articles(id).await {
                    Ok(articles) => articles,
                    Err(e) => return message.set(Some(format!("“{name}” was not exported: {e}."))),
                },
                None => built_in.corpus.documents.iter().map(Article::of).collect(),
            };
            let (edits, views) = KeptWork::read(&key).await.read_back();
            let file = CorpusFile {
                views,
                ..CorpusFile::new(&name, articles, edits)
            };
            super::download(
                &format!("{}.parallax.json", file_stem(&name)),
                "application/json",
                &file.to_json(),
            );
        });
    }
}

/// How far a long piece of work has come: its stage, and items done of the total.
type Progress<'a> = &'a dyn Fn(&'static str, usize, usize);

/// The stage that keeps an imported corpus in the browser's storage.
const KEEPING: &str = "Keeping in this browser";

/// The documents analysed from `articles`, a slice at a time; none if cancelled on the way.
async fn analyse(
    articles: &[Article],
    progress: Progress<'_>,
    cancelled: &dyn Fn() -> bool,
) -> Option<Vec<Document>> {
    let mut documents = Vec::with_capacity(articles.len());
    in_slices(
        "Analysing",
        articles,
        |a| documents.push(a.analyze()),
        progress,
        cancelled,
    )
    .await?;
    Some(documents)
}

/// `documents` ready to explore: their entities found and their text indexed, a slice at a
/// time; none if cancelled on the way.
async fn prepare(
    documents: Vec<Document>,
    progress: Progress<'_>,
    cancelled: &dyn Fn() -> bool,
) -> Option<Prepared> {
    let corpus = Corpus { documents };
    let mut resolver = Resolver::default();
    let docs = &corpus.documents;
    in_slices(
        "Finding entities",
        docs,
        |d| resolver.add(d),
        progress,
        cancelled,
    )
    .await?;
    progress("Connecting entities", docs.len(), docs.len());
    let slice = Slice::start();
    let automatic = resolver
        .finish_pausing(&corpus, || slice.pause_if_due())
        .await;
    indexed(corpus, automatic, progress, cancelled).await
}

/// A pre-analysed corpus ready to explore: only its text is indexed, a slice at a time.
async fn prepare_indexed(
    index: IndexFile,
    progress: Progress<'_>,
    cancelled: &dyn Fn() -> bool,
) -> Option<Prepared> {
    let corpus = Corpus {
        documents: index.documents,
    };
    indexed(corpus, index.entities, progress, cancelled).await
}

/// The index file `bytes` hold, its documents read a slice at a time; none if cancelled.
async fn read_index(
    bytes: &[u8],
    progress: Progress<'_>,
    cancelled: &dyn Fn() -> bool,
) -> Option<Result<IndexFile, String>> {
    let mut reader = match IndexReader::new(bytes) {
        Ok(reader) => reader,
        Err(e) => return Some(Err(e)),
    };
    let total = reader.documents;
    let mut documents = Vec::with_capacity(total);
    let slice = Slice::start();
    progress(READING_INDEX, 0, total);
    for document in reader.by_ref() {
        match document {
            Ok(document) => documents.push(document),
            Err(e) => return Some(Err(e)),
        }
        if slice.is_due() {
            progress(READING_INDEX, documents.len(), total);
            slice.pause().await;
            if cancelled() {
                return None;
            }
        }
    }
    next_slice().await;
    let name = reader.name.clone();
    Some(reader.entities().map(|entities| IndexFile {
        name,
        documents,
        entities,
    }))
}

/// The stage that reads the documents of an index file.
const READING_INDEX: &str = "Reading the index";

/// `corpus` with its entities ready to explore: its text indexed a slice at a time, then the
/// search index over both, each of the three finishing steps in a task of its own (at 10,000
/// articles each is 50–100 ms in the browser).
async fn indexed(
    corpus: Corpus,
    automatic: EntityIndex,
    progress: Progress<'_>,
    cancelled: &dyn Fn() -> bool,
) -> Option<Prepared> {
    let mut text = TextIndexBuilder::default();
    in_slices(
        "Indexing",
        &corpus.documents,
        |d| text.add(d),
        progress,
        cancelled,
    )
    .await?;
    let text = Arc::new(text.finish());
    next_slice().await;
    let facets = FacetIndex::build(&corpus, &automatic);
    next_slice().await;
    let unedited = Index::with_facets(text, facets, &automatic);
    Some(Prepared::new(corpus, automatic, unedited))
}

/// `articles` analysed and prepared to explore.
async fn open(
    articles: &[Article],
    progress: Progress<'_>,
    cancelled: &dyn Fn() -> bool,
) -> Option<Prepared> {
    let documents = analyse(articles, progress, cancelled).await?;
    prepare(documents, progress, cancelled).await
}

/// Runs `each` over `items` in slices of [`SLICE_MS`], reporting progress between them; none if
/// cancelled.
async fn in_slices<T>(
    stage: &'static str,
    items: &[T],
    mut each: impl FnMut(&T),
    progress: Progress<'_>,
    cancelled: &dyn Fn() -> bool,
) -> Option<()> {
    let slice = Slice::start();
    progress(stage, 0, items.len());
    for (done, item) in items.iter().enumerate() {
        each(item);
        if slice.is_due() {
            progress(stage, done + 1, items.len());
            slice.pause().await;
            if cancelled() {
                return None;
            }
        }
    }
    Some(())
}

/// A stretch of work between two yields to the browser (shared: a pause callback can hold it).
struct Slice {
    started: std::cell::Cell<f64>,
}

impl Slice {
    fn start() -> Slice {
        Slice {
            started: std::cell::Cell::new(js_sys::Date::now()),
        }
    }

    fn is_due(&self) -> bool {
        js_sys::Date::now() - self.started.get() >= SLICE_MS
    }

    async fn pause(&self) {
        next_slice().await;
        self.started.set(js_sys::Date::now());
    }

    async fn pause_if_due(&self) {
        if self.is_due() {
            self.pause().await;
        }
    }
}

/// Lets the browser paint and handle input before the work goes on.
pub(crate) async fn next_slice() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// How many bytes of a gzipped file are inflated in one step (64 KB–16 MB): a few ms of work.
const INFLATE_STEP_BYTES: usize = 1 << 20;

/// A gzipped file's bytes inflated a slice at a time (a cancelled import stops early; what was
/// inflated is then thrown away with it).
async fn inflate(
    name: &str,
    bytes: &[u8],
    cancelled: &dyn Fn() -> bool,
) -> Result<Vec<u8>, Problem> {
    let mut inflate = import::Inflate::new(bytes);
    let slice = Slice::start();
    loop {
        match inflate.step(INFLATE_STEP_BYTES) {
            Ok(true) => return Ok(inflate.into_bytes()),
            Ok(false) if cancelled() => return Ok(Vec::new()),
            Ok(false) => slice.pause_if_due().await,
            Err(reason) => {
                return Err(Problem {
                    file: name.to_string(),
                    place: None,
                    reason,
                })
            }
        }
    }
}

async fn file_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let unreadable = |_| "the browser could not read the file".to_string();
    let size = file.size() as usize;
    let mut bytes = Vec::with_capacity(size);
    // A piece at a time: each is read and copied in a task of its own.
    for start in (0..size).step_by(READ_STEP_BYTES) {
        let end = (start + READ_STEP_BYTES).min(size);
        let piece = file
            .slice_with_f64_and_f64(start as f64, end as f64)
            .map_err(unreadable)?;
        let buffer = wasm_bindgen_futures::JsFuture::from(piece.array_buffer())
            .await
            .map_err(unreadable)?;
        let piece = js_sys::Uint8Array::new(&buffer);
        let at = bytes.len();
        bytes.resize(at + piece.length() as usize, 0);
        piece.copy_to(&mut bytes[at..]);
    }
    Ok(bytes)
}

/// How many bytes of a file are read in one step (1–64 MB): a copy of a few milliseconds.
const READ_STEP_BYTES: usize = 8 << 20;

/// For each record format among `files`, the keys its records use and the mapping to propose:
/// the one used last time for this format when its text field is among the keys, else the one
/// the keys suggest.
fn proposed_mappings(files: &[ReadFile]) -> Vec<(Format, Vec<String>, Fields)> {
    let mut mappings: Vec<(Format, Vec<String>, Fields)> = Vec::new();
    for format in [Format::Json, Format::JsonLines, Format::Csv] {
        let mut keys: Vec<String> = Vec::new();
        for file in files.iter().filter(|f| f.format == format) {
            for key in import::record_keys(format, &file.text.text) {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
        if keys.is_empty() {
            continue;
        }
        let fields = remembered_fields(format)
            .filter(|f| keys.contains(&f.text))
            .map(|mut f| {
                for field in [
                    &mut f.title,
                    &mut f.source,
                    &mut f.date,
                    &mut f.author,
                    &mut f.url,
                    &mut f.id,
                ] {
                    field.take_if(|k| !keys.contains(k));
                }
                f
            })
            .unwrap_or_else(|| Fields::guess(keys.iter().map(String::as_str)));
        mappings.push((format, keys, fields));
    }
    mappings
}

const FIELDS_KEY: &str = "parallax.fields.v1.";

fn format_key(format: Format) -> &'static str {
    match format {
        Format::Json => "json",
        Format::JsonLines => "jsonl",
        Format::Csv => "csv",
        Format::Text => "text",
        Format::Html => "html",
    }
}

fn remembered_fields(format: Format) -> Option<Fields> {
    let json = store::local_storage()?
        .get_item(&format!("{FIELDS_KEY}{}", format_key(format)))
        .ok()??;
    serde_json::from_str(&json).ok()
}

fn remember_fields(format: Format, fields: &Fields) {
    if let Some(s) = store::local_storage() {
        let json = serde_json::to_string(fields).expect("fields serialise");
        let _ = s.set_item(&format!("{FIELDS_KEY}{}", format_key(format)), &json);
    }
}

/// A new corpus's name: its first file's, and how many more came with it.
fn new_corpus_name(plan: &Plan) -> String {
    let first = plan.files.first().map_or("Imported articles", |f| &f.name);
    match plan.files.len() + plan.unreadable.len() {
        0 | 1 => first.to_string(),
        n => format!("{first} and {} more", n - 1),
    }
}

/// `name` as a file name: letters, digits, '-' and '_' kept, the rest '-'.
fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches('-');
    if stem.is_empty() {
        "corpus".into()
    } else {
        stem.to_string()
    }
}

/// The page for whichever corpus the URL names (`corpus=`; none: the built-in one), with the
/// library every part of it shares, and files dropped anywhere imported.
#[component]
pub(crate) fn CorpusShown(built_in: Prepared, name: String, edits_key: String) -> impl IntoView {
    let library = Library::new(
        super::navigation::navigator(),
        built_in.clone(),
        &name,
        &edits_key,
    );
    provide_context(library.clone());
    super::navigation::follow_own_links();
    let query = use_query_map();
    let id = Memo::new(move |_| query.with(|q| q.get("corpus")).filter(|c| !c.is_empty()));
    let dragging = RwSignal::new(false);
    let over = window_event_listener(leptos::ev::dragover, move |ev| {
        if carries_files(&ev) {
            ev.prevent_default();
            dragging.set(true);
        }
    });
    let leave = window_event_listener(leptos::ev::dragleave, move |ev| {
        if ev.related_target().is_none() {
            dragging.set(false);
        }
    });
    let dropped = {
        let library = library.clone();
        window_event_listener(leptos::ev::drop, move |ev| {
            dragging.set(false);
            if !carries_files(&ev) {
                return;
            }
            ev.prevent_default();
            let Some(dropped) = ev.data_transfer().map(|d| Dropped::take(&d)) else {
                return;
            };
            let library = library.clone();
            spawn_local(async move {
                let (files, problems) = dropped.files().await;
                library.start_with(files, problems);
            });
        })
    };
    on_cleanup(move || {
        over.remove();
        leave.remove();
        dropped.remove();
    });
    let landed = library.landed;
    view! {
        {move || match (id.get(), landed.track()).0 {
            None => {
                view! {
                    <Explorer
                        prepared=built_in.clone()
                        name=Signal::stored(name.clone())
                        edits_key=edits_key.clone()
                    />
                }
                    .into_any()
            }
            Some(id) => view! { <OpenCorpus id /> }.into_any(),
        }}
        <Show when=move || dragging.get()>
            <div class="drop-overlay" aria-hidden="true">
                <p>"Drop the files to import them"</p>
            </div>
        </Show>
    }
}

/// The corpus a single-file page carries (`parallax build-page`), if this is one.
pub(crate) fn page_corpus() -> Option<Result<CorpusFile, String>> {
    let element = document().get_element_by_id(import::PAGE_CORPUS_ID)?;
    let json = element.text_content().unwrap_or_default();
    Some(
        serde_json::from_str::<serde_json::Value>(&json)
            .map_err(|e| format!("its data is not JSON ({e})"))
            .and_then(|value| {
                CorpusFile::read(&value)
                    .unwrap_or_else(|| Err("its data is not a Parallax corpus".into()))
            }),
    )
}

/// A single-file page: its corpus analysed (with progress), then shown in place of the seeds.
#[component]
pub(crate) fn PageCorpus(file: Result<CorpusFile, String>) -> impl IntoView {
    let file = match file {
        Ok(file) => file,
        Err(e) => {
            return view! {
                <div class="corpus-loading" role="alert">
                    <h1>"This page's corpus could not be read"</h1>
                    <p>{format!("{e}. Build the page again with `parallax build-page`.")}</p>
                </div>
            }
            .into_any()
        }
    };
    let edits_key = page_edits_key(&file.name);
    let brought = KeptWork::of_file(&file);
    let loaded = RwSignal::new(None::<Prepared>);
    let progress = RwSignal::new(("Analysing", 0usize, file.articles.len()));
    let articles = file.articles;
    let key = edits_key.clone();
    spawn_local(async move {
        // The page's edits and views start as it brought them, and then are the user's.
        if !brought.is_empty() && KeptWork::read(&key).await.is_empty() {
            let _ = brought.keep(&key).await;
        }
        let report = |stage, done, total| progress.set((stage, done, total));
        if let Some(prepared) = open(&articles, &report, &|| false).await {
            loaded.set(Some(prepared));
        }
    });
    let name = file.name;
    let shown = move || match loaded.get() {
        Some(built_in) => {
            let (name, edits_key) = (name.clone(), edits_key.clone());
            view! {
                <leptos_router::components::Router>
                    <CorpusShown built_in name edits_key />
                </leptos_router::components::Router>
            }
            .into_any()
        }
        None => analysing_view(Signal::stored(name.clone()), progress).into_any(),
    };
    shown.into_any()
}

fn analysing_view(
    name: Signal<String>,
    progress: RwSignal<(&'static str, usize, usize)>,
) -> impl IntoView {
    view! {
        <div class="corpus-loading" role="status">
            <h1>{move || format!("Opening {}", name.get())}</h1>
            <progress max=move || progress.get().2.max(1) value=move || progress.get().1></progress>
            <p>
                {move || {
                    let (stage, done, total) = progress.get();
                    format!("{stage}: {done} of {}", counted(total, "article"))
                }}
            </p>
        </div>
    }
}

fn carries_files(ev: &web_sys::DragEvent) -> bool {
    ev.data_transfer().is_some_and(|d| {
        d.types()
            .iter()
            .any(|t| t.as_string().as_deref() == Some("Files"))
    })
}

pub(crate) fn files_of(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// An imported corpus: read from storage and analysed (with progress), then explored.
#[component]
fn OpenCorpus(id: String) -> impl IntoView {
    let library = expect_context::<Library>();
    let loaded = RwSignal::new(None::<Result<Prepared, String>>);
    let progress = RwSignal::new(("Reading", 0usize, 0usize));
    match library.opened.get_value() {
        Some((opened, prepared)) if opened == id => loaded.set(Some(Ok(prepared))),
        _ => {
            let gone = Arc::new(std::sync::atomic::AtomicBool::new(false));
            let flag = gone.clone();
            on_cleanup(move || flag.store(true, std::sync::atomic::Ordering::Relaxed));
            let library = library.clone();
            let id = id.clone();
            spawn_local(async move {
                let is_gone = || gone.load(std::sync::atomic::Ordering::Relaxed);
                let report = |stage, done, total| {
                    if !is_gone() {
                        progress.set((stage, done, total));
                    }
                };
                // A stored index that cannot be read is passed over: the articles are analysed.
                let index = match store::index(&id).await.ok().flatten() {
                    Some(bytes) => match read_index(&bytes, &report, &is_gone).await {
                        Some(index) => index.ok(),
                        None => return,
                    },
                    None => None,
                };
                let prepared = match index {
                    Some(index) => prepare_indexed(index, &report, &is_gone).await,
                    None => match store::articles(&id).await {
                        Ok(articles) => open(&articles, &report, &is_gone).await,
                        Err(e) => return loaded.set(Some(Err(e))),
                    },
                };
                if let Some(prepared) = prepared {
                    library.opened.set_value(Some((id, prepared.clone())));
                    loaded.set(Some(Ok(prepared)));
                }
            });
        }
    }
    let name = {
        let library = library.clone();
        let id = id.clone();
        Signal::derive(move || library.name_of(&id).unwrap_or_else(|| id.clone()))
    };
    move || match loaded.get() {
        Some(Ok(prepared)) => view! {
            <Explorer prepared name edits_key=imported_edits_key(&id) />
        }
        .into_any(),
        Some(Err(e)) => view! {
            <div class="corpus-loading" role="alert">
                <h1>"This corpus could not be opened"</h1>
                <p>{format!("{}: {e}.", name.get_untracked())}</p>
                <a href="?">"Open the seed corpus"</a>
            </div>
        }
        .into_any(),
        None => analysing_view(name, progress).into_any(),
    }
}

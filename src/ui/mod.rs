//! The page: a thin Leptos layer over the core. Components are named for what the user sees.
//!
//! **Document text is only ever rendered as text nodes, never parsed as HTML.**
//! **View state is read from and written to the URL ([`crate::view_state`]), never kept aside**
//! — except the query being typed, for the moment until typing pauses ([`Page::type_query`]).

mod compare_view;
mod concordance_view;
mod corpus_panel;
mod document_list;
mod dropped;
mod edits;
mod entity_browser;
mod entity_graph;
mod facet_panel;
mod kept;
mod library;
mod navigation;
mod reader;
mod saved_views;
mod store;

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::{use_location, use_query_map};
use leptos_router::NavigateOptions;

use crate::corpus::Corpus;
use crate::curation::{apply, Outcome};
use crate::entities::{resolve, EntityIndex};
use crate::view_state::{Pane, ViewState};
use compare_view::CompareView;
use concordance_view::ConcordanceView;
use corpus_panel::CorpusMenu;
use document_list::DocumentList;
use edits::EditStore;
use entity_browser::EntityBrowser;
use entity_graph::EntityGraph;
use library::{CorpusShown, PageCorpus};
use reader::{Reader, Welcome};
use saved_views::SavedViewsMenu;

/// What every component of the page shares: the corpus and the URL-backed view state.
#[derive(Clone)]
pub(crate) struct Page {
    corpus: Arc<Corpus>,
    /// The entity index with the user's edits applied (recomputed, a step per task, when they
    /// change: [`curate`]).
    entities: ReadSignal<Curated>,
    /// The search index over the curated entities (rebuilt with them).
    search: ReadSignal<SearchIndex>,
    /// Whether edits are being applied: the page still shows the entities before them.
    applying: ReadSignal<bool>,
    /// The documents the query matches, best first (all of them, in order, without a query),
    /// before the facet selections: what facet counts are over.
    matched: Memo<Vec<usize>>,
    /// The documents listed: `matched` narrowed by the facet selections.
    listed: Memo<Vec<usize>>,
    edits: EditStore,
    /// The views the user saved for this corpus.
    views: kept::Kept<Vec<crate::view_state::SavedView>>,
    /// The documents' sources, for per-source counts.
    sources: Arc<crate::corpus::Sources>,
    /// The shingle index of the corpus (`src/shingles.rs`), once a comparison has needed it.
    shingles: RwSignal<Option<Arc<crate::shingles::ShingleIndex>>>,
    /// The view shown: the URL's, with the query being typed in place of the URL's query.
    state: Memo<ViewState>,
    /// The view in the URL.
    url_state: Memo<ViewState>,
    /// The facet selections (from the URL; typing does not touch them).
    facets: Memo<crate::facets::Selection>,
    /// The query as typed, until the URL catches up with it ([`Page::type_query`]).
    typed: RwSignal<Option<String>>,
    /// The pending write of the typed query into the URL.
    url_write: StoredValue<Option<TimeoutHandle>>,
    pathname: Memo<String>,
    navigate: Navigate,
}

/// How long after the last keystroke the typed query is written into the URL, in ms (100–1000).
/// A navigation re-reads the whole URL state and notifies everything that depends on it, which
/// costs a few ms of the 16 ms a keystroke has; the results follow every keystroke at once, and
/// the address catches up when typing pauses (or at once on Enter, on leaving the box, or on any
/// other navigation, which carries the typed query with it).
const QUERY_URL_DELAY_MS: u64 = 400;

/// The router's navigate function, kept so event handlers (outside the reactive owner) can use it.
pub(crate) type Navigate = Arc<dyn Fn(&str, NavigateOptions) + Send + Sync>;

/// The curated entity index and what became of each edit. With no edits it is the automatic
/// index itself, not a copy.
#[derive(Clone)]
pub(crate) struct Curated {
    index: Arc<EntityIndex>,
    outcomes: Arc<Vec<Outcome>>,
}

impl Curated {
    fn index(&self) -> &EntityIndex {
        &self.index
    }
    fn outcomes(&self) -> &[Outcome] {
        &self.outcomes
    }
}

/// The search index over the curated entities.
#[derive(Clone)]
pub(crate) struct SearchIndex(Arc<crate::search::Index>);

impl Page {
    /// The link that shows `state`, on the page's own path (whatever sub-path it is served from).
    fn href(&self, state: &ViewState) -> String {
        format!("{}{}", self.pathname.get_untracked(), state.to_query())
    }

    /// Shows `state`: a new history entry, or (`replace`) an in-place change such as a toggle.
    fn go(&self, state: &ViewState, replace: bool) {
        self.cancel_url_write();
        // Until the router has read the new URL, the query shown is the one being written.
        if self.url_state.with_untracked(|u| u.query != state.query)
            && self
                .typed
                .with_untracked(|t| t.as_ref() != Some(&state.query))
        {
            self.typed.set(Some(state.query.clone()));
        }
        let options = NavigateOptions {
            replace,
            scroll: false,
            ..Default::default()
        };
        (self.navigate)(&self.href(state), options);
    }

    /// Shows the results for `query` at once, and writes it into the URL when typing pauses.
    fn type_query(&self, query: String) {
        self.cancel_url_write();
        self.typed.set(Some(query));
        let page = self.clone();
        let write = move || page.write_typed_query();
        let handle = set_timeout_with_handle(write, Duration::from_millis(QUERY_URL_DELAY_MS));
        self.url_write.set_value(handle.ok());
    }

    /// Writes the query being typed into the URL now (if it is not there yet).
    fn write_typed_query(&self) {
        self.cancel_url_write();
        if self.typed.with_untracked(Option::is_some) {
            self.go(&self.state.get_untracked(), true);
        }
    }

    fn cancel_url_write(&self) {
        if let Some(handle) = self.url_write.get_value() {
            handle.clear();
            self.url_write.set_value(None);
        }
    }
}

/// The whole app: the embedded seed corpus — or, in a single-file page, the corpus it carries —
/// and those the user imports.
#[component]
pub fn App() -> impl IntoView {
    if let Some(file) = library::page_corpus() {
        return view! { <PageCorpus file /> }.into_any();
    }
    let built_in = Prepared::now(Corpus::embedded());
    view! {
        <Router>
            <CorpusShown
                built_in
                name="Seed corpus".to_string()
                edits_key=library::SEED_EDITS_KEY.to_string()
            />
        </Router>
    }
    .into_any()
}

/// The app with another built-in corpus in place of the seeds, named `name` in the top bar, its
/// edits saved under `edits_key`: the page benchmarks' way in.
pub fn mount_corpus(corpus: Corpus, name: &'static str, edits_key: &'static str) {
    let built_in = Prepared::now(corpus);
    leptos::mount::mount_to_body(move || {
        view! {
            <Router>
                <CorpusShown
                    built_in=built_in.clone()
                    name=name.to_string()
                    edits_key=edits_key.to_string()
                />
            </Router>
        }
    });
}

/// A corpus ready to explore: its documents, the entities found in them and its text index — the
/// costly reading, done before the page shows it (a slice at a time for a stored or imported
/// corpus, `library::prepare`).
#[derive(Clone)]
pub(crate) struct Prepared {
    corpus: Arc<Corpus>,
    /// The entities as found, before the user's edits.
    automatic: Arc<EntityIndex>,
    text: Arc<crate::search::TextIndex>,
    /// The search index over the automatic entities, built while preparing, so that a corpus
    /// with no edits shows without building it in the first frame (at 10,000 articles that is
    /// ~100 ms of its own).
    unedited: Arc<crate::search::Index>,
}

impl Prepared {
    /// `corpus` prepared at once (the seeds; the benchmarks' corpus).
    fn now(corpus: Corpus) -> Prepared {
        let automatic = resolve(&corpus);
        let text = Arc::new(crate::search::TextIndex::build(&corpus));
        let unedited = crate::search::Index::over(text, &corpus, &automatic);
        Prepared::new(corpus, automatic, unedited)
    }

    /// `corpus` with its entities and the search index over them.
    fn new(corpus: Corpus, automatic: EntityIndex, unedited: crate::search::Index) -> Prepared {
        Prepared {
            text: unedited.text().clone(),
            unedited: Arc::new(unedited),
            automatic: Arc::new(automatic),
            corpus: Arc::new(corpus),
        }
    }
}

/// The entities with the user's `edits` applied and the search index over them, kept current:
/// each change is applied in three tasks (the edits, the facets, the search index) so that at
/// 10,000 articles an edit never holds the page for the ~250 ms it takes, with a flag that is
/// true meanwhile. A change made while one is applied supersedes it.
fn curate(
    edits: RwSignal<crate::curation::Curation>,
    prepared: Prepared,
) -> (
    ReadSignal<Curated>,
    ReadSignal<SearchIndex>,
    ReadSignal<bool>,
) {
    let Prepared {
        corpus,
        automatic,
        text,
        unedited,
    } = prepared;
    let (entities, set_entities) = signal(Curated {
        index: automatic.clone(),
        outcomes: Arc::default(),
    });
    let (search, set_search) = signal(SearchIndex(unedited.clone()));
    let (applying, set_applying) = signal(false);
    let latest = StoredValue::new(0u64);
    Effect::new(move |_| {
        let curation = edits.get();
        let generation = latest.get_value() + 1;
        latest.set_value(generation);
        let current = move || latest.try_get_value() == Some(generation);
        if curation.edits.is_empty() {
            set_entities.set(Curated {
                index: automatic.clone(),
                outcomes: Arc::default(),
            });
            set_search.set(SearchIndex(unedited.clone()));
            set_applying.set(false);
            return;
        }
        set_applying.set(true);
        let (corpus, automatic, text) = (corpus.clone(), automatic.clone(), text.clone());
        // Lets the page run, then says whether this change is still the latest.
        let still_current = move || async move {
            library::next_slice().await;
            current()
        };
        leptos::task::spawn_local(async move {
            if !still_current().await {
                return;
            }
            let (index, outcomes) = apply((*automatic).clone(), &corpus, &curation);
            if !still_current().await {
                return;
            }
            let facets = crate::facets::FacetIndex::build(&corpus, &index);
            if !still_current().await {
                return;
            }
            let search = crate::search::Index::with_facets(text, facets, &index);
            set_entities.set(Curated {
                index: Arc::new(index),
                outcomes: Arc::new(outcomes),
            });
            set_search.set(SearchIndex(Arc::new(search)));
            set_applying.set(false);
        });
    });
    (entities, search, applying)
}

/// Everything shown for one corpus: the top bar, the side pane and the main pane.
#[component]
fn Explorer(prepared: Prepared, name: Signal<String>, edits_key: String) -> impl IntoView {
    let corpus = prepared.corpus.clone();
    let query = use_query_map();
    let url_state = Memo::new(move |_| {
        query.with(|q| ViewState::from_query(|k| q.get_all(k).unwrap_or_default()))
    });
    let typed = RwSignal::new(None::<String>);
    let state = Memo::new(move |_| {
        let mut state = url_state.get();
        if let Some(query) = typed.get() {
            state.query = query;
        }
        state
    });
    // Once the URL changes — the typed query written, a navigation carrying it, or Back — the
    // URL is right again, and a pending write of what was typed before is dropped.
    let url_write = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        url_state.track();
        if let Some(handle) = url_write.get_value() {
            handle.clear();
            url_write.set_value(None);
        }
        if typed.with_untracked(Option::is_some) {
            typed.set(None);
        }
    });
    let facets = Memo::new(move |_| url_state.with(|s| s.facets.clone()));
    let edits = EditStore::load(edits_key.clone());
    let views = kept::Kept::load(edits_key);
    let (entities, search, applying) = curate(edits.current, prepared);
    let matched = {
        let total = corpus.documents.len();
        Memo::new(move |_| {
            let query = state.with(|s| crate::query::parse(&s.query));
            if query.is_empty() {
                return (0..total).collect::<Vec<usize>>();
            }
            let index = search.get();
            let hits = index.0.search(&query, crate::search::Options::default());
            hits.into_iter().map(|hit| hit.doc).collect()
        })
    };
    let listed = Memo::new(move |_| {
        let index = search.get();
        facets.with(|selection| matched.with(|m| index.0.facets().filter(m, selection)))
    });
    // The browser compiles wasm a function at a time, when first called: run a search and a
    // snippet once while the page is idle, so that the first keystroke does not pay for it.
    {
        let corpus = corpus.clone();
        request_idle_callback(move || {
            // The page may have moved on to another corpus by then.
            let Some(index) = search.try_get_untracked() else {
                return;
            };
            let query = crate::query::parse("the");
            let hits = index.0.search(&query, crate::search::Options::default());
            if let Some(hit) = hits.first() {
                crate::search::Highlighter::new(&query).snippet(&corpus.documents[hit.doc]);
            }
        });
    }
    let page = Page {
        entities,
        search,
        applying,
        matched,
        listed,
        edits,
        views,
        sources: Arc::new(corpus.sources()),
        shingles: RwSignal::new(None),
        corpus: corpus.clone(),
        state,
        url_state,
        facets,
        typed,
        url_write,
        pathname: use_location().pathname,
        navigate: navigation::navigator(),
    };
    provide_context(page.clone());

    let keys = {
        let page = page.clone();
        window_event_listener(leptos::ev::keydown, move |ev| on_key(&page, &ev))
    };
    on_cleanup(move || keys.remove());

    let doc_id = Memo::new(move |_| url_state.with(|s| s.doc.clone()));
    let kwic = Memo::new(move |_| url_state.with(|s| s.kwic.is_some()));
    let graph = Memo::new(move |_| url_state.with(|s| s.graph.is_some()));
    let comparing = Memo::new(move |_| url_state.with(|s| s.compare.is_some()));
    // On a narrow screen the main pane replaces the list when it shows something.
    let has_doc =
        move || doc_id.with(Option::is_some) || kwic.get() || graph.get() || comparing.get();
    let doc_count = corpus.documents.len();
    let outlets = corpus.outlet_count();
    let reader_page = page.clone();
    view! {
        <div class="explorer" class:has-doc=has_doc>
            <header class="topbar">
                <span class="brand">"Parallax"</span>
                <CorpusMenu summary=Signal::derive(move || {
                    format!(
                        "{} · {} · {}",
                        name.get(),
                        counted(doc_count, "article"),
                        counted(outlets, "named outlet"),
                    )
                }) />
                <SavedViewsMenu />
                <span class="key-hint" aria-hidden="true">
                    <kbd>"j"</kbd>
                    " / "
                    <kbd>"k"</kbd>
                    " next / previous"
                </span>
            </header>
            <SidePane />
            <main class="reader-pane" id="reader-pane">
                {move || {
                    match doc_id.get() {
                        Some(id) => view! { <Reader id page=reader_page.clone() /> }.into_any(),
                        None if comparing.get() => view! { <CompareView /> }.into_any(),
                        None if kwic.get() => view! { <ConcordanceView /> }.into_any(),
                        None if graph.get() => view! { <EntityGraph /> }.into_any(),
                        None => view! { <Welcome /> }.into_any(),
                    }
                }}
            </main>
        </div>
    }
}

/// The left pane: the document list or the entity browser, switched by tabs.
#[component]
fn SidePane() -> impl IntoView {
    let page = expect_context::<Page>();
    let state = page.state;
    let tab = move |pane: Pane, label: Signal<String>| {
        let page = page.clone();
        let href = move || {
            page.href(&ViewState {
                pane,
                ..state.get()
            })
        };
        let current = move || state.with(|s| s.pane == pane);
        view! {
            <a class="pane-tab" href=href aria-current=move || current().then_some("page")>{label}</a>
        }
    };
    // A memo: the panel is rebuilt when the pane changes, not on every change of the state
    // (a keystroke in the search box would otherwise rebuild the whole list and its filters).
    let pane = Memo::new(move |_| state.with(|s| s.pane));
    let docs = expect_context::<Page>().corpus.documents.len();
    let listed = expect_context::<Page>().listed;
    let filtering = move || state.with(|s| !s.query.trim().is_empty() || !s.facets.is_empty());
    let documents = move || {
        if filtering() {
            format!("Documents {} of {docs}", listed.with(Vec::len))
        } else {
            format!("Documents {docs}")
        }
    };
    let curated = expect_context::<Page>().entities;
    let entities =
        move || curated.with(|c| c.index().entities.iter().filter(|e| !e.hidden).count());
    view! {
        <aside class="side-pane">
            <nav class="pane-tabs" aria-label="Panels">
                {tab(Pane::Documents, Signal::derive(documents))}
                {tab(Pane::Entities, Signal::derive(move || format!("Entities {}", entities())))}
            </nav>
            {move || match pane.get() {
                Pane::Documents => view! { <DocumentList /> }.into_any(),
                Pane::Entities => view! { <EntityBrowser /> }.into_any(),
            }}
        </aside>
    }
}

/// A copy of `source` that follows it once it has stopped changing for `pause_ms`: for work
/// that should wait for typing to pause (facet counts, the graph) while the results follow every
/// keystroke.
pub(crate) fn settled<T>(source: Memo<Vec<T>>, pause_ms: u64) -> RwSignal<Vec<T>>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let copy = RwSignal::new(source.get_untracked());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |first: Option<()>| {
        source.track();
        if first.is_none() {
            return;
        }
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let update = move || copy.set(source.get_untracked());
        let handle = set_timeout_with_handle(update, Duration::from_millis(pause_ms));
        pending.set_value(handle.ok());
    });
    on_cleanup(move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
    });
    copy
}

/// A top-bar button (`.{name}-menu`, labelled `label`) that opens and closes its panel
/// (`#{name}-panel`, headed `heading`, holding `contents`); Escape or Close closes it.
#[component]
pub(crate) fn TopbarMenu(
    name: &'static str,
    title: &'static str,
    heading: &'static str,
    open: RwSignal<bool>,
    label: Signal<String>,
    #[prop(into)] contents: ViewFn,
) -> impl IntoView {
    let panel = format!("{name}-panel");
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            open.set(false);
        }
    };
    view! {
        <button
            class=format!("{name}-menu")
            aria-expanded=move || open.get().to_string()
            aria-controls=panel.clone()
            title=title
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {label}
            <span aria-hidden="true">" ▾"</span>
        </button>
        <Show when=move || open.get()>
            <section id=panel.clone() class=panel.clone() aria-label=heading on:keydown=on_key>
                <header class="panel-head">
                    <h2>{heading}</h2>
                    <button class="close" on:click=move |_| open.set(false)>
                        "Close"
                    </button>
                </header>
                {contents.run()}
            </section>
        </Show>
    }
}

/// The input named `name` of the form `ev` submits.
pub(crate) fn submitted_input(
    ev: &leptos::ev::SubmitEvent,
    name: &str,
) -> Option<web_sys::HtmlInputElement> {
    use wasm_bindgen::JsCast;
    ev.target()?
        .dyn_into::<web_sys::HtmlFormElement>()
        .ok()?
        .elements()
        .named_item(name)?
        .dyn_into()
        .ok()
}

/// Offers `text` as a file download named `name`.
pub(crate) fn download(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) {
        download_blob(name, &blob);
    }
}

/// Offers `blob` as a file download named `name`.
pub(crate) fn download_blob(name: &str, blob: &web_sys::Blob) {
    use wasm_bindgen::JsCast;
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    let link: web_sys::HtmlAnchorElement = document().create_element("a").unwrap().unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Scrolls `el` into view within its scrolling pane, placed at `block`.
pub(crate) fn scroll_into_view(el: &web_sys::Element, block: web_sys::ScrollLogicalPosition) {
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(block);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
}

/// "1 article", "5 articles".
pub(crate) fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `j`/`k` step through the document list, `n`/`N` through the open document's search hits
/// (ignored while typing in a field).
fn on_key(page: &Page, ev: &leptos::ev::KeyboardEvent) {
    if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || typing_in_field(ev) {
        return;
    }
    if ev.key() == "/" {
        if let Some(input) = document()
            .query_selector(".search-box")
            .ok()
            .flatten()
            .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
        {
            ev.prevent_default();
            let _ = input.focus();
        }
        return;
    }
    let state = page.state.get_untracked();
    if let ("n" | "N", Some(doc)) = (ev.key().as_str(), state.doc.as_deref()) {
        let Some(doc) = page.corpus.get(doc) else {
            return;
        };
        let hits = crate::search::hits(doc, &crate::query::parse(&state.query));
        ev.prevent_default();
        reader::step_through_hits(page, &hits, if ev.key() == "n" { 1 } else { -1 });
        return;
    }
    let step: isize = match ev.key().as_str() {
        "j" => 1,
        "k" => -1,
        _ => return,
    };
    let listed = page.listed.get_untracked();
    if listed.is_empty() {
        return;
    }
    let open = state.doc.as_deref().and_then(|id| page.corpus.position(id));
    let current = open.and_then(|d| listed.iter().position(|&l| l == d));
    let next = match current {
        Some(i) => (i as isize + step).clamp(0, listed.len() as isize - 1) as usize,
        None if step > 0 => 0,
        None => listed.len() - 1,
    };
    if Some(next) != current {
        ev.prevent_default();
        let id = &page.corpus.documents[listed[next]].id;
        page.go(&state.with_doc(Some(id)), false);
    }
}

fn typing_in_field(ev: &leptos::ev::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.is_content_editable()
        })
}

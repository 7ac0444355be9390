//! The document list: a search box and the facet filters, then one row per matching article with
//! its title, outlet, date and length, and (when searching) a snippet with the query's words
//! marked. Rows are shown a page at a time, so a keystroke over 10,000 articles stays cheap.

use std::time::Duration;

use leptos::prelude::*;

use super::facet_panel::FacetPanel;
use super::{counted, scroll_into_view, Page};
use crate::ingest::Document;
use crate::query::Query;
use crate::search::{Highlighter, Snippet};
use crate::text::segments;

/// Rows rendered at first and added each time the list is scrolled near its end (8–100): a tall
/// screenful, while making their snippets and laying them out stays near a frame at 10,000
/// documents (each new result set renders every row afresh).
const ROWS_PER_PAGE: usize = 12;
/// Rows made in the keystroke's own task (1–ROWS_PER_PAGE); the rest of the page follows in
/// the next task. Above the rows sit the search box and the facets, so at 800 px only two or
/// three rows show: making those first keeps a keystroke at 10,000 documents within a frame.
const FIRST_ROWS: usize = 4;
/// How close to the end of the list (in pixels) scrolling loads the next rows.
const LOAD_AHEAD_PX: i32 = 600;

#[component]
pub(crate) fn DocumentList() -> impl IntoView {
    let page = expect_context::<Page>();
    let state = page.state;
    let parsed = Memo::new(move |_| state.with(|s| crate::query::parse(&s.query)));
    let total = page.corpus.documents.len();
    let filters = Memo::new(move |_| state.with(|s| (s.query.clone(), s.facets.clone())));
    // Pages of rows loaded, and the filters they were loaded under: new filters start again
    // from the first page.
    let pages = RwSignal::new((filters.get_untracked(), 1usize));
    let pages_now = move || pages.with(|(f, n)| filters.with(|now| if f == now { *n } else { 1 }));
    // The filters whose first page may be made whole: a keystroke makes the first rows, the
    // next task the rest.
    let whole = RwSignal::new(filters.get_untracked());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let now = filters.get();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || whole.set(now), Duration::ZERO);
        pending.set_value(handle.ok());
    });
    on_cleanup(move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
    });
    let listed = page.listed;
    // Enough rows to include the open document, so j/k and links never point past the end.
    let shown = {
        let page = page.clone();
        Memo::new(move |_| {
            let open = state.with(|s| s.doc.clone());
            let at = open.and_then(|id| {
                let d = page.corpus.position(&id)?;
                listed.with(|l| l.iter().position(|&x| x == d))
            });
            let rows = match whole.with(|w| filters.with(|now| w == now)) {
                true => pages_now() * ROWS_PER_PAGE,
                false => FIRST_ROWS,
            };
            rows.max(at.map_or(0, |i| i + 1)).min(listed.with(Vec::len))
        })
    };
    // The rows on screen with their snippets. Rows already made for the same query keep their
    // snippets (the rest of a page follows its first rows; a keystroke can run this twice).
    let results = {
        let page = page.clone();
        Memo::new(move |previous: Option<&ShownRows>| {
            let query = parsed.get();
            let rows = shown.get();
            let docs = listed.with(|docs| docs[..rows].to_vec());
            let previous = previous.filter(|p| p.query == query);
            if let Some(previous) = previous.filter(|p| p.docs == docs) {
                return previous.clone();
            }
            let mut highlighter = (!query.is_empty()).then(|| Highlighter::new(&query));
            let rows = docs
                .iter()
                .map(|&d| {
                    let made = previous.and_then(|p| p.rows.iter().find(|row| row.0 == d));
                    let snippet = match made {
                        Some((_, snippet)) => snippet.clone(),
                        None => highlighter
                            .as_mut()
                            .map(|h| h.snippet(&page.corpus.documents[d])),
                    };
                    (d, snippet)
                })
                .collect();
            ShownRows { query, docs, rows }
        })
    };
    let on_input = {
        let page = page.clone();
        move |ev: leptos::ev::Event| page.type_query(event_target_value(&ev))
    };
    // Enter, or leaving the box: the address holds the query at once.
    let on_change = {
        let page = page.clone();
        move |_| page.write_typed_query()
    };
    let on_keydown = {
        let page = page.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            if ev.key() == "Escape" {
                let mut next = state.get_untracked();
                next.query.clear();
                page.go(&next, true);
            }
        }
    };
    // Keyed: a row whose document and snippet stay the same is kept, not rebuilt.
    let rows = view! {
        <For
            each=move || results.with(|r| r.rows.clone())
            key=|row| row.clone()
            children=|(d, snippet)| view! { <DocumentRow d snippet /> }
        />
    };
    let summary = move || {
        let found = listed.with(Vec::len);
        if parsed.with(|q| q.is_empty()) && state.with(|s| s.facets.is_empty()) {
            counted(total, "document")
        } else {
            format!("{found} of {}", counted(total, "document"))
        }
    };
    let more = move || listed.with(Vec::len) - shown.get();
    let next_page = move || {
        let now = filters.get_untracked();
        whole.set(now.clone());
        pages.set((now, shown.get_untracked() / ROWS_PER_PAGE + 1));
    };
    let on_scroll = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(list) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let near_end =
            list.scroll_top() + list.client_height() + LOAD_AHEAD_PX >= list.scroll_height();
        if near_end && more() > 0 {
            next_page();
        }
    };
    let kwic_href = {
        let page = page.clone();
        move || {
            let mut next = state.get().with_doc(None);
            next.kwic.get_or_insert_with(String::new);
            next.graph = None;
            next.compare = None;
            page.href(&next)
        }
    };
    let graph_href = {
        let page = page.clone();
        move || {
            let mut next = state.get().with_doc(None);
            next.kwic = None;
            next.compare = None;
            next.graph.get_or_insert_with(Default::default);
            page.href(&next)
        }
    };
    let compare_href = {
        let page = page.clone();
        move || {
            let mut next = state.get().with_doc(None);
            next.kwic = None;
            next.graph = None;
            next.compare = Some(Default::default());
            page.href(&next)
        }
    };
    view! {
        <section class="doc-list" aria-label="Documents" on:scroll=on_scroll>
            <div class="search">
                <input
                    type="search"
                    class="search-box"
                    placeholder="Search  (press /)"
                    aria-label="Search the documents"
                    aria-describedby="search-summary"
                    prop:value=move || state.with(|s| s.query.clone())
                    on:input=on_input
                    on:change=on_change
                    on:keydown=on_keydown
                />
                <div class="search-line">
                    <p class="search-summary" id="search-summary" aria-live="polite">{summary}</p>
                    <span class="list-views">
                        <a class="kwic-open" href=kwic_href title="Every occurrence of the search's first word, phrase or entity, in context">"In context"</a>
                        <a class="graph-open" href=graph_href title="Who is named with whom in the listed documents">"Graph"</a>
                        <a class="compare-open" href=compare_href title="What the listed documents share: passages and quotes">"Compare"</a>
                    </span>
                </div>
                <QueryHelp />
                <ul class="search-notes">
                    {move || {
                        parsed
                            .get()
                            .notes
                            .into_iter()
                            .map(|note| view! { <li>{note}</li> })
                            .collect_view()
                    }}
                </ul>
            </div>
            <FacetPanel />
            <ol class="doc-rows">{rows}</ol>
            <Show when=move || { more() > 0 }>
                <button
                    type="button"
                    class="show-more"
                    on:click=move |_| next_page()
                >
                    {move || format!("Show {} more of {}", more().min(ROWS_PER_PAGE), more())}
                </button>
            </Show>
        </section>
    }
}

/// The rows on screen, and what they were made from.
#[derive(Clone, PartialEq)]
struct ShownRows {
    query: Query,
    docs: Vec<usize>,
    rows: Vec<(usize, Option<Snippet>)>,
}

/// A snippet as text with the query's words in `<mark>`.
#[component]
fn SnippetText(pieces: Vec<(String, bool)>) -> impl IntoView {
    let pieces = pieces
        .into_iter()
        .map(|(piece, mark)| match mark {
            true => view! { <mark>{piece}</mark> }.into_any(),
            false => piece.into_any(),
        })
        .collect_view();
    view! { <span class="doc-snippet">"… "{pieces}" …"</span> }
}

/// One document of the list; `d` is its number in the corpus.
#[component]
fn DocumentRow(d: usize, snippet: Option<Snippet>) -> impl IntoView {
    let page = expect_context::<Page>();
    let doc: &Document = &page.corpus.documents[d];
    let pieces = snippet.map(|s| {
        segments(s.span, &s.marks)
            .into_iter()
            .map(|(span, mark)| (span.of(&doc.text).to_string(), mark.is_some()))
            .collect::<Vec<_>>()
    });
    let state = page.state;
    let id = doc.id.clone();
    let selected = Memo::new(move |_| state.with(|s| s.doc.as_deref() == Some(id.as_str())));
    let href = {
        let (page, id) = (page.clone(), doc.id.clone());
        move || page.href(&state.get().with_doc(Some(&id)))
    };
    let row = NodeRef::<leptos::html::A>::new();
    Effect::new(move |_| {
        if selected.get() {
            if let Some(el) = row.get() {
                scroll_into_view(&el, web_sys::ScrollLogicalPosition::Nearest);
            }
        }
    });
    let outlet = doc.outlet.clone();
    let date = doc.date.map(|d| d.to_string());
    view! {
        <li>
            <a
                class="doc-row"
                node_ref=row
                href=href
                aria-current=move || selected.get().then_some("page")
                data-id=doc.id.clone()
            >
                <span class="doc-title">{doc.title.clone()}</span>
                <span class="doc-meta">
                    {match outlet {
                        Some(o) => view! { <span class="outlet">{o}</span> }.into_any(),
                        None => view! { <span class="outlet unknown">"outlet not stated"</span> }.into_any(),
                    }}
                    <span class="sep">" · "</span>
                    {match date {
                        Some(d) => view! { <time datetime=d.clone()>{d.clone()}</time> }.into_any(),
                        None => view! { <span class="undated">"undated"</span> }.into_any(),
                    }}
                    <span class="sep">" · "</span>
                    <span class="words">{counted(doc.words, "word")}</span>
                </span>
                {pieces.map(|pieces| view! { <SnippetText pieces /> })}
            </a>
        </li>
    }
}

/// The query language, from the parser's own examples.
#[component]
fn QueryHelp() -> impl IntoView {
    let rows = crate::query::SYNTAX
        .iter()
        .map(|(example, meaning)| view! { <tr><td><code>{*example}</code></td><td>{*meaning}</td></tr> })
        .collect_view();
    view! {
        <details class="query-help">
            <summary>"Search syntax"</summary>
            <table>
                <tbody>{rows}</tbody>
            </table>
            <p>"Keys: " <kbd>"/"</kbd> " search · " <kbd>"Esc"</kbd> " clear · " <kbd>"j"</kbd> " " <kbd>"k"</kbd> " next / previous document · " <kbd>"n"</kbd> " " <kbd>"N"</kbd> " next / previous match"</p>
        </details>
    }
}

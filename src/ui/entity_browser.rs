//! The entity browser: every canonical entity, filterable by type and name, sortable, with its
//! mentions per source as small bars. The selected entity shows its spellings, why they were
//! merged, suggested merges, every mention in context (each a link into the reader), and the
//! corrections a user can make: rename, change type, merge, split a spelling off, hide.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::edits::import_from_input;
use super::{counted, scroll_into_view, Page};
use crate::curation::{Edit, Outcome};
use crate::entities::{keyword_in_context, Entity};
use crate::mentions::EntityType;
use crate::view_state::EntitySort;

/// Rows shown at most; the rest are reachable by filtering (keeps the DOM small at 10k documents).
const MAX_ROWS: usize = 300;
/// Most per-source bars a row draws (4–40): every source, in corpus order, when there are no more
/// than this; else the sources that mention the entity most. A bar per source for every row at
/// 10,000 articles was millions of elements, more than the page's memory holds.
const MAX_SOURCE_BARS: usize = 12;
/// Most names the finder suggests as you type (100–5,000): the most-mentioned entities. Every
/// name at 10,000 articles is tens of thousands of options, rebuilt on every edit.
const MAX_NAME_SUGGESTIONS: usize = 500;

/// Mentions listed in context at most for one entity.
const MAX_CONTEXT_LINES: usize = 200;

/// Characters of context either side of a mention.
const CONTEXT_CHARS: usize = 48;

const TYPES: [EntityType; 4] = [
    EntityType::Person,
    EntityType::Org,
    EntityType::Place,
    EntityType::Product,
];

pub(crate) fn type_class(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Person => "type-person",
        EntityType::Org => "type-org",
        EntityType::Place => "type-place",
        EntityType::Product => "type-product",
    }
}

#[component]
pub(crate) fn EntityBrowser() -> impl IntoView {
    let page = expect_context::<Page>();
    let state = page.state;
    let curated = page.entities;
    let on_find = {
        let page = page.clone();
        move |ev: leptos::ev::Event| {
            let mut next = state.get_untracked();
            next.entity_find = event_target_value(&ev);
            page.go(&next, true);
        }
    };
    let on_sort = {
        let page = page.clone();
        move |ev: leptos::ev::Event| {
            let mut next = state.get_untracked();
            next.entity_sort = match event_target_value(&ev).as_str() {
                "sources" => EntitySort::Sources,
                "name" => EntitySort::Name,
                _ => EntitySort::Mentions,
            };
            page.go(&next, true);
        }
    };
    let type_buttons = std::iter::once(None)
        .chain(TYPES.map(Some))
        .map(|kind| {
            let page = page.clone();
            let count = move || {
                curated.with(|c| c.index().entities.iter().filter(|e| !e.hidden && kind.is_none_or(|k| e.kind == k)).count())
            };
            let label = kind.map_or("All", |k| k.label());
            let pressed = move || state.with(|s| s.entity_type == kind);
            let href = move || {
                let mut next = state.get();
                next.entity_type = kind;
                page.href(&next)
            };
            view! {
                <a class=format!("type-filter {}", kind.map_or("type-all", type_class)) href=href aria-pressed=move || pressed().to_string()>
                    {label} " " {count}
                </a>
            }
        })
        .collect_view();
    // A memo of what the list depends on: opening a document or a mention (which also changes
    // the state) must not rebuild the list.
    let filter =
        Memo::new(move |_| state.with(|s| (s.entity_type, s.entity_find.clone(), s.entity_sort)));
    // The entities listed, and how many match; rows are keyed by what they show, so that an
    // edit redraws only the rows it changes (at 10,000 articles redrawing all 300 took ~250 ms).
    let listed = Memo::new(move |_| {
        let (kind, find, sort) = filter.get();
        curated.with(|c| {
            let shown = c.index().browse(kind, &find, sort);
            let total = shown.len();
            let rows: Vec<Entity> = shown.into_iter().take(MAX_ROWS).cloned().collect();
            (rows, total)
        })
    });
    let rows = move || listed.with(|(rows, _)| rows.clone());
    let row_key = |e: &Entity| {
        (
            e.id.clone(),
            e.name.clone(),
            e.kind,
            e.mentions.len(),
            e.aliases.len(),
        )
    };
    let tail = move || {
        let total = listed.with(|(_, total)| *total);
        let more = (total > MAX_ROWS)
            .then(|| view! { <li class="more">{format!("{} more — narrow the list to see them", total - MAX_ROWS)}</li> });
        let none = (total == 0).then(|| view! { <li class="more">"No entity matches."</li> });
        view! { {more} {none} }
    };
    let names = move || {
        curated.with(|c| {
            c.index()
                .browse(None, "", EntitySort::Mentions)
                .into_iter()
                .take(MAX_NAME_SUGGESTIONS)
                .map(|e| view! { <option value=e.name.clone()></option> })
                .collect_view()
        })
    };
    view! {
        <section class="entity-browser" aria-label="Entities">
            <CurationBar />
            <div class="entity-controls">
                <input
                    type="search"
                    class="entity-find"
                    placeholder="Find an entity"
                    aria-label="Find an entity"
                    prop:value=move || state.with(|s| s.entity_find.clone())
                    on:input=on_find
                />
                <div class="type-filters" role="group" aria-label="Entity type">{type_buttons}</div>
                <label class="entity-sort">
                    "Sort by "
                    <select on:change=on_sort prop:value=move || match state.with(|s| s.entity_sort) {
                        EntitySort::Mentions => "mentions",
                        EntitySort::Sources => "sources",
                        EntitySort::Name => "name",
                    }>
                        <option value="mentions">"mentions"</option>
                        <option value="sources">"sources"</option>
                        <option value="name">"name"</option>
                    </select>
                </label>
            </div>
            <datalist id="entity-names">{names}</datalist>
            <ol class="entity-rows">
                <For each=rows key=row_key let:entity>
                    <EntityRow entity />
                </For>
                {tail}
            </ol>
            <HiddenEntities />
        </section>
    }
}

/// Edit count, undo, redo, export, import, and what the user should know about their edits.
#[component]
fn CurationBar() -> impl IntoView {
    let page = expect_context::<Page>();
    let store = page.edits;
    let curated = page.entities;
    let count = move || store.current.with(|c| counted(c.edits.len(), "edit"));
    let stale = move || {
        curated.with(|c| {
            store.current.with(|cur| {
                cur.edits
                    .iter()
                    .zip(c.outcomes())
                    .filter_map(|(edit, outcome)| match outcome {
                        Outcome::Stale(why) => {
                            Some(view! { <li>{edit.describe()} " — " {why.clone()}</li> })
                        }
                        Outcome::Applied => None,
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let file_input = NodeRef::<leptos::html::Input>::new();
    view! {
        <div class="curation-bar">
            <span class="edit-count">{count}</span>
            <Show when=move || page.applying.get()>
                <span class="applying" role="status">"Applying…"</span>
            </Show>
            <button class="undo" disabled=move || !store.can_undo() on:click=move |_| store.undo()>"Undo"</button>
            <button class="redo" disabled=move || !store.can_redo() on:click=move |_| store.redo()>"Redo"</button>
            <button class="export" on:click=move |_| store.export()>"Export"</button>
            <label class="import">
                "Import"
                <input
                    type="file"
                    accept=".json,application/json"
                    node_ref=file_input
                    on:change=move |_| {
                        if let Some(input) = file_input.get() {
                            import_from_input(store, input.unchecked_into());
                        }
                    }
                />
            </label>
            <p class="curation-message" role="status">{move || store.message.get()}</p>
            {move || {
                let stale = stale();
                (!stale.is_empty()).then(|| view! {
                    <details class="stale-edits">
                        <summary>{counted(stale.len(), "edit")} " no longer apply"</summary>
                        <ul>{stale}</ul>
                    </details>
                })
            }}
        </div>
    }
}

/// Entities the user hid, each with a way back.
#[component]
fn HiddenEntities() -> impl IntoView {
    let page = expect_context::<Page>();
    let store = page.edits;
    let curated = page.entities;
    move || {
        let curated = curated.get();
        let hidden = curated.index().hidden();
        (!hidden.is_empty()).then(|| {
            let items = hidden
                .iter()
                .map(|e| {
                    let spelling = e.name.clone();
                    view! {
                        <li>
                            {e.name.clone()}
                            " "
                            <button class="unhide" on:click=move |_| store.push(Edit::Unhide { spelling: spelling.clone() })>"Unhide"</button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <details class="hidden-entities">
                    <summary>"Hidden (" {hidden.len()} ")"</summary>
                    <ul>{items}</ul>
                </details>
            }
        })
    }
}

#[component]
fn EntityRow(entity: Entity) -> impl IntoView {
    let page = expect_context::<Page>();
    let state = page.state;
    let id = entity.id.clone();
    let selected = {
        let id = id.clone();
        Memo::new(move |_| state.with(|s| s.entity.as_deref() == Some(id.as_str())))
    };
    let href = {
        let (page, id) = (page.clone(), id.clone());
        move || {
            let mut next = state.get();
            next.entity = if selected.get() {
                None
            } else {
                Some(id.clone())
            };
            page.href(&next)
        }
    };
    let per_source = page.sources.count(entity.mentions.iter().map(|m| m.doc));
    let most = per_source.iter().copied().max().unwrap_or(1).max(1);
    let mut shown: Vec<usize> = (0..per_source.len()).collect();
    if shown.len() > MAX_SOURCE_BARS {
        shown.retain(|&s| per_source[s] > 0);
        shown.sort_by_key(|&s| std::cmp::Reverse(per_source[s]));
        shown.truncate(MAX_SOURCE_BARS);
    }
    let bars = shown
        .into_iter()
        .map(|s| {
            let n = per_source[s];
            let label = format!("{}: {}", page.sources.labels[s], counted(n, "mention"));
            view! { <span class="bar" class:empty=n == 0 style:width=format!("{}%", 100 * n / most) title=label></span> }
        })
        .collect_view();
    let summary = format!(
        "{} · {}",
        counted(entity.mentions.len(), "mention"),
        counted(entity.sources(), "source")
    );
    // The row is kept while what it shows is unchanged; its detail follows every edit.
    let detail = {
        let (entities, id) = (page.entities, id.clone());
        move || {
            entities
                .with(|c| c.index().get(&id).cloned())
                .map(|entity| view! { <EntityDetail entity /> })
        }
    };
    let row = NodeRef::<leptos::html::Li>::new();
    Effect::new(move |was_selected: Option<bool>| {
        let now = selected.get();
        // Scroll only when the selection arrives (a link, a reload), not on every re-render.
        if now && was_selected != Some(true) {
            if let Some(el) = row.get() {
                scroll_into_view(&el, web_sys::ScrollLogicalPosition::Nearest);
            }
        }
        now
    });
    view! {
        <li class="entity-row" node_ref=row class:selected=move || selected.get()>
            <a class="entity-link" href=href aria-current=move || selected.get().then_some("true") data-id=id.clone()>
                <span class=format!("type-chip {}", type_class(entity.kind))>{entity.kind.label()}</span>
                <span class="entity-name">{entity.name.clone()}</span>
                <span class="entity-counts">{summary}</span>
                <span class="source-bars" aria-hidden="true">{bars}</span>
            </a>
            <Show when=move || selected.get()>
                {detail.clone()}
            </Show>
        </li>
    }
}

/// Spellings, merge reasons, parent, suggestions, corrections, and every mention in context.
#[component]
fn EntityDetail(entity: Entity) -> impl IntoView {
    let page = expect_context::<Page>();
    let state = page.state;
    let store = page.edits;
    let curated = page.entities.get_untracked();
    let index = curated.index();
    let name = entity.name.clone();
    let aliases = entity
        .aliases
        .iter()
        .map(|a| {
            let spelling = a.clone();
            view! {
                <li>
                    {a.clone()}
                    " "
                    <button class="split" title="These mentions are a different entity" on:click=move |_| store.push(Edit::Split { spelling: spelling.clone() })>
                        "Split off"
                    </button>
                </li>
            }
        })
        .collect_view();
    let merges = entity
        .merges
        .iter()
        .map(|m| view! { <li>{m.clone()}</li> })
        .collect_view();
    let parent = entity
        .parent
        .as_ref()
        .and_then(|p| index.get(p))
        .map(|p| view! { <p class="parent">"Part of " {p.name.clone()}</p> });
    let suggestions = index
        .suggestions
        .iter()
        .filter(|s| s.entity == entity.id || s.into == entity.id)
        .filter_map(|s| {
            let (from, into) = (index.get(&s.entity)?, index.get(&s.into)?);
            let (a, b) = (from.name.clone(), into.name.clone());
            let (a2, b2) = (a.clone(), b.clone());
            Some(view! {
                <li class="suggestion">
                    "Possibly the same as “" {if s.entity == entity.id { b.clone() } else { a.clone() }} "”: " {s.reason.clone()}
                    " "
                    <button class="accept" on:click=move |_| store.push(Edit::Merge { spelling: a.clone(), into: b.clone() })>"Merge"</button>
                    <button class="reject" on:click=move |_| store.push(Edit::Reject { spelling: a2.clone(), into: b2.clone() })>"Not the same"</button>
                </li>
            })
        })
        .collect_view();
    let rename_input = NodeRef::<leptos::html::Input>::new();
    let merge_input = NodeRef::<leptos::html::Input>::new();
    let rename = {
        let name = name.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let new_name = rename_input
                .get()
                .map(|i| i.value().trim().to_string())
                .unwrap_or_default();
            if !new_name.is_empty() && new_name != name {
                store.push(Edit::Rename {
                    spelling: name.clone(),
                    name: new_name,
                });
            }
        }
    };
    let merge = {
        let name = name.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let into = merge_input
                .get()
                .map(|i| i.value().trim().to_string())
                .unwrap_or_default();
            let known = page
                .entities
                .with_untracked(|c| c.index().entities.iter().any(|e| e.name == into));
            if known && into != name {
                store.push(Edit::Merge {
                    spelling: name.clone(),
                    into,
                });
            } else if !into.is_empty() {
                store.message.set(Some(format!(
                    "No entity is named “{into}”; pick one from the list."
                )));
            }
        }
    };
    let set_type = {
        let name = name.clone();
        move |ev: leptos::ev::Event| {
            if let Some(kind) = EntityType::parse(&event_target_value(&ev)) {
                store.push(Edit::SetType {
                    spelling: name.clone(),
                    kind,
                });
            }
        }
    };
    let hide = {
        let name = name.clone();
        move |_| {
            store.push(Edit::Hide {
                spelling: name.clone(),
            })
        }
    };
    let type_options = TYPES
        .map(|k| view! { <option value=k.label() selected=k == entity.kind>{k.label()}</option> })
        .into_iter()
        .collect_view();
    let lines = entity
        .mentions
        .iter()
        .take(MAX_CONTEXT_LINES)
        .map(|m| {
            let doc = &page.corpus.documents[m.doc];
            let (left, key, right) = keyword_in_context(&doc.text, m.span, CONTEXT_CHARS);
            let href = {
                let (page, doc_id, at) = (page.clone(), doc.id.clone(), m.span.start);
                move || {
                    let mut next = state.get().with_doc(Some(&doc_id));
                    next.at = Some(at);
                    page.href(&next)
                }
            };
            let source = doc
                .outlet
                .clone()
                .unwrap_or_else(|| doc.id.chars().take(3).collect());
            view! {
                <li>
                    <a class="kwic-line" class:in-boilerplate=m.boilerplate href=href>
                        <span class="kwic-source">{source}</span>
                        <span class="kwic-left">{left}</span>
                        <mark class=format!("kwic-key {}", type_class(entity.kind))>{key}</mark>
                        <span class="kwic-right">{right}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="entity-detail">
            {parent}
            <ul class="aliases" aria-label="Other spellings">{aliases}</ul>
            <ul class="merges">{merges}</ul>
            <ul class="suggestions">{suggestions}</ul>
            <div class="curate">
                <form class="rename" on:submit=rename>
                    <input node_ref=rename_input aria-label="New name" value=name.clone() />
                    <button type="submit">"Rename"</button>
                </form>
                <form class="merge" on:submit=merge>
                    <input node_ref=merge_input list="entity-names" aria-label="Merge into" placeholder="Same as…" />
                    <button type="submit">"Merge"</button>
                </form>
                <label class="set-type">"Type " <select on:change=set_type>{type_options}</select></label>
                <button class="hide" on:click=hide>"Hide"</button>
            </div>
            <ol class="kwic" aria-label="Mentions in context">{lines}</ol>
        </div>
    }
}

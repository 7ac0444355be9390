//! The entity browser: every canonical entity, filterable by type and name, sortable, with its
//! mentions per source as small bars; the selected entity shows its spellings, why they were
//! merged, suggested merges, and every mention in context, each a link into the reader.

use leptos::prelude::*;

use super::{counted, Page};
use crate::entities::{keyword_in_context, Entity};
use crate::mentions::EntityType;
use crate::view_state::EntitySort;

/// Rows shown at most; the rest are reachable by filtering (keeps the DOM small at 10k documents).
const MAX_ROWS: usize = 300;

/// Mentions listed in context at most for one entity.
const MAX_CONTEXT_LINES: usize = 200;

/// Characters of context either side of a mention.
const CONTEXT_CHARS: usize = 48;

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
    let type_buttons = [None, Some(EntityType::Person), Some(EntityType::Org), Some(EntityType::Place), Some(EntityType::Product)]
        .into_iter()
        .map(|kind| {
            let page = page.clone();
            let count = page.entities.entities.iter().filter(|e| kind.is_none_or(|k| e.kind == k)).count();
            let label = kind.map_or("All", |k| k.label());
            let pressed = move || state.with(|s| s.entity_type == kind);
            let href = {
                let page = page.clone();
                move || {
                    let mut next = state.get();
                    next.entity_type = kind;
                    page.href(&next)
                }
            };
            view! {
                <a class=format!("type-filter {}", kind.map_or("type-all", type_class)) href=href aria-pressed=move || pressed().to_string()>
                    {format!("{label} {count}")}
                </a>
            }
        })
        .collect_view();
    let rows = {
        let page = page.clone();
        move || {
            let s = state.get();
            let shown = page
                .entities
                .browse(s.entity_type, &s.entity_find, s.entity_sort);
            let total = shown.len();
            let rows = shown
                .into_iter()
                .take(MAX_ROWS)
                .map(|e| view! { <EntityRow entity=e.clone() /> })
                .collect_view();
            let more = (total > MAX_ROWS).then(|| view! { <li class="more">{format!("{} more — narrow the list to see them", total - MAX_ROWS)}</li> });
            let none = (total == 0).then(|| view! { <li class="more">"No entity matches."</li> });
            view! { {rows} {more} {none} }
        }
    };
    view! {
        <section class="entity-browser" aria-label="Entities">
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
            <ol class="entity-rows">{rows}</ol>
        </section>
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
    let documents = page.corpus.documents.len();
    let per_doc = entity.per_document(documents);
    let most = per_doc.iter().copied().max().unwrap_or(1).max(1);
    let bars = per_doc
        .iter()
        .enumerate()
        .map(|(d, &n)| {
            let doc = &page.corpus.documents[d];
            let label = format!("{}: {}", doc.outlet.clone().unwrap_or_else(|| doc.id.clone()), counted(n, "mention"));
            view! { <span class="bar" class:empty=n == 0 style:width=format!("{}%", 100 * n / most) title=label></span> }
        })
        .collect_view();
    let summary = format!(
        "{} · {}",
        counted(entity.mentions.len(), "mention"),
        counted(entity.sources(), "source")
    );
    let detail = entity.clone();
    view! {
        <li class="entity-row" class:selected=move || selected.get()>
            <a class="entity-link" href=href aria-current=move || selected.get().then_some("true") data-id=id.clone()>
                <span class=format!("type-chip {}", type_class(entity.kind))>{entity.kind.label()}</span>
                <span class="entity-name">{entity.name.clone()}</span>
                <span class="entity-counts">{summary}</span>
                <span class="source-bars" aria-hidden="true">{bars}</span>
            </a>
            <Show when=move || selected.get()>
                <EntityDetail entity=detail.clone() />
            </Show>
        </li>
    }
}

/// Spellings, merge reasons, parent, suggestions, and every mention in context.
#[component]
fn EntityDetail(entity: Entity) -> impl IntoView {
    let page = expect_context::<Page>();
    let state = page.state;
    let aliases = (!entity.aliases.is_empty())
        .then(|| view! { <p class="aliases">"Also written: " {entity.aliases.join(", ")}</p> });
    let merges = entity
        .merges
        .iter()
        .map(|m| view! { <li>{m.clone()}</li> })
        .collect_view();
    let parent = entity
        .parent
        .as_ref()
        .and_then(|p| page.entities.get(p))
        .map(|p| view! { <p class="parent">"Part of " {p.name.clone()}</p> });
    let suggestions = page
        .entities
        .suggestions
        .iter()
        .filter(|s| s.entity == entity.id || s.into == entity.id)
        .map(|s| view! { <li class="suggestion">"Possibly the same as " {page.entities.get(if s.entity == entity.id { &s.into } else { &s.entity }).map(|e| e.name.clone())} ": " {s.reason.clone()}</li> })
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
            {aliases}
            {parent}
            <ul class="merges">{merges}</ul>
            <ul class="suggestions">{suggestions}</ul>
            <ol class="kwic" aria-label="Mentions in context">{lines}</ol>
        </div>
    }
}

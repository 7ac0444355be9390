//! The document list: one row per article with its title, outlet, date and length.

use leptos::prelude::*;

use super::{counted, scroll_into_view, Page};
use crate::ingest::Document;

#[component]
pub(crate) fn DocumentList() -> impl IntoView {
    let page = expect_context::<Page>();
    let rows = page
        .corpus
        .documents
        .iter()
        .map(|doc| view! { <DocumentRow doc=doc.clone() /> })
        .collect_view();
    view! {
        <section class="doc-list" aria-label="Documents">
            <ol class="doc-rows">{rows}</ol>
        </section>
    }
}

#[component]
fn DocumentRow(doc: Document) -> impl IntoView {
    let page = expect_context::<Page>();
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
            </a>
        </li>
    }
}

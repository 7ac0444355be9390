//! The concordance: every occurrence of a word, phrase, `prefix*` or entity in the listed
//! documents, one line each with its context, sortable by the words left or right of it. A line
//! opens its document at that occurrence.

use leptos::prelude::*;

use super::Page;
use crate::concordance::{concordance, lookup_term, Concordance, Line, Options, Sort};
use crate::view_state::ViewState;

#[component]
pub(crate) fn ConcordanceView() -> impl IntoView {
    let page = expect_context::<Page>();
    let state = page.state;
    let wanted = Memo::new(move |_| {
        state.with(|s| {
            let own = s.kwic.clone().unwrap_or_default();
            if own.trim().is_empty() {
                s.query.clone()
            } else {
                own
            }
        })
    });
    let result = {
        let page = page.clone();
        Memo::new(move |_| {
            let query = crate::query::parse(&wanted.get());
            let term = lookup_term(&query)?;
            let sort = state.with(|s| s.kwic_sort);
            let index = page.search.get();
            let curated = page.entities.get();
            let found = page.listed.with(|docs| {
                concordance(
                    &page.corpus,
                    curated.index(),
                    &index.0,
                    docs,
                    term,
                    Options {
                        sort,
                        ..Options::default()
                    },
                )
            });
            Some(found)
        })
    };
    let on_input = {
        let page = page.clone();
        move |ev: leptos::ev::Event| {
            let mut next = state.get_untracked();
            next.kwic = Some(event_target_value(&ev));
            page.go(&next, true);
        }
    };
    let sort_link = {
        let page = page.clone();
        move |sort: Sort, label: &'static str| {
            let page = page.clone();
            let href = move || {
                page.href(&ViewState {
                    kwic_sort: sort,
                    ..state.get()
                })
            };
            let current = move || state.with(|s| s.kwic_sort == sort);
            view! {
                <a class="kwic-sort" href=href aria-current=move || current().then_some("true")>{label}</a>
            }
        }
    };
    let close = {
        let page = page.clone();
        move || {
            page.href(&ViewState {
                kwic: None,
                ..state.get()
            })
        }
    };
    let summary = move || {
        result.with(|r| match r {
            None => "Type a word, \"a phrase\", prefix* or entity:\"Name\" to see it in context."
                .to_string(),
            Some(c) => summarise(c, page.listed.with(Vec::len)),
        })
    };
    view! {
        <section class="concordance" aria-labelledby="kwic-title">
            <header class="kwic-header">
                <h1 id="kwic-title">"In context"</h1>
                <a class="kwic-close" href=close>"Close"</a>
            </header>
            <input
                type="search"
                class="kwic-term"
                placeholder="The search's first word, or another"
                aria-label="Word, phrase or entity to show in context"
                prop:value=move || state.with(|s| s.kwic.clone().unwrap_or_default())
                on:input=on_input
            />
            <p class="kwic-summary" aria-live="polite">{summary}</p>
            <nav class="kwic-sorts" aria-label="Sort the lines">
                "Sort by "
                {sort_link(Sort::Document, "document")}
                {sort_link(Sort::Left, "left context")}
                {sort_link(Sort::Right, "right context")}
            </nav>
            <ol class="kwic-lines">
                {move || {
                    result
                        .get()
                        .map(|c| {
                            c.lines
                                .into_iter()
                                .map(|line| view! { <ConcordanceLine line /> })
                                .collect_view()
                        })
                }}
            </ol>
        </section>
    }
}

/// "50,315 matches in 5,021 of 10,000 listed documents; the first 1,000 shown".
fn summarise(c: &Concordance, listed: usize) -> String {
    let docs = {
        let mut ds: Vec<usize> = c.lines.iter().map(|l| l.doc).collect();
        ds.sort_unstable();
        ds.dedup();
        ds.len()
    };
    let shown = if c.lines.len() < c.total {
        format!("; the first {} shown", c.lines.len())
    } else {
        String::new()
    };
    match c.total {
        0 => format!("No matches in the {listed} listed documents"),
        1 => format!("1 match in the {listed} listed documents"),
        n if shown.is_empty() => {
            format!("{n} matches in {docs} of the {listed} listed documents")
        }
        n => format!("{n} matches in the {listed} listed documents{shown}"),
    }
}

/// One occurrence: left context, the match, right context; a link into the document there.
#[component]
fn ConcordanceLine(line: Line) -> impl IntoView {
    let page = expect_context::<Page>();
    let state = page.state;
    let doc = &page.corpus.documents[line.doc];
    let source = doc.outlet.clone().unwrap_or_else(|| doc.id.clone());
    let href = {
        let (page, id, at) = (page.clone(), line.id.clone(), line.span.start);
        move || {
            page.href(&ViewState {
                at: Some(at),
                ..state.get().with_doc(Some(&id))
            })
        }
    };
    view! {
        <li>
            <a class="kwic-row" href=href title=doc.title.clone() data-doc=line.id.clone()>
                <span class="kwic-left">{line.left}</span>
                <span class="kwic-match">{line.matched}</span>
                <span class="kwic-right">{line.right}</span>
                <span class="kwic-doc">{source}</span>
            </a>
        </li>
    }
}

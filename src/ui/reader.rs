//! The reader: one document, cleanly — headline, what is known of its origin, the body, and the
//! boilerplate set aside (collapsed and dimmed until asked for).

use leptos::prelude::*;

use std::sync::Arc;

use super::entity_browser::type_class;
use super::{counted, scroll_into_view, Page};
use crate::boilerplate::BoilerplateKind;
use crate::corpus::Corpus;
use crate::ingest::{Document, Role};
use crate::mentions::EntityType;
use crate::search;
use crate::text::{segments, Span};
use crate::view_state::ViewState;

/// What the reader shows, in order: body paragraphs and boilerplate blocks (header lines are shown
/// as the title and metadata instead).
enum Passage {
    Paragraph(Span),
    Boilerplate {
        kind: BoilerplateKind,
        paragraphs: Vec<Span>,
    },
}

fn passages(doc: &Document) -> Vec<Passage> {
    let runs = doc.boilerplate_runs();
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.blocks.len() {
        let block = &doc.blocks[i];
        match block.role {
            Role::Body => out.push(Passage::Paragraph(block.span)),
            Role::Boilerplate(_) => {
                let run = runs
                    .iter()
                    .find(|r| r.blocks.0 == i)
                    .expect("every boilerplate block starts a run or is in one");
                let paragraphs = doc.blocks[run.blocks.0..run.blocks.1]
                    .iter()
                    .map(|b| b.span);
                out.push(Passage::Boilerplate {
                    kind: run.kind,
                    paragraphs: paragraphs.collect(),
                });
                i = run.blocks.1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// An entity mention as the reader marks it.
#[derive(Clone)]
struct Mark {
    span: Span,
    entity: String,
    title: String,
    class: &'static str,
}

/// What the reader marks in a paragraph, and what is in focus.
#[derive(Clone)]
struct Highlights {
    /// Entity mentions, in text order.
    marks: Arc<Vec<Mark>>,
    /// The search query's hits, in text order.
    hits: Arc<Vec<Span>>,
    /// The entity selected in the browser.
    focus: Memo<Option<String>>,
    /// The byte offset the URL points at (the current hit, or a mention).
    at: Memo<Option<usize>>,
}

/// `piece` of the text with the search hits in it marked; a hit crossing the piece's edge is
/// marked up to the edge.
fn with_hits(text: &Arc<str>, piece: Span, highlights: &Highlights) -> AnyView {
    let clipped: Vec<Span> = highlights
        .hits
        .iter()
        .filter(|h| h.start < piece.end && h.end > piece.start)
        .map(|h| Span::new(h.start.max(piece.start), h.end.min(piece.end)))
        .collect();
    if clipped.is_empty() {
        return piece.of(text).to_string().into_any();
    }
    let at = highlights.at;
    segments(piece, &clipped)
        .into_iter()
        .map(|(part, hit)| {
            let words = part.of(text).to_string();
            match hit {
                None => words.into_any(),
                Some(_) => {
                    let current = move || at.get() == Some(part.start);
                    view! { <mark class="hit" class:current=current data-at=part.start>{words}</mark> }
                        .into_any()
                }
            }
        })
        .collect_view()
        .into_any()
}

/// A paragraph's text with its entity mentions and search hits marked (as text nodes and
/// `<mark>` elements; hits inside mentions).
fn marked_paragraph(text: &Arc<str>, span: Span, highlights: &Highlights) -> impl IntoView {
    let marks = &highlights.marks;
    let focus = highlights.focus;
    let spans: Vec<Span> = marks.iter().map(|m| m.span).collect();
    segments(span, &spans)
        .into_iter()
        .map(|(piece, mark)| {
            let words = with_hits(text, piece, highlights);
            match mark {
                None => words,
                Some(i) => {
                    let m = marks[i].clone();
                    let entity = m.entity.clone();
                    let focused = move || focus.with(|f| f.as_deref() == Some(entity.as_str()));
                    view! {
                        <mark class=format!("ent {}", m.class) class:focus=focused title=m.title data-at=m.span.start>{words}</mark>
                    }
                    .into_any()
                }
            }
        })
        .collect_view()
}

#[component]
pub(crate) fn Reader(id: String, page: Page) -> impl IntoView {
    let Some(doc) = page.corpus.get(&id).cloned() else {
        let back = page.href(&ViewState {
            corpus: page.url_state.get_untracked().corpus,
            ..ViewState::default()
        });
        return view! {
            <article class="reader not-found">
                <h1>"No such document"</h1>
                <p>"This corpus has no document “" {id} "”."</p>
                <a href=back>"Back to all documents"</a>
            </article>
        }
        .into_any();
    };
    leptos::prelude::document().set_title(&format!("{} — Parallax", doc.title));

    let state = page.state;
    let shown = Memo::new(move |_| state.with(|s| s.show_boilerplate));
    let block_count = doc.boilerplate_runs().len();
    let toggle = {
        let page = page.clone();
        move |_| {
            page.go(
                &state
                    .get_untracked()
                    .with_boilerplate(!shown.get_untracked()),
                true,
            )
        }
    };
    let back = {
        let page = page.clone();
        move || page.href(&state.get().with_doc(None))
    };
    let compare_href = {
        let page = page.clone();
        let id = doc.id.clone();
        move || {
            let mut next = state.get().with_doc(None);
            next.compare = Some(crate::view_state::CompareView {
                a: Some(id.clone()),
                ..Default::default()
            });
            page.href(&next)
        }
    };
    let doc_index = page.corpus.position(&doc.id).unwrap_or_default();
    let text: Arc<str> = Arc::from(doc.text.as_str());
    let focus = Memo::new(move |_| state.with(|s| s.entity.clone()));
    let at = Memo::new(move |_| state.with(|s| s.at));
    let hits = {
        let doc = doc.clone();
        Memo::new(move |_| state.with(|s| search::hits(&doc, &crate::query::parse(&s.query))))
    };
    let curated = page.entities;
    let layout = Arc::new(passages(&doc));
    let expand = toggle.clone();
    // Re-rendered when the user's entity edits change what is marked.
    let body = move || {
        let curated = curated.get();
        let hits = Arc::new(hits.get());
        let marks: Arc<Vec<Mark>> = Arc::new(
            curated
                .index()
                .mentions_in(doc_index)
                .into_iter()
                .map(|(span, e)| Mark {
                    span,
                    entity: e.id.clone(),
                    title: format!("{} · {}", e.name, e.kind.label()),
                    class: type_class(e.kind),
                })
                .collect(),
        );
        let highlights = Highlights {
            marks,
            hits,
            focus,
            at,
        };
        layout
            .iter()
            .map(|p| match p {
                Passage::Paragraph(span) => {
                    view! { <p class="para">{marked_paragraph(&text, *span, &highlights)}</p> }.into_any()
                }
                Passage::Boilerplate { kind, paragraphs } => {
                    let count = paragraphs.len();
                    let paragraphs = paragraphs
                        .iter()
                        .map(|span| view! { <p class="para">{marked_paragraph(&text, *span, &highlights)}</p> })
                        .collect_view()
                        .into_any();
                    view! { <BoilerplateBlock kind=*kind count paragraphs shown on_expand=expand.clone() /> }.into_any()
                }
            })
            .collect_view()
    };
    // Scroll to the mention or hit the URL points at.
    Effect::new(move |_| {
        if let Some(at) = at.get() {
            let selector = format!(".reader-body mark[data-at=\"{at}\"]");
            if let Ok(Some(el)) = leptos::prelude::document().query_selector(&selector) {
                scroll_into_view(&el, web_sys::ScrollLogicalPosition::Center);
                let _ = el.class_list().add_1("jumped");
            }
        }
    });

    view! {
        <article class="reader" aria-labelledby="reader-title">
            <a class="back-link" href=back>"← All documents"</a>
            <h1 id="reader-title" class="reader-title">{doc.title.clone()}</h1>
            <DocumentFacts doc=doc.clone() />
            <div class="reader-tools">
                <button
                    class="toggle-boilerplate"
                    aria-pressed=move || if shown.get() { "true" } else { "false" }
                    disabled=block_count == 0
                    on:click=toggle.clone()
                >
                    {move || match (block_count, shown.get()) {
                        (0, _) => "No boilerplate found".to_string(),
                        (n, false) => format!("Show boilerplate ({})", counted(n, "block")),
                        (_, true) => "Hide boilerplate".to_string(),
                    }}
                </button>
                <a class="compare-doc" href=compare_href title="This document's sentences, tagged with the listed documents that carry them">"Compare with the others"</a>
            </div>
            <HitSteps hits at />
            <EntityLegend />
            <div class="reader-body">{body}</div>
        </article>
    }
    .into_any()
}

/// "3 of 12 matches" with buttons to the previous and next (also the keys `N` and `n`).
#[component]
fn HitSteps(hits: Memo<Vec<Span>>, at: Memo<Option<usize>>) -> impl IntoView {
    let page = expect_context::<Page>();
    let query = Memo::new(move |_| page.state.with(|s| !s.query.trim().is_empty()));
    let step = move |by: isize| {
        let page = expect_context::<Page>();
        move |_| hits.with_untracked(|h| step_through_hits(&page, h, by))
    };
    let matches = |n: usize| {
        if n == 1 {
            "1 match".to_string()
        } else {
            format!("{n} matches")
        }
    };
    let position = move || {
        let total = hits.with(Vec::len);
        let current = at
            .get()
            .and_then(|a| hits.with(|h| h.iter().position(|s| s.start == a)));
        match (total, current) {
            (0, _) => "No matches in the body".to_string(),
            (n, Some(i)) => format!("{} of {}", i + 1, matches(n)),
            (n, None) => matches(n),
        }
    };
    view! {
        <Show when=move || query.get()>
            <p class="hit-steps" aria-live="polite">
                <button type="button" class="hit-prev" aria-label="Previous match (N)" on:click=step(-1) disabled=move || hits.with(Vec::is_empty)>"↑"</button>
                <button type="button" class="hit-next" aria-label="Next match (n)" on:click=step(1) disabled=move || hits.with(Vec::is_empty)>"↓"</button>
                <span class="hit-position">{position}</span>
            </p>
        </Show>
    }
}

/// Moves the URL's position to the next (`by` = 1) or previous (-1) hit, wrapping around.
pub(crate) fn step_through_hits(page: &Page, hits: &[Span], by: isize) {
    if hits.is_empty() {
        return;
    }
    let state = page.state.get_untracked();
    let current = state
        .at
        .and_then(|a| hits.iter().position(|h| h.start == a));
    let n = hits.len() as isize;
    let next = match current {
        Some(i) => (i as isize + by).rem_euclid(n),
        None if by > 0 => 0,
        None => n - 1,
    };
    page.go(
        &ViewState {
            at: Some(hits[next as usize].start),
            ..state
        },
        true,
    );
}

/// Outlet, author, date, length and file: what the text states, and plainly when it does not.
#[component]
fn DocumentFacts(doc: Document) -> impl IntoView {
    let outlet = doc.outlet.unwrap_or_else(|| "Outlet not stated".into());
    let author = doc
        .author
        .map(|a| format!("By {a}"))
        .unwrap_or_else(|| "Author not stated".into());
    let date = match doc.date {
        Some(d) => view! { <time datetime=d.to_string()>{d.long()}</time> }.into_any(),
        None => view! { <span class="undated">"Undated"</span> }.into_any(),
    };
    view! {
        <p class="facts">
            <span class="outlet">{outlet}</span>
            <span class="sep">" · "</span>
            <span class="author">{author}</span>
            <span class="sep">" · "</span>
            {date}
            <span class="sep">" · "</span>
            <span class="words">{counted(doc.words, "word")}</span>
            <span class="sep">" · "</span>
            <span class="file">{doc.id}</span>
        </p>
    }
}

/// A boilerplate block: a dimmed one-line stub when collapsed, its dimmed text when shown.
#[component]
fn BoilerplateBlock(
    kind: BoilerplateKind,
    count: usize,
    paragraphs: AnyView,
    shown: Memo<bool>,
    on_expand: impl Fn(leptos::ev::MouseEvent) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let label = kind.label();
    view! {
        <section class="boilerplate" class:expanded=move || shown.get() data-kind=format!("{kind:?}")>
            <button class="boilerplate-stub" on:click=on_expand aria-label=format!("Boilerplate: {label}")>
                <span class="boilerplate-label">{label}</span>
                <span class="boilerplate-count">
                    {move || if shown.get() { String::new() } else { format!("{} hidden", counted(count, "line")) }}
                </span>
            </button>
            <div class="boilerplate-text" hidden=move || !shown.get()>{paragraphs}</div>
        </section>
    }
}

/// What the highlight colours mean (a colour-blind-safe palette, also told apart by underline style).
#[component]
fn EntityLegend() -> impl IntoView {
    let items = [
        EntityType::Person,
        EntityType::Org,
        EntityType::Place,
        EntityType::Product,
    ]
    .map(|k| view! { <li><mark class=format!("ent {}", type_class(k))>{k.label()}</mark></li> });
    view! { <ul class="entity-legend" aria-label="Entity highlight colours">{items.into_iter().collect_view()}</ul> }
}

/// Shown when no document is open: what the corpus holds and how to start.
#[component]
pub(crate) fn Welcome() -> impl IntoView {
    let page = expect_context::<Page>();
    leptos::prelude::document().set_title("Parallax");
    let c: &Corpus = &page.corpus;
    let dated = c.documents.iter().filter(|d| d.date.is_some()).count();
    let with_outlet = c.documents.iter().filter(|d| d.outlet.is_some()).count();
    let with_author = c.documents.iter().filter(|d| d.author.is_some()).count();
    let words: usize = c.documents.iter().map(|d| d.words).sum();
    let blocks: usize = c.documents.iter().map(|d| d.boilerplate_runs().len()).sum();
    let n = c.documents.len();
    let compare_href = {
        let page = page.clone();
        move || {
            let mut next = page.state.get().with_doc(None);
            next.compare = Some(Default::default());
            page.href(&next)
        }
    };
    view! {
        <section class="welcome">
            <h1>"How does each outlet tell the story?"</h1>
            <p class="lede">
                "Pick an article to read it clean — headline, byline, date and body — with the page furniture "
                "(comment forms, link lists, share prompts) set aside. Press " <kbd>"j"</kbd> " to start."
            </p>
            <p class="lede">
                <a class="welcome-compare" href=compare_href>"Compare the articles"</a>
                ": what each pair shares, who quotes what, where they disagree."
            </p>
            <dl class="corpus-facts">
                <div><dt>"Articles"</dt><dd>{n}</dd></div>
                <div><dt>"Words of body text"</dt><dd>{words}</dd></div>
                <div><dt>"Dated"</dt><dd>{format!("{dated} of {n}")}</dd></div>
                <div><dt>"Outlet stated"</dt><dd>{format!("{with_outlet} of {n}")}</dd></div>
                <div><dt>"Author stated"</dt><dd>{format!("{with_author} of {n}")}</dd></div>
                <div><dt>"Boilerplate blocks set aside"</dt><dd>{blocks}</dd></div>
            </dl>
        </section>
    }
}

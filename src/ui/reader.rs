//! The reader: one document, cleanly — headline, what is known of its origin, the body, and the
//! boilerplate set aside (collapsed and dimmed until asked for).

use leptos::prelude::*;

use super::{counted, Page};
use crate::boilerplate::BoilerplateKind;
use crate::corpus::Corpus;
use crate::ingest::{Document, Role};
use crate::view_state::ViewState;

/// What the reader shows, in order: body paragraphs and boilerplate blocks (header lines are shown
/// as the title and metadata instead).
enum Passage {
    Paragraph(String),
    Boilerplate {
        kind: BoilerplateKind,
        paragraphs: Vec<String>,
    },
}

fn passages(doc: &Document) -> Vec<Passage> {
    let runs = doc.boilerplate_runs();
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.blocks.len() {
        let block = &doc.blocks[i];
        match block.role {
            Role::Body => out.push(Passage::Paragraph(doc.block_text(block).to_string())),
            Role::Boilerplate(_) => {
                let run = runs
                    .iter()
                    .find(|r| r.blocks.0 == i)
                    .expect("every boilerplate block starts a run or is in one");
                let paragraphs = doc.blocks[run.blocks.0..run.blocks.1]
                    .iter()
                    .map(|b| doc.block_text(b).to_string());
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

#[component]
pub(crate) fn Reader(id: String, page: Page) -> impl IntoView {
    let Some(doc) = page.corpus.get(&id).cloned() else {
        let back = page.href(&ViewState::default());
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
    let body = passages(&doc)
        .into_iter()
        .map(|p| match p {
            Passage::Paragraph(text) => view! { <p class="para">{text}</p> }.into_any(),
            Passage::Boilerplate { kind, paragraphs } => {
                view! { <BoilerplateBlock kind paragraphs shown on_expand=toggle.clone() /> }
                    .into_any()
            }
        })
        .collect_view();

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
            </div>
            <div class="reader-body">{body}</div>
        </article>
    }
    .into_any()
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
    paragraphs: Vec<String>,
    shown: Memo<bool>,
    on_expand: impl Fn(leptos::ev::MouseEvent) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let count = paragraphs.len();
    let label = kind.label();
    let text = paragraphs
        .into_iter()
        .map(|p| view! { <p class="para">{p}</p> })
        .collect_view();
    view! {
        <section class="boilerplate" class:expanded=move || shown.get() data-kind=format!("{kind:?}")>
            <button class="boilerplate-stub" on:click=on_expand aria-label=format!("Boilerplate: {label}")>
                <span class="boilerplate-label">{label}</span>
                <span class="boilerplate-count">
                    {move || if shown.get() { String::new() } else { format!("{} hidden", counted(count, "line")) }}
                </span>
            </button>
            <div class="boilerplate-text" hidden=move || !shown.get()>{text}</div>
        </section>
    }
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
    view! {
        <section class="welcome">
            <h1>"How does each outlet tell the story?"</h1>
            <p class="lede">
                "Pick an article to read it clean — headline, byline, date and body — with the page furniture "
                "(comment forms, link lists, share prompts) set aside. Press " <kbd>"j"</kbd> " to start."
            </p>
            <dl class="corpus-facts">
                <div><dt>"Articles"</dt><dd>{n}</dd></div>
                <div><dt>"Words of body text"</dt><dd>{words}</dd></div>
                <div><dt>"Dated in the text"</dt><dd>{format!("{dated} of {n}")}</dd></div>
                <div><dt>"Outlet stated"</dt><dd>{format!("{with_outlet} of {n}")}</dd></div>
                <div><dt>"Author stated"</dt><dd>{format!("{with_author} of {n}")}</dd></div>
                <div><dt>"Boilerplate blocks set aside"</dt><dd>{blocks}</dd></div>
            </dl>
        </section>
    }
}

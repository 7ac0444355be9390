//! The comparison pane. With no document chosen, the overview of the listed documents: how much
//! of its text each pair shares (a heat map) and the statements they quote (a quote × document
//! table). With one, its sentences tagged with the listed documents that carry them. With two,
//! the two side by side: an aligned pair on one row, verbatim / paraphrase / one side only told
//! apart, the rewording of a pair on request, the entities each names, where they disagree.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use super::{counted, Page};
use crate::compare::{
    align, disagreements, prepare, share_aligned, word_diff, Change, Disagreement, Kind, Options,
    Pair, Prepared,
};
use crate::facts::Fact;
use crate::ingest::Document;
use crate::quotes::{Carried, QuoteTable, QuoteTableBuilder};
use crate::shingles::{ShingleIndex, Similar, ALIGN_MOST};
use crate::side_by_side::{rows, tag_carriers, Carrier};
use crate::text::Span;
use crate::view_state::{CompareView as Settings, ViewState};

/// Most listed documents the overview compares (2–100): every pair is aligned, so the work grows
/// with the square (30 documents are 435 pairs, about a second); the list's order (best match
/// first) says which.
const OVERVIEW_DOCS_MAX: usize = 30;
/// Most documents offered in a menu of documents to compare with (10–1000), the first listed.
const MENU_DOCS_MAX: usize = 200;
/// Documents read into the shingle index per step (1–100): about 0.1 ms each.
const INDEX_DOCS_PER_STEP: usize = 10;
/// Quote rows shown at first, and added by "Show more" (10–500): each row is a cell per column.
const QUOTE_ROWS_PAGE: usize = 40;
/// Time (ms) the comparison works before letting the page paint and answer input (4–16).
const SLICE_BUDGET_MS: f64 = 8.0;

/// The view shown with the comparison's settings replaced by `settings`.
fn with_compare(state: &ViewState, settings: Settings) -> ViewState {
    ViewState {
        doc: None,
        kwic: None,
        graph: None,
        compare: Some(settings),
        ..state.clone()
    }
}

/// Characters of a headline kept when it names a document (10–60).
const LABEL_CHARS: usize = 32;

/// A short name for a document: its outlet, or else the start of its headline.
fn label(doc: &Document) -> String {
    if let Some(outlet) = &doc.outlet {
        return outlet.clone();
    }
    let mut title: String = doc.title.chars().take(LABEL_CHARS).collect();
    if doc.title.chars().count() > LABEL_CHARS {
        title = format!("{}…", title.trim_end());
    }
    title
}

/// The label with the date, for a column or a menu.
fn long_label(doc: &Document) -> String {
    match doc.date {
        Some(date) => format!("{} · {date}", label(doc)),
        None => format!("{} · undated", label(doc)),
    }
}

/// Runs `step` a slice of each task until it says it is done, so long work never freezes the
/// page, calling `show` at the end of each slice (to update the page once, not once per step);
/// stops as soon as `alive` says the result is no longer wanted.
fn in_slices(
    step: impl FnMut() -> bool + 'static,
    show: impl FnMut() + 'static,
    alive: impl Fn() -> bool + 'static,
) {
    fn slice(
        step: Rc<RefCell<dyn FnMut() -> bool>>,
        show: Rc<RefCell<dyn FnMut()>>,
        alive: Rc<dyn Fn() -> bool>,
    ) {
        if !alive() {
            return;
        }
        let start = js_sys::Date::now();
        let mut finished = false;
        while !finished && js_sys::Date::now() - start < SLICE_BUDGET_MS {
            finished = (step.borrow_mut())();
        }
        (show.borrow_mut())();
        if !finished {
            set_timeout(move || slice(step, show, alive), Duration::ZERO);
        }
    }
    slice(
        Rc::new(RefCell::new(step)),
        Rc::new(RefCell::new(show)),
        Rc::new(alive),
    );
}

#[component]
pub(crate) fn CompareView() -> impl IntoView {
    let page = expect_context::<Page>();
    let url_state = page.url_state;
    let sides = Memo::new(move |_| {
        url_state.with(|s| {
            s.compare
                .as_ref()
                .map(|c| (c.a.clone(), c.b.clone()))
                .unwrap_or_default()
        })
    });
    let back = {
        let page = page.clone();
        move || {
            let mut next = page.state.get();
            next.compare = None;
            page.href(&next)
        }
    };
    view! {
        <section class="compare" aria-labelledby="compare-title">
            <a class="back-link" href=back>"← All documents"</a>
            {move || match sides.get() {
                (Some(a), Some(b)) => view! { <SideBySide a b /> }.into_any(),
                (Some(a), None) => view! { <AgainstAll a /> }.into_any(),
                _ => view! { <Overview /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Overview() -> impl IntoView {
    let page = expect_context::<Page>();
    leptos::prelude::document().set_title("Compare · Parallax");
    let listed = super::settled(page.listed, 300);
    let docs = Memo::new(move |_| {
        listed.with(|l| {
            l.iter()
                .copied()
                .take(OVERVIEW_DOCS_MAX)
                .collect::<Vec<_>>()
        })
    });
    let note = move || {
        let (listed, shown) = (listed.with(Vec::len), docs.with(Vec::len));
        (listed > shown).then(|| {
            format!("The first {shown} of the {listed} listed documents; narrow the list to compare others.")
        })
    };
    view! {
        <h1 id="compare-title" class="compare-title">"Compare the listed documents"</h1>
        <p class="compare-lede">
            "Pick a cell to put two documents side by side, or open a document and compare it with all the others."
        </p>
        <p class="compare-note">{note}</p>
        {move || {
            let docs = docs.get();
            let aligned = RwSignal::new(false);
            let disagreeing = RwSignal::new(Vec::new());
            view! {
                <Heatmap docs=docs.clone() aligned disagreeing />
                <DisagreementList disagreeing />
                <QuoteMatrix docs start=aligned />
            }
        }}
    }
}

/// Every pair of `docs` as a cell shaded by the share of their text aligned.
#[component]
fn Heatmap(
    docs: Vec<usize>,
    /// Set once every pair is aligned.
    aligned: RwSignal<bool>,
    /// Where aligned passages state different facts, added as pairs are aligned.
    disagreeing: RwSignal<Vec<Differing>>,
) -> impl IntoView {
    let page = expect_context::<Page>();
    let n = docs.len();
    let shares = RwSignal::new(vec![None::<f32>; n * n]);
    let total_pairs = n * n.saturating_sub(1) / 2;
    let done = RwSignal::new(0usize);
    {
        let corpus = page.corpus.clone();
        let docs = docs.clone();
        let mut prepared: Vec<Prepared> = Vec::with_capacity(n);
        let mut next = (0usize, 1usize);
        let found = Rc::new(RefCell::new(Vec::new()));
        let differing = Rc::new(RefCell::new(Vec::new()));
        let step = {
            let found = found.clone();
            let differing = differing.clone();
            move || {
                if prepared.len() < n {
                    let doc = &corpus.documents[docs[prepared.len()]];
                    prepared.push(prepare(doc));
                    return false;
                }
                let (i, j) = next;
                if i + 1 >= n {
                    return true;
                }
                let (a, b) = (&prepared[i], &prepared[j]);
                let pairs = align(a, b, Options::default()).pairs;
                let share = share_aligned(a, b, &pairs);
                for d in disagreements(a.facts(), b.facts(), &pairs) {
                    let pair = pairs[d.pair];
                    differing.borrow_mut().push(Differing {
                        a: docs[i],
                        b: docs[j],
                        pair,
                        found: d,
                    });
                }
                found.borrow_mut().push((i, j, share));
                next = if j + 1 < n {
                    (i, j + 1)
                } else {
                    (i + 1, i + 2)
                };
                false
            }
        };
        // Shown once per slice: every cell watches the shares.
        let show = move || {
            let new = std::mem::take(&mut *differing.borrow_mut());
            if !new.is_empty() {
                disagreeing.update(|d| d.extend(new));
            }
            let found = std::mem::take(&mut *found.borrow_mut());
            if found.is_empty() {
                return;
            }
            shares.update(|s| {
                for &(i, j, share) in &found {
                    s[i * n + j] = Some(share);
                    s[j * n + i] = Some(share);
                }
            });
            done.update(|d| *d += found.len());
            if done.get_untracked() == total_pairs {
                aligned.set(true);
            }
        };
        if total_pairs == 0 {
            aligned.set(true);
        }
        let alive = move || shares.try_get_untracked().is_some();
        in_slices(step, show, alive);
    }
    let state = page.state;
    let corpus = page.corpus.clone();
    let header = docs
        .iter()
        .enumerate()
        .map(|(c, &d)| {
            let doc = &corpus.documents[d];
            view! { <th scope="col" title=long_label(doc)>{c + 1}</th> }
        })
        .collect_view();
    let body = docs
        .iter()
        .enumerate()
        .map(|(r, &row_doc)| {
            let a = &corpus.documents[row_doc];
            let cells = docs
                .iter()
                .enumerate()
                .map(|(c, &col_doc)| {
                    if r == c {
                        return view! { <td class="heat-self"></td> }.into_any();
                    }
                    let b = &corpus.documents[col_doc];
                    let page = page.clone();
                    let (a_id, b_id) = (a.id.clone(), b.id.clone());
                    let href = move || {
                        let settings = Settings {
                            a: Some(a_id.clone()),
                            b: Some(b_id.clone()),
                            ..Default::default()
                        };
                        page.href(&with_compare(&state.get(), settings))
                    };
                    let share = move || shares.with(|s| s[r * n + c]);
                    let names = format!("{} and {}", long_label(a), long_label(b));
                    let title = move || match share() {
                        Some(x) => format!("{names}: {:.0}% of their text aligned", x * 100.0),
                        None => format!("{names}: comparing…"),
                    };
                    view! {
                        <td>
                            <a
                                class="heat-cell"
                                href=href
                                title=title
                                style:background-color=move || {
                                    share().map(|x| format!("rgba(37, 99, 235, {:.2})", 0.08 + 0.92 * x))
                                }
                            >
                                {move || share().map(|x| format!("{:.0}", x * 100.0)).unwrap_or_default()}
                            </a>
                        </td>
                    }
                    .into_any()
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row" class="heat-label" title=long_label(a)>
                        {format!("{} {}", r + 1, label(a))}
                    </th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="heatmap" aria-label="Share of text aligned, per pair of documents">
            <h2>"How much each pair shares"</h2>
            <p class="heat-progress" aria-live="polite">
                {move || {
                    let d = done.get();
                    if d < total_pairs {
                        format!("Compared {d} of {total_pairs} pairs…")
                    } else {
                        format!("{} compared; each cell is the percentage of the two texts aligned.", counted(total_pairs, "pair"))
                    }
                }}
            </p>
            <table class="heat-table">
                <thead><tr><th></th>{header}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </section>
    }
}

/// Two documents' aligned passages that state different facts of one kind.
#[derive(Clone)]
struct Differing {
    a: usize,
    b: usize,
    pair: Pair,
    found: Disagreement,
}

/// Every disagreement among the overview's documents: the values, both passages, a link to the
/// two side by side at that pair.
#[component]
fn DisagreementList(disagreeing: RwSignal<Vec<Differing>>) -> impl IntoView {
    let page = expect_context::<Page>();
    let items = move || {
        disagreeing.with(|all| {
            all.iter()
                .map(|d| {
                    let (da, db) = (&page.corpus.documents[d.a], &page.corpus.documents[d.b]);
                    let k = d.found.pair;
                    let settings = Settings {
                        a: Some(da.id.clone()),
                        b: Some(db.id.clone()),
                        pair: Some(k),
                        ..Default::default()
                    };
                    let href = page.href(&with_compare(&page.state.get_untracked(), settings));
                    view! {
                        <li class="disagreement">
                            <a class="disagreement-what" href=href>
                                {format!("≠ {}: {} “{}” | {} “{}”", fact_kind(d.found.kind), label(da), said(&da.text, &d.found.a), label(db), said(&db.text, &d.found.b))}
                            </a>
                            <p class="disagreement-a">{d.pair.a.of(&da.text).to_string()}</p>
                            <p class="disagreement-b">{d.pair.b.of(&db.text).to_string()}</p>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="disagreements" aria-label="Where the documents disagree">
            <h2>"Where they disagree"</h2>
            <p class="compare-lede">"Aligned passages that state different numbers, dates or durations."</p>
            <Show when=move || disagreeing.with(Vec::is_empty)>
                <p class="quotes-none">"None found among the pairs aligned so far."</p>
            </Show>
            <ul class="disagreement-list">{items}</ul>
        </section>
    }
}

/// The statements quoted in `docs`: one row each, a column per document.
#[component]
fn QuoteMatrix(
    docs: Vec<usize>,
    /// The table is worked out once this is set (after the heat map, which comes first).
    start: RwSignal<bool>,
) -> impl IntoView {
    let page = expect_context::<Page>();
    let table = RwSignal::new(None::<Arc<QuoteTable>>);
    let progress = RwSignal::new((0usize, 1usize));
    let shown_rows = RwSignal::new(QUOTE_ROWS_PAGE);
    let work = {
        let page = page.clone();
        let curated = page.entities.get_untracked();
        let builder = Rc::new(RefCell::new(Some(QuoteTableBuilder::new(
            &page.corpus,
            &docs,
        ))));
        let step = {
            let builder = builder.clone();
            let page = page.clone();
            let curated = curated.clone();
            move || {
                let mut slot = builder.borrow_mut();
                let Some(reading) = slot.as_mut() else {
                    return true;
                };
                if !reading.step(&page.corpus, curated.index()) {
                    return false;
                }
                let finished = slot.take().expect("read above").finish(&page.corpus);
                table.set(Some(Arc::new(finished)));
                true
            }
        };
        let show = move || {
            if let Some(reading) = builder.borrow().as_ref() {
                progress.set(reading.progress(curated.index()));
            }
        };
        let alive = move || table.try_get_untracked().is_some();
        move || in_slices(step, show, alive)
    };
    let mut work = Some(work);
    Effect::new(move |_| {
        if start.get() {
            if let Some(work) = work.take() {
                work();
            }
        }
    });
    let body = move || {
        let Some(table) = table.get() else {
            let (done, total) = progress.get();
            return view! {
                <p class="quotes-progress">
                    "Finding quotes… "
                    <progress max=total value=done></progress>
                </p>
            }
            .into_any();
        };
        if table.rows.is_empty() {
            return view! { <p class="quotes-none">"No quotations of five words or more."</p> }
                .into_any();
        }
        let corpus = page.corpus.clone();
        let header = table
            .columns
            .iter()
            .map(|&d| view! { <th scope="col" class="quote-col">{long_label(&corpus.documents[d])}</th> })
            .collect_view();
        let shown = shown_rows.get().min(table.rows.len());
        let more = table.rows.len() - shown;
        let rows = table.rows[..shown]
            .iter()
            .map(|row| {
                let first = &corpus.documents[row.quote.doc];
                let words = row.quote.span.of(&first.text).to_string();
                let speaker = row.speaker.as_ref().map(|s| s.name.clone());
                let cells = row
                    .cells
                    .iter()
                    .map(|cell| quote_cell(&page, row.quote.doc, cell))
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row" class="quote-text">
                            <q>{words}</q>
                            <span class="quote-speaker">{speaker.map_or("unattributed".to_string(), |s| format!("— {s}"))}</span>
                        </th>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="quote-scroll">
                <table class="quote-table">
                    <thead><tr><th scope="col" class="quote-head">"Statement (earliest dated quote)"</th>{header}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {(more > 0).then(|| view! {
                <button type="button" class="show-more" on:click=move |_| shown_rows.update(|n| *n += QUOTE_ROWS_PAGE)>
                    {format!("Show {} more of {more}", more.min(QUOTE_ROWS_PAGE))}
                </button>
            })}
        }
        .into_any()
    };
    view! {
        <section class="quotes" aria-label="Quotations across the documents">
            <h2>"Who quotes what"</h2>
            <p class="compare-legend">
                <span class="carried verbatim">"="</span>" same words "
                <span class="carried paraphrased">"≈"</span>" reworded "
                <span class="carried reported">"≈"</span>" reported without quotation marks · a cell opens the two documents side by side"
            </p>
            {body}
        </section>
    }
}

/// One document's cell of a quote row: a link to it side by side with the row's first quote.
fn quote_cell(page: &Page, first_doc: usize, cell: &crate::quotes::Cell) -> AnyView {
    let (mark, class) = match (cell.carried, cell.quoted) {
        (Carried::Absent, _) => return view! { <td class="carried absent"></td> }.into_any(),
        (Carried::Verbatim, true) => ("=", "carried verbatim"),
        (Carried::Verbatim, false) => ("=", "carried verbatim reported"),
        (Carried::Paraphrased, true) => ("≈", "carried paraphrased"),
        (Carried::Paraphrased, false) => ("≈", "carried paraphrased reported"),
    };
    let doc = &page.corpus.documents[cell.doc];
    let said = cell
        .span
        .map(|s| s.of(&doc.text).to_string())
        .unwrap_or_default();
    let who = cell
        .speaker
        .as_ref()
        .map_or(String::new(), |s| format!(" — {}", s.name));
    let title = format!("{}: “{said}”{who}", label(doc));
    let settings = if cell.doc == first_doc {
        Settings {
            a: Some(doc.id.clone()),
            ..Default::default()
        }
    } else {
        Settings {
            a: Some(page.corpus.documents[first_doc].id.clone()),
            b: Some(doc.id.clone()),
            ..Default::default()
        }
    };
    let href = page.href(&with_compare(&page.state.get_untracked(), settings));
    view! { <td class=class><a href=href title=title>{mark}</a></td> }.into_any()
}

/// Document `a`'s sentences, each tagged with the listed documents that carry it.
#[component]
fn AgainstAll(a: String) -> impl IntoView {
    let page = expect_context::<Page>();
    let Some(a_index) = page.corpus.position(&a) else {
        return view! { <p class="compare-missing">{format!("No document “{a}” in this corpus.")}</p> }.into_any();
    };
    let doc = &page.corpus.documents[a_index];
    leptos::prelude::document().set_title(&format!("{} against all · Parallax", doc.title));
    let listed_count = page
        .listed
        .with_untracked(|l| l.iter().filter(|&&d| d != a_index).count());
    let listed: Vec<usize> = page
        .listed
        .get_untracked()
        .into_iter()
        .filter(|&d| d != a_index)
        .collect();
    let prepared_a = Rc::new(prepare(doc));
    let sentences = prepared_a.sentences();
    let tags = RwSignal::new(vec![Vec::<Carrier>::new(); sentences.len()]);
    // The documents aligned with A: all the listed ones, or when they are too many, those
    // sharing the most text with A (which needs the shingle index, built once per corpus).
    // Always through the shingle index (built once per corpus, at once for a small one): it
    // also names the documents that reprint this one's wording.
    let chosen = RwSignal::new(None::<Vec<usize>>);
    let by_wording = RwSignal::new(0usize);
    let sharing_wording = RwSignal::new(Vec::<Similar>::new());
    let done = RwSignal::new(0usize);
    {
        let page = page.clone();
        let sentences = sentences.clone();
        let mut building = None::<ShingleIndex>;
        let tallied = Rc::new(RefCell::new(
            Vec::<(usize, Vec<crate::compare::Pair>)>::new(),
        ));
        let step = {
            let tallied = tallied.clone();
            move || {
                let Some(others) = chosen.get_untracked() else {
                    let index = match page.shingles.get_untracked() {
                        Some(index) => index,
                        None => {
                            let index = building.get_or_insert_with(ShingleIndex::default);
                            let added = index.add_documents(&page.corpus, INDEX_DOCS_PER_STEP);
                            if added < page.corpus.documents.len() {
                                return false;
                            }
                            let mut index = building.take().expect("being built");
                            index.finish();
                            let index = Arc::new(index);
                            page.shingles.set(Some(index.clone()));
                            index
                        }
                    };
                    let doc = &page.corpus.documents[a_index];
                    let listed_set: rustc_hash::FxHashSet<usize> = listed.iter().copied().collect();
                    let similar: Vec<Similar> = index
                        .similar(doc, Some(a_index))
                        .into_iter()
                        .filter(|s| listed_set.contains(&s.doc))
                        .collect();
                    let mut best: Vec<usize> =
                        similar.iter().take(ALIGN_MOST).map(|s| s.doc).collect();
                    sharing_wording.set(similar);
                    // Paraphrases share no run of words: the rest are the first listed (the
                    // best matches of the search, when there is one).
                    let sharing = best.len();
                    let taken: rustc_hash::FxHashSet<usize> = best.iter().copied().collect();
                    let rest = listed.iter().copied().filter(|d| !taken.contains(d));
                    best.extend(rest.take(ALIGN_MOST - sharing));
                    by_wording.set(sharing);
                    chosen.set(Some(best));
                    return false;
                };
                let Some(&other) = others.get(done.get_untracked() + tallied.borrow().len()) else {
                    return true;
                };
                let pairs = align(
                    &prepared_a,
                    &prepare(&page.corpus.documents[other]),
                    Options::default(),
                )
                .pairs;
                tallied.borrow_mut().push((other, pairs));
                false
            }
        };
        // Shown once per slice, not once per document.
        let show = move || {
            let found = std::mem::take(&mut *tallied.borrow_mut());
            if !found.is_empty() {
                tags.update(|t| {
                    for (other, pairs) in &found {
                        tag_carriers(t, &sentences, *other, pairs);
                    }
                });
                done.update(|d| *d += found.len());
            }
        };
        let alive = move || tags.try_get_untracked().is_some();
        in_slices(step, show, alive);
    }
    let progress = {
        let page = page.clone();
        move || {
            match chosen.get() {
            None => format!(
                "Finding the listed documents that share text with this one (reading {} documents once)…",
                page.corpus.documents.len()
            ),
            Some(others) => {
                let (d, total) = (done.get(), others.len());
                if d < total {
                    format!("Compared with {d} of {total}…")
                } else {
                    format!("Compared with {}.", counted(total, "document"))
                }
            }
        }
        }
    };
    let note = move || {
        let aligned = chosen.with(|c| c.as_ref().map_or(0, Vec::len));
        let sharing = by_wording.get();
        (listed_count > ALIGN_MOST).then(|| {
            format!(
                "Of the {listed_count} listed documents, {aligned}: the {sharing} that share runs of words with this one, then the first listed. Narrow the list (a search) to compare with others."
            )
        })
    };
    let state = page.state;
    let hide_unique =
        Memo::new(move |_| state.with(|s| s.compare.as_ref().is_some_and(|c| c.hide_unique)));
    let text: Arc<str> = Arc::from(doc.text.as_str());
    let a_id = doc.id.clone();
    let a_id_for_wording = doc.id.clone();
    let body = {
        let page = page.clone();
        move || {
            let hide = hide_unique.get();
            tags.with(|tags| {
                sentences
                    .iter()
                    .zip(tags)
                    .filter(|(_, carriers)| !hide || !carriers.is_empty())
                    .map(|(span, carriers)| {
                        let chips = carriers
                            .iter()
                            .map(|c| carrier_chip(&page, &a_id, c))
                            .collect_view();
                        let class = if carriers.is_empty() {
                            "against-row unique"
                        } else if carriers.iter().any(|c| c.kind == Kind::Verbatim) {
                            "against-row verbatim"
                        } else {
                            "against-row paraphrase"
                        };
                        view! {
                            <li class=class>
                                <p class="against-text">{span.of(&text).to_string()}</p>
                                <p class="against-tags">{chips}</p>
                            </li>
                        }
                    })
                    .collect_view()
            })
        }
    };
    let options = page
        .listed
        .get_untracked()
        .into_iter()
        .filter(|&d| d != a_index)
        .take(MENU_DOCS_MAX)
        .map(|d| {
            let other = &page.corpus.documents[d];
            view! { <option value=other.id.clone()>{format!("{} — {}", long_label(other), other.title)}</option> }
        })
        .collect_view();
    let pick = {
        let page = page.clone();
        let a = a.clone();
        move |ev: leptos::ev::Event| {
            let b = event_target_value(&ev);
            if b.is_empty() {
                return;
            }
            let settings = Settings {
                a: Some(a.clone()),
                b: Some(b),
                ..Default::default()
            };
            page.go(&with_compare(&state.get_untracked(), settings), false);
        }
    };
    view! {
        <h1 id="compare-title" class="compare-title">{doc.title.clone()}</h1>
        <p class="compare-lede">
            {format!("{} against the listed documents: each sentence tagged with those that carry it.", long_label(doc))}
        </p>
        <p class="compare-note">{note}</p>
        <div class="compare-tools">
            <label>
                "Side by side with "
                <select class="pick-b" on:change=pick>
                    <option value="">"choose a document…"</option>
                    {options}
                </select>
            </label>
            <HideUniqueToggle />
            <span class="against-progress" aria-live="polite">{progress}</span>
        </div>
        <CompareLegend />
        <SharedWording a=a_id_for_wording sharing=sharing_wording />
        <ol class="against-rows">{body}</ol>
    }
    .into_any()
}

/// Most documents named as sharing runs of words with one (1–50).
const SHARING_SHOWN: usize = 8;

/// The listed documents that share runs of words with document `a` (reprints, wire copy,
/// long quotations), near-duplicates flagged.
#[component]
fn SharedWording(a: String, sharing: RwSignal<Vec<Similar>>) -> impl IntoView {
    let page = expect_context::<Page>();
    let items = move || {
        sharing.with(|all| {
            all.iter()
                .take(SHARING_SHOWN)
                .map(|s| {
                    let other = &page.corpus.documents[s.doc];
                    let settings = Settings {
                        a: Some(a.clone()),
                        b: Some(other.id.clone()),
                        ..Default::default()
                    };
                    let href = page.href(&with_compare(&page.state.get_untracked(), settings));
                    let share = format!("{:.0}% of this one’s wording", s.containment * 100.0);
                    view! {
                        <li>
                            <a href=href title=other.title.clone()>{long_label(other)}</a>
                            " · "{share}
                            {s.near_duplicate.then(|| view! { <span class="near-duplicate">"near-duplicate"</span> })}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <Show when=move || sharing.with(|s| !s.is_empty())>
            <section class="shared-wording" aria-label="Documents sharing runs of words with this one">
                <h2>"Shares runs of words with"</h2>
                <ul>{items.clone()}</ul>
            </section>
        </Show>
    }
}

/// A tag naming a document that carries a sentence, opening the two side by side at that pair.
fn carrier_chip(page: &Page, a: &str, carrier: &Carrier) -> impl IntoView {
    let other = &page.corpus.documents[carrier.doc];
    let (class, how) = match carrier.kind {
        Kind::Verbatim => ("chip verbatim", "verbatim"),
        Kind::Paraphrase => ("chip paraphrase", "paraphrased"),
    };
    let settings = Settings {
        a: Some(a.to_string()),
        b: Some(other.id.clone()),
        ..Default::default()
    };
    let href = page.href(&with_compare(&page.state.get_untracked(), settings));
    let title = format!(
        "{how} in {}: “{}”",
        long_label(other),
        carrier.span.of(&other.text)
    );
    view! { <a class=class href=href title=title>{label(other)}</a> }
}

#[component]
fn HideUniqueToggle() -> impl IntoView {
    let page = expect_context::<Page>();
    let state = page.state;
    let hidden =
        Memo::new(move |_| state.with(|s| s.compare.as_ref().is_some_and(|c| c.hide_unique)));
    let toggle = move |_| {
        let mut next = state.get_untracked();
        if let Some(c) = next.compare.as_mut() {
            c.hide_unique = !c.hide_unique;
        }
        page.go(&next, true);
    };
    view! {
        <button type="button" class="hide-unique" aria-pressed=move || if hidden.get() { "true" } else { "false" } on:click=toggle>
            {move || if hidden.get() { "Show unique passages" } else { "Hide unique passages" }}
        </button>
    }
}

#[component]
fn CompareLegend() -> impl IntoView {
    view! {
        <p class="compare-legend">
            <span class="swatch verbatim"></span>" verbatim "
            <span class="swatch paraphrase"></span>" paraphrase "
            <span class="swatch unique"></span>" only in one"
        </p>
    }
}

/// Documents `a` and `b` side by side.
#[component]
fn SideBySide(a: String, b: String) -> impl IntoView {
    let page = expect_context::<Page>();
    let (Some(ia), Some(ib)) = (page.corpus.position(&a), page.corpus.position(&b)) else {
        let missing = if page.corpus.position(&a).is_none() {
            a
        } else {
            b
        };
        return view! { <p class="compare-missing">{format!("No document “{missing}” in this corpus.")}</p> }.into_any();
    };
    let (da, db) = (&page.corpus.documents[ia], &page.corpus.documents[ib]);
    leptos::prelude::document().set_title(&format!("{} | {} · Parallax", label(da), label(db)));
    let (pa, pb) = (prepare(da), prepare(db));
    let mut aligned = align(&pa, &pb, Options::default());
    aligned.disagreements = disagreements(pa.facts(), pb.facts(), &aligned.pairs);
    let comparison = Arc::new(aligned);
    let (sa, sb) = (pa.sentences(), pb.sentences());
    let layout = rows(&sa, &sb, &comparison.pairs);
    let state = page.state;
    let settings = Memo::new(move |_| state.with(|s| s.compare.clone().unwrap_or_default()));
    let hide_unique = Memo::new(move |_| settings.with(|c| c.hide_unique));
    let open_pair = Memo::new(move |_| settings.with(|c| c.pair));
    let shared: usize = comparison.pairs.len();
    let verbatim = comparison
        .pairs
        .iter()
        .filter(|p| p.kind == Kind::Verbatim)
        .count();
    let summary = format!(
        // A passage in two pairs (said again, or in two sentences) makes two: count pairs.
        "{} ({verbatim} verbatim, {} paraphrased); {} only in A, {} only in B; {}.",
        counted(shared, "aligned pair"),
        shared - verbatim,
        comparison.only_a.len(),
        comparison.only_b.len(),
        counted(comparison.disagreements.len(), "disagreement"),
    );
    let swap = {
        let page = page.clone();
        let (a, b) = (a.clone(), b.clone());
        move || {
            let next = Settings {
                a: Some(b.clone()),
                b: Some(a.clone()),
                hide_unique: hide_unique.get(),
                pair: None,
            };
            page.href(&with_compare(&state.get(), next))
        }
    };
    let (text_a, text_b): (Arc<str>, Arc<str>) =
        (Arc::from(da.text.as_str()), Arc::from(db.text.as_str()));
    let body = {
        let page = page.clone();
        let comparison = comparison.clone();
        move || {
            let hide = hide_unique.get();
            let open = open_pair.get();
            layout
                .iter()
                .filter(|r| !hide || r.pair.is_some())
                .map(|row| {
                    let side = |i: Option<usize>, spans: &[Span], text: &Arc<str>| {
                        i.map(|i| spans[i].of(text).to_string()).unwrap_or_default()
                    };
                    let (left, right) = (side(row.a, &sa, &text_a), side(row.b, &sb, &text_b));
                    let Some(k) = row.pair else {
                        let class = if row.a.is_some() { "sbs-row unique only-a" } else { "sbs-row unique only-b" };
                        return view! {
                            <div class=class>
                                <p class="sbs-a">{left}</p>
                                <span class="sbs-link" aria-hidden="true"></span>
                                <p class="sbs-b">{right}</p>
                            </div>
                        }
                        .into_any();
                    };
                    let pair = comparison.pairs[k];
                    let (class, mark, how) = match pair.kind {
                        Kind::Verbatim => ("sbs-row aligned verbatim", "=", "verbatim"),
                        Kind::Paraphrase => ("sbs-row aligned paraphrase", "≈", "paraphrase"),
                    };
                    let disagreements: Vec<String> = comparison
                        .disagreements
                        .iter()
                        .filter(|d| d.pair == k)
                        .map(|d| {
                            format!("≠ {}: {} | {}", fact_kind(d.kind), said(&text_a, &d.a), said(&text_b, &d.b))
                        })
                        .collect();
                    let is_open = open == Some(k);
                    let toggle = {
                        let page = page.clone();
                        move |_| {
                            let mut next = state.get_untracked();
                            if let Some(c) = next.compare.as_mut() {
                                c.pair = if is_open { None } else { Some(k) };
                            }
                            page.go(&next, true);
                        }
                    };
                    let note = if row.a_again || row.b_again {
                        "; one side says this again, or in two sentences"
                    } else if row.moved {
                        "; told earlier in B"
                    } else {
                        ""
                    };
                    let title = format!("{how}, similarity {:.2}{note}: show the rewording", pair.score);
                    let diff = is_open.then(|| view! { <PairDiff a=text_a.clone() b=text_b.clone() pair /> });
                    view! {
                        <div class=class class:moved=row.moved class:a-again=row.a_again class:b-again=row.b_again class:open=is_open data-pair=k>
                            <p class="sbs-a">{left}</p>
                            <button type="button" class="sbs-link" title=title aria-expanded=if is_open { "true" } else { "false" } on:click=toggle>
                                {mark}
                            </button>
                            <p class="sbs-b">{right}</p>
                            {(!disagreements.is_empty()).then(|| view! {
                                <p class="sbs-disagree">{disagreements.join(" · ")}</p>
                            })}
                            {diff}
                        </div>
                    }
                    .into_any()
                })
                .collect_view()
        }
    };
    // A deep link to a pair scrolls to it.
    Effect::new(move |_| {
        if let Some(k) = open_pair.get() {
            let selector = format!(".sbs-row[data-pair=\"{k}\"]");
            if let Ok(Some(el)) = leptos::prelude::document().query_selector(&selector) {
                super::scroll_into_view(&el, web_sys::ScrollLogicalPosition::Nearest);
            }
        }
    });
    view! {
        <h1 id="compare-title" class="compare-title">"Side by side"</h1>
        <div class="compare-tools">
            <SidePicker side=Side::A current=a.clone() other=b.clone() />
            <a class="swap" href=swap title="Swap the two sides">"⇄ Swap"</a>
            <SidePicker side=Side::B current=b.clone() other=a.clone() />
            <HideUniqueToggle />
        </div>
        <p class="compare-summary">{summary}</p>
        <CompareLegend />
        <EntityOverlap a=ia b=ib />
        <div class="sbs-head">
            <h2 class="sbs-a">{format!("A · {}", long_label(da))}<span class="sbs-title">{da.title.clone()}</span></h2>
            <span></span>
            <h2 class="sbs-b">{format!("B · {}", long_label(db))}<span class="sbs-title">{db.title.clone()}</span></h2>
        </div>
        <div class="sbs-rows">{body}</div>
    }
    .into_any()
}

/// The words of `facts` in `text`, comma-separated ("two days, a week").
fn said(text: &str, facts: &[Fact]) -> String {
    facts
        .iter()
        .map(|f| f.span.of(text))
        .collect::<Vec<_>>()
        .join(", ")
}

fn fact_kind(kind: crate::facts::FactKind) -> &'static str {
    use crate::facts::FactKind;
    match kind {
        FactKind::Date => "date",
        FactKind::Duration => "duration",
        FactKind::Number => "number",
        FactKind::Percent => "percentage",
        FactKind::Money => "sum",
    }
}

/// The word-level rewording of a pair: what only A says struck through, what only B says added.
#[component]
fn PairDiff(a: Arc<str>, b: Arc<str>, pair: crate::compare::Pair) -> impl IntoView {
    let changes = word_diff(&a, pair.a, &b, pair.b);
    let texts: Vec<&str> = changes
        .iter()
        .map(|change| match *change {
            Change::Same { a: span, .. } | Change::Removed { a: span } => span.of(&a),
            Change::Added { b: span } => span.of(&b),
        })
        .collect();
    let pieces = changes
        .iter()
        .zip(&texts)
        .enumerate()
        .map(|(i, (change, text))| {
            // A removed word and the added one that replaces it are apart in neither text.
            let gap = texts.get(i + 1).is_some_and(|next| {
                !text.ends_with(char::is_whitespace) && !next.starts_with(char::is_whitespace)
            });
            let text = format!("{text}{}", if gap { " " } else { "" });
            match change {
                Change::Same { .. } => view! { <span class="diff-same">{text}</span> }.into_any(),
                Change::Removed { .. } => {
                    view! { <del class="diff-del" title="only in A">{text}</del> }.into_any()
                }
                Change::Added { .. } => {
                    view! { <ins class="diff-ins" title="only in B">{text}</ins> }.into_any()
                }
            }
        })
        .collect_view();
    view! { <p class="sbs-diff">{pieces}</p> }
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    A,
    B,
}

/// A menu replacing one side with another listed document.
#[component]
fn SidePicker(side: Side, current: String, other: String) -> impl IntoView {
    let page = expect_context::<Page>();
    let state = page.state;
    let listed = page.listed.get_untracked();
    let mut choices: Vec<usize> = listed.into_iter().take(MENU_DOCS_MAX).collect();
    if let Some(i) = page.corpus.position(&current) {
        if !choices.contains(&i) {
            choices.insert(0, i);
        }
    }
    let options = choices
        .into_iter()
        .filter(|&d| page.corpus.documents[d].id != other)
        .map(|d| {
            let doc = &page.corpus.documents[d];
            let selected = doc.id == current;
            view! { <option value=doc.id.clone() selected=selected>{format!("{} — {}", long_label(doc), doc.title)}</option> }
        })
        .collect_view();
    let pick = move |ev: leptos::ev::Event| {
        let chosen = event_target_value(&ev);
        let mut next = state.get_untracked();
        if let Some(c) = next.compare.as_mut() {
            match side {
                Side::A => c.a = Some(chosen),
                Side::B => c.b = Some(chosen),
            }
            c.pair = None;
        }
        page.go(&next, false);
    };
    let name = if side == Side::A { "A" } else { "B" };
    view! {
        <label class="side-picker">
            {format!("{name} ")}
            <select class=if side == Side::A { "pick-a" } else { "pick-b" } on:change=pick>{options}</select>
        </label>
    }
}

/// The entities only A names, both name, and only B names.
#[component]
fn EntityOverlap(a: usize, b: usize) -> impl IntoView {
    let page = expect_context::<Page>();
    let curated = page.entities;
    move || {
        let curated = curated.get();
        let index = curated.index();
        let names = |doc: usize| {
            let mut named: Vec<(String, String)> = index
                .mentions_in(doc)
                .into_iter()
                .map(|(_, e)| (e.id.clone(), e.name.clone()))
                .collect();
            named.sort();
            named.dedup();
            named
        };
        let (na, nb) = (names(a), names(b));
        let only = |these: &[(String, String)], those: &[(String, String)]| {
            these
                .iter()
                .filter(|(id, _)| !those.iter().any(|(other, _)| other == id))
                .map(|(_, name)| name.clone())
                .collect::<Vec<_>>()
        };
        let both: Vec<String> = na
            .iter()
            .filter(|(id, _)| nb.iter().any(|(other, _)| other == id))
            .map(|(_, name)| name.clone())
            .collect();
        let list = |class: &'static str, heading: &'static str, names: Vec<String>| {
            let count = names.len();
            view! {
                <div class=class>
                    <h3>{format!("{heading} ({count})")}</h3>
                    <p>{names.join(", ")}</p>
                </div>
            }
        };
        view! {
            <section class="entity-overlap" aria-label="Entities named">
                {list("overlap-a", "Only A names", only(&na, &nb))}
                {list("overlap-both", "Both name", both)}
                {list("overlap-b", "Only B names", only(&nb, &na))}
            </section>
        }
    }
}

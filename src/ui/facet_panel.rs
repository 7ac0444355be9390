//! The filters above the result list: the chosen facet values as removable chips, then each facet
//! (source, entity, entity type, month) with the documents each value would leave. Every value
//! is a toggle that navigates to the view with it toggled, so filters live in the URL and Back
//! undoes one.

use std::sync::Arc;

use leptos::prelude::*;

use super::Page;
use crate::facets::{EntityLimit, Facet, FacetCounts, Selection, ValueCount};
use crate::view_state::ViewState;

/// Values a facet lists before "Show all" (5–20): enough to see the spread at a glance, few
/// enough that the results stay near the top of the pane.
const VALUES_SHOWN: usize = 6;
/// Entities listed once "Show more" is pressed (the entity facet can hold thousands).
const ENTITIES_EXPANDED: usize = 60;
/// How long the facet counts wait for typing to pause, in ms (50–300): the results follow every
/// keystroke at once, while recounting and redrawing the sidebar (the month histogram alone has a
/// hundred bars at 10,000 articles) waits for a pause. A click on a value counts at once.
const SETTLE_MS: u64 = 120;

#[component]
pub(crate) fn FacetPanel() -> impl IntoView {
    let page = expect_context::<Page>();
    let find = RwSignal::new(String::new());
    let expanded = RwSignal::new([false; 4]);
    // Not from the view state, so that a keystroke (which changes it) does not recount.
    let selection = page.facets;
    let settled = super::settled(page.matched, SETTLE_MS);
    let counts = {
        let page = page.clone();
        Memo::new(move |_| {
            let index = page.search.get();
            let selection = selection.get();
            let top = if expanded.with(|e| e[Facet::Entity as usize]) {
                ENTITIES_EXPANDED
            } else {
                VALUES_SHOWN
            };
            let find = find.get();
            settled.with(|matched| {
                index
                    .0
                    .facets()
                    .counts(matched, &selection, &EntityLimit { top, find: &find })
            })
        })
    };
    let group = move |facet: Facet| {
        let values = Signal::derive(move || counts.with(|all| all[facet as usize].clone()));
        match facet {
            Facet::Month => view! { <MonthHistogram values /> }.into_any(),
            _ => view! { <FacetGroup facet values find expanded /> }.into_any(),
        }
    };
    view! {
        <section class="facets" aria-label="Filters">
            <SelectedValues counts />
            {Facet::ALL.map(group).into_iter().collect_view()}
        </section>
    }
}

/// Shows the current view with `key` toggled in `facet` (a new history entry: Back undoes it).
/// Values are buttons, not links: a link's address holds the query, so every keystroke would
/// rewrite the address of every value and month bar.
pub(super) fn toggle(page: &Page, facet: Facet, key: &str) {
    let mut next = page.state.get_untracked();
    next.facets = next.facets.toggled(facet, key);
    page.go(&next, false);
}

/// The chosen values as chips that remove themselves, and a link clearing them all.
#[component]
fn SelectedValues(counts: Memo<Vec<FacetCounts>>) -> impl IntoView {
    let page = expect_context::<Page>();
    let (state, selection) = (page.state, page.facets);
    let chips = move || {
        counts.with(|all| {
            all.iter()
                .zip(Facet::ALL)
                .flat_map(|(c, facet)| {
                    c.values
                        .iter()
                        .filter(|v| v.selected)
                        .map(move |v| (facet, v.clone()))
                })
                .map(|(facet, v)| {
                    let label = format!("Remove the filter {}: {}", facet.label(), v.label);
                    let (page, key) = (page.clone(), v.key.clone());
                    view! {
                        <button
                            type="button"
                            class="chip"
                            aria-label=label.clone()
                            title=label
                            on:click=move |_| toggle(&page, facet, &key)
                        >
                            <span class="chip-facet">{facet.label()}</span>
                            {v.label}
                            <span class="chip-x" aria-hidden="true">"×"</span>
                        </button>
                    }
                })
                .collect_view()
        })
    };
    let clear = {
        let page = expect_context::<Page>();
        move |_| {
            let next = ViewState {
                facets: Selection::default(),
                ..state.get_untracked()
            };
            page.go(&next, false);
        }
    };
    view! {
        <Show when=move || selection.with(|f| !f.is_empty())>
            <div class="chips">
                {chips.clone()}
                <button type="button" class="clear-filters" on:click=clear.clone()>
                    "Clear filters"
                </button>
            </div>
        </Show>
    }
}

/// One facet as a list of values, each with the documents it would leave.
#[component]
fn FacetGroup(
    facet: Facet,
    values: Signal<FacetCounts>,
    find: RwSignal<String>,
    expanded: RwSignal<[bool; 4]>,
) -> impl IntoView {
    let open = move || expanded.with(|e| e[facet as usize]);
    let rows = move || {
        let counts = values.get();
        let limit = if open() || facet == Facet::Entity {
            usize::MAX
        } else {
            VALUES_SHOWN
        };
        counts
            .values
            .into_iter()
            .take(limit)
            .map(|v| view! { <FacetValue facet value=v /> })
            .collect_view()
    };
    let hidden = move || {
        let counts = values.get();
        match facet {
            Facet::Entity => counts.more,
            _ if open() => 0,
            _ => counts.values.len().saturating_sub(VALUES_SHOWN),
        }
    };
    let toggle = move |_| expanded.update(|e| e[facet as usize] = !e[facet as usize]);
    view! {
        <details class="facet" open=facet != Facet::Entity data-facet=facet.key()>
            <summary class="facet-name">{facet.label()}</summary>
            {(facet == Facet::Entity)
                .then(|| {
                    view! {
                        <input
                            type="search"
                            class="facet-find"
                            placeholder="Find an entity"
                            aria-label="Find an entity to filter by"
                            prop:value=move || find.get()
                            on:input=move |ev| find.set(event_target_value(&ev))
                        />
                    }
                })}
            <ul class="facet-values">{rows}</ul>
            <Show when=move || { hidden() > 0 || open() }>
                <button type="button" class="facet-more" on:click=toggle>
                    {move || {
                        if open() && (facet != Facet::Entity || hidden() == 0) {
                            "Show fewer".to_string()
                        } else {
                            format!("Show {} more", hidden())
                        }
                    }}
                </button>
            </Show>
        </details>
    }
}

#[component]
fn FacetValue(facet: Facet, value: ValueCount) -> impl IntoView {
    let page = expect_context::<Page>();
    let on_click = {
        let key = value.key.clone();
        move |_| toggle(&page, facet, &key)
    };
    let meaning = if value.selected {
        format!(
            "{}: {} documents have it; selected, click to remove",
            value.label, value.count
        )
    } else {
        format!(
            "{}: adding it would leave {} documents",
            value.label, value.count
        )
    };
    view! {
        <li>
            <button
                type="button"
                class="facet-value"
                class:selected=value.selected
                aria-pressed=if value.selected { "true" } else { "false" }
                on:click=on_click
                title=meaning
                data-key=value.key.clone()
            >
                <span class="check" aria-hidden="true"></span>
                <span class="facet-label">{value.label}</span>
                <span class="facet-count">{value.count}</span>
            </button>
        </li>
    }
}

/// Documents by month as bars over the corpus's whole span of months (a gap shows as a gap, and
/// the axis stays put while filtering); clicking a bar toggles that month. The bars are made
/// once: a recount only restyles them. Undated documents get a value of their own below.
#[component]
fn MonthHistogram(values: Signal<FacetCounts>) -> impl IntoView {
    let page = expect_context::<Page>();
    let axis: Arc<Vec<String>> =
        Arc::new(page.search.with_untracked(|i| i.0.facets().month_axis()));
    // (documents, documents if added, selected) per month of the axis.
    let per_month = {
        let axis = axis.clone();
        Memo::new(move |_| {
            values.with(|counts| {
                axis.iter()
                    .map(|month| {
                        let found = counts.values.iter().find(|v| &v.key == month);
                        found.map_or((0, 0, false), |v| (v.documents, v.count, v.selected))
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let most =
        Memo::new(move |_| per_month.with(|m| m.iter().map(|b| b.0).max().unwrap_or(0).max(1)));
    let bars = axis
        .iter()
        .enumerate()
        .map(|(i, month)| {
            let bar = move || per_month.with(|m| m[i]);
            let title = {
                let month = month.clone();
                move || match bar() {
                    (documents, count, false) if documents > 0 => {
                        format!("{month}: {documents} documents; adding it would leave {count}")
                    }
                    (documents, _, _) => format!("{month}: {documents} documents"),
                }
            };
            let (page, key) = (page.clone(), month.clone());
            view! {
                <button
                    type="button"
                    class="month-bar"
                    class:selected=move || bar().2
                    aria-pressed=move || if bar().2 { "true" } else { "false" }
                    disabled=move || bar().0 == 0 && !bar().2
                    title=title
                    data-key=month.clone()
                    on:click=move |_| toggle(&page, Facet::Month, &key)
                >
                    <span class="bar" style:height=move || format!("{}%", (100 * bar().0).div_ceil(most.get()))></span>
                </button>
            }
        })
        .collect_view();
    let range = match (axis.first(), axis.last()) {
        (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
        (Some(a), _) => a.clone(),
        _ => "No dated documents".to_string(),
    };
    let undated = move || {
        values
            .get()
            .values
            .into_iter()
            .find(|v| v.key == crate::facets::UNDATED)
            .map(|v| view! { <ul class="facet-values"><FacetValue facet=Facet::Month value=v /></ul> })
    };
    let dated = !axis.is_empty();
    view! {
        <details class="facet" open=true data-facet="month">
            <summary class="facet-name">"Month"</summary>
            {dated.then(|| view! { <div class="months" role="group" aria-label="Documents by month">{bars}</div> })}
            <p class="month-range">{range}</p>
            {undated}
        </details>
    }
}

//! The filters above the result list: the chosen facet values as removable chips, then each facet
//! (source, entity, entity type, month) with the documents each value would leave. Every value
//! is a link to the view with it toggled, so filters live in the URL and Back undoes one.

use leptos::prelude::*;

use super::Page;
use crate::facets::{months_between, EntityLimit, Facet, FacetCounts, Selection, ValueCount};
use crate::view_state::ViewState;

/// Values a facet lists before "Show all" (5–20): enough to see the spread at a glance, few
/// enough that the results stay near the top of the pane.
const VALUES_SHOWN: usize = 6;
/// Entities listed once "Show more" is pressed (the entity facet can hold thousands).
const ENTITIES_EXPANDED: usize = 60;

#[component]
pub(crate) fn FacetPanel() -> impl IntoView {
    let page = expect_context::<Page>();
    let state = page.state;
    let find = RwSignal::new(String::new());
    let expanded = RwSignal::new([false; 4]);
    let counts = {
        let page = page.clone();
        Memo::new(move |_| {
            let index = page.search.get();
            let selection = state.with(|s| s.facets.clone());
            let top = if expanded.with(|e| e[Facet::Entity as usize]) {
                ENTITIES_EXPANDED
            } else {
                VALUES_SHOWN
            };
            let find = find.get();
            page.matched.with(|matched| {
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

/// The link showing the current view with `key` toggled in `facet`.
fn toggle_href(page: &Page, state: Memo<ViewState>, facet: Facet, key: &str) -> String {
    let mut next = state.get();
    next.facets = next.facets.toggled(facet, key);
    page.href(&next)
}

/// The chosen values as chips that remove themselves, and a link clearing them all.
#[component]
fn SelectedValues(counts: Memo<Vec<FacetCounts>>) -> impl IntoView {
    let page = expect_context::<Page>();
    let state = page.state;
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
                    let href = toggle_href(&page, state, facet, &v.key);
                    let label = format!("Remove the filter {}: {}", facet.label(), v.label);
                    view! {
                        <a class="chip" href=href aria-label=label.clone() title=label>
                            <span class="chip-facet">{facet.label()}</span>
                            {v.label}
                            <span class="chip-x" aria-hidden="true">"×"</span>
                        </a>
                    }
                })
                .collect_view()
        })
    };
    let clear = {
        let page = expect_context::<Page>();
        move || {
            page.href(&ViewState {
                facets: Selection::default(),
                ..state.get()
            })
        }
    };
    view! {
        <Show when=move || state.with(|s| !s.facets.is_empty())>
            <div class="chips">{chips.clone()} <a class="clear-filters" href=clear.clone()>"Clear filters"</a></div>
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
    let state = page.state;
    let href = {
        let key = value.key.clone();
        move || toggle_href(&page, state, facet, &key)
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
            <a
                class="facet-value"
                class:selected=value.selected
                href=href
                title=meaning.clone()
                aria-label=meaning
                data-key=value.key.clone()
            >
                <span class="check" aria-hidden="true"></span>
                <span class="facet-label">{value.label}</span>
                <span class="facet-count">{value.count}</span>
            </a>
        </li>
    }
}

/// Documents by month as bars, every month of the range present (a gap shows as a gap);
/// clicking a bar toggles that month. Undated documents get a value of their own below.
#[component]
fn MonthHistogram(values: Signal<FacetCounts>) -> impl IntoView {
    let page = expect_context::<Page>();
    let state = page.state;
    let bars = {
        let page = page.clone();
        move || {
            let counts = values.get();
            let dated: Vec<&ValueCount> = counts
                .values
                .iter()
                .filter(|v| v.key != crate::facets::UNDATED)
                .collect();
            let (Some(first), Some(last)) = (dated.first(), dated.last()) else {
                return ().into_any();
            };
            let most = dated.iter().map(|v| v.documents).max().unwrap_or(1).max(1);
            months_between(&first.key, &last.key)
                .into_iter()
                .map(|month| {
                    let found = dated.iter().find(|v| v.key == month);
                    let count = found.map_or(0, |v| v.count);
                    let selected = found.is_some_and(|v| v.selected);
                    let height = format!(
                        "{}%",
                        (100 * count).div_ceil(most).max(4 * usize::from(count > 0))
                    );
                    let label = format!("{month}: {count} documents");
                    let href = toggle_href(&page, state, Facet::Month, &month);
                    view! {
                        <a
                            class="month-bar"
                            class:selected=selected
                            class:empty=count == 0
                            href=href
                            title=label.clone()
                            aria-label=label
                            data-key=month
                        >
                            <span class="bar" style:height=height></span>
                        </a>
                    }
                })
                .collect_view()
                .into_any()
        }
    };
    let range = move || {
        let counts = values.get();
        let dated: Vec<&str> = counts
            .values
            .iter()
            .map(|v| v.key.as_str())
            .filter(|k| *k != crate::facets::UNDATED)
            .collect();
        match (dated.first(), dated.last()) {
            (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
            (Some(a), _) => a.to_string(),
            _ => "No dated documents".to_string(),
        }
    };
    let undated = move || {
        values
            .get()
            .values
            .into_iter()
            .find(|v| v.key == crate::facets::UNDATED)
            .map(|v| view! { <ul class="facet-values"><FacetValue facet=Facet::Month value=v /></ul> })
    };
    view! {
        <details class="facet" open=true data-facet="month">
            <summary class="facet-name">"Month"</summary>
            <Show when=move || values.with(|v| v.values.iter().any(|m| m.key != crate::facets::UNDATED))>
                <div class="months" role="group" aria-label="Documents by month">{bars.clone()}</div>
            </Show>
            <p class="month-range">{range}</p>
            {undated}
        </details>
    }
}

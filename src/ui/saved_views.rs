//! The views the user saved for the corpus shown: named links back to a search, its filters and
//! what the main pane shows, kept with the corpus's edits ([`super::kept`]) and carried in its
//! export.

use leptos::prelude::*;

use super::Page;
use crate::view_state::{keep_view, SavedView, ViewState};

/// What the current view is called when it is saved without a name.
fn described(page: &Page, state: &ViewState) -> String {
    let search = page.search.get_untracked();
    state.describe(|facet, key| {
        search
            .0
            .facets()
            .label(facet, key)
            .unwrap_or(key)
            .to_string()
    })
}

/// The top bar's button that opens the saved views.
#[component]
pub(crate) fn SavedViewsMenu() -> impl IntoView {
    let page = expect_context::<Page>();
    let views = page.views.value;
    let open = RwSignal::new(false);
    // One top-bar panel at a time: they open in the same place.
    let corpora = expect_context::<super::library::Library>().panel_open;
    Effect::new(move |_| {
        if open.get() {
            corpora.set(false);
        }
    });
    Effect::new(move |_| {
        if corpora.get() {
            open.set(false);
        }
    });
    let label = move || match views.with(Vec::len) {
        0 => "Views".to_string(),
        n => format!("Views ({n})"),
    };
    view! {
        <super::TopbarMenu
            name="views"
            title="Save this view, or go back to one you saved"
            heading="Saved views"
            open
            label=Signal::derive(label)
            contents=move || view! { <SavedViewsPanel open /> }
        />
    }
}

/// Saves the current view under a name, and lists the saved ones.
#[component]
fn SavedViewsPanel(open: RwSignal<bool>) -> impl IntoView {
    let page = expect_context::<Page>();
    let kept = page.views;
    let message = kept.message;
    let state = page.state;
    let placeholder = {
        let page = page.clone();
        move || state.with(|s| described(&page, s))
    };
    let save = {
        let page = page.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let input = super::submitted_input(&ev, "name");
            let name = input.as_ref().map(|i| i.value()).unwrap_or_default();
            let state = state.get_untracked();
            let view = SavedView::of(&name, &described(&page, &state), &state);
            message.set(Some(format!("Saved “{}”.", view.name)));
            let mut views = kept.value.get_untracked();
            keep_view(&mut views, view);
            kept.set(views);
            if let Some(input) = input {
                input.set_value("");
            }
        }
    };
    let rows = move || {
        kept.value
            .get()
            .into_iter()
            .enumerate()
            .map(|(n, view)| view! { <SavedViewRow n view open /> })
            .collect_view()
    };
    view! {
            <form class="save-view" on:submit=save>
                <input name="name" aria-label="Name of this view" placeholder=placeholder autofocus />
                <button type="submit">"Save this view"</button>
            </form>
            <Show
                when=move || kept.value.with(|v| !v.is_empty())
                fallback=|| view! { <p class="hint">"None saved yet for this corpus."</p> }
            >
                <ul class="views-list">{rows}</ul>
            </Show>
            <Show when=move || message.with(Option::is_some)>
                <p class="corpus-message" role="status">
                    {move || message.get()}
                </p>
            </Show>
    }
}

/// One saved view: a link that shows it (on the corpus shown), and its delete button.
#[component]
fn SavedViewRow(n: usize, view: SavedView, open: RwSignal<bool>) -> impl IntoView {
    let page = expect_context::<Page>();
    let kept = page.views;
    let url_state = page.url_state;
    let target = {
        let corpus = url_state.with_untracked(|s| s.corpus.clone());
        view.state_on(corpus.as_deref())
    };
    let href = page.href(&target);
    let is_current = move || url_state.with(|s| *s == target);
    let name = view.name.clone();
    let delete = move |_| {
        let mut views = kept.value.get_untracked();
        if views.get(n) == Some(&view) {
            views.remove(n);
            kept.message.set(Some(format!("Deleted “{}”.", view.name)));
            kept.set(views);
        }
    };
    view! {
        <li class="view-row">
            <a
                href=href
                aria-current=move || is_current().then_some("page")
                on:click=move |_| open.set(false)
            >
                {name.clone()}
            </a>
            <button class="delete" aria-label=format!("Delete the view “{name}”") on:click=delete>
                "Delete"
            </button>
        </li>
    }
}

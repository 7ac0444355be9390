//! The corpus panel: the corpora (switch, rename, export, delete with confirmation and undo) and
//! the import's controls, progress, field mapping and summary — the view of [`super::library`].

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::counted;
use super::library::{files_of, ImportState, Library, Plan, Summary};
use super::store::Entry;
use crate::import::{Fields, Format};

/// The top bar's corpus name: opens the corpus panel.
#[component]
pub(crate) fn CorpusMenu(summary: Signal<String>) -> impl IntoView {
    let library = expect_context::<Library>();
    view! {
        <super::TopbarMenu
            name="corpus"
            title="Switch corpus, import articles, export"
            heading="Corpora"
            open=library.panel_open
            label=summary
            contents=|| view! { <CorpusPanel /> }
        />
    }
}

/// The corpora (switch, rename, export, delete), and the import.
#[component]
fn CorpusPanel() -> impl IntoView {
    let library = expect_context::<Library>();
    let shown = expect_context::<super::Page>().url_state;
    let current = Memo::new(move |_| shown.with(|s| s.corpus.clone()));
    let catalog = library.catalog;
    let message = library.message;
    let can_undo = library.can_undo_delete;
    let undo = {
        let library = library.clone();
        Callback::new(move |()| library.undo_delete())
    };
    view! {
            <ul class="corpus-list">
                <CorpusRow entry=None current />
                {move || {
                    catalog
                        .get()
                        .into_iter()
                        .map(|entry| view! { <CorpusRow entry=Some(entry) current /> })
                        .collect_view()
                }}
            </ul>
            <Show when=move || message.with(Option::is_some)>
                <p class="corpus-message" role="status">
                    {move || message.get()}
                    <Show when=move || can_undo.get()>
                        " "
                        <button class="undo-delete" on:click=move |_| undo.run(())>
                            "Undo"
                        </button>
                    </Show>
                </p>
            </Show>
            <ImportControls />
            <ImportStatus />
    }
}

/// One corpus in the list: its name (a link that shows it), size, and what can be done with it.
#[component]
fn CorpusRow(entry: Option<Entry>, current: Memo<Option<String>>) -> impl IntoView {
    let library = expect_context::<Library>();
    let id = entry.as_ref().map(|e| e.id.clone());
    let is_current = {
        let id = id.clone();
        Memo::new(move |_| current.with(|c| *c == id))
    };
    let href = match &id {
        Some(id) => format!("?corpus={}", crate::view_state::encode_component(id)),
        None => "?".into(),
    };
    let size = match &entry {
        Some(e) => counted(e.articles, "article"),
        None => "built in".into(),
    };
    let renaming = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let name = entry
        .as_ref()
        .map_or(library.built_in_name.to_string(), |e| e.name.clone());
    let export = {
        let library = library.clone();
        let id = id.clone();
        move |_| library.export(id.as_deref())
    };
    let actions = entry.map(|entry| {
        let rename = {
            let library = library.clone();
            let id = entry.id.clone();
            move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                if let Some(input) = super::submitted_input(&ev, "name") {
                    library.rename(&id, &input.value());
                }
                renaming.set(false);
            }
        };
        let delete = {
            let library = library.clone();
            let id = entry.id.clone();
            move |_| {
                confirming.set(false);
                library.delete(&id, is_current.get_untracked());
            }
        };
        let old_name = entry.name.clone();
        let question = format!(
            "Delete “{}” and its {} from this browser?",
            entry.name,
            counted(entry.articles, "article")
        );
        view! {
            <Show when=move || renaming.get()>
                <form class="rename-form" on:submit=rename.clone()>
                    <input name="name" aria-label="New name" value=old_name.clone() autofocus />
                    <button type="submit">"Save"</button>
                    <button type="button" on:click=move |_| renaming.set(false)>
                        "Cancel"
                    </button>
                </form>
            </Show>
            <button class="rename" on:click=move |_| renaming.set(true)>
                "Rename"
            </button>
            <button class="delete" on:click=move |_| confirming.set(true)>
                "Delete"
            </button>
            <Show when=move || confirming.get()>
                <span class="confirm-delete" role="alertdialog" aria-label="Confirm deletion">
                    {question.clone()}
                    " "
                    <button class="confirm" on:click=delete.clone()>
                        "Delete"
                    </button>
                    <button on:click=move |_| confirming.set(false)>"Keep it"</button>
                </span>
            </Show>
        }
    });
    view! {
        <li class="corpus-row" class:current=is_current>
            <a href=href aria-current=move || is_current.get().then_some("page")>
                {name}
            </a>
            <span class="corpus-size">{size}</span>
            <button class="export" on:click=export>
                "Export"
            </button>
            {actions}
        </li>
    }
}

/// Where the next import goes, and the ways to choose files.
#[component]
fn ImportControls() -> impl IntoView {
    let library = expect_context::<Library>();
    let into = library.into;
    let catalog = library.catalog;
    let busy = {
        let import = library.import;
        move || {
            import.with(|s| {
                matches!(
                    s,
                    ImportState::Reading { .. }
                        | ImportState::Running { .. }
                        | ImportState::Confirm(_)
                )
            })
        }
    };
    let chosen = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let files = input.files().map(|l| files_of(&l)).unwrap_or_default();
        input.set_value("");
        library.start(files);
    };
    let on_into = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        into.set(Some(value).filter(|v| !v.is_empty()));
    };
    view! {
        <div class="import-controls">
            <h3>"Import articles"</h3>
            <label>
                "Into "
                <select class="import-into" on:change=on_into prop:disabled=busy>
                    <option value="" selected=move || into.with(Option::is_none)>
                        "a new corpus"
                    </option>
                    {move || {
                        catalog
                            .get()
                            .into_iter()
                            .map(|e| {
                                let selected = {
                                    let id = e.id.clone();
                                    move || into.with(|i| i.as_deref() == Some(id.as_str()))
                                };
                                view! {
                                    <option value=e.id.clone() selected=selected>
                                        {e.name.clone()}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <label class="file-button" class:disabled=busy>
                "Choose files…"
                <input
                    class="import-files"
                    type="file"
                    multiple
                    accept=".txt,.md,.markdown,.html,.htm,.json,.jsonl,.ndjson,.gz,.csv,.parallax-index"
                    prop:disabled=busy
                    on:change=chosen.clone()
                />
            </label>
            <label class="file-button" class:disabled=busy>
                "Choose a folder…"
                <input
                    class="import-folder"
                    type="file"
                    multiple
                    prop:webkitdirectory=true
                    prop:disabled=busy
                    on:change=chosen
                />
            </label>
            <p class="hint">
                "…or drop files or folders anywhere on the page: text or Markdown (headline first), saved web pages, JSON, JSON lines (also .gz), CSV, a Parallax corpus export, or a pre-analysed .parallax-index file (parallax index). Nothing leaves this browser."
            </p>
        </div>
    }
}

/// The import's progress, the mapping to confirm, or what it did.
#[component]
fn ImportStatus() -> impl IntoView {
    let library = expect_context::<Library>();
    let import = library.import;
    move || {
        let cancel = {
            let library = library.clone();
            move |_| library.cancel()
        };
        match import.get() {
            ImportState::Idle => ().into_any(),
            ImportState::Reading { done, total } => {
                progress_view("Reading files", done, total, cancel).into_any()
            }
            ImportState::Running { stage, done, total } => {
                progress_view(stage, done, total, cancel).into_any()
            }
            ImportState::Confirm(plan) => view! { <FieldMapping plan /> }.into_any(),
            ImportState::Done(summary) => view! { <ImportSummary summary /> }.into_any(),
        }
    }
}

fn progress_view(
    stage: &'static str,
    done: usize,
    total: usize,
    cancel: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    view! {
        <div class="import-progress" role="status">
            <progress max=total.max(1) value=done></progress>
            <span>{format!("{stage}: {done} of {total}")}</span>
            <button class="cancel-import" on:click=cancel>
                "Cancel"
            </button>
        </div>
    }
}

/// Which field of the records holds what: detected or remembered, shown to be confirmed or
/// corrected before the import.
#[component]
fn FieldMapping(plan: Arc<Plan>) -> impl IntoView {
    let library = expect_context::<Library>();
    let mappings = RwSignal::new(
        plan.mappings
            .iter()
            .map(|(_, _, f)| f.clone())
            .collect::<Vec<Fields>>(),
    );
    let sections = plan
        .mappings
        .iter()
        .enumerate()
        .map(|(i, (format, keys, _))| {
            let rows = FIELD_ROWS
                .iter()
                .map(|row| field_select(row, keys, mappings, i))
                .collect_view();
            view! {
                <fieldset class="field-mapping">
                    <legend>{format!("{} records: which field holds…", format_label(*format))}</legend>
                    {rows}
                </fieldset>
            }
        })
        .collect_view();
    let ready = move || mappings.with(|m| m.iter().all(|f| !f.text.is_empty()));
    let import = {
        let library = library.clone();
        let plan = plan.clone();
        move |_| {
            let fields = plan
                .mappings
                .iter()
                .map(|m| m.0)
                .zip(mappings.get_untracked())
                .collect();
            library.run(plan.clone(), fields);
        }
    };
    let files = counted(plan.files.len(), "file");
    view! {
        <div class="import-confirm">
            <p>{format!("{files} read. Check which fields hold the articles' parts:")}</p>
            {sections}
            <button class="start-import" prop:disabled=move || !ready() on:click=import>
                "Import"
            </button>
            <button class="cancel-import" on:click=move |_| library.cancel()>
                "Cancel"
            </button>
        </div>
    }
}

/// A field of [`Fields`] as the mapping form shows it.
struct FieldRow {
    label: &'static str,
    required: bool,
    get: fn(&Fields) -> Option<&String>,
    set: fn(&mut Fields, Option<String>),
}

const FIELD_ROWS: [FieldRow; 7] = [
    FieldRow {
        label: "Text",
        required: true,
        get: |f| Some(&f.text).filter(|t| !t.is_empty()),
        set: |f, v| f.text = v.unwrap_or_default(),
    },
    FieldRow {
        label: "Headline",
        required: false,
        get: |f| f.title.as_ref(),
        set: |f, v| f.title = v,
    },
    FieldRow {
        label: "Source",
        required: false,
        get: |f| f.source.as_ref(),
        set: |f, v| f.source = v,
    },
    FieldRow {
        label: "Date",
        required: false,
        get: |f| f.date.as_ref(),
        set: |f, v| f.date = v,
    },
    FieldRow {
        label: "Author",
        required: false,
        get: |f| f.author.as_ref(),
        set: |f, v| f.author = v,
    },
    FieldRow {
        label: "URL",
        required: false,
        get: |f| f.url.as_ref(),
        set: |f, v| f.url = v,
    },
    FieldRow {
        label: "Id",
        required: false,
        get: |f| f.id.as_ref(),
        set: |f, v| f.id = v,
    },
];

fn field_select(
    row: &'static FieldRow,
    keys: &[String],
    mappings: RwSignal<Vec<Fields>>,
    index: usize,
) -> impl IntoView {
    let chosen = move || mappings.with(|m| (row.get)(&m[index]).cloned());
    let options = keys
        .iter()
        .map(|key| {
            let key = key.clone();
            let selected = {
                let key = key.clone();
                move || chosen().as_deref() == Some(key.as_str())
            };
            view! {
                <option value=key.clone() selected=selected>
                    {key.clone()}
                </option>
            }
        })
        .collect_view();
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        mappings.update(|m| (row.set)(&mut m[index], Some(value).filter(|v| !v.is_empty())));
    };
    let none = if row.required { "(choose)" } else { "(none)" };
    view! {
        <label class="field-row">
            <span>{row.label}</span>
            <select data-field=row.label on:change=on_change>
                <option value="" selected=move || chosen().is_none()>
                    {none}
                </option>
                {options}
            </select>
        </label>
    }
}

fn format_label(format: Format) -> &'static str {
    match format {
        Format::Json => "JSON",
        Format::JsonLines => "JSON-lines",
        Format::Csv => "CSV",
        Format::Text => "Text",
        Format::Html => "Web page",
    }
}

/// What the import did: how many landed where, what was left out, and every failure by file.
#[component]
fn ImportSummary(summary: Arc<Summary>) -> impl IntoView {
    let library = expect_context::<Library>();
    let import = library.import;
    let headline = if summary.cancelled {
        "Import cancelled: nothing was added.".to_string()
    } else {
        match &summary.corpus {
            Some((_, name)) => format!(
                "Imported {} from {} into “{name}”.",
                counted(summary.imported, "article"),
                counted(summary.files, "file")
            ),
            None => format!(
                "Nothing was imported from {}.",
                counted(summary.files, "file")
            ),
        }
    };
    let duplicates = (summary.duplicates > 0).then(|| {
        view! {
            <p>
                {format!(
                    "{} already there (same text), left out.",
                    counted(summary.duplicates, "article"),
                )}
            </p>
        }
    });
    let not_kept = summary.not_kept.clone().map(|reason| {
        view! {
            <p class="import-warning">
                {format!(
                    "Not kept in this browser: {reason}. The corpus stays open until you reload; export it to keep it.",
                )}
            </p>
        }
    });
    let not_utf8 = (!summary.not_utf8.is_empty()).then(|| {
        view! {
            <p>
                {format!(
                    "Not UTF-8, read as Windows-1252 (Latin-1): {}. Check their accented letters.",
                    summary.not_utf8.join(", "),
                )}
            </p>
        }
    });
    let problems = (!summary.problems.is_empty()).then(|| {
        let items = summary
            .problems
            .iter()
            .map(|p| view! { <li>{p.to_string()}</li> })
            .collect_view();
        view! {
            <details class="import-problems" open>
                <summary>
                    {format!("{} could not be imported", counted(summary.problems.len(), "item"))}
                </summary>
                <ul>{items}</ul>
            </details>
        }
    });
    view! {
        <div class="import-summary" role="status">
            <p class="import-headline">{headline}</p>
            {duplicates}
            {not_kept}
            {not_utf8}
            {problems}
            <button on:click=move |_| import.set(ImportState::Idle)>"Dismiss"</button>
        </div>
    }
}

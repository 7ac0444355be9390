//! The user's entity edits in the page: undo and redo, kept in the browser's storage
//! ([`super::kept`]) so they survive a reload, exported to and imported from a JSON file.
//!
//! **A failed import leaves the current edits as they were.**

use leptos::prelude::*;

use super::counted;
use super::kept::Kept;
use crate::curation::{Curation, Edit};

#[derive(Clone, Copy)]
pub(crate) struct EditStore {
    kept: Kept<Curation>,
    pub current: RwSignal<Curation>,
    undo: RwSignal<Vec<Curation>>,
    redo: RwSignal<Vec<Curation>>,
    /// A short note for the user: what was imported, what could not be read or kept.
    pub message: RwSignal<Option<String>>,
}

impl EditStore {
    /// The store for the corpus whose edits are kept under `key`.
    pub fn load(key: String) -> EditStore {
        let (undo, redo) = (RwSignal::new(Vec::new()), RwSignal::new(Vec::new()));
        let kept = Kept::load_with_history(key, vec![undo, redo]);
        EditStore {
            kept,
            current: kept.value,
            undo,
            redo,
            message: kept.message,
        }
    }

    fn set(&self, next: Curation) {
        let previous = self.current.get_untracked();
        self.undo.update(|u| u.push(previous));
        self.redo.update(Vec::clear);
        self.kept.set(next);
    }

    pub fn push(&self, edit: Edit) {
        let mut next = self.current.get_untracked();
        next.edits.push(edit);
        self.message.set(None);
        self.set(next);
    }

    pub fn undo(&self) {
        if let Some(previous) = self.undo.try_update(Vec::pop).flatten() {
            let now = self.current.get_untracked();
            self.redo.update(|r| r.push(now));
            self.kept.set(previous);
        }
    }

    pub fn redo(&self) {
        if let Some(next) = self.redo.try_update(Vec::pop).flatten() {
            let now = self.current.get_untracked();
            self.undo.update(|u| u.push(now));
            self.kept.set(next);
        }
    }

    pub fn can_undo(&self) -> bool {
        self.undo.with(|u| !u.is_empty())
    }

    pub fn can_redo(&self) -> bool {
        self.redo.with(|r| !r.is_empty())
    }

    /// Replaces the edits with an imported file's (undoable); a bad file changes nothing.
    pub fn import(&self, name: &str, json: &str) {
        match Curation::from_json(json) {
            Ok(curation) => {
                let n = curation.edits.len();
                self.set(curation);
                self.message.set(Some(format!(
                    "Imported {} from {name}.",
                    counted(n, "edit")
                )));
            }
            Err(e) => self
                .message
                .set(Some(format!("{name}: {e}. Your edits are unchanged."))),
        }
    }

    /// Offers the edits as a file download.
    pub fn export(&self) {
        let json = self.current.get_untracked().to_json();
        super::download("parallax-edits.json", "application/json", &json);
    }
}

/// Reads the file chosen in a file input and imports it.
pub(crate) fn import_from_input(store: EditStore, input: web_sys::HtmlInputElement) {
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    input.set_value("");
    let name = file.name();
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(file.text()).await {
            Ok(text) => store.import(&name, &text.as_string().unwrap_or_default()),
            Err(_) => store.message.set(Some(format!(
                "{name}: could not be read. Your edits are unchanged."
            ))),
        }
    });
}

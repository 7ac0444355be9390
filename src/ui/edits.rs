//! The user's entity edits in the page: undo and redo, saved in the browser's storage so they
//! survive a reload, exported to and imported from a JSON file.
//!
//! **Nothing already made is lost**: a stored edits file that cannot be read is set aside under a
//! second key before starting afresh, and a failed import leaves the current edits as they were.

use leptos::prelude::*;

use super::counted;
use crate::curation::{Curation, Edit};

#[derive(Clone, Copy)]
pub(crate) struct EditStore {
    pub current: RwSignal<Curation>,
    undo: RwSignal<Vec<Curation>>,
    redo: RwSignal<Vec<Curation>>,
    /// A short note for the user: what was imported, what could not be read.
    pub message: RwSignal<Option<String>>,
    key: StoredValue<String>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

impl EditStore {
    /// The store for the corpus saved under `key`, with what the browser kept from last time.
    pub fn load(key: String) -> EditStore {
        let mut message = None;
        let saved = storage().and_then(|s| s.get_item(&key).ok().flatten());
        let current = match saved.map(|json| Curation::from_json(&json).map_err(|e| (json, e))) {
            Some(Ok(curation)) => curation,
            Some(Err((json, e))) => {
                let aside = format!("{key}.unreadable");
                if let Some(s) = storage() {
                    let _ = s.set_item(&aside, &json);
                }
                message = Some(format!("Your saved edits could not be read ({e}); they were kept as “{aside}” in this browser's storage."));
                Curation::new(Vec::new())
            }
            None => Curation::new(Vec::new()),
        };
        EditStore {
            current: RwSignal::new(current),
            undo: RwSignal::new(Vec::new()),
            redo: RwSignal::new(Vec::new()),
            message: RwSignal::new(message),
            key: StoredValue::new(key),
        }
    }

    fn set(&self, next: Curation) {
        let previous = self.current.get_untracked();
        self.undo.update(|u| u.push(previous));
        self.redo.update(Vec::clear);
        self.current.set(next);
        self.save();
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
            self.current.set(previous);
            self.save();
        }
    }

    pub fn redo(&self) {
        if let Some(next) = self.redo.try_update(Vec::pop).flatten() {
            let now = self.current.get_untracked();
            self.undo.update(|u| u.push(now));
            self.current.set(next);
            self.save();
        }
    }

    pub fn can_undo(&self) -> bool {
        self.undo.with(|u| !u.is_empty())
    }

    pub fn can_redo(&self) -> bool {
        self.redo.with(|r| !r.is_empty())
    }

    fn save(&self) {
        let json = self.current.get_untracked().to_json();
        let saved = storage().map(|s| self.key.with_value(|key| s.set_item(key, &json)));
        if !matches!(saved, Some(Ok(()))) {
            self.message.set(Some(
                "This browser did not let Parallax save your edits (storage is full or disabled); export them to keep them."
                    .into(),
            ));
        }
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

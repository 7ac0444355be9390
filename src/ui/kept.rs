//! What the user makes of a corpus in the page — entity edits, saved views — as signals kept in
//! the browser's storage ([`super::store::Work`]): read when the corpus opens, written on every
//! change.
//!
//! **Nothing already made is lost**: a kept value that cannot be read is set aside under a second
//! key before starting afresh, and what is made before the kept value has been read is added to it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::store::{self, Work};
use crate::curation::Curation;
use crate::view_state::{keep_view, SavedView};

/// A value the user makes and the browser keeps.
pub(crate) trait Keepable: Clone + Send + Sync + 'static {
    /// What the user calls it, in a sentence: "edits".
    const WHAT: &'static str;
    const WORK: Work;
    fn empty() -> Self;
    fn to_json(&self) -> String;
    fn from_json(json: &str) -> Result<Self, String>;
    /// `kept`, with what was `made` before it had been read after it.
    fn merged(kept: Self, made: Self) -> Self;
    fn is_empty(&self) -> bool;
}

impl Keepable for Curation {
    const WHAT: &'static str = "edits";
    const WORK: Work = Work::Edits;
    fn empty() -> Self {
        Curation::new(Vec::new())
    }
    fn to_json(&self) -> String {
        Curation::to_json(self)
    }
    fn from_json(json: &str) -> Result<Self, String> {
        Curation::from_json(json)
    }
    fn merged(mut kept: Self, made: Self) -> Self {
        kept.edits.extend(made.edits);
        kept
    }
    fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }
}

impl Keepable for Vec<SavedView> {
    const WHAT: &'static str = "views";
    const WORK: Work = Work::Views;
    fn empty() -> Self {
        Vec::new()
    }
    fn to_json(&self) -> String {
        serde_json::to_string(self).expect("views serialise")
    }
    fn from_json(json: &str) -> Result<Self, String> {
        serde_json::from_str(json).map_err(|e| format!("not a list of views: {e}"))
    }
    fn merged(mut kept: Self, made: Self) -> Self {
        for view in made {
            keep_view(&mut kept, view);
        }
        kept
    }
    fn is_empty(&self) -> bool {
        Vec::is_empty(self)
    }
}

/// A value kept under a corpus's edits key.
pub(crate) struct Kept<T: Keepable> {
    pub value: RwSignal<T>,
    /// A short note for the user: what could not be read or kept.
    pub message: RwSignal<Option<String>>,
    key: StoredValue<String>,
    /// Whether the kept value has been read: until then nothing is written over it.
    loaded: RwSignal<bool>,
}

impl<T: Keepable> Clone for Kept<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Keepable> Copy for Kept<T> {}

impl<T: Keepable> Kept<T> {
    /// The value kept under `key`, empty until the browser has read it (a moment later).
    pub fn load(key: String) -> Kept<T> {
        Kept::load_with_history(key, Vec::new())
    }

    /// As [`Kept::load`], for a value with undo and redo: the states in `history`, made before
    /// the kept value was read, are added to it as the current one is.
    pub fn load_with_history(key: String, history: Vec<RwSignal<Vec<T>>>) -> Kept<T> {
        let kept = Kept {
            value: RwSignal::new(T::empty()),
            message: RwSignal::new(None),
            key: StoredValue::new(key.clone()),
            loaded: RwSignal::new(false),
        };
        spawn_local(async move {
            let value = match store::work(T::WORK, &key).await {
                None => T::empty(),
                Some(json) => T::from_json(&json).unwrap_or_else(|e| {
                    let aside = format!("{key}.unreadable");
                    let what = T::WHAT;
                    let _ = kept.message.try_set(Some(format!(
                        "Your saved {what} could not be read ({e}); they were kept as “{aside}” in this browser's storage."
                    )));
                    spawn_local(async move {
                        let _ = store::keep_work(T::WORK, &aside, Some(&json)).await;
                    });
                    T::empty()
                }),
            };
            kept.take_kept(value, &history);
        });
        kept
    }

    fn take_kept(&self, value: T, history: &[RwSignal<Vec<T>>]) {
        let Some(made) = self.value.try_get_untracked() else {
            return; // The page has moved on.
        };
        self.loaded.set(true);
        for states in history {
            states.update(|states| {
                for state in states {
                    *state = T::merged(value.clone(), std::mem::replace(state, T::empty()));
                }
            });
        }
        if made.is_empty() {
            if !value.is_empty() {
                self.value.set(value);
            }
            return;
        }
        self.value.set(T::merged(value, made));
        self.save();
    }

    /// Replaces the value, and keeps the new one.
    pub fn set(&self, value: T) {
        self.value.set(value);
        self.save();
    }

    fn save(&self) {
        if !self.loaded.get_untracked() {
            return; // `take_kept` keeps it with what was kept before.
        }
        let json = self.value.with_untracked(T::to_json);
        let key = self.key.get_value();
        let message = self.message;
        spawn_local(async move {
            if let Err(e) = store::keep_work(T::WORK, &key, Some(&json)).await {
                let what = T::WHAT;
                let _ = message.try_set(Some(format!(
                    "Your {what} were not saved: {e}. Export them to keep them."
                )));
            }
        });
    }
}

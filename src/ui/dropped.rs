//! What a drop on the page brings: the files dropped, and every file inside each folder dropped,
//! its subfolders included. Hidden files and folders (a name starting with '.', such as
//! `.DS_Store` or `.git`) are passed over, as the folder picker's are ([`crate::import::is_hidden_path`]).
//!
//! The entries must be taken while the drop event runs: the browser empties the drop after it.

use js_sys::{Array, Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{DataTransfer, File, FileSystemDirectoryEntry, FileSystemEntry, FileSystemFileEntry};

use crate::import::Problem;

/// A drop's items, taken during its event: folder-aware entries where the browser has them,
/// else the plain files.
pub(crate) enum Dropped {
    Entries(Vec<FileSystemEntry>),
    Files(Vec<File>),
}

impl Dropped {
    pub fn take(transfer: &DataTransfer) -> Dropped {
        let items = transfer.items();
        let entries: Option<Vec<FileSystemEntry>> = (0..items.length())
            .filter_map(|i| items.get(i))
            .filter(|item| item.kind() == "file")
            .map(|item| item.webkit_get_as_entry().ok().flatten())
            .collect();
        match entries {
            Some(entries) if !entries.is_empty() => Dropped::Entries(entries),
            _ => Dropped::Files(
                transfer
                    .files()
                    .map(|list| super::library::files_of(&list))
                    .unwrap_or_default(),
            ),
        }
    }

    /// The files, those in folders found a directory read at a time; a folder or file that
    /// cannot be read is a problem named by its path.
    pub async fn files(self) -> (Vec<File>, Vec<Problem>) {
        let mut stack = match self {
            Dropped::Files(files) => return (files, Vec::new()),
            Dropped::Entries(entries) => entries,
        };
        stack.reverse();
        let (mut files, mut problems) = (Vec::new(), Vec::new());
        while let Some(entry) = stack.pop() {
            if entry.name().starts_with('.') {
                continue;
            }
            let path = entry.full_path().trim_start_matches('/').to_string();
            let read = if entry.is_directory() {
                children(entry.unchecked_ref()).await.map(|mut found| {
                    found.sort_by_key(|e| std::cmp::Reverse(e.name()));
                    stack.extend(found);
                })
            } else {
                file(entry.unchecked_ref()).await.map(|f| files.push(f))
            };
            if let Err(reason) = read {
                problems.push(Problem {
                    file: path,
                    place: None,
                    reason,
                });
            }
        }
        (files, problems)
    }
}

/// Calls `start(resolve, reject)` and awaits what it resolves to.
async fn callback(start: impl FnOnce(&Function, &Function)) -> Result<JsValue, String> {
    let mut start = Some(start);
    let promise = Promise::new(&mut |resolve, reject| {
        if let Some(start) = start.take() {
            start(&resolve, &reject);
        }
    });
    JsFuture::from(promise).await.map_err(|e| {
        let message = js_sys::Reflect::get(&e, &"message".into())
            .ok()
            .and_then(|m| m.as_string());
        format!(
            "could not be read ({})",
            message.unwrap_or_else(|| "the browser gave no reason".into())
        )
    })
}

/// Every entry in `folder`: the browser gives them a batch at a time until an empty one.
async fn children(folder: &FileSystemDirectoryEntry) -> Result<Vec<FileSystemEntry>, String> {
    let reader = folder.create_reader();
    let mut all = Vec::new();
    loop {
        let batch = callback(|resolve, reject| {
            if let Err(e) = reader.read_entries_with_callback_and_callback(resolve, reject) {
                let _ = reject.call1(&JsValue::NULL, &e);
            }
        })
        .await?;
        let batch: Array = batch.unchecked_into();
        if batch.length() == 0 {
            return Ok(all);
        }
        all.extend(batch.iter().map(JsCast::unchecked_into::<FileSystemEntry>));
    }
}

async fn file(entry: &FileSystemFileEntry) -> Result<File, String> {
    callback(|resolve, reject| entry.file_with_callback_and_callback(resolve, reject))
        .await
        .map(JsCast::unchecked_into)
}

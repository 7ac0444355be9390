//! Imported corpora kept in the browser's IndexedDB, so they survive a reload and a browser
//! restart: a catalog (id, name, size) read at start, each corpus's articles as they were
//! imported, read when the corpus is opened, and the pre-analysed form of those that came as an
//! index file.
//!
//! **A failed write says what to do** (storage full: delete or export a corpus); nothing is
//! dropped from memory because the browser would not keep it.

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use crate::import::Article;

const DATABASE: &str = "parallax";
/// The schema's version: raise it (and extend `open`'s upgrade) when the stores change.
const VERSION: u32 = 2;
const CATALOG: &str = "catalog";
const ARTICLES: &str = "articles";
/// Pre-analysed corpora (`parallax index` files), by corpus id: opened without analysis.
const INDEXES: &str = "indexes";

/// One imported corpus, as the corpus list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Entry {
    pub id: String,
    pub name: String,
    pub articles: usize,
}

async fn open() -> Result<Database, String> {
    let factory = Factory::new().map_err(describe)?;
    let mut request = factory.open(DATABASE, Some(VERSION)).map_err(describe)?;
    request.on_upgrade_needed(|event| {
        let Ok(database) = event.database() else {
            return;
        };
        for store in [CATALOG, ARTICLES, INDEXES] {
            if !database.store_names().iter().any(|s| s == store) {
                let _ = database.create_object_store(store, ObjectStoreParams::new());
            }
        }
    });
    request.await.map_err(describe)
}

/// What went wrong, in words a user can act on.
fn describe(error: idb::Error) -> String {
    let text = error.to_string();
    if text.contains("Quota") {
        "the browser's storage for this page is full — delete a corpus you no longer need, or \
         export this one to a file and free space in the browser's site settings"
            .into()
    } else {
        format!("the browser's storage failed ({text})")
    }
}

/// The imported corpora, oldest first.
pub(crate) async fn catalog() -> Result<Vec<Entry>, String> {
    let database = open().await?;
    let tx = database
        .transaction(&[CATALOG], TransactionMode::ReadOnly)
        .map_err(describe)?;
    let store = tx.object_store(CATALOG).map_err(describe)?;
    let values = store
        .get_all(None, None)
        .map_err(describe)?
        .await
        .map_err(describe)?;
    let mut entries: Vec<Entry> = values
        .iter()
        .filter_map(|v| v.as_string())
        .filter_map(|json| serde_json::from_str(&json).ok())
        .collect();
    entries.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(entries)
}

/// The articles of the corpus `id`, as imported.
pub(crate) async fn articles(id: &str) -> Result<Vec<Article>, String> {
    let database = open().await?;
    let tx = database
        .transaction(&[ARTICLES], TransactionMode::ReadOnly)
        .map_err(describe)?;
    let store = tx.object_store(ARTICLES).map_err(describe)?;
    let value = store
        .get(JsValue::from_str(id))
        .map_err(describe)?
        .await
        .map_err(describe)?;
    let json = value
        .and_then(|v| v.as_string())
        .ok_or_else(|| format!("the corpus “{id}” is no longer in this browser's storage"))?;
    serde_json::from_str(&json).map_err(|e| format!("the stored corpus could not be read ({e})"))
}

/// Keeps a corpus: its catalog entry and (when given) its articles, in one transaction.
pub(crate) async fn save(entry: &Entry, articles: Option<&[Article]>) -> Result<(), String> {
    let database = open().await?;
    let tx = database
        .transaction(&[CATALOG, ARTICLES], TransactionMode::ReadWrite)
        .map_err(describe)?;
    let key = JsValue::from_str(&entry.id);
    let json = serde_json::to_string(entry).expect("an entry serialises");
    tx.object_store(CATALOG)
        .map_err(describe)?
        .put(&JsValue::from_str(&json), Some(&key))
        .map_err(describe)?
        .await
        .map_err(describe)?;
    if let Some(articles) = articles {
        let json = serde_json::to_string(articles).expect("articles serialise");
        tx.object_store(ARTICLES)
            .map_err(describe)?
            .put(&JsValue::from_str(&json), Some(&key))
            .map_err(describe)?
            .await
            .map_err(describe)?;
    }
    committed(tx).await
}

/// Forgets the corpus `id`.
pub(crate) async fn delete(id: &str) -> Result<(), String> {
    let database = open().await?;
    let tx = database
        .transaction(&[CATALOG, ARTICLES, INDEXES], TransactionMode::ReadWrite)
        .map_err(describe)?;
    for store in [CATALOG, ARTICLES, INDEXES] {
        tx.object_store(store)
            .map_err(describe)?
            .delete(JsValue::from_str(id))
            .map_err(describe)?
            .await
            .map_err(describe)?;
    }
    committed(tx).await
}

/// Keeps the pre-analysed form of corpus `id` (an index file's bytes).
pub(crate) async fn save_index(id: &str, bytes: &[u8]) -> Result<(), String> {
    let database = open().await?;
    let tx = database
        .transaction(&[INDEXES], TransactionMode::ReadWrite)
        .map_err(describe)?;
    let value = js_sys::Uint8Array::from(bytes);
    tx.object_store(INDEXES)
        .map_err(describe)?
        .put(&value, Some(&JsValue::from_str(id)))
        .map_err(describe)?
        .await
        .map_err(describe)?;
    committed(tx).await
}

/// The pre-analysed form of corpus `id`, if it has one.
pub(crate) async fn index(id: &str) -> Result<Option<Vec<u8>>, String> {
    let database = open().await?;
    let tx = database
        .transaction(&[INDEXES], TransactionMode::ReadOnly)
        .map_err(describe)?;
    let value = tx
        .object_store(INDEXES)
        .map_err(describe)?
        .get(JsValue::from_str(id))
        .map_err(describe)?
        .await
        .map_err(describe)?;
    Ok(value.map(|v| js_sys::Uint8Array::new(&v).to_vec()))
}

async fn committed(tx: idb::Transaction) -> Result<(), String> {
    match tx.await.map_err(describe)? {
        idb::TransactionResult::Committed => Ok(()),
        idb::TransactionResult::Aborted => Err("the browser's storage refused the change".into()),
    }
}

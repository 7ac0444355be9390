//! Imported corpora kept in the browser's IndexedDB, so they survive a reload and a browser
//! restart: a catalog (id, name, size) read at start, each corpus's articles as they were
//! imported, read when the corpus is opened, and the pre-analysed form of those that came as an
//! index file. Articles and index files are kept in chunks under the keys `[corpus id, n]`, a
//! request and a task each, so that keeping or reading 10,000 articles never holds the page.
//!
//! What the user made of a corpus — its entity edits and saved views — is kept here too, by the
//! corpus's edits key ([`Work`]).
//!
//! **A failed write says what to do** (storage full: delete or export a corpus); nothing is
//! dropped from memory because the browser would not keep it.

use std::borrow::Cow;

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use crate::dates::Date;
use crate::import::Article;

const DATABASE: &str = "parallax";
/// The schema's version: raise it (and extend `open`'s upgrade) when the stores change.
const VERSION: u32 = 3;
const CATALOG: &str = "catalog";
const ARTICLES: &str = "articles";
/// Pre-analysed corpora (`parallax index` files), by corpus id: opened without analysis.
const INDEXES: &str = "indexes";
/// The user's entity edits, as JSON, by edits key.
const EDITS: &str = "edits";
/// The user's saved views, as JSON, by edits key.
const VIEWS: &str = "views";

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
        for store in [CATALOG, ARTICLES, INDEXES, EDITS, VIEWS] {
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
    let mut articles = Vec::new();
    let unreadable =
        |e: &dyn std::fmt::Display| format!("the stored corpus could not be read ({e})");
    let found = for_each_chunk(ARTICLES, id, |chunk| {
        // Kept before chunks: all the articles as one JSON string.
        if let Some(json) = chunk.as_string() {
            articles = serde_json::from_str(&json).map_err(|e| unreadable(&e))?;
            return Ok(());
        }
        let bytes = js_sys::Uint8Array::new(&chunk).to_vec();
        let kept: Vec<KeptArticle> = postcard::from_bytes(&bytes).map_err(|e| unreadable(&e))?;
        articles.extend(kept.into_iter().map(KeptArticle::into_article));
        Ok(())
    })
    .await?;
    if !found {
        return Err(format!(
            "the corpus “{id}” is no longer in this browser's storage"
        ));
    }
    Ok(articles)
}

/// Keeps a corpus's catalog entry (a new name).
pub(crate) async fn save_entry(entry: &Entry) -> Result<(), String> {
    let database = open().await?;
    let tx = database
        .transaction(&[CATALOG], TransactionMode::ReadWrite)
        .map_err(describe)?;
    put_entry(&tx, entry).await?;
    committed(tx).await
}

/// Keeps a corpus: its articles, in chunks of about [`CHUNK_BYTES`] (`progress` is told how
/// many articles of how many are kept), then its catalog entry, in one transaction — a corpus is listed
/// only once all of it is kept.
pub(crate) async fn save(
    entry: &Entry,
    articles: &[Article],
    progress: &dyn Fn(usize, usize),
) -> Result<(), String> {
    let database = open().await?;
    let tx = database
        .transaction(&[CATALOG, ARTICLES], TransactionMode::ReadWrite)
        .map_err(describe)?;
    let chunks = article_chunks(articles);
    let chunk_bytes = chunks.iter().map(|chunk| {
        let kept: Vec<KeptArticle> = chunk.iter().map(KeptArticle::of).collect();
        postcard::to_allocvec(&kept).expect("articles serialise")
    });
    let kept_after: Vec<usize> = chunks
        .iter()
        .scan(0, |kept, chunk| {
            *kept += chunk.len();
            Some(*kept)
        })
        .collect();
    let chunk_progress = |n: usize, _| {
        progress(
            n.checked_sub(1).map_or(0, |n| kept_after[n]),
            articles.len(),
        );
    };
    put_chunks(
        &tx,
        ARTICLES,
        &entry.id,
        chunks.len(),
        chunk_bytes,
        &chunk_progress,
    )
    .await?;
    put_entry(&tx, entry).await?;
    committed(tx).await
}

async fn put_entry(tx: &idb::Transaction, entry: &Entry) -> Result<(), String> {
    let json = serde_json::to_string(entry).expect("an entry serialises");
    tx.object_store(CATALOG)
        .map_err(describe)?
        .put(
            &JsValue::from_str(&json),
            Some(&JsValue::from_str(&entry.id)),
        )
        .map_err(describe)?
        .await
        .map_err(describe)?;
    Ok(())
}

/// How many bytes of article text one stored chunk holds (64 KB–16 MB). Each chunk is
/// serialised and handed to the browser in its own task, so this bounds the page's pause while
/// a corpus is kept: 1 MB is a few milliseconds, and 150 chunks for 10,000 articles.
const CHUNK_BYTES: usize = 1 << 20;

/// `articles` cut into runs of about [`CHUNK_BYTES`] of text, in order.
fn article_chunks(articles: &[Article]) -> Vec<&[Article]> {
    let mut chunks = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, article) in articles.iter().enumerate() {
        bytes += article.text.len();
        if bytes >= CHUNK_BYTES {
            chunks.push(&articles[start..=i]);
            (start, bytes) = (i + 1, 0);
        }
    }
    if start < articles.len() {
        chunks.push(&articles[start..]);
    }
    chunks
}

/// An article as the store keeps it. Postcard writes fields by position, so every field is
/// written; the JSON form of [`Article`] leaves absent ones out, which postcard cannot read back.
#[derive(Serialize, Deserialize)]
struct KeptArticle<'a> {
    id: Cow<'a, str>,
    text: Cow<'a, str>,
    title: Option<Cow<'a, str>>,
    outlet: Option<Cow<'a, str>>,
    date: Option<Date>,
    author: Option<Cow<'a, str>>,
    url: Option<Cow<'a, str>>,
}

impl<'a> KeptArticle<'a> {
    fn of(a: &'a Article) -> KeptArticle<'a> {
        KeptArticle {
            id: Cow::Borrowed(&a.id),
            text: Cow::Borrowed(&a.text),
            title: a.title.as_deref().map(Cow::Borrowed),
            outlet: a.outlet.as_deref().map(Cow::Borrowed),
            date: a.date,
            author: a.author.as_deref().map(Cow::Borrowed),
            url: a.url.as_deref().map(Cow::Borrowed),
        }
    }

    fn into_article(self) -> Article {
        Article {
            id: self.id.into_owned(),
            text: self.text.into_owned(),
            title: self.title.map(Cow::into_owned),
            outlet: self.outlet.map(Cow::into_owned),
            date: self.date,
            author: self.author.map(Cow::into_owned),
            url: self.url.map(Cow::into_owned),
        }
    }
}

/// The key of the `n`th chunk of corpus `id`'s value in a store: `[id, n]`.
fn chunk_key(id: &str, n: usize) -> JsValue {
    js_sys::Array::of2(&JsValue::from_str(id), &JsValue::from_f64(n as f64)).into()
}

/// Every key of corpus `id` in a store: its chunks, and the single value kept before chunks.
fn keys_of(id: &str) -> Result<Vec<idb::Query>, String> {
    // Arrays sort after numbers, so `[id, []]` is above every `[id, n]`.
    let upper = js_sys::Array::of2(&JsValue::from_str(id), &js_sys::Array::new());
    let lower = js_sys::Array::of1(&JsValue::from_str(id));
    let chunks = idb::KeyRange::bound(&lower, &upper, None, None).map_err(describe)?;
    Ok(vec![JsValue::from_str(id).into(), chunks.into()])
}

/// Replaces corpus `id`'s value in `store` with `chunks` (`count` of them), one request each.
async fn put_chunks(
    tx: &idb::Transaction,
    store: &str,
    id: &str,
    count: usize,
    chunks: impl Iterator<Item = Vec<u8>>,
    progress: &dyn Fn(usize, usize),
) -> Result<(), String> {
    let store = tx.object_store(store).map_err(describe)?;
    delete_all(&store, id).await?;
    progress(0, count);
    for (n, bytes) in chunks.enumerate() {
        // Awaiting each request ends the task: the page runs between chunks, and the
        // transaction stays open because the next request is made from this one's success.
        store
            .put(
                &js_sys::Uint8Array::from(&bytes[..]),
                Some(&chunk_key(id, n)),
            )
            .map_err(describe)?
            .await
            .map_err(describe)?;
        progress(n + 1, count);
    }
    Ok(())
}

/// Corpus `id`'s value in `store`, a chunk at a time in order (one request, and so one task,
/// each); a value kept before chunks comes as the only chunk. None if there is no value.
async fn for_each_chunk(
    store: &str,
    id: &str,
    mut each: impl FnMut(JsValue) -> Result<(), String>,
) -> Result<bool, String> {
    let database = open().await?;
    let tx = database
        .transaction(&[store], TransactionMode::ReadOnly)
        .map_err(describe)?;
    let store = tx.object_store(store).map_err(describe)?;
    let mut n = 0;
    while let Some(chunk) = store
        .get(chunk_key(id, n))
        .map_err(describe)?
        .await
        .map_err(describe)?
    {
        each(chunk)?;
        n += 1;
    }
    if n > 0 {
        return Ok(true);
    }
    let whole = store
        .get(JsValue::from_str(id))
        .map_err(describe)?
        .await
        .map_err(describe)?;
    match whole {
        Some(value) => each(value).map(|()| true),
        None => Ok(false),
    }
}

/// Forgets the corpus `id`.
pub(crate) async fn delete(id: &str) -> Result<(), String> {
    let database = open().await?;
    let tx = database
        .transaction(&[CATALOG, ARTICLES, INDEXES], TransactionMode::ReadWrite)
        .map_err(describe)?;
    for store in [CATALOG, ARTICLES, INDEXES] {
        delete_all(&tx.object_store(store).map_err(describe)?, id).await?;
    }
    committed(tx).await
}

/// Deletes every value of corpus `id` in `store`: its chunks, and a value kept whole.
async fn delete_all(store: &idb::ObjectStore, id: &str) -> Result<(), String> {
    for key in keys_of(id)? {
        store
            .delete(key)
            .map_err(describe)?
            .await
            .map_err(describe)?;
    }
    Ok(())
}

/// How many bytes of an index file one stored chunk holds (64 KB–64 MB): each is copied into
/// the store in its own task.
const INDEX_CHUNK_BYTES: usize = 4 << 20;

/// Keeps the pre-analysed form of corpus `id` (an index file's bytes).
pub(crate) async fn save_index(id: &str, bytes: &[u8]) -> Result<(), String> {
    let database = open().await?;
    let tx = database
        .transaction(&[INDEXES], TransactionMode::ReadWrite)
        .map_err(describe)?;
    let chunks = bytes.chunks(INDEX_CHUNK_BYTES);
    let count = chunks.len();
    put_chunks(
        &tx,
        INDEXES,
        id,
        count,
        chunks.map(<[u8]>::to_vec),
        &|_, _| (),
    )
    .await?;
    committed(tx).await
}

/// The pre-analysed form of corpus `id`, if it has one.
pub(crate) async fn index(id: &str) -> Result<Option<Vec<u8>>, String> {
    let mut bytes = Vec::new();
    let found = for_each_chunk(INDEXES, id, |chunk| {
        bytes.extend(js_sys::Uint8Array::new(&chunk).to_vec());
        Ok(())
    })
    .await?;
    Ok(found.then_some(bytes))
}

async fn committed(tx: idb::Transaction) -> Result<(), String> {
    match tx.await.map_err(describe)? {
        idb::TransactionResult::Committed => Ok(()),
        idb::TransactionResult::Aborted => Err("the browser's storage refused the change".into()),
    }
}

/// What the user made of one corpus, kept under the corpus's edits key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Work {
    /// Entity edits ([`crate::curation::Curation`] as JSON).
    Edits,
    /// Saved views ([`crate::view_state::SavedView`]s as JSON).
    Views,
}

impl Work {
    fn store(self) -> &'static str {
        match self {
            Work::Edits => EDITS,
            Work::Views => VIEWS,
        }
    }

    /// Its key in `localStorage`: where earlier builds kept edits, and where it is kept when
    /// the browser refuses IndexedDB (some do for a page opened from disk).
    fn local_key(self, key: &str) -> String {
        match self {
            Work::Edits => key.to_string(),
            Work::Views => format!("{key}.views"),
        }
    }
}

/// The browser's localStorage, if it allows one.
pub(crate) fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The user's `work` on the corpus `key`, as kept. A copy in `localStorage` comes first: it is
/// a write IndexedDB had not confirmed when the page closed, or what an earlier build kept
/// there; it is moved into IndexedDB.
pub(crate) async fn work(work: Work, key: &str) -> Option<String> {
    let local_key = work.local_key(key);
    if let Some(json) = local_storage().and_then(|s| s.get_item(&local_key).ok().flatten()) {
        if put_text(work.store(), key, Some(&json)).await.is_ok() {
            forget_local_copy(&local_key, &json);
        }
        return Some(json);
    }
    get_text(work.store(), key).await.ok().flatten()
}

/// Keeps the user's `work` on the corpus `key` (none: forgets it). It is written to
/// `localStorage` at once — a page closed right after an edit loses nothing — then to
/// IndexedDB, which drops that copy once it has the value; a browser that refuses IndexedDB
/// keeps it in `localStorage`.
pub(crate) async fn keep_work(work: Work, key: &str, json: Option<&str>) -> Result<(), String> {
    let local_key = work.local_key(key);
    let local = local_storage();
    let kept_locally = local.as_ref().is_some_and(|s| {
        match json {
            Some(json) => s.set_item(&local_key, json),
            None => s.remove_item(&local_key),
        }
        .is_ok()
    });
    match put_text(work.store(), key, json).await {
        Ok(()) => {
            if let Some(json) = json {
                forget_local_copy(&local_key, json);
            }
            Ok(())
        }
        Err(_) if kept_locally => Ok(()),
        Err(e) => Err(e),
    }
}

/// Removes the `localStorage` copy under `local_key` if it is still `json` (a later write may
/// have replaced it, and is not in IndexedDB yet).
fn forget_local_copy(local_key: &str, json: &str) {
    if let Some(s) = local_storage() {
        if s.get_item(local_key).ok().flatten().as_deref() == Some(json) {
            let _ = s.remove_item(local_key);
        }
    }
}

async fn get_text(store: &str, key: &str) -> Result<Option<String>, String> {
    let database = open().await?;
    let tx = database
        .transaction(&[store], TransactionMode::ReadOnly)
        .map_err(describe)?;
    let value = tx
        .object_store(store)
        .map_err(describe)?
        .get(JsValue::from_str(key))
        .map_err(describe)?
        .await
        .map_err(describe)?;
    Ok(value.and_then(|v| v.as_string()))
}

/// Puts `text` under `key` in `store`, or (none) deletes it.
async fn put_text(store: &str, key: &str, text: Option<&str>) -> Result<(), String> {
    let database = open().await?;
    let tx = database
        .transaction(&[store], TransactionMode::ReadWrite)
        .map_err(describe)?;
    let store = tx.object_store(store).map_err(describe)?;
    let key = JsValue::from_str(key);
    match text {
        Some(text) => {
            store
                .put(&JsValue::from_str(text), Some(&key))
                .map_err(describe)?
                .await
                .map_err(describe)?;
        }
        None => store
            .delete(key)
            .map_err(describe)?
            .await
            .map_err(describe)?,
    }
    committed(tx).await
}

//! Which documents of a large corpus share text with one of them — reprints, near-duplicates,
//! wire copy quoted at length — found in milliseconds through an index of word shingles (runs of
//! [`SHINGLE_WORDS`] words), so that the passage alignment (`compare.rs`), which is far slower,
//! only runs on the documents worth it.
//!
//! Only a fixed sample of shingles is kept (those whose hash falls in one residue class), as in
//! Broder's and Manber's near-duplicate detection: two documents that share a passage share its
//! sampled shingles, whichever document the sample is taken from. Headlines and body paragraphs
//! count; boilerplate does not (an outlet's page furniture would make all its articles alike).
//!
//! **Shingle hashes are the same on every platform** (FNV-1a and SplitMix64, pinned by a test):
//! the page runs on 32-bit wasm, where a `usize`-based hasher would sample other shingles than the
//! CLI — or, as the Fx hasher did, hash them all alike.

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use crate::corpus::Corpus;
use crate::ingest::{Document, Role};
use crate::search::{fold_diacritics, word_spans};

/// Words per shingle (3–10). Five words rarely repeat between unrelated news texts ("said in a
/// statement on" is the kind that does, and is dropped as too common, see [`COMMON_SHARE`]),
/// while a shared sentence of twelve words still has eight shingles.
pub const SHINGLE_WORDS: usize = 5;
/// One shingle in this many is kept (1–64). At 8, a shared passage of 40 words keeps a sampled
/// shingle with probability 1 − (7/8)^36 ≈ 0.99, and the index of the 10,000 AllSides articles
/// holds about 1.3 million entries (8 bytes each).
pub const SAMPLE_ONE_IN: u32 = 8;
/// A shingle found in more than this share of the documents (0–1), and in more than
/// [`COMMON_MIN_DOCS`], says nothing about which documents copy which (and costs the most to
/// look up), so queries skip it.
pub const COMMON_SHARE: f32 = 0.01;
/// Documents (10–1000) a shingle may be in before it can count as common: in a small corpus,
/// one story retold by every document is the point, not noise.
pub const COMMON_MIN_DOCS: usize = 50;
/// Most documents one document is aligned against (1–500): the listed ones sharing the most
/// shingles with it. Alignment takes about 1 ms a pair natively (a few in the page), so 100
/// keeps one document against 10,000 within a second.
pub const ALIGN_MOST: usize = 100;
/// Least resemblance (0–1, shared sampled shingles over all the two have) for two documents to
/// count as near-duplicates: the same article reprinted, perhaps retitled or cut.
pub const NEAR_DUPLICATE_MIN: f32 = 0.5;

/// The sampled shingles of every document, as (hash, document) sorted by hash.
#[derive(Clone, Debug, Default)]
pub struct ShingleIndex {
    entries: Vec<(u32, u32)>,
    /// Sampled shingles per document.
    counts: Vec<u32>,
    /// Documents added (the index answers once all are, see [`ShingleIndex::finish`]).
    added: usize,
    sorted: bool,
}

/// A document that shares text with the one asked about.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Similar {
    pub doc: usize,
    /// Sampled shingles both have.
    pub shared: u32,
    /// Share of the asked-about document's sampled shingles the other has (0–1).
    pub containment: f32,
    /// Shared over all the two have (an estimate of the Jaccard resemblance, 0–1).
    pub resemblance: f32,
    /// Resemblance of at least [`NEAR_DUPLICATE_MIN`].
    pub near_duplicate: bool,
}

/// The distinct sampled shingle hashes of a document's headline and body.
pub fn sampled_shingles(doc: &Document) -> Vec<u32> {
    let mut out = Vec::new();
    for block in doc
        .blocks
        .iter()
        .filter(|b| matches!(b.role, Role::Title | Role::Body))
    {
        let text = block.span.of(&doc.text);
        let words: Vec<u64> = word_spans(text, 0)
            .map(|w| fnv1a(fold_diacritics(w.of(text)).as_bytes()))
            .collect();
        for window in words.windows(SHINGLE_WORDS) {
            let hash = window
                .iter()
                .fold(FNV_OFFSET, |h, &w| (h ^ w).wrapping_mul(FNV_PRIME));
            // The high bits of the mixed hash are the best mixed; the sample uses their low ones.
            let hash = (mix(hash) >> 32) as u32;
            if hash.is_multiple_of(SAMPLE_ONE_IN) {
                out.push(hash);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a: the same on every platform (the index must sample the same shingles in the page, on
/// 32-bit wasm, as natively), unlike the standard and Fx hashers.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
    })
}

/// SplitMix64's finaliser: every input bit moves every output bit.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

impl ShingleIndex {
    /// An index of every document of `corpus`, built at once.
    pub fn build(corpus: &Corpus) -> ShingleIndex {
        let mut index = ShingleIndex::default();
        index.add_documents(corpus, corpus.documents.len());
        index.finish();
        index
    }

    /// Adds up to `n` more documents of `corpus` (in order); returns how many are in. For
    /// building a slice at a time where a long task would freeze the page.
    pub fn add_documents(&mut self, corpus: &Corpus, n: usize) -> usize {
        let end = (self.added + n).min(corpus.documents.len());
        for d in self.added..end {
            let shingles = sampled_shingles(&corpus.documents[d]);
            self.counts.push(shingles.len() as u32);
            self.entries
                .extend(shingles.into_iter().map(|h| (h, d as u32)));
        }
        self.added = end;
        self.sorted = false;
        end
    }

    /// Sorts the entries so the index can answer.
    pub fn finish(&mut self) {
        self.entries.sort_unstable();
        self.entries.shrink_to_fit();
        self.sorted = true;
    }

    /// Bytes the index holds.
    pub fn heap_bytes(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<(u32, u32)>()
            + self.counts.capacity() * std::mem::size_of::<u32>()
    }

    /// The documents sharing the most sampled shingles with `doc` (a document of the index, or
    /// any other), best first; `doc`'s own index entry (`own`) left out.
    pub fn similar(&self, doc: &Document, own: Option<usize>) -> Vec<Similar> {
        assert!(self.sorted, "ShingleIndex::finish before asking");
        let mine = sampled_shingles(doc);
        let common = ((self.added as f32 * COMMON_SHARE) as usize).max(COMMON_MIN_DOCS);
        let mut shared: HashMap<u32, u32> = HashMap::default();
        for &hash in &mine {
            let from = self.entries.partition_point(|&(h, _)| h < hash);
            let to = self.entries.partition_point(|&(h, _)| h <= hash);
            if to - from > common {
                continue;
            }
            for &(_, d) in &self.entries[from..to] {
                if Some(d as usize) != own {
                    *shared.entry(d).or_default() += 1;
                }
            }
        }
        let mine = mine.len() as u32;
        let mut out: Vec<Similar> = shared
            .into_iter()
            .map(|(d, shared)| {
                let theirs = self.counts[d as usize];
                let resemblance = shared as f32 / (mine + theirs - shared).max(1) as f32;
                Similar {
                    doc: d as usize,
                    shared,
                    containment: shared as f32 / mine.max(1) as f32,
                    resemblance,
                    near_duplicate: resemblance >= NEAR_DUPLICATE_MIN,
                }
            })
            .collect();
        out.sort_by(|a, b| b.shared.cmp(&a.shared).then(a.doc.cmp(&b.doc)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Amazon will stop selling its face recognition software to police \
        departments for one year, the company said on Wednesday, after weeks of protests over \
        police violence. Civil rights groups have long warned that the software misidentifies \
        people with darker skin far more often than white men. The company said it hoped \
        Congress would use the pause to pass rules on how the technology may be used.";

    fn corpus() -> Corpus {
        let reprint = format!("Amazon pauses police sales\n\n{STORY}\n");
        let quoting = format!(
            "What the Rekognition pause means\n\nOur analysis follows. {} Critics were not \
             impressed and asked for a permanent ban instead of a pause.\n",
            &STORY[..STORY.find(" Civil").unwrap()]
        );
        let other = "Storm hits the coast\n\nHeavy rain flooded the harbour overnight, and \
             fishing boats stayed in port while crews cleared fallen trees from the roads.\n";
        let original = format!("Amazon halts police use of Rekognition\n\n{STORY}\n");
        Corpus::from_texts(
            [
                ("a.txt", original.as_str()),
                ("b.txt", reprint.as_str()),
                ("c.txt", quoting.as_str()),
                ("d.txt", other),
            ],
            None,
        )
    }

    #[test]
    fn a_reprint_is_a_near_duplicate_a_quoting_article_shares_less_and_an_unrelated_one_nothing() {
        let corpus = corpus();
        let index = ShingleIndex::build(&corpus);
        let found = index.similar(&corpus.documents[0], Some(0));
        let docs: Vec<(&str, bool)> = found
            .iter()
            .map(|s| (corpus.documents[s.doc].id.as_str(), s.near_duplicate))
            .collect();
        assert_eq!(docs, [("b.txt", true), ("c.txt", false)]);
        assert!(found[0].containment > 0.8, "{:?}", found[0]);
        assert!(found[1].shared > 0 && found[1].shared < found[0].shared);
    }

    #[test]
    fn shingles_hash_the_same_on_every_platform() {
        // Pinned values: a 32-bit build (the page) must sample what a 64-bit one does.
        assert_eq!(fnv1a(b"amazon"), 0x8d81_292b_6f45_586d);
        let doc = crate::ingest::analyze(
            "a.txt",
            "Title words here\n\none two three four five six seven eight nine ten eleven twelve \
             thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty.\n",
        );
        assert_eq!(sampled_shingles(&doc), [0xdf38_f2b0]);
    }

    #[test]
    fn built_a_slice_at_a_time_the_index_answers_as_if_built_at_once() {
        let corpus = corpus();
        let mut sliced = ShingleIndex::default();
        while sliced.add_documents(&corpus, 1) < corpus.documents.len() {}
        sliced.finish();
        let whole = ShingleIndex::build(&corpus);
        for (d, doc) in corpus.documents.iter().enumerate() {
            assert_eq!(sliced.similar(doc, Some(d)), whole.similar(doc, Some(d)));
        }
    }
}

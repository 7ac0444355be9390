//! A pre-analysed corpus (`parallax index`): its documents and their entities in one compact
//! file (postcard), which the page opens instead of analysing the articles itself. The text index
//! is not in it: the page builds that in slices, faster than it could read it.
//!
//! **A file from another version is refused with a message, never misread**: the file starts
//! with a magic line naming the format and its version.

use serde::{Deserialize, Serialize};

use crate::entities::EntityIndex;
use crate::ingest::Document;

/// The first bytes of every index file: the format's name and version. Raise the version when
/// anything serialised in it changes shape.
const MAGIC: &[u8] = b"PARALLAX-INDEX 1\n";

/// What a file name ending tells: an index file.
pub const EXTENSION: &str = ".parallax-index";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndexFile {
    pub name: String,
    pub documents: Vec<Document>,
    /// The entities found, before any user edit.
    pub entities: EntityIndex,
}

impl IndexFile {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = MAGIC.to_vec();
        postcard::to_io(self, &mut bytes).expect("an index serialises into memory");
        bytes
    }

    /// The index `bytes` hold; the error says why they are not one this version reads.
    pub fn from_bytes(bytes: &[u8]) -> Result<IndexFile, String> {
        let Some(body) = bytes.strip_prefix(MAGIC) else {
            return Err(if bytes.starts_with(b"PARALLAX-INDEX ") {
                "made by another version of Parallax: index the articles again with this one".into()
            } else {
                "not a Parallax index file".into()
            });
        };
        postcard::from_bytes(body).map_err(|e| format!("a damaged Parallax index file ({e})"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::entities::resolve;

    #[test]
    fn the_seeds_round_trip_through_an_index_file() {
        let corpus = Corpus::embedded();
        let file = IndexFile {
            name: "Seeds".into(),
            entities: resolve(&corpus),
            documents: corpus.documents,
        };
        let bytes = file.to_bytes();
        assert!(bytes.starts_with(b"PARALLAX-INDEX 1\n"));
        assert_eq!(IndexFile::from_bytes(&bytes).unwrap(), file);
    }

    #[test]
    fn other_files_older_versions_and_damage_are_told_apart() {
        assert_eq!(
            IndexFile::from_bytes(b"{\"text\": 1}").unwrap_err(),
            "not a Parallax index file"
        );
        assert!(IndexFile::from_bytes(b"PARALLAX-INDEX 0\n...")
            .unwrap_err()
            .starts_with("made by another version"));
        let file = IndexFile {
            name: "x".into(),
            documents: Corpus::embedded().documents,
            entities: EntityIndex::default(),
        };
        let bytes = file.to_bytes();
        assert!(IndexFile::from_bytes(&bytes[..bytes.len() / 2])
            .unwrap_err()
            .starts_with("a damaged Parallax index file"));
    }
}

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
        let mut reader = IndexReader::new(bytes)?;
        let documents = reader.by_ref().collect::<Result<Vec<_>, _>>()?;
        Ok(IndexFile {
            name: reader.name.clone(),
            documents,
            entities: reader.entities()?,
        })
    }
}

/// An index file read a document at a time, so that a caller can pause between documents (10,000
/// of them take ~150 ms to read in the browser). Reads the very bytes [`IndexFile::to_bytes`]
/// writes: postcard lays a struct out field by field and a list as its length, then its items.
pub struct IndexReader<'a> {
    pub name: String,
    /// How many documents the file holds.
    pub documents: usize,
    read: usize,
    rest: &'a [u8],
}

impl<'a> IndexReader<'a> {
    /// The reader of `bytes`, past the name and the count of documents; the error says why they
    /// are not an index file this version reads.
    pub fn new(bytes: &'a [u8]) -> Result<IndexReader<'a>, String> {
        let Some(body) = bytes.strip_prefix(MAGIC) else {
            return Err(if bytes.starts_with(b"PARALLAX-INDEX ") {
                "made by another version of Parallax: index the articles again with this one".into()
            } else {
                "not a Parallax index file".into()
            });
        };
        let (name, rest) = postcard::take_from_bytes::<String>(body).map_err(damaged)?;
        let (documents, rest) = postcard::take_from_bytes::<usize>(rest).map_err(damaged)?;
        Ok(IndexReader {
            name,
            documents,
            read: 0,
            rest,
        })
    }

    /// The entities, once every document has been read.
    pub fn entities(self) -> Result<EntityIndex, String> {
        assert_eq!(self.read, self.documents, "documents are read first");
        postcard::from_bytes(self.rest).map_err(damaged)
    }
}

impl Iterator for IndexReader<'_> {
    type Item = Result<Document, String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.read == self.documents {
            return None;
        }
        self.read += 1;
        Some(match postcard::take_from_bytes::<Document>(self.rest) {
            Ok((document, rest)) => {
                self.rest = rest;
                Ok(document)
            }
            Err(e) => {
                // Nothing after a damaged document can be read.
                self.read = self.documents;
                Err(damaged(e))
            }
        })
    }
}

fn damaged(e: postcard::Error) -> String {
    format!("a damaged Parallax index file ({e})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::entities::resolve;

    fn seeds_file() -> IndexFile {
        let corpus = Corpus::embedded();
        IndexFile {
            name: "Seeds".into(),
            entities: resolve(&corpus),
            documents: corpus.documents,
        }
    }

    #[test]
    fn the_seeds_round_trip_through_an_index_file() {
        let file = seeds_file();
        let bytes = file.to_bytes();
        assert!(bytes.starts_with(b"PARALLAX-INDEX 1\n"));
        assert_eq!(IndexFile::from_bytes(&bytes).unwrap(), file);
    }

    #[test]
    fn a_reader_gives_the_name_then_each_document_then_the_entities() {
        let file = seeds_file();
        let bytes = file.to_bytes();
        let mut reader = IndexReader::new(&bytes).unwrap();
        assert_eq!((reader.name.as_str(), reader.documents), ("Seeds", 5));
        let first = reader.next().unwrap().unwrap();
        assert_eq!(first, file.documents[0]);
        assert_eq!(reader.by_ref().count(), 4);
        assert_eq!(reader.entities().unwrap(), file.entities);
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

//! The user's corrections to the entity index: rename, merge, split a spelling off, change type,
//! hide, and reject a suggested merge.
//!
//! **Edits name entities by a spelling found in the text, not by id**, so they apply again after
//! re-analysis (new documents, better rules) wherever that spelling still occurs. An edit whose
//! spelling is gone is kept and reported, never silently dropped.

use serde::{Deserialize, Serialize};

use crate::corpus::Corpus;
use crate::entities::{entity_id, Entity, EntityIndex};
use crate::mentions::EntityType;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Edit {
    /// Show the entity written `spelling` under `name`.
    Rename {
        spelling: String,
        name: String,
    },
    /// The entity written `spelling` is the same as the one written `into`.
    Merge {
        spelling: String,
        into: String,
    },
    /// Mentions written `spelling` are a different entity from the rest of theirs.
    Split {
        spelling: String,
    },
    SetType {
        spelling: String,
        kind: EntityType,
    },
    Hide {
        spelling: String,
    },
    Unhide {
        spelling: String,
    },
    /// The suggestion to merge these two is wrong.
    Reject {
        spelling: String,
        into: String,
    },
}

impl Edit {
    /// How the edit reads in a list of edits.
    pub fn describe(&self) -> String {
        match self {
            Edit::Rename { spelling, name } => format!("Renamed “{spelling}” to “{name}”"),
            Edit::Merge { spelling, into } => format!("Merged “{spelling}” into “{into}”"),
            Edit::Split { spelling } => format!("Split “{spelling}” off"),
            Edit::SetType { spelling, kind } => format!("Made “{spelling}” a {}", kind.label()),
            Edit::Hide { spelling } => format!("Hid “{spelling}”"),
            Edit::Unhide { spelling } => format!("Unhid “{spelling}”"),
            Edit::Reject { spelling, into } => format!("“{spelling}” is not “{into}”"),
        }
    }
}

/// The edits, in the order made, as saved and exported.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Curation {
    pub version: u32,
    pub edits: Vec<Edit>,
}

/// The export format's version; imports of other versions are refused with a message.
pub const CURATION_VERSION: u32 = 1;

impl Curation {
    pub fn new(edits: Vec<Edit>) -> Self {
        Curation {
            version: CURATION_VERSION,
            edits,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("edits serialise")
    }

    /// Reads an export; the error says what is wrong in terms a user can act on.
    pub fn from_json(json: &str) -> Result<Curation, String> {
        let curation: Curation =
            serde_json::from_str(json).map_err(|e| format!("not a Parallax edits file: {e}"))?;
        if curation.version != CURATION_VERSION {
            return Err(format!(
                "edits file version {} is not supported (this Parallax reads version {CURATION_VERSION})",
                curation.version
            ));
        }
        Ok(curation)
    }
}

/// What became of one edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Applied,
    /// The edit could not apply, and why ("no entity is written “Gebry” any more").
    Stale(String),
}

fn spellings_of(e: &Entity) -> impl Iterator<Item = &str> {
    std::iter::once(e.name.as_str()).chain(e.aliases.iter().map(String::as_str))
}

fn find(index: &EntityIndex, spelling: &str) -> Option<usize> {
    index
        .entities
        .iter()
        .position(|e| spellings_of(e).any(|s| s == spelling))
}

/// Both entities an edit names, or the outcome saying which spelling is gone.
fn find_both(index: &EntityIndex, spelling: &str, into: &str) -> Result<(usize, usize), Outcome> {
    match (find(index, spelling), find(index, into)) {
        (Some(a), Some(b)) => Ok((a, b)),
        (None, _) => Err(gone(spelling)),
        (_, None) => Err(gone(into)),
    }
}

fn gone(spelling: &str) -> Outcome {
    Outcome::Stale(format!("no entity is written “{spelling}” any more"))
}

/// Applies the edits in order to an automatically resolved index.
pub fn apply(
    mut index: EntityIndex,
    corpus: &Corpus,
    curation: &Curation,
) -> (EntityIndex, Vec<Outcome>) {
    let mut outcomes = Vec::with_capacity(curation.edits.len());
    for edit in &curation.edits {
        outcomes.push(apply_one(&mut index, corpus, edit));
    }
    (index, outcomes)
}

fn apply_one(index: &mut EntityIndex, corpus: &Corpus, edit: &Edit) -> Outcome {
    match edit {
        Edit::Rename { spelling, name } => {
            let Some(i) = find(index, spelling) else {
                return gone(spelling);
            };
            let e = &mut index.entities[i];
            if e.name != *name {
                let old = std::mem::replace(&mut e.name, name.clone());
                e.aliases.retain(|a| a != name);
                if mentioned_as(e, corpus, &old) {
                    e.aliases.insert(0, old);
                }
            }
            Outcome::Applied
        }
        Edit::Merge { spelling, into } => {
            let (from, to) = match find_both(index, spelling, into) {
                Ok(pair) => pair,
                Err(outcome) => return outcome,
            };
            if from == to {
                return Outcome::Applied;
            }
            let moved = index.entities.remove(from);
            let to = if from < to { to - 1 } else { to };
            let target = &mut index.entities[to];
            for s in spellings_of(&moved).filter(|s| mentioned_as(&moved, corpus, s)) {
                if s != target.name && !target.aliases.iter().any(|a| a == s) {
                    target.aliases.push(s.to_string());
                }
            }
            target.mentions.extend(moved.mentions);
            target.mentions.sort_by_key(|m| (m.doc, m.span.start));
            target.merges.push(format!("{}: merged by you", moved.name));
            let (old_id, new_id) = (moved.id, target.id.clone());
            for s in &mut index.suggestions {
                for id in [&mut s.entity, &mut s.into] {
                    if *id == old_id {
                        *id = new_id.clone();
                    }
                }
            }
            index.suggestions.retain(|s| s.entity != s.into);
            Outcome::Applied
        }
        Edit::Split { spelling } => {
            let Some(i) = find(index, spelling) else {
                return gone(spelling);
            };
            let e = &mut index.entities[i];
            let (taken, kept): (Vec<_>, Vec<_>) = e
                .mentions
                .drain(..)
                .partition(|m| m.span.of(&corpus.documents[m.doc].text) == spelling);
            if kept.is_empty() {
                e.mentions = taken;
                return Outcome::Stale(format!("“{spelling}” is the only spelling of {}", e.name));
            }
            e.mentions = kept;
            e.aliases.retain(|a| a != spelling);
            if e.name == *spelling {
                e.name = e.aliases.first().cloned().unwrap_or_else(|| e.name.clone());
                e.aliases.retain(|a| *a != e.name);
            }
            let kind = e.kind;
            let id = entity_id(kind, spelling);
            let split = Entity {
                id: unique_id(index, &id),
                name: spelling.clone(),
                kind,
                aliases: Vec::new(),
                mentions: taken,
                parent: None,
                merges: vec![format!("{spelling}: split off by you")],
                hidden: false,
            };
            index.entities.push(split);
            Outcome::Applied
        }
        Edit::SetType { spelling, kind } => {
            let Some(i) = find(index, spelling) else {
                return gone(spelling);
            };
            index.entities[i].kind = *kind;
            Outcome::Applied
        }
        Edit::Hide { spelling } | Edit::Unhide { spelling } => {
            let Some(i) = find(index, spelling) else {
                return gone(spelling);
            };
            index.entities[i].hidden = matches!(edit, Edit::Hide { .. });
            Outcome::Applied
        }
        Edit::Reject { spelling, into } => {
            let (a, b) = match find_both(index, spelling, into) {
                Ok(pair) => pair,
                Err(outcome) => return outcome,
            };
            let (a, b) = (index.entities[a].id.clone(), index.entities[b].id.clone());
            index
                .suggestions
                .retain(|s| !(s.entity == a && s.into == b || s.entity == b && s.into == a));
            Outcome::Applied
        }
    }
}

/// The spelling occurs in the entity's mentions (a canonical country name may not).
fn mentioned_as(e: &Entity, corpus: &Corpus, spelling: &str) -> bool {
    e.mentions
        .iter()
        .any(|m| m.span.of(&corpus.documents[m.doc].text) == spelling)
}

fn unique_id(index: &EntityIndex, base: &str) -> String {
    let mut id = base.to_string();
    let mut n = 1;
    while index.entities.iter().any(|e| e.id == id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::resolve;

    const HEAD: &str = "A headline for the test\n\n";

    fn corpus() -> Corpus {
        let texts = [
            format!("{HEAD}Joy Buolamwini and Timnit Gebru wrote it. Later Buolamwini and Gebry wrote more."),
            format!("{HEAD}Amazon sold Rekognition. Amazon Web Services runs it."),
        ];
        Corpus::from_texts(
            [("a.txt", texts[0].as_str()), ("b.txt", texts[1].as_str())],
            None,
        )
    }

    fn curated(edits: Vec<Edit>) -> (EntityIndex, Vec<Outcome>) {
        let c = corpus();
        apply(resolve(&c), &c, &Curation::new(edits))
    }

    fn named<'a>(index: &'a EntityIndex, name: &str) -> &'a Entity {
        index
            .entities
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("{name}"))
    }

    #[test]
    fn merging_a_misspelling_moves_its_mentions_and_clears_the_suggestion() {
        let (index, outcomes) = curated(vec![Edit::Merge {
            spelling: "Gebry".into(),
            into: "Timnit Gebru".into(),
        }]);
        assert_eq!(outcomes, [Outcome::Applied]);
        let gebru = named(&index, "Timnit Gebru");
        assert_eq!(gebru.mentions.len(), 2);
        assert_eq!(gebru.aliases, ["Gebry"]);
        assert!(index.suggestions.is_empty());
        assert!(index.entities.iter().all(|e| e.name != "Gebry"));
    }

    #[test]
    fn rename_keeps_the_old_spelling_as_an_alias_and_the_id() {
        let (index, _) = curated(vec![Edit::Rename {
            spelling: "Buolamwini".into(),
            name: "Dr. Joy Buolamwini".into(),
        }]);
        let joy = named(&index, "Dr. Joy Buolamwini");
        assert_eq!(joy.id, "person:joy-buolamwini");
        assert_eq!(joy.aliases, ["Joy Buolamwini", "Buolamwini"]);
    }

    #[test]
    fn split_makes_a_new_entity_of_one_spelling() {
        let (index, outcomes) = curated(vec![Edit::Split {
            spelling: "Buolamwini".into(),
        }]);
        assert_eq!(outcomes, [Outcome::Applied]);
        assert_eq!(named(&index, "Joy Buolamwini").mentions.len(), 1);
        let split = named(&index, "Buolamwini");
        assert_eq!((split.mentions.len(), split.kind), (1, EntityType::Person));
        assert_eq!(split.id, "person:buolamwini");
    }

    #[test]
    fn type_hide_unhide_and_reject() {
        let (index, _) = curated(vec![
            Edit::SetType {
                spelling: "Rekognition".into(),
                kind: EntityType::Product,
            },
            Edit::Hide {
                spelling: "Amazon".into(),
            },
            Edit::Reject {
                spelling: "Gebry".into(),
                into: "Timnit Gebru".into(),
            },
        ]);
        assert_eq!(named(&index, "Rekognition").kind, EntityType::Product);
        assert!(named(&index, "Amazon").hidden);
        assert!(index.suggestions.is_empty());
        let (index, _) = curated(vec![
            Edit::Hide {
                spelling: "Amazon".into(),
            },
            Edit::Unhide {
                spelling: "Amazon".into(),
            },
        ]);
        assert!(!named(&index, "Amazon").hidden);
    }

    #[test]
    fn an_edit_whose_spelling_is_gone_is_reported_not_dropped() {
        let (_, outcomes) = curated(vec![Edit::Hide {
            spelling: "Jeff Bezos".into(),
        }]);
        assert_eq!(
            outcomes,
            [Outcome::Stale(
                "no entity is written “Jeff Bezos” any more".into()
            )]
        );
    }

    #[test]
    fn exports_round_trip_and_bad_imports_are_explained() {
        let c = Curation::new(vec![
            Edit::Merge {
                spelling: "Gebry".into(),
                into: "Timnit Gebru".into(),
            },
            Edit::SetType {
                spelling: "Thorn".into(),
                kind: EntityType::Org,
            },
        ]);
        let json = c.to_json();
        assert!(json.contains("\"op\": \"merge\""));
        assert!(json.contains("\"kind\": \"ORG\""));
        assert_eq!(Curation::from_json(&json).unwrap(), c);
        assert!(Curation::from_json("{oops")
            .unwrap_err()
            .starts_with("not a Parallax edits file"));
        let future = r#"{"version": 9, "edits": []}"#;
        assert_eq!(
            Curation::from_json(future).unwrap_err(),
            "edits file version 9 is not supported (this Parallax reads version 1)"
        );
        let typo = r#"{"version": 1, "edits": [{"op": "merge", "spelling": "a", "int": "b"}]}"#;
        assert!(Curation::from_json(typo)
            .unwrap_err()
            .contains("unknown field `int`"));
    }
}

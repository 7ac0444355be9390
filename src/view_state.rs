//! The page's view state and its URL form. **All view state lives in the URL query**, so reload,
//! back/forward and a copied link all restore the same view. Query parameters (not paths) are used
//! so the same URLs work on any static host, under any sub-path, and from a single saved HTML file.

use crate::mentions::EntityType;

/// What the page shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewState {
    /// The search query (`src/query.rs`); empty lists every document.
    pub query: String,
    /// The document open in the reader.
    pub doc: Option<String>,
    /// Whether boilerplate blocks are expanded in the reader.
    pub show_boilerplate: bool,
    /// The side panel: the document list or the entity browser.
    pub pane: Pane,
    /// The entity selected in the entity browser.
    pub entity: Option<String>,
    /// The entity browser shows only this type.
    pub entity_type: Option<EntityType>,
    pub entity_sort: EntitySort,
    /// The entity browser's name filter.
    pub entity_find: String,
    /// A mention to scroll the reader to: its byte offset in the open document.
    pub at: Option<usize>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pane {
    #[default]
    Documents,
    Entities,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EntitySort {
    /// Most mentions first.
    #[default]
    Mentions,
    /// Mentioned by the most documents first.
    Sources,
    Name,
}

const QUERY: &str = "q";
const DOC: &str = "doc";
const BOILERPLATE: &str = "boilerplate";
const SHOWN: &str = "shown";
const VIEW: &str = "view";
const ENTITY: &str = "entity";
const TYPE: &str = "type";
const SORT: &str = "sort";
const FIND: &str = "find";
const AT: &str = "at";

impl ViewState {
    /// Reads the state from decoded query parameters; unknown or malformed values mean "default".
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> ViewState {
        ViewState {
            query: get(QUERY).unwrap_or_default(),
            doc: get(DOC).filter(|d| !d.is_empty()),
            show_boilerplate: get(BOILERPLATE).as_deref() == Some(SHOWN),
            pane: if get(VIEW).as_deref() == Some("entities") {
                Pane::Entities
            } else {
                Pane::Documents
            },
            entity: get(ENTITY).filter(|e| !e.is_empty()),
            entity_type: get(TYPE).and_then(|t| EntityType::parse(&t)),
            entity_sort: match get(SORT).as_deref() {
                Some("sources") => EntitySort::Sources,
                Some("name") => EntitySort::Name,
                _ => EntitySort::Mentions,
            },
            entity_find: get(FIND).unwrap_or_default(),
            at: get(AT).and_then(|a| a.parse().ok()),
        }
    }

    /// The query string for this state: empty for the default view, else `?doc=…&…`.
    pub fn to_query(&self) -> String {
        let mut pairs = Vec::new();
        if !self.query.is_empty() {
            pairs.push(format!("{QUERY}={}", encode_component(&self.query)));
        }
        if let Some(doc) = &self.doc {
            pairs.push(format!("{DOC}={}", encode_component(doc)));
        }
        if self.show_boilerplate {
            pairs.push(format!("{BOILERPLATE}={SHOWN}"));
        }
        if self.pane == Pane::Entities {
            pairs.push(format!("{VIEW}=entities"));
        }
        if let Some(entity) = &self.entity {
            pairs.push(format!("{ENTITY}={}", encode_component(entity)));
        }
        if let Some(kind) = self.entity_type {
            pairs.push(format!("{TYPE}={}", kind.label()));
        }
        match self.entity_sort {
            EntitySort::Mentions => {}
            EntitySort::Sources => pairs.push(format!("{SORT}=sources")),
            EntitySort::Name => pairs.push(format!("{SORT}=name")),
        }
        if !self.entity_find.is_empty() {
            pairs.push(format!("{FIND}={}", encode_component(&self.entity_find)));
        }
        if let Some(at) = self.at {
            pairs.push(format!("{AT}={at}"));
        }
        if pairs.is_empty() {
            String::new()
        } else {
            format!("?{}", pairs.join("&"))
        }
    }

    pub fn with_doc(&self, doc: Option<&str>) -> ViewState {
        ViewState {
            doc: doc.map(str::to_string),
            ..self.clone()
        }
    }

    pub fn with_boilerplate(&self, shown: bool) -> ViewState {
        ViewState {
            show_boilerplate: shown,
            ..self.clone()
        }
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(pairs: &[(&str, &str)]) -> ViewState {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ViewState::from_query(|k| map.get(k).cloned())
    }

    #[test]
    fn default_view_has_an_empty_query() {
        assert_eq!(ViewState::default().to_query(), "");
        assert_eq!(parse(&[]), ViewState::default());
    }

    #[test]
    fn round_trips_through_the_query() {
        let state = ViewState {
            doc: Some("003 story&more.txt".into()),
            show_boilerplate: true,
            ..ViewState::default()
        };
        assert_eq!(
            state.to_query(),
            "?doc=003%20story%26more.txt&boilerplate=shown"
        );
        assert_eq!(
            parse(&[("doc", "003 story&more.txt"), ("boilerplate", "shown")]),
            state
        );
    }

    #[test]
    fn the_entity_browser_state_round_trips() {
        let state = ViewState {
            pane: Pane::Entities,
            entity: Some("person:jeff-bezos".into()),
            entity_type: Some(EntityType::Person),
            entity_sort: EntitySort::Sources,
            entity_find: "bez".into(),
            doc: Some("a.txt".into()),
            at: Some(120),
            ..ViewState::default()
        };
        let query = state.to_query();
        assert_eq!(query, "?doc=a.txt&view=entities&entity=person%3Ajeff-bezos&type=PERSON&sort=sources&find=bez&at=120");
        let pairs: Vec<(String, String)> = query[1..]
            .split('&')
            .map(|p| p.split_once('=').unwrap())
            .map(|(k, v)| (k.to_string(), v.replace("%3A", ":")))
            .collect();
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        };
        assert_eq!(ViewState::from_query(get), state);
    }

    #[test]
    fn the_search_query_round_trips() {
        let state = ViewState {
            query: "\"face recognition\" -ibm".into(),
            doc: Some("a.txt".into()),
            ..ViewState::default()
        };
        assert_eq!(
            state.to_query(),
            "?q=%22face%20recognition%22%20-ibm&doc=a.txt"
        );
        assert_eq!(
            parse(&[("q", "\"face recognition\" -ibm"), ("doc", "a.txt")]),
            state
        );
    }

    #[test]
    fn junk_values_fall_back_to_defaults() {
        assert_eq!(
            parse(&[("doc", ""), ("boilerplate", "yes please")]),
            ViewState::default()
        );
    }
}

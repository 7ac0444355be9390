//! The page's view state and its URL form. **All view state lives in the URL query**, so reload,
//! back/forward and a copied link all restore the same view. Query parameters (not paths) are used
//! so the same URLs work on any static host, under any sub-path, and from a single saved HTML file.

/// What the page shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewState {
    /// The document open in the reader.
    pub doc: Option<String>,
    /// Whether boilerplate blocks are expanded in the reader.
    pub show_boilerplate: bool,
}

const DOC: &str = "doc";
const BOILERPLATE: &str = "boilerplate";
const SHOWN: &str = "shown";

impl ViewState {
    /// Reads the state from decoded query parameters; unknown or malformed values mean "default".
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> ViewState {
        ViewState {
            doc: get(DOC).filter(|d| !d.is_empty()),
            show_boilerplate: get(BOILERPLATE).as_deref() == Some(SHOWN),
        }
    }

    /// The query string for this state: empty for the default view, else `?doc=…&…`.
    pub fn to_query(&self) -> String {
        let mut pairs = Vec::new();
        if let Some(doc) = &self.doc {
            pairs.push(format!("{DOC}={}", encode_component(doc)));
        }
        if self.show_boilerplate {
            pairs.push(format!("{BOILERPLATE}={SHOWN}"));
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
    fn junk_values_fall_back_to_defaults() {
        assert_eq!(
            parse(&[("doc", ""), ("boilerplate", "yes please")]),
            ViewState::default()
        );
    }
}

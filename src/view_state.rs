//! The page's view state and its URL form. **All view state lives in the URL query**, so reload,
//! back/forward and a copied link all restore the same view. Query parameters (not paths) are used
//! so the same URLs work on any static host, under any sub-path, and from a single saved HTML file.

use crate::concordance::Sort;
use crate::facets::{Facet, Selection};
use crate::graph::{Weight, Window};
use crate::mentions::EntityType;

/// What the page shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewState {
    /// The corpus shown: an imported one's id (`src/ui/library.rs`); none is the embedded seeds.
    pub corpus: Option<String>,
    /// The search query (`src/query.rs`); empty lists every document.
    pub query: String,
    /// The facet values chosen (`src/facets.rs`), each facet a repeated `f.<facet>` parameter.
    pub facets: Selection,
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
    /// A mention or hit to scroll the reader to: its byte offset in the open document.
    pub at: Option<usize>,
    /// The concordance is shown, for this word, phrase or entity (in the query language; empty:
    /// the search query's first one), over the listed documents.
    pub kwic: Option<String>,
    pub kwic_sort: Sort,
    /// The entity graph is shown in the main pane, over the listed documents.
    pub graph: Option<GraphView>,
    /// The comparison is shown in the main pane.
    pub compare: Option<CompareView>,
}

/// What the comparison shows (`cmp=` and the `c.` parameters): with no document, the overview of
/// the listed documents (how much each pair shares, and their quotes); with A, A's passages
/// tagged with the listed documents that carry them; with A and B, the two side by side.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompareView {
    pub a: Option<String>,
    pub b: Option<String>,
    /// Passages only one side has are left out.
    pub hide_unique: bool,
    /// The aligned pair whose word-level rewording is open (its index in the alignment).
    pub pair: Option<usize>,
}

/// The entity graph's settings (`graph=` and the `g.` parameters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphView {
    /// Sources ↔ entities instead of entity ↔ entity.
    pub bipartite: bool,
    pub window: Window,
    pub weight: Weight,
    /// Fewest sentences (paragraphs) a pair shares for its edge to show.
    pub min_count: u32,
    /// Most-mentioned entities drawn.
    pub nodes: usize,
    /// Entity types left out.
    pub hidden_types: Vec<EntityType>,
    pub color: GraphColor,
    /// The entity at the centre of an ego view, and how many hops it reaches (1 or 2).
    pub focus: Option<String>,
    pub hops: usize,
    /// The edge whose evidence is shown: its two entity ids.
    pub edge: Option<(String, String)>,
}

impl Default for GraphView {
    fn default() -> Self {
        GraphView {
            bipartite: false,
            window: Window::Sentence,
            weight: Weight::Count,
            min_count: 1,
            nodes: GRAPH_NODES_DEFAULT,
            hidden_types: Vec::new(),
            color: GraphColor::Type,
            focus: None,
            hops: 1,
            edge: None,
        }
    }
}

/// Nodes the graph draws by default: enough to see the story's cast, few enough to read labels.
pub const GRAPH_NODES_DEFAULT: usize = 100;
/// The node counts offered (the graph view's select).
pub const GRAPH_NODES_CHOICES: [usize; 5] = [50, 100, 200, 300, 500];

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GraphColor {
    #[default]
    Type,
    Community,
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
const CORPUS: &str = "corpus";
const DOC: &str = "doc";
const BOILERPLATE: &str = "boilerplate";
const SHOWN: &str = "shown";
const VIEW: &str = "view";
const ENTITY: &str = "entity";
const TYPE: &str = "type";
const SORT: &str = "sort";
const FIND: &str = "find";
const AT: &str = "at";
const KWIC: &str = "kwic";
const KWIC_SORT: &str = "kwic_sort";
const GRAPH: &str = "graph";
const COMPARE: &str = "cmp";
const COMPARE_B: &str = "c.b";
const COMPARE_UNIQUE: &str = "c.unique";
const COMPARE_PAIR: &str = "c.pair";
const GRAPH_MODE: &str = "g.mode";
const GRAPH_WINDOW: &str = "g.window";
const GRAPH_WEIGHT: &str = "g.weight";
const GRAPH_MIN: &str = "g.min";
const GRAPH_NODES: &str = "g.nodes";
const GRAPH_HIDE: &str = "g.hide";
const GRAPH_COLOR: &str = "g.color";
const GRAPH_HOPS: &str = "g.hops";
const GRAPH_EDGE: &str = "g.edge";
/// Between the two entity ids of `g.edge` (ids never hold it).
const EDGE_JOIN: &str = "~";
/// Facet parameters are this prefix and the facet's key: `f.source=Fox%20News`.
const FACET_PREFIX: &str = "f.";

impl ViewState {
    /// Reads the state from a URL query such as `?q=police&view=entities`.
    pub fn from_query_string(query: &str) -> ViewState {
        let pairs = parse_query(query);
        ViewState::from_query(|k| {
            pairs
                .iter()
                .filter(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
                .collect()
        })
    }

    /// Reads the state from decoded query parameters (every value of a name, in order); unknown
    /// or malformed values mean "default".
    pub fn from_query(get_all: impl Fn(&str) -> Vec<String>) -> ViewState {
        let get = |name: &str| get_all(name).pop();
        ViewState {
            query: get(QUERY).unwrap_or_default(),
            facets: Selection(Facet::ALL.map(|facet| {
                let mut values = get_all(&format!("{FACET_PREFIX}{}", facet.key()));
                values.retain(|v| !v.is_empty());
                values.dedup();
                values
            })),
            corpus: get(CORPUS).filter(|c| !c.is_empty()),
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
            kwic: get(KWIC),
            kwic_sort: match get(KWIC_SORT).as_deref() {
                Some("left") => Sort::Left,
                Some("right") => Sort::Right,
                _ => Sort::Document,
            },
            graph: get(GRAPH).map(|focus| GraphView {
                bipartite: get(GRAPH_MODE).as_deref() == Some("sources"),
                window: get(GRAPH_WINDOW)
                    .and_then(|w| Window::parse(&w))
                    .unwrap_or_default(),
                weight: get(GRAPH_WEIGHT)
                    .and_then(|w| Weight::parse(&w))
                    .unwrap_or_default(),
                min_count: get(GRAPH_MIN)
                    .and_then(|m| m.parse().ok())
                    .unwrap_or(1)
                    .max(1),
                nodes: get(GRAPH_NODES)
                    .and_then(|n| n.parse().ok())
                    .filter(|n| GRAPH_NODES_CHOICES.contains(n))
                    .unwrap_or(GRAPH_NODES_DEFAULT),
                hidden_types: get_all(GRAPH_HIDE)
                    .iter()
                    .filter_map(|t| EntityType::parse(t))
                    .collect(),
                color: match get(GRAPH_COLOR).as_deref() {
                    Some("community") => GraphColor::Community,
                    _ => GraphColor::Type,
                },
                focus: Some(focus).filter(|f| !f.is_empty()),
                hops: if get(GRAPH_HOPS).as_deref() == Some("2") {
                    2
                } else {
                    1
                },
                edge: get(GRAPH_EDGE).and_then(|e| {
                    let (a, b) = e.split_once(EDGE_JOIN)?;
                    Some((a.to_string(), b.to_string()))
                }),
            }),
            compare: get(COMPARE).map(|a| {
                let a = Some(a).filter(|a| !a.is_empty());
                CompareView {
                    b: get(COMPARE_B).filter(|b| !b.is_empty() && a.is_some()),
                    a,
                    hide_unique: get(COMPARE_UNIQUE).as_deref() == Some("hide"),
                    pair: get(COMPARE_PAIR).and_then(|p| p.parse().ok()),
                }
            }),
        }
    }

    /// A short name for this view, of what it searches, filters and shows: `“police” · CNN ·
    /// graph`, or `All articles`; `label` names a facet value (an entity's name for its id).
    pub fn describe(&self, label: impl Fn(Facet, &str) -> String) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !self.query.trim().is_empty() {
            parts.push(format!("“{}”", self.query.trim()));
        }
        for facet in Facet::ALL {
            let chosen = self.facets.of(facet);
            if !chosen.is_empty() {
                let labels: Vec<String> = chosen.iter().map(|key| label(facet, key)).collect();
                parts.push(labels.join(" or "));
            }
        }
        let shown = if self.compare.is_some() {
            Some("comparison")
        } else if self.graph.is_some() {
            Some("graph")
        } else if self.kwic.is_some() {
            Some("concordance")
        } else if self.doc.is_some() {
            Some("one article")
        } else if self.pane == Pane::Entities {
            Some("entities")
        } else {
            None
        };
        parts.extend(shown.map(str::to_string));
        if parts.is_empty() {
            return "All articles".into();
        }
        let described = parts.join(" · ");
        let mut chars = described.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }

    /// The query string for this state: empty for the default view, else `?doc=…&…`.
    pub fn to_query(&self) -> String {
        let mut pairs = Vec::new();
        if let Some(corpus) = &self.corpus {
            pairs.push(format!("{CORPUS}={}", encode_component(corpus)));
        }
        if !self.query.is_empty() {
            pairs.push(format!("{QUERY}={}", encode_component(&self.query)));
        }
        for facet in Facet::ALL {
            for value in self.facets.of(facet) {
                let key = facet.key();
                pairs.push(format!("{FACET_PREFIX}{key}={}", encode_component(value)));
            }
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
        if let Some(kwic) = &self.kwic {
            pairs.push(format!("{KWIC}={}", encode_component(kwic)));
        }
        match self.kwic_sort {
            Sort::Document => {}
            Sort::Left => pairs.push(format!("{KWIC_SORT}=left")),
            Sort::Right => pairs.push(format!("{KWIC_SORT}=right")),
        }
        if let Some(g) = &self.graph {
            let focus = g.focus.as_deref().unwrap_or("");
            pairs.push(format!("{GRAPH}={}", encode_component(focus)));
            let defaults = GraphView::default();
            if g.bipartite {
                pairs.push(format!("{GRAPH_MODE}=sources"));
            }
            if g.window != defaults.window {
                pairs.push(format!("{GRAPH_WINDOW}={}", g.window.key()));
            }
            if g.weight != defaults.weight {
                pairs.push(format!("{GRAPH_WEIGHT}={}", g.weight.key()));
            }
            if g.min_count != defaults.min_count {
                pairs.push(format!("{GRAPH_MIN}={}", g.min_count));
            }
            if g.nodes != defaults.nodes {
                pairs.push(format!("{GRAPH_NODES}={}", g.nodes));
            }
            for kind in &g.hidden_types {
                pairs.push(format!("{GRAPH_HIDE}={}", kind.label()));
            }
            if g.color == GraphColor::Community {
                pairs.push(format!("{GRAPH_COLOR}=community"));
            }
            if g.hops != defaults.hops {
                pairs.push(format!("{GRAPH_HOPS}={}", g.hops));
            }
            if let Some((a, b)) = &g.edge {
                let edge = format!("{a}{EDGE_JOIN}{b}");
                pairs.push(format!("{GRAPH_EDGE}={}", encode_component(&edge)));
            }
        }
        if let Some(c) = &self.compare {
            let a = c.a.as_deref().unwrap_or("");
            pairs.push(format!("{COMPARE}={}", encode_component(a)));
            if let Some(b) = &c.b {
                pairs.push(format!("{COMPARE_B}={}", encode_component(b)));
            }
            if c.hide_unique {
                pairs.push(format!("{COMPARE_UNIQUE}=hide"));
            }
            if let Some(pair) = c.pair {
                pairs.push(format!("{COMPARE_PAIR}={pair}"));
            }
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

/// The (name, value) pairs of a URL query such as `?q=a%20b&f.month=2020-06`, decoded
/// (`+` is a space; a malformed escape is kept as written).
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    let decode = |s: &str| {
        let bytes = s.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
                (b'%', Some(b)) => {
                    out.push(b);
                    i += 3;
                }
                (b'+', _) => {
                    out.push(b' ');
                    i += 1;
                }
                (b, _) => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
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

/// A view the user named and kept, to come back to: its name and its URL query (`?…`), which
/// names no corpus — a view opens on whichever corpus holds it, and an exported corpus imports
/// elsewhere under a new id.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SavedView {
    pub name: String,
    pub query: String,
}

impl SavedView {
    /// `state` kept as `name` (blank: `described`, what [`ViewState::describe`] says of it).
    pub fn of(name: &str, described: &str, state: &ViewState) -> SavedView {
        let name = name.trim();
        SavedView {
            name: if name.is_empty() { described } else { name }.to_string(),
            query: ViewState {
                corpus: None,
                ..state.clone()
            }
            .to_query(),
        }
    }

    /// This view, shown on `corpus`.
    pub fn state_on(&self, corpus: Option<&str>) -> ViewState {
        ViewState {
            corpus: corpus.map(str::to_string),
            ..ViewState::from_query_string(&self.query)
        }
    }
}

/// Adds `view` to `views`: in place of the one of the same name, else last.
pub fn keep_view(views: &mut Vec<SavedView>, view: SavedView) {
    match views.iter_mut().find(|v| v.name == view.name) {
        Some(same_name) => *same_name = view,
        None => views.push(view),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> ViewState {
        ViewState::from_query(|k| {
            pairs
                .iter()
                .filter(|(key, _)| *key == k)
                .map(|(_, v)| v.to_string())
                .collect()
        })
    }

    fn round_trip(state: &ViewState) -> ViewState {
        ViewState::from_query_string(&state.to_query())
    }

    #[test]
    fn the_graph_view_round_trips_and_leaves_defaults_out() {
        let open = ViewState {
            graph: Some(GraphView::default()),
            ..ViewState::default()
        };
        assert_eq!(open.to_query(), "?graph=");
        assert_eq!(round_trip(&open), open);
        let full = ViewState {
            graph: Some(GraphView {
                bipartite: true,
                window: Window::Paragraph,
                weight: Weight::Association,
                min_count: 3,
                nodes: 300,
                hidden_types: vec![EntityType::Place, EntityType::Product],
                color: GraphColor::Community,
                focus: Some("person:jeff-bezos".into()),
                hops: 2,
                edge: Some(("org:amazon".into(), "org:ibm".into())),
            }),
            ..ViewState::default()
        };
        assert_eq!(
            full.to_query(),
            "?graph=person%3Ajeff-bezos&g.mode=sources&g.window=paragraph&g.weight=association&g.min=3\
             &g.nodes=300&g.hide=PLACE&g.hide=PRODUCT&g.color=community&g.hops=2&g.edge=org%3Aamazon~org%3Aibm"
        );
        assert_eq!(round_trip(&full), full);
        let odd = parse(&[
            ("graph", ""),
            ("g.nodes", "7"),
            ("g.min", "0"),
            ("g.edge", "no-join"),
        ]);
        assert_eq!(
            odd.graph,
            Some(GraphView::default()),
            "malformed values mean the default"
        );
    }

    #[test]
    fn the_comparison_round_trips_and_a_second_side_needs_a_first() {
        let pair = ViewState {
            compare: Some(CompareView {
                a: Some("001 a.txt".into()),
                b: Some("003.txt".into()),
                hide_unique: true,
                pair: Some(4),
            }),
            ..Default::default()
        };
        assert_eq!(
            pair.to_query(),
            "?cmp=001%20a.txt&c.b=003.txt&c.unique=hide&c.pair=4"
        );
        assert_eq!(round_trip(&pair), pair);
        let overview = ViewState {
            compare: Some(CompareView::default()),
            ..Default::default()
        };
        assert_eq!(overview.to_query(), "?cmp=");
        assert_eq!(round_trip(&overview), overview);
        assert_eq!(
            parse(&[("cmp", ""), ("c.b", "003.txt"), ("c.pair", "x")]),
            overview
        );
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
    fn an_imported_corpus_is_named_first_and_kept_through_every_view() {
        let state = ViewState {
            corpus: Some("c-lq2x9".into()),
            doc: Some("wire.json:3".into()),
            ..ViewState::default()
        };
        assert_eq!(state.to_query(), "?corpus=c-lq2x9&doc=wire.json%3A3");
        assert_eq!(round_trip(&state), state);
        assert_eq!(parse(&[("corpus", "")]).corpus, None);
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
        assert_eq!(round_trip(&state), state);
    }

    #[test]
    fn facet_selections_are_repeated_parameters() {
        let state = ViewState {
            query: "police".into(),
            facets: Selection::default()
                .toggled(Facet::Source, "Fox News")
                .toggled(Facet::Source, "CNN (Online News)")
                .toggled(Facet::Month, "2020-06")
                .toggled(Facet::Entity, "person:jeff-bezos"),
            ..ViewState::default()
        };
        assert_eq!(
            state.to_query(),
            "?q=police&f.source=Fox%20News&f.source=CNN%20%28Online%20News%29\
             &f.entity=person%3Ajeff-bezos&f.month=2020-06"
        );
        assert_eq!(round_trip(&state), state);
        // An empty value selects nothing; a repeated one counts once.
        let junk = parse(&[("f.month", ""), ("f.type", "ORG"), ("f.type", "ORG")]);
        assert_eq!(junk.facets.of(Facet::Month), [] as [String; 0]);
        assert_eq!(junk.facets.of(Facet::Type), ["ORG"]);
    }

    #[test]
    fn the_concordance_round_trips_even_with_an_empty_term() {
        let state = ViewState {
            query: "police".into(),
            kwic: Some(String::new()),
            kwic_sort: Sort::Left,
            ..ViewState::default()
        };
        assert_eq!(state.to_query(), "?q=police&kwic=&kwic_sort=left");
        assert_eq!(round_trip(&state), state);
        let named = ViewState {
            kwic: Some("entity:\"Jeff Bezos\"".into()),
            ..ViewState::default()
        };
        assert_eq!(round_trip(&named), named);
    }

    #[test]
    fn query_strings_decode_escapes_and_plus_signs() {
        assert_eq!(
            parse_query("?q=face+recognition%21&f.source=Fox%20News&bad=%zz&flag"),
            [
                ("q".to_string(), "face recognition!".to_string()),
                ("f.source".into(), "Fox News".into()),
                ("bad".into(), "%zz".into()),
                ("flag".into(), "".into()),
            ]
        );
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

    fn no_label(_: Facet, key: &str) -> String {
        key.to_string()
    }

    #[test]
    fn a_view_is_described_by_its_search_filters_and_what_it_shows() {
        assert_eq!(ViewState::default().describe(no_label), "All articles");
        let state = ViewState {
            query: " police ".into(),
            facets: Selection::default()
                .toggled(Facet::Source, "CNN")
                .toggled(Facet::Source, "Fox News")
                .toggled(Facet::Entity, "person:jeff-bezos"),
            graph: Some(GraphView::default()),
            ..ViewState::default()
        };
        let named = |facet: Facet, key: &str| match (facet, key) {
            (Facet::Entity, "person:jeff-bezos") => "Jeff Bezos".to_string(),
            _ => key.to_string(),
        };
        assert_eq!(
            state.describe(named),
            "“police” · CNN or Fox News · Jeff Bezos · graph"
        );
        let entities = ViewState {
            pane: Pane::Entities,
            ..ViewState::default()
        };
        assert_eq!(entities.describe(no_label), "Entities");
    }

    #[test]
    fn a_saved_view_leaves_its_corpus_out_and_opens_on_the_one_that_holds_it() {
        let state = ViewState {
            corpus: Some("c1700000000000".into()),
            query: "rekognition".into(),
            doc: Some("a.txt".into()),
            ..ViewState::default()
        };
        let view = SavedView::of("  ", "“rekognition” · one article", &state);
        assert_eq!(
            view,
            SavedView {
                name: "“rekognition” · one article".into(),
                query: "?q=rekognition&doc=a.txt".into(),
            }
        );
        assert_eq!(SavedView::of(" Mine ", "x", &state).name, "Mine");
        let elsewhere = view.state_on(Some("c1800000000000"));
        assert_eq!(elsewhere.corpus.as_deref(), Some("c1800000000000"));
        assert_eq!(
            elsewhere,
            ViewState {
                corpus: Some("c1800000000000".into()),
                ..state
            }
        );
    }

    #[test]
    fn a_view_saved_under_a_name_already_kept_replaces_it_where_it_was() {
        let view = |name: &str, query: &str| SavedView {
            name: name.into(),
            query: query.into(),
        };
        let mut views = vec![view("Bezos", "?q=bezos"), view("Graph", "?graph=1")];
        keep_view(&mut views, view("Bezos", "?q=jeff%20bezos"));
        keep_view(&mut views, view("Quotes", "?kwic="));
        assert_eq!(
            views,
            [
                view("Bezos", "?q=jeff%20bezos"),
                view("Graph", "?graph=1"),
                view("Quotes", "?kwic=")
            ]
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

//! The entity graph: which canonical entities are named together, in the same sentence (or
//! paragraph), how often, by which sources, and the sentences that say so.
//!
//! Two steps, so that a filter change re-counts without re-reading the text:
//! [`Cooccurrence`] finds each document's windows (sentences or paragraphs of the headline and
//! body) and the entities named in them, once per corpus, entity index and window kind, a
//! document at a time so that the page can spread the work over frames; [`graph`] then counts
//! nodes and edges over any list of documents.
//!
//! **Only body mentions count** (and the headline's): a name in boilerplate or a byline draws no
//! line. Hidden entities are left out.

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use crate::corpus::Corpus;
use crate::entities::EntityIndex;
use crate::facets::NO_SOURCE;
use crate::ingest::{Document, Role};
use crate::mentions::EntityType;
use crate::sentences::{sentences, tokenize};
use crate::text::Span;

/// What counts as "named together".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Window {
    /// The same sentence: the default, and the tighter evidence.
    #[default]
    Sentence,
    /// The same paragraph.
    Paragraph,
}

impl Window {
    pub fn key(self) -> &'static str {
        match self {
            Window::Sentence => "sentence",
            Window::Paragraph => "paragraph",
        }
    }

    pub fn parse(s: &str) -> Option<Window> {
        match s {
            "sentence" => Some(Window::Sentence),
            "paragraph" => Some(Window::Paragraph),
            _ => None,
        }
    }
}

/// How an edge's weight is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Weight {
    /// Windows naming both.
    #[default]
    Count,
    /// The Dice coefficient over windows, `2·n(a,b) / (n(a) + n(b))`, in 0–1: how much of
    /// each entity's company the other one is. An entity named everywhere (Amazon in the seeds)
    /// gets a low score with everyone, so specific pairs stand out.
    Association,
}

impl Weight {
    pub fn key(self) -> &'static str {
        match self {
            Weight::Count => "count",
            Weight::Association => "association",
        }
    }

    pub fn parse(s: &str) -> Option<Weight> {
        match s {
            "count" => Some(Weight::Count),
            "association" => Some(Weight::Association),
            _ => None,
        }
    }
}

/// One sentence or paragraph naming at least one entity.
#[derive(Clone, Debug)]
struct WindowEntities {
    span: Span,
    /// Range into `Cooccurrence::members`: the entities named, sorted, each once.
    first: u32,
    len: u32,
}

/// Each document's windows and the entities named in them.
#[derive(Clone, Debug)]
pub struct Cooccurrence {
    pub window: Window,
    /// The corpus's sources, in first-seen order (a document with no outlet counts under
    /// [`NO_SOURCE`]).
    pub sources: Vec<String>,
    doc_source: Vec<u16>,
    /// Per document, the range of its windows in `windows` (documents not yet added are empty).
    doc_windows: Vec<(u32, u32)>,
    windows: Vec<WindowEntities>,
    members: Vec<u32>,
    /// Per document, each entity's body mentions there: (entity, mentions).
    doc_mentions: Vec<Vec<(u32, u32)>>,
    /// Per document, its body mentions in text order: (start, entity).
    pending: Vec<Vec<(usize, u32)>>,
    added: usize,
}

impl Cooccurrence {
    /// Prepares the index; nothing is read until [`Cooccurrence::add_documents`].
    pub fn new(corpus: &Corpus, entities: &EntityIndex, window: Window) -> Cooccurrence {
        let mut sources: Vec<String> = Vec::new();
        let mut source_ids: HashMap<&str, u16> = HashMap::default();
        let doc_source = corpus
            .documents
            .iter()
            .map(|d| {
                let name = d.outlet.as_deref().unwrap_or(NO_SOURCE);
                *source_ids.entry(name).or_insert_with(|| {
                    sources.push(name.to_string());
                    (sources.len() - 1) as u16
                })
            })
            .collect();
        let n = corpus.documents.len();
        let mut pending: Vec<Vec<(usize, u32)>> = vec![Vec::new(); n];
        for (e, entity) in entities.entities.iter().enumerate() {
            if entity.hidden {
                continue;
            }
            for m in entity
                .mentions
                .iter()
                .filter(|m| !m.boilerplate && m.doc < n)
            {
                pending[m.doc].push((m.span.start, e as u32));
            }
        }
        Cooccurrence {
            window,
            sources,
            doc_source,
            doc_windows: vec![(0, 0); n],
            windows: Vec::new(),
            members: Vec::new(),
            doc_mentions: vec![Vec::new(); n],
            pending,
            added: 0,
        }
    }

    /// Reads the whole corpus.
    pub fn build(corpus: &Corpus, entities: &EntityIndex, window: Window) -> Cooccurrence {
        let mut index = Cooccurrence::new(corpus, entities, window);
        index.add_documents(corpus, usize::MAX);
        index
    }

    /// Reads up to `count` more documents; returns how many are read so far. (The page calls
    /// this a slice at a time, so that reading 10,000 articles never blocks a frame for long.)
    pub fn add_documents(&mut self, corpus: &Corpus, count: usize) -> usize {
        let end = self.added.saturating_add(count).min(corpus.documents.len());
        for d in self.added..end {
            self.add_document(d, &corpus.documents[d]);
        }
        self.added = end;
        end
    }

    pub fn is_complete(&self) -> bool {
        self.added == self.doc_windows.len()
    }

    /// Documents read so far.
    pub fn added(&self) -> usize {
        self.added
    }

    fn add_document(&mut self, d: usize, doc: &Document) {
        let mut mentions = std::mem::take(&mut self.pending[d]);
        mentions.sort_unstable();
        let first_window = self.windows.len() as u32;
        let mut per_entity: HashMap<u32, u32> = HashMap::default();
        for &(_, e) in &mentions {
            *per_entity.entry(e).or_default() += 1;
        }
        let mut counts: Vec<(u32, u32)> = per_entity.into_iter().collect();
        counts.sort_unstable();
        self.doc_mentions[d] = counts;
        if !mentions.is_empty() {
            let text = doc.text.as_str();
            for block in doc
                .blocks
                .iter()
                .filter(|b| matches!(b.role, Role::Title | Role::Body))
            {
                let inside = |span: Span| {
                    let from = mentions.partition_point(|&(s, _)| s < span.start);
                    let to = mentions.partition_point(|&(s, _)| s < span.end);
                    &mentions[from..to]
                };
                if inside(block.span).is_empty() {
                    continue;
                }
                match self.window {
                    Window::Paragraph => self.push_window(block.span, inside(block.span)),
                    Window::Sentence => {
                        let tokens = tokenize(text, block.span);
                        for range in sentences(text, &tokens) {
                            let span = Span::new(
                                tokens[range.start].span.start,
                                tokens[range.end - 1].span.end,
                            );
                            self.push_window(span, inside(span));
                        }
                    }
                }
            }
        }
        self.doc_windows[d] = (first_window, self.windows.len() as u32);
    }

    fn push_window(&mut self, span: Span, mentions: &[(usize, u32)]) {
        if mentions.is_empty() {
            return;
        }
        let first = self.members.len();
        self.members.extend(mentions.iter().map(|&(_, e)| e));
        self.members[first..].sort_unstable();
        let mut kept = first;
        for i in first..self.members.len() {
            if i == first || self.members[i] != self.members[kept - 1] {
                self.members[kept] = self.members[i];
                kept += 1;
            }
        }
        self.members.truncate(kept);
        self.windows.push(WindowEntities {
            span,
            first: first as u32,
            len: (kept - first) as u32,
        });
    }

    fn windows_of(&self, doc: usize) -> impl Iterator<Item = (Span, &[u32])> {
        let (from, to) = self.doc_windows[doc];
        self.windows[from as usize..to as usize].iter().map(|w| {
            let members = &self.members[w.first as usize..(w.first + w.len) as usize];
            (w.span, members)
        })
    }

    /// The windows of `docs` naming both `a` and `b` (entity indices): (document, sentence or
    /// paragraph), in document order.
    pub fn evidence(&self, docs: &[usize], a: usize, b: usize) -> Vec<(usize, Span)> {
        self.windows_naming(docs, &[a, b])
    }

    /// The windows of `docs` naming every one of `entities`, in document order.
    pub fn windows_naming(&self, docs: &[usize], entities: &[usize]) -> Vec<(usize, Span)> {
        let wanted: Vec<u32> = entities.iter().map(|&e| e as u32).collect();
        let mut sorted: Vec<usize> = docs
            .iter()
            .copied()
            .filter(|&d| d < self.doc_windows.len())
            .collect();
        sorted.sort_unstable();
        sorted
            .into_iter()
            .flat_map(|d| {
                self.windows_of(d)
                    .filter(|(_, m)| wanted.iter().all(|e| m.binary_search(e).is_ok()))
                    .map(move |(span, _)| (d, span))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// The source a document counts under (its outlet, or [`NO_SOURCE`]).
    pub fn source_of(&self, doc: usize) -> &str {
        &self.sources[self.doc_source[doc] as usize]
    }

    /// Approximate heap size, for the benchmark.
    pub fn heap_bytes(&self) -> usize {
        self.windows.capacity() * std::mem::size_of::<WindowEntities>()
            + self.members.capacity() * 4
            + self
                .doc_mentions
                .iter()
                .map(|m| m.capacity() * 8)
                .sum::<usize>()
            + self.doc_windows.capacity() * 8
    }
}

/// What [`graph`] keeps.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    pub weight: Weight,
    /// Fewest windows naming a pair for its edge to be drawn (1 and up). 1 keeps every pair; at
    /// 10,000 articles 2 or 3 drops the one-off pairings that make a hairball.
    pub min_count: u32,
    /// The node limit (1 and up): the entities with the most mentions are kept, and the edges
    /// between them. A few hundred nodes is what a reader (and an SVG) can take in.
    pub max_nodes: usize,
    /// Entity types drawn (indexed like [`EntityType::ALL`]).
    pub types: [bool; 4],
}

impl Default for Options {
    fn default() -> Self {
        Options {
            weight: Weight::Count,
            min_count: 1,
            max_nodes: 150,
            types: [true; 4],
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Node {
    /// Index into the entity index.
    #[serde(skip)]
    pub entity: usize,
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Body mentions in the documents counted.
    pub mentions: u32,
    /// Documents naming it.
    pub documents: u32,
    /// Windows naming it (the association's n(a)).
    pub windows: u32,
    /// Body mentions per source, indexed like [`Graph::sources`].
    pub per_source: Vec<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Edge {
    /// Node indices, `a < b`.
    pub a: usize,
    pub b: usize,
    /// Windows naming both.
    pub count: u32,
    /// Dice over windows (see [`Weight::Association`]).
    pub association: f32,
    /// Windows naming both, per source, indexed like [`Graph::sources`].
    pub per_source: Vec<u32>,
}

impl Edge {
    pub fn weight(&self, weight: Weight) -> f32 {
        match weight {
            Weight::Count => self.count as f32,
            Weight::Association => self.association,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Graph {
    pub window: Window,
    pub weight: Weight,
    pub sources: Vec<String>,
    pub nodes: Vec<Node>,
    /// Sorted by weight, heaviest first.
    pub edges: Vec<Edge>,
    /// Documents counted.
    pub documents: usize,
}

/// Counts nodes and edges over `docs` (indices into the corpus).
pub fn graph(
    index: &Cooccurrence,
    entities: &EntityIndex,
    docs: &[usize],
    options: &Options,
) -> Graph {
    let sources = index.sources.len();
    let allowed: Vec<bool> = entities
        .entities
        .iter()
        .map(|e| {
            options.types[EntityType::ALL
                .iter()
                .position(|&k| k == e.kind)
                .unwrap_or(0)]
        })
        .collect();
    let docs: Vec<usize> = docs
        .iter()
        .copied()
        .filter(|&d| d < index.doc_mentions.len())
        .collect();
    // Mentions and documents per entity (dense: a pass over 10,000 articles touches each once).
    let mut mentions = vec![0u32; entities.entities.len()];
    let mut documents = vec![0u32; entities.entities.len()];
    for &d in &docs {
        for &(e, n) in &index.doc_mentions[d] {
            mentions[e as usize] += n;
            documents[e as usize] += 1;
        }
    }
    let mut kept: Vec<u32> = (0..entities.entities.len() as u32)
        .filter(|&e| mentions[e as usize] > 0 && allowed[e as usize])
        .collect();
    // Most mentioned first; ties by name, so the same input keeps the same nodes.
    let order = |a: &u32, b: &u32| {
        mentions[*b as usize]
            .cmp(&mentions[*a as usize])
            .then_with(|| {
                entities.entities[*a as usize]
                    .name
                    .cmp(&entities.entities[*b as usize].name)
            })
    };
    if kept.len() > options.max_nodes && options.max_nodes > 0 {
        kept.select_nth_unstable_by(options.max_nodes - 1, order);
        kept.truncate(options.max_nodes);
    }
    kept.sort_by(order);
    let mut node_of = vec![u32::MAX; entities.entities.len()];
    for (i, &e) in kept.iter().enumerate() {
        node_of[e as usize] = i as u32;
    }
    let k = kept.len();
    let mut windows = vec![0u32; k];
    let mut per_source = vec![0u32; k * sources];
    let mut pairs: HashMap<(u32, u32), (u32, Vec<u32>)> = HashMap::default();
    let mut members_kept: Vec<u32> = Vec::new();
    for &d in &docs {
        let source = index.doc_source[d] as usize;
        for &(e, n) in &index.doc_mentions[d] {
            if let Some(&node) = node_of.get(e as usize).filter(|&&n| n != u32::MAX) {
                per_source[node as usize * sources + source] += n;
            }
        }
        for (_, members) in index.windows_of(d) {
            members_kept.clear();
            members_kept.extend(
                members
                    .iter()
                    .map(|&e| node_of[e as usize])
                    .filter(|&n| n != u32::MAX),
            );
            for &n in &members_kept {
                windows[n as usize] += 1;
            }
            if members_kept.len() < 2 {
                continue;
            }
            members_kept.sort_unstable();
            for (i, &a) in members_kept.iter().enumerate() {
                for &b in &members_kept[i + 1..] {
                    let pair = pairs.entry((a, b)).or_insert_with(|| (0, vec![0; sources]));
                    pair.0 += 1;
                    pair.1[source] += 1;
                }
            }
        }
    }
    let nodes: Vec<Node> = kept
        .iter()
        .enumerate()
        .map(|(i, &e)| {
            let entity = &entities.entities[e as usize];
            Node {
                entity: e as usize,
                id: entity.id.clone(),
                name: entity.name.clone(),
                kind: entity.kind.label(),
                mentions: mentions[e as usize],
                documents: documents[e as usize],
                windows: windows[i],
                per_source: per_source[i * sources..(i + 1) * sources].to_vec(),
            }
        })
        .collect();
    let mut edges: Vec<Edge> = pairs
        .into_iter()
        .filter(|(_, (count, _))| *count >= options.min_count)
        .map(|((a, b), (count, per_source))| {
            let (a, b) = (a as usize, b as usize);
            let total = (nodes[a].windows + nodes[b].windows).max(1);
            Edge {
                a,
                b,
                count,
                association: 2.0 * count as f32 / total as f32,
                per_source,
            }
        })
        .collect();
    edges.sort_by(|x, y| {
        y.weight(options.weight)
            .total_cmp(&x.weight(options.weight))
            .then_with(|| (x.a, x.b).cmp(&(y.a, y.b)))
    });
    Graph {
        window: index.window,
        weight: options.weight,
        sources: index.sources.clone(),
        nodes,
        edges,
        documents: docs.len(),
    }
}

impl Graph {
    /// The nodes within `hops` edges of `center` (itself included), as a mask over the nodes.
    pub fn ego(&self, center: usize, hops: usize) -> Vec<bool> {
        let mut within = vec![false; self.nodes.len()];
        if center >= within.len() {
            return within;
        }
        within[center] = true;
        let mut frontier = vec![center];
        for _ in 0..hops {
            let mut next = Vec::new();
            for e in &self.edges {
                for (from, to) in [(e.a, e.b), (e.b, e.a)] {
                    if frontier.contains(&from) && !within[to] {
                        within[to] = true;
                        next.push(to);
                    }
                }
            }
            frontier = next;
        }
        within
    }

    /// Keeps the nodes of `mask` and the edges between them.
    pub fn restricted(&self, mask: &[bool]) -> Graph {
        let mut new_index = vec![usize::MAX; self.nodes.len()];
        let mut nodes = Vec::new();
        for (i, node) in self.nodes.iter().enumerate() {
            if mask.get(i).copied().unwrap_or(false) {
                new_index[i] = nodes.len();
                nodes.push(node.clone());
            }
        }
        let edges = self
            .edges
            .iter()
            .filter(|e| new_index[e.a] != usize::MAX && new_index[e.b] != usize::MAX)
            .map(|e| Edge {
                a: new_index[e.a],
                b: new_index[e.b],
                ..e.clone()
            })
            .collect();
        Graph {
            nodes,
            edges,
            sources: self.sources.clone(),
            ..*self
        }
    }

    pub fn node(&self, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }
}

/// Sources ↔ entities: which outlets mention whom, as a graph whose first nodes are the sources
/// (type `SOURCE`, id `source:NAME`) and whose edges join a source to an entity, weighted by the
/// entity's body mentions in that source's documents among `docs` (`count`) and by the share of
/// the entity's mentions that source holds (`association`). Entities as in [`graph`].
pub fn bipartite(
    index: &Cooccurrence,
    entities: &EntityIndex,
    docs: &[usize],
    options: &Options,
) -> Graph {
    let people = graph(
        index,
        entities,
        docs,
        &Options {
            min_count: u32::MAX,
            ..options.clone()
        },
    );
    let sources = index.sources.len();
    let mut documents = vec![0u32; sources];
    for &d in docs.iter().filter(|&&d| d < index.doc_source.len()) {
        documents[index.doc_source[d] as usize] += 1;
    }
    let one_hot = |s: usize, n: u32| {
        let mut v = vec![0; sources];
        v[s] = n;
        v
    };
    let mut nodes: Vec<Node> = (0..sources)
        .filter(|&s| documents[s] > 0)
        .map(|s| {
            let mentions = people.nodes.iter().map(|n| n.per_source[s]).sum();
            Node {
                entity: usize::MAX,
                id: format!("source:{}", index.sources[s]),
                name: index.sources[s].clone(),
                kind: "SOURCE",
                mentions,
                documents: documents[s],
                windows: 0,
                per_source: one_hot(s, mentions),
            }
        })
        .collect();
    let source_node: Vec<Option<usize>> = {
        let mut next = 0;
        (0..sources)
            .map(|s| {
                (documents[s] > 0).then(|| {
                    next += 1;
                    next - 1
                })
            })
            .collect()
    };
    let first_entity = nodes.len();
    let mut edges = Vec::new();
    for (i, node) in people.nodes.iter().enumerate() {
        for (s, &m) in node.per_source.iter().enumerate().filter(|(_, &m)| m > 0) {
            let Some(a) = source_node[s] else { continue };
            edges.push(Edge {
                a,
                b: first_entity + i,
                count: m,
                association: m as f32 / node.mentions.max(1) as f32,
                per_source: one_hot(s, m),
            });
        }
    }
    nodes.extend(people.nodes);
    edges.sort_by(|x, y| {
        y.weight(options.weight)
            .total_cmp(&x.weight(options.weight))
            .then_with(|| (x.a, x.b).cmp(&(y.a, y.b)))
    });
    Graph {
        nodes,
        edges,
        ..people
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::resolve;

    fn corpus(articles: &[(&str, &str)]) -> Corpus {
        Corpus::from_texts(articles.iter().copied(), None)
    }

    /// Articles with their outlets.
    fn sourced(articles: &[(&str, &str)]) -> Corpus {
        let mut c = Corpus::from_texts(
            articles
                .iter()
                .enumerate()
                .map(|(i, (_, text))| (["a.txt", "b.txt", "c.txt"][i], *text)),
            None,
        );
        for (doc, (outlet, _)) in c.documents.iter_mut().zip(articles) {
            doc.outlet = Some(outlet.to_string());
        }
        c
    }

    fn names(g: &Graph, e: &Edge) -> (String, String) {
        let (a, b) = (g.nodes[e.a].name.clone(), g.nodes[e.b].name.clone());
        if a < b {
            (a, b)
        } else {
            (b, a)
        }
    }

    const ARTICLE: &str = "Senators meet in Washington\n\n\
        Senator Maria Cantwell met Jeff Bezos in Seattle on Monday. Later, Microsoft said nothing.\n\n\
        Jeff Bezos left. Maria Cantwell stayed with Microsoft staff.\n";

    #[test]
    fn two_people_in_one_sentence_make_one_edge_with_the_sentence_as_evidence() {
        let c = corpus(&[("a.txt", ARTICLE)]);
        let entities = resolve(&c);
        let index = Cooccurrence::build(&c, &entities, Window::Sentence);
        let g = graph(&index, &entities, &[0], &Options::default());
        let edge = g
            .edges
            .iter()
            .find(|e| names(&g, e) == ("Jeff Bezos".into(), "Maria Cantwell".into()))
            .expect("Cantwell and Bezos are named together");
        assert_eq!(edge.count, 1);
        let a = g.nodes[edge.a].entity;
        let b = g.nodes[edge.b].entity;
        let evidence = index.evidence(&[0], a, b);
        assert_eq!(evidence.len(), 1);
        assert_eq!(
            evidence[0].1.of(&c.documents[0].text),
            "Senator Maria Cantwell met Jeff Bezos in Seattle on Monday."
        );
    }

    #[test]
    fn a_pair_in_separate_sentences_of_a_paragraph_is_an_edge_only_by_paragraph() {
        let c = corpus(&[("a.txt", ARTICLE)]);
        let entities = resolve(&c);
        let pair = |window| {
            let index = Cooccurrence::build(&c, &entities, window);
            let g = graph(&index, &entities, &[0], &Options::default());
            g.edges
                .iter()
                .find(|e| names(&g, e) == ("Jeff Bezos".into(), "Microsoft".into()))
                .map(|e| e.count)
        };
        assert_eq!(pair(Window::Sentence), None);
        assert_eq!(pair(Window::Paragraph), Some(2));
    }

    #[test]
    fn hidden_entities_and_boilerplate_mentions_draw_no_line() {
        let text = "Bezos and Cantwell\n\nJeff Bezos met Maria Cantwell in Seattle.\n\n\
            Sign up for our newsletter with Jeff Bezos and Tim Cook every week.\n";
        let c = corpus(&[("a.txt", text)]);
        let mut entities = resolve(&c);
        let index = Cooccurrence::build(&c, &entities, Window::Sentence);
        let g = graph(&index, &entities, &[0], &Options::default());
        let pairs = |g: &Graph| {
            let mut v: Vec<(String, String)> = g.edges.iter().map(|e| names(g, e)).collect();
            v.sort();
            v
        };
        assert!(
            g.nodes.iter().all(|n| n.name != "Tim Cook"),
            "{:?}",
            g.nodes
        );
        assert_eq!(
            pairs(&g),
            [
                ("Jeff Bezos".into(), "Maria Cantwell".into()),
                ("Jeff Bezos".into(), "Seattle".into()),
                ("Maria Cantwell".into(), "Seattle".into())
            ]
        );
        for e in &mut entities.entities {
            e.hidden = e.name == "Maria Cantwell";
        }
        let index = Cooccurrence::build(&c, &entities, Window::Sentence);
        let g = graph(&index, &entities, &[0], &Options::default());
        assert_eq!(pairs(&g), [("Jeff Bezos".into(), "Seattle".into())]);
    }

    #[test]
    fn counts_split_by_source_and_follow_the_documents_chosen() {
        let a = "Bezos in Seattle\n\nJeff Bezos met Maria Cantwell in Seattle.\n";
        let b =
            "Bezos again\n\nJeff Bezos and Maria Cantwell spoke. Jeff Bezos met Maria Cantwell.\n";
        let c = sourced(&[("The Seattle Times", a), ("The Verge", b)]);
        let entities = resolve(&c);
        let index = Cooccurrence::build(&c, &entities, Window::Sentence);
        let g = graph(&index, &entities, &[0, 1], &Options::default());
        let edge = g
            .edges
            .iter()
            .find(|e| names(&g, e) == ("Jeff Bezos".into(), "Maria Cantwell".into()))
            .unwrap();
        assert_eq!(edge.count, 3);
        let by_source: Vec<(&str, u32)> = g
            .sources
            .iter()
            .map(String::as_str)
            .zip(edge.per_source.iter().copied())
            .collect();
        assert_eq!(by_source, [("The Seattle Times", 1), ("The Verge", 2)]);
        let only_b = graph(&index, &entities, &[1], &Options::default());
        assert_eq!(only_b.edges[0].count, 2);
        assert_eq!(only_b.documents, 1);
    }

    #[test]
    fn an_entity_named_everywhere_has_a_weaker_association_than_a_specific_pair() {
        let text = "Amazon news\n\n\
            Amazon hired Jeff Bezos. Amazon praised Maria Cantwell. Amazon sued Tim Cook.\n\n\
            Amazon met Joe Biden. Tim Cook met Satya Nadella. Tim Cook and Satya Nadella spoke.\n";
        let c = corpus(&[("a.txt", text)]);
        let entities = resolve(&c);
        let index = Cooccurrence::build(&c, &entities, Window::Sentence);
        let options = Options {
            weight: Weight::Association,
            ..Options::default()
        };
        let g = graph(&index, &entities, &[0], &options);
        let top = &g.edges[0];
        assert_eq!(names(&g, top), ("Satya Nadella".into(), "Tim Cook".into()));
        let with_amazon = g
            .edges
            .iter()
            .find(|e| names(&g, e) == ("Amazon".into(), "Jeff Bezos".into()))
            .unwrap();
        assert!(with_amazon.association < top.association);
    }

    #[test]
    fn ego_views_reach_one_or_two_hops() {
        let text = "Chain\n\nJeff Bezos met Maria Cantwell. Maria Cantwell met Tim Cook. \
            Tim Cook met Satya Nadella.\n";
        let c = corpus(&[("a.txt", text)]);
        let entities = resolve(&c);
        let index = Cooccurrence::build(&c, &entities, Window::Sentence);
        let g = graph(&index, &entities, &[0], &Options::default());
        let bezos = g.nodes.iter().position(|n| n.name == "Jeff Bezos").unwrap();
        let named = |mask: Vec<bool>| {
            let mut v: Vec<String> = g
                .restricted(&mask)
                .nodes
                .into_iter()
                .map(|n| n.name)
                .collect();
            v.sort();
            v
        };
        assert_eq!(named(g.ego(bezos, 1)), ["Jeff Bezos", "Maria Cantwell"]);
        assert_eq!(
            named(g.ego(bezos, 2)),
            ["Jeff Bezos", "Maria Cantwell", "Tim Cook"]
        );
    }

    #[test]
    fn the_bipartite_graph_counts_each_sources_mentions() {
        let a = "One\n\nJeff Bezos met Maria Cantwell. Jeff Bezos left.\n";
        let b = "Two\n\nJeff Bezos spoke.\n";
        let c = sourced(&[("The Seattle Times", a), ("The Verge", b)]);
        let entities = resolve(&c);
        let index = Cooccurrence::build(&c, &entities, Window::Sentence);
        let g = bipartite(&index, &entities, &[0, 1], &Options::default());
        assert_eq!(g.nodes[0].id, "source:The Seattle Times");
        assert_eq!(g.nodes[1].kind, "SOURCE");
        let bezos = g.nodes.iter().position(|n| n.name == "Jeff Bezos").unwrap();
        let mut of_bezos: Vec<(&str, u32, f32)> = g
            .edges
            .iter()
            .filter(|e| e.b == bezos)
            .map(|e| (g.nodes[e.a].name.as_str(), e.count, e.association))
            .collect();
        of_bezos.sort_by(|x, y| x.0.cmp(y.0));
        assert_eq!(
            of_bezos,
            [
                ("The Seattle Times", 2, 2.0 / 3.0),
                ("The Verge", 1, 1.0 / 3.0)
            ]
        );
    }

    #[test]
    fn a_sources_windows_naming_an_entity_are_its_evidence() {
        let a = "One\n\nJeff Bezos met Maria Cantwell. Jeff Bezos left.\n";
        let b = "Two\n\nJeff Bezos spoke.\n";
        let c = sourced(&[("The Seattle Times", a), ("The Verge", b)]);
        let entities = resolve(&c);
        let index = Cooccurrence::build(&c, &entities, Window::Sentence);
        let bezos = entities
            .entities
            .iter()
            .position(|e| e.name == "Jeff Bezos")
            .unwrap();
        let in_times: Vec<usize> = (0..2)
            .filter(|&d| index.source_of(d) == "The Seattle Times")
            .collect();
        let found: Vec<&str> = index
            .windows_naming(&in_times, &[bezos])
            .into_iter()
            .map(|(d, span)| span.of(&c.documents[d].text))
            .collect();
        assert_eq!(
            found,
            ["Jeff Bezos met Maria Cantwell.", "Jeff Bezos left."]
        );
    }

    #[test]
    fn in_the_seeds_buolamwini_and_gebru_are_named_together() {
        let c = Corpus::embedded();
        let entities = resolve(&c);
        let index = Cooccurrence::build(&c, &entities, Window::Sentence);
        let all: Vec<usize> = (0..c.documents.len()).collect();
        let g = graph(&index, &entities, &all, &Options::default());
        let edge = g.edges.iter().find(|e| {
            let (a, b) = names(&g, e);
            a.contains("Buolamwini") && b.contains("Gebru")
        });
        let edge = edge.expect("the researchers are named in one sentence");
        let evidence = index.evidence(&all, g.nodes[edge.a].entity, g.nodes[edge.b].entity);
        assert_eq!(evidence.len(), edge.count as usize);
        for (d, span) in evidence {
            let sentence = span.of(&c.documents[d].text);
            assert!(
                sentence.contains("Buolamwini") && sentence.contains("Gebru"),
                "{sentence}"
            );
        }
    }
}

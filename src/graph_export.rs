//! The entity graph written out for other tools: GEXF 1.3 (Gephi), GraphML, JSON and a CSV edge
//! list. Every format carries the same facts: each node's id, name, type, mentions, documents,
//! community and mentions per source; each edge's count, association and count per source.

use std::fmt::Write;

use serde::Serialize;

use crate::communities::communities;
use crate::graph::Graph;
use crate::text::Span;

/// Where an edge is said: a document's id and the byte range of the sentence or paragraph.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Evidence {
    pub fn new(doc_id: &str, text: &str, span: Span) -> Evidence {
        Evidence {
            doc: doc_id.to_string(),
            start: span.start,
            end: span.end,
            text: span.of(text).to_string(),
        }
    }
}

/// The formats [`write`] knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Gexf,
    GraphMl,
    Csv,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "json" => Some(Format::Json),
            "gexf" => Some(Format::Gexf),
            "graphml" => Some(Format::GraphMl),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Gexf => "gexf",
            Format::GraphMl => "graphml",
            Format::Csv => "csv",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Gexf | Format::GraphMl => "application/xml",
            Format::Csv => "text/csv",
        }
    }
}

/// The graph in `format`. `evidence`, when given, holds each edge's evidence (JSON only).
pub fn write(graph: &Graph, format: Format, evidence: Option<&[Vec<Evidence>]>) -> String {
    let edges: Vec<(usize, usize, f32)> = graph
        .edges
        .iter()
        .map(|e| (e.a, e.b, e.weight(graph.weight).max(f32::MIN_POSITIVE)))
        .collect();
    let community = communities(graph.nodes.len(), &edges);
    match format {
        Format::Json => json(graph, &community, evidence),
        Format::Gexf => gexf(graph, &community),
        Format::GraphMl => graphml(graph, &community),
        Format::Csv => csv(graph),
    }
}

fn json(graph: &Graph, community: &[usize], evidence: Option<&[Vec<Evidence>]>) -> String {
    let nodes: Vec<serde_json::Value> = graph
        .nodes
        .iter()
        .zip(community)
        .map(|(n, c)| {
            serde_json::json!({
                "id": n.id, "name": n.name, "type": n.kind, "mentions": n.mentions,
                "documents": n.documents, "community": c,
                "per_source": per_source(graph, &n.per_source),
            })
        })
        .collect();
    let edges: Vec<serde_json::Value> = graph
        .edges
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut edge = serde_json::json!({
                "source": graph.nodes[e.a].id, "target": graph.nodes[e.b].id,
                "count": e.count, "association": round(e.association),
                "weight": round(e.weight(graph.weight)),
                "per_source": per_source(graph, &e.per_source),
            });
            if let Some(evidence) = evidence.and_then(|all| all.get(i)) {
                edge["evidence"] = serde_json::json!(evidence);
            }
            edge
        })
        .collect();
    let out = serde_json::json!({
        "window": graph.window.key(), "weight": graph.weight.key(),
        "documents": graph.documents, "sources": graph.sources,
        "nodes": nodes, "edges": edges,
    });
    serde_json::to_string_pretty(&out).expect("JSON values serialise") + "\n"
}

fn per_source(graph: &Graph, counts: &[u32]) -> serde_json::Map<String, serde_json::Value> {
    graph
        .sources
        .iter()
        .zip(counts)
        .filter(|(_, &n)| n > 0)
        .map(|(s, &n)| (s.clone(), n.into()))
        .collect()
}

fn round(x: f32) -> f64 {
    (f64::from(x) * 10_000.0).round() / 10_000.0
}

/// Escapes text for an XML attribute or element.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab and newlines are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn gexf(graph: &Graph, community: &[usize]) -> String {
    let mut o = String::new();
    o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    o.push_str("<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n");
    let _ = writeln!(
        o,
        "  <meta><creator>Parallax</creator><description>Entities named together in the same {} ({} documents); weight: {}</description></meta>",
        graph.window.key(),
        graph.documents,
        graph.weight.key()
    );
    o.push_str("  <graph defaultedgetype=\"undirected\">\n");
    o.push_str("    <attributes class=\"node\">\n");
    for (id, kind) in [
        ("type", "string"),
        ("mentions", "integer"),
        ("documents", "integer"),
        ("community", "integer"),
    ] {
        let _ = writeln!(
            o,
            "      <attribute id=\"{id}\" title=\"{id}\" type=\"{kind}\"/>"
        );
    }
    source_attributes(&mut o, graph, "mentions in");
    o.push_str("    </attributes>\n    <attributes class=\"edge\">\n");
    for (id, kind) in [("count", "integer"), ("association", "double")] {
        let _ = writeln!(
            o,
            "      <attribute id=\"{id}\" title=\"{id}\" type=\"{kind}\"/>"
        );
    }
    source_attributes(&mut o, graph, "together in");
    o.push_str("    </attributes>\n    <nodes>\n");
    for (n, c) in graph.nodes.iter().zip(community) {
        let _ = writeln!(
            o,
            "      <node id=\"{}\" label=\"{}\"><attvalues>",
            xml(&n.id),
            xml(&n.name)
        );
        let _ = writeln!(
            o,
            "        <attvalue for=\"type\" value=\"{}\"/><attvalue for=\"mentions\" value=\"{}\"/><attvalue for=\"documents\" value=\"{}\"/><attvalue for=\"community\" value=\"{c}\"/>",
            n.kind, n.mentions, n.documents
        );
        source_values(&mut o, &n.per_source);
        o.push_str("      </attvalues></node>\n");
    }
    o.push_str("    </nodes>\n    <edges>\n");
    for (i, e) in graph.edges.iter().enumerate() {
        let _ = writeln!(
            o,
            "      <edge id=\"{i}\" source=\"{}\" target=\"{}\" weight=\"{}\"><attvalues>",
            xml(&graph.nodes[e.a].id),
            xml(&graph.nodes[e.b].id),
            round(e.weight(graph.weight))
        );
        let _ = writeln!(
            o,
            "        <attvalue for=\"count\" value=\"{}\"/><attvalue for=\"association\" value=\"{}\"/>",
            e.count,
            round(e.association)
        );
        source_values(&mut o, &e.per_source);
        o.push_str("      </attvalues></edge>\n");
    }
    o.push_str("    </edges>\n  </graph>\n</gexf>\n");
    o
}

/// One integer attribute per source, `s0`, `s1`, … titled with the source's name.
fn source_attributes(o: &mut String, graph: &Graph, title: &str) {
    for (i, s) in graph.sources.iter().enumerate() {
        let _ = writeln!(
            o,
            "      <attribute id=\"s{i}\" title=\"{} {}\" type=\"integer\"/>",
            title,
            xml(s)
        );
    }
}

fn source_values(o: &mut String, counts: &[u32]) {
    o.push_str("        ");
    for (i, n) in counts.iter().enumerate().filter(|(_, &n)| n > 0) {
        let _ = write!(o, "<attvalue for=\"s{i}\" value=\"{n}\"/>");
    }
    o.push('\n');
}

fn graphml(graph: &Graph, community: &[usize]) -> String {
    let mut o = String::new();
    o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    o.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
    let keys = [
        ("label", "node", "string"),
        ("type", "node", "string"),
        ("mentions", "node", "int"),
        ("documents", "node", "int"),
        ("community", "node", "int"),
        ("weight", "edge", "double"),
        ("count", "edge", "int"),
        ("association", "edge", "double"),
    ];
    for (id, domain, kind) in keys {
        let _ = writeln!(
            o,
            "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{id}\" attr.type=\"{kind}\"/>"
        );
    }
    for (domain, title) in [("node", "mentions in"), ("edge", "together in")] {
        for (i, s) in graph.sources.iter().enumerate() {
            let _ = writeln!(
                o,
                "  <key id=\"{domain}_s{i}\" for=\"{domain}\" attr.name=\"{title} {}\" attr.type=\"int\"/>",
                xml(s)
            );
        }
    }
    o.push_str("  <graph id=\"entities\" edgedefault=\"undirected\">\n");
    for (n, c) in graph.nodes.iter().zip(community) {
        let _ = write!(
            o,
            "    <node id=\"{}\"><data key=\"label\">{}</data><data key=\"type\">{}</data><data key=\"mentions\">{}</data><data key=\"documents\">{}</data><data key=\"community\">{c}</data>",
            xml(&n.id), xml(&n.name), n.kind, n.mentions, n.documents
        );
        for (i, m) in n.per_source.iter().enumerate().filter(|(_, &m)| m > 0) {
            let _ = write!(o, "<data key=\"node_s{i}\">{m}</data>");
        }
        o.push_str("</node>\n");
    }
    for e in &graph.edges {
        let _ = write!(
            o,
            "    <edge source=\"{}\" target=\"{}\"><data key=\"weight\">{}</data><data key=\"count\">{}</data><data key=\"association\">{}</data>",
            xml(&graph.nodes[e.a].id),
            xml(&graph.nodes[e.b].id),
            round(e.weight(graph.weight)),
            e.count,
            round(e.association)
        );
        for (i, m) in e.per_source.iter().enumerate().filter(|(_, &m)| m > 0) {
            let _ = write!(o, "<data key=\"edge_s{i}\">{m}</data>");
        }
        o.push_str("</edge>\n");
    }
    o.push_str("  </graph>\n</graphml>\n");
    o
}

/// A CSV field, quoted when it must be (RFC 4180).
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn csv(graph: &Graph) -> String {
    let mut o = String::new();
    let mut header = vec![
        "source".to_string(),
        "target".into(),
        "source_name".into(),
        "target_name".into(),
        "count".into(),
        "association".into(),
        "weight".into(),
    ];
    header.extend(graph.sources.iter().map(|s| format!("in {s}")));
    o.push_str(
        &header
            .iter()
            .map(|h| field(h))
            .collect::<Vec<_>>()
            .join(","),
    );
    o.push_str("\r\n");
    for e in &graph.edges {
        let (a, b) = (&graph.nodes[e.a], &graph.nodes[e.b]);
        let mut row = vec![
            field(&a.id),
            field(&b.id),
            field(&a.name),
            field(&b.name),
            e.count.to_string(),
            round(e.association).to_string(),
            round(e.weight(graph.weight)).to_string(),
        ];
        row.extend(e.per_source.iter().map(u32::to_string));
        o.push_str(&row.join(","));
        o.push_str("\r\n");
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Edge, Node, Weight, Window};

    fn node(id: &str, name: &str, per_source: Vec<u32>) -> Node {
        Node {
            entity: 0,
            id: id.into(),
            name: name.into(),
            kind: "ORG",
            mentions: per_source.iter().sum(),
            documents: 1,
            windows: 1,
            per_source,
        }
    }

    /// Two organisations whose names need escaping, named together twice in one source.
    fn sample() -> Graph {
        Graph {
            window: Window::Sentence,
            weight: Weight::Count,
            sources: vec!["Times & Post".into(), "The \"Wire\"".into()],
            nodes: vec![
                node("org:at&t", "AT&T", vec![2, 0]),
                node("org:o'neil-<co>", "O'Neil <Co>, Inc", vec![2, 1]),
            ],
            edges: vec![Edge {
                a: 0,
                b: 1,
                count: 2,
                association: 0.5,
                per_source: vec![2, 0],
            }],
            documents: 3,
        }
    }

    #[test]
    fn gexf_escapes_names_and_carries_per_source_counts() {
        let out = write(&sample(), Format::Gexf, None);
        assert!(
            out.contains("<node id=\"org:at&amp;t\" label=\"AT&amp;T\">"),
            "{out}"
        );
        assert!(out.contains("label=\"O&apos;Neil &lt;Co&gt;, Inc\""));
        assert!(out.contains(
            "<attribute id=\"s0\" title=\"mentions in Times &amp; Post\" type=\"integer\"/>"
        ));
        assert!(out.contains(
            "<attribute id=\"s1\" title=\"together in The &quot;Wire&quot;\" type=\"integer\"/>"
        ));
        assert!(out.contains("<edge id=\"0\" source=\"org:at&amp;t\" target=\"org:o&apos;neil-&lt;co&gt;\" weight=\"2\">"));
        assert!(out.contains("<attvalue for=\"s0\" value=\"2\"/>\n      </attvalues></edge>"));
        assert!(
            !out.contains("<attvalue for=\"s1\" value=\"0\"/>"),
            "zero counts are left out"
        );
    }

    #[test]
    fn graphml_declares_every_key_it_uses() {
        let out = write(&sample(), Format::GraphMl, None);
        for used in [
            "label",
            "type",
            "mentions",
            "documents",
            "community",
            "weight",
            "count",
            "association",
            "node_s0",
            "node_s1",
            "edge_s0",
        ] {
            assert!(
                out.contains(&format!("<key id=\"{used}\"")),
                "{used} declared"
            );
            assert!(
                out.contains(&format!("<data key=\"{used}\">")),
                "{used} used"
            );
        }
        assert!(out.contains("<data key=\"label\">O&apos;Neil &lt;Co&gt;, Inc</data>"));
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let out = write(&sample(), Format::Csv, None);
        assert_eq!(
            out,
            "source,target,source_name,target_name,count,association,weight,in Times & Post,\"in The \"\"Wire\"\"\"\r\n\
             org:at&t,org:o'neil-<co>,AT&T,\"O'Neil <Co>, Inc\",2,0.5,2,2,0\r\n"
        );
    }

    #[test]
    fn json_names_nodes_by_id_and_carries_evidence() {
        let evidence = vec![vec![Evidence {
            doc: "a.txt".into(),
            start: 10,
            end: 40,
            text: "AT&T and O'Neil <Co>, Inc met.".into(),
        }]];
        let out: serde_json::Value =
            serde_json::from_str(&write(&sample(), Format::Json, Some(&evidence))).unwrap();
        assert_eq!(out["edges"][0]["source"], "org:at&t");
        assert_eq!(
            out["edges"][0]["per_source"],
            serde_json::json!({"Times & Post": 2})
        );
        assert_eq!(out["edges"][0]["evidence"][0]["start"], 10);
        assert_eq!(
            out["nodes"][1]["per_source"],
            serde_json::json!({"Times & Post": 2, "The \"Wire\"": 1})
        );
        assert_eq!(out["nodes"][0]["community"], out["nodes"][1]["community"]);
    }
}

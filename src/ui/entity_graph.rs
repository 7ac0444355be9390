//! The entity graph in the main pane: who is named with whom in the listed documents, laid out
//! by force ([`crate::layout`]) a few ticks per frame, drawn in SVG. Clicking a node filters the
//! corpus by that entity (the same facet and URL as the sidebar); clicking an edge lists the
//! sentences that drew it, each opening the reader there. A table of the same edges is the text
//! alternative.

use std::cell::RefCell;
use std::fmt::Write;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::facet_panel::toggle;
use super::{counted, download, download_blob, Page};
use crate::facets::Facet;
use crate::graph::{bipartite, graph, Cooccurrence, Graph, Options, Weight, Window};
use crate::graph_export::{write, Evidence, Format};
use crate::layout::Layout;
use crate::mentions::EntityType;
use crate::view_state::{GraphColor, GraphView, ViewState, GRAPH_NODES_CHOICES};

/// Milliseconds of reading sentences per task (4–30): the co-occurrence index of 10,000 articles
/// takes over a second in wasm, read this long at a time so that the page keeps answering.
const READING_BUDGET_MS: f64 = 12.0;
/// Documents read between two looks at the clock (1–100).
const DOCUMENTS_PER_LOOK: usize = 8;
/// Milliseconds of each animation frame given to the layout (2–12): the rest of a 16 ms frame
/// is left for drawing and input.
const LAYOUT_BUDGET_MS: f64 = 6.0;
/// How long the graph waits after the listed documents change before recounting, in ms (as the
/// facet counts do): typing in the search box stays at one frame a keystroke.
const SETTLE_MS: u64 = 150;
/// Edges drawn at most per node (1–10): beyond the strongest few, a hairball hides structure.
const EDGES_PER_NODE: usize = 4;
/// Widths an edge is drawn at (2–10), from 1 to 6 px by weight.
const EDGE_WIDTHS: usize = 5;
/// How near (in px) a click on the background must be to an edge to select it.
const EDGE_HIT_PX: f32 = 6.0;
/// Sources offered as toggles above the graph (the rest are in the sidebar's Source facet).
const SOURCES_SHOWN: usize = 8;
/// Evidence sentences listed for an edge before "and N more".
const EVIDENCE_SHOWN: usize = 50;
/// Rows of the edge table (the text alternative).
const TABLE_ROWS: usize = 100;
/// The layout's seed: the same documents and settings give the same picture.
const SEED: u64 = 0x5eed;
/// Colours by community, in order of size (Okabe–Ito, colour-blind safe); smaller ones are grey.
const COMMUNITY_COLOURS: [&str; 7] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#f0e442",
];

/// Fill colour of a node by type (the reader's palette, so exported SVG keeps it).
fn type_colour(kind: &str) -> &'static str {
    match kind {
        "PERSON" => "#0072b2",
        "ORG" => "#d55e00",
        "PLACE" => "#009e73",
        "PRODUCT" => "#cc79a7",
        _ => "#555555",
    }
}

/// The graph as drawn: the counted graph, the edges kept, and each node's community.
#[derive(Clone)]
struct Drawn {
    graph: Arc<Graph>,
    /// The most mentions of a node (sizes are relative to it).
    most: u32,
    /// The edge whose evidence is shown (an index into the graph's edges).
    selected: Option<usize>,
    edges: Vec<usize>,
    community: Vec<usize>,
}

impl PartialEq for Drawn {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.graph, &other.graph)
    }
}

/// The pan and zoom: the layout rectangle shown (x, y, width, height), and whether the user set
/// it (then new layouts stop re-fitting it).
#[derive(Clone, Copy, PartialEq)]
struct View {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    user: bool,
}

#[component]
pub(crate) fn EntityGraph() -> impl IntoView {
    let page = expect_context::<Page>();
    let url_state = page.url_state;
    let settings = Memo::new(move |_| url_state.with(|s| s.graph.clone().unwrap_or_default()));
    let window = Memo::new(move |_| settings.with(|s| s.window));
    let curated = page.entities;

    // The co-occurrence index, read a slice per task so that 10,000 articles never freeze the page.
    let index = RwSignal::new(None::<Arc<Cooccurrence>>);
    let progress = RwSignal::new((0usize, page.corpus.documents.len()));
    let generation = StoredValue::new(0u64);
    {
        let corpus = page.corpus.clone();
        Effect::new(move |_| {
            let window = window.get();
            let entities = curated.get();
            let run = generation.get_value() + 1;
            generation.set_value(run);
            index.set(None);
            let building = Rc::new(RefCell::new(Cooccurrence::new(
                &corpus,
                entities.index(),
                window,
            )));
            read_slices(corpus.clone(), building, run, generation, index, progress);
        });
    }

    // The listed documents, once they have stopped changing for a moment.
    let docs = super::settled(page.listed, SETTLE_MS);

    let drawn = Memo::new(move |_| {
        let index = index.get()?;
        let s = settings.get();
        let curated = curated.get();
        let options = Options {
            weight: s.weight,
            min_count: s.min_count,
            max_nodes: s.nodes,
            types: EntityType::ALL.map(|k| !s.hidden_types.contains(&k)),
        };
        let mut g = docs.with(|d| match s.bipartite {
            true => bipartite(&index, curated.index(), d, &options),
            false => graph(&index, curated.index(), d, &options),
        });
        if let Some(center) = s.focus.as_deref().and_then(|id| g.node(id)) {
            g = g.restricted(&g.ego(center, s.hops));
        }
        Some(draw_selection(g, s.edge.as_ref()))
    });

    let layout = StoredValue::new(Layout::new(SEED));
    let view_box = RwSignal::new(View {
        x: -300.0,
        y: -200.0,
        w: 600.0,
        h: 400.0,
        user: false,
    });
    let svg = NodeRef::<leptos::svg::Svg>::new();
    let running = StoredValue::new(false);
    Effect::new(move |_| {
        let Some(d) = drawn.get() else { return };
        layout.update_value(|l| {
            let keys: Vec<String> = d.graph.nodes.iter().map(|n| n.id.clone()).collect();
            let edges: Vec<(usize, usize, f32)> = d
                .edges
                .iter()
                .map(|&e| {
                    let edge = &d.graph.edges[e];
                    (edge.a, edge.b, edge.weight(d.graph.weight).max(1e-3))
                })
                .collect();
            l.set_graph(&keys, &edges);
        });
        if !running.get_value() {
            running.set_value(true);
            animate(layout, svg, view_box, running, drawn);
        }
    });
    // After new nodes are in the DOM, or the view moved, draw them at their places.
    Effect::new(move |_| {
        drawn.track();
        view_box.track();
        // While the layout runs, its frames draw.
        if running.try_get_value() == Some(true) {
            return;
        }
        request_animation_frame(move || {
            if let Some(d) = drawn.try_get_untracked().flatten() {
                draw(&layout, svg, &d, view_box);
            }
        });
    });

    let drag = StoredValue::new(None::<Drag>);
    let on_wheel = move |ev: leptos::ev::WheelEvent| {
        ev.prevent_default();
        let Some((px, py)) = svg_point(svg, view_box, ev.client_x(), ev.client_y()) else {
            return;
        };
        let factor = if ev.delta_y() > 0.0 { 1.15 } else { 1.0 / 1.15 };
        view_box.update(|v| {
            v.x = px - (px - v.x) * factor;
            v.y = py - (py - v.y) * factor;
            v.w *= factor;
            v.h *= factor;
            v.user = true;
        });
    };
    let on_pointerdown = move |ev: leptos::ev::PointerEvent| {
        let node = node_at(ev.target());
        let Some(point) = svg_point(svg, view_box, ev.client_x(), ev.client_y()) else {
            return;
        };
        drag.set_value(Some(Drag {
            node,
            last: point,
            moved: false,
        }));
        if let Some(el) = svg.get_untracked() {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
    };
    // The edge under the pointer, told in a tooltip: (text, x, y) within the drawing.
    let hovered = RwSignal::new(None::<(String, f64, f64)>);
    let on_pointermove = move |ev: leptos::ev::PointerEvent| {
        let Some((px, py)) = svg_point(svg, view_box, ev.client_x(), ev.client_y()) else {
            return;
        };
        let Some(mut d) = drag.get_value() else {
            // Not dragging: tell the edge under the pointer (nodes have their own tooltips).
            let tip = match node_at(ev.target()) {
                Some(_) => None,
                None => drawn.get_untracked().and_then(|drawn| {
                    let e =
                        layout.with_value(|l| nearest_edge(l, &drawn, svg, view_box, (px, py)))?;
                    Some(edge_tooltip(&drawn.graph, e))
                }),
            };
            let origin = svg.get_untracked().map(|el| el.get_bounding_client_rect());
            hovered.set(tip.zip(origin).map(|(tip, r)| {
                (
                    tip,
                    f64::from(ev.client_x()) - r.left(),
                    f64::from(ev.client_y()) - r.top(),
                )
            }));
            return;
        };
        hovered.set(None);
        d.moved |= (px - d.last.0).abs() + (py - d.last.1).abs() > 0.5;
        match d.node {
            Some(i) => {
                layout.update_value(|l| {
                    l.pin(i, px, py);
                    l.reheat(0.3);
                });
                d.last = (px, py);
                if !running.get_value() {
                    running.set_value(true);
                    animate(layout, svg, view_box, running, drawn);
                }
            }
            None => {
                // Panning moves the view box, so the point under the pointer stays put.
                view_box.update(|v| {
                    v.x -= px - d.last.0;
                    v.y -= py - d.last.1;
                    v.user = true;
                });
            }
        }
        drag.set_value(Some(d));
    };
    let on_pointerup = {
        let page = page.clone();
        move |_: leptos::ev::PointerEvent| {
            let Some(d) = drag.get_value() else { return };
            drag.set_value(None);
            let Some(drawn) = drawn.get_untracked() else {
                return;
            };
            match d.node {
                Some(i) => {
                    layout.update_value(|l| l.release(i));
                    if !d.moved {
                        filter_by_node(&page, &drawn.graph, i);
                    }
                }
                None if !d.moved => {
                    let near =
                        layout.with_value(|l| nearest_edge(l, &drawn, svg, view_box, d.last));
                    if let Some(e) = near {
                        let edge = &drawn.graph.edges[e];
                        let (a, b) = (&drawn.graph.nodes[edge.a], &drawn.graph.nodes[edge.b]);
                        show_edge(&page, &a.id, &b.id);
                    }
                }
                None => {}
            }
        }
    };

    // A focused node (Tab reaches each) filters like a click, on Enter or Space.
    let on_keydown = {
        let page = page.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            if !matches!(ev.key().as_str(), "Enter" | " ") {
                return;
            }
            let node = node_at(ev.target());
            if let (Some(i), Some(drawn)) = (node, drawn.get_untracked()) {
                ev.prevent_default();
                filter_by_node(&page, &drawn.graph, i);
            }
        }
    };
    let nodes = move || {
        let Some(d) = drawn.get() else {
            return Vec::new();
        };
        let color = settings.with(|s| s.color);
        d.graph
            .nodes
            .iter()
            .enumerate()
            .rev()
            .map(|(i, n)| {
                let radius = node_radius(&d, i);
                let fill = match color {
                    GraphColor::Type => type_colour(n.kind),
                    GraphColor::Community => {
                        COMMUNITY_COLOURS.get(d.community[i]).copied().unwrap_or("#999999")
                    }
                };
                let title = format!(
                    "{} · {} · {} in {}",
                    n.name,
                    n.kind,
                    counted(n.mentions as usize, "mention"),
                    counted(n.documents as usize, "document")
                );
                let label = n.name.clone();
                let tooltip = title.clone();
                view! {
                    <g class="graph-node" data-i=i data-id=n.id.clone() tabindex="0" role="button" aria-label=title>
                        {leptos::svg::title().child(tooltip)}
                        <circle r=format!("{radius:.1}") fill=fill stroke="#ffffff" stroke-width="1.5"></circle>
                        <text x=format!("{:.1}", radius + 3.0) y="4" font-size="12" fill="currentColor">{label}</text>
                    </g>
                }
            })
            .collect::<Vec<_>>()
    };
    // Edges are a few paths (one per width, and the selected one), not an element each: moving
    // 2,000 lines every frame was most of a frame's work at 500 nodes.
    let edge_paths = (0..EDGE_WIDTHS)
        .map(|k| {
            let width = format!("{:.1}", 1.0 + 5.0 * k as f32 / (EDGE_WIDTHS - 1) as f32);
            view! { <path class="graph-edge" data-width=k fill="none" stroke="#8a8a8a" stroke-opacity="0.55" stroke-width=width></path> }
        })
        .collect_view();
    let status = move || {
        let (done, total) = progress.get();
        if index.with(Option::is_none) {
            return format!(
                "Reading sentences… {done} of {}",
                counted(total, "document")
            );
        }
        match drawn.get() {
            Some(d) if d.graph.nodes.is_empty() => {
                "No entities in the listed documents.".to_string()
            }
            Some(d) => format!(
                "{} and {} (of {}) from {}",
                counted(d.graph.nodes.len(), "node"),
                counted(d.edges.len(), "edge"),
                d.graph.edges.len(),
                counted(d.graph.documents, "document")
            ),
            None => String::new(),
        }
    };
    let reading = move || index.with(Option::is_none);
    let fit = move |_| view_box.update(|v| v.user = false);
    view! {
        <section class="graph-view" aria-label="Entity graph">
            <header class="graph-head">
                <h1>"Who is named with whom"</h1>
                <a class="close" href=close_href()>"Close"</a>
            </header>
            <GraphControls settings drawn />
            <p class="graph-status" aria-live="polite">{status}</p>
            <Show when=reading>
                <progress class="graph-progress" max=move || progress.get().1 value=move || progress.get().0></progress>
            </Show>
            <div class="graph-stage">
                <svg
                    node_ref=svg
                    class="graph-svg"
                    xmlns="http://www.w3.org/2000/svg"
                    role="img"
                    aria-label="Entity graph: see the table of edges below for the same data"
                    on:wheel=on_wheel
                    on:pointerdown=on_pointerdown
                    on:pointermove=on_pointermove
                    on:pointerup=on_pointerup
                    on:pointerleave=move |_| hovered.set(None)
                    on:keydown=on_keydown
                >
                    <g class="graph-edges">
                        {edge_paths}
                        <path class="graph-edge selected" fill="none" stroke="currentColor" stroke-width="3"></path>
                    </g>
                    <g class="graph-nodes">{nodes}</g>
                </svg>
                <button type="button" class="graph-fit" on:click=fit>"Fit"</button>
                {move || hovered.get().map(|(text, x, y)| view! {
                    <div class="graph-tooltip" role="status" style:left=format!("{:.0}px", x + 12.0) style:top=format!("{:.0}px", y + 12.0)>{text}</div>
                })}
            </div>
            <GraphLegend settings drawn />
            <EdgeEvidence settings index docs />
            <EdgeTable drawn />
        </section>
    }
}

/// Keeps the strongest edges (at most [`EDGES_PER_NODE`] a node, every node's strongest one
/// first) and finds the communities.
impl Drawn {
    fn heaviest(&self) -> f32 {
        let first = self.edges.first().map(|&e| &self.graph.edges[e]);
        first.map_or(1.0, |e| e.weight(self.graph.weight)).max(1e-6)
    }
}

fn draw_selection(graph: Graph, selected: Option<&(String, String)>) -> Drawn {
    let mut per_node = vec![0usize; graph.nodes.len()];
    let limit = EDGES_PER_NODE * graph.nodes.len().max(1);
    let mut edges = Vec::new();
    for (i, e) in graph.edges.iter().enumerate() {
        if edges.len() >= limit {
            break;
        }
        if per_node[e.a] < EDGES_PER_NODE || per_node[e.b] < EDGES_PER_NODE {
            per_node[e.a] += 1;
            per_node[e.b] += 1;
            edges.push(i);
        }
    }
    let weighted: Vec<(usize, usize, f32)> = edges
        .iter()
        .map(|&i| {
            let e = &graph.edges[i];
            (e.a, e.b, e.weight(graph.weight).max(1e-3))
        })
        .collect();
    let community = crate::communities::communities(graph.nodes.len(), &weighted);
    // The selected edge is drawn even when it is not among the strongest.
    let selected = selected.and_then(|(a, b)| {
        let (a, b) = (graph.node(a)?, graph.node(b)?);
        let pair = (a.min(b), a.max(b));
        graph.edges.iter().position(|e| (e.a, e.b) == pair)
    });
    if let Some(e) = selected.filter(|e| !edges.contains(e)) {
        edges.push(e);
    }
    Drawn {
        selected,
        most: graph
            .nodes
            .iter()
            .map(|n| n.mentions)
            .max()
            .unwrap_or(1)
            .max(1),
        graph: Arc::new(graph),
        edges,
        community,
    }
}

#[derive(Clone, Copy)]
struct Drag {
    node: Option<usize>,
    last: (f32, f32),
    moved: bool,
}

/// Reads documents into `building` for [`READING_BUDGET_MS`], then schedules the next slice, until
/// done (then publishes the index) or a newer run starts.
fn read_slices(
    corpus: Arc<crate::corpus::Corpus>,
    building: Rc<RefCell<Cooccurrence>>,
    run: u64,
    generation: StoredValue<u64>,
    index: RwSignal<Option<Arc<Cooccurrence>>>,
    progress: RwSignal<(usize, usize)>,
) {
    if generation.try_get_value() != Some(run) {
        return;
    }
    let start = js_sys::Date::now();
    let mut done = 0;
    while js_sys::Date::now() - start < READING_BUDGET_MS && !building.borrow().is_complete() {
        done = building
            .borrow_mut()
            .add_documents(&corpus, DOCUMENTS_PER_LOOK);
    }
    progress.set((done, corpus.documents.len()));
    if building.borrow().is_complete() {
        if let Ok(finished) = Rc::try_unwrap(building) {
            index.set(Some(Arc::new(finished.into_inner())));
        }
        return;
    }
    set_timeout(
        move || read_slices(corpus, building, run, generation, index, progress),
        Duration::ZERO,
    );
}

/// Runs the layout a slice of each animation frame until it settles.
fn animate(
    layout: StoredValue<Layout>,
    svg: NodeRef<leptos::svg::Svg>,
    view_box: RwSignal<View>,
    running: StoredValue<bool>,
    drawn: Memo<Option<Drawn>>,
) {
    request_animation_frame(move || {
        if running.try_get_value().is_none() {
            return;
        }
        let start = js_sys::Date::now();
        let settled = layout
            .try_update_value(|l| {
                while js_sys::Date::now() - start < LAYOUT_BUDGET_MS {
                    if l.step(1) {
                        break;
                    }
                }
                l.is_settled()
            })
            .unwrap_or(true);
        if let Some(d) = drawn.try_get_untracked().flatten() {
            draw(&layout, svg, &d, view_box);
        }
        if settled {
            running.set_value(false);
        } else {
            animate(layout, svg, view_box, running, drawn);
        }
    });
}

/// Where layout coordinates land on screen: the view's rectangle fitted into the drawing,
/// centred, one scale for both axes.
#[derive(Clone, Copy)]
struct Mapping {
    scale: f32,
    ox: f32,
    oy: f32,
    v: View,
}

impl Mapping {
    fn new(rect: &web_sys::DomRect, v: View) -> Mapping {
        let (w, h) = (rect.width() as f32, rect.height() as f32);
        let scale = (w / v.w.max(1e-3)).min(h / v.h.max(1e-3)).max(1e-6);
        Mapping {
            scale,
            ox: (w - v.w * scale) / 2.0,
            oy: (h - v.h * scale) / 2.0,
            v,
        }
    }

    fn to_screen(self, (x, y): (f32, f32)) -> (f32, f32) {
        (
            self.ox + (x - self.v.x) * self.scale,
            self.oy + (y - self.v.y) * self.scale,
        )
    }

    fn to_layout(self, (sx, sy): (f32, f32)) -> (f32, f32) {
        (
            self.v.x + (sx - self.ox) / self.scale,
            self.v.y + (sy - self.oy) / self.scale,
        )
    }
}

/// Moves the drawn nodes and edges to the layout's positions (in screen pixels, so that circles
/// and labels keep their size at any zoom), fits the view to the layout unless the user moved
/// it, and shows the labels that do not collide.
fn draw(
    layout: &StoredValue<Layout>,
    svg: NodeRef<leptos::svg::Svg>,
    drawn: &Drawn,
    view_box: RwSignal<View>,
) {
    // A frame may come after the graph view has closed.
    let (Some(Some(svg)), Some(mut view)) = (svg.try_get_untracked(), view_box.try_get_untracked())
    else {
        return;
    };
    let (Some(nodes), Some(lines)) = (
        svg.query_selector(".graph-nodes").ok().flatten(),
        svg.query_selector(".graph-edges").ok().flatten(),
    ) else {
        return;
    };
    let rect = svg.get_bounding_client_rect();
    layout.with_value(|l| {
        if l.len() != drawn.graph.nodes.len() {
            return;
        }
        if !view.user && !l.is_empty() {
            let (x0, y0, x1, y1) = l.bounds();
            let (w, h) = ((x1 - x0).max(1.0), (y1 - y0).max(1.0));
            // Room for the circles and the first labels around the edge of the layout.
            let fitted = View {
                x: x0 - w * 0.1,
                y: y0 - h * 0.06,
                w: w * 1.3,
                h: h * 1.12,
                user: false,
            };
            if view != fitted {
                view = fitted;
                view_box.set(fitted);
            }
        }
        let map = Mapping::new(&rect, view);
        let n = l.len();
        let children = nodes.children();
        for i in 0..n {
            // Drawn in reverse, so that the most mentioned node and its label are on top.
            if let Some(el) = children.item((n - 1 - i) as u32) {
                let (x, y) = map.to_screen(l.position(i));
                let _ = el.set_attribute("transform", &format!("translate({x:.1} {y:.1})"));
            }
        }
        let mut paths = vec![String::new(); EDGE_WIDTHS + 1];
        let heaviest = drawn.heaviest();
        for &e in &drawn.edges {
            let edge = &drawn.graph.edges[e];
            let (x1, y1) = map.to_screen(l.position(edge.a));
            let (x2, y2) = map.to_screen(l.position(edge.b));
            let k = match drawn.selected == Some(e) {
                true => EDGE_WIDTHS,
                false => edge_width(edge.weight(drawn.graph.weight), heaviest),
            };
            let _ = write!(paths[k], "M{x1:.0} {y1:.0}L{x2:.0} {y2:.0}");
        }
        for (k, d) in paths.iter().enumerate() {
            let selector = match k {
                EDGE_WIDTHS => ".selected".to_string(),
                k => format!("[data-width='{k}']"),
            };
            if let Some(el) = lines.query_selector(&selector).ok().flatten() {
                let _ = el.set_attribute("d", d);
            }
        }
        place_labels(l, drawn, &nodes, map);
    });
}

/// Which of the [`EDGE_WIDTHS`] widths an edge of `weight` is drawn at.
fn edge_width(weight: f32, heaviest: f32) -> usize {
    ((weight / heaviest) * (EDGE_WIDTHS - 1) as f32)
        .round()
        .clamp(0.0, (EDGE_WIDTHS - 1) as f32) as usize
}

/// The drawn edge nearest to the layout point `at`, if within [`EDGE_HIT_PX`] on screen.
fn nearest_edge(
    l: &Layout,
    drawn: &Drawn,
    svg: NodeRef<leptos::svg::Svg>,
    view_box: RwSignal<View>,
    at: (f32, f32),
) -> Option<usize> {
    let rect = svg.get_untracked()?.get_bounding_client_rect();
    let map = Mapping::new(&rect, view_box.get_untracked());
    let (px, py) = map.to_screen(at);
    let distance = |e: usize| {
        let edge = &drawn.graph.edges[e];
        let (x1, y1) = map.to_screen(l.position(edge.a));
        let (x2, y2) = map.to_screen(l.position(edge.b));
        let (dx, dy) = (x2 - x1, y2 - y1);
        let t = (((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy).max(1e-6)).clamp(0.0, 1.0);
        ((x1 + t * dx - px).powi(2) + (y1 + t * dy - py).powi(2)).sqrt()
    };
    drawn
        .edges
        .iter()
        .map(|&e| (e, distance(e)))
        .filter(|&(_, d)| d <= EDGE_HIT_PX)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(e, _)| e)
}

/// Shows node labels, most mentioned first, where they overlap neither a label already shown
/// nor a bigger node.
fn place_labels(l: &Layout, drawn: &Drawn, nodes: &web_sys::Element, map: Mapping) {
    let n = l.len();
    let mut placed: Vec<(f32, f32, f32, f32)> = Vec::new();
    let children = nodes.children();
    for i in 0..n {
        let (sx, sy) = map.to_screen(l.position(i));
        let radius = node_radius(drawn, i);
        let width = 7.0 * drawn.graph.nodes[i].name.chars().count() as f32;
        let label = (
            sx + radius + 2.0,
            sy - 8.0,
            sx + radius + 4.0 + width,
            sy + 6.0,
        );
        let free = placed
            .iter()
            .all(|p| label.2 < p.0 || label.0 > p.2 || label.3 < p.1 || label.1 > p.3);
        placed.push((sx - radius, sy - radius, sx + radius, sy + radius));
        if free {
            placed.push(label);
        }
        let text = children
            .item((n - 1 - i) as u32)
            .and_then(|g| g.query_selector("text").ok().flatten());
        if let Some(text) = text {
            let _ = text.set_attribute("visibility", if free { "visible" } else { "hidden" });
        }
    }
}

/// A node's radius in pixels: 4 to 18, by the square root of its mentions.
fn node_radius(drawn: &Drawn, i: usize) -> f32 {
    4.0 + 14.0 * (drawn.graph.nodes[i].mentions as f32 / drawn.most as f32).sqrt()
}

/// The point of the layout under client coordinates.
fn svg_point(
    svg: NodeRef<leptos::svg::Svg>,
    view_box: RwSignal<View>,
    cx: i32,
    cy: i32,
) -> Option<(f32, f32)> {
    let svg = svg.get_untracked()?;
    let rect = svg.get_bounding_client_rect();
    let map = Mapping::new(&rect, view_box.get_untracked());
    Some(map.to_layout((
        cx as f32 - rect.left() as f32,
        cy as f32 - rect.top() as f32,
    )))
}

/// What an edge's tooltip says: the pair, how often, the association, by source.
fn edge_tooltip(graph: &Graph, e: usize) -> String {
    let edge = &graph.edges[e];
    let by_source: Vec<String> = graph
        .sources
        .iter()
        .zip(&edge.per_source)
        .filter(|(_, &n)| n > 0)
        .map(|(s, n)| format!("{s} {n}"))
        .collect();
    format!(
        "{} — {}: {} together · association {:.2} · {} · click for the sentences",
        graph.nodes[edge.a].name,
        graph.nodes[edge.b].name,
        counted(edge.count as usize, "time"),
        edge.association,
        by_source.join(", ")
    )
}

/// The node (its index) an event happened on, if any.
fn node_at(target: Option<web_sys::EventTarget>) -> Option<usize> {
    let element = target?.dyn_into::<web_sys::Element>().ok()?;
    let node = element.closest(".graph-node").ok().flatten()?;
    node.get_attribute("data-i")?.parse().ok()
}

/// Filters the corpus by the node's entity (or source), as the facet sidebar does.
fn filter_by_node(page: &Page, graph: &Graph, i: usize) {
    let node = &graph.nodes[i];
    match node.id.strip_prefix("source:") {
        Some(source) => toggle(page, Facet::Source, source),
        None => toggle(page, Facet::Entity, &node.id),
    }
}

fn show_edge(page: &Page, a: &str, b: &str) {
    let mut next = page.state.get_untracked();
    if let Some(g) = next.graph.as_mut() {
        g.edge = Some((a.to_string(), b.to_string()));
    }
    page.go(&next, true);
}

/// The link that closes the graph.
fn close_href() -> String {
    let page = expect_context::<Page>();
    let next = ViewState {
        graph: None,
        ..page.state.get_untracked()
    };
    page.href(&next)
}

/// Changes the graph settings (an in-place change: Back leaves the graph).
fn set_graph(page: &Page, change: impl FnOnce(&mut GraphView)) {
    let mut next = page.state.get_untracked();
    let mut g = next.graph.take().unwrap_or_default();
    change(&mut g);
    next.graph = Some(g);
    page.go(&next, true);
}

#[component]
fn GraphControls(settings: Memo<GraphView>, drawn: Memo<Option<Drawn>>) -> impl IntoView {
    let page = expect_context::<Page>();
    let select = move |label: &'static str,
                       options: &[(&str, &str)],
                       current: Signal<String>,
                       apply: fn(&mut GraphView, &str)| {
        let options: Vec<(String, String)> = options
            .iter()
            .map(|(t, v)| (t.to_string(), v.to_string()))
            .collect();
        let page = page.clone();
        view! {
            <label class="graph-control">
                {label}
                <select
                    prop:value=move || current.get()
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        set_graph(&page, |g| apply(g, &value));
                    }
                >
                    {options
                        .into_iter()
                        .map(|(text, value)| view! { <option value=value>{text}</option> })
                        .collect_view()}
                </select>
            </label>
        }
    };
    let page2 = expect_context::<Page>();
    let type_toggle = move |kind: EntityType| {
        let page = page2.clone();
        let hidden = move || settings.with(|s| s.hidden_types.contains(&kind));
        view! {
            <button
                type="button"
                class=format!("graph-type type-chip type-{}", kind.label().to_lowercase())
                aria-pressed=move || if hidden() { "false" } else { "true" }
                on:click=move |_| {
                    set_graph(&page, |g| {
                        if let Some(at) = g.hidden_types.iter().position(|&k| k == kind) {
                            g.hidden_types.remove(at);
                        } else {
                            g.hidden_types.push(kind);
                        }
                    })
                }
            >
                {kind.label()}
            </button>
        }
    };
    let page3 = expect_context::<Page>();
    let find = RwSignal::new(String::new());
    let matches = move || {
        let wanted = crate::text::fold(&find.get());
        if wanted.len() < 2 {
            return Vec::new();
        }
        let Some(d) = drawn.get() else {
            return Vec::new();
        };
        d.graph
            .nodes
            .iter()
            .filter(|n| crate::text::fold(&n.name).contains(&wanted))
            .take(8)
            .map(|n| {
                let (page, id) = (page3.clone(), n.id.clone());
                view! {
                    <li>
                        <button type="button" class="graph-match" on:click=move |_| {
                            let id = id.clone();
                            set_graph(&page, move |g| g.focus = Some(id));
                            find.set(String::new());
                        }>{n.name.clone()}</button>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };
    let page4 = expect_context::<Page>();
    let focus_name = move || {
        let id = settings.with(|s| s.focus.clone())?;
        let curated = page4.entities.get();
        let name = curated
            .index()
            .get(&id)
            .map_or(id.clone(), |e| e.name.clone());
        Some(name)
    };
    let page5 = expect_context::<Page>();
    let clear_focus = move |_| set_graph(&page5, |g| g.focus = None);
    let export = move |format: Option<Format>| {
        move |_| {
            let Some(d) = drawn.get_untracked() else {
                return;
            };
            match format {
                Some(format) => {
                    let text = write(&d.graph, format, None);
                    download(
                        &format!("parallax-graph.{}", format.extension()),
                        format.mime(),
                        &text,
                    );
                }
                None => {
                    if let Some(svg) = document().query_selector(".graph-svg").ok().flatten() {
                        download("parallax-graph.svg", "image/svg+xml", &standalone_svg(&svg));
                    }
                }
            }
        }
    };
    let nodes_choices: Vec<String> = GRAPH_NODES_CHOICES.iter().map(usize::to_string).collect();
    let nodes_choices: Vec<(&str, &str)> = nodes_choices
        .iter()
        .map(|n| (n.as_str(), n.as_str()))
        .collect();
    view! {
        <div class="graph-controls">
            {select("Show", &[("entities with entities", "entities"), ("sources with entities", "sources")],
                Signal::derive(move || if settings.with(|s| s.bipartite) { "sources".into() } else { "entities".into() }),
                |g, v| g.bipartite = v == "sources")}
            {select("Named together in the same", &[("sentence", "sentence"), ("paragraph", "paragraph")],
                Signal::derive(move || settings.with(|s| s.window.key().to_string())),
                |g, v| g.window = Window::parse(v).unwrap_or_default())}
            {select("Edge weight", &[("times together", "count"), ("association (Dice)", "association")],
                Signal::derive(move || settings.with(|s| s.weight.key().to_string())),
                |g, v| g.weight = Weight::parse(v).unwrap_or_default())}
            {select("At least", &[("1 time", "1"), ("2 times", "2"), ("3 times", "3"), ("5 times", "5"), ("10 times", "10")],
                Signal::derive(move || settings.with(|s| s.min_count.to_string())),
                |g, v| g.min_count = v.parse().unwrap_or(1))}
            {select("Nodes", &nodes_choices,
                Signal::derive(move || settings.with(|s| s.nodes.to_string())),
                |g, v| g.nodes = v.parse().unwrap_or(g.nodes))}
            {select("Colour by", &[("type", "type"), ("community", "community")],
                Signal::derive(move || if settings.with(|s| s.color == GraphColor::Community) { "community".into() } else { "type".into() }),
                |g, v| g.color = if v == "community" { GraphColor::Community } else { GraphColor::Type })}
            <GraphSources />
            <div class="graph-types" role="group" aria-label="Entity types shown">
                {EntityType::ALL.map(type_toggle).into_iter().collect_view()}
            </div>
            <div class="graph-find">
                <input
                    type="search"
                    class="graph-find-box"
                    placeholder="Find a node"
                    aria-label="Find a node to centre the graph on"
                    prop:value=move || find.get()
                    on:input=move |ev| find.set(event_target_value(&ev))
                />
                <ul class="graph-matches">{matches}</ul>
                {move || focus_name().map(|name| view! {
                    <p class="graph-focus">
                        "Around " <strong>{name}</strong> " · "
                        {select("", &[("1 hop", "1"), ("2 hops", "2")],
                            Signal::derive(move || settings.with(|s| s.hops.to_string())),
                            |g, v| g.hops = if v == "2" { 2 } else { 1 })}
                        <button type="button" class="graph-clear-focus" on:click=clear_focus.clone()>"Whole graph"</button>
                    </p>
                })}
            </div>
            <div class="graph-export" role="group" aria-label="Export">
                "Export: "
                <button type="button" on:click=export(None)>"SVG"</button>
                <button type="button" on:click=|_| export_png()>"PNG"</button>
                <button type="button" on:click=export(Some(Format::Gexf))>"GEXF"</button>
                <button type="button" on:click=export(Some(Format::GraphMl))>"GraphML"</button>
                <button type="button" on:click=export(Some(Format::Json))>"JSON"</button>
                <button type="button" on:click=export(Some(Format::Csv))>"CSV"</button>
            </div>
        </div>
    }
}

/// The drawing as a standalone SVG file: its size stated, the page's colours written in.
fn standalone_svg(svg: &web_sys::Element) -> String {
    let rect = svg.get_bounding_client_rect();
    let markup = svg.outer_html().replacen(
        "<svg ",
        &format!(
            "<svg width=\"{:.0}\" height=\"{:.0}\" style=\"background:#ffffff;color:#1d1d1f;font-family:sans-serif\" ",
            rect.width(),
            rect.height()
        ),
        1,
    );
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{markup}")
}

/// The drawing as a PNG at twice its size on screen: the SVG drawn onto a canvas (as a `data:`
/// image, which the page's CSP allows), then offered as a download.
fn export_png() {
    use wasm_bindgen::closure::Closure;
    let Some(svg) = document().query_selector(".graph-svg").ok().flatten() else {
        return;
    };
    let rect = svg.get_bounding_client_rect();
    let (width, height) = (rect.width() * 2.0, rect.height() * 2.0);
    let url = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        js_sys::encode_uri_component(&standalone_svg(&svg))
    );
    let Ok(image) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let loaded = image.clone();
    let on_load = Closure::once_into_js(move || {
        let Ok(canvas) = document().create_element("canvas") else {
            return;
        };
        let canvas: web_sys::HtmlCanvasElement = canvas.unchecked_into();
        canvas.set_width(width as u32);
        canvas.set_height(height as u32);
        let Some(context) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        let _ = context
            .draw_image_with_html_image_element_and_dw_and_dh(&loaded, 0.0, 0.0, width, height);
        let on_blob = Closure::once_into_js(move |blob: Option<web_sys::Blob>| {
            if let Some(blob) = blob {
                download_blob("parallax-graph.png", &blob);
            }
        });
        let _ = canvas.to_blob(on_blob.unchecked_ref());
    });
    image.set_onload(Some(on_load.unchecked_ref()));
    image.set_src(&url);
}

/// The sources with the most articles as toggles of the source facet: the sidebar's own filter,
/// here too because on a narrow screen the graph hides the sidebar.
#[component]
fn GraphSources() -> impl IntoView {
    let page = expect_context::<Page>();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for doc in &page.corpus.documents {
        let name = doc.outlet.as_deref().unwrap_or(crate::facets::NO_SOURCE);
        match counts.iter_mut().find(|(n, _)| n == name) {
            Some(entry) => entry.1 += 1,
            None => counts.push((name.to_string(), 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let more = counts.len().saturating_sub(SOURCES_SHOWN);
    let selection = page.facets;
    let buttons = counts
        .into_iter()
        .take(SOURCES_SHOWN)
        .map(|(name, _)| {
            let pressed = {
                let name = name.clone();
                move || selection.with(|f| f.of(Facet::Source).contains(&name))
            };
            let (page, key) = (page.clone(), name.clone());
            view! {
                <button
                    type="button"
                    class="graph-source"
                    aria-pressed=move || if pressed() { "true" } else { "false" }
                    on:click=move |_| toggle(&page, Facet::Source, &key)
                >
                    {name}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="graph-sources" role="group" aria-label="Sources (the source filter)">
            "Sources: " {buttons}
            {(more > 0).then(|| format!(" and {more} more in the Source filter"))}
        </div>
    }
}

#[component]
fn GraphLegend(settings: Memo<GraphView>, drawn: Memo<Option<Drawn>>) -> impl IntoView {
    let items = move || match settings.with(|s| s.color) {
        GraphColor::Type => ["PERSON", "ORG", "PLACE", "PRODUCT", "SOURCE"]
            .iter()
            .map(|k| (type_colour(k).to_string(), k.to_string()))
            .collect::<Vec<_>>(),
        GraphColor::Community => {
            let n = drawn.with(|d| {
                d.as_ref()
                    .map_or(0, |d| d.community.iter().max().map_or(0, |m| m + 1))
            });
            (0..n.min(COMMUNITY_COLOURS.len()))
                .map(|c| {
                    (
                        COMMUNITY_COLOURS[c].to_string(),
                        format!("community {}", c + 1),
                    )
                })
                .chain(
                    (n > COMMUNITY_COLOURS.len())
                        .then(|| ("#999999".to_string(), "smaller communities".to_string())),
                )
                .collect()
        }
    };
    view! {
        <ul class="graph-legend" aria-label="Colours">
            {move || items().into_iter().map(|(colour, label)| view! {
                <li><svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="5" fill=colour></circle></svg>{label}</li>
            }).collect_view()}
            <li class="graph-legend-note">"Size: mentions · line width: weight · drag a node, scroll to zoom, drag the background to pan · click a node to filter by it, a line for its sentences"</li>
        </ul>
    }
}

/// The sentences (or paragraphs) behind the selected edge, each opening the reader there.
#[component]
fn EdgeEvidence(
    settings: Memo<GraphView>,
    index: RwSignal<Option<Arc<Cooccurrence>>>,
    docs: RwSignal<Vec<usize>>,
) -> impl IntoView {
    let page = expect_context::<Page>();
    let found = {
        let page = page.clone();
        Memo::new(move |_| {
            let (a, b) = settings.with(|s| s.edge.clone())?;
            let index = index.get()?;
            let curated = page.entities.get();
            let entities = curated.index();
            let position = |id: &str| entities.entities.iter().position(|e| e.id == id);
            let name = |e: usize| entities.entities[e].name.clone();
            let eb = position(&b)?;
            // A source's edge (sources ↔ entities) is the entity's sentences in that source.
            let (names, members, in_docs) = match a.strip_prefix("source:") {
                Some(source) => {
                    let in_source = docs.with(|d| {
                        d.iter()
                            .copied()
                            .filter(|&d| index.source_of(d) == source)
                            .collect()
                    });
                    ((source.to_string(), name(eb)), vec![eb], in_source)
                }
                None => {
                    let ea = position(&a)?;
                    ((name(ea), name(eb)), vec![ea, eb], docs.get())
                }
            };
            let spans = index.windows_naming(&in_docs, &members);
            let lines: Vec<(Evidence, String, Option<usize>)> = spans
                .iter()
                .map(|&(d, span)| {
                    let doc = &page.corpus.documents[d];
                    // Open the reader at the first of the names in the sentence.
                    let at = members
                        .iter()
                        .flat_map(|&e| entities.entities[e].mentions.iter())
                        .filter(|m| {
                            m.doc == d && m.span.start >= span.start && m.span.end <= span.end
                        })
                        .map(|m| m.span.start)
                        .min();
                    (
                        Evidence::new(&doc.id, &doc.text, span),
                        doc.title.clone(),
                        at,
                    )
                })
                .collect();
            Some((names, lines))
        })
    };
    let close = {
        let page = page.clone();
        move |_| set_graph(&page, |g| g.edge = None)
    };
    view! {
        {move || found.get().map(|((a, b), lines)| {
            let total = lines.len();
            let shown = lines.into_iter().take(EVIDENCE_SHOWN).map(|(evidence, title, at)| {
                let page = expect_context::<Page>();
                let mut next = page.state.get_untracked().with_doc(Some(&evidence.doc));
                next.at = at;
                let href = page.href(&next);
                view! {
                    <li>
                        <a href=href class="evidence-line">
                            <span class="evidence-title">{title}</span>
                            <span class="evidence-text">{evidence.text}</span>
                        </a>
                    </li>
                }
            }).collect_view();
            let more = total.saturating_sub(EVIDENCE_SHOWN);
            view! {
                <section class="edge-evidence" aria-label="Where they are named together">
                    <h2>{format!("{a} and {b}: {}", counted(total, "passage"))}</h2>
                    <button type="button" class="close" on:click=close.clone()>"Close"</button>
                    <ol>{shown}</ol>
                    {(more > 0).then(|| view! { <p>{format!("and {more} more")}</p> })}
                </section>
            }
        })}
    }
}

/// The drawn edges as a table: the graph's text alternative.
#[component]
fn EdgeTable(drawn: Memo<Option<Drawn>>) -> impl IntoView {
    let rows = move || {
        let Some(d) = drawn.get() else {
            return Vec::new();
        };
        let g = d.graph.clone();
        d.edges
            .iter()
            .take(TABLE_ROWS)
            .map(|&e| {
                let edge = &g.edges[e];
                let (a, b) = (&g.nodes[edge.a], &g.nodes[edge.b]);
                let by_source = g
                    .sources
                    .iter()
                    .zip(&edge.per_source)
                    .filter(|(_, &n)| n > 0)
                    .map(|(s, n)| format!("{s} {n}"))
                    .collect::<Vec<_>>()
                    .join(" · ");
                let (page, ida, idb) = (expect_context::<Page>(), a.id.clone(), b.id.clone());
                view! {
                    <tr>
                        <td>{a.name.clone()}</td>
                        <td>{b.name.clone()}</td>
                        <td class="num">{edge.count}</td>
                        <td class="num">{format!("{:.2}", edge.association)}</td>
                        <td>{by_source}</td>
                        <td><button type="button" on:click=move |_| show_edge(&page, &ida, &idb)>"Sentences"</button></td>
                    </tr>
                }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <details class="edge-table">
            <summary>"The edges as a table"</summary>
            <table>
                <thead><tr><th>"Entity"</th><th>"Entity"</th><th>"Together"</th><th>"Association"</th><th>"By source"</th><th></th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
}

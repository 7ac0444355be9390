//! Force-directed layout: springs along edges, repulsion between all nodes (Barnes–Hut), a weak
//! pull to the centre, cooling over time — the model of d3-force, in Rust.
//!
//! **Deterministic**: the same graph gives the same positions, bit for bit (a seeded generator,
//! no hash-map order in the arithmetic). **Incremental**: [`Layout::step`] runs a few ticks, so
//! the page can spend a slice of each frame on it. **Stable**: [`Layout::set_graph`] keeps the
//! place of every node whose key persists, so filtering does not reshuffle the picture.

use rustc_hash::FxHashMap as HashMap;

/// Repulsion of each node (negative pushes apart), in d3-force units (−100–−5). d3's default,
/// so that the layout reads like the pictures people know.
const CHARGE: f32 = -30.0;
/// Barnes–Hut accuracy (0.5–1.2): a cell this wide relative to its distance counts as one body.
/// d3's 0.9 is within a few percent of the exact force and many times faster.
const THETA: f32 = 0.9;
/// Rest length of an edge's spring, in layout units (10–100); d3's default.
const LINK_DISTANCE: f32 = 30.0;
/// Share of velocity lost each tick (0.1–0.9); d3's 0.4 settles without oscillating.
const VELOCITY_DECAY: f32 = 0.4;
/// Where cooling stops (0.0001–0.01): with d3's 0.001 and the decay below, 300 ticks.
const ALPHA_MIN: f32 = 0.001;
/// Ticks from a cold start to settled (100–600), d3's default 300.
const TICKS_TO_SETTLE: f32 = 300.0;
/// Pull of every node toward the centre, per tick and unit of distance (0–0.2), as d3's
/// forceX/forceY: weak enough not to crowd a connected cluster, strong enough that parts of the
/// graph with no edge between them stay in view instead of drifting off.
const GRAVITY: f32 = 0.05;
/// Shortest distance the repulsion uses (avoids infinite forces when nodes nearly touch).
const MIN_DISTANCE2: f32 = 1.0;
/// Reheat after a change that keeps most nodes (0.05–1): low, so kept nodes barely move while
/// new ones find their place.
const GENTLE_ALPHA: f32 = 0.3;

#[derive(Clone, Copy, Debug)]
struct Cell {
    /// Centre of mass and total charge of the points below.
    cx: f32,
    cy: f32,
    charge: f32,
    /// Side length of the cell's square.
    size: f32,
    /// Children (0 = none), or for a leaf, the range of its points in `order`.
    children: [u32; 4],
    leaf: bool,
    from: u32,
    to: u32,
}

/// The positions of a graph's nodes, and the simulation that moves them.
#[derive(Clone, Debug)]
pub struct Layout {
    keys: Vec<String>,
    index: HashMap<String, usize>,
    x: Vec<f32>,
    y: Vec<f32>,
    vx: Vec<f32>,
    vy: Vec<f32>,
    fixed: Vec<Option<(f32, f32)>>,
    /// (a, b, strength, bias): d3's link force parameters per edge.
    links: Vec<(u32, u32, f32, f32)>,
    alpha: f32,
    rng: u64,
    cells: Vec<Cell>,
    order: Vec<u32>,
}

impl Layout {
    pub fn new(seed: u64) -> Layout {
        Layout {
            keys: Vec::new(),
            index: HashMap::default(),
            x: Vec::new(),
            y: Vec::new(),
            vx: Vec::new(),
            vy: Vec::new(),
            fixed: Vec::new(),
            links: Vec::new(),
            alpha: 1.0,
            rng: seed,
            cells: Vec::new(),
            order: Vec::new(),
        }
    }

    /// Replaces the graph: `nodes` by key, `edges` as (node index, node index, weight > 0).
    /// Nodes whose key was already there keep their position; new ones start beside their placed
    /// neighbours (or on a spiral when they have none).
    pub fn set_graph(&mut self, nodes: &[String], edges: &[(usize, usize, f32)]) {
        let n = nodes.len();
        let old: Vec<Option<usize>> = nodes.iter().map(|k| self.index.get(k).copied()).collect();
        let kept = old.iter().filter(|o| o.is_some()).count();
        let pick = |v: &[f32], default: f32| -> Vec<f32> {
            old.iter().map(|o| o.map_or(default, |i| v[i])).collect()
        };
        let (x, y) = (pick(&self.x, f32::NAN), pick(&self.y, f32::NAN));
        let (vx, vy) = (pick(&self.vx, 0.0), pick(&self.vy, 0.0));
        let fixed = old.iter().map(|o| o.and_then(|i| self.fixed[i])).collect();
        self.keys = nodes.to_vec();
        self.index = nodes
            .iter()
            .enumerate()
            .map(|(i, k)| (k.clone(), i))
            .collect();
        (self.x, self.y, self.vx, self.vy, self.fixed) = (x, y, vx, vy, fixed);

        let mut degree = vec![0u32; n];
        let max_weight = edges.iter().map(|e| e.2).fold(0.0f32, f32::max);
        for &(a, b, _) in edges {
            degree[a] += 1;
            degree[b] += 1;
        }
        self.links = edges
            .iter()
            .filter(|&&(a, b, _)| a != b && a < n && b < n)
            .map(|&(a, b, w)| {
                let (da, db) = (degree[a] as f32, degree[b] as f32);
                // d3's strength 1/min(degree), scaled so heavier edges pull harder (0.5–1×).
                let scale = if max_weight > 0.0 {
                    0.5 + 0.5 * w / max_weight
                } else {
                    1.0
                };
                (a as u32, b as u32, scale / da.min(db), da / (da + db))
            })
            .collect();

        // New nodes: beside their placed neighbours, else on d3's phyllotaxis spiral.
        for i in 0..n {
            if !self.x[i].is_nan() {
                continue;
            }
            let (mut sx, mut sy, mut count) = (0.0, 0.0, 0);
            for &(a, b, _, _) in &self.links {
                let other = match (a as usize, b as usize) {
                    (a, b) if a == i => b,
                    (a, b) if b == i => a,
                    _ => continue,
                };
                if !self.x[other].is_nan() {
                    sx += self.x[other];
                    sy += self.y[other];
                    count += 1;
                }
            }
            if count > 0 {
                self.x[i] = sx / count as f32 + self.jitter() * LINK_DISTANCE;
                self.y[i] = sy / count as f32 + self.jitter() * LINK_DISTANCE;
            } else {
                let k = (i + kept) as f32;
                let radius = 10.0 * (0.5 + k).sqrt();
                let angle = k * std::f32::consts::PI * (3.0 - 5f32.sqrt());
                self.x[i] = radius * angle.cos();
                self.y[i] = radius * angle.sin();
            }
        }
        self.alpha = match n {
            0 => 0.0,
            _ if kept * 2 >= n => GENTLE_ALPHA,
            _ => 1.0,
        };
    }

    /// A number in −0.5..0.5 from the seeded generator (SplitMix64).
    fn jitter(&mut self) -> f32 {
        self.rng = self.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 40) as f32 / (1u64 << 24) as f32 - 0.5
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn key(&self, i: usize) -> &str {
        &self.keys[i]
    }

    pub fn position(&self, i: usize) -> (f32, f32) {
        (self.x[i], self.y[i])
    }

    /// Whether the simulation has cooled down (further ticks would not move anything visibly).
    pub fn is_settled(&self) -> bool {
        self.alpha < ALPHA_MIN
    }

    /// Warms the simulation up again (0–1), e.g. while a node is dragged.
    pub fn reheat(&mut self, alpha: f32) {
        self.alpha = self.alpha.max(alpha.clamp(0.0, 1.0));
    }

    /// Holds node `i` at (x, y) until [`Layout::release`].
    pub fn pin(&mut self, i: usize, x: f32, y: f32) {
        self.fixed[i] = Some((x, y));
        (self.x[i], self.y[i]) = (x, y);
    }

    pub fn release(&mut self, i: usize) {
        self.fixed[i] = None;
    }

    /// The smallest rectangle holding every node: (min x, min y, max x, max y).
    pub fn bounds(&self) -> (f32, f32, f32, f32) {
        let fold = |v: &[f32], f: fn(f32, f32) -> f32, start: f32| v.iter().copied().fold(start, f);
        (
            fold(&self.x, f32::min, f32::INFINITY),
            fold(&self.y, f32::min, f32::INFINITY),
            fold(&self.x, f32::max, f32::NEG_INFINITY),
            fold(&self.y, f32::max, f32::NEG_INFINITY),
        )
    }

    /// Mean edge length over mean distance between nodes (pairs sampled evenly): how much
    /// tighter connected nodes sit than any two nodes. Lower is a more readable layout; the
    /// benchmark prints it so that no engine wins by doing less.
    pub fn edge_length_ratio(&self, edges: &[(usize, usize)]) -> f32 {
        let n = self.len();
        if n < 2 || edges.is_empty() {
            return 0.0;
        }
        let distance = |a: usize, b: usize| {
            ((self.x[a] - self.x[b]).powi(2) + (self.y[a] - self.y[b]).powi(2)).sqrt()
        };
        let along = edges.iter().map(|&(a, b)| distance(a, b)).sum::<f32>() / edges.len() as f32;
        let pairs = (0..n)
            .map(|i| (i, (i * 7919 + 1) % n))
            .filter(|(a, b)| a != b);
        let (sum, count) = pairs.fold((0.0, 0), |(s, c), (a, b)| (s + distance(a, b), c + 1));
        along / (sum / count as f32)
    }

    /// Runs `ticks` ticks (fewer if the layout settles first); returns whether it has settled.
    pub fn step(&mut self, ticks: usize) -> bool {
        for _ in 0..ticks {
            if self.is_settled() {
                break;
            }
            self.tick();
        }
        self.is_settled()
    }

    /// One tick, whether or not the layout has settled (the benchmark runs a fixed number).
    pub fn tick(&mut self) {
        let decay = 1.0 - ALPHA_MIN.powf(1.0 / TICKS_TO_SETTLE);
        self.alpha += (0.0 - self.alpha) * decay;
        self.apply_links();
        self.apply_charge();
        let n = self.x.len();
        for i in 0..n {
            if let Some((fx, fy)) = self.fixed[i] {
                (self.x[i], self.y[i], self.vx[i], self.vy[i]) = (fx, fy, 0.0, 0.0);
                continue;
            }
            self.vx[i] -= self.x[i] * GRAVITY * self.alpha;
            self.vy[i] -= self.y[i] * GRAVITY * self.alpha;
            self.vx[i] *= 1.0 - VELOCITY_DECAY;
            self.vy[i] *= 1.0 - VELOCITY_DECAY;
            self.x[i] += self.vx[i];
            self.y[i] += self.vy[i];
        }
        // The centre force: the nodes' mean moves to the origin (not while one is held).
        if n > 0 && self.fixed.iter().all(Option::is_none) {
            let mx = self.x.iter().sum::<f32>() / n as f32;
            let my = self.y.iter().sum::<f32>() / n as f32;
            self.x.iter_mut().for_each(|x| *x -= mx);
            self.y.iter_mut().for_each(|y| *y -= my);
        }
    }

    fn apply_links(&mut self) {
        for k in 0..self.links.len() {
            let (a, b, strength, bias) = self.links[k];
            let (a, b) = (a as usize, b as usize);
            let mut dx = self.x[b] + self.vx[b] - self.x[a] - self.vx[a];
            let mut dy = self.y[b] + self.vy[b] - self.y[a] - self.vy[a];
            if dx == 0.0 && dy == 0.0 {
                dx = self.jitter() * 1e-3;
                dy = self.jitter() * 1e-3;
            }
            let l = (dx * dx + dy * dy).sqrt();
            let f = (l - LINK_DISTANCE) / l * self.alpha * strength;
            dx *= f;
            dy *= f;
            self.vx[b] -= dx * bias;
            self.vy[b] -= dy * bias;
            self.vx[a] += dx * (1.0 - bias);
            self.vy[a] += dy * (1.0 - bias);
        }
    }

    fn apply_charge(&mut self) {
        let n = self.x.len();
        if n < 2 {
            return;
        }
        self.build_tree();
        // A fixed stack: the tree is at most 24 deep, so at most 3 × 24 + 4 cells wait at once.
        let mut stack = [0u32; 128];
        let order = std::mem::take(&mut self.order);
        let (x, y, cells) = (&self.x, &self.y, &self.cells);
        // In the tree's order, so that neighbouring iterations walk the same cells.
        for &i in &order {
            let i = i as usize;
            let (xi, yi) = (x[i], y[i]);
            let (mut fx, mut fy) = (0.0f32, 0.0f32);
            stack[0] = 0;
            let mut top = 1;
            while top > 0 {
                top -= 1;
                let cell = &cells[stack[top] as usize];
                let dx = cell.cx - xi;
                let dy = cell.cy - yi;
                let d2 = dx * dx + dy * dy;
                if cell.leaf {
                    for &j in &order[cell.from as usize..cell.to as usize] {
                        let j = j as usize;
                        if j == i {
                            continue;
                        }
                        let (mut dx, mut dy) = (x[j] - xi, y[j] - yi);
                        if dx == 0.0 && dy == 0.0 {
                            (dx, dy) = apart(i, j);
                        }
                        let d2 = (dx * dx + dy * dy).max(MIN_DISTANCE2);
                        let w = CHARGE / d2;
                        fx += dx * w;
                        fy += dy * w;
                    }
                } else if cell.size * cell.size < THETA * THETA * d2 {
                    let w = cell.charge / d2.max(MIN_DISTANCE2);
                    fx += dx * w;
                    fy += dy * w;
                } else {
                    for &child in &cell.children {
                        if child != 0 {
                            stack[top] = child;
                            top += 1;
                        }
                    }
                }
            }
            self.vx[i] += fx * self.alpha;
            self.vy[i] += fy * self.alpha;
        }
        self.order = order;
    }

    /// The quadtree over the current positions, in `cells` (root first) and `order`.
    fn build_tree(&mut self) {
        let n = self.x.len();
        self.cells.clear();
        self.order.clear();
        self.order.extend(0..n as u32);
        let (x0, y0, x1, y1) = self.bounds();
        let size = (x1 - x0).max(y1 - y0).max(1.0);
        let mut order = std::mem::take(&mut self.order);
        self.build_cell(&mut order, 0, n, x0, y0, size, 0);
        self.order = order;
    }

    #[allow(clippy::too_many_arguments)]
    fn build_cell(
        &mut self,
        order: &mut [u32],
        from: usize,
        to: usize,
        x0: f32,
        y0: f32,
        size: f32,
        depth: u32,
    ) -> u32 {
        let id = self.cells.len() as u32;
        let points = &order[from..to];
        let charge = CHARGE * points.len() as f32;
        let (sx, sy) = points.iter().fold((0.0, 0.0), |(sx, sy), &p| {
            (sx + self.x[p as usize], sy + self.y[p as usize])
        });
        let count = points.len().max(1) as f32;
        self.cells.push(Cell {
            cx: sx / count,
            cy: sy / count,
            charge,
            size,
            children: [0; 4],
            leaf: true,
            from: from as u32,
            to: to as u32,
        });
        // Small leaves are summed exactly; a depth limit stops coincident points splitting forever.
        if to - from <= 4 || depth >= 24 {
            return id;
        }
        let half = size / 2.0;
        let (mx, my) = (x0 + half, y0 + half);
        let slice = &mut order[from..to];
        let west = partition(slice, |p| self.x[p as usize] < mx);
        let (w, e) = slice.split_at_mut(west);
        let sw = partition(w, |p| self.y[p as usize] < my);
        let se = partition(e, |p| self.y[p as usize] < my);
        let bounds = [
            (from, from + sw, x0, y0),
            (from + sw, from + west, x0, my),
            (from + west, from + west + se, mx, y0),
            (from + west + se, to, mx, my),
        ];
        let mut children = [0u32; 4];
        for (k, &(a, b, cx, cy)) in bounds.iter().enumerate() {
            if a < b {
                children[k] = self.build_cell(order, a, b, cx, cy, half, depth + 1);
            }
        }
        let cell = &mut self.cells[id as usize];
        cell.children = children;
        cell.leaf = false;
        id
    }
}

/// A tiny offset between two nodes at the same spot, opposite for the two of them, so that
/// repulsion can separate them (d3 jiggles at random; this is the same for the same pair).
fn apart(i: usize, j: usize) -> (f32, f32) {
    let (lo, hi) = (i.min(j), i.max(j));
    let angle = ((lo * 31 + hi * 17) % 360) as f32 * std::f32::consts::PI / 180.0;
    let sign = if i < j { 1.0 } else { -1.0 };
    (sign * angle.cos() * 1e-2, sign * angle.sin() * 1e-2)
}

/// Moves the items for which `left` holds to the front; returns how many there are.
fn partition(items: &mut [u32], left: impl Fn(u32) -> bool) -> usize {
    let mut split = 0;
    for i in 0..items.len() {
        if left(items[i]) {
            items.swap(i, split);
            split += 1;
        }
    }
    split
}

/// A random graph with `nodes` nodes and `edges` distinct edges (no loops), from `seed`: the
/// benchmark's input, the same natively, in wasm and for d3-force.
pub fn random_graph(nodes: usize, edges: usize, seed: u64) -> Vec<(usize, usize)> {
    let mut layout = Layout::new(seed);
    let most = nodes * nodes.saturating_sub(1) / 2;
    let mut seen = rustc_hash::FxHashSet::default();
    let mut out = Vec::with_capacity(edges.min(most));
    while out.len() < edges.min(most) {
        let a = ((layout.jitter() + 0.5) * nodes as f32) as usize % nodes;
        let b = ((layout.jitter() + 0.5) * nodes as f32) as usize % nodes;
        if a != b && seen.insert((a.min(b), a.max(b))) {
            out.push((a.min(b), a.max(b)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("n{i}")).collect()
    }

    fn settled(nodes: usize, edges: &[(usize, usize)], seed: u64) -> Layout {
        let mut layout = Layout::new(seed);
        let weighted: Vec<_> = edges.iter().map(|&(a, b)| (a, b, 1.0)).collect();
        layout.set_graph(&keys(nodes), &weighted);
        assert!(layout.step(1000), "settles within its cooling schedule");
        layout
    }

    fn distance(l: &Layout, a: usize, b: usize) -> f32 {
        let ((xa, ya), (xb, yb)) = (l.position(a), l.position(b));
        ((xa - xb).powi(2) + (ya - yb).powi(2)).sqrt()
    }

    /// Two 5-cliques joined by one edge (4–5).
    fn two_cliques() -> Vec<(usize, usize)> {
        let mut edges = vec![(4, 5)];
        for base in [0, 5] {
            for a in 0..5 {
                for b in a + 1..5 {
                    edges.push((base + a, base + b));
                }
            }
        }
        edges
    }

    #[test]
    fn the_same_graph_gives_the_same_positions_bit_for_bit() {
        let edges = random_graph(200, 600, 7);
        let (a, b) = (settled(200, &edges, 1), settled(200, &edges, 1));
        for i in 0..200 {
            assert_eq!(a.position(i).0.to_bits(), b.position(i).0.to_bits());
            assert_eq!(a.position(i).1.to_bits(), b.position(i).1.to_bits());
        }
    }

    #[test]
    fn cliques_gather_and_stay_apart() {
        let l = settled(10, &two_cliques(), 3);
        let mut inside = Vec::new();
        let mut across = Vec::new();
        for a in 0..10 {
            for b in a + 1..10 {
                let d = distance(&l, a, b);
                if (a < 5) == (b < 5) {
                    inside.push(d);
                } else {
                    across.push(d);
                }
            }
        }
        let mean = |v: &[f32]| v.iter().sum::<f32>() / v.len() as f32;
        assert!(
            mean(&inside) * 1.5 < mean(&across),
            "{} vs {}",
            mean(&inside),
            mean(&across)
        );
    }

    #[test]
    fn barnes_hut_is_close_to_the_exact_repulsion() {
        let mut l = Layout::new(5);
        l.set_graph(&keys(400), &[]);
        for i in 0..400 {
            let (a, b) = (l.jitter(), l.jitter());
            (l.x[i], l.y[i]) = (a * 800.0, b * 800.0);
        }
        l.alpha = 1.0;
        l.apply_charge();
        let mut error = 0.0;
        let mut total = 0.0;
        for i in 0..400 {
            let (mut fx, mut fy) = (0.0f32, 0.0f32);
            for j in 0..400 {
                if i != j {
                    let (dx, dy) = (l.x[j] - l.x[i], l.y[j] - l.y[i]);
                    let d2 = (dx * dx + dy * dy).max(MIN_DISTANCE2);
                    fx += dx * CHARGE / d2;
                    fy += dy * CHARGE / d2;
                }
            }
            error += ((l.vx[i] - fx).powi(2) + (l.vy[i] - fy).powi(2)).sqrt();
            total += (fx * fx + fy * fy).sqrt();
        }
        assert!(error / total < 0.05, "relative error {}", error / total);
    }

    #[test]
    fn a_new_node_leaves_the_others_nearly_where_they_were() {
        let edges = random_graph(100, 200, 9);
        let mut l = settled(100, &edges, 2);
        let before: Vec<(f32, f32)> = (0..100).map(|i| l.position(i)).collect();
        let (x0, y0, x1, y1) = l.bounds();
        let mut grown: Vec<(usize, usize, f32)> = edges.iter().map(|&(a, b)| (a, b, 1.0)).collect();
        grown.push((0, 100, 1.0));
        l.set_graph(&keys(101), &grown);
        assert!(l.step(1000));
        let moved: f32 = (0..100)
            .map(|i| {
                let ((xa, ya), (xb, yb)) = (before[i], l.position(i));
                ((xa - xb).powi(2) + (ya - yb).powi(2)).sqrt()
            })
            .sum::<f32>()
            / 100.0;
        let extent = (x1 - x0).max(y1 - y0);
        assert!(moved < extent * 0.05, "moved {moved} of {extent}");
        assert!(
            distance(&l, 0, 100) < LINK_DISTANCE * 3.0,
            "the new node sits by its neighbour"
        );
    }

    #[test]
    fn a_pinned_node_stays_put() {
        let mut l = Layout::new(4);
        l.set_graph(&keys(10), &[(0, 1, 1.0), (1, 2, 1.0)]);
        l.pin(1, 500.0, -200.0);
        l.step(50);
        assert_eq!(l.position(1), (500.0, -200.0));
        l.release(1);
        l.reheat(0.5);
        l.step(50);
        assert_ne!(l.position(1), (500.0, -200.0));
    }

    #[test]
    fn no_nodes_one_node_and_coincident_nodes_stay_finite() {
        let mut l = Layout::new(1);
        l.set_graph(&[], &[]);
        assert!(l.step(10));
        l.set_graph(&keys(1), &[]);
        l.step(10);
        assert!(l.position(0).0.is_finite());
        l.set_graph(&keys(30), &[(0, 1, 1.0)]);
        for i in 0..30 {
            l.pin(i, 0.0, 0.0);
            l.release(i);
        }
        l.reheat(1.0);
        l.step(300);
        assert!((0..30).all(|i| l.position(i).0.is_finite() && l.position(i).1.is_finite()));
        let (x0, _, x1, _) = l.bounds();
        assert!(x1 - x0 > 10.0, "coincident nodes are pushed apart");
    }
}

//! Communities of a weighted graph, by the local-moving phase of Louvain: every node moves to
//! the neighbouring community that raises modularity most, until no move helps. Groups that
//! name each other more than chance would have it end up together — the graph's colouring by
//! community.
//!
//! Deterministic: nodes are visited in index order, and a node stays put unless a move gains
//! strictly more.

/// Passes over the nodes at most (5–100): local moving settles in a handful on real graphs; the
/// cap bounds the work on pathological ones.
const MAX_ROUNDS: usize = 30;

/// The community of each of `nodes` nodes, numbered from 0 by descending size (ties by first
/// node). `edges` are (a, b, weight > 0), undirected.
pub fn communities(nodes: usize, edges: &[(usize, usize, f32)]) -> Vec<usize> {
    let mut neighbours: Vec<Vec<(usize, f64)>> = vec![Vec::new(); nodes];
    let mut degree = vec![0.0f64; nodes];
    let mut total = 0.0f64;
    for &(a, b, w) in edges
        .iter()
        .filter(|e| e.0 != e.1 && e.0 < nodes && e.1 < nodes)
    {
        let w = f64::from(w);
        neighbours[a].push((b, w));
        neighbours[b].push((a, w));
        degree[a] += w;
        degree[b] += w;
        total += 2.0 * w;
    }
    let mut label: Vec<usize> = (0..nodes).collect();
    // Sum of the degrees in each community.
    let mut tot = degree.clone();
    let mut weights: Vec<(usize, f64)> = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let mut changed = false;
        for i in 0..nodes {
            if neighbours[i].is_empty() {
                continue;
            }
            weights.clear();
            for &(j, w) in &neighbours[i] {
                match weights.iter_mut().find(|(l, _)| *l == label[j]) {
                    Some(entry) => entry.1 += w,
                    None => weights.push((label[j], w)),
                }
            }
            let own = label[i];
            tot[own] -= degree[i];
            // Modularity gain of joining community c, up to a constant factor.
            let gain = |c: usize, w_in: f64| w_in - tot[c] * degree[i] / total;
            let own_in = weights.iter().find(|e| e.0 == own).map_or(0.0, |e| e.1);
            let mut best = (own, gain(own, own_in));
            for &(c, w_in) in &weights {
                let g = gain(c, w_in);
                if g > best.1 + 1e-12 {
                    best = (c, g);
                }
            }
            label[i] = best.0;
            tot[best.0] += degree[i];
            changed |= best.0 != own;
        }
        if !changed {
            break;
        }
    }
    // Renumber: biggest community first.
    let mut sizes: Vec<(usize, usize, usize)> = Vec::new(); // (label, size, first node)
    for (i, &l) in label.iter().enumerate() {
        match sizes.iter_mut().find(|s| s.0 == l) {
            Some(s) => s.1 += 1,
            None => sizes.push((l, 1, i)),
        }
    }
    sizes.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    label
        .iter()
        .map(|l| {
            sizes
                .iter()
                .position(|s| s.0 == *l)
                .expect("a counted label")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clique(base: usize, n: usize) -> Vec<(usize, usize, f32)> {
        let mut edges = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                edges.push((base + a, base + b, 1.0));
            }
        }
        edges
    }

    #[test]
    fn two_cliques_joined_by_one_edge_are_two_communities() {
        let mut edges = clique(0, 5);
        edges.extend(clique(5, 6));
        edges.push((4, 5, 1.0));
        let c = communities(11, &edges);
        assert_eq!(
            c,
            [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0],
            "the bigger clique is 0"
        );
    }

    #[test]
    fn nodes_without_edges_are_communities_of_their_own() {
        assert_eq!(communities(3, &[]), [0, 1, 2]);
        assert_eq!(communities(4, &[(1, 2, 1.0)]), [1, 0, 0, 2]);
    }

    #[test]
    fn weights_decide_where_a_bridge_node_goes() {
        // Node 6 is tied to both triangles, more heavily to the second.
        let mut edges = clique(0, 3);
        edges.extend(clique(3, 3));
        edges.push((6, 0, 1.0));
        edges.push((6, 3, 3.0));
        let c = communities(7, &edges);
        assert_eq!(c[6], c[3]);
        assert_ne!(c[6], c[0]);
    }
}

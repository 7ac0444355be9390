//! Disjoint sets (union–find with path compression): which items a set of pairwise joins puts
//! together. Entity resolution joins spellings; the quote table joins quotes of one statement.

pub(crate) struct UnionFind(Vec<usize>);

impl UnionFind {
    /// `n` items, each alone.
    pub(crate) fn new(n: usize) -> UnionFind {
        UnionFind((0..n).collect())
    }

    pub(crate) fn find(&mut self, i: usize) -> usize {
        let parent = self.0[i];
        if parent == i {
            return i;
        }
        let root = self.find(parent);
        self.0[i] = root;
        root
    }

    /// Joins the sets of `a` and `b`; the set keeps `a`'s root.
    pub(crate) fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[b] = a;
        }
    }
}

//! Facets: each document's source, entities, entity types and month; selections of values (any
//! value within a facet, every facet with a selection); and for each value, how many documents
//! it would leave if added to the selection, as Pagefind shows.
//!
//! **Only body mentions count**: an entity named in a sign-up box or a list of related links is
//! not what the article is about, so it neither lists nor filters the article.

use rustc_hash::FxHashMap as HashMap;

use crate::corpus::Corpus;
use crate::entities::EntityIndex;
use crate::mentions::EntityType;
use crate::text::fold;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Facet {
    Source,
    Entity,
    Type,
    Month,
}

impl Facet {
    pub const ALL: [Facet; 4] = [Facet::Source, Facet::Entity, Facet::Type, Facet::Month];

    /// The facet's name in URLs and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Facet::Source => "source",
            Facet::Entity => "entity",
            Facet::Type => "type",
            Facet::Month => "month",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Facet::Source => "Source",
            Facet::Entity => "Entity",
            Facet::Type => "Entity type",
            Facet::Month => "Month",
        }
    }
}

/// The source value of a document whose outlet is not stated (worded as the list says it).
pub const NO_SOURCE: &str = "(outlet not stated)";
/// The month value of a document with no date.
pub const UNDATED: &str = "undated";

/// The chosen values of each facet, by key (an entity's id, the other facets' values as shown).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection(pub [Vec<String>; 4]);

impl Selection {
    pub fn of(&self, facet: Facet) -> &[String] {
        &self.0[facet as usize]
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Vec::is_empty)
    }

    /// This selection with `key` added to `facet`, or removed if it was there.
    pub fn toggled(&self, facet: Facet, key: &str) -> Selection {
        let mut next = self.clone();
        let values = &mut next.0[facet as usize];
        match values.iter().position(|v| v == key) {
            Some(i) => {
                values.remove(i);
            }
            None => values.push(key.to_string()),
        }
        next
    }
}

/// One facet's values and which documents have which, as compressed rows.
#[derive(Clone, Debug, Default)]
struct Table {
    /// (key, label) of each value.
    values: Vec<(String, String)>,
    /// Key → value number.
    numbers: HashMap<String, u32>,
    /// Each value's label, folded, for the entity finder.
    folded: Vec<String>,
    /// Document `d`'s values are `doc_values[starts[d]..starts[d + 1]]`, ascending.
    starts: Vec<u32>,
    doc_values: Vec<u32>,
}

impl Table {
    fn from_pairs(
        values: Vec<(String, String)>,
        documents: usize,
        pairs: Vec<(u32, u32)>,
    ) -> Table {
        // Bucketed by document, then each document's few values sorted: sorting the 700,000
        // entity mentions of 10,000 articles as one list took most of the facets' build time.
        let mut bucket_starts = vec![0usize; documents + 1];
        for &(d, _) in &pairs {
            bucket_starts[d as usize + 1] += 1;
        }
        for d in 0..documents {
            bucket_starts[d + 1] += bucket_starts[d];
        }
        let mut bucketed = vec![0u32; pairs.len()];
        let mut fill = bucket_starts.clone();
        for (d, v) in pairs {
            bucketed[fill[d as usize]] = v;
            fill[d as usize] += 1;
        }
        let mut starts = Vec::with_capacity(documents + 1);
        let mut doc_values = Vec::with_capacity(bucketed.len());
        for d in 0..documents {
            starts.push(doc_values.len() as u32);
            let values = &mut bucketed[bucket_starts[d]..bucket_starts[d + 1]];
            values.sort_unstable();
            doc_values.extend(
                values
                    .iter()
                    .enumerate()
                    .filter_map(|(i, v)| (i == 0 || values[i - 1] != *v).then_some(*v)),
            );
        }
        starts.push(doc_values.len() as u32);
        let numbers = values
            .iter()
            .enumerate()
            .map(|(v, (key, _))| (key.clone(), v as u32))
            .collect();
        let folded = values.iter().map(|(_, label)| fold(label)).collect();
        Table {
            values,
            numbers,
            folded,
            starts,
            doc_values,
        }
    }

    fn of(&self, doc: usize) -> &[u32] {
        &self.doc_values[self.starts[doc] as usize..self.starts[doc + 1] as usize]
    }

    fn key_number(&self, key: &str) -> Option<u32> {
        self.numbers.get(key).copied()
    }
}

/// The facet values of every document of a corpus.
#[derive(Clone, Debug, Default)]
pub struct FacetIndex {
    tables: [Table; 4],
}

/// A value of a facet with its count.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ValueCount {
    /// What a selection names: an entity's id, else the value as shown.
    pub key: String,
    pub label: String,
    /// How many documents the results would hold with this value added to the selection (for a
    /// selected value: how many of them have it).
    pub count: usize,
    /// How many of the documents the other facets' selections leave have this value: the
    /// height of a histogram bar.
    pub documents: usize,
    pub selected: bool,
}

/// The values of one facet worth showing, and how many more there are.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct FacetCounts {
    pub facet: &'static str,
    pub values: Vec<ValueCount>,
    /// Values with documents left out by the limit or the name filter.
    pub more: usize,
}

/// How many entity values to show, and which.
#[derive(Clone, Debug, Default)]
pub struct EntityLimit<'a> {
    /// At most this many entities (most documents first); selected ones are always shown.
    pub top: usize,
    /// Only entities whose name or id contains this (case and diacritics aside).
    pub find: &'a str,
}

impl FacetIndex {
    pub fn build(corpus: &Corpus, entities: &EntityIndex) -> FacetIndex {
        let n = corpus.documents.len();
        let numbered = |pairs: Vec<(u32, String)>| {
            let mut names: Vec<String> = pairs.iter().map(|(_, v)| v.clone()).collect();
            names.sort_unstable();
            names.dedup();
            let rows = pairs
                .iter()
                .map(|(d, v)| (*d, names.binary_search(v).unwrap_or_default() as u32))
                .collect();
            let values = names.into_iter().map(|v| (v.clone(), v)).collect();
            Table::from_pairs(values, n, rows)
        };
        let sources = numbered(
            corpus
                .documents
                .iter()
                .enumerate()
                .map(|(d, doc)| {
                    (
                        d as u32,
                        doc.outlet.clone().unwrap_or_else(|| NO_SOURCE.into()),
                    )
                })
                .collect(),
        );
        let months = numbered(
            corpus
                .documents
                .iter()
                .enumerate()
                .map(|(d, doc)| {
                    let month = doc.date.map_or_else(
                        || UNDATED.to_string(),
                        |date| format!("{:04}-{:02}", date.year, date.month),
                    );
                    (d as u32, month)
                })
                .collect(),
        );
        let shown: Vec<_> = entities.entities.iter().filter(|e| !e.hidden).collect();
        let mut by_entity = Vec::new();
        let mut by_type = Vec::new();
        for (e, entity) in shown.iter().enumerate() {
            for m in entity
                .mentions
                .iter()
                .filter(|m| !m.boilerplate && m.doc < n)
            {
                by_entity.push((m.doc as u32, e as u32));
                by_type.push((m.doc as u32, entity.kind as u32));
            }
        }
        let entity_values = shown
            .iter()
            .map(|e| (e.id.clone(), e.name.clone()))
            .collect();
        let type_values = EntityType::ALL
            .iter()
            .map(|k| (k.label().to_string(), k.label().to_string()))
            .collect();
        FacetIndex {
            tables: [
                sources,
                Table::from_pairs(entity_values, n, by_entity),
                Table::from_pairs(type_values, n, by_type),
                months,
            ],
        }
    }

    /// Approximate heap memory, in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.tables
            .iter()
            .map(|t| {
                t.values
                    .iter()
                    .map(|(k, l)| 2 * k.capacity() + l.capacity() + 80)
                    .sum::<usize>()
                    + (t.starts.capacity() + t.doc_values.capacity()) * 4
            })
            .sum()
    }

    /// The label of `facet`'s value `key` (an entity's name, for its id), if a document has it.
    pub fn label(&self, facet: Facet, key: &str) -> Option<&str> {
        let table = self.table(facet);
        let v = table.key_number(key)?;
        Some(&table.values[v as usize].1)
    }

    fn table(&self, facet: Facet) -> &Table {
        &self.tables[facet as usize]
    }

    /// The value numbers of document `doc` in `facet`.
    pub(crate) fn values_of(&self, facet: Facet, doc: usize) -> &[u32] {
        self.table(facet).of(doc)
    }

    /// Every month from the corpus's first dated document to its last: a histogram's axis.
    pub fn month_axis(&self) -> Vec<String> {
        let values = &self.table(Facet::Month).values;
        let mut dated = values
            .iter()
            .map(|(key, _)| key.as_str())
            .filter(|k| *k != UNDATED);
        let first = dated.next();
        match (first, dated.next_back().or(first)) {
            (Some(a), Some(b)) => months_between(a, b),
            _ => Vec::new(),
        }
    }

    /// The value number of `key` in `facet`, if any document has it.
    pub(crate) fn value_number(&self, facet: Facet, key: &str) -> Option<u32> {
        self.table(facet).key_number(key)
    }

    /// The key of value number `value` in `facet` (an entity's id).
    pub(crate) fn value_key(&self, facet: Facet, value: u32) -> Option<&str> {
        let values = &self.table(facet).values;
        values.get(value as usize).map(|(key, _)| key.as_str())
    }

    /// For each facet, the selected value numbers, or `None` when nothing is selected in it.
    /// A selected key no document has matches nothing.
    fn chosen(&self, selection: &Selection) -> [Option<Vec<u32>>; 4] {
        Facet::ALL.map(|facet| {
            let keys = selection.of(facet);
            (!keys.is_empty()).then(|| {
                let mut numbers: Vec<u32> = keys
                    .iter()
                    .filter_map(|k| self.value_number(facet, k))
                    .collect();
                numbers.sort_unstable();
                numbers
            })
        })
    }

    /// Whether `doc` has one of the chosen values of every facet with a selection; bit `f` of the
    /// result is set when facet `f` lets it through.
    fn passes(&self, chosen: &[Option<Vec<u32>>; 4], doc: usize) -> u8 {
        let mut bits = 0;
        for facet in Facet::ALL {
            let through = match &chosen[facet as usize] {
                None => true,
                Some(numbers) => self
                    .values_of(facet, doc)
                    .iter()
                    .any(|v| numbers.binary_search(v).is_ok()),
            };
            bits |= u8::from(through) << facet as u8;
        }
        bits
    }

    /// The documents of `docs` (in their order) that the selection keeps.
    pub fn filter(&self, docs: &[usize], selection: &Selection) -> Vec<usize> {
        if selection.is_empty() {
            return docs.to_vec();
        }
        let chosen = self.chosen(selection);
        docs.iter()
            .copied()
            .filter(|&d| self.passes(&chosen, d) == 0b1111)
            .collect()
    }

    /// The counts of every facet over `docs` (the query's matches, before the selection).
    pub fn counts(
        &self,
        docs: &[usize],
        selection: &Selection,
        limit: &EntityLimit,
    ) -> Vec<FacetCounts> {
        let chosen = self.chosen(selection);
        let passes: Vec<u8> = docs.iter().map(|&d| self.passes(&chosen, d)).collect();
        let results = passes.iter().filter(|&&p| p == 0b1111).count();
        Facet::ALL
            .iter()
            .map(|&facet| {
                let table = self.table(facet);
                let bit = 1u8 << facet as u8;
                // Documents every other facet lets through: those this facet's values act on.
                let mut having = vec![0usize; table.values.len()];
                let mut added = vec![0usize; table.values.len()];
                for (&d, &p) in docs.iter().zip(&passes) {
                    if p | bit != 0b1111 {
                        continue;
                    }
                    for &v in table.of(d) {
                        having[v as usize] += 1;
                        if p & bit == 0 {
                            added[v as usize] += 1;
                        }
                    }
                }
                let active = chosen[facet as usize].is_some();
                let chosen_here = chosen[facet as usize].as_deref().unwrap_or_default();
                let is_selected = |v: u32| chosen_here.binary_search(&v).is_ok();
                let count = |v: u32| {
                    if active && !is_selected(v) {
                        results + added[v as usize]
                    } else {
                        having[v as usize]
                    }
                };
                // Value numbers first; only those shown are cloned out (an entity facet over
                // 10,000 articles has tens of thousands of values).
                let mut shown: Vec<u32> = (0..table.values.len() as u32)
                    .filter(|&v| having[v as usize] > 0 || is_selected(v))
                    .collect();
                let before = shown.len();
                let order = |a: &u32, b: &u32| {
                    is_selected(*b)
                        .cmp(&is_selected(*a))
                        .then(count(*b).cmp(&count(*a)))
                        .then_with(|| {
                            table.values[*a as usize]
                                .1
                                .cmp(&table.values[*b as usize].1)
                        })
                };
                if facet == Facet::Entity {
                    if !limit.find.trim().is_empty() {
                        let find = fold(limit.find);
                        shown.retain(|&v| {
                            is_selected(v)
                                || table.folded[v as usize].contains(&find)
                                || table.values[v as usize].0.contains(&find)
                        });
                    }
                    let keep = chosen_here.len() + limit.top;
                    if shown.len() > keep {
                        shown.select_nth_unstable_by(keep, order);
                        shown.truncate(keep);
                    }
                }
                match facet {
                    Facet::Source | Facet::Entity => shown.sort_unstable_by(order),
                    // Types in their fixed order, months by date (undated sorts last).
                    Facet::Type | Facet::Month => {}
                }
                let more = if facet == Facet::Entity {
                    before - shown.len()
                } else {
                    0
                };
                let mut values: Vec<ValueCount> = shown
                    .into_iter()
                    .map(|v| {
                        let (key, label) = &table.values[v as usize];
                        ValueCount {
                            key: key.clone(),
                            label: label.clone(),
                            count: count(v),
                            documents: having[v as usize],
                            selected: is_selected(v),
                        }
                    })
                    .collect();
                // A selected key no document has (a renamed entity, an edited link) stays listed
                // so that it can be cleared.
                for key in selection.of(facet) {
                    if table.key_number(key).is_none() {
                        values.insert(
                            0,
                            ValueCount {
                                key: key.clone(),
                                label: key.clone(),
                                count: 0,
                                documents: 0,
                                selected: true,
                            },
                        );
                    }
                }
                FacetCounts {
                    facet: facet.key(),
                    values,
                    more,
                }
            })
            .collect()
    }
}

/// Every month from `first` to `last` ("YYYY-MM", inclusive), so a histogram shows gaps; empty
/// when either is not a month or `last` comes first.
pub fn months_between(first: &str, last: &str) -> Vec<String> {
    let parse = |m: &str| -> Option<u32> {
        let (y, m) = m.split_once('-')?;
        let (y, m): (u32, u32) = (y.parse().ok()?, m.parse().ok()?);
        (1..=12).contains(&m).then_some(y * 12 + m - 1)
    };
    match (parse(first), parse(last)) {
        (Some(a), Some(b)) => (a..=b)
            .map(|i| format!("{:04}-{:02}", i / 12, i % 12 + 1))
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three outlets' articles: two name Jeff Bezos in the body, one only in a sign-up box.
    fn corpus() -> (Corpus, FacetIndex) {
        let corpus = Corpus::from_texts(
            [
                (
                    "a.txt",
                    "Amazon pauses Rekognition\n\nJune 10, 2020\n\nJeff Bezos said Amazon would \
                     pause police use of Rekognition for a year.",
                ),
                (
                    "b.txt",
                    "IBM leaves face recognition\n\nJune 8, 2020\n\nArvind Krishna of IBM wrote \
                     to Congress on Monday.",
                ),
                (
                    "c.txt",
                    "Bezos answers critics\n\nJuly 1, 2020\n\nJeff Bezos wrote to a customer in \
                     Seattle about the protests.",
                ),
                (
                    "d.txt",
                    "Microsoft halts sales\n\nMicrosoft will not sell face recognition to \
                     police in Boston.",
                ),
            ],
            None,
        );
        let entities = crate::entities::resolve(&corpus);
        let facets = FacetIndex::build(&corpus, &entities);
        (corpus, facets)
    }

    fn counts(all: &[FacetCounts], facet: Facet) -> Vec<(&str, usize, bool)> {
        all.iter()
            .find(|f| f.facet == facet.key())
            .unwrap()
            .values
            .iter()
            .map(|v| (v.label.as_str(), v.count, v.selected))
            .collect()
    }

    #[test]
    fn months_are_in_date_order_and_undated_documents_have_their_own_value() {
        let (_, f) = corpus();
        let all = f.counts(
            &[0, 1, 2, 3],
            &Selection::default(),
            &EntityLimit::default(),
        );
        assert_eq!(
            counts(&all, Facet::Month),
            [
                ("2020-06", 2, false),
                ("2020-07", 1, false),
                ("undated", 1, false)
            ]
        );
    }

    #[test]
    fn the_month_axis_spans_the_corpus_whatever_the_results() {
        let (_, f) = corpus();
        assert_eq!(f.month_axis(), ["2020-06", "2020-07"]);
    }

    #[test]
    fn months_between_fills_the_gaps_across_a_new_year() {
        assert_eq!(
            months_between("2019-11", "2020-02"),
            ["2019-11", "2019-12", "2020-01", "2020-02"]
        );
        assert_eq!(months_between("2020-06", "2020-06"), ["2020-06"]);
        assert!(months_between("2020-06", "2020-05").is_empty());
        assert!(months_between("undated", "2020-05").is_empty());
    }

    #[test]
    fn within_a_facet_values_add_and_across_facets_they_narrow() {
        let (_, f) = corpus();
        let june = Selection::default().toggled(Facet::Month, "2020-06");
        assert_eq!(f.filter(&[0, 1, 2, 3], &june), [0, 1]);
        let june_or_july = june.toggled(Facet::Month, "2020-07");
        assert_eq!(f.filter(&[0, 1, 2, 3], &june_or_july), [0, 1, 2]);
        let with_person = june.toggled(Facet::Type, "PERSON");
        // b names Arvind Krishna, a Jeff Bezos: both June articles name a person.
        assert_eq!(f.filter(&[0, 1, 2, 3], &with_person), [0, 1]);
        let bezos = f
            .counts(
                &[0, 1, 2, 3],
                &Selection::default(),
                &EntityLimit {
                    top: 10,
                    find: "bezos",
                },
            )
            .into_iter()
            .find(|c| c.facet == "entity")
            .unwrap()
            .values[0]
            .key
            .clone();
        let june_and_bezos = june.toggled(Facet::Entity, &bezos);
        assert_eq!(f.filter(&[0, 1, 2, 3], &june_and_bezos), [0]);
        // The order of the documents given is kept.
        assert_eq!(f.filter(&[2, 0, 1], &june_or_july), [2, 0, 1]);
    }

    #[test]
    fn each_value_says_how_many_documents_it_would_leave_if_added() {
        let (_, f) = corpus();
        let june = Selection::default().toggled(Facet::Month, "2020-06");
        let all = f.counts(&[0, 1, 2, 3], &june, &EntityLimit { top: 10, find: "" });
        // Two results now; adding July would leave three, adding "undated" three.
        assert_eq!(
            counts(&all, Facet::Month),
            [
                ("2020-06", 2, true),
                ("2020-07", 3, false),
                ("undated", 3, false)
            ]
        );
        let july = &all[Facet::Month as usize].values[1];
        assert_eq!((july.count, july.documents), (3, 1));
        // Other facets count within the June results only.
        let sources: usize = counts(&all, Facet::Source).iter().map(|v| v.1).sum();
        assert_eq!(sources, 2);
        assert!(counts(&all, Facet::Entity).contains(&("Jeff Bezos", 1, false)));
    }

    #[test]
    fn with_one_source_chosen_another_would_add_its_own_documents() {
        let (mut corpus, _) = corpus();
        for (doc, outlet) in corpus
            .documents
            .iter_mut()
            .zip(["CNN", "Vox", "Vox", "CNN"])
        {
            doc.outlet = Some(outlet.into());
        }
        let entities = crate::entities::resolve(&corpus);
        let f = FacetIndex::build(&corpus, &entities);
        let cnn = Selection::default().toggled(Facet::Source, "CNN");
        assert_eq!(f.filter(&[0, 1, 2, 3], &cnn), [0, 3]);
        let all = f.counts(&[0, 1, 2, 3], &cnn, &EntityLimit { top: 5, find: "" });
        assert_eq!(
            counts(&all, Facet::Source),
            [("CNN", 2, true), ("Vox", 4, false)]
        );
    }

    #[test]
    fn a_selected_value_nobody_has_is_listed_and_matches_nothing() {
        let (_, f) = corpus();
        let gone = Selection::default().toggled(Facet::Entity, "person:someone-renamed");
        assert_eq!(f.filter(&[0, 1, 2, 3], &gone), Vec::<usize>::new());
        let all = f.counts(&[0, 1, 2, 3], &gone, &EntityLimit { top: 3, find: "" });
        let entity = counts(&all, Facet::Entity);
        assert_eq!(entity[0], ("person:someone-renamed", 0, true));
    }

    #[test]
    fn the_entity_facet_shows_the_top_values_matching_the_filter_and_counts_the_rest() {
        let (_, f) = corpus();
        let all = f.counts(
            &[0, 1, 2, 3],
            &Selection::default(),
            &EntityLimit { top: 2, find: "" },
        );
        let entity = all.iter().find(|c| c.facet == "entity").unwrap();
        assert_eq!(entity.values.len(), 2);
        assert_eq!(entity.values[0].label, "Jeff Bezos");
        assert_eq!(
            f.label(Facet::Entity, "person:jeff-bezos"),
            Some("Jeff Bezos")
        );
        assert_eq!(f.label(Facet::Entity, "person:nobody"), None);
        assert_eq!(entity.values[0].count, 2);
        assert!(entity.more > 0);
        let found = f.counts(
            &[0, 1, 2, 3],
            &Selection::default(),
            &EntityLimit {
                top: 5,
                find: "KRISH",
            },
        );
        let labels: Vec<_> = counts(&found, Facet::Entity)
            .into_iter()
            .map(|v| v.0)
            .collect();
        assert_eq!(labels, ["Arvind Krishna"]);
    }

    #[test]
    fn an_article_naming_an_entity_twice_counts_once_and_its_values_are_in_order() {
        let (_, f) = corpus();
        let values = f.values_of(Facet::Entity, 0);
        assert!(values.windows(2).all(|w| w[0] < w[1]), "{values:?}");
        let all = f.counts(
            &[0],
            &Selection::default(),
            &EntityLimit { top: 10, find: "" },
        );
        let amazon = counts(&all, Facet::Entity)
            .into_iter()
            .find(|v| v.0 == "Amazon");
        assert_eq!(amazon, Some(("Amazon", 1, false)));
    }

    #[test]
    fn a_name_only_in_boilerplate_does_not_list_the_article() {
        let corpus = Corpus::from_texts(
            [(
                "e.txt",
                "Budget talks stall\n\nLawmakers left without a deal on Friday.\n\n\
                 Sign up for our newsletter with Jeff Bezos news every morning. Subscribe now.",
            )],
            None,
        );
        let entities = crate::entities::resolve(&corpus);
        let f = FacetIndex::build(&corpus, &entities);
        let all = f.counts(
            &[0],
            &Selection::default(),
            &EntityLimit { top: 10, find: "" },
        );
        assert!(!counts(&all, Facet::Entity)
            .iter()
            .any(|v| v.0 == "Jeff Bezos"));
    }
}

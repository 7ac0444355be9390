//! Full-text search over a corpus: an inverted index with word positions per field, queries in
//! the language of [`crate::query`], BM25 ranking with a title boost, and snippets. Words are
//! folded (lowercase, no diacritics) and stemmed (Snowball English) alike in documents and queries.
//! Boilerplate is indexed in a field of its own and left out unless asked for.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::corpus::Corpus;
use crate::dates::Date;
use crate::entities::EntityIndex;
use crate::ingest::{Document, Role};
use crate::mentions::EntityType;
use crate::query::{Query, Term};
use crate::text::{fold, Span};

/// BM25 term-frequency saturation (usual range 1.2–2.0): how much a word's tenth occurrence adds
/// compared with its first. 1.2 suits news articles of a few hundred words.
const K1: f32 = 1.2;
/// BM25 length normalisation (0 = none, 1 = full): long articles are not favoured for repeating
/// words; 0.75 is the usual default.
const B: f32 = 0.75;
/// How many body words one title word counts for (1 = no boost). A headline names what the
/// article is about, so its words weigh more; 3 puts articles whose headline matches first
/// without letting a headline outweigh a body that is about nothing else.
const TITLE_BOOST: f32 = 3.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Body,
    Boilerplate,
}

/// One word of a document: its analysed term and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    pub term: String,
    pub span: Span,
}

/// Splits text into words (letters and digits) and analyses each: folded, then stemmed.
pub fn words(text: &str, offset: usize) -> Vec<Word> {
    let stemmer = Stemmer::create(Algorithm::English);
    word_spans(text, offset)
        .map(|span| Word {
            term: analyse(&stemmer, &text[span.start - offset..span.end - offset]),
            span,
        })
        .collect()
}

/// Where the words of `text` stand (runs of letters and digits), shifted by `offset`; the
/// boundaries of [`words`], without the cost of analysing each word.
pub(crate) fn word_spans(text: &str, offset: usize) -> impl Iterator<Item = Span> + '_ {
    let mut start = None;
    text.char_indices()
        .chain(std::iter::once((text.len(), ' ')))
        .filter_map(move |(i, c)| match (start, c.is_alphanumeric()) {
            (None, true) => {
                start = Some(i);
                None
            }
            (Some(s), false) => {
                start = None;
                Some(Span::new(offset + s, offset + i))
            }
            _ => None,
        })
}

/// Lowercase, without diacritics ("Gebrü" → "gebru"), stemmed ("policing" → "polic").
fn analyse(stemmer: &Stemmer, raw: &str) -> String {
    stemmer.stem(&fold_diacritics(raw)).into_owned()
}

pub(crate) fn fold_diacritics(raw: &str) -> String {
    if raw.is_ascii() {
        return raw.to_ascii_lowercase();
    }
    raw.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

#[derive(Clone, Debug)]
struct Posting {
    doc: u32,
    field: Field,
    positions: Vec<u32>,
}

/// What the index keeps of each document besides its words.
#[derive(Clone, Debug, Default)]
struct DocInfo {
    title_len: u32,
    body_len: u32,
    date: Option<Date>,
    /// The outlet's name, folded and padded with spaces so a word run matches whole: " fox news ".
    source: String,
    entities: HashSet<u32>,
    types: HashSet<EntityType>,
}

/// The inverted index of a corpus.
pub struct Index {
    postings: HashMap<String, Vec<Posting>>,
    /// Every term, sorted, for prefix queries.
    terms: Vec<String>,
    docs: Vec<DocInfo>,
    /// Entity names and aliases, folded, to the entity's number in `EntityIndex::entities`.
    entity_names: HashMap<String, Vec<u32>>,
    average_length: f32,
}

/// A matching document and its score (higher first).
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub doc: usize,
    pub score: f32,
}

/// Options of one search.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Search boilerplate (captions, sign-up boxes, related links) too.
    pub boilerplate: bool,
}

impl Index {
    /// Indexes every document of `corpus`, with the entities each mentions.
    pub fn build(corpus: &Corpus, entities: &EntityIndex) -> Index {
        let mut postings: HashMap<String, Vec<Posting>> = HashMap::default();
        let mut docs: Vec<DocInfo> = Vec::with_capacity(corpus.documents.len());
        for (d, doc) in corpus.documents.iter().enumerate() {
            let mut info = DocInfo {
                date: doc.date,
                source: format!(" {} ", doc.outlet.as_deref().map(fold).unwrap_or_default()),
                ..DocInfo::default()
            };
            for (field, words) in field_words(doc) {
                let length = u32::try_from(words.len()).unwrap_or(u32::MAX);
                match field {
                    Field::Title => info.title_len = length,
                    Field::Body => info.body_len = length,
                    Field::Boilerplate => {}
                }
                let mut positions: HashMap<&str, Vec<u32>> = HashMap::default();
                for (p, w) in words.iter().enumerate() {
                    positions.entry(&w.term).or_default().push(p as u32);
                }
                for (term, positions) in positions {
                    postings.entry(term.to_string()).or_default().push(Posting {
                        doc: d as u32,
                        field,
                        positions,
                    });
                }
            }
            docs.push(info);
        }
        let mut entity_names: HashMap<String, Vec<u32>> = HashMap::default();
        for (e, entity) in entities.entities.iter().enumerate() {
            for name in std::iter::once(&entity.name).chain(&entity.aliases) {
                entity_names.entry(fold(name)).or_default().push(e as u32);
            }
            for m in &entity.mentions {
                if let Some(info) = docs.get_mut(m.doc) {
                    info.entities.insert(e as u32);
                    info.types.insert(entity.kind);
                }
            }
        }
        let mut terms: Vec<String> = postings.keys().cloned().collect();
        terms.sort_unstable();
        let total: f32 = docs
            .iter()
            .map(|d| d.body_len as f32 + TITLE_BOOST * d.title_len as f32)
            .sum();
        let average_length = total / docs.len().max(1) as f32;
        Index {
            postings,
            terms,
            docs,
            entity_names,
            average_length,
        }
    }

    /// The documents matching `query`, best first; ties newest first.
    pub fn search(&self, query: &Query, options: Options) -> Vec<Hit> {
        let n = self.docs.len();
        let mut matching = vec![true; n];
        let mut scores = vec![0f32; n];
        for clause in &query.clauses {
            let mut any = vec![false; n];
            for term in &clause.alternatives {
                let found = self.matches(term, options);
                for (d, score) in found {
                    any[d] = true;
                    if !clause.excluded {
                        scores[d] += score;
                    }
                }
            }
            for d in 0..n {
                matching[d] &= any[d] != clause.excluded;
            }
        }
        let mut hits: Vec<Hit> = (0..n)
            .filter(|&d| matching[d])
            .map(|d| Hit {
                doc: d,
                score: scores[d],
            })
            .collect();
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| self.docs[b.doc].date.cmp(&self.docs[a.doc].date))
                .then_with(|| a.doc.cmp(&b.doc))
        });
        hits
    }

    /// Documents matching one term, each with its BM25 contribution (0 for filters).
    fn matches(&self, term: &Term, options: Options) -> Vec<(usize, f32)> {
        let fields = |title_only: bool| -> &'static [Field] {
            match (title_only, options.boilerplate) {
                (true, _) => &[Field::Title],
                (false, false) => &[Field::Title, Field::Body],
                (false, true) => &[Field::Title, Field::Body, Field::Boilerplate],
            }
        };
        match term {
            Term::Word { text, title_only } => {
                let terms: Vec<String> = words(text, 0).into_iter().map(|w| w.term).collect();
                match &terms[..] {
                    [one] => self.scored(&[one.as_str()], fields(*title_only)),
                    // "covid-19", "o'neill": the parts in a row.
                    _ => self.phrase(&terms, fields(*title_only)),
                }
            }
            Term::Prefix { text, title_only } => {
                self.scored(&self.prefix_terms(text), fields(*title_only))
            }
            Term::Phrase {
                words: phrase,
                title_only,
            } => {
                let terms: Vec<String> = phrase
                    .iter()
                    .flat_map(|w| words(w, 0))
                    .map(|w| w.term)
                    .collect();
                self.phrase(&terms, fields(*title_only))
            }
            Term::Source(name) => {
                // Any run of words of the outlet's name: "fox" and "fox news" find "Fox News".
                let wanted = format!(" {} ", fold(name));
                self.filter(|d| d.source.contains(&wanted))
            }
            Term::Entity(name) => {
                let ids: HashSet<u32> = self
                    .entities_named(name)
                    .into_iter()
                    .map(|e| e as u32)
                    .collect();
                self.filter(|d| d.entities.iter().any(|e| ids.contains(e)))
            }
            Term::Type(kind) => self.filter(|d| d.types.contains(kind)),
            Term::Date(range) => self.filter(|d| d.date.is_some_and(|date| range.contains(date))),
        }
    }

    fn filter(&self, keep: impl Fn(&DocInfo) -> bool) -> Vec<(usize, f32)> {
        (0..self.docs.len())
            .filter(|&d| keep(&self.docs[d]))
            .map(|d| (d, 0.0))
            .collect()
    }

    /// Documents containing any of `terms` in `fields`, scored by BM25 over title (boosted) and body.
    fn scored(&self, terms: &[&str], fields: &[Field]) -> Vec<(usize, f32)> {
        let mut scores: HashMap<usize, f32> = HashMap::default();
        let n = self.docs.len() as f32;
        for term in terms {
            let Some(postings) = self.postings.get(*term) else {
                continue;
            };
            let mut frequency: HashMap<usize, f32> = HashMap::default();
            for p in postings.iter().filter(|p| fields.contains(&p.field)) {
                let weight = if p.field == Field::Title {
                    TITLE_BOOST
                } else {
                    1.0
                };
                *frequency.entry(p.doc as usize).or_default() += weight * p.positions.len() as f32;
            }
            let df = frequency.len() as f32;
            let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
            for (d, tf) in frequency {
                let info = &self.docs[d];
                let length = info.body_len as f32 + TITLE_BOOST * info.title_len as f32;
                let norm = K1 * (1.0 - B + B * length / self.average_length.max(1.0));
                *scores.entry(d).or_default() += idf * tf * (K1 + 1.0) / (tf + norm);
            }
        }
        scores.into_iter().collect()
    }

    /// Documents where `terms` stand in a row in one field, scored as their words.
    fn phrase(&self, terms: &[String], fields: &[Field]) -> Vec<(usize, f32)> {
        let Some(first) = terms.first() else {
            return Vec::new();
        };
        let Some(candidates) = self.postings.get(first) else {
            return Vec::new();
        };
        // Postings are in document order, at most one per field: found by binary search, so a
        // phrase of common words does not scan every posting for every candidate.
        let positions_of = |term: &str, doc: u32, field: Field| {
            let ps = self.postings.get(term)?;
            let first = ps.partition_point(|p| p.doc < doc);
            ps[first..]
                .iter()
                .take_while(|p| p.doc == doc)
                .find(|p| p.field == field)
                .map(|p| &p.positions)
        };
        let mut docs: HashSet<usize> = HashSet::default();
        for p in candidates.iter().filter(|p| fields.contains(&p.field)) {
            let rest: Option<Vec<&Vec<u32>>> = terms[1..]
                .iter()
                .map(|t| positions_of(t, p.doc, p.field))
                .collect();
            let Some(rest) = rest else { continue };
            if phrase_starts(&p.positions, &rest).next().is_some() {
                docs.insert(p.doc as usize);
            }
        }
        let refs: Vec<&str> = terms.iter().map(String::as_str).collect();
        self.scored(&refs, fields)
            .into_iter()
            .filter(|(d, _)| docs.contains(d))
            .collect()
    }
}

/// The positions in `first` where a phrase starts: each of `rest` (the positions of the phrase's
/// next words, ascending) holds the next position.
pub(crate) fn phrase_starts<'a, P: AsRef<[u32]>>(
    first: &'a [u32],
    rest: &'a [P],
) -> impl Iterator<Item = u32> + 'a {
    first.iter().copied().filter(move |&start| {
        rest.iter()
            .enumerate()
            .all(|(k, ps)| ps.as_ref().binary_search(&(start + k as u32 + 1)).is_ok())
    })
}

/// A passage of a document's body around the query's words, with those words marked.
#[derive(Clone, Debug, PartialEq)]
pub struct Snippet {
    pub span: Span,
    pub marks: Vec<Span>,
}

/// Words of context a snippet shows (10–60): about two lines of the result list.
const SNIPPET_WORDS: usize = 28;

/// The stretch of `SNIPPET_WORDS` body words holding the most query words (the document's
/// opening words when none is in the body).
pub fn snippet(doc: &Document, query: &Query) -> Snippet {
    let body = block_words(doc, Field::Body);
    let wanted = wanted_terms(query);
    let hit = |w: &Word| {
        wanted.iter().any(|t| match t {
            Wanted::Term(term) => &w.term == term,
            Wanted::Prefix(prefix) => w.term.starts_with(prefix.as_str()),
        })
    };
    let hits: Vec<bool> = body.iter().map(hit).collect();
    let window = SNIPPET_WORDS.min(body.len());
    let mut best = (0, 0);
    let mut count = hits[..window].iter().filter(|h| **h).count();
    best.1 = count;
    for start in 1..=body.len().saturating_sub(window) {
        count += usize::from(hits[start + window - 1]);
        count -= usize::from(hits[start - 1]);
        if count > best.1 {
            best = (start, count);
        }
    }
    let words = &body[best.0..best.0 + window];
    let span = match (words.first(), words.last()) {
        (Some(a), Some(b)) => Span::new(a.span.start, b.span.end),
        _ => Span::new(0, 0),
    };
    let marks = words
        .iter()
        .zip(&hits[best.0..])
        .filter(|(_, h)| **h)
        .map(|(w, _)| w.span)
        .collect();
    Snippet { span, marks }
}

enum Wanted {
    Term(String),
    Prefix(String),
}

/// The analysed words a query looks for (not those it excludes, nor its filters).
fn wanted_terms(query: &Query) -> Vec<Wanted> {
    let stemmer = Stemmer::create(Algorithm::English);
    let mut out = Vec::new();
    for clause in query.clauses.iter().filter(|c| !c.excluded) {
        for term in &clause.alternatives {
            match term {
                Term::Word { text, .. } => {
                    out.extend(words(text, 0).into_iter().map(|w| Wanted::Term(w.term)))
                }
                Term::Phrase { words: ws, .. } => out.extend(
                    ws.iter()
                        .flat_map(|w| words(w, 0))
                        .map(|w| Wanted::Term(w.term)),
                ),
                Term::Prefix { text, .. } => {
                    out.push(Wanted::Prefix(analyse(&stemmer, text)));
                }
                _ => {}
            }
        }
    }
    out
}

/// Counts of matching documents by source, entity type, month and entity.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Facets {
    /// Outlet name → documents, most first.
    pub source: Vec<(String, usize)>,
    pub entity_type: Vec<(String, usize)>,
    /// "YYYY-MM" → documents, in date order; undated documents are not counted.
    pub month: Vec<(String, usize)>,
    /// Entity name → documents, most first, at most `top_entities`.
    pub entity: Vec<(String, usize)>,
}

impl Index {
    /// Facet counts over `hits`.
    pub fn facets(
        &self,
        corpus: &Corpus,
        entities: &EntityIndex,
        hits: &[Hit],
        top_entities: usize,
    ) -> Facets {
        let mut source: HashMap<String, usize> = HashMap::default();
        let mut kinds: HashMap<&'static str, usize> = HashMap::default();
        let mut month: std::collections::BTreeMap<String, usize> = Default::default();
        let mut entity: HashMap<u32, usize> = HashMap::default();
        for hit in hits {
            let doc = &corpus.documents[hit.doc];
            let info = &self.docs[hit.doc];
            let outlet = doc.outlet.clone().unwrap_or_else(|| "(no source)".into());
            *source.entry(outlet).or_default() += 1;
            for kind in &info.types {
                *kinds.entry(kind.label()).or_default() += 1;
            }
            if let Some(date) = info.date {
                *month
                    .entry(format!("{:04}-{:02}", date.year, date.month))
                    .or_default() += 1;
            }
            for e in &info.entities {
                *entity.entry(*e).or_default() += 1;
            }
        }
        let by_count = |mut counts: Vec<(String, usize)>| {
            counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            counts
        };
        let mut entity = by_count(
            entity
                .into_iter()
                .map(|(e, n)| (entities.entities[e as usize].name.clone(), n))
                .collect(),
        );
        entity.truncate(top_entities);
        Facets {
            source: by_count(source.into_iter().collect()),
            entity_type: by_count(kinds.into_iter().map(|(k, n)| (k.to_string(), n)).collect()),
            month: month.into_iter().collect(),
            entity,
        }
    }

    /// Approximate heap memory of the index, in bytes.
    pub fn heap_bytes(&self) -> usize {
        let postings: usize = self
            .postings
            .iter()
            .map(|(term, ps)| {
                term.capacity()
                    + ps.capacity() * std::mem::size_of::<Posting>()
                    + ps.iter().map(|p| p.positions.capacity() * 4).sum::<usize>()
                    + 16
            })
            .sum();
        let terms: usize = self.terms.iter().map(|t| t.capacity() + 24).sum();
        let docs: usize = self
            .docs
            .iter()
            .map(|d| {
                std::mem::size_of::<DocInfo>()
                    + d.source.capacity()
                    + d.entities.capacity() * 8
                    + d.types.capacity() * 2
            })
            .sum();
        let names: usize = self
            .entity_names
            .iter()
            .map(|(n, ids)| n.capacity() + ids.capacity() * 4 + 32)
            .sum();
        postings + terms + docs + names
    }
}

/// The words of each field of a document: the headline, the body and the boilerplate.
fn field_words(doc: &Document) -> [(Field, Vec<Word>); 3] {
    [
        (Field::Title, words(&doc.title, 0)),
        (Field::Body, block_words(doc, Field::Body)),
        (Field::Boilerplate, block_words(doc, Field::Boilerplate)),
    ]
}

/// The words of the blocks in `field`, in text order. The body is every block that is not
/// boilerplate, headline or dateline.
fn block_words(doc: &Document, field: Field) -> Vec<Word> {
    let text = doc.text.as_str();
    field_blocks(doc, field)
        .flat_map(|b| words(b.of(text), b.start))
        .collect()
}

/// The spans of the blocks in `field` (body or boilerplate), in text order: what
/// [`block_words`] reads, so word `n` of the field is word `n` of these blocks.
pub(crate) fn field_blocks(doc: &Document, field: Field) -> impl Iterator<Item = Span> + '_ {
    let text = doc.text.as_str();
    let headline = fold(&doc.title);
    let field_of = move |role: Role, block: &str| match role {
        Role::Body | Role::Byline => Some(Field::Body),
        Role::Boilerplate(_) => Some(Field::Boilerplate),
        // A first line read as a headline while the real one came from metadata is text too.
        Role::Title if fold(block) != headline => Some(Field::Body),
        Role::Title | Role::TitleRepeat | Role::Dateline => None,
    };
    doc.blocks
        .iter()
        .filter(move |b| field_of(b.role, b.span.of(text)) == Some(field))
        .map(|b| b.span)
}

impl Index {
    /// The terms a `prefix*` expands to, sorted. Terms are stems, so the prefix is looked up both
    /// as typed and stemmed: "recognit*" must find the stem "recognit" and "recogn*" longer ones.
    pub(crate) fn prefix_terms(&self, prefix: &str) -> Vec<&str> {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut expanded: Vec<&str> = Vec::new();
        for prefix in [fold_diacritics(prefix), analyse(&stemmer, prefix)] {
            let start = self.terms.partition_point(|t| t.as_str() < prefix.as_str());
            expanded.extend(
                self.terms[start..]
                    .iter()
                    .take_while(|t| t.starts_with(&prefix))
                    .map(String::as_str),
            );
        }
        expanded.sort_unstable();
        expanded.dedup();
        expanded
    }

    /// Where the analysed `term` stands in `field`: each document holding it (ascending) with the
    /// word numbers, ascending, into that field's words ([`block_words`] for body and boilerplate,
    /// [`words`] of `Document::title` for the title).
    pub(crate) fn positions(&self, term: &str, field: Field) -> Vec<(usize, Vec<u32>)> {
        self.postings
            .get(term)
            .into_iter()
            .flatten()
            .filter(|p| p.field == field)
            .map(|p| (p.doc as usize, p.positions.clone()))
            .collect()
    }

    /// The entities (numbers into `EntityIndex::entities`) with this name or alias, folded.
    pub(crate) fn entities_named(&self, name: &str) -> Vec<usize> {
        let mut ids: Vec<usize> = self
            .entity_names
            .get(&fold(name))
            .into_iter()
            .flatten()
            .map(|&e| e as usize)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse;

    fn corpus() -> (Corpus, Index) {
        let corpus = Corpus::from_texts(
            [
                (
                    "a.txt",
                    "Amazon bans police use of Rekognition\n\nAmazon said on Wednesday that it \
                     would ban police from using its face recognition software for a year.",
                ),
                (
                    "b.txt",
                    "IBM quits the facial recognition business\n\nIBM will no longer offer \
                     general purpose facial recognition software, its chief executive wrote.",
                ),
                (
                    "c.txt",
                    "Police reform bill passes the House\n\nThe bill limits police use of force. \
                     Critics of recognition technology want more.",
                ),
            ],
            None,
        );
        let entities = crate::entities::resolve(&corpus);
        let index = Index::build(&corpus, &entities);
        (corpus, index)
    }

    fn ids(corpus: &Corpus, index: &Index, q: &str) -> Vec<String> {
        index
            .search(&parse(q), Options::default())
            .into_iter()
            .map(|h| corpus.documents[h.doc].id.clone())
            .collect()
    }

    #[test]
    fn words_fold_and_stem_alike() {
        let w: Vec<String> = words("Policing the Gebrü studies", 0)
            .into_iter()
            .map(|w| w.term)
            .collect();
        assert_eq!(w, ["polic", "the", "gebru", "studi"]);
    }

    #[test]
    fn every_word_must_match_and_the_title_ranks_first() {
        let (c, i) = corpus();
        // c has "police" in its headline and twice in its body.
        assert_eq!(ids(&c, &i, "police"), ["c.txt", "a.txt"]);
        // Both words in both; b also has "recognition" in its headline.
        assert_eq!(ids(&c, &i, "recognition software"), ["b.txt", "a.txt"]);
        // "recognition" is in b's headline: b first.
        assert_eq!(ids(&c, &i, "recognition")[0], "b.txt");
    }

    #[test]
    fn phrases_are_exact_and_not_a_bag_of_words() {
        let (c, i) = corpus();
        assert_eq!(ids(&c, &i, "\"police use\""), ["a.txt", "c.txt"]);
        assert_eq!(ids(&c, &i, "\"face recognition\""), ["a.txt"]);
        assert_eq!(ids(&c, &i, "\"recognition face\""), Vec::<String>::new());
    }

    #[test]
    fn or_exclusion_prefix_and_title() {
        let (c, i) = corpus();
        assert_eq!(ids(&c, &i, "ibm OR amazon").len(), 2);
        let mut without_ibm = ids(&c, &i, "recognition -ibm");
        without_ibm.sort();
        assert_eq!(without_ibm, ["a.txt", "c.txt"]);
        assert_eq!(ids(&c, &i, "recogn*").len(), 3);
        assert_eq!(ids(&c, &i, "title:police").len(), 2);
        assert_eq!(ids(&c, &i, "title:software"), Vec::<String>::new());
    }

    #[test]
    fn entity_and_type_filters() {
        let (c, i) = corpus();
        assert_eq!(ids(&c, &i, "entity:IBM"), ["b.txt"]);
        assert_eq!(ids(&c, &i, "entity:amazon police"), ["a.txt"]);
        assert!(ids(&c, &i, "type:ORG").contains(&"a.txt".to_string()));
    }

    #[test]
    fn snippets_mark_the_query_words() {
        let (c, i) = corpus();
        let q = parse("recognition software");
        let hit = &i.search(&q, Options::default())[1];
        let doc = &c.documents[hit.doc];
        let s = snippet(doc, &q);
        let marked: Vec<&str> = s.marks.iter().map(|m| m.of(&doc.text)).collect();
        assert_eq!(marked, ["recognition", "software"]);
        assert!(s.span.of(&doc.text).starts_with("Amazon said on Wednesday"));
    }

    #[test]
    fn facets_count_matching_documents() {
        let (c, i) = corpus();
        let entities = crate::entities::resolve(&c);
        let hits = i.search(&parse("recognition"), Options::default());
        let f = i.facets(&c, &entities, &hits, 5);
        assert_eq!(f.source, [("(no source)".to_string(), 3)]);
        assert!(f.entity.contains(&("IBM".to_string(), 1)), "{:?}", f.entity);
    }
}

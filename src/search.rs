//! Full-text search over a corpus: an inverted index with word positions per field, queries in
//! the language of [`crate::query`], BM25 ranking with a title boost, and snippets. Words are
//! folded (lowercase, no diacritics) and stemmed (Snowball English) alike in documents and queries.
//! Boilerplate is indexed in a field of its own and left out unless asked for.
//!
//! **The index is compact: every term's postings are varints in one shared buffer** (document
//! gaps, fields and position gaps), so 10,000 articles fit in tens of megabytes, not hundreds.

use std::sync::Arc;

use integer_encoding::VarInt;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap as HashMap;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::corpus::Corpus;
use crate::dates::Date;
use crate::entities::EntityIndex;
use crate::facets::{Facet, FacetIndex};
use crate::ingest::{Document, Role};
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Title,
    Body,
    Boilerplate,
}

impl Field {
    const ALL: [Field; 3] = [Field::Title, Field::Body, Field::Boilerplate];
}

/// One word of a document: its analysed term and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    pub term: String,
    pub span: Span,
}

/// Where the words of `text` stand (runs of letters and digits), shifted by `offset`: the
/// boundaries of [`words`], without the cost of analysing each word.
pub(crate) fn word_spans(text: &str, offset: usize) -> impl Iterator<Item = Span> + '_ {
    WordSpans {
        text,
        at: 0,
        offset,
    }
}

/// The iterator of [`word_spans`]: runs of ASCII bytes are skipped without decoding chars,
/// since tokenising is most of the work of indexing and of every snippet.
struct WordSpans<'a> {
    text: &'a str,
    at: usize,
    offset: usize,
}

impl WordSpans<'_> {
    /// Moves past bytes while they are ASCII and `keep` says so; stops at anything non-ASCII.
    fn skip_ascii(&mut self, keep: impl Fn(u8) -> bool) {
        let rest = &self.text.as_bytes()[self.at..];
        self.at += rest
            .iter()
            .position(|&b| b >= 0x80 || !keep(b))
            .unwrap_or(rest.len());
    }

    /// The char at `at` when it is not ASCII.
    fn wide_char(&self) -> Option<char> {
        let b = *self.text.as_bytes().get(self.at)?;
        (b >= 0x80).then(|| self.text[self.at..].chars().next())?
    }
}

impl Iterator for WordSpans<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        loop {
            self.skip_ascii(|b| !b.is_ascii_alphanumeric());
            match self.wide_char() {
                Some(c) if !c.is_alphanumeric() => self.at += c.len_utf8(),
                _ => break,
            }
        }
        if self.at >= self.text.len() {
            return None;
        }
        let start = self.at;
        loop {
            self.skip_ascii(|b| b.is_ascii_alphanumeric());
            match self.wide_char() {
                Some(c) if c.is_alphanumeric() => self.at += c.len_utf8(),
                _ => break,
            }
        }
        Some(Span::new(self.offset + start, self.offset + self.at))
    }
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

/// What the index keeps of each document besides its words.
#[derive(Clone, Debug, Default)]
struct DocInfo {
    title_len: u32,
    body_len: u32,
    date: Option<Date>,
    /// The outlet's name, folded and padded with spaces so a word run matches whole: " fox news ".
    source: String,
}

/// The inverted index of a corpus.
pub struct Index {
    /// The terms and postings of every document: built once per corpus, shared by every index
    /// over it (an entity edit rebuilds only the entity half).
    text: Arc<TextIndex>,
    /// Each document's source, entities, types and month, for facets and filters.
    facets: FacetIndex,
    /// Entity names and aliases, folded, to the entity's value number in `facets`.
    entity_names: HashMap<String, Vec<u32>>,
}

/// The text half of an [`Index`]: what the words of the documents say, whatever the entities.
pub struct TextIndex {
    /// Every term, sorted and concatenated; term `t` ends at `term_ends[t]`.
    term_text: String,
    term_ends: Vec<u32>,
    /// Term `t`'s postings are `postings[posting_starts[t]..posting_starts[t + 1]]`: one per
    /// document and field, in document then field order, each `varint(doc gap << 2 | field)`,
    /// `varint(count)`, then `count` position gaps as varints.
    posting_starts: Vec<usize>,
    postings: Vec<u8>,
    docs: Vec<DocInfo>,
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

/// One posting as read from the buffer; its positions are decoded only when asked for.
#[derive(Clone, Copy)]
struct Posting<'a> {
    doc: u32,
    field: Field,
    count: u32,
    positions: &'a [u8],
}

impl Posting<'_> {
    fn positions(&self) -> impl Iterator<Item = u32> + '_ {
        let mut rest = self.positions;
        let mut at = 0u32;
        (0..self.count).map(move |_| {
            let (gap, n) = u32::decode_var(rest).unwrap_or((0, rest.len().max(1)));
            rest = &rest[n.min(rest.len())..];
            at += gap;
            at
        })
    }
}

/// Reads one term's postings in order.
struct Postings<'a> {
    bytes: &'a [u8],
    doc: u32,
}

impl<'a> Iterator for Postings<'a> {
    type Item = Posting<'a>;

    fn next(&mut self) -> Option<Posting<'a>> {
        let (head, n) = u32::decode_var(self.bytes)?;
        let (count, m) = u32::decode_var(&self.bytes[n..])?;
        let rest = &self.bytes[n + m..];
        // Each varint ends on a byte below 0x80: the positions end after `count` such bytes.
        let mut ends = 0;
        let length = rest
            .iter()
            .position(|b| {
                ends += u32::from(*b < 0x80);
                ends == count
            })
            .map_or(0, |i| i + 1);
        self.doc += head >> 2;
        self.bytes = &rest[length..];
        Some(Posting {
            doc: self.doc,
            field: Field::ALL[(head & 3) as usize % 3],
            count,
            positions: &rest[..length],
        })
    }
}

/// Collects one term's postings while the index is built.
#[derive(Default)]
struct PostingsWriter {
    bytes: Vec<u8>,
    last_doc: u32,
}

impl PostingsWriter {
    fn push(&mut self, doc: u32, field: Field, positions: &[u32]) {
        let mut put = |value: u32| {
            let mut buf = [0u8; 5];
            let n = value.encode_var(&mut buf);
            self.bytes.extend_from_slice(&buf[..n]);
        };
        put((doc - self.last_doc) << 2 | field as u32);
        put(positions.len() as u32);
        let mut last = 0;
        for &p in positions {
            put(p - last);
            last = p;
        }
        self.last_doc = doc;
    }
}

/// Terms numbered as they are first met, each spelling analysed once: most words recur, and
/// stemming is the costly step.
#[derive(Default)]
struct TermTable {
    /// Spelling as written → term number.
    spellings: HashMap<String, u32>,
    term_numbers: HashMap<String, u32>,
    terms: Vec<String>,
}

impl TermTable {
    /// The number of `spelling`'s term, and whether the term is new.
    fn number(&mut self, stemmer: &Stemmer, spelling: &str) -> (u32, bool) {
        if let Some(&t) = self.spellings.get(spelling) {
            return (t, false);
        }
        let term = analyse(stemmer, spelling);
        let (t, new) = match self.term_numbers.get(&term) {
            Some(&t) => (t, false),
            None => {
                let t = self.terms.len() as u32;
                self.term_numbers.insert(term.clone(), t);
                self.terms.push(term);
                (t, true)
            }
        };
        self.spellings.insert(spelling.to_string(), t);
        (t, new)
    }

    fn term(&self, t: u32) -> &str {
        &self.terms[t as usize]
    }
}

/// Builds the postings, counted by term number.
#[derive(Default)]
struct IndexWriter {
    terms: TermTable,
    writers: Vec<PostingsWriter>,
    /// (term, position) of the field being indexed, reused across fields.
    occurrences: Vec<(u32, u32)>,
    positions: Vec<u32>,
}

impl IndexWriter {
    fn term_number(&mut self, stemmer: &Stemmer, spelling: &str) -> u32 {
        let (t, new) = self.terms.number(stemmer, spelling);
        if new {
            self.writers.push(PostingsWriter::default());
        }
        t
    }

    /// Indexes the words of `texts` (one field of document `doc`); returns how many there were.
    fn add<'t>(
        &mut self,
        stemmer: &Stemmer,
        doc: u32,
        field: Field,
        texts: impl Iterator<Item = &'t str>,
    ) -> u32 {
        let mut occurrences = std::mem::take(&mut self.occurrences);
        occurrences.clear();
        for text in texts {
            for span in word_spans(text, 0) {
                let t = self.term_number(stemmer, span.of(text));
                occurrences.push((t, occurrences.len() as u32));
            }
        }
        let length = occurrences.len() as u32;
        occurrences.sort_unstable();
        for run in occurrences.chunk_by(|a, b| a.0 == b.0) {
            self.positions.clear();
            self.positions.extend(run.iter().map(|o| o.1));
            self.writers[run[0].0 as usize].push(doc, field, &self.positions);
        }
        self.occurrences = occurrences;
        length
    }
}

/// Builds a [`TextIndex`] a document at a time, so that the page can spread the work of a large
/// corpus over many short tasks: [`TextIndexBuilder::add`] each document in corpus order, then
/// [`TextIndexBuilder::finish`].
pub struct TextIndexBuilder {
    stemmer: Stemmer,
    writer: IndexWriter,
    docs: Vec<DocInfo>,
}

impl Default for TextIndexBuilder {
    fn default() -> Self {
        TextIndexBuilder {
            stemmer: Stemmer::create(Algorithm::English),
            writer: IndexWriter::default(),
            docs: Vec::new(),
        }
    }
}

impl TextIndexBuilder {
    /// Indexes the next document's title, body and boilerplate.
    pub fn add(&mut self, doc: &Document) {
        let TextIndexBuilder {
            stemmer,
            writer,
            docs,
        } = self;
        let d = docs.len() as u32;
        let title_len = writer.add(stemmer, d, Field::Title, std::iter::once(&*doc.title));
        let body_len = writer.add(stemmer, d, Field::Body, field_texts(doc, Field::Body));
        writer.add(
            stemmer,
            d,
            Field::Boilerplate,
            field_texts(doc, Field::Boilerplate),
        );
        docs.push(DocInfo {
            title_len,
            body_len,
            date: doc.date,
            source: format!(" {} ", doc.outlet.as_deref().map(fold).unwrap_or_default()),
        });
    }

    pub fn finish(self) -> TextIndex {
        let docs = self.docs;
        let total: f32 = docs
            .iter()
            .map(|d| d.body_len as f32 + TITLE_BOOST * d.title_len as f32)
            .sum();
        let average_length = total / docs.len().max(1) as f32;
        let IndexWriter { terms, writers, .. } = self.writer;
        let terms = terms.terms;
        let mut order: Vec<usize> = (0..terms.len()).collect();
        order.sort_unstable_by(|&a, &b| terms[a].cmp(&terms[b]));
        let mut index = TextIndex {
            term_text: String::with_capacity(terms.iter().map(String::len).sum()),
            term_ends: Vec::with_capacity(terms.len()),
            posting_starts: Vec::with_capacity(terms.len() + 1),
            postings: Vec::with_capacity(writers.iter().map(|w| w.bytes.len()).sum()),
            docs,
            average_length,
        };
        index.posting_starts.push(0);
        for t in order {
            index.term_text.push_str(&terms[t]);
            index.term_ends.push(index.term_text.len() as u32);
            index.postings.extend_from_slice(&writers[t].bytes);
            index.posting_starts.push(index.postings.len());
        }
        index
    }
}

impl TextIndex {
    /// Indexes every document of `corpus`.
    pub fn build(corpus: &Corpus) -> TextIndex {
        let mut builder = TextIndexBuilder::default();
        for doc in &corpus.documents {
            builder.add(doc);
        }
        builder.finish()
    }
}

impl Index {
    /// Indexes every document of `corpus`, with the entities each mentions.
    pub fn build(corpus: &Corpus, entities: &EntityIndex) -> Index {
        Index::over(Arc::new(TextIndex::build(corpus)), corpus, entities)
    }

    /// The index of `corpus` (whose text index `text` is) with `entities`.
    pub fn over(text: Arc<TextIndex>, corpus: &Corpus, entities: &EntityIndex) -> Index {
        Index::with_facets(text, FacetIndex::build(corpus, entities), entities)
    }

    /// The index of a corpus whose text index is `text` and facets `facets` (built over the
    /// same `entities`): the last step of [`Index::over`], apart so that a caller can pause
    /// between the two (each is ~50 ms at 10,000 articles).
    pub fn with_facets(text: Arc<TextIndex>, facets: FacetIndex, entities: &EntityIndex) -> Index {
        let mut entity_names: HashMap<String, Vec<u32>> = HashMap::default();
        for entity in &entities.entities {
            let Some(value) = facets.value_number(Facet::Entity, &entity.id) else {
                continue;
            };
            for name in std::iter::once(&entity.name).chain(&entity.aliases) {
                entity_names.entry(fold(name)).or_default().push(value);
            }
        }
        Index {
            text,
            facets,
            entity_names,
        }
    }

    /// The text half, to share with an index over other entities.
    pub fn text(&self) -> &Arc<TextIndex> {
        &self.text
    }

    /// Term number `t` (numbers follow the terms' sorted order).
    pub(crate) fn term(&self, t: usize) -> &str {
        let start = t
            .checked_sub(1)
            .map_or(0, |p| self.text.term_ends[p] as usize);
        &self.text.term_text[start..self.text.term_ends[t] as usize]
    }

    /// The number of the first term not below `text`.
    fn first_term_from(&self, text: &str) -> usize {
        let (mut low, mut high) = (0, self.text.term_ends.len());
        while low < high {
            let mid = (low + high) / 2;
            if self.term(mid) < text {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }

    fn term_number(&self, text: &str) -> Option<usize> {
        let t = self.first_term_from(text);
        (t < self.text.term_ends.len() && self.term(t) == text).then_some(t)
    }

    fn postings_of(&self, t: usize) -> Postings<'_> {
        Postings {
            bytes: &self.text.postings
                [self.text.posting_starts[t]..self.text.posting_starts[t + 1]],
            doc: 0,
        }
    }

    /// The documents matching `query`, best first; ties newest first.
    pub fn search(&self, query: &Query, options: Options) -> Vec<Hit> {
        let n = self.text.docs.len();
        let mut matching = vec![true; n];
        let mut scores = vec![0f32; n];
        let mut any = vec![false; n];
        for clause in &query.clauses {
            any.fill(false);
            for term in &clause.alternatives {
                for (d, score) in self.matches(term, options) {
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
                .then_with(|| self.text.docs[b.doc].date.cmp(&self.text.docs[a.doc].date))
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
                    [one] => self.scored(self.term_number(one).into_iter(), fields(*title_only)),
                    // "covid-19", "o'neill": the parts in a row.
                    _ => self.phrase(&terms, fields(*title_only)),
                }
            }
            Term::Prefix { text, title_only } => {
                self.scored(self.prefix_terms(text).into_iter(), fields(*title_only))
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
                self.filter(|_, info| info.source.contains(&wanted))
            }
            Term::Entity(name) => {
                let wanted = self
                    .entity_names
                    .get(&fold(name))
                    .cloned()
                    .unwrap_or_default();
                self.filter(|d, _| self.has_value(Facet::Entity, d, &wanted))
            }
            Term::Type(kind) => {
                let wanted: Vec<u32> = self
                    .facets
                    .value_number(Facet::Type, kind.label())
                    .into_iter()
                    .collect();
                self.filter(|d, _| self.has_value(Facet::Type, d, &wanted))
            }
            Term::Date(range) => {
                self.filter(|_, info| info.date.is_some_and(|date| range.contains(date)))
            }
        }
    }

    fn has_value(&self, facet: Facet, doc: usize, wanted: &[u32]) -> bool {
        self.facets
            .values_of(facet, doc)
            .iter()
            .any(|v| wanted.contains(v))
    }

    /// Each document's facet values.
    pub fn facets(&self) -> &FacetIndex {
        &self.facets
    }

    fn filter(&self, keep: impl Fn(usize, &DocInfo) -> bool) -> Vec<(usize, f32)> {
        (0..self.text.docs.len())
            .filter(|&d| keep(d, &self.text.docs[d]))
            .map(|d| (d, 0.0))
            .collect()
    }

    /// Documents containing any of `terms` in `fields`, scored by BM25 over title (boosted) and
    /// body; `only`, when given, keeps just those documents (ascending).
    fn scored_in(
        &self,
        terms: impl Iterator<Item = usize>,
        fields: &[Field],
        only: Option<&[usize]>,
    ) -> Vec<(usize, f32)> {
        let n = self.text.docs.len() as f32;
        let mut scores: Vec<(usize, f32)> = Vec::new();
        let mut frequency: Vec<(usize, f32)> = Vec::new();
        for t in terms {
            // Postings come in document order, so a document's fields are neighbours.
            frequency.clear();
            for p in self.postings_of(t).filter(|p| fields.contains(&p.field)) {
                let weight = if p.field == Field::Title {
                    TITLE_BOOST
                } else {
                    1.0
                };
                let doc = p.doc as usize;
                match frequency.last_mut() {
                    Some((d, tf)) if *d == doc => *tf += weight * p.count as f32,
                    _ => frequency.push((doc, weight * p.count as f32)),
                }
            }
            let df = frequency.len() as f32;
            let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
            if let Some(only) = only {
                frequency.retain(|(d, _)| only.binary_search(d).is_ok());
            }
            for &(d, tf) in &frequency {
                let info = &self.text.docs[d];
                let length = info.body_len as f32 + TITLE_BOOST * info.title_len as f32;
                let norm = K1 * (1.0 - B + B * length / self.text.average_length.max(1.0));
                scores.push((d, idf * tf * (K1 + 1.0) / (tf + norm)));
            }
        }
        scores.sort_unstable_by_key(|s| s.0);
        scores.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 += later.1;
            }
            same
        });
        scores
    }

    fn scored(&self, terms: impl Iterator<Item = usize>, fields: &[Field]) -> Vec<(usize, f32)> {
        self.scored_in(terms, fields, None)
    }

    /// Documents where `terms` stand in a row in one field, scored as their words.
    fn phrase(&self, terms: &[String], fields: &[Field]) -> Vec<(usize, f32)> {
        let numbers: Option<Vec<usize>> = terms.iter().map(|t| self.term_number(t)).collect();
        let Some(numbers) = numbers.filter(|n| !n.is_empty()) else {
            return Vec::new();
        };
        // One cursor per later word, each moved forward only: every postings list is read once.
        let mut rest: Vec<std::iter::Peekable<Postings>> = numbers[1..]
            .iter()
            .map(|&t| self.postings_of(t).peekable())
            .collect();
        let mut docs: Vec<usize> = Vec::new();
        let mut starts: Vec<u32> = Vec::new();
        for p in self
            .postings_of(numbers[0])
            .filter(|p| fields.contains(&p.field))
        {
            let key = (p.doc, p.field);
            let mut others = Vec::with_capacity(rest.len());
            for cursor in &mut rest {
                while cursor.next_if(|q| (q.doc, q.field) < key).is_some() {}
                match cursor.peek() {
                    Some(q) if (q.doc, q.field) == key => others.push(*q),
                    _ => break,
                }
            }
            if others.len() < rest.len() || docs.last() == Some(&(p.doc as usize)) {
                continue;
            }
            starts.clear();
            starts.extend(p.positions());
            let rest: Vec<Vec<u32>> = others.iter().map(|q| q.positions().collect()).collect();
            if phrase_starts(&starts, &rest).next().is_some() {
                docs.push(p.doc as usize);
            }
        }
        self.scored_in(numbers.into_iter(), fields, Some(&docs))
    }

    /// The terms `prefix*` expands to, by number. Terms are stems, so the prefix is looked up
    /// both as typed and stemmed: "recognit*" must find the stem "recognit" and "recogn*" longer
    /// ones.
    pub(crate) fn prefix_terms(&self, prefix: &str) -> Vec<usize> {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut expanded: Vec<usize> = Vec::new();
        for prefix in [fold_diacritics(prefix), analyse(&stemmer, prefix)] {
            let start = self.first_term_from(&prefix);
            expanded.extend(
                (start..self.text.term_ends.len())
                    .take_while(|&t| self.term(t).starts_with(&prefix)),
            );
        }
        expanded.sort_unstable();
        expanded.dedup();
        expanded
    }

    /// Where the analysed `term` stands in `field`: each document holding it (ascending) with the
    /// word numbers, ascending, into that field's words ([`field_blocks`]' words for body and
    /// boilerplate, [`words`] of `Document::title` for the title).
    pub(crate) fn positions(&self, term: &str, field: Field) -> Vec<(usize, Vec<u32>)> {
        self.term_number(term)
            .into_iter()
            .flat_map(|t| self.postings_of(t))
            .filter(|p| p.field == field)
            .map(|p| (p.doc as usize, p.positions().collect()))
            .collect()
    }

    /// The ids of the (shown) entities with this name or alias, folded.
    pub(crate) fn entities_named(&self, name: &str) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .entity_names
            .get(&fold(name))
            .into_iter()
            .flatten()
            .filter_map(|&v| self.facets.value_key(Facet::Entity, v))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
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
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Snippet {
    pub span: Span,
    pub marks: Vec<Span>,
}

/// Words of context a snippet shows (10–60): about two lines of the result list.
const SNIPPET_WORDS: usize = 28;

/// Finds a query's words, prefixes and phrases in document bodies, for snippets and the
/// reader's marks. One highlighter serves many documents: each spelling is analysed once.
pub struct Highlighter {
    wanted: Vec<Wanted>,
    /// The folded first letters wanted terms start with, sorted (stemming keeps a word's first
    /// letter, so words starting otherwise are never analysed); `None` when any word could match.
    initials: Option<Vec<char>>,
    stemmer: Stemmer,
    terms: TermTable,
}

impl Highlighter {
    pub fn new(query: &Query) -> Highlighter {
        let wanted = wanted_terms(query);
        let firsts: Option<Vec<char>> = wanted
            .iter()
            .flat_map(|w| match w {
                Wanted::Term(t) | Wanted::Prefix(t) => vec![t.chars().next()],
                Wanted::Phrase(ts) => ts.iter().map(|t| t.chars().next()).collect(),
            })
            // An empty prefix could start anything.
            .collect();
        let initials = firsts.map(|mut cs| {
            cs.sort_unstable();
            cs.dedup();
            cs
        });
        Highlighter {
            wanted,
            initials,
            stemmer: Stemmer::create(Algorithm::English),
            terms: TermTable::default(),
        }
    }

    /// The stretch of `SNIPPET_WORDS` body words holding the most whole matches, centred on
    /// them (the document's opening words when none is in the body).
    pub fn snippet(&mut self, doc: &Document) -> Snippet {
        let body = self.body_terms(doc);
        let ranges = self.hit_ranges(&body);
        let window = SNIPPET_WORDS.min(body.len());
        // The run of hits that fits whole in the fewest words wins; it is then centred, so it
        // has context on both sides.
        let mut best: Option<(usize, usize, usize)> = None;
        let mut j = 0;
        for i in 0..ranges.len() {
            j = j.max(i);
            while j < ranges.len() && ranges[j].1 - ranges[i].0 <= window {
                j += 1;
            }
            if j > i && best.is_none_or(|(count, _, _)| j - i > count) {
                best = Some((j - i, i, j - 1));
            }
        }
        let start = best.map_or(0, |(_, i, k)| {
            let (from, to) = (ranges[i].0, ranges[k].1);
            let slack = window - (to - from);
            from.saturating_sub(slack / 2).min(body.len() - window)
        });
        let (first, end) = (start, start + window);
        let span = match (
            body.get(first),
            end.checked_sub(1).and_then(|e| body.get(e)),
        ) {
            (Some(a), Some(b)) => Span::new(a.0.start, b.0.end),
            _ => Span::new(0, 0),
        };
        let marks = ranges
            .iter()
            .filter(|&&(a, b)| a >= first && b <= end)
            .map(|&(a, b)| body[a].0.cover(body[b - 1].0))
            .collect();
        Snippet { span, marks }
    }

    /// Where the matches are in the document's body, in text order: what the reader marks and
    /// steps through.
    pub fn hits(&mut self, doc: &Document) -> Vec<Span> {
        let body = self.body_terms(doc);
        self.hit_ranges(&body)
            .into_iter()
            .map(|(a, b)| body[a].0.cover(body[b - 1].0))
            .collect()
    }

    /// The body's words in text order, each with its term's number where it could match.
    fn body_terms(&mut self, doc: &Document) -> Vec<(Span, Option<u32>)> {
        let mut out = Vec::new();
        for block in field_blocks(doc, Field::Body) {
            let text = block.of(&doc.text);
            for span in word_spans(text, block.start) {
                let raw = span.of(&doc.text);
                let candidate = self
                    .initials
                    .as_ref()
                    .is_none_or(|cs| cs.binary_search(&initial(raw)).is_ok());
                let term = candidate.then(|| self.terms.number(&self.stemmer, raw).0);
                out.push((span, term));
            }
        }
        out
    }

    /// The runs `[first, end)` of `words` that match, longest first at each word, not overlapping.
    fn hit_ranges(&self, words: &[(Span, Option<u32>)]) -> Vec<(usize, usize)> {
        let term = |i: usize| words[i].1.map(|t| self.terms.term(t));
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let length = self
                .wanted
                .iter()
                .filter_map(|w| match w {
                    Wanted::Term(t) => (term(i) == Some(t)).then_some(1),
                    Wanted::Prefix(p) => term(i)
                        .is_some_and(|t| t.starts_with(p.as_str()))
                        .then_some(1),
                    Wanted::Phrase(ts) => (!ts.is_empty()
                        && words.len() - i >= ts.len()
                        && ts.iter().enumerate().all(|(k, t)| term(i + k) == Some(t)))
                    .then_some(ts.len()),
                })
                .max();
            match length {
                Some(n) => {
                    out.push((i, i + n));
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// The snippet of one document (see [`Highlighter::snippet`]).
pub fn snippet(doc: &Document, query: &Query) -> Snippet {
    Highlighter::new(query).snippet(doc)
}

/// The hits in one document's body (see [`Highlighter::hits`]).
pub fn hits(doc: &Document, query: &Query) -> Vec<Span> {
    Highlighter::new(query).hits(doc)
}

enum Wanted {
    Term(String),
    Prefix(String),
    Phrase(Vec<String>),
}

/// The analysed words and phrases a query looks for (not those it excludes, nor its filters).
fn wanted_terms(query: &Query) -> Vec<Wanted> {
    let stemmer = Stemmer::create(Algorithm::English);
    let terms = |texts: &[&str]| -> Vec<String> {
        texts
            .iter()
            .flat_map(|t| words(t, 0))
            .map(|w| w.term)
            .collect()
    };
    let mut out = Vec::new();
    for clause in query.clauses.iter().filter(|c| !c.excluded) {
        for term in &clause.alternatives {
            match term {
                // "covid-19" is its parts in a row.
                Term::Word { text, .. } => match terms(&[text]).as_slice() {
                    [one] => out.push(Wanted::Term(one.clone())),
                    parts => out.push(Wanted::Phrase(parts.to_vec())),
                },
                Term::Phrase { words: ws, .. } => {
                    let texts: Vec<&str> = ws.iter().map(String::as_str).collect();
                    out.push(Wanted::Phrase(terms(&texts)));
                }
                // As typed and stemmed, as the index expands it (`Index::prefix_terms`).
                Term::Prefix { text, .. } => {
                    out.push(Wanted::Prefix(fold_diacritics(text)));
                    out.push(Wanted::Prefix(analyse(&stemmer, text)));
                }
                _ => {}
            }
        }
    }
    out
}

impl Index {
    /// Approximate heap memory of the index, in bytes.
    pub fn heap_bytes(&self) -> usize {
        let docs: usize = self
            .text
            .docs
            .iter()
            .map(|d| std::mem::size_of::<DocInfo>() + d.source.capacity())
            .sum();
        let names: usize = self
            .entity_names
            .iter()
            .map(|(n, ids)| n.capacity() + ids.capacity() * 4 + 32)
            .sum();
        self.text.term_text.capacity()
            + self.text.term_ends.capacity() * 4
            + self.text.posting_starts.capacity() * std::mem::size_of::<usize>()
            + self.text.postings.capacity()
            + docs
            + names
            + self.facets.heap_bytes()
    }
}

/// The blocks of `field`, in text order. The body is every block that is not boilerplate,
/// headline or dateline. (The title field is the document's title, not a block.)
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

fn field_texts(doc: &Document, field: Field) -> impl Iterator<Item = &str> + '_ {
    field_blocks(doc, field).map(|span| span.of(&doc.text))
}

/// The first letter of a word as folded ("É" → 'e').
fn initial(raw: &str) -> char {
    match raw.as_bytes().first() {
        Some(b) if b.is_ascii() => b.to_ascii_lowercase() as char,
        _ => fold_diacritics(raw).chars().next().unwrap_or(' '),
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
    fn phrases_are_found_far_into_a_long_article() {
        // Position gaps past 127 and 16,383 words take two and three bytes in the index.
        let filler = "lorem ipsum dolor sit amet ".repeat(4000);
        let text = format!("Long read\n\n{filler}face recognition ends {filler}police use ends.");
        let corpus = Corpus::from_texts([("long.txt", text.as_str())], None);
        let index = Index::build(&corpus, &crate::entities::resolve(&corpus));
        let found = |q: &str| index.search(&parse(q), Options::default()).len();
        assert_eq!(found("\"face recognition ends\""), 1);
        assert_eq!(found("\"police use ends\""), 1);
        assert_eq!(found("\"ends police\""), 0);
        assert_eq!(found("\"amet face\""), 1);
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
    fn hits_are_the_body_words_and_whole_phrases_the_query_asks_for() {
        let (c, _) = corpus();
        let doc = &c.documents[0];
        let marked = |q: &str| -> Vec<&str> {
            hits(doc, &parse(q))
                .iter()
                .map(|h| h.of(&doc.text))
                .collect()
        };
        assert_eq!(
            marked("\"face recognition\" police"),
            ["police", "face recognition"]
        );
        assert_eq!(marked("recog* -police"), ["recognition"]);
        // The headline is not body text; a phrase out of order is no hit.
        assert_eq!(
            marked("rekognition OR \"recognition face\""),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn a_prefix_marks_what_the_index_expands_it_to() {
        let text = "Headline\n\nHappyland sells happiness, and the runners were running.";
        let corpus = Corpus::from_texts([("r.txt", text)], None);
        let doc = &corpus.documents[0];
        let marked = |q: &str| -> Vec<&str> {
            hits(doc, &parse(q))
                .iter()
                .map(|h| h.of(&doc.text))
                .collect()
        };
        // As typed ("happy…") and as stemmed ("happi…", "run…"), as the index expands it.
        assert_eq!(marked("happy*"), ["Happyland", "happiness"]);
        assert_eq!(marked("running*"), ["runners", "running"]);
    }

    #[test]
    fn a_snippet_holds_its_phrase_whole_with_context_on_both_sides() {
        let filler = "one two three four five six seven eight nine ten ".repeat(5);
        let text = format!("Headline here\n\n{filler}and Timnit Gebru said so. {filler}");
        let corpus = Corpus::from_texts([("p.txt", text.as_str())], None);
        let doc = &corpus.documents[0];
        let s = snippet(doc, &parse("\"timnit gebru\""));
        let marked: Vec<&str> = s.marks.iter().map(|m| m.of(&doc.text)).collect();
        assert_eq!(marked, ["Timnit Gebru"]);
        let shown = s.span.of(&doc.text);
        let (before, after) = shown.split_once("Timnit Gebru").unwrap();
        let (b, a) = (
            before.split_whitespace().count(),
            after.split_whitespace().count(),
        );
        assert!(b.abs_diff(a) <= 1, "{b} words before, {a} after: {shown}");
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
    fn stemming_keeps_the_first_letter_of_every_seed_word() {
        let corpus = Corpus::embedded();
        let stemmer = Stemmer::create(Algorithm::English);
        for doc in &corpus.documents {
            for span in word_spans(&doc.text, 0) {
                let raw = span.of(&doc.text);
                let term = analyse(&stemmer, raw);
                assert_eq!(term.chars().next(), Some(initial(raw)), "{raw} → {term}");
            }
        }
    }

    #[test]
    fn word_spans_split_on_anything_but_letters_and_digits_in_any_script() {
        let text = "Gebrü’s 2018 paper—co-authored, “Gender Shades”; 東京 ok";
        let found: Vec<&str> = word_spans(text, 0).map(|s| s.of(text)).collect();
        assert_eq!(
            found,
            ["Gebrü", "s", "2018", "paper", "co", "authored", "Gender", "Shades", "東京", "ok"]
        );
        let shifted: Vec<Span> = word_spans("a b", 10).collect();
        assert_eq!(shifted, [Span::new(10, 11), Span::new(12, 13)]);
    }
}

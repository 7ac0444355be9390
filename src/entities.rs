//! Canonical entities across a corpus: every mention of one real-world entity under one id,
//! however the outlets spell it.
//!
//! Merged automatically (each merge records its reason):
//! - the same name (case and punctuation aside);
//! - a country's other names: US, U.S., America → United States;
//! - a lone surname and the one full name in the corpus that ends with it: Bezos → Jeff Bezos;
//! - an acronym and the name whose initials it spells (AWS ↔ Amazon Web Services), also in another
//!   word order, as machine translation leaves it (ACLU ↔ American Union for Civil Liberties);
//!   an acronym news uses with one meaning joins only that meaning (AP is never "Arnold & Porter").
//!
//! Linked, not merged: a chapter to its parent ("ACLU of Northern California" → ACLU).
//! Suggested, never merged silently: names one letter apart that share company in the text
//! ("Gebry", next to "Buolamwini" as "Gebru" is).
//!
//! **An entity's type is the majority of its mentions' types, and every mention carries it.**

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;
use std::future::Future;

use crate::corpus::Corpus;
use crate::ingest::{Document, Role};
use crate::lexicon;
use crate::mentions::{extract, EntityType};
use crate::text::{fold, Span};
use crate::union_find::UnionFind;
use crate::view_state::EntitySort;

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EntityMention {
    /// Index of the document in the corpus.
    pub doc: usize,
    pub span: Span,
    /// The mention sits in a boilerplate block.
    pub boilerplate: bool,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Entity {
    /// Stable id: type and canonical name, e.g. `person:jeff-bezos`.
    pub id: String,
    pub name: String,
    pub kind: EntityType,
    /// Every other spelling found, most frequent first.
    pub aliases: Vec<String>,
    pub mentions: Vec<EntityMention>,
    /// For a chapter or branch, the entity it belongs to.
    pub parent: Option<String>,
    /// Why spellings were merged: "AWS: initials of Amazon Web Services".
    pub merges: Vec<String>,
    /// Hidden by the user: not listed by default, not marked in the reader.
    pub hidden: bool,
}

/// A merge the evidence supports but does not prove; the user decides.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Suggestion {
    pub entity: String,
    pub into: String,
    pub reason: String,
}

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EntityIndex {
    pub entities: Vec<Entity>,
    pub suggestions: Vec<Suggestion>,
}

impl EntityIndex {
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// The entities a browser shows: of `kind` (all when `None`), whose name or an alias contains
    /// `find` (case-insensitive), in `sort` order.
    pub fn browse(&self, kind: Option<EntityType>, find: &str, sort: EntitySort) -> Vec<&Entity> {
        let find = find.trim().to_lowercase();
        let mut shown: Vec<&Entity> = self
            .entities
            .iter()
            .filter(|e| !e.hidden)
            .filter(|e| kind.is_none_or(|k| e.kind == k))
            .filter(|e| {
                find.is_empty()
                    || e.name.to_lowercase().contains(&find)
                    || e.aliases.iter().any(|a| a.to_lowercase().contains(&find))
            })
            .collect();
        match sort {
            EntitySort::Mentions => shown.sort_by(|a, b| {
                b.mentions
                    .len()
                    .cmp(&a.mentions.len())
                    .then(a.name.cmp(&b.name))
            }),
            EntitySort::Sources => shown.sort_by(|a, b| {
                b.sources()
                    .cmp(&a.sources())
                    .then(b.mentions.len().cmp(&a.mentions.len()))
                    .then(a.name.cmp(&b.name))
            }),
            EntitySort::Name => shown.sort_by_key(|e| e.name.to_lowercase()),
        }
        shown
    }

    /// The entities the user hid, by name.
    pub fn hidden(&self) -> Vec<&Entity> {
        let mut hidden: Vec<&Entity> = self.entities.iter().filter(|e| e.hidden).collect();
        hidden.sort_by_key(|e| e.name.to_lowercase());
        hidden
    }

    /// Every mention in document `doc` of an entity not hidden, in text order, with its entity.
    pub fn mentions_in(&self, doc: usize) -> Vec<(Span, &Entity)> {
        let mut out: Vec<(Span, &Entity)> = self
            .entities
            .iter()
            .filter(|e| !e.hidden)
            .flat_map(|e| {
                e.mentions
                    .iter()
                    .filter(|m| m.doc == doc)
                    .map(move |m| (m.span, e))
            })
            .collect();
        out.sort_by_key(|(span, _)| span.start);
        out
    }
}

impl Entity {
    /// How many documents mention it.
    pub fn sources(&self) -> usize {
        let mut docs: Vec<usize> = self.mentions.iter().map(|m| m.doc).collect();
        docs.dedup();
        docs.len()
    }
}

/// A mention (or any span) in context: up to `width` chars either side, cut at word boundaries,
/// and all three parts on one line (a phrase spanning a line break reads "face recognition").
pub fn keyword_in_context(text: &str, span: Span, width: usize) -> (String, String, String) {
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (left_raw, right_raw) = context_spans(text, span, width);
    let (left_raw, right_raw) = (left_raw.of(text), right_raw.of(text));
    let mut left = one_line(left_raw);
    if left_raw.ends_with(char::is_whitespace) && !left.is_empty() {
        left.push(' ');
    }
    let mut right = one_line(right_raw);
    if right_raw.starts_with(char::is_whitespace) && !right.is_empty() {
        right.insert(0, ' ');
    }
    (left, one_line(span.of(text)), right)
}

/// The text [`keyword_in_context`] shows either side of `span`, as byte ranges into `text`, before
/// it is put on one line.
pub(crate) fn context_spans(text: &str, span: Span, width: usize) -> (Span, Span) {
    let (before, after) = (&text[..span.start], &text[span.end..]);
    // A cut that falls between a space and a word keeps the word.
    let left_raw = match before.char_indices().rev().nth(width.saturating_sub(1)) {
        Some((i, _)) if before[..i].ends_with(char::is_whitespace) => &before[i..],
        Some((i, _)) => before[i..]
            .find(char::is_whitespace)
            .map_or(&before[i..], |j| &before[i + j..]),
        None => before,
    };
    let right_raw = match after.char_indices().nth(width) {
        Some((i, c)) if c.is_whitespace() => &after[..i],
        Some((i, _)) => after[..i]
            .rfind(char::is_whitespace)
            .map_or(&after[..i], |j| &after[..j]),
        None => after,
    };
    (
        Span::new(span.start - left_raw.len(), span.start),
        Span::new(span.end, span.end + right_raw.len()),
    )
}

/// A distinct spelling and what is known of it.
struct Form {
    surface: String,
    votes: BTreeMap<EntityType, usize>,
    mentions: Vec<EntityMention>,
}

impl Form {
    fn kind(&self) -> EntityType {
        majority(&self.votes)
    }
    fn words(&self) -> Vec<&str> {
        self.surface.split_whitespace().collect()
    }
}

/// Least share (0–1) of a lone word's documents that must also write the one full name ending
/// with it for the word to join that name as its surname (unless the full name is written in as
/// many documents as the lone word). On allsides-10k the surnames merged before this rule split
/// cleanly: real ones 0.35–1.0 ("Fairfax" 0.35, "Blunt" 0.52, "Spicer" 0.94), misread full names
/// 0–0.08 ("Super PACs" 0.08, "of Apple" 0.02); 0.25 sits in the gap.
const MIN_INTRODUCED_SHARE: f32 = 0.25;

/// Names shorter than this (in chars) are not checked for misspellings: short names one letter
/// apart are usually different people ("Kim"/"Kin"). Range 4–8; 5 keeps "Gebry"/"Gebru".
const MIN_MISSPELLING_CHARS: usize = 5;

/// Hashes of the word itself and of every string made by deleting one of its chars: words one
/// edit apart share one. (Hashes, not strings: no allocation per variant; a collision only adds a
/// candidate that the edit-distance check then drops.)
fn deletion_variants(word: &str) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    let chars: Vec<char> = word.chars().collect();
    let hash_without = |skip: usize| {
        let mut h = rustc_hash::FxHasher::default();
        for (k, c) in chars.iter().enumerate() {
            if k != skip {
                c.hash(&mut h);
            }
        }
        h.finish()
    };
    // `usize::MAX` skips nothing: the word itself.
    std::iter::once(usize::MAX)
        .chain(0..chars.len())
        .map(hash_without)
        .collect()
}

/// A name written in capitals throughout ("JOHN ROBERTS", "CAGLE"), not an acronym: a word of
/// five letters or more and no lowercase letter.
fn is_shouted(name: &str) -> bool {
    !name.chars().any(char::is_lowercase)
        && name
            .split_whitespace()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 5)
}

/// The letters of an acronym of 2–6 capitals, dots left out: "G.O.P." → "GOP".
fn acronym_letters(word: &str) -> Option<String> {
    let letters: String = word.chars().filter(|c| *c != '.').collect();
    ((2..=6).contains(&letters.chars().count()) && letters.chars().all(char::is_uppercase))
        .then_some(letters)
}

/// Words left out of an acronym: "American Civil Liberties Union" → ACLU.
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| !matches!(*w, "of" | "for" | "and" | "the" | "on" | "&" | "in" | "to"))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// The words of a name that say what it means, in order, each by its first five letters
/// without hyphens: "Organisation for Economic Co-operation and Development" and "Organization
/// for Economic Cooperation and Development" have the same.
fn meaning_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = fold(&name.replace('-', ""))
        .split(' ')
        .filter(|w| !matches!(*w, "of" | "for" | "and" | "the" | "on" | "in" | "to"))
        .map(|w| w.chars().take(5).collect())
        .collect();
    words.sort_unstable();
    words
}

fn sorted_chars(s: &str) -> Vec<char> {
    let mut c: Vec<char> = s.chars().collect();
    c.sort_unstable();
    c
}

/// The type most mentions were given; ties go to the type listed first (PERSON before ORG …).
fn majority(votes: &BTreeMap<EntityType, usize>) -> EntityType {
    votes
        .iter()
        .max_by_key(|(k, n)| (**n, std::cmp::Reverse(**k)))
        .map_or(EntityType::Org, |(k, _)| *k)
}

/// An entity's id: its type and name, e.g. `person:jeff-bezos`.
pub fn entity_id(kind: EntityType, name: &str) -> String {
    format!(
        "{}:{}",
        kind.label().to_lowercase(),
        fold(name).replace(' ', "-")
    )
}

/// Resolves the mentions of every document in `corpus` into canonical entities.
pub fn resolve(corpus: &Corpus) -> EntityIndex {
    let mut resolver = Resolver::default();
    for doc in &corpus.documents {
        resolver.add(doc);
    }
    resolver.finish(corpus)
}

/// [`resolve`] a document at a time, so that the page can spread the reading of a large corpus
/// (most of the work) over many short tasks: [`Resolver::add`] each document in corpus order,
/// then [`Resolver::finish`] with the corpus.
#[derive(Default)]
pub struct Resolver {
    /// Mentions grouped by spelling.
    forms: Vec<Form>,
    by_key: HashMap<String, usize>,
    /// Per block, which forms appear together: for misspelling suggestions.
    neighbours: Vec<HashSet<usize>>,
    documents: usize,
}

impl Resolver {
    /// Reads the next document's mentions.
    pub fn add(&mut self, doc: &Document) {
        self.add_extracted(doc, extract(doc));
    }

    /// Takes the next document with its mentions already extracted (`mentions::extract`, the
    /// costly part, which may run on other threads).
    pub fn add_extracted(&mut self, doc: &Document, mentions: Vec<crate::mentions::Mention>) {
        let d = self.documents;
        self.documents += 1;
        let Resolver {
            forms,
            by_key,
            neighbours,
            ..
        } = self;
        let mut by_block: HashMap<usize, Vec<usize>> = HashMap::default();
        for m in mentions {
            let surface = m.span.of(&doc.text);
            // "Va." is Virginia, not "VA" (Veterans Affairs); "GOP" is the Republican Party.
            let key = lexicon::canonical_name(surface)
                .map(fold)
                .unwrap_or_else(|| fold(surface));
            let index = *by_key.entry(key).or_insert_with(|| {
                forms.push(Form {
                    surface: surface.to_string(),
                    votes: BTreeMap::new(),
                    mentions: Vec::new(),
                });
                neighbours.push(HashSet::default());
                forms.len() - 1
            });
            // "WATCH: CAGLE DISCUSSES …": a name first seen shouted takes the case of prose.
            if is_shouted(&forms[index].surface) && surface.chars().any(char::is_lowercase) {
                forms[index].surface = surface.to_string();
            }
            *forms[index].votes.entry(m.kind).or_default() += 1;
            let boilerplate = matches!(doc.blocks[m.block].role, Role::Boilerplate(_));
            forms[index].mentions.push(EntityMention {
                doc: d,
                span: m.span,
                boilerplate,
            });
            by_block.entry(m.block).or_default().push(index);
        }
        for members in by_block.values() {
            for &a in members {
                neighbours[a].extend(members.iter().copied().filter(|&b| b != a));
            }
        }
    }

    /// The entities of the documents added, which are `corpus`'s.
    pub fn finish(self, corpus: &Corpus) -> EntityIndex {
        ready_now(self.finish_pausing(corpus, || std::future::ready(())))
    }

    /// As [`Resolver::finish`], awaiting `pause()` every [`PAUSE_EVERY`] spellings or entities:
    /// where the page lets the browser paint and answer input (the corpus-wide steps take about
    /// a second at 10,000 articles in the browser).
    pub async fn finish_pausing<P: Future<Output = ()>>(
        self,
        corpus: &Corpus,
        pause: impl FnMut() -> P,
    ) -> EntityIndex {
        debug_assert_eq!(self.documents, corpus.documents.len());
        let Resolver {
            mut forms,
            neighbours,
            ..
        } = self;
        let mut pauses = Pauses { pause, count: 0 };
        let index = resolve_forms(corpus, &mut forms, &neighbours, &mut pauses).await;
        pauses.drop_each(forms).await;
        pauses.drop_each(neighbours).await;
        index
    }
}

/// How many spellings or entities the corpus-wide steps of resolution handle between two pauses
/// (64–4096): a few hundred microseconds of work in the browser, so a pause comes well within a
/// frame without the checks costing anything measurable.
pub const PAUSE_EVERY: usize = 256;

/// Calls for a pause every [`PAUSE_EVERY`] ticks.
struct Pauses<F> {
    pause: F,
    count: usize,
}

impl<F: FnMut() -> P, P: Future<Output = ()>> Pauses<F> {
    async fn tick(&mut self) {
        self.count += 1;
        if self.count.is_multiple_of(PAUSE_EVERY) {
            (self.pause)().await;
        }
    }

    /// Drops `items` one at a time, ticking: freeing 300,000 small allocations at once takes
    /// ~50 ms.
    async fn drop_each<T>(&mut self, items: impl IntoIterator<Item = T>) {
        for item in items {
            drop(item);
            self.tick().await;
        }
    }
}

/// The value of a future that never waits (resolution with no-op pauses).
fn ready_now<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut context) {
        std::task::Poll::Ready(value) => value,
        std::task::Poll::Pending => unreachable!("no-op pauses are always ready"),
    }
}

/// Steps 2–6 of resolution, over the spellings read from every document.
async fn resolve_forms<F: FnMut() -> P, P: Future<Output = ()>>(
    corpus: &Corpus,
    forms: &mut [Form],
    neighbours: &[HashSet<usize>],
    pauses: &mut Pauses<F>,
) -> EntityIndex {
    let mut uf = UnionFind::new(forms.len());
    let mut reasons: Vec<(usize, String)> = Vec::new();
    let kinds: Vec<EntityType> = forms.iter().map(Form::kind).collect();

    // 2. Surnames → the one full name ending with them.
    let mut full_names_by_last: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, f) in forms.iter().enumerate() {
        pauses.tick().await;
        let words = f.words();
        if kinds[i] == EntityType::Person && words.len() >= 2 {
            let last = words[words.len() - 1];
            full_names_by_last.entry(last).or_default().push(i);
            // "Abu Bakr al-Baghdadi" is "Baghdadi" too.
            let particle = last
                .split_once('-')
                .filter(|(p, _)| matches!(*p, "al" | "el" | "bin" | "ibn" | "abu"));
            if let Some((_, name)) = particle {
                full_names_by_last.entry(name).or_default().push(i);
            }
        }
    }
    let documents_of = |form: &Form| {
        let mut docs: Vec<usize> = form.mentions.iter().map(|m| m.doc).collect();
        docs.dedup();
        docs
    };
    // News introduces a person by full name, so the full name is written in a good share of the
    // lone word's documents, or in as many documents as the lone word: "Spicer" is written with
    // "Sean Spicer" in 51 of its 54 documents; "Apple" with a misread "of Apple" in 2 of 115,
    // "Taliban" with "Armed Taliban" in 1 of 94.
    let introduced = |lone: usize, full: usize| {
        let (lone_docs, full_docs) = (documents_of(&forms[lone]), documents_of(&forms[full]));
        let shared = full_docs
            .iter()
            .filter(|d| lone_docs.binary_search(d).is_ok())
            .count();
        shared as f32 >= MIN_INTRODUCED_SHARE * lone_docs.len() as f32
            || full_docs.len() >= lone_docs.len()
    };
    // A lone word guessed an organisation elsewhere ("Later, Bezos left.") is still the surname.
    let mut surname_of: Vec<(usize, usize)> = Vec::new();
    for (i, f) in forms.iter().enumerate() {
        pauses.tick().await;
        if f.words().len() != 1 || matches!(kinds[i], EntityType::Place | EntityType::Product) {
            continue;
        }
        if let Some([full]) = full_names_by_last
            .get(f.surface.as_str())
            .map(Vec::as_slice)
        {
            // Unless its own documents made it a person, a word like "House" is no surname (of a
            // "White House" misread as a person elsewhere).
            // Nor is an acronym ("GOP" of a "Senate GOP" misread as a person).
            let name_word = !lexicon::is_common_word(&f.surface)
                && !lexicon::is_org_head(&f.surface)
                && f.surface.chars().any(char::is_lowercase);
            if (kinds[i] == EntityType::Person || name_word) && introduced(i, *full) {
                surname_of.push((i, *full));
            }
        }
    }
    for (i, full) in surname_of {
        uf.union(full, i);
        reasons.push((
            i,
            format!("{}: surname of {}", forms[i].surface, forms[full].surface),
        ));
        let votes: usize = forms[i].votes.values().sum();
        forms[i].votes = BTreeMap::from([(EntityType::Person, votes)]);
    }

    // 3. Acronyms ↔ expansions (any word order, for translated names), through an index of
    // multi-word names by their initials, so the work grows with the corpus, not its square.
    // In a large corpus one acronym spells many names ("CIA": Central Intelligence Agency,
    // Comeback America Initiative …), so it joins a name only on evidence: its known meaning; or
    // the two written in one document (in one paragraph for a name in another word order), the
    // name written with it in the most documents winning (with its other spellings); or, for the
    // exact initials, being the only name in the corpus that has them.
    let mut by_initials: HashMap<Vec<char>, Vec<usize>> = HashMap::default();
    // Only organisations expand acronyms ("GOP" is not "Peter O. Graham"), and a name with an
    // acronym in it expands none ("CNN and NBC News" is not CNN).
    for (j, g) in forms.iter().enumerate() {
        pauses.tick().await;
        if g.words().len() >= 2
            && kinds[j] == EntityType::Org
            && !g.words().iter().any(|w| acronym_letters(w).is_some())
        {
            by_initials
                .entry(sorted_chars(&initials(&g.surface)))
                .or_default()
                .push(j);
        }
    }
    for (i, f) in forms.iter().enumerate() {
        pauses.tick().await;
        let Some(letters) = acronym_letters(&f.surface) else {
            continue;
        };
        // A place's or a party's short name is keyed by its full one already ("GOP").
        if kinds[i] == EntityType::Place
            || lexicon::canonical_name(&letters).is_some()
            || lexicon::canonical_name(&f.surface).is_some()
        {
            continue;
        }
        let meaning = lexicon::acronym_meaning(&letters).map(meaning_words);
        let candidates: Vec<(usize, bool)> = by_initials
            .get(&sorted_chars(&letters))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter(|&&j| {
                meaning
                    .as_ref()
                    .is_none_or(|m| *m == meaning_words(&forms[j].surface))
            })
            .map(|&j| (j, initials(&forms[j].surface) == letters))
            .filter(|&(_, exact)| exact || letters.len() >= 3)
            .collect();
        let joined: Vec<(usize, bool)> = if meaning.is_some() {
            candidates
        } else {
            let docs = documents_of(f);
            let shared = |j: usize| {
                documents_of(&forms[j])
                    .iter()
                    .filter(|d| docs.binary_search(d).is_ok())
                    .count()
            };
            let written_with: Vec<(usize, bool, usize)> = candidates
                .iter()
                .map(|&(j, exact)| (j, exact, shared(j)))
                // A name in another word order is a translation only right next to the acronym.
                .filter(|&(j, exact, n)| n > 0 && (exact || neighbours[i].contains(&j)))
                .collect();
            let best = written_with
                .iter()
                .max_by_key(|&&(j, exact, n)| (n, exact, forms[j].mentions.len()))
                .map(|&(j, _, _)| meaning_words(&forms[j].surface));
            match best {
                Some(best) => written_with
                    .into_iter()
                    .filter(|&(j, _, _)| meaning_words(&forms[j].surface) == best)
                    .map(|(j, exact, _)| (j, exact))
                    .collect(),
                None => match candidates.as_slice() {
                    [(j, true)] => vec![(*j, true)],
                    _ => Vec::new(),
                },
            }
        };
        for (j, exact) in joined {
            uf.union(j, i);
            let g = &forms[j];
            reasons.push(if exact {
                (i, format!("{}: initials of {}", f.surface, g.surface))
            } else {
                (
                    j,
                    format!("{}: the words of {} in another order", g.surface, f.surface),
                )
            });
        }
    }

    // 4. Group, type by majority, name by the fullest spelling.
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..forms.len() {
        pauses.tick().await;
        groups.entry(uf.find(i)).or_default().push(i);
    }
    // The reasons each form was merged, in the order they were found.
    let mut reasons_of: HashMap<usize, Vec<usize>> = HashMap::default();
    for (r, (form, _)) in reasons.iter().enumerate() {
        reasons_of.entry(*form).or_default().push(r);
    }
    let mut entities: Vec<Entity> = Vec::new();
    let mut entity_of_form: HashMap<usize, usize> = HashMap::default();
    for members in groups.values() {
        pauses.tick().await;
        let mut votes: BTreeMap<EntityType, usize> = BTreeMap::new();
        for &m in members {
            for (k, n) in &forms[m].votes {
                *votes.entry(*k).or_default() += n;
            }
        }
        let kind = majority(&votes);
        let canonical = members
            .iter()
            .find_map(|&m| lexicon::canonical_name(&forms[m].surface));
        let fullest = members
            .iter()
            .copied()
            .max_by_key(|&m| {
                (
                    forms[m].words().len(),
                    forms[m].mentions.len(),
                    std::cmp::Reverse(forms[m].surface.clone()),
                )
            })
            .unwrap();
        let name = canonical
            .map(str::to_string)
            .unwrap_or_else(|| forms[fullest].surface.clone());
        let mut spellings: Vec<(usize, String)> = Vec::new();
        let mut mentions = Vec::new();
        for &m in members {
            mentions.extend(forms[m].mentions.iter().cloned());
            let mut seen: HashMap<&str, usize> = HashMap::default();
            for em in &forms[m].mentions {
                *seen
                    .entry(em.span.of(&corpus.documents[em.doc].text))
                    .or_default() += 1;
            }
            spellings.extend(seen.into_iter().map(|(s, n)| (n, s.to_string())));
        }
        spellings.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut aliases: Vec<String> = Vec::new();
        for (_, s) in spellings {
            if s != name && !aliases.contains(&s) {
                aliases.push(s);
            }
        }
        mentions.sort_by_key(|m| (m.doc, m.span.start));
        let mut merged: Vec<usize> = members
            .iter()
            .flat_map(|m| reasons_of.get(m).into_iter().flatten().copied())
            .collect();
        merged.sort_unstable();
        let merges = merged.iter().map(|&r| reasons[r].1.clone()).collect();
        for &m in members {
            entity_of_form.insert(m, entities.len());
        }
        entities.push(Entity {
            id: entity_id(kind, &name),
            name,
            kind,
            aliases,
            mentions,
            parent: None,
            merges,
            hidden: false,
        });
    }
    dedupe_ids(&mut entities);

    // 5. Chapters: "ACLU of Northern California" belongs to ACLU.
    let name_to_entity: HashMap<String, usize> = forms
        .iter()
        .enumerate()
        .map(|(i, f)| (f.surface.clone(), entity_of_form[&i]))
        .collect();
    for e in 0..entities.len() {
        if entities[e].kind != EntityType::Org {
            continue;
        }
        let parent = entities[e]
            .name
            .split_once(" of ")
            .and_then(|(head, _)| name_to_entity.get(head))
            .filter(|&&p| p != e && entities[p].kind == EntityType::Org);
        if let Some(&p) = parent {
            entities[e].parent = Some(entities[p].id.clone());
        }
    }

    // 6. Misspellings: one letter apart, sharing a neighbour in the text. Words one edit apart
    // share a one-deletion variant, so an index of those variants finds them without comparing
    // every pair of spellings.
    let mut by_variant: HashMap<u64, Vec<(usize, &str)>> = HashMap::default();
    for (j, g) in forms.iter().enumerate() {
        pauses.tick().await;
        for w in g
            .words()
            .into_iter()
            .filter(|w| w.chars().count() >= MIN_MISSPELLING_CHARS)
        {
            for v in deletion_variants(w) {
                by_variant.entry(v).or_default().push((j, w));
            }
        }
    }
    let docs_of: Vec<Vec<usize>> = forms
        .iter()
        .map(|f| {
            let mut docs: Vec<usize> = f.mentions.iter().map(|m| m.doc).collect();
            docs.dedup();
            docs
        })
        .collect();
    let mut suggested: HashSet<(usize, usize)> = HashSet::default();
    let mut suggestions = Vec::new();
    for (i, f) in forms.iter().enumerate() {
        pauses.tick().await;
        if f.words().len() != 1 || f.surface.chars().count() < MIN_MISSPELLING_CHARS {
            continue;
        }
        let mut candidates: Vec<(usize, &str)> = deletion_variants(&f.surface)
            .iter()
            .filter_map(|v| by_variant.get(v))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        for (j, token) in candidates {
            let (ei, ej) = (entity_of_form[&i], entity_of_form[&j]);
            let compatible = kinds[j] == kinds[i]
                || kinds[i] == EntityType::Person
                || kinds[j] == EntityType::Person;
            if ei == ej || !compatible || strsim::levenshtein(token, &f.surface) != 1 {
                continue;
            }
            // Shared context: the same document, and a name both stand next to in it.
            let same_document = docs_of[i]
                .iter()
                .any(|d| docs_of[j].binary_search(d).is_ok());
            let shared: Vec<&str> = neighbours[i]
                .intersection(&neighbours[j])
                .map(|&n| forms[n].surface.as_str())
                .collect();
            if let (true, Some(neighbour)) = (same_document, shared.iter().min()) {
                if suggested.insert((ei, ej)) {
                    let reason = format!(
                        "“{}” is one letter from “{}”, and both appear next to {}",
                        f.surface, token, neighbour
                    );
                    suggestions.push(Suggestion {
                        entity: entities[ei].id.clone(),
                        into: entities[ej].id.clone(),
                        reason,
                    });
                }
            }
        }
    }
    pauses.drop_each(by_variant.into_values()).await;
    pauses.drop_each(docs_of).await;
    // Ids are unique (`dedupe_ids`), so an unstable sort is as deterministic and moves less.
    entities.sort_unstable_by(|a, b| {
        b.mentions
            .len()
            .cmp(&a.mentions.len())
            .then(a.id.cmp(&b.id))
    });
    EntityIndex {
        entities,
        suggestions,
    }
}

/// Two entities can share a name in different types only; make ids unique anyway.
fn dedupe_ids(entities: &mut [Entity]) {
    let mut seen: HashMap<String, usize> = HashMap::default();
    for e in entities.iter_mut() {
        let n = seen.entry(e.id.clone()).or_default();
        *n += 1;
        if *n > 1 {
            e.id = format!("{}-{}", e.id, n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolution_with_pauses_pauses_and_finds_the_same_entities() {
        let name = |n: usize| -> String {
            let letters: String = [n % 26, n / 26 % 26, n / 676 % 26]
                .iter()
                .map(|&k| char::from(b'a' + k as u8))
                .collect();
            format!("Mar{letters}")
        };
        let texts: Vec<(String, String)> = (0..400)
            .map(|n| {
                let text = format!(
                    "Council vote\n\nMayor Elena {} of Springfield told Governor Paul {} that the vote stands.",
                    name(n),
                    name(n + 400)
                );
                (format!("{n}.txt"), text)
            })
            .collect();
        let corpus = Corpus::from_texts(texts.iter().map(|(a, b)| (a.as_str(), b.as_str())), None);
        let resolver = |corpus: &Corpus| {
            let mut r = Resolver::default();
            corpus.documents.iter().for_each(|d| r.add(d));
            r
        };
        let mut pauses = 0;
        let paused = ready_now(resolver(&corpus).finish_pausing(&corpus, || {
            pauses += 1;
            std::future::ready(())
        }));
        assert!(paused.entities.len() >= 800, "{}", paused.entities.len());
        assert!(pauses >= paused.entities.len() / PAUSE_EVERY, "{pauses}");
        assert_eq!(paused, resolve(&corpus));
    }

    fn corpus(texts: &[&str]) -> Corpus {
        let names: Vec<String> = (0..texts.len()).map(|i| format!("{i}.txt")).collect();
        Corpus::from_texts(
            names.iter().map(String::as_str).zip(texts.iter().copied()),
            None,
        )
    }

    fn entity<'a>(index: &'a EntityIndex, name: &str) -> &'a Entity {
        index
            .entities
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| {
                panic!(
                    "{name} in {:?}",
                    index.entities.iter().map(|e| &e.name).collect::<Vec<_>>()
                )
            })
    }

    const HEAD: &str = "A headline for the test\n\n";

    #[test]
    fn a_surname_joins_the_full_name_across_documents() {
        let index = corpus(&[
            &format!("{HEAD}Jeff Bezos spoke."),
            &format!("{HEAD}Later, Bezos left."),
        ]);
        let bezos = resolve(&index);
        let e = entity(&bezos, "Jeff Bezos");
        assert_eq!(e.id, "person:jeff-bezos");
        assert_eq!(e.aliases, ["Bezos"]);
        assert_eq!(e.mentions.len(), 2);
        assert_eq!(e.merges, ["Bezos: surname of Jeff Bezos"]);
    }

    #[test]
    fn a_word_written_without_the_full_name_in_most_of_its_documents_is_no_surname_of_it() {
        let mut texts = vec![format!(
            "{HEAD}Armed Taliban fighters met. The Taliban said so."
        )];
        texts.extend((0..4).map(|k| format!("{HEAD}The Taliban attacked town {k}.")));
        texts.push(format!("{HEAD}Sean Spicer spoke."));
        texts.push(format!(
            "{HEAD}Sean Spicer spoke again. Later, Spicer left."
        ));
        texts.push(format!("{HEAD}Spicer left."));
        let index = resolve(&corpus(
            &texts.iter().map(String::as_str).collect::<Vec<_>>(),
        ));
        let taliban = entity(&index, "Taliban");
        assert_eq!((taliban.kind, taliban.mentions.len()), (EntityType::Org, 5));
        assert!(taliban.merges.is_empty());
        let spicer = entity(&index, "Sean Spicer");
        assert_eq!(spicer.merges, ["Spicer: surname of Sean Spicer"]);
        assert_eq!(spicer.mentions.len(), 4);
    }

    #[test]
    fn a_state_abbreviation_is_its_state_not_the_acronym_it_spells() {
        let index = resolve(&corpus(&[
            &format!("{HEAD}Sen. Tim Kaine, D-Va., spoke in Richmond, Va., about Virginia."),
            &format!("{HEAD}The VA said veterans wait too long. The VA will hire."),
        ]));
        let virginia = entity(&index, "Virginia");
        assert_eq!(
            (virginia.kind, virginia.mentions.len()),
            (EntityType::Place, 3)
        );
        assert!(virginia.aliases.contains(&"Va.".to_string()));
        assert_eq!(entity(&index, "VA").mentions.len(), 2);
    }

    #[test]
    fn the_gop_is_the_republican_party_and_no_other_body_its_letters_spell() {
        let index = resolve(&corpus(&[
            &format!("{HEAD}GOP leaders met. The G.O.P. is split, said the Republican Party."),
            &format!("{HEAD}The Government Publishing Office printed the Grand Old Party's plan."),
        ]));
        let party = entity(&index, "Republican Party");
        assert_eq!((party.kind, party.mentions.len()), (EntityType::Org, 4));
        assert!(entity(&index, "Government Publishing Office")
            .aliases
            .is_empty());
    }

    #[test]
    fn country_names_are_one_place() {
        let index = resolve(&corpus(&[&format!(
            "{HEAD}Police in the US and the United States, in America, and in the U.S. too."
        )]));
        let us = entity(&index, "United States");
        assert_eq!(us.kind, EntityType::Place);
        assert_eq!(us.mentions.len(), 4);
    }

    #[test]
    fn acronyms_join_their_expansion_even_reordered() {
        let index = resolve(&corpus(&[
            &format!("{HEAD}The ACLU sued. The American Union for Civil Liberties said so."),
            &format!("{HEAD}AWS grew. Amazon Web Services is large."),
        ]));
        assert_eq!(
            entity(&index, "American Union for Civil Liberties").aliases,
            ["ACLU"]
        );
        assert_eq!(entity(&index, "Amazon Web Services").aliases, ["AWS"]);
    }

    #[test]
    fn an_acronym_of_many_names_joins_the_one_written_with_it() {
        let index = resolve(&corpus(&[
            &format!("{HEAD}The CIA briefed senators. The Central Intelligence Agency declined."),
            &format!("{HEAD}The Comeback America Initiative met. The CIA was not there."),
            &format!("{HEAD}The Central Intelligence Agency and the CIA agreed."),
            &format!("{HEAD}The SJW crowd complained."),
            &format!("{HEAD}The Wall Street Journal reported it."),
            &format!("{HEAD}CNN and NBC News reported it. CNN said so."),
        ]));
        assert_eq!(
            entity(&index, "Central Intelligence Agency").aliases,
            ["CIA"]
        );
        assert!(entity(&index, "Comeback America Initiative")
            .aliases
            .is_empty());
        assert!(entity(&index, "Wall Street Journal").aliases.is_empty());
        assert!(entity(&index, "CNN").aliases.is_empty());
    }

    #[test]
    fn an_acronym_the_corpus_spells_out_once_joins_it_across_documents() {
        let index = resolve(&corpus(&[
            &format!("{HEAD}The ACLU sued the city."),
            &format!("{HEAD}The American Civil Liberties Union said so."),
        ]));
        assert_eq!(
            entity(&index, "American Civil Liberties Union").aliases,
            ["ACLU"]
        );
    }

    #[test]
    fn a_name_first_seen_in_capitals_is_named_as_prose_writes_it() {
        let index = resolve(&corpus(&[
            &format!("{HEAD}WATCH: CASEY CAGLE DISCUSSES THE RACE"),
            &format!("{HEAD}Casey Cagle denied the allegations. NASA agreed."),
        ]));
        assert!(index.get("person:casey-cagle").is_some());
        assert_eq!(entity(&index, "Casey Cagle").aliases, ["CASEY CAGLE"]);
    }

    #[test]
    fn an_acronym_with_a_meaning_of_its_own_joins_only_that_meaning() {
        let index = resolve(&corpus(&[
            &format!("{HEAD}The AP reported the vote. GOP leaders met."),
            &format!("{HEAD}Arnold & Porter sued. The Government Publishing Office printed it."),
            &format!("{HEAD}The Organisation for Economic Co-operation and Development said so."),
            &format!("{HEAD}The OECD agreed."),
        ]));
        assert!(entity(&index, "Arnold & Porter").aliases.is_empty());
        assert!(entity(&index, "Government Publishing Office")
            .aliases
            .is_empty());
        assert_eq!(
            entity(
                &index,
                "Organisation for Economic Co-operation and Development"
            )
            .aliases,
            ["OECD"]
        );
    }

    #[test]
    fn a_chapter_links_to_its_parent() {
        let index = resolve(&corpus(&[&format!(
            "{HEAD}The ACLU and the ACLU of Northern California both sued."
        )]));
        let chapter = entity(&index, "ACLU of Northern California");
        assert_eq!(chapter.parent.as_deref(), Some("org:aclu"));
    }

    #[test]
    fn the_browser_filters_finds_and_sorts() {
        let corpus = corpus(&[
            &format!("{HEAD}Jeff Bezos met Andy Jassy in Seattle. Bezos left Seattle."),
            &format!("{HEAD}Andy Jassy stayed."),
        ]);
        let index = resolve(&corpus);
        let names = |v: Vec<&Entity>| v.iter().map(|e| e.name.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(index.browse(None, "", EntitySort::Mentions)),
            ["Andy Jassy", "Jeff Bezos", "Seattle"]
        );
        assert_eq!(
            names(index.browse(None, "", EntitySort::Sources))[0],
            "Andy Jassy"
        );
        assert_eq!(
            names(index.browse(Some(EntityType::Place), "", EntitySort::Name)),
            ["Seattle"]
        );
        assert_eq!(
            names(index.browse(None, "BEZ", EntitySort::Name)),
            ["Jeff Bezos"]
        );
        let jassy = index.get("person:andy-jassy").unwrap();
        assert_eq!(jassy.sources(), 2);
        let per_source = corpus.sources().count(jassy.mentions.iter().map(|m| m.doc));
        assert_eq!(per_source, [1, 1]);
        let in_first: Vec<&str> = index
            .mentions_in(0)
            .iter()
            .map(|(_, e)| e.name.as_str())
            .collect();
        assert_eq!(
            in_first,
            [
                "Jeff Bezos",
                "Andy Jassy",
                "Seattle",
                "Jeff Bezos",
                "Seattle"
            ]
        );
    }

    #[test]
    fn keyword_in_context_cuts_at_words_on_one_line() {
        let text = "The company said on Wednesday\nthat Jeff Bezos would step down next year, sources say.";
        let at = text.find("Jeff Bezos").unwrap();
        let (left, key, right) = keyword_in_context(text, Span::new(at, at + 10), 20);
        assert_eq!(
            (left.as_str(), key.as_str(), right.as_str()),
            ("on Wednesday that ", "Jeff Bezos", " would step down")
        );
        // 16 chars end right after "down": the word is whole, so it stays.
        let (_, _, right) = keyword_in_context(text, Span::new(at, at + 10), 16);
        assert_eq!(right, " would step down");
    }

    #[test]
    fn a_likely_misspelling_is_suggested_not_merged() {
        let index = resolve(&corpus(&[&format!(
            "{HEAD}Joy Buolamwini and Timnit Gebru wrote it. Later Buolamwini and Gebry wrote more."
        )]));
        let gebry = entity(&index, "Gebry");
        assert_eq!(gebry.kind, EntityType::Person);
        assert_eq!(index.suggestions.len(), 1, "{:?}", index.suggestions);
        assert_eq!(index.suggestions[0].entity, gebry.id);
        assert_eq!(index.suggestions[0].into, "person:timnit-gebru");
        assert!(index.suggestions[0].reason.contains("Buolamwini"));
    }
}

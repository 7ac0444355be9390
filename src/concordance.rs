//! Concordance (keyword in context): every occurrence of one word, `prefix*`, `"phrase"` or
//! `entity:` in a list of documents, each as a line of left context, the match and right context,
//! in document order or sorted by the words either side of the match.
//!
//! It owns finding the occurrences and ordering the lines; what a word matches is the search
//! index's business ([`crate::search`]): a word or phrase matches exactly where the index has it
//! (same folding and stemming — "police" finds "Policing"), found through the index's positions so
//! only documents holding the term are read, and never re-stemmed. An entity matches its mentions
//! (by name or alias, folded, as `entity:` in search). Cutting the context is
//! [`keyword_in_context`], shared with the entity browser.
//!
//! Where it looks: the body, as search indexes it, plus boilerplate when asked. Headlines are left
//! out: a headline may come from metadata (JSONL, manifest) rather than the text, so its words
//! have no span in the document; `title:` terms are therefore no concordance terms.
//!
//! **Every line's span is a byte range into the document's original text**; only the context
//! strings are cut and put on one line for display.

use crate::corpus::Corpus;
use crate::entities::{context_spans, keyword_in_context, EntityIndex};
use crate::query::{Query, Term};
use crate::search::{
    field_blocks, fold_diacritics, phrase_starts, word_spans, words, Field, Index,
};
use crate::text::Span;

/// Characters of context either side of a match (20–120). 60 is about ten words: enough to read
/// the phrase a word sits in, and a line of left context, match and right context still fits a
/// wide terminal or the side pane. Contexts are cut at a word boundary, so they can be shorter.
pub const CONTEXT_CHARS: usize = 60;

/// Lines returned at most (every match is still counted in [`Concordance::total`]). A reader
/// scans a thousand lines; a common word across 10,000 documents has tens of thousands, and
/// building them all would cost time and memory for nothing.
pub const LINE_LIMIT: usize = 1000;

/// The order of the lines.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// The documents in the order given, matches in text order.
    #[default]
    Document,
    /// By the words before the match, nearest first ("said police" before "the police"),
    /// folded (case and accents aside).
    Left,
    /// By the words after the match, in order, folded.
    Right,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    pub sort: Sort,
    /// Lines returned at most: [`LINE_LIMIT`] by default.
    pub limit: usize,
    /// Look in boilerplate (captions, sign-up boxes, related links) too.
    pub boilerplate: bool,
    /// Characters of context either side: [`CONTEXT_CHARS`] by default.
    pub context: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            sort: Sort::Document,
            limit: LINE_LIMIT,
            boilerplate: false,
            context: CONTEXT_CHARS,
        }
    }
}

/// One occurrence in context.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// Index of the document in the corpus.
    pub doc: usize,
    /// The document's id.
    pub id: String,
    /// The match: a byte range into the document's original text.
    pub span: Span,
    /// Up to `context` chars before the match, on one line; ends with a space when the text has
    /// one there.
    pub left: String,
    /// The matched text, on one line.
    pub matched: String,
    /// Up to `context` chars after the match, on one line; starts with a space when the text has
    /// one there.
    pub right: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Concordance {
    /// Every match in the documents, including those past the limit.
    pub total: usize,
    /// At most `limit` lines, in the asked order.
    pub lines: Vec<Line>,
}

/// The term of `query` a concordance looks up: its first word, `prefix*`, phrase or `entity:`
/// that is not excluded nor limited to the headline. The whole query still selects the documents.
pub fn lookup_term(query: &Query) -> Option<&Term> {
    query
        .clauses
        .iter()
        .filter(|c| !c.excluded)
        .flat_map(|c| &c.alternatives)
        .find(|t| {
            matches!(
                t,
                Term::Word {
                    title_only: false,
                    ..
                } | Term::Prefix {
                    title_only: false,
                    ..
                } | Term::Phrase {
                    title_only: false,
                    ..
                } | Term::Entity(_)
            )
        })
}

/// Where a match was found, before its bytes are known.
enum At {
    /// `len` words from word `start` of a field, numbered as the index numbers them.
    Words {
        field: Field,
        start: u32,
        len: u32,
    },
    Span(Span),
}

struct Found {
    /// Place of the document in the list asked for.
    rank: usize,
    doc: usize,
    at: At,
}

/// Every occurrence of `term` in `docs` (indices into `corpus`, in the order wanted; the first
/// occurrence of a repeated index counts). `index` and `entities` must be those of `corpus`.
/// A filter term (`source:`, `type:`, `date:`) or a `title:` one has no occurrences.
pub fn concordance(
    corpus: &Corpus,
    entities: &EntityIndex,
    index: &Index,
    docs: &[usize],
    term: &Term,
    options: Options,
) -> Concordance {
    let n = corpus.documents.len();
    let mut rank = vec![usize::MAX; n];
    for (r, &d) in docs.iter().enumerate() {
        if d < n && rank[d] == usize::MAX {
            rank[d] = r;
        }
    }
    let fields: &[Field] = if options.boilerplate {
        &[Field::Body, Field::Boilerplate]
    } else {
        &[Field::Body]
    };
    let mut found = match term {
        Term::Word {
            text,
            title_only: false,
        } => in_a_row(index, &analysed([text.as_str()]), fields, &rank),
        Term::Phrase {
            words: typed,
            title_only: false,
        } => in_a_row(
            index,
            &analysed(typed.iter().map(String::as_str)),
            fields,
            &rank,
        ),
        Term::Prefix {
            text,
            title_only: false,
        } => with_prefix(index, text, fields, &rank),
        Term::Entity(name) => mentions(corpus, entities, index, name, fields, &rank),
        _ => Vec::new(),
    };
    let total = found.len();
    found.sort_by_key(|f| (f.rank, f.doc));

    // Bytes of each match, document by document. In document order only the documents up to the
    // limit are read; a sort by context must see every match.
    let mut spans: Vec<(usize, usize, Span)> = Vec::new();
    for group in found.chunk_by(|a, b| a.doc == b.doc) {
        if options.sort == Sort::Document && spans.len() >= options.limit {
            break;
        }
        let (rank, d) = (group[0].rank, group[0].doc);
        let mut in_doc: Vec<(usize, usize, Span)> = Vec::new();
        in_doc.extend(group.iter().filter_map(|f| match f.at {
            At::Span(span) => Some((rank, d, span)),
            At::Words { .. } => None,
        }));
        let doc = &corpus.documents[d];
        for &field in fields {
            let at_words = group.iter().filter_map(|f| match f.at {
                At::Words {
                    field: g,
                    start,
                    len,
                } if g == field => Some((start as usize, (start + len) as usize)),
                _ => None,
            });
            // The field's words up to the last one needed, numbered as the index numbers them.
            let Some(needed) = at_words.clone().map(|(_, end)| end).max() else {
                continue;
            };
            let text = doc.text.as_str();
            let words: Vec<Span> = field_blocks(doc, field)
                .flat_map(|b| word_spans(b.of(text), b.start))
                .take(needed)
                .collect();
            in_doc.extend(at_words.filter_map(|(first, end)| {
                let (a, b) = (words.get(first)?, words.get(end - 1)?);
                Some((rank, d, Span::new(a.start, b.end)))
            }));
        }
        in_doc.sort_unstable();
        spans.extend(in_doc);
    }

    let line = |&(_, d, span): &(usize, usize, Span)| {
        let doc = &corpus.documents[d];
        let (left, matched, right) = keyword_in_context(&doc.text, span, options.context);
        Line {
            doc: d,
            id: doc.id.clone(),
            span,
            left,
            matched,
            right,
        }
    };
    if options.sort != Sort::Document {
        // Keys first, lines for the kept matches only: a common word has tens of thousands.
        let mut keyed: Vec<(String, (usize, usize, Span))> = spans
            .into_iter()
            .map(|s| {
                let text = &corpus.documents[s.1].text;
                (sort_key(text, s.2, options), s)
            })
            .collect();
        // Ties by the document's place, then the match's.
        let order = |a: &(String, (usize, usize, Span)), b: &(String, (usize, usize, Span))| {
            (&a.0, a.1).cmp(&(&b.0, b.1))
        };
        if options.limit < keyed.len() {
            keyed.select_nth_unstable_by(options.limit, order);
            keyed.truncate(options.limit);
        }
        keyed.sort_unstable_by(order);
        spans = keyed.into_iter().map(|(_, s)| s).collect();
    }
    let lines = spans.iter().take(options.limit).map(line).collect();
    Concordance { total, lines }
}

/// What a line sorts by: the words of its left context nearest first, or of its right context in
/// order, folded and joined by spaces (a space sorts before any letter, so a word sorts before
/// its longer neighbours and a shorter context before a longer one that starts alike).
fn sort_key(text: &str, span: Span, options: Options) -> String {
    let (left, right) = context_spans(text, span, options.context);
    let side = if options.sort == Sort::Left {
        left
    } else {
        right
    };
    let mut words: Vec<Span> = word_spans(side.of(text), side.start).collect();
    if options.sort == Sort::Left {
        words.reverse();
    }
    let mut key = String::with_capacity(side.end - side.start + 1);
    for w in words {
        key.push_str(&fold_diacritics(w.of(text)));
        key.push(' ');
    }
    key
}

/// The analysed words of a word or phrase as typed: "Face-Recognition" → "face", "recognit".
fn analysed<'a>(typed: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    typed
        .into_iter()
        .flat_map(|w| words(w, 0))
        .map(|w| w.term)
        .collect()
}

/// The places where `terms` stand in a row (one term: wherever it stands) in the listed documents.
fn in_a_row(index: &Index, terms: &[String], fields: &[Field], rank: &[usize]) -> Vec<Found> {
    let mut found = Vec::new();
    if terms.is_empty() {
        return found;
    }
    for &field in fields {
        let lists: Vec<Vec<(usize, Vec<u32>)>> =
            terms.iter().map(|t| index.positions(t, field)).collect();
        for (doc, first) in &lists[0] {
            if rank.get(*doc).is_none_or(|&r| r == usize::MAX) {
                continue;
            }
            // Each list is in document order.
            let rest: Option<Vec<&[u32]>> = lists[1..]
                .iter()
                .map(|list| {
                    list.binary_search_by_key(doc, |(d, _)| *d)
                        .ok()
                        .map(|i| list[i].1.as_slice())
                })
                .collect();
            let Some(rest) = rest else { continue };
            found.extend(phrase_starts(first, &rest).map(|start| Found {
                rank: rank[*doc],
                doc: *doc,
                at: At::Words {
                    field,
                    start,
                    len: terms.len() as u32,
                },
            }));
        }
    }
    found
}

/// Every word the index expands `prefix*` to, in the listed documents.
fn with_prefix(index: &Index, prefix: &str, fields: &[Field], rank: &[usize]) -> Vec<Found> {
    let mut found = Vec::new();
    for term in index.prefix_terms(prefix) {
        found.extend(in_a_row(
            index,
            &[index.term(term).to_string()],
            fields,
            rank,
        ));
    }
    found
}

/// The mentions of the entities named `name` (or so aliased) that sit in `fields` of the listed
/// documents.
fn mentions(
    corpus: &Corpus,
    entities: &EntityIndex,
    index: &Index,
    name: &str,
    fields: &[Field],
    rank: &[usize],
) -> Vec<Found> {
    let mut by_doc: Vec<(usize, Span)> = index
        .entities_named(name)
        .into_iter()
        .filter_map(|id| entities.get(id))
        .flat_map(|e| &e.mentions)
        .filter(|m| rank.get(m.doc).is_some_and(|&r| r != usize::MAX))
        .map(|m| (m.doc, m.span))
        .collect();
    by_doc.sort_unstable();
    let mut found = Vec::new();
    for group in by_doc.chunk_by(|a, b| a.0 == b.0) {
        let doc = group[0].0;
        let blocks: Vec<Span> = fields
            .iter()
            .flat_map(|&f| field_blocks(&corpus.documents[doc], f))
            .collect();
        found.extend(
            group
                .iter()
                .filter(|(_, s)| blocks.iter().any(|b| b.start <= s.start && s.end <= b.end))
                .map(|&(doc, span)| Found {
                    rank: rank[doc],
                    doc,
                    at: At::Span(span),
                }),
        );
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::{Manifest, ManifestEntry};
    use crate::query::parse;

    /// Articles whose headline comes from the manifest, so the text is all body from its first
    /// byte (as in JSONL corpora).
    struct Fixture {
        corpus: Corpus,
        entities: EntityIndex,
        index: Index,
    }

    fn fixture(texts: &[&str]) -> Fixture {
        let names: Vec<String> = (0..texts.len()).map(|i| format!("{i}.txt")).collect();
        let manifest = Manifest {
            entries: names
                .iter()
                .map(|n| {
                    let entry = ManifestEntry {
                        title: Some(format!("Headline of {n}")),
                        outlet: None,
                        url: None,
                        date: None,
                        author: None,
                    };
                    (n.clone(), entry)
                })
                .collect(),
        };
        let corpus = Corpus::from_texts(
            names.iter().map(String::as_str).zip(texts.iter().copied()),
            Some(&manifest),
        );
        let entities = crate::entities::resolve(&corpus);
        let index = Index::build(&corpus, &entities);
        Fixture {
            corpus,
            entities,
            index,
        }
    }

    impl Fixture {
        fn run(&self, query: &str, options: Options) -> Concordance {
            let all: Vec<usize> = (0..self.corpus.documents.len()).collect();
            self.run_in(&all, query, options)
        }

        fn run_in(&self, docs: &[usize], query: &str, options: Options) -> Concordance {
            let q = parse(query);
            let term = lookup_term(&q).expect("a term to look up");
            concordance(
                &self.corpus,
                &self.entities,
                &self.index,
                docs,
                term,
                options,
            )
        }
    }

    /// Each line as (left, match, right), checking its span points at the match.
    fn kwic(f: &Fixture, c: &Concordance) -> Vec<(String, String, String)> {
        c.lines
            .iter()
            .map(|l| {
                let text = &f.corpus.documents[l.doc].text;
                let raw: Vec<&str> = l.span.of(text).split_whitespace().collect();
                assert_eq!(raw.join(" "), l.matched, "the span is the match");
                assert_eq!(l.id, f.corpus.documents[l.doc].id);
                (l.left.clone(), l.matched.clone(), l.right.clone())
            })
            .collect()
    }

    fn line(left: &str, matched: &str, right: &str) -> (String, String, String) {
        (left.into(), matched.into(), right.into())
    }

    fn narrow(sort: Sort) -> Options {
        Options {
            sort,
            context: 20,
            ..Options::default()
        }
    }

    #[test]
    fn a_word_matches_what_search_matches_stemmed_and_folded() {
        let f = fixture(&[
            "Amazon banned police use of its software. Critics of policing said it was not enough. \
             The ban on Police Departments lasts a year; a policy review follows.",
        ]);
        let c = f.run("police", narrow(Sort::Document));
        // "police" and "policing" stem to "polic"; "policy" is "polici", another word.
        assert_eq!(
            kwic(&f, &c),
            [
                line("Amazon banned ", "police", " use of its"),
                line("Critics of ", "policing", " said it was not"),
                line("enough. The ban on ", "Police", " Departments lasts a"),
            ]
        );
        assert_eq!(c.total, 3);
    }

    #[test]
    fn a_phrase_matches_across_a_line_break() {
        let text =
            "The council voted to ban face\nrecognition software on Tuesday, and face masks too.";
        let f = fixture(&[text]);
        let c = f.run("\"face recognition\"", narrow(Sort::Document));
        assert_eq!(c.total, 1);
        assert_eq!(
            kwic(&f, &c),
            [line("voted to ban ", "face recognition", " software on")]
        );
        assert_eq!(c.lines[0].span.of(text), "face\nrecognition");
    }

    #[test]
    fn an_entity_is_found_by_an_alias_under_every_spelling() {
        let f = fixture(&[
            "Jeff Bezos founded the company in 1994. Critics say Bezos built it on cheap labour.",
            "Later, Bezos stepped down.",
        ]);
        let c = f.run("entity:bezos", narrow(Sort::Document));
        assert_eq!(c.total, 3);
        assert_eq!(
            kwic(&f, &c),
            [
                line("", "Jeff Bezos", " founded the company"),
                line("1994. Critics say ", "Bezos", " built it on cheap"),
                line("Later, ", "Bezos", " stepped down."),
            ]
        );
    }

    const SORTABLE: &str = "The city police said little. Federal police arrived. \
         Armed police waited. The city police left.";

    #[test]
    fn sorted_by_left_context_nearest_word_first() {
        let f = fixture(&[SORTABLE]);
        let lefts: Vec<String> = f
            .run("police", narrow(Sort::Left))
            .lines
            .into_iter()
            .map(|l| l.left)
            .collect();
        // By the nearest word (armed, city, city, federal), then the next: "city the" comes
        // before "city the waited", as a shorter key.
        assert_eq!(
            lefts,
            [
                "arrived. Armed ",
                "The city ",
                "waited. The city ",
                "little. Federal ",
            ]
        );
    }

    #[test]
    fn sorted_by_right_context_in_reading_order() {
        let f = fixture(&[SORTABLE]);
        let rights: Vec<String> = f
            .run("police", narrow(Sort::Right))
            .lines
            .into_iter()
            .map(|l| l.right)
            .collect();
        assert_eq!(
            rights,
            [
                " arrived. Armed",
                " left.",
                " said little.",
                " waited. The city"
            ]
        );
    }

    #[test]
    fn the_limit_caps_lines_but_every_match_is_counted() {
        let f = fixture(&[SORTABLE, "Police again.", "No match here."]);
        let c = f.run(
            "police",
            Options {
                limit: 2,
                ..Options::default()
            },
        );
        assert_eq!((c.total, c.lines.len()), (5, 2));
        assert_eq!(c.lines[0].span.of(&f.corpus.documents[0].text), "police");
        // Sorted, the limit keeps the first lines of the whole order.
        let c = f.run(
            "police",
            Options {
                limit: 1,
                sort: Sort::Right,
                ..Options::default()
            },
        );
        assert_eq!((c.total, c.lines[0].right.as_str()), (5, " again."));
    }

    #[test]
    fn only_the_listed_documents_in_their_order() {
        let f = fixture(&["Police first.", "Police second.", "Police third."]);
        let c = f.run_in(&[2, 0], "police", Options::default());
        let docs: Vec<usize> = c.lines.iter().map(|l| l.doc).collect();
        assert_eq!((c.total, docs), (2, vec![2, 0]));
    }

    #[test]
    fn a_match_at_the_very_start_and_end_of_the_text() {
        let text = "Police said the road was closed by police";
        let f = fixture(&[text]);
        let c = f.run("police", narrow(Sort::Document));
        assert_eq!(
            kwic(&f, &c),
            [
                line("", "Police", " said the road was"),
                line("road was closed by ", "police", ""),
            ]
        );
        assert_eq!(c.lines[0].span, Span::new(0, 6));
        assert_eq!(c.lines[1].span.end, text.len());
    }

    #[test]
    fn multibyte_text_is_cut_between_chars() {
        // "ü", "é" and curly quotes are two or three bytes each.
        let text =
            "“Zürich’s café owners,” said Müller, “fear the police.” Élodie’s police—café raid.";
        let f = fixture(&[text]);
        let c = f.run(
            "police",
            Options {
                context: 12,
                ..Options::default()
            },
        );
        assert_eq!(
            kwic(&f, &c),
            [
                line("“fear the ", "police", ".” Élodie’s"),
                line("Élodie’s ", "police", "—café raid."),
            ]
        );
        // Diacritics fold in the lookup: "Zurich" finds "Zürich".
        let c = f.run("zurich", Options::default());
        assert_eq!(kwic(&f, &c)[0].1, "Zürich");
        assert_eq!(c.lines[0].span.of(text), "Zürich");
    }

    #[test]
    fn boilerplate_only_when_asked() {
        let text = "Police closed the road on Monday.\n\n\
                    Sign up for our newsletter to get police news in your inbox.";
        let f = fixture(&[text]);
        assert_eq!(f.run("police", Options::default()).total, 1);
        let with = f.run(
            "police",
            Options {
                boilerplate: true,
                ..Options::default()
            },
        );
        assert_eq!(with.total, 2, "{:?}", f.corpus.documents[0].blocks);
    }

    #[test]
    fn the_headline_in_the_text_is_no_line() {
        let corpus = Corpus::from_texts(
            [(
                "a.txt",
                "Amazon bans police use of Rekognition\n\nAmazon said police would wait a year.",
            )],
            None,
        );
        let entities = crate::entities::resolve(&corpus);
        let index = Index::build(&corpus, &entities);
        let count = |q: &str| {
            let q = parse(q);
            let term = lookup_term(&q).unwrap();
            concordance(
                &corpus,
                &entities,
                &index,
                &[0],
                term,
                narrow(Sort::Document),
            )
            .lines
        };
        let police = count("police");
        assert_eq!(police.len(), 1);
        assert_eq!(police[0].left, "Amazon said ");
        let amazon = count("entity:amazon");
        assert_eq!(amazon.len(), 1, "{amazon:?}");
        assert_eq!(
            amazon[0].span.start,
            corpus.documents[0].text.find("Amazon said").unwrap()
        );
    }

    #[test]
    fn a_prefix_finds_every_word_it_expands_to() {
        let f = fixture(&["Recognition and recognising, then recognized faces and a record."]);
        let c = f.run("recogn*", Options::default());
        let matched: Vec<String> = c.lines.into_iter().map(|l| l.matched).collect();
        assert_eq!(matched, ["Recognition", "recognising", "recognized"]);
    }

    #[test]
    fn the_index_positions_point_at_the_words_search_analyses() {
        // On the seed articles (real layouts: headlines, bylines, boilerplate), every body word
        // the analysis reads as "polic" or "amazon" is a line, and nothing else is.
        let corpus = Corpus::embedded();
        let entities = crate::entities::resolve(&corpus);
        let index = Index::build(&corpus, &entities);
        let all: Vec<usize> = (0..corpus.documents.len()).collect();
        for typed in ["police", "amazon", "the"] {
            let stem = &words(typed, 0)[0].term;
            let expected: Vec<(usize, Span)> = corpus
                .documents
                .iter()
                .enumerate()
                .flat_map(|(d, doc)| {
                    field_blocks(doc, Field::Body)
                        .flat_map(|b| words(b.of(&doc.text), b.start))
                        .filter(|w| &w.term == stem)
                        .map(move |w| (d, w.span))
                })
                .collect();
            let term = Term::Word {
                text: typed.into(),
                title_only: false,
            };
            let c = concordance(&corpus, &entities, &index, &all, &term, Options::default());
            let got: Vec<(usize, Span)> = c.lines.iter().map(|l| (l.doc, l.span)).collect();
            assert!(!expected.is_empty(), "{typed} is in the seeds");
            assert_eq!((c.total, got), (expected.len(), expected), "{typed}");
        }
    }

    #[test]
    fn the_looked_up_term_is_the_first_searchable_one() {
        let term = |q: &str| lookup_term(&parse(q)).cloned();
        assert_eq!(
            term("source:fox -ibm title:ban police use"),
            Some(Term::Word {
                text: "police".into(),
                title_only: false
            })
        );
        assert_eq!(
            term("date:2020 entity:\"Jeff Bezos\" amazon"),
            Some(Term::Entity("Jeff Bezos".into()))
        );
        assert_eq!(term("source:fox type:PERSON title:police"), None);
    }
}

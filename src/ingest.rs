//! Ingest: one article's raw text in, a [`Document`] out — headline, date, byline, outlet, and every
//! paragraph with its role (header, body, or a kind of boilerplate).
//!
//! The header is read from the first few paragraphs by their shape: a line that is only a date is a
//! dateline; "By Name …" is a byline; the first headline-shaped line is the title; the same headline
//! again, perhaps with " - Site Name" appended, is a repeat that names the outlet.
//! Everything after the header is body unless [`crate::boilerplate`] says otherwise.
//!
//! **The text is kept exactly as read; titles, bylines and blocks are derived views onto it.**

use serde::{Deserialize, Serialize};

use crate::boilerplate::{self, BoilerplateKind};
use crate::dates::{self, Date};
use crate::text::{self, fold, is_capitalized, Span};

/// What a paragraph is, as the reader and the JSON output see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Title,
    /// The headline printed again (often with the site name appended).
    TitleRepeat,
    Dateline,
    Byline,
    Body,
    Boilerplate(BoilerplateKind),
}

impl Role {
    pub fn is_header(self) -> bool {
        matches!(
            self,
            Role::Title | Role::TitleRepeat | Role::Dateline | Role::Byline
        )
    }
}

/// One paragraph of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub span: Span,
    pub role: Role,
}

/// An analysed article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: the file name.
    pub id: String,
    /// The original text, byte for byte.
    pub text: String,
    pub title: String,
    /// Where the title stands in the text, when the text has a headline.
    pub title_span: Option<Span>,
    pub date: Option<Date>,
    pub author: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub blocks: Vec<Block>,
    /// Words in the body (header and boilerplate excluded).
    pub words: usize,
}

/// A run of consecutive boilerplate paragraphs of one kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BoilerplateRun {
    pub kind: BoilerplateKind,
    pub span: Span,
    /// Index range into [`Document::blocks`].
    pub blocks: (usize, usize),
}

impl Document {
    pub fn block_text(&self, block: &Block) -> &str {
        block.span.of(&self.text)
    }

    pub fn body(&self) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(|b| b.role == Role::Body)
    }

    /// Boilerplate grouped into blocks: consecutive paragraphs of the same kind form one block.
    pub fn boilerplate_runs(&self) -> Vec<BoilerplateRun> {
        let mut runs: Vec<BoilerplateRun> = Vec::new();
        for (i, block) in self.blocks.iter().enumerate() {
            let Role::Boilerplate(kind) = block.role else {
                continue;
            };
            match runs.last_mut() {
                Some(run) if run.kind == kind && run.blocks.1 == i => {
                    run.span = run.span.cover(block.span);
                    run.blocks.1 = i + 1;
                }
                _ => runs.push(BoilerplateRun {
                    kind,
                    span: block.span,
                    blocks: (i, i + 1),
                }),
            }
        }
        runs
    }
}

/// Why bytes could not be read as an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    Binary,
    NotUtf8 { offset: usize },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "empty file (no text)"),
            DecodeError::Binary => write!(f, "binary file, not text"),
            DecodeError::NotUtf8 { offset } => {
                write!(f, "not valid UTF-8 (first bad byte at offset {offset})")
            }
        }
    }
}

/// Share of control characters above which bytes are binary rather than text.
///
/// Range 0.01–0.3. Text has none besides tab/newline/CR/form feed; binary formats that happen to be
/// valid UTF-8 (rare) have many. 0.05 tolerates a stray escape sequence in a scraped page.
const MAX_CONTROL_SHARE: f32 = 0.05;

/// Checks that bytes are an article's text: UTF-8, not binary, not blank.
pub fn decode(bytes: &[u8]) -> Result<&str, DecodeError> {
    const SNIFF: usize = 8192;
    let head = &bytes[..bytes.len().min(SNIFF)];
    if head.contains(&0) {
        return Err(DecodeError::Binary);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let control = head
            .iter()
            .filter(|&&b| b < 0x20 && !b"\t\n\r\x0c".contains(&b))
            .count();
        if control as f32 > MAX_CONTROL_SHARE * head.len() as f32 {
            DecodeError::Binary
        } else {
            DecodeError::NotUtf8 {
                offset: e.valid_up_to(),
            }
        }
    })?;
    let control = text
        .chars()
        .take(SNIFF)
        .filter(|c| c.is_control() && !"\t\n\r\x0c".contains(*c))
        .count();
    if control as f32 > MAX_CONTROL_SHARE * text.chars().take(SNIFF).count() as f32 {
        return Err(DecodeError::Binary);
    }
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .is_empty()
    {
        return Err(DecodeError::Empty);
    }
    Ok(text)
}

/// How far into the document the header may reach, in paragraphs.
///
/// Range 3–10. A dateline, a headline, its repeat and a byline take four; 6 allows one more
/// header line (a second date, an "Updated" line) without reading into the article.
const HEADER_REACH: usize = 6;

/// A headline is at most this many words; beyond it a first line is a lede, not a title.
const MAX_HEADLINE_WORDS: usize = 30;

/// A first line ending in a full stop is still a headline when this short.
const MAX_PERIOD_HEADLINE_WORDS: usize = 12;

/// Longest site name read off a headline suffix (" - Appy Pie"), in words.
const MAX_OUTLET_WORDS: usize = 5;

/// When a text has no headline, the title is its first sentence cut to about this many chars.
const FALLBACK_TITLE_CHARS: usize = 90;

/// Analyses one article. `id` is its stable id (the file name).
pub fn analyze(id: &str, text: &str) -> Document {
    analyze_by(id, text, None)
}

/// As [`analyze`], for an article whose file states its author (a JSONL "authors" field): the
/// boilerplate rules then know whom a closing bio introduces even when the text has no byline.
pub fn analyze_by(id: &str, text: &str, stated_author: Option<&str>) -> Document {
    let spans = text::paragraphs(text);
    let mut roles = vec![Role::Body; spans.len()];
    let mut header = Header::default();
    let mut i = 0;
    while i < spans.len().min(HEADER_REACH) {
        let para = spans[i].of(text);
        let next = spans.get(i + 1).map(|s| s.of(text));
        if let Some((author, outlet)) = next.and_then(|next| names_over_outlet(para, next)) {
            header.author = header.author.or(Some(author));
            header.outlet = header.outlet.or(Some(outlet));
            roles[i] = Role::Byline;
            roles[i + 1] = Role::Byline;
            // The article starts under its outlet line: a short lede there is no headline.
            i += 2;
            break;
        }
        let role = if let Some(date) = dates::dateline(para) {
            header.date.get_or_insert(date);
            Role::Dateline
        } else if let Some(line) = byline(para) {
            header.author = header.author.or(line.author);
            header.date = header.date.or(line.date);
            Role::Byline
        } else if header.title.is_none() && headline_like(para) {
            header.title = Some(i);
            Role::Title
        } else if let Some(outlet) = header
            .title
            .and_then(|t| repeated_headline(spans[t].of(text), para))
        {
            header.outlet = header.outlet.or(outlet);
            Role::TitleRepeat
        } else {
            break;
        };
        roles[i] = role;
        i += 1;
    }

    let body_texts: Vec<&str> = spans[i..].iter().map(|s| s.of(text)).collect();
    let kinds = boilerplate::classify(&body_texts, stated_author.or(header.author.as_deref()));
    for (role, kind) in roles[i..].iter_mut().zip(&kinds) {
        if let Some(kind) = kind {
            *role = Role::Boilerplate(*kind);
        }
    }
    let author = header
        .author
        .or_else(|| boilerplate::about_box_person(&body_texts, &kinds));

    let blocks: Vec<Block> = spans
        .iter()
        .zip(&roles)
        .map(|(&span, &role)| Block { span, role })
        .collect();
    let (title, title_span, outlet) = match header.title {
        Some(t) => {
            let headline = spans[t].of(text);
            match site_suffix(headline).filter(|(_, sep, _)| *sep == " | ") {
                Some((left, _, site)) => (
                    left.to_string(),
                    Some(Span::new(spans[t].start, spans[t].start + left.len())),
                    header.outlet.or(Some(site.to_string())),
                ),
                None => (headline.to_string(), Some(spans[t]), header.outlet),
            }
        }
        None => (fallback_title(&blocks, text), None, header.outlet),
    };
    let words = blocks
        .iter()
        .filter(|b| b.role == Role::Body)
        .map(|b| text::word_count(b.span.of(text)))
        .sum();
    Document {
        id: id.to_string(),
        text: text.to_string(),
        title,
        title_span,
        date: header.date,
        author,
        outlet,
        url: None,
        blocks,
        words,
    }
}

#[derive(Default)]
struct Header {
    title: Option<usize>,
    date: Option<Date>,
    author: Option<String>,
    outlet: Option<String>,
}

fn headline_like(para: &str) -> bool {
    let n = text::word_count(para);
    let ends_sentence = para.trim_end().ends_with('.');
    n > 0
        && n <= MAX_HEADLINE_WORDS
        && (!ends_sentence || n <= MAX_PERIOD_HEADLINE_WORDS)
        && !para.contains('\n')
}

/// Splits "Headline - Site Name" at its last separator: (headline, separator, site).
fn site_suffix(line: &str) -> Option<(&str, &'static str, &str)> {
    const SEPARATORS: [&str; 5] = [" | ", " - ", " – ", " — ", " :: "];
    let (at, sep) = SEPARATORS
        .iter()
        .filter_map(|sep| line.rfind(sep).map(|at| (at, *sep)))
        .max_by_key(|(at, _)| *at)?;
    let (left, site) = (line[..at].trim_end(), line[at + sep.len()..].trim());
    let site_words = text::words(site);
    let is_name = (1..=MAX_OUTLET_WORDS).contains(&site_words.len())
        && site_words.iter().any(|w| is_capitalized(w))
        && !site.ends_with(['.', '?', '!']);
    (is_name && text::word_count(left) >= 3).then_some((left, sep, site))
}

/// When `para` repeats the headline: `Some(outlet)`, where outlet is the site name appended to
/// either copy (`Some(None)` for a plain repeat). `None` when it is not a repeat.
fn repeated_headline(headline: &str, para: &str) -> Option<Option<String>> {
    let (h, p) = (fold(headline), fold(para));
    if h == p {
        return Some(None);
    }
    let (long, short) = if p.len() > h.len() {
        (para, &h)
    } else {
        (headline, &p)
    };
    let (left, _, site) = site_suffix(long)?;
    (fold(left) == *short).then(|| Some(site.to_string()))
}

struct Byline {
    author: Option<String>,
    date: Option<Date>,
}

/// "by Tyler Durden Wed, 06/10/2020 - 18:10", "By Ana Ruiz and Li Wei | Updated June 3, 2021",
/// "Written by J. R. Smith". The names must be capitalised words; whatever follows them must be a
/// date or a short credit after a separator, so a sentence starting "By Friday, …" is not a byline.
fn byline(para: &str) -> Option<Byline> {
    const MAX_BYLINE_CHARS: usize = 160;
    const PREFIXES: [&str; 7] = [
        "by",
        "written by",
        "posted by",
        "words by",
        "reporting by",
        "story by",
        "author",
    ];
    if para.len() > MAX_BYLINE_CHARS || para.contains('\n') {
        return None;
    }
    let lower = para.to_lowercase();
    let prefix_len = PREFIXES
        .iter()
        .filter_map(|p| {
            let rest = lower.strip_prefix(p)?;
            let after = rest.trim_start_matches(':');
            rest.starts_with([' ', ':'])
                .then(|| para.len() - after.len())
        })
        .max()?;
    let rest = &para[prefix_len..];
    let (names_end, names) = leading_names(rest);
    if names.is_empty() {
        return None;
    }
    let tail = rest[names_end..].trim_start();
    let date = dates::find_date(tail).map(|m| m.date);
    let tail_words = text::words(tail);
    let tail_is_date = tail_words.iter().all(|w| dates::starts_date_part(w))
        && (tail.is_empty() || date.is_some());
    let tail_is_credit = tail.starts_with(['|', ',', '·', '-', '–', '—']) && tail_words.len() <= 6;
    (tail.is_empty() || tail_is_date || tail_is_credit).then(|| Byline {
        author: Some(names.join(", ")),
        date,
    })
}

/// A byline without "By": a line of nothing but people's names, each opening with a given name,
/// over a line naming the outlet ("Susan Davis and David Jackson" over "USA TODAY"). Returns the
/// names and the outlet. Either line alone could be a headline; together they are a byline.
fn names_over_outlet(para: &str, next: &str) -> Option<(String, String)> {
    const MAX_OUTLET_WORDS: usize = 4;
    // The outlet line first: it is cheap to turn down, and nearly every header line is turned down.
    let next = next.trim();
    let outlet_words = text::words(next);
    let outlet = !next.contains('\n')
        && (1..=MAX_OUTLET_WORDS).contains(&outlet_words.len())
        && outlet_words.iter().all(|w| is_capitalized(w))
        && next
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '\'' || c == '’' || c == '&');
    if !outlet {
        return None;
    }
    let para = para.trim();
    let (end, names) = leading_names(para);
    let all_names = end >= para.len()
        && !names.is_empty()
        && names.iter().all(|name| {
            let mut words = name.split(' ');
            words.next().is_some_and(crate::lexicon::is_given_name) && words.next().is_some()
        });
    all_names.then(|| (names.join(", "), next.to_string()))
}

/// Reads capitalised personal names off the start of `s`: returns where they end and the names
/// ("Ana Ruiz and Li Wei" → ["Ana Ruiz", "Li Wei"]). Stops at a date word ("Wed", "June 3"), unless
/// a capitalised word follows it, as in "Jan Smith".
fn leading_names(s: &str) -> (usize, Vec<String>) {
    const PARTICLES: [&str; 12] = [
        "de", "van", "von", "da", "di", "del", "der", "la", "le", "du", "al", "bin",
    ];
    let mut tokens = Vec::new();
    let mut offset = 0;
    for raw in s.split(' ') {
        if !raw.is_empty() {
            tokens.push((offset, raw));
        }
        offset += raw.len() + 1;
    }
    let shaped_like_name = |word: &str| {
        is_capitalized(word)
            && !word.ends_with("'s")
            && !word.ends_with("’s")
            && word
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
    };
    let date_word = |word: &str| dates::starts_date_part(word.trim_end_matches(['.', ',']));
    let particle = |word: &str| PARTICLES.contains(&word);
    // A group such as "Staff Writer" or "Associated Press" after the names is a credit, not a name.
    let credit = |group: &[&str]| {
        const ROLES: [&str; 14] = [
            "staff",
            "writer",
            "reporter",
            "editor",
            "correspondent",
            "contributor",
            "columnist",
            "journalist",
            "producer",
            "press",
            "news",
            "desk",
            "team",
            "service",
        ];
        group
            .iter()
            .any(|w| ROLES.contains(&w.to_lowercase().as_str()))
    };
    let (mut names, mut current, mut end, mut names_end): (Vec<String>, Vec<&str>, usize, usize) =
        (Vec::new(), Vec::new(), 0, 0);
    let mut close_group = |current: &mut Vec<&str>, end: usize, names: &mut Vec<String>| -> bool {
        if current.is_empty() || credit(current) {
            return false;
        }
        names.push(current.join(" "));
        names_end = end;
        current.clear();
        true
    };
    for (i, &(start, raw)) in tokens.iter().enumerate() {
        let word = raw.trim_end_matches(',');
        let next_is_name = tokens.get(i + 1).is_some_and(|(_, next)| {
            (shaped_like_name(next) && !date_word(next)) || particle(next)
        });
        let name_part =
            shaped_like_name(word) && (!date_word(word) || next_is_name && !raw.ends_with(','));
        if name_part || (!current.is_empty() && particle(word)) {
            current.push(word);
            end = start + word.len();
            if raw.ends_with(',') && !close_group(&mut current, end, &mut names) {
                break;
            }
        } else if matches!(word, "and" | "&") && !current.is_empty() {
            if !close_group(&mut current, end, &mut names) {
                break;
            }
        } else {
            break;
        }
    }
    close_group(&mut current, end, &mut names);
    (names_end, names)
}

/// The first sentence of the body, cut at a word boundary.
fn fallback_title(blocks: &[Block], text: &str) -> String {
    let Some(first) = blocks.iter().find(|b| b.role == Role::Body) else {
        return String::from("(untitled)");
    };
    let para = first.span.of(text);
    let sentence = para
        .split_inclusive(['.', '!', '?'])
        .next()
        .unwrap_or(para)
        .trim();
    if sentence.chars().count() <= FALLBACK_TITLE_CHARS {
        return sentence.to_string();
    }
    let cut: String = sentence.chars().take(FALLBACK_TITLE_CHARS).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{at_word}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(doc: &Document) -> Vec<(Role, &str)> {
        doc.blocks
            .iter()
            .map(|b| (b.role, doc.block_text(b)))
            .collect()
    }

    #[test]
    fn dateline_then_headline() {
        let doc = analyze(
            "a.txt",
            "Monday, March 2 2021\n\nCity bans face scans\n\nThe city council voted.",
        );
        assert_eq!(doc.title, "City bans face scans");
        assert_eq!(doc.date.unwrap().to_string(), "2021-03-02");
        assert_eq!(roles(&doc)[2], (Role::Body, "The city council voted."));
    }

    #[test]
    fn repeated_headline_with_site_suffix_names_the_outlet() {
        let doc = analyze(
            "b.txt",
            "Council’s vote ends police face scans\n\nCouncil's vote ends police face scans | The Daily Ledger\n\nBody.",
        );
        assert_eq!(doc.title, "Council’s vote ends police face scans");
        assert_eq!(doc.outlet.as_deref(), Some("The Daily Ledger"));
        assert_eq!(doc.blocks[1].role, Role::TitleRepeat);
    }

    #[test]
    fn a_dash_in_a_lone_headline_is_not_a_site_name() {
        let doc = analyze(
            "c.txt",
            "Police halt face scans - for now\n\nThe pause is temporary.",
        );
        assert_eq!(doc.title, "Police halt face scans - for now");
        assert_eq!(doc.outlet, None);
    }

    #[test]
    fn pipe_suffix_on_the_only_headline_names_the_outlet() {
        let doc = analyze(
            "d.txt",
            "Police halt face scans for a year | Metro Times\n\nThe pause is temporary.",
        );
        assert_eq!(doc.title, "Police halt face scans for a year");
        assert_eq!(doc.outlet.as_deref(), Some("Metro Times"));
        assert_eq!(
            doc.title_span.unwrap().of(&doc.text),
            "Police halt face scans for a year"
        );
    }

    #[test]
    fn bylines_with_several_authors_and_a_date() {
        let doc = analyze(
            "e.txt",
            "Face scans paused\n\nBy Ana Ruiz and Li Wei | Updated June 3, 2021 at 9:15 am\n\nThe pause began.",
        );
        assert_eq!(doc.author.as_deref(), Some("Ana Ruiz, Li Wei"));
        assert_eq!(doc.date.unwrap().to_string(), "2021-06-03");
        assert_eq!(doc.blocks[1].role, Role::Byline);
        let doc = analyze(
            "e2.txt",
            "Face scans paused\n\nWritten by Jan de Vries, Staff Writer\n\nThe pause began.",
        );
        assert_eq!(doc.author.as_deref(), Some("Jan de Vries"));
    }

    #[test]
    fn names_over_an_outlet_line_are_a_byline_without_by() {
        let doc = analyze(
            "u.txt",
            "Susan Davis and David Jackson\n\nUSA TODAY\n\nWASHINGTON — House leaders met the president.",
        );
        assert_eq!(doc.author.as_deref(), Some("Susan Davis, David Jackson"));
        assert_eq!(doc.outlet.as_deref(), Some("USA TODAY"));
        let roles: Vec<Role> = doc.blocks.iter().map(|b| b.role).collect();
        assert_eq!(roles, [Role::Byline, Role::Byline, Role::Body]);
        // A name alone over prose is a headline, as before.
        let doc = analyze(
            "v.txt",
            "Jeff Bezos\n\nAmazon's founder stepped down on Tuesday.\n\nMore.",
        );
        assert_eq!(doc.author, None);
        assert_eq!(doc.blocks[0].role, Role::Title);
    }

    #[test]
    fn a_sentence_starting_with_by_is_not_a_byline() {
        let doc = analyze(
            "f.txt",
            "Face scans paused\n\nBy Friday, the city had stopped all scans.\n\nMore.",
        );
        assert_eq!(doc.author, None);
        assert_eq!(doc.blocks[1].role, Role::Body);
        let doc = analyze(
            "g.txt",
            "Face scans paused\n\nBy Amazon's own account the tool works.\n\nMore.",
        );
        assert_eq!(doc.author, None);
    }

    #[test]
    fn a_text_without_headline_is_titled_by_its_first_sentence() {
        let text = "The council of the city of Oakland voted late on Tuesday night to end the use of face \
                    recognition by its police department, after hours of public comment. It was unanimous.";
        let doc = analyze("h.txt", text);
        assert!(doc.title.ends_with('…'), "{}", doc.title);
        assert!(doc.title.starts_with("The council of the city of Oakland"));
        assert_eq!(doc.title_span, None);
        assert!(doc.blocks.iter().all(|b| b.role == Role::Body));
    }

    #[test]
    fn words_count_the_body_only() {
        let doc = analyze(
            "i.txt",
            "Three word headline\n\nFour words of body.\n\nSource link",
        );
        assert_eq!(doc.words, 4);
    }

    #[test]
    fn boilerplate_runs_group_consecutive_blocks_of_one_kind() {
        let doc = analyze(
            "j.txt",
            "Headline of the story\n\nBody text here.\n\nRelated\n\nOne story headline here\n\nLeave a Reply\n\nYour email address will not be published.",
        );
        let runs = doc.boilerplate_runs();
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].kind, BoilerplateKind::RelatedLinks);
        assert_eq!(
            runs[0].span.of(&doc.text),
            "Related\n\nOne story headline here"
        );
        assert_eq!(
            runs[1].span.of(&doc.text),
            "Leave a Reply\n\nYour email address will not be published."
        );
    }

    #[test]
    fn decode_rejects_what_is_not_an_article() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\t\n"), Err(DecodeError::Empty));
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(DecodeError::Binary)
        );
        assert_eq!(
            decode(b"caf\xe9 au lait"),
            Err(DecodeError::NotUtf8 { offset: 3 })
        );
        assert_eq!(decode("Caf\u{e9}\n".as_bytes()), Ok("Caf\u{e9}\n"));
    }
}

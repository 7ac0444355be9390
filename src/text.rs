//! Text primitives shared by every analysis: byte spans into the source, paragraph segmentation,
//! word counts and the loose normalisation used to compare short strings.
//!
//! **Invariant: a [`Span`] is a byte range into the original document text, always on `char`
//! boundaries. Nothing in Parallax rewrites the source; everything points into it.**

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

/// A byte range `[start, end)` into a document's original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// The text this span covers in `source`.
    pub fn of<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A line of hard-wrapped prose is at least this share of the block's longest line.
///
/// Range 0.5–0.95. Wrapping tools fill lines to within a word of the width, so real wrapped lines
/// sit above 0.8; 0.75 leaves room for long words while keeping short, paragraph-final lines out.
const WRAPPED_LINE_SHARE: f32 = 0.75;

/// Hard-wrapped prose is wrapped at a width in this range (in chars): tools wrap at 60–100, so a
/// block whose longest line is outside it is one paragraph per line.
const WRAP_WIDTHS: std::ops::RangeInclusive<usize> = 50..=110;

/// Splits a document into paragraphs, returned as trimmed, non-empty spans in order.
///
/// A blank line always ends a paragraph. Inside a block of consecutive lines, each line is its own
/// paragraph (scraped news puts one paragraph per line), unless the block is hard-wrapped prose
/// (most lines filled to a common width), where only a short line ends a paragraph. In both cases a
/// line that stops mid-sentence and is followed by a lowercase start is joined to the next.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut block: Vec<Span> = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let line = trim_span(text, Span::new(offset, offset + raw.len()));
        offset += raw.len();
        match line {
            Some(line) => block.push(line),
            None => flush_block(text, &mut block, &mut out),
        }
    }
    flush_block(text, &mut block, &mut out);
    out
}

fn flush_block(text: &str, block: &mut Vec<Span>, out: &mut Vec<Span>) {
    if block.is_empty() {
        return;
    }
    let lengths: Vec<usize> = block.iter().map(|l| l.of(text).chars().count()).collect();
    let widest = lengths.iter().copied().max().unwrap_or(0);
    let wrapped = is_hard_wrapped(&lengths, widest);
    let mut current = block[0];
    for i in 1..block.len() {
        let (prev, next) = (block[i - 1].of(text), block[i].of(text));
        let ends_paragraph = if wrapped {
            (lengths[i - 1] as f32) < WRAPPED_LINE_SHARE * widest as f32
        } else {
            !(stops_mid_sentence(prev) && starts_lowercase(next))
        };
        if ends_paragraph {
            out.push(current);
            current = block[i];
        } else {
            current = current.cover(block[i]);
        }
    }
    out.push(current);
    block.clear();
}

fn is_hard_wrapped(lengths: &[usize], widest: usize) -> bool {
    if lengths.len() < 3 || !WRAP_WIDTHS.contains(&widest) {
        return false;
    }
    let body = &lengths[..lengths.len() - 1];
    let filled = body
        .iter()
        .filter(|&&n| n as f32 >= WRAPPED_LINE_SHARE * widest as f32)
        .count();
    filled * 3 >= body.len() * 2
}

fn stops_mid_sentence(line: &str) -> bool {
    line.chars()
        .last()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | ';' | '-' | '–'))
}

fn starts_lowercase(line: &str) -> bool {
    line.chars().next().is_some_and(char::is_lowercase)
}

/// Trims Unicode whitespace (including no-break spaces) off both ends; `None` when nothing is left.
pub fn trim_span(text: &str, span: Span) -> Option<Span> {
    let slice = span.of(text);
    let trimmed_start = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if trimmed.is_empty() {
        None
    } else {
        let start = span.start + trimmed_start;
        Some(Span::new(start, start + trimmed.len()))
    }
}

/// Number of words (Unicode word boundaries, tokens with a letter or digit).
pub fn word_count(text: &str) -> usize {
    text.unicode_words().count()
}

/// The words of `text`, for rules that look at a line's shape.
pub fn words(text: &str) -> Vec<&str> {
    text.unicode_words().collect()
}

/// Lowercase alphanumeric tokens joined by single spaces: "Amazon’s  ban - Site" → "amazon s ban site".
/// Used to compare short strings (headlines, cue lines) across quote styles and spacing.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for token in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(token.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The word one space after byte `end` of `text`, its letters and digits only ("an Iowa
/// Democrat," after "Iowa" → "Democrat"); empty when no word follows one space on.
pub fn word_after(text: &str, end: usize) -> &str {
    text[end..]
        .strip_prefix(' ')
        .and_then(|rest| rest.split(|c: char| !c.is_alphanumeric()).next())
        .unwrap_or("")
}

/// True when a word starts with an uppercase letter ("Amazon", "McDonald", "ACLU").
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Cuts `span` into consecutive pieces at `marks` (sorted, non-overlapping spans): each piece with
/// the index of the mark it is, or `None` for the text between marks. Marks outside are skipped.
pub fn segments(span: Span, marks: &[Span]) -> Vec<(Span, Option<usize>)> {
    let mut out = Vec::new();
    let mut at = span.start;
    for (i, m) in marks.iter().enumerate() {
        if m.start < at || m.end > span.end {
            continue;
        }
        if m.start > at {
            out.push((Span::new(at, m.start), None));
        }
        out.push((*m, Some(i)));
        at = m.end;
    }
    if at < span.end {
        out.push((Span::new(at, span.end), None));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_alternate_plain_text_and_marks() {
        let marks = [
            Span::new(0, 3),
            Span::new(12, 15),
            Span::new(14, 20),
            Span::new(40, 44),
        ];
        let got = segments(Span::new(0, 30), &marks);
        assert_eq!(
            got,
            [
                (Span::new(0, 3), Some(0)),
                (Span::new(3, 12), None),
                (Span::new(12, 15), Some(1)),
                (Span::new(15, 30), None)
            ]
        );
    }

    fn texts(text: &str) -> Vec<&str> {
        paragraphs(text).iter().map(|s| s.of(text)).collect()
    }

    #[test]
    fn blank_lines_and_single_newlines_both_separate_paragraphs() {
        let text = "Headline here\n\nFirst paragraph.\nSecond paragraph.\n\n\n  Third.  \n";
        assert_eq!(
            texts(text),
            [
                "Headline here",
                "First paragraph.",
                "Second paragraph.",
                "Third."
            ]
        );
    }

    #[test]
    fn hard_wrapped_prose_is_rejoined_into_paragraphs() {
        let text = "The council met on Tuesday to discuss the new policy on surveillance\n\
                    cameras, which critics say would let police track residents without a\n\
                    warrant and without oversight.\n\
                    A second paragraph starts here and runs on for a while longer than\n\
                    the last one did.\n";
        let paras = texts(text);
        assert_eq!(paras.len(), 2, "{paras:?}");
        assert!(paras[0].ends_with("oversight."));
        assert!(paras[1].starts_with("A second"));
    }

    #[test]
    fn a_line_broken_mid_sentence_joins_its_lowercase_continuation() {
        let text = "Police in the city said that they\nwould stop using the tool.\nNext one.";
        assert_eq!(
            texts(text),
            [
                "Police in the city said that they\nwould stop using the tool.",
                "Next one."
            ]
        );
    }

    #[test]
    fn spans_point_into_the_original_text_with_no_break_spaces_trimmed() {
        let text = "Amazon still bans its tool\u{a0}\n\n\u{a0} Body text.";
        let spans = paragraphs(text);
        assert_eq!(spans[0].of(text), "Amazon still bans its tool");
        assert_eq!(spans[1].of(text), "Body text.");
        assert_eq!(&text[spans[1].start..spans[1].end], "Body text.");
    }

    #[test]
    fn fold_ignores_quote_style_case_and_punctuation() {
        assert_eq!(
            fold("Amazon’s facial  recognition - Appy Pie"),
            fold("amazon's FACIAL recognition appy pie")
        );
    }

    #[test]
    fn word_count_counts_words_not_punctuation() {
        assert_eq!(word_count("Amazon’s ban — one-year, 100%!"), 5);
    }
}

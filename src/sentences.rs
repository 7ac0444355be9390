//! Tokens and sentences that survive news text: abbreviations (Rep., U.S., Inc.), initials
//! ("J. R. Smith"), possessives ("Amazon’s"), quotes, and headlines with no final punctuation.
//! Every token and sentence is a [`Span`] into the original text.

use crate::text::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (and digits), with inner apostrophes, hyphens and acronym dots: "O'Neill",
    /// "African-American", "U.S.", "5G".
    Word,
    /// Digits with inner separators: "87.46", "1,000".
    Number,
    /// A possessive ending split off its word: "’s", "'s", or a lone "'" after a plural.
    Possessive,
    /// Any other single character that is not whitespace.
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

impl Token {
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        self.span.of(source)
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// "pro-Trump", "anti-Brexit", "ex-Google": a lowercase prefix the name is split off, so that the
/// name is a token of its own.
fn is_prefix_of_name(word: &str) -> bool {
    matches!(
        word,
        "pro" | "anti" | "ex" | "non" | "post" | "pre" | "neo" | "mid" | "un" | "all" | "trans"
    )
}

/// "(R-S.C.)", "(D-Mich.)", "Nancy Pelosi, D-Calif.,": a party letter before a state, in
/// parentheses or set off by a comma.
pub(crate) fn is_party_tag(word: &str, before: &str) -> bool {
    matches!(word, "R" | "D" | "I") && (before.ends_with('(') || before.ends_with(", "))
}

/// Splits `text[span]` into tokens.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let slice = span.of(text);
    let bytes = slice.as_bytes();
    // ASCII without decoding: nearly every character of English news.
    let char_at = |at: usize| match bytes.get(at) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        Some(_) => slice.get(at..).and_then(|rest| rest.chars().next()),
        None => None,
    };
    let after = |at: usize| at + char_at(at).map_or(0, char::len_utf8);
    let mut tokens = Vec::with_capacity(slice.len() / 5);
    let mut push = |start: usize, end: usize, kind| {
        tokens.push(Token {
            span: Span::new(span.start + start, span.start + end),
            kind,
        })
    };
    let mut i = 0;
    while let Some(c) = char_at(i) {
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if !c.is_alphanumeric() {
            push(i, i + c.len_utf8(), TokenKind::Punct);
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let numeric = c.is_ascii_digit();
        i += c.len_utf8();
        while let Some(c) = char_at(i) {
            let joins = if numeric {
                matches!(c, '.' | ',')
            } else {
                is_apostrophe(c) || matches!(c, '-' | '.')
            };
            let splits_name_off = c == '-'
                && char_at(i + 1).is_some_and(char::is_uppercase)
                && (is_prefix_of_name(&slice[start..i])
                    || is_party_tag(&slice[start..i], &slice[..start]));
            if c.is_alphanumeric() {
                i += c.len_utf8();
            } else if splits_name_off {
                break;
            } else if joins && char_at(i + c.len_utf8()).is_some_and(char::is_alphanumeric) {
                // An acronym dot joins only single letters ("U.S"), not words ("end.Next").
                let since_last_dot =
                    &slice[slice[start..i].rfind('.').map_or(start, |d| start + d + 1)..i];
                if c == '.' && !numeric && since_last_dot.chars().nth(1).is_some() {
                    break;
                }
                i = after(i + c.len_utf8());
            } else {
                break;
            }
        }
        let mut end = i;
        let dotted = slice[start..end].contains('.');
        // "U.S." keeps its final dot.
        if dotted && !numeric && char_at(end) == Some('.') {
            end += 1;
            i += 1;
        }
        let word = &slice[start..end];
        let kind = if numeric
            && word
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        // Split a possessive off: "Amazon’s" → "Amazon" + "’s".
        let possessive = ["'s", "’s", "'S", "’S"]
            .iter()
            .find(|p| word.len() > p.len() + 1 && word.ends_with(*p));
        match possessive {
            Some(p) if kind == TokenKind::Word => {
                let split = end - p.len();
                push(start, split, kind);
                push(split, end, TokenKind::Possessive);
            }
            _ => push(start, end, kind),
        }
        // A lone apostrophe after a plural ("Bezos' decision") is a possessive too.
        if let Some(c) = char_at(i) {
            if is_apostrophe(c)
                && !char_at(i + c.len_utf8()).is_some_and(char::is_alphanumeric)
                && word.ends_with(['s', 'S'])
            {
                push(i, i + c.len_utf8(), TokenKind::Possessive);
                i += c.len_utf8();
            }
        }
    }
    tokens
}

/// Words that, followed by a full stop, do not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "rep", "reps", "sen", "sens", "gov", "gen", "lt", "col",
    "capt", "sgt", "cpl", "adm", "rev", "hon", "pres", "st", "jr", "sr", "inc", "corp", "co",
    "ltd", "llc", "bros", "vs", "no", "nos", "vol", "fig", "dept", "univ", "assn", "ave", "blvd",
    "rd", "mt", "ft", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "approx", "est", "al",
];

/// Whether `word` followed by a full stop is an abbreviation ("Rep.") or an initial ("J."),
/// which does not end a sentence.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
}

/// Words that open a sentence after an acronym ending in a dot ("… in the U.S. The company …").
const SENTENCE_OPENERS: &[&str] = &[
    "The", "A", "An", "It", "He", "She", "They", "We", "I", "In", "On", "But", "And", "This",
    "That", "These", "Those", "There", "His", "Her", "Their", "Its", "As", "At", "After", "When",
    "While", "If", "Yet", "So",
];

/// Splits the tokens of one paragraph into sentences (ranges into `tokens`).
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let word_at = |i: usize| {
        tokens
            .get(i)
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.text(text))
    };
    for i in 0..tokens.len() {
        let t = tokens[i].text(text);
        let ends = match t {
            "." | "!" | "?" | "…" => {
                let prev = word_at(i.wrapping_sub(1)).unwrap_or("");
                !(t == "." && is_abbreviation(prev))
            }
            _ if tokens[i].kind == TokenKind::Word && t.ends_with('.') && t.len() > 2 => {
                // "U.S." at a sentence end, recognised by what follows.
                word_at(i + 1).is_some_and(|next| SENTENCE_OPENERS.contains(&next))
            }
            _ => false,
        };
        if !ends {
            continue;
        }
        // Closing quotes and brackets stay with the sentence they close.
        let mut end = i + 1;
        while tokens
            .get(end)
            .is_some_and(|t| matches!(t.text(text), "”" | "\"" | "’" | "'" | ")" | "]"))
        {
            end += 1;
        }
        let next_starts_sentence = match tokens.get(end) {
            None => true,
            Some(next) => next.text(text).chars().next().is_some_and(|c| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '"' | '‘' | '(' | '[')
            }),
        };
        if next_starts_sentence && end > start {
            out.push(start..end);
            start = end;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, Span::new(0, text.len()))
            .iter()
            .map(|t| t.text(text))
            .collect()
    }

    fn split(text: &str) -> Vec<String> {
        let tokens = tokenize(text, Span::new(0, text.len()));
        sentences(text, &tokens)
            .into_iter()
            .map(|r| text[tokens[r.start].span.start..tokens[r.end - 1].span.end].to_string())
            .collect()
    }

    #[test]
    fn tokens_keep_names_whole_and_split_possessives() {
        assert_eq!(
            words("Amazon’s U.S. co-author O'Neill"),
            ["Amazon", "’s", "U.S.", "co-author", "O'Neill"]
        );
        assert_eq!(
            words("Jeff Bezos' decision"),
            ["Jeff", "Bezos", "'", "decision"]
        );
        assert_eq!(words("87.46% of 1,000"), ["87.46", "%", "of", "1,000"]);
        assert_eq!(words("end.Next"), ["end", ".", "Next"]);
        assert_eq!(
            words("pro-Trump anti-war"),
            ["pro", "-", "Trump", "anti-war"]
        );
        assert_eq!(
            words("(D-Mich.) D-Day"),
            ["(", "D", "-", "Mich", ".", ")", "D-Day"]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            split("Rep. Tashida Tlaib spoke. J. R. Smith of Acme Inc. agreed with Dr. Ray."),
            [
                "Rep. Tashida Tlaib spoke.",
                "J. R. Smith of Acme Inc. agreed with Dr. Ray."
            ]
        );
    }

    #[test]
    fn quotes_close_with_their_sentence_and_acronyms_can_end_one() {
        assert_eq!(
            split("“We are pleased.” Amazon said so in the U.S. The end"),
            ["“We are pleased.”", "Amazon said so in the U.S.", "The end"]
        );
    }

    #[test]
    fn a_headline_without_punctuation_is_one_sentence() {
        assert_eq!(
            split("Amazon halts police use of Rekognition"),
            ["Amazon halts police use of Rekognition"]
        );
    }
}

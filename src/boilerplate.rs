//! Boilerplate: the parts of a scraped page that are not the article — comment forms, "Source link",
//! social prompts, related-link lists, about-the-author boxes, copyright lines.
//!
//! Rules use signals that hold across sites rather than strings from particular pages:
//! - **cue lines**: a whole short paragraph that is a CMS prompt ("Leave a Reply", "Share this"),
//!   a newsletter or app prompt that speaks to the reader, a credit line ("… contributed to this
//!   report"), a contact line with an address, an opinion or transcript disclaimer, or a widget's
//!   lone label ("Photo", "WATCH:");
//! - **editor's notes**: a paragraph labelled "Editor's note:" (and after a lone label, the
//!   paragraph it introduces) is the outlet's note on the piece, wherever it stands;
//! - **shape**: a heading cue followed by a run of short, link-like lines is a link list;
//! - **ad slots**: a paragraph that only says an ad stood there ("Advertisement", "Story Continued
//!   Below") marks itself wherever it stands;
//! - **widgets**: a photo gallery's slide counter ("Hide Caption 3 of 12", "Image 1 of 2") marks
//!   its paragraph wherever it stands — captions are the gallery's, not the article's;
//! - **position**: about-boxes, headless link lists and stray short lines count only in the tail,
//!   where nothing after them is article text; after a sign-off (a credit, a contact line, a
//!   follow prompt) the link-like lines that end the page are links.
//!
//! **A body paragraph is never marked on shape or position alone in the middle of an article.**

use serde::{Deserialize, Serialize};

use crate::text::{fold, is_capitalized, word_count, words};

/// What a boilerplate block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoilerplateKind {
    /// Comment and reply forms, comment counts.
    CommentForm,
    /// "Source link", "Originally published at …", a bare URL.
    SourceLink,
    /// Share/follow/subscribe prompts.
    Social,
    /// "Related", "Check Also", "Popular posts" and the link list under them.
    RelatedLinks,
    /// "About <author>" boxes and the like at the end of a page.
    About,
    /// Copyright, rights and cookie notices.
    Legal,
    /// A photo gallery or slideshow: its captions and controls.
    PhotoGallery,
    /// An embedded video's title and player controls ("Replay More Videos …", "Now playing").
    VideoPlayer,
    /// Where an ad stood: "Advertisement", "AD", "Story Continued Below".
    AdSlot,
    /// Who helped write the story: "The Associated Press contributed to this report",
    /// "(Reporting by …; Editing by …)".
    Credit,
    /// How to reach the newsroom or the author: "Write to … at …@…", "Send letters to …".
    Contact,
    /// The outlet's note on the piece rather than the story: a correction, where a column first
    /// appeared, who a guest writer is, an offer ("Editor's note: … Vote Here!").
    EditorsNote,
}

impl BoilerplateKind {
    /// How the reader names the block.
    pub fn label(self) -> &'static str {
        match self {
            BoilerplateKind::CommentForm => "comment form",
            BoilerplateKind::SourceLink => "source link",
            BoilerplateKind::Social => "social prompt",
            BoilerplateKind::RelatedLinks => "related links",
            BoilerplateKind::About => "about box",
            BoilerplateKind::Legal => "legal notice",
            BoilerplateKind::PhotoGallery => "photo gallery",
            BoilerplateKind::VideoPlayer => "video player",
            BoilerplateKind::AdSlot => "ad slot",
            BoilerplateKind::Credit => "credit line",
            BoilerplateKind::Contact => "contact line",
            BoilerplateKind::EditorsNote => "editor's note",
        }
    }
}

/// A cue line is short: longer paragraphs are prose even when they start like a prompt.
///
/// Range 10–60 words. Real prompts ("If you like this article, … on our Facebook page, through a
/// Like below:") stay under 30; 40 leaves margin without reaching typical body paragraphs (50+).
const MAX_CUE_WORDS: usize = 40;

/// Longest item of a link list, in words. Headlines run 6–20 words; 25 admits long ones.
const MAX_LINK_WORDS: usize = 25;

/// A truncated teaser ("… officers were …") may be longer than a headline, up to this many words.
const MAX_TEASER_WORDS: usize = 70;

/// A heading-less run of link-like lines at the very end counts as a link list from this length.
///
/// Range 2–5. Two short lines at the end are as often an article's closing as a list; three
/// headline-like lines with nothing after them are a list on every site looked at.
const MIN_TAIL_LIST_ITEMS: usize = 3;

/// Longest editor's note, in words (40–200). A note opens with its label, so it may be longer
/// than a cue line: guest-writer introductions and corrections run to about 95 words on
/// allsides-10k; 120 leaves margin and stays under a long body paragraph.
const MAX_NOTE_WORDS: usize = 120;

/// About-box paragraphs after the heading, at most.
const MAX_ABOUT_PARAGRAPHS: usize = 2;

/// Classifies each paragraph (in document order, after the header) as boilerplate or not.
///
/// `author` is the byline author when known: a closing paragraph that introduces them
/// ("Jane Doe is a reporter …") is an about box.
pub fn classify(paragraphs: &[&str], author: Option<&str>) -> Vec<Option<BoilerplateKind>> {
    let mut kinds: Vec<Option<BoilerplateKind>> = paragraphs
        .iter()
        .map(|p| {
            cue_kind(p).or_else(|| has_slide_counter(p).then_some(BoilerplateKind::PhotoGallery))
        })
        .collect();
    mark_editors_notes(paragraphs, &mut kinds);
    mark_link_lists(paragraphs, &mut kinds);
    mark_about_boxes(paragraphs, author, &mut kinds);
    mark_tail_list(paragraphs, &mut kinds);
    mark_links_after_sign_off(paragraphs, &mut kinds);
    absorb_tail_strays(paragraphs, &mut kinds);
    kinds
}

/// The person an about box introduces, if it is about a person ("About Kylo Crowther" followed by
/// "Kylo Crowther is a … She …").
pub fn about_box_person(paragraphs: &[&str], kinds: &[Option<BoilerplateKind>]) -> Option<String> {
    let start = (0..paragraphs.len()).find(|&i| {
        kinds[i] == Some(BoilerplateKind::About) && about_heading(paragraphs[i]).is_some()
    })?;
    let named = about_heading(paragraphs[start]).flatten();
    let bio = paragraphs
        .get(start + 1)
        .filter(|_| kinds.get(start + 1) == Some(&Some(BoilerplateKind::About)))?;
    if !mentions_person(bio) {
        return None;
    }
    named.or_else(|| leading_name(bio)).map(str::to_string)
}

fn cue_kind(paragraph: &str) -> Option<BoilerplateKind> {
    let n = word_count(paragraph);
    if n > MAX_CUE_WORDS {
        return None;
    }
    let folded = fold(paragraph);
    let tokens: Vec<&str> = folded.split(' ').collect();
    let starts = |cues: &[&str]| cues.iter().any(|c| starts_with_phrase(&folded, c));
    let has = |cues: &[&str]| cues.iter().any(|c| contains_phrase(&folded, c));

    const COMMENT: &[&str] = &[
        "leave a reply",
        "leave a comment",
        "post a comment",
        "add a comment",
        "add comment",
        "write a comment",
        "submit a comment",
        "join the discussion",
        "join the conversation",
        "cancel reply",
        "comments are closed",
        "please enter your",
        "you must be logged in to post",
        "log in to comment",
        "sign in to comment",
        "log in to leave a comment",
        "show comments",
        "view comments",
        "load comments",
        "notify me of follow up comments",
        "notify me of new posts",
    ];
    const COMMENT_ANYWHERE: &[&str] = &[
        "your email address will not be published",
        "required fields are marked",
        "save my name email and website",
        "this site uses akismet to reduce spam",
    ];
    if starts(COMMENT)
        || has(COMMENT_ANYWHERE)
        || is_comment_count(&folded)
        || is_form_field(paragraph, &folded)
    {
        return Some(BoilerplateKind::CommentForm);
    }

    const SOURCE: &[&str] = &[
        "source link",
        "read more at",
        "read the original",
        "read the full article",
        "read the full story",
        "read full article",
        "read full story",
        "originally published",
        "this article was originally published",
        "this article originally appeared",
        "this story originally appeared",
        "this article first appeared",
        "this post first appeared",
        "this story was originally published",
        "view original",
        "see original article",
    ];
    if is_credit(paragraph, &folded) {
        return Some(BoilerplateKind::Credit);
    }
    if is_contact_line(paragraph, &folded) {
        return Some(BoilerplateKind::Contact);
    }
    if folded == "source"
        || folded == "sources"
        || starts(SOURCE)
        || is_bare_url(paragraph)
        || is_source_credit(paragraph, n)
    {
        return Some(BoilerplateKind::SourceLink);
    }

    const LEGAL_ANYWHERE: &[&str] = &[
        "all rights reserved",
        "may not be published broadcast rewritten or redistributed",
        "we use cookies",
        "this website uses cookies",
        "this site uses cookies",
    ];
    if paragraph.trim_start().starts_with('©')
        || folded.starts_with("copyright ") && n <= 30
        || has(LEGAL_ANYWHERE)
        || is_disclaimer(&folded)
    {
        return Some(BoilerplateKind::Legal);
    }

    const VIDEO_ANYWHERE: &[&str] = &[
        "more videos",
        "now playing watch this",
        "autoplay autoplay",
        "copy this code to your website",
    ];
    if has(VIDEO_ANYWHERE) {
        return Some(BoilerplateKind::VideoPlayer);
    }
    if let Some(kind) = widget_label(&folded, &tokens) {
        return Some(kind);
    }
    if is_ad_slot(&folded) {
        return Some(BoilerplateKind::AdSlot);
    }

    const SOCIAL: &[&str] = &[
        "share this",
        "share on",
        "share via",
        "share the article",
        "share this article",
        "read or share this story",
        "click to share",
        "subscribe to our",
        "sign up for our",
        "sign up to our",
        "get our newsletter",
        "follow us",
        "like us",
        "if you like this",
        "if you liked this",
        "if you enjoyed this",
        "did you like this",
        "support our journalism",
        "email this",
        "print this",
    ];
    const SOCIAL_ALONE: &[&str] = &[
        "share",
        "tweet",
        "pin",
        "pin it",
        "email",
        "print",
        "whatsapp",
        "share tweet",
    ];
    if starts(SOCIAL)
        || SOCIAL_ALONE.contains(&folded.as_str())
        || is_network_prompt(paragraph, &tokens)
        || is_newsletter_prompt(&folded, &tokens)
        || is_app_prompt(&tokens)
        || starts_with_phrase(&folded, "support") && contains_phrase(&folded, "journalism")
    {
        return Some(BoilerplateKind::Social);
    }
    if related_heading(&folded) || is_link_line(paragraph) || is_click_prompt(&folded) {
        return Some(BoilerplateKind::RelatedLinks);
    }
    None
}

/// What an "Editor's note" label opens: the rest of its paragraph, or when the label stands
/// alone, the paragraph after it.
enum EditorsNote {
    Inline,
    Label,
}

/// Whether a paragraph opens with the label "Editor's note" (any apostrophe, any case, in
/// brackets or not) followed by a colon, a dash or nothing: "Editor's notes show …" and "the
/// editor's note said" are prose.
fn editors_note(paragraph: &str) -> Option<EditorsNote> {
    const LABELS: &[&str] = &[
        "editor's note",
        "editor’s note",
        "editors note",
        "editors' note",
    ];
    let text = paragraph.trim().trim_start_matches(['[', '(']);
    let label_len = LABELS.iter().map(|l| l.len()).find(|&len| {
        text.get(..len)
            .is_some_and(|head| LABELS.iter().any(|l| head.eq_ignore_ascii_case(l)))
    })?;
    let rest = text[label_len..].trim_start();
    let after_mark = rest.strip_prefix([':', '—', '–', '-']).map(str::trim_start);
    match after_mark {
        _ if rest.is_empty() => Some(EditorsNote::Label),
        Some("") => Some(EditorsNote::Label),
        Some(_) if word_count(text) <= MAX_NOTE_WORDS => Some(EditorsNote::Inline),
        _ => None,
    }
}

/// Marks editor's notes wherever they stand: a labelled paragraph, and after a lone label the
/// paragraph it introduces.
fn mark_editors_notes(paragraphs: &[&str], kinds: &mut [Option<BoilerplateKind>]) {
    let mut i = 0;
    while i < paragraphs.len() {
        match editors_note(paragraphs[i]) {
            Some(EditorsNote::Inline) => kinds[i] = Some(BoilerplateKind::EditorsNote),
            Some(EditorsNote::Label) => {
                kinds[i] = Some(BoilerplateKind::EditorsNote);
                let introduced = paragraphs
                    .get(i + 1)
                    .filter(|p| word_count(p) <= MAX_NOTE_WORDS && editors_note(p).is_none());
                if introduced.is_some() && kinds[i + 1].is_none() {
                    kinds[i + 1] = Some(BoilerplateKind::EditorsNote);
                    i += 1;
                }
            }
            None => {}
        }
        i += 1;
    }
}

/// A paragraph that only marks where an ad stood: its label ("Advertisement", "AD",
/// "Sponsored"), the note that the text goes on past it ("Story Continued Below", "Continue
/// reading the main story"), or both. The whole paragraph must be the marker: "The story
/// continued below the fold" has more words.
fn is_ad_slot(folded: &str) -> bool {
    const LABELS: &[&str] = &["advertisement", "advertisements", "ad", "ads", "sponsored"];
    const TEXT: &[&str] = &["story", "article", "text", "content", "post"];
    let words: Vec<&str> = folded.split(' ').collect();
    let labelled = words.first().is_some_and(|w| LABELS.contains(w));
    let note = &words[usize::from(labelled)..];
    let note = match note {
        [text, rest @ ..] if TEXT.contains(text) => rest,
        _ => note,
    };
    match note {
        [] => labelled,
        ["continue" | "continues" | "continued", rest @ ..] => matches!(
            rest,
            ["below"]
                | ["below", "advertisement"]
                | ["below", "the", "ad"]
                | ["below", "video"]
                | ["reading"]
                | ["reading", "below"]
                | ["reading", "the", "main", "story"]
        ),
        _ => false,
    }
}

/// A link to another story set in the article: a related-links cue, a colon and one headline
/// ("SEE ALSO: Obama helps broker …", "More: Trump tweet suggests …", "Watch: …"). A longer
/// rest is the cue run into a paragraph of prose, which stays body.
fn is_link_line(paragraph: &str) -> bool {
    let Some((cue, headline)) = paragraph.trim().split_once(':') else {
        return false;
    };
    let cue = fold(cue);
    (related_heading(&cue) || matches!(cue.as_str(), "more" | "read" | "watch"))
        && (1..=MAX_LINK_WORDS).contains(&word_count(headline))
}

/// "the phrase" occurs in `folded` as whole words.
fn contains_phrase(folded: &str, phrase: &str) -> bool {
    folded.match_indices(phrase).any(|(at, _)| {
        let before = at == 0 || folded.as_bytes()[at - 1] == b' ';
        let end = at + phrase.len();
        let after = end == folded.len() || folded.as_bytes()[end] == b' ';
        before && after
    })
}

/// `folded` begins with the whole words of `phrase`.
fn starts_with_phrase(folded: &str, phrase: &str) -> bool {
    folded
        .strip_prefix(phrase)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// A gallery's slide counter: a picture word, then "k of n" with 1 ≤ k ≤ n ("Hide Caption 3 of 12",
/// "Getty Images 1 of 10", "next Image 1 of 2"). Prose counts people and votes, not pictures.
fn has_slide_counter(paragraph: &str) -> bool {
    const PICTURE_WORDS: &[&str] = &[
        "caption", "photo", "photos", "image", "images", "slide", "slides", "picture", "pictures",
        "gallery",
    ];
    let folded = fold(paragraph);
    let w: Vec<&str> = folded.split(' ').collect();
    let number = |s: &str| (s.len() <= 3).then(|| s.parse::<u16>().ok()).flatten();
    w.windows(4).any(|v| {
        PICTURE_WORDS.contains(&v[0])
            && v[2] == "of"
            && matches!((number(v[1]), number(v[3])), (Some(k), Some(n)) if 1 <= k && k <= n)
    })
}

/// "12 Comments", "1 response", "No comments yet".
fn is_comment_count(folded: &str) -> bool {
    let w: Vec<&str> = folded.split(' ').collect();
    let count_word = |s: &str| s == "no" || s.bytes().all(|b| b.is_ascii_digit());
    let noun = |s: &str| {
        matches!(
            s,
            "comment" | "comments" | "response" | "responses" | "reply" | "replies"
        )
    };
    matches!(w.as_slice(), [n, c] | [n, c, "yet"] if count_word(n) && noun(c))
}

/// Form labels such as "Name *" or "Email*".
fn is_form_field(paragraph: &str, folded: &str) -> bool {
    paragraph.trim_end().ends_with('*')
        && matches!(
            folded,
            "name" | "email" | "e mail" | "website" | "comment" | "your name" | "your email"
        )
}

fn is_bare_url(paragraph: &str) -> bool {
    let p = paragraph.trim();
    !p.contains(char::is_whitespace)
        && (p.starts_with("http://") || p.starts_with("https://") || p.starts_with("www."))
}

/// "Source: Reuters", "Source: https://…" — a short line naming where a story came from.
fn is_source_credit(paragraph: &str, words: usize) -> bool {
    let lower = paragraph.trim_start().to_lowercase();
    (lower.starts_with("source:") || lower.starts_with("sources:") || lower.starts_with("via:"))
        && words <= 12
}

/// A short line that asks the reader to like/follow/join/share on a named social network ("Like
/// us on Facebook"), or opens with the ask and names a network or a handle ("Follow Chuck on
/// Twitter", "Follow @politico", "Read CNNOpinion's new Flipboard magazine").
fn is_network_prompt(paragraph: &str, tokens: &[&str]) -> bool {
    const NETWORKS: &[&str] = &[
        "facebook",
        "twitter",
        "instagram",
        "linkedin",
        "youtube",
        "telegram",
        "whatsapp",
        "pinterest",
        "tiktok",
        "reddit",
        "flipboard",
        "mastodon",
    ];
    const ASKS: &[&str] = &[
        "like",
        "follow",
        "join",
        "share",
        "subscribe",
        "tweet",
        "connect",
        "find",
    ];
    // An embedded tweet names its network in its image link ("pic.twitter.com/…") and may
    // say "you" and "find" in its text: it is quoted, not a prompt.
    if is_embedded_tweet(paragraph) {
        return false;
    }
    let network = tokens.iter().any(|t| NETWORKS.contains(t));
    let ask = tokens.iter().any(|t| ASKS.contains(t));
    let addressed = tokens
        .iter()
        .any(|t| matches!(*t, "us" | "our" | "you" | "your"));
    let handle = paragraph
        .split_whitespace()
        .any(|w| w.len() > 1 && w.starts_with('@'));
    let imperative = matches!(tokens.first(), Some(&("follow" | "read")));
    network && ask && addressed
        || imperative && (network || handle) && tokens.len() <= MAX_PROMPT_WORDS
}

/// Longest follow prompt or link prompt, in words ("Follow @politicalticker Follow @KilloughCNN",
/// "Click here for more from The Wall Street Journal"). Range 8–25: prompts name one target;
/// 15 leaves room for two handles or a long outlet name, short of a sentence of reporting.
const MAX_PROMPT_WORDS: usize = 15;

/// Asks the reader to sign up for a newsletter or have news delivered ("Sign up for Daily
/// Newsletters", "Get the Monitor Stories you care about delivered to your inbox"): it names a
/// newsletter or the reader's inbox, and speaks to the reader or asks them to sign up. A report
/// about newsletters ("More than a million people subscribe to the newsletter, she said") does
/// neither, and reported speech is never a prompt.
fn is_newsletter_prompt(folded: &str, tokens: &[&str]) -> bool {
    // "Get breaking news alerts": alerts are a newsletter only when the line offers them.
    let offers_alerts = matches!(tokens.first(), Some(&("get" | "sign" | "subscribe")))
        && tokens.contains(&"alerts");
    let topic = tokens
        .iter()
        .any(|t| matches!(*t, "newsletter" | "newsletters" | "inbox"))
        || offers_alerts
        || contains_phrase(folded, "sign up to receive");
    let addressed = offers_alerts
        || tokens
            .iter()
            .any(|t| matches!(*t, "you" | "your" | "our" | "us" | "here"))
        || ["sign up", "signing up", "subscribe"]
            .iter()
            .any(|ask| contains_phrase(folded, ask));
    let reported = tokens
        .iter()
        .any(|t| matches!(*t, "said" | "says" | "told"));
    topic && addressed && !reported
}

/// Asks the reader to get an app: opens with the ask ("CLICK HERE TO GET THE FOX NEWS APP",
/// "Download the NBC News app for full coverage"), or speaks to the reader ("Like what you're
/// reading? Download the USA TODAY app"). News of an app ("Apple said the app would be available
/// to download") does neither.
fn is_app_prompt(tokens: &[&str]) -> bool {
    let imperative = matches!(tokens.first(), Some(&("click" | "get" | "download")));
    let addressed = tokens.iter().any(|t| matches!(*t, "you" | "your" | "here"));
    tokens.contains(&"app")
        && tokens.len() <= MAX_PROMPT_WORDS
        && (imperative || addressed && tokens.contains(&"download"))
}

/// A link set as an instruction: it opens with the click ("Click here for more from The Washington
/// Post", "CLICK HERE FOR COMPLETE CORONAVIRUS COVERAGE", "Click for more from Media Buzz"), ends
/// with it ("Don't see the graphic above? Click here."), or sends the reader elsewhere for more
/// ("Visit Business Insider's homepage for more stories"). "Visitors came for more than the
/// music" sends no one.
fn is_click_prompt(folded: &str) -> bool {
    let sends_for_more = ["visit", "go to", "head to", "check out"]
        .iter()
        .any(|ask| starts_with_phrase(folded, ask))
        && contains_phrase(folded, "for more");
    (["click here", "click to", "click for"]
        .iter()
        .any(|click| starts_with_phrase(folded, click))
        || folded.ends_with(" click here")
        || sends_for_more)
        && folded.split(' ').count() <= MAX_PROMPT_WORDS
}

/// A credit line: "The Associated Press contributed to this report.", "Staff writer Jo Lee
/// contributed to this report from Washington.", "(Reporting by A; Editing by B)", "Additional
/// reporting by C". The credit must end its sentence: "MIT contributed to this report, which
/// found …" is reporting on a report.
fn is_credit(paragraph: &str, folded: &str) -> bool {
    const CREDITS: &[&str] = &[
        "contributed to this report",
        "contributed to this story",
        "contributed to this article",
        "contributed reporting",
    ];
    // Every credit names a contribution, reporting or wire reports: most paragraphs stop here.
    if ![
        "contributed",
        "contributing",
        "reporting by",
        "wire service",
    ]
    .iter()
    .any(|cue| folded.contains(cue))
    {
        return false;
    }
    let lower = paragraph.to_lowercase();
    let ends_sentence = |at: usize| {
        let rest = lower[at..].trim_start_matches([' ', '\u{a0}']);
        rest.is_empty() || rest.starts_with(['.', ')', '”']) || rest.starts_with("from ")
    };
    let credited = CREDITS.iter().any(|credit| {
        lower
            .match_indices(credit)
            .any(|(at, _)| ends_sentence(at + credit.len()))
    });
    credited
        || names_who_contributed(paragraph)
        || paragraph
            .trim_start()
            .get(..13)
            .is_some_and(|p| p.eq_ignore_ascii_case("contributing:"))
        || contains_phrase(folded, "based in part on wire service reports")
        || starts_with_phrase(folded, "additional reporting by")
        || contains_phrase(folded, "reporting by") && contains_phrase(folded, "editing by")
}

/// "Jordain Carney and Scott Wong contributed.", "AP writers from around the world contributed":
/// names (and the words that place or describe them) and then only "contributed". "Many factors
/// contributed." is prose: a common word among them is not a name.
fn names_who_contributed(paragraph: &str) -> bool {
    const MAX_NAMES_WORDS: usize = 20;
    const BETWEEN_NAMES: &[&str] = &[
        "and",
        "in",
        "from",
        "of",
        "the",
        "writer",
        "writers",
        "reporter",
        "reporters",
        "correspondent",
        "around",
        "world",
    ];
    let w = words(paragraph);
    match w.split_last() {
        Some((last, names)) if last.eq_ignore_ascii_case("contributed") => {
            !names.is_empty()
                && names.len() < MAX_NAMES_WORDS
                && is_capitalized(names[0])
                && names
                    .iter()
                    .all(|n| is_capitalized(n) || BETWEEN_NAMES.contains(n))
        }
        _ => false,
    }
}

/// A line giving an address to write to: an email address, and an ask or the author's contact
/// ("Write to Sara Murray at sara.murray@wsj.com", "Send letters to letters@suntimes.com", "Got a
/// tip? Email …", "She can be reached at …").
fn is_contact_line(paragraph: &str, folded: &str) -> bool {
    const ASKS: &[&str] = &[
        "write to", "contact", "send", "email", "e mail", "got a", "reach", "tips",
    ];
    const ANYWHERE: &[&str] = &["can be reached", "let us know", "reach him", "reach her"];
    let email = paragraph.contains('@')
        && paragraph.split_whitespace().any(|w| {
            w.split_once('@').is_some_and(|(user, host)| {
                !user.is_empty() && host.trim_end_matches('.').contains('.')
            })
        });
    email
        && folded.split(' ').count() <= MAX_CONTACT_WORDS
        && (ASKS.iter().any(|ask| starts_with_phrase(folded, ask))
            || ANYWHERE.iter().any(|cue| contains_phrase(folded, cue)))
}

/// Longest contact line, in words. Range 10–40: "Write to A at a@x.com and B at b@x.com" is 10;
/// 30 admits a tip line with a question before it, short of a paragraph quoting an email.
const MAX_CONTACT_WORDS: usize = 30;

/// The outlet's note that a piece is opinion or a rough copy ("The opinions expressed by
/// columnists are their own …", "This is a rush transcript. Copy may not be in its final form."),
/// or the terms it may be republished under ("… is available without charge to any eligible news
/// publisher …").
fn is_disclaimer(folded: &str) -> bool {
    // Every disclaimer says "expressed", "transcript" or "without charge": most paragraphs stop
    // here.
    if !["expressed", "transcript", "without charge"]
        .iter()
        .any(|cue| folded.contains(cue))
    {
        return false;
    }
    let views = ["opinions expressed", "views expressed"]
        .iter()
        .any(|v| contains_phrase(folded, v));
    let disowned = ["own", "solely", "do not necessarily", "of the author"]
        .iter()
        .any(|d| contains_phrase(folded, d));
    views && disowned
        || contains_phrase(folded, "rush transcript")
        || contains_phrase(folded, "available without charge")
            && contains_phrase(folded, "publisher")
}

/// A paragraph that is only a widget's label or control: "Photo", "Video", "WATCH:", "More:",
/// NPR's "Enlarge this image toggle caption …", Reuters' "Slideshow (2 Images)".
fn widget_label(folded: &str, words: &[&str]) -> Option<BoilerplateKind> {
    use BoilerplateKind::*;
    let slideshow = matches!(words, ["slideshow", n, "images" | "image" | "photos"]
        if n.bytes().all(|b| b.is_ascii_digit()));
    if slideshow || contains_phrase(folded, "toggle caption") {
        return Some(PhotoGallery);
    }
    match folded {
        "photo" | "photos" | "image" | "images" | "photo gallery" => Some(PhotoGallery),
        "video" | "videos" | "watch" | "watch video" | "youtube" | "loading" => Some(VideoPlayer),
        "more" => Some(RelatedLinks),
        _ => None,
    }
}

fn related_heading(folded: &str) -> bool {
    const HEADINGS: &[&str] = &[
        "related",
        "related posts",
        "related articles",
        "related stories",
        "related content",
        "related news",
        "related coverage",
        "related reading",
        "related topics",
        "related links",
        "on the same topic",
        "on the same subject",
        "on the same theme",
        "on the same issue",
        "check also",
        "see also",
        "also read",
        "read also",
        "read more",
        "read next",
        "more stories",
        "more news",
        "more on this",
        "more on this story",
        "more to read",
        "you may also like",
        "you might also like",
        "you may be interested in",
        "you might be interested in",
        "recommended",
        "recommended for you",
        "recommended stories",
        "recommended articles",
        "popular posts",
        "popular posts from this blog",
        "popular stories",
        "popular articles",
        "most read",
        "most popular",
        "most viewed",
        "most shared",
        "trending",
        "trending now",
        "trending stories",
        "latest news",
        "latest posts",
        "latest stories",
        "latest articles",
        "recent posts",
        "further reading",
        "don t miss",
        "in case you missed it",
        "what to read next",
        "editor s picks",
        "top stories",
        "other news",
        "keep reading",
        "also on",
        "more from this author",
    ];
    HEADINGS.contains(&folded)
        || starts_with_phrase(folded, "more from") && folded.split(' ').count() <= 5
}

/// A tweet as pages embed it: its text, then the account's signature ("… — James O'Keefe
/// (@JamesOKeefeIII) May 6, 2020"), or a "pic.twitter.com/…" image link.
fn is_embedded_tweet(line: &str) -> bool {
    if line.contains("pic.twitter.com/") {
        return true;
    }
    let Some(handle) = line.rfind("(@") else {
        return false;
    };
    let signed = line[handle + 2..]
        .split_once(')')
        .is_some_and(|(name, date)| {
            !name.is_empty()
                && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                && date.trim().len() <= "September 30, 2020".len()
        });
    let year = line
        .as_bytes()
        .rchunks(4)
        .next()
        .is_some_and(|tail| tail.len() == 4 && tail.iter().all(u8::is_ascii_digit));
    signed && year
}

/// A line that can be an item of a link list: a headline, or a teaser cut off with an ellipsis.
/// A line that ends with a full stop, inside closing quotes or not ("… will protect you.”",
/// "… we can move forward.’’"), is
/// prose; headlines end without one, or with a question mark. An embedded tweet is a quotation
/// the story makes, not a link ([`is_embedded_tweet`]).
fn link_like(paragraph: &str) -> bool {
    let p = paragraph.trim_end();
    if is_embedded_tweet(p) {
        return false;
    }
    let n = word_count(p);
    let teaser = p.ends_with('…') || p.ends_with("...");
    let closed = p.trim_end_matches(['”', '"']);
    let closed = ["’’", "''"]
        .iter()
        .find_map(|quote| closed.strip_suffix(quote))
        .unwrap_or(closed);
    let sentence = closed.ends_with('.');
    n > 0 && (teaser && n <= MAX_TEASER_WORDS || n <= MAX_LINK_WORDS && !sentence)
}

/// After a related-links heading, the link-like lines that follow belong to it; a link line
/// ("SEE ALSO: …") is one link, not a heading.
fn mark_link_lists(paragraphs: &[&str], kinds: &mut [Option<BoilerplateKind>]) {
    let mut i = 0;
    while i < paragraphs.len() {
        if kinds[i] == Some(BoilerplateKind::RelatedLinks) && related_heading(&fold(paragraphs[i]))
        {
            let mut j = i + 1;
            // An ad slot between the links ("READ MORE:", "Advertisement", headlines) is no end.
            while j < paragraphs.len()
                && (kinds[j] == Some(BoilerplateKind::AdSlot)
                    || kinds[j].is_none() && link_like(paragraphs[j]))
            {
                kinds[j].get_or_insert(BoilerplateKind::RelatedLinks);
                j += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
}

/// `Some(Some(name))` for "About Jane Doe", `Some(None)` for "About the author", else `None`.
fn about_heading(paragraph: &str) -> Option<Option<&str>> {
    let p = paragraph.trim().trim_end_matches(':');
    let folded = fold(p);
    if matches!(
        folded.as_str(),
        "about the author" | "about the writer" | "about the authors" | "about author"
    ) {
        return Some(None);
    }
    let rest = p.strip_prefix("About ")?;
    let w = words(rest);
    let is_name = (1..=4).contains(&w.len())
        && w.iter().all(|t| is_capitalized(t))
        && !rest.trim_end().ends_with(['.', '?', '!']);
    is_name.then_some(Some(rest.trim()))
}

fn mentions_person(paragraph: &str) -> bool {
    let folded = fold(paragraph);
    folded.split(' ').any(|t| {
        matches!(
            t,
            "he" | "she" | "his" | "her" | "they" | "their" | "i" | "my"
        )
    }) || contains_phrase(&folded, "is a")
        || contains_phrase(&folded, "is an")
}

/// "Jane Doe is a reporter …" → "Jane Doe".
fn leading_name(paragraph: &str) -> Option<&str> {
    let mut end = 0;
    for (i, word) in paragraph.split(' ').enumerate() {
        if i < 4
            && is_capitalized(word)
            && word
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '.')
        {
            end += word.len() + usize::from(i > 0);
        } else {
            return (end > 0
                && matches!(word, "is" | "was" | "has" | "writes" | "covers" | "reports"))
            .then(|| &paragraph[..end]);
        }
    }
    None
}

/// One of the people a byline names ("Dennis Prager, Leah Barkoukis"), however fully: "David A.
/// Keene" is the byline's "David Keene", "S.E. Cupp" its "S. E. Cupp" — the same surname and the
/// same first initial.
fn is_byline_author(name: &str, byline: &str) -> bool {
    let initial_and_surname = |n: &str| {
        let words: Vec<&str> = n.split_whitespace().collect();
        let first = words.first()?.chars().next()?.to_lowercase().next()?;
        let surname = words.get(1..)?.last()?.trim_end_matches('.').to_lowercase();
        Some((first, surname))
    };
    let Some(wanted) = initial_and_surname(name) else {
        return false;
    };
    byline
        .split([',', ';', '&'])
        .flat_map(|part| part.split(" and "))
        .any(|person| initial_and_surname(person).as_ref() == Some(&wanted))
}

/// Every paragraph from `from` on is boilerplate (or there is none).
fn rest_is_boilerplate(kinds: &[Option<BoilerplateKind>], from: usize) -> bool {
    kinds[from.min(kinds.len())..].iter().all(Option::is_some)
}

/// About boxes: an "About …" heading (or an introduction of the byline author) and up to two short
/// bio paragraphs, counted only when nothing after them is article text.
fn mark_about_boxes(
    paragraphs: &[&str],
    author: Option<&str>,
    kinds: &mut [Option<BoilerplateKind>],
) {
    const MAX_BIO_WORDS: usize = 80;
    for i in 0..paragraphs.len() {
        if kinds[i].is_some() {
            continue;
        }
        let bio_like = |p: &str| word_count(p) <= MAX_BIO_WORDS && !link_like(p);
        let introduces_author = author
            .zip(leading_name(paragraphs[i]))
            .is_some_and(|(byline, name)| is_byline_author(name, byline))
            && bio_like(paragraphs[i]);
        let (first_bio, heading) = if about_heading(paragraphs[i]).is_some() {
            (i + 1, true)
        } else if introduces_author {
            (i, false)
        } else {
            continue;
        };
        // Bio paragraphs speak of the person named (or, under "About the author", of a person).
        let subject =
            about_heading(paragraphs[i])
                .flatten()
                .or(if heading { None } else { author });
        let about_subject = |p: &str| match subject {
            Some(name) => name
                .split(' ')
                .any(|part| part.len() > 2 && p.contains(part)),
            None => mentions_person(p),
        };
        let mut end = first_bio;
        while end < paragraphs.len()
            && end - first_bio < MAX_ABOUT_PARAGRAPHS
            && kinds[end].is_none()
            && bio_like(paragraphs[end])
            && about_subject(paragraphs[end])
        {
            end += 1;
        }
        if (end > first_bio || heading) && rest_is_boilerplate(kinds, end) {
            for kind in &mut kinds[i..end] {
                *kind = Some(BoilerplateKind::About);
            }
            return;
        }
    }
}

/// A heading-less run of headline-like lines that ends the page is a link list.
fn mark_tail_list(paragraphs: &[&str], kinds: &mut [Option<BoilerplateKind>]) {
    const MIN_HEADLINE_WORDS: usize = 4;
    let headline = |p: &str| link_like(p) && word_count(p) >= MIN_HEADLINE_WORDS;
    // Ad slots and prompts ("Like what you're reading? Download the USA TODAY app") between the
    // headlines neither end the list nor count as its items.
    let passed_over = |i: usize| {
        matches!(
            kinds[i],
            Some(BoilerplateKind::AdSlot | BoilerplateKind::Social)
        )
    };
    let tail_start = kinds
        .iter()
        .rposition(Option::is_none)
        .map_or(0, |last_body| {
            let mut start = last_body + 1;
            while start > 0
                && (passed_over(start - 1)
                    || kinds[start - 1].is_none() && headline(paragraphs[start - 1]))
            {
                start -= 1;
            }
            start
        });
    let run = (tail_start..paragraphs.len())
        .take_while(|&i| kinds[i].is_none() || passed_over(i))
        .count();
    let items = (tail_start..tail_start + run)
        .filter(|&i| !passed_over(i))
        .count();
    // Headlines among the page's prompts are the page's: two are a list when a prompt stands
    // among them or closes them ("Read or Share this story: …"). An ad slot is no such sign:
    // ads stand between the paragraphs of the article too.
    let beside_prompt =
        (tail_start..tail_start + run).any(|i| kinds[i] == Some(BoilerplateKind::Social));
    let enough = items >= MIN_TAIL_LIST_ITEMS || items >= 2 && beside_prompt;
    let body_before = kinds[..tail_start].iter().any(Option::is_none);
    if enough && body_before && rest_is_boilerplate(kinds, tail_start + run) {
        for kind in &mut kinds[tail_start..tail_start + run] {
            kind.get_or_insert(BoilerplateKind::RelatedLinks);
        }
    }
}

/// Once the article has signed off — a credit, a contact line, a follow prompt — the link-like
/// lines that end the page are links, however few ("Follow Nightengale on Twitter", "GALLERY:
/// Cubs revel in historic title"). Lines before the sign-off stay body.
fn mark_links_after_sign_off(paragraphs: &[&str], kinds: &mut [Option<BoilerplateKind>]) {
    use BoilerplateKind::*;
    let mut start = paragraphs.len();
    let mut sign_off = None;
    // Newsletter and app prompts are set anywhere in a page; a follow prompt closes the article.
    let signs_off = |i: usize| match kinds[i] {
        Some(Credit | Contact) => true,
        Some(Social) => starts_with_phrase(&fold(paragraphs[i]), "follow"),
        _ => false,
    };
    while start > 0 && (kinds[start - 1].is_some() || link_like(paragraphs[start - 1])) {
        start -= 1;
        if signs_off(start) {
            sign_off = Some(start);
        }
    }
    let Some(sign_off) = sign_off else {
        return;
    };
    if kinds[..sign_off].iter().any(Option::is_none) {
        for kind in &mut kinds[sign_off + 1..] {
            kind.get_or_insert(RelatedLinks);
        }
    }
}

/// In the tail, a short unmarked line between boilerplate blocks ("Name", "Tweet", a lone date)
/// belongs to the block before it.
fn absorb_tail_strays(paragraphs: &[&str], kinds: &mut [Option<BoilerplateKind>]) {
    const MAX_STRAY_WORDS: usize = 6;
    for i in 1..paragraphs.len() {
        if kinds[i].is_none()
            && kinds[i - 1].is_some()
            && word_count(paragraphs[i]) <= MAX_STRAY_WORDS
            && rest_is_boilerplate(kinds, i + 1)
            && i + 1 < paragraphs.len()
        {
            kinds[i] = kinds[i - 1];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use BoilerplateKind::*;

    fn kinds(paragraphs: &[&str]) -> Vec<Option<BoilerplateKind>> {
        classify(paragraphs, None)
    }

    const PROSE: &str =
        "The city council voted on Tuesday to ban the use of face recognition by police, \
        after a long debate in which residents described being misidentified by the software.";

    #[test]
    fn comment_forms_in_any_wording() {
        assert_eq!(
            kinds(&[
                PROSE,
                "Post a comment",
                "Your email address will not be published.",
                "Name *",
                "Email *"
            ]),
            [
                None,
                Some(CommentForm),
                Some(CommentForm),
                Some(CommentForm),
                Some(CommentForm)
            ]
        );
        assert_eq!(kinds(&[PROSE, "3 Comments"]), [None, Some(CommentForm)]);
    }

    #[test]
    fn a_related_heading_takes_the_headlines_under_it_and_stops_at_prose() {
        let got = kinds(&[
            PROSE,
            "You might also like:",
            "Council votes to ban face recognition",
            "Why the police want the software back…",
            PROSE,
        ]);
        assert_eq!(
            got,
            [
                None,
                Some(RelatedLinks),
                Some(RelatedLinks),
                Some(RelatedLinks),
                None
            ]
        );
    }

    #[test]
    fn an_embedded_video_is_its_player_not_the_article() {
        let got = kinds(&[
            PROSE,
            "JUST WATCHED Battle for the Latino vote Replay More Videos ... MUST WATCH Battle for the Latino vote 04:26",
            "Now playing: Watch this: Hackers take on new voting machines at Defcon",
            "Embed What will a Trump White House look like? 6:39 autoplay autoplay Copy this code to your website or blog",
            "\"I just watched the replay, and it is a must watch for every voter,\" she said.",
        ]);
        assert_eq!(
            got,
            [
                None,
                Some(VideoPlayer),
                Some(VideoPlayer),
                Some(VideoPlayer),
                None
            ]
        );
    }

    #[test]
    fn an_ad_slot_marker_is_boilerplate_wherever_it_stands_and_prose_about_ads_is_not() {
        let got = kinds(&[
            PROSE,
            "Story Continued Below",
            "Advertisement",
            "AD",
            "Story continues below advertisement",
            "Continue Reading Below",
            "The story continued below the fold on page A6.",
            "Advertisements",
            "Advertisement Continue reading the main story",
            "Ad spending rose 12 percent.",
            "Content",
            PROSE,
        ]);
        assert_eq!(
            got,
            [
                None,
                Some(AdSlot),
                Some(AdSlot),
                Some(AdSlot),
                Some(AdSlot),
                Some(AdSlot),
                None,
                Some(AdSlot),
                Some(AdSlot),
                None,
                None,
                None
            ]
        );
    }

    #[test]
    fn an_ad_slot_inside_a_link_list_neither_ends_it_nor_joins_it() {
        let got = kinds(&[
            PROSE,
            "READ MORE:",
            "Advertisement",
            "The New York Times’s Steve Scalise Article is Shameful",
            "The New York Times & Trump’s Critics on the Right",
            PROSE,
            "Council votes to ban face recognition in city parks",
            "ADVERTISEMENT",
            "Why the police want the software back after the ban",
            "Three cities that banned the software and what happened next",
        ]);
        assert_eq!(
            got,
            [
                None,
                Some(RelatedLinks),
                Some(AdSlot),
                Some(RelatedLinks),
                Some(RelatedLinks),
                None,
                Some(RelatedLinks),
                Some(AdSlot),
                Some(RelatedLinks),
                Some(RelatedLinks)
            ]
        );
    }

    #[test]
    fn a_photo_gallery_is_known_by_its_slide_counter_wherever_it_stands() {
        let got = kinds(&[
            PROSE,
            "Photos: Who's running for president? Ted Cruz, Donald Trump and Bernie Sanders. \
             Hide Caption 1 of 6 Photos: Who's running for president?",
            "\"I am here to ask you for your support,\" Kasich told his kickoff rally. Hide Caption 4 of 6",
            "next Image 1 of 2",
            "Previous Next Scott Olson/Getty Images 1 of 10 i View slideshow",
            "Two of 3 voters, and 7 of 10 photographers in the survey, said the images 1 of the \
             agencies sent were staged; photo 12 of 9 was never printed.",
            PROSE,
        ]);
        assert_eq!(
            got,
            [
                None,
                Some(PhotoGallery),
                Some(PhotoGallery),
                Some(PhotoGallery),
                Some(PhotoGallery),
                None,
                None
            ]
        );
    }

    #[test]
    fn a_link_line_inside_the_article_is_one_link_and_no_heading() {
        let got = kinds(&[
            PROSE,
            "SEE ALSO: Obama helps broker Israel-Turkey exchange over flotilla deaths",
            "“We will not back down”",
            "More: Trump tweet suggests he knew Flynn lied to FBI when he fired him",
            "Related: In a development that NPR's Julie Rovner previewed on Tuesday, the \
             administration has said individuals without health insurance will have until the end \
             of March to sign up, as long as they have started an application online.",
            PROSE,
        ]);
        assert_eq!(
            got,
            [
                None,
                Some(RelatedLinks),
                None,
                Some(RelatedLinks),
                None,
                None
            ]
        );
    }

    #[test]
    fn a_headless_list_of_headlines_at_the_end_is_a_link_list() {
        let got = kinds(&[
            PROSE,
            "Mayor unveils a new budget for schools",
            "Storm knocks out power across the county",
            "Local team wins its third straight title",
        ]);
        assert_eq!(
            got,
            [
                None,
                Some(RelatedLinks),
                Some(RelatedLinks),
                Some(RelatedLinks)
            ]
        );
    }

    #[test]
    fn an_embedded_tweet_closing_the_story_is_a_quotation_not_a_link_list() {
        let got = kinds(&[
            PROSE,
            "BREAKING: Insider Reveals @CBSNews Staged FAKE Testing Line on @CBSThisMorning",
            "“We knew they were coming, had no clue we were going to do FAKE PATIENTS” – RN",
            "\"There were real patients\" pic.twitter.com/tA4LoS7P22 — James O'Keefe \
             (@JamesOKeefeIII) May 6, 2020",
            "Editor's Note: Want to support us? Join our VIP club.",
        ]);
        assert_eq!(got, [None, None, None, None, Some(EditorsNote)]);
    }

    #[test]
    fn two_short_closing_lines_stay_body() {
        let got = kinds(&[
            PROSE,
            "Stay tuned for what comes next",
            "The vote is on Friday",
        ]);
        assert_eq!(got, [None, None, None]);
    }

    #[test]
    fn social_prompts_name_a_network_and_ask_the_reader() {
        assert_eq!(
            kinds(&[
                PROSE,
                "Follow our coverage on Twitter and like us on Facebook!",
                "Share this:"
            ]),
            [None, Some(Social), Some(Social)]
        );
        // A network named in reporting is not a prompt, nor is a tweet the story quotes.
        assert_eq!(
            kinds(&[
                "Facebook said it would join the moratorium.",
                "Find someone who looks at you like Jeff Sessions looks at the #SolarEclipse2017 \
                 pic.twitter.com/YS3F1quNw1 — FutureFemaleLeaders (@FFL_of_Am) August 21, 2017",
                PROSE,
            ]),
            [None, None, None]
        );
        assert_eq!(
            kinds(&[PROSE, "Read or Share this story: http://usat.ly/16lt2Qm"]),
            [None, Some(Social)]
        );
    }

    #[test]
    fn source_credits_and_legal_lines() {
        assert_eq!(
            kinds(&[
                PROSE,
                "Source: Reuters",
                "https://example.org/story",
                "© 2020 Example Media. All rights reserved."
            ]),
            [None, Some(SourceLink), Some(SourceLink), Some(Legal)]
        );
    }

    #[test]
    fn about_box_at_the_end_names_its_person() {
        let paragraphs = [
            PROSE,
            "About Jane Q. Doe",
            "Jane Q. Doe covers technology. She lives in Oakland.",
            "Leave a comment",
        ];
        let got = kinds(&paragraphs);
        assert_eq!(got, [None, Some(About), Some(About), Some(CommentForm)]);
        assert_eq!(
            about_box_person(&paragraphs, &got).as_deref(),
            Some("Jane Q. Doe")
        );
    }

    #[test]
    fn an_about_heading_inside_the_article_is_body() {
        let got = kinds(&[
            PROSE,
            "About Rekognition",
            "Rekognition is a cloud service sold by Amazon.",
            PROSE,
        ]);
        assert_eq!(got, [None, None, None, None]);
    }

    #[test]
    fn a_closing_introduction_of_the_byline_author_is_an_about_box() {
        let got = classify(
            &[PROSE, "Sam Lee is a reporter who covers privacy."],
            Some("Sam Lee"),
        );
        assert_eq!(got, [None, Some(About)]);
    }

    #[test]
    fn the_byline_author_is_introduced_however_fully_the_byline_names_them() {
        let closing = "David A. Keene is opinion editor of The Washington Times.";
        let byline = |author| classify(&[PROSE, closing], Some(author));
        assert_eq!(byline("David Keene"), [None, Some(About)]);
        assert_eq!(byline("Tammy Bruce, David Keene"), [None, Some(About)]);
        assert_eq!(byline("Sarah Keene"), [None, None]);
        assert_eq!(byline("David Kern"), [None, None]);
    }

    #[test]
    fn newsletter_and_app_prompts_are_social_prompts_wherever_they_stand() {
        let got = kinds(&[
            PROSE,
            "Sign up for Daily Newsletters Manage Newsletters",
            "Get the Monitor Stories you care about delivered to your inbox. By signing up, you \
             agree to our Privacy Policy",
            "More than a million people subscribe to the newsletter, she said.",
            "CLICK HERE TO GET THE FOX NEWS APP",
            "Apple said the app would be available to download in June.",
            "Click here for more from The Wall Street Journal.",
            "Get breaking news alerts and special reports. The news and stories that matter, \
             delivered weekday mornings.",
            "The city sent flood alerts to every phone, the mayor said.",
            "ProPublica is a nonprofit newsroom. Sign up to receive our biggest stories as soon \
             as they're published.",
            "Click for more from Media Buzz.",
            "Don't see the graphic above? Click here.",
            "Visit Business Insider's homepage for more stories.",
            "Visitors came for more than the music.",
            PROSE,
        ]);
        assert_eq!(
            got,
            [
                None,
                Some(Social),
                Some(Social),
                None,
                Some(Social),
                None,
                Some(RelatedLinks),
                Some(Social),
                None,
                Some(Social),
                Some(RelatedLinks),
                Some(RelatedLinks),
                Some(RelatedLinks),
                None,
                None
            ]
        );
    }

    #[test]
    fn a_credit_line_names_who_helped_write_the_story() {
        let got = kinds(&[
            PROSE,
            "Researchers at MIT contributed to this report, which found the software misread \
             darker faces.",
            PROSE,
            "Fox News' Chad Pergram and The Associated Press contributed to this report.",
            "Staff writer Francine Kiefer contributed to this report from Washington.",
            "(Reporting by Caroline Copley; editing by Mark Heinrich)",
            "Jordain Carney, Cristina Marcos and Katie Bo Williams contributed.",
            "Associated Press writer Josef Federman in Jerusalem contributed.",
            "Contributing: The Associated Press",
            "Many factors contributed.",
            "Contributing to the decline were lower oil prices.",
        ]);
        assert_eq!(
            got,
            [
                None,
                None,
                None,
                Some(Credit),
                Some(Credit),
                Some(Credit),
                Some(Credit),
                Some(Credit),
                Some(Credit),
                None,
                None
            ]
        );
    }

    #[test]
    fn a_contact_line_gives_an_address_and_asks_to_write() {
        let got = kinds(&[
            PROSE,
            "The leaked memo was sent from ops@agency.gov to every field office.",
            PROSE,
            "Write to Sara Murray at sara.murray@wsj.com",
            "Got a TIP from the RIGHT or LEFT? Email FoxNewsFirst@FOXNEWS.COM",
        ]);
        assert_eq!(got, [None, None, None, Some(Contact), Some(Contact)]);
    }

    #[test]
    fn opinion_and_transcript_disclaimers_are_legal_notices() {
        let got = kinds(&[
            "This is a rush transcript. Copy may not be in its final form.",
            PROSE,
            "The opinions expressed by columnists are their own and do not represent the views of \
             Townhall.com.",
            "Voters expressed opinions on the ban at Tuesday's meeting.",
        ]);
        assert_eq!(got, [Some(Legal), None, Some(Legal), None]);
    }

    #[test]
    fn an_editors_note_is_the_outlets_note_on_the_piece_wherever_it_stands() {
        let correction = "Editor's note: An earlier version of this article misstated the \
            date of the council vote. It has since been corrected.";
        let offer = "Who’s to Blame for the Fiscal Cliff? Vote Here!";
        assert_eq!(
            kinds(&[
                "EDITOR’S NOTE — A look at the veracity of claims by political figures.",
                PROSE,
                "[Editor’s note: As a public service, all our coronavirus coverage is free.]",
                "Editor’s Note:",
                offer,
                PROSE,
                correction,
            ]),
            [
                Some(EditorsNote),
                None,
                Some(EditorsNote),
                Some(EditorsNote),
                Some(EditorsNote),
                None,
                Some(EditorsNote)
            ]
        );
        // Prose about an editor's note, or a label with no mark after it, stays body.
        assert_eq!(
            kinds(&[
                "The editor's note said the photographer had paid his sources.",
                "Editor's notes from the archive show the story was cut twice.",
                PROSE,
            ]),
            [None, None, None]
        );
    }

    #[test]
    fn a_lone_widget_label_or_caption_control_is_the_widget() {
        let got = kinds(&[
            PROSE,
            "Photo",
            "Enlarge this image toggle caption J. Scott Applewhite/AP J. Scott Applewhite/AP",
            "Slideshow (2 Images)",
            "WATCH:",
            "Watch the vote on Friday, the mayor said.",
            "More:",
            PROSE,
        ]);
        assert_eq!(
            got,
            [
                None,
                Some(PhotoGallery),
                Some(PhotoGallery),
                Some(PhotoGallery),
                Some(VideoPlayer),
                None,
                Some(RelatedLinks),
                None
            ]
        );
    }

    #[test]
    fn after_a_follow_prompt_signs_off_the_lines_that_end_the_page_are_links() {
        let got = kinds(&[
            PROSE,
            "“There’s no question there’s been a degradation of the conversation,” Foley said. \
             “I don’t pin that on him.”",
            "Follow reporter Jeff Ostrowski on Twitter: @bio561",
            "Happy tears, hugs and Champagne:Every emotional moment we witnessed at the Oscars",
            "Poll:Americans divided on Trump's acquittal",
        ]);
        assert_eq!(
            got,
            [
                None,
                None,
                Some(Social),
                Some(RelatedLinks),
                Some(RelatedLinks)
            ]
        );
    }

    #[test]
    fn a_newsletter_prompt_set_before_the_last_paragraph_signs_nothing_off() {
        let got = kinds(&[
            PROSE,
            "Get the Monitor Stories you care about delivered to your inbox. By signing up, you \
             agree to our Privacy Policy",
            "“Don’t worry, my twin 10-year-old daughters will protect you.”",
            "Staff writer Francine Kiefer contributed to this report from Washington.",
        ]);
        assert_eq!(got, [None, Some(Social), None, Some(Credit)]);
    }

    #[test]
    fn an_app_prompt_between_closing_headlines_neither_ends_the_list_nor_counts() {
        let got = kinds(&[
            PROSE,
            "Glossary: LGBTQ definitions every good ally should know",
            "Ve said, xe said: A guide to gender-neutral language",
            "Like what you're reading?: Download the USA TODAY app for more",
            "Read or Share this story: https://www.usatoday.com/story/news/politics/2019/04/24/x",
        ]);
        assert_eq!(
            got,
            [
                None,
                Some(RelatedLinks),
                Some(RelatedLinks),
                Some(Social),
                Some(Social)
            ]
        );
    }

    #[test]
    fn two_closing_headlines_among_the_pages_prompts_are_a_list() {
        let share = "Read or Share this story: https://www.usatoday.com/story/news/politics/x";
        let got = kinds(&[
            PROSE,
            "Squad: Trump triples down on his controversial tweets about 'The Squad'",
            "Vote: House votes to condemn Trump's tweets with support from 4 Republicans",
            share,
        ]);
        assert_eq!(
            got,
            [None, Some(RelatedLinks), Some(RelatedLinks), Some(Social)]
        );
        // A closing quotation is prose, whichever quote marks close it.
        let got = kinds(&[
            PROSE,
            "Finally, the curse is dead and buried for good",
            "“The burden has been lifted, and now we can move forward.’’",
            share,
        ]);
        assert_eq!(got, [None, None, None, Some(Social)]);
    }
}

//! The readable text of a saved web page: its headline and the paragraphs of its article, with
//! scripts, styles and page furniture (navigation, headers, footers, asides, forms) dropped, and
//! the title, date, author, site and address from the usual meta tags. The result is plain text
//! (headline, blank line, paragraphs) that ingest reads like any article; spans are byte ranges
//! into that text, which is what the reader shows.
//!
//! Only tags, attributes and character references are needed, so a small scanner does it; it
//! never fails: whatever is not markup is text.

/// What a page says about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// Headline, blank line, then the paragraphs, blank-line separated.
    pub text: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
    "button", "select", "iframe", "figure",
];
/// Elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "div",
    "section",
    "article",
    "br",
    "tr",
    "pre",
    "dd",
    "dt",
];

/// A tag: its lowercase name, whether it closes, and its attributes.
struct Tag<'a> {
    name: String,
    closing: bool,
    raw: &'a str,
}

impl Tag<'_> {
    /// The value of attribute `name`, character references decoded.
    fn attr(&self, name: &str) -> Option<String> {
        let lower = self.raw.to_lowercase();
        let mut from = 0;
        while let Some(i) = lower[from..].find(name) {
            let at = from + i;
            from = at + name.len();
            let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
            let rest = lower[from..].trim_start();
            if !before_ok || !rest.starts_with('=') {
                continue;
            }
            let value_at = self.raw.len() - rest.len() + 1;
            let value = self.raw[value_at..].trim_start();
            let (quote, body) = match value.chars().next() {
                Some(q @ ('"' | '\'')) => (Some(q), &value[1..]),
                _ => (None, value),
            };
            let end = match quote {
                Some(q) => body.find(q).unwrap_or(body.len()),
                None => body
                    .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                    .unwrap_or(body.len()),
            };
            return Some(decode_references(&body[..end]).trim().to_string());
        }
        None
    }
}

/// Reads a web page's article text and facts.
pub fn extract(html: &str) -> Page {
    let mut page = Page::default();
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut headline: Option<String> = None;
    let mut in_title = false;
    let mut title_text = String::new();
    let mut in_h1 = false;
    let mut h1_text = String::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut current, rest, in_title, &mut title_text);
            break;
        };
        let text = &rest[..lt];
        if in_h1 {
            h1_text.push_str(text);
        }
        push_text(&mut current, text, in_title, &mut title_text);
        rest = &rest[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            break;
        };
        let tag = parse_tag(&rest[1..gt]);
        rest = &rest[gt + 1..];
        let Some(tag) = tag else { continue };
        if !tag.closing && SKIPPED.contains(&tag.name.as_str()) {
            rest = skip_element(rest, &tag.name);
            continue;
        }
        match (tag.name.as_str(), tag.closing) {
            ("title", false) => in_title = true,
            ("title", true) => in_title = false,
            ("h1", false) => {
                in_h1 = true;
                h1_text.clear();
            }
            ("h1", true) => {
                in_h1 = false;
                if headline.is_none() {
                    headline = Some(squash(&decode_references(&h1_text)));
                }
            }
            ("meta", _) => read_meta(&tag, &mut page),
            ("link", _) if tag.attr("rel").as_deref() == Some("canonical") => {
                page.url = page.url.take().or_else(|| tag.attr("href"));
            }
            ("time", false) => {
                page.date = page.date.take().or_else(|| tag.attr("datetime"));
            }
            _ => {}
        }
        if BLOCKS.contains(&tag.name.as_str()) {
            end_paragraph(&mut current, &mut paragraphs);
        }
    }
    end_paragraph(&mut current, &mut paragraphs);
    let title = page.title.clone().or(headline).or_else(|| {
        let (title, site) = split_site(&squash(&decode_references(&title_text)));
        page.site = page.site.take().or(site);
        Some(title).filter(|t| !t.is_empty())
    });
    if let Some(title) = &title {
        // The headline is printed once, first; drop it from the body if the page repeats it.
        paragraphs.retain(|p| p != title);
    }
    page.title = title.clone();
    let mut text = title.unwrap_or_default();
    for p in paragraphs {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&p);
    }
    page.text = text;
    page
}

/// Most words (1–8) of a site name after the headline in a page's `<title>`.
const SITE_SUFFIX_WORDS: usize = 5;

/// A `<title>` as headline and site: "Scans end | The Ledger" → ("Scans end", "The Ledger").
fn split_site(title: &str) -> (String, Option<String>) {
    for separator in [" | ", " — ", " – ", " - "] {
        if let Some((head, site)) = title.rsplit_once(separator) {
            let words = site.split_whitespace().count();
            if (1..=SITE_SUFFIX_WORDS).contains(&words) && !head.trim().is_empty() {
                return (head.trim().to_string(), Some(site.trim().to_string()));
            }
        }
    }
    (title.to_string(), None)
}

fn parse_tag(inside: &str) -> Option<Tag<'_>> {
    let (closing, body) = match inside.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, inside),
    };
    let name: String = body
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    (!name.is_empty()).then_some(Tag {
        name,
        closing,
        raw: body,
    })
}

/// The rest of the page after the end of the element `name` just opened.
fn skip_element<'a>(rest: &'a str, name: &str) -> &'a str {
    // Each "</" in turn, its name compared without case: lowercasing the rest of the page for
    // every script would make a page of many scripts quadratic.
    let mut from = 0;
    while let Some(i) = rest[from..].find("</") {
        let at = from + i + 2;
        let closes = rest
            .get(at..at + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        if closes {
            return rest[at..].find('>').map_or("", |gt| &rest[at + gt + 1..]);
        }
        from = at;
    }
    ""
}

fn read_meta(tag: &Tag, page: &mut Page) {
    let key = tag
        .attr("property")
        .or_else(|| tag.attr("name"))
        .or_else(|| tag.attr("itemprop"))
        .map(|k| k.to_lowercase());
    let (Some(key), Some(content)) = (key, tag.attr("content")) else {
        return;
    };
    if content.is_empty() {
        return;
    }
    let slot = match key.as_str() {
        "og:title" | "twitter:title" => &mut page.title,
        "article:published_time"
        | "date"
        | "pubdate"
        | "publish-date"
        | "datepublished"
        | "dc.date"
        | "parsely-pub-date" => &mut page.date,
        "author" | "article:author" | "dc.creator" | "parsely-author" => &mut page.author,
        "og:site_name" | "application-name" => &mut page.site,
        "og:url" => &mut page.url,
        _ => return,
    };
    if slot.is_none() {
        *slot = Some(content);
    }
}

fn push_text(current: &mut String, text: &str, in_title: bool, title: &mut String) {
    if in_title {
        title.push_str(text);
    } else {
        current.push_str(text);
    }
}

fn end_paragraph(current: &mut String, paragraphs: &mut Vec<String>) {
    let text = squash(&decode_references(current));
    if !text.is_empty() {
        paragraphs.push(text);
    }
    current.clear();
}

/// Runs of white space as one space, trimmed.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `&amp;`, `&#8217;`, `&#x2019;` and the named references news pages use, decoded; anything
/// else kept as written.
fn decode_references(text: &str) -> String {
    const NAMED: &[(&str, &str)] = &[
        ("amp", "&"),
        ("lt", "<"),
        ("gt", ">"),
        ("quot", "\""),
        ("apos", "'"),
        ("nbsp", "\u{a0}"),
        ("rsquo", "’"),
        ("lsquo", "‘"),
        ("rdquo", "”"),
        ("ldquo", "“"),
        ("mdash", "—"),
        ("ndash", "–"),
        ("hellip", "…"),
        ("copy", "©"),
        ("eacute", "é"),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 10);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name.strip_prefix('#') {
                Some(num) => match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                }
                .and_then(char::from_u32)
                .map(String::from),
                None => NAMED
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string()),
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push_str(&c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html><head>
        <title>Amazon pauses police use of Rekognition | The Ledger</title>
        <meta property="og:title" content="Amazon pauses police use of Rekognition">
        <meta property="og:site_name" content="The Ledger">
        <meta name="author" content="Ana Ruiz">
        <meta property="article:published_time" content="2020-06-10T18:02:00Z">
        <link rel="canonical" href="https://ledger.example/amazon-rekognition">
        <style>p { color: red }</style>
        <script>var p = "<p>not text</p>";</script>
      </head><body>
        <nav><a href="/">Home</a> <a href="/tech">Tech</a></nav>
        <header><p>Subscribe now!</p></header>
        <article>
          <h1>Amazon pauses police use of Rekognition</h1>
          <p>Amazon said on Wednesday it would pause police use of its
             face recognition software for one year.</p>
          <!-- <p>hidden draft</p> -->
          <p>&ldquo;We hope this one-year moratorium might give Congress enough time,&rdquo; the
             company said &amp; added nothing&#8230;</p>
          <aside><p>Related: IBM quits face recognition</p></aside>
        </article>
        <footer><p>© The Ledger</p></footer>
      </body></html>"#;

    #[test]
    fn a_news_page_becomes_its_headline_and_paragraphs_with_its_meta_facts() {
        let page = extract(PAGE);
        assert_eq!(
            page.text,
            "Amazon pauses police use of Rekognition\n\n\
             Amazon said on Wednesday it would pause police use of its face recognition software for one year.\n\n\
             “We hope this one-year moratorium might give Congress enough time,” the company said & added nothing…"
        );
        assert_eq!(
            page.title.as_deref(),
            Some("Amazon pauses police use of Rekognition")
        );
        assert_eq!(page.site.as_deref(), Some("The Ledger"));
        assert_eq!(page.author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(page.date.as_deref(), Some("2020-06-10T18:02:00Z"));
        assert_eq!(
            page.url.as_deref(),
            Some("https://ledger.example/amazon-rekognition")
        );
    }

    #[test]
    fn broken_markup_still_gives_its_text() {
        let page = extract("<p>One &bogus; thing<p>Two <b>bold</b> words<div");
        assert_eq!(page.text, "One &bogus; thing\n\nTwo bold words");
        assert_eq!(page.title, None);
    }
}

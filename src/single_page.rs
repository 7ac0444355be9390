//! One self-contained HTML file from the built page (Trunk's `dist/`) and a corpus: stylesheet,
//! icon, JavaScript glue and wasm inlined, the corpus as a JSON data block the page reads at start
//! ([`crate::import::PAGE_CORPUS_ID`]), and a Content-Security-Policy that allows exactly these
//! inline blocks by hash. It opens by double-click from disk, offline: it fetches nothing, not even
//! its own files (browsers refuse module scripts and wasm from `file://`).
//!
//! **The page's own files are read as Trunk wrote them, never rewritten by hand**: a build whose
//! shape this module does not recognise is an error that says so, not a broken page.

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::import::{CorpusFile, PAGE_CORPUS_ID};

/// The single-file page: `index_html` is the built site's index, `read` gives one of its files
/// by the name the index uses, `corpus` is what the page shows.
pub fn build(
    index_html: &str,
    read: impl Fn(&str) -> Result<Vec<u8>, String>,
    corpus: &CorpusFile,
) -> Result<String, String> {
    let css_name = attribute_after(index_html, "rel=\"stylesheet\" href=\"./")
        .ok_or("index.html links no stylesheet: is this Trunk's build of Parallax?")?;
    let icon_name = attribute_after(index_html, "rel=\"icon\" href=\"./")
        .ok_or("index.html links no icon: is this Trunk's build of Parallax?")?;
    let glue_name = attribute_after(index_html, "from './")
        .or_else(|| attribute_after(index_html, "from \"./"))
        .ok_or("index.html imports no JavaScript glue: is this Trunk's build of Parallax?")?;
    let wasm_name = attribute_after(index_html, "module_or_path: './")
        .or_else(|| attribute_after(index_html, "module_or_path: \"./"))
        .ok_or("index.html loads no wasm: is this Trunk's build of Parallax?")?;

    let text = |name: &str| {
        String::from_utf8(read(name)?).map_err(|_| format!("{name} is not UTF-8 text"))
    };
    let css = text(css_name)?;
    let glue = text(glue_name)?;
    let icon = read(icon_name)?;
    let wasm = read(wasm_name)?;
    if css.contains("</style") {
        return Err(format!(
            "{css_name} contains \"</style\" and cannot be inlined"
        ));
    }
    if glue.contains("</script") {
        return Err(format!(
            "{glue_name} contains \"</script\" and cannot be inlined"
        ));
    }
    let init = default_export(&glue)
        .ok_or_else(|| format!("{glue_name} has no default export (wasm-bindgen's init)"))?;

    let base64 = base64::engine::general_purpose::STANDARD;
    let script = format!(
        "{glue}\nconst parallaxWasm = Uint8Array.from(atob(\"{}\"), (c) => c.charCodeAt(0));\nawait {init}({{ module_or_path: parallaxWasm }});\n",
        base64.encode(&wasm)
    );
    let policy = format!(
        "default-src 'none'; script-src 'wasm-unsafe-eval' 'sha256-{}'; style-src 'sha256-{}'; \
         img-src data:; base-uri 'none'; form-action 'none'; object-src 'none'",
        base64.encode(Sha256::digest(script.as_bytes())),
        base64.encode(Sha256::digest(css.as_bytes())),
    );
    let icon_type = if icon_name.ends_with(".svg") {
        "image/svg+xml"
    } else {
        "image/png"
    };
    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\" />\n\
         <meta name=\"referrer\" content=\"no-referrer\" />\n\
         <meta name=\"color-scheme\" content=\"light dark\" />\n\
         <title>{title} — Parallax</title>\n\
         <link rel=\"icon\" href=\"data:{icon_type};base64,{icon}\" />\n\
         <style>{css}</style>\n\
         <script type=\"application/json\" id=\"{PAGE_CORPUS_ID}\">{corpus}</script>\n\
         <script type=\"module\">{script}</script>\n</head>\n<body>\n\
         <noscript>Parallax runs in your browser and needs JavaScript and WebAssembly enabled.</noscript>\n\
         </body>\n</html>\n",
        title = escape_text(&corpus.name),
        icon = base64.encode(&icon),
        corpus = json_for_script(&corpus.to_json()),
    ))
}

/// The value that follows `marker` up to the next quote.
fn attribute_after<'a>(html: &'a str, marker: &str) -> Option<&'a str> {
    let start = html.find(marker)? + marker.len();
    let end = start + html[start..].find(['"', '\''])?;
    Some(&html[start..end])
}

/// The local name wasm-bindgen's glue exports as default (`export { …, __wbg_init as default }`).
fn default_export(glue: &str) -> Option<&str> {
    let before = &glue[..glue.rfind(" as default")?];
    let start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
        .map_or(0, |i| i + 1);
    Some(&before[start..]).filter(|name| !name.is_empty())
}

/// JSON safe inside a `<script>` element: every `<` (only ever inside a string) written as
/// `\u003c`, so no `</script>` or `<!--` can end or confuse the element.
fn json_for_script(json: &str) -> String {
    json.replace('<', "\\u003c")
}

fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::curation::Curation;
    use crate::import::Article;

    /// A Trunk build's `index.html`, in small.
    pub(crate) const INDEX: &str = r#"<link rel="icon" href="./favicon-1.svg" integrity="x"/>
<link rel="stylesheet" href="./main-2.css" integrity="y"/>
<script type="module">
import init, * as bindings from './app-3.js';
const wasm = await init({ module_or_path: './app-3_bg.wasm' });
</script>"#;

    /// The files [`INDEX`] links.
    pub(crate) const SITE_FILES: [&str; 4] =
        ["favicon-1.svg", "main-2.css", "app-3.js", "app-3_bg.wasm"];

    pub(crate) fn site(name: &str) -> Result<Vec<u8>, String> {
        match name {
            "favicon-1.svg" => Ok(b"<svg/>".to_vec()),
            "main-2.css" => Ok(b"body { color: red; }".to_vec()),
            "app-3.js" => Ok(
                b"function __wbg_init(o) {}\nexport { initSync, __wbg_init as default };\n"
                    .to_vec(),
            ),
            "app-3_bg.wasm" => Ok(vec![0, 97, 115, 109]),
            other => Err(format!("{other}: no such file")),
        }
    }

    fn corpus(text: &str) -> CorpusFile {
        let article = Article {
            id: "a.txt".into(),
            text: text.into(),
            ..Article::default()
        };
        CorpusFile::new("Story <one>", vec![article], Curation::new(Vec::new()))
    }

    #[test]
    fn everything_the_page_needs_is_inline_and_allowed_by_hash_only() {
        let page = build(INDEX, site, &corpus("Body.")).unwrap();
        assert!(page.contains("<style>body { color: red; }</style>"));
        assert!(page.contains("href=\"data:image/svg+xml;base64,PHN2Zy8+\""));
        assert!(page.contains("atob(\"AGFzbQ==\")"));
        assert!(page.contains("await __wbg_init({ module_or_path: parallaxWasm });"));
        assert!(page.contains("<title>Story &lt;one&gt; — Parallax</title>"));
        assert!(
            !page.contains("src=") && !page.contains("href=\"./"),
            "nothing is fetched"
        );
        let script_start = page.find("<script type=\"module\">").unwrap() + 22;
        let script_end = script_start + page[script_start..].find("</script>").unwrap();
        let hash = base64::engine::general_purpose::STANDARD
            .encode(Sha256::digest(&page.as_bytes()[script_start..script_end]));
        assert!(page.contains(&format!("script-src 'wasm-unsafe-eval' 'sha256-{hash}'")));
        assert!(!page.contains("'self'") && !page.contains("unsafe-inline"));
    }

    /// The corpus a built page carries, read back as the page reads it.
    pub(crate) fn carried(page: &str) -> CorpusFile {
        let start =
            page.find(&format!("id=\"{PAGE_CORPUS_ID}\">")).unwrap() + PAGE_CORPUS_ID.len() + 6;
        let end = start + page[start..].find("</script>").unwrap();
        let json: serde_json::Value = serde_json::from_str(&page[start..end]).unwrap();
        CorpusFile::read(&json).unwrap().unwrap()
    }

    #[test]
    fn corpus_text_cannot_end_its_script_element_and_reads_back_exactly() {
        let text = "Quoted </script><script>alert(1)</script> and <!-- a comment";
        let page = build(INDEX, site, &corpus(text)).unwrap();
        assert_eq!(carried(&page).articles[0].text, text);
    }

    #[test]
    fn a_build_of_another_shape_or_a_missing_file_is_named() {
        assert_eq!(
            build("<html></html>", site, &corpus("x")).unwrap_err(),
            "index.html links no stylesheet: is this Trunk's build of Parallax?"
        );
        let missing = INDEX.replace("main-2.css", "main-9.css");
        assert_eq!(
            build(&missing, site, &corpus("x")).unwrap_err(),
            "main-9.css: no such file"
        );
    }
}

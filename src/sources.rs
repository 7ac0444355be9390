//! Which files in a folder are articles. Kept free of other crate code so that `build.rs` (which
//! embeds the seed corpus) applies exactly the rule the CLI applies.

/// The optional per-folder file that supplies outlet, URL, date, author or title by file name.
pub const MANIFEST_FILE: &str = "manifest.json";

/// Article files are `.txt` and `.md`; a folder's README, LICENSE or CHANGELOG describes the folder
/// and is not an article.
pub fn is_article_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let article_ext = lower.ends_with(".txt") || lower.ends_with(".md");
    let about_folder = ["readme", "license", "licence", "changelog"]
        .iter()
        .any(|p| lower.starts_with(p));
    article_ext && !about_folder && !lower.starts_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_txt_and_md_but_not_folder_docs() {
        assert!(is_article_file("000_a8a29ba410e08957.txt"));
        assert!(is_article_file("story.MD"));
        assert!(!is_article_file("README.md"));
        assert!(!is_article_file("manifest.json"));
        assert!(!is_article_file(".hidden.txt"));
        assert!(!is_article_file("photo.png"));
    }
}

//! Embeds the seed corpus (`corpus/`) into the binary, so the page fetches nothing but its own files.

use std::{env, fs, path::Path};

#[path = "src/sources.rs"]
#[allow(dead_code)]
mod sources;

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("corpus");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("corpus/ exists")
        .map(|e| {
            e.expect("corpus/ is readable")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    let mut code =
        String::from("/// (file name, text) of every embedded article, sorted by name.\n");
    code.push_str("pub static FILES: &[(&str, &str)] = &[\n");
    for name in names.iter().filter(|n| sources::is_article_file(n)) {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("];\n/// The embedded corpus's manifest, if it has one.\npub static MANIFEST: Option<&str> = ");
    let manifest = dir.join(sources::MANIFEST_FILE);
    if manifest.exists() {
        println!("cargo:rerun-if-changed={}", manifest.display());
        code.push_str(&format!(
            "Some(include_str!({:?}));\n",
            manifest.display().to_string()
        ));
    } else {
        code.push_str("None;\n");
    }
    fs::write(
        Path::new(&env::var("OUT_DIR").unwrap()).join("embedded_corpus.rs"),
        code,
    )
    .unwrap();
}

//! The `parallax` command line (native only): reads article files and folders from disk, reports
//! unreadable ones one line each, and prints the core's analysis as a table or JSON.

use std::collections::HashMap;
use std::ffi::OsString;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::corpus::Corpus;
use crate::ingest::analyze;
use crate::manifest::Manifest;
use crate::report::AnalysisReport;
use crate::sources::{is_article_file, MANIFEST_FILE};

#[derive(Parser)]
#[command(
    name = "parallax",
    version,
    about = "See how different outlets cover the same story."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write one self-contained HTML file: the page with these articles as its corpus, which opens
    /// by double-click from disk, offline, in any browser.
    BuildPage {
        /// Where to write the page.
        #[arg(short, long)]
        output: PathBuf,
        /// The built site to take the page from (`trunk build --release` writes dist/).
        #[arg(long, default_value = "dist")]
        site: PathBuf,
        /// The corpus's name in the page (default: the first input's file name).
        #[arg(long)]
        name: Option<String>,
        /// Articles: files, folders, .jsonl(.gz), .json, .csv, .html.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Pre-analyse articles (on every core) into one compact file the page opens instead of
    /// analysing them itself.
    Index {
        /// Where to write the index (by convention NAME.parallax-index).
        #[arg(short, long)]
        output: PathBuf,
        /// The corpus's name in the page (default: the first input's file name).
        #[arg(long)]
        name: Option<String>,
        /// Articles: files, folders, .jsonl(.gz), .json, .csv, .html.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Analyse articles: title, date, author, outlet, words, boilerplate.
    Analyze {
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Article files (.txt, .md) or folders of them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Search articles: `parallax search [--json] PATH... -- QUERY`. Prints the matching documents
    /// (best first, with a snippet) and facet counts.
    Search {
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Search boilerplate (captions, sign-up boxes, related links) too.
        #[arg(long)]
        boilerplate: bool,
        /// How many hits to print (all are counted).
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Article files (.txt, .md), folders of them, or .jsonl/.jsonl.gz files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The query, after `--` (syntax in docs/CLI.md).
        #[arg(last = true, required = true)]
        query: Vec<String>,
    },
    /// Keyword in context: `parallax concordance [--json] PATH... -- QUERY`. Prints every
    /// occurrence of QUERY's first word, prefix*, "phrase" or entity:NAME, with the text either
    /// side, in the documents the whole QUERY matches.
    Concordance {
        /// Print one JSON object instead of aligned lines.
        #[arg(long)]
        json: bool,
        /// Line order: documents as search ranks them, or by the words left or right of the match.
        #[arg(long, value_enum, default_value_t = SortArg::Doc)]
        sort: SortArg,
        /// How many lines to print (all matches are counted).
        #[arg(long, default_value_t = crate::concordance::LINE_LIMIT)]
        limit: usize,
        /// Look in boilerplate (captions, sign-up boxes, related links) too.
        #[arg(long)]
        boilerplate: bool,
        /// Article files (.txt, .md), folders of them, or .jsonl/.jsonl.gz files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The query, after `--` (syntax in docs/CLI.md).
        #[arg(last = true, required = true)]
        query: Vec<String>,
    },
    /// The entity graph: `parallax graph [--format F] [--window W] PATH...` writes the entities
    /// named together, with counts per source (and, in JSON, the evidence), to stdout.
    Graph {
        /// json (with evidence), gexf (Gephi), graphml, or csv (an edge list).
        #[arg(long, default_value = "json", value_parser = ["json", "gexf", "graphml", "csv"])]
        format: String,
        /// Named together in the same sentence or the same paragraph.
        #[arg(long, default_value = "sentence", value_parser = ["sentence", "paragraph"])]
        window: String,
        /// Edge weight: the count of windows, or the Dice association (which discounts entities
        /// named everywhere).
        #[arg(long, default_value = "count", value_parser = ["count", "association"])]
        weight: String,
        /// Fewest windows for an edge.
        #[arg(long, default_value_t = 1)]
        min_count: u32,
        /// The most-mentioned entities kept as nodes.
        #[arg(long, default_value_t = 500)]
        max_nodes: usize,
        /// Article files (.txt, .md), folders of them, or .jsonl/.jsonl.gz files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Two documents side by side: `parallax compare [--json] A B [--corpus PATH...]` prints the
    /// passages they share (verbatim or paraphrased, with a score), those only one has, and the
    /// aligned passages that state different numbers, dates or durations. A and B are article
    /// files, or with --corpus the ids of documents in it.
    Compare {
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        a: String,
        b: String,
        /// Where A and B are found by id (files, folders, .jsonl/.jsonl.gz).
        #[arg(long, num_args = 1..)]
        corpus: Vec<PathBuf>,
    },
    /// Quotations across the articles: `parallax quotes [--json] PATH...` prints each statement
    /// once, with its speaker when the sentence names one, and per document whether it quotes it
    /// verbatim (=), paraphrased (~) or not at all (.), earliest dated document first.
    Quotes {
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Article files (.txt, .md), folders of them, or .jsonl/.jsonl.gz files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Documents sharing text with one: `parallax similar [--json] [--limit N] DOC --corpus
    /// PATH...` ranks the documents by the word shingles they share with DOC (an id in the
    /// corpus, or an article file), flags near-duplicates, and aligns the first few to count
    /// their shared passages.
    Similar {
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Documents listed.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        doc: String,
        /// The corpus searched (files, folders, .jsonl/.jsonl.gz).
        #[arg(long, num_args = 1.., required = true)]
        corpus: Vec<PathBuf>,
    },
    /// Score passage alignment against gold pairs (tests/gold/compare-pairs.jsonl): recall over
    /// the sure pairs, precision over the pairs aligned, per set.
    ScoreCompare {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// List every sure pair missed and every aligned pair the gold does not have.
        #[arg(long)]
        misses: bool,
        /// Least similarity to align two passages (default: the tuned one).
        #[arg(long)]
        paraphrase_min: Option<f32>,
        /// Where the gold's documents are (files, folders, .jsonl/.jsonl.gz).
        #[arg(long, num_args = 1.., default_values = ["corpus", "tests/gold/compare-articles.jsonl"])]
        corpus: Vec<PathBuf>,
        gold: PathBuf,
    },
    /// Benchmarks: `parallax bench entities CORPUS.jsonl.gz` times ingest and entity resolution.
    Bench {
        #[command(subcommand)]
        what: BenchCommand,
    },
    /// Score entity extraction against gold sets (tests/gold/*.jsonl): precision, recall, F1.
    ScoreEntities {
        /// Print JSON instead of tables.
        #[arg(long)]
        json: bool,
        /// List every disagreement with the gold.
        #[arg(long)]
        misses: bool,
        /// Where gold entries without text find their article.
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
        #[arg(required = true)]
        gold: Vec<PathBuf>,
    },
}

/// `--sort` of `concordance`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum SortArg {
    Doc,
    Left,
    Right,
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Lays out a random graph (fixed seed) for ITERATIONS ticks; prints JSON: nodes, edges,
    /// iterations, ms (the median of the runs).
    Layout {
        #[arg(long, default_value_t = 1000)]
        nodes: usize,
        #[arg(long, default_value_t = 5000)]
        edges: usize,
        #[arg(long, default_value_t = 300)]
        iterations: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Timed runs after one untimed run.
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
    /// Builds the shingle index of CORPUS, then finds the documents sharing text with QUERIES
    /// documents spread over it, and aligns each against its ALIGN_MOST best; prints JSON timings.
    Similar {
        /// Documents asked about.
        #[arg(long, default_value_t = 100)]
        queries: usize,
        corpus: PathBuf,
    },
    /// Builds the co-occurrence index of CORPUS and the whole graph; prints JSON timings.
    Graph {
        #[arg(long, default_value = "sentence", value_parser = ["sentence", "paragraph"])]
        window: String,
        corpus: PathBuf,
    },
    /// Builds the search index of CORPUS, then runs each query of QUERIES.json (`[{"q": …}]`)
    /// several times; prints JSON: docs, build_ms, index_bytes, queries, median_ms, p95_ms, hits.
    Search {
        /// Timed runs of each query after one untimed run.
        #[arg(long, default_value_t = 5)]
        runs: usize,
        corpus: PathBuf,
        queries: PathBuf,
    },
    /// Extraction throughput (MB/s, words/s) on a sample of a corpus, then resolution and facts on
    /// the same sample; prints JSON.
    Entities {
        /// Sample size: documents are taken in file order until their text reaches this many bytes;
        /// 0 takes them all. 5 MB is the size the throughput target is stated for.
        #[arg(long, default_value_t = 5_000_000)]
        sample_bytes: usize,
        /// Timed passes over the sample after one untimed warm-up; the median is reported.
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// A .jsonl/.jsonl.gz corpus (or any paths `analyze` takes).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

/// A file or folder that could not be used, and why.
#[derive(Debug, PartialEq)]
pub struct Problem {
    pub path: PathBuf,
    pub message: String,
}

/// What reading the inputs produced: the corpus, each document's file name, and the problems.
#[derive(Debug, Default)]
pub struct Loaded {
    pub corpus: Corpus,
    pub files: HashMap<String, String>,
    pub problems: Vec<Problem>,
    /// The Parallax exports among the inputs, their articles taken out (they are in `corpus`):
    /// what they bring besides, a name, entity edits and saved views.
    pub exports: Vec<crate::import::CorpusFile>,
}

/// Reads every article under `paths` (files, or folders of `.txt`/`.md`), applying each folder's
/// manifest. Unreadable inputs become [`Problem`]s; the rest are still analysed.
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let mut loaded = Loaded::default();
    let mut candidates: Vec<PathBuf> = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Err(e) => loaded.problems.push(problem(path, io_reason(&e))),
            Ok(meta) if meta.is_dir() => match article_files(path) {
                Ok(files) if files.is_empty() => loaded
                    .problems
                    .push(problem(path, "no .txt or .md articles in this folder")),
                Ok(files) => candidates.extend(files),
                Err(e) => loaded.problems.push(problem(path, io_reason(&e))),
            },
            Ok(_) if is_jsonl(path) => load_jsonl(path, &mut loaded),
            Ok(_) if is_records(path) => load_records(path, &mut loaded),
            Ok(_) => candidates.push(path.clone()),
        }
    }

    let mut manifests: HashMap<PathBuf, Option<Manifest>> = HashMap::new();
    for path in candidates {
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = match fs::read(&path) {
            Err(e) => {
                loaded.problems.push(problem(&path, io_reason(&e)));
                continue;
            }
            Ok(bytes) => match crate::import::decode_lenient(&bytes) {
                Ok((text, windows_1252)) => {
                    if windows_1252 {
                        loaded.problems.push(problem(&path, NOT_UTF8_NOTE));
                    }
                    text.into_owned()
                }
                Err(e) => {
                    loaded.problems.push(problem(&path, &e.to_string()));
                    continue;
                }
            },
        };
        let id = if loaded.files.contains_key(&file) {
            path.display().to_string()
        } else {
            file.clone()
        };
        let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let manifest = manifests
            .entry(folder.clone())
            .or_insert_with(|| read_manifest(&folder, &mut loaded.problems));
        let doc = match manifest {
            Some(manifest) => manifest.analyze(&id, &text),
            None => analyze(&id, &text),
        };
        loaded.files.insert(id, file);
        loaded.corpus.documents.push(doc);
    }
    loaded
}

/// What a file read as Windows-1252 is told with (it loads: this is a note, not a failure).
const NOT_UTF8_NOTE: &str = "not UTF-8; read as Windows-1252 (Latin-1)";

/// A `.json` (one article or an array) or `.csv` (a header row) file of article records, or a
/// saved web page.
fn is_records(path: &Path) -> bool {
    use crate::import::Format;
    matches!(
        Format::of(&path.to_string_lossy()),
        Some(Format::Json | Format::Csv | Format::Html)
    )
}

/// The articles of a `.json`, `.csv` or `.html` file ([`crate::import`]), fields detected from
/// their names; each bad record is a problem naming its place, the others load.
fn load_records(path: &Path, loaded: &mut Loaded) {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => return loaded.problems.push(problem(path, io_reason(&e))),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut batch =
        crate::import::Batch::new(loaded.corpus.documents.iter().map(|d| d.text.as_str()));
    batch.add_file(&name, &bytes, None);
    if !batch.not_utf8.is_empty() {
        loaded.problems.push(problem(path, NOT_UTF8_NOTE));
    }
    for p in &batch.problems {
        let message = match &p.place {
            Some(place) => format!("{place}: {}", p.reason),
            None => p.reason.clone(),
        };
        loaded.problems.push(problem(path, &message));
    }
    if batch.duplicates > 0 {
        let message = format!("{} articles already loaded, left out", batch.duplicates);
        loaded.problems.push(problem(path, &message));
    }
    for article in batch.articles {
        let doc = article.analyze();
        loaded.files.insert(doc.id.clone(), name.clone());
        loaded.corpus.documents.push(doc);
    }
    loaded.exports.extend(
        batch
            .corpus_files
            .into_iter()
            .map(|file| crate::import::CorpusFile {
                articles: Vec::new(),
                ..file
            }),
    );
}

fn is_jsonl(path: &Path) -> bool {
    let name = path.to_string_lossy().to_lowercase();
    name.ends_with(".jsonl") || name.ends_with(".jsonl.gz")
}

/// One article per line of a `.jsonl` or `.jsonl.gz` file ([`crate::jsonl`]). A bad line is a
/// problem naming its line number; the other lines still load.
fn load_jsonl(path: &Path, loaded: &mut Loaded) {
    let file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return loaded.problems.push(problem(path, io_reason(&e))),
    };
    let reader: Box<dyn io::Read> = if path.to_string_lossy().to_lowercase().ends_with(".gz") {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let base = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for (n, line) in io::BufRead::lines(io::BufReader::new(reader)).enumerate() {
        let at = |what: String| problem(path, &format!("line {}: {what}", n + 1));
        let line = match line {
            Ok(line) if line.trim().is_empty() => continue,
            Ok(line) => line,
            Err(e) => return loaded.problems.push(at(format!("could not be read ({e})"))),
        };
        match crate::import::json_line(&line, &format!("{base}:{}", n + 1)) {
            Ok(article) => {
                let doc = article.analyze();
                loaded.files.insert(doc.id.clone(), base.clone());
                loaded.corpus.documents.push(doc);
            }
            Err(e) => loaded.problems.push(at(e)),
        }
    }
}

fn read_manifest(folder: &Path, problems: &mut Vec<Problem>) -> Option<Manifest> {
    let path = folder.join(MANIFEST_FILE);
    let json = fs::read_to_string(&path).ok()?;
    match Manifest::parse(&json) {
        Ok(manifest) => Some(manifest),
        Err(e) => {
            problems.push(problem(&path, &format!("manifest ignored: {e}")));
            None
        }
    }
}

fn article_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| is_article_file(&e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .collect();
    files.sort();
    Ok(files)
}

fn problem(path: &Path, message: &str) -> Problem {
    Problem {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

fn io_reason(e: &io::Error) -> &'static str {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder",
        io::ErrorKind::PermissionDenied => "permission denied",
        _ => "could not be read",
    }
}

/// Runs the CLI with `args` (including the program name); returns the process exit code.
pub fn run(
    args: impl IntoIterator<Item = OsString>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = write!(err, "{}", e.render());
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Command::Bench {
            what:
                BenchCommand::Entities {
                    sample_bytes,
                    runs,
                    paths,
                },
        } => bench_entities(&paths, sample_bytes, runs, out, err),
        Command::Search {
            json,
            boilerplate,
            limit,
            paths,
            query,
        } => search(&paths, &query.join(" "), json, boilerplate, limit, out, err),
        Command::Concordance {
            json,
            sort,
            limit,
            boilerplate,
            paths,
            query,
        } => {
            let sort = match sort {
                SortArg::Doc => crate::concordance::Sort::Document,
                SortArg::Left => crate::concordance::Sort::Left,
                SortArg::Right => crate::concordance::Sort::Right,
            };
            let options = crate::concordance::Options {
                sort,
                limit,
                boilerplate,
                ..Default::default()
            };
            concordance(&paths, &query.join(" "), json, options, out, err)
        }
        Command::Bench {
            what:
                BenchCommand::Search {
                    runs,
                    corpus,
                    queries,
                },
        } => bench_search(&corpus, &queries, runs, out, err),
        Command::Graph {
            format,
            window,
            weight,
            min_count,
            max_nodes,
            paths,
        } => {
            let options = crate::graph::Options {
                weight: crate::graph::Weight::parse(&weight).unwrap_or_default(),
                min_count,
                max_nodes,
                ..Default::default()
            };
            let window = crate::graph::Window::parse(&window).unwrap_or_default();
            let format = crate::graph_export::Format::parse(&format)
                .unwrap_or(crate::graph_export::Format::Json);
            graph(&paths, window, &options, format, out, err)
        }
        Command::Compare { json, a, b, corpus } => compare(&a, &b, &corpus, json, out, err),
        Command::Quotes { json, paths } => quotes(&paths, json, out, err),
        Command::Similar {
            json,
            limit,
            doc,
            corpus,
        } => similar(&doc, &corpus, limit, json, out, err),
        Command::Bench {
            what: BenchCommand::Similar { queries, corpus },
        } => bench_similar(&corpus, queries, out, err),
        Command::Bench {
            what:
                BenchCommand::Layout {
                    nodes,
                    edges,
                    iterations,
                    seed,
                    runs,
                },
        } => bench_layout(nodes, edges, iterations, seed, runs, out),
        Command::Bench {
            what: BenchCommand::Graph { window, corpus },
        } => bench_graph(
            &corpus,
            crate::graph::Window::parse(&window).unwrap_or_default(),
            out,
            err,
        ),
        Command::ScoreEntities {
            json,
            misses,
            corpus,
            gold,
        } => score_entities(&gold, &corpus, json, misses, out, err),
        Command::ScoreCompare {
            json,
            misses,
            paraphrase_min,
            corpus,
            gold,
        } => {
            let mut options = crate::compare::Options::default();
            options.paraphrase_min = paraphrase_min.unwrap_or(options.paraphrase_min);
            score_compare(&gold, &corpus, options, json, misses, out, err)
        }
        Command::BuildPage {
            output,
            site,
            name,
            paths,
        } => build_page(&paths, &site, name, &output, err),
        Command::Index {
            output,
            name,
            paths,
        } => index(&paths, name, &output, err),
        Command::Analyze { json, paths } => {
            let loaded = load_reporting(&paths, err);
            if loaded.corpus.documents.is_empty() {
                let _ = writeln!(err, "parallax: nothing to analyse");
                return 1;
            }
            let written = if json {
                print_json(&loaded, out)
            } else {
                print_table(&loaded, out)
            };
            exit_code(written, err)
        }
    }
}

/// `parallax index`: the articles of `paths` analysed, their entities found, written to `output`.
fn index(paths: &[PathBuf], name: Option<String>, output: &Path, err: &mut impl Write) -> i32 {
    let started = std::time::Instant::now();
    let loaded = load_reporting(paths, err);
    if loaded.corpus.documents.is_empty() {
        let _ = writeln!(err, "parallax: no articles to index");
        return 1;
    }
    let corpus = loaded.corpus;
    let entities = resolve_on_every_core(&corpus);
    let file = crate::index_file::IndexFile {
        name: name.unwrap_or_else(|| first_file_name(paths)),
        documents: corpus.documents,
        entities,
    };
    let bytes = file.to_bytes();
    if !written(output, &bytes, err) {
        return 1;
    }
    let _ = writeln!(
        err,
        "wrote {} ({} articles, {} entities, {:.1} MB) in {:.1} s",
        output.display(),
        file.documents.len(),
        file.entities.entities.len(),
        bytes.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    0
}

/// Writes `bytes` to `output`; false, with the reason on `err`, when it could not.
fn written(output: &Path, bytes: &[u8], err: &mut impl Write) -> bool {
    match fs::write(output, bytes) {
        Ok(()) => true,
        Err(e) => {
            let _ = writeln!(err, "parallax: {}: {}", output.display(), io_reason(&e));
            false
        }
    }
}

/// [`crate::entities::resolve`] with the mentions extracted on every core (the costly part).
fn resolve_on_every_core(corpus: &Corpus) -> crate::entities::EntityIndex {
    let docs = &corpus.documents;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = docs.len().div_ceil(threads).max(1);
    let mentions: Vec<Vec<crate::mentions::Mention>> = std::thread::scope(|scope| {
        let workers: Vec<_> = docs
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(crate::mentions::extract)
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("extraction does not panic"))
            .collect()
    });
    let mut resolver = crate::entities::Resolver::default();
    for (doc, found) in docs.iter().zip(mentions) {
        resolver.add_extracted(doc, found);
    }
    resolver.finish(corpus)
}

fn first_file_name(paths: &[PathBuf]) -> String {
    paths[0]
        .file_name()
        .map_or("Corpus".into(), |n| n.to_string_lossy().into_owned())
}

/// `parallax build-page`: the page from `site` with the articles of `paths` inlined, at `output`.
fn build_page(
    paths: &[PathBuf],
    site: &Path,
    name: Option<String>,
    output: &Path,
    err: &mut impl Write,
) -> i32 {
    let loaded = load_reporting(paths, err);
    if loaded.corpus.documents.is_empty() {
        let _ = writeln!(err, "parallax: no articles to put in the page");
        return 1;
    }
    let index_path = site.join("index.html");
    let Ok(index) = fs::read_to_string(&index_path) else {
        let _ = writeln!(
            err,
            "parallax: {}: not found — build the page first with `trunk build --release`, or name the built site with --site",
            index_path.display()
        );
        return 1;
    };
    // An export brings its name, entity edits and saved views into the page; several cannot be
    // merged, so then none do.
    let export = match loaded.exports.as_slice() {
        [] => None,
        [export] => Some(export),
        several => {
            let _ = writeln!(
                err,
                "parallax: {} Parallax exports among the inputs: their entity edits and saved views are left out of the page (they cannot be merged)",
                several.len()
            );
            None
        }
    };
    let name = name
        .or_else(|| export.map(|e| e.name.clone()))
        .unwrap_or_else(|| first_file_name(paths));
    let articles = loaded
        .corpus
        .documents
        .iter()
        .map(crate::import::Article::of)
        .collect();
    let edits = export.map_or_else(
        || crate::curation::Curation::new(Vec::new()),
        |e| e.edits.clone(),
    );
    let corpus = crate::import::CorpusFile {
        views: export.map(|e| e.views.clone()).unwrap_or_default(),
        ..crate::import::CorpusFile::new(&name, articles, edits)
    };
    let read = |file: &str| {
        fs::read(site.join(file))
            .map_err(|e| format!("{}: {}", site.join(file).display(), io_reason(&e)))
    };
    let page = match crate::single_page::build(&index, read, &corpus) {
        Ok(page) => page,
        Err(e) => {
            let _ = writeln!(err, "parallax: {}: {e}", index_path.display());
            return 1;
        }
    };
    if !written(output, page.as_bytes(), err) {
        return 1;
    }
    let _ = writeln!(
        err,
        "wrote {} ({} articles, {:.1} MB): open it in any browser, no server needed",
        output.display(),
        corpus.articles.len(),
        page.len() as f64 / 1e6
    );
    0
}

/// Reads the inputs and reports each one that could not be used, one line each on `err`.
fn graph(
    paths: &[PathBuf],
    window: crate::graph::Window,
    options: &crate::graph::Options,
    format: crate::graph_export::Format,
    out: &mut impl Write,
    err: &mut impl Write,
) -> i32 {
    let loaded = load_reporting(paths, err);
    if loaded.corpus.documents.is_empty() {
        let _ = writeln!(err, "parallax: nothing to draw");
        return 1;
    }
    let corpus = &loaded.corpus;
    let entities = crate::entities::resolve(corpus);
    let index = crate::graph::Cooccurrence::build(corpus, &entities, window);
    let docs: Vec<usize> = (0..corpus.documents.len()).collect();
    let graph = crate::graph::graph(&index, &entities, &docs, options);
    let evidence: Option<Vec<Vec<crate::graph_export::Evidence>>> =
        (format == crate::graph_export::Format::Json).then(|| {
            graph
                .edges
                .iter()
                .map(|e| {
                    let (a, b) = (graph.nodes[e.a].entity, graph.nodes[e.b].entity);
                    index
                        .evidence(&docs, a, b)
                        .into_iter()
                        .map(|(d, span)| {
                            let doc = &corpus.documents[d];
                            crate::graph_export::Evidence::new(&doc.id, &doc.text, span)
                        })
                        .collect()
                })
                .collect()
        });
    let text = crate::graph_export::write(&graph, format, evidence.as_deref());
    exit_code(out.write_all(text.as_bytes()), err)
}

/// The document of `corpus` that `wanted` names: its id, or a path whose file name is its id.
fn position_of(corpus: &Corpus, wanted: &str) -> Option<usize> {
    let name = Path::new(wanted)
        .file_name()
        .map_or(wanted.into(), |n| n.to_string_lossy());
    corpus
        .documents
        .iter()
        .position(|d| d.id == wanted || d.id == name)
}

fn compare(
    a: &str,
    b: &str,
    corpus: &[PathBuf],
    json: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> i32 {
    let paths: Vec<PathBuf> = match corpus.is_empty() {
        true => vec![PathBuf::from(a), PathBuf::from(b)],
        false => corpus.to_vec(),
    };
    let loaded = load_reporting(&paths, err);
    let find =
        |wanted: &str| position_of(&loaded.corpus, wanted).map(|d| &loaded.corpus.documents[d]);
    let (Some(da), Some(db)) = (find(a), find(b)) else {
        let missing = if find(a).is_none() { a } else { b };
        let _ = writeln!(err, "parallax: compare: no document {missing}");
        return 1;
    };
    let c = crate::compare::compare(da, db);
    let passage = |doc: &crate::ingest::Document, span: crate::text::Span| serde_json::json!({"start": span.start, "end": span.end, "text": span.of(&doc.text)});
    let written = if json {
        let pairs: Vec<serde_json::Value> = c
            .pairs
            .iter()
            .map(|p| {
                let diff = crate::compare::word_diff(&da.text, p.a, &db.text, p.b);
                serde_json::json!({
                    "kind": p.kind, "score": round2(f64::from(p.score)),
                    "a": passage(da, p.a), "b": passage(db, p.b), "diff": diff,
                })
            })
            .collect();
        let facts = |doc: &crate::ingest::Document, facts: &[crate::facts::Fact]| {
            facts
                .iter()
                .map(|f| {
                    let mut v = passage(doc, f.span);
                    v["value"] = f.value.clone().into();
                    v
                })
                .collect::<Vec<_>>()
        };
        let disagreements: Vec<serde_json::Value> = c
            .disagreements
            .iter()
            .map(|d| {
                serde_json::json!({
                    "pair": d.pair, "kind": d.kind,
                    "a": facts(da, &d.a), "b": facts(db, &d.b),
                })
            })
            .collect();
        let report = serde_json::json!({
            "a": da.id, "b": db.id, "pairs": pairs,
            "only_a": c.only_a.iter().map(|&s| passage(da, s)).collect::<Vec<_>>(),
            "only_b": c.only_b.iter().map(|&s| passage(db, s)).collect::<Vec<_>>(),
            "disagreements": disagreements,
        });
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&report).expect("JSON")
        )
    } else {
        let mut text = format!("A: {}\nB: {}\n", da.id, db.id);
        for p in &c.pairs {
            let mark = match p.kind {
                crate::compare::Kind::Verbatim => "=",
                crate::compare::Kind::Paraphrase => "~",
            };
            text.push_str(&format!(
                "{mark} {:.2}  A: {}\n        B: {}\n",
                p.score,
                p.a.of(&da.text),
                p.b.of(&db.text)
            ));
        }
        for s in &c.only_a {
            text.push_str(&format!("< only A: {}\n", s.of(&da.text)));
        }
        for s in &c.only_b {
            text.push_str(&format!("> only B: {}\n", s.of(&db.text)));
        }
        for d in &c.disagreements {
            let said = |doc: &crate::ingest::Document, facts: &[crate::facts::Fact]| {
                facts
                    .iter()
                    .map(|f| f.span.of(&doc.text))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let kind = serde_json::to_value(d.kind).expect("JSON");
            text.push_str(&format!(
                "! {} A: {} | B: {}\n",
                kind.as_str().unwrap_or_default(),
                said(da, &d.a),
                said(db, &d.b)
            ));
        }
        out.write_all(text.as_bytes())
    };
    exit_code(written, err)
}

fn similar(
    wanted: &str,
    corpus: &[PathBuf],
    limit: usize,
    json: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> i32 {
    let loaded = load_reporting(corpus, err);
    let corpus = &loaded.corpus;
    let own = position_of(corpus, wanted);
    let outside = match own {
        Some(_) => None,
        None => {
            let outside = load_paths(&[PathBuf::from(wanted)]);
            match outside.corpus.documents.into_iter().next() {
                Some(doc) => Some(doc),
                None => {
                    let _ = writeln!(err, "parallax: similar: no document {wanted}");
                    return 1;
                }
            }
        }
    };
    let doc = own.map_or_else(
        || outside.as_ref().expect("read above"),
        |d| &corpus.documents[d],
    );
    let index = crate::shingles::ShingleIndex::build(corpus);
    let found = index.similar(doc, own);
    let prepared = crate::compare::prepare(doc);
    let options = crate::compare::Options::default();
    let rows: Vec<(crate::shingles::Similar, usize)> = found
        .into_iter()
        .take(limit)
        .map(|s| {
            let other = crate::compare::prepare(&corpus.documents[s.doc]);
            (
                s,
                crate::compare::align(&prepared, &other, options)
                    .pairs
                    .len(),
            )
        })
        .collect();
    let written = if json {
        let similar: Vec<serde_json::Value> = rows
            .iter()
            .map(|(s, aligned)| {
                let other = &corpus.documents[s.doc];
                serde_json::json!({
                    "doc": other.id, "title": other.title, "outlet": other.outlet,
                    "shared_shingles": s.shared, "containment": round2(f64::from(s.containment)),
                    "resemblance": round2(f64::from(s.resemblance)), "near_duplicate": s.near_duplicate,
                    "aligned_passages": aligned,
                })
            })
            .collect();
        let report = serde_json::json!({"doc": doc.id, "similar": similar});
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&report).expect("JSON")
        )
    } else {
        let mut text = format!("{}\n", doc.id);
        for (s, aligned) in &rows {
            let other = &corpus.documents[s.doc];
            text.push_str(&format!(
                "{:>5.2} {:>5.2} {:>3} {} {}  {}\n",
                s.containment,
                s.resemblance,
                aligned,
                if s.near_duplicate { "dup" } else { "   " },
                other.id,
                other.title
            ));
        }
        out.write_all(text.as_bytes())
    };
    exit_code(written, err)
}

fn bench_similar(path: &Path, queries: usize, out: &mut impl Write, err: &mut impl Write) -> i32 {
    let loaded = load_reporting(&[path.to_path_buf()], err);
    let corpus = &loaded.corpus;
    let n = corpus.documents.len();
    if n == 0 {
        let _ = writeln!(err, "parallax: {}: no articles", path.display());
        return 1;
    }
    let start = std::time::Instant::now();
    let index = crate::shingles::ShingleIndex::build(corpus);
    let build_ms = start.elapsed().as_secs_f64() * 1000.0;
    let asked: Vec<usize> = (0..queries.min(n))
        .map(|i| i * n / queries.min(n))
        .collect();
    let (mut lookup, mut against, mut near, mut sharing) = (Vec::new(), Vec::new(), 0, 0);
    let options = crate::compare::Options::default();
    for &d in &asked {
        let doc = &corpus.documents[d];
        let start = std::time::Instant::now();
        let found = index.similar(doc, Some(d));
        lookup.push(start.elapsed().as_secs_f64() * 1000.0);
        let started = start;
        near += found.iter().filter(|s| s.near_duplicate).count();
        sharing += found.len();
        let prepared = crate::compare::prepare(doc);
        for s in found.iter().take(crate::shingles::ALIGN_MOST) {
            let other = crate::compare::prepare(&corpus.documents[s.doc]);
            crate::compare::align(&prepared, &other, options);
        }
        against.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let quantile = |times: &mut Vec<f64>, q: f64| {
        times.sort_by(f64::total_cmp);
        round2(times[((times.len() - 1) as f64 * q).round() as usize])
    };
    let report = serde_json::json!({
        "docs": n, "build_ms": round2(build_ms), "index_bytes": index.heap_bytes(),
        "queries": asked.len(),
        "lookup_median_ms": quantile(&mut lookup, 0.5), "lookup_p95_ms": quantile(&mut lookup, 0.95),
        "documents_sharing_per_query": round2(sharing as f64 / asked.len() as f64),
        "near_duplicates_found": near,
        "align_most": crate::shingles::ALIGN_MOST,
        "lookup_and_align_median_ms": quantile(&mut against, 0.5),
        "lookup_and_align_p95_ms": quantile(&mut against, 0.95),
    });
    exit_code(
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&report).expect("JSON")
        ),
        err,
    )
}

fn quotes(paths: &[PathBuf], json: bool, out: &mut impl Write, err: &mut impl Write) -> i32 {
    use crate::quotes::Carried;
    let loaded = load_reporting(paths, err);
    let corpus = &loaded.corpus;
    if corpus.documents.is_empty() {
        let _ = writeln!(err, "parallax: no articles to read");
        return 1;
    }
    let entities = crate::entities::resolve(corpus);
    let docs: Vec<usize> = (0..corpus.documents.len()).collect();
    let table = crate::quotes::quote_table(corpus, &entities, &docs);
    let id = |d: usize| corpus.documents[d].id.as_str();
    let text = |d: usize, span: crate::text::Span| span.of(&corpus.documents[d].text);
    let written = if json {
        let speaker = |s: &Option<crate::quotes::Speaker>| {
            s.as_ref()
                .map(|s| serde_json::json!({"entity": s.entity, "name": s.name, "start": s.span.start, "end": s.span.end}))
        };
        let columns: Vec<serde_json::Value> = table
            .columns
            .iter()
            .map(|&d| {
                let doc = &corpus.documents[d];
                serde_json::json!({"doc": doc.id, "outlet": doc.outlet, "date": doc.date.map(|x| x.to_string())})
            })
            .collect();
        let rows: Vec<serde_json::Value> = table
            .rows
            .iter()
            .map(|row| {
                let q = &row.quote;
                let cells: Vec<serde_json::Value> = row
                    .cells
                    .iter()
                    .filter(|c| c.carried != Carried::Absent)
                    .map(|c| {
                        let span = c.span.expect("a carried statement has a span");
                        serde_json::json!({
                            "doc": id(c.doc), "carried": c.carried, "quoted": c.quoted, "score": round2(f64::from(c.score)),
                            "start": span.start, "end": span.end, "text": text(c.doc, span),
                            "speaker": speaker(&c.speaker),
                        })
                    })
                    .collect();
                serde_json::json!({
                    "quote": {"doc": id(q.doc), "start": q.span.start, "end": q.span.end, "text": text(q.doc, q.span)},
                    "speaker": speaker(&row.speaker),
                    "carriers": row.carriers(),
                    "cells": cells,
                })
            })
            .collect();
        let report = serde_json::json!({"columns": columns, "rows": rows});
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&report).expect("JSON")
        )
    } else {
        let mut lines = String::from("columns:");
        for (i, &d) in table.columns.iter().enumerate() {
            lines.push_str(&format!(" {}={}", i + 1, id(d)));
        }
        lines.push('\n');
        for row in &table.rows {
            let marks: String = row
                .cells
                .iter()
                .map(|c| match c.carried {
                    Carried::Verbatim => '=',
                    Carried::Paraphrased => '~',
                    Carried::Absent => '.',
                })
                .collect();
            let by = row
                .speaker
                .as_ref()
                .map_or(String::new(), |s| format!(" — {}", s.name));
            lines.push_str(&format!(
                "{marks}  “{}”{by}\n",
                text(row.quote.doc, row.quote.span)
            ));
        }
        out.write_all(lines.as_bytes())
    };
    exit_code(written, err)
}

fn bench_layout(
    nodes: usize,
    edges: usize,
    iterations: usize,
    seed: u64,
    runs: usize,
    out: &mut impl Write,
) -> i32 {
    let graph = crate::layout::random_graph(nodes, edges, seed);
    let keys: Vec<String> = (0..nodes).map(|i| i.to_string()).collect();
    let weighted: Vec<(usize, usize, f32)> = graph.iter().map(|&(a, b)| (a, b, 1.0)).collect();
    let mut times = Vec::new();
    let mut layout = crate::layout::Layout::new(seed);
    for run in 0..=runs {
        layout = crate::layout::Layout::new(seed);
        let start = std::time::Instant::now();
        layout.set_graph(&keys, &weighted);
        for _ in 0..iterations {
            layout.tick();
        }
        if run > 0 {
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
    }
    times.sort_by(f64::total_cmp);
    let report = serde_json::json!({
        "nodes": nodes, "edges": graph.len(), "iterations": iterations,
        "ms": round2(times.get(times.len() / 2).copied().unwrap_or(0.0)),
        "edge_length_ratio": round2(f64::from(layout.edge_length_ratio(&graph))),
    });
    exit_code(
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&report).expect("JSON")
        ),
        &mut io::sink(),
    )
}

fn bench_graph(
    corpus_path: &Path,
    window: crate::graph::Window,
    out: &mut impl Write,
    err: &mut impl Write,
) -> i32 {
    let start = std::time::Instant::now();
    let loaded = load_reporting(&[corpus_path.to_path_buf()], err);
    if loaded.corpus.documents.is_empty() {
        let _ = writeln!(err, "parallax: {}: no articles", corpus_path.display());
        return 1;
    }
    let corpus = &loaded.corpus;
    let entities = crate::entities::resolve(corpus);
    let load_ms = start.elapsed().as_secs_f64() * 1000.0;
    let start = std::time::Instant::now();
    let index = crate::graph::Cooccurrence::build(corpus, &entities, window);
    let index_ms = start.elapsed().as_secs_f64() * 1000.0;
    let docs: Vec<usize> = (0..corpus.documents.len()).collect();
    let start = std::time::Instant::now();
    let all = crate::graph::graph(
        &index,
        &entities,
        &docs,
        &crate::graph::Options {
            max_nodes: usize::MAX,
            ..Default::default()
        },
    );
    let all_ms = start.elapsed().as_secs_f64() * 1000.0;
    let start = std::time::Instant::now();
    let shown = crate::graph::graph(&index, &entities, &docs, &crate::graph::Options::default());
    let shown_ms = start.elapsed().as_secs_f64() * 1000.0;
    let report = serde_json::json!({
        "docs": corpus.documents.len(), "window": window.key(),
        "ingest_and_entities_ms": load_ms.round(),
        "cooccurrence_index_ms": round2(index_ms),
        "cooccurrence_index_bytes": index.heap_bytes(),
        "graph_all_ms": round2(all_ms), "graph_all_nodes": all.nodes.len(), "graph_all_edges": all.edges.len(),
        "graph_150_ms": round2(shown_ms), "graph_150_edges": shown.edges.len(),
    });
    exit_code(
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&report).expect("JSON")
        ),
        err,
    )
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn load_reporting(paths: &[PathBuf], err: &mut impl Write) -> Loaded {
    let loaded = load_paths(paths);
    for p in &loaded.problems {
        let _ = writeln!(err, "parallax: {}: {}", p.path.display(), p.message);
    }
    loaded
}

fn bench_entities(
    paths: &[PathBuf],
    sample_bytes: usize,
    runs: usize,
    out: &mut impl Write,
    err: &mut impl Write,
) -> i32 {
    let start = std::time::Instant::now();
    let loaded = load_reporting(paths, err);
    let load_ms = start.elapsed().as_secs_f64() * 1000.0;
    let mut sample = Corpus::default();
    let mut bytes = 0;
    for doc in loaded.corpus.documents {
        if sample_bytes > 0 && bytes >= sample_bytes {
            break;
        }
        bytes += doc.text.len();
        sample.documents.push(doc);
    }
    if sample.documents.is_empty() {
        let _ = writeln!(err, "parallax: bench entities: no documents could be read");
        return 1;
    }
    let words: usize = sample
        .documents
        .iter()
        .map(|d| crate::text::word_count(&d.text))
        .sum();
    let documents = &sample.documents;
    let (extract, extracted) = timed_runs(runs, || {
        documents
            .iter()
            .map(|d| crate::mentions::extract(d).len())
            .sum::<usize>()
    });
    let (resolve, index) = timed_runs(runs, || crate::entities::resolve(&sample));
    let (facts_time, facts) = timed_runs(runs, || {
        documents
            .iter()
            .map(|d| crate::facts::extract_facts(d).len())
            .sum::<usize>()
    });
    let mb_per_s = |ms: f64| (bytes as f64 / 1e6 / (ms / 1000.0) * 10.0).round() / 10.0;
    let round = |ms: f64| (ms * 10.0).round() / 10.0;
    let report = serde_json::json!({
        "docs": documents.len(),
        "bytes": bytes,
        "words": words,
        "runs": runs,
        "load_and_ingest_ms": round(load_ms),
        "extract_ms": round(extract.median),
        "extract_min_ms": round(extract.min),
        "extract_mb_per_s": mb_per_s(extract.median),
        "extract_words_per_s": (words as f64 / (extract.median / 1000.0)).round(),
        "mentions_extracted": extracted,
        "extract_and_resolve_ms": round(resolve.median),
        "extract_and_resolve_min_ms": round(resolve.min),
        "extract_and_resolve_mb_per_s": mb_per_s(resolve.median),
        "entities": index.entities.len(),
        "mentions_resolved": index.entities.iter().map(|e| e.mentions.len()).sum::<usize>(),
        "suggestions": index.suggestions.len(),
        "facts_ms": round(facts_time.median),
        "facts": facts,
    });
    let _ = writeln!(out, "{report:#}");
    0
}

/// Median and fastest of a set of timed runs, in ms.
struct Timing {
    median: f64,
    min: f64,
}

/// Runs `work` once untimed, then `runs` times; their timing and the last result.
fn timed_runs<T>(runs: usize, mut work: impl FnMut() -> T) -> (Timing, T) {
    let mut result = work();
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let start = std::time::Instant::now();
        result = std::hint::black_box(work());
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let timing = Timing {
        median: times[times.len() / 2],
        min: times[0],
    };
    (timing, result)
}

/// Entities listed in `search`'s facet counts (most documents first).
const FACET_ENTITIES: usize = 20;

fn search(
    paths: &[PathBuf],
    text: &str,
    json: bool,
    boilerplate: bool,
    limit: usize,
    out: &mut impl Write,
    err: &mut impl Write,
) -> i32 {
    let loaded = load_reporting(paths, err);
    if loaded.corpus.documents.is_empty() {
        let _ = writeln!(err, "parallax: nothing to search");
        return 1;
    }
    let corpus = &loaded.corpus;
    let entities = crate::entities::resolve(corpus);
    let index = crate::search::Index::build(corpus, &entities);
    let query = crate::query::parse(text);
    let hits = index.search(&query, crate::search::Options { boilerplate });
    let matched: Vec<usize> = hits.iter().map(|hit| hit.doc).collect();
    let facets = index.facets().counts(
        &matched,
        &Default::default(),
        &crate::facets::EntityLimit {
            top: FACET_ENTITIES,
            find: "",
        },
    );
    let shown: Vec<serde_json::Value> = hits
        .iter()
        .take(limit)
        .map(|hit| {
            let doc = &corpus.documents[hit.doc];
            let snippet = crate::search::snippet(doc, &query);
            serde_json::json!({
                "doc": doc.id,
                "title": doc.title,
                "score": (f64::from(hit.score) * 1000.0).round() / 1000.0,
                "snippet": snippet.span.of(&doc.text),
                "snippet_start": snippet.span.start,
                "marks": snippet.marks.iter().map(|m| [m.start, m.end]).collect::<Vec<_>>(),
            })
        })
        .collect();
    let written = if json {
        let report = serde_json::json!({
            "query": text,
            "notes": query.notes,
            "total": hits.len(),
            "hits": shown,
            "facets": facets,
        });
        writeln!(out, "{report:#}")
    } else {
        (|| {
            for note in &query.notes {
                writeln!(out, "note: {note}")?;
            }
            writeln!(
                out,
                "{} of {} documents match",
                hits.len(),
                corpus.documents.len()
            )?;
            for hit in &shown {
                writeln!(
                    out,
                    "\n{}  {}  ({})\n  {}",
                    hit["doc"].as_str().unwrap_or(""),
                    hit["title"].as_str().unwrap_or(""),
                    hit["score"],
                    hit["snippet"].as_str().unwrap_or("").replace('\n', " ")
                )?;
            }
            writeln!(out)?;
            for facet in &facets {
                let line: Vec<String> = facet
                    .values
                    .iter()
                    .map(|v| format!("{} {}", v.label, v.count))
                    .collect();
                writeln!(out, "{}: {}", facet.facet, line.join(", "))?;
            }
            Ok(())
        })()
    };
    exit_code(written, err)
}

/// The exit code once output is written: 0, also when the reader went away (a closed pipe, as
/// with `| head`); 1, saying why, when writing failed otherwise.
fn exit_code(written: io::Result<()>, err: &mut impl Write) -> i32 {
    match written {
        Ok(()) => 0,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let _ = writeln!(err, "parallax: cannot write output: {e}");
            1
        }
    }
}

/// Hits whose snippets `bench search` times: a page of the result list.
const SNIPPETS_TIMED: usize = 100;

fn concordance(
    paths: &[PathBuf],
    text: &str,
    json: bool,
    options: crate::concordance::Options,
    out: &mut impl Write,
    err: &mut impl Write,
) -> i32 {
    let query = crate::query::parse(text);
    let Some(term) = crate::concordance::lookup_term(&query) else {
        let _ = writeln!(
            err,
            "parallax: concordance: nothing to look up in \"{text}\" \
             (give a word, a prefix*, a \"phrase\" or entity:NAME; title: terms only filter)"
        );
        return 2;
    };
    let loaded = load_reporting(paths, err);
    if loaded.corpus.documents.is_empty() {
        let _ = writeln!(err, "parallax: nothing to search");
        return 1;
    }
    let corpus = &loaded.corpus;
    let entities = crate::entities::resolve(corpus);
    let index = crate::search::Index::build(corpus, &entities);
    let search_options = crate::search::Options {
        boilerplate: options.boilerplate,
    };
    // The whole query selects the documents; they keep the order search gives them.
    let docs: Vec<usize> = index
        .search(&query, search_options)
        .iter()
        .map(|h| h.doc)
        .collect();
    let found = crate::concordance::concordance(corpus, &entities, &index, &docs, term, options);
    let written = if json {
        let lines: Vec<serde_json::Value> = found
            .lines
            .iter()
            .map(|l| {
                serde_json::json!({
                    "doc": l.id,
                    "span": [l.span.start, l.span.end],
                    "left": l.left,
                    "match": l.matched,
                    "right": l.right,
                })
            })
            .collect();
        let report = serde_json::json!({
            "query": text,
            "notes": query.notes,
            "documents": docs.len(),
            "total": found.total,
            "lines": lines,
        });
        writeln!(out, "{report:#}")
    } else {
        (|| {
            for note in &query.notes {
                writeln!(out, "note: {note}")?;
            }
            writeln!(
                out,
                "{} matches in {} of {} documents{}",
                found.total,
                docs.len(),
                corpus.documents.len(),
                if found.lines.len() < found.total {
                    format!("; the first {} shown", found.lines.len())
                } else {
                    String::new()
                }
            )?;
            let width = |s: &str| s.chars().count();
            let id_width = found.lines.iter().map(|l| width(&l.id)).max();
            let left_width = found.lines.iter().map(|l| width(&l.left)).max();
            for l in &found.lines {
                let line = format!(
                    "{}{}  {}{}{}{}",
                    l.id,
                    " ".repeat(id_width.unwrap_or(0) - width(&l.id)),
                    " ".repeat(left_width.unwrap_or(0) - width(&l.left)),
                    l.left,
                    l.matched,
                    l.right
                );
                writeln!(out, "{}", line.trim_end())?;
            }
            Ok(())
        })()
    };
    exit_code(written, err)
}

fn bench_search(
    corpus_path: &Path,
    queries_path: &Path,
    runs: usize,
    out: &mut impl Write,
    err: &mut impl Write,
) -> i32 {
    #[derive(serde::Deserialize)]
    struct QueryLine {
        q: String,
    }
    let queries: Vec<QueryLine> = match fs::read_to_string(queries_path)
        .map_err(|e| io_reason(&e).to_string())
        .and_then(|text| {
            serde_json::from_str(&text)
                .map_err(|e| format!("not a JSON array of {{\"q\": …}} ({e})"))
        }) {
        Ok(q) => q,
        Err(e) => {
            let _ = writeln!(err, "parallax: {}: {e}", queries_path.display());
            return 1;
        }
    };
    let loaded = load_reporting(&[corpus_path.to_path_buf()], err);
    let corpus = &loaded.corpus;
    let entities = crate::entities::resolve(corpus);
    let start = std::time::Instant::now();
    let index = crate::search::Index::build(corpus, &entities);
    let build_ms = start.elapsed().as_secs_f64() * 1000.0;
    let mut times = Vec::new();
    let mut snippet_times = Vec::new();
    let mut hits = Vec::new();
    for q in &queries {
        let query = crate::query::parse(&q.q);
        let (timing, found) = timed_runs(runs, || index.search(&query, Default::default()));
        times.push(timing.median);
        let (timing, _) = timed_runs(runs, || {
            let mut highlighter = crate::search::Highlighter::new(&query);
            let first = found.iter().take(SNIPPETS_TIMED);
            first
                .map(|hit| highlighter.snippet(&corpus.documents[hit.doc]))
                .collect::<Vec<_>>()
        });
        snippet_times.push(timing.median);
        hits.push(found.len());
    }
    snippet_times.sort_by(f64::total_cmp);
    times.sort_by(f64::total_cmp);
    let quantile = |q: f64| {
        times
            .get(((times.len() as f64 * q).ceil() as usize).saturating_sub(1))
            .map(|t| (t * 1000.0).round() / 1000.0)
    };
    let report = serde_json::json!({
        "docs": corpus.documents.len(),
        "build_ms": (build_ms * 10.0).round() / 10.0,
        "index_bytes": index.heap_bytes(),
        "queries": queries.len(),
        "median_ms": quantile(0.5),
        "p95_ms": quantile(0.95),
        "snippets_median_ms": (snippet_times[snippet_times.len() / 2] * 1000.0).round() / 1000.0,
        "hits": hits,
    });
    let _ = writeln!(out, "{report:#}");
    0
}

/// The row of `score-compare` that pools every set's pairs.
const POOLED_SETS: &str = "all";

fn score_compare(
    gold: &Path,
    corpus: &[PathBuf],
    options: crate::compare::Options,
    json: bool,
    misses: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> i32 {
    let loaded = load_reporting(corpus, err);
    let documents = &loaded.corpus.documents;
    let scored = fs::read_to_string(gold)
        .map_err(|e| io_reason(&e).to_string())
        .and_then(|text| crate::compare_gold::parse(&text))
        .and_then(|pairs| {
            crate::compare_gold::score(&pairs, options, |id| documents.iter().find(|d| d.id == id))
        });
    let sets = match scored {
        Ok(sets) => sets,
        Err(e) => {
            let _ = writeln!(err, "parallax: {}: {e}", gold.display());
            return 1;
        }
    };
    let pooled = crate::compare_gold::SetScore::pooled(sets.values());
    let pooled_name = POOLED_SETS.to_string();
    let rows = sets.iter().chain([(&pooled_name, &pooled)]);
    let written = if json {
        let report: serde_json::Map<String, serde_json::Value> = rows
            .map(|(name, s)| {
                let mut v = serde_json::json!({
                    "documents": s.documents, "precision": s.precision(), "recall": s.recall(),
                    "aligned": s.aligned, "aligned_right": s.aligned_right, "sure": s.sure,
                    "sure_found": s.sure_found, "kind_agrees": s.kind_agrees,
                });
                if misses {
                    v["missed"] = serde_json::to_value(&s.missed).unwrap_or_default();
                    v["wrong"] = serde_json::to_value(&s.wrong).unwrap_or_default();
                }
                (name.clone(), v)
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &report)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        let mut text = format!(
            "{:<22} {:>4} {:>9} {:>7} {:>8} {:>5} {:>5}\n",
            "set", "docs", "precision", "recall", "aligned", "sure", "kind"
        );
        for (name, s) in rows {
            text += &format!(
                "{name:<22} {:>4} {:>9.3} {:>7.3} {:>8} {:>5} {:>2}/{:<2}\n",
                s.documents,
                s.precision(),
                s.recall(),
                s.aligned,
                s.sure,
                s.kind_agrees,
                s.sure_found
            );
            if misses {
                let line = |d: &crate::compare_gold::Disagreement| {
                    format!(
                        "  {} | {} ~ {} | {}\n",
                        d.a,
                        d.a_text.trim(),
                        d.b,
                        d.b_text.trim()
                    )
                };
                for d in &s.missed {
                    text += &format!("missed {:.2}{}", d.score.unwrap_or(0.0), line(d));
                }
                for d in &s.wrong {
                    text += &format!("wrong {:.2}{}", d.score.unwrap_or(0.0), line(d));
                }
            }
        }
        out.write_all(text.as_bytes())
    };
    exit_code(written, err)
}

fn score_entities(
    gold: &[PathBuf],
    corpus: &Path,
    json: bool,
    misses: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> i32 {
    let mut results = Vec::new();
    for path in gold {
        let scored = fs::read_to_string(path)
            .map_err(|e| io_reason(&e).to_string())
            .and_then(|text| crate::eval::parse_gold(&text))
            .and_then(|golds| {
                crate::eval::score(&golds, |id| fs::read_to_string(corpus.join(id)).ok())
            });
        match scored {
            Ok(score) => results.push((path.display().to_string(), score)),
            Err(e) => {
                let _ = writeln!(err, "parallax: {}: {e}", path.display());
                return 1;
            }
        }
    }
    let written = if json {
        let report: Vec<serde_json::Value> = results
            .iter()
            .map(|(file, s)| {
                let prf = |c: &crate::eval::Counts| {
                    serde_json::json!({"precision": c.precision(), "recall": c.recall(), "f1": c.f1(), "counts": c})
                };
                let per_type: serde_json::Map<String, serde_json::Value> =
                    s.per_type.iter().map(|(k, c)| (k.to_string(), prf(c))).collect();
                let mut v = serde_json::json!({"gold": file, "documents": s.documents, "untyped": prf(&s.untyped), "typed": prf(&s.typed), "per_type": per_type});
                if misses {
                    v["misses"] = serde_json::to_value(&s.misses).unwrap_or_default();
                }
                v
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &report)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        results.iter().try_for_each(|(file, s)| {
            writeln!(out, "{file} — {} documents", s.documents)?;
            writeln!(
                out,
                "{:<10} {:>9} {:>7} {:>6}   {:>4} {:>4} {:>4}",
                "", "precision", "recall", "F1", "tp", "fp", "fn"
            )?;
            let rows = [("untyped", &s.untyped), ("typed", &s.typed)]
                .into_iter()
                .chain(s.per_type.iter().map(|(k, c)| (*k, c)));
            for (name, c) in rows {
                writeln!(
                    out,
                    "{name:<10} {:>9.3} {:>7.3} {:>6.3}   {:>4} {:>4} {:>4}",
                    c.precision(),
                    c.recall(),
                    c.f1(),
                    c.true_positives,
                    c.false_positives,
                    c.false_negatives
                )?;
            }
            if misses {
                for m in &s.misses {
                    let label =
                        |k: Option<crate::mentions::EntityType>| k.map_or("—", |k| k.label());
                    writeln!(
                        out,
                        "  {:<28} gold {:<7} found {:<7} {}",
                        m.doc,
                        label(m.gold),
                        label(m.found),
                        m.text
                    )?;
                }
            }
            writeln!(out)
        })
    };
    match written {
        Ok(()) => 0,
        Err(e) => {
            let _ = writeln!(err, "parallax: cannot write output: {e}");
            1
        }
    }
}

fn print_json(loaded: &Loaded, out: &mut impl Write) -> io::Result<()> {
    let index = crate::entities::resolve(&loaded.corpus);
    let report = AnalysisReport::new(&loaded.corpus, &index, |d| {
        loaded
            .files
            .get(&d.id)
            .map_or(d.id.as_str(), String::as_str)
    });
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

/// Longest title shown in the table, in chars.
const TABLE_TITLE_CHARS: usize = 60;

fn print_table(loaded: &Loaded, out: &mut impl Write) -> io::Result<()> {
    let rows: Vec<[String; 6]> = loaded
        .corpus
        .documents
        .iter()
        .map(|d| {
            [
                d.id.clone(),
                d.date.map_or_else(|| "undated".into(), |x| x.to_string()),
                d.words.to_string(),
                d.outlet.clone().unwrap_or_else(|| "—".into()),
                d.author.clone().unwrap_or_else(|| "—".into()),
                truncate(&d.title, TABLE_TITLE_CHARS),
            ]
        })
        .collect();
    let header = ["ID", "DATE", "WORDS", "OUTLET", "AUTHOR", "TITLE"].map(String::from);
    let widths: Vec<usize> = (0..6)
        .map(|c| {
            rows.iter()
                .chain([&header])
                .map(|r| r[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let pad = widths[c] - cell.chars().count();
            match c {
                2 => line.push_str(&format!("{}{cell}  ", " ".repeat(pad))),
                5 => line.push_str(cell),
                _ => line.push_str(&format!("{cell}{}  ", " ".repeat(pad))),
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    let blocks: usize = loaded
        .corpus
        .documents
        .iter()
        .map(|d| d.boilerplate_runs().len())
        .sum();
    writeln!(
        out,
        "\n{} documents, {} boilerplate blocks set aside",
        rows.len(),
        blocks
    )
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!(
            "{}…",
            s.chars().take(max - 1).collect::<String>().trim_end()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_holds_the_documents_and_the_entities_found_on_every_core_as_on_one() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("seeds.parallax-index");
        let (code, _, err) = run_args(&[
            "index",
            "corpus",
            "--name",
            "Seeds",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(
            err.starts_with(&format!("wrote {} (5 articles, ", out.display())),
            "{err}"
        );
        let file = crate::index_file::IndexFile::from_bytes(&fs::read(&out).unwrap()).unwrap();
        let seeds = Corpus::embedded();
        assert_eq!(file.name, "Seeds");
        assert_eq!(file.entities, crate::entities::resolve(&seeds));
        assert_eq!(file.documents, seeds.documents);
    }

    #[test]
    fn a_page_built_from_an_export_carries_its_name_edits_and_views() {
        use crate::import::{Article, CorpusFile};
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        fs::create_dir(&site).unwrap();
        for file in crate::single_page::tests::SITE_FILES {
            write(&site, file, &crate::single_page::tests::site(file).unwrap());
        }
        write(
            &site,
            "index.html",
            crate::single_page::tests::INDEX.as_bytes(),
        );
        let text = "Amazon pauses Rekognition\n\nAmazon paused police use of Rekognition.\n";
        let export = CorpusFile {
            views: vec![crate::view_state::SavedView {
                name: "Police".into(),
                query: "?q=police".into(),
            }],
            ..CorpusFile::new(
                "My story",
                vec![Article {
                    id: "a.txt".into(),
                    text: text.into(),
                    ..Article::default()
                }],
                crate::curation::Curation::new(vec![crate::curation::Edit::Hide {
                    spelling: "Amazon".into(),
                }]),
            )
        };
        let input = write(
            dir.path(),
            "my-story.parallax.json",
            export.to_json().as_bytes(),
        );
        let out = dir.path().join("explorer.html");
        let (code, _, err) = run_args(&[
            "build-page",
            input.to_str().unwrap(),
            "--site",
            site.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        let carried = crate::single_page::tests::carried(&fs::read_to_string(&out).unwrap());
        assert_eq!(
            (&carried.name, &carried.edits, &carried.views),
            (&export.name, &export.edits, &export.views)
        );
        assert_eq!(carried.articles[0].text, text);
    }

    fn run_args(args: &[&str]) -> (i32, String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let argv = std::iter::once("parallax")
            .chain(args.iter().copied())
            .map(OsString::from);
        let code = run(argv, &mut out, &mut err);
        (
            code,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn json_output_follows_the_documented_schema() {
        let (code, out, err) = run_args(&["analyze", "--json", "corpus"]);
        assert_eq!((code, err.as_str()), (0, ""));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let docs = v["documents"].as_array().unwrap();
        assert_eq!(docs.len(), 5);
        let zh = &docs[3];
        assert_eq!(zh["id"], "003_116c2fefbf00860c.txt");
        assert_eq!(zh["file"], "003_116c2fefbf00860c.txt");
        assert_eq!(zh["date"], "2020-06-10");
        assert_eq!(zh["author"], "Tyler Durden");
        assert_eq!(zh["outlet"], serde_json::Value::Null);
        let text = fs::read_to_string("corpus/003_116c2fefbf00860c.txt").unwrap();
        let [start, end] = [0, 1].map(|i| zh["boilerplate"][0][i].as_u64().unwrap() as usize);
        assert!(text[start..end].starts_with("Popular posts from this blog"));
        assert!(text[start..end].ends_with("locking him in car"));

        let entities = v["entities"].as_array().unwrap();
        let bezos = entities
            .iter()
            .find(|e| e["id"] == "person:jeff-bezos")
            .expect("Jeff Bezos is an entity");
        assert_eq!(bezos["type"], "PERSON");
        assert_eq!(bezos["aliases"], serde_json::json!(["Bezos"]));
        let mention = &bezos["mentions"][0];
        let (s, e) = (
            mention["start"].as_u64().unwrap() as usize,
            mention["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(mention["doc"], "003_116c2fefbf00860c.txt");
        assert_eq!(&text[s..e], mention["text"].as_str().unwrap());
        let aclu = entities
            .iter()
            .find(|e| e["id"] == "org:american-union-for-civil-liberties")
            .unwrap();
        assert!(aclu["aliases"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("ACLU")));
        let boilerplate_mention = entities
            .iter()
            .flat_map(|e| e["mentions"].as_array().unwrap())
            .find(|m| m["text"] == "Facebook")
            .expect("the social prompt's Facebook is found");
        assert_eq!(boilerplate_mention["boilerplate"], true);
        assert!(v["suggestions"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("Gebry"));
    }

    #[test]
    fn graph_writes_the_seeds_edges_with_their_evidence_and_other_formats() {
        let (code, out, err) = run_args(&["graph", "corpus"]);
        assert_eq!((code, err.as_str()), (0, ""));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let edges = v["edges"].as_array().unwrap();
        let top = &edges[0];
        assert_eq!(
            (&top["source"], &top["target"]),
            (&"org:amazon".into(), &"product:rekognition".into())
        );
        let evidence = top["evidence"].as_array().unwrap();
        assert_eq!(evidence.len() as u64, top["count"].as_u64().unwrap());
        let first = &evidence[0];
        let text =
            fs::read_to_string(format!("corpus/{}", first["doc"].as_str().unwrap())).unwrap();
        let (start, end) = (
            first["start"].as_u64().unwrap() as usize,
            first["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &text[start..end],
            first["text"].as_str().unwrap(),
            "byte ranges into the file"
        );

        let (code, out, _) = run_args(&[
            "graph",
            "--format",
            "gexf",
            "--window",
            "paragraph",
            "corpus",
        ]);
        assert_eq!(code, 0);
        assert!(out.starts_with("<?xml") && out.contains("same paragraph (5 documents)"));
        let (code, out, _) = run_args(&["graph", "--format", "csv", "--min-count", "2", "corpus"]);
        assert_eq!(code, 0);
        assert!(out
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("org:amazon,product:rekognition,Amazon,Rekognition,"));
        let (code, _, err) = run_args(&["graph", "--format", "dot", "corpus"]);
        assert_eq!(code, 2);
        assert!(err.contains("dot"), "{err}");
    }

    #[test]
    fn score_compare_prints_precision_and_recall_per_set_and_names_a_bad_gold_line() {
        let (code, out, err) = run_args(&["score-compare", "tests/gold/compare-pairs.jsonl"]);
        assert_eq!((code, err.as_str()), (0, ""));
        assert!(out.starts_with("set "), "{out}");
        assert!(
            out.contains("\nseeds ")
                && out.contains("\nallsides-north-korea ")
                && out.contains("\nall "),
            "{out}"
        );

        let (code, out, _) = run_args(&[
            "score-compare",
            "tests/gold/compare-pairs.jsonl",
            "--json",
            "--misses",
            "--paraphrase-min",
            "0.99",
        ]);
        assert_eq!(code, 0);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let seeds = &v["seeds"];
        assert_eq!(seeds["sure"], 27);
        assert_eq!(v["all"]["sure"], 83);
        // At 0.99 only verbatim copies align, so most sure pairs are listed as missed.
        let missed = seeds["missed"].as_array().unwrap();
        assert!(missed.len() as u64 + seeds["sure_found"].as_u64().unwrap() == 27);
        assert!(missed.iter().all(|m| m["score"].as_f64().unwrap() < 0.99));

        let dir = std::env::temp_dir().join(format!("parallax-gold-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let bad = dir.join("pairs.jsonl");
        fs::write(&bad, "{\"set\": \"x\"}\n").unwrap();
        let (code, _, err) = run_args(&["score-compare", bad.to_str().unwrap()]);
        assert_eq!(code, 1);
        assert!(
            err.contains("pairs.jsonl") && err.contains("line 1"),
            "{err}"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn compare_aligns_two_seeds_by_id_with_byte_ranges_into_the_files() {
        let (code, out, err) = run_args(&[
            "compare",
            "--json",
            "001_3d4b255715acc054.txt",
            "003_116c2fefbf00860c.txt",
            "--corpus",
            "corpus",
        ]);
        assert_eq!((code, err.as_str()), (0, ""));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["a"], "001_3d4b255715acc054.txt");
        let statement = v["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| {
                p["a"]["text"]
                    .as_str()
                    .unwrap()
                    .contains("We have been in favor")
            })
            .expect("the statement is aligned");
        assert_eq!(statement["kind"], "paraphrase");
        let text = fs::read_to_string("corpus/003_116c2fefbf00860c.txt").unwrap();
        let (start, end) = (
            statement["b"]["start"].as_u64().unwrap() as usize,
            statement["b"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], statement["b"]["text"].as_str().unwrap());
        assert!(!v["only_a"].as_array().unwrap().is_empty());
        let diff = statement["diff"].as_array().unwrap();
        let first_added = diff.iter().find(|c| c["op"] == "added").unwrap();
        let (start, end) = (
            first_added["b"]["start"].as_u64().unwrap() as usize,
            first_added["b"]["end"].as_u64().unwrap() as usize,
        );
        assert!(
            text[start..end].starts_with("We’ve"),
            "{}",
            &text[start..end]
        );

        let (code, out, _) = run_args(&[
            "compare",
            "corpus/001_3d4b255715acc054.txt",
            "corpus/003_116c2fefbf00860c.txt",
        ]);
        assert_eq!(code, 0);
        assert!(out.contains("~ 0.") && out.contains("< only A: "), "{out}");
        let (code, _, err) = run_args(&[
            "compare",
            "nope.txt",
            "001_3d4b255715acc054.txt",
            "--corpus",
            "corpus",
        ]);
        assert_eq!(code, 1);
        assert!(err.contains("no document nope.txt"), "{err}");
    }

    #[test]
    fn compare_names_the_seeds_that_disagree_on_how_long_after_ibm_amazon_acted() {
        let (a, b) = (
            "corpus/000_a8a29ba410e08957.txt",
            "corpus/003_116c2fefbf00860c.txt",
        );
        let (code, out, err) = run_args(&["compare", "--json", a, b]);
        assert_eq!((code, err.as_str()), (0, ""));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let found = &v["disagreements"][0];
        assert_eq!(found["kind"], "DURATION");
        assert_eq!(
            (
                found["a"][0]["text"].as_str(),
                found["a"][0]["value"].as_str()
            ),
            (Some("two days"), Some("2 day"))
        );
        assert_eq!(found["b"][0]["text"], "a day");
        let pair = &v["pairs"][found["pair"].as_u64().unwrap() as usize];
        assert!(pair["b"]["text"]
            .as_str()
            .unwrap()
            .contains("a day after IBM"));
        let (_, out, _) = run_args(&["compare", a, b]);
        assert!(out.contains("! DURATION A: two days | B: a day"), "{out}");
    }

    #[test]
    fn quotes_lists_amazons_moratorium_statement_once_with_every_seed_that_carries_it() {
        let (code, out, err) = run_args(&["quotes", "--json", "corpus"]);
        assert_eq!((code, err.as_str()), (0, ""));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let rows = v["rows"].as_array().unwrap();
        let moratorium: Vec<&serde_json::Value> = rows
            .iter()
            .filter(|r| {
                r["quote"]["text"]
                    .as_str()
                    .unwrap()
                    .contains("enough time to implement appropriate rules")
            })
            .collect();
        assert_eq!(moratorium.len(), 1, "one row for the statement");
        let row = moratorium[0];
        assert_eq!(row["speaker"]["name"], "Amazon");
        let carried: Vec<(&str, &str)> = row["cells"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["doc"].as_str().unwrap(), c["carried"].as_str().unwrap()))
            .collect();
        assert_eq!(
            carried,
            [
                ("003_116c2fefbf00860c.txt", "verbatim"),
                ("001_3d4b255715acc054.txt", "paraphrased"),
                ("004_5794830cfb3b6476.txt", "verbatim"),
            ]
        );
        let text = fs::read_to_string("corpus/004_5794830cfb3b6476.txt").unwrap();
        let cell = &row["cells"][2];
        let (start, end) = (
            cell["start"].as_u64().unwrap() as usize,
            cell["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], cell["text"].as_str().unwrap());
        assert!(rows.iter().all(|r| !r["quote"]["text"]
            .as_str()
            .unwrap()
            .contains("until further notice")));

        let (code, out, _) = run_args(&["quotes", "corpus"]);
        assert_eq!(code, 0);
        assert!(
            out.contains("“Those who would give up essential Liberty")
                && out.contains("— Benjamin Franklin"),
            "{out}"
        );
        let (code, _, err) = run_args(&["quotes", "nowhere/"]);
        assert_eq!(code, 1);
        assert!(err.contains("nowhere"), "{err}");
    }

    #[test]
    fn similar_ranks_the_documents_sharing_wording_and_counts_their_aligned_passages() {
        let (code, out, err) = run_args(&[
            "similar",
            "--json",
            "001_3d4b255715acc054.txt",
            "--corpus",
            "corpus",
        ]);
        assert_eq!((code, err.as_str()), (0, ""));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let first = &v["similar"][0];
        assert_eq!(first["doc"], "003_116c2fefbf00860c.txt");
        assert_eq!(first["near_duplicate"], false);
        assert!(first["shared_shingles"].as_u64().unwrap() > 0);
        assert!(first["aligned_passages"].as_u64().unwrap() > 0);

        let (code, out, _) = run_args(&["bench", "similar", "--queries", "2", "corpus"]);
        assert_eq!(code, 0);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            (v["docs"].as_u64(), v["queries"].as_u64()),
            (Some(5), Some(2))
        );

        let (code, _, err) = run_args(&["similar", "nope.txt", "--corpus", "corpus"]);
        assert_eq!(code, 1);
        assert!(err.contains("nope.txt"), "{err}");
    }

    #[test]
    fn bench_layout_prints_its_json() {
        let (code, out, _) = run_args(&[
            "bench",
            "layout",
            "--nodes",
            "50",
            "--edges",
            "80",
            "--iterations",
            "20",
            "--runs",
            "1",
        ]);
        assert_eq!(code, 0);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            (
                v["nodes"].as_u64(),
                v["edges"].as_u64(),
                v["iterations"].as_u64()
            ),
            (Some(50), Some(80), Some(20))
        );
        assert!(v["ms"].as_f64().unwrap() > 0.0);
    }

    #[test]
    fn search_prints_hits_with_marked_snippets_and_facets() {
        let (code, out, err) =
            run_args(&["search", "--json", "corpus", "--", "moratorium", "-ibm*x"]);
        assert_eq!((code, err.as_str()), (0, ""));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["total"], 4);
        let hit = &v["hits"][0];
        let text = fs::read_to_string(format!("corpus/{}", hit["doc"].as_str().unwrap())).unwrap();
        let [start, end] = [0, 1].map(|i| hit["marks"][0][i].as_u64().unwrap() as usize);
        assert_eq!(text[start..end].to_lowercase(), "moratorium");
        let month = v["facets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["facet"] == "month");
        let months: Vec<(&str, u64)> = month.unwrap()["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| (m["label"].as_str().unwrap(), m["count"].as_u64().unwrap()))
            .collect();
        assert_eq!(months, [("2020-06", 1), ("2020-11", 1), ("undated", 2)]);

        let (code, out, _) = run_args(&["search", "corpus", "--", "\"face recog"]);
        assert_eq!(code, 0);
        assert!(out.starts_with("note: A quote was not closed"), "{out}");
    }

    #[test]
    fn concordance_looks_up_the_first_term_in_the_documents_the_whole_query_selects() {
        let dir = tempfile::tempdir().unwrap();
        let texts = [
            (
                "fox1",
                "Fox News",
                "Police closed the bridge. Later, policing changed.",
            ),
            ("cnn1", "CNN", "The police chief resigned."),
            ("fox2", "Fox News", "Nothing about it here."),
        ];
        let lines: Vec<String> = texts
            .iter()
            .map(|(id, source, text)| {
                serde_json::json!({"id": id, "source": source, "title": "A headline", "text": text})
                    .to_string()
            })
            .collect();
        let corpus = write(dir.path(), "c.jsonl", lines.join("\n").as_bytes());
        let corpus = corpus.to_str().unwrap();

        let (code, out, err) = run_args(&[
            "concordance",
            "--json",
            corpus,
            "--",
            "police",
            "source:fox",
        ]);
        assert_eq!((code, err.as_str()), (0, ""));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["total"], 2);
        let found: Vec<(&str, &str, &str)> = v["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                let text = texts.iter().find(|t| t.0 == l["doc"]).unwrap().2;
                let [start, end] = [0, 1].map(|i| l["span"][i].as_u64().unwrap() as usize);
                assert_eq!(&text[start..end], l["match"]);
                (
                    l["doc"].as_str().unwrap(),
                    l["match"].as_str().unwrap(),
                    l["right"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "fox1",
                    "Police",
                    " closed the bridge. Later, policing changed."
                ),
                ("fox1", "policing", " changed.")
            ]
        );

        // Plain: one line per match, the matches in one column; sorted by the right context.
        let (code, out, _) = run_args(&[
            "concordance",
            "--sort",
            "right",
            "--limit",
            "2",
            corpus,
            "--",
            "police",
        ]);
        assert_eq!(code, 0);
        let mut printed = out.lines();
        assert_eq!(
            printed.next(),
            Some("3 matches in 2 of 3 documents; the first 2 shown")
        );
        let rows: Vec<&str> = printed.collect();
        assert_eq!(rows.len(), 2, "{out}");
        // " changed." before " chief resigned." before " closed the bridge…" (left out); the
        // matches in one column.
        assert_eq!(
            rows,
            [
                "fox1  Police closed the bridge. Later, policing changed.",
                "cnn1                               The police chief resigned.",
            ]
        );

        let (code, _, err) = run_args(&["concordance", corpus, "--", "source:fox", "title:police"]);
        assert_eq!(code, 2);
        assert!(
            err.starts_with("parallax: concordance: nothing to look up"),
            "{err}"
        );
    }

    #[test]
    fn bench_search_reads_a_query_file_and_names_a_bad_one() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = write(dir.path(), "c.jsonl", br#"{"id": "x", "title": "Police", "text": "Amazon halted police use of Rekognition for a year."}"#);
        let queries = write(
            dir.path(),
            "q.json",
            br#"[{"q": "police"}, {"q": "\"police use\""}, {"q": "ibm"}]"#,
        );
        let (code, out, _) = run_args(&[
            "bench",
            "search",
            "--runs",
            "1",
            corpus.to_str().unwrap(),
            queries.to_str().unwrap(),
        ]);
        assert_eq!(code, 0);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["hits"], serde_json::json!([1, 1, 0]));
        let bad = write(dir.path(), "bad.json", b"{\"q\": 1}");
        let (code, _, err) = run_args(&[
            "bench",
            "search",
            corpus.to_str().unwrap(),
            bad.to_str().unwrap(),
        ]);
        assert_eq!(code, 1);
        assert!(
            err.contains("bad.json") && err.contains("not a JSON array"),
            "{err}"
        );
    }

    #[test]
    fn table_lists_every_document() {
        let (code, out, _) = run_args(&["analyze", "corpus"]);
        assert_eq!(code, 0);
        assert!(out.starts_with("ID "));
        assert!(out.contains("004_5794830cfb3b6476.txt  undated"));
        assert!(out.contains("Appy Pie"));
        assert!(out.contains("5 documents"));
    }

    #[test]
    fn bad_inputs_are_named_one_line_each_and_good_ones_still_analysed() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        write(d, "good.txt", b"A fine headline here\n\nSome body text.");
        write(d, "empty.txt", b"");
        write(d, "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
        write(d, "latin1.txt", b"Caf\xe9 headline\n\nBody.");
        fs::create_dir(d.join("nothing")).unwrap();
        let (code, out, err) = run_args(&[
            "analyze",
            "--json",
            d.to_str().unwrap(),
            d.join("missing.txt").to_str().unwrap(),
            d.join("nothing").to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "some files were readable");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let titles: Vec<&str> = v["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["title"].as_str().unwrap())
            .collect();
        assert_eq!(titles, ["A fine headline here", "Café headline"]);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 5, "{err}");
        assert!(err.contains("empty.txt: empty file"));
        assert!(err.contains("image.txt: binary file"));
        assert!(err.contains("latin1.txt: not UTF-8; read as Windows-1252 (Latin-1)"));
        assert!(err.contains("missing.txt: no such file or folder"));
        assert!(err.contains("nothing: no .txt or .md articles in this folder"));
    }

    #[test]
    fn json_and_csv_files_load_their_records_with_detected_fields_and_name_bad_ones() {
        let dir = tempfile::tempdir().unwrap();
        let json = write(
            dir.path(),
            "wire.json",
            br#"[{"headline": "Council halts face scans", "content": "The council voted on Tuesday.", "publisher": "The Ledger"}, {"headline": "No body"}]"#,
        );
        let csv = write(
            dir.path(),
            "feed.csv",
            b"title,text,date
Police stop scans,Police in Oakland stopped using the tool.,2020-06-12
",
        );
        let html = write(
            dir.path(),
            "page.html",
            b"<title>Scans end | The Ledger</title><nav>Home</nav><p>The scans ended.</p>",
        );
        let (code, out, err) = run_args(&[
            "analyze",
            "--json",
            json.to_str().unwrap(),
            csv.to_str().unwrap(),
            html.to_str().unwrap(),
        ]);
        assert_eq!(code, 0);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let docs = v["documents"].as_array().unwrap();
        let found: Vec<(&str, &str)> = docs
            .iter()
            .map(|d| {
                (
                    d["title"].as_str().unwrap(),
                    d["outlet"].as_str().unwrap_or("-"),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("Council halts face scans", "The Ledger"),
                ("Police stop scans", "-"),
                ("Scans end", "The Ledger"),
            ]
        );
        assert_eq!(docs[1]["date"], "2020-06-12");
        assert!(err.contains("wire.json: item 2: no text field"), "{err}");
    }

    #[test]
    fn jsonl_articles_load_with_their_fields_and_bad_lines_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let lines = [
            r#"{"id": "a1", "title": "Council halts face scans", "source": "The Ledger", "date": "2020-06-10", "authors": "Ana Ruiz", "text": "Council halts face scans\n\nThe council voted on Tuesday."}"#,
            r#"{"id": "a2", "title": "Broken"#,
            r#"{"id": "a3", "title": "No text here"}"#,
            "",
            r#"{"text": "Police in Oakland stopped using the tool."}"#,
        ];
        let path = write(dir.path(), "set.jsonl", lines.join("\n").as_bytes());
        let loaded = load_paths(&[path]);
        let ids: Vec<&str> = loaded
            .corpus
            .documents
            .iter()
            .map(|d| d.id.as_str())
            .collect();
        assert_eq!(ids, ["a1", "set.jsonl:5"]);
        let a1 = &loaded.corpus.documents[0];
        assert_eq!(
            (a1.outlet.as_deref(), a1.author.as_deref()),
            (Some("The Ledger"), Some("Ana Ruiz"))
        );
        assert_eq!(a1.date.unwrap().to_string(), "2020-06-10");
        let problems: Vec<&str> = loaded.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("line 2: malformed JSON"));
        assert!(problems[1].starts_with("line 3: no text field (looked for text, content"));
    }

    #[test]
    fn gzipped_jsonl_reads_like_plain() {
        use std::io::Write as _;
        let dir = tempfile::tempdir().unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(br#"{"id": "z", "text": "Amazon paused sales to police."}"#)
            .unwrap();
        let path = write(dir.path(), "set.jsonl.gz", &gz.finish().unwrap());
        let loaded = load_paths(&[path]);
        assert_eq!(loaded.corpus.documents.len(), 1);
        assert!(loaded.problems.is_empty());
    }

    #[test]
    fn nothing_readable_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let empty = write(dir.path(), "empty.md", b"   \n");
        let (code, out, err) = run_args(&["analyze", empty.to_str().unwrap()]);
        assert_eq!((code, out.as_str()), (1, ""));
        assert!(err.contains("empty.md: empty file"));
        assert!(err.ends_with("parallax: nothing to analyse\n"));
    }

    #[test]
    fn a_folder_manifest_supplies_what_the_text_does_not_say() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "a.txt",
            b"A fine headline here\n\nSome body text.",
        );
        write(
            dir.path(),
            MANIFEST_FILE,
            br#"{"a.txt": {"outlet": "The Ledger", "date": "2021-05-18"}}"#,
        );
        let loaded = load_paths(&[dir.path().to_path_buf()]);
        assert!(loaded.problems.is_empty());
        let doc = &loaded.corpus.documents[0];
        assert_eq!(doc.outlet.as_deref(), Some("The Ledger"));
        assert_eq!(doc.date.unwrap().to_string(), "2021-05-18");
    }

    #[test]
    fn a_broken_manifest_is_reported_and_the_articles_still_load() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "a.txt",
            b"A fine headline here\n\nSome body text.",
        );
        write(dir.path(), MANIFEST_FILE, b"{not json");
        let loaded = load_paths(&[dir.path().to_path_buf()]);
        assert_eq!(loaded.corpus.documents.len(), 1);
        assert_eq!(loaded.problems.len(), 1);
        assert!(loaded.problems[0]
            .message
            .starts_with("manifest ignored: key must be a string at line 1"));
    }
}

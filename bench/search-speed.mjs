// Search speed on 10,000 real articles, four ways in one run on the same documents and queries:
// Parallax natively (the CLI's `bench search`), Parallax as wasm in headless Chromium, and the
// peer libraries MiniSearch and FlexSearch (in Node, the same V8 as Chromium), with the ratios.
//   bash scripts/bench.sh   (builds everything, installs the peers, then runs this)
//   node --expose-gc bench/search-speed.mjs [CORPUS.jsonl.gz] [--runs=5] [--builds=3]
// Queries: bench/search-queries.json (single words, two-word ANDs, quoted phrases). Every engine
// must return the documents holding all the words; a phrase must stand in a row. The peers have
// no positions, so their phrase hits are the AND of its words checked against each candidate's
// text (lowercased, runs of anything but letters and digits made one space); the normalised texts
// are made while building (counted in build time and memory), the check is in the query time.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { gunzipSync } from "node:zlib";
import { ROOT, serve, launch, watchedPage, packageVersion } from "../tests/e2e/harness.mjs";

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const option = (name, fallback) =>
  Number(args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const corpus = args.find((a) => !a.startsWith("--")) ?? join(ROOT, "../shared/datasets/allsides-10k.jsonl.gz");
const runs = option("runs", 5);
const builds = option("builds", 3);
const queryFile = join(ROOT, "bench/search-queries.json");
const queries = JSON.parse(readFileSync(queryFile, "utf8")).map((q) => q.q);
if (!global.gc) throw new Error("run with node --expose-gc (index memory is measured around a gc)");

const raw = readFileSync(corpus);
const lines = (corpus.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8").split("\n").filter((l) => l.trim());
const docs = lines.map((line, id) => {
  const { title, text } = JSON.parse(line);
  return { id, body: `${title ?? ""}\n${text ?? ""}` };
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(xs.length * q) - 1)];
const round = (x, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
function summary(build, bytes, perQuery, hits) {
  return {
    build_ms: Math.round(build), index_mb: round(bytes / 1e6, 1),
    median_ms: round(median(perQuery)), p95_ms: round(quantile(perQuery, 0.95)), hits,
  };
}

// ---------------------------------------------------------------------------------------------
// Peers: the same interface over each library

const normalise = (s) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
const phraseOf = (q) => (q.startsWith('"') && q.endsWith('"') ? normalise(q.slice(1, -1)) : null);

const MiniSearch = require("minisearch");
const FlexSearch = require("flexsearch");
const peers = {
  [`MiniSearch ${packageVersion("minisearch")}`]: {
    build() {
      const index = new MiniSearch({ fields: ["body"], storeFields: [] });
      index.addAll(docs);
      return (words) => index.search(words, { combineWith: "AND", prefix: false, fuzzy: false }).map((r) => r.id);
    },
  },
  [`FlexSearch ${packageVersion("flexsearch")}`]: {
    build() {
      // tokenize "strict": whole words, as Parallax; the default encoder folds case and accents.
      const index = new FlexSearch.Index({ tokenize: "strict" });
      for (const d of docs) index.add(d.id, d.body);
      // Several words are all required (FlexSearch's default without "suggest").
      return (words) => index.search(words, { limit: docs.length });
    },
  },
};

function measurePeer(name, peer) {
  const times = [];
  let search;
  let bytes = 0;
  for (let b = 0; b < builds; b++) {
    search = null;
    global.gc();
    const before = process.memoryUsage().heapUsed;
    const start = performance.now();
    const find = peer.build();
    const texts = docs.map((d) => ` ${normalise(d.body)} `);
    times.push(performance.now() - start);
    global.gc();
    bytes = process.memoryUsage().heapUsed - before;
    search = (q) => {
      const phrase = phraseOf(q);
      const found = find(phrase ?? q);
      return phrase ? found.filter((id) => texts[id].includes(` ${phrase} `)) : found;
    };
  }
  const perQuery = [];
  const hits = [];
  for (const q of queries) {
    hits.push(search(q).length);
    const t = [];
    for (let r = 0; r < runs; r++) {
      const start = performance.now();
      search(q);
      t.push(performance.now() - start);
    }
    perQuery.push(median(t));
  }
  console.error(`${name}: done`);
  return summary(median(times), bytes, perQuery, hits);
}

// ---------------------------------------------------------------------------------------------
// Parallax natively and as wasm

console.error("Parallax native: parallax bench search …");
const native = JSON.parse(execFileSync(join(ROOT, "target/release/parallax"),
  ["bench", "search", "--runs", String(runs), corpus, queryFile], { maxBuffer: 1 << 26 }).toString());

console.error("Parallax wasm in headless Chromium: resolving entities first (untimed, about a minute) …");
const site = mkdtempSync(join(tmpdir(), "parallax-search-bench-"));
for (const file of ["parallax-wasm-bench.js", "parallax-wasm-bench_bg.wasm"]) {
  copyFileSync(join(ROOT, "target/wasm-bench", file), join(site, file));
}
writeFileSync(join(site, "corpus.jsonl.gz"), raw);
writeFileSync(join(site, "index.html"), "<!DOCTYPE html><meta charset=utf-8><link rel=icon href=\"data:,\"><title>bench</title>");
const server = await serve(site);
const browser = await launch();
const page = await watchedPage(browser, server.url);
await page.goto(server.url);
const wasm = await page.evaluate(async ({ queries, runs, builds }) => {
  const { default: init, SearchSample } = await import("./parallax-wasm-bench.js");
  await init();
  const stream = (await fetch("corpus.jsonl.gz")).body.pipeThrough(new DecompressionStream("gzip"));
  const lines = (await new Response(stream).text()).split("\n").filter((l) => l.trim());
  const sample = new SearchSample(lines);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const buildTimes = [];
  for (let b = 0; b < builds; b++) {
    const start = performance.now();
    sample.build();
    buildTimes.push(performance.now() - start);
  }
  const perQuery = [];
  const hits = [];
  for (const q of queries) {
    hits.push(sample.search(q));
    const t = [];
    for (let r = 0; r < runs; r++) {
      const start = performance.now();
      sample.search(q);
      t.push(performance.now() - start);
    }
    perQuery.push(median(t));
  }
  return { build: median(buildTimes), bytes: sample.index_bytes(), perQuery, hits };
}, { queries, runs, builds });
if (page.problems.length) throw new Error(page.problems.join("\n"));
await browser.close();
await server.close();
rmSync(site, { recursive: true });

const engines = {
  "Parallax native": { build_ms: Math.round(native.build_ms), index_mb: round(native.index_bytes / 1e6, 1), median_ms: native.median_ms, p95_ms: native.p95_ms, hits: native.hits },
  "Parallax wasm": summary(wasm.build, wasm.bytes, wasm.perQuery, wasm.hits),
};
for (const [name, peer] of Object.entries(peers)) engines[name] = measurePeer(name, peer);

const [flex, mini] = Object.keys(peers).map((k) => engines[k]).reverse();
const ratio = (a, b) => round(a / b, 2);
const ratios = {};
for (const side of ["Parallax native", "Parallax wasm"]) {
  ratios[side] = {
    build_vs_flexsearch: ratio(engines[side].build_ms, flex.build_ms),
    p95_vs_flexsearch: ratio(engines[side].p95_ms, flex.p95_ms),
    build_vs_minisearch: ratio(engines[side].build_ms, mini.build_ms),
    p95_vs_minisearch: ratio(engines[side].p95_ms, mini.p95_ms),
  };
}
const table = Object.fromEntries(Object.entries(engines).map(([k, { hits, ...rest }]) => [k, rest]));
console.log(JSON.stringify({
  docs: docs.length, queries: queries.length, runs, builds, engines: table, ratios,
  hits: Object.fromEntries(queries.map((q, i) => [q, Object.fromEntries(Object.entries(engines).map(([k, e]) => [k, e.hits[i]]))])),
}, null, 2));

// Entity extraction throughput (MB/s, words/s) on one sample of real news, measured four ways in
// one run: Parallax natively (the CLI), Parallax as wasm in headless Chromium, and the peer
// libraries compromise and wink-nlp (in Node, the same V8 as Chromium), with the ratios.
//   bash scripts/bench.sh   (builds everything, installs the peers, then runs this)
//   node bench/entities-speed.mjs [CORPUS.jsonl.gz] [--bytes=5000000] [--runs=5] [--peer-runs=1]
// The sample: articles in file order until their text reaches --bytes (the same rule as
// `parallax bench entities --sample-bytes`). Every timed figure is a median of --runs passes after
// one untimed warm-up pass; the peers get --peer-runs passes (compromise needs about a minute a
// pass on 5 MB) after a warm-up on the first 20 articles.
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
const sampleBytes = option("bytes", 5_000_000);
const runs = option("runs", 5);
const peerRuns = option("peer-runs", 1);

// ---------------------------------------------------------------------------------------------
// The sample

const raw = readFileSync(corpus);
const lines = (corpus.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8").split("\n");
const texts = [];
let bytes = 0;
for (const line of lines) {
  if (bytes >= sampleBytes) break;
  if (!line.trim()) continue;
  const text = JSON.parse(line).text;
  if (typeof text !== "string" || !text.trim()) continue;
  texts.push(text);
  bytes += Buffer.byteLength(text, "utf8");
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function timed(passes, work) {
  const times = [];
  let result;
  for (let i = 0; i < passes; i++) {
    const start = performance.now();
    result = work();
    times.push(performance.now() - start);
  }
  return { ms: median(times), result };
}
let words; // Unicode words (UAX #29), counted by `parallax bench entities` on the same sample
const rate = (ms) => ({
  ms: Math.round(ms * 10) / 10,
  mb_per_s: Math.round((bytes / 1e6 / (ms / 1000)) * 100) / 100,
  words_per_s: Math.round(words / (ms / 1000)),
});

// ---------------------------------------------------------------------------------------------
// Parallax, native

const cli = JSON.parse(
  execFileSync(join(ROOT, "target/release/parallax"), [
    "bench", "entities", `--sample-bytes=${sampleBytes}`, `--runs=${runs}`, corpus,
  ]).toString(),
);
if (cli.bytes !== bytes) throw new Error(`native sample is ${cli.bytes} bytes, this one ${bytes}`);
words = cli.words;
const native = { ...rate(cli.extract_ms), mentions: cli.mentions_extracted };

// ---------------------------------------------------------------------------------------------
// Parallax, wasm in headless Chromium (built by scripts/bench.sh into target/wasm-bench)

const site = mkdtempSync(join(tmpdir(), "parallax-wasm-bench-"));
for (const file of ["parallax-wasm-bench.js", "parallax-wasm-bench_bg.wasm"]) {
  copyFileSync(join(ROOT, "target/wasm-bench", file), join(site, file));
}
writeFileSync(join(site, "index.html"), "<!DOCTYPE html><meta charset=utf-8><link rel=icon href=\"data:,\"><title>bench</title>");
const server = await serve(site);
const browser = await launch();
const page = await watchedPage(browser, server.url);
await page.goto(server.url);
const inBrowser = await page.evaluate(
  async ({ texts, runs }) => {
    const { default: init, Sample } = await import("./parallax-wasm-bench.js");
    await init();
    const sample = new Sample(texts);
    const times = [];
    let mentions = sample.extract(); // warm-up
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      mentions = sample.extract();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return { ms: times[Math.floor(times.length / 2)], mentions, userAgent: navigator.userAgent };
  },
  { texts, runs },
);
if (page.problems.length) throw new Error(page.problems.join("\n"));
await browser.close();
await server.close();
rmSync(site, { recursive: true });
if (inBrowser.mentions !== native.mentions) {
  throw new Error(`wasm found ${inBrowser.mentions} mentions, native ${native.mentions}`);
}
const wasm = { ...rate(inBrowser.ms), mentions: inBrowser.mentions };

// ---------------------------------------------------------------------------------------------
// Peers, in Node

function peer(name, extract) {
  for (const t of texts.slice(0, 20)) extract(t); // warm-up
  const { ms, result } = timed(peerRuns, () => texts.reduce((n, t) => n + extract(t), 0));
  return { ...rate(ms), mentions: result, version: packageVersion(name) };
}

const nlp = require("compromise");
// Names with their offsets, as the entity gold benchmark (bench/entities-peers.mjs) takes them.
const compromise = peer("compromise", (text) => {
  const doc = nlp(text);
  return ["people", "organizations", "places"]
    .map((kind) => doc[kind]().out("offset").length)
    .reduce((a, b) => a + b, 0);
});

const winkNLP = require("wink-nlp");
const wink = winkNLP(require("wink-eng-lite-web-model"));
// wink-nlp's web model has no PERSON/ORG/PLACE; its entities are dates, numbers, e-mails and the like.
const winkResult = peer("wink-nlp", (text) => wink.readDoc(text).entities().out(wink.its.detail).length);
winkResult.model = packageVersion("wink-eng-lite-web-model");

const ratio = (a, b) => Math.round((a.mb_per_s / b.mb_per_s) * 10) / 10;
console.log(
  JSON.stringify(
    {
      sample: { docs: texts.length, bytes, words, runs, peer_runs: peerRuns },
      parallax_native: native,
      parallax_wasm: { ...wasm, browser: inBrowser.userAgent.match(/(Headless)?Chrome\/[\d.]+/)?.[0] },
      compromise,
      wink_nlp: winkResult,
      ratios: {
        native_vs_compromise: ratio(native, compromise),
        wasm_vs_compromise: ratio(wasm, compromise),
        native_vs_wink_nlp: ratio(native, winkResult),
        wasm_vs_wink_nlp: ratio(wasm, winkResult),
        wasm_vs_native: ratio(wasm, native),
      },
      targets: { native_mb_per_s: 20, wasm_mb_per_s: 8 },
    },
    null,
    2,
  ),
);

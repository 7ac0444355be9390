// Force layout speed, three ways in one run on the same random graph (1,000 nodes, 5,000 edges,
// fixed seed, 300 ticks): Parallax natively (`parallax bench layout`), Parallax as wasm in headless
// Chromium (`LayoutSample` in `parallax-wasm-bench`), and d3-force (forceManyBody + forceLink +
// forceCenter, 300 × tick()) in the same page, with the ratio. So that no engine wins by doing
// less, each layout's edge-length ratio is printed too (mean edge length over mean distance
// between nodes, pairs sampled the same way; lower: connected nodes sit closer).
//   bash scripts/bench.sh   (builds everything, installs d3-force, then runs this)
//   node bench/layout-speed.mjs [--nodes=1000] [--edges=5000] [--iterations=300] [--runs=5]
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, serve, launch, watchedPage, packageDir, packageVersion } from "../tests/e2e/harness.mjs";

const option = (name, fallback) =>
  Number(process.argv.slice(2).find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const nodes = option("nodes", 1000);
const edges = option("edges", 5000);
const iterations = option("iterations", 300);
const runs = option("runs", 5);
const seed = 1;

const native = JSON.parse(execFileSync(join(ROOT, "target/release/parallax"), [
  "bench", "layout", `--nodes=${nodes}`, `--edges=${edges}`, `--iterations=${iterations}`,
  `--seed=${seed}`, `--runs=${runs}`,
]).toString());

const site = mkdtempSync(join(tmpdir(), "parallax-layout-bench-"));
for (const file of ["parallax-wasm-bench.js", "parallax-wasm-bench_bg.wasm"]) {
  copyFileSync(join(ROOT, "target/wasm-bench", file), join(site, file));
}
// d3-force and its dependencies as UMD scripts: each adds itself to `window.d3`.
const d3 = ["d3-dispatch", "d3-quadtree", "d3-timer", "d3-force"];
for (const name of d3) {
  copyFileSync(join(packageDir(name), "dist", `${name}.min.js`), join(site, `${name}.js`));
}
writeFileSync(join(site, "index.html"), `<!DOCTYPE html><meta charset=utf-8><link rel=icon href="data:,"><title>bench</title>
${d3.map((name) => `<script src="${name}.js"></script>`).join("\n")}`);
const server = await serve(site);
const browser = await launch();
const page = await watchedPage(browser, server.url);
await page.goto(server.url);
const measured = await page.evaluate(async ({ nodes, edges, iterations, runs, seed }) => {
  const { default: init, LayoutSample } = await import("./parallax-wasm-bench.js");
  await init();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ratio = (x, y, pairs) => {
    const n = x.length;
    const distance = (a, b) => Math.hypot(x[a] - x[b], y[a] - y[b]);
    const along = pairs.reduce((s, [a, b]) => s + distance(a, b), 0) / pairs.length;
    let sum = 0, count = 0;
    for (let i = 0; i < n; i++) {
      const j = (i * 7919 + 1) % n;
      if (i !== j) { sum += distance(i, j); count++; }
    }
    return along / (sum / count);
  };
  const wasm = [], d3ms = [];
  let wasmRatio = 0, d3Ratio = 0, finite = true, pairs = [];
  for (let run = 0; run <= runs; run++) {
    const sample = new LayoutSample(nodes, edges, BigInt(seed));
    const flat = sample.edge_list();
    pairs = [];
    for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
    let start = performance.now();
    sample.run(iterations);
    if (run > 0) wasm.push(performance.now() - start);
    wasmRatio = sample.edge_length_ratio();
    finite &&= sample.finite();
    sample.free();

    const simNodes = Array.from({ length: nodes }, () => ({}));
    const links = pairs.map(([source, target]) => ({ source, target }));
    start = performance.now();
    const simulation = d3.forceSimulation(simNodes)
      .force("charge", d3.forceManyBody())
      .force("link", d3.forceLink(links))
      .force("center", d3.forceCenter())
      .stop();
    for (let i = 0; i < iterations; i++) simulation.tick();
    if (run > 0) d3ms.push(performance.now() - start);
    d3Ratio = ratio(simNodes.map((n) => n.x), simNodes.map((n) => n.y), pairs);
    finite &&= simNodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y));
  }
  return { wasm: median(wasm), d3: median(d3ms), wasmRatio, d3Ratio, finite, edges: pairs.length };
}, { nodes, edges, iterations, runs, seed });
if (page.problems.length) throw new Error(page.problems.join("\n"));
await browser.close();
await server.close();
rmSync(site, { recursive: true });
if (!measured.finite) throw new Error("a layout produced a non-finite position");

const round = (x) => Math.round(x * 100) / 100;
console.log(JSON.stringify({
  graph: { nodes, edges: measured.edges, iterations, runs },
  parallax_native: { ms: native.ms, edge_length_ratio: native.edge_length_ratio },
  parallax_wasm: { ms: round(measured.wasm), edge_length_ratio: round(measured.wasmRatio) },
  d3_force: { version: packageVersion("d3-force"), ms: round(measured.d3), edge_length_ratio: round(measured.d3Ratio) },
  wasm_over_d3: round(measured.wasm / measured.d3),
  target: "wasm ≤ 0.25 × d3-force",
}, null, 2));

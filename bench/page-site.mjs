// The release page mounted on a JSON-lines corpus in headless Chromium, for the page benchmarks
// (bench/page-search.mjs, bench/page-graph.mjs). The page is the app (wasm-release profile,
// wasm-opt -Os) mounted by `parallax-page-bench` (src/bin/page_bench.rs) through the page's own
// `mount_corpus`; a user-facing import is a later issue.
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, DIST, serve, launch, watchedPage } from "../tests/e2e/harness.mjs";

export const DEFAULT_CORPUS = join(ROOT, "../shared/datasets/allsides-10k.jsonl.gz");

/** In the page, as `window.__bench`: every long task's duration (from the start), `sleep(ms)`,
 * and `until(test, timeout, describe)`, which polls `test` and returns the ms it took (or throws
 * with `describe()`). */
export function benchHelpers() {
  const longTasks = [];
  new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)))
    .observe({ type: "longtask" });
  const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
  const until = async (test, timeout = 60000, describe = () => "") => {
    const start = performance.now();
    while (!test()) {
      if (performance.now() - start > timeout) throw new Error(`timed out ${describe()}`);
      await sleep(5);
    }
    return performance.now() - start;
  };
  window.__bench = { longTasks, sleep, until };
}

/** Opens the page at `search` (a URL query) mounted on `corpus`; returns the page, the mount's
 * figures and a `close()`. */
export async function mountedPage(corpus, search = "", viewport = { width: 1280, height: 800 }) {
  const site = mkdtempSync(join(tmpdir(), "parallax-page-bench-"));
  for (const file of readdirSync(join(ROOT, "target/page-bench"))) {
    copyFileSync(join(ROOT, "target/page-bench", file), join(site, file));
  }
  const css = readdirSync(DIST).find((f) => f.endsWith(".css"));
  copyFileSync(join(DIST, css), join(site, "main.css"));
  copyFileSync(corpus, join(site, "corpus.jsonl.gz"));
  writeFileSync(join(site, "index.html"), `<!DOCTYPE html><meta charset=utf-8><link rel=icon href="data:,">
<link rel=stylesheet href=main.css><title>Parallax page benchmark</title>
<script type=module>
import init, { mount_jsonl } from "./parallax-page-bench.js";
window.__mount = async () => {
  const wasm = await init();
  const stream = (await fetch("corpus.jsonl.gz")).body.pipeThrough(new DecompressionStream("gzip"));
  const lines = (await new Response(stream).text()).split("\\n").filter((l) => l.trim());
  const start = performance.now();
  const docs = mount_jsonl(lines);
  return { docs, mount_ms: performance.now() - start, wasm_memory_mb: wasm.memory.buffer.byteLength / 1e6 };
};
</script>`);
  const server = await serve(site);
  const browser = await launch();
  const page = await watchedPage(browser, server.url, { viewport });
  await page.addInitScript(benchHelpers);
  await page.goto(server.url + search);
  await page.waitForFunction(() => window.__mount !== undefined);
  console.error("mounting the page on the corpus (entity resolution and indexing; a minute or so)…");
  const mounted = await page.evaluate(() => window.__mount());
  await page.locator(".doc-row").first().waitFor();
  const close = async () => {
    if (page.problems.length) throw new Error(page.problems.join("\n"));
    await browser.close();
    await server.close();
    rmSync(site, { recursive: true });
  };
  return { page, mounted, close };
}

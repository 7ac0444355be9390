// Importing a large corpus through the page's own file picker, in headless Chromium, on the release
// build (dist/): how long each stage takes, how long the main thread was blocked (long-task
// observer), the renderer's peak memory, then the reopening of the stored corpus after a reload and
// a search once it is shown.
//   trunk build --release && node bench/page-import.mjs [CORPUS.jsonl.gz]
//   parallax index CORPUS.jsonl.gz -o CORPUS.parallax-index && node bench/page-import.mjs CORPUS.parallax-index
// (with an index file, "reading" ends when the import is done: there is no mapping to confirm).
import { readdirSync, readFileSync } from "node:fs";
import { DEFAULT_CORPUS, benchHelpers } from "./page-site.mjs";
import { serve, launch, watchedPage } from "../tests/e2e/harness.mjs";

const corpus = process.argv[2] ?? DEFAULT_CORPUS;

/** The highest resident memory any Chromium renderer process reached (VmHWM), in MB. */
function peakRendererMb() {
  let peak = 0;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!cmdline.includes("--type=renderer")) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
    } catch {
      // the process ended while being read
    }
  }
  return Math.round(peak);
}

/** Long tasks since `from` (an index into the observer's list): count over 100 ms, longest, sum. */
const blocked = (tasks) => ({
  long_tasks: tasks.length,
  over_100_ms: tasks.filter((t) => t > 100).length,
  longest_ms: Math.round(Math.max(0, ...tasks)),
  blocked_ms: Math.round(tasks.reduce((a, b) => a + b, 0)),
});

const server = await serve();
const browser = await launch();
const page = await watchedPage(browser, server.url, { viewport: { width: 1280, height: 800 } });
page.on("console", (m) => m.type() === "error" && console.error(`page: ${m.text()}`));
await page.addInitScript(benchHelpers);
await page.addInitScript(() => addEventListener("TrunkApplicationStarted", (e) => (window.__wasm = e.detail.wasm)));
await page.goto(server.url);
await page.locator(".doc-row").first().waitFor({ timeout: 30000 });
const tasksNow = () => page.evaluate(() => window.__bench.longTasks.length);
const tasksSince = (from) => page.evaluate((from) => window.__bench.longTasks.slice(from), from);

console.error("reading the files…");
await page.locator(".corpus-menu").click();
let mark = await tasksNow();
let start = Date.now();
await page.locator(".import-files").setInputFiles(corpus);
// Records wait for their mapping to be confirmed; an index file goes straight on.
await page.locator(".import-confirm, .import-summary").first().waitFor({ timeout: 600000 });
const reading = { ms: Date.now() - start, ...blocked(await tasksSince(mark)) };

console.error("importing and analysing…");
mark = await tasksNow();
start = Date.now();
if (await page.locator(".start-import").count()) await page.locator(".start-import").click();
await page.locator(".import-summary").waitFor({ timeout: 1800000 });
const importing = { ms: Date.now() - start, ...blocked(await tasksSince(mark)) };
const summary = await page.locator(".import-headline").textContent();
await page.locator(".doc-row").first().waitFor({ timeout: 600000 });
const shown = { ms: Date.now() - start, ...blocked(await tasksSince(mark)) };
const wasmMb = await page.evaluate(() => Math.round(window.__wasm.memory.buffer.byteLength / 1e6));

console.error("reopening after a reload…");
start = Date.now();
await page.reload();
await page.locator(".doc-row").first().waitFor({ timeout: 1800000 });
const reopened = { ms: Date.now() - start, ...blocked(await page.evaluate(() => window.__bench.longTasks)) };

const search = await page.evaluate(async () => {
  const input = document.querySelector(".search-box");
  const start = performance.now();
  input.value = "police";
  input.dispatchEvent(new Event("input", { bubbles: true }));
  await new Promise((done) => setTimeout(done, 0));
  void document.body.offsetHeight;
  return Math.round(performance.now() - start);
});

const result = {
  corpus,
  summary,
  reading_files: reading,
  import_and_analysis: importing,
  until_the_list_is_shown: shown,
  reopen_after_reload: reopened,
  first_keystroke_after_reopen_ms: search,
  wasm_memory_mb: wasmMb,
  peak_renderer_memory_mb: peakRendererMb(),
};
console.log(JSON.stringify(result, null, 2));
if (page.problems.length) console.error(page.problems.join("\n"));
await browser.close();
await server.close();

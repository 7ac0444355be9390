// The page at 10,000 documents: how long each keystroke in the search box and each facet click
// takes, in headless Chromium, from the input event until the page has updated and laid out.
//   bash scripts/bench.sh   (builds everything, then runs this)
//   node bench/page-search.mjs [CORPUS.jsonl.gz]   (after the build of target/page-bench)
// The page is mounted on the corpus by bench/page-site.mjs.
import { DEFAULT_CORPUS, mountedPage } from "./page-site.mjs";

const corpus = process.argv[2] ?? DEFAULT_CORPUS;
/** Typed one character at a time, as a user would. */
const TYPED = ["trump", "police reform", "\"white house\"", "climate change", "immigration -trump", "entity:\"Joe Biden\""];

const { page, mounted, close } = await mountedPage(corpus);

const measured = await page.evaluate(async (typed) => {
  // A macrotask after the event: every microtask (Leptos's reactive updates) has run by then.
  const afterUpdates = () => new Promise((done) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = done;
    channel.port2.postMessage(0);
  });
  const timed = async (act) => {
    const start = performance.now();
    act();
    await afterUpdates();
    void document.body.offsetHeight; // style and layout of what changed
    return performance.now() - start;
  };
  const input = document.querySelector(".search-box");
  const keystrokes = [];
  const urlWrites = [];
  const results = {};
  for (const query of typed) {
    for (let i = 1; i <= query.length; i++) {
      const text = query.slice(0, i);
      keystrokes.push([text, await timed(() => {
        input.value = text;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      })]);
    }
    // What the pause after typing costs: the query written into the URL (as Enter does at once).
    urlWrites.push(await timed(() => input.dispatchEvent(new Event("change", { bubbles: true }))));
    results[query] = document.querySelector(".search-summary").textContent;
  }
  // Facet clicks on the last query's results: the first source, then the first month bar.
  const clicks = [];
  for (const selector of [".facet[data-facet='source'] .facet-value", ".month-bar:not(.empty)", ".chip"]) {
    const el = document.querySelector(selector);
    if (el) clicks.push(await timed(() => el.click()));
  }
  const clearing = await timed(() => {
    input.value = "";
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  // An entity edit: hiding the most-mentioned entity. It is applied a step per task; this is the
  // longest task meanwhile and how long until the page shows the result.
  const settled = (check) => new Promise((done) => {
    const poll = () => (check() ? done() : setTimeout(poll, 5));
    poll();
  });
  document.querySelectorAll(".pane-tab")[1].click();
  await settled(() => document.querySelector(".entity-row"));
  document.querySelector(".entity-row .entity-link").click();
  await settled(() => document.querySelector(".curate .hide"));
  const tasks = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: "longtask" });
  const start = performance.now();
  document.querySelector(".curate .hide").click();
  await settled(() => document.querySelector(".edit-count")?.textContent.startsWith("1 edit") && !document.querySelector(".applying"));
  const edit = { shown_ms: performance.now() - start };
  await new Promise((done) => setTimeout(done, 50));
  observer.disconnect();
  edit.longest_task_ms = Math.max(0, ...tasks);
  edit.tasks_over_50_ms = tasks.length;
  return { keystrokes, urlWrites, results, clicks, clearing, edit };
}, TYPED);
await close();

const sorted = measured.keystrokes.map(([, ms]) => ms).sort((a, b) => a - b);
const at = (q) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 10) / 10;
const round = (x) => Math.round(x * 10) / 10;
console.log(JSON.stringify({
  docs: mounted.docs,
  mount_ms: Math.round(mounted.mount_ms),
  wasm_memory_mb: Math.round(mounted.wasm_memory_mb),
  keystrokes: sorted.length,
  keystroke_ms: { median: at(0.5), p95: at(0.95), max: at(1) },
  over_one_frame: sorted.filter((t) => t > 16).length,
  slowest: [...measured.keystrokes].sort((a, b) => b[1] - a[1]).slice(0, 5)
    .map(([text, ms]) => `${text} ${round(ms)}`),
  url_write_ms: measured.urlWrites.map(round),
  facet_clicks_ms: measured.clicks.map(round),
  clear_query_ms: round(measured.clearing),
  entity_edit: { shown_ms: round(measured.edit.shown_ms), longest_task_ms: round(measured.edit.longest_task_ms), tasks_over_50_ms: measured.edit.tasks_over_50_ms },
  results: measured.results,
}, null, 2));

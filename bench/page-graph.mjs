// The entity graph at 10,000 articles in headless Chromium: reading the sentences (a slice of
// documents per task), the first drawing, the frames while the layout runs (SVG, 100 and 500
// nodes), and a recount after the search changes. Long tasks (over 50 ms) are counted by a
// PerformanceObserver; a frame is the time between two requestAnimationFrame callbacks.
//   bash scripts/bench.sh   (builds everything, then runs this)
//   node bench/page-graph.mjs [CORPUS.jsonl.gz]   (after the builds of target/page-bench and dist)
import { DEFAULT_CORPUS, mountedPage } from "./page-site.mjs";

const corpus = process.argv[2] ?? DEFAULT_CORPUS;
const { page, mounted, close } = await mountedPage(corpus, "", { width: 1280, height: 900 });

const measured = await page.evaluate(async () => {
  const { longTasks, until } = window.__bench;
  const frames = (ms) => new Promise((done) => {
    const gaps = [];
    let last = performance.now();
    const end = last + ms;
    const tick = (now) => {
      gaps.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(tick); else done(gaps);
    };
    requestAnimationFrame(tick);
  });
  const summary = (gaps) => {
    const sorted = [...gaps].sort((a, b) => a - b);
    const at = (q) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 10) / 10;
    return { frames: gaps.length, median_ms: at(0.5), p95_ms: at(0.95), max_ms: at(1), over_20ms: gaps.filter((g) => g > 20).length };
  };
  const open = document.querySelector(".graph-open");
  const taskMark = longTasks.length;
  open.click();
  const firstDrawing = await until(() => document.querySelectorAll(".graph-node").length > 0);
  const readingLongTasks = longTasks.slice(taskMark);
  const status100 = document.querySelector(".graph-status").textContent;
  const layout100 = summary(await frames(3000));

  const nodesSelect = [...document.querySelectorAll(".graph-control select")][4];
  nodesSelect.value = "500";
  nodesSelect.dispatchEvent(new Event("change", { bubbles: true }));
  await until(() => document.querySelectorAll(".graph-node").length > 100);
  const status500 = document.querySelector(".graph-status").textContent;
  const mark500 = longTasks.length;
  const layout500 = summary(await frames(4000));
  const layout500LongTasks = longTasks.slice(mark500);

  const input = document.querySelector(".search-box");
  input.value = "police";
  input.dispatchEvent(new Event("input", { bubbles: true }));
  const before = document.querySelector(".graph-status").textContent;
  const recount = await until(() => document.querySelector(".graph-status").textContent !== before);
  return {
    first_drawing_ms: Math.round(firstDrawing),
    reading_long_tasks_ms: readingLongTasks.map(Math.round),
    status_100: status100, layout_100_frames: layout100,
    status_500: status500, layout_500_frames: layout500,
    layout_500_long_tasks_ms: layout500LongTasks.map(Math.round),
    recount_after_search_ms: Math.round(recount),
    status_after_search: document.querySelector(".graph-status").textContent,
  };
});
await close();
console.log(JSON.stringify({ docs: mounted.docs, ...measured }, null, 2));

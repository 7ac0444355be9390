// The comparison at 10,000 articles in headless Chromium: one document against all the others
// (the first time including the shingle index, then with it built), and the overview of the 30
// first listed (435 pairs aligned, the quote table). Long tasks (over 50 ms) are counted by a
// PerformanceObserver; a frame is the time between two requestAnimationFrame callbacks.
//   bash scripts/bench.sh   (builds everything, then runs this)
//   node bench/page-compare.mjs [CORPUS.jsonl.gz]   (after the builds of target/page-bench and dist)
import { DEFAULT_CORPUS, mountedPage } from "./page-site.mjs";

const corpus = process.argv[2] ?? DEFAULT_CORPUS;
const { page, mounted, close } = await mountedPage(corpus, "", { width: 1280, height: 900 });

const measured = await page.evaluate(async () => {
  const { longTasks, until: wait } = window.__bench;
  const until = (test, timeout = 120000) =>
    wait(test, timeout, () => `${text(".against-progress")} ${location.search} ${document.title}`);
  // Gaps between animation frames from now until the returned function is called.
  const frames = () => {
    const gaps = [];
    let framing = true;
    let last = performance.now();
    const tick = (now) => {
      gaps.push(now - last);
      last = now;
      if (framing) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    return () => {
      framing = false;
      const sorted = [...gaps].sort((a, b) => a - b);
      const at = (q) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 10) / 10;
      return { frames: gaps.length, median_ms: at(0.5), p95_ms: at(0.95), max_ms: at(1), over_50ms: gaps.filter((g) => g > 50).length };
    };
  };
  const go = (search) => {
    const link = document.createElement("a");
    link.href = location.pathname + search;
    document.body.append(link);
    link.click();
    link.remove();
  };
  const text = (selector) => document.querySelector(selector)?.textContent ?? "";
  const ids = [...document.querySelectorAll(".doc-row")].map((row) => row.dataset.id);
  const against = async (id) => {
    const mark = longTasks.length;
    // The view is patched in place from one document to the next: the page title tells them apart.
    const title = `${document.querySelector(`.doc-row[data-id="${id}"] .doc-title`).textContent.trim()} against all · Parallax`;
    const watch = frames();
    go(`?cmp=${encodeURIComponent(id)}`);
    const ms = await until(() => document.title.trim() === title.trim().replace(/\s+/g, " ")
      && /^Compared with [\d,]+ documents?\.$/.test(text(".against-progress")));
    return {
      doc: id, ms: Math.round(ms), status: text(".against-progress"), note: text(".compare-note"),
      long_tasks_ms: longTasks.slice(mark).map(Math.round), frames: watch(),
    };
  };
  const first = await against(ids[0]);
  const warm = [];
  for (const id of ids.slice(1, 11)) warm.push(await against(id));
  warm.sort((a, b) => a.ms - b.ms);
  const mark = longTasks.length;
  const watch = frames();
  go("?cmp=");
  const heatmap = await until(() => text(".heat-progress").includes("pairs compared;"), 300000);
  const quotes = await until(() => document.querySelector(".quote-table, .quotes-none") !== null);
  return {
    against_first_with_index: first,
    against_warm_ms: warm.map((w) => w.ms),
    against_warm_median_ms: warm[Math.floor(warm.length / 2)].ms,
    against_warm_max_ms: warm[warm.length - 1].ms,
    against_warm_long_tasks_ms: warm.flatMap((w) => w.long_tasks_ms),
    against_warm_status: warm.map((w) => w.status),
    overview_heatmap_ms: Math.round(heatmap),
    overview_quotes_ms: Math.round(quotes),
    overview_status: text(".heat-progress"),
    overview_quote_rows: document.querySelectorAll(".quote-table tbody tr").length,
    overview_long_tasks_ms: longTasks.slice(mark).map(Math.round),
    overview_frames: watch(),
  };
});
await close();
console.log(JSON.stringify({ docs: mounted.docs, mount_ms: Math.round(mounted.mount_ms), ...measured }, null, 2));

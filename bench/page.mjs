// Page benchmark: release asset sizes (raw and gzip) and time to first render in headless Chromium.
//   bash scripts/bench.sh        (builds the release, then runs this)
//   node bench/page.mjs [RUNS]   (on an existing dist/)
import { readdirSync, readFileSync } from "node:fs";
import { join, extname } from "node:path";
import { gzipSync } from "node:zlib";
import { DIST, serve, launch, watchedPage } from "../tests/e2e/harness.mjs";

const runs = Number(process.argv[2] ?? 15);
const sizes = {};
for (const file of readdirSync(DIST)) {
  const ext = extname(file).slice(1);
  const bytes = readFileSync(join(DIST, file));
  const key = file.endsWith("_bg.wasm") ? "wasm" : ext;
  sizes[key] = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const server = await serve();
const browser = await launch();
const firstRender = [];
for (let i = 0; i < runs; i++) {
  const page = await watchedPage(browser, server.url);
  // Record when the first document row enters the DOM, on the page's own clock (ms since navigation).
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector(".doc-row")) {
        window.__firstRender = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(server.url);
  await page.waitForFunction(() => window.__firstRender !== undefined, null, { timeout: 20000 });
  firstRender.push(await page.evaluate(() => window.__firstRender));
  if (page.problems.length) throw new Error(page.problems.join("\n"));
  await page.context().close();
}
// The comparison overview opened directly: when its table first shows, and when every pair of
// the seeds is aligned (ms since navigation).
const compareShown = [];
const compareDone = [];
for (let i = 0; i < runs; i++) {
  const page = await watchedPage(browser, server.url);
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (window.__shown === undefined && document.querySelector(".heat-table")) window.__shown = performance.now();
      if (document.querySelector(".heat-progress")?.textContent.includes("pairs compared;")) {
        window.__done = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await page.goto(server.url + "?cmp=");
  await page.waitForFunction(() => window.__done !== undefined, null, { timeout: 20000 });
  compareShown.push(await page.evaluate(() => window.__shown));
  compareDone.push(await page.evaluate(() => window.__done));
  if (page.problems.length) throw new Error(page.problems.join("\n"));
  await page.context().close();
}
await browser.close();
await server.close();

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))] * 10) / 10;
};
console.log(JSON.stringify({
  sizes,
  runs,
  first_render_ms: { median: quantile(firstRender, 0.5), p95: quantile(firstRender, 0.95), min: quantile(firstRender, 0) },
  compare_overview_shown_ms: { median: quantile(compareShown, 0.5), p95: quantile(compareShown, 0.95) },
  compare_all_seed_pairs_ms: { median: quantile(compareDone, 0.5), p95: quantile(compareDone, 0.95) },
}, null, 2));

// Screenshots of the release build for the README (desktop and phone):
//   node tests/e2e/screenshots.mjs [OUT_DIR]   (default docs/)
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT, serve, launch, watchedPage } from "./harness.mjs";

const out = process.argv[2] ?? join(ROOT, "docs");
mkdirSync(out, { recursive: true });
const server = await serve();
const browser = await launch();
const shots = [
  { name: "screenshot.png", query: "?doc=001_3d4b255715acc054.txt", viewport: { width: 1280, height: 800 } },
  { name: "screenshot-entities.png", query: "?view=entities&entity=person:gebry&doc=004_5794830cfb3b6476.txt", viewport: { width: 1280, height: 800 } },
  { name: "screenshot-search.png", query: "?q=%22timnit%20gebru%22%20OR%20buolamwini&doc=004_5794830cfb3b6476.txt&at=1587", viewport: { width: 1280, height: 800 } },
  { name: "screenshot-concordance.png", query: "?q=police&kwic=&kwic_sort=left", viewport: { width: 1280, height: 800 }, ready: ".kwic-row" },
  { name: "screenshot-graph.png", query: "?graph=&g.edge=person%3Ajoy-buolamwini~person%3Atimnit-gebru", viewport: { width: 1280, height: 1000 }, ready: ".evidence-line", wait: 1500 },
  { name: "screenshot-compare.png", query: "?cmp=001_3d4b255715acc054.txt&c.b=004_5794830cfb3b6476.txt&c.pair=2", viewport: { width: 1280, height: 1000 }, ready: ".sbs-row" },
  { name: "screenshot-compare-overview.png", query: "?cmp=", viewport: { width: 1280, height: 1300 }, ready: ".quote-table", wait: 300 },
  { name: "screenshot-compare-against.png", query: "?cmp=001_3d4b255715acc054.txt", viewport: { width: 1280, height: 800 }, ready: ".chip", wait: 300 },
  { name: "screenshot-phone.png", query: "?doc=003_116c2fefbf00860c.txt", viewport: { width: 390, height: 844 } },
];
for (const { name, query, ready, wait, ...options } of shots) {
  const page = await watchedPage(browser, server.url, options);
  await page.goto(server.url + query);
  await page.locator(ready ?? ".reader-title").first().waitFor({ timeout: 20000 });
  if (wait) await page.waitForTimeout(wait); // the graph's layout runs over a few frames
  await page.screenshot({ path: join(out, name) });
  if (page.problems.length) console.error(name, page.problems);
  console.log(join(out, name));
}
await browser.close();
await server.close();

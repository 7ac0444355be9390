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
  { name: "screenshot-views.png", query: "?q=police&f.entity=person%3Ajeff-bezos&graph=", viewport: { width: 1280, height: 800 }, ready: ".doc-row", wait: 300, act: saveViews },
  { name: "screenshot-import.png", query: "", viewport: { width: 1280, height: 800 }, ready: ".doc-row", act: importBatch },
];

/** A batch with a good text file, a feed with one broken line, a binary and a Latin-1 file. */
async function importBatch(page) {
  await page.locator(".corpus-menu").click();
  await page.locator(".import-files").setInputFiles([
    { name: "ledger.txt", mimeType: "text/plain", buffer: Buffer.from("Council halts face scans\n\nOakland's council voted on Tuesday to halt police face scans.\n") },
    { name: "wire.jsonl", mimeType: "application/octet-stream", buffer: Buffer.from('{"headline": "Amazon pauses Rekognition", "content": "Amazon said on Wednesday it would pause police use of Rekognition for one year.", "publisher": "Reuters", "published_at": "2020-06-10"}\n{"headline": "Half a line", broken\n') },
    { name: "photo.txt", mimeType: "text/plain", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]) },
    { name: "old-site.txt", mimeType: "text/plain", buffer: Buffer.from("Caf\xe9 owners \x93protest\x94\n\nThe \xe9lite caf\xe9 closed after the vote.\n", "latin1") },
  ]);
  await page.locator(".start-import").click();
  await page.locator(".import-summary").waitFor({ timeout: 20000 });
}
/** Saves the view shown under its own description, and the seeds' entities as "Who is named". */
async function saveViews(page) {
  await page.locator(".views-menu").click();
  await page.locator(".save-view button").click();
  await page.goto(page.url().split("?")[0] + "?view=entities");
  await page.locator(".views-menu").click();
  await page.locator(".save-view input").fill("Who is named");
  await page.locator(".save-view input").press("Enter");
  await page.locator(".view-row", { hasText: "Who is named" }).waitFor();
}
for (const { name, query, ready, wait, act, ...options } of shots) {
  const page = await watchedPage(browser, server.url, options);
  await page.goto(server.url + query);
  await page.locator(ready ?? ".reader-title").first().waitFor({ timeout: 20000 });
  if (act) await act(page);
  if (wait) await page.waitForTimeout(wait); // the graph's layout runs over a few frames
  await page.screenshot({ path: join(out, name) });
  if (page.problems.length) console.error(name, page.problems);
  console.log(join(out, name));
}
await browser.close();
await server.close();

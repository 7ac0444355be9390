// The optimised release build (dist/, after wasm-opt) in headless Chromium. A broken wasm-opt, a
// CSP that blocks the loader or a missing asset passes every other test and fails here.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DIST, ROOT, serve, launch, watchedPage } from "./harness.mjs";

let server, browser;

before(async () => {
  assert.ok(existsSync(join(DIST, "index.html")), "dist/ is built (trunk build --release)");
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("the release build loads, lists the seeds and reads one with no console error", async () => {
  const page = await watchedPage(browser, server.url);
  await page.goto(server.url);
  await page.locator(".doc-row").nth(4).waitFor({ timeout: 20000 });
  assert.equal(await page.locator(".doc-row").count(), 5);

  await page.locator(".doc-row").nth(3).click();
  await page.locator(".reader-title").waitFor();
  assert.equal(await page.locator(".reader-title").textContent(), "Amazon Halts Use Of 'Racist' Facial Recognition Software By Police");
  assert.match(page.url(), /\?doc=003_116c2fefbf00860c\.txt$/);
  assert.equal(await page.title(), "Amazon Halts Use Of 'Racist' Facial Recognition Software By Police — Parallax");

  await page.locator(".toggle-boilerplate").click();
  await page.locator(".boilerplate-text:not([hidden])").first().waitFor();
  assert.match(page.url(), /boilerplate=shown/);

  await page.keyboard.press("j");
  await page.waitForURL(/004_5794830cfb3b6476/);
  assert.match(await page.locator(".facts").textContent(), /Appy Pie/);

  assert.deepEqual(page.problems, []);
});

test("a copied link opens the same view, reload keeps it", async () => {
  const page = await watchedPage(browser, server.url);
  await page.goto(`${server.url}?doc=000_a8a29ba410e08957.txt&boilerplate=shown`);
  await page.locator(".reader-title").waitFor({ timeout: 20000 });
  assert.match(await page.locator(".reader-title").textContent(), /^Amazon is cutting off US police access/);
  assert.equal(await page.locator(".boilerplate-text:not([hidden])").count(), 4);
  await page.reload();
  await page.locator(".reader-title").waitFor();
  assert.equal(await page.locator(".boilerplate-text:not([hidden])").count(), 4);
  assert.deepEqual(page.problems, []);
});

test("the entity browser and the marked reader work in the release build", async () => {
  const page = await watchedPage(browser, server.url);
  await page.goto(`${server.url}?view=entities&entity=person:jeff-bezos`);
  await page.locator(".kwic-line").first().waitFor({ timeout: 20000 });
  assert.equal(await page.locator(".kwic-line").count(), 3);
  // Per-source bars get their width through the CSSOM, which the CSP allows.
  const width = await page.locator(".entity-row.selected .bar:not(.empty)").first().evaluate((e) => e.getBoundingClientRect().width);
  assert.ok(width > 10, `bar width ${width}`);
  await page.locator(".kwic-line").last().click();
  await page.locator(".reader-body mark.jumped").waitFor();
  assert.equal(await page.locator(".reader-body mark.focus").count(), 3);
  assert.deepEqual(page.problems, []);
});

test("entity edits survive a reload, and an exported file imports back", async () => {
  const page = await watchedPage(browser, server.url);
  await page.goto(`${server.url}?view=entities&entity=person:gebry`);
  await page.locator(".suggestion .accept").click();
  await page.locator(".edit-count", { hasText: "1 edit" }).waitFor({ timeout: 20000 });
  await page.reload();
  await page.locator(".edit-count", { hasText: "1 edit" }).waitFor({ timeout: 20000 });
  assert.equal(await page.locator(".entity-name", { hasText: /^Gebry$/ }).count(), 0);

  const [download] = await Promise.all([page.waitForEvent("download"), page.locator(".curation-bar .export").click()]);
  const exported = await download.path();
  assert.equal(await page.evaluate(() => localStorage.getItem("parallax.edits.v1.seeds")), null, "edits are kept in IndexedDB");
  await keptWork(page, "edits", "parallax.edits.v1.seeds", null);
  await page.reload();
  await page.locator(".edit-count", { hasText: "0 edits" }).waitFor({ timeout: 20000 });
  await page.locator(".curation-bar .import input").setInputFiles(exported);
  await page.locator(".curation-message", { hasText: "Imported 1 edit from" }).waitFor();
  // The list is drawn again after the message: on a busy machine, a moment later.
  await page.locator(".entity-name", { hasText: /^Gebry$/ }).waitFor({ state: "detached", timeout: 20000 });
  assert.deepEqual(page.problems, []);
});

/** What the page keeps in IndexedDB's `store` under `key`; given a `value` (null: none), sets it instead. */
function keptWork(page, store, key, ...value) {
  return page.evaluate(([store, key, set, value]) => new Promise((done, failed) => {
    const open = indexedDB.open("parallax");
    open.onsuccess = () => {
      const tx = open.result.transaction(store, set ? "readwrite" : "readonly");
      const kept = tx.objectStore(store);
      const request = !set ? kept.get(key) : value === null ? kept.delete(key) : kept.put(value, key);
      tx.oncomplete = () => { open.result.close(); done(set ? null : request.result ?? null); };
      tx.onerror = () => failed(tx.error);
    };
  }), [store, key, value.length > 0, value[0] ?? null]);
}

test("edits an earlier version kept in localStorage are moved into IndexedDB", async () => {
  const page = await watchedPage(browser, server.url);
  await page.goto(server.url);
  await page.locator(".doc-row").first().waitFor({ timeout: 20000 });
  const edits = { version: 1, edits: [{ op: "hide", spelling: "Amazon" }] };
  await page.evaluate((json) => localStorage.setItem("parallax.edits.v1.seeds", json), JSON.stringify(edits));
  await page.goto(`${server.url}?view=entities`);
  await page.reload();
  await page.locator(".edit-count", { hasText: "1 edit" }).waitFor({ timeout: 20000 });
  assert.equal(await page.evaluate(() => localStorage.getItem("parallax.edits.v1.seeds")), null);
  assert.deepEqual(JSON.parse(await keptWork(page, "edits", "parallax.edits.v1.seeds")), edits);
  assert.deepEqual(page.problems, []);
});

/** Chooses `files` ({ name: text }) in the corpus panel's file picker and waits for the summary. */
async function importFiles(page, files) {
  if (!(await page.locator(".corpus-panel").count())) await page.locator(".corpus-menu").click();
  const payload = Object.entries(files).map(([name, text]) => ({ name, mimeType: "application/octet-stream", buffer: Buffer.from(text) }));
  await page.locator(".import-files").setInputFiles(payload);
  await page.locator(".import-summary").waitFor({ timeout: 20000 });
  return page.locator(".import-headline").textContent();
}

async function exportCorpus(page, row) {
  if (!(await page.locator(".corpus-panel").count())) await page.locator(".corpus-menu").click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator(".corpus-row").nth(row).locator(".export").click()]);
  return { path: await download.path(), name: download.suggestedFilename() };
}

test("an imported corpus and its edits survive a reload, and its export imports elsewhere with byte-identical text", async () => {
  const texts = {
    "ledger.txt": "Council halts face scans\r\n\nOakland's council voted “5–2” on Tuesday.\tTabs\u2028stay.  \n",
    "wire.md": "Police pause the tool\n\nPolice in Oakland paused the tool, Barbara Lee said.\n",
  };
  const page = await watchedPage(browser, server.url);
  await page.goto(server.url);
  await page.locator(".doc-row").first().waitFor({ timeout: 20000 });
  assert.equal(await importFiles(page, texts), "Imported 2 articles from 2 files into “ledger.txt and 1 more”.");
  const url = new URL(page.url());
  assert.match(url.search, /^\?corpus=c\d+$/);
  await page.goto(`${url.origin}/${url.search}&view=entities`);
  await page.locator(".entity-row", { hasText: "Barbara Lee" }).click();
  await page.locator(".curate .hide").click();
  await page.locator(".edit-count", { hasText: "1 edit" }).waitFor();
  await page.goto(`${url.origin}/${url.search}&q=council`);
  await page.locator(".doc-row").first().waitFor();
  await page.locator(".views-menu").click();
  await page.locator(".save-view input").fill("The council");
  await page.locator(".save-view input").press("Enter");
  await page.locator(".view-row", { hasText: "The council" }).waitFor();

  await page.reload();
  await page.locator(".corpus-menu", { hasText: "ledger.txt and 1 more · 2 articles" }).waitFor({ timeout: 20000 });
  await page.locator(".views-menu", { hasText: "Views (1)" }).waitFor();
  await page.goto(`${url.origin}/${url.search}&view=entities`);
  await page.locator(".edit-count", { hasText: "1 edit" }).waitFor({ timeout: 20000 });
  const exported = await exportCorpus(page, 1);
  assert.equal(exported.name, "ledger-txt-and-1-more.parallax.json");
  const file = JSON.parse(readFileSync(exported.path, "utf8"));
  assert.deepEqual(file.articles.map((a) => [a.id, a.text]), Object.entries(texts));
  assert.equal(file.edits.edits.length, 1);
  assert.deepEqual(file.views, [{ name: "The council", query: "?q=council" }], "a view names no corpus");

  const elsewhere = await watchedPage(browser, server.url);
  await elsewhere.goto(server.url);
  await elsewhere.locator(".doc-row").first().waitFor({ timeout: 20000 });
  assert.equal(await importFiles(elsewhere, { "story.parallax.json": readFileSync(exported.path) }), "Imported 2 articles from 1 file into “ledger.txt and 1 more”.");
  const again = await exportCorpus(elsewhere, 1);
  assert.equal(readFileSync(again.path, "utf8"), readFileSync(exported.path, "utf8"), "the re-export is the same file");
  await elsewhere.locator(".corpus-panel .close").click();
  await elsewhere.locator(".views-menu").click();
  await elsewhere.locator(".view-row a", { hasText: "The council" }).click();
  const opened = new URL(elsewhere.url());
  assert.equal(opened.search, `?corpus=${opened.searchParams.get("corpus")}&q=council`, "the view opens on the corpus that holds it");
  assert.notEqual(opened.searchParams.get("corpus"), url.searchParams.get("corpus"));
  await elsewhere.goto(`${opened.origin}/${opened.search}&view=entities`);
  await elsewhere.locator(".edit-count", { hasText: "1 edit" }).waitFor({ timeout: 20000 });
  assert.deepEqual([...page.problems, ...elsewhere.problems], []);
});

test("a folder dropped or chosen brings every article file in it and its subfolders, hidden files passed over", async () => {
  const story = join(mkdtempSync(join(tmpdir(), "parallax-folder-")), "story");
  mkdirSync(join(story, "cnn"), { recursive: true });
  mkdirSync(join(story, ".git"));
  writeFileSync(join(story, "a.txt"), "Council halts face scans\n\nThe council voted.\n");
  writeFileSync(join(story, "cnn", "b.md"), "Police pause the tool\n\nPolice paused it.\n");
  writeFileSync(join(story, ".DS_Store"), Buffer.from([0, 0, 0, 1, 66, 117, 100, 49]));
  writeFileSync(join(story, ".git", "config"), "[core]\n");
  writeFileSync(join(story, "photo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]));
  const page = await watchedPage(browser, server.url);
  await page.goto(server.url);
  await page.locator(".doc-row").first().waitFor({ timeout: 20000 });
  // A real drag of the folder, as the browser process delivers it (DevTools protocol).
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: [story], dragOperationsMask: 1 };
  for (const type of ["dragEnter", "dragOver", "drop"]) await cdp.send("Input.dispatchDragEvent", { type, x: 400, y: 300, data });
  await page.locator(".import-summary").waitFor({ timeout: 20000 });
  assert.equal(await page.locator(".import-headline").textContent(), "Imported 2 articles from 3 files into “a.txt and 2 more”.");
  assert.deepEqual(await page.locator(".import-problems li").allTextContents(), ["photo.png: not an article file (.txt, .md, .html, .json, .jsonl, .jsonl.gz or .csv)"]);
  assert.deepEqual((await page.locator(".doc-row .doc-title").allTextContents()).sort(), ["Council halts face scans", "Police pause the tool"]);

  await page.goto(server.url);
  await page.locator(".corpus-menu").click();
  await page.locator(".import-folder").setInputFiles(story);
  await page.locator(".import-summary").waitFor({ timeout: 20000 });
  assert.match(await page.locator(".import-headline").textContent(), /^Imported 2 articles from 3 files into /);
  assert.deepEqual(page.problems, []);
});

test("a corpus bigger than one stored chunk, and one kept whole by an earlier version, reopen after a reload", async () => {
  // Four texts of 450 KB: the store keeps the first three in one chunk and the fourth in another.
  const texts = Object.fromEntries([1, 2, 3, 4].map((n) => [`part-${n}.txt`,
    `Part ${n} of the hearing\n\n` + Array.from({ length: 15000 }, (_, i) => `Witness ${i} of part ${n} spoke.`).join(" ") + "\n"]));
  const page = await watchedPage(browser, server.url);
  await page.goto(server.url);
  await page.locator(".doc-row").first().waitFor({ timeout: 20000 });
  assert.equal(await importFiles(page, texts), "Imported 4 articles from 4 files into “part-1.txt and 3 more”.");
  const keys = await page.evaluate(() => new Promise((done) => {
    const open = indexedDB.open("parallax");
    open.onsuccess = () => {
      const all = open.result.transaction("articles").objectStore("articles").getAllKeys();
      all.onsuccess = () => { open.result.close(); done(all.result.map(([, n]) => n)); };
    };
  }));
  assert.deepEqual(keys, [0, 1]);
  await page.evaluate(() => new Promise((done, failed) => {
    const open = indexedDB.open("parallax");
    open.onsuccess = () => {
      const tx = open.result.transaction(["catalog", "articles"], "readwrite");
      tx.objectStore("catalog").put(JSON.stringify({ id: "c1", name: "Kept whole", articles: 1 }), "c1");
      tx.objectStore("articles").put(JSON.stringify([{ id: "old.txt", text: "Old headline\n\nOld body.\n" }]), "c1");
      tx.oncomplete = () => { open.result.close(); done(); };
      tx.onerror = () => failed(tx.error);
    };
  }));
  await page.reload();
  await page.locator(".corpus-menu", { hasText: "part-1.txt and 3 more · 4 articles" }).waitFor({ timeout: 20000 });
  const exported = await exportCorpus(page, 2);
  const file = JSON.parse(readFileSync(exported.path, "utf8"));
  assert.deepEqual(file.articles.map((a) => [a.id, a.text]), Object.entries(texts));
  await page.goto(`${new URL(page.url()).origin}/?corpus=c1`);
  await page.locator(".corpus-menu", { hasText: "Kept whole · 1 article" }).waitFor({ timeout: 20000 });
  assert.deepEqual(await page.locator(".doc-row .doc-title").allTextContents(), ["Old headline"]);
  assert.deepEqual(page.problems, []);
});

test("a corpus can be renamed, deleted after confirmation, and brought back with undo", async () => {
  const page = await watchedPage(browser, server.url);
  await page.goto(server.url);
  await page.locator(".doc-row").first().waitFor({ timeout: 20000 });
  await importFiles(page, { "one.txt": "One headline\n\nA body of text.\n" });
  const row = page.locator(".corpus-row").nth(1);
  await row.locator(".rename").click();
  await row.locator(".rename-form input").fill("My story");
  await row.locator(".rename-form input").press("Enter");
  await page.locator(".corpus-menu", { hasText: "My story · 1 article" }).waitFor();
  await row.locator(".delete").click();
  await row.locator(".confirm-delete", { hasText: "Delete “My story” and its 1 article from this browser?" }).waitFor();
  await row.locator(".confirm-delete .confirm").click();
  await page.locator(".corpus-message", { hasText: "Deleted “My story” (1 article)." }).waitFor();
  assert.equal(await page.locator(".corpus-row").count(), 1);
  assert.equal(new URL(page.url()).search, "", "the seeds are shown again");
  await page.locator(".undo-delete").click();
  await page.locator(".corpus-message", { hasText: "Restored “My story”." }).waitFor();
  await page.reload();
  await page.locator(".corpus-menu").click();
  await page.locator(".corpus-row", { hasText: "My story" }).waitFor();
  assert.deepEqual(page.problems, []);
});

test("parallax build-page writes one file that opens from disk, offline, with its corpus", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "parallax-")), "explorer.html");
  const cli = spawnSync("cargo", ["run", "--quiet", "--bin", "parallax", "--", "build-page", "corpus", "--name", "Rekognition story", "-o", out], { cwd: ROOT, encoding: "utf8" });
  assert.equal(cli.status, 0, cli.stderr);
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("request", (r) => r.url().startsWith("file://") || r.url().startsWith("data:") || problems.push(`request: ${r.url()}`));
  await page.goto(`file://${out}`);
  await page.locator(".corpus-menu", { hasText: "Rekognition story · 5 articles" }).waitFor({ timeout: 20000 });
  await page.locator(".doc-row").nth(2).click();
  await page.locator(".reader h1").waitFor();
  assert.match(page.url(), /explorer\.html\?doc=002_/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a pre-analysed index file opens as a corpus and reopens after a reload without analysis", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "parallax-")), "seeds.parallax-index");
  const cli = spawnSync("cargo", ["run", "--quiet", "--bin", "parallax", "--", "index", "corpus", "--name", "Indexed seeds", "-o", out], { cwd: ROOT, encoding: "utf8" });
  assert.equal(cli.status, 0, cli.stderr);
  const page = await watchedPage(browser, server.url);
  await page.goto(server.url);
  await page.locator(".doc-row").first().waitFor({ timeout: 20000 });
  await page.locator(".corpus-menu").click();
  await page.locator(".import-files").setInputFiles(out);
  await page.locator(".import-headline", { hasText: "Imported 5 articles from 1 file into “Indexed seeds”." }).waitFor({ timeout: 20000 });
  await page.reload();
  await page.locator(".corpus-menu", { hasText: "Indexed seeds · 5 articles" }).waitFor({ timeout: 20000 });
  assert.equal(await page.locator(".doc-row").count(), 5);
  await page.goto(`${page.url()}&view=entities`);
  await page.locator(".entity-row", { hasText: "Jeff Bezos" }).waitFor();
  assert.deepEqual(page.problems, []);
});

test("the entity graph exports PNG, SVG and GEXF files of what it shows", async () => {
  const page = await watchedPage(browser, server.url, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.url}?graph=&g.hide=PLACE`);
  await page.locator(".graph-node[data-id='org:amazon']").waitFor({ timeout: 20000 });
  await page.waitForTimeout(500);
  const saved = async (label) => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator(".graph-export button", { hasText: new RegExp(`^${label}$`) }).click(),
    ]);
    return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
  };
  const png = await saved("PNG");
  assert.equal(png.name, "parallax-graph.png");
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(png.bytes.readUInt32BE(16), 2 * Math.round((await page.locator(".graph-svg").boundingBox()).width));
  const svg = await saved("SVG");
  assert.match(svg.bytes.toString(), /^<\?xml[^]*<svg width="\d+" height="\d+"[^]*data-id="org:amazon"/);
  assert.doesNotMatch(svg.bytes.toString(), /data-id="place:/, "what is hidden is not exported");
  const gexf = await saved("GEXF");
  assert.match(gexf.bytes.toString(), /<node id="org:amazon" label="Amazon">/);
  assert.deepEqual(page.problems, []);
});

test("the comparison works in the release build: overview, quotes, a pair side by side", async () => {
  const page = await watchedPage(browser, server.url);
  await page.goto(`${server.url}?cmp=`);
  await page.locator(".heat-progress", { hasText: "10 pairs compared" }).waitFor({ timeout: 20000 });
  await page.locator(".quote-table").waitFor();
  assert.equal(await page.locator("a.heat-cell").count(), 20);
  const shaded = await page.locator("a.heat-cell").first().evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(shaded, "rgba(0, 0, 0, 0)", "cells are shaded (CSSOM styles pass the CSP)");
  await page.locator(".disagreement-what").first().click();
  await page.locator(".sbs-row.open .sbs-diff").waitFor();
  assert.match(page.url(), /c\.pair=\d+$/);
  assert.deepEqual(page.problems, []);
});

test("with thirty documents the heat map and the quote table scroll sideways, their labels readable", async () => {
  const page = await watchedPage(browser, server.url);
  await page.goto(server.url);
  const files = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`report-${i + 1}.txt`,
    `Schools stay open, report ${i + 1}\n\nThe city council met on day ${i + 1}.\n\n“We will keep the schools open all summer long for every family,” said Mayor Ann Lee.\n`]));
  await importFiles(page, files);
  const imported = new URL(page.url());
  await page.goto(`${imported.origin}/${imported.search}&cmp=`);
  await page.locator(".quote-table td.carried").nth(29).waitFor({ timeout: 60000 });
  const layout = await page.evaluate(() => {
    const scrolls = (selector) => { const e = document.querySelector(selector); return e.scrollWidth > e.clientWidth + 1; };
    return {
      statement: document.querySelector(".quote-text").getBoundingClientRect().width,
      paneScrolls: scrolls("main"),
      heatMapScrolls: scrolls(".heatmap"),
      quoteTableScrolls: scrolls(".quote-scroll"),
    };
  });
  assert.ok(layout.statement >= 250, `the statement column is ${layout.statement}px wide`);
  assert.deepEqual(layout, { ...layout, paneScrolls: false, heatMapScrolls: true, quoteTableScrolls: true });
  assert.deepEqual(page.problems, []);
});

test("on a phone-sized screen the list gives way to the reader and back", async () => {
  const page = await watchedPage(browser, server.url, { viewport: { width: 390, height: 800 } });
  await page.goto(server.url);
  await page.locator(".doc-row").first().click();
  await page.locator(".reader-title").waitFor({ timeout: 20000 });
  assert.equal(await page.locator(".side-pane").isVisible(), false);
  await page.locator(".back-link").click();
  await page.locator(".doc-list").waitFor({ state: "visible" });
  assert.equal(await page.locator(".reader-title").count(), 0);
  assert.deepEqual(page.problems, []);
});

test("the theme follows the system's dark mode", async () => {
  const background = async (colorScheme) => {
    const page = await watchedPage(browser, server.url, { colorScheme });
    await page.goto(server.url);
    await page.locator(".doc-row").first().waitFor({ timeout: 20000 });
    return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  };
  assert.notEqual(await background("light"), await background("dark"));
});

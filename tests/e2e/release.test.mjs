// The optimised release build (dist/, after wasm-opt) in headless Chromium. A broken wasm-opt, a
// CSP that blocks the loader or a missing asset passes every other test and fails here.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DIST, serve, launch, watchedPage } from "./harness.mjs";

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
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.locator(".edit-count", { hasText: "0 edits" }).waitFor({ timeout: 20000 });
  await page.locator(".curation-bar .import input").setInputFiles(exported);
  await page.locator(".curation-message", { hasText: "Imported 1 edit from" }).waitFor();
  assert.equal(await page.locator(".entity-name", { hasText: /^Gebry$/ }).count(), 0);
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

// The single-file page (`parallax build-page`) opened from disk in Firefox, driven over WebDriver
// BiDi with puppeteer-core. Firefox gives a file:// page the origin "null", which the router
// cannot resolve URLs against (src/ui/navigation.rs): this is where that would show.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./harness.mjs";

const require = createRequire(import.meta.url);
const puppeteer = require("puppeteer-core"); // resolved through NODE_PATH (scripts/setup.sh)
const FIREFOX = process.env.FIREFOX || "/usr/bin/firefox-esr";
// scripts/setup.sh installs Firefox ESR where apt has it (Debian); elsewhere the test says so.
const NO_FIREFOX = !existsSync(FIREFOX) && `no Firefox at ${FIREFOX}: install Firefox and set FIREFOX to its path`;

let browser;

before(async () => {
  if (!NO_FIREFOX) browser = await puppeteer.launch({ browser: "firefox", executablePath: FIREFOX, headless: true });
});

after(async () => {
  await browser?.close();
});

const pause = (ms) => new Promise((done) => setTimeout(done, ms));

/** Waits until `check()` (in the page) is true. */
async function until(page, check, arg) {
  await page.waitForFunction(check, { timeout: 20000 }, arg);
}

test("the single-file page opens from disk in Firefox: links, keys, search, back, and edits that outlive a reload", { skip: NO_FIREFOX }, async () => {
  const out = join(mkdtempSync(join(tmpdir(), "parallax-")), "explorer.html");
  const cli = spawnSync("cargo", ["run", "--quiet", "--bin", "parallax", "--", "build-page", "corpus", "--name", "Rekognition story", "-o", out], { cwd: ROOT, encoding: "utf8" });
  assert.equal(cli.status, 0, cli.stderr);
  const page = await browser.newPage();
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`exception: ${e}`));
  page.on("request", (r) => r.url().startsWith("file://") || r.url().startsWith("data:") || problems.push(`request: ${r.url()}`));
  await page.goto(`file://${out}`);
  await page.waitForSelector(".doc-row", { timeout: 30000 });
  assert.equal(await page.$eval(".corpus-menu", (e) => e.textContent), "Rekognition story · 5 articles · 1 named outlet ▾");

  // The page is not reloaded along the way: this mark would be gone.
  await page.evaluate(() => { window.stayed = true; });
  await (await page.$$(".doc-row"))[2].click();
  await until(page, () => location.search.startsWith("?doc=002_"));
  await page.waitForSelector(".reader h1");
  await page.keyboard.press("j");
  await until(page, () => location.search.startsWith("?doc=003_"));
  await page.type(".search-box", "Gebru");
  await until(page, () => location.search.startsWith("?q=Gebru"));
  assert.equal((await page.$$(".doc-row")).length, 1);
  await page.goBack(); // the typed query replaced the entry it was typed in
  await until(page, () => location.search.startsWith("?doc=002_"));
  assert.equal(await page.evaluate(() => window.stayed), true, "no click or key reloaded the page");

  await page.goto(`file://${out}?view=entities&entity=person:gebry`);
  await page.waitForSelector(".suggestion .accept", { timeout: 30000 });
  await page.click(".suggestion .accept");
  await until(page, () => document.querySelector(".edit-count")?.textContent.trim() === "1 edit");
  await pause(300); // the edit is written a moment after it is made
  await page.reload();
  await until(page, () => document.querySelector(".edit-count")?.textContent.trim() === "1 edit");
  assert.deepEqual(problems, []);
  await page.close();
});

// The single-file page (`parallax build-page`) opened from disk in the two other browser engines:
// Gecko (Firefox ESR, over WebDriver BiDi with puppeteer-core) and WebKit (WebKitGTK, Safari's
// engine, over classic WebDriver with WebKitWebDriver). Firefox gives a file:// page the origin
// "null", which the router cannot resolve URLs against (src/ui/navigation.rs).
// scripts/setup.sh installs both where apt has them; where it has not, a test is skipped saying so.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./harness.mjs";

const require = createRequire(import.meta.url);
const puppeteer = require("puppeteer-core"); // resolved through NODE_PATH (scripts/setup.sh)
const FIREFOX = process.env.FIREFOX || "/usr/bin/firefox-esr";
const NO_FIREFOX = !existsSync(FIREFOX) && `no Firefox at ${FIREFOX}: install Firefox ESR and set FIREFOX to its path`;
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER || "/usr/bin/WebKitWebDriver";
const NO_WEBKIT = (!existsSync(WEBKIT_DRIVER) && `no WebKitWebDriver at ${WEBKIT_DRIVER}: install webkit2gtk-driver`)
  || (!process.env.DISPLAY && "no display for WebKitGTK: run under xvfb-run (scripts/test.sh does)");

let page; // the built page, once

before(() => {
  page = join(mkdtempSync(join(tmpdir(), "parallax-")), "explorer.html");
  const cli = spawnSync("cargo", ["run", "--quiet", "--bin", "parallax", "--", "build-page", "corpus", "--name", "Rekognition story", "-o", page], { cwd: ROOT, encoding: "utf8" });
  assert.equal(cli.status, 0, cli.stderr);
});

const pause = (ms) => new Promise((done) => setTimeout(done, ms));

test("the single-file page opens from disk in Firefox: links, keys, search, back, and edits that outlive a reload", { skip: NO_FIREFOX }, async () => {
  const browser = await puppeteer.launch({ browser: "firefox", executablePath: FIREFOX, headless: true });
  try {
    const tab = await browser.newPage();
    const until = (check) => tab.waitForFunction(check, { timeout: 20000 });
    const problems = [];
    tab.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
    tab.on("pageerror", (e) => problems.push(`exception: ${e}`));
    tab.on("request", (r) => r.url().startsWith("file://") || r.url().startsWith("data:") || problems.push(`request: ${r.url()}`));
    await tab.goto(`file://${page}`);
    await tab.waitForSelector(".doc-row", { timeout: 30000 });
    assert.equal(await tab.$eval(".corpus-menu", (e) => e.textContent), "Rekognition story · 5 articles · 1 named outlet ▾");

    // The page is not reloaded along the way: this mark would be gone.
    await tab.evaluate(() => { window.stayed = true; });
    await (await tab.$$(".doc-row"))[2].click();
    await until(() => location.search.startsWith("?doc=002_"));
    await tab.waitForSelector(".reader h1");
    await tab.keyboard.press("j");
    await until(() => location.search.startsWith("?doc=003_"));
    await tab.type(".search-box", "Gebru");
    await until(() => location.search.startsWith("?q=Gebru"));
    assert.equal((await tab.$$(".doc-row")).length, 1);
    await tab.goBack(); // the typed query replaced the entry it was typed in
    await until(() => location.search.startsWith("?doc=002_"));
    assert.equal(await tab.evaluate(() => window.stayed), true, "no click or key reloaded the page");

    await tab.goto(`file://${page}?view=entities&entity=person:gebry`);
    await tab.waitForSelector(".suggestion .accept", { timeout: 30000 });
    await tab.click(".suggestion .accept");
    await until(() => document.querySelector(".edit-count")?.textContent.trim() === "1 edit");
    await pause(300); // the edit is written a moment after it is made
    await tab.reload();
    await until(() => document.querySelector(".edit-count")?.textContent.trim() === "1 edit");
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});

/** A classic WebDriver session on WebKitWebDriver, with MiniBrowser as the browser. */
async function webkitSession() {
  const port = 4400 + Math.floor(Math.random() * 500);
  const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`], { stdio: "ignore" });
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, path, body) => {
    const response = await fetch(base + path, { method, headers: { "content-type": "application/json" }, body: body && JSON.stringify(body) });
    const { value } = await response.json();
    if (value?.error) throw new Error(`${method} ${path}: ${value.error}: ${value.message}`);
    return value;
  };
  let session;
  for (let tries = 0; !session; tries++) {
    try {
      session = await call("POST", "/session", { capabilities: { alwaysMatch: { "webkitgtk:browserOptions": { args: ["--automation"] } } } });
    } catch (e) {
      if (tries > 50) throw e;
      await pause(100); // the driver is still starting
    }
  }
  const at = `/session/${session.sessionId}`;
  const run = (script, ...args) => call("POST", `${at}/execute/sync`, { script, args });
  return {
    goto: (url) => call("POST", `${at}/url`, { url }),
    run,
    /** Waits until the script `check` (a function body) returns true. */
    until: async (check) => {
      for (let tries = 0; !(await run(check)); tries++) {
        if (tries > 150) throw new Error(`never true: ${check}`);
        await pause(100);
      }
    },
    close: async () => {
      await call("DELETE", at).catch(() => {});
      driver.kill();
    },
  };
}

test("the single-file page opens from disk in WebKit (Safari's engine): links, keys, search, and edits that outlive a reload", { skip: NO_WEBKIT }, async () => {
  const webkit = await webkitSession();
  try {
    await webkit.goto(`file://${page}`);
    await webkit.until("return document.querySelectorAll('.doc-row').length === 5");
    assert.equal(await webkit.run("return document.querySelector('.corpus-menu').textContent"), "Rekognition story · 5 articles · 1 named outlet ▾");
    await webkit.run("window.stayed = true; document.querySelectorAll('.doc-row')[2].click()");
    await webkit.until("return location.search.startsWith('?doc=002_') && !!document.querySelector('.reader h1')");
    await webkit.run("window.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }))");
    await webkit.until("return location.search.startsWith('?doc=003_')");
    await webkit.run("const box = document.querySelector('.search-box'); box.value = 'Gebru'; box.dispatchEvent(new Event('input', { bubbles: true }))");
    await webkit.until("return document.querySelectorAll('.doc-row').length === 1");
    assert.equal(await webkit.run("return window.stayed"), true, "no click or key reloaded the page");

    await webkit.goto(`file://${page}?view=entities&entity=person:gebry`);
    await webkit.until("return !!document.querySelector('.suggestion .accept')");
    await webkit.run("document.querySelector('.suggestion .accept').click()");
    await webkit.until("return document.querySelector('.edit-count')?.textContent.trim() === '1 edit'");
    await pause(300); // the edit is written a moment after it is made
    await webkit.goto(`file://${page}?view=entities`);
    await webkit.until("return document.querySelector('.edit-count')?.textContent.trim() === '1 edit'");
  } finally {
    await webkit.close();
  }
});

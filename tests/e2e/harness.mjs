// Shared by the release-build test, the benchmarks and the screenshots: serve a built site from
// this machine only, and drive the system Chromium with playwright-core (which downloads nothing).
import { createServer } from "node:http";
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, extname, join, normalize, resolve } from "node:path";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core"); // resolved through NODE_PATH (scripts/setup.sh)

export const ROOT = resolve(new URL("../..", import.meta.url).pathname);
export const DIST = join(ROOT, "dist");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/** Serves `dir` on 127.0.0.1 at a free port. Returns { url, close }. */
export async function serve(dir = DIST) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = normalize(join(dir, path.endsWith("/") ? path + "index.html" : path));
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return { url, close: () => new Promise((ok) => server.close(ok)) };
}

/** Launches the system Chromium headless, with no traffic of its own. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--no-first-run", "--disable-quic",
    ],
  });
}

/**
 * Opens a page that records every console error, uncaught exception, failed request and request
 * to another origin in `page.problems`.
 */
export async function watchedPage(browser, origin, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.problems = [];
  page.on("console", (m) => m.type() === "error" && page.problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => page.problems.push(`exception: ${e.message}`));
  page.on("response", (r) => r.status() >= 400 && page.problems.push(`HTTP ${r.status()}: ${r.url()}`));
  page.on("requestfailed", (r) => page.problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("request", (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) page.problems.push(`foreign request: ${r.url()}`);
  });
  return page;
}

/** An npm package's folder (resolved through NODE_PATH). Some packages' "exports" hide
 * package.json, so it is looked for above the resolved entry point. */
export function packageDir(name) {
  for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file) && JSON.parse(readFileSync(file, "utf8")).name === name) return dir;
  }
  return undefined;
}

/** An npm package's version. */
export function packageVersion(name) {
  const dir = packageDir(name);
  return dir ? JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version : "unknown";
}

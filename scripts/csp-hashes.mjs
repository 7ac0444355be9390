// Trunk post-build hook: replaces INLINE_SCRIPT_HASHES in the staged index.html's CSP with the
// sha256 of every inline <script> Trunk wrote (its wasm loader), so the policy can forbid all other
// inline script. Fails the build if the placeholder is missing or an inline script is left unhashed.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("csp-hashes: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)");
const file = join(dir, "index.html");
const html = readFileSync(file, "utf8");
const placeholder = "INLINE_SCRIPT_HASHES";
if (!html.includes(placeholder)) throw new Error(`csp-hashes: ${file} has no ${placeholder} in its CSP`);

const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map(([, body]) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
writeFileSync(file, html.replace(placeholder, [...new Set(hashes)].join(" ")));
console.log(`csp-hashes: ${hashes.length} inline script(s) allowed by hash`);

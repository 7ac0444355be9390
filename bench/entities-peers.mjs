// Peer benchmark: a peer in-browser NLP library (compromise) on the entity gold sets, scored by a
// JS mirror of the project's scorer (src/eval.rs `gold_mentions` + `score`), so its figures compare
// with `parallax score-entities`.
//   bash scripts/bench.sh   (installs it and runs this), or with NODE_PATH set as scripts/setup.sh sets it:
//   node bench/entities-peers.mjs
//       [--seeds-mode=paragraph|body|full] [--runs=3] [--misses] [--self-check] [gold.jsonl ...]
// ms: time compromise takes on the set's scored text (parse + people/organizations/places + offsets
// + trimming), median of --runs passes after one untimed warm-up pass; the scoring is not timed.
// compromise is installed outside the repository, like playwright-core, by scripts/setup.sh
// (need_npm_tools, which lists every npm package in one install).
//
// Spans are UTF-8 byte offsets, as in the Rust scorer; JS strings are indexed in UTF-16 units, so
// every text carries a UTF-16 → byte map.
//
// --self-check scores the project's own extractor (mentions from `parallax analyze --json`) with
// this JS scorer and compares the counts with `parallax score-entities --json` on the same binary.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { packageVersion } from "../tests/e2e/harness.mjs";

const require = createRequire(import.meta.url);
const nlp = require("compromise"); // resolved through NODE_PATH
const COMPROMISE_VERSION = packageVersion("compromise");

const ROOT = resolve(new URL("..", import.meta.url).pathname);
const CORPUS = join(ROOT, "corpus");
const DEFAULT_GOLD = ["seeds.jsonl", "allsides.jsonl", "allsides-dev.jsonl", "allsides-dev2.jsonl", "allsides-dev3.jsonl"].map((f) =>
  join(ROOT, "tests/gold", f),
);
const TYPES = ["PERSON", "ORG", "PLACE", "PRODUCT"];

// ---------------------------------------------------------------------------------------------
// Texts with byte offsets

/** A text as a JS string plus the UTF-16 index → UTF-8 byte offset map (length + 1 entries). */
function textOf(str) {
  const byteAt = new Array(str.length + 1);
  let b = 0;
  for (let i = 0; i < str.length; ) {
    const cp = str.codePointAt(i);
    const units = cp > 0xffff ? 2 : 1;
    const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    byteAt[i] = b;
    if (units === 2) byteAt[i + 1] = b; // inside a surrogate pair; never a span edge
    b += bytes;
    i += units;
  }
  byteAt[str.length] = b;
  const unitAt = new Map(); // byte offset → UTF-16 index (char boundaries only)
  for (let i = 0; i <= str.length; i++) if (!unitAt.has(byteAt[i])) unitAt.set(byteAt[i], i);
  const unit = (byte) => {
    const u = unitAt.get(byte);
    if (u === undefined) throw new Error(`byte offset ${byte} is not a char boundary`);
    return u;
  };
  return { str, byteAt, unit, bytes: b };
}

// Rust's char::is_alphanumeric: Alphabetic or Numeric (general categories Nd, Nl, No).
const ALNUM = /^[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]$/u;
const isAlnum = (ch) => ALNUM.test(ch);

/** The char (code point) ending at UTF-16 index `i`, or null at the start. */
function charBefore(str, i) {
  if (i <= 0) return null;
  const lo = str.charCodeAt(i - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && i >= 2) {
    const hi = str.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return str.slice(i - 2, i);
  }
  return str[i - 1];
}
function charAfter(str, i) {
  if (i >= str.length) return null;
  return String.fromCodePoint(str.codePointAt(i));
}

// ---------------------------------------------------------------------------------------------
// The scorer, mirrored from src/eval.rs

function parseGold(path) {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l, i) => {
      try {
        const g = JSON.parse(l);
        return { id: g.id, text: g.text ?? null, entities: g.entities, ambiguous: g.ambiguous ?? [] };
      } catch (e) {
        throw new Error(`${path}: line ${i + 1}: ${e.message}`);
      }
    });
}

/** `gold_mentions`: every whole-word occurrence of each surface form in `scope`, longest first (by
 * UTF-8 length, stable), without overlaps. Returns typed mentions and ambiguous spans (bytes). */
function goldMentions(text, scope, gold) {
  const forms = [];
  for (const [surface, kind] of gold.entities) {
    if (!TYPES.includes(kind)) throw new Error(`${gold.id}: unknown type ${kind} for ${surface}`);
    forms.push([surface, kind]);
  }
  for (const s of gold.ambiguous) forms.push([s, null]);
  // Array.prototype.sort is stable, like Rust's sort_by_key.
  forms.sort((a, b) => Buffer.byteLength(b[0]) - Buffer.byteLength(a[0]));
  const taken = [];
  const typed = [];
  const ambiguous = [];
  const { str } = text;
  for (const [surface, kind] of forms) {
    for (const area of scope) {
      const from = text.unit(area.start);
      const to = text.unit(area.end);
      const hay = str.slice(from, to);
      // str::match_indices: non-overlapping, left to right; a rejected match still consumes.
      for (let at = hay.indexOf(surface); at !== -1 && surface.length > 0; at = hay.indexOf(surface, at + surface.length)) {
        const u0 = from + at;
        const u1 = u0 + surface.length;
        const span = { start: text.byteAt[u0], end: text.byteAt[u1] };
        const before = charBefore(str, u0);
        const after = charAfter(str, u1);
        if (
          (before !== null && isAlnum(before)) ||
          (after !== null && isAlnum(after)) ||
          taken.some((t) => t.start < span.end && span.start < t.end)
        ) {
          continue;
        }
        taken.push(span);
        if (kind) typed.push({ span, kind });
        else ambiguous.push(span);
      }
    }
  }
  return { typed, ambiguous };
}

const counts = () => ({ true_positives: 0, false_positives: 0, false_negatives: 0 });
const ratio = (a, b) => (b === 0 ? 1 : a / b);
function prf(c) {
  const p = ratio(c.true_positives, c.true_positives + c.false_positives);
  const r = ratio(c.true_positives, c.true_positives + c.false_negatives);
  return { precision: p, recall: r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r), counts: c };
}
const same = (a, b) => a.start === b.start && a.end === b.end;

/** `score`: docs are [{gold, text, scope, found: [{span, kind}]}]. */
function score(docs) {
  const s = { documents: 0, untyped: counts(), typed: counts(), per_type: {}, misses: [] };
  const entry = (k) => (s.per_type[k] ??= counts());
  for (const { gold, text, scope, found: predicted } of docs) {
    const { typed: expected, ambiguous } = goldMentions(text, scope, gold);
    const inScope = (x) => scope.some((a) => a.start <= x.start && x.end <= a.end);
    const overlapsAmbiguous = (x) => ambiguous.some((a) => a.start < x.end && x.start < a.end);
    const found = predicted.filter(({ span }) => inScope(span) && !overlapsAmbiguous(span));
    const show = (span) => text.str.slice(text.unit(span.start), text.unit(span.end));
    s.documents += 1;
    for (const { span, kind } of expected) {
      const hit = found.find((f) => same(f.span, span));
      if (hit) {
        s.untyped.true_positives += 1;
        if (hit.kind === kind) {
          s.typed.true_positives += 1;
          entry(kind).true_positives += 1;
        } else {
          s.typed.false_negatives += 1;
          s.typed.false_positives += 1;
          entry(kind).false_negatives += 1;
          entry(hit.kind).false_positives += 1;
          s.misses.push({ doc: gold.id, text: show(span), gold: kind, found: hit.kind });
        }
      } else {
        s.untyped.false_negatives += 1;
        s.typed.false_negatives += 1;
        entry(kind).false_negatives += 1;
        s.misses.push({ doc: gold.id, text: show(span), gold: kind, found: null });
      }
    }
    for (const { span, kind } of found) {
      if (!expected.some((e) => same(e.span, span))) {
        s.untyped.false_positives += 1;
        s.typed.false_positives += 1;
        entry(kind).false_positives += 1;
        s.misses.push({ doc: gold.id, text: show(span), gold: null, found: kind });
      }
    }
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// The project's CLI (same binary for the body blocks, the self-check and score-entities)

function parallax(args, opts = {}) {
  const bin = join(ROOT, "target/release/parallax");
  const [cmd, pre] = existsSync(bin)
    ? [bin, []]
    : ["cargo", ["run", "-q", "--release", "--bin", "parallax", "--"]];
  return execFileSync(cmd, [...pre, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 1 << 28,
    stdio: ["ignore", "pipe", "inherit"],
    ...opts,
  });
}

/** The scored documents of a gold set: text, scope (byte spans) and, for corpus files, the body
 * blocks from `parallax analyze --json`. */
function goldDocuments(golds) {
  const fromCorpus = golds.filter((g) => g.text === null);
  const analysed = new Map();
  if (fromCorpus.length) {
    const report = JSON.parse(parallax(["analyze", "--json", ...fromCorpus.map((g) => join(CORPUS, g.id))]));
    for (const d of report.documents) analysed.set(d.id, d);
  }
  return golds.map((gold) => {
    if (gold.text !== null) {
      const text = textOf(gold.text);
      return { gold, text, scope: [{ start: 0, end: text.bytes }] };
    }
    const path = join(CORPUS, gold.id);
    if (!existsSync(path)) throw new Error(`${gold.id}: not in the corpus`);
    const text = textOf(readFileSync(path, "utf8"));
    const doc = analysed.get(gold.id);
    if (!doc) throw new Error(`${gold.id}: missing from parallax analyze`);
    const scope = doc.blocks.filter((b) => b.role === "body").map((b) => ({ start: b.start, end: b.end }));
    return { gold, text, scope };
  });
}

// ---------------------------------------------------------------------------------------------
// compromise

const OPEN = /^[\s"“”'‘’(\[{«‹]+/u;
const CLOSE = /[\s"“”'‘’)\]}»›,;:!?—–]+$/u;
const POSSESSIVE = /(?:['’]s|s['’])$/u; // "Amazon’s" → "Amazon"; "Jones’" → "Jones" (keeps the s)
// Punctuation between two terms that no single name spans ("Seattle, Washington" → two places;
// "country. Amazon" → a sentence end). A period after an initial or abbreviation does not break
// ("George W. Bush"; compromise puts that period in the term's `post` too).
const BREAK = /[,;:()\[\]{}"“”«»—–!?]/u;
// A comma before a name's own suffix does not break ("Brown Girl Magazine, Inc.").
const SUFFIX = /^(?:inc|llc|ltd|corp|co|plc|jr|sr)\.?$/i;
const breaksAfter = (t, next) =>
  (BREAK.test(t.post) && !(/^,\s*$/.test(t.post) && SUFFIX.test(next.text))) ||
  (t.post.includes(".") &&
    !t.tags.includes("Abbreviation") &&
    !t.tags.includes("Acronym") &&
    !/^\p{Lu}$/u.test(t.text));
// Titles a name starts with that compromise does not always tag #Honorific ("Dr. Ford").
const TITLES = new Set(
  "mr mrs ms miss mx dr prof sir dame lord lady rev fr sen rep gov lt col gen sgt capt cmdr adm maj pres president senator congressman congresswoman representative governor mayor judge justice secretary minister chancellor speaker ambassador chair chairman chairwoman leader ceo coach".split(
    " ",
  ),
);
// Dropped from the front of a match: titles, "the" (however tagged), and lowercase words
// ("brother Osama bin Laden"): a name starts with a capital.
const leadingNoise = (t) =>
  t.tags.includes("Honorific") ||
  t.tags.includes("Determiner") ||
  /^the$/i.test(t.text) ||
  !/^[\p{Lu}\p{N}]/u.test(t.text) ||
  TITLES.has(t.text.toLowerCase().replace(/\.$/, ""));

/** Named-entity spans (UTF-16, relative to `str`) from compromise, typed PERSON/ORG/PLACE. A fair
 * harness cuts each match down to the name: terms' own offsets (no surrounding punctuation),
 * leading titles and determiners dropped ("Rep.", "Dr.", "the"), split where punctuation separates
 * terms, possessive and stray punctuation trimmed. */
function compromiseSpans(str) {
  const doc = nlp(str);
  const out = [];
  const seen = new Set();
  const groups = [
    ["PERSON", doc.people()],
    ["ORG", doc.organizations()],
    ["PLACE", doc.places()],
  ];
  for (const [kind, view] of groups) {
    for (const match of view.json({ offset: true, terms: { offset: true } })) {
      // Split at separating punctuation, then trim each piece.
      const pieces = [[]];
      match.terms.forEach((t, i) => {
        pieces[pieces.length - 1].push(t);
        if (i + 1 < match.terms.length && (breaksAfter(t, match.terms[i + 1]) || BREAK.test(match.terms[i + 1].pre))) pieces.push([]);
      });
      for (let terms of pieces) {
        while (terms.length && leadingNoise(terms[0])) terms = terms.slice(1);
        if (!terms.length) continue;
        const first = terms[0].offset;
        const last = terms[terms.length - 1].offset;
        let start = first.start;
        let end = last.start + last.length;
        // An abbreviation's or initial's period is part of the name ("Va.", "Jr.", "Inc."); a
        // sentence's period after an ordinary word is not.
        const lastTerm = terms[terms.length - 1];
        if (
          lastTerm.post.startsWith(".") &&
          !lastTerm.text.endsWith(".") &&
          (lastTerm.tags.includes("Abbreviation") || /^\p{Lu}$/u.test(lastTerm.text)) // not "IBM."
        )
          end += 1;
        let s = str.slice(start, end);
        const lead = s.match(OPEN)?.[0].length ?? 0;
        start += lead;
        s = s.slice(lead);
        for (;;) {
          const before = s;
          s = s.replace(CLOSE, "");
          const poss = s.match(POSSESSIVE);
          if (poss) s = s.slice(0, s.length - (poss[0][0] === "s" ? 1 : 2));
          if (s === before) break;
        }
        end = start + s.length;
        if (!/[\p{L}\p{N}]/u.test(s)) continue;
        const key = `${start}:${end}`;
        if (seen.has(key)) continue; // one type per span: the first group that claims it
        seen.add(key);
        out.push({ start, end, kind });
      }
    }
  }
  return out;
}

/** Runs compromise on the scored text of each document; returns found mentions in byte spans.
 * Seeds modes: "paragraph" (each body block alone), "body" (body blocks joined by blank lines),
 * "full" (the whole article; the scorer keeps what falls in the body). */
function runCompromise(docs, seedsMode) {
  return docs.map((d) => {
    const { text, scope, gold } = d;
    const found = [];
    const run = (pieces) => {
      // pieces: [{unitStart (in text.str), str}] joined by "\n\n"
      const joined = pieces.map((p) => p.str).join("\n\n");
      const offsets = [];
      let at = 0;
      for (const p of pieces) {
        offsets.push({ at, len: p.str.length, unitStart: p.unitStart });
        at += p.str.length + 2;
      }
      for (const m of compromiseSpans(joined)) {
        const piece = offsets.find((o) => o.at <= m.start && m.end <= o.at + o.len);
        if (!piece) continue; // crosses a paragraph break: no name does
        const u0 = piece.unitStart + (m.start - piece.at);
        const u1 = piece.unitStart + (m.end - piece.at);
        found.push({ span: { start: text.byteAt[u0], end: text.byteAt[u1] }, kind: m.kind });
      }
    };
    const slice = (a) => ({ unitStart: text.unit(a.start), str: text.str.slice(text.unit(a.start), text.unit(a.end)) });
    if (gold.text !== null || seedsMode === "full") run([{ unitStart: 0, str: text.str }]);
    else if (seedsMode === "body") run(scope.map(slice));
    else for (const a of scope) run([slice(a)]);
    return { ...d, found };
  });
}

// ---------------------------------------------------------------------------------------------
// Self-check: the project's extractor through this scorer vs `parallax score-entities`

function selfCheck(goldPath) {
  const golds = parseGold(goldPath);
  const docs = goldDocuments(golds);
  // Analyse the gold documents together, in gold order, as `score` does. Entries with text are
  // written to a temporary folder (the id only names the document).
  const tmp = mkdtempSync(join(tmpdir(), "parallax-selfcheck-"));
  try {
    const files = golds.map((g, i) => {
      if (g.text === null) return join(CORPUS, g.id);
      const file = join(tmp, `${String(i).padStart(3, "0")}.txt`);
      writeFileSync(file, g.text);
      return file;
    });
    const report = JSON.parse(parallax(["analyze", "--json", ...files]));
    const byFile = new Map(report.documents.map((d, i) => [d.id, i]));
    const index = files.map((f) => byFile.get(basename(f)));
    const found = docs.map(() => []);
    for (const e of report.entities)
      for (const m of e.mentions) {
        const d = index.indexOf(byFile.get(m.doc));
        found[d].push({ span: { start: m.start, end: m.end }, kind: e.type });
      }
    const mine = score(docs.map((d, i) => ({ ...d, found: found[i] })));
    const theirs = JSON.parse(parallax(["score-entities", "--json", "--misses", goldPath]))[0];
    const rows = [["untyped", mine.untyped, theirs.untyped.counts], ["typed", mine.typed, theirs.typed.counts]];
    for (const k of new Set([...Object.keys(mine.per_type), ...Object.keys(theirs.per_type)]))
      rows.push([k, mine.per_type[k] ?? counts(), theirs.per_type[k]?.counts ?? counts()]);
    const key = (c) => `${c.true_positives}/${c.false_positives}/${c.false_negatives}`;
    // The disagreements too, as multisets (same doc, text, gold and found type).
    const missKey = (m) => JSON.stringify([m.doc, m.text, m.gold, m.found]);
    const sorted = (ms) => ms.map(missKey).sort().join("\n");
    const missesMatch = sorted(mine.misses) === sorted(theirs.misses ?? []);
    const match =
      theirs.documents === mine.documents && rows.every(([, a, b]) => key(a) === key(b)) && missesMatch;
    return {
      gold: basename(goldPath),
      documents: mine.documents,
      match,
      misses_match: missesMatch,
      misses: mine.misses.length,
      rows: rows.map(([name, a, b]) => ({ name, js: key(a), rust: key(b), js_f1: prf(a).f1, rust_f1: prf(b).f1 })),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => args.find((a) => a.startsWith(`${name}=`))?.split("=")[1] ?? fallback;
const goldPaths = args.filter((a) => !a.startsWith("--")).map((p) => resolve(p));
const golds = goldPaths.length ? goldPaths : DEFAULT_GOLD;
const fmt = (x) => x.toFixed(3);

if (flag("--self-check")) {
  const results = golds.map(selfCheck);
  console.log(JSON.stringify(results, null, 2));
  for (const r of results) {
    console.log(`\n${r.gold} — ${r.documents} documents — ${r.match ? "MATCH" : "MISMATCH"} (${r.misses} misses, list ${r.misses_match ? "identical" : "differs"})`);
    console.log(`${"".padEnd(10)} ${"JS tp/fp/fn".padStart(14)} ${"Rust tp/fp/fn".padStart(14)} ${"JS F1".padStart(7)} ${"Rust F1".padStart(8)}`);
    for (const row of r.rows)
      console.log(`${row.name.padEnd(10)} ${row.js.padStart(14)} ${row.rust.padStart(14)} ${fmt(row.js_f1).padStart(7)} ${fmt(row.rust_f1).padStart(8)}`);
  }
  process.exit(results.every((r) => r.match) ? 0 : 1);
}

const seedsMode = option("--seeds-mode", "paragraph");
const runs = Math.max(1, Number(option("--runs", 3)));
if (!["paragraph", "body", "full"].includes(seedsMode)) throw new Error(`--seeds-mode: ${seedsMode}?`);

const results = [];
for (const path of golds) {
  const docs = goldDocuments(parseGold(path));
  // One untimed pass (compromise's first parses are JIT-cold), then the median of `--runs` passes.
  let predicted = runCompromise(docs, seedsMode);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    predicted = runCompromise(docs, seedsMode);
    times.push(performance.now() - t0);
  }
  const ms = times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
  const s = score(predicted);
  const result = {
    gold: basename(path),
    library: "compromise",
    version: COMPROMISE_VERSION,
    documents: s.documents,
    scored_text: docs.some((d) => d.gold.text === null) ? `body paragraphs (${seedsMode})` : "whole text",
    untyped: prf(s.untyped),
    typed: prf(s.typed),
    per_type: Object.fromEntries(Object.entries(s.per_type).sort().map(([k, c]) => [k, prf(c)])),
    ms: Math.round(ms * 10) / 10,
  };
  if (flag("--misses")) result.misses = s.misses;
  results.push(result);
}
console.log(JSON.stringify(results, null, 2));

console.log(`\ncompromise ${COMPROMISE_VERSION} (no PRODUCT type), scored as parallax score-entities`);
console.log(
  `${"gold".padEnd(20)} ${"docs".padStart(4)}  ${"untyped P".padStart(9)} ${"R".padStart(5)} ${"F1".padStart(5)}  ${"typed P".padStart(7)} ${"R".padStart(5)} ${"F1".padStart(5)}  ${"ms".padStart(7)}`,
);
for (const r of results) {
  const u = r.untyped;
  const t = r.typed;
  console.log(
    `${r.gold.padEnd(20)} ${String(r.documents).padStart(4)}  ${fmt(u.precision).padStart(9)} ${fmt(u.recall).padStart(5)} ${fmt(u.f1).padStart(5)}  ${fmt(t.precision).padStart(7)} ${fmt(t.recall).padStart(5)} ${fmt(t.f1).padStart(5)}  ${r.ms.toFixed(1).padStart(7)}`,
  );
}

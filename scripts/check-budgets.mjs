#!/usr/bin/env node
// Size budgets of the embeddable widget (run by `npm test` after `node scripts/build.mjs`):
// - dist/widget/loader.js, the only script a host page loads up front: at most 3 KB gzip;
// - everything needed to open the widget and show overview, cases and the form (loader + the element and
//   its static imports + the larger of the two language chunks, since a customer loads one; the parts loaded
//   on demand and Braintree's lazy chunk excluded): at most 45 KB gzip;
// - and what must never be in that set: Braintree, luxon, classic zod, zod's locales.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const DIR = 'dist/widget';
const KB = 1024;
const BUDGETS = { loader: 3 * KB, open: 45 * KB };

if (!existsSync(path.join(DIR, 'loader.js'))) {
  console.error(`✖ ${DIR}/loader.js is missing: run node scripts/build.mjs first`);
  process.exit(1);
}

const manifest = JSON.parse(readFileSync(path.join(DIR, '.vite/manifest.json'), 'utf8'));
const gz = (file) => gzipSync(readFileSync(path.join(DIR, file))).length;

/** The entry's file and every chunk it imports statically, transitively (dynamic imports excluded). */
function staticClosure(key, seen = new Set()) {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const imported of chunk.imports ?? []) staticClosure(imported, seen);
  return seen;
}

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry && manifest[k].file === 'netscout-support.js');
if (!entryKey) {
  console.error('✖ netscout-support.js is not an entry of the widget build');
  process.exit(1);
}
const languages = Object.values(manifest)
  .filter((c) => /^chunks\/messages\.\w+\.js$/.test(c.file))
  .map((c) => c.file);
if (languages.length < 2) {
  console.error('✖ the widget build has no chunks/messages.<locale>.js per language');
  process.exit(1);
}
const largestLanguage = languages.reduce((a, b) => (gz(b) > gz(a) ? b : a));
const openSet = ['loader.js', ...staticClosure(entryKey), largestLanguage];
const rows = openSet.map((file) => ({ file, bytes: readFileSync(path.join(DIR, file)).length, gzip: gz(file) }));
const openGzip = rows.reduce((sum, r) => sum + r.gzip, 0);
const loaderGzip = gz('loader.js');

const lazy = Object.values(manifest)
  .filter((c) => c.isDynamicEntry && !openSet.includes(c.file))
  .map((c) => ({ file: c.file, gzip: gz(c.file) }));

const problems = [];
if (loaderGzip > BUDGETS.loader) problems.push(`loader.js is ${fmt(loaderGzip)} gzip, over ${fmt(BUDGETS.loader)}`);
if (openGzip > BUDGETS.open) problems.push(`opening the widget needs ${fmt(openGzip)} gzip, over ${fmt(BUDGETS.open)}`);
const initialText = openSet.map((f) => readFileSync(path.join(DIR, f), 'utf8')).join('\n');
const forbidden = [
  ['Braintree Drop-in', /braintree-web-drop-in|dropin\.create|data-braintree/],
  ['luxon', /Invalid DateTime|luxon/i],
  ['classic zod', /["'`]Zod(String|Object)["'`]/],
  ['zod locales', /Ungültige Eingabe|Entrada inválida|Nieprawidłowe dane/],
];
for (const [name, pattern] of forbidden) {
  if (pattern.test(initialText)) problems.push(`${name} is in the code loaded to open the widget`);
}
if (!lazy.some((c) => /braintree|dropin/.test(c.file)))
  problems.push('Braintree Drop-in is not a lazy chunk of its own');

function fmt(bytes) {
  return `${(bytes / KB).toFixed(1)} KB`;
}

console.log('Widget size budgets (gzip, zlib default level):');
console.log(`  loader.js                          ${fmt(loaderGzip).padStart(9)}  budget ${fmt(BUDGETS.loader)}`);
for (const r of rows) console.log(`    ${r.file.padEnd(34)} ${fmt(r.gzip).padStart(9)}  (${fmt(r.bytes)} min)`);
console.log(`  to open overview, cases and form   ${fmt(openGzip).padStart(9)}  budget ${fmt(BUDGETS.open)}`);
for (const c of lazy) console.log(`  lazy: ${c.file.padEnd(30)} ${fmt(c.gzip).padStart(9)}`);
if (problems.length) {
  for (const p of problems) console.error(`✖ ${p}`);
  process.exit(1);
}
console.log('✔ within budget');

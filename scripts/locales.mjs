#!/usr/bin/env node
// The extension's `_locales` take the words they share with the widget (holiday names, duration units,
// countdown sentences) from the client catalog, client/messages/<lang>.json: this script writes them into
// extension/public/_locales/<lang>/messages.json before `wxt build`. `--check` only says whether the
// committed files are up to date (a test runs it). Keys the extension owns alone are left as they are.
import { readFileSync, writeFileSync } from 'node:fs';

const LANGS = ['en', 'fr'];
const GENERATED = 'Generated from client/messages by scripts/locales.mjs: edit the catalog, not this file.';

/** The `_locales` key of a catalog entry: Chrome allows only letters, digits and `_`. */
export const localeKey = (group, name) => `${group}_${name.replace(/-/g, '_')}`;

/** A catalog template (`{name}`) as a Chrome message (`$NAME$`), placeholders numbered in `order`. */
function chromeMessage(template, order) {
  const message = { message: template.replace(/\$/g, '$$$$').replace(/\{(\w+)\}/g, (_, n) => `$${n.toUpperCase()}$`) };
  const used = order.filter((name) => template.includes(`{${name}}`));
  if (used.length > 0) {
    message.placeholders = Object.fromEntries(used.map((name) => [name, { content: `$${order.indexOf(name) + 1}` }]));
  }
  message.description = GENERATED;
  return message;
}

/** Value names in order of appearance in the English template: the order of `getMessage` substitutions. */
const orderOf = (template) => [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);

function generate(lang, english) {
  const catalog = JSON.parse(readFileSync(`client/messages/${lang}.json`, 'utf8'));
  const path = `extension/public/_locales/${lang}/messages.json`;
  const current = JSON.parse(readFileSync(path, 'utf8'));
  const next = Object.fromEntries(Object.entries(current).filter(([, entry]) => entry.description !== GENERATED));
  for (const group of ['holidays', 'units', 'countdown']) {
    for (const [name, template] of Object.entries(catalog[group])) {
      next[localeKey(group, name)] = chromeMessage(template, orderOf(english[group][name]));
    }
  }
  return { path, text: `${JSON.stringify(next, null, 2)}\n` };
}

const check = process.argv.includes('--check');
const english = JSON.parse(readFileSync('client/messages/en.json', 'utf8'));
let stale = 0;
for (const lang of LANGS) {
  const { path, text } = generate(lang, english);
  if (readFileSync(path, 'utf8') === text) continue;
  if (check) {
    console.error(`✖ ${path} is out of date: run node scripts/locales.mjs`);
    stale++;
  } else writeFileSync(path, text);
}
process.exit(stale > 0 ? 1 : 0);

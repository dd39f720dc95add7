import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KbArticleRow } from '../db/repository.js';

interface ArticleSource {
  slug: string;
  /** The services the article is about (catalog ids); empty for every service. */
  services: string[];
  title: string;
  summary: string;
  tags: string[];
  body: string[];
}

/** When the articles were last revised (shown as `updatedAt`). */
const REVISED_AT = Date.parse('2026-11-20T00:00:00Z');

/**
 * The self-help articles shipped with the server, in English and French: written for this product from
 * the facts of the support policy (never copied from the FAQ). Plain-text paragraphs, never HTML.
 */
export function loadKbArticles(): KbArticleRow[] {
  const rows: KbArticleRow[] = [];
  for (const lang of ['en', 'fr'] as const) {
    const file = fileURLToPath(new URL(`./articles.${lang}.json`, import.meta.url));
    const articles = JSON.parse(readFileSync(file, 'utf8')) as ArticleSource[];
    for (const a of articles) {
      rows.push({
        slug: a.slug,
        lang,
        title: a.title,
        summary: a.summary,
        body: JSON.stringify(a.body),
        tags: JSON.stringify(a.tags),
        services: JSON.stringify(a.services),
        updated_at: REVISED_AT,
      });
    }
  }
  return rows;
}

import { sql } from 'kysely';
import type { KbSearchHit } from '../repository.js';
import type { KbArticleRow } from '../rows.js';
import type { SqliteConnection } from './connection.js';
import { OTHER, OWN } from './kb.js';

/** Lower case without accents, as SQLite's `remove_diacritics` tokenizer indexes words. */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The articles and their weighted tsvector (`simple` configuration: no stemming, as FTS5's unicode61),
 * accents folded here since the `unaccent` extension needs a superuser. Weights: title A, summary B,
 * tags C, body D, in the ratios of SQLite's BM25 weights (8, 5, 4, 1).
 */
export async function replacePostgres(c: SqliteConnection, rows: readonly KbArticleRow[]): Promise<void> {
  await c.transaction(async (trx) => {
    // Every process replaces the same shipped articles at start: one at a time.
    await sql`lock table kb_articles in exclusive mode`.execute(trx);
    await trx.deleteFrom('kb_articles').execute();
    await sql`delete from kb_fts`.execute(trx);
    if (rows.length === 0) return;
    // Two statements for every article (each row one round trip would add most of a second to every start).
    await trx
      .insertInto('kb_articles')
      .values([...rows])
      .execute();
    const documents = rows.map((row) => {
      const body = fold((JSON.parse(row.body) as string[]).join('\n'));
      const tags = fold((JSON.parse(row.tags) as string[]).join(' '));
      return sql`(${row.slug}, ${row.lang}, ${row.title}, ${row.summary},
        setweight(to_tsvector('simple', ${fold(row.title)}), 'A') || setweight(to_tsvector('simple', ${tags}), 'C')
        || setweight(to_tsvector('simple', ${fold(row.summary)}), 'B') || setweight(to_tsvector('simple', ${body}), 'D'))`;
    });
    await sql`insert into kb_fts (slug, lang, title, summary, document) values ${sql.join(documents)}`.execute(trx);
  });
}

/**
 * `match` is the FTS5 query the route builds (`"term"*` joined by AND or OR, terms letters and digits
 * only): read back into a tsquery of prefix terms.
 */
export async function searchPostgres(
  c: SqliteConnection,
  match: string,
  lang: 'en' | 'fr',
  limit: number,
  service?: string,
): Promise<KbSearchHit[]> {
  const terms = [...match.matchAll(/"([^"]+)"\*/g)].map((m) => fold(m[1]).replace(/[^\p{L}\p{N}]/gu, ''));
  const words = terms.filter(Boolean).map((t) => `${t}:*`);
  if (words.length === 0) return [];
  const query = words.join(match.includes(' AND ') ? ' & ' : ' | ');
  // The same boost as SQLite's search (`kb.ts`): the service's own articles first.
  const boost = service
    ? sql`case when a.services = '[]' then 1.0 when a.services::jsonb ? ${service} then ${OWN} else ${OTHER} end`
    : sql`1.0`;
  const { rows } = await sql<KbSearchHit>`
    select f.slug, f.lang, f.title, f.summary,
      ts_rank('{0.125, 0.5, 0.625, 1.0}', f.document, query) * ${boost} as score
    from kb_fts f join kb_articles a on a.slug = f.slug and a.lang = f.lang, to_tsquery('simple', ${query}) query
    where f.document @@ query and f.lang = ${lang}
    order by score desc, f.slug limit ${limit}`.execute(c.db);
  return rows.map((row) => ({ ...row, score: Number(row.score) }));
}

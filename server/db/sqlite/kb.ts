import { sql } from 'kysely';
import type { KbRepository, KbSearchHit } from '../repository.js';
import type { KbArticleRow } from '../rows.js';
import type { SqliteConnection } from './connection.js';

/** The knowledge base, with SQLite's FTS5 index (`kb_fts`) for the search. */
export class SqliteKb implements KbRepository {
  constructor(private readonly c: SqliteConnection) {}

  async replace(rows: readonly KbArticleRow[]): Promise<void> {
    await this.c.transaction(async (trx) => {
      await trx.deleteFrom('kb_articles').execute();
      await sql`delete from kb_fts`.execute(trx);
      for (const row of rows) {
        await trx.insertInto('kb_articles').values(row).execute();
        await sql`insert into kb_fts (slug, lang, title, summary, body, tags)
          values (${row.slug}, ${row.lang}, ${row.title}, ${row.summary}, ${JSON.parse(row.body).join('\n')},
                  ${JSON.parse(row.tags).join(' ')})`.execute(trx);
      }
    });
  }

  /** Ranking is BM25 weighted toward the title, then tags and summary. */
  async search(match: string, lang: 'en' | 'fr', limit: number): Promise<KbSearchHit[]> {
    const { rows } = await sql<KbSearchHit>`
      select slug, lang, title, summary, -bm25(kb_fts, 0, 0, 10.0, 4.0, 1.0, 6.0) as score
      from kb_fts where kb_fts match ${match} and lang = ${lang}
      order by score desc limit ${limit}`.execute(this.c.db);
    return rows;
  }

  async get(slug: string, lang: 'en' | 'fr'): Promise<KbArticleRow | undefined> {
    return this.c.db
      .selectFrom('kb_articles')
      .selectAll()
      .where('slug', '=', slug)
      .where('lang', '=', lang)
      .executeTakeFirst();
  }
}

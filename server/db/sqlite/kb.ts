import { sql } from 'kysely';
import type { KbRepository, KbSearchHit, KbVoteCount } from '../repository.js';
import type { KbArticleRow, KbVoteRow } from '../rows.js';
import type { SqliteConnection } from './connection.js';
import { replacePostgres, searchPostgres } from './kb-postgres.js';

/**
 * BM25 column weights (slug, lang, title, summary, body, tags): a customer describes a symptom in a few
 * words, and the article whose title or summary says it is a better answer than one that mentions it once.
 */
const WEIGHTS = sql.raw('0, 0, 8.0, 5.0, 1.0, 4.0');

/**
 * How much an article's score is multiplied by when searched from a service's page: its own articles by
 * `OWN`, articles of other services by `OTHER`, articles for every service unchanged.
 */
export const OWN = 2.0;
export const OTHER = 0.5;

/** The knowledge base, with SQLite's FTS5 index (`kb_fts`) for the search, or PostgreSQL's tsvector. */
export class SqliteKb implements KbRepository {
  constructor(private readonly c: SqliteConnection) {}

  async replace(rows: readonly KbArticleRow[]): Promise<void> {
    if (this.c.dialect === 'postgres') return replacePostgres(this.c, rows);
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

  async search(match: string, lang: 'en' | 'fr', limit: number, service?: string): Promise<KbSearchHit[]> {
    if (this.c.dialect === 'postgres') return searchPostgres(this.c, match, lang, limit, service);
    const boost = service
      ? sql`case when a.services = '[]' then 1.0
          when exists (select 1 from json_each(a.services) where value = ${service}) then ${OWN}
          else ${OTHER} end`
      : sql`1.0`;
    const { rows } = await sql<KbSearchHit>`
      select f.slug, f.lang, f.title, f.summary, -bm25(kb_fts, ${WEIGHTS}) * ${boost} as score
      from kb_fts f join kb_articles a on a.slug = f.slug and a.lang = f.lang
      where kb_fts match ${match} and f.lang = ${lang}
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

  async vote(row: KbVoteRow): Promise<void> {
    await this.c.db
      .insertInto('kb_votes')
      .values(row)
      // The same answer again changes nothing, not even when it was given.
      .onConflict((oc) =>
        oc
          .columns(['user_id', 'slug'])
          .doUpdateSet({ helpful: row.helpful, voted_at: row.voted_at })
          .where('kb_votes.helpful', '<>', row.helpful),
      )
      .execute();
  }

  async getVote(userId: string, slug: string): Promise<KbVoteRow | undefined> {
    return this.c.db
      .selectFrom('kb_votes')
      .selectAll()
      .where('user_id', '=', userId)
      .where('slug', '=', slug)
      .executeTakeFirst();
  }

  /** Quoted alias and integer casts: PostgreSQL folds unquoted names to lower case and sums to numeric. */
  async voteCounts(): Promise<KbVoteCount[]> {
    const { rows } = await sql<KbVoteCount>`
      select slug, cast(sum(helpful) as integer) as helpful, cast(sum(1 - helpful) as integer) as "notHelpful"
      from kb_votes group by slug order by slug`.execute(this.c.db);
    return rows;
  }
}

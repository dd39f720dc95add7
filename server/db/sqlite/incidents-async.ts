import type { IncidentInsertOutcome } from '../repository.js';
import type { NewCase, NewMail } from '../rows.js';
import { findKey, insertMail } from './cases.js';
import type { SqliteConnection } from './connection.js';

/**
 * The incident batch with ordinary asynchronous queries (PostgreSQL, where other processes insert too),
 * in one transaction, resolved only after its commit. The primary key of `idempotency_keys` decides between
 * processes: a claim of a key that another transaction holds waits for it, and inserts nothing once it
 * commits (then the committed case is reported). Keys are claimed in one order (sorted) in every process,
 * so two batches never wait on each other in a cycle; cases are then inserted in arrival order.
 */
export function insertIncidentsAsync(
  c: SqliteConnection,
  incidents: readonly { row: NewCase; key: string; requestHash: string; mail?: NewMail | undefined }[],
): Promise<IncidentInsertOutcome[]> {
  const order = incidents
    .map((incident, index) => ({ id: `${incident.row.account_id}\u0000${incident.key}`, index }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.index - b.index))
    .map(({ index }) => index);
  return c.casesTransaction(async (trx) => {
    const outcomes: (IncidentInsertOutcome | undefined)[] = new Array(incidents.length);
    for (const index of order) {
      const { row, key, requestHash } = incidents[index];
      const claimed = await trx
        .insertInto('idempotency_keys')
        .values({
          account_id: row.account_id,
          key,
          request_hash: requestHash,
          case_id: row.id,
          status_code: 201,
          created_at: row.received_at,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('key')
        .executeTakeFirst();
      if (!claimed) {
        const existing = await findKey(trx, { account_id: row.account_id, key }).executeTakeFirstOrThrow();
        outcomes[index] = { inserted: false, existing };
      }
    }
    for (let index = 0; index < incidents.length; index++) {
      if (outcomes[index]) continue;
      const { seq } = await trx
        .insertInto('cases')
        .values(incidents[index].row)
        .returning('seq')
        .executeTakeFirstOrThrow();
      const { mail } = incidents[index];
      if (mail) await insertMail(trx, mail).execute();
      outcomes[index] = { inserted: true, seq };
    }
    return outcomes as IncidentInsertOutcome[];
  });
}

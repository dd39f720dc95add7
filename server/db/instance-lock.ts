import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';

/** Any number: the first key of every instance lock (two-key advisory locks never meet one-key ones). */
const INSTANCE_LOCKS = 740_117;

/** The second key of `instance`'s lock: 32 bits of its hash (a collision only delays an interruption). */
function lockKey(instance: string): number {
  return createHash('sha256').update(instance).digest().readInt32BE(0);
}

/**
 * This process's identity on a shared PostgreSQL database: a random instance id, and a session advisory lock
 * on it held by a connection of its own for as long as the process lives. PostgreSQL releases the lock when
 * that connection ends, so also when the process is killed: another process can then take the lock, which is
 * how it knows the instance is gone. Chosen over a heartbeat: nothing to renew, no lease length to tune, and
 * a killed process is seen gone at once rather than a lease later.
 */
export class InstanceLock {
  private constructor(
    readonly id: string,
    private readonly client: pg.Client,
  ) {}

  static async acquire(url: string): Promise<InstanceLock> {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => {});
    await client.connect();
    const id = randomUUID();
    try {
      await client.query('select pg_advisory_lock($1, $2)', [INSTANCE_LOCKS, lockKey(id)]);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    return new InstanceLock(id, client);
  }

  /**
   * Whether the process with instance id `owner` is gone: its lock is free. A row without an owner was
   * written before instance ids existed, by a process that has been replaced since.
   */
  async isGone(owner: string | null): Promise<boolean> {
    if (owner === null) return true;
    const key = lockKey(owner);
    const { rows } = await this.client.query<{ taken: boolean }>('select pg_try_advisory_lock($1, $2) as taken', [
      INSTANCE_LOCKS,
      key,
    ]);
    if (!rows[0].taken) return false;
    await this.client.query('select pg_advisory_unlock($1, $2)', [INSTANCE_LOCKS, key]);
    return true;
  }

  /** Ends the connection, which frees the lock. */
  async release(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}

import type { TestProject } from 'vitest/node';
import { type PgCluster, startCluster } from '../../_lib/postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The `postgres` database of the suite's cluster, when the suite runs on PostgreSQL. */
    pgAdminUrl: string | undefined;
  }
}

/**
 * With `NETSCOUT_TEST_STORE=postgres`, one throwaway cluster for the whole server suite (each harness then
 * creates its own database on it); stopped and deleted at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const store = process.env.NETSCOUT_TEST_STORE ?? 'sqlite';
  if (store !== 'sqlite' && store !== 'postgres') {
    throw new Error(`NETSCOUT_TEST_STORE must be sqlite or postgres, not "${store}"`);
  }
  const cluster: PgCluster | undefined = store === 'postgres' ? await startCluster() : undefined;
  project.provide('pgAdminUrl', cluster?.url());
  return async () => {
    await cluster?.stop();
  };
}

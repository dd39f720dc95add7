import type { Logger } from 'pino';
import type { IncidentDraft } from '../core/index.js';
import type { AttachmentContents } from './db/attachment-store.js';
import type { IncidentWriter } from './db/incident-writer.js';
import type { AccountRow, SupportRepository, UserRow } from './db/repository.js';
import type { LimitsFactory } from './http/shared-limits.js';
import type { PaymentGateway } from './payments/gateway.js';

/** Who is calling: resolved from the bearer token. */
export interface Caller {
  user: UserRow;
  account: AccountRow;
  tokenHash: string;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    caller: Caller | undefined;
    /** The request's JSON body, parsed once by the body guard (`http/json-body.ts`); not yet validated. */
    parsedBody: unknown;
    /** An incident submission's `Idempotency-Key` and body, validated (`routes/incidents.ts`). */
    submission: { key: string; draft: IncidentDraft };
  };
};

/** What every route needs: built once by `startServer`. */
export interface ServerContext {
  repo: SupportRepository;
  writer: IncidentWriter;
  gateway: PaymentGateway;
  attachments: AttachmentContents;
  logger: Logger;
  now: () => Date;
  /** The support time zone (spec §5). */
  zone: string;
  dataDir: string;
  /** Where rate limits count: this process's memory on SQLite, the database every process shares on PostgreSQL. */
  limits: LimitsFactory;
  /** The customer-mail delivery loop: nudged when a mail has been queued. */
  mail: { nudge(): void };
}

import { ApiError, type SupportApiClient } from '../../../client/api.js';
import type { Case, Me } from '../../../core/api/schemas.js';
import { backoffMs, type FileRefusal, isAuthor, type Outbox, type OutboxEntry, type OutboxFile } from './outbox.js';

/** What the delivery loop tells its caller. */
export interface DeliveryHooks {
  now(): number;
  onDelivered(entry: OutboxEntry, delivered: Case): void;
  /** The server refused the incident for good: the entry stays in the outbox, marked `refused`. */
  onRefused(entry: OutboxEntry, error: ApiError): void;
  /** The case exists but the server refused one of its attachments. */
  onAttachmentRefused?(entry: OutboxEntry, file: OutboxFile, error: ApiError): void;
  onUploadProgress?(entry: OutboxEntry, file: OutboxFile, fraction: number): void;
}

export interface DeliveryResult {
  delivered: number;
  /** Entries of the current caller still waiting (network down, server unwell). */
  waiting: number;
  /** The earliest time a waiting entry should be retried. */
  nextAttemptAt: number | undefined;
}

let localChain: Promise<unknown> = Promise.resolve();

/** Runs `task` alone across this origin's tabs (Web Locks) or, without them, within this page. */
function exclusively<T>(task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) return locks.request('netscout-support-outbox', task) as Promise<T>;
  const run = localChain.then(task, task);
  localChain = run.catch(() => undefined);
  return run;
}

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('network', String((error as Error)?.message ?? error));
}

/**
 * Who the current credentials belong to: `null` when there are none or the server does not accept them,
 * `undefined` when that cannot be known now (network, server unwell).
 */
async function currentCaller(api: SupportApiClient): Promise<Me | null | undefined> {
  try {
    if (!(await api.token())) return null;
    return await api.me();
  } catch (error) {
    const apiError = asApiError(error);
    return apiError.transient ? undefined : null;
  }
}

/**
 * Sends the due entries of the outbox for `api`, each only under its author's credentials: the token is
 * read once, `GET /v1/me` says whose it is, and the same token sends what that user (in that account) wrote.
 * Entries of other users, and entries without an author, wait untouched. A transient failure is retried
 * with backoff (the idempotency key makes a retry of an already-received incident return the same case);
 * a refusal marks the entry `refused` and keeps it. `force` ignores the backoff schedule (the `online`
 * event, a new page load, a new sign-in).
 */
export function deliverOutbox(outbox: Outbox, api: SupportApiClient, hooks: DeliveryHooks, force = false) {
  return exclusively(async (): Promise<DeliveryResult> => {
    const result: DeliveryResult = { delivered: 0, waiting: 0, nextAttemptAt: undefined };
    const wait = async (entry: OutboxEntry, error?: ApiError) => {
      if (error) {
        entry.attempts++;
        entry.lastError = error.message;
        entry.nextAttemptAt = hooks.now() + backoffMs(entry.attempts);
        await outbox.put(entry);
      }
      result.waiting++;
      result.nextAttemptAt = Math.min(result.nextAttemptAt ?? Number.POSITIVE_INFINITY, entry.nextAttemptAt);
    };

    const due: OutboxEntry[] = [];
    for (const entry of await outbox.pending(api.base)) {
      if (!entry.author) continue; // written before authors were recorded: needs a customer's confirmation
      if (force || entry.nextAttemptAt <= hooks.now()) due.push(entry);
      else await wait(entry);
    }
    if (due.length === 0) return result;

    // A host page's tokenProvider that fails is like the network failing: retried later.
    const token = await api.token().then(
      (value) => ({ value }),
      () => undefined,
    );
    const caller = api.withToken(token?.value);
    const me = token ? await currentCaller(caller) : undefined;
    for (const entry of due) {
      if (me === undefined) {
        await wait(entry, new ApiError('network', `cannot tell who is signed in at ${api.base}`));
        continue;
      }
      // Another customer (or nobody) is signed in: the entry waits for its author, without a retry timer.
      if (!isAuthor(entry.author, me)) continue;
      try {
        await deliver(outbox, caller, entry, hooks);
        result.delivered++;
      } catch (error) {
        const apiError = asApiError(error);
        if (apiError.transient || apiError.code === 'unauthorized') await wait(entry, apiError);
        else {
          entry.refused = {
            status: apiError.status,
            message: apiError.message,
            problem: apiError.problem,
            at: hooks.now(),
          };
          await outbox.put(entry);
          hooks.onRefused(entry, apiError);
        }
      }
    }
    return result;
  });
}

/** Sends one entry and its attachments; it leaves the outbox only once the server has them all. */
async function deliver(outbox: Outbox, api: SupportApiClient, entry: OutboxEntry, hooks: DeliveryHooks): Promise<void> {
  let delivered: Case | undefined;
  if (!entry.caseId) {
    delivered = await api.createIncident(entry.draft, entry.idempotencyKey);
    entry.caseId = delivered.id;
    await outbox.put(entry);
  }
  while (entry.uploaded < entry.files.length) {
    const file = entry.files[entry.uploaded]!;
    try {
      await api.uploadAttachment(entry.caseId, file.blob, file.name, (f) => hooks.onUploadProgress?.(entry, file, f));
    } catch (error) {
      if (error instanceof ApiError && !error.transient && error.code !== 'unauthorized') {
        entry.refusedFiles = [...(entry.refusedFiles ?? []), fileRefusal(file.name, error)];
        hooks.onAttachmentRefused?.(entry, file, error);
      } else throw error;
    }
    entry.uploaded++;
    await outbox.put(entry);
  }
  delivered = await api.case(entry.caseId).catch(() => delivered);
  await outbox.remove(entry.idempotencyKey);
  if (delivered) hooks.onDelivered(entry, delivered);
}

/** The server's problem codes the UI has its own words for. */
const REFUSALS: Record<string, FileRefusal['reason']> = {
  'unsupported-media-type': 'type',
  'body-too-large': 'size',
  'too-many-attachments': 'count',
  'storage-quota-exceeded': 'quota',
};

/** Why the server refused `name`: its problem code, in the UI's words when known, and its own message. */
export function fileRefusal(name: string, error: ApiError): FileRefusal {
  const reason = REFUSALS[error.problem?.type.split('/').pop() ?? ''];
  return { name, ...(reason ? { reason } : {}), message: error.problem?.detail ?? error.message };
}

import type { Logger } from 'pino';
import type { DueMail, MailAttempt, MailOutboxRepository } from '../db/repository.js';
import { renderMail } from './outbox.js';
import type { MailTransport } from './transport.js';

/** How a failed mail is retried: the delay doubles from `firstDelayMs` up to `maxDelayMs`. */
export interface RetryPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  /** After this many failed attempts the row is kept, marked given up, and an error is logged. */
  maxAttempts: number;
}

/** 12 attempts over about five hours: an SMTP server down for an afternoon still gets every mail. */
export const DEFAULT_RETRY: RetryPolicy = { firstDelayMs: 30_000, maxDelayMs: 3_600_000, maxAttempts: 12 };

/**
 * When to try a mail again after its `attempts`-th failure at `at`; `null` when it has had its last attempt.
 * @example nextAttemptAt(1, 0, DEFAULT_RETRY) // 30_000
 */
export function nextAttemptAt(attempts: number, at: number, policy: RetryPolicy): number | null {
  if (attempts >= policy.maxAttempts) return null;
  return at + Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (attempts - 1));
}

export interface MailDeliveryOptions {
  outbox: MailOutboxRepository;
  transport: MailTransport;
  from: string;
  /** The support time zone: the deadline in a confirmation is shown there. */
  zone: string;
  now: () => Date;
  logger: Logger;
  retry?: RetryPolicy;
  /** How often due rows are looked for when nothing nudges the loop; default 1 s. */
  pollMs?: number;
}

const BATCH = 100;
/**
 * How long a nudge waits for more mail to join its pass. Measured: a pass per incident doubled the durable
 * commits under load, and the durability test's 16 writers went past its 60 s limit (50 s before e-mail).
 */
const COALESCE_MS = 100;
/** A shutdown waits this long for a mail being handed over; after it, the row stays due and is sent again. */
const STOP_GRACE_MS = 5_000;

/**
 * The delivery loop: sends due outbox rows one at a time, records each attempt on its row, retries failures
 * with backoff. Rows are the only state: a restart finds the pending ones due and carries on. Delivery is at
 * least once: a mail handed over just before a crash is sent again, with the same Message-ID.
 */
export class MailDelivery {
  readonly #o: MailDeliveryOptions;
  readonly #retry: RetryPolicy;
  #timer: NodeJS.Timeout | undefined;
  #wakeAt = 0;
  #pass: Promise<void> | undefined;
  #again = false;
  #stopped = true;

  constructor(options: MailDeliveryOptions) {
    this.#o = options;
    this.#retry = options.retry ?? DEFAULT_RETRY;
  }

  /** Starts the loop with a pass at once (rows left due by an earlier run go first). */
  start(): void {
    this.#stopped = false;
    this.#wake(0);
  }

  /**
   * A mail was just queued: look within {@link COALESCE_MS} rather than at the next poll. Nudges in that window
   * share one pass, so a burst of incidents costs a few outbox commits, not one each.
   */
  nudge(): void {
    if (this.#stopped) return;
    if (this.#pass) this.#again = true;
    else this.#wake(COALESCE_MS);
  }

  /** Stops the loop; waits (briefly) for a mail being handed over, then closes the transport. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pass) {
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([this.#pass, new Promise((r) => (grace = setTimeout(r, STOP_GRACE_MS)))]);
      clearTimeout(grace);
    }
    this.#o.transport.close();
  }

  /** Runs a pass in `delayMs`, unless one is already planned sooner. */
  #wake(delayMs: number): void {
    if (this.#stopped) return;
    const at = performance.now() + delayMs;
    if (this.#timer && this.#wakeAt <= at) return;
    clearTimeout(this.#timer);
    this.#wakeAt = at;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#pass = this.#run().finally(() => {
        this.#pass = undefined;
        const again = this.#again;
        this.#again = false;
        this.#wake(again ? COALESCE_MS : (this.#o.pollMs ?? 1000));
      });
    }, delayMs);
    this.#timer.unref();
  }

  async #run(): Promise<void> {
    const { outbox, transport } = this.#o;
    try {
      for (;;) {
        const due = await outbox.due(this.#o.now().getTime(), BATCH);
        // A mail handed to an SMTP server is recorded at once (a crash then resends one mail at most); the
        // local mailbox records a batch per commit, as incidents arriving together are committed together.
        const done: { id: string; attempt: MailAttempt }[] = [];
        for (const mail of due) {
          if (this.#stopped) break;
          done.push({ id: mail.id, attempt: await this.#deliver(mail) });
          if (transport.via === 'smtp') await outbox.record(done.splice(0));
        }
        await outbox.record(done);
        if (due.length < BATCH || this.#stopped) return;
      }
    } catch (error) {
      // The store failing (a full disk, the database closing) must not stop the loop for good.
      this.#o.logger.error({ err: error }, 'mail outbox: could not read or update the queue');
    }
  }

  /** Sends one mail; what to record of the attempt. */
  async #deliver(mail: DueMail): Promise<MailAttempt> {
    const { logger, transport } = this.#o;
    let text = mail.subject !== null && mail.body !== null ? { subject: mail.subject, text: mail.body } : undefined;
    const attempts = mail.attempts + 1;
    try {
      text ??= renderMail(mail, this.#o.zone);
      await transport.send({
        from: this.#o.from,
        to: mail.to_address,
        subject: text.subject,
        text: text.text,
        messageId: `<${mail.id}@netscout-support>`,
        lang: mail.lang,
      });
    } catch (error) {
      const at = this.#o.now().getTime();
      const next = nextAttemptAt(attempts, at, this.#retry);
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      const fields = { mailId: mail.id, caseId: mail.case_id, attempts, reason };
      if (next === null) logger.error(fields, 'mail outbox: gave up on a mail after its last attempt');
      else logger.warn({ ...fields, retryAt: new Date(next).toISOString() }, 'mail outbox: sending failed');
      const rendered = { subject: text?.subject ?? null, body: text?.text ?? null };
      return { attempts, ...rendered, next_attempt_at: next, last_error: reason };
    }
    return {
      attempts,
      subject: text.subject,
      body: text.text,
      sent_at: this.#o.now().getTime(),
      delivered_via: transport.via,
      last_error: null,
    };
  }
}

import type { Logger } from 'pino';
import type { DueMail, MailOutboxRepository } from '../db/repository.js';
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

const BATCH = 20;
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
    this.nudge();
  }

  /** A mail was just queued: look now rather than at the next poll. */
  nudge(): void {
    if (this.#stopped) return;
    if (this.#pass) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pass = this.#run().finally(() => {
      this.#pass = undefined;
      if (this.#again) {
        this.#again = false;
        this.nudge();
      } else this.#schedule();
    });
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

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => this.nudge(), this.#o.pollMs ?? 1000);
    this.#timer.unref();
  }

  async #run(): Promise<void> {
    try {
      for (;;) {
        const due = await this.#o.outbox.due(this.#o.now().getTime(), BATCH);
        for (const mail of due) {
          if (this.#stopped) return;
          await this.#deliver(mail);
        }
        if (due.length < BATCH || this.#stopped) return;
      }
    } catch (error) {
      // The store failing (a full disk, the database closing) must not stop the loop for good.
      this.#o.logger.error({ err: error }, 'mail outbox: could not read or update the queue');
    }
  }

  async #deliver(mail: DueMail): Promise<void> {
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
      await this.#o.outbox.record(mail.id, {
        attempts,
        subject: text?.subject ?? null,
        body: text?.text ?? null,
        next_attempt_at: next,
        last_error: reason,
      });
      const fields = { mailId: mail.id, caseId: mail.case_id, attempts, reason };
      if (next === null) logger.error(fields, 'mail outbox: gave up on a mail after its last attempt');
      else logger.warn({ ...fields, retryAt: new Date(next).toISOString() }, 'mail outbox: sending failed');
      return;
    }
    await this.#o.outbox.record(mail.id, {
      attempts,
      subject: text.subject,
      body: text.text,
      sent_at: this.#o.now().getTime(),
      delivered_via: transport.via,
      last_error: null,
    });
  }
}

import type { CaseRepository, IncidentInsertOutcome, NewCase, NewMail } from './repository.js';

interface Job {
  row: NewCase;
  key: string;
  requestHash: string;
  mail: NewMail | undefined;
  resolve: (outcome: IncidentInsertOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for incident submissions. Every submission that arrives before the next turn of the event
 * loop joins one transaction, so one durable (fsynced) commit acknowledges all of them. No submission is
 * acknowledged before its commit returns: a 201 always means the row is on disk.
 */
export class IncidentWriter {
  #queue: Job[] = [];
  #scheduled = false;
  #inFlight = new Set<Promise<void>>();

  constructor(private readonly cases: CaseRepository) {}

  /** `mail` is queued in the same transaction when the case is inserted (not when the key replays). */
  submit(row: NewCase, key: string, requestHash: string, mail?: NewMail): Promise<IncidentInsertOutcome> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ row, key, requestHash, mail, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length === 0) return;
    const done = this.cases
      .insertIncidents(batch)
      .then(
        (outcomes) => {
          for (const [i, job] of batch.entries()) job.resolve(outcomes[i]);
        },
        (error: unknown) => {
          for (const job of batch) job.reject(error);
        },
      )
      .finally(() => this.#inFlight.delete(done));
    this.#inFlight.add(done);
  }

  /** Waits until every submission received so far is committed (or failed). */
  async drain(): Promise<void> {
    while (this.#queue.length > 0 || this.#inFlight.size > 0) {
      if (this.#queue.length > 0 && !this.#scheduled) this.#flush();
      await Promise.all([...this.#inFlight]);
      await new Promise((r) => setImmediate(r));
    }
  }
}

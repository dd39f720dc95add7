import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../core/index.js';
import type { StartOptions } from '../../server/index.js';
import { DEFAULT_RETRY, nextAttemptAt } from '../../server/mail/delivery.js';
import { drafts, type Harness, json, newKey, postIncident, startHarness } from './_lib/harness.js';
import { closedPort, eventually, TestSmtp } from './_lib/smtp.js';
import { storeQuery } from './_lib/store-sql.js';

const RETRY = { firstDelayMs: 60_000, maxDelayMs: 600_000, maxAttempts: 5 };
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function harness(smtpUrl: string, options: StartOptions = {}): Promise<Harness> {
  const h = await startHarness({ mail: { smtpUrl, pollMs: 20, retry: RETRY }, ...options });
  cleanup.push(() => h.stop());
  return h;
}

async function smtp(port = 0): Promise<TestSmtp> {
  const server = await new TestSmtp().start(port);
  cleanup.push(() => server.stop());
  return server;
}

type OutboxRow = {
  attempts: number;
  last_error: string | null;
  sent_at: number | null;
  next_attempt_at: number | null;
};
const outboxRows = (h: Harness, caseId: string) =>
  storeQuery<OutboxRow>(h, 'select * from mail_outbox where case_id = ?', [caseId]);

function submit(h: Harness, as: string, draft: object, lang: string, key = newKey()) {
  return h.api('/v1/incidents', {
    as,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key, 'accept-language': lang },
    body: JSON.stringify(draft),
  });
}

describe('the retry schedule', () => {
  it('doubles the delay up to its ceiling and stops after the last attempt', () => {
    const at = 1_000_000;
    expect(nextAttemptAt(1, at, DEFAULT_RETRY)).toBe(at + 30_000);
    expect(nextAttemptAt(2, at, DEFAULT_RETRY)).toBe(at + 60_000);
    expect(nextAttemptAt(9, at, DEFAULT_RETRY)).toBe(at + 3_600_000);
    expect(nextAttemptAt(12, at, DEFAULT_RETRY)).toBeNull();
  });
});

describe('customer e-mail over SMTP', () => {
  let inbox: TestSmtp;
  let h: Harness;
  beforeAll(async () => {
    inbox = await new TestSmtp().start();
    h = await startHarness({ mail: { smtpUrl: inbox.url, pollMs: 20, retry: RETRY } });
  });
  afterAll(async () => {
    await h.stop();
    await inbox.stop();
  });

  it('confirms an incident to the signed-in customer in English, with the case number and deadline', async () => {
    h.clock.set('2026-11-24T15:00:00Z');
    const created = await json<Case>(await submit(h, 'gold', drafts.gold, 'en-US,en;q=0.9'));
    const mail = await inbox.waitFor((m) => m.subject.includes(created.number));
    expect(mail.envelopeTo).toEqual(['alice@acme.example']);
    expect(mail.subject).toBe(`[${created.number}] We have your request: ${drafts.gold.subject}`);
    expect(mail.language).toBe('en');
    // Two hours after 10:00 New York time.
    expect(mail.text).toContain('Tuesday, November 24, 2026 at 12:00 PM EST (America/New_York)');
  });

  it('writes it in French when the incident came in French, naming the holidays that pushed the deadline', async () => {
    h.clock.set('2026-11-25T15:00:00Z');
    const created = await json<Case>(await submit(h, 'linksprinterPaid', drafts.linksprinter, 'fr-FR,fr;q=0.9'));
    const mail = await inbox.waitFor((m) => m.subject.includes(created.number));
    expect(mail.envelopeTo).toEqual(['chloe@cobalt.example']);
    expect(mail.subject).toBe(
      `[${created.number}] Nous avons bien reçu votre demande : ${drafts.linksprinter.subject}`,
    );
    expect(mail.language).toBe('fr');
    expect(mail.text).toContain('samedi 28 novembre 2026 à 10:00 UTC−5 (America/New_York)');
    expect(mail.text).toContain('Thanksgiving et le lendemain de Thanksgiving');
  });

  it('tells the customer, in the case’s language, that an engineer answered', async () => {
    const created = await json<Case>(await submit(h, 'linksprinterPaid', drafts.linksprinter, 'fr'));
    await inbox.waitFor((m) => m.subject.includes(created.number));
    const answered = await h.api(`/v1/agent/cases/${created.id}`, {
      as: 'agent',
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response: 'Please update the firmware to 2.1.1.' }),
    });
    expect(answered.status).toBe(200);
    const notice = await inbox.waitFor((m) => m.subject.startsWith(`[${created.number}] Un ingénieur a répondu`));
    expect(notice.envelopeTo).toEqual(['chloe@cobalt.example']);
    expect(notice.text).toContain('> Please update the firmware to 2.1.1.');
  });

  it('sends one confirmation for an incident submitted twice with the same key', async () => {
    const key = newKey();
    const first = await json<Case>(await postIncident(h, 'gold', drafts.gold, key));
    const replay = await postIncident(h, 'gold', drafts.gold, key);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    // Mail goes out in the order it was queued: once a later incident's mail is in, a second copy would be too.
    h.clock.advance(1000);
    const later = await json<Case>(await postIncident(h, 'gold', { ...drafts.gold, subject: 'A later incident' }));
    await inbox.waitFor((m) => m.subject.includes(later.number));
    expect(inbox.received.filter((m) => m.subject.includes(first.number))).toHaveLength(1);
  });
});

describe('customer e-mail when the SMTP server is down', () => {
  it('answers 201 while the SMTP server is down and delivers the mail once it is back', async () => {
    const port = await closedPort();
    const h = await harness(`smtp://127.0.0.1:${port}`);
    const response = await postIncident(h, 'gold', drafts.gold);
    expect(response.status).toBe(201);
    const created = await json<Case>(response);
    const failed = await eventually(async () => (await outboxRows(h, created.id)).find((r) => r.last_error !== null));
    expect(failed).toMatchObject({ attempts: 1, sent_at: null });

    const inbox = await smtp(port);
    h.clock.advance(RETRY.firstDelayMs);
    const mail = await inbox.waitFor((m) => m.subject.includes(created.number));
    expect(mail.envelopeTo).toEqual(['alice@acme.example']);
    await eventually(async () => (await outboxRows(h, created.id)).find((r) => r.sent_at !== null));
    expect(await outboxRows(h, created.id)).toMatchObject([{ attempts: 2, last_error: null }]);
  });

  it('gives up after the last attempt and keeps the row with its error', async () => {
    const port = await closedPort();
    const h = await harness(`smtp://127.0.0.1:${port}`, {
      mail: { smtpUrl: `smtp://127.0.0.1:${port}`, pollMs: 20, retry: { ...RETRY, maxAttempts: 2 } },
    });
    const created = await json<Case>(await postIncident(h, 'gold', drafts.gold));
    await eventually(async () => (await outboxRows(h, created.id)).find((r) => r.attempts === 1));
    h.clock.advance(RETRY.firstDelayMs);
    const [row] = await eventually(async () => {
      const rows = await outboxRows(h, created.id);
      return rows[0]?.attempts === 2 ? rows : undefined;
    });
    expect(row).toMatchObject({ sent_at: null, next_attempt_at: null });
    expect(row.last_error).toMatch(/ECONNREFUSED/);
  });

  it('delivers after a restart a mail that was still waiting when the server stopped', async () => {
    const port = await closedPort();
    const h = await startHarness({ mail: { smtpUrl: `smtp://127.0.0.1:${port}`, pollMs: 20, retry: RETRY } });
    cleanup.push(() => h.stop()); // last: it removes the data directory the second server uses
    const created = await json<Case>(await postIncident(h, 'gold', drafts.gold));
    await eventually(async () => (await outboxRows(h, created.id)).find((r) => r.last_error !== null));
    await h.server.close();

    const inbox = await smtp(port);
    h.clock.advance(RETRY.firstDelayMs);
    await harness(inbox.url, { dataDir: h.dataDir, now: h.clock.now });
    const mail = await inbox.waitFor((m) => m.subject.includes(created.number));
    expect(mail.envelopeTo).toEqual(['alice@acme.example']);
  });
});

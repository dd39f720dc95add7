import { afterEach, describe, expect, it } from 'vitest';
import type { Case } from '../../core/index.js';
import type { StartOptions } from '../../server/index.js';
import { drafts, type Harness, json, postIncident, startHarness } from './_lib/harness.js';
import { TestSmtp } from './_lib/smtp.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function harness(options: StartOptions = {}): Promise<Harness> {
  const h = await startHarness({ ...options, mail: { smtpUrl: undefined, pollMs: 20, ...options.mail } });
  cleanup.push(() => h.stop());
  return h;
}

async function mailboxWith(h: Harness, text: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const page = await (await h.api('/demo/mailbox/')).text();
    if (page.includes(text)) return page;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the mailbox never showed ${text}`);
}

const hostile = '<img src=x onerror=alert(1)> scan & "stop"';

describe('the demo’s local mailbox (no SMTP_URL)', () => {
  it('lists the confirmation and the answer notice, with every text escaped', async () => {
    const h = await harness();
    expect(h.server.mailbox).toBe(`${h.server.url}/demo/mailbox/`);
    const created = await json<Case>(await postIncident(h, 'gold', { ...drafts.gold, subject: hostile }));
    await h.api(`/v1/agent/cases/${created.id}`, {
      as: 'agent',
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response: 'Try this: <script>alert(2)</script>' }),
    });
    const page = await mailboxWith(h, 'An engineer answered');
    const response = await h.api('/demo/mailbox/');
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(page).toContain(`[${created.number}] We have your request: `);
    expect(page).toContain('alice@acme.example');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; scan &amp; &quot;stop&quot;');
    expect(page).toContain('Try this: &lt;script&gt;alert(2)&lt;/script&gt;');
    expect(page).not.toMatch(/<img|<script/i);
  });

  it('is served by a seeded demo only: without the demo, no one sees any account’s mail', async () => {
    const demo = await harness();
    expect((await demo.api('/demo/mailbox/')).status).toBe(200);
    const h = await harness({ seedDemo: false });
    expect(h.server.mailbox).toBeUndefined();
    expect((await h.api('/demo/mailbox/')).status).toBe(404);
  });

  it('is not there when mail goes through an SMTP server', async () => {
    const inbox = await new TestSmtp().start();
    cleanup.push(() => inbox.stop());
    const h = await harness({ mail: { smtpUrl: inbox.url } });
    const created = await json<Case>(await postIncident(h, 'gold', drafts.gold));
    await inbox.waitFor((m) => m.subject.includes(created.number));
    expect(h.server.mailbox).toBeUndefined();
    expect((await h.api('/demo/mailbox/')).status).toBe(404);
  });
});

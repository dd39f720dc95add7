import type { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../context.js';
import type { MailOutboxRepository } from '../db/repository.js';

/** Where the demo's local mailbox is listed. */
export const MAILBOX_PATH = '/demo/mailbox/';

const SHOWN = 100;

const stamp = (ms: number | null) =>
  ms === null ? '' : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * The demo's local mailbox: the mail the server would have sent, newest first. Mounted only by a demo server
 * without `SMTP_URL`: it shows every account's mail to whoever opens it, as the demo's printed tokens do.
 * Every value is escaped by Hono's `html` template, and the policy forbids scripts even if one slipped through.
 */
export function mountMailbox(app: Hono<AppEnv>, outbox: MailOutboxRepository): void {
  app.get(MAILBOX_PATH.slice(0, -1), (c) => c.redirect(MAILBOX_PATH, 301));
  app.get(MAILBOX_PATH, async (c) => {
    const mails = await outbox.mailbox(SHOWN);
    c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'");
    c.header('cache-control', 'no-store');
    return c.html(html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local mailbox — NetScout Support demo</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}
article{border-top:1px solid #8884;padding:.5rem 0}dl{display:grid;grid-template-columns:max-content 1fr;gap:0 1rem;margin:0}
dt{font-weight:600}dd{margin:0}pre{white-space:pre-wrap;font:inherit;background:#8881;padding:.75rem}</style></head>
<body>
<h1>Local mailbox</h1>
<p>No <code>SMTP_URL</code> is set, so the e-mail the server sends to customers is kept here instead
(the ${SHOWN} newest). Set <code>SMTP_URL</code> to send it through an SMTP server.</p>
${mails.length === 0 ? html`<p>No mail yet. Submit an incident from a demo page.</p>` : ''}
${mails.map(
  (m) => html`<article lang="${m.lang}">
<h2>${m.subject ?? ''}</h2>
<dl><dt>To</dt><dd>${m.to_address}</dd><dt>Date</dt><dd>${stamp(m.sent_at)}</dd></dl>
<pre>${m.body ?? ''}</pre>
</article>`,
)}
</body>
</html>
`);
  });
}

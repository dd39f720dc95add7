// The built loader (dist/widget/loader.js) on a page load that follows one where an incident was queued:
// it delivers it without the customer opening the widget. No import of the element here: the page only
// has what the loader brings.
import { expect } from '@open-wc/testing';
import type { CaseListPage, Me } from '../../../core/api/schemas.js';
import { Outbox, type OutboxEntry } from '../../../widget/src/internal/outbox.js';
import { waitFor } from '../_wait.js';

const env = (
  window as unknown as {
    __NETSCOUT_TEST__: { holiday: { url: string; demo: { linksprinterPaid: { token: string } } } };
  }
).__NETSCOUT_TEST__.holiday;
const token = env.demo.linksprinterPaid.token;

async function api<T>(path: string): Promise<T> {
  const response = await fetch(env.url + path, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json() as Promise<T>;
}

function widget(apiBase: string): HTMLElement {
  const element = document.createElement('netscout-support');
  element.setAttribute('service', 'linksprinter');
  element.setAttribute('api-base', apiBase);
  element.setAttribute('token', token);
  element.setAttribute('locale', 'en');
  document.body.append(element);
  return element;
}

describe('the loader and the outbox', () => {
  it('leaves a browser with no outbox as it was: no database created, the element not run', async () => {
    // Test files share one browser profile: earlier ones may have left the database.
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase('netscout-support');
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
    // The loader's look into IndexedDB is caught here, to know when it has finished.
    const opened: IDBOpenDBRequest[] = [];
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
      const request = open.apply(this, args);
      opened.push(request);
      return request;
    };
    try {
      const element = widget(env.url);
      await import(`${location.origin}/dist/widget/loader.js?empty-outbox`);
      await waitFor(() => opened.length > 0 && opened.every((r) => r.readyState === 'done'), 'the outbox check');
      expect((await indexedDB.databases()).map((d) => d.name)).not.to.include('netscout-support');
      expect(customElements.get('netscout-support')).to.equal(undefined);
      element.remove();
    } finally {
      IDBFactory.prototype.open = open;
    }
  });

  it('delivers an incident an earlier page load queued, on this page load, without the widget being opened', async () => {
    const me = await api<Me>('/v1/me');
    const subject = `Queued on the previous visit ${Math.random().toString(36).slice(2, 8)}`;
    const now = Date.now();
    const entry: OutboxEntry = {
      idempotencyKey: crypto.randomUUID(),
      apiBase: env.url,
      author: { userId: me.user.id, accountId: me.account.id, email: me.user.email },
      draft: {
        serviceId: 'linksprinter',
        subject,
        description: 'Written yesterday while the office network was down.',
        deviceSerial: 'LS-2024',
        firmwareVersion: '1.2.3',
        contactEmail: me.user.email,
      },
      files: [],
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      uploaded: 0,
    };
    await new Outbox().put(entry);

    const element = widget(env.url);
    await import(`${location.origin}/dist/widget/loader.js`);

    const filed = await waitFor(
      async () => {
        const list = await api<CaseListPage>('/v1/cases?limit=100');
        return list.items.filter((c) => c.subject === subject).length;
      },
      'the delivery',
      10_000,
    );
    expect(filed).to.equal(1);
    expect(element.hasAttribute('open')).to.equal(false);
    expect(element.shadowRoot!.querySelector('dialog')?.open ?? false).to.equal(false);
    await waitFor(async () => (await new Outbox().pending(env.url)).length === 0, 'the outbox to empty', 10_000);
  });
});

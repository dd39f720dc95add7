import { expect } from '@open-wc/testing';
import type { CaseListPage } from '../../../core/api/schemas.js';
import {
  $,
  apiGet,
  apiOutage,
  cleanUp,
  fileWhileDown,
  mount,
  ready,
  showView,
  text,
  type,
  unique,
  waitFor,
} from '../_helpers.js';

/**
 * A browser that refuses the widget its IndexedDB database, for real: a database of that name at a version
 * newer than the widget's cannot be opened by it (VersionError), as when third-party storage is blocked or a
 * newer widget in another tab upgraded it.
 */
async function refuseTheOutboxDatabase(): Promise<void> {
  await cleanUp();
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.open('netscout-support', 99);
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

async function casesWithSubject(subject: string): Promise<number> {
  const list = await apiGet<CaseListPage>('holiday', '/v1/cases?limit=100', 'linksprinterPaid');
  return list.items.filter((c) => c.subject === subject).length;
}

describe('the outbox when the browser refuses IndexedDB', () => {
  beforeEach(refuseTheOutboxDatabase);
  afterEach(async () => {
    await apiOutage('up');
    await cleanUp();
  });

  it('still files the incident at once instead of waiting on "Sending…"', async () => {
    const el = mount({ api: 'flaky', account: 'linksprinterPaid', service: 'linksprinter' });
    await ready(el);
    await showView(el, 'incident');
    const subject = unique('No local database');
    await type(el, '#f-subject', subject);
    await type(el, '#f-description', 'Filed from a browser that refuses the widget its local database.');
    await type(el, '#f-deviceSerial', 'LS-2024');
    await type(el, '#f-firmwareVersion', '1.2.3');
    ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
    await waitFor(() => $(el, '[data-testid="submitted"]'), 'the confirmation');
    expect(await casesWithSubject(subject)).to.equal(1);
  });

  it('keeps an incident filed offline in the page, says to leave the page open, and sends it once', async () => {
    const subject = unique('Offline, no local database');
    const { el, key } = await fileWhileDown(
      subject,
      'Filed from a browser that refuses the widget its local database.',
    );
    expect(text(el, '[data-testid="queued"]')).to.contain('leave this page open until it is sent');

    await apiOutage('up');
    const submitted: string[] = [];
    el.addEventListener('netscout-incident-submitted', (e) => submitted.push(e.detail.idempotencyKey));
    window.dispatchEvent(new Event('online'));
    await waitFor(() => submitted.length === 1, 'the delivery');
    expect(submitted).to.deep.equal([key]);
    expect(await casesWithSubject(subject)).to.equal(1);
  });
});

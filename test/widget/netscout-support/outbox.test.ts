import { expect } from '@open-wc/testing';
import type { CaseListPage, Me } from '../../../core/api/schemas.js';
import { authorOf, Outbox } from '../../../widget/src/internal/outbox.js';
import { $, apiGet, apiOutage, cleanUp, env, fileWhileDown, mount, text, unique, waitFor } from '../_helpers.js';

async function casesWithSubject(subject: string): Promise<number> {
  const list = await apiGet<CaseListPage>('holiday', '/v1/cases?limit=100', 'linksprinterPaid');
  return list.items.filter((c) => c.subject === subject).length;
}

describe('the outbox', () => {
  afterEach(async () => {
    await apiOutage('up');
    await cleanUp();
  });

  it('keeps an incident filed while the API is unreachable, says so, and delivers it once when the network is back', async () => {
    const subject = unique('Filed offline');
    const { el, key } = await fileWhileDown(subject, 'Queued while the support API was unreachable from this browser.');
    expect(text(el, '[data-testid="queued"]')).to.contain('Queued — will be sent when you are back online.');
    expect((await new Outbox().pending(env.flaky.url)).map((e) => e.idempotencyKey)).to.deep.equal([key]);

    await apiOutage('up');
    const submitted: string[] = [];
    el.addEventListener('netscout-incident-submitted', (e) => submitted.push(e.detail.idempotencyKey));
    window.dispatchEvent(new Event('online'));
    await waitFor(() => submitted.length === 1, 'the delivery');
    await waitFor(() => $(el, '[data-testid="submitted"]'), 'the confirmation');
    expect(submitted).to.deep.equal([key]);
    expect(await new Outbox().pending(env.flaky.url)).to.deep.equal([]);
    expect(await casesWithSubject(subject)).to.equal(1);
  });

  it('survives a reload: the next page load sends what the previous one queued', async () => {
    const subject = unique('Queued before reload');
    const { el, key } = await fileWhileDown(subject, 'Queued while the support API was unreachable from this browser.');
    el.remove();
    // A new page load while the API is still down: it tries to send the entry (one more attempt recorded),
    // fails, and the entry stays.
    const tried = (await new Outbox().get(key))!.attempts;
    const second = mount({ api: 'flaky', account: 'linksprinterPaid', service: 'linksprinter' });
    await waitFor(async () => ((await new Outbox().get(key))?.attempts ?? 0) > tried, 'the second page load’s attempt');
    expect((await new Outbox().pending(env.flaky.url)).map((e) => e.idempotencyKey)).to.deep.equal([key]);
    second.remove();

    await apiOutage('up');
    const third = mount({ api: 'flaky', account: 'linksprinterPaid', service: 'linksprinter' });
    const submitted: string[] = [];
    third.addEventListener('netscout-incident-submitted', (e) => submitted.push(e.detail.idempotencyKey));
    await waitFor(() => submitted.length === 1, 'the delivery on load');
    expect(submitted).to.deep.equal([key]);
    expect(await casesWithSubject(subject)).to.equal(1);
  });

  it('delivers exactly once when two widgets flush the same outbox at the same time', async () => {
    const subject = unique('Two tabs');
    const { el } = await fileWhileDown(subject, 'Queued while the support API was unreachable from this browser.');
    await apiOutage('up');
    const other = mount({ api: 'flaky', account: 'linksprinterPaid', service: 'linksprinter' });
    await Promise.all([el.outbox.flush(true), other.outbox.flush(true), el.outbox.flush(true)]);
    expect(await new Outbox().pending(env.flaky.url)).to.deep.equal([]);
    expect(await casesWithSubject(subject)).to.equal(1);
  });

  it('delivers exactly once even when the server received the first attempt but the answer was lost', async () => {
    // The entry is sent with its key, then (as if the answer never arrived) put back unsent: the retry
    // carries the same idempotency key and the server answers with the same case.
    const subject = unique('Answer lost');
    const outbox = new Outbox();
    const draft = {
      serviceId: 'linksprinter',
      subject,
      description: 'The first answer was lost on the way back to the browser.',
      deviceSerial: 'LS-2025',
      firmwareVersion: '1.2.4',
      contactEmail: 'chloe@cobalt.example',
    };
    const me = await apiGet<Me>('holiday', '/v1/me', 'linksprinterPaid');
    const entry = await outbox.add(env.holiday.url, authorOf(me), draft, [], Date.now());
    const first = await fetch(`${env.holiday.url}/v1/incidents`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${env.holiday.demo.linksprinterPaid.token}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': entry.idempotencyKey,
      },
      body: JSON.stringify(draft),
    });
    expect(first.status).to.equal(201);
    const el = mount({ api: 'holiday', account: 'linksprinterPaid', service: 'linksprinter' });
    await el.outbox.flush(true);
    expect(await outbox.pending(env.holiday.url)).to.deep.equal([]);
    expect(await casesWithSubject(subject)).to.equal(1);
  });
});

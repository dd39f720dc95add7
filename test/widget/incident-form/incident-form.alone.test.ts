// The incident form mounted alone. It sends through an OutboxController, which needs an element to own
// it: a bare host defined here (the root is one such element, but mounting it would render a form of its
// own and load the overview; this keeps the form the only part on the page).
import { expect } from '@open-wc/testing';
import type { CaseListPage, Me, Problem } from '../../../core/api/schemas.js';
import { serverFieldErrors } from '../../../widget/src/components/incident-form/incident-fields.js';
import { OutboxController } from '../../../widget/src/controllers/outbox-controller.js';
import { NetscoutElement } from '../../../widget/src/internal/netscout-element.js';
import { $, apiGet, cleanUp, draftSaved, env, settle, storedDrafts, text, type, unique, waitFor } from '../_helpers.js';
import { client, meOf, mountPart, told, ui } from '../_parts.js';

/** Owns the outbox the form submits through, as the root does, for the gold customer on the holiday API. */
class TestOutboxHost extends NetscoutElement {
  readonly outbox = new OutboxController(this, {
    apiBase: () => env.holiday.url,
    api: () => client('holiday', 'gold'),
    onDelivered: () => undefined,
  });
}
customElements.define('test-outbox-host', TestOutboxHost);

function mountForm(me: Me, properties: Parameters<typeof mountPart<'netscout-incident-form'>>[1] = {}) {
  const host = document.body.appendChild(new TestOutboxHost());
  return mountPart('netscout-incident-form', {
    ui: ui(),
    me,
    apiBase: env.holiday.url,
    api: client('holiday', 'gold'),
    outbox: host.outbox,
    ...properties,
  });
}

const value = (form: HTMLElement, field: string) => ($(form, `#f-${field}`) as HTMLInputElement).value;

describe('<netscout-incident-form> alone', () => {
  afterEach(cleanUp);

  it('fills the fields its parent loads, with the server’s reasons beside them', async () => {
    const draft = {
      serviceId: 'onetouchat',
      subject: 'abc',
      description: 'Too short',
      contactEmail: 'alice@acme.example',
    };
    const refused = await fetch(`${env.holiday.url}/v1/incidents`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${env.holiday.demo.gold.token}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': crypto.randomUUID(),
      },
      body: JSON.stringify(draft),
    });
    expect(refused.status).to.equal(400);
    const errors = serverFieldErrors((await refused.json()) as Problem);
    expect(Object.keys(errors)).to.include.members(['subject', 'description']);
    const form = mountForm(await meOf('gold'), { service: 'onetouchat', load: { fields: draft, errors } });
    await settle(form);
    expect(value(form, 'subject')).to.equal('abc');
    expect(($(form, '#f-description') as HTMLTextAreaElement).value).to.equal('Too short');
    expect(text(form, '#e-subject')).to.equal(errors.subject);
    expect(text(form, '#e-description')).to.equal(errors.description);
    expect($(form, '#f-subject')!.getAttribute('aria-invalid')).to.equal('true');
    const count = Object.keys(errors).length;
    expect(text(form, '[data-testid="error-summary"]')).to.equal(`Correct ${count} fields below.`);
  });

  it('empties itself for another customer and gives each back only their own draft', async () => {
    const [alice, david] = await Promise.all([meOf('gold'), meOf('standalonePaid')]);
    const earlier = mountForm(david);
    await settle(earlier);
    await type(earlier, '#f-subject', 'David’s own draft');
    await draftSaved({ subject: 'David’s own draft' });
    earlier.remove();

    const form = mountForm(alice);
    await settle(form);
    await type(form, '#f-subject', 'Alice’s half-written subject');
    await type(form, '#f-description', 'Alice started describing her problem');
    await draftSaved({ subject: 'Alice’s half-written subject', description: 'Alice started describing her problem' });

    form.me = david;
    await waitFor(() => value(form, 'subject') === 'David’s own draft', 'David’s draft');
    expect(($(form, '#f-description') as HTMLTextAreaElement).value).to.equal('');
    expect(value(form, 'contactEmail')).to.equal('david@delta.example');
    expect($(form, '[data-testid="draft-restored"]')).to.not.equal(null);

    form.me = alice;
    await waitFor(() => value(form, 'subject') === 'Alice’s half-written subject', 'Alice’s draft');
    expect(($(form, '#f-description') as HTMLTextAreaElement).value).to.equal('Alice started describing her problem');
    expect(value(form, 'contactEmail')).to.equal('alice@acme.example');
  });

  it('tells its parent when it starts and stops holding typed text', async () => {
    const form = mountForm(await meOf('gold'));
    const reports = told(form, 'netscout-form-text');
    await settle(form);
    expect(reports).to.deep.equal([]);
    await type(form, '#f-subject', 'L');
    await type(form, '#f-description', 'Link light');
    await type(form, '#f-subject', '');
    expect(reports.map((r) => r.detail)).to.deep.equal([{ hasText: true }]);
    await type(form, '#f-description', '');
    expect(reports).to.deep.equal([
      { detail: { hasText: true }, composed: false, bubbles: false },
      { detail: { hasText: false }, composed: false, bubbles: false },
    ]);
  });

  it('files the incident through the outbox, shows the case number and keeps no draft', async () => {
    const form = mountForm(await meOf('gold'), { service: 'onetouchat' });
    await settle(form);
    const subject = unique('Filed from the form alone');
    await type(form, '#f-subject', subject);
    await type(form, '#f-description', 'The cable test stops at 40 percent every time I run it on port 3.');
    await type(form, '#f-deviceSerial', 'OTAT-12345');
    await type(form, '#f-firmwareVersion', '6.5.1');
    await draftSaved({ subject });
    ($(form, 'button[type="submit"]') as HTMLButtonElement).click();
    await waitFor(() => $(form, '[data-testid="submitted"]'), 'the confirmation');
    const { items } = await apiGet<CaseListPage>('holiday', '/v1/cases?limit=100', 'gold');
    const filed = items.filter((c) => c.subject === subject);
    expect(filed).to.have.length(1);
    expect(text(form, '[data-testid="submitted"] h3')).to.equal(`Incident received: case ${filed[0]!.number}`);
    expect((await storedDrafts()).filter((d) => d.fields.subject === subject)).to.deep.equal([]);
  });
});

// The widget on phone-sized screens (390 × 844 CSS pixels, an iPhone 12 to 15; 375 × 667, an SE): what a customer with a
// LinkSprinter in one hand and a phone in the other sees.
import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { $, $$, apiOutage, cleanUp, mount, ready, screenshot, settle, showView, type, waitFor } from '../_helpers.js';

/** Whether `element` is entirely within `container`'s box (without one: the window). */
const inView = (element: Element, container?: Element) => {
  const box = element.getBoundingClientRect();
  const frame = container?.getBoundingClientRect() ?? { top: 0, bottom: innerHeight };
  return box.top >= frame.top - 1 && box.bottom <= frame.bottom + 1;
};

describe('on a 390 px wide phone', () => {
  beforeEach(() => setViewport({ width: 390, height: 844 }));
  after(() => setViewport({ width: 800, height: 600 }));
  afterEach(async () => {
    await apiOutage('up');
    await cleanUp();
  });

  it('keeps the tabs on one row and the title bar in view while the form scrolls (screenshots phone-overview-fr, phone-self-help-fr)', async () => {
    const el = mount({ account: 'free', service: 'linksprinter', locale: 'fr', mode: 'launcher' });
    el.open();
    await ready(el);
    await screenshot('phone-overview-fr');
    const tabs = $$(el, 'nav .tab');
    expect(tabs).to.have.length(5);
    expect(new Set(tabs.map((tab) => Math.round(tab.getBoundingClientRect().top))).size).to.equal(1);

    await showView(el, 'self-help');
    const dialog = $(el, 'dialog')!;
    const body = $(el, '.body')!;
    body.scrollTop = body.scrollHeight;
    await settle(el);
    await screenshot('phone-self-help-fr');
    expect(inView($(el, 'header')!, dialog)).to.equal(true);
    expect(inView($(el, 'nav')!, dialog)).to.equal(true);
    expect(inView($(el, 'nav [aria-current="page"]')!, $(el, 'nav')!)).to.equal(true);
  });

  it('brings the "queued" notice into view when the form is sent offline (screenshot phone-queued-en)', async () => {
    await setViewport({ width: 375, height: 667 }); // the smallest phone still sold: an iPhone SE
    const el = mount({ api: 'flaky', account: 'linksprinterPaid', service: 'linksprinter', mode: 'launcher' });
    el.open();
    await ready(el);
    await showView(el, 'incident');
    await apiOutage('down');
    await type(el, '#f-subject', 'Link test stops at 40 percent');
    await type(el, '#f-description', 'Sent from a phone while the support API cannot be reached.');
    await type(el, '#f-deviceSerial', 'LS-2024');
    await type(el, '#f-firmwareVersion', '1.2.3');
    const send = $(el, 'button[type="submit"]') as HTMLButtonElement;
    send.scrollIntoView({ block: 'end' });
    send.click();
    const notice = await waitFor(() => $(el, '[data-testid="queued"]'), 'the queued notice');
    await settle(el);
    await screenshot('phone-queued-en');
    expect(inView(notice, $(el, 'dialog')!)).to.equal(true);
  });
});

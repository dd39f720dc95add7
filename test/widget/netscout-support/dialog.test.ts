import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { $, cleanUp, mount, ready, text, waitFor } from '../_helpers.js';

function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('the launcher dialog', () => {
  let trigger: HTMLAnchorElement;
  beforeEach(() => {
    trigger = document.createElement('a');
    trigger.href = '#assistance';
    trigger.textContent = 'Assistance';
    trigger.setAttribute('data-netscout-support', '');
    document.body.prepend(trigger);
  });
  afterEach(async () => {
    trigger.remove();
    await cleanUp();
  });

  it('opens from a host-page link marked data-netscout-support, as a modal dialog, and says so with netscout-open', async () => {
    const el = mount({ mode: 'launcher' });
    const events: string[] = [];
    document.addEventListener('netscout-open', (e) => events.push(e.type), { once: true });
    trigger.focus();
    await sendKeys({ press: 'Enter' });
    await ready(el);
    const dialog = $(el, 'dialog') as HTMLDialogElement;
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.getAttribute('aria-labelledby')).to.equal('title');
    expect(el.hasAttribute('open')).to.equal(true);
    expect(events).to.deep.equal(['netscout-open']);
    expect(location.hash).to.equal('');
    expect(el.shadowRoot!.contains(deepActive())).to.equal(true);
  });

  it('closes on Escape, emits netscout-close and gives the focus back to the link', async () => {
    const el = mount({ mode: 'launcher' });
    trigger.click();
    await ready(el);
    let closed = 0;
    el.addEventListener('netscout-close', () => closed++);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(($(el, 'dialog') as HTMLDialogElement).open).to.equal(false);
    expect(el.hasAttribute('open')).to.equal(false);
    expect(closed).to.equal(1);
    expect(document.activeElement).to.equal(trigger);
  });

  it('keeps Tab inside the open dialog', async () => {
    const el = mount({ mode: 'launcher' });
    trigger.click();
    await ready(el);
    for (let i = 0; i < 25; i++) {
      const backwards = i % 4 === 3;
      if (backwards) await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      if (backwards) await sendKeys({ up: 'Shift' });
      const active = deepActive();
      expect(
        active === document.body || $(el, 'dialog')!.contains(active),
        `focus left the dialog: ${active?.outerHTML}`,
      ).to.be.true;
    }
  });

  it('is fully usable from the keyboard: Tab to a view, Enter to show it', async () => {
    const el = mount({ mode: 'launcher' });
    trigger.click();
    await ready(el);
    for (let i = 0; i < 10 && (deepActive() as HTMLElement | null)?.dataset.view !== 'self-help'; i++) {
      await sendKeys({ press: 'Tab' });
    }
    expect((deepActive() as HTMLElement).dataset.view).to.equal('self-help');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect($(el, '[data-testid="self-help"]')).to.not.equal(null);
    await sendKeys({ press: 'Tab' });
    expect((deepActive() as HTMLElement).dataset.view).to.equal('incident');
  });

  it('opens from its own floating button and from open(), and closes with close()', async () => {
    const el = mount({ mode: 'launcher' });
    await el.updateComplete;
    const launcher = $(el, '[part="launcher"]') as HTMLButtonElement;
    expect(launcher.textContent!.trim()).to.equal('Assistance');
    launcher.click();
    await ready(el);
    expect(text(el, 'h2')).to.equal('NETSCOUT support');
    el.close();
    await el.updateComplete;
    expect(deepActive()).to.equal(launcher);
    el.open();
    await el.updateComplete;
    expect(($(el, 'dialog') as HTMLDialogElement).open).to.equal(true);
    el.removeAttribute('open');
    await el.updateComplete;
    expect(($(el, 'dialog') as HTMLDialogElement).open).to.equal(false);
  });

  it('sends composed events that a listener outside any shadow root receives', async () => {
    const el = mount({ mode: 'launcher' });
    const seen: { type: string; composed: boolean }[] = [];
    document.addEventListener('netscout-error', (e) => seen.push({ type: e.type, composed: e.composed }), {
      once: true,
    });
    el.setAttribute('api-base', 'http://127.0.0.1:9');
    el.open();
    await waitFor(() => seen.length > 0, 'the netscout-error event');
    expect(seen).to.deep.equal([{ type: 'netscout-error', composed: true }]);
  });
});

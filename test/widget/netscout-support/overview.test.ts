import { expect } from '@open-wc/testing';
import { $, $$, cleanUp, mount, ready, text, waitFor } from '../_helpers.js';

describe('the overview', () => {
  afterEach(cleanUp);

  it('tells a OneTouchAT customer with active Gold about phone, email and web support within 2 hours', async () => {
    const el = mount({ account: 'gold', service: 'onetouchat' });
    await ready(el);
    const overview = text(el);
    expect(overview).to.contain('OneTouchAT.com: Pro plan');
    expect(overview).to.contain('covered by the Gold support program');
    expect(overview).to.match(/Gold support is active until November \d+, 20\d\d\./);
    expect($(el, '[data-testid="entitlement"]')!.dataset.level).to.equal('premium');
    expect(overview).to.contain('Reach an engineer by phone, email, and web form');
    expect(overview).to.contain('within 2 hours');
    expect(overview).to.contain('except support holidays');
    expect(overview).to.contain('Unlimited incidents');
    expect(($(el, 'a[href^="https://myaccount"]') as HTMLAnchorElement).textContent).to.contain('My Account');
    // Phone and e-mail are said with the number and the address to use, as links a phone opens.
    const phone = $(el, '[data-testid="contact-phone"] a[href^="tel:"]') as HTMLAnchorElement;
    expect(phone.getAttribute('href')).to.equal('tel:+12025550147');
    expect(phone.textContent).to.equal('+1 202-555-0147');
    const mail = $(el, '[data-testid="contact-email"] a[href^="mailto:"]') as HTMLAnchorElement;
    expect(mail.textContent).to.equal('gold-support@netscout.example');
  });

  it('speaks French of the free plan and of Mon compte', async () => {
    const el = mount({ account: 'free', service: 'linksprinter', locale: 'fr' });
    await ready(el);
    expect(text(el, '[data-testid="plan"]')).to.equal('LinkSprinter.com : offre gratuite');
    const gold = mount({ account: 'goldLapsed', service: 'onetouchat', locale: 'fr' });
    await ready(gold);
    expect(text(gold)).to.contain('Mon compte');
    expect(text(gold)).to.not.contain('My Account');
  });

  it('sends a OneTouchAT customer whose Gold lapsed back to self-help, with the renewal as the way up', async () => {
    const el = mount({ account: 'goldLapsed', service: 'onetouchat' });
    await ready(el);
    expect($(el, '[data-testid="entitlement"]')!.dataset.level).to.equal('self-help');
    expect(text(el)).to.match(/Gold support ended on/);
    expect(text(el, '[data-testid="reason"]')).to.contain('has lapsed');
    expect(text(el, '[data-testid="upgrade-path"]')).to.contain('Renew Gold support');
    expect($$(el, 'a[href^="https://myaccount"]')).to.have.length(1);
  });

  it('gives a paid LinkSprinter customer email and web support within 24 hours, and no Gold wording', async () => {
    const el = mount({ account: 'linksprinterPaid', service: 'linksprinter' });
    await ready(el);
    const overview = text(el);
    expect(overview).to.contain('LinkSprinter.com: Pro plan');
    expect(overview).to.contain('no Gold program');
    expect(overview).to.contain('Reach an engineer by email and web form');
    expect(text(el, '[data-testid="contact-email"]')).to.equal('E-mail: support@netscout.example');
    expect($(el, '[data-testid="contact-phone"]')).to.equal(null);
    expect(overview).to.contain('within 24 hours');
    expect($(el, '[data-testid="gold"]')).to.equal(null);
    expect($(el, 'a[href^="https://myaccount"]')).to.equal(null);
  });

  it('gives a standalone paid customer 24-hour premium support', async () => {
    const el = mount({ account: 'standalonePaid', service: 'netscout-insights' });
    await ready(el);
    expect(text(el)).to.contain('NETSCOUT Insights: Team plan');
    expect(text(el)).to.contain('Standalone subscription service');
    expect(text(el)).to.contain('within 24 hours');
  });

  it('tells a free-plan customer why they cannot file incidents and offers the upgrade', async () => {
    const el = mount({ account: 'free', service: 'linksprinter' });
    await ready(el);
    expect($(el, '[data-testid="entitlement"]')!.dataset.level).to.equal('self-help');
    expect(text(el, '[data-testid="reason"]')).to.contain('free plan includes self-help only');
    expect(text(el, '[data-testid="upgrade-path"]')).to.contain('paid plan');
    expect($(el, '[data-view="upgrade"]')).to.not.equal(null);
  });

  it('says support is closed today for Thanksgiving and reopens Saturday 12:00 AM EST in the customer’s time', async () => {
    const el = mount({ account: 'gold', timeZone: 'America/New_York' });
    await ready(el);
    const status = $(el, '[data-testid="support-status"]')!;
    expect(status.dataset.open).to.equal('false');
    expect(text(el, '[data-testid="support-status"]')).to.equal(
      'Support is closed today for Thanksgiving. It reopens Saturday, 12:00 AM EST (your time).',
    );
  });

  it('gives the reopening in the customer’s own zone (Paris: Saturday 6:00 AM GMT+1)', async () => {
    const el = mount({ account: 'gold', timeZone: 'Europe/Paris' });
    await ready(el);
    expect(text(el, '[data-testid="support-status"]')).to.contain('reopens Saturday, 6:00 AM GMT+1');
  });

  it('says support is open on an ordinary day', async () => {
    const el = mount({ api: 'regular', account: 'linksprinterPaid', service: 'linksprinter' });
    await ready(el);
    expect(text(el, '[data-testid="support-status"]')).to.equal('Support is open now.');
  });

  it('asks a visitor without a session to sign in, and still shows whether support is open', async () => {
    const el = mount({ account: null });
    await ready(el);
    expect(text(el)).to.contain('Sign in to your service');
    expect($(el, '[data-testid="support-status"]')).to.not.equal(null);
  });

  it('treats an expired token like no session instead of failing', async () => {
    const el = mount({ account: null });
    el.token = 'not-a-valid-token';
    await ready(el);
    expect(text(el)).to.contain('Sign in to your service');
  });

  it('shows an error with a retry when the API cannot be reached', async () => {
    const el = mount({ apiBase: 'http://127.0.0.1:9' });
    const errors: string[] = [];
    el.addEventListener('netscout-error', (e) => errors.push(e.detail.code));
    const retry = await waitFor(() => $(el, '[role="alert"] button'), 'the error with its retry button');
    expect(text(el)).to.contain('cannot be reached');
    expect(retry.textContent).to.contain('Try again');
    expect(errors).to.include('network');
  });
});

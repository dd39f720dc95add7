import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { formatDateTime, formatDuration } from '../../../client/format.js';
import { catalogFor } from '../../../client/messages.js';
import { supportHolidays } from '../../../core/holidays.js';
import { renderOverview } from '../../../widget/src/components/netscout-support/overview.js';
import { resolveLocale } from '../../../widget/src/i18n/index.js';
import { formatReopening, nextClosure, safeHref } from '../../../widget/src/internal/format.js';
import { backoffMs, newIdempotencyKey } from '../../../widget/src/internal/outbox.js';
import { uiIn } from '../_words.js';

describe('widget building blocks', () => {
  it('links only to http(s) URLs from the server', () => {
    expect(safeHref('https://myaccount.flukenetworks.com/')).to.equal('https://myaccount.flukenetworks.com/');
    expect(safeHref('javascript:alert(1)')).to.equal(undefined);
    expect(safeHref('data:text/html,<b>x</b>')).to.equal(undefined);
    expect(safeHref('not a url')).to.equal(undefined);
    expect(safeHref(null)).to.equal(undefined);
  });

  it('picks French for any fr-* tag and English otherwise', () => {
    expect(resolveLocale('fr-CA')).to.equal('fr');
    expect(resolveLocale(undefined, ['de-DE', 'fr-FR'])).to.equal('fr');
    expect(resolveLocale('es')).to.equal('en');
    expect(resolveLocale(undefined, [])).to.equal('en');
  });

  it('writes a due time in the customer’s zone, named, with the locale’s 12/24-hour convention', () => {
    expect(formatDateTime('2026-11-28T07:00:00Z', 'en-US', 'America/New_York')).to.equal('Sat, Nov 28, 2:00 AM EST');
    expect(formatDateTime('2026-11-28T07:00:00Z', 'en-GB', 'America/New_York')).to.equal('Sat 28 Nov, 02:00 GMT-5');
    expect(formatDateTime('2026-11-28T07:00:00Z', 'fr', 'Europe/Paris')).to.equal('sam. 28 nov., 08:00 UTC+1');
  });

  it('writes countdowns to the minute, two units at most, days only when there are some', () => {
    const en = catalogFor('en').units;
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000 + 9_000, en)).to.equal('2 h 05 min');
    expect(formatDuration(-(26 * 3_600_000), en)).to.equal('1 d 2 h');
    expect(formatDuration(71 * 3_600_000 + 59 * 60_000, en)).to.equal('2 d 23 h');
    expect(formatDuration(26 * 3_600_000, catalogFor('fr-CA').units)).to.equal('1 j 2 h');
    expect(formatDuration(12 * 60_000, en)).to.equal('12 min');
  });

  it('backs off from 2 s, doubling, to at most 5 min, with ±25 % jitter', () => {
    expect(backoffMs(1, () => 0.5)).to.equal(2000);
    expect(backoffMs(3, () => 0.5)).to.equal(8000);
    expect(backoffMs(30, () => 0.5)).to.equal(300_000);
    expect(backoffMs(1, () => 0)).to.equal(1500);
    expect(backoffMs(1, () => 1)).to.equal(2500);
  });

  it('makes v4 UUID idempotency keys even where crypto.randomUUID is missing (plain http pages)', () => {
    const original = crypto.randomUUID;
    try {
      Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
      const keys = new Set(Array.from({ length: 100 }, () => newIdempotencyKey()));
      expect(keys.size).to.equal(100);
      for (const key of keys)
        expect(key).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true });
    }
  });
});

describe('the next support closure', () => {
  const holidays = [...supportHolidays(2026), ...supportHolidays(2027)];
  const calendarAt = (now: string) => ({ now, zone: 'America/New_York', holidays });

  it('names Christmas Eve and Day, with their first date, twelve days ahead', () => {
    const next = nextClosure(calendarAt('2026-12-12T15:00:00Z'));
    expect(next?.date).to.equal('2026-12-24');
    expect(next?.ids.map((h) => h.id)).to.deep.equal(['christmas-eve', 'christmas-day']);
  });

  it('says nothing when the next closure is more than 14 days ahead', () => {
    expect(nextClosure(calendarAt('2026-12-02T15:00:00Z'))).to.equal(null);
  });

  it('is shown on the overview under "Support is open now", in the customer’s language', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const ui = uiIn('en-US', 'America/New_York');
    const calendar = { ...calendarAt('2026-12-12T15:00:00Z'), open: true, closure: null, nextOpening: '' };
    const input = { ui, calendar, me: null, subscription: undefined, service: 'linksprinter', onUpgrade() {} };
    render(renderOverview(input), host);
    expect(host.querySelector('[data-testid="next-closure"]')?.textContent?.trim()).to.equal(
      'Support will be closed for Christmas Eve and Christmas Day, from December 24, 2026.',
    );
    render(renderOverview({ ...input, ui: uiIn('fr', 'Europe/Paris') }), host);
    expect(host.querySelector('[data-testid="next-closure"]')?.textContent?.trim()).to.equal(
      'Le support sera fermé (la veille de Noël et Noël) à partir du 24 décembre 2026.',
    );
    host.remove();
  });
});

describe('the reopening time', () => {
  // Friday after Thanksgiving, 10:00 in New York; support reopens at midnight New York (21:00 Friday in Los Angeles).
  const now = new Date('2026-11-27T15:00:00Z');
  const reopens = '2026-11-28T05:00:00Z';

  it('says "today" when support reopens on the customer’s own today', () => {
    expect(formatReopening(reopens, now, 'en-US', 'America/Los_Angeles')).to.equal('today, 9:00 PM PST');
    expect(formatReopening(reopens, now, 'fr', 'America/Los_Angeles')).to.equal('aujourd’hui, 21:00 UTC−8');
  });

  it('says "tomorrow" for the next day and the weekday further ahead', () => {
    expect(formatReopening(reopens, now, 'en-US', 'America/New_York')).to.equal('tomorrow, 12:00 AM EST');
    expect(formatReopening(reopens, new Date('2026-11-26T15:00:00Z'), 'en-US', 'America/New_York')).to.equal(
      'Saturday, 12:00 AM EST',
    );
  });
});

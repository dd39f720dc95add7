import { expect } from '@open-wc/testing';
import { formatDateTime, formatDuration } from '../../../client/format.js';
import { catalogFor } from '../../../client/messages.js';
import { resolveLocale } from '../../../widget/src/i18n/index.js';
import { safeHref } from '../../../widget/src/internal/format.js';
import { backoffMs, newIdempotencyKey } from '../../../widget/src/internal/outbox.js';

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

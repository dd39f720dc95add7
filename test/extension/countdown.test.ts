import { describe, expect, it } from 'vitest';
import { countdownText } from '../../client/format.js';
import { catalogFor } from '../../client/messages.js';
import { firstResponseCountdown } from '../../core/countdown.js';
import { slaStatus } from '../../core/sla.js';
import { parsePartnerHost } from '../../extension/lib/partners.js';
import { makeCachedCase, makeCase } from './fixtures.js';

// A 24-hour case received Wednesday 25 November 2026 10:00 New York (Thanksgiving Thu–Fri closed), as
// the server sends it when fetched at `fetchedAt`.
function thanksgivingCase(fetchedAt: string) {
  const receivedAt = '2026-11-25T15:00:00.000Z';
  const status = slaStatus({ receivedAt: new Date(receivedAt), firstResponseHours: 24 }, new Date(fetchedAt));
  return makeCase({
    id: 'tg',
    receivedAt,
    dueAt: status.dueAt.toISOString(),
    sla: {
      state: status.state,
      dueAt: status.dueAt.toISOString(),
      remainingMs: status.remainingMs,
      pausedBy: status.pausedBy,
      resumesAt: status.resumesAt?.toISOString(),
      delayedBy: status.delayedBy,
    },
  });
}

// What the popup prints for a cached case, and the widget for the API's case: one function, one sentence.
function sentences(fetchedAt: string, now: string, lang: string) {
  const api = thanksgivingCase(fetchedAt);
  const cached = makeCachedCase(api);
  const at = new Date(now);
  return {
    popup: countdownText(firstResponseCountdown(cached, at), catalogFor(lang), lang),
    widget: countdownText(firstResponseCountdown(api, at), catalogFor(lang), lang),
  };
}

describe('the countdown the popup and the widget share', () => {
  it('says "due in" as wall-clock time to the deadline, an hour after receipt', () => {
    const en = sentences('2026-11-25T16:00:00Z', '2026-11-25T16:00:00Z', 'en');
    expect(en.popup).toBe('First response due in 2 d 23 h');
    expect(en.widget).toBe(en.popup);
  });

  it('names the holidays from the catalog, in the UI language, while they pause the clock', () => {
    const fr = sentences('2026-11-26T17:00:00Z', '2026-11-26T18:00:00Z', 'fr-FR');
    expect(fr.popup).toBe(
      'Délai suspendu pour Thanksgiving et le lendemain de Thanksgiving ; première réponse attendue dans 1 j 21 h',
    );
    expect(fr.widget).toBe(fr.popup);
    const en = sentences('2026-11-26T17:00:00Z', '2026-11-26T18:00:00Z', 'en');
    expect(en.popup).toBe(
      'Clock paused for Thanksgiving and the day after Thanksgiving; first response due in 1 d 21 h',
    );
  });

  it('is overdue by the time past the deadline', () => {
    expect(sentences('2026-11-28T14:00:00Z', '2026-11-28T16:30:00Z', 'en').popup).toBe(
      'First response overdue by 1 h 30 min',
    );
  });
});

describe('partner hosts', () => {
  it('accepts a host name, or a URL reduced to its host', () => {
    expect(parsePartnerHost('Partner.Example.com')).toBe('partner.example.com');
    expect(parsePartnerHost('https://portal.partner.example/path')).toBe('portal.partner.example');
  });

  it('refuses wildcards, single labels and garbage', () => {
    expect(parsePartnerHost('*.example.com')).toBeNull();
    expect(parsePartnerHost('localhost')).toBeNull();
    expect(parsePartnerHost('not a host')).toBeNull();
    expect(parsePartnerHost('')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { caseCountdown, formatDuration } from '../../extension/lib/countdown.js';
import { parsePartnerHost } from '../../extension/lib/partners.js';
import { makeCachedCase } from './fixtures.js';

const syncedAt = '2026-11-28T14:00:00.000Z';
const hour = 3_600_000;

describe('SLA countdown in the popup', () => {
  it('counts down in real time from what the server said at the last sync', () => {
    const item = makeCachedCase({
      id: 'a',
      sla: { state: 'on-track', dueAt: '', remainingMs: 10 * hour, delayedBy: [] },
    });
    expect(caseCountdown(item, new Date('2026-11-28T15:00:00Z'), syncedAt)).toEqual({
      kind: 'due',
      remainingMs: 9 * hour,
      state: 'on-track',
    });
  });

  it('turns at risk when less than a quarter of the target is left', () => {
    const item = makeCachedCase({
      id: 'a',
      sla: { state: 'on-track', dueAt: '', remainingMs: 6 * hour, delayedBy: [] },
    });
    expect(caseCountdown(item, new Date('2026-11-28T15:00:00Z'), syncedAt)).toMatchObject({ state: 'at-risk' });
  });

  it('shows overdue once the time ran out', () => {
    const item = makeCachedCase({ id: 'a', sla: { state: 'at-risk', dueAt: '', remainingMs: hour, delayedBy: [] } });
    expect(caseCountdown(item, new Date('2026-11-28T17:00:00Z'), syncedAt)).toEqual({
      kind: 'overdue',
      overdueMs: 2 * hour,
    });
  });

  it('freezes the clock of a case paused by a support holiday', () => {
    const item = makeCachedCase({
      id: 'a',
      sla: { state: 'paused', dueAt: '', remainingMs: 10 * hour, resumesAt: '2026-11-28T05:00:00.000Z', delayedBy: [] },
    });
    expect(caseCountdown(item, new Date('2026-11-27T20:00:00Z'), '2026-11-26T20:00:00Z')).toEqual({
      kind: 'paused',
      remainingMs: 10 * hour,
      resumesAt: '2026-11-28T05:00:00.000Z',
    });
  });

  it('shows when an answered case was answered, met or late', () => {
    const item = makeCachedCase({
      id: 'a',
      firstResponseAt: '2026-11-28T13:00:00.000Z',
      sla: { state: 'met', dueAt: '', remainingMs: hour, delayedBy: [] },
    });
    expect(caseCountdown(item, new Date('2026-11-28T15:00:00Z'), syncedAt)).toEqual({
      kind: 'answered',
      at: '2026-11-28T13:00:00.000Z',
      state: 'met',
    });
  });

  it('writes durations with at most two units, in the customer language', () => {
    expect(formatDuration(26 * hour + 5 * 60_000, 'en')).toBe('1 day 2 hr');
    expect(formatDuration(3 * hour + 5 * 60_000, 'en')).toBe('3 hr 5 min');
    expect(formatDuration(3 * hour + 5 * 60_000, 'fr').replace(/\s/g, ' ')).toBe('3 h 5 min');
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

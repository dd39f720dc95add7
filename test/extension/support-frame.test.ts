import { describe, expect, it } from 'vitest';
import { ANY_TAB, FrameTickets } from '../../extension/lib/frame-tickets.js';
import { asFrameRequest } from '../../extension/lib/messages.js';
import { frameSearch, parseFrameSearch } from '../../extension/lib/support-frame.js';

describe('support frame tickets', () => {
  it('let one frame open, in the tab whose content script asked, once', () => {
    const tickets = new FrameTickets();
    const ticket = tickets.issue(7);
    expect(tickets.redeem(ticket, 7)).toBe(true);
    expect(tickets.redeem(ticket, 7)).toBe(false);
  });

  it('open nothing for a guessed ticket, or for one tried from another tab (which spends it)', () => {
    const tickets = new FrameTickets();
    const ticket = tickets.issue(7);
    expect(tickets.redeem('00000000-0000-4000-8000-000000000000', 7)).toBe(false);
    expect(tickets.redeem('', 7)).toBe(false);
    expect(tickets.redeem(ticket, 8)).toBe(false);
    expect(tickets.redeem(ticket, 7)).toBe(false);
  });

  it('let the window the background opens itself redeem its ticket from its own new tab', () => {
    const tickets = new FrameTickets();
    expect(tickets.redeem(tickets.issue(ANY_TAB), 42)).toBe(true);
  });

  it('are forgotten oldest first beyond the limit, so a page clicking all day cannot grow them', () => {
    const tickets = new FrameTickets(2);
    const first = tickets.issue(1);
    const second = tickets.issue(1);
    const third = tickets.issue(1);
    expect(tickets.redeem(first, 1)).toBe(false);
    expect(tickets.redeem(second, 1)).toBe(true);
    expect(tickets.redeem(third, 1)).toBe(true);
  });
});

describe('the support frame’s address', () => {
  it('carries the ticket, the service and what a fragment asked for, and reads back the same', () => {
    const cases = { ticket: 't-1', service: 'onetouchat', request: { view: 'cases' as const, caseId: 'case_9' } };
    expect(parseFrameSearch(frameSearch(cases))).toEqual(cases);
    const incident = { ticket: 't-2', service: 'linksprinter', request: { view: 'incident' as const } };
    expect(parseFrameSearch(frameSearch(incident))).toEqual(incident);
    expect(parseFrameSearch(frameSearch({ ticket: 't-3', service: '', request: null }))).toEqual({
      ticket: 't-3',
      service: '',
      request: null,
    });
  });

  it('drops what the content script would not have written', () => {
    expect(parseFrameSearch('?ticket=x&case=<img src=x>&service=Evil Service')).toEqual({
      ticket: 'x',
      service: '',
      request: null,
    });
  });
});

describe('frame messages', () => {
  it('are recognised only in their own shapes', () => {
    expect(asFrameRequest({ type: 'support-frame-ticket' })).toEqual({ type: 'support-frame-ticket' });
    expect(asFrameRequest({ type: 'support-frame-redeem', ticket: 'a' })).toEqual({
      type: 'support-frame-redeem',
      ticket: 'a',
    });
    expect(asFrameRequest({ type: 'support-frame-redeem' })).toBeNull();
    expect(asFrameRequest({ type: 'poll-now' })).toBeNull();
    expect(asFrameRequest(null)).toBeNull();
  });
});

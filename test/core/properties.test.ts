import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addSupportTime, isSupportOpen, supportClosureAt, supportTimeBetween } from '../../core/index.js';

// Instants 1990–2060 and durations up to 30 days, to the millisecond.
const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 11, 31) }).map((ms) => new Date(ms));
const duration = fc.integer({ min: 0, max: 30 * 86_400_000 });
const zone = fc.constantFrom('America/New_York', 'Europe/Paris', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Asia/Dhaka');
const runs = { numRuns: 2000 };

describe('deadline engine properties', () => {
  it('adding a then b equals adding a + b', () => {
    fc.assert(
      fc.property(instant, duration, duration, zone, (t, a, b, z) => {
        const options = { zone: z };
        expect(addSupportTime(addSupportTime(t, a, options), b, options).getTime()).toBe(
          addSupportTime(t, a + b, options).getTime(),
        );
      }),
      runs,
    );
  });

  it('the support time between a start and its deadline is the duration', () => {
    fc.assert(
      fc.property(instant, duration, zone, (t, d, z) => {
        expect(supportTimeBetween(t, addSupportTime(t, d, { zone: z }), { zone: z })).toBe(d);
      }),
      runs,
    );
  });

  it('a deadline is never strictly inside a holiday', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 * 86_400_000 }), zone, (t, d, z) => {
        const due = addSupportTime(t, d, { zone: z });
        const closure = supportClosureAt(due, { zone: z });
        // Either open, or exactly at the first instant of a closure (reached as the holiday begins).
        expect(isSupportOpen(due, { zone: z }) || closure?.closedSince.getTime() === due.getTime()).toBe(true);
      }),
      runs,
    );
  });

  it('a deadline is never earlier than start + duration, and holidays only push it later', () => {
    fc.assert(
      fc.property(instant, duration, (t, d) => {
        expect(addSupportTime(t, d).getTime()).toBeGreaterThanOrEqual(t.getTime() + d);
      }),
      runs,
    );
  });
});

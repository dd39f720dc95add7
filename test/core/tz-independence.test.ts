import { describe, expect, it } from 'vitest';
import { addSupportTime, slaStatus, supportHolidays } from '../../core/index.js';

// `npm test` runs this suite under TZ=UTC, America/Los_Angeles and Asia/Kolkata. These fixed expectations,
// computed by hand, must hold in every one of them: nothing in core/ may read the process time zone.
describe(`results do not depend on the process time zone (TZ=${process.env.TZ ?? 'unset'})`, () => {
  it('computes the worked example identically', () => {
    expect(addSupportTime(new Date('2026-11-25T15:00:00Z'), 86_400_000).toISOString()).toBe('2026-11-28T15:00:00.000Z');
  });
  it('dates holidays in the support zone, not the machine’s', () => {
    expect(supportHolidays(2026)[0]).toEqual({ date: '2026-01-01', name: "New Year's Day", id: 'new-years-day' });
  });
  it('pauses a 2 h case received at 23:00 New York on Thanksgiving eve, seen at 00:30 on Thanksgiving', () => {
    const state = slaStatus(
      { receivedAt: new Date('2026-11-26T04:00:00Z'), firstResponseHours: 2 },
      new Date('2026-11-26T05:30:00Z'),
    ).state;
    expect(state).toBe('paused');
  });
});

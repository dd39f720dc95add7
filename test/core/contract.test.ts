import { describe, expect, it } from 'vitest';
import { classicContract } from '../../core/api/schemas.classic.js';
import { contract } from '../../core/index.js';

const valid = {
  serviceId: 'linksprinter',
  subject: 'Link test fails on VLAN 20',
  description: 'The LinkSprinter reports no DHCP offer on VLAN 20 since the firmware update.\nLogs attached.',
  deviceSerial: 'LS2-001234',
  firmwareVersion: '3.2.1',
  contactEmail: 'ana@example.com',
};

// The same source builds both flavours; they must accept and refuse exactly the same drafts.
describe.each([
  ['zod/mini', contract.IncidentDraft],
  ['classic zod', classicContract.IncidentDraft],
])('IncidentDraft (%s)', (_flavour, schema) => {
  const paths = (input: unknown) => {
    const r = schema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };
  it('accepts a complete draft and trims its text', () => {
    const r = schema.safeParse({ ...valid, subject: `  ${valid.subject}  ` });
    expect(r.success && r.data.subject).toBe(valid.subject);
  });
  it('names every wrong field', () => {
    expect(paths({ ...valid, subject: 'hi', contactEmail: 'not-an-email' })).toEqual(['subject', 'contactEmail']);
  });
  it('requires device serial and firmware on a hardware-backed service, not on a standalone one', () => {
    const { deviceSerial: _s, firmwareVersion: _f, ...software } = valid;
    expect(paths(software)).toEqual(['deviceSerial', 'firmwareVersion']);
    expect(paths({ ...software, serviceId: 'netscout-insights' })).toEqual([]);
  });
  it('refuses unknown services, unknown fields and control characters', () => {
    expect(paths({ ...valid, serviceId: 'nope' })).toEqual(['serviceId']);
    expect(paths({ ...valid, admin: true })).toEqual(['']);
    expect(paths({ ...valid, subject: 'Bell\u0007 rings here' })).toEqual(['subject']);
    expect(paths({ ...valid, description: `${valid.description}\u0000` })).toEqual(['description']);
  });
  it('refuses a subject or a description made of invisible characters', () => {
    const zeroWidth = '\u200B'.repeat(5);
    expect(paths({ ...valid, subject: zeroWidth })).toEqual(['subject']);
    expect(paths({ ...valid, subject: `ab${'\u3164'.repeat(4)}` })).toEqual(['subject']);
    expect(paths({ ...valid, description: `ok${'\u2800'.repeat(30)}` })).toEqual(['description']);
    const r = schema.safeParse({ ...valid, subject: zeroWidth });
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual([
      'must contain at least 5 visible characters',
    ]);
  });
  it('removes bidirectional overrides and isolates from the text it accepts', () => {
    const r = schema.safeParse({
      ...valid,
      subject: 'Invoice \u202Egpj.exe\u202C attached',
      description: `${valid.description} \u2067isolated\u2069 \u202Bembedded\u202C`,
    });
    expect(r.success && r.data.subject).toBe('Invoice gpj.exe attached');
    expect(r.success && r.data.description).toBe(`${valid.description} isolated embedded`);
  });
  it('keeps right-to-left text and its marks', () => {
    const subject = 'שגיאה בבדיקת קישור\u200F 40%';
    const r = schema.safeParse({ ...valid, subject });
    expect(r.success && r.data.subject).toBe(subject);
  });
  it('refuses a huge description', () => {
    expect(paths({ ...valid, description: 'x'.repeat(20_001) })).toEqual(['description']);
  });
});

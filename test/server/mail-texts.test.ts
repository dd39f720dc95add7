import { describe, expect, it } from 'vitest';
import { holidaysBetween } from '../../core/index.js';
import { answerText, confirmationText, languageFrom } from '../../server/mail/texts.js';

// ICU puts narrow no-break spaces in some formats: compare words, not space characters.
const spaces = (s: string) => s.replace(/\s/g, ' ');

const facts = {
  caseNumber: 'NS-000042',
  subject: 'Scanner <b>stops</b>',
  deadline: new Date('2026-03-02T14:00:00Z'),
  supportZone: 'Europe/Paris',
  customerZone: 'America/New_York',
  link: 'https://support.example.com/account/cases/NS-000042',
};

describe('customer mail texts', () => {
  it.each([
    ['fr-CA,en;q=0.5', 'fr'],
    ['de-DE,en-US;q=0.8', 'en'],
    ['fr;q=0, en', 'en'],
    ['de', 'en'],
    [undefined, 'en'],
  ])('pick the language of Accept-Language %s', (header, lang) => {
    expect(languageFrom(header)).toBe(lang);
  });

  it('give the case number, subject, link and deadline in both zones, named, in French', () => {
    const mail = confirmationText(facts, 'fr');
    expect(mail.subject).toContain('NS-000042');
    expect(mail.text).toContain('Scanner <b>stops</b>');
    expect(mail.text).toContain(facts.link);
    expect(spaces(mail.text)).toContain('lundi 2 mars 2026 à 15:00 UTC+1 (Europe/Paris)');
    expect(spaces(mail.text)).toContain('lundi 2 mars 2026 à 09:00 UTC−5 (America/New_York)');
    expect(mail.text).toContain('Nos ingénieurs répondent en anglais.');
  });

  it('give an American reader the 12-hour clock and the zone abbreviation', () => {
    const mail = confirmationText({ ...facts, supportZone: 'America/New_York', customerZone: undefined }, 'en');
    expect(spaces(mail.text)).toContain('Monday, March 2, 2026 at 9:00 AM EST (America/New_York)');
  });

  it('name the support holidays that pushed the deadline, in the reader’s language', () => {
    const received = new Date('2026-11-25T15:00:00Z');
    const deadline = new Date('2026-11-28T15:00:00Z');
    const holidays = holidaysBetween(received, deadline, { zone: 'America/New_York' });
    const base = { ...facts, deadline, supportZone: 'America/New_York', holidays };
    expect(confirmationText(base, 'en').text).toContain(
      'This deadline allows for the days support is closed: Thanksgiving and the day after Thanksgiving.',
    );
    expect(confirmationText(base, 'fr').text).toContain(
      'fermeture du support : Thanksgiving et le lendemain de Thanksgiving.',
    );
  });

  it('keep a subject typed with line breaks on one header line', () => {
    expect(confirmationText({ ...facts, subject: 'a\r\nBcc: x@evil.example' }, 'en').subject).toBe(
      '[NS-000042] We have your request: a Bcc: x@evil.example',
    );
  });

  it('write the answer notice in English with the answer quoted and the link', () => {
    const mail = answerText({ ...facts, answer: 'Update to 6.5.2.\nThen retry.' }, 'en');
    expect(mail.subject).toBe('[NS-000042] An engineer answered: Scanner <b>stops</b>');
    expect(mail.text).toContain('> Update to 6.5.2.\n> Then retry.');
    expect(mail.text).toContain(facts.link);
  });
});

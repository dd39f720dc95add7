import { describe, expect, it } from 'vitest';
import { answerText, confirmationText, languageFrom } from '../../server/mail/texts.js';

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
    ['de', 'en'],
    [undefined, 'en'],
  ])('pick the language of Accept-Language %s', (header, lang) => {
    expect(languageFrom(header)).toBe(lang);
  });

  it('give the case number, subject, link and deadline in both zones, in French', () => {
    const mail = confirmationText(facts, 'fr');
    expect(mail.subject).toContain('NS-000042');
    expect(mail.text).toContain('Scanner <b>stops</b>');
    expect(mail.text).toContain(facts.link);
    expect(mail.text).toContain('lundi 2 mars 2026 à 15:00 (Europe/Paris)');
    expect(mail.text).toContain('lundi 2 mars 2026 à 09:00 (America/New_York)');
  });

  it('write the answer notice in English with the link', () => {
    const mail = answerText(facts, 'en');
    expect(mail.subject).toBe('[NS-000042] An engineer answered: Scanner <b>stops</b>');
    expect(mail.text).toContain(facts.link);
  });
});

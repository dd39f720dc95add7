import { catalogFor } from '../../client/messages.js';
import type { SupportHoliday } from '../../core/index.js';

/** The languages our customer mail is written in; anything else falls back to English. */
export type MailLanguage = 'en' | 'fr';

/** What a mail about a case says; all plain text, never HTML. */
export interface CaseMailFacts {
  /** The number the customer sees (`NS-000042`). */
  caseNumber: string;
  subject: string;
  /** Link to the case in My Account. */
  link: string;
}

/** What the confirmation adds: the first-response deadline and where it is shown. */
export interface ConfirmationFacts extends CaseMailFacts {
  /** First-response deadline, an instant. */
  deadline: Date;
  /** IANA zone the support team works in (its holidays are local days there). */
  supportZone: string;
  /** The customer's IANA zone when known: the deadline is then also shown there. */
  customerZone?: string | undefined;
  /** Support holidays between receipt and deadline: they pushed the deadline back. */
  holidays?: readonly SupportHoliday[];
}

/** What the answer notice adds: the engineer's words. */
export interface AnswerFacts extends CaseMailFacts {
  answer: string;
}

/** A rendered mail. */
export interface MailText {
  subject: string;
  text: string;
}

/** The first language of an `Accept-Language` header that we write in (a `q=0` one is refused), else English. */
export function languageFrom(acceptLanguage: string | undefined): MailLanguage {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [rawTag, ...params] = part.split(';');
    if (params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/i.test(p))) continue;
    const tag = rawTag?.trim().toLowerCase() ?? '';
    if (tag === 'fr' || tag.startsWith('fr-')) return 'fr';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** `at` in `zone`, in the language's usual form, with the zone's short name and its IANA id. */
export function when(at: Date, zone: string, lang: MailLanguage): string {
  const key = `${lang} ${zone}`;
  let format = formats.get(key);
  if (!format) {
    // en-US: the support team and its default zone are American; French readers get the 24-hour clock.
    format = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-US', {
      weekday: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone: zone,
      timeZoneName: 'short',
    });
    formats.set(key, format);
  }
  return `${format.format(at)} (${zone})`;
}

// One line in a mail header: a subject typed with line breaks must not add header lines.
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

function deadlines(f: ConfirmationFacts, lang: MailLanguage): string {
  const lines = [when(f.deadline, f.supportZone, lang)];
  if (f.customerZone && f.customerZone !== f.supportZone) lines.push(when(f.deadline, f.customerZone, lang));
  return lines.map((l) => `  ${l}`).join('\n');
}

function holidayNote(f: ConfirmationFacts, lang: MailLanguage): string {
  if (!f.holidays?.length) return '';
  const names = catalogFor(lang).holidays;
  const list = new Intl.ListFormat(lang, { type: 'conjunction' }).format([
    ...new Set(f.holidays.map((h) => names[h.id])),
  ]);
  return lang === 'fr'
    ? `Ce délai tient compte des jours de fermeture du support : ${list}.\n`
    : `This deadline allows for the days support is closed: ${list}.\n`;
}

/** The confirmation a customer gets when an incident is opened. */
export function confirmationText(f: ConfirmationFacts, lang: MailLanguage): MailText {
  const subject = oneLine(f.subject);
  if (lang === 'fr') {
    return {
      subject: `[${f.caseNumber}] Nous avons bien reçu votre demande : ${subject}`,
      text:
        `Bonjour,\n\nVotre demande ${f.caseNumber} « ${subject} » est enregistrée.\n` +
        `Un ingénieur vous répondra au plus tard le :\n${deadlines(f, lang)}\n${holidayNote(f, lang)}` +
        `Nos ingénieurs répondent en anglais.\n\nSuivre la demande : ${f.link}\n\nL'équipe support NetScout\n`,
    };
  }
  return {
    subject: `[${f.caseNumber}] We have your request: ${subject}`,
    text:
      `Hello,\n\nYour request ${f.caseNumber} "${subject}" is logged.\n` +
      `An engineer will answer by:\n${deadlines(f, lang)}\n${holidayNote(f, lang)}` +
      `\nFollow the case: ${f.link}\n\nNetScout Support\n`,
  };
}

const quoted = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => `> ${l}`)
    .join('\n');

/** The notice a customer gets when an engineer answers their case, with the answer. */
export function answerText(f: AnswerFacts, lang: MailLanguage): MailText {
  const subject = oneLine(f.subject);
  if (lang === 'fr') {
    return {
      subject: `[${f.caseNumber}] Un ingénieur a répondu : ${subject}`,
      text:
        `Bonjour,\n\nUn ingénieur a répondu à votre demande ${f.caseNumber} « ${subject} » :\n\n` +
        `${quoted(f.answer)}\n\nRépondre ou suivre la demande : ${f.link}\n\nL'équipe support NetScout\n`,
    };
  }
  return {
    subject: `[${f.caseNumber}] An engineer answered: ${subject}`,
    text:
      `Hello,\n\nAn engineer answered your request ${f.caseNumber} "${subject}":\n\n` +
      `${quoted(f.answer)}\n\nReply or follow the case: ${f.link}\n\nNetScout Support\n`,
  };
}

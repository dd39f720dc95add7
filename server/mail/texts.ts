/** The languages our customer mail is written in; anything else falls back to English. */
export type MailLanguage = 'en' | 'fr';

/** What a mail about a case says; all plain text, never HTML. */
export interface CaseMailFacts {
  caseNumber: string;
  subject: string;
  /** First-response deadline, an instant. */
  deadline: Date;
  /** IANA zone the support team works in. */
  supportZone: string;
  /** The customer's IANA zone when known. */
  customerZone?: string | undefined;
  /** Link to the case in My Account. */
  link: string;
}

/** A rendered mail. */
export interface MailText {
  subject: string;
  text: string;
}

/** The first language of an `Accept-Language` header that we write in, else English. */
export function languageFrom(acceptLanguage: string | undefined): MailLanguage {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag === 'fr' || tag.startsWith('fr-')) return 'fr';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

function when(at: Date, zone: string, lang: MailLanguage): string {
  const shown = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: zone,
  }).format(at);
  return `${shown} (${zone})`;
}

function deadlines(f: CaseMailFacts, lang: MailLanguage): string {
  const lines = [when(f.deadline, f.supportZone, lang)];
  if (f.customerZone && f.customerZone !== f.supportZone) lines.push(when(f.deadline, f.customerZone, lang));
  return lines.map((l) => `  ${l}`).join('\n');
}

/** The confirmation a customer gets when an incident is opened. */
export function confirmationText(f: CaseMailFacts, lang: MailLanguage): MailText {
  if (lang === 'fr') {
    return {
      subject: `[${f.caseNumber}] Nous avons bien reçu votre demande : ${f.subject}`,
      text: `Bonjour,\n\nVotre demande ${f.caseNumber} « ${f.subject} » est enregistrée.\nUn ingénieur vous répondra au plus tard le :\n${deadlines(f, lang)}\n\nSuivre la demande : ${f.link}\n\nL'équipe support NetScout\n`,
    };
  }
  return {
    subject: `[${f.caseNumber}] We have your request: ${f.subject}`,
    text: `Hello,\n\nYour request ${f.caseNumber} "${f.subject}" is logged.\nAn engineer will answer by:\n${deadlines(f, lang)}\n\nFollow the case: ${f.link}\n\nNetScout Support\n`,
  };
}

/** The notice a customer gets when an engineer answers their case. */
export function answerText(f: Omit<CaseMailFacts, 'deadline' | 'supportZone'>, lang: MailLanguage): MailText {
  if (lang === 'fr') {
    return {
      subject: `[${f.caseNumber}] Un ingénieur a répondu : ${f.subject}`,
      text: `Bonjour,\n\nUn ingénieur a répondu à votre demande ${f.caseNumber} « ${f.subject} ».\nLire la réponse : ${f.link}\n\nL'équipe support NetScout\n`,
    };
  }
  return {
    subject: `[${f.caseNumber}] An engineer answered: ${f.subject}`,
    text: `Hello,\n\nAn engineer answered your request ${f.caseNumber} "${f.subject}".\nRead the answer: ${f.link}\n\nNetScout Support\n`,
  };
}

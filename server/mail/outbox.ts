import { findService, holidaysBetween, MY_ACCOUNT_URL } from '../../core/index.js';
import type { CaseRow, DueMail, NewMail } from '../db/repository.js';
import { caseNumber, newId } from '../domain/ids.js';
import { answerText, confirmationText, type MailLanguage, type MailText } from './texts.js';

/**
 * The confirmation of a new case, to queue with it (same transaction): to the signed-in customer, in the
 * language the incident was filed in.
 */
export function confirmationMail(row: Pick<CaseRow, 'id' | 'received_at'>, to: string, lang: MailLanguage): NewMail {
  return {
    id: newId('mail', row.received_at),
    kind: 'case-received',
    case_id: row.id,
    comment_id: null,
    to_address: to,
    lang,
    created_at: row.received_at,
  };
}

/** The notice of an engineer's answer, to queue with the answer: to the case's customer, in the case's language. */
export function answerMail(row: Pick<CaseRow, 'id' | 'lang'>, commentId: string, to: string, at: number): NewMail {
  return {
    id: newId('mail', at),
    kind: 'case-answered',
    case_id: row.id,
    comment_id: commentId,
    to_address: to,
    lang: row.lang ?? 'en',
    created_at: at,
  };
}

/**
 * Where the customer follows the case (spec §4): My Account for a Gold-backed (Type 2) service, the
 * service's own homepage (its "assistance" option) otherwise.
 */
function followLink(serviceId: string, serviceType: number): string {
  const host = findService(serviceId)?.homepageHost;
  return serviceType === 2 || !host ? MY_ACCOUNT_URL : `https://${host}/`;
}

/**
 * The text of a queued mail, from its case as stored. The deadline is shown in the support time zone (named):
 * the server does not know the customer's zone.
 */
export function renderMail(mail: DueMail, supportZone: string): MailText {
  const facts = {
    caseNumber: caseNumber(mail.case_seq),
    subject: mail.case_subject,
    link: followLink(mail.case_service_id, mail.case_service_type),
  };
  if (mail.kind === 'case-answered') return answerText({ ...facts, answer: mail.answer_body ?? '' }, mail.lang);
  const deadline = new Date(mail.case_due_at);
  const received = new Date(mail.case_received_at);
  return confirmationText(
    { ...facts, deadline, supportZone, holidays: holidaysBetween(received, deadline, { zone: supportZone }) },
    mail.lang,
  );
}

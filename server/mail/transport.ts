import { createTransport } from 'nodemailer';

/** One mail as it leaves the server: plain text only. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** Stable across retries, so a receiver can drop a copy sent twice (sent, then the server stopped). */
  messageId: string;
  lang: 'en' | 'fr';
}

/** Where delivered mail goes. */
export interface MailTransport {
  /** `mailbox`: nowhere beyond the outbox row itself, which the demo mailbox page lists. */
  readonly via: 'smtp' | 'mailbox';
  /** Resolves once the receiving server accepted the mail; rejects with why it did not. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** Tight timeouts: a stalled SMTP server must not hold the delivery loop (nor a shutdown) for minutes. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000, dnsTimeout: 10_000 };

/** Sends through the SMTP server of `url` (`smtp://` with STARTTLS when offered, or `smtps://`), with nodemailer. */
export function smtpTransport(url: string): MailTransport {
  const mailer = createTransport({ url, ...TIMEOUTS });
  return {
    via: 'smtp',
    async send(mail) {
      await mailer.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        headers: { 'Content-Language': mail.lang, 'Auto-Submitted': 'auto-generated' },
      });
    },
    close: () => mailer.close(),
  };
}

/** No SMTP server configured: delivering is marking the row as in the local mailbox. */
export function localMailbox(): MailTransport {
  return { via: 'mailbox', send: async () => {}, close: () => {} };
}

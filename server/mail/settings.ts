import { SettingError } from '../http/settings.js';

type Env = Record<string, string | undefined>;

/** Where customer e-mail goes: an SMTP server, or (no `SMTP_URL`) the local mailbox the demo page lists. */
export interface MailSettings {
  /** `smtp://` or `smtps://` URL with optional `user:password@`; undefined means the local mailbox. */
  smtpUrl: string | undefined;
  /** The `From:` address of every mail. */
  from: string;
}

/** The default of `MAIL_FROM`. */
export const DEFAULT_MAIL_FROM = 'NetScout Support <support@netscout.example>';

// Deliberately loose: the SMTP server is the judge of an address; this only catches a value that is not one.
const ADDRESS = /^([^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;

/** `SMTP_URL` and `MAIL_FROM`; a present but unusable value throws a one-line {@link SettingError}. */
export function mailSettingsFromEnv(env: Env = process.env): MailSettings {
  const rawUrl = env.SMTP_URL?.trim() || undefined;
  if (rawUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(rawUrl);
    } catch {
      url = undefined;
    }
    if (!url || !['smtp:', 'smtps:'].includes(url.protocol) || !url.hostname) {
      // The value may hold a password: name only its scheme, never echo it.
      throw new SettingError('SMTP_URL must be smtp://host:port or smtps://host:port (optionally user:password@)');
    }
  }
  const from = env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM;
  if (!ADDRESS.test(from)) {
    throw new SettingError(
      `MAIL_FROM must be an address like "Support <support@example.com>", not "${from.slice(0, 100)}"`,
    );
  }
  return { smtpUrl: rawUrl, from };
}

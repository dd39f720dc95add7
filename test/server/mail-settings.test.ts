import { describe, expect, it } from 'vitest';
import { SettingError } from '../../server/http/settings.js';
import { DEFAULT_MAIL_FROM, mailSettingsFromEnv } from '../../server/mail/settings.js';

describe('mail settings', () => {
  it('use the local mailbox and the default sender when nothing is set', () => {
    expect(mailSettingsFromEnv({})).toEqual({ smtpUrl: undefined, from: DEFAULT_MAIL_FROM });
  });

  it('accept an SMTP URL with credentials and a named sender', () => {
    const env = { SMTP_URL: 'smtps://user:p%40ss@mail.example.com:465', MAIL_FROM: 'Help <help@example.com>' };
    expect(mailSettingsFromEnv(env)).toEqual({ smtpUrl: env.SMTP_URL, from: 'Help <help@example.com>' });
  });

  it.each([
    [{ SMTP_URL: 'http://mail.example.com' }, /SMTP_URL must be smtp:/],
    [{ SMTP_URL: 'not a url' }, /SMTP_URL must be smtp:/],
    [{ MAIL_FROM: 'nobody' }, /MAIL_FROM must be an address/],
  ])('refuse %j with one line', (env, message) => {
    expect(() => mailSettingsFromEnv(env)).toThrow(SettingError);
    expect(() => mailSettingsFromEnv(env)).toThrow(message);
  });

  it('never echo a password from a bad SMTP_URL', () => {
    expect(() => mailSettingsFromEnv({ SMTP_URL: 'ftp://u:secret@h' })).toThrow(/^(?!.*secret)[^\n]*$/);
  });
});

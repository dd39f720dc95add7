// The sign-in page: plain HTML, no script, one external stylesheet, every text escaped.

export type Lang = 'en' | 'fr';

interface Texts {
  title: string;
  intro: (client: string) => string;
  email: string;
  password: string;
  submit: string;
  invalid: string;
  missing: string;
  throttled: (minutes: number) => string;
  expired: string;
  csrf: string;
}

const TEXTS: Record<Lang, Texts> = {
  en: {
    title: 'Sign in to NetScout Support',
    intro: (client) => `${client} asks you to sign in with your NetScout Support account.`,
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    invalid: 'The email or the password is not right. Check both and try again.',
    missing: 'Enter your email and your password.',
    throttled: (m) => `Too many failed attempts. Wait ${m} minute${m === 1 ? '' : 's'} before trying again.`,
    expired: 'This sign-in page has expired or was already used. Go back to the site and sign in again.',
    csrf: 'This form was not sent from this page. Reload the page and sign in again.',
  },
  fr: {
    title: 'Connexion à NetScout Support',
    intro: (client) => `${client} vous demande de vous connecter avec votre compte NetScout Support.`,
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    submit: 'Se connecter',
    invalid: "L'adresse e-mail ou le mot de passe est incorrect. Vérifiez les deux et réessayez.",
    missing: 'Saisissez votre adresse e-mail et votre mot de passe.',
    throttled: (m) => `Trop de tentatives échouées. Attendez ${m} minute${m === 1 ? '' : 's'} avant de réessayer.`,
    expired: 'Cette page de connexion a expiré ou a déjà servi. Revenez sur le site et reconnectez-vous.',
    csrf: "Ce formulaire n'a pas été envoyé depuis cette page. Rechargez la page et reconnectez-vous.",
  },
};

/** What went wrong with the last submission. */
export type SignInError =
  | { kind: 'invalid' | 'missing' | 'expired' | 'csrf' }
  | { kind: 'throttled'; retryAfterSeconds: number };

/** The language of the page: `ui_locales` first, then `Accept-Language`; English otherwise. */
export function pickLang(uiLocales: unknown, acceptLanguage: string | undefined): Lang {
  const wanted = `${typeof uiLocales === 'string' ? uiLocales : ''} ${acceptLanguage ?? ''}`.toLowerCase();
  const first = /\b(en|fr)\b/.exec(wanted);
  return first?.[1] === 'fr' ? 'fr' : 'en';
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** The message of a sign-in error, in `lang`. */
export function errorText(lang: Lang, error: SignInError): string {
  const t = TEXTS[lang];
  if (error.kind === 'throttled') return t.throttled(Math.max(1, Math.ceil(error.retryAfterSeconds / 60)));
  return t[error.kind];
}

export interface PageOptions {
  lang: Lang;
  /** The form's target; absent when the page only explains an error (an expired sign-in). */
  action?: string;
  csrf?: string;
  clientName?: string;
  email?: string;
  error?: SignInError;
}

/**
 * The sign-in page. Keyboard-only: native fields and a native button in reading order; the error is announced
 * (`role="alert"`), tied to the fields it concerns (`aria-describedby`, `aria-invalid`) and the first field to
 * fix has `autofocus`. What the user typed in the email field is kept.
 */
export function signInPage(options: PageOptions): string {
  const t = TEXTS[options.lang];
  const message = options.error ? errorText(options.lang, options.error) : undefined;
  const fieldError = options.error && (options.error.kind === 'invalid' || options.error.kind === 'missing');
  const described = fieldError ? ' aria-describedby="signin-error" aria-invalid="true"' : '';
  const alert = message ? `<p id="signin-error" class="error" role="alert">${escapeHtml(message)}</p>\n` : '';
  const emailFocus = !options.email || !fieldError ? ' autofocus' : '';
  const passwordFocus = options.email && fieldError ? ' autofocus' : '';
  const form = options.action
    ? `<form method="post" action="${escapeHtml(options.action)}" novalidate>
<input type="hidden" name="csrf" value="${escapeHtml(options.csrf ?? '')}">
<p><label for="email">${escapeHtml(t.email)}</label>
<input id="email" name="email" type="email" autocomplete="username" required maxlength="254" value="${escapeHtml(options.email ?? '')}"${described}${emailFocus}></p>
<p><label for="password">${escapeHtml(t.password)}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200"${described}${passwordFocus}></p>
<p><button type="submit">${escapeHtml(t.submit)}</button></p>
</form>`
    : '';
  const intro = options.clientName ? `<p>${escapeHtml(t.intro(options.clientName))}</p>\n` : '';
  return `<!doctype html>
<html lang="${options.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)}</title>
<link rel="stylesheet" href="/signin/signin.css"></head>
<body>
<main>
<h1>${escapeHtml(t.title)}</h1>
${intro}${alert}${form}
</main>
</body>
</html>
`;
}

/** The page's stylesheet (served from `/signin/signin.css`: the CSP allows no inline style). */
export const SIGNIN_CSS = `body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}
label{display:block;font-weight:600}
input{width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:1px solid #555;border-radius:4px}
button{font:inherit;padding:.5rem 1.25rem;border:0;border-radius:4px;background:#0b4f9c;color:#fff;cursor:pointer}
:focus-visible{outline:3px solid #b35c00;outline-offset:2px}
.error{color:#a00000;border-left:4px solid #a00000;padding-left:.75rem}
`;

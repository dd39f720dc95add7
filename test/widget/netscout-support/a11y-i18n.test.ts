import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { NetscoutSupport } from '../../../widget/src/index.js';
import {
  $,
  $$,
  agentUpdate,
  axeViolations,
  cleanUp,
  fileCase,
  type MountOptions,
  mount,
  ready,
  screenshot,
  showView,
  text,
  type,
  unique,
  waitFor,
} from '../_helpers.js';

type Locale = 'en' | 'fr';

async function opened(locale: Locale, account: MountOptions['account'], service = 'onetouchat') {
  const el = mount({ mode: 'launcher', locale, account, service, timeZone: 'Europe/Paris' });
  el.open();
  await ready(el);
  return el;
}

/** Every view, reached the way a customer reaches it; each is checked by axe and photographed. */
const VIEWS: Record<string, (locale: Locale) => Promise<NetscoutSupport>> = {
  overview: (locale) => opened(locale, 'gold'),
  'overview-self-help': (locale) => opened(locale, 'free', 'linksprinter'),
  'self-help-results': async (locale) => {
    const el = await opened(locale, 'gold');
    await showView(el, 'self-help');
    await type(el, '#kb-search', locale === 'fr' ? 'réponse' : 'first answer');
    await waitFor(() => $(el, '[data-testid="kb-results"] button'), 'results');
    return el;
  },
  article: async (locale) => {
    const el = await VIEWS['self-help-results']!(locale);
    $(el, '[data-testid="kb-results"] button')!.click();
    await waitFor(() => $(el, '[data-testid="article"]') && $(el, '[data-testid="helpful"]'), 'the article');
    return el;
  },
  'incident-errors': async (locale) => {
    const el = await opened(locale, 'gold');
    await showView(el, 'incident');
    ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
    await waitFor(() => $(el, '[data-testid="error-summary"]'), 'errors');
    return el;
  },
  'incident-submitted': async (locale) => {
    const el = await opened(locale, 'gold');
    await showView(el, 'incident');
    await type(el, '#f-subject', unique('Screenshot incident'));
    await type(el, '#f-description', 'The link test reports no DHCP lease on the lab switch port.');
    await type(el, '#f-deviceSerial', 'OTAT-4242');
    await type(el, '#f-firmwareVersion', '6.5.1');
    ($(el, 'button[type="submit"]') as HTMLButtonElement).click();
    await waitFor(() => $(el, '[data-testid="submitted"]'), 'the confirmation');
    return el;
  },
  'incident-not-entitled': async (locale) => {
    const el = await opened(locale, 'free', 'linksprinter');
    await showView(el, 'incident');
    return el;
  },
  cases: async (locale) => {
    const el = await opened(locale, 'gold');
    await showView(el, 'cases');
    await waitFor(() => $(el, '[data-testid="case-list"]'), 'the case list');
    return el;
  },
  'case-detail': async (locale) => {
    const el = await VIEWS.cases!(locale);
    $(el, '[data-case]')!.click();
    await waitFor(() => $(el, '[data-testid="case-detail"]'), 'the case');
    return el;
  },
  'case-resolved': async (locale) => {
    // A resolved case with an unread answer: the list's marker, then the rating and the close confirmation.
    const filed = await fileCase('holiday', unique('Resolved for axe'));
    await agentUpdate('holiday', filed.id, { response: 'Replace the patch cable.', status: 'resolved' });
    const el = await VIEWS.cases!(locale);
    (await waitFor(() => $(el, `[data-case="${filed.id}"] [data-testid="unread"]`), 'the marker')).click();
    ($(el, '[data-rating="good"]') ?? (await waitFor(() => $(el, '[data-rating="good"]'), 'the rating'))).click();
    await waitFor(() => $(el, '#rate-comment'), 'the comment box');
    $(el, '[data-testid="close"]')!.click();
    await waitFor(() => $(el, '[data-testid="close-confirm"]'), 'the confirmation');
    return el;
  },
  'upgrade-test-mode': async (locale) => {
    const el = await opened(locale, 'free', 'linksprinter');
    await showView(el, 'upgrade');
    ($$(el, '[data-testid="upgrade"] button') as HTMLButtonElement[]).at(-1)!.click();
    await waitFor(() => $(el, '[data-testid="test-mode"]'), 'the test-mode path');
    return el;
  },
};

for (const locale of ['en', 'fr'] as const) {
  describe(`every view in ${locale === 'en' ? 'English' : 'French'}`, () => {
    afterEach(cleanUp);
    for (const [name, reach] of Object.entries(VIEWS)) {
      it(`${name}: axe finds no violation (screenshot ${name}-${locale}.png)`, async () => {
        const el = await reach(locale);
        await el.updateComplete;
        await screenshot(`${name}-${locale}`);
        expect(await axeViolations(el)).to.deep.equal([]);
      });
    }
  });
}

describe('French', () => {
  afterEach(cleanUp);

  it('renders the overview in French, with French dates, and says engineers answer in English', async () => {
    const el = await opened('fr', 'gold');
    expect(text(el, 'h2')).to.equal('Assistance NETSCOUT');
    expect(text(el, '[data-testid="support-status"]')).to.equal(
      'Le support est fermé aujourd’hui (Thanksgiving). Réouverture samedi 06:00 UTC+1 (heure locale).',
    );
    expect(text(el, '[data-testid="english-only"]')).to.equal('Nos ingénieurs répondent uniquement en anglais.');
    expect(text(el)).to.contain('Contactez un ingénieur par téléphone, e-mail et formulaire web');
    expect(text(el)).to.match(/Le support Gold est actif jusqu’au \d+ novembre 20\d\d\./);
    expect($(el, '.panel')!.getAttribute('lang')).to.equal('fr');
  });

  it('gives the due time in French and names the holidays that moved it', async () => {
    const el = await VIEWS['incident-submitted']!('fr');
    expect(text(el, '[data-testid="due-by"]')).to.equal(
      'Première réponse attendue au plus tard le sam. 28 nov., 08:00 UTC+1 (heure locale).',
    );
    expect(text(el, '[data-testid="delayed-by"]')).to.equal(
      'Le support est fermé pour Thanksgiving et le lendemain de Thanksgiving, ce qui repousse ce délai.',
    );
  });

  it('files a French incident in French, so its confirmation mail is written in French', async () => {
    const languages: (string | null)[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      if (String(input).endsWith('/v1/incidents')) languages.push(new Headers(init?.headers).get('accept-language'));
      return realFetch(input, init);
    };
    try {
      await VIEWS['incident-submitted']!('fr');
    } finally {
      window.fetch = realFetch;
    }
    expect(languages).to.deep.equal(['fr']);
  });

  it('explains form errors in French', async () => {
    const el = await VIEWS['incident-errors']!('fr');
    expect(text(el, '[data-testid="error-summary"]')).to.equal('Corrigez 4 champs ci-dessous.');
    expect(text(el, '#e-subject')).to.equal('Ce champ est obligatoire.');
    expect(text(el, '#e-deviceSerial')).to.equal(
      'Obligatoire pour un service qui fonctionne avec du matériel NETSCOUT.',
    );
  });

  it('has no English notice in English', async () => {
    const el = await opened('en', 'gold');
    expect($(el, '[data-testid="english-only"]')).to.equal(null);
  });
});

describe('dark colour scheme', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    await cleanUp();
  });

  for (const name of ['overview', 'incident-errors', 'case-detail', 'case-resolved', 'upgrade-test-mode'] as const) {
    it(`${name}: axe finds no violation, contrast included, with prefers-color-scheme: dark`, async () => {
      await emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
      const el = await VIEWS[name]!('en');
      await el.updateComplete;
      expect(getComputedStyle($(el, '.panel')!).backgroundColor).to.equal('rgb(22, 25, 31)');
      await screenshot(`${name}-en-dark`);
      expect(await axeViolations(el)).to.deep.equal([]);
    });
  }
});

import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  $,
  $$,
  axeViolations,
  cleanUp,
  mount,
  ready,
  screenshot,
  settle,
  showView,
  text,
  type,
  waitFor,
} from '../_helpers.js';

describe('self-help', () => {
  afterEach(cleanUp);

  it('searches the knowledge base as the customer types and opens an article as plain text', async () => {
    const el = mount({ account: 'free', service: 'linksprinter' });
    await ready(el);
    await showView(el, 'self-help');
    await type(el, '#kb-search', 'first answer');
    const first = await waitFor(() => $(el, '[data-testid="kb-results"] button'), 'search results');
    const title = first.querySelector('strong')!.textContent!;
    first.click();
    await waitFor(() => $(el, '[data-testid="article"]'), 'the article');
    expect(text(el, '[data-testid="article"] h3')).to.equal(title);
    expect($$(el, '[data-testid="article"] p').length).to.be.greaterThan(1);
    ($(el, '[data-testid="article-back"]') as HTMLButtonElement).click();
    await settle(el);
    expect($(el, '[data-testid="kb-results"]')).to.not.equal(null);
  });

  it('links forums, documentation, white papers and best-practice guides for everyone, even without a session', async () => {
    const el = mount({ account: null });
    await ready(el);
    await showView(el, 'self-help');
    expect(text(el, '[data-testid="resources"]')).to.equal(
      'Knowledge base Support forums Documentation White papers Best-practice guides',
    );
  });

  it('says so when nothing matches', async () => {
    const el = mount({ account: 'free', service: 'linksprinter' });
    await ready(el);
    await showView(el, 'self-help');
    await type(el, '#kb-search', 'zzqqxxy');
    await waitFor(() => $(el, '[data-testid="no-results"]'), 'the no-results message');
    expect(text(el, '[data-testid="no-results"]')).to.equal('No article matches “zzqqxxy”.');
  });

  it('answers a LinkSprinter symptom with its troubleshooting article, asks whether it helped, and thanks', async () => {
    const el = mount({ account: 'linksprinterPaid', service: 'linksprinter' });
    await ready(el);
    await showView(el, 'self-help');
    await type(el, '#kb-search', 'Link test fails at 40 percent');
    const first = await waitFor(() => $(el, '[data-testid="kb-results"] button'), 'search results');
    expect(first.querySelector('strong')!.textContent).to.equal('LinkSprinter: the link test fails or stops partway');
    first.click();
    const no = await waitFor(() => $$(el, '[data-testid="helpful"] button')[1], 'the question');
    no.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => text(el, '[data-testid="helpful-thanks"]'), 'the thanks');
    expect(no.getAttribute('aria-pressed')).to.equal('true');
    $(el, '[data-testid="helpful"]')!.scrollIntoView({ block: 'center' });
    await screenshot('self-help-helpful-thanks-en');
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

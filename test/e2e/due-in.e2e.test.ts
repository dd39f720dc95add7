import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { extensionPage, signIn, supportFrame } from './_lib/extension-pages.js';
import { type Harness, startHarness } from './_lib/harness.js';

/**
 * The same case in the widget (inside the extension's support frame) and in the popup says the same
 * "due in" and names the same holidays, in English and in French. The server's clock is Thanksgiving
 * 2026, 10:00 New York: a 24-hour case received now is paused for Thanksgiving and the day after.
 */

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function fileCase(harness: Harness): Promise<string> {
  const response = await fetch(`${harness.server.url}/v1/incidents`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${harness.server.demo.linksprinterPaid.token}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': crypto.randomUUID(),
    },
    body: JSON.stringify({
      serviceId: 'linksprinter',
      subject: 'No link light after the update',
      description: 'Since the firmware update the LinkSprinter shows no link light on a known good port.',
      deviceSerial: 'LS-48213',
      firmwareVersion: '2.1.0',
      contactEmail: 'dana@example.com',
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const clean = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The popup's and the widget's countdown lines, read one right after the other. */
async function bothLines(harness: Harness, caseId: string, widgetPage: Page) {
  const popup = await extensionPage(harness, 'popup.html');
  const row = popup.locator(`li.case[data-case-id="${caseId}"] .countdown`);
  await row.waitFor();
  const popupLine = clean(await row.textContent());
  const frame = await supportFrame(harness, widgetPage);
  const widgetLine = clean(await frame.locator('netscout-support [data-testid="paused"]').textContent());
  const status = clean(await popup.locator('[data-testid="support-status"]').textContent());
  await popup.close();
  return { popupLine, widgetLine, status };
}

async function openCaseInWidget(harness: Harness, caseId: string): Promise<Page> {
  const page = await harness.context.newPage();
  await page.goto(`http://linksprinter.com/#netscout-case=${caseId}`);
  await (await supportFrame(harness, page)).locator('netscout-support [data-testid="paused"]').waitFor();
  return page;
}

/**
 * Files a paused case, opens it in the widget's frame and in the popup of a browser speaking `locale`, and
 * checks both say the same sentence, which matches `expected`, and that the popup names the holiday.
 */
async function compareSurfaces(locale: string, expected: RegExp): Promise<void> {
  h = await startHarness({ locale });
  const caseId = await fileCase(h);
  await signIn(h, h.server.demo.linksprinterPaid.token);
  const page = await openCaseInWidget(h, caseId);
  // Both count to the minute on the server's clock; an hour may turn between the two readings.
  let lines = await bothLines(h, caseId, page);
  if (lines.popupLine !== lines.widgetLine) lines = await bothLines(h, caseId, page);
  expect(lines.widgetLine).toMatch(expected);
  expect(lines.popupLine).toBe(lines.widgetLine);
  expect(lines.status).toContain('Thanksgiving');
  await page.close();
}

describe('"due in" on every surface', () => {
  it('is the same in the widget and the popup, with the same holiday names', async () => {
    await compareSurfaces(
      'en-US',
      /^Clock paused for Thanksgiving and the day after Thanksgiving; first response due in 2 d 1[34] h$/,
    );
  });

  // The popup's French comes from the extension's _locales (chrome.i18n, which needs Debian's chromium-l10n),
  // the widget's from the client catalog: the same words either way.
  it('is the same French sentence in the widget and the popup of a French browser', async () => {
    await compareSurfaces(
      'fr-FR',
      /^Délai suspendu pour Thanksgiving et le lendemain de Thanksgiving ; première réponse attendue dans 2 j 1[34] h$/,
    );
  });
});

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ensureFirefoxAddonBuilt, FIREFOX_EXTENSION_DIR } from './_lib/harness.js';

interface LinterMessage {
  code: string;
  file?: string;
  message: string;
}

/**
 * Warnings addons.mozilla.org's linter may still give, each with the reason it is left (README, "Firefox
 * add-on"): Lit builds its templates with `template.innerHTML` from the component's own static markup,
 * never from user or server text (which Lit binds as text or attributes).
 */
const EXPLAINED_WARNINGS = new Set(['UNSAFE_VAR_ASSIGNMENT']);

describe('the built Firefox add-on under addons-linter (what `web-ext lint` and addons.mozilla.org run)', () => {
  it('has no error, declares its data collection, and only explained warnings', () => {
    ensureFirefoxAddonBuilt();
    const run = spawnSync('npx', ['addons-linter', '--output', 'json', '--boring', FIREFOX_EXTENSION_DIR], {
      encoding: 'utf8',
    });
    const report = JSON.parse(run.stdout) as { errors: LinterMessage[]; warnings: LinterMessage[] };
    expect(report.errors).toEqual([]);
    const codes = report.warnings.map((w) => w.code);
    expect(codes).not.toContain('MISSING_DATA_COLLECTION_PERMISSIONS');
    expect(report.warnings.filter((w) => !EXPLAINED_WARNINGS.has(w.code))).toEqual([]);
    // The innerHTML warning may only be about the widget bundle (Lit), not the content script or pages.
    for (const warning of report.warnings) expect(warning.file).toMatch(/^chunks\/support-frame-/);
  });
});

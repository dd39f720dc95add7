// How every browser test and benchmark starts Debian's Chromium: one place for the path and the flags.
// As root Chromium needs --no-sandbox; the others stop it from calling out on this closed network.

/** Debian's Chromium, installed by .ci/run when missing. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a quiet headless Chromium on a machine without internet. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readPopupData, readSettings, readToken } from '../../extension/lib/settings-reader.js';
import {
  apiOriginPattern,
  caseCacheHead,
  checkApiBase,
  DEFAULT_API_BASE,
  DEFAULT_SETTINGS,
  EMPTY_CASE_CACHE,
  FIRST_SCREEN_CASES,
  migrateSettingsV1toV2,
  normalizeApiBase,
  saveCaseCache,
  settingsItem,
  tokenItem,
} from '../../extension/lib/storage.js';
import { makeCachedCase } from './fixtures.js';

describe('settings migrations', () => {
  beforeEach(() => fakeBrowser.reset());

  it('turns version-1 settings into version 2: an origin, the poll interval kept, new fields defaulted', async () => {
    await fakeBrowser.storage.local.set({
      settings: { apiUrl: 'https://support.example.com/v1/', pollEveryMinutes: 15 },
      settings$: { v: 1 },
    });
    await settingsItem.migrate();
    expect(await settingsItem.getValue()).toEqual({
      ...DEFAULT_SETTINGS,
      apiBase: 'https://support.example.com',
      pollMinutes: 15,
    });
    expect(await fakeBrowser.storage.local.get('settings$')).toEqual({ settings$: { v: 2 } });
  });

  it('falls back to the defaults when a version-1 value is unusable', () => {
    expect(migrateSettingsV1toV2({ apiUrl: 'not a url', pollEveryMinutes: -3 })).toEqual(DEFAULT_SETTINGS);
    expect(migrateSettingsV1toV2(null)).toEqual(DEFAULT_SETTINGS);
  });

  it('gives the defaults to a fresh install', async () => {
    expect(await settingsItem.getValue()).toEqual(DEFAULT_SETTINGS);
    expect(await tokenItem.getValue()).toBe('');
  });

  it('keeps the token in local storage, never in sync storage', async () => {
    await tokenItem.setValue('secret-token');
    expect(await fakeBrowser.storage.local.get('token')).toEqual({ token: 'secret-token' });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('lets the content script read the same settings and token without the storage library', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, apiBase: 'https://api.example.com' });
    await tokenItem.setValue('t0k3n');
    expect((await readSettings()).apiBase).toBe('https://api.example.com');
    expect(await readToken()).toBe('t0k3n');
  });

  it('reads a not-yet-migrated version-1 value in the content script as version 2', async () => {
    await fakeBrowser.storage.local.set({ settings: { apiUrl: 'http://localhost:9999/x' } });
    expect((await readSettings()).apiBase).toBe('http://localhost:9999');
  });
});

describe('API base', () => {
  it('keeps only the origin of an http(s) URL', () => {
    expect(normalizeApiBase(' http://127.0.0.1:8787/v1/ ')).toBe('http://127.0.0.1:8787');
  });

  it('refuses what is not an http(s) URL', () => {
    expect(normalizeApiBase('ftp://example.com')).toBeNull();
    expect(normalizeApiBase('127.0.0.1:8787')).toBeNull();
    expect(normalizeApiBase('')).toBeNull();
  });

  it('refuses plain http to another computer, where the token would cross the network in clear', () => {
    for (const text of ['http://support.example.com', 'http://10.0.0.5:8787', 'http://127.0.0.1.example.com']) {
      expect(normalizeApiBase(text), text).toBeNull();
      expect(checkApiBase(text), text).toEqual({ problem: 'insecure' });
    }
    expect(checkApiBase('not a url')).toEqual({ problem: 'not-a-url' });
  });

  it('asks for an API host’s permission without the port, which the manifest’s host permission covers', () => {
    expect(apiOriginPattern('http://127.0.0.1:41231')).toBe('http://127.0.0.1/*');
    expect(apiOriginPattern('https://support.example.com:8443')).toBe('https://support.example.com/*');
    expect(apiOriginPattern('http://[::1]:8787')).toBe('http://[::1]/*');
  });

  it('accepts https anywhere and plain http on this computer only', () => {
    expect(normalizeApiBase('https://support.example.com/v1')).toBe('https://support.example.com');
    expect(normalizeApiBase('http://localhost:8787')).toBe('http://localhost:8787');
    expect(normalizeApiBase('http://LOCALHOST:8787')).toBe('http://localhost:8787');
    expect(normalizeApiBase('http://[::1]:8787/')).toBe('http://[::1]:8787');
  });

  it('ignores a stored plain-http address of another computer when reading the settings', async () => {
    fakeBrowser.reset();
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, apiBase: 'http://support.example.com', pollMinutes: 7 });
    expect(await readSettings()).toEqual({ ...DEFAULT_SETTINGS, apiBase: DEFAULT_API_BASE, pollMinutes: 7 });
    // The stored value stays, for the options page to show with the reason.
    expect((await settingsItem.getValue()).apiBase).toBe('http://support.example.com');
  });

  it('does not carry a version-1 plain-http address of another computer into version 2', () => {
    expect(migrateSettingsV1toV2({ apiUrl: 'http://support.example.com/v1/' }).apiBase).toBe(DEFAULT_API_BASE);
  });
});

describe('the head of the case cache', () => {
  it('holds the first screen of cases, their news only, and the length of the whole list', () => {
    const cases = Array.from({ length: FIRST_SCREEN_CASES + 5 }, (_, i) => makeCachedCase({ id: `c${i}` }));
    const head = caseCacheHead({
      ...EMPTY_CASE_CACHE,
      cases,
      news: { c0: 'first-response', [`c${FIRST_SCREEN_CASES + 1}`]: 'status-changed' },
    });
    expect(head.cases).toHaveLength(FIRST_SCREEN_CASES);
    expect(head.total).toBe(FIRST_SCREEN_CASES + 5);
    expect(head.news).toEqual({ c0: 'first-response' });
  });

  it('is written with the cache, so the popup never shows a head from another list', async () => {
    fakeBrowser.reset();
    await saveCaseCache({ ...EMPTY_CASE_CACHE, cases: [makeCachedCase({ id: 'a' })], userId: 'u1' });
    const { caseCacheHead: stored } = await fakeBrowser.storage.local.get('caseCacheHead');
    expect(stored).toMatchObject({ total: 1, userId: 'u1', cases: [{ id: 'a' }] });
    expect((await readPopupData({ head: true })).total).toBe(1);
  });

  it('is not needed to open the popup after an update from a version without it', async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({ caseCache: { ...EMPTY_CASE_CACHE, cases: [makeCachedCase({ id: 'a' })] } });
    const data = await readPopupData({ head: true });
    expect(data.cases.cases.map((c) => c.id)).toEqual(['a']);
  });
});

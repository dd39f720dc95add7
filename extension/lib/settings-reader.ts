import { browser } from 'wxt/browser';
import { DEFAULT_SETTINGS, migrateSettingsV1toV2, type Settings, type SettingsV1 } from './storage-schema.js';

/**
 * Reads the settings and the token straight from `storage.local`, for the content script: the storage
 * library (with its migration machinery) would double the script a homepage loads before any click. The
 * background migrates the stored item; a version-1 value still read here is migrated in memory.
 */
export async function readSettings(): Promise<Settings> {
  const { settings } = await browser.storage.local.get('settings');
  if (!settings || typeof settings !== 'object') return DEFAULT_SETTINGS;
  if ('apiUrl' in settings) return migrateSettingsV1toV2(settings as SettingsV1);
  return { ...DEFAULT_SETTINGS, ...(settings as Partial<Settings>) };
}

/** The personal token ('' when signed out). */
export async function readToken(): Promise<string> {
  const { token } = await browser.storage.local.get('token');
  return typeof token === 'string' ? token : '';
}

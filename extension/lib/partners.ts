import { browser } from 'wxt/browser';

/** Id of the dynamically registered content script that serves partner hosts. */
export const PARTNER_SCRIPT_ID = 'netscout-partners';

/**
 * A partner host as typed by the customer (`partner.example.com`, `https://partner.example.com/x`),
 * reduced to its host name; `null` when it is not a plain host name.
 */
export function parsePartnerHost(text: string): string | null {
  const trimmed = text.trim().toLowerCase();
  if (!trimmed) return null;
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`).hostname;
  } catch {
    return null;
  }
  // At least one dot, labels of letters, digits and dashes: no wildcards, no IP-less single labels.
  return /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(host) ? host : null;
}

/** The host permission a partner host needs (any scheme, any path). */
export function partnerOrigins(host: string): string[] {
  return [`*://${host}/*`];
}

/**
 * Runs the content script on the partner hosts whose permission the customer granted. Needs the optional
 * `scripting` permission, requested together with the hosts on the options page; without it, nothing.
 */
export async function registerPartnerHosts(hosts: readonly string[]): Promise<void> {
  const scripting = (browser as unknown as { scripting?: ScriptingApi }).scripting;
  if (!scripting?.registerContentScripts) return;
  const granted: string[] = [];
  for (const host of hosts) {
    if (await browser.permissions.contains({ origins: partnerOrigins(host) })) granted.push(host);
  }
  try {
    await scripting.unregisterContentScripts({ ids: [PARTNER_SCRIPT_ID] });
  } catch {
    // Nothing registered yet.
  }
  if (granted.length === 0) return;
  await scripting.registerContentScripts([
    {
      id: PARTNER_SCRIPT_ID,
      matches: granted.flatMap(partnerOrigins),
      js: ['content-scripts/netscout.js'],
      runAt: 'document_idle',
      persistAcrossSessions: true,
    },
  ]);
}

interface ScriptingApi {
  registerContentScripts(scripts: unknown[]): Promise<void>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
}

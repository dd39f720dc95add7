import { browser } from 'wxt/browser';
import { SupportApiClient } from '../../../client/api.js';
import type { SignInAnswer } from '../../lib/messages.js';
import { parsePartnerHost, partnerOrigins } from '../../lib/partners.js';
import { readToken } from '../../lib/settings-reader.js';
import { apiOriginPattern, authItem, checkApiBase, settingsItem, tokenItem } from '../../lib/storage.js';

async function main(): Promise<void> {
  // biome-ignore lint/suspicious/noExplicitAny: message keys are data from _locales.
  const t = (key: string, substitutions?: string[]) => browser.i18n.getMessage(key as any, substitutions);
  document.documentElement.lang = browser.i18n.getUILanguage();
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) node.textContent = t(node.dataset.i18n!);

  const form = document.getElementById('settings') as HTMLFormElement;
  const apiBaseInput = document.getElementById('api-base') as HTMLInputElement;
  const tokenInput = document.getElementById('token') as HTMLInputElement;
  const apiBaseError = document.getElementById('api-base-error') as HTMLElement;
  const status = document.getElementById('status') as HTMLElement;
  const say = (node: HTMLElement, text: string, isError = false) => {
    node.textContent = text;
    node.classList.toggle('error', isError);
  };

  /** The API origin typed in, or `null` with the reason next to the field (what was typed stays). */
  const checkedApiBase = (): string | null => {
    const checked = checkApiBase(apiBaseInput.value);
    const problem = 'problem' in checked ? checked.problem : null;
    apiBaseError.textContent = problem === 'insecure' ? t('insecureApiBase') : problem ? t('invalidApiBase') : '';
    apiBaseInput.toggleAttribute('aria-invalid', problem !== null);
    return 'apiBase' in checked ? checked.apiBase : null;
  };

  const settings = await settingsItem.getValue();
  apiBaseInput.value = settings.apiBase;
  tokenInput.value = await tokenItem.getValue();
  // Saved by an older version that accepted it: say why the extension ignores it.
  if (settings.apiBase) checkedApiBase();

  /** The API origin typed in, with host permission for it (asked for when not yet granted). */
  const grantedApiBase = async (): Promise<string | null> => {
    const apiBase = checkedApiBase();
    if (!apiBase) {
      say(status, '');
      return null;
    }
    const origins = [apiOriginPattern(apiBase)];
    // Requested first thing in the click handler: Chrome only grants during the user's gesture.
    const granted =
      (await browser.permissions.contains({ origins })) || (await browser.permissions.request({ origins }));
    if (!granted) {
      say(status, t('permissionDenied', [apiBase]), true);
      return null;
    }
    return apiBase;
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const apiBase = await grantedApiBase();
    if (!apiBase) return;
    await settingsItem.setValue({ ...(await settingsItem.getValue()), apiBase });
    await tokenItem.setValue(tokenInput.value.trim());
    apiBaseInput.value = apiBase;
    say(status, t('saved'));
  });

  document.getElementById('test')!.addEventListener('click', async () => {
    const apiBase = await grantedApiBase();
    if (!apiBase) return;
    try {
      // The pasted token when there is one, else the sign-in's access token (renewed by the background).
      const typed = tokenInput.value.trim();
      const me = await new SupportApiClient(apiBase, async () => typed || (await readToken())).me();
      say(status, t('testOk', [me.user.name]));
    } catch (error) {
      say(status, t('testFailed', [(error as Error).message]), true);
    }
  });

  const signInStatus = document.getElementById('sign-in-status') as HTMLElement;
  const signInButton = document.getElementById('sign-in') as HTMLButtonElement;
  const signOutButton = document.getElementById('sign-out') as HTMLButtonElement;
  const showAuth = async () => {
    const auth = await authItem.getValue();
    const signedIn = auth.status === 'signed-in';
    signInButton.hidden = signedIn;
    signOutButton.hidden = !signedIn;
    if (signedIn) say(signInStatus, t('signedInAs', [auth.apiBase]));
    else if (auth.reason === 'ended') say(signInStatus, t('signInEnded'), true);
    else say(signInStatus, t('signedOutStatus'));
  };
  await showAuth();
  authItem.watch(() => void showAuth());

  signInButton.addEventListener('click', async () => {
    const apiBase = await grantedApiBase();
    if (!apiBase) return;
    await settingsItem.setValue({ ...(await settingsItem.getValue()), apiBase });
    say(signInStatus, t('signingIn'));
    const outcome = (await browser.runtime.sendMessage({ type: 'sign-in' })) as SignInAnswer;
    // Closing the sign-in window is the customer's own choice, not an error.
    if (outcome.ok || outcome.kind === 'cancelled') await showAuth();
    else say(signInStatus, t('signInFailed', [outcome.message]), true);
  });
  signOutButton.addEventListener('click', async () => {
    const outcome = (await browser.runtime.sendMessage({ type: 'sign-out' })) as SignInAnswer;
    await showAuth();
    if (!outcome.ok) say(signInStatus, t('signOutUnconfirmed'), true);
  });

  const partnerForm = document.getElementById('partners') as HTMLFormElement;
  const partnerInput = document.getElementById('partner-host') as HTMLInputElement;
  const partnerList = document.getElementById('partner-list') as HTMLUListElement;
  const partnerStatus = document.getElementById('partner-status') as HTMLElement;

  const renderPartners = (hosts: readonly string[]) => {
    partnerList.replaceChildren(
      ...hosts.map((host) => {
        const li = document.createElement('li');
        li.append(host, ' ');
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.textContent = t('removePartner');
        remove.addEventListener('click', async () => {
          const current = await settingsItem.getValue();
          const partnerHosts = current.partnerHosts.filter((h) => h !== host);
          await settingsItem.setValue({ ...current, partnerHosts });
          await browser.permissions.remove({ origins: partnerOrigins(host) });
          await browser.runtime.sendMessage({ type: 'partner-hosts-changed' });
          renderPartners(partnerHosts);
        });
        li.append(remove);
        return li;
      }),
    );
  };
  renderPartners(settings.partnerHosts);

  partnerForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const host = parsePartnerHost(partnerInput.value);
    if (!host) {
      say(partnerStatus, t('invalidHost', [partnerInput.value]), true);
      return;
    }
    const granted = await browser.permissions.request({
      origins: partnerOrigins(host),
      permissions: ['scripting'],
    });
    if (!granted) {
      say(partnerStatus, t('permissionDenied', [host]), true);
      return;
    }
    const current = await settingsItem.getValue();
    const partnerHosts = [...new Set([...current.partnerHosts, host])];
    await settingsItem.setValue({ ...current, partnerHosts });
    await browser.runtime.sendMessage({ type: 'partner-hosts-changed' });
    partnerInput.value = '';
    say(partnerStatus, t('saved'));
    renderPartners(partnerHosts);
  });
}

void main();

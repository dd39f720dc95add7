import { html, nothing, type TemplateResult } from 'lit';
import { holidayName as catalogHolidayName } from '../../../../../client/format.js';
import type { Entitlement } from '../../../../../core/api/schemas.js';
import { findPlan, findService } from '../../../../../core/catalog.js';
import { formatDate, formatReopening, safeHref } from '../../../internal/format.js';
import type { NetscoutSupport } from '../netscout-support.js';

/** The overview: plan, service type, Gold status, what the customer gets, and whether support is open. */
export function renderOverview(host: NetscoutSupport): TemplateResult {
  const m = host.messages;
  if (!host.calendar) return html`<p role="status">${m.loading}</p>`;
  const subscription = host.subscription;
  const serviceName = subscription?.serviceName ?? findService(host.service)?.name ?? host.service;
  let account: TemplateResult;
  if (!host.me) account = html`<p class="notice">${m.overview.signIn}</p>`;
  else if (!subscription) account = html`<p class="notice">${m.overview.noSubscription(serviceName)}</p>`;
  else {
    const service = findService(subscription.serviceId);
    const plan = (service && findPlan(service, subscription.planId)?.name) ?? subscription.planId;
    const e = subscription.entitlement;
    account = html`
      <h3 data-testid="plan">${m.overview.plan(plan, serviceName)}</h3>
      <p>${m.overview.serviceType[subscription.serviceType]}</p>
      ${renderGold(host, e)}
      ${e.level === 'premium' ? renderPremium(host, e) : renderSelfHelpOnly(host, e)}
      ${
        safeHref(e.myAccountUrl)
          ? html`<p>
              ${m.overview.submitViaMyAccount}
              <a href=${safeHref(e.myAccountUrl)} target="_blank" rel="noopener noreferrer">${m.overview.myAccount}</a>
            </p>`
          : nothing
      }
    `;
  }
  return html`
    <div data-testid="overview">
      ${renderSupportHours(host)} ${account}
      ${
        host.resolvedLocale !== 'en'
          ? html`<p class="notice" data-testid="english-only">${m.overview.englishOnly}</p>`
          : nothing
      }
    </div>
  `;
}

/** "Support is open" or "closed today for Thanksgiving, reopens Saturday 00:00 (your time)". */
function renderSupportHours(host: NetscoutSupport): TemplateResult {
  const m = host.messages;
  const calendar = host.calendar!;
  if (calendar.open || !calendar.closure) {
    return html`<p class="notice" data-testid="support-status" data-open="true">${m.overview.open}</p>`;
  }
  const holiday = holidayName(host, calendar.closure.holiday.id, calendar.closure.holiday.name);
  const reopens = formatReopening(calendar.closure.reopensAt, new Date(calendar.now), host.intlLocale, host.zone);
  return html`<p class="notice closed" data-testid="support-status" data-open="false">
    ${m.overview.closed(holiday, reopens)}
  </p>`;
}

/** A holiday's name in the UI's language (the server's English name when the id is unknown). */
export function holidayName(host: NetscoutSupport, id: string, fallback: string): string {
  return catalogHolidayName(host.messages.client, id, fallback);
}

function renderGold(host: NetscoutSupport, e: Entitlement): TemplateResult | typeof nothing {
  const m = host.messages.overview;
  const date = e.goldCoverageEndsAt ? formatDate(e.goldCoverageEndsAt, host.intlLocale, host.zone) : undefined;
  if (e.gold === 'active' && date) return html`<p data-testid="gold">${m.goldUntil(date)}</p>`;
  if (e.gold === 'lapsed' && date) return html`<p data-testid="gold">${m.goldEnded(date)}</p>`;
  if (e.gold === 'not-offered') return nothing;
  return html`<p data-testid="gold">${m.gold[e.gold]}</p>`;
}

function renderPremium(host: NetscoutSupport, e: Entitlement): TemplateResult {
  const m = host.messages.overview;
  const channels = e.channels.filter((c) => c !== 'self-help').map((c) => m.channel[c]);
  const list = new Intl.ListFormat(host.intlLocale, { type: 'conjunction' }).format(channels);
  return html`
    <div data-testid="entitlement" data-level="premium">
      <h3>${m.premiumHeading}</h3>
      <ul>
        <li>${m.channelsLabel} ${list}.</li>
        <li>${m.hours[e.hours]}</li>
        ${e.firstResponseHours ? html`<li data-testid="first-response">${m.firstResponse(e.firstResponseHours)}</li>` : nothing}
        <li>${m.unlimited}</li>
      </ul>
      <p class="muted">${m.noResolutionTarget}</p>
    </div>
  `;
}

function renderSelfHelpOnly(host: NetscoutSupport, e: Entitlement): TemplateResult {
  const m = host.messages.overview;
  const inWidget = e.upgrade === 'paid-plan' || e.upgrade === 'premium-plan';
  return html`
    <div data-testid="entitlement" data-level="self-help">
      <h3>${m.selfHelpHeading}</h3>
      <p>${m.hours['24/7']}</p>
      ${e.reason ? html`<p data-testid="reason">${m.reason[e.reason]}</p>` : nothing}
      ${
        e.upgrade
          ? html`<p data-testid="upgrade-path">${m.upgrade[e.upgrade]}</p>
              ${
                inWidget
                  ? html`<button class="primary" type="button" @click=${() => host.show('upgrade')}>
                      ${host.messages.views.upgrade}
                    </button>`
                  : safeHref(e.myAccountUrl)
                    ? html`<a href=${safeHref(e.myAccountUrl)} target="_blank" rel="noopener noreferrer">${m.myAccount}</a>`
                    : nothing
              }`
          : nothing
      }
    </div>
  `;
}

import { html, nothing, type TemplateResult } from 'lit';
import { formatList, holidayName } from '../../../../client/format.js';
import type { Entitlement, Me, Subscription, SupportCalendar } from '../../../../core/api/schemas.js';
import { findPlan, findService } from '../../../../core/catalog.js';
import { displayPhone, formatDate, formatReopening, nextClosure, safeHref } from '../../internal/format.js';
import type { Ui } from '../../internal/ui.js';

/** What the overview shows, and what its upgrade button does. */
export interface OverviewInput {
  ui: Ui;
  calendar: SupportCalendar | undefined;
  me: Me | null | undefined;
  subscription: Subscription | undefined;
  service: string;
  onUpgrade(): void;
}

/** The overview: plan, service type, Gold status, what the customer gets, and whether support is open. */
export function renderOverview(input: OverviewInput): TemplateResult {
  const m = input.ui.messages;
  if (!input.calendar) return html`<p role="status">${m.loading}</p>`;
  const subscription = input.subscription;
  const serviceName = subscription?.serviceName ?? findService(input.service)?.name ?? input.service;
  let account: TemplateResult;
  if (!input.me) account = html`<p class="notice">${m.overview.signIn}</p>`;
  else if (!subscription) account = html`<p class="notice">${m.overview.noSubscription(serviceName)}</p>`;
  else {
    const service = findService(subscription.serviceId);
    const found = service ? findPlan(service, subscription.planId) : undefined;
    const plan = found?.kind === 'free' ? m.overview.freePlan : (found?.name ?? subscription.planId);
    const e = subscription.entitlement;
    account = html`
      <h3 data-testid="plan">${m.overview.plan(plan, serviceName)}</h3>
      <p>${m.overview.serviceType[subscription.serviceType]}</p>
      ${renderGold(input, e)}
      ${e.level === 'premium' ? renderPremium(input, e) : renderSelfHelpOnly(input, e)}
      ${
        safeHref(e.myAccountUrl)
          ? html`<p>
              ${m.overview.submitViaMyAccount}
              ${
                upgradesInMyAccount(e)
                  ? nothing
                  : html`<a href=${safeHref(e.myAccountUrl)} target="_blank" rel="noopener noreferrer"
                      >${m.overview.myAccount}</a
                    >`
              }
            </p>`
          : nothing
      }
    `;
  }
  return html`
    <div data-testid="overview">
      ${renderSupportHours(input)} ${account}
      ${
        input.ui.lang !== 'en'
          ? html`<p class="notice" data-testid="english-only">${m.overview.englishOnly}</p>`
          : nothing
      }
    </div>
  `;
}

/** "Support is open" or "closed today for Thanksgiving, reopens Saturday 00:00 (your time)". */
function renderSupportHours(input: OverviewInput): TemplateResult {
  const m = input.ui.messages;
  const calendar = input.calendar!;
  if (calendar.open || !calendar.closure) {
    const next = nextClosure(calendar);
    const names = next?.ids.map((h) => holidayName(m.client, h.id, h.name));
    return html`<p class="notice" data-testid="support-status" data-open="true">${m.overview.open}</p>
      ${
        next && names
          ? html`<p class="notice" data-testid="next-closure">
              ${m.overview.nextClosure(
                formatList(names, input.ui.lang),
                formatDate(`${next.date}T12:00:00Z`, input.ui.locale, 'UTC'),
              )}
            </p>`
          : nothing
      }`;
  }
  const holiday = holidayName(m.client, calendar.closure.holiday.id, calendar.closure.holiday.name);
  const reopens = formatReopening(calendar.closure.reopensAt, new Date(calendar.now), input.ui.locale, input.ui.zone);
  return html`<p class="notice closed" data-testid="support-status" data-open="false">
    ${m.overview.closed(holiday, reopens)}
  </p>`;
}

function renderGold(input: OverviewInput, e: Entitlement): TemplateResult | typeof nothing {
  const m = input.ui.messages.overview;
  const date = e.goldCoverageEndsAt ? formatDate(e.goldCoverageEndsAt, input.ui.locale, input.ui.zone) : undefined;
  if (e.gold === 'active' && date) return html`<p data-testid="gold">${m.goldUntil(date)}</p>`;
  if (e.gold === 'lapsed' && date) return html`<p data-testid="gold">${m.goldEnded(date)}</p>`;
  if (e.gold === 'not-offered') return nothing;
  return html`<p data-testid="gold">${m.gold[e.gold]}</p>`;
}

function renderPremium(input: OverviewInput, e: Entitlement): TemplateResult {
  const m = input.ui.messages.overview;
  const channels = e.channels.filter((c) => c !== 'self-help').map((c) => m.channel[c]);
  const list = new Intl.ListFormat(input.ui.locale, { type: 'conjunction' }).format(channels);
  return html`
    <div data-testid="entitlement" data-level="premium">
      <h3>${m.premiumHeading}</h3>
      <ul>
        <li>${m.channelsLabel} ${list}.</li>
        ${renderContacts(input, e)}
        <li>${m.hours[e.hours]}</li>
        ${e.firstResponseHours ? html`<li data-testid="first-response">${m.firstResponse(e.firstResponseHours)}</li>` : nothing}
        <li>${m.unlimited}</li>
      </ul>
      <p class="muted">${m.noResolutionTarget}</p>
    </div>
  `;
}

/** The desk's phone and e-mail, as links a phone or a mail client opens. */
function renderContacts(input: OverviewInput, e: Entitlement): TemplateResult {
  const m = input.ui.messages.overview;
  const { phone, email } = e.contacts;
  return html`${phone ? html`<li data-testid="contact-phone">${m.contactPhone} <a href=${`tel:${phone}`}>${displayPhone(phone)}</a></li>` : nothing}
  ${email ? html`<li data-testid="contact-email">${m.contactEmail} <a href=${`mailto:${email}`}>${email}</a></li>` : nothing}`;
}

/** Whether the self-help section already links to My Account as the way up (then once is enough). */
function upgradesInMyAccount(e: Entitlement): boolean {
  return e.level !== 'premium' && !!e.upgrade && e.upgrade !== 'paid-plan' && e.upgrade !== 'premium-plan';
}

function renderSelfHelpOnly(input: OverviewInput, e: Entitlement): TemplateResult {
  const m = input.ui.messages.overview;
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
                  ? html`<button class="primary" type="button" @click=${() => input.onUpgrade()}>
                      ${input.ui.messages.views.upgrade}
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

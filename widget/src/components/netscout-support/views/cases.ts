import { html, nothing, type TemplateResult } from 'lit';
import { ApiError } from '../../../../../client/api.js';
import { countdownText, formatDateTime } from '../../../../../client/format.js';
import type { Case } from '../../../../../core/api/schemas.js';
import { firstResponseCountdown } from '../../../../../core/countdown.js';
import { safeHref } from '../../../internal/format.js';
import type { NetscoutSupport } from '../netscout-support.js';

async function openCase(host: NetscoutSupport, id: string): Promise<void> {
  try {
    const detail = await host.api.case(id);
    host.tick = host.serverNow();
    host.cases = { ...host.cases, detail, reply: '' };
    await host.updateComplete;
    host.shadowRoot?.querySelector<HTMLElement>('[data-testid="case-detail"] h3')?.focus();
  } catch (error) {
    if (error instanceof ApiError) {
      host.loadError = error;
      host.reportError(error);
    }
  }
}

async function sendReply(host: NetscoutSupport, event: Event): Promise<void> {
  event.preventDefault();
  const detail = host.cases.detail;
  const body = host.cases.reply.trim();
  if (!detail || !body || host.cases.sending) return;
  host.cases = { ...host.cases, sending: true };
  try {
    const comment = await host.api.comment(detail.id, body);
    host.cases = {
      ...host.cases,
      detail: { ...detail, comments: [...(detail.comments ?? []), comment] },
      reply: '',
      sending: false,
    };
  } catch (error) {
    host.cases = { ...host.cases, sending: false };
    if (error instanceof ApiError) host.reportError(error);
  }
}

/**
 * The SLA badge and, while the first answer is awaited, the countdown every surface shows (the one
 * pure function in core, the one sentence in the client catalog), recomputed on each tick.
 */
function renderSla(host: NetscoutSupport, c: Case, live: boolean): TemplateResult {
  const state = c.sla.state;
  const countdown = live ? firstResponseCountdown(c, new Date(host.tick)) : null;
  const sentence = countdown && countdownText(countdown, host.messages.client, host.intlLocale);
  const line = sentence
    ? html`<p data-testid=${countdown?.kind === 'paused' ? 'paused' : 'countdown'} aria-live="off">${sentence}</p>`
    : nothing;
  return html`<span class="badge ${state}" data-testid="sla" data-state=${state}>${host.messages.cases.sla[state]}</span>${line}`;
}

/** My cases: the list, then one case with its SLA, countdown and conversation. */
export function renderCases(host: NetscoutSupport): TemplateResult {
  const m = host.messages;
  if (!host.me) return html`<p class="notice">${host.calendar ? m.overview.signIn : m.loading}</p>`;
  const { list, detail } = host.cases;
  if (detail) {
    const own = host.me.user.name;
    return html`
      <div data-testid="case-detail">
        <h3 tabindex="-1">${detail.number} — ${detail.subject}</h3>
        <p>${m.cases.status[detail.status]} · ${m.cases.receivedAt(formatDateTime(detail.receivedAt, host.intlLocale, host.zone))}</p>
        <p>${m.cases.dueAt(formatDateTime(detail.dueAt, host.intlLocale, host.zone))}</p>
        ${renderSla(host, detail, detail.firstResponseAt === null)}
        <p class="comment">${detail.description}</p>
        <h3>${m.cases.comments}</h3>
        ${
          detail.comments?.length
            ? html`<ul class="list" data-testid="comments">
                ${detail.comments.map(
                  (c) => html`<li class="comment">
                    <strong>${c.author.kind === 'agent' ? `${m.cases.agent} (${c.author.name})` : c.author.name === own ? m.cases.you : c.author.name}</strong>
                    <span class="muted">${formatDateTime(c.createdAt, host.intlLocale, host.zone)}</span><br />${c.body}
                  </li>`,
                )}
              </ul>`
            : html`<p class="muted">${m.cases.noComments}</p>`
        }
        <form @submit=${(event: Event) => sendReply(host, event)}>
          <label for="reply">${m.cases.reply}</label>
          <textarea
            id="reply"
            .value=${host.cases.reply}
            @input=${(event: Event) => (host.cases = { ...host.cases, reply: (event.target as HTMLTextAreaElement).value })}
          ></textarea>
          <div class="actions">
            <button class="primary" type="submit" ?disabled=${host.cases.sending}>${m.cases.send}</button>
            <button class="secondary" type="button" @click=${() => host.show('cases')}>${m.cases.back}</button>
          </div>
        </form>
      </div>
    `;
  }
  if (!list) return html`<p role="status">${m.loading}</p>`;
  if (list.length === 0) return html`<p data-testid="no-cases">${m.cases.empty}</p>`;
  const myAccount = safeHref(host.subscription?.entitlement.myAccountUrl);
  return html`
    <ul class="list" data-testid="case-list">
      ${list.map(
        (c) => html`<li>
          <button type="button" data-case=${c.id} @click=${() => openCase(host, c.id)}>
            <strong>${c.number}</strong> ${c.subject}<br />
            <span class="muted">${m.cases.status[c.status]}</span>
            <span class="badge ${c.sla.state}">${m.cases.sla[c.sla.state]}</span>
          </button>
        </li>`,
      )}
    </ul>
    ${
      myAccount
        ? html`<p><a href=${myAccount} target="_blank" rel="noopener noreferrer">${m.overview.myAccount}</a></p>`
        : nothing
    }
  `;
}

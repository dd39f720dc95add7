import { initialState, Task, TaskStatus } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import { ApiError, type SupportApiClient } from '../../../../client/api.js';
import { contract } from '../../../../client/contract.js';
import type { Case, CaseListPage, Me, Subscription } from '../../../../core/api/schemas.js';
import { LiveRefreshController } from '../../controllers/live-refresh.js';
import type { OutboxController } from '../../controllers/outbox-controller.js';
import type { ServerClockController } from '../../controllers/server-clock.js';
import type { WarmUp } from '../../warm-up.js';

/** What the widget's requests depend on: each task runs again when one of its arguments changes. */
export interface SupportTaskHost extends ReactiveControllerHost {
  apiBase: string;
  token: string | undefined;
  tokenProvider: (() => Promise<string>) | undefined;
  activated: boolean;
  reloads: number;
  casesAsked: number;
  caseId: string | undefined;
  caseReads: number;
  warmUp: WarmUp | undefined;
  readonly api: SupportApiClient;
  readonly me: Me | null | undefined;
  readonly clock: ServerClockController;
  readonly outbox: OutboxController;
  reportError(error: ApiError): void;
}

/** Where the API lives when `api-base` is not set: the origin that served the widget's script. */
export function defaultApiBase(): string {
  try {
    const url = new URL(import.meta.url);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : '';
  } catch {
    return '';
  }
}

/** An `ApiError` for a failed request; nothing for one cancelled because its answer is no longer wanted. */
export function asApiError(error: unknown): ApiError | undefined {
  if ((error as Error)?.name === 'AbortError') return undefined;
  return error instanceof ApiError ? error : new ApiError('network', String(error));
}

function reporter(host: SupportTaskHost) {
  return (error: unknown) => {
    const apiError = asApiError(error);
    if (apiError) host.reportError(apiError);
  };
}

/**
 * A view read again every few seconds. While a read fails for a passing reason (the network, a busy server),
 * the last answer for the same item (`key`: the customer and the case) stays on screen; the page hears of a
 * failure once, not at every read while it lasts. Any other failure ends what was shown, as before.
 */
function liveRead<T>(host: SupportTaskHost, key: () => string) {
  let held: { key: string; value: T } | undefined;
  let failing: string | undefined;
  const report = (error: ApiError) => {
    const failure = `${error.code} ${key()}`;
    if (failure === failing) return;
    failing = failure;
    host.reportError(error);
  };
  return {
    async read(read: () => Promise<T>): Promise<T> {
      const at = key();
      try {
        const value = await read();
        held = { key: at, value };
        failing = undefined;
        return value;
      } catch (error) {
        const apiError = asApiError(error);
        if (!apiError?.transient || held?.key !== at) throw error;
        report(apiError);
        return held.value;
      }
    },
    onError: (error: unknown) => {
      const apiError = asApiError(error);
      if (apiError) report(apiError);
    },
  };
}

/**
 * Who is signed in, with the credentials it was asked for: a later answer for other credentials never
 * shows one customer's data to another. `null`: nobody (no token, or one the API does not accept).
 */
export function meTask(host: SupportTaskHost) {
  return new Task(host, {
    args: () => [host.apiBase, host.token, host.tokenProvider, host.activated, host.reloads] as const,
    task: async ([base, token, provider, active], { signal }) => {
      if (!active) return initialState;
      const who = { base, token, provider };
      if (!provider && !token) return { ...who, me: null };
      try {
        return { ...who, me: await host.api.me(signal, host.warmUp?.me) };
      } catch (error) {
        if (error instanceof ApiError && error.code === 'unauthorized') return { ...who, me: null };
        throw error;
      }
    },
    onComplete: () => void host.outbox.refresh(),
    onError: reporter(host),
  });
}

/** The support calendar (open or closed, until when), which also sets the server clock. */
export function calendarTask(host: SupportTaskHost) {
  return new Task(host, {
    args: () => [host.apiBase, host.activated, host.reloads] as const,
    task: async ([base, active], { signal }) => {
      if (!active) return initialState;
      const request = host.api.calendar(signal, host.warmUp?.calendar);
      host.warmUp = undefined; // the loader's requests serve once (`meTask` runs first)
      contract(); // built while the requests are on the wire, ready to parse their answers
      const calendar = await request;
      host.clock.sync(calendar.now);
      return { base, calendar };
    },
    onError: reporter(host),
  });
}

/** The customer's cases (with those holding an unread answer), asked for each time the list is shown or refreshed. */
export function casesTask(host: SupportTaskHost) {
  const live = liveRead<CaseListPage>(host, () => `${host.me?.user.id}`);
  return new Task(host, {
    args: () => [host.me, host.casesAsked] as const,
    task: async ([me, asked], { signal }): Promise<CaseListPage | typeof initialState> => {
      if (!me || asked === 0) return initialState;
      return live.read(() => host.api.cases(signal));
    },
    onError: live.onError,
  });
}

/** The case shown, read again after the customer replies and while it is on screen. */
export function caseTask(host: SupportTaskHost) {
  const live = liveRead<Case>(host, () => `${host.me?.user.id} ${host.caseId}`);
  return new Task(host, {
    args: () => [host.me, host.caseId, host.caseReads] as const,
    task: async ([me, id], { signal }): Promise<Case | typeof initialState> => {
      if (!me || !id) return initialState;
      return live.read(() => host.api.case(id, signal));
    },
    onError: live.onError,
  });
}

/** What keeping the cases view up to date reads of the root element. */
export interface LiveCasesHost extends SupportTaskHost {
  view: string;
  mode: 'launcher' | 'inline';
  opened: boolean;
  refreshMs: number;
  readonly casesTask: { status: TaskStatus };
  readonly caseTask: { status: TaskStatus };
}

/**
 * Reads the case shown (or the list) again while the cases view is on screen, so an engineer's answer or a
 * status change shows without the customer doing anything. A read still on its way is never cut short.
 */
export function liveCases(host: LiveCasesHost): LiveRefreshController {
  return new LiveRefreshController(host, {
    active: () => host.view === 'cases' && Boolean(host.me) && (host.mode === 'inline' || host.opened),
    refresh: () => {
      if (host.caseId) {
        if (host.caseTask.status !== TaskStatus.PENDING) host.caseReads++;
      } else if (host.casesTask.status !== TaskStatus.PENDING) host.casesAsked++;
    },
    intervalMs: () => host.refreshMs,
  });
}

/**
 * The customer's subscription to `service` (any, without one). A cancelled paid plan still counts while its
 * billed month lasts: its entitlement says premium.
 */
export function subscriptionFor(me: Me | null | undefined, service: string): Subscription | undefined {
  const current = me?.subscriptions.filter((s) => s.status === 'active' || s.entitlement.level === 'premium') ?? [];
  const mine = service ? current.filter((s) => s.serviceId === service) : current;
  return mine.find((s) => s.status === 'active') ?? mine[0];
}

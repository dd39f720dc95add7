import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { DateTime } from 'luxon';
import {
  isSupportOpen,
  nextSupportOpening,
  type SupportCalendar,
  supportClosureAt,
  supportHolidays,
} from '../../core/index.js';
import type { AppEnv, ServerContext } from '../context.js';
import { ProblemError } from '../http/problem.js';
import { apiRoutes, C, jsonContent, problems } from './_shared.js';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const MAX_CALENDAR_DAYS = 3 * 366;

const health = createRoute({
  method: 'get',
  path: '/v1/health',
  summary: 'Liveness',
  responses: { 200: { description: 'The API is up.', content: jsonContent(z.object({ status: z.literal('ok') })) } },
});

const ready = createRoute({
  method: 'get',
  path: '/v1/ready',
  summary: 'Readiness, for a load balancer: the API is up and its database answers',
  responses: {
    200: { description: 'Ready to serve.', content: jsonContent(z.object({ status: z.literal('ready') })) },
    ...problems(503),
  },
});

const calendar = createRoute({
  method: 'get',
  path: '/v1/calendar',
  summary: 'Support holidays in a range, whether support is open now, and when it next opens',
  request: { query: z.strictObject({ from: Day.optional(), to: Day.optional() }) },
  responses: {
    200: { description: 'The support calendar.', content: jsonContent(C.SupportCalendar) },
    ...problems(400),
  },
});

/** Routes without a token: health, readiness and the support calendar. */
export function publicRoutes(ctx: ServerContext): OpenAPIHono<AppEnv> {
  const app = apiRoutes();
  app.openapi(health, (c) => c.json({ status: 'ok' as const }, 200));
  app.openapi(ready, async (c) => {
    try {
      await ctx.repo.meta.get('ready');
    } catch (error) {
      ctx.logger.warn({ err: error }, 'readiness: the database does not answer');
      throw new ProblemError(503, 'not-ready', 'Not ready', {
        detail: 'The database does not answer; this process cannot serve requests now.',
        headers: { 'retry-after': '5' },
      });
    }
    return c.json({ status: 'ready' as const }, 200);
  });

  app.openapi(calendar, (c) => {
    const now = ctx.now();
    const today = DateTime.fromJSDate(now, { zone: ctx.zone });
    const query = c.req.valid('query');
    const from = query.from ? DateTime.fromISO(query.from, { zone: ctx.zone }) : today.startOf('day');
    const to = query.to ? DateTime.fromISO(query.to, { zone: ctx.zone }) : from.plus({ days: 365 });
    const errors: { path: string; message: string }[] = [];
    if (!from.isValid) errors.push({ path: 'from', message: 'is not a calendar date' });
    if (!to.isValid) errors.push({ path: 'to', message: 'is not a calendar date' });
    if (errors.length === 0 && to < from) errors.push({ path: 'to', message: 'must not be before from' });
    if (errors.length === 0 && to.diff(from, 'days').days > MAX_CALENDAR_DAYS) {
      errors.push({ path: 'to', message: `must be at most ${MAX_CALENDAR_DAYS} days after from` });
    }
    if (errors.length === 0 && (from.year < 1970 || to.year > 2100)) {
      errors.push({ path: from.year < 1970 ? 'from' : 'to', message: 'must be between 1970 and 2100' });
    }
    if (errors.length > 0) {
      throw new ProblemError(400, 'validation', 'The request is not valid', {
        detail: errors.map((e) => `${e.path} ${e.message}`).join('; '),
        errors,
      });
    }
    const fromDay = from.toISODate() as string;
    const toDay = to.toISODate() as string;
    const holidays = [];
    for (let year = from.year; year <= to.year; year++) {
      for (const holiday of supportHolidays(year)) {
        if (holiday.date >= fromDay && holiday.date <= toDay) holidays.push(holiday);
      }
    }
    const closure = supportClosureAt(now, { zone: ctx.zone });
    const body: SupportCalendar = {
      zone: ctx.zone,
      now: now.toISOString(),
      open: isSupportOpen(now, { zone: ctx.zone }),
      closure: closure
        ? { holiday: closure.holiday, run: closure.run, reopensAt: closure.reopensAt.toISOString() }
        : null,
      nextOpening: nextSupportOpening(now, { zone: ctx.zone }).toISOString(),
      holidays,
    };
    return c.json(body, 200);
  });
  return app;
}

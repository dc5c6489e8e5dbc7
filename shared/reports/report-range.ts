import * as v from 'valibot';
import { businessDayOf } from '../orders/business-day.ts';
import { ORDER_ERRORS } from '../orders/order-errors.ts';

/** The longest range one report covers: a year and a day (a leap year's same-day-last-year). */
const MAX_REPORT_DAYS = 366;

const Day = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-12-07'), v.check(isRealDay, 'not a calendar date'));
export const ReportQuerySchema = v.object({ from: v.optional(Day), to: v.optional(Day) });

/** The shop days from `from` to `to` inclusive (the shop's time zone); both default to today. */
export function reportDays(query: { from?: string; to?: string }, today: string): string[] {
  const from = query.from ?? query.to ?? today;
  const to = query.to ?? (query.from ? query.from : today);
  if (from > to) throw ORDER_ERRORS.raise('invalid_range', `from (${from}) is after to (${to})`);
  const days: string[] = [];
  for (let day = from; day <= to; day = nextDay(day)) {
    days.push(day);
    if (days.length > MAX_REPORT_DAYS) throw ORDER_ERRORS.raise('range_too_long', `a report covers at most ${MAX_REPORT_DAYS} days`);
  }
  return days;
}

export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function isRealDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/**
 * Minutes the shop's clock is ahead of UTC on that day (at local noon): the hour of an order is
 * (UTC time + offset). On the two days a year a zone changes its clocks, the hours after the
 * change are counted in the day's noon offset.
 */
export function utcOffsetMinutes(day: string, timeZone: string): number {
  const noonUtc = new Date(`${day}T12:00:00Z`);
  const formatted = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(noonUtc);
  const parts = Object.fromEntries(formatted.map((part) => [part.type, part.value]));
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return Math.round((local - noonUtc.getTime()) / 60_000);
}

/** Today in the shop's time zone. */
export const todayIn = (timeZone: string, now: Date) => businessDayOf(now, timeZone);

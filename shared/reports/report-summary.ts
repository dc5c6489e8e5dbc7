import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Catalog } from '../menu/catalog.ts';
import type { LocalizedName } from '../menu/menu-types.ts';
import type { DayQueries } from './day-queries.ts';
import { spread } from './percentile.ts';
import { utcOffsetMinutes } from './report-range.ts';

export const CHANNELS = ['chat_text', 'chat_voice', 'counter', 'legacy', 'unknown'] as const;
export const PROVIDERS = ['openrouter', 'vllm', 'rules'] as const;
const TOP = 10;
type Channel = (typeof CHANNELS)[number];
type Provider = (typeof PROVIDERS)[number];
const isChannel = (key: string): key is Channel => CHANNELS.some((channel) => channel === key);
const isProvider = (key: string): key is Provider => PROVIDERS.some((provider) => provider === key);
const TOTALS = ['orders', 'cups', 'revenue', 'cancelled', 'cancelledValue'] as const;

type Wait = { p50: number | null; p90: number | null; count: number };
export type ReportSummary = {
  from: string;
  to: string;
  timeZone: string;
  days: number;
  orders: number;
  cups: number;
  revenue: number;
  averageOrderValue: number | null;
  cancellations: { orders: number; value: number };
  perHour: { hour: number; orders: number; revenue: number; placedToReadyP50: number | null }[];
  topDrinks: { itemId: string; name: LocalizedName; cups: number; revenue: number }[];
  topToppings: { toppingId: string; name: LocalizedName; cups: number; revenue: number }[];
  waiting: { placedToReady: Wait; readyToPickup: Wait };
  channels: Record<Channel, number>;
  agent: {
    turns: Record<Provider, number> & { total: number };
    /** The share of turns the offline rules answered: the models' downtime as customers felt it. */
    offlineShare: number | null;
    cartsLeftWithoutOrder: number;
    ordersConfirmed: number;
  };
};

/** One hour of the day across the range; `waits` are its placed-to-ready seconds. */
type HourTotals = { hour: number; orders: number; revenue: number; waits: number[] };

/**
 * The owner's report over shop days: each day's figures from SQL (day-queries.ts), added up
 * here; the event loop gets a turn between days and between a day's heavier queries, so a
 * year's report does not stall orders.
 */
export async function buildSummary(queries: DayQueries, days: string[], timeZone: string, catalog: Catalog): Promise<ReportSummary> {
  const totals = { orders: 0, cups: 0, revenue: 0, cancelled: 0, cancelledValue: 0 };
  const hours = Array.from({ length: 24 }, (_, hour): HourTotals => ({ hour, orders: 0, revenue: 0, waits: [] }));
  const drinks = new Map<string, { itemId: string; name: LocalizedName; cups: number; revenue: number }>();
  const toppings = new Map<string, { cups: number; revenue: number }>();
  const placedToReady: number[] = [];
  const readyToPickup: number[] = [];
  const channels: ReportSummary['channels'] = { chat_text: 0, chat_voice: 0, counter: 0, legacy: 0, unknown: 0 };
  const turns = { openrouter: 0, vllm: 0, rules: 0, total: 0 };
  let abandoned = 0;
  let confirmed = 0;

  for (const [index, day] of days.entries()) {
    if (index > 0) await nextTurn();
    const offsetMinutes = utcOffsetMinutes(day, timeZone);
    const params = { day, offset: `${offsetMinutes >= 0 ? '+' : ''}${offsetMinutes} minutes` };
    // A turn for the shop's own requests between the heavier queries too (each well under a millisecond).
    const dayTotals = queries.totals(params);
    for (const key of TOTALS) totals[key] += dayTotals[key];
    for (const row of queries.perHour(params)) {
      hours[row.hour]!.orders += row.orders;
      hours[row.hour]!.revenue += row.revenue;
    }
    await nextTurn();
    for (const row of queries.drinks(params)) {
      const entry = drinks.get(row.itemId) ?? { itemId: row.itemId, name: { zh: row.nameZh ?? row.itemId, en: row.nameEn ?? row.itemId }, cups: 0, revenue: 0 };
      entry.cups += row.cups;
      entry.revenue += row.revenue;
      drinks.set(row.itemId, entry);
    }
    for (const row of queries.toppings(params)) {
      const entry = toppings.get(row.toppingId) ?? { cups: 0, revenue: 0 };
      entry.cups += row.cups;
      entry.revenue += row.revenue;
      toppings.set(row.toppingId, entry);
    }
    await nextTurn();
    for (const row of queries.placedToReady(params)) {
      placedToReady.push(row.seconds);
      hours[row.hour]!.waits.push(row.seconds);
    }
    await nextTurn();
    for (const row of queries.readyToPickup(params)) readyToPickup.push(row.seconds);
    await nextTurn();
    for (const row of queries.channels(params)) {
      channels[isChannel(row.key) ? row.key : 'unknown'] += row.count;
    }
    for (const row of queries.turns(params)) {
      if (isProvider(row.key)) turns[row.key] += row.count;
      turns.total += row.count;
    }
    abandoned += queries.abandoned(params);
    confirmed += queries.confirmed(params);
  }

  const byCups = <T extends { cups: number; revenue: number }>(a: T, b: T) => b.cups - a.cups || b.revenue - a.revenue;
  return {
    from: days[0]!,
    to: days.at(-1)!,
    timeZone,
    days: days.length,
    orders: totals.orders,
    cups: totals.cups,
    revenue: totals.revenue,
    averageOrderValue: totals.orders ? Math.round(totals.revenue / totals.orders) : null,
    cancellations: { orders: totals.cancelled, value: totals.cancelledValue },
    perHour: hours.map(({ waits, ...hour }) => ({ ...hour, placedToReadyP50: spread(waits).p50 })),
    topDrinks: [...drinks.values()].sort(byCups).slice(0, TOP),
    topToppings: [...toppings.entries()]
      .map(([toppingId, entry]) => ({ toppingId, name: catalog.topping(toppingId)?.name ?? { zh: toppingId, en: toppingId }, ...entry }))
      .sort(byCups)
      .slice(0, TOP),
    waiting: { placedToReady: spread(placedToReady), readyToPickup: spread(readyToPickup) },
    channels,
    agent: {
      turns,
      offlineShare: turns.total ? Math.round((1000 * turns.rules) / turns.total) / 1000 : null,
      cartsLeftWithoutOrder: abandoned,
      ordersConfirmed: confirmed,
    },
  };
}

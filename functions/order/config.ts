import * as v from 'valibot';
import { InternalTokenSchema } from '../../shared/config/internal-token.ts';
import { intFromString, optionalString, parseEnv, type Env } from '../../shared/config/env.ts';
import { requireInternalTokenOnModal } from '../../shared/config/on-modal.ts';
import { isValidTimeZone } from '../../shared/orders/business-day.ts';
import { DEFAULT_QUEUE_WATCH_LIMITS, type QueueWatchLimits } from './queue-watchers.ts';

const OrderConfigSchema = v.object({
  DB_PATH: v.optional(v.pipe(v.string(), v.minLength(1)), './data/tea_orders.db'),
  DB_SNAPSHOT_PATH: optionalString(),
  STAFF_TOKEN: v.optional(v.pipe(v.string(), v.trim(), v.minLength(16, 'must be at least 16 characters'))),
  OWNER_TOKEN: v.optional(v.pipe(v.string(), v.trim(), v.minLength(16, 'must be at least 16 characters'))),
  MENU_FILE: optionalString(),
  INTERNAL_API_TOKEN: InternalTokenSchema,
  SHOP_TIMEZONE: v.optional(v.pipe(v.string(), v.check(isValidTimeZone, 'must be an IANA time zone like Asia/Shanghai')), 'Asia/Shanghai'),
  SECONDS_PER_DRINK: intFromString(60, 1, 3600),
  SNAPSHOT_DEBOUNCE_MS: intFromString(1000, 50, 60_000),
  ORDER_RATE_LIMIT_PER_MINUTE: intFromString(120, 1, 1_000_000),
  // /queue/ws: several tablets and a TV behind one shop NAT are one client.
  QUEUE_WS_MAX_PER_CLIENT: intFromString(DEFAULT_QUEUE_WATCH_LIMITS.maxPerClient, 1, 100_000),
  QUEUE_WS_MAX_TOTAL: intFromString(DEFAULT_QUEUE_WATCH_LIMITS.maxTotal, 1, 100_000),
  QUEUE_WS_MAX_BUFFER_BYTES: intFromString(DEFAULT_QUEUE_WATCH_LIMITS.maxBufferedBytes, 1024, 64 * 1024 * 1024),
  QUEUE_WS_STUCK_MS: intFromString(DEFAULT_QUEUE_WATCH_LIMITS.stuckMs, 100, 600_000),
  QUEUE_WS_MIN_INTERVAL_MS: intFromString(DEFAULT_QUEUE_WATCH_LIMITS.minIntervalMs, 0, 10_000),
  // The fast path (group commit, compiled statements, pooled id bytes, shared /queue/ws frames);
  // `off` runs the plain one, for comparing the two (npm run bench:queue, bench:orders).
  ORDER_FAST_PATH: v.optional(v.picklist(['on', 'off']), 'on'),
});

export type OrderConfig = {
  dbPath: string;
  snapshotPath?: string;
  staffToken?: string;
  /** The owner's routes (menu and prices); the owner's token opens the staff routes too. */
  ownerToken?: string;
  /** A shop's menu JSON (DESIGN.md §4): seeds a new database; unset → the embedded default. */
  menuFile?: string;
  /** Shared with chat on Modal; guards /sessions…. */
  internalToken?: string;
  timeZone: string;
  secondsPerDrink: number;
  snapshotDebounceMs: number;
  /** POST /orders per client per minute: a kiosk places a few; a script placing thousands is abuse. */
  orderRatePerMinute: number;
  queueWatchLimits: QueueWatchLimits;
  /** The fast write and fan-out paths (the default), or the plain ones. */
  fastPath: boolean;
};

export function readOrderConfig(env: Env): OrderConfig {
  const raw = parseEnv(OrderConfigSchema, env);
  requireInternalTokenOnModal(env, raw.INTERNAL_API_TOKEN);
  return {
    dbPath: raw.DB_PATH,
    timeZone: raw.SHOP_TIMEZONE,
    secondsPerDrink: raw.SECONDS_PER_DRINK,
    snapshotDebounceMs: raw.SNAPSHOT_DEBOUNCE_MS,
    orderRatePerMinute: raw.ORDER_RATE_LIMIT_PER_MINUTE,
    queueWatchLimits: {
      ...DEFAULT_QUEUE_WATCH_LIMITS,
      maxPerClient: raw.QUEUE_WS_MAX_PER_CLIENT,
      maxTotal: raw.QUEUE_WS_MAX_TOTAL,
      maxBufferedBytes: raw.QUEUE_WS_MAX_BUFFER_BYTES,
      stuckMs: raw.QUEUE_WS_STUCK_MS,
      minIntervalMs: raw.QUEUE_WS_MIN_INTERVAL_MS,
    },
    fastPath: raw.ORDER_FAST_PATH === 'on',
    ...(raw.DB_SNAPSHOT_PATH ? { snapshotPath: raw.DB_SNAPSHOT_PATH } : {}),
    ...(raw.STAFF_TOKEN ? { staffToken: raw.STAFF_TOKEN } : {}),
    ...(raw.OWNER_TOKEN ? { ownerToken: raw.OWNER_TOKEN } : {}),
    ...(raw.MENU_FILE ? { menuFile: raw.MENU_FILE } : {}),
    ...(raw.INTERNAL_API_TOKEN ? { internalToken: raw.INTERNAL_API_TOKEN } : {}),
  };
}

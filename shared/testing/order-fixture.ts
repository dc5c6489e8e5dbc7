import type { ValidLine } from '../menu/line-schema.ts';
import { findMigrationsFolder, openDb } from '../db/open-db.ts';
import { silentLogger, type Logger } from '../http/logger.ts';
import type { MenuDefinition } from '../menu/menu-types.ts';
import { businessDayOf } from '../orders/business-day.ts';
import { createOrderService, type OrderServiceOptions } from '../orders/order-service.ts';
import { createOrderApp } from '../../functions/order/app.ts';

export const TEST_STAFF_TOKEN = 'test-staff-token-0123456789';
export const TEST_OWNER_TOKEN = 'test-owner-token-0123456789';

/**
 * The tests' default clock: real time elapsing from noon today in Shanghai, so a test that
 * places an order and then looks it up by today's pickup number passes even when the run
 * crosses the shop's midnight. Tests about the day itself pass their own `now`.
 */
export function shopNoonClock(): () => Date {
  const started = Date.now();
  const noon = Date.parse(`${businessDayOf(new Date(started), 'Asia/Shanghai')}T12:00:00+08:00`);
  return () => new Date(noon + (Date.now() - started));
}

/** A fresh in-memory database with the real migrations, and the order service on top. */
export function openTestOrderService(options: Partial<Omit<OrderServiceOptions, 'opened' | 'migrationsFolder'>> = {}) {
  const migrationsFolder = findMigrationsFolder();
  const opened = openDb(':memory:', migrationsFolder);
  const service = createOrderService({ opened, migrationsFolder, timeZone: 'Asia/Shanghai', secondsPerDrink: 60, now: shopNoonClock(), ...options });
  return { opened, service };
}

export function createTestOrderApp(
  options: {
    staffToken?: string | null;
    ownerToken?: string | null;
    internalToken?: string;
    now?: () => Date;
    orderRatePerMinute?: number;
    seedMenu?: MenuDefinition;
    log?: Logger;
  } = {},
) {
  const { opened, service } = openTestOrderService({
    ...(options.now ? { now: options.now } : {}),
    ...(options.seedMenu ? { seedMenu: options.seedMenu } : {}),
  });
  const staffToken = options.staffToken === null ? undefined : (options.staffToken ?? TEST_STAFF_TOKEN);
  const ownerToken = options.ownerToken === null ? undefined : (options.ownerToken ?? TEST_OWNER_TOKEN);
  const app = createOrderApp({
    service,
    log: options.log ?? silentLogger,
    ...(staffToken ? { staffToken } : {}),
    ...(ownerToken ? { ownerToken } : {}),
    ...(options.orderRatePerMinute ? { orderRatePerMinute: options.orderRatePerMinute } : {}),
    ...(options.internalToken ? { internalToken: options.internalToken } : {}),
  });
  return { app, service, opened };
}

export const jsonHeaders = { 'content-type': 'application/json' };
export const staffHeaders = { ...jsonHeaders, authorization: `Bearer ${TEST_STAFF_TOKEN}` };
export const ownerHeaders = { ...jsonHeaders, authorization: `Bearer ${TEST_OWNER_TOKEN}` };

export const sampleLine: ValidLine = { itemId: 'pearl-milk-tea', size: 'L', sugar: 50, ice: 'light', toppings: ['pudding'], quantity: 2 };

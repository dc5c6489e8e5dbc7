import { describe, expect, it } from 'vitest';
import { openTestOrderService, sampleLine } from '../testing/order-fixture.ts';
import { businessDayOf } from './business-day.ts';

// Shanghai is UTC+8 with no daylight saving: its midnight is 16:00 UTC.
const BEFORE_MIDNIGHT = new Date('2026-11-29T15:59:59.999Z');
const AFTER_MIDNIGHT = new Date('2026-11-29T16:00:00.000Z');

describe('the shop day across Shanghai midnight (a fake clock)', () => {
  it('businessDayOf turns over at 16:00 UTC exactly', () => {
    expect(businessDayOf(BEFORE_MIDNIGHT, 'Asia/Shanghai')).toBe('2026-11-29');
    expect(businessDayOf(AFTER_MIDNIGHT, 'Asia/Shanghai')).toBe('2026-11-30');
    expect(businessDayOf(AFTER_MIDNIGHT, 'UTC')).toBe('2026-11-29');
  });

  it('pickup numbers restart, lookups by number mean today, yesterday’s open orders stay in the queue', async () => {
    let clock = new Date(BEFORE_MIDNIGHT.getTime() - 1000);
    const { service } = openTestOrderService({ now: () => clock });
    const late1 = (await service.createOrder({ lines: [sampleLine] })).order;
    clock = BEFORE_MIDNIGHT;
    const late2 = (await service.createOrder({ lines: [sampleLine] })).order;
    expect([late1.pickupCode, late2.pickupCode]).toEqual(['1', '2']);
    // The same minute cache must not carry yesterday's day over midnight.
    clock = AFTER_MIDNIGHT;
    const early = (await service.createOrder({ lines: [sampleLine] })).order;
    expect(early.pickupCode).toBe('1');
    expect(service.lookup({ pickupCode: '1' })).toMatchObject({ found: true, status: 'placed', position: 3 });
    expect(service.lookup({ pickupCode: '2' })).toEqual({ pickupCode: '2', found: false });
    expect(service.lookup({ orderId: late2.id })).toMatchObject({ found: true, pickupCode: '2', position: 2 });
    expect(service.queue().active.map((entry) => entry.pickupCode)).toEqual(['1', '2', '1']);
  });
});

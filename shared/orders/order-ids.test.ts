import { afterEach, describe, expect, it, vi } from 'vitest';
import { newLineId, newOrderId } from './order-store.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('order and line ids', () => {
  it('start with the time, then a count within the millisecond: they sort in the order they were made', () => {
    const t = Date.parse('2026-12-01T04:00:00Z');
    const clock = vi.spyOn(Date, 'now').mockReturnValue(t);
    const ids = Array.from({ length: 50 }, () => newOrderId());
    clock.mockReturnValue(t + 1);
    ids.push(newOrderId());
    expect([...ids].sort()).toEqual(ids);
    const prefix = (ms: number) => `ord_${ms.toString(36).padStart(9, '0')}`;
    expect(ids[0]!.startsWith(`${prefix(t)}000`)).toBe(true);
    expect(ids[49]!.startsWith(`${prefix(t)}01d`)).toBe(true); // 49 in base 36
    expect(ids[50]!.startsWith(`${prefix(t + 1)}000`)).toBe(true);
  });

  it('end in 80 random bits that never repeat, also across refills of the random pool', () => {
    vi.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-12-01T04:00:00Z'));
    const ids = Array.from({ length: 1000 }, () => newOrderId());
    const randomParts = ids.map((id) => id.slice('ord_'.length + 12));
    expect(randomParts.every((part) => /^[\w-]{14}$/.test(part))).toBe(true);
    expect(new Set(randomParts).size).toBe(1000);
    expect(newLineId()).toMatch(/^ln_[0-9a-z]{12}[\w-]{8}$/);
  });
});

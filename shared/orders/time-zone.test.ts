import { describe, expect, it } from 'vitest';
import { businessDayOf, isValidTimeZone } from './business-day.ts';

describe('SHOP_TIMEZONE check', () => {
  it('accepts IANA zones and refuses anything else', () => {
    expect(['Asia/Shanghai', 'America/New_York', 'UTC'].map(isValidTimeZone)).toEqual([true, true, true]);
    expect(['Mars/Olympus', 'Asia/Beijing', 'not a zone'].map(isValidTimeZone)).toEqual([false, false, false]);
  });

  it('business days follow the zone given', () => {
    const instant = new Date('2026-11-29T20:00:00Z');
    expect([businessDayOf(instant, 'Asia/Shanghai'), businessDayOf(instant, 'America/New_York')]).toEqual(['2026-11-30', '2026-11-29']);
  });
});

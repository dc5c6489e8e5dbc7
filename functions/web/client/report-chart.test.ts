import { describe, expect, it } from 'vitest';
import { hourBars, hourLine, linePath, weekBefore } from './report-chart.ts';

const box = { width: 240, height: 110, pad: 5 };

describe('the Today tab’s chart geometry', () => {
  it('bars are in proportion to the hourly counts, the tallest filling the box', () => {
    const counts = Array.from({ length: 24 }, (_, hour) => (hour === 9 ? 4 : hour === 13 ? 2 : 0));
    const bars = hourBars(counts, box);
    expect(bars).toHaveLength(24);
    expect(bars[9]!.height).toBeCloseTo(100);
    expect(bars[13]!.height).toBeCloseTo(50);
    expect(bars[0]!.height).toBe(0);
    expect(bars[9]!.y + bars[9]!.height).toBeCloseTo(105);
    expect(bars[13]!.x).toBeGreaterThan(bars[9]!.x);
  });

  it('an empty day draws flat bars and no line', () => {
    expect(hourBars(new Array(24).fill(0), box).every((bar) => bar.height === 0)).toBe(true);
    expect(linePath(hourLine(new Array(24).fill(null), box))).toBe('');
  });

  it('the waiting line has a point per hour with a value', () => {
    const waits = Array.from({ length: 24 }, (_, hour) => (hour === 9 ? 300 : hour === 13 ? 600 : null));
    const points = hourLine(waits, box);
    expect(points.map((point) => point.hour)).toEqual([9, 13]);
    expect(points[1]!.y).toBeCloseTo(5);
    expect(points[0]!.y).toBeCloseTo(55);
    expect(linePath(points)).toMatch(/^M\d+\.\d \d+\.\d L/);
  });

  it('the same weekday last week', () => {
    expect(weekBefore('2026-12-05')).toBe('2026-11-28');
    expect(weekBefore('2026-03-03')).toBe('2026-02-24');
  });
});

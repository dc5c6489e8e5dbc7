// The geometry of the Today tab's two charts, apart from the drawing so it can be tested:
// a bar per hour (height ∝ orders) and a line through the hours that have a waiting time.

export type ChartBox = { width: number; height: number; pad: number };
export type Bar = { hour: number; x: number; y: number; width: number; height: number; value: number };

/** One bar per hour (0–23): heights in proportion to the values, the tallest filling the box. */
export function hourBars(values: readonly number[], box: ChartBox): Bar[] {
  const max = Math.max(1, ...values);
  const slot = (box.width - 2 * box.pad) / values.length;
  const inner = box.height - 2 * box.pad;
  return values.map((value, hour) => {
    const height = (value / max) * inner;
    return { hour, x: box.pad + hour * slot + slot * 0.1, y: box.pad + inner - height, width: slot * 0.8, height, value };
  });
}

/** Points of a line over the hours with a value (null = no point), scaled to the largest. */
export function hourLine(values: readonly (number | null)[], box: ChartBox): { hour: number; x: number; y: number; value: number }[] {
  const present = values.filter((value): value is number => value !== null);
  const max = Math.max(1, ...present);
  const slot = (box.width - 2 * box.pad) / values.length;
  const inner = box.height - 2 * box.pad;
  return values.flatMap((value, hour) =>
    value === null ? [] : [{ hour, x: box.pad + hour * slot + slot / 2, y: box.pad + inner - (value / max) * inner, value }],
  );
}

/** The SVG path for the points ("M x y L x y …"), or '' for none. */
export function linePath(points: readonly { x: number; y: number }[]): string {
  return points.map((point, index) => `${index ? 'L' : 'M'}${point.x.toFixed(1)} ${point.y.toFixed(1)}`).join(' ');
}

/** The same weekday a week before `day` (YYYY-MM-DD). */
export function weekBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 7);
  return date.toISOString().slice(0, 10);
}

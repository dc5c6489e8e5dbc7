/** The p-th percentile (0..100) of sorted values, nearest-rank; null for none. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** p50 and p90 in whole seconds, and how many values they describe. */
export function spread(values: number[]): { p50: number | null; p90: number | null; count: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (value: number | null) => (value === null ? null : Math.round(value));
  return { p50: round(percentile(sorted, 50)), p90: round(percentile(sorted, 90)), count: sorted.length };
}

/** Latency summary in milliseconds, from raw samples. */
export interface LatencySummary {
  count: number;
  p50Ms: number;
  p90Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Nearest-rank percentile of already sorted samples (`q` in 0…1); NaN when there are none.
 * Example: `percentileOfSorted([1, 2, 3, 4], 0.5)` → 2.
 */
export function percentileOfSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

/** Sorts a copy of the samples and reads the usual percentiles from it. */
export function summariseLatencies(samples: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    count: sorted.length,
    p50Ms: round(percentileOfSorted(sorted, 0.5)),
    p90Ms: round(percentileOfSorted(sorted, 0.9)),
    p95Ms: round(percentileOfSorted(sorted, 0.95)),
    p99Ms: round(percentileOfSorted(sorted, 0.99)),
    maxMs: round(sorted.length > 0 ? (sorted[sorted.length - 1] ?? Number.NaN) : Number.NaN),
  };
}

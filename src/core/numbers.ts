/** Number helpers shared by the pipeline, its reports and its benchmarks. */

/** The median of a list of numbers; null for an empty list. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}

/** A median absolute deviation times this is the standard deviation of normally spread values. */
export const MAD_TO_SD = 1.4826;

/** `value` to `digits` decimal places, as a number (1.23456, 2 → 1.23). */
export const roundTo = (value: number, digits: number): number => Number(value.toFixed(digits));

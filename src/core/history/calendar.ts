/**
 * Instants and the local calendar. The only place in src/core that touches
 * Date, and only to convert (with this machine's time zone), never to read
 * the clock: time is always passed in.
 */

/** The local day (YYYY-MM-DD) of an instant, in this machine's time zone now. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A local day's start and end, epoch ms (23 or 25 hours long on clock-change days). */
export function dayBounds(day: string): { startMs: number; endMs: number } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { startMs: new Date(y, m - 1, d).getTime(), endMs: new Date(y, m - 1, d + 1).getTime() };
}

/** The day `n` days after `day` (n may be negative). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return localDay(new Date(y, m - 1, d + n, 12).getTime());
}

/** An instant as ISO 8601 in UTC. */
export const isoUtc = (ms: number): string => new Date(ms).toISOString();

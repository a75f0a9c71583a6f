/**
 * History out of the app: CSV (one row per minute, one column per total)
 * and JSON (the records as stored, made whole). Built in chunks so a year
 * of minutes never becomes one giant string.
 */
import { PROBLEM_IDS } from '../alerts/problems';
import { isoUtc } from './calendar';
import { HISTORY_METRICS, meanOf, type MinuteRecord } from './minute';

export const CSV_COLUMNS = [
  'minute_start_utc',
  'local_day',
  'monitored_s',
  'present_s',
  'judged_s',
  'good_s',
  ...PROBLEM_IDS.map((p) => `${p}_s`),
  'tilt_left_s',
  'tilt_right_s',
  'twist_left_s',
  'twist_right_s',
  ...PROBLEM_IDS.map((p) => `${p}_alerts`),
  ...HISTORY_METRICS.map((m) => `mean_${m}`),
] as const;

const num = (v: number) => String(Math.round(v * 100) / 100);

function csvRow(r: MinuteRecord): string {
  return [
    isoUtc(r.t),
    r.day,
    num(r.monitoredS),
    num(r.presentS),
    num(r.calibratedS),
    num(r.goodS),
    ...PROBLEM_IDS.map((p) => num(r.problemS[p])),
    num(r.tiltLeftS),
    num(r.tiltRightS),
    num(r.twistLeftS),
    num(r.twistRightS),
    ...PROBLEM_IDS.map((p) => String(r.alerts[p])),
    ...HISTORY_METRICS.map((m) => {
      const v = meanOf(r, m);
      return v === null ? '' : num(v);
    }),
  ].join(',');
}

/** CSV text in chunks: the header, then rows in blocks of `rowsPerChunk`. */
export function csvChunks(records: readonly MinuteRecord[], rowsPerChunk = 5000): string[] {
  const chunks = [CSV_COLUMNS.join(',') + '\n'];
  for (let i = 0; i < records.length; i += rowsPerChunk)
    chunks.push(
      records
        .slice(i, i + rowsPerChunk)
        .map(csvRow)
        .join('\n') + '\n',
    );
  return chunks;
}

/** JSON text in chunks: `{"format":..., "minutes":[...]}`. */
export function jsonChunks(records: readonly MinuteRecord[], rowsPerChunk = 5000): string[] {
  const chunks = ['{"format":"knotless-history","version":1,"minutes":['];
  for (let i = 0; i < records.length; i += rowsPerChunk)
    chunks.push(
      (i > 0 ? ',' : '') +
        records
          .slice(i, i + rowsPerChunk)
          .map((r) => JSON.stringify(r))
          .join(','),
    );
  chunks.push(']}\n');
  return chunks;
}

import { csvLines } from '../../platform/text/csv-lines.ts';
import type { NoticeLogRow } from './read-notice-log.ts';

const header = [
  'register_number',
  'unit',
  'recipient',
  'kind',
  'channel',
  'due_at',
  'sent_at',
  'shown_at',
  'lapsed_at',
  'reference',
  'created_at',
];

/** An instant in Vietnam's time with its offset (UTC+7, no daylight saving), as an officer reads it. */
function vietnamTime(date: Date | null): string | null {
  if (date === null) return null;
  return new Date(date.getTime() + 7 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+07:00');
}

/**
 * The notice log as CSV text, a line at a time: the BOM and the header, then one line per notice,
 * every cell guarded against formulas. No column names the reporter.
 */
export function noticeLogCsv(rows: AsyncIterable<NoticeLogRow>): AsyncGenerator<string> {
  return csvLines(header, cellsOf(rows));
}

async function* cellsOf(rows: AsyncIterable<NoticeLogRow>): AsyncGenerator<(string | null)[]> {
  for await (const row of rows)
    yield [
      row.registerNumber,
      row.unitId,
      row.recipient,
      row.kind,
      row.channel,
      vietnamTime(row.dueAt),
      vietnamTime(row.sentAt),
      vietnamTime(row.shownAt),
      vietnamTime(row.lapsedAt),
      row.reference,
      vietnamTime(row.createdAt),
    ];
}

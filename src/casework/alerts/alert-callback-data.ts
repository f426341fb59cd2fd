import { isUuid } from '../../platform/database/is-uuid.ts';

const prefix = 'o|a|';

/**
 * The Accept button of an officer alert: `o|a|<report id>|<version>` (at most 53 bytes, under
 * Telegram's 64). The version is the report's when the alert was sent, so a press after anyone
 * acted on the report is refused as a conflict instead of acting on a state the officer never saw.
 * Example: `encodeAcceptData('0b7c…', 3)` → `'o|a|0b7c…|3'`.
 */
export function encodeAcceptData(reportId: string, version: number): string {
  return `${prefix}${reportId}|${version}`;
}

/** Reads `encodeAcceptData`'s format; null for anything else (a citizen's button, a forgery). */
export function decodeAcceptData(data: string): { reportId: string; version: number } | null {
  if (!data.startsWith(prefix)) return null;
  const [reportId, version, extra] = data.slice(prefix.length).split('|');
  if (extra !== undefined || reportId === undefined || !isUuid(reportId)) return null;
  if (version === undefined || !/^\d{1,9}$/.test(version)) return null;
  return { reportId, version: Number(version) };
}

/** Whether callback data belongs to the officer side at all (`o|…`), valid or not. */
export function isOfficerCallbackData(data: string): boolean {
  return data.startsWith('o|');
}

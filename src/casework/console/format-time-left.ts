import type { Language } from '../../platform/vocabulary/language.ts';
import { consoleText } from './console-text.ts';

/** How a limit stands: time left, overdue by, or none; `soon` when under a day is left. */
export function formatTimeLeft(
  due: Date | null,
  now: Date,
  language: Language,
): { text: string; state: 'none' | 'ok' | 'soon' | 'overdue' } {
  if (due === null) return { text: consoleText(language, 'due_none'), state: 'none' };
  const ms = due.getTime() - now.getTime();
  const time = formatDuration(Math.abs(ms), language);
  if (ms < 0) return { text: consoleText(language, 'due_overdue', { time }), state: 'overdue' };
  return { text: consoleText(language, 'due_left', { time }), state: ms < 24 * 3600_000 ? 'soon' : 'ok' };
}

function formatDuration(ms: number, language: Language): string {
  const minutes = Math.floor(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (days > 0) return consoleText(language, 'duration_days', { days, hours: hours % 24 });
  if (hours > 0) return consoleText(language, 'duration_hours', { hours, minutes: minutes % 60 });
  return consoleText(language, 'duration_minutes', { minutes });
}

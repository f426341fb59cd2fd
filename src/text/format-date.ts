import type { Language } from '../engine/conversation-state.ts';

/** A date as people in Vietnam read it (dd/mm/yyyy, Asia/Ho_Chi_Minh), whatever the server's zone. */
export function formatDate(date: Date, language: Language): string {
  return new Intl.DateTimeFormat(language === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(date);
}

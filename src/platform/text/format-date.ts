import type { Language } from '../vocabulary/language.ts';

const locales: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

// Building a formatter costs far more than using one: one per language and form, made once.
function vietnamFormats(options: Intl.DateTimeFormatOptions): Record<Language, Intl.DateTimeFormat> {
  const of = (language: Language) =>
    new Intl.DateTimeFormat(locales[language], { timeZone: 'Asia/Ho_Chi_Minh', ...options });
  return { vi: of('vi'), en: of('en') };
}

const dates = vietnamFormats({ day: '2-digit', month: '2-digit', year: 'numeric' });
const instants = vietnamFormats({
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A date as people in Vietnam read it (dd/mm/yyyy, Asia/Ho_Chi_Minh), whatever the server's zone. */
export function formatDate(date: Date, language: Language): string {
  return dates[language].format(date);
}

/** An instant as people in Vietnam read it (dd/mm/yyyy hh:mm, Asia/Ho_Chi_Minh). */
export function formatDateTime(date: Date, language: Language): string {
  return instants[language].format(date);
}

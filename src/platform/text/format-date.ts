import type { Language } from '../vocabulary/language.ts';

// Building a formatter costs far more than using one: one per language, made once.
const formatters: Record<Language, Intl.DateTimeFormat> = {
  vi: vietnamDateFormat('vi-VN'),
  en: vietnamDateFormat('en-GB'),
};

function vietnamDateFormat(locale: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
}

/** A date as people in Vietnam read it (dd/mm/yyyy, Asia/Ho_Chi_Minh), whatever the server's zone. */
export function formatDate(date: Date, language: Language): string {
  return formatters[language].format(date);
}

const timeFormatters: Record<Language, Intl.DateTimeFormat> = {
  vi: vietnamDateTimeFormat('vi-VN'),
  en: vietnamDateTimeFormat('en-GB'),
};

function vietnamDateTimeFormat(locale: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

/** An instant as people in Vietnam read it (dd/mm/yyyy hh:mm, Asia/Ho_Chi_Minh). */
export function formatDateTime(date: Date, language: Language): string {
  return timeFormatters[language].format(date);
}

import type { Language } from '../../platform/vocabulary/language.ts';
import type { RateFigureName } from '../figures/rate-figures.ts';

const locales: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };
const percent = (language: Language) =>
  new Intl.NumberFormat(locales[language], {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
const percents = { vi: percent('vi'), en: percent('en') };
const numbers = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }),
};

/** A rate as its readers write it (`90,5%` in Vietnamese, `90.5%` in English); a dash for none. */
export function formatRate(rate: number | null, language: Language): string {
  return rate === null ? '—' : percents[language].format(rate);
}

/** A count or a number of days, with the language's separators. */
export function formatNumber(value: number | null, language: Language): string {
  return value === null ? '—' : numbers[language].format(value);
}

/**
 * The targets the figures are held to (issue 19): resolution above 90%, trafficking reports all
 * classified and handled, every report classified in time and its receipt notice sent. A figure
 * without one (overdue, intake completeness) is read against its own history.
 */
export const figureTargets: Partial<Record<RateFigureName, { rate: number; strictlyAbove: boolean }>> = {
  resolution_rate: { rate: 0.9, strictlyAbove: true },
  resolution_rate_with_suspensions: { rate: 0.9, strictlyAbove: true },
  trafficking_classified: { rate: 1, strictlyAbove: false },
  trafficking_handled: { rate: 1, strictlyAbove: false },
  classified_within_24h: { rate: 1, strictlyAbove: false },
  receipt_notice_on_time: { rate: 1, strictlyAbove: false },
};

/** The target in words (`> 90,0%`, `100,0%`), or an empty string. */
export function formatTarget(figure: RateFigureName, language: Language): string {
  const target = figureTargets[figure];
  if (!target) return '';
  return `${target.strictlyAbove ? '> ' : ''}${formatRate(target.rate, language)}`;
}

/** Whether a rate meets its target; null with no target or no rate. */
export function meetsTarget(figure: RateFigureName, rate: number | null): boolean | null {
  const target = figureTargets[figure];
  if (!target || rate === null) return null;
  return target.strictlyAbove ? rate > target.rate : rate >= target.rate;
}

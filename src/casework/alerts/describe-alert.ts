import { translate } from '../../platform/text/translate.ts';
import type { Language } from '../../platform/vocabulary/language.ts';

/**
 * An alert's kind: `urgent`, `new_information`, `reminder:<limit>:<point>` (point `50`, `80`… a
 * share of the limit run, `soon`, or `extension`), `warning:<limit>` or `escalation:<limit>`,
 * where a limit is `classify`, `decide`, `victim_verification` or a procuracy notice kind.
 */
export type AlertKind = string;

/**
 * The title line of an alert in the officer's language, e.g. `reminder:decide:80` for TB-2026-000004 →
 * "Nhắc việc: giải quyết của tin báo TB-2026-000004 — đã qua 80% thời hạn".
 */
export function describeAlert(kind: AlertKind, register: string, language: Language): string {
  const t = (key: string, params?: Record<string, string | number>) =>
    translate(language, { key: `alerts.${key}`, ...(params ? { params } : {}) });
  const [family = '', limit = '', point = ''] = kind.split(':');
  if (family === 'urgent' || family === 'new_information') return t(`title_${family}`, { register });
  const limitText = t(`limit_${limit}`);
  if (family === 'reminder') {
    const pointText = /^\d+$/.test(point) ? t('point_percent', { percent: point }) : t(`point_${point}`);
    return t('title_reminder', { limit: limitText, register, point: pointText });
  }
  return t(`title_${family}`, { limit: limitText, register });
}

import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import { translate } from '../../platform/text/translate.ts';
import type { Language } from '../../platform/vocabulary/language.ts';
import { crimeCategories } from '../../platform/vocabulary/report-categories.ts';
import { consoleText } from '../console/console-text.ts';
import { formatTimeLeft } from '../console/format-time-left.ts';
import { encodeAcceptData } from './alert-callback-data.ts';
import { type AlertKind, describeAlert } from './describe-alert.ts';

/** A sign before each kind of push, for the phone's notification list (the console shows none: its fonts may lack them). */
const symbols: Record<string, string> = {
  urgent: '🚨',
  new_information: '📩',
  reminder: '⏰',
  warning: '⚠️',
  escalation: '🔺',
};

/** What a push may say: the register number, category, priority and time left, nothing else. */
export interface AlertFacts {
  kind: AlertKind;
  reportId: string;
  registerNumber: string;
  category: string;
  priority: number;
  nextDueAt: Date | null;
  version: number;
  /** Accept is offered only while nobody has the report. */
  unassigned: boolean;
}

/**
 * The Telegram message of an alert: a title by kind, then category, priority and time left, with
 * Accept (while the report is unassigned) and Open (a link to the console's report page when the
 * console has a public address). No tip text, no reporter identity, no officer name.
 */
export function renderOfficerAlert(
  facts: AlertFacts,
  language: Language,
  now: Date,
  consoleUrl: string | null,
): { text: string; reply_markup?: InlineKeyboardMarkup } {
  const t = (key: string, params?: Record<string, string | number>) =>
    translate(language, { key: `alerts.${key}`, ...(params ? { params } : {}) });
  const category = (crimeCategories as readonly string[]).includes(facts.category)
    ? translate(language, { key: `category.${facts.category}` })
    : facts.category;
  const text = [
    `${symbols[facts.kind.split(':')[0] ?? ''] ?? ''} ${describeAlert(facts.kind, facts.registerNumber, language)}`.trim(),
    t('line_category', { category }),
    t('line_priority', { priority: consoleText(language, `priority_${facts.priority}`) }),
    t('line_time_left', { time: formatTimeLeft(facts.nextDueAt, now, language).text }),
  ].join('\n');
  const buttons: InlineKeyboardButton[] = [];
  if (facts.unassigned)
    buttons.push({
      text: t('button_accept'),
      callback_data: encodeAcceptData(facts.reportId, facts.version),
    });
  if (consoleUrl)
    buttons.push({
      text: t('button_open'),
      url: new URL(`/console/reports/${facts.reportId}`, consoleUrl).href,
    });
  return buttons.length > 0 ? { text, reply_markup: { inline_keyboard: [buttons] } } : { text };
}

import { consoleText } from '../../casework/console/console-text.ts';
import { html, type SafeHtml } from '../../platform/http/html.ts';
import { translate } from '../../platform/text/translate.ts';
import type { Language } from '../../platform/vocabulary/language.ts';
import { type DashboardQuery, figureCategories, figureChannels, figureKinds } from './dashboard-query.ts';

/**
 * The dashboard's filters as a GET form (no script): unit, period and its fields, category,
 * channel, kind. Every field is sent; the fields of other period kinds are ignored.
 */
export function renderDashboardForm(
  language: Language,
  query: DashboardQuery,
  units: readonly { id: string; name: string }[],
): SafeHtml {
  const t = (key: string) => consoleText(language, key);
  const option = (value: string, label: string, selected: boolean) =>
    html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
  const anyOption = option('', t('dashboard_any'), false);
  const category = (c: string) =>
    c === 'trafficking' ? t('kind_trafficking') : translate(language, { key: `category.${c}` });
  return html`<form method="get" action="/console/dashboard" class="filters dashboard-filters">
    <div><label for="d-unit">${t('dashboard_unit')}</label><select id="d-unit" name="unit">
      ${units.map((u) => option(u.id, u.name, u.id === query.unitId))}</select></div>
    <div><label for="d-period">${t('dashboard_period')}</label><select id="d-period" name="period">
      ${(['month', 'quarter', 'year', 'custom'] as const).map((k) => option(k, t(`dashboard_period_${k}`), query.kind === k))}</select></div>
    <div><label for="d-year">${t('dashboard_year')}</label><input id="d-year" name="year" type="number" min="2000" max="2100" value="${query.year}"></div>
    <div><label for="d-month">${t('dashboard_month')}</label><input id="d-month" name="month" type="number" min="1" max="12" value="${query.month}"></div>
    <div><label for="d-quarter">${t('dashboard_quarter')}</label><input id="d-quarter" name="quarter" type="number" min="1" max="4" value="${query.quarter}"></div>
    <div><label for="d-from">${t('dashboard_from')}</label><input id="d-from" name="from" type="date" value="${query.from}"></div>
    <div><label for="d-to">${t('dashboard_to')}</label><input id="d-to" name="to" type="date" value="${query.to}"></div>
    <div><label for="d-category">${t('dashboard_category')}</label><select id="d-category" name="category">${anyOption}
      ${figureCategories.map((c) => option(c, category(c), query.filters.category === c))}</select></div>
    <div><label for="d-channel">${t('dashboard_channel')}</label><select id="d-channel" name="channel">${anyOption}
      ${figureChannels.map((c) => option(c, t(`channel_${c}`), query.filters.channel === c))}</select></div>
    <div><label for="d-kind">${t('dashboard_kind')}</label><select id="d-kind" name="kind">${anyOption}
      ${figureKinds.map((k) => option(k, t(`kind_${k}`), query.filters.kind === k))}</select></div>
    <div><button type="submit">${t('dashboard_apply')}</button></div>
  </form>`;
}

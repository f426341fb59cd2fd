import { consoleText } from '../../casework/console/console-text.ts';
import { html, type SafeHtml } from '../../platform/http/html.ts';
import { formatDate } from '../../platform/text/format-date.ts';
import type { Language } from '../../platform/vocabulary/language.ts';
import { durationFigureNames } from '../figures/duration-figures.ts';
import { rateFigureNames } from '../figures/rate-figures.ts';
import { type DashboardQuery, dashboardSearch } from './dashboard-query.ts';
import { barChart, dayHistogram } from './figure-charts.ts';
import { figureTargets, formatNumber, formatRate, formatTarget, meetsTarget } from './figure-format.ts';
import type { Dashboard } from './read-dashboard.ts';
import { renderDashboardForm } from './render-dashboard-form.ts';

/** The period in words: `01/11/2026 – 30/11/2026`, its last day being the one before its end. */
export function periodText(period: { from: Date; to: Date }, language: Language): string {
  return `${formatDate(period.from, language)} – ${formatDate(new Date(period.to.getTime() - 1), language)}`;
}

/**
 * The dashboard body: filters, the headline (which variant it is said), every rate with its
 * numerator and denominator linking to their reports, the time figures, the per-unit chart and
 * the six-month trend (each beside a table of the same numbers), and the exports.
 */
export function renderDashboardBody(
  language: Language,
  query: DashboardQuery,
  dashboard: Dashboard,
  units: readonly { id: string; name: string }[],
): SafeHtml {
  const t = (key: string, params?: Record<string, string | number>) => consoleText(language, key, params);
  const rate = (value: number | null) => formatRate(value, language);
  const count = (value: number) => formatNumber(value, language);
  const drill = (figure: string, side: string) =>
    `/console/dashboard/reports?${dashboardSearch(query, { figure, side })}`;
  const { rates, durations } = dashboard.figures;
  const head = rates[dashboard.headline];
  const met = meetsTarget(dashboard.headline, head.rate);
  const rows = rateFigureNames.map((name) => {
    const value = rates[name];
    const ok = meetsTarget(name, value.rate);
    return html`<tr data-figure="${name}">
      <th scope="row">${t(`dashboard_figure_${name}`)}</th>
      <td class="num"><a href="${drill(name, 'numerator')}">${count(value.numerator)}</a></td>
      <td class="num"><a href="${drill(name, 'denominator')}">${count(value.denominator)}</a></td>
      <td class="num${ok === false ? ' below' : ''}">${rate(value.rate)}</td>
      <td class="num">${formatTarget(name, language)}</td>
    </tr>`;
  });
  const times = durationFigureNames.map((name) => {
    const value = durations[name];
    const days = (d: number | null) => t('dashboard_days', { days: formatNumber(d, language) });
    return html`<tr data-figure="${name}">
      <th scope="row">${t(`dashboard_figure_${name}`)}</th>
      <td class="num"><a href="${drill(name, 'population')}">${count(value.count)}</a></td>
      <td class="num">${days(value.p50Days)}</td><td class="num">${days(value.p90Days)}</td>
      <td>${dayHistogram(t(`dashboard_figure_${name}`), value.histogram, (day, n, open) =>
        t(open ? 'dashboard_histogram_more' : 'dashboard_histogram_day', { day, count: n }),
      )}</td>
    </tr>`;
  });
  const barTitle = (label: string, v: { numerator: number; denominator: number; rate: number | null }) =>
    `${label}: ${rate(v.rate)} (${count(v.numerator)}/${count(v.denominator)})`;
  const unitLabel = (u: { name: string; own: boolean }) =>
    u.own ? t('dashboard_unit_own', { unit: u.name }) : u.name;
  const unitBars = dashboard.units.map((u) => ({
    label: unitLabel(u),
    value: u.rate,
    title: barTitle(unitLabel(u), u),
  }));
  const month = (from: Date) => formatDate(new Date(from.getTime() + 86_400_000), language).slice(3);
  const trendBars = dashboard.trend.map((p) => ({
    label: month(p.from),
    value: p.rate,
    title: barTitle(month(p.from), p),
  }));
  const target = figureTargets[dashboard.headline]?.rate;
  const rateRows = (
    items: readonly { label: string; numerator: number; denominator: number; rate: number | null }[],
  ) =>
    items.map(
      (i) =>
        html`<tr><th scope="row">${i.label}</th><td class="num">${count(i.numerator)}</td><td class="num">${count(i.denominator)}</td><td class="num">${rate(i.rate)}</td></tr>`,
    );
  const rateHead = html`<thead><tr><th scope="col"></th><th scope="col">${t('dashboard_numerator')}</th><th scope="col">${t('dashboard_denominator')}</th><th scope="col">${t('dashboard_rate')}</th></tr></thead>`;
  const exportSearch = dashboardSearch(query);
  return html`<h1>${t('dashboard_heading')}</h1>
  ${renderDashboardForm(language, query, units)}
  <p class="muted">${t('dashboard_scope', { unit: dashboard.unitName, period: periodText(dashboard.figures.period, language) })}</p>
  <section class="headline" aria-labelledby="headline-label">
    <h2 id="headline-label">${t(`dashboard_figure_${dashboard.headline}`)}</h2>
    <p class="headline-rate${met === false ? ' below' : ''}" data-headline>${rate(head.rate)}</p>
    <p><a href="${drill(dashboard.headline, 'numerator')}">${t('dashboard_resolved', { count: count(head.numerator) })}</a>
      / <a href="${drill(dashboard.headline, 'denominator')}" data-denominator>${t('dashboard_to_resolve', { count: count(head.denominator) })}</a>
      · ${t('dashboard_target', { target: formatTarget(dashboard.headline, language) })}</p>
    <p class="muted">${t(`dashboard_headline_${dashboard.headline}`)}</p>
  </section>
  <h2>${t('dashboard_rates')}</h2>
  <div class="table-wrap"><table class="figures">
    <thead><tr><th scope="col">${t('dashboard_figure')}</th><th scope="col">${t('dashboard_numerator')}</th><th scope="col">${t('dashboard_denominator')}</th><th scope="col">${t('dashboard_rate')}</th><th scope="col">${t('dashboard_target_col')}</th></tr></thead>
    <tbody>${rows}</tbody></table></div>
  <h2>${t('dashboard_times')}</h2>
  <div class="table-wrap"><table class="figures">
    <thead><tr><th scope="col">${t('dashboard_figure')}</th><th scope="col">${t('dashboard_reports')}</th><th scope="col">p50</th><th scope="col">p90</th><th scope="col">${t('dashboard_histogram')}</th></tr></thead>
    <tbody>${times}</tbody></table></div>
  <div class="charts">
    <section><h2>${t('dashboard_by_unit')}</h2>
      ${barChart(t('dashboard_by_unit'), unitBars, target)}
      <div class="table-wrap"><table class="figures">${rateHead}<tbody>${rateRows(unitBars.map((b, i) => ({ ...b, ...(dashboard.units[i] ?? { numerator: 0, denominator: 0, rate: null }) })))}</tbody></table></div>
    </section>
    <section><h2>${t('dashboard_trend')}</h2>
      ${barChart(t('dashboard_trend'), trendBars, target)}
      <div class="table-wrap"><table class="figures">${rateHead}<tbody>${rateRows(trendBars.map((b, i) => ({ ...b, ...(dashboard.trend[i] ?? { numerator: 0, denominator: 0, rate: null }) })))}</tbody></table></div>
    </section>
  </div>
  <h2>${t('dashboard_exports')}</h2>
  <p class="exports"><a href="/console/dashboard/export.csv?${exportSearch}">CSV</a>
    <a href="/console/dashboard/export.xlsx?${exportSearch}">XLSX</a>
    <a href="/console/dashboard/report.pdf?${exportSearch}">PDF</a></p>
  <p class="muted">${t('dashboard_exports_note')}</p>`;
}

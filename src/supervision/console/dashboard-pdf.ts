import { consoleText } from '../../casework/console/console-text.ts';
import type { PdfReport } from '../../platform/files/pdf-report.ts';
import { formatDateTime } from '../../platform/text/format-date.ts';
import type { Language } from '../../platform/vocabulary/language.ts';
import { durationFigureNames } from '../figures/duration-figures.ts';
import { rateFigureNames } from '../figures/rate-figures.ts';
import { formatNumber, formatRate, formatTarget } from './figure-format.ts';
import type { Dashboard } from './read-dashboard.ts';
import { periodText } from './render-dashboard-page.ts';

/**
 * The monthly report as a PDF's content: the headline, every figure with its numerator,
 * denominator, rate and target, the time figures, and the headline per unit. Numbers only:
 * no report, no reporter.
 */
export function dashboardPdf(language: Language, dashboard: Dashboard, madeBy: string, now: Date): PdfReport {
  const t = (key: string, params?: Record<string, string | number>) => consoleText(language, key, params);
  const rate = (value: number | null) => formatRate(value, language);
  const count = (value: number) => formatNumber(value, language);
  const { rates, durations, period } = dashboard.figures;
  const head = rates[dashboard.headline];
  const columns = [
    t('dashboard_figure'),
    t('dashboard_numerator'),
    t('dashboard_denominator'),
    t('dashboard_rate'),
  ];
  return {
    title: t('dashboard_pdf_title'),
    subtitle: t('dashboard_scope', { unit: dashboard.unitName, period: periodText(period, language) }),
    footer: t('dashboard_pdf_footer', { who: madeBy, at: formatDateTime(now, language) }),
    sections: [
      {
        heading: t(`dashboard_figure_${dashboard.headline}`),
        paragraphs: [
          `${rate(head.rate)} (${count(head.numerator)}/${count(head.denominator)}) · ${t('dashboard_target', { target: formatTarget(dashboard.headline, language) })}`,
          t(`dashboard_headline_${dashboard.headline}`),
        ],
      },
      {
        heading: t('dashboard_rates'),
        table: [
          [...columns, t('dashboard_target_col')],
          ...rateFigureNames.map((name) => [
            t(`dashboard_figure_${name}`),
            count(rates[name].numerator),
            count(rates[name].denominator),
            rate(rates[name].rate),
            formatTarget(name, language),
          ]),
        ],
      },
      {
        heading: t('dashboard_times'),
        table: [
          [t('dashboard_figure'), t('dashboard_reports'), 'p50', 'p90'],
          ...durationFigureNames.map((name) => [
            t(`dashboard_figure_${name}`),
            count(durations[name].count),
            t('dashboard_days', { days: formatNumber(durations[name].p50Days, language) }),
            t('dashboard_days', { days: formatNumber(durations[name].p90Days, language) }),
          ]),
        ],
      },
      {
        heading: t('dashboard_by_unit'),
        table: [
          [t('dashboard_unit'), t('dashboard_numerator'), t('dashboard_denominator'), t('dashboard_rate')],
          ...dashboard.units.map((u) => [
            u.own ? t('dashboard_unit_own', { unit: u.name }) : u.name,
            count(u.numerator),
            count(u.denominator),
            rate(u.rate),
          ]),
        ],
      },
    ],
  };
}

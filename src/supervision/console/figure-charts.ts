import { html, type SafeHtml } from '../../platform/http/html.ts';

/** One bar: its label under it, its height (0–1, null: no bar), and the tooltip `<title>`. */
export interface Bar {
  label: string;
  value: number | null;
  title: string;
}

const width = 640;
const height = 200;
const axis = 24;

/**
 * Bars as inline SVG drawn on the server: presentation attributes only (the console's CSP allows
 * no `style` and no script), a hover `<title>` with the numbers, a dashed line for the target.
 * The table beside each chart carries the same numbers for screen readers and for print.
 */
export function barChart(label: string, bars: readonly Bar[], target?: number): SafeHtml {
  const slot = (width - 8) / Math.max(bars.length, 1);
  const barWidth = Math.max(Math.min(slot * 0.7, 60), 2);
  const plot = height - axis;
  const y = (value: number) => plot - value * (plot - 8);
  const shown = bars.length <= 12;
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}" xmlns="http://www.w3.org/2000/svg">
    <line x1="0" y1="${plot}" x2="${width}" y2="${plot}" stroke="#888888" stroke-width="1"/>
    ${
      target === undefined
        ? ''
        : html`<line x1="0" y1="${y(target)}" x2="${width}" y2="${y(target)}" stroke="#b3261e" stroke-width="1" stroke-dasharray="4 4"/>`
    }
    ${bars.map((bar, index) => {
      const x = 4 + index * slot + (slot - barWidth) / 2;
      const top = y(bar.value ?? 0);
      return html`<g><title>${bar.title}</title>
        <rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(plot - top).toFixed(1)}" fill="${bar.value === null ? '#cccccc' : '#1d5fa8'}"/>
        ${shown ? html`<text x="${(x + barWidth / 2).toFixed(1)}" y="${height - 8}" font-size="11" text-anchor="middle" fill="#333333">${bar.label.slice(0, 22)}</text>` : ''}
      </g>`;
    })}
  </svg>`;
}

/** A small histogram of counts per day (0 = under a day), days over `lastDay` in the last bar. */
export function dayHistogram(
  label: string,
  histogram: readonly { day: number; count: number }[],
  title: (day: number, count: number, open: boolean) => string,
  lastDay = 30,
): SafeHtml {
  const counts = new Array<number>(lastDay + 1).fill(0);
  for (const { day, count } of histogram)
    counts[Math.min(day, lastDay)] = (counts[Math.min(day, lastDay)] ?? 0) + count;
  const most = Math.max(...counts, 1);
  const slot = 310 / counts.length;
  return html`<svg class="histogram" viewBox="0 0 320 60" role="img" aria-label="${label}" xmlns="http://www.w3.org/2000/svg">
    <line x1="0" y1="56" x2="320" y2="56" stroke="#888888" stroke-width="1"/>
    ${counts.map((count, day) =>
      count === 0
        ? ''
        : html`<g><title>${title(day, count, day === lastDay)}</title><rect x="${(5 + day * slot).toFixed(1)}" y="${(56 - (count / most) * 50).toFixed(1)}" width="${(slot * 0.8).toFixed(1)}" height="${((count / most) * 50).toFixed(1)}" fill="#1d5fa8"/></g>`,
    )}
  </svg>`;
}

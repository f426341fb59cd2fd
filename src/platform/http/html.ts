/** Markup that is safe to put in a page as it is: built by `html` or marked by `trustedHtml`. */
export class SafeHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

type Interpolated = SafeHtml | string | number | boolean | null | undefined | readonly Interpolated[];

/** Escapes text for an element's content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function render(value: Interpolated): string {
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * A template of markup in which every interpolated value is escaped unless it is itself
 * `SafeHtml`; arrays are joined; null, undefined and false render nothing.
 * @example html`<td>${report.registerNumber}</td>`
 */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): SafeHtml {
  let markup = strings[0] ?? '';
  values.forEach((value, index) => {
    markup += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(markup);
}

/** Marks markup that was made safe elsewhere (an SVG the QR library drew, for one). */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

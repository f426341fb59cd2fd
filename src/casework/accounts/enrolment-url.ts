/** Where the console serves the enrolment page; the token is the last path segment. */
export const enrolmentPath = '/console/enrol';

/**
 * The link an invitation is sent as. Example:
 * `enrolmentUrl('https://tinbao.example.gov.vn', 'abc')` → `'https://tinbao.example.gov.vn/console/enrol/abc'`.
 */
export function enrolmentUrl(base: string, token: string): string {
  return new URL(`${enrolmentPath}/${encodeURIComponent(token)}`, base).toString();
}

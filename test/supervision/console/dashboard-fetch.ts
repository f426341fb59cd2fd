import { sessionCookieName } from '../../../src/casework/console/console-http.ts';
import type { ConsoleClient } from '../../support/console-client.ts';

/** A console file as bytes (the client reads answers as text), with the client's session. */
export async function fetchFile(
  client: ConsoleClient,
  path: string,
): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const response = await fetch(new URL(path, client.baseUrl), {
    redirect: 'manual',
    headers: { cookie: `${sessionCookieName}=${client.cookie(sessionCookieName) ?? ''}` },
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

/** The numbers of a figure's row of the dashboard: its links' texts and the rate cell. */
export function figureRow(page: string, figure: string): { cells: string[]; links: string[] } {
  const row = new RegExp(`<tr data-figure="${figure}">([\\s\\S]*?)</tr>`).exec(page)?.[1] ?? '';
  const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) =>
    (m[1] ?? '').replace(/<[^>]+>/g, '').trim(),
  );
  const links = [...row.matchAll(/href="([^"]+)"/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'));
  return { cells, links };
}

/** The report ids a drill-down page lists. */
export function listedIds(page: string): string[] {
  return [...page.matchAll(/data-report="([^"]+)"/g)].map((m) => m[1] ?? '');
}

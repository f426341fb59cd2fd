import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ConsoleUser } from '../../casework/access/console-user.ts';
import type { OpenSession } from '../../casework/accounts/read-session.ts';
import { requestLanguage } from '../../casework/console/console-http.ts';
import { sendConsolePage, sendForbiddenPage } from '../../casework/console/console-layout.ts';
import { consoleSession } from '../../casework/console/console-session.ts';
import { consoleText } from '../../casework/console/console-text.ts';
import { html } from '../../platform/http/html.ts';
import type { Language } from '../../platform/vocabulary/language.ts';
import { type FigureScope, unitFigureScope } from '../figures/figure-scope.ts';
import type { DashboardDeps } from './dashboard-deps.ts';
import { type DashboardQuery, parseDashboardQuery } from './dashboard-query.ts';

/** A dashboard request that may go on: who asks, in which language, and the scope it reads. */
export interface DashboardRequest {
  session: OpenSession;
  user: ConsoleUser;
  language: Language;
  query: DashboardQuery;
  scope: FigureScope;
  now: Date;
}

/**
 * The checks every dashboard route makes, in order: a session (else the login page), the role
 * (supervisors and unit leads; 403 to the rest), the filters (400), the unit (one the user reads,
 * else 404, as for a unit that does not exist). A supervisor's scope is the unit's subtree; a unit
 * lead's is its unit alone, the reports it reads. Null once an answer is sent.
 */
export async function openDashboardRequest(
  deps: DashboardDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  path: string,
): Promise<DashboardRequest | null> {
  const session = await consoleSession(deps, request, reply);
  if (!session) return null;
  const { user } = session;
  const language = requestLanguage(request);
  const page = { language, user, csrf: session.csrfToken, demo: deps.demo, path };
  if ((user.role !== 'supervisor' && user.role !== 'unit_lead') || user.unitId === null) {
    await sendForbiddenPage(reply, page);
    return null;
  }
  const now = new Date();
  const query = parseDashboardQuery(request.query as Record<string, unknown>, user.unitId, now);
  const refuse = async (status: number, key: string) => {
    const title = consoleText(language, key);
    await sendConsolePage(reply, status, { ...page, title, body: html`<h1>${title}</h1>` });
    return null;
  };
  if (!query) return refuse(400, 'dashboard_invalid');
  if (!user.units.includes(query.unitId)) return refuse(404, 'dashboard_no_unit');
  const scope =
    user.role === 'supervisor'
      ? await unitFigureScope(deps.pool, query.unitId, query.period, query.filters)
      : { units: [query.unitId], ...query.period, ...query.filters };
  return { session, user, language, query, scope, now };
}

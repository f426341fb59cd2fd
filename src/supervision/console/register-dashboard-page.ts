import type { FastifyInstance } from 'fastify';
import { sendConsolePage } from '../../casework/console/console-layout.ts';
import { consoleText } from '../../casework/console/console-text.ts';
import { openDashboardRequest } from './dashboard-access.ts';
import type { DashboardDeps } from './dashboard-deps.ts';
import { dashboardSearch } from './dashboard-query.ts';
import { readDashboard, readUnitChoices } from './read-dashboard.ts';
import { renderDashboardBody } from './render-dashboard-page.ts';

/** GET /console/dashboard: the figures of a unit and period, for supervisors and unit leads. */
export function registerDashboardPage(scope: FastifyInstance, deps: DashboardDeps): void {
  scope.get('/console/dashboard', async (request, reply) => {
    const opened = await openDashboardRequest(deps, request, reply, '/console/dashboard');
    if (!opened) return reply;
    const { session, user, language, query } = opened;
    const dashboard = await readDashboard(deps.pool, opened.scope, query.unitId, deps.headline, opened.now);
    const units = await readUnitChoices(deps.pool, user.units);
    const title = consoleText(language, 'dashboard_heading');
    return sendConsolePage(reply, 200, {
      language,
      title,
      body: renderDashboardBody(language, query, dashboard, units),
      user,
      csrf: session.csrfToken,
      demo: deps.demo,
      path: `/console/dashboard?${dashboardSearch(query)}`,
    });
  });
}

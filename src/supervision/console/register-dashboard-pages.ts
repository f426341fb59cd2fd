import type { FastifyInstance } from 'fastify';
import type { DashboardDeps } from './dashboard-deps.ts';
import { registerDashboardExports } from './register-dashboard-exports.ts';
import { registerDashboardPage } from './register-dashboard-page.ts';
import { registerDashboardReports } from './register-dashboard-reports.ts';

/**
 * The supervisor dashboard under /console/dashboard: the page, the drill-down and the exports.
 * Supervision sits above casework, so the app (processes) registers it beside the console.
 */
export function registerDashboardPages(scope: FastifyInstance, deps: DashboardDeps): void {
  registerDashboardPage(scope, deps);
  registerDashboardReports(scope, deps);
  registerDashboardExports(scope, deps);
}

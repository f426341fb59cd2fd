import type { ConsoleDeps } from '../../casework/console/console-deps.ts';

/** Which resolution rate the dashboard leads with: the procuracy's strict one, or counting suspensions. */
export type HeadlineVariant = 'strict' | 'with_suspensions';

/** The console's deps, and the dashboard's one choice (strict when absent). */
export interface DashboardDeps extends ConsoleDeps {
  headline?: HeadlineVariant | undefined;
}

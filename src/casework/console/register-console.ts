import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { registerConsoleEvidence } from '../evidence/register-console-evidence.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { registerFormParser } from './console-http.ts';
import { registerConsoleAccounts } from './register-console-accounts.ts';
import { registerConsoleAlerts } from './register-console-alerts.ts';
import { registerConsoleCases } from './register-console-cases.ts';
import { registerConsoleEnrolment } from './register-console-enrolment.ts';
import { registerConsoleLogin } from './register-console-login.ts';
import { registerConsoleNoticeLog } from './register-console-notice-log.ts';
import { registerConsoleSessions } from './register-console-sessions.ts';
import { registerConsoleTelegram } from './register-console-telegram.ts';

const styleSheet = readFileSync(new URL('./assets/console.css', import.meta.url), 'utf8');

/**
 * The officer console under /console: server-rendered pages in Vietnamese and English with no
 * script, one same-origin style sheet, a session cookie and a form token on every form.
 */
export function registerConsole(server: FastifyInstance, deps: ConsoleDeps): void {
  // Loaded with the server (at ready or listen), like every plugin registered without await.
  void server.register(async (scope) => {
    registerFormParser(scope);
    scope.get('/console/assets/console.css', async (_request, reply) =>
      reply
        .headers({
          'content-type': 'text/css; charset=utf-8',
          'x-content-type-options': 'nosniff',
          'cross-origin-resource-policy': 'same-origin',
          'cache-control': 'public, max-age=300',
        })
        .send(styleSheet),
    );
    registerConsoleLogin(scope, deps);
    registerConsoleCases(scope, deps);
    registerConsoleNoticeLog(scope, deps);
    registerConsoleSessions(scope, deps);
    registerConsoleTelegram(scope, deps);
    registerConsoleAlerts(scope, deps);
    registerConsoleEnrolment(scope, deps);
    registerConsoleAccounts(scope, deps);
    registerConsoleEvidence(scope, deps);
  });
}

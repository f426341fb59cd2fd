import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OpenSession } from '../../casework/accounts/read-session.ts';
import type { ConsoleDeps } from '../../casework/console/console-deps.ts';
import { requestLanguage } from '../../casework/console/console-http.ts';
import { sendForbiddenPage } from '../../casework/console/console-layout.ts';
import { consoleSession } from '../../casework/console/console-session.ts';
import { consoleText } from '../../casework/console/console-text.ts';
import type { Language } from '../../platform/vocabulary/language.ts';

export type Text = (key: string, params?: Record<string, string | number>) => string;

/**
 * A request of the supervision pages (the ledger, the closed periods): a session (else the login
 * page) of a supervisor or unit lead (else 403), with its language and console texts. Null once an
 * answer is sent.
 */
export async function supervisionReader(
  deps: ConsoleDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<{ session: OpenSession; language: Language; t: Text } | null> {
  const session = await consoleSession(deps, request, reply);
  if (!session) return null;
  const language = requestLanguage(request);
  const t: Text = (key, params) => consoleText(language, key, params);
  if (session.user.role !== 'supervisor' && session.user.role !== 'unit_lead') {
    await sendForbiddenPage(reply, {
      language,
      user: session.user,
      csrf: session.csrfToken,
      demo: deps.demo,
    });
    return null;
  }
  return { session, language, t };
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { type OpenSession, readSession } from '../accounts/read-session.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { formOf, readCookie, requestLanguage, sessionCookieName, tokensMatch } from './console-http.ts';
import { consoleText } from './console-text.ts';

/**
 * The session of a console request, or null after sending the browser to the login page (a lapsed
 * or unknown session). For a POST the form's token must match the session's, or nothing is done
 * (403): every form carries `_csrf`.
 */
export async function consoleSession(
  deps: ConsoleDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<OpenSession | null> {
  const found = await readSession(deps.accounts, readCookie(request, sessionCookieName));
  if ('refused' in found) {
    const ended = found.refused !== 'unknown';
    await reply.redirect(`/console/login${ended ? '?ended=1' : ''}`, 303);
    return null;
  }
  if (request.method === 'POST' && !tokensMatch(found.ok.csrfToken, formOf(request)._csrf)) {
    await reply
      .code(403)
      .type('text/plain; charset=utf-8')
      .send(consoleText(requestLanguage(request), 'csrf_failed'));
    return null;
  }
  return found.ok;
}

import type { FastifyInstance } from 'fastify';
import { html } from '../../platform/http/html.ts';
import type { ConsoleDeps } from '../console/console-deps.ts';
import { consoleHeaders, requestLanguage } from '../console/console-http.ts';
import { renderConsolePage } from '../console/console-layout.ts';
import { consoleSession } from '../console/console-session.ts';
import { consoleText } from '../console/console-text.ts';
import { evidenceContentType } from './evidence-content-type.ts';
import { readEvidenceLink } from './evidence-link.ts';
import { readStoredEvidence } from './read-stored-evidence.ts';

/**
 * `GET /console/evidence/<token>`: the kept file of an attachment, for the session the report
 * page made the link for, within its five minutes, if the report is in the user's units; every
 * other case is the console's 404 page. The file is served so that it can do nothing but be
 * looked at: its own type only when the bytes agree, no sniffing, no script, no caching, not
 * embeddable by other sites.
 */
export function registerConsoleEvidence(scope: FastifyInstance, deps: ConsoleDeps): void {
  scope.get<{ Params: { token: string } }>('/console/evidence/:token', async (request, reply) => {
    const session = await consoleSession(deps, request, reply);
    if (!session) return reply;
    const link = readEvidenceLink(request.params.token, session.user.sessionId, deps.accounts.clock());
    const evidence =
      link && (await readStoredEvidence(deps.pool, deps.cipher, session.user, link.attachmentId));
    if (!evidence) {
      const language = requestLanguage(request);
      const title = consoleText(language, 'not_found');
      return consoleHeaders(reply)
        .code(404)
        .type('text/html; charset=utf-8')
        .send(
          renderConsolePage({
            language,
            title,
            body: html`<h1>${title}</h1>`,
            user: session.user,
            csrf: session.csrfToken,
            demo: deps.demo,
            path: '/console',
          }),
        );
    }
    const { type, inline } = evidenceContentType(evidence.mimeType, evidence.body);
    deps.logger.debug(
      {
        attachmentId: evidence.attachmentId,
        reportId: evidence.reportId,
        mediaFileId: evidence.mediaFileId,
        bytes: evidence.body.length,
        inline,
      },
      'evidence served',
    );
    return reply
      .code(200)
      .headers({
        'content-type': type,
        'content-disposition': inline ? 'inline' : `attachment; filename="evidence-${evidence.attachmentId}"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; sandbox",
        'cross-origin-resource-policy': 'same-origin',
        'referrer-policy': 'no-referrer',
      })
      .send(evidence.body);
  });
}

import type { FastifyInstance } from 'fastify';
import { authenticate } from '../accounts/authenticate.ts';
import { createSession } from '../accounts/create-session.ts';
import { endSession } from '../accounts/end-session.ts';
import type { ConsoleDeps } from '../console/console-deps.ts';
import { decodeQueueCursor, encodeQueueCursor, parseQueueQuery } from '../console/queue-query.ts';
import { refusalStatus } from '../console/register-console-cases.ts';
import { recordVksNotice } from '../notices/record-vks-notice.ts';
import { addCaseNote } from '../reports/add-case-note.ts';
import { applyCaseAction } from '../reports/apply-case-action.ts';
import { askReporterQuestion } from '../reports/ask-reporter-question.ts';
import { readCase } from '../reports/read-case.ts';
import { readUnitQueue } from '../reports/read-unit-queue.ts';
import { allowedActions } from '../status/allowed-actions.ts';
import { actionBody, loginBody, noteBody, questionBody } from './api-schemas.ts';
import { apiHeaders, apiSession } from './api-session.ts';
import { openApiDocument } from './openapi-document.ts';

const pageSize = 50;

/**
 * The JSON API for other police systems, under /api/v1: the same reads, the same one write path
 * and the same scoping as the console, with a Bearer session token from POST /api/v1/sessions
 * (password and TOTP code, throttled alike). Described at /api/openapi.json.
 */
export function registerApi(server: FastifyInstance, deps: ConsoleDeps): void {
  const document = openApiDocument();
  server.get('/api/openapi.json', async (_request, reply) => apiHeaders(reply).send(document));

  server.post('/api/v1/sessions', async (request, reply) => {
    const body = loginBody.safeParse(request.body);
    if (!body.success) return apiHeaders(reply).code(400).send({ error: 'invalid_body' });
    const result = await authenticate(deps.accounts, { ...body.data, address: request.ip });
    if ('refused' in result) {
      if (result.refused === 'throttled')
        return apiHeaders(reply)
          .code(429)
          .header('retry-after', String(result.retryAfterSeconds))
          .send({ error: 'throttled' });
      return apiHeaders(reply).code(401).send({ error: result.refused });
    }
    const session = await createSession(deps.accounts, result.ok.id, {
      address: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    });
    return apiHeaders(reply)
      .code(201)
      .send({ token: session.token, expiresAt: session.expiresAt.toISOString() });
  });

  server.delete('/api/v1/sessions/current', async (request, reply) => {
    const session = await apiSession(deps, request, reply);
    if (!session) return reply;
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    await endSession(deps.accounts, token, request.ip);
    return apiHeaders(reply).code(204).send();
  });

  server.get('/api/v1/reports', async (request, reply) => {
    const session = await apiSession(deps, request, reply);
    if (!session) return reply;
    const { filter, cursor } = parseQueueQuery(request.query);
    const query = request.query as { after?: unknown };
    if (typeof query.after === 'string' && !decodeQueueCursor(query.after))
      return apiHeaders(reply).code(400).send({ error: 'invalid_cursor' });
    const page = await readUnitQueue(
      deps.pool,
      session.user.units,
      filter,
      cursor,
      pageSize,
      deps.cases.clock(),
    );
    return apiHeaders(reply).send({
      items: page.rows,
      next: page.next ? encodeQueueCursor(page.next) : null,
    });
  });

  server.get<{ Params: { id: string } }>('/api/v1/reports/:id', async (request, reply) => {
    const session = await apiSession(deps, request, reply);
    if (!session) return reply;
    const report = await readCase(deps.pool, session.user, request.params.id);
    if (!report) return apiHeaders(reply).code(404).send({ error: 'not_found' });
    const actor = { officerId: session.user.officerId, role: session.user.role, unitId: session.user.unitId };
    // Evidence links are the console's (bound to its cookie session): not offered to API clients.
    const { snapshot: _snapshot, attachments, ...view } = report;
    const files = attachments.map(({ link: _link, ...file }) => file);
    return apiHeaders(reply).send({
      ...view,
      attachments: files,
      allowedActions: allowedActions(report.snapshot, actor),
    });
  });

  server.post<{ Params: { id: string } }>('/api/v1/reports/:id/actions', async (request, reply) => {
    const session = await apiSession(deps, request, reply);
    if (!session) return reply;
    const body = actionBody.safeParse(request.body);
    if (!body.success) {
      const issues = body.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      }));
      return apiHeaders(reply).code(400).send({ error: 'invalid_body', issues });
    }
    const result = await applyCaseAction(
      deps.cases,
      session.user,
      request.params.id,
      body.data.version,
      body.data.action,
    );
    if ('applied' in result)
      return apiHeaders(reply).send({
        eventId: result.applied.eventId,
        status: result.applied.toStatus,
        version: result.applied.version,
      });
    return apiHeaders(reply)
      .code(refusalStatus(result))
      .send({ error: result.refused, ...(result.issues ? { issues: result.issues } : {}) });
  });

  server.post<{ Params: { id: string } }>('/api/v1/reports/:id/notes', async (request, reply) => {
    const session = await apiSession(deps, request, reply);
    if (!session) return reply;
    const body = noteBody.safeParse(request.body);
    if (!body.success) return apiHeaders(reply).code(400).send({ error: 'invalid_body' });
    const outcome = await addCaseNote(deps.pool, session.user, request.params.id, body.data.text);
    const status = { added: 201, not_found: 404, forbidden: 403, invalid: 422 }[outcome];
    return apiHeaders(reply)
      .code(status)
      .send(outcome === 'added' ? { ok: true } : { error: outcome });
  });

  server.post<{ Params: { id: string } }>('/api/v1/reports/:id/questions', async (request, reply) => {
    const session = await apiSession(deps, request, reply);
    if (!session) return reply;
    const body = questionBody.safeParse(request.body);
    if (!body.success) return apiHeaders(reply).code(400).send({ error: 'invalid_body' });
    const result = await askReporterQuestion(
      { pool: deps.pool, cipher: deps.cipher, now: deps.cases.clock() },
      session.user,
      request.params.id,
      body.data.text,
    );
    if ('asked' in result) return apiHeaders(reply).code(201).send(result.asked);
    const status = { not_found: 404, forbidden: 403, invalid: 422 }[result.refused];
    return apiHeaders(reply).code(status).send({ error: result.refused });
  });

  server.post<{ Params: { id: string } }>('/api/v1/reports/:id/vks-notices', async (request, reply) => {
    const session = await apiSession(deps, request, reply);
    if (!session) return reply;
    const result = await recordVksNotice(
      deps.pool,
      session.user,
      request.params.id,
      request.body,
      deps.cases.clock(),
    );
    if ('recorded' in result) return apiHeaders(reply).code(201).send(result.recorded);
    const status = { not_found: 404, forbidden: 403, invalid: 422 }[result.refused];
    return apiHeaders(reply)
      .code(status)
      .send({ error: result.refused, ...(result.issues ? { issues: result.issues } : {}) });
  });
}

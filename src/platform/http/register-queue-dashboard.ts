import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { createLoginThrottle, type LoginThrottleOptions } from './login-throttle.ts';
import { secretMatcher } from './secret-matcher.ts';

export const queueDashboardPath = '/admin/queues';

export interface QueueDashboardOptions {
  queues: readonly Queue[];
  /** ADMIN_USER and ADMIN_PASSWORD; without both the dashboard is not mounted at all. */
  user: string | undefined;
  password: string | undefined;
  logger: Logger;
  throttle?: Partial<LoginThrottleOptions>;
}

const realm = 'Basic realm="Tin Bao admin", charset="UTF-8"';

/**
 * The BullMQ dashboard (bull-board) at `/admin/queues`, behind HTTP Basic auth with the admin
 * credential from configuration. Ten failures from one address in ten minutes lock it out for ten
 * minutes (in memory, per process). Job data is ids only by design, so the board shows no personal
 * data. Returns whether it was mounted.
 */
export function registerQueueDashboard(server: FastifyInstance, options: QueueDashboardOptions): boolean {
  const { user, password, logger } = options;
  if (!user || !password) {
    logger.info(
      { missing: [user ? null : 'ADMIN_USER', password ? null : 'ADMIN_PASSWORD'].filter(Boolean) },
      `queue dashboard not mounted: ${queueDashboardPath} needs ADMIN_USER and ADMIN_PASSWORD`,
    );
    return false;
  }
  const throttle = createLoginThrottle({
    maxFailures: 10,
    windowMs: 10 * 60_000,
    lockMs: 10 * 60_000,
    maxClients: 10_000,
    ...options.throttle,
  });

  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(queueDashboardPath);
  createBullBoard({
    queues: options.queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Tin Báo queues', hideDocsLink: true } },
  });

  const matchesUser = secretMatcher(user);
  const matchesPassword = secretMatcher(password);
  const authenticate = async (request: FastifyRequest, reply: FastifyReply) => {
    const client = request.ip;
    const waitMs = throttle.lockedFor(client);
    if (waitMs > 0) {
      return reply
        .code(429)
        .header('retry-after', String(Math.ceil(waitMs / 1000)))
        .send({ error: 'too_many_attempts' });
    }
    const presented = readBasicCredentials(request.headers.authorization);
    if (presented) {
      // Both compared whatever the first gives, so timing does not tell which one was wrong.
      const userOk = matchesUser(presented.user);
      const passwordOk = matchesPassword(presented.password);
      if (userOk && passwordOk) {
        throttle.succeeded(client);
        return;
      }
      if (throttle.failed(client)) logger.warn({ ip: client }, 'queue dashboard login locked out');
    }
    return reply.code(401).header('www-authenticate', realm).send({ error: 'unauthenticated' });
  };

  void server.register(
    async (scope) => {
      scope.addHook('onRequest', authenticate);
      scope.addHook('onSend', async (_request, reply, payload) =>
        typeof payload === 'string' && String(reply.getHeader('content-type')).startsWith('text/html')
          ? withoutExternalStylesheets(payload)
          : payload,
      );
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: queueDashboardPath },
  );
  logger.info({ path: queueDashboardPath }, 'queue dashboard mounted');
  return true;
}

/**
 * bull-board's page links its fonts from Google: on an air-gapped police network the link only
 * delays the page, and elsewhere it tells a third party who opens the board. The system's
 * sans-serif is used instead.
 */
function withoutExternalStylesheets(html: string): string {
  return html.replace(/<link[^>]*href="https?:\/\/[^"]*"[^>]*>\s*/g, '');
}

/** `Authorization: Basic base64(user:password)`; null when absent or malformed. */
function readBasicCredentials(header: string | undefined): { user: string; password: string } | null {
  const match = header?.match(/^Basic[ ]+([A-Za-z0-9+/]+={0,2})[ ]*$/i);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import { secretMatcher } from './secret-matcher.ts';

export interface MetricsRouteOptions {
  registry: Registry;
  /** METRICS_TOKEN: when set, a scrape must send `Authorization: Bearer <token>`. */
  token: string | undefined;
  /**
   * Without a token: `closed` mounts no route (404, the web listener, which faces the internet);
   * `open` serves anyone who reaches the listener (the worker's, bound to 127.0.0.1 by default).
   */
  withoutToken: 'closed' | 'open';
}

/**
 * `GET /metrics` (Prometheus text), behind a bearer token compared in constant time when one is
 * configured. A missing or wrong token gets the same 401, so the answer tells nothing about it.
 * Example: `registerMetricsRoute(server, { registry, token: config.METRICS_TOKEN, withoutToken: 'closed' })`.
 */
export function registerMetricsRoute(server: FastifyInstance, options: MetricsRouteOptions): void {
  const { registry, token } = options;
  if (!token && options.withoutToken === 'closed') return;
  const matches = token ? secretMatcher(token) : null;
  const authenticate = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!matches) return;
    const presented = /^Bearer[ ]+(\S+)[ ]*$/i.exec(request.headers.authorization ?? '')?.[1];
    if (presented !== undefined && matches(presented)) return;
    return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthenticated' });
  };
  server.get('/metrics', { onRequest: authenticate }, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
}

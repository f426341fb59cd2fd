import type { FastifyReply, FastifyRequest } from 'fastify';
import { type OpenSession, readSession } from '../accounts/read-session.ts';
import type { ConsoleDeps } from '../console/console-deps.ts';

/**
 * The session of an API call, from `Authorization: Bearer <token>` only (never the console's
 * cookie, so another site cannot make a browser call the API), or null after answering 401.
 */
export async function apiSession(
  deps: ConsoleDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<OpenSession | null> {
  const header = request.headers.authorization ?? '';
  const token = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(header)?.[1];
  const found = await readSession(deps.accounts, token);
  if ('refused' in found) {
    await apiHeaders(reply).code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthenticated' });
    return null;
  }
  return found.ok;
}

/** JSON answers hold case content: never cached, never sniffed, never framed. */
export function apiHeaders(reply: FastifyReply): FastifyReply {
  return reply.headers({
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'referrer-policy': 'no-referrer',
  });
}

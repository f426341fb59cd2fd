import type { AccountsContext } from './accounts-context.ts';
import { randomToken, tokenHash } from './random-token.ts';
import { sessionHandle } from './session-handle.ts';

export interface NewSession {
  /** For the cookie, given out this once: only its SHA-256 is stored (the row's id). */
  token: string;
  csrfToken: string;
  handle: string;
  expiresAt: Date;
}

const longestUserAgent = 300;

/**
 * Opens a console session for an officer who just authenticated: always a new token (a session
 * id known before login is never carried over), valid until idle for the idle limit and at most
 * the absolute limit after now.
 * @example const session = await createSession(accounts, result.ok.id, { address: request.ip, userAgent })
 */
export async function createSession(
  ctx: AccountsContext,
  officerId: string,
  client: { address?: string | null; userAgent?: string | null },
): Promise<NewSession> {
  const token = randomToken();
  const id = tokenHash(token);
  const csrfToken = randomToken();
  const now = ctx.clock();
  const expiresAt = new Date(now.getTime() + ctx.sessions.absoluteSeconds * 1000);
  await ctx.pool.query({
    name: 'accounts-create-session',
    text: `INSERT INTO officer_session
             (id, officer_id, csrf_token, created_at, last_seen_at, expires_at, address, user_agent)
           VALUES ($1, $2, $3, $4, $4, $5, $6, $7)`,
    values: [
      id,
      officerId,
      csrfToken,
      now,
      expiresAt,
      client.address ?? null,
      client.userAgent?.slice(0, longestUserAgent) ?? null,
    ],
  });
  return { token, csrfToken, handle: sessionHandle(id), expiresAt };
}

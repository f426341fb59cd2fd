import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { ZodError } from 'zod';
import type { Database } from '../../../platform/database/create-database-client.ts';
import { isTransientDatabaseError } from '../../../platform/database/is-transient-database-error.ts';
import type { IdentityProtection } from '../../../platform/identity/identity-protection.ts';
import { normalizeText } from '../../../platform/text/normalize-text.ts';
import type { RecordResult, WebhookIntake } from '../webhook-intake.ts';
import { acknowledgeWebChatReplies } from './acknowledge-web-chat-replies.ts';
import { readWebChatReplies, type WebChatReplies } from './read-web-chat-replies.ts';
import { webChatAdapter } from './web-chat-adapter.ts';
import { fetchRepliesSchema, postMessageSchema } from './web-chat-api-schemas.ts';
import { buildWebChatEnvelope } from './web-chat-envelope.ts';
import { WebChatError } from './web-chat-error.ts';
import { WEB_CHAT_MAX_TEXT_LENGTH, type WebChatMessage } from './web-chat-message.ts';
import type { WebChatSessionTokens } from './web-chat-session-token.ts';
import { requestLanguage } from './web-chat-texts.ts';
import { createWindowRateLimiter, type WindowRateLimiter } from './window-rate-limiter.ts';

export interface WebChatApiLimits {
  sessionMessagesPerMinute: number;
  addressMessagesPerMinute: number;
  addressSessionsPerHour: number;
}

export interface WebChatApiOptions {
  db: Database;
  protection: IdentityProtection;
  tokens: WebChatSessionTokens;
  logger: Logger;
  limits: WebChatApiLimits;
  /** Aborted when the channel stops: waiting reply requests answer at once. */
  stopping: AbortSignal;
  /** How often a waiting reply request looks again; 250 ms by default. */
  pollIntervalMs?: number;
}

/** A message is a few kilobytes at most (5,000 characters, escaped); anything bigger is refused. */
const messageBodyLimit = 64 * 1024;
const smallBodyLimit = 1024;
/** Reply requests are cheap but frequent: generous fixed limits, only against a runaway client. */
const sessionFetchesPerMinute = 240;
const addressFetchesPerMinute = 3000;

declare module 'fastify' {
  interface FastifyRequest {
    /** The web chat's chat id of an authenticated API request. Confidential: never logged. */
    webChatId?: string;
  }
}

/**
 * The web chat's JSON API under `/chat/api`. A message answers 2xx only once its inbound event is
 * committed (a repeated client message id is a duplicate: 200, one effect); replies are read from
 * the chat's outbound messages and acknowledged by cursor. Requests are authenticated by the
 * session token (`Authorization: Bearer …`) and rate-limited per session and per client address
 * before their body is read; bad input is refused with a localised message and nothing is stored.
 */
export function registerWebChatApi(
  server: FastifyInstance,
  intake: WebhookIntake,
  options: WebChatApiOptions,
): void {
  const { db, protection, tokens, logger, limits } = options;
  const minute = 60_000;
  const limiters = {
    sessionStarts: createWindowRateLimiter({ limit: limits.addressSessionsPerHour, windowMs: 60 * minute }),
    sessionMessages: createWindowRateLimiter({ limit: limits.sessionMessagesPerMinute, windowMs: minute }),
    addressMessages: createWindowRateLimiter({ limit: limits.addressMessagesPerMinute, windowMs: minute }),
    sessionFetches: createWindowRateLimiter({ limit: sessionFetchesPerMinute, windowMs: minute }),
    addressFetches: createWindowRateLimiter({ limit: addressFetchesPerMinute, windowMs: minute }),
  };
  const pollIntervalMs = options.pollIntervalMs ?? 250;

  void server.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      reply.header('x-content-type-options', 'nosniff');
    });
    scope.setErrorHandler((error, request, reply) => {
      const refused = asWebChatError(error);
      if (refused.code === 'unavailable') {
        logger.error(
          {
            err: error instanceof Error ? error.name : 'unknown',
            transient: isTransientDatabaseError(error),
          },
          'web chat request failed',
        );
      }
      if (refused.code === 'rate_limited' || refused.code === 'unavailable') {
        reply.header('retry-after', String(refused.params.seconds ?? 5));
      }
      return reply
        .code(refused.status)
        .send(refused.body(requestLanguage(request.headers['accept-language'])));
    });

    scope.post('/chat/api/session', { bodyLimit: smallBodyLimit }, async (request, reply) => {
      limit(limiters.sessionStarts, request.ip);
      return reply.code(201).send({ token: tokens.issue() });
    });

    scope.post(
      '/chat/api/messages',
      {
        bodyLimit: messageBodyLimit,
        onRequest: async (request) => {
          authenticate(request, tokens);
          limit(limiters.addressMessages, request.ip);
          limit(limiters.sessionMessages, request.webChatId ?? '');
        },
      },
      async (request, reply) => {
        const chatId = request.webChatId ?? '';
        const body = parseBody(postMessageSchema, request.body);
        const message = cleanMessage(body.message);
        const envelope = buildWebChatEnvelope(chatId, body.clientMessageId, message, body.language);
        const result: RecordResult = await intake.record(
          webChatAdapter,
          Buffer.from(JSON.stringify(envelope)),
        );
        intake.recorded(result);
        return reply.code(200).send({ accepted: true, duplicate: result.kind === 'duplicate' });
      },
    );

    scope.post(
      '/chat/api/replies',
      {
        bodyLimit: smallBodyLimit,
        onRequest: async (request) => {
          authenticate(request, tokens);
          limit(limiters.addressFetches, request.ip);
          limit(limiters.sessionFetches, request.webChatId ?? '');
        },
      },
      async (request, reply) => {
        const body = parseBody(fetchRepliesSchema, request.body);
        const chatKey = protection.hasher.hash('web', request.webChatId ?? '');
        const after = BigInt(body.after);
        await acknowledgeWebChatReplies(db, chatKey, after);
        const result = await waitForReplies(reply, body.waitSeconds, () =>
          readWebChatReplies(db, protection.cipher, logger, chatKey, after),
        );
        const cursor = result.replies.at(-1)?.id ?? body.after;
        return reply.code(200).send({ ...result, cursor });
      },
    );
  });

  /** Reads until there are replies, nothing is being answered, the wait is over or the client left. */
  async function waitForReplies(
    reply: FastifyReply,
    waitSeconds: number,
    read: () => Promise<WebChatReplies>,
  ): Promise<WebChatReplies> {
    const left = new AbortController();
    const onClose = () => left.abort();
    reply.raw.once('close', onClose);
    const signal = AbortSignal.any([left.signal, options.stopping]);
    const deadline = Date.now() + waitSeconds * 1000;
    try {
      for (;;) {
        const result = await read();
        if (result.replies.length > 0 || !result.busy || Date.now() >= deadline || signal.aborted)
          return result;
        await sleep(pollIntervalMs, undefined, { signal }).catch(() => undefined);
      }
    } finally {
      reply.raw.off('close', onClose);
    }
  }
}

function authenticate(request: FastifyRequest, tokens: WebChatSessionTokens): void {
  const header = request.headers.authorization;
  const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  const chatId = token === '' ? null : tokens.chatIdOf(token);
  if (!chatId) throw new WebChatError('session');
  request.webChatId = chatId;
}

function limit(limiter: WindowRateLimiter, key: string): void {
  const verdict = limiter.take(key);
  if (!verdict.allowed) throw new WebChatError('rate_limited', { seconds: verdict.retryAfterSeconds });
}

function parseBody<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: ZodError } },
  body: unknown,
): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  if (parsed.error.issues.some((issue) => issue.message === 'too_long')) {
    throw new WebChatError('too_long', { max: WEB_CHAT_MAX_TEXT_LENGTH });
  }
  throw new WebChatError('invalid');
}

/** Text is stored as the engine will read it: NFC, no control or bidi characters, trimmed. */
function cleanMessage(message: WebChatMessage): WebChatMessage {
  if (message.type !== 'text') return message;
  const text = normalizeText(message.text);
  if (text === '') throw new WebChatError('empty');
  return { type: 'text', text };
}

/** Maps whatever a route threw to what the page is told; database and unknown errors are 503. */
function asWebChatError(error: unknown): WebChatError {
  if (error instanceof WebChatError) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (status === 413) return new WebChatError('too_large');
  if (status === 415) return new WebChatError('unsupported_media_type');
  if (status === 404) return new WebChatError('not_found');
  if (typeof status === 'number' && status >= 400 && status < 500) return new WebChatError('invalid');
  return new WebChatError('unavailable', { seconds: 5 });
}

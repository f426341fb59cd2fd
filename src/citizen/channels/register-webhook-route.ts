import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isTransientDatabaseError } from '../../platform/database/is-transient-database-error.ts';
import type { ChannelAdapter } from './channel-adapter.ts';
import type { RecordResult, WebhookIntake } from './webhook-intake.ts';

export interface WebhookRoute {
  path: string;
  adapter: ChannelAdapter;
  /** Checks the platform's credential before the body is read: 'missing' → 401, 'wrong' → 403. */
  authenticate(request: FastifyRequest): 'ok' | 'missing' | 'wrong';
  /** Largest body accepted; larger ones get 413 without being read to the end. */
  bodyLimitBytes: number;
  /**
   * For platforms that sign the body (Zalo): checked on the raw bytes before anything is stored;
   * false → 403 and nothing is written.
   */
  verifyBody?(request: FastifyRequest, raw: Buffer): boolean;
}

/**
 * A platform webhook whose 2xx means "committed": the raw body is stored before the answer, a
 * redelivered update is answered 200 without a second effect, and a database failure answers 503
 * so the platform delivers again. Unauthenticated requests never reach the database. The 200 may
 * carry a platform call (a Telegram button press is answered this way).
 */
export function registerWebhookRoute(app: FastifyInstance, route: WebhookRoute, intake: WebhookIntake): void {
  void app.register(async (scope) => {
    // The raw bytes are what is stored and authenticated; JSON is read by the intake.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: route.bodyLimitBytes },
      (_req, body, done) => done(null, body),
    );
    scope.addHook('onRequest', async (request, reply) => {
      const verdict = route.authenticate(request);
      if (verdict === 'missing') return reply.code(401).send({ error: 'unauthenticated' });
      if (verdict === 'wrong') return reply.code(403).send({ error: 'forbidden' });
    });
    scope.post(route.path, { bodyLimit: route.bodyLimitBytes }, async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if (route.verifyBody && !route.verifyBody(request, raw)) {
        return reply.code(403).send({ error: 'forbidden' });
      }
      let result: RecordResult;
      try {
        result = await intake.record(route.adapter, raw);
      } catch (error) {
        const transient = isTransientDatabaseError(error);
        intake.logger.error(
          { channel: route.adapter.channel, err: error instanceof Error ? error.name : 'unknown', transient },
          'inbound event not committed: answered 503 for redelivery',
        );
        return reply.code(503).header('retry-after', '5').send({ error: 'unavailable' });
      }
      intake.recorded(result);
      return reply.code(200).send(result.webhookAnswer ?? { ok: true });
    });
  });
}

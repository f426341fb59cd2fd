import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createIdentityProtection } from '../../../src/platform/identity/identity-protection.ts';
import { deliverUpdate } from '../../fakes/deliver-telegram-update.ts';
import { eventually } from '../../support/eventually.ts';
import { Chat, newCitizen } from '../../support/telegram-harness.ts';
import { useTelegramHarness } from '../../support/use-telegram-harness.ts';

const keys = { encryptionKey: randomBytes(32), hashKey: randomBytes(32) };
const protection = createIdentityProtection(keys);

const harness = useTelegramHarness({
  IDENTITY_ENCRYPTION_KEY: keys.encryptionKey.toString('base64'),
  IDENTITY_HASH_KEY: keys.hashKey.toString('base64'),
});

interface Answer {
  /** 0 when no answer came within `waitMs`. */
  status: number;
  /** Milliseconds from sending the headers to the response headers. */
  ms: number;
}

/**
 * POSTs raw bytes. With `sendBytes` only that many bytes of the body are written and the request
 * is left open: an answer can then only come from a server that did not wait for the body.
 */
function post(
  url: string,
  body: Buffer,
  options: { secret?: string; sendBytes?: number; chunked?: boolean; waitMs?: number } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.secret !== undefined) headers['x-telegram-bot-api-secret-token'] = options.secret;
  if (!options.chunked) headers['content-length'] = String(body.length);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      const answer = { status: res.statusCode ?? 0, ms: Date.now() - started };
      res.resume();
      res.on('end', () => {
        req.destroy();
        resolve(answer);
      });
      res.on('error', () => resolve(answer));
    });
    // The server may answer and close while the body is still being written.
    req.on('error', (error) => setTimeout(() => reject(error), 1000));
    setTimeout(() => {
      req.destroy();
      resolve({ status: 0, ms: Date.now() - started });
    }, options.waitMs ?? 5000).unref();
    if (options.sendBytes === undefined) req.end(body);
    else req.write(body.subarray(0, options.sendBytes));
  });
}

async function eventRows(platformKey: string) {
  return harness.app.db.inboundEvent.findMany({
    where: { platformKey },
    select: { outcome: true, outcomeDetail: true, chatKey: true },
  });
}

/** A syntactically valid update of `bytes` size, so only its size can be the reason to refuse it. */
function hugeUpdate(updateId: number, bytes: number): Buffer {
  const citizen = newCitizen();
  const update = citizen.text('x');
  update.update_id = updateId;
  const json = JSON.stringify(update);
  return Buffer.from(json.replace('"text":"x"', `"text":"${'x'.repeat(bytes - json.length + 1)}"`));
}

function freshUpdateId(): number {
  return 1 + Math.floor(Math.random() * 2_000_000_000);
}

describe('health endpoints', () => {
  it('answers /healthz 200 and /readyz 200 with database, migrations and redis up', async () => {
    const base = harness.webhookUrl.replace('/webhooks/telegram', '');
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    await health.arrayBuffer();
    // The Redis check allows 1 s: on a loaded machine the first probe may miss it.
    const ready = await eventually(
      async () => {
        const response = await fetch(`${base}/readyz`);
        return { status: response.status, body: (await response.json()) as unknown };
      },
      (answer) => answer.status === 200,
    );
    expect(ready.body).toEqual({ ready: true, checks: { database: true, migrations: true, redis: true } });
  });
});

describe('webhook authentication (B2)', () => {
  it('answers 401 without the secret and 403 with a wrong one, and stores nothing', async () => {
    const citizen = newCitizen();
    const missing = citizen.start();
    const wrong = citizen.start();
    expect(await deliverUpdate(harness.webhookUrl, missing)).toBe(401);
    expect(await deliverUpdate(harness.webhookUrl, missing, '')).toBe(401);
    expect(await deliverUpdate(harness.webhookUrl, wrong, `${harness.secret}x`)).toBe(403);
    expect(await deliverUpdate(harness.webhookUrl, wrong, 'a_wrong_secret_of_enough_length')).toBe(403);

    expect(await eventRows(String(missing.update_id))).toEqual([]);
    expect(await eventRows(String(wrong.update_id))).toEqual([]);
    expect(harness.fake.sentMessages(citizen.user.id)).toEqual([]);
  });

  it('refuses a wrong secret before reading the body: 403 while a 10 MB upload has barely begun', async () => {
    const updateId = freshUpdateId();
    const body = hugeUpdate(updateId, 10 * 1024 * 1024);
    const answer = await post(harness.webhookUrl, body, {
      secret: 'a_wrong_secret_of_enough_length',
      sendBytes: 64 * 1024,
    });
    expect(answer.status).toBe(403);
    expect(answer.ms).toBeLessThan(1000);
    const unauthenticated = await post(harness.webhookUrl, body, { sendBytes: 64 * 1024 });
    expect(unauthenticated.status).toBe(401);
    expect(await eventRows(String(updateId))).toEqual([]);
    // Control: with the right secret the server does wait for the rest of an acceptable body.
    const acceptable = hugeUpdate(freshUpdateId(), 128 * 1024);
    const waiting = await post(harness.webhookUrl, acceptable, {
      secret: harness.secret,
      sendBytes: 64 * 1024,
      waitMs: 700,
    });
    expect(waiting.status).toBe(0);
  });
});

describe('malformed but authenticated input (B3, F8)', () => {
  it('stores a body that is not JSON as quarantined and answers 200', async () => {
    const body = Buffer.from(`{"update_id": ${freshUpdateId()}, "message": {"text": "unterminated`);
    expect((await post(harness.webhookUrl, body, { secret: harness.secret })).status).toBe(200);
    const key = `sha256:${createHash('sha256').update(body).digest('hex')}`;
    const rows = await eventRows(key);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.outcome).toBe('quarantined');
    expect(rows[0]?.outcomeDetail).toMatch(/unreadable payload/);
    // Redelivered bytes are recognised, not stored twice.
    expect((await post(harness.webhookUrl, body, { secret: harness.secret })).status).toBe(200);
    expect(await eventRows(key)).toHaveLength(1);
  });

  it('answers 413 to a 10 MB body and stores nothing', async () => {
    const updateId = freshUpdateId();
    const body = hugeUpdate(updateId, 10 * 1024 * 1024);
    const announced = await post(harness.webhookUrl, body, { secret: harness.secret });
    expect(announced.status).toBe(413);
    const streamed = await post(harness.webhookUrl, body, { secret: harness.secret, chunked: true });
    expect(streamed.status).toBe(413);
    expect(await eventRows(String(updateId))).toEqual([]);
  });

  it('accounts for an update kind it does not know (a poll) as "other" without a crash', async () => {
    const updateId = freshUpdateId();
    const poll = {
      update_id: updateId,
      poll: {
        id: '5346007778347106305',
        question: 'Ai?',
        options: [{ text: 'A', voter_count: 1 }],
        total_voter_count: 1,
        is_closed: false,
        is_anonymous: true,
        type: 'regular',
        allows_multiple_answers: false,
      },
    };
    expect(await deliverUpdate(harness.webhookUrl, poll, harness.secret)).toBe(200);
    expect(await eventRows(String(updateId))).toEqual([
      { outcome: 'other', outcomeDetail: 'no chat in payload', chatKey: null },
    ]);
  });

  it('quarantines an update the parser rejects and still answers the next update of that chat', async () => {
    const chat = new Chat(harness, newCitizen());
    const broken = chat.citizen.text('placeholder');
    (broken.message as Record<string, unknown>).text = 12345;
    expect(await deliverUpdate(harness.webhookUrl, broken, harness.secret)).toBe(200);
    const [row] = await eventually(
      () => eventRows(String(broken.update_id)),
      (rows) => rows[0]?.outcome !== 'pending',
    );
    expect(row?.outcome).toBe('quarantined');
    expect(row?.outcomeDetail).toMatch(/malformed_payload/);

    const answers = await chat.send(chat.citizen.start());
    expect(answers.map((m) => m.text)).toEqual([expect.stringContaining('chọn ngôn ngữ')]);
    expect(chat.messages()).toHaveLength(1);
  });

  it('stores hostile text (NUL, bidi override, decomposed Vietnamese) as clean NFC text (B4)', async () => {
    const chat = new Chat(harness, newCitizen());
    await chat.send(chat.citizen.start());
    await chat.press('Tiếng Việt');
    await chat.press('Tố giác tội phạm');
    await chat.press('Ma túy');
    const hostile =
      'Co\u0301 ngu\u031Bo\u031B\u0300i\u0000 ba\u0301n \u202Ema tu\u0301y\u202C o\u031B\u0309 qua\u0301n ca\u0300 phe\u0302.\u0007';
    const answer = await chat.text(hostile);
    expect(answer.at(-1)?.text).toContain('Sự việc xảy ra khi nào?');

    const reporter = await harness.app.db.reporter.findFirstOrThrow({
      where: { identityHash: protection.hasher.hash('telegram', chat.chatId) },
      include: { conversation: true },
    });
    const stateEnc = reporter.conversation?.stateEnc ?? new Uint8Array();
    const state = JSON.parse(protection.cipher.decrypt(Buffer.from(stateEnc))) as {
      draft: { description?: string };
    };
    expect(state.draft.description).toBe('Có người bán ma túy ở quán cà phê.');
    expect(state.draft.description).toBe(state.draft.description?.normalize('NFC'));
  });
});

describe('button presses answered in the webhook answer', () => {
  async function postUpdate(update: object): Promise<{ status: number; body: unknown }> {
    const response = await fetch(harness.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': harness.secret },
      body: JSON.stringify(update),
    });
    return { status: response.status, body: await response.json() };
  }

  it('answers a committed press with answerCallbackQuery, again on redelivery, and nothing else', async () => {
    const citizen = newCitizen();
    const press = citizen.callbackQuery('c|language|vi');
    const answerCall = { method: 'answerCallbackQuery', callback_query_id: press.callback_query?.id };
    expect(await postUpdate(press)).toEqual({ status: 200, body: answerCall });
    expect(await eventRows(String(press.update_id))).toHaveLength(1);
    // Telegram delivers again when it did not read the answer: the press is answered again, once stored.
    expect(await postUpdate(press)).toEqual({ status: 200, body: answerCall });
    expect(await eventRows(String(press.update_id))).toHaveLength(1);
    expect(await postUpdate(citizen.text('xin chào'))).toEqual({ status: 200, body: { ok: true } });
  });

  it('answers an unreadable press with nothing to run: it is quarantined, nothing in it is trusted', async () => {
    const citizen = newCitizen();
    const press = citizen.callbackQuery('c|language|vi');
    const unreadable = Buffer.from(JSON.stringify(press).slice(0, -3));
    const response = await fetch(harness.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': harness.secret },
      body: unreadable,
    });
    expect(await response.json()).toEqual({ ok: true });
  });
});

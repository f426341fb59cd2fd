import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LoopbackHttpServer, startLoopbackHttpServer } from './loopback-http-server.ts';

/**
 * A fake Zalo Bot Platform API on 127.0.0.1 speaking the real HTTP protocol: `POST
 * /bot<token>/<method>` with a JSON body, answered `{ ok: true, result }` or `{ ok: false,
 * error_code, description }` with the error code as HTTP status. It validates what the platform
 * documents (text ≤ 2,000 characters, secret token 8–256 characters), records every call, queues
 * updates for `getUpdates` (one per call, no offset: an update handed out is gone) and can be told
 * to fail. Two behaviours are assumed, not documented: `getUpdates` answers `408 Request timeout`
 * when its long poll found nothing (as third-party clients expect), and refuses to run while a
 * webhook is set (409, as Telegram does), so a poller that forgets `deleteWebhook` is caught.
 */

export interface FakeZaloBotServerOptions {
  /** Defaults to a fresh random token of the platform's shape (`<digits>:<letters>`). */
  token?: string;
}

export interface RecordedZaloBotCall {
  method: string;
  params: Record<string, unknown>;
  /** `Date.now()` when the request was read. */
  at: number;
  /** HTTP status of the answer. */
  status: number;
}

export interface ZaloBotSentMessage {
  messageId: string;
  chatId: string;
  text: string;
  at: number;
}

export type ZaloBotInjectedFailure =
  /** 429; the wait is given in `parameters.retry_after`, in a `Retry-After` header, or both. */
  | { code: 429; retryAfter: number; hint?: 'parameters' | 'header' | 'both' }
  /** A server error; `html` answers with a non-JSON page as a proxy in front would. */
  | { code: 500 | 502 | 503; html?: boolean }
  /** The platform's refusal with its own code, e.g. a chat the bot may not write to. */
  | { code: 400 | 403; description: string };

export interface ZaloBotWebhookState {
  url: string;
  secretToken: string;
}

type Answer =
  | { ok: true; result: unknown }
  | { ok: false; error_code: number; description: string; parameters?: Record<string, unknown> };

const MAX_TEXT_CHARS = 2000;

export class FakeZaloBotServer {
  /** Every call with a valid token, in arrival order. */
  readonly calls: RecordedZaloBotCall[] = [];
  webhook: ZaloBotWebhookState | null = null;
  readonly bot = { id: '5190371942746184', account_name: 'tin_bao_fake_bot', account_type: 'BASIC' };

  private readonly updates: unknown[] = [];
  private readonly updateListeners = new Set<() => void>();
  private readonly failures: { failure: ZaloBotInjectedFailure; method: string | undefined }[] = [];
  private readonly sent: ZaloBotSentMessage[] = [];
  private readonly blockedChats = new Set<string>();
  private nextMessageId = 1;
  private closing = false;

  private constructor(
    private readonly http: LoopbackHttpServer,
    readonly token: string,
  ) {}

  /** Starts a fake on 127.0.0.1 at a free port. */
  static async start(options: FakeZaloBotServerOptions = {}): Promise<FakeZaloBotServer> {
    const token =
      options.token ??
      `${3_000_000_000 + Math.floor(Math.random() * 1e9)}:${randomBytes(24).toString('hex')}`;
    let fake: FakeZaloBotServer | undefined;
    const http = await startLoopbackHttpServer(
      (req, res) => fake?.handle(req, res),
      (res, error) => send(res, 500, fail(500, `fake server bug: ${String(error)}`)),
    );
    fake = new FakeZaloBotServer(http, token);
    return fake;
  }

  /** The `ZALO_BOT_API_ROOT` to configure: `http://127.0.0.1:<port>`. */
  get apiRoot(): string {
    return this.http.root;
  }

  callsOf(method: string): RecordedZaloBotCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Texts accepted by `sendMessage`, optionally of one chat, in order. */
  sentMessages(chatId?: string): ZaloBotSentMessage[] {
    return chatId === undefined ? [...this.sent] : this.sent.filter((m) => m.chatId === chatId);
  }

  /** Makes the next `n` calls (of `method` only, when given) fail as described. */
  failNext(n: number, failure: ZaloBotInjectedFailure, method?: string): void {
    for (let i = 0; i < n; i++) this.failures.push({ failure, method });
  }

  /** Makes `sendMessage` to this chat answer 403, as for a chat the bot may no longer write to. */
  blockChat(chatId: string): void {
    this.blockedChats.add(chatId);
  }

  /** Queues an update for `getUpdates`, waking a waiting long poll. */
  queueUpdate(update: unknown): void {
    this.updates.push(update);
    for (const listener of [...this.updateListeners]) listener();
  }

  /** Updates not yet handed out by `getUpdates`. */
  pendingUpdates(): number {
    return this.updates.length;
  }

  /** Ends waiting long polls, then closes every connection. */
  async close(): Promise<void> {
    this.closing = true;
    for (const listener of [...this.updateListeners]) listener();
    await this.http.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const call = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!call || (req.method !== 'POST' && req.method !== 'GET'))
      return send(res, 404, fail(404, 'Not Found'));
    const [, token = '', method = ''] = call;
    let params: Record<string, unknown>;
    try {
      params = await readJsonBody(req);
    } catch (error) {
      return send(res, 400, fail(400, `Bad Request: ${error instanceof Error ? error.message : 'body'}`));
    }
    if (decodeURIComponent(token) !== this.token) return send(res, 401, fail(401, 'Unauthorized'));

    const record: RecordedZaloBotCall = { method, params, at: Date.now(), status: 0 };
    this.calls.push(record);
    const injected = this.takeFailure(method);
    if (injected) {
      record.status = injected.code;
      return sendFailure(res, injected);
    }
    const answer = await this.answer(method, params, res);
    record.status = answer.ok ? 200 : answer.error_code;
    send(res, record.status, answer);
  }

  private takeFailure(method: string): ZaloBotInjectedFailure | undefined {
    const index = this.failures.findIndex((f) => f.method === undefined || f.method === method);
    if (index < 0) return undefined;
    const [taken] = this.failures.splice(index, 1);
    return taken?.failure;
  }

  private answer(
    method: string,
    params: Record<string, unknown>,
    res: ServerResponse,
  ): Answer | Promise<Answer> {
    switch (method) {
      case 'getMe':
        return ok(this.bot);
      case 'setWebhook':
        return this.setWebhook(params);
      case 'deleteWebhook':
        this.webhook = null;
        return ok({ url: '', updated_at: Date.now() });
      case 'getWebhookInfo':
        return ok({ url: this.webhook?.url ?? '', updated_at: Date.now() });
      case 'getUpdates':
        return this.getUpdates(params, res);
      case 'sendMessage':
        return this.sendMessage(params);
      case 'sendPhoto':
        return this.sendPhoto(params);
      case 'sendChatAction':
        return this.sendChatAction(params);
      default:
        return fail(404, 'Not Found: unknown method');
    }
  }

  private setWebhook(params: Record<string, unknown>): Answer {
    const url = typeof params.url === 'string' ? params.url : '';
    if (!/^https:\/\/[^\s]+$/.test(url)) return fail(400, 'Bad Request: url must be an HTTPS URL');
    const secret = params.secret_token;
    if (typeof secret !== 'string' || [...secret].length < 8 || [...secret].length > 256) {
      return fail(400, 'Bad Request: secret_token must be 8-256 characters');
    }
    this.webhook = { url, secretToken: secret };
    return ok({ url, updated_at: Date.now() });
  }

  private getUpdates(params: Record<string, unknown>, res: ServerResponse): Answer | Promise<Answer> {
    if (this.webhook) return fail(409, 'Conflict: webhook is set; delete it before getUpdates');
    const timeout = Number(params.timeout ?? 0);
    const timeoutSeconds = Number.isFinite(timeout) && timeout > 0 ? Math.min(timeout, 60) : 0;
    const take = (): Answer | null => (this.updates.length > 0 ? ok(this.updates.shift()) : null);
    const now = take();
    if (now || timeoutSeconds === 0) return now ?? fail(408, 'Request timeout');
    return new Promise<Answer>((resolve) => {
      let settled = false;
      const finish = (answer: Answer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.updateListeners.delete(onUpdate);
        resolve(answer);
      };
      // An update is handed out only to a client still listening; a closed poll takes nothing.
      const onUpdate = () => {
        if (res.destroyed) return finish(fail(408, 'Request timeout'));
        const answer = take();
        if (answer) finish(answer);
        else if (this.closing) finish(fail(408, 'Request timeout'));
      };
      const timer = setTimeout(() => finish(fail(408, 'Request timeout')), timeoutSeconds * 1000);
      this.updateListeners.add(onUpdate);
      res.once('close', () => finish(fail(408, 'Request timeout')));
      if (this.closing) finish(fail(408, 'Request timeout'));
    });
  }

  private sendMessage(params: Record<string, unknown>): Answer {
    const chatId = params.chat_id;
    if (typeof chatId !== 'string' || chatId === '') return fail(400, 'Bad Request: chat_id is required');
    const text = params.text;
    if (typeof text !== 'string' || text.trim() === '') return fail(400, 'Bad Request: text is required');
    if ([...text].length > MAX_TEXT_CHARS)
      return fail(400, 'Bad Request: text must be at most 2000 characters');
    if (this.blockedChats.has(chatId)) return fail(403, 'Forbidden: the bot cannot send to this chat');
    const message: ZaloBotSentMessage = {
      messageId: `fake-${this.nextMessageId++}`,
      chatId,
      text,
      at: Date.now(),
    };
    this.sent.push(message);
    return ok({ message_id: message.messageId, date: message.at });
  }

  private sendPhoto(params: Record<string, unknown>): Answer {
    if (typeof params.chat_id !== 'string' || params.chat_id === '') {
      return fail(400, 'Bad Request: chat_id is required');
    }
    if (typeof params.photo !== 'string' || !/^https?:\/\//.test(params.photo)) {
      return fail(400, 'Bad Request: photo must be a URL');
    }
    return ok({ message_id: `fake-${this.nextMessageId++}`, date: Date.now() });
  }

  private sendChatAction(params: Record<string, unknown>): Answer {
    if (typeof params.chat_id !== 'string' || params.chat_id === '') {
      return fail(400, 'Bad Request: chat_id is required');
    }
    if (params.action !== 'typing' && params.action !== 'upload_photo') {
      return fail(400, 'Bad Request: unknown action');
    }
    return ok(true);
  }
}

function ok(result: unknown): Answer {
  return { ok: true, result };
}

function fail(code: number, description: string): Answer {
  return { ok: false, error_code: code, description };
}

function sendFailure(res: ServerResponse, failure: ZaloBotInjectedFailure): void {
  if (failure.code === 429) {
    const hint = failure.hint ?? 'both';
    const body: Answer = {
      ok: false,
      error_code: 429,
      description: 'Too Many Requests',
      ...(hint === 'header' ? {} : { parameters: { retry_after: failure.retryAfter } }),
    };
    const headers = hint === 'parameters' ? {} : { 'retry-after': String(failure.retryAfter) };
    send(res, 429, body, headers);
    return;
  }
  if ('html' in failure && failure.html) {
    const page = '<html><body>Bad Gateway</body></html>';
    res.writeHead(failure.code, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(page) });
    res.end(page);
    return;
  }
  const description = 'description' in failure ? failure.description : 'Internal Server Error';
  send(res, failure.code, fail(failure.code, description));
}

function send(res: ServerResponse, status: number, body: Answer, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
    ...headers,
  });
  res.end(json);
}

async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  if (body.length === 0) return {};
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    throw new Error('content-type must be application/json');
  }
  const parsed: unknown = JSON.parse(body.toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

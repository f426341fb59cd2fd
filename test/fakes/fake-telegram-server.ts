import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LoopbackHttpServer, startLoopbackHttpServer } from './loopback-http-server.ts';

/**
 * A fake Telegram Bot API on 127.0.0.1 speaking the real HTTP protocol, so adapters are tested
 * through telegraf's own client. It answers `{ ok: true, result }` or `{ ok: false, error_code,
 * description, parameters? }` with the HTTP status Telegram uses, validates what real Telegram
 * validates for the methods it knows, records every call and can be told to fail.
 */

export interface FakeTelegramServerOptions {
  /** Defaults to a fresh random token. */
  token?: string;
  /** Outbound flood control on `sendMessage`; `false` turns it off. */
  rateLimit?: Partial<RateLimitOptions> | false;
}

export interface RateLimitOptions {
  /** Messages a chat may get at once before the per-chat rate applies. Default 3. */
  perChatBurst: number;
  /** Sustained messages per second per chat. Default 1. */
  perChatPerSecond: number;
  /** Messages the bot may send at once across chats. Default 30. */
  globalBurst: number;
  /** Sustained messages per second across chats. Default 30. */
  globalPerSecond: number;
}

export interface RecordedCall {
  method: string;
  /** Body and query fields as received (form and multipart values are strings). */
  params: Record<string, unknown>;
  /** `Date.now()` when the request was read. */
  at: number;
  /** HTTP status of the answer. */
  status: number;
}

export interface SentMessage {
  messageId: number;
  chatId: string;
  text: string;
  replyMarkup: unknown;
  parseMode: unknown;
  at: number;
}

export type InjectedFailure = { code: 429; retryAfter: number } | { code: 500 };

export interface FakeUpdate {
  update_id: number;
  [kind: string]: unknown;
}

export interface WebhookState {
  url: string;
  secretToken: string | undefined;
  allowedUpdates: unknown;
  maxConnections: number | undefined;
}

interface StoredFile {
  fileId: string;
  filePath: string;
  content: Buffer;
}

type Answer =
  | { ok: true; result: unknown; description?: string }
  | { ok: false; error_code: number; description: string; parameters?: Record<string, unknown> };

/** `res` is absent when the call came in a webhook's answer (it has no connection of its own). */
type Handler = (params: Record<string, unknown>, res?: ServerResponse) => Answer | Promise<Answer>;

const MAX_TEXT_CHARS = 4096;
const MAX_CALLBACK_DATA_BYTES = 64;
const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;
const secretTokenPattern = /^[A-Za-z0-9_-]{1,256}$/;

export class FakeTelegramServer {
  /** Every call with a valid token, in arrival order. */
  readonly calls: RecordedCall[] = [];
  /** Number of 429 answers given, by the rate check or by `failNext`. */
  tooManyRequestsGiven = 0;
  /** Number of calls refused because they asked for drop_pending_updates=true. */
  dropPendingUpdatesRefusals = 0;
  webhook: WebhookState | null = null;
  readonly botUser: { id: number; is_bot: true; first_name: string; username: string };

  private readonly updates: FakeUpdate[] = [];
  private readonly updateListeners = new Set<() => void>();
  private terminatePendingPoll: (() => void) | null = null;
  private readonly failures: { failure: InjectedFailure; method: string | undefined }[] = [];
  private outage: { until: number; failures: InjectedFailure[]; given: number } | null = null;
  private readonly messages = new Map<string, SentMessage>();
  private readonly sent: SentMessage[] = [];
  private readonly files = new Map<string, StoredFile>();
  private readonly blockedChats = new Set<string>();
  private readonly chatBuckets = new Map<string, TokenBucket>();
  private readonly globalBucket: TokenBucket | null;
  private readonly rateLimit: RateLimitOptions | null;
  private readonly handlers: Map<string, [string, Handler]>;
  private nextMessageId = 1;
  private closing = false;

  private constructor(
    private readonly http: LoopbackHttpServer,
    readonly token: string,
    options: FakeTelegramServerOptions,
  ) {
    const botId = Number(token.split(':')[0]) || 7000000001;
    this.botUser = { id: botId, is_bot: true, first_name: 'Tin Báo (fake)', username: 'tin_bao_fake_bot' };
    this.rateLimit =
      options.rateLimit === false
        ? null
        : {
            perChatBurst: 3,
            perChatPerSecond: 1,
            globalBurst: 30,
            globalPerSecond: 30,
            ...options.rateLimit,
          };
    this.globalBucket = this.rateLimit
      ? new TokenBucket(this.rateLimit.globalBurst, this.rateLimit.globalPerSecond)
      : null;
    const handlers: Record<string, Handler> = {
      getMe: () => ok(this.botUser),
      setWebhook: (p) => this.setWebhook(p),
      deleteWebhook: (p) => this.deleteWebhook(p),
      getWebhookInfo: () => this.getWebhookInfo(),
      getUpdates: (p, res) =>
        res ? this.getUpdates(p, res) : fail(400, 'Bad Request: getUpdates in a webhook answer'),
      sendMessage: (p) => this.sendMessage(p),
      answerCallbackQuery: (p) => this.answerCallbackQuery(p),
      editMessageReplyMarkup: (p) => this.editMessageReplyMarkup(p),
      getFile: (p) => this.getFile(p),
    };
    // Bot API method names are case-insensitive.
    this.handlers = new Map(Object.entries(handlers).map(([name, h]) => [name.toLowerCase(), [name, h]]));
  }

  /** Starts a fake on 127.0.0.1 at a free port. */
  static async start(options: FakeTelegramServerOptions = {}): Promise<FakeTelegramServer> {
    const token =
      options.token ?? `${7000000000 + Math.floor(Math.random() * 1e6)}:${randomBytes(16).toString('hex')}`;
    let fake: FakeTelegramServer | undefined;
    const http = await startLoopbackHttpServer(
      (req, res) => fake?.handle(req, res),
      (res, error) => send(res, 500, fail(500, `fake server bug: ${String(error)}`)),
    );
    fake = new FakeTelegramServer(http, token, options);
    return fake;
  }

  /** The `apiRoot` to give telegraf: `http://127.0.0.1:<port>`. */
  get apiRoot(): string {
    return this.http.root;
  }

  /**
   * What Telegram does with a webhook's 200 answer: a JSON body naming a `method` is run as a call
   * of that method (recorded like any other; its result reaches nobody). Other bodies are ignored.
   */
  async runWebhookAnswer(body: string): Promise<void> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return;
    }
    if (!isRecord(parsed) || typeof parsed.method !== 'string') return;
    const { method, ...params } = parsed;
    await this.run(method, params);
  }

  /** Calls of one method (any letter case), including refused ones. */
  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method.toLowerCase() === method.toLowerCase());
  }

  /** Messages accepted by `sendMessage`, optionally of one chat, in order. */
  sentMessages(chatId?: string | number): SentMessage[] {
    return chatId === undefined ? [...this.sent] : this.sent.filter((m) => m.chatId === String(chatId));
  }

  /** Makes the next `n` calls (of `method` only, when given) fail with the given error. */
  failNext(n: number, failure: InjectedFailure, method?: string): void {
    for (let i = 0; i < n; i++) this.failures.push({ failure, method: method?.toLowerCase() });
  }

  /**
   * An outage: for `ms` from now every call but `getMe` and the webhook methods answers the given
   * failures in turn (429 with its retry_after, 500), as a platform does when it is down.
   */
  failFor(ms: number, failures: InjectedFailure[]): void {
    this.outage = { until: Date.now() + ms, failures, given: 0 };
  }

  /** Makes `sendMessage` to this chat answer 403 as when the user blocked the bot. */
  blockChat(chatId: string | number): void {
    this.blockedChats.add(String(chatId));
  }

  /** Queues an update for `getUpdates`, waking a waiting long poll. */
  queueUpdate(update: FakeUpdate): void {
    this.updates.push(update);
    for (const listener of [...this.updateListeners]) listener();
  }

  /** The ids of updates not yet confirmed by a `getUpdates` offset. */
  pendingUpdateIds(): number[] {
    return this.updates.map((u) => u.update_id);
  }

  /** Makes a file available through `getFile` and the file download path. */
  addFile(content: Buffer | string, fileId = `file-${randomBytes(8).toString('hex')}`): StoredFile {
    const file = { fileId, filePath: `documents/${fileId}.bin`, content: Buffer.from(content) };
    this.files.set(fileId, file);
    return file;
  }

  /** Ends waiting long polls with no updates, then closes every connection. */
  async close(): Promise<void> {
    this.closing = true;
    for (const listener of [...this.updateListeners]) listener();
    // The answers just given reach their clients before the sockets are destroyed.
    await this.http.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (download && req.method === 'GET') {
      this.download(download[1] ?? '', download[2] ?? '', res);
      return;
    }

    const call = /^\/bot([^/]+)\/([^/]*)$/.exec(url.pathname);
    if (!call || (req.method !== 'GET' && req.method !== 'POST')) {
      return send(res, 404, fail(404, 'Not Found'));
    }
    const [, token = '', methodName = ''] = call;
    let params: Record<string, unknown>;
    try {
      params = { ...Object.fromEntries(url.searchParams), ...(await readBody(req)) };
    } catch (error) {
      return send(res, 400, fail(400, `Bad Request: ${(error as Error).message}`));
    }
    if (token !== this.token) return send(res, 401, fail(401, 'Unauthorized'));

    const { status, answer } = await this.run(methodName, params, res);
    if (!res.writableEnded && !res.destroyed) send(res, status, answer);
  }

  /**
   * Records a call and answers it (an injected failure first): over HTTP with `res`, or from a
   * webhook's answer without.
   */
  private async run(
    methodName: string,
    params: Record<string, unknown>,
    res?: ServerResponse,
  ): Promise<{ status: number; answer: Answer }> {
    const record: RecordedCall = { method: methodName, params, at: Date.now(), status: 0 };
    this.calls.push(record);
    const entry = this.handlers.get(methodName.toLowerCase());
    if (entry) record.method = entry[0];
    const answer = entry
      ? (this.takeFailure(record.method) ?? (await entry[1](params, res)))
      : fail(404, 'Not Found');
    record.status = answer.ok ? 200 : answer.error_code;
    if (record.status === 429) this.tooManyRequestsGiven++;
    return { status: record.status, answer };
  }

  private takeFailure(method: string): Answer | null {
    const outage = this.outage;
    if (outage && Date.now() < outage.until && !outageExempt.has(method.toLowerCase())) {
      const failure = outage.failures[outage.given++ % outage.failures.length];
      if (failure) return answerOf(failure);
    }
    const index = this.failures.findIndex((f) => f.method === undefined || f.method === method.toLowerCase());
    if (index < 0) return null;
    const failure = this.failures.splice(index, 1)[0]?.failure;
    if (!failure) return null;
    return answerOf(failure);
  }

  private download(token: string, filePath: string, res: ServerResponse): void {
    const file = [...this.files.values()].find((f) => f.filePath === filePath);
    if (token !== this.token) send(res, 401, fail(401, 'Unauthorized'));
    else if (!file) send(res, 404, fail(404, 'Not Found'));
    else this.sendFile(file, res);
  }

  private sendFile(file: StoredFile, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.content.length });
    res.end(file.content);
  }

  private refuseDropPendingUpdates(params: Record<string, unknown>): Answer | null {
    if (!asBoolean(params.drop_pending_updates)) return null;
    this.dropPendingUpdatesRefusals++;
    return fail(
      400,
      'Bad Request: the fake Telegram server refuses drop_pending_updates=true: it throws away pending reports',
    );
  }

  private setWebhook(params: Record<string, unknown>): Answer {
    const refused = this.refuseDropPendingUpdates(params);
    if (refused) return refused;
    const url = asString(params.url);
    if (url === undefined) return fail(400, 'Bad Request: bad webhook: URL must be provided');
    const secretToken = asString(params.secret_token);
    if (secretToken !== undefined && !secretTokenPattern.test(secretToken)) {
      return fail(400, 'Bad Request: secret token contains unallowed characters');
    }
    const maxConnections = asInteger(params.max_connections);
    if (maxConnections !== undefined && (maxConnections < 1 || maxConnections > 100)) {
      return fail(400, 'Bad Request: bad max_connections');
    }
    if (url === '') {
      this.webhook = null;
      return { ok: true, result: true, description: 'Webhook was deleted' };
    }
    this.webhook = { url, secretToken, allowedUpdates: asJson(params.allowed_updates), maxConnections };
    return { ok: true, result: true, description: 'Webhook was set' };
  }

  private deleteWebhook(params: Record<string, unknown>): Answer {
    const refused = this.refuseDropPendingUpdates(params);
    if (refused) return refused;
    const had = this.webhook !== null;
    this.webhook = null;
    return {
      ok: true,
      result: true,
      description: had ? 'Webhook was deleted' : 'Webhook is already deleted',
    };
  }

  private getWebhookInfo(): Answer {
    return ok({
      url: this.webhook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: this.updates.length,
      ...(this.webhook?.maxConnections === undefined ? {} : { max_connections: this.webhook.maxConnections }),
      ...(this.webhook?.allowedUpdates === undefined ? {} : { allowed_updates: this.webhook.allowedUpdates }),
    });
  }

  private async getUpdates(params: Record<string, unknown>, res: ServerResponse): Promise<Answer> {
    if (this.webhook) {
      return fail(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    const offset = asInteger(params.offset) ?? 0;
    const limit = Math.min(Math.max(asInteger(params.limit) ?? 100, 1), 100);
    const timeoutSeconds = Math.max(asInteger(params.timeout) ?? 0, 0);
    const allowed = asJson(params.allowed_updates);
    // An offset confirms every earlier update: Telegram forgets them.
    if (offset > 0) this.forgetUpdates((u) => u.update_id < offset);
    if (offset < 0) this.forgetUpdates((_, index) => index < this.updates.length + offset);
    if (Array.isArray(allowed) && allowed.length > 0) {
      this.forgetUpdates((u) => !allowed.includes(updateKind(u)));
    }
    const ready = () => this.updates.slice(0, limit);
    if (ready().length > 0 || timeoutSeconds === 0) return ok(ready());

    // Only one long poll at a time: a newer one terminates the older, as on Telegram.
    this.terminatePendingPoll?.();
    return new Promise<Answer>((resolve) => {
      let terminated = false;
      const finish = () => {
        clearTimeout(timer);
        this.updateListeners.delete(onUpdate);
        if (this.terminatePendingPoll === terminate) this.terminatePendingPoll = null;
        resolve(
          terminated
            ? fail(
                409,
                'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
              )
            : ok(ready()),
        );
      };
      const onUpdate = () => finish();
      const terminate = () => {
        terminated = true;
        finish();
      };
      const timer = setTimeout(finish, timeoutSeconds * 1000);
      this.updateListeners.add(onUpdate);
      this.terminatePendingPoll = terminate;
      res.once('close', finish);
      if (this.closing) finish();
    });
  }

  private forgetUpdates(predicate: (update: FakeUpdate, index: number) => boolean): void {
    const kept = this.updates.filter((u, i) => !predicate(u, i));
    this.updates.splice(0, this.updates.length, ...kept);
  }

  private sendMessage(params: Record<string, unknown>): Answer {
    const chatId = asString(params.chat_id);
    if (chatId === undefined || chatId === '') return fail(400, 'Bad Request: chat_id is empty');
    if (!/^-?\d+$|^@\w{5,}$/.test(chatId)) return fail(400, 'Bad Request: chat not found');
    const text = asString(params.text);
    if (text === undefined || text.trim() === '') return fail(400, 'Bad Request: message text is empty');
    if ([...text].length > MAX_TEXT_CHARS) return fail(400, 'Bad Request: message is too long');
    const parseMode = params.parse_mode;
    if (parseMode !== undefined && !['HTML', 'Markdown', 'MarkdownV2'].includes(String(parseMode))) {
      return fail(400, `Bad Request: unsupported parse_mode "${String(parseMode)}"`);
    }
    const replyMarkup = asJson(params.reply_markup);
    const markupError = validateReplyMarkup(replyMarkup);
    if (markupError) return fail(400, `Bad Request: ${markupError}`);
    if (this.blockedChats.has(chatId)) return fail(403, 'Forbidden: bot was blocked by the user');
    const waitSeconds = this.takeSendSlot(chatId);
    if (waitSeconds > 0) return tooManyRequests(waitSeconds);

    const message: SentMessage = {
      messageId: this.nextMessageId++,
      chatId,
      text,
      replyMarkup,
      parseMode,
      at: Date.now(),
    };
    this.sent.push(message);
    this.messages.set(`${chatId}:${message.messageId}`, message);
    return ok(this.toTelegramMessage(message));
  }

  // Token buckets: a chat may get a small burst, then about one message per second; the bot about
  // thirty per second overall. A refused message uses no slot.
  private takeSendSlot(chatId: string): number {
    if (!this.rateLimit || !this.globalBucket) return 0;
    let chatBucket = this.chatBuckets.get(chatId);
    if (!chatBucket) {
      chatBucket = new TokenBucket(this.rateLimit.perChatBurst, this.rateLimit.perChatPerSecond);
      this.chatBuckets.set(chatId, chatBucket);
    }
    const now = Date.now();
    const wait = Math.max(chatBucket.wait(now), this.globalBucket.wait(now));
    if (wait > 0) return Math.max(1, Math.ceil(wait));
    chatBucket.take();
    this.globalBucket.take();
    return 0;
  }

  private answerCallbackQuery(params: Record<string, unknown>): Answer {
    const id = asString(params.callback_query_id);
    if (!id) return fail(400, 'Bad Request: QUERY_ID_INVALID');
    const text = asString(params.text);
    if (text !== undefined && [...text].length > 200) return fail(400, 'Bad Request: MESSAGE_TOO_LONG');
    return ok(true);
  }

  private editMessageReplyMarkup(params: Record<string, unknown>): Answer {
    if (asString(params.inline_message_id)) return ok(true);
    const key = `${asString(params.chat_id)}:${asInteger(params.message_id)}`;
    const message = this.messages.get(key);
    if (!message) return fail(400, 'Bad Request: message to edit not found');
    const replyMarkup = asJson(params.reply_markup);
    if (replyMarkup !== undefined && !isRecord(replyMarkup))
      return fail(400, "Bad Request: can't parse reply_markup");
    if (replyMarkup !== undefined && !('inline_keyboard' in replyMarkup)) {
      return fail(400, 'Bad Request: only inline keyboards can be edited');
    }
    const markupError = validateReplyMarkup(replyMarkup);
    if (markupError) return fail(400, `Bad Request: ${markupError}`);
    if (JSON.stringify(replyMarkup ?? null) === JSON.stringify(message.replyMarkup ?? null)) {
      return fail(
        400,
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    }
    message.replyMarkup = replyMarkup;
    return ok(this.toTelegramMessage(message));
  }

  private getFile(params: Record<string, unknown>): Answer {
    const file = this.files.get(asString(params.file_id) ?? '');
    if (!file) return fail(400, 'Bad Request: invalid file_id');
    if (file.content.length > MAX_DOWNLOAD_BYTES) return fail(400, 'Bad Request: file is too big');
    return ok({
      file_id: file.fileId,
      file_unique_id: `u${file.fileId}`,
      file_size: file.content.length,
      file_path: file.filePath,
    });
  }

  private toTelegramMessage(message: SentMessage): Record<string, unknown> {
    const chatId = Number(message.chatId);
    return {
      message_id: message.messageId,
      from: this.botUser,
      chat: Number.isSafeInteger(chatId) ? { id: chatId, type: chatId > 0 ? 'private' : 'group' } : { id: 0 },
      date: Math.floor(message.at / 1000),
      text: message.text,
      ...(isRecord(message.replyMarkup) && 'inline_keyboard' in message.replyMarkup
        ? { reply_markup: message.replyMarkup }
        : {}),
    };
  }
}

class TokenBucket {
  private tokens: number;
  private last = Date.now();

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
  ) {
    this.tokens = capacity;
  }

  /** Seconds until a token is available; 0 when one is. */
  wait(now: number): number {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    return this.tokens >= 1 ? 0 : (1 - this.tokens) / this.perSecond;
  }

  take(): void {
    this.tokens -= 1;
  }
}

function validateReplyMarkup(markup: unknown): string | null {
  if (markup === undefined) return null;
  if (!isRecord(markup)) return "can't parse reply keyboard markup JSON object";
  if ('inline_keyboard' in markup) {
    const rows = markup.inline_keyboard;
    if (!isRows(rows)) return 'field "inline_keyboard" must be an Array of Arrays';
    for (const button of rows.flat()) {
      if (!isRecord(button) || typeof button.text !== 'string' || button.text === '') {
        return 'BUTTON_TEXT_INVALID';
      }
      const data = button.callback_data;
      if (data !== undefined) {
        const bytes = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : 0;
        if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) return 'BUTTON_DATA_INVALID';
      } else if (!['url', 'login_url', 'switch_inline_query', 'web_app', 'pay'].some((k) => k in button)) {
        return "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard";
      }
    }
    return null;
  }
  if ('keyboard' in markup) {
    const rows = markup.keyboard;
    if (!isRows(rows)) return 'field "keyboard" must be an Array of Arrays';
    for (const button of rows.flat()) {
      const text = typeof button === 'string' ? button : isRecord(button) ? button.text : undefined;
      if (typeof text !== 'string' || text === '') return 'BUTTON_TEXT_INVALID';
    }
    return null;
  }
  if ('remove_keyboard' in markup)
    return markup.remove_keyboard === true ? null : "can't parse remove_keyboard";
  if ('force_reply' in markup) return markup.force_reply === true ? null : "can't parse force_reply";
  return 'can\'t find field "inline_keyboard"';
}

function updateKind(update: FakeUpdate): string {
  return Object.keys(update).find((key) => key !== 'update_id') ?? '';
}

function ok(result: unknown): Answer {
  return { ok: true, result };
}

function fail(code: number, description: string): Answer {
  return { ok: false, error_code: code, description };
}

// The calls a platform outage in a test leaves working, so the app can still start and stop.
const outageExempt = new Set(['getme', 'setwebhook', 'deletewebhook', 'getwebhookinfo']);

function answerOf(failure: InjectedFailure): Answer {
  return failure.code === 429 ? tooManyRequests(failure.retryAfter) : fail(500, 'Internal Server Error');
}

function tooManyRequests(retryAfter: number): Answer {
  return {
    ok: false,
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    parameters: { retry_after: retryAfter },
  };
}

function send(res: ServerResponse, status: number, body: Answer): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  if (body.length === 0) return {};
  const contentType = req.headers['content-type'] ?? '';
  if (contentType.startsWith('application/json')) {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (!isRecord(parsed)) throw new Error('request body must be a JSON object');
    return parsed;
  }
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  }
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (contentType.startsWith('multipart/form-data') && boundary) {
    return readMultipart(body, boundary[1] ?? boundary[2] ?? '');
  }
  throw new Error(`unsupported content-type ${contentType}`);
}

// Text fields become strings; file fields become `{ filename, content }`.
function readMultipart(body: Buffer, boundary: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const partStart = start + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, partStart);
    if (next < 0) break;
    // Each part sits between "\r\n" after the delimiter and "\r\n" before the next one.
    const part = body.subarray(partStart + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const content = part.subarray(headerEnd + 4);
    const name = /name="([^"]*)"/.exec(headers)?.[1];
    const filename = /filename="([^"]*)"/.exec(headers)?.[1];
    if (name !== undefined)
      fields[name] = filename === undefined ? content.toString('utf8') : { filename, content };
    start = next;
  }
  return fields;
}

function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

function asInteger(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}

function asBoolean(value: unknown): boolean {
  return value === true || value === 'true' || value === 'True' || value === '1' || value === 1;
}

// Form and multipart bodies carry objects and arrays as JSON text.
function asJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function isRows(value: unknown): value is unknown[][] {
  return Array.isArray(value) && value.every((row) => Array.isArray(row));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LoopbackHttpServer, startLoopbackHttpServer } from './loopback-http-server.ts';

/**
 * A fake Zalo OA API host (`openapi.zalo.me`) on 127.0.0.1: `POST /v3.0/oa/message/cs` with the
 * `access_token` header, answering as Zalo does (HTTP 200 with a non-zero `error` on refusal). It
 * checks what real Zalo checks that the adapter relies on (token, recipient, 2,000-character text,
 * at most 5 buttons with titles of 100 characters, one element on a request_user_info card),
 * records every accepted message, and can be told to fail.
 */
export interface ZaloButton {
  title: string;
  type: string;
  payload: unknown;
}

export interface ZaloSentMessage {
  messageId: string;
  userId: string;
  accessToken: string;
  text: string | undefined;
  buttons: ZaloButton[];
  templateType: string | undefined;
  attachment: unknown;
  at: number;
}

export type ZaloInjectedFailure = { error: number; message?: string } | { status: number };

export interface ZaloCall {
  accessToken: string;
  at: number;
  /** Zalo's `error` answered (0 = accepted), or the HTTP status of an injected 5xx. */
  answer: number;
}

export class FakeZaloOaServer {
  readonly calls: ZaloCall[] = [];
  private readonly sent: ZaloSentMessage[] = [];
  private readonly failures: ZaloInjectedFailure[] = [];
  private nextId = 1;

  private constructor(
    private readonly http: LoopbackHttpServer,
    private readonly isValidAccessToken: (token: string) => boolean,
  ) {}

  static async start(options: { isValidAccessToken: (token: string) => boolean }): Promise<FakeZaloOaServer> {
    let fake: FakeZaloOaServer | undefined;
    const http = await startLoopbackHttpServer(
      (req, res) => fake?.handle(req, res),
      (res, error) => send(res, 500, { error: -1, message: String(error) }),
    );
    fake = new FakeZaloOaServer(http, options.isValidAccessToken);
    return fake;
  }

  get root(): string {
    return this.http.root;
  }

  sentMessages(userId?: string): ZaloSentMessage[] {
    return userId === undefined ? [...this.sent] : this.sent.filter((m) => m.userId === userId);
  }

  /** The next `n` message calls fail: a Zalo error code (HTTP 200) or an HTTP status. */
  failNext(n: number, failure: ZaloInjectedFailure): void {
    for (let i = 0; i < n; i++) this.failures.push(failure);
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || req.url !== '/v3.0/oa/message/cs')
      return send(res, 404, { error: -404, message: 'not found' });
    const accessToken = typeof req.headers.access_token === 'string' ? req.headers.access_token : '';
    const call: ZaloCall = { accessToken, at: Date.now(), answer: 0 };
    this.calls.push(call);
    const failure = this.failures.shift();
    if (failure) {
      if ('status' in failure) {
        call.answer = failure.status;
        return send(res, failure.status, { message: 'Internal Server Error' });
      }
      call.answer = failure.error;
      return send(res, 200, {
        error: failure.error,
        message: failure.message ?? `injected ${failure.error}`,
      });
    }
    const refuse = (error: number, message: string) => {
      call.answer = error;
      send(res, 200, { error, message });
    };
    if (!this.isValidAccessToken(accessToken)) return refuse(-216, 'Access token is invalid');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      return refuse(-201, 'Body is not JSON');
    }
    const userId = (body.recipient as { user_id?: unknown } | undefined)?.user_id;
    if (typeof userId !== 'string' || !/^\d+$/.test(userId)) return refuse(-201, 'user_id is invalid');
    const message = body.message as { text?: unknown; attachment?: Record<string, unknown> } | undefined;
    if (!message || (message.text === undefined && message.attachment === undefined)) {
      return refuse(-201, 'message is empty');
    }
    if (message.text !== undefined && (typeof message.text !== 'string' || message.text.length > 2000)) {
      return refuse(-201, 'text is invalid or longer than 2000 characters');
    }
    const payload = (message.attachment?.payload ?? {}) as {
      buttons?: unknown;
      template_type?: unknown;
      elements?: unknown;
    };
    const buttons = Array.isArray(payload.buttons) ? (payload.buttons as ZaloButton[]) : [];
    if (buttons.length > 5) return refuse(-201, 'too many buttons');
    for (const button of buttons) {
      if (typeof button.title !== 'string' || button.title === '' || [...button.title].length > 100) {
        return refuse(-201, 'button title is invalid');
      }
      if (
        button.type === 'oa.query.hide' &&
        (typeof button.payload !== 'string' || button.payload.length > 1000)
      ) {
        return refuse(-201, 'button payload is invalid');
      }
    }
    if (payload.template_type === 'request_user_info') {
      const elements = payload.elements;
      if (!Array.isArray(elements) || elements.length !== 1)
        return refuse(-201, 'request_user_info takes exactly one element');
      const [element] = elements as { title?: unknown; subtitle?: unknown; image_url?: unknown }[];
      if (
        typeof element?.title !== 'string' ||
        typeof element.subtitle !== 'string' ||
        typeof element.image_url !== 'string'
      ) {
        return refuse(-201, 'request_user_info element needs title, subtitle and image_url');
      }
    }
    const sent: ZaloSentMessage = {
      messageId: `m${this.nextId++}`,
      userId,
      accessToken,
      text: typeof message.text === 'string' ? message.text : undefined,
      buttons,
      templateType: typeof payload.template_type === 'string' ? payload.template_type : undefined,
      attachment: message.attachment,
      at: Date.now(),
    };
    this.sent.push(sent);
    send(res, 200, { error: 0, message: 'Success', data: { message_id: sent.messageId, user_id: userId } });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

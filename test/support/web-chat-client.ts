import { randomBytes } from 'node:crypto';
import type { RenderedReply } from '../../src/citizen/engine/reply.ts';

export interface ShownWebReply {
  id: string;
  receipt: boolean;
  reply: RenderedReply;
}

export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

interface RepliesBody {
  replies: ShownWebReply[];
  busy: boolean;
  cursor: string;
}

/**
 * A reporter's side of the web chat over its HTTP API, as the page speaks it: a session, messages
 * with their own ids, and replies fetched by cursor until the chat is no longer busy. `address`
 * is sent as `X-Forwarded-For` (the harness trusts it), to speak from several client addresses.
 */
export class WebChatClient {
  token = '';
  cursor = '0';
  readonly shown: ShownWebReply[] = [];

  constructor(
    readonly baseUrl: string,
    readonly address = `198.51.100.${1 + Math.floor(Math.random() * 250)}`,
    readonly language: 'vi' | 'en' = 'vi',
  ) {}

  async request<T = Record<string, unknown>>(
    path: string,
    body: unknown,
    options: { token?: string; raw?: string; contentType?: string } = {},
  ): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = {
      'content-type': options.contentType ?? 'application/json',
      'accept-language': this.language,
      'x-forwarded-for': this.address,
    };
    const token = options.token ?? this.token;
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers,
      body: options.raw ?? JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { raw: text };
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  /** Opens a session; throws unless the server issued a token. */
  async startSession(): Promise<this> {
    const answer = await this.request<{ token?: string }>('/chat/api/session', {});
    if (answer.status !== 201 || !answer.body.token) throw new Error(`session refused: ${answer.status}`);
    this.token = answer.body.token;
    return this;
  }

  /** Posts one message as the page does; the answer as it came. */
  post(message: unknown, clientMessageId = randomBytes(12).toString('hex')): Promise<ApiAnswer> {
    return this.request('/chat/api/messages', { clientMessageId, message, language: this.language });
  }

  /** One reply request from `after` (acknowledging it), as it came. */
  fetchReplies(after = this.cursor, waitSeconds = 0, token?: string): Promise<ApiAnswer<RepliesBody>> {
    return this.request<RepliesBody>(
      '/chat/api/replies',
      { after, waitSeconds },
      token === undefined ? {} : { token },
    );
  }

  /**
   * Fetches replies until the chat is no longer busy, moving the cursor past each one shown (the
   * next request acknowledges them), and returns the new ones.
   */
  async collect(timeoutMs = 30_000): Promise<ShownWebReply[]> {
    const fresh: ShownWebReply[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const answer = await this.fetchReplies(this.cursor, 5);
      if (answer.status !== 200) throw new Error(`replies answered ${answer.status}`);
      fresh.push(...answer.body.replies);
      this.shown.push(...answer.body.replies);
      this.cursor = answer.body.cursor;
      if (answer.body.replies.length === 0 && !answer.body.busy) return fresh;
      if (Date.now() > deadline) throw new Error('the chat stayed busy');
    }
  }

  /** Posts a message, expects it accepted, and returns the replies to it. */
  async send(message: unknown): Promise<ShownWebReply[]> {
    const answer = await this.post(message);
    if (answer.status !== 200)
      throw new Error(`message answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return this.collect();
  }

  start(): Promise<ShownWebReply[]> {
    return this.send({ type: 'command', command: 'start' });
  }

  text(text: string): Promise<ShownWebReply[]> {
    return this.send({ type: 'text', text });
  }

  /** Presses the button whose label contains `label` on the latest reply that has buttons. */
  press(label: string): Promise<ShownWebReply[]> {
    const withChoices = [...this.shown].reverse().find((shown) => shown.reply.choices.length > 0);
    const choice = withChoices?.reply.choices.find((c) => c.label.includes(label));
    if (!withChoices || !choice) {
      const labels = withChoices?.reply.choices.map((c) => c.label).join(' | ') ?? '(no buttons)';
      throw new Error(`no button "${label}" among ${labels}`);
    }
    return this.send({ type: 'choice', stepName: withChoices.reply.stepName, choiceId: choice.id });
  }

  last(): RenderedReply {
    const last = this.shown.at(-1);
    if (!last) throw new Error('nothing shown yet');
    return last.reply;
  }

  /** Everything shown so far, one text. */
  transcript(): string {
    return this.shown.map((shown) => shown.reply.text).join('\n');
  }
}

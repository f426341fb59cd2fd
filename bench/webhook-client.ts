import { connect, type Socket } from 'node:net';

/** A webhook answer: its HTTP status (0 for a network error or a timeout) and body. */
export interface WebhookAnswer {
  status: number;
  answer: string;
}

interface Exchange {
  request: Buffer;
  resolve: (answer: WebhookAnswer) => void;
}

const timeoutMs = 10_000;
const headerEnd = Buffer.from('\r\n\r\n');

/**
 * Posts Telegram updates to the webhook the way Telegram does: JSON body, the secret in
 * `X-Telegram-Bot-Api-Secret-Token`, over at most `maxSockets` keep-alive connections, one request
 * at a time on each. Only 127.0.0.1 is allowed.
 *
 * It writes each request with one socket write and reads the answer with a minimal HTTP/1.1
 * parser (status line, `content-length`, `connection: close`): the load generator shares the
 * machine's two cores with the system it measures, and Node's HTTP client cost about twice as
 * much CPU per request as the webhook's own handling.
 */
export class WebhookClient {
  private readonly host: string;
  private readonly port: number;
  private readonly head: string;
  private readonly idle: Connection[] = [];
  private readonly queue: Exchange[] = [];
  private open = 0;
  private closed = false;

  constructor(
    url: string,
    secret: string,
    private readonly maxSockets: number,
  ) {
    const target = new URL(url);
    if (target.hostname !== '127.0.0.1') throw new Error('the bench only sends to 127.0.0.1');
    this.host = target.hostname;
    this.port = Number(target.port);
    this.head =
      `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\n` +
      `Content-Type: application/json\r\nX-Telegram-Bot-Api-Secret-Token: ${secret}\r\n`;
  }

  /** Resolves with the HTTP status once the answer is read; 0 for a network error or a 10 s timeout. */
  async post(body: Buffer): Promise<number> {
    return (await this.exchange(body)).status;
  }

  /** Like `post`, with the answer's body (where a webhook may name a Bot API method to run). */
  exchange(body: Buffer): Promise<WebhookAnswer> {
    const request = Buffer.concat([Buffer.from(`${this.head}Content-Length: ${body.length}\r\n\r\n`), body]);
    return new Promise((resolve) => {
      if (this.closed) return resolve({ status: 0, answer: '' });
      this.queue.push({ request, resolve });
      this.next();
    });
  }

  close(): void {
    this.closed = true;
    for (const connection of this.idle.splice(0)) connection.destroy();
    for (const waiting of this.queue.splice(0)) waiting.resolve({ status: 0, answer: '' });
  }

  private next(): void {
    while (this.queue.length > 0) {
      let connection = this.idle.pop();
      if (!connection) {
        if (this.open >= this.maxSockets) return;
        this.open++;
        connection = new Connection(connect({ host: this.host, port: this.port, noDelay: true }), () => {
          this.open--;
          const index = this.idle.indexOf(connection as Connection);
          if (index >= 0) this.idle.splice(index, 1);
          this.next();
        });
      }
      const exchange = this.queue.shift() as Exchange;
      connection.send(exchange.request, (answer) => {
        if (connection.usable && !this.closed) this.idle.push(connection);
        else connection.destroy();
        exchange.resolve(answer);
        this.next();
      });
    }
  }
}

/** One keep-alive connection carrying one request at a time. */
class Connection {
  usable = true;
  private chunks: Buffer[] = [];
  private received = 0;
  private current: ((answer: WebhookAnswer) => void) | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly socket: Socket,
    onGone: () => void,
  ) {
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.usable = false;
      this.finish({ status: 0, answer: '' });
      onGone();
    });
  }

  send(request: Buffer, done: (answer: WebhookAnswer) => void): void {
    this.current = done;
    this.timer = setTimeout(() => this.socket.destroy(), timeoutMs);
    this.socket.write(request);
  }

  destroy(): void {
    this.usable = false;
    this.socket.destroy();
  }

  private read(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.received += chunk.length;
    const data = this.chunks.length === 1 ? chunk : Buffer.concat(this.chunks);
    this.chunks = [data];
    const end = data.indexOf(headerEnd);
    if (end < 0) return;
    const head = data.toString('latin1', 0, end).toLowerCase();
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length: *(\d+)/.exec(head);
    if (!length || !(status >= 100)) {
      this.destroy();
      return;
    }
    const total = end + headerEnd.length + Number(length[1]);
    if (this.received < total) return;
    // One request at a time: anything after the answer is a broken connection.
    if (this.received > total || /\r\nconnection: *close/.test(head)) this.usable = false;
    this.chunks = [];
    this.received = 0;
    this.finish({ status, answer: data.toString('utf8', end + headerEnd.length, total) });
  }

  private finish(answer: WebhookAnswer): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const done = this.current;
    this.current = null;
    done?.(answer);
  }
}

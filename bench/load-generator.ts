import { Agent, request } from 'node:http';
import { type LatencySummary, summariseLatencies } from './percentile.ts';

export interface LoadResult {
  mode: 'closed-loop' | 'open-loop';
  /** Concurrency (closed loop) or sockets allowed (open loop). */
  connections: number;
  /** Open loop only: the rate asked for. */
  offeredPerSecond?: number;
  sent: number;
  acknowledged: number;
  /** HTTP status (0 = network error or timeout) → count, for every non-200 answer. */
  failures: Record<string, number>;
  elapsedSeconds: number;
  acknowledgedPerSecond: number;
  /** Acknowledgement latency; in the open loop measured from the planned send time. */
  latency: LatencySummary;
}

/**
 * Posts Telegram updates to the webhook the way Telegram does: JSON body, the secret in
 * `X-Telegram-Bot-Api-Secret-Token`, over keep-alive connections. Only 127.0.0.1 is allowed.
 */
export class WebhookClient {
  private readonly agent: Agent;
  private readonly target: URL;

  constructor(
    url: string,
    private readonly secret: string,
    maxSockets: number,
  ) {
    this.target = new URL(url);
    if (this.target.hostname !== '127.0.0.1') throw new Error('the bench only sends to 127.0.0.1');
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  /** Resolves with the HTTP status once the answer is read; 0 for a network error or a 10 s timeout. */
  async post(body: Buffer): Promise<number> {
    return (await this.exchange(body)).status;
  }

  /** Like `post`, with the answer's body (where a webhook may name a Bot API method to run). */
  exchange(body: Buffer): Promise<{ status: number; answer: string }> {
    return new Promise((resolve) => {
      const req = request(
        {
          agent: this.agent,
          host: this.target.hostname,
          port: this.target.port,
          path: this.target.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            'x-telegram-bot-api-secret-token': this.secret,
          },
        },
        (res) => {
          let answer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            answer += chunk;
          });
          res.once('end', () => resolve({ status: res.statusCode ?? 0, answer }));
          res.once('error', () => resolve({ status: 0, answer: '' }));
        },
      );
      req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
      req.once('error', () => resolve({ status: 0, answer: '' }));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * As fast as possible: `concurrency` senders, each posting the next body as soon as the previous
 * one was answered, until `durationMs` has passed.
 */
export async function runClosedLoop(options: {
  client: WebhookClient;
  concurrency: number;
  durationMs: number;
  nextBody: () => Buffer;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let sent = 0;
  const start = performance.now();
  const end = start + options.durationMs;
  const sender = async () => {
    while (performance.now() < end) {
      const body = options.nextBody();
      const began = performance.now();
      sent++;
      const status = await options.client.post(body);
      if (status === 200) latencies.push(performance.now() - began);
      else failures[status] = (failures[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, sender));
  const elapsedSeconds = (performance.now() - start) / 1000;
  return {
    mode: 'closed-loop',
    connections: options.concurrency,
    sent,
    acknowledged: latencies.length,
    failures,
    elapsedSeconds: round(elapsedSeconds),
    acknowledgedPerSecond: Math.round(latencies.length / elapsedSeconds),
    latency: summariseLatencies(latencies),
  };
}

/**
 * At a fixed rate whatever the answers: request i is due at `start + i / rate`, and its latency is
 * counted from that planned moment, so a stall shows up in the percentiles instead of quietly
 * lowering the rate (no coordinated omission).
 */
export async function runOpenLoop(options: {
  client: WebhookClient;
  ratePerSecond: number;
  durationMs: number;
  maxSockets: number;
  nextBody: () => Buffer;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const inFlight = new Set<Promise<void>>();
  const total = Math.floor((options.ratePerSecond * options.durationMs) / 1000);
  const interval = 1000 / options.ratePerSecond;
  const start = performance.now();
  let sent = 0;
  const fire = (planned: number) => {
    const body = options.nextBody();
    const done = options.client.post(body).then((status) => {
      if (status === 200) latencies.push(performance.now() - planned);
      else failures[status] = (failures[status] ?? 0) + 1;
      inFlight.delete(done);
    });
    inFlight.add(done);
  };
  while (sent < total) {
    const due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1);
    for (; sent < due; sent++) fire(start + sent * interval);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  const elapsedSeconds = (performance.now() - start) / 1000;
  return {
    mode: 'open-loop',
    connections: options.maxSockets,
    offeredPerSecond: options.ratePerSecond,
    sent,
    acknowledged: latencies.length,
    failures,
    elapsedSeconds: round(elapsedSeconds),
    acknowledgedPerSecond: Math.round(latencies.length / elapsedSeconds),
    latency: summariseLatencies(latencies),
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

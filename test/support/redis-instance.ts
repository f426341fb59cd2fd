import { type ChildProcess, spawn } from 'node:child_process';
import { type AddressInfo, createServer } from 'node:net';
import { Redis } from 'ioredis';

const servers = new Set<ChildProcess>();

// A test that fails or times out must not leave a Redis running.
process.once('exit', () => {
  for (const server of servers) server.kill('SIGKILL');
});

export interface RedisInstance {
  readonly port: number;
  /** `redis://127.0.0.1:<port>`, the same across restarts. */
  readonly url: string;
  /** Kills the server (SIGKILL unless told) and waits for the exit. Nothing is persisted. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the server again on the same port, empty, as a restarted cache-only Redis would be. */
  restart(): Promise<void>;
  /** Runs one command on a short-lived connection (FLUSHALL, CONFIG SET, DBSIZE…). */
  command(name: string, ...args: (string | number)[]): Promise<unknown>;
  /** A new client for the test's own reads (queue counts); the caller closes it. */
  client(): Redis;
}

/**
 * A private `redis-server` child on a free port of 127.0.0.1, without persistence, for fault tests
 * that stop or wipe Redis: the shared Redis on 6379 is never touched. `extraArgs` are appended to
 * the command line (a later directive wins, e.g. `--maxmemory-policy allkeys-lru`).
 */
export async function startRedisInstance(extraArgs: string[] = []): Promise<RedisInstance> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--daemonize',
    'no',
    '--maxmemory-policy',
    'noeviction',
    ...extraArgs,
  ];
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const output: string[] = [];

  const launch = async () => {
    const server = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    servers.add(server);
    child = server;
    exited = new Promise((resolve) =>
      server.once('exit', () => {
        servers.delete(server);
        resolve();
      }),
    );
    for (const stream of [server.stdout, server.stderr]) {
      stream?.setEncoding('utf8').on('data', (chunk: string) => {
        output.push(chunk);
        if (output.length > 50) output.shift();
      });
    }
    await waitForPing(url, exited, () => output.join(''));
  };

  const command = async (name: string, ...rest: (string | number)[]) => {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    redis.on('error', () => {});
    try {
      await redis.connect();
      return await redis.call(name, ...rest);
    } finally {
      redis.disconnect();
    }
  };

  await launch();
  return {
    port,
    url,
    async stop(signal = 'SIGKILL') {
      const running = child;
      child = null;
      if (running && running.exitCode === null && running.signalCode === null) running.kill(signal);
      await exited;
    },
    async restart() {
      if (child) throw new Error('redis-server is still running');
      await launch();
    },
    command,
    client() {
      const redis = new Redis(url, { maxRetriesPerRequest: null });
      redis.on('error', () => {});
      return redis;
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForPing(url: string, exited: Promise<void>, output: () => string): Promise<void> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (gone) throw new Error(`redis-server exited at start-up:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`redis-server did not answer PING within 10 s:\n${output()}`);
    const redis = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    redis.on('error', () => {});
    const answer = await redis
      .connect()
      .then(() => redis.ping())
      .catch(() => null);
    redis.disconnect();
    if (answer === 'PONG') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

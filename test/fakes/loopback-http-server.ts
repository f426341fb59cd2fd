import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { finished } from 'node:stream/promises';

/** A fake platform's HTTP server on 127.0.0.1. */
export interface LoopbackHttpServer {
  readonly port: number;
  /** `http://127.0.0.1:<port>`: the API root to configure. */
  readonly root: string;
  /** Lets the answers already given reach their clients, then closes every connection. */
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1 at a free port that hands each request to `handle`. When
 * `handle` throws (a bug in the fake), `onBug` answers, if nothing was answered yet.
 */
export async function startLoopbackHttpServer(
  handle: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>,
  onBug: (res: ServerResponse, error: unknown) => void = (res) => void res.writeHead(500).end(),
): Promise<LoopbackHttpServer> {
  const responsesInFlight = new Set<Promise<unknown>>();
  const server = createServer((req, res) => {
    const done = finished(res).catch(() => undefined);
    responsesInFlight.add(done);
    void done.then(() => responsesInFlight.delete(done));
    Promise.resolve()
      .then(() => handle(req, res))
      .catch((error: unknown) => {
        if (!res.headersSent) onBug(res, error);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    root: `http://127.0.0.1:${port}`,
    async close() {
      await Promise.all(responsesInFlight);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

import { createServer, type Server } from 'node:net';

/**
 * `count` different TCP ports on 127.0.0.1 that were free a moment ago: all are held open until
 * every one is known, so two of them can never be the same (one port asked for twice in a row can
 * come back twice, and a web and a worker on one port pass each other's health check). A tiny
 * race with other programs remains; a process that then fails to listen exits, which the start-up
 * check sees.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('could not read a free port');
      ports.push(address.port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }
}

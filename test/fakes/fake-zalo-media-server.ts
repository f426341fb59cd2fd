import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake of Zalo's media hosts on 127.0.0.1: serves files and redirects at given paths and records
 * every request it receives, so a test can prove a refused URL was never fetched.
 */
export class FakeZaloMediaServer {
  readonly hits: string[] = [];
  private readonly routes = new Map<string, { file: Buffer; type: string } | { location: string }>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeZaloMediaServer> {
    const server = createServer();
    const fake = new FakeZaloMediaServer(server);
    server.on('request', (req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      fake.hits.push(path);
      const route = fake.routes.get(path);
      if (!route) {
        res.writeHead(404).end();
      } else if ('location' in route) {
        res.writeHead(302, { location: route.location }).end();
      } else {
        res
          .writeHead(200, { 'content-type': route.type, 'content-length': route.file.length })
          .end(route.file);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  addFile(path: string, file: Buffer, type = 'image/jpeg'): void {
    this.routes.set(path, { file, type });
  }

  addRedirect(path: string, location: string): void {
    this.routes.set(path, { location });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LoopbackHttpServer, startLoopbackHttpServer } from './loopback-http-server.ts';

/**
 * A fake of Zalo's media hosts on 127.0.0.1: serves files and redirects at given paths and records
 * every request it receives, so a test can prove a refused URL was never fetched.
 */
export class FakeZaloMediaServer {
  readonly hits: string[] = [];
  private readonly routes = new Map<string, { file: Buffer; type: string } | { location: string }>();

  private constructor(private readonly http: LoopbackHttpServer) {}

  static async start(): Promise<FakeZaloMediaServer> {
    let fake: FakeZaloMediaServer | undefined;
    const http = await startLoopbackHttpServer((req, res) => fake?.serve(req, res));
    fake = new FakeZaloMediaServer(http);
    return fake;
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    this.hits.push(path);
    const route = this.routes.get(path);
    if (!route) {
      res.writeHead(404).end();
    } else if ('location' in route) {
      res.writeHead(302, { location: route.location }).end();
    } else {
      res.writeHead(200, { 'content-type': route.type, 'content-length': route.file.length }).end(route.file);
    }
  }

  get port(): number {
    return this.http.port;
  }

  addFile(path: string, file: Buffer, type = 'image/jpeg'): void {
    this.routes.set(path, { file, type });
  }

  addRedirect(path: string, location: string): void {
    this.routes.set(path, { location });
  }

  async close(): Promise<void> {
    await this.http.close();
  }
}

import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** The port on 127.0.0.1 that forwards to the target while the proxy is up. */
  readonly port: number;
  /** `url` with its host and port replaced by the proxy's. */
  rewrite(url: string): string;
  /** Stops accepting and breaks every open connection: to its clients the target is gone. */
  cut(): Promise<void>;
  /** Accepts again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A TCP proxy on 127.0.0.1 in front of a server (PostgreSQL in the outage tests), so a test can
 * make the server unreachable and bring it back without touching the server itself.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | null = null;

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };

  const listen = async (port: number): Promise<number> => {
    const listening = createServer((client) => {
      const upstream = connect(target.port, target.host);
      track(client);
      track(upstream);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(port, '127.0.0.1', () => resolve());
    });
    server = listening;
    return (listening.address() as AddressInfo).port;
  };

  const port = await listen(0);

  const cut = async () => {
    const closing = server;
    server = null;
    const closed = closing
      ? new Promise<void>((resolve) => closing.close(() => resolve()))
      : Promise.resolve();
    for (const socket of sockets) socket.destroy();
    await closed;
  };

  return {
    port,
    rewrite(url) {
      return Object.assign(new URL(url), { hostname: '127.0.0.1', port: String(port) }).href;
    },
    cut,
    async restore() {
      if (!server) await listen(port);
    },
    close: cut,
  };
}

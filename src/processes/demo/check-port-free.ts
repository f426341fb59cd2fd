import { createServer } from 'node:net';
import { AppError } from '../../platform/errors/app-error.ts';
import { failureOf } from './demo-setup-error.ts';

/** Fails with a sentence when `host:port` cannot be listened on, before the system starts half-way. */
export async function checkPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port, exclusive: true }, resolve);
    });
  } catch (error) {
    const { code, message } = failureOf(error);
    if (code === 'EADDRINUSE')
      throw new AppError(
        'demo_setup',
        `Port ${port} on ${host} is in use: stop what listens there or set PORT to a free one.`,
      );
    throw new AppError(
      'demo_setup',
      `Cannot listen on ${host}:${port} (${code ?? message}): set HOST and PORT.`,
    );
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

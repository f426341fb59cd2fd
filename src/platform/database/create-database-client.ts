import { PrismaPg } from '@prisma/adapter-pg';
import { type Prisma, PrismaClient } from './generated/prisma/client.ts';

export type Database = PrismaClient;
/** The client handed to code running inside `$transaction`. */
export type Transaction = Prisma.TransactionClient;

/**
 * A Prisma client over node-postgres. Connection failures surface as errors on the query (mapped
 * to 503 by the webhooks), never as an unhandled pool error that would end the process.
 */
export function createDatabaseClient(url: string, poolSize: number): Database {
  const adapter = new PrismaPg(
    { connectionString: url, max: poolSize, connectionTimeoutMillis: 3000, idleTimeoutMillis: 30_000 },
    { onPoolError: () => {}, onConnectionError: () => {} },
  );
  return new PrismaClient({ adapter });
}

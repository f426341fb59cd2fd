import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../src/platform/database/create-database-client.ts';
import type { FakeTelegramServer } from '../fakes/fake-telegram-server.ts';
import { type FaultStack, startFaultStack } from './process-harness.ts';
import type { RedisInstance } from './redis-instance.ts';

/** The fault stack of a test file, read through getters once its beforeAll has run. */
export interface UsedFaultStack {
  readonly stack: FaultStack;
  readonly db: Database;
  readonly env: Record<string, string>;
  readonly redis: RedisInstance;
  /** The fake Telegram; throws unless started with `telegram: true`. */
  readonly telegram: FakeTelegramServer;
}

/**
 * Starts a fault stack before the file's tests and stops it (killing every service process)
 * after them. Read its parts inside a test: `const { db, env } = faults;`.
 */
export function useFaultStack(options: Parameters<typeof startFaultStack>[0]): UsedFaultStack {
  let started: FaultStack | undefined;
  beforeAll(async () => {
    started = await startFaultStack(options);
  });
  afterAll(async () => {
    await started?.stop();
  });
  const stack = (): FaultStack => {
    if (!started) throw new Error('the fault stack starts in beforeAll: read it inside a test');
    return started;
  };
  return {
    get stack() {
      return stack();
    },
    get db() {
      return stack().db;
    },
    get env() {
      return stack().env;
    },
    get redis() {
      return stack().redis;
    },
    get telegram() {
      return stack().telegram();
    },
  };
}

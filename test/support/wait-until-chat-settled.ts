import { eventually } from './eventually.ts';

/**
 * Waits (30 s at most) until a chat has no pending work: every inbound event it sent processed and
 * every message to it delivered. `pendingWork` counts both (a harness's `pendingWork(chatId)`).
 */
export async function waitUntilChatSettled(pendingWork: () => Promise<number>): Promise<void> {
  await eventually(pendingWork, (n) => n === 0, 30_000);
}

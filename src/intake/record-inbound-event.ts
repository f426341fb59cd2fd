import { createHash } from 'node:crypto';
import type { ChannelAdapter } from '../channels/channel-adapter.ts';
import type { Database } from '../database/create-database-client.ts';
import type { IdentityProtection } from '../identity/identity-protection.ts';

export type RecordResult =
  | { kind: 'recorded'; platformKey: string; chatKey: string | null }
  | { kind: 'duplicate'; platformKey: string };

/**
 * Commits one authenticated platform payload, raw and encrypted, before the platform is answered.
 * A payload that is not JSON or has no dedupe key is stored already quarantined under a hash of
 * its bytes, so a redelivery of the same bytes is still recognised. A repeated key is reported as
 * a duplicate. Database failures propagate: the caller answers 503 and the platform redelivers.
 */
export async function recordInboundEvent(
  db: Database,
  protection: IdentityProtection,
  adapter: ChannelAdapter,
  raw: Buffer,
): Promise<RecordResult> {
  let platformKey: string;
  let chatKey: string | null = null;
  let quarantineReason: string | null = null;
  try {
    const key = adapter.readKey(JSON.parse(raw.toString('utf8')));
    platformKey = key.platformKey;
    if (key.chatId !== null) chatKey = protection.hasher.hash(adapter.channel, key.chatId);
  } catch (error) {
    platformKey = `sha256:${createHash('sha256').update(raw).digest('hex')}`;
    quarantineReason = `unreadable payload: ${error instanceof Error ? error.name : 'unknown'}`;
  }
  // Without a chat there is nobody to answer: such events are accounted for at once.
  const outcome = quarantineReason ? 'quarantined' : chatKey === null ? 'other' : 'pending';
  const detail = quarantineReason ?? (chatKey === null ? 'no chat in payload' : null);
  const payloadEnc = protection.cipher.encrypt(raw.toString('base64'));
  const inserted = await db.$queryRaw<{ id: bigint }[]>`
    INSERT INTO inbound_event (channel, platform_key, chat_key, payload_enc, outcome, outcome_detail, processed_at)
    VALUES (${adapter.channel}::"Channel", ${platformKey}, ${chatKey}, ${payloadEnc}, ${outcome}::"InboundOutcome",
            ${detail}, CASE WHEN ${outcome} = 'pending' THEN NULL ELSE now() END)
    ON CONFLICT (channel, platform_key) DO NOTHING
    RETURNING id`;
  if (inserted.length === 0) return { kind: 'duplicate', platformKey };
  return { kind: 'recorded', platformKey, chatKey: outcome === 'pending' ? chatKey : null };
}

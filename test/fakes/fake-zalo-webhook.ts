import { createHash } from 'node:crypto';

/** Signs raw bytes the way Zalo does: `mac=` + SHA-256 of app id, body, timestamp and OA secret key. */
export function signZaloBody(
  raw: string,
  keys: { appId: string; oaSecretKey: string },
  timestamp: string,
): string {
  const mac = createHash('sha256')
    .update(keys.appId + raw + timestamp + keys.oaSecretKey, 'utf8')
    .digest('hex');
  return `mac=${mac}`;
}

/**
 * POSTs an event to the webhook as Zalo does: JSON body and `X-ZEvent-Signature` over the exact
 * bytes sent (unless `signature` overrides it: `null` leaves the header out). Returns the status.
 */
export async function deliverZaloEvent(
  url: string,
  event: Record<string, unknown>,
  keys: { appId: string; oaSecretKey: string },
  options: { signature?: string | null; raw?: string } = {},
): Promise<number> {
  const raw = options.raw ?? JSON.stringify(event);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signature =
    options.signature === undefined
      ? signZaloBody(raw, keys, String(event.timestamp ?? ''))
      : options.signature;
  if (signature !== null) headers['x-zevent-signature'] = signature;
  const response = await fetch(url, { method: 'POST', headers, body: raw });
  await response.arrayBuffer();
  return response.status;
}

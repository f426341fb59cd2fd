import { createZaloBotApi, type ZaloBotConnection } from './zalo-bot-api.ts';

export interface ZaloBotWebhookRegistration extends ZaloBotConnection {
  /** The public HTTPS address of the webhook endpoint. */
  url: string;
  /** Echoed by the platform in `X-Bot-Api-Secret-Token`; 8–256 characters. */
  secretToken: string;
  timeoutMs?: number;
}

/**
 * Points the Bot Platform at the webhook with its secret. Throws a `RangeError` for a secret the
 * platform would refuse, and `PlatformRejectedError` / `NetworkError` when the call fails.
 */
export async function registerZaloBotWebhook(registration: ZaloBotWebhookRegistration): Promise<void> {
  const length = [...registration.secretToken].length;
  if (length < 8 || length > 256) throw new RangeError('the webhook secret must be 8–256 characters');
  const api = createZaloBotApi(registration);
  await api.call(
    'setWebhook',
    { url: registration.url, secret_token: registration.secretToken },
    { timeoutMs: registration.timeoutMs ?? 10_000 },
  );
}

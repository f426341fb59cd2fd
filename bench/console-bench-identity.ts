import { createHash } from 'node:crypto';

/**
 * The keys, officer password and TOTP secret of the console bench's database, fixed so that a
 * cached copy of the 1M-report database stays readable by the system of a later run. They are
 * public, like the demo's: the database holds generated reports only and lives on 127.0.0.1.
 */
export const consoleBenchIdentity = {
  encryptionKey: createHash('sha256').update('tinbao-bench-console-encryption').digest(),
  hashKey: createHash('sha256').update('tinbao-bench-console-hash').digest(),
  password: 'tinbao-bench-console-2026',
  /** Base32 of "tinbao-bench-totp-20". */
  totpSecret: 'ORUW4YTBN4WWEZLOMNUC25DPORYC2MRQ',
} as const;

/** The same keys as the system's environment variables (base64, as a deployment gives them). */
export function consoleBenchKeys(): Record<string, string> {
  return {
    IDENTITY_ENCRYPTION_KEY: consoleBenchIdentity.encryptionKey.toString('base64'),
    IDENTITY_HASH_KEY: consoleBenchIdentity.hashKey.toString('base64'),
  };
}

import type { Logger } from 'pino';
import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import type { IdentityProtection } from '../../platform/identity/identity-protection.ts';
import type { CaseWriter } from '../reports/apply-case-action.ts';

/** Which bot an officer talks to: the citizens' own, or the separate officer bot. */
export type AlertBot = 'citizen' | 'officer';

/** What the officer side of Telegram needs in the web process. */
export interface OfficerTelegramDeps {
  pool: PgPool;
  protection: IdentityProtection;
  cases: CaseWriter;
  logger: Logger;
  clock: () => Date;
}

/** The keyed hash a Telegram user id is stored and found by (never the id itself). */
export function telegramUserHash(protection: IdentityProtection, userId: string): string {
  return protection.hasher.hash('telegram-officer', userId);
}

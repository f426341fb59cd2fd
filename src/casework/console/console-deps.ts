import type { Logger } from 'pino';
import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import type { FieldCipher } from '../../platform/identity/field-cipher.ts';
import type { AccountsContext } from '../accounts/accounts-context.ts';
import type { AlertBot } from '../alerts/officer-telegram-deps.ts';
import type { CaseWriter } from '../reports/apply-case-action.ts';

/** What the console's routes and the API need. */
export interface ConsoleDeps {
  pool: PgPool;
  accounts: AccountsContext;
  cases: CaseWriter;
  /** Decrypts a revealed contact. */
  cipher: FieldCipher;
  logger: Logger;
  demo: boolean;
  /** The public address of the web process, for enrolment links. */
  publicBaseUrl: string;
  /** The Telegram bot officers link for alerts, or null when none is configured. */
  alertsBot: AlertBot | null;
}

import type { PgClient, PgPool } from '../../platform/database/create-pg-pool.ts';
import type { OfficerRole } from '../access/console-user.ts';

export type AuthEventKind =
  | 'login_succeeded'
  | 'login_failed'
  | 'login_throttled'
  | 'logout'
  | 'session_ended'
  | 'invited'
  | 'enrolled'
  | 'deactivated'
  | 'reactivated'
  | 'totp_reenrolled'
  | 'telegram_code_issued'
  | 'telegram_linked'
  | 'telegram_link_refused'
  | 'telegram_unlinked';

/**
 * What an event may say beyond its kind. A closed set of fields holding codes, ids, counts and a
 * session's public handle: there is no field a password, a code, a token or a secret could go in.
 */
export interface AuthEventDetail {
  /** A code: why a login failed (`password`, `code`, `code_reused`…), why a session ended. */
  reason?: string;
  /** The admin (officer id) who acted, for invitations, activation and sessions they ended. */
  by?: string;
  role?: OfficerRole;
  unitId?: string | null;
  /** How many sessions an action ended. */
  sessions?: number;
  /** A session's public handle (never its id or token). */
  session?: string;
  retryAfterSeconds?: number;
  /** Set for a re-authentication before a sensitive change (a new TOTP secret). */
  purpose?: 'reauthentication';
  /** The Telegram bot an alert link was made or ended on (never the Telegram account). */
  bot?: 'citizen' | 'officer';
}

export interface AuthEvent {
  kind: AuthEventKind;
  officerId: string | null;
  at: Date;
  address?: string | null | undefined;
  detail?: AuthEventDetail | undefined;
}

/** Appends one row to `auth_event`, on the connection given (inside a caller's transaction or not). */
export async function recordAuthEvent(db: PgPool | PgClient, event: AuthEvent): Promise<void> {
  await db.query({
    name: 'accounts-record-auth-event',
    text: 'INSERT INTO auth_event (officer_id, kind, at, address, detail) VALUES ($1, $2, $3, $4, $5)',
    values: [
      event.officerId,
      event.kind,
      event.at,
      event.address ?? null,
      event.detail && Object.keys(event.detail).length > 0 ? event.detail : null,
    ],
  });
}

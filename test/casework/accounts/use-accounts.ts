import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { beforeAll } from 'vitest';
import type { OfficerRole } from '../../../src/casework/access/console-user.ts';
import {
  type AccountActor,
  type AccountsContext,
  createAccountsContext,
  type SessionLimits,
} from '../../../src/casework/accounts/accounts-context.ts';
import { authenticate } from '../../../src/casework/accounts/authenticate.ts';
import { completeEnrolment } from '../../../src/casework/accounts/complete-enrolment.ts';
import { createSession, type NewSession } from '../../../src/casework/accounts/create-session.ts';
import { inviteAdminFromCommandLine, inviteOfficer } from '../../../src/casework/accounts/invite-officer.ts';
import { readInvitation } from '../../../src/casework/accounts/read-invitation.ts';
import { totpParameters } from '../../../src/casework/accounts/totp-secret.ts';
import type { PgPool } from '../../../src/platform/database/create-pg-pool.ts';
import { createFieldCipher } from '../../../src/platform/identity/field-cipher.ts';
import { seedPoliceUnits } from '../../../src/triage/units/seed-police-units.ts';
import { type UsedDatabase, usePrivateDatabase } from '../../support/use-private-database.ts';

/** A unit of the seeded list, and one under another province, for officers of two units. */
export const unitA = 'COMM-00004';
export const unitB = 'PROV-79';

export interface EnrolledOfficer {
  officerId: string;
  username: string;
  password: string;
  /** The TOTP secret in base32, as the officer's phone holds it. */
  secret: string;
  actor: AccountActor;
}

export interface AccountsFixture {
  readonly database: UsedDatabase;
  readonly pool: PgPool;
  readonly accounts: AccountsContext;
  /** The time every account operation sees; starts 5 s into a TOTP step. */
  now(): Date;
  advance(seconds: number): void;
  /** The code the officer's phone shows at `at` (now unless given). */
  code(secret: string, at?: Date): string;
  /** An admin enrolled in beforeAll, through the command's invitation. */
  readonly admin: EnrolledOfficer;
  /** A new officer, invited by the admin and enrolled through the enrolment page's calls. */
  enrol(options?: {
    role?: OfficerRole;
    unitId?: string | null;
    username?: string;
  }): Promise<EnrolledOfficer>;
  /** Logs in with a fresh code (the clock moves on a step first) and opens a session. */
  logIn(officer: EnrolledOfficer, address?: string): Promise<NewSession>;
  /** A login name no other test of the file has used. */
  freshUsername(prefix?: string): string;
}

/**
 * A private database with the police units seeded, an accounts context on it with a clock the
 * test moves and a fresh cipher key, and an enrolled admin. Use inside tests (after beforeAll).
 */
export function useAccounts(options: { sessions?: Partial<SessionLimits> } = {}): AccountsFixture {
  const database = usePrivateDatabase({ db: 1, pool: 4 });
  let time = new Date('2026-12-08T01:00:05.000Z').getTime();
  let accounts: AccountsContext | undefined;
  let admin: EnrolledOfficer | undefined;
  let names = 0;
  const cipher = createFieldCipher(randomBytes(32));

  const fixture: AccountsFixture = {
    database,
    get pool() {
      return database.pool;
    },
    get accounts() {
      if (!accounts) throw new Error('useAccounts is ready in a test, after beforeAll');
      return accounts;
    },
    get admin() {
      if (!admin) throw new Error('useAccounts is ready in a test, after beforeAll');
      return admin;
    },
    now: () => new Date(time),
    advance(seconds) {
      time += seconds * 1000;
    },
    code(secret, at = new Date(time)) {
      return TOTP.generate({ ...totpParameters, secret: Secret.fromBase32(secret), timestamp: at.getTime() });
    },
    freshUsername(prefix = 'officer') {
      names += 1;
      return `${prefix}.${names}.${randomBytes(3).toString('hex')}`;
    },
    async enrol(officer = {}) {
      const role = officer.role ?? 'officer';
      const username = officer.username ?? fixture.freshUsername(role);
      const unitId = officer.unitId === undefined ? (role === 'admin' ? null : unitA) : officer.unitId;
      const invited = await inviteOfficer(fixture.accounts, fixture.admin.actor, {
        username,
        displayName: `Cán bộ ${username}`,
        role,
        unitId,
      });
      if (!('ok' in invited)) throw new Error(`invitation refused: ${invited.refused}`);
      return finishEnrolment(invited.ok.enrolmentToken, invited.ok.officerId, username, role);
    },
    async logIn(officer, address = '198.51.100.1') {
      fixture.advance(30);
      const result = await authenticate(fixture.accounts, {
        username: officer.username,
        password: officer.password,
        totpCode: fixture.code(officer.secret),
        address,
      });
      if (!('ok' in result)) throw new Error(`login refused: ${result.refused}`);
      return createSession(fixture.accounts, result.ok.id, { address, userAgent: 'test' });
    },
  };

  async function finishEnrolment(
    token: string,
    officerId: string,
    username: string,
    role: OfficerRole,
  ): Promise<EnrolledOfficer> {
    const view = await readInvitation(fixture.accounts, token);
    if (!('ok' in view)) throw new Error(`invitation unreadable: ${view.refused}`);
    const password = `Mật khẩu ${randomBytes(9).toString('base64url')}`;
    const done = await completeEnrolment(fixture.accounts, {
      token,
      password,
      totpCode: fixture.code(view.ok.totpSecret),
    });
    if (!('ok' in done)) throw new Error(`enrolment refused: ${done.refused}`);
    // The enrolment used this step's code: the next login needs the next one.
    fixture.advance(30);
    return { officerId, username, password, secret: view.ok.totpSecret, actor: { officerId, role } };
  }

  beforeAll(async () => {
    await seedPoliceUnits(database.db);
    accounts = createAccountsContext({
      pool: database.pool,
      cipher,
      clock: () => new Date(time),
      ...(options.sessions ? { sessions: options.sessions } : {}),
    });
    const username = fixture.freshUsername('admin');
    const invited = await inviteAdminFromCommandLine(accounts, { username, displayName: 'Quản trị' });
    if (!('ok' in invited)) throw new Error(`admin invitation refused: ${invited.refused}`);
    admin = await finishEnrolment(invited.ok.enrolmentToken, invited.ok.officerId, username, 'admin');
  });

  return fixture;
}

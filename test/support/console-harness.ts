import type { OfficerRole } from '../../src/casework/access/console-user.ts';
import { type AccountsContext, createAccountsContext } from '../../src/casework/accounts/accounts-context.ts';
import { completeEnrolment } from '../../src/casework/accounts/complete-enrolment.ts';
import { inviteAdminFromCommandLine, inviteOfficer } from '../../src/casework/accounts/invite-officer.ts';
import { readInvitation } from '../../src/casework/accounts/read-invitation.ts';
import type { Draft } from '../../src/citizen/engine/conversation-state.ts';
import { createPgPool, type PgPool } from '../../src/platform/database/create-pg-pool.ts';
import { loadDeadlineRules } from '../../src/triage/deadlines/load-deadline-rules.ts';
import { loadPublicHolidays } from '../../src/triage/deadlines/load-public-holidays.ts';
import { createVietnamCalendar } from '../../src/triage/deadlines/vietnam-calendar.ts';
import { loadTriageRules } from '../../src/triage/rules/load-triage-rules.ts';
import { triageSubmittedReports } from '../../src/triage/triage-submitted-report.ts';
import { seedPoliceUnits } from '../../src/triage/units/seed-police-units.ts';
import { ConsoleClient } from './console-client.ts';
import { submitTestReport } from './submit-test-report.ts';
import { totpCodeFor } from './totp-code.ts';
import { startWebChatHarness, type WebChatHarness } from './web-chat-harness.ts';

export interface TestOfficer {
  id: string;
  username: string;
  displayName: string;
  password: string;
  totpSecret: string;
  role: OfficerRole;
  unitId: string | null;
}

export interface ConsoleHarness {
  web: WebChatHarness;
  pool: PgPool;
  accounts: AccountsContext;
  baseUrl: string;
  /** An account made the way an admin's invitation makes one: invited, then enrolled. */
  enrol(officer: {
    username: string;
    role: OfficerRole;
    unitId: string | null;
    displayName?: string;
  }): Promise<TestOfficer>;
  /** Submitted and triaged tips; their ids. */
  seedReports(count: number, draft?: Partial<Draft>, now?: Date): Promise<string[]>;
  /**
   * A browser-less client logged in as the officer: the same one on each call, since a login uses
   * up a TOTP step and only the steps around now are accepted; `fresh` logs in again.
   */
  login(officer: TestOfficer, options?: { fresh?: boolean }): Promise<ConsoleClient>;
  stop(): Promise<void>;
}

/** The triage the worker runs, with the shipped rules and calendar (tests triage by hand with it). */
export const triageSettings = {
  rules: loadTriageRules(),
  deadlineRules: loadDeadlineRules(),
  calendar: createVietnamCalendar(loadPublicHolidays()),
  defaultProvinceCode: '01',
};

/**
 * The app in-process (web chat and console) on its own database with the police units seeded;
 * `overrides` are configuration variables (a Telegram bot for the alerts, say).
 */
export async function startConsoleHarness(overrides: Record<string, string> = {}): Promise<ConsoleHarness> {
  const web = await startWebChatHarness(overrides);
  await seedPoliceUnits(web.app.db);
  const pool = createPgPool(web.databaseUrl, 3);
  const accounts = createAccountsContext({ pool, cipher: web.app.protection.cipher });
  const admin = await inviteAdminFromCommandLine(accounts, {
    username: 'harness-admin',
    displayName: 'Harness admin',
  });
  if (!('ok' in admin)) throw new Error(`cannot invite the harness admin: ${admin.refused}`);
  /** The last TOTP step each officer used: codes are single use. */
  const lastStep = new Map<string, number>();
  const clients = new Map<string, ConsoleClient>();
  const freshCode = (officer: { id: string; totpSecret: string }) => {
    const step = Math.max(Math.floor(Date.now() / 30_000) - 1, (lastStep.get(officer.id) ?? 0) + 1);
    lastStep.set(officer.id, step);
    return totpCodeFor(officer.totpSecret, step);
  };
  return {
    web,
    pool,
    accounts,
    baseUrl: web.baseUrl,
    async enrol(officer) {
      const displayName = officer.displayName ?? `Cán bộ ${officer.username}`;
      const invited = await inviteOfficer(
        accounts,
        { officerId: admin.ok.officerId, role: 'admin' },
        { ...officer, displayName },
      );
      if (!('ok' in invited)) throw new Error(`cannot invite ${officer.username}: ${invited.refused}`);
      const opened = await readInvitation(accounts, invited.ok.enrolmentToken);
      if (!('ok' in opened)) throw new Error(`cannot open the invitation: ${opened.refused}`);
      const password = `mat-khau-${officer.username}-2026`;
      const made = { id: invited.ok.officerId, totpSecret: opened.ok.totpSecret };
      const enrolled = await completeEnrolment(accounts, {
        token: invited.ok.enrolmentToken,
        password,
        totpCode: freshCode(made),
      });
      if (!('ok' in enrolled)) throw new Error(`cannot enrol ${officer.username}: ${enrolled.refused}`);
      return {
        ...made,
        username: invited.ok.username,
        displayName,
        password,
        role: officer.role,
        unitId: officer.unitId,
      };
    },
    async seedReports(count, draft = { provinceCode: '01', wardCode: '00004' }, now = new Date()) {
      const ids: string[] = [];
      for (let i = 0; i < count; i++)
        ids.push((await submitTestReport(web.databaseUrl, web.app.protection, { draft, now })).reportId);
      await triageSubmittedReports(pool, triageSettings, ids, now);
      return ids;
    },
    async login(officer, options = {}) {
      const known = clients.get(officer.id);
      if (known && !options.fresh) return known;
      const client = new ConsoleClient(web.baseUrl);
      const answer = await client.logIn(officer.username, officer.password, freshCode(officer));
      if (answer.status !== 303) throw new Error(`login of ${officer.username} answered ${answer.status}`);
      clients.set(officer.id, client);
      return client;
    },
    async stop() {
      await pool.end();
      await web.stop();
    },
  };
}

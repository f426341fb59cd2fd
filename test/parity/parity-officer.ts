import { randomUUID } from 'node:crypto';
import type { ConsoleUser } from '../../src/casework/access/console-user.ts';
import {
  type AskQuestionResult,
  askReporterQuestion,
} from '../../src/casework/reports/ask-reporter-question.ts';
import { type CaseView, readCase } from '../../src/casework/reports/read-case.ts';
import { createPgPool } from '../../src/platform/database/create-pg-pool.ts';
import { triageSubmittedReports } from '../../src/triage/triage-submitted-report.ts';
import { seedPoliceUnits } from '../../src/triage/units/seed-police-units.ts';
import { triageSettings } from '../support/console-harness.ts';
import type { ParityChannel } from './parity-channel.ts';

/** A routed report as its unit's officer holds it. */
export interface RoutedReport {
  reportId: string;
  unitName: string;
  /** The officer of its unit, as a console session finds them. */
  user: ConsoleUser;
}

/** The police side of a parity channel: the casework functions the console calls, as an officer of the unit. */
export interface ParityOfficer {
  readonly displayName: string;
  readonly username: string;
  /** Triages a submitted report to its unit, as the worker does. */
  route(registerNumber: string): Promise<RoutedReport>;
  ask(routed: RoutedReport, question: string): Promise<AskQuestionResult>;
  readCase(routed: RoutedReport): Promise<CaseView | null>;
  close(): Promise<void>;
}

/**
 * Seeds the police units into the channel's database and answers for one officer per unit (an
 * account row as an enrolment leaves it; these functions need no login).
 */
export async function startParityOfficer(channel: ParityChannel): Promise<ParityOfficer> {
  await seedPoliceUnits(channel.db);
  const pool = createPgPool(channel.databaseUrl, 2);
  const displayName = 'Trần Văn Thụ Lý';
  const username = `can-bo-${randomUUID().slice(0, 8)}`;
  const users = new Map<string, ConsoleUser>();
  const officerOf = async (unitId: string): Promise<ConsoleUser> => {
    const known = users.get(unitId);
    if (known) return known;
    const { rows } = await pool.query<{ id: string; username: string }>(
      `INSERT INTO officer (id, username, display_name, role, unit_id, enrolled_at)
       VALUES (gen_random_uuid(), $1, $2, 'officer', $3, now()) RETURNING id, username`,
      [`${username}-${users.size}`, displayName, unitId],
    );
    const row = rows[0];
    if (!row) throw new Error('the officer was not stored');
    const user: ConsoleUser = {
      officerId: row.id,
      username: row.username,
      displayName,
      role: 'officer',
      unitId,
      units: [unitId],
      sessionId: randomUUID(),
    };
    users.set(unitId, user);
    return user;
  };
  return {
    displayName,
    username,
    async route(registerNumber) {
      const found = await pool.query<{ id: string }>('SELECT id FROM report WHERE register_number = $1', [
        registerNumber,
      ]);
      const reportId = found.rows[0]?.id;
      if (!reportId) throw new Error(`no report ${registerNumber}`);
      await triageSubmittedReports(pool, triageSettings, [reportId], new Date());
      const { rows } = await pool.query<{ unit_id: string | null; name: string | null }>(
        'SELECT r.unit_id, u.name FROM report r LEFT JOIN police_unit u ON u.id = r.unit_id WHERE r.id = $1',
        [reportId],
      );
      const unit = rows[0];
      if (!unit?.unit_id || !unit.name) throw new Error(`${registerNumber} was not routed`);
      return { reportId, unitName: unit.name, user: await officerOf(unit.unit_id) };
    },
    ask: (routed, question) =>
      askReporterQuestion(
        { pool, cipher: channel.protection.cipher, now: new Date() },
        routed.user,
        routed.reportId,
        question,
      ),
    readCase: (routed) => readCase(pool, routed.user, routed.reportId),
    close: () => pool.end(),
  };
}

import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../../../src/casework/console/console-http.ts';
import { escapeHtml } from '../../../src/platform/http/html.ts';
import { createLogger } from '../../../src/platform/observability/create-logger.ts';
import { translate } from '../../../src/platform/text/translate.ts';
import { registerLedgerPages } from '../../../src/supervision/console/register-ledger-pages.ts';
import { appendLedger } from '../../../src/supervision/ledger/append-ledger.ts';
import { recordLedgerVerification } from '../../../src/supervision/ledger/record-ledger-verification.ts';
import { loadDeadlineRules } from '../../../src/triage/deadlines/load-deadline-rules.ts';
import { loadPublicHolidays } from '../../../src/triage/deadlines/load-public-holidays.ts';
import { createVietnamCalendar } from '../../../src/triage/deadlines/vietnam-calendar.ts';
import { type ConsoleHarness, startConsoleHarness, type TestOfficer } from '../../support/console-harness.ts';
import { readLedger } from './ledger-test-reports.ts';

let harness: ConsoleHarness;
let ledgerServer: FastifyInstance;
let ledgerBase: string;
const people: Record<'supervisor' | 'unit_lead' | 'officer' | 'admin', TestOfficer | null> = {
  supervisor: null,
  unit_lead: null,
  officer: null,
  admin: null,
};
const vi = (key: string, params?: Record<string, string | number>) =>
  escapeHtml(translate('vi', { key: `console.${key}`, ...(params ? { params } : {}) }));

/** A request to the ledger pages with the session the harness's console gave the officer. */
async function asOfficer(who: TestOfficer, path: string): Promise<Response> {
  const client = await harness.login(who);
  return fetch(new URL(path, ledgerBase), {
    redirect: 'manual',
    headers: { cookie: `${sessionCookieName}=${client.cookie(sessionCookieName) ?? ''}` },
  });
}
const person = (role: keyof typeof people) => {
  const found = people[role];
  if (!found) throw new Error(`no ${role}`);
  return found;
};

beforeAll(async () => {
  harness = await startConsoleHarness();
  const [reportId = ''] = await harness.seedReports(2, undefined, new Date(Date.now() - 60_000));
  const { rows } = await harness.pool.query<{ unit_id: string }>('SELECT unit_id FROM report WHERE id = $1', [
    reportId,
  ]);
  const unitId = rows[0]?.unit_id ?? null;
  people.supervisor = await harness.enrol({ username: 'ledger-supervisor', role: 'supervisor', unitId });
  people.unit_lead = await harness.enrol({ username: 'ledger-lead', role: 'unit_lead', unitId });
  people.officer = await harness.enrol({ username: 'ledger-officer', role: 'officer', unitId });
  people.admin = await harness.enrol({ username: 'ledger-admin', role: 'admin', unitId: null });
  while ((await appendLedger(harness.pool, 100)) > 0);

  // The pages alone on a server of the test's own, on the harness's database and sessions.
  const logger = createLogger('silent');
  ledgerServer = Fastify({ loggerInstance: logger as FastifyBaseLogger });
  const cipher = harness.web.app.protection.cipher;
  registerLedgerPages(ledgerServer, {
    pool: harness.pool,
    accounts: harness.accounts,
    cases: {
      pool: harness.pool,
      context: { calendar: createVietnamCalendar(loadPublicHolidays()), rules: loadDeadlineRules() },
      clock: () => new Date(),
      cipher,
    },
    cipher,
    logger,
    demo: false,
    publicBaseUrl: 'http://127.0.0.1',
    alertsBot: null,
  });
  ledgerBase = await ledgerServer.listen({ host: '127.0.0.1', port: 0 });
}, 120_000);
afterAll(async () => {
  await ledgerServer?.close();
  await harness?.stop();
});

describe('the ledger pages of the console', () => {
  it('say the ledger was not verified yet before the first verification', async () => {
    const answer = await asOfficer(person('supervisor'), '/console/ledger');
    expect(answer.status).toBe(200);
    const body = await answer.text();
    expect(body).toContain(vi('ledger_not_verified'));
    expect(body).toContain(vi('ledger_no_heads'));
    await recordLedgerVerification(harness.pool, 'command');
  });

  it.each(['supervisor', 'unit_lead'] as const)(
    'show a %s the intact chain and today’s head',
    async (role) => {
      const ledger = await readLedger(harness.pool);
      expect(ledger.length).toBeGreaterThanOrEqual(6);
      const last = ledger.at(-1)?.hash.toString('hex') ?? '';
      const answer = await asOfficer(person(role), '/console/ledger');
      expect(answer.status).toBe(200);
      const body = await answer.text();
      expect(body).toContain(vi('ledger_intact', { entries: ledger.length, hash: last }));
      expect(body).toContain(`<td>${ledger.length}</td><td><code>${last}</code></td>`);
      expect(body).toContain('href="/console/ledger/heads.csv"');
      expect(body).toContain(vi('ledger_by_command'));
    },
  );

  it.each(['officer', 'admin'] as const)('refuse a signed-in %s with 403', async (role) => {
    for (const path of ['/console/ledger', '/console/ledger/heads.csv']) {
      const answer = await asOfficer(person(role), path);
      expect(answer.status, path).toBe(403);
      expect(await answer.text(), path).not.toContain('<code>');
    }
  });

  it('send a browser without a session to the login page', async () => {
    const answer = await fetch(new URL('/console/ledger', ledgerBase), { redirect: 'manual' });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/console/login');
  });

  it('give the daily heads as UTF-8 CSV with a BOM, a line per day', async () => {
    const ledger = await readLedger(harness.pool);
    const answer = await asOfficer(person('supervisor'), '/console/ledger/heads.csv');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await answer.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { rows } = await harness.pool.query<{ day: string }>(
      `SELECT to_char((at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'YYYY-MM-DD') AS day FROM ledger_entry ORDER BY id DESC LIMIT 1`,
    );
    expect(bytes.subarray(3).toString('utf8')).toBe(
      `date,entries,head\r\n${rows[0]?.day},${ledger.length},${ledger.at(-1)?.hash.toString('hex')}\r\n`,
    );
  });

  it('name the first problem once a sealed report was changed', async () => {
    const { rows } = await harness.pool.query<{ id: string; register_number: string }>(
      `UPDATE report SET kind = 'trafficking' WHERE id = (SELECT id FROM report ORDER BY register_seq LIMIT 1)
       RETURNING id, register_number`,
    );
    const entry = (await readLedger(harness.pool)).find((r) => r.subject_id === rows[0]?.id);
    // The page shows the latest verification: still intact until the next one.
    const before = await asOfficer(person('unit_lead'), '/console/ledger');
    expect(await before.text()).toContain('class="flash ok"');
    await recordLedgerVerification(harness.pool, 'worker');
    const answer = await asOfficer(person('unit_lead'), '/console/ledger');
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain(
      vi('ledger_problem_report_changed', {
        register: rows[0]?.register_number ?? '',
        entry: entry?.id ?? '',
      }),
    );
    const { rows: kept } = await harness.pool.query<{ by: string; problem: { kind: string } | null }>(
      'SELECT by, problem FROM ledger_verification ORDER BY id',
    );
    expect(kept.map((r) => [r.by, r.problem?.kind ?? null])).toEqual([
      ['command', null],
      ['worker', 'subject_changed'],
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src/casework/audit/verify-audit-chain.ts';
import { type ConsoleHarness, startConsoleHarness, type TestOfficer } from '../../support/console-harness.ts';

let harness: ConsoleHarness;
let ours: string[];
let theirs: string[];
let unitId: string;
let otherUnitId: string;
let officer: TestOfficer;
let colleague: TestOfficer;
let lead: TestOfficer;
let foreignOfficer: TestOfficer;

const unitOf = async (id: string) =>
  (await harness.pool.query<{ unit_id: string }>('SELECT unit_id FROM report WHERE id = $1', [id])).rows[0]
    ?.unit_id ?? '';
const reportRow = async (id: string) =>
  (
    await harness.pool.query<{
      status: string;
      version: number;
      decision_due_at: Date | null;
      assignee_id: string | null;
    }>('SELECT status, version, decision_due_at, assignee_id FROM report WHERE id = $1', [id])
  ).rows[0];
const eventsOf = async (id: string) =>
  (
    await harness.pool.query<{ kind: string; actor: string }>(
      'SELECT kind, actor FROM report_event WHERE report_id = $1 ORDER BY id',
      [id],
    )
  ).rows;

beforeAll(async () => {
  harness = await startConsoleHarness();
  ours = await harness.seedReports(4);
  theirs = await harness.seedReports(2, { provinceCode: '79' });
  unitId = await unitOf(ours[0] ?? '');
  otherUnitId = await unitOf(theirs[0] ?? '');
  officer = await harness.enrol({ username: 'officer-a', role: 'officer', unitId });
  colleague = await harness.enrol({ username: 'officer-b', role: 'officer', unitId });
  lead = await harness.enrol({ username: 'lead-a', role: 'unit_lead', unitId });
  foreignOfficer = await harness.enrol({ username: 'officer-x', role: 'officer', unitId: otherUnitId });
}, 60_000);
afterAll(async () => {
  await harness?.stop();
});

describe('the officer console', () => {
  it('routes the two provinces to different units (the premise of the scoping checks)', () => {
    expect(unitId).not.toBe('');
    expect(otherUnitId).not.toBe(unitId);
  });

  it("lists the unit's own reports in its queue and answers 404 for another unit's report", async () => {
    const client = await harness.login(officer);
    const queue = await client.get('/console');
    expect(queue.status).toBe(200);
    for (const id of ours) expect(queue.body).toContain(`/console/reports/${id}`);
    for (const id of theirs) expect(queue.body).not.toContain(id);
    const foreign = await client.get(`/console/reports/${theirs[0]}`);
    expect(foreign.status).toBe(404);
    const made = await client.get('/console/reports/00000000-0000-4000-8000-000000000000');
    expect(made.status).toBe(404);
    expect(foreign.body.replace(/value="[^"]*"/g, '')).toBe(made.body.replace(/value="[^"]*"/g, ''));
  });

  it('switches to English and back, staying on the page, and never redirects off the console', async () => {
    const client = await harness.login(officer);
    const switched = await client.get('/console/language?to=en&back=/console');
    expect(switched.status).toBe(303);
    expect(switched.location).toBe('/console');
    const english = await client.get('/console');
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('The unit&#39;s queue');
    expect((await client.get('/console/language?to=vi&back=//evil.example/')).location).toBe('/console');
    expect((await client.get('/console')).body).toContain('Hàng chờ của đơn vị');
  });

  it('sends a browser without a session to the login page and refuses a form without its token', async () => {
    const client = await harness.login(officer);
    const anonymous = await new (
      client.constructor as typeof import('../../support/console-client.ts').ConsoleClient
    )(harness.baseUrl).get('/console');
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toBe('/console/login');
    const id = ours[1] ?? '';
    await client.get(`/console/reports/${id}`);
    const before = await reportRow(id);
    const forged = await client.post(`/console/reports/${id}/actions/classify`, {
      _csrf: 'x'.repeat(43),
      outcome: 'in_competence',
    });
    expect(forged.status).toBe(403);
    expect(await reportRow(id)).toEqual(before);
  });

  it('carries a tip from the queue to a decision, each step an attributed event and the deadlines re-derived', async () => {
    const id = ours[0] ?? '';
    const client = await harness.login(officer);
    const leadClient = await harness.login(lead);
    const act = async (who: typeof client, type: string, fields: Record<string, string> = {}) => {
      const page = await who.get(`/console/reports/${id}`);
      expect(page.status).toBe(200);
      const version = who.formToken('version') ?? '';
      const answer = await who.post(`/console/reports/${id}/actions/${type}`, { version, ...fields });
      expect(answer.status, `${type}: ${answer.body.slice(0, 300)}`).toBe(303);
    };
    await act(client, 'assign', { assigneeId: officer.id });
    await act(client, 'classify', { outcome: 'in_competence' });
    await act(client, 'accept');
    const accepted = await reportRow(id);
    await act(client, 'verify');
    await act(leadClient, 'extend', { reason: 'Phải xác minh ở nhiều nơi' });
    const extended = await reportRow(id);
    expect(extended?.status).toBe('extended');
    expect(extended?.decision_due_at?.getTime()).toBeGreaterThan(accepted?.decision_due_at?.getTime() ?? 0);
    await act(leadClient, 'decide', {
      decision: 'no_prosecute',
      legalGround: 'Điều 157 BLTTHS',
      reasons: 'Không có sự việc phạm tội',
    });
    const decided = await reportRow(id);
    expect(decided?.status).toBe('decided_no_prosecute');
    expect(decided?.decision_due_at).toBeNull();
    const events = await eventsOf(id);
    expect(events.map((e) => e.kind)).toEqual([
      'submitted',
      'triaged',
      'assign',
      'classify',
      'accept',
      'verify',
      'extend',
      'decide',
    ]);
    expect(events.slice(2).map((e) => e.actor)).toEqual([
      ...Array(4).fill(`officer:${officer.id}`),
      `officer:${lead.id}`,
      `officer:${lead.id}`,
    ]);
    const page = await client.get(`/console/reports/${id}`);
    expect(page.body).toContain('Đã quyết định không khởi tố vụ án');
    const chain = await verifyAuditChain(harness.pool, { batchSize: 100 });
    expect(chain.ok).toBe(true);
  });

  it('lets one of two officers acting on the same version win and tells the other, applying nothing twice', async () => {
    const id = ours[2] ?? '';
    const [a, b] = [await harness.login(lead), await harness.login(colleague)];
    await a.get(`/console/reports/${id}`);
    await b.get(`/console/reports/${id}`);
    const version = a.formToken('version') ?? '';
    const answers = await Promise.all([
      a.post(`/console/reports/${id}/actions/classify`, { version, outcome: 'in_competence' }),
      b.post(`/console/reports/${id}/actions/classify`, { version, outcome: 'in_competence' }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([303, 409]);
    expect((await eventsOf(id)).filter((e) => e.kind === 'classify')).toHaveLength(1);
    expect((await reportRow(id))?.version).toBe(Number(version) + 1);
  });

  it("refuses an action from the wrong state and an officer acting on a colleague's report", async () => {
    const id = ours[3] ?? '';
    const client = await harness.login(officer);
    await client.get(`/console/reports/${id}`);
    const early = await client.post(`/console/reports/${id}/actions/accept`, {
      version: client.formToken('version') ?? '',
    });
    expect(early.status).toBe(422);
    const leadClient = await harness.login(lead);
    await leadClient.get(`/console/reports/${id}`);
    const assigned = await leadClient.post(`/console/reports/${id}/actions/assign`, {
      version: leadClient.formToken('version') ?? '',
      assigneeId: colleague.id,
    });
    expect(assigned.status).toBe(303);
    await client.get(`/console/reports/${id}`);
    const other = await client.post(`/console/reports/${id}/actions/classify`, {
      version: client.formToken('version') ?? '',
      outcome: 'in_competence',
    });
    expect(other.status).toBe(403);
    expect((await reportRow(id))?.status).toBe('submitted');
  });

  it("never shows another unit's officer this unit's reports, nor acts for them", async () => {
    const client = await harness.login(foreignOfficer);
    const queue = await client.get('/console');
    for (const id of ours) expect(queue.body).not.toContain(id);
    await client.get('/console');
    const acted = await client.post(`/console/reports/${ours[1]}/actions/classify`, {
      outcome: 'in_competence',
    });
    expect(acted.status).toBe(404);
    expect((await reportRow(ours[1] ?? ''))?.status).toBe('submitted');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, startConsoleHarness, type TestOfficer } from '../../support/console-harness.ts';
import { totpCodeFor } from '../../support/totp-code.ts';

let harness: ConsoleHarness;
let ours: string[];
let theirs: string[];
let officer: TestOfficer;
let lead: TestOfficer;

const call = async (
  path: string,
  init: { method?: string; token?: string; body?: unknown; cookie?: string } = {},
) => {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.cookie) headers.cookie = init.cookie;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(new URL(path, harness.baseUrl), {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, text };
};

const tokenOf = async (who: TestOfficer, step: number) => {
  const answer = await call('/api/v1/sessions', {
    method: 'POST',
    body: { username: who.username, password: who.password, totpCode: totpCodeFor(who.totpSecret, step) },
  });
  expect(answer.status).toBe(201);
  return String(answer.body.token);
};

beforeAll(async () => {
  harness = await startConsoleHarness();
  ours = await harness.seedReports(2);
  theirs = await harness.seedReports(1, { provinceCode: '79' });
  const { rows } = await harness.pool.query<{ unit_id: string }>('SELECT unit_id FROM report WHERE id = $1', [
    ours[0],
  ]);
  const unitId = rows[0]?.unit_id ?? null;
  officer = await harness.enrol({ username: 'api-officer', role: 'officer', unitId });
  lead = await harness.enrol({ username: 'api-lead', role: 'unit_lead', unitId });
}, 60_000);
afterAll(async () => {
  await harness?.stop();
});

describe('the casework API', () => {
  it('describes itself at /api/openapi.json, every operation with its schemas', async () => {
    const answer = await call('/api/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toBe('3.1.0');
    const paths = answer.body.paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths).sort()).toEqual([
      '/api/v1/reports',
      '/api/v1/reports/{id}',
      '/api/v1/reports/{id}/actions',
      '/api/v1/reports/{id}/notes',
      '/api/v1/reports/{id}/questions',
      '/api/v1/reports/{id}/vks-notices',
      '/api/v1/sessions',
      '/api/v1/sessions/current',
    ]);
    expect(answer.text).toContain('"vks_extend"');
    expect(JSON.stringify(paths['/api/v1/reports/{id}/questions'])).toContain('"waiting"');
    expect(JSON.stringify(paths['/api/v1/reports/{id}/vks-notices'])).toContain('"vks_extension_request"');
  });

  it('answers 401 without a Bearer token, and does not take the console cookie for one', async () => {
    expect((await call('/api/v1/reports')).status).toBe(401);
    const client = await harness.login(officer);
    const cookie = `__Host-tinbao_console=${client.cookie('__Host-tinbao_console')}`;
    expect((await call('/api/v1/reports', { cookie })).status).toBe(401);
  });

  it("lists and reads the unit's reports only, and moves one along the status machine with the console's checks", async () => {
    const step = Math.floor(Date.now() / 30_000) + 1;
    const token = await tokenOf(officer, step);
    const list = await call('/api/v1/reports', { token });
    const ids = (list.body.items as { id: string }[]).map((item) => item.id);
    expect(ids.sort()).toEqual([...ours].sort());
    expect((await call(`/api/v1/reports/${theirs[0]}`, { token })).status).toBe(404);

    const id = ours[0] ?? '';
    const read = await call(`/api/v1/reports/${id}`, { token });
    expect(read.status).toBe(200);
    expect(read.body.allowedActions).toEqual(['assign', 'classify']);
    expect(read.text).not.toContain('reporterId');
    const version = Number(read.body.version);
    const act = (body: unknown, who = token) =>
      call(`/api/v1/reports/${id}/actions`, { method: 'POST', token: who, body });

    expect((await act({ version, action: { type: 'accept' } })).status).toBe(422);
    expect((await act({ version, action: { type: 'classify', outcome: 'teleport' } })).status).toBe(400);
    const classified = await act({ version, action: { type: 'classify', outcome: 'in_competence' } });
    expect(classified.status).toBe(200);
    expect(classified.body).toMatchObject({ status: 'classified', version: version + 1 });
    expect((await act({ version, action: { type: 'accept' } })).status).toBe(409);
    expect((await act({ version: version + 1, action: { type: 'accept' } })).body.status).toBe('accepted');
    expect(
      (await act({ version: version + 2, action: { type: 'extend', reason: 'nhiều nơi' } })).status,
    ).toBe(403);

    const leadToken = await tokenOf(lead, step);
    const decided = await act(
      {
        version: version + 2,
        action: { type: 'decide', decision: 'suspend', legalGround: 'Điều 148 BLTTHS' },
      },
      leadToken,
    );
    expect(decided.body.status).toBe('suspended');
    const after = await call(`/api/v1/reports/${id}`, { token });
    expect((after.body.deadlines as Record<string, string | null>).decision).toBeNull();
    expect((after.body.deadlines as Record<string, string | null>).notice).not.toBeNull();
    expect((await call('/api/v1/sessions/current', { method: 'DELETE', token })).status).toBe(204);
    expect((await call('/api/v1/reports', { token })).status).toBe(401);
  });
});

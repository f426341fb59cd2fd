import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleClient } from '../../support/console-client.ts';
import { type ConsoleHarness, startConsoleHarness, type TestOfficer } from '../../support/console-harness.ts';
import { totpCodeFor } from '../../support/totp-code.ts';

let harness: ConsoleHarness;
let admin: TestOfficer;
let supervisor: TestOfficer;
let report: string;
let unitId: string;

beforeAll(async () => {
  harness = await startConsoleHarness();
  [report = ''] = await harness.seedReports(1);
  const { rows } = await harness.pool.query<{ unit_id: string }>('SELECT unit_id FROM report WHERE id = $1', [
    report,
  ]);
  unitId = rows[0]?.unit_id ?? '';
  admin = await harness.enrol({ username: 'admin-b', role: 'admin', unitId: null });
  // The province police above the commune the tip went to: its supervisor reads the subtree.
  supervisor = await harness.enrol({ username: 'supervisor-b', role: 'supervisor', unitId: 'PROV-01' });
}, 60_000);
afterAll(async () => {
  await harness?.stop();
});

describe('accounts in the console', () => {
  it('lets an admin invite an officer, who enrols with a password and a TOTP code and logs in; deactivation ends the session at once', async () => {
    const adminClient = await harness.login(admin);
    await adminClient.get('/console/accounts');
    const invited = await adminClient.post('/console/accounts/invite', {
      username: 'new-officer',
      displayName: 'Hoàng Văn Em',
      role: 'officer',
      unitId,
    });
    expect(invited.status).toBe(200);
    const link = /(http:\/\/[^ <"]+\/console\/enrol\/[A-Za-z0-9_-]+)/.exec(invited.body)?.[1] ?? '';
    expect(link).not.toBe('');
    const path = new URL(link).pathname;

    const invitee = new ConsoleClient(harness.baseUrl);
    const page = await invitee.get(path);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<svg');
    const secret = /<code class="secret">([A-Z2-7]+)<\/code>/.exec(page.body)?.[1] ?? '';
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const step = Math.floor(Date.now() / 30_000);
    const weak = await invitee.post(path, { password: 'short', totp: totpCodeFor(secret, step) });
    expect(weak.status).toBe(422);
    const enrolled = await invitee.post(path, {
      password: 'mật khẩu đủ dài 2026',
      totp: totpCodeFor(secret, step - 1),
    });
    expect(enrolled.status).toBe(303);
    expect((await invitee.get(path)).status).toBe(404);

    const login = await invitee.logIn('new-officer', 'mật khẩu đủ dài 2026', totpCodeFor(secret, step));
    expect(login.status).toBe(303);
    expect((await invitee.get('/console')).status).toBe(200);

    const { rows } = await harness.pool.query<{ id: string }>(
      "SELECT id FROM officer WHERE username = 'new-officer'",
    );
    await adminClient.get('/console/accounts');
    const off = await adminClient.post(`/console/accounts/${rows[0]?.id}/deactivate`);
    expect(off.status).toBe(303);
    const after = await invitee.get('/console');
    expect(after.status).toBe(303);
    expect(after.location).toBe('/console/login?ended=1');
  });

  it('gives an admin no case content', async () => {
    const adminClient = await harness.login(admin);
    const queue = await adminClient.get('/console');
    expect(queue.status).toBe(303);
    expect(queue.location).toBe('/console/accounts');
    expect((await adminClient.get(`/console/reports/${report}`)).status).toBe(404);
  });

  it("shows a supervisor the subtree's reports, read-only", async () => {
    const client = await harness.login(supervisor);
    const queue = await client.get('/console');
    expect(queue.body).toContain(`/console/reports/${report}`);
    const page = await client.get(`/console/reports/${report}`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('/actions/');
    const acted = await client.post(`/console/reports/${report}/actions/classify`, {
      version: client.formToken('version') ?? '',
      outcome: 'in_competence',
    });
    expect(acted.status).toBe(403);
    const noted = await client.post(`/console/reports/${report}/notes`, { text: 'ghi chú' });
    expect(noted.status).toBe(403);
  });

  it('refuses a wrong TOTP code and a reused one, with the same answer as a wrong password', async () => {
    const officer = await harness.enrol({ username: 'officer-c', role: 'officer', unitId });
    const step = Math.floor(Date.now() / 30_000);
    const wrong = await new ConsoleClient(harness.baseUrl).logIn(
      officer.username,
      officer.password,
      '000000',
    );
    const badPassword = await new ConsoleClient(harness.baseUrl).logIn(
      officer.username,
      'sai mật khẩu rồi',
      totpCodeFor(officer.totpSecret, step),
    );
    // The enrolment used step − 1: that code is spent.
    const reused = await new ConsoleClient(harness.baseUrl).logIn(
      officer.username,
      officer.password,
      totpCodeFor(officer.totpSecret, step - 1),
    );
    for (const answer of [wrong, badPassword, reused]) expect(answer.status).toBe(401);
    const strip = (body: string) => body.replace(/value="[^"]*"/g, '');
    expect(strip(wrong.body)).toBe(strip(badPassword.body));
    expect(strip(reused.body)).toBe(strip(badPassword.body));
  });
});

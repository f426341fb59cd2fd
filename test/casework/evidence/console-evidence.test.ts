import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountsContext } from '../../../src/casework/accounts/accounts-context.ts';
import { tokenHash } from '../../../src/casework/accounts/random-token.ts';
import { sessionCookieName } from '../../../src/casework/console/console-http.ts';
import {
  evidenceLinkLifetimeMs,
  readEvidenceLink,
  signEvidenceLink,
} from '../../../src/casework/evidence/evidence-link.ts';
import { registerConsoleEvidence } from '../../../src/casework/evidence/register-console-evidence.ts';
import { mediaUrlHash } from '../../../src/citizen/media/media-downloader.ts';
import { escapeHtml } from '../../../src/platform/http/html.ts';
import { createLogger } from '../../../src/platform/observability/create-logger.ts';
import { translate } from '../../../src/platform/text/translate.ts';
import { loadDeadlineRules } from '../../../src/triage/deadlines/load-deadline-rules.ts';
import { loadPublicHolidays } from '../../../src/triage/deadlines/load-public-holidays.ts';
import { createVietnamCalendar } from '../../../src/triage/deadlines/vietnam-calendar.ts';
import { FakeZaloMediaServer } from '../../fakes/fake-zalo-media-server.ts';
import type { ConsoleClient } from '../../support/console-client.ts';
import { type ConsoleHarness, startConsoleHarness, type TestOfficer } from '../../support/console-harness.ts';
import { submitZaloOaReport } from './submit-zalo-oa-report.ts';

let harness: ConsoleHarness;
let media: FakeZaloMediaServer;
let zalo: { reportId: string; attachmentIds: string[] };
let telegramReportId: string;
let officer: TestOfficer;
let colleague: TestOfficer;
let leaver: TestOfficer;
let foreignOfficer: TestOfficer;
let admin: TestOfficer;

const marker = `EVIDENCE-MARKER-${randomBytes(6).toString('hex')}`;
const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(marker), randomBytes(3000)]);
const disguised = Buffer.concat([Buffer.from('MZ'), Buffer.from(marker), randomBytes(500)]);
const photoId = () => zalo.attachmentIds[0] ?? '';
const disguisedId = () => zalo.attachmentIds[1] ?? '';
const refusedId = () => zalo.attachmentIds[2] ?? '';

const sessionIdOf = (client: ConsoleClient) => tokenHash(client.cookie(sessionCookieName) ?? '');
const vi = (key: string, params?: Record<string, string>) =>
  escapeHtml(translate('vi', { key: `console.${key}`, ...(params ? { params } : {}) }));

/** The evidence links of a report page, by the attachment each opens for the client's session. */
async function linksOn(client: ConsoleClient, reportId: string): Promise<Map<string, string>> {
  const page = await client.get(`/console/reports/${reportId}`);
  expect(page.status).toBe(200);
  const links = new Map<string, string>();
  for (const [, path = ''] of page.body.matchAll(/href="(\/console\/evidence\/[A-Za-z0-9_-]+)"/g)) {
    const link = readEvidenceLink(path.split('/').at(-1) ?? '', sessionIdOf(client), new Date());
    if (link) links.set(link.attachmentId, path);
  }
  return links;
}

const evidenceViews = async () =>
  (
    await harness.pool.query<{
      officer_id: string;
      session_id: string;
      report_id: string;
      detail: Record<string, string>;
    }>(
      `SELECT officer_id, session_id, report_id, detail FROM audit_entry WHERE action = 'evidence.view' ORDER BY id`,
    )
  ).rows;

/**
 * The evidence route alone on a server of the test's own, on the harness's database (so the
 * harness's sessions and links work there), with a clock the test moves and every log line kept.
 */
let evidenceServer: FastifyInstance;
let evidenceBase: string;
let clockOffsetMs = 0;
const logLines: string[] = [];
const fetchEvidence = (base: string, path: string, client: ConsoleClient) =>
  fetch(new URL(path, base), {
    redirect: 'manual',
    headers: { cookie: `${sessionCookieName}=${client.cookie(sessionCookieName) ?? ''}` },
  });

beforeAll(async () => {
  harness = await startConsoleHarness();
  media = await FakeZaloMediaServer.start();
  zalo = await submitZaloOaReport(harness, media, [
    { kind: 'photo', body: photo, type: 'image/jpeg' },
    { kind: 'document', body: disguised, type: 'image/jpeg', fileName: 'anh-hien-truong.jpg' },
    { kind: 'photo', body: randomBytes(100), type: 'image/jpeg', refused: true },
  ]);
  [telegramReportId = ''] = await harness.seedReports(1, {
    provinceCode: '01',
    wardCode: '00004',
    attachments: [{ kind: 'photo', platformFileId: 'AgACAgIAAxkBAAIBZ2telegram-file-id', sizeBytes: 48_000 }],
  });
  const [foreignReportId = ''] = await harness.seedReports(1, { provinceCode: '79' });
  const unitOf = async (id: string) =>
    (await harness.pool.query<{ unit_id: string }>('SELECT unit_id FROM report WHERE id = $1', [id])).rows[0]
      ?.unit_id ?? '';
  const unitId = await unitOf(zalo.reportId);
  const otherUnitId = await unitOf(foreignReportId);
  expect(await unitOf(telegramReportId)).toBe(unitId);
  expect(otherUnitId).not.toBe(unitId);
  officer = await harness.enrol({ username: 'evidence-officer', role: 'officer', unitId });
  colleague = await harness.enrol({ username: 'evidence-colleague', role: 'officer', unitId });
  leaver = await harness.enrol({ username: 'evidence-leaver', role: 'officer', unitId });
  foreignOfficer = await harness.enrol({
    username: 'evidence-foreign',
    role: 'officer',
    unitId: otherUnitId,
  });
  admin = await harness.enrol({ username: 'evidence-admin', role: 'admin', unitId: null });

  const logger = createLogger(
    'debug',
    new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  );
  evidenceServer = Fastify({ loggerInstance: logger as FastifyBaseLogger });
  const clock = () => new Date(Date.now() + clockOffsetMs);
  registerConsoleEvidence(evidenceServer, {
    pool: harness.pool,
    accounts: createAccountsContext({ pool: harness.pool, cipher: harness.web.app.protection.cipher, clock }),
    cases: {
      pool: harness.pool,
      context: { calendar: createVietnamCalendar(loadPublicHolidays()), rules: loadDeadlineRules() },
      clock,
      cipher: harness.web.app.protection.cipher,
    },
    cipher: harness.web.app.protection.cipher,
    logger,
    demo: false,
    publicBaseUrl: 'http://127.0.0.1',
    alertsBot: null,
  });
  evidenceBase = await evidenceServer.listen({ host: '127.0.0.1', port: 0 });
}, 90_000);
afterAll(async () => {
  await evidenceServer?.close();
  await media?.close();
  await harness?.stop();
});

describe('evidence files in the console', () => {
  it('serves a kept Zalo OA photo to an officer of its unit, decrypted, only to be looked at, and records the view', async () => {
    const client = await harness.login(officer);
    const links = await linksOn(client, zalo.reportId);
    expect([...links.keys()].sort()).toEqual([photoId(), disguisedId()].sort());
    const before = (await evidenceViews()).length;
    const answer = await fetchEvidence(harness.baseUrl, links.get(photoId()) ?? '', client);
    expect(answer.status).toBe(200);
    expect(Buffer.from(await answer.arrayBuffer()).equals(photo)).toBe(true);
    expect(
      Object.fromEntries([...answer.headers].filter(([name]) => evidenceHeaders.includes(name))),
    ).toEqual({
      'content-type': 'image/jpeg',
      'content-disposition': 'inline',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; sandbox",
      'cross-origin-resource-policy': 'same-origin',
    });
    const url = (
      await harness.pool.query<{ platform_file_id: string }>(
        'SELECT platform_file_id FROM attachment WHERE id = $1',
        [photoId()],
      )
    ).rows[0]?.platform_file_id;
    const mediaFileId = (
      await harness.pool.query<{ id: string }>(
        `SELECT id FROM media_file WHERE channel = 'zalo_oa' AND url_hash = $1 AND status = 'stored'`,
        [mediaUrlHash(url ?? '')],
      )
    ).rows[0]?.id;
    expect(mediaFileId).toBeDefined();
    expect((await evidenceViews()).slice(before)).toEqual([
      {
        officer_id: officer.id,
        session_id: sessionIdOf(client),
        report_id: zalo.reportId,
        detail: { attachmentId: photoId(), mediaFileId },
      },
    ]);
    const page = await client.get(`/console/reports/${zalo.reportId}`);
    const sha = createHash('sha256').update(photo).digest('hex');
    expect(page.body).toContain(vi('evidence_sha256', { hash: (sha.match(/.{16}/g) ?? []).join(' ') }));
    expect(page.body).toContain(vi('evidence_link_note'));
  });

  it('serves a file whose bytes are not its declared type as a download, not inline', async () => {
    const client = await harness.login(officer);
    const answer = await client.get((await linksOn(client, zalo.reportId)).get(disguisedId()) ?? '');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/octet-stream');
    expect(answer.headers.get('content-disposition')).toBe(
      `attachment; filename="evidence-${disguisedId()}"`,
    );
    expect(answer.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
  });

  it('shows a Telegram photo as kept on the platform and a refused Zalo download as not kept, neither with a link', async () => {
    const client = await harness.login(officer);
    expect((await linksOn(client, zalo.reportId)).has(refusedId())).toBe(false);
    const zaloPage = await client.get(`/console/reports/${zalo.reportId}`);
    expect(zaloPage.body).toContain(vi('evidence_not_kept'));
    const telegramPage = await client.get(`/console/reports/${telegramReportId}`);
    expect(telegramPage.body).toContain(vi('evidence_on_platform', { channel: 'Telegram' }));
    expect(telegramPage.body).toContain(
      vi('evidence_item', { kind: vi('evidence_kind_photo'), size: '46,9 KB' }),
    );
    expect(telegramPage.body).not.toContain('/console/evidence/');
    expect(telegramPage.body).not.toContain(vi('evidence_link_note'));
  });

  it("answers 404 to the link in a colleague's session and in the officer's next session after logging out", async () => {
    const client = await harness.login(leaver);
    const link = (await linksOn(client, zalo.reportId)).get(photoId()) ?? '';
    expect((await client.get(link)).status).toBe(200);
    const other = await harness.login(colleague);
    await other.get('/console');
    const before = (await evidenceViews()).length;
    const inColleagues = await other.get(link);
    expect(inColleagues.status).toBe(404);
    expect(inColleagues.body).not.toContain(marker);
    const ended = client.cookie(sessionCookieName) ?? '';
    expect((await client.post('/console/logout')).status).toBe(303);
    const afterLogout = await fetch(new URL(link, harness.baseUrl), {
      redirect: 'manual',
      headers: { cookie: `${sessionCookieName}=${ended}` },
    });
    expect(afterLogout.status).toBe(303);
    expect(afterLogout.headers.get('location')).toMatch(/^\/console\/login/);
    const next = await harness.login(leaver, { fresh: true });
    expect(next.cookie(sessionCookieName)).not.toBe(ended);
    expect((await next.get(link)).status).toBe(404);
    expect((await evidenceViews()).length).toBe(before);
  });

  it('answers 404 once the five minutes of a link are over', async () => {
    const client = await harness.login(officer);
    const link = (await linksOn(client, zalo.reportId)).get(photoId()) ?? '';
    try {
      clockOffsetMs = evidenceLinkLifetimeMs - 10_000;
      expect((await fetchEvidence(evidenceBase, link, client)).status).toBe(200);
      clockOffsetMs = evidenceLinkLifetimeMs + 1000;
      expect((await fetchEvidence(evidenceBase, link, client)).status).toBe(404);
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('answers 404 to a tampered link', async () => {
    const client = await harness.login(officer);
    const links = await linksOn(client, zalo.reportId);
    const token = (links.get(photoId()) ?? '').split('/').at(-1) ?? '';
    const bytes = Buffer.from(token, 'base64url');
    const otherFile = Buffer.from(
      Buffer.from((links.get(disguisedId()) ?? '').split('/').at(-1) ?? '', 'base64url'),
    );
    bytes.copy(otherFile, 16, 16); // the disguised file's id with the photo's expiry and tag
    const later = Buffer.from(bytes);
    later.writeUInt32BE(later.readUInt32BE(16) + 3600, 16);
    const flipped = token.slice(0, 40) + (token[40] === 'A' ? 'B' : 'A') + token.slice(41);
    for (const tampered of [
      otherFile.toString('base64url'),
      later.toString('base64url'),
      flipped,
      token.slice(0, -1),
    ])
      expect((await client.get(`/console/evidence/${tampered}`)).status, tampered).toBe(404);
    expect((await client.get(`/console/evidence/${token}`)).status).toBe(200);
  });

  it('answers 404 to an officer of another unit, and to an admin, holding a link signed for their own session to a foreign file', async () => {
    const expiresAt = new Date(Date.now() + evidenceLinkLifetimeMs);
    const forgedFor = (client: ConsoleClient) =>
      `/console/evidence/${signEvidenceLink(sessionIdOf(client), photoId(), expiresAt)}`;
    // The same forgery for the unit's own officer opens the file: the refusals below are the unit's.
    const own = await harness.login(officer);
    expect((await own.get(forgedFor(own))).status).toBe(200);
    const before = (await evidenceViews()).length;
    for (const outsider of [foreignOfficer, admin]) {
      const client = await harness.login(outsider);
      const answer = await client.get(forgedFor(client));
      expect(answer.status, outsider.username).toBe(404);
      expect(answer.body).not.toContain(marker);
    }
    expect((await evidenceViews()).length).toBe(before);
  });

  it('keeps file content out of the logs', async () => {
    const client = await harness.login(officer);
    const links = await linksOn(client, zalo.reportId);
    for (const id of [photoId(), disguisedId()]) {
      const answer = await fetchEvidence(evidenceBase, links.get(id) ?? '', client);
      expect(answer.status).toBe(200);
      expect(Buffer.from(await answer.arrayBuffer()).includes(Buffer.from(marker))).toBe(true);
    }
    expect((await fetchEvidence(evidenceBase, '/console/evidence/x', client)).status).toBe(404);
    const log = logLines.join('\n');
    expect(log).toContain('evidence served');
    expect(log).toContain(photoId());
    for (const body of [photo, disguised])
      for (const encoded of [marker, body.toString('base64'), body.toString('hex')])
        expect(log.includes(encoded)).toBe(false);
  });
});

const evidenceHeaders = [
  'content-type',
  'content-disposition',
  'x-content-type-options',
  'cache-control',
  'content-security-policy',
  'cross-origin-resource-policy',
];

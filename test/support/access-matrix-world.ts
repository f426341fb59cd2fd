import { createHash } from 'node:crypto';
import type { OfficerRole } from '../../src/casework/access/console-user.ts';
import { completeEnrolment } from '../../src/casework/accounts/complete-enrolment.ts';
import { createSession } from '../../src/casework/accounts/create-session.ts';
import { deactivateOfficer } from '../../src/casework/accounts/deactivate-officer.ts';
import { inviteOfficer } from '../../src/casework/accounts/invite-officer.ts';
import { tokenHash } from '../../src/casework/accounts/random-token.ts';
import { readInvitation } from '../../src/casework/accounts/read-invitation.ts';
import { sessionCookieName } from '../../src/casework/console/console-http.ts';
import type { Draft } from '../../src/citizen/engine/conversation-state.ts';
import { mediaUrlHash } from '../../src/citizen/media/media-downloader.ts';
import { type MatrixSession, sendMatrixRequest } from './access-matrix-request.ts';
import type { ConsoleHarness, TestOfficer } from './console-harness.ts';
import { totpCodeFor } from './totp-code.ts';

/** The two sides of the matrix: Hà Nội (a commune and its province above) and Hồ Chí Minh City. */
export type Side = 'A' | 'B';

/** The units reports land in: tips of ward 00004, trafficking of Hà Nội, and everything of province 79. */
export const units = { communeA: 'COMM-00004', provinceA: 'PROV-01', provinceB: 'PROV-79' } as const;

/** Who the matrix sends requests as; the admin last, so its changes come after everyone's refusals. */
export const actorNames = [
  'anonymous',
  'deactivated',
  'officerA',
  'leadA',
  'supervisorA',
  'officerB',
  'leadB',
  'admin',
] as const;
export type ActorName = (typeof actorNames)[number];

export interface Actor {
  name: ActorName;
  /** The account's role; null for a stranger. */
  role: OfficerRole | null;
  /** The units whose reports it may read, written out here (not read from the code under test). */
  reads: readonly string[];
  /** Its side, whose officers' names it may see; null for the admin and a stranger. */
  side: Side | null;
  /** Holds an open session: not a stranger, not a deactivated account's old cookie. */
  signedIn: boolean;
  officer: TestOfficer | null;
  /** The session its requests carry (null: none at all). */
  session: MatrixSession | null;
  /** A second open session of the account, listed with the user agent `userAgent`. */
  marked: (MatrixSession & { handle: string }) | null;
  userAgent: string;
}

export interface WorldReport {
  id: string;
  unitId: string;
  registerNumber: string;
  /** The phone its confidential reporter typed, or null (anonymous). */
  phone: string | null;
  /** Its attachment with a kept file (named reports only), and the text that file holds. */
  evidence: { attachmentId: string; content: string } | null;
  /** What its page shows a reader: register number, tip text, people, note text. */
  visible: string[];
  /** What only readers of its unit may be shown: `visible`, its id, its attachments' ids, file ids and kept text. */
  markers: string[];
}

export type ReportName = 'tipA' | 'traffickingA' | 'tipB' | 'traffickingB';

export interface AccessWorld {
  harness: ConsoleHarness;
  reports: Record<ReportName, WorldReport>;
  /** Every report, the fresh ones too. */
  allReports(): readonly WorldReport[];
  actors: Record<ActorName, Actor>;
  /** Accounts only the admin's requests deactivate and reactivate. */
  spare: Record<Side, TestOfficer>;
  /** The link token of an invitation nobody opened yet. */
  pendingEnrolmentToken: string;
  /** The link token of an invitation already used to enrol. */
  usedEnrolmentToken: string;
  /** A new unassigned tip of the unit (commune A or province B), for a request that may change it. */
  freshReport(unitId: string): Promise<WorldReport>;
  /** A new session of the actor's account (for a logout or an ending the matrix may do). */
  openSession(actor: Actor): Promise<MatrixSession & { handle: string }>;
  reportState(id: string): Promise<unknown>;
  reportVersion(id: string): Promise<number>;
  sessionState(session: MatrixSession): Promise<unknown>;
  officerState(id: string): Promise<unknown>;
  officerCount(username: string): Promise<number>;
  revealRecords(reportId: string): Promise<{ audits: number; events: number }>;
}

const placeOf: Record<Side, Partial<Draft>> = {
  A: { provinceCode: '01', wardCode: '00004' },
  B: { provinceCode: '79' },
};

/** The nine digits a phone is told by, however it is spaced or prefixed. */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '').slice(-9);
}

/** Whether `text` shows the phone in any spacing (spaces, dots, dashes or brackets between digits). */
export function showsPhone(text: string, phone: string): boolean {
  return text.replace(/[\s.\-()]/g, '').includes(phoneDigits(phone));
}

/** Whether the actor's session may read reports of the unit. */
export function mayRead(actor: Actor, unitId: string): boolean {
  return actor.signedIn && actor.reads.includes(unitId);
}

/**
 * Reports in three units and the accounts of issue 17's matrix: an officer and a unit lead of the
 * commune A and of province B, the supervisor of the province above A (who reads the commune's
 * reports and the province's own trafficking report), an admin, and an officer of A deactivated
 * after logging in. Three reporters are confidential and typed a phone: only a unit lead of the
 * report's unit may see it, by a reveal (nobody can reveal the province A report's: no lead there).
 */
/**
 * The configuration the world's app runs with: a Telegram bot token, so officers are offered
 * alert linking (nothing reaches a Telegram: no reporter of the world uses it, no push is sent).
 */
export const accessWorldConfig = {
  TELEGRAM_BOT_TOKEN: '1:access-matrix',
  TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
};

export async function buildAccessWorld(harness: ConsoleHarness): Promise<AccessWorld> {
  const { pool, accounts } = harness;
  const extra: WorldReport[] = [];
  const load = async (
    id: string,
    phone: string | null,
    visible: string[],
    hidden: string[],
  ): Promise<WorldReport> => {
    const { rows } = await pool.query<{ register_number: string; unit_id: string }>(
      'SELECT register_number, unit_id FROM report WHERE id = $1',
      [id],
    );
    const attachments = await pool.query<{ id: string }>('SELECT id FROM attachment WHERE report_id = $1', [
      id,
    ]);
    const row = rows[0];
    if (!row) throw new Error(`no report ${id}`);
    return {
      id,
      unitId: row.unit_id,
      registerNumber: row.register_number,
      phone,
      evidence: null,
      visible: [row.register_number, ...visible],
      markers: [id, row.register_number, ...visible, ...hidden, ...attachments.rows.map((a) => a.id)],
    };
  };
  const seed = async (name: ReportName, side: Side, draft: Partial<Draft>) => {
    const marker = `MARK-${name}`;
    const [id = ''] = await harness.seedReports(1, {
      ...placeOf[side],
      ...draft,
      description: `${draft.description} ${marker}-text`,
      peopleText: `Người mặc áo xanh ${marker}-people`,
      attachments: [
        { kind: 'photo', platformFileId: `${marker}-file`, mimeType: 'image/jpeg', sizeBytes: 2048 },
      ],
    });
    const content = `${marker}-evidence`;
    const report = await load(
      id,
      draft.phone ?? null,
      [`${marker}-text`, `${marker}-people`],
      [`${marker}-file`, content],
    );
    // The file kept for the attachment, written as the media downloader writes one.
    await pool.query(
      `INSERT INTO media_file (id, channel, platform_key, url_hash, status, content_enc, sha256, size_bytes, mime_type, fetched_at)
       SELECT gen_random_uuid(), a.channel, $2, $3, 'stored', $4, $5, $6, 'text/plain', now() FROM attachment a WHERE a.report_id = $1`,
      [
        id,
        `msg-${marker}`,
        mediaUrlHash(`${marker}-file`),
        harness.web.app.protection.cipher.encrypt(Buffer.from(content).toString('base64')),
        createHash('sha256').update(content).digest('hex'),
        content.length,
      ],
    );
    const attachment = await pool.query<{ id: string }>('SELECT id FROM attachment WHERE report_id = $1', [
      id,
    ]);
    return { ...report, evidence: { attachmentId: attachment.rows[0]?.id ?? '', content } };
  };
  const trafficking = { kind: 'trafficking', category: 'trafficking', situation: 'fake_job' } as const;
  const reports: Record<ReportName, WorldReport> = {
    tipA: await seed('tipA', 'A', {
      anonymity: 'confidential',
      phone: '+84 912 345 678',
      description: 'Ông Trần Văn Bình bán hàng cấm ở ngõ 5.',
    }),
    traffickingA: await seed('traffickingA', 'A', {
      ...trafficking,
      anonymity: 'confidential',
      phone: '0903 777 129',
      description: 'Em gái được hứa việc làm bên kia biên giới.',
    }),
    tipB: await seed('tipB', 'B', {
      anonymity: 'confidential',
      phone: '+84 983 615 027',
      description: 'Chị Lê Thị Hoa bị lừa chuyển tiền.',
    }),
    traffickingB: await seed('traffickingB', 'B', {
      ...trafficking,
      description: 'Anh trai bị giữ ở nước ngoài.',
    }),
  };
  const expectedUnits: Record<ReportName, string> = {
    tipA: units.communeA,
    traffickingA: units.provinceA,
    tipB: units.provinceB,
    traffickingB: units.provinceB,
  };
  for (const [name, report] of Object.entries(reports))
    if (report.unitId !== expectedUnits[name as ReportName])
      throw new Error(`${name} landed in ${report.unitId}, not ${expectedUnits[name as ReportName]}`);

  const enrol = (username: string, role: OfficerRole, unitId: string | null, side: Side | null) =>
    harness.enrol({
      username,
      role,
      unitId,
      displayName: side ? `Cán bộ ${username} OFFICER-MARK-${side}` : `Quản trị ${username}`,
    });
  const officers = {
    officerA: await enrol('officer-a', 'officer', units.communeA, 'A'),
    leadA: await enrol('lead-a', 'unit_lead', units.communeA, 'A'),
    supervisorA: await enrol('supervisor-a', 'supervisor', units.provinceA, 'A'),
    officerB: await enrol('officer-b', 'officer', units.provinceB, 'B'),
    leadB: await enrol('lead-b', 'unit_lead', units.provinceB, 'B'),
    admin: await enrol('admin-m', 'admin', null, null),
    deactivated: await enrol('gone-a', 'officer', units.communeA, 'A'),
  };
  const spare = {
    A: await enrol('spare-a', 'officer', units.communeA, 'A'),
    B: await enrol('spare-b', 'officer', units.provinceB, 'B'),
  };
  const adminActor = { officerId: officers.admin.id, role: 'admin' as const };

  const loggedIn = async (officer: TestOfficer): Promise<MatrixSession> => {
    const client = await harness.login(officer);
    const token = client.cookie(sessionCookieName);
    if (!token) throw new Error(`no session cookie for ${officer.username}`);
    const { rows } = await pool.query<{ csrf_token: string }>(
      'SELECT csrf_token FROM officer_session WHERE id = $1',
      [tokenHash(token)],
    );
    return { token, csrf: rows[0]?.csrf_token ?? '' };
  };
  const newSession = async (officer: TestOfficer, userAgent: string) => {
    const made = await createSession(accounts, officer.id, { address: '127.0.0.1', userAgent });
    return { token: made.token, csrf: made.csrfToken, handle: made.handle };
  };

  const reach: Record<ActorName, { reads: string[]; side: Side | null }> = {
    anonymous: { reads: [], side: null },
    deactivated: { reads: [], side: null },
    officerA: { reads: [units.communeA], side: 'A' },
    leadA: { reads: [units.communeA], side: 'A' },
    supervisorA: { reads: [units.communeA, units.provinceA], side: 'A' },
    officerB: { reads: [units.provinceB], side: 'B' },
    leadB: { reads: [units.provinceB], side: 'B' },
    admin: { reads: [], side: null },
  };
  const actors = {} as Record<ActorName, Actor>;
  for (const name of actorNames) {
    const officer = name === 'anonymous' ? null : officers[name];
    const userAgent = `UA-MARK-${name}`;
    actors[name] = {
      name,
      role: officer?.role ?? null,
      ...reach[name],
      signedIn: officer !== null && name !== 'deactivated',
      officer,
      session: officer ? await loggedIn(officer) : null,
      marked: officer && name !== 'deactivated' ? await newSession(officer, userAgent) : null,
      userAgent,
    };
  }
  const gone = await deactivateOfficer(accounts, adminActor, officers.deactivated.id);
  if (!('ok' in gone)) throw new Error(`cannot deactivate: ${gone.refused}`);

  const invited = await inviteOfficer(accounts, adminActor, {
    username: 'pending-a',
    displayName: 'Người được mời',
    role: 'officer',
    unitId: units.communeA,
  });
  if (!('ok' in invited)) throw new Error(`cannot invite: ${invited.refused}`);
  const used = await inviteOfficer(accounts, adminActor, {
    username: 'used-a',
    displayName: 'Người đã ghi danh',
    role: 'officer',
    unitId: units.communeA,
  });
  if (!('ok' in used)) throw new Error(`cannot invite: ${used.refused}`);
  const opened = await readInvitation(accounts, used.ok.enrolmentToken);
  if (!('ok' in opened)) throw new Error(`cannot open the invitation: ${opened.refused}`);
  const enrolled = await completeEnrolment(accounts, {
    token: used.ok.enrolmentToken,
    password: 'mật khẩu đủ dài 2026',
    totpCode: totpCodeFor(opened.ok.totpSecret, Math.floor(Date.now() / 30_000)),
  });
  if (!('ok' in enrolled)) throw new Error(`cannot enrol: ${enrolled.refused}`);

  // A note on each unit's tip, written through the console: its text must stay in the unit.
  for (const [name, author] of [
    ['tipA', actors.officerA],
    ['tipB', actors.officerB],
  ] as const) {
    const marker = `NOTE-MARK-${name}`;
    const answer = await sendMatrixRequest(harness.baseUrl, author.session, {
      method: 'POST',
      path: `/console/reports/${reports[name].id}/notes`,
      via: 'console',
      form: { text: `Đã gọi điện xác minh ${marker}` },
    });
    if (answer.status !== 303) throw new Error(`the note on ${name} answered ${answer.status}`);
    reports[name].visible.push(marker);
    reports[name].markers.push(marker);
  }

  return {
    harness,
    reports,
    allReports: () => [...Object.values(reports), ...extra],
    actors,
    spare,
    pendingEnrolmentToken: invited.ok.enrolmentToken,
    usedEnrolmentToken: used.ok.enrolmentToken,
    async freshReport(unitId) {
      const side: Side | undefined =
        unitId === units.communeA ? 'A' : unitId === units.provinceB ? 'B' : undefined;
      if (!side) throw new Error(`no fresh tips land in ${unitId}`);
      const [id = ''] = await harness.seedReports(1, placeOf[side]);
      const report = await load(id, null, [], []);
      if (report.unitId !== unitId) throw new Error(`a fresh tip for ${unitId} landed in ${report.unitId}`);
      extra.push(report);
      return report;
    },
    async openSession(actor) {
      if (!actor.officer) throw new Error(`${actor.name} has no account`);
      return newSession(actor.officer, `UA-MARK-${actor.name}-extra`);
    },
    async reportState(id) {
      const { rows } = await pool.query(
        `SELECT r.version, r.status, r.assignee_id,
                (SELECT count(*)::int FROM report_note n WHERE n.report_id = r.id) AS notes,
                (SELECT count(*)::int FROM report_event e WHERE e.report_id = r.id) AS events
           FROM report r WHERE r.id = $1`,
        [id],
      );
      return rows[0];
    },
    async reportVersion(id) {
      const { rows } = await pool.query<{ version: number }>('SELECT version FROM report WHERE id = $1', [
        id,
      ]);
      return rows[0]?.version ?? -1;
    },
    async sessionState(session) {
      const { rows } = await pool.query('SELECT ended_at, end_reason FROM officer_session WHERE id = $1', [
        tokenHash(session.token),
      ]);
      return rows[0];
    },
    async officerState(id) {
      const { rows } = await pool.query('SELECT active, deactivated_at FROM officer WHERE id = $1', [id]);
      return rows[0];
    },
    async officerCount(username) {
      const { rows } = await pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM officer WHERE username = $1',
        [username],
      );
      return rows[0]?.n ?? 0;
    },
    async revealRecords(reportId) {
      const { rows } = await pool.query<{ audits: number; events: number }>(
        `SELECT (SELECT count(*)::int FROM audit_entry WHERE report_id = $1 AND action = 'identity.reveal') AS audits,
                (SELECT count(*)::int FROM report_event WHERE report_id = $1 AND kind = 'identity_revealed') AS events`,
        [reportId],
      );
      return rows[0] ?? { audits: 0, events: 0 };
    },
  };
}

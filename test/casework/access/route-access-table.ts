import { randomBytes } from 'node:crypto';
import { tokenHash } from '../../../src/casework/accounts/random-token.ts';
import { signEvidenceLink } from '../../../src/casework/evidence/evidence-link.ts';
import { type AccessCase, acting, reading, signedInOr } from '../../support/access-matrix-check.ts';
import type { MatrixRequest, MatrixSession } from '../../support/access-matrix-request.ts';
import {
  type AccessWorld,
  type Actor,
  actorNames,
  mayRead,
  type Side,
  units,
  type WorldReport,
} from '../../support/access-matrix-world.ts';
import { totpCodeFor } from '../../support/totp-code.ts';

/** Who may use a route, and the requests that prove it for one actor. */
export interface RouteAccess {
  /** The rule in words (the test's name). */
  rule: string;
  cases(world: AccessWorld, actor: Actor): Promise<AccessCase[]>;
  /** For a route that takes a report or attachment id: its request for any id (A2's enumeration). */
  enumerates?: { ids: 'report' | 'attachment'; request(actor: Actor, id: string): MatrixRequest };
}

const officersAndLeads = ['officer', 'unit_lead'] as const;
const classify = { outcome: 'in_competence' };
const revealReason = 'Cần gọi lại người báo tin để xác minh địa điểm';

const byConsole = (
  method: MatrixRequest['method'],
  path: string,
  form?: Record<string, string>,
): MatrixRequest => (form ? { method, path, via: 'console', form } : { method, path, via: 'console' });
const byApi = (method: MatrixRequest['method'], path: string, json?: unknown): MatrixRequest =>
  json === undefined ? { method, path, via: 'api' } : { method, path, via: 'api', json };
/** An evidence link as the report page makes one, for the session given (none: a made-up one). */
const evidenceLink = (
  session: MatrixSession | null,
  attachmentId: string,
  expiresAt = Date.now() + 300_000,
) =>
  `/console/evidence/${signEvidenceLink(session ? tokenHash(session.token) : 'no session', attachmentId, new Date(expiresAt))}`;
/** A procuracy notice recorded as sent an hour ago: the console's form (Vietnam's local time) and the API's body. */
const vksNoticeForm = () => ({
  kind: 'receipt_notice',
  sentAt: new Date(Date.now() + 6 * 3600_000).toISOString().slice(0, 16),
  reference: '15/TB-CQĐT',
  method: 'in_person',
});
const vksNoticeJson = () => ({ ...vksNoticeForm(), sentAt: new Date(Date.now() - 3600_000).toISOString() });
const apiClassify = async (world: AccessWorld, id: string) => ({
  version: await world.reportVersion(id),
  action: { type: 'classify', ...classify },
});

const named = (world: AccessWorld) => Object.entries(world.reports) as [string, WorldReport][];
const withPhone = (world: AccessWorld) => named(world).filter(([, r]) => r.phone !== null);
const sideOf = (unitId: string): Side => (unitId === units.provinceB ? 'B' : 'A');
/** Another account's open session the actor must not be able to end: a colleague's or the other side's. */
const someoneElsesSession = (world: AccessWorld, actor: Actor, side: Side) => {
  const lead = world.actors[side === 'A' ? 'leadA' : 'leadB'];
  const other = lead === actor ? world.actors[side === 'A' ? 'officerA' : 'officerB'] : lead;
  if (!other.marked) throw new Error(`${other.name} has no second session`);
  return other.marked;
};

/**
 * The dashboard's routes: supervisors and unit leads, for a unit they read (their own by default);
 * 404 for a unit outside it, as for one that does not exist; 403 to every other session.
 */
const dashboardCases =
  (path: string, shows: (world: AccessWorld, actor: Actor) => readonly string[] | undefined, query = '') =>
  async (world: AccessWorld, actor: Actor): Promise<AccessCase[]> => {
    const may = actor.role === 'supervisor' || actor.role === 'unit_lead';
    const foreign = actor.side === 'B' ? units.provinceA : units.provinceB;
    const sep = query === '' ? '' : '&';
    const shown = may ? shows(world, actor) : undefined;
    return [
      {
        label: 'own unit, this month',
        request: byConsole('GET', `${path}${query === '' ? '' : `?${query}`}`),
        expect: signedInOr(actor, may ? 'allow' : 'deny'),
        ...(shown ? { shows: shown } : {}),
      },
      {
        label: 'a unit outside the scope',
        request: byConsole('GET', `${path}?unit=${foreign}${sep}${query}`),
        expect: signedInOr(actor, may ? 'not_found' : 'deny'),
      },
    ];
  };

/**
 * Every route of the console and the API, keyed as Fastify names it (`METHOD url`). The matrix
 * test fails for a route under /console or /api the server has and this table does not: a new
 * route comes with its access rule. A HEAD route is checked with its GET's cases.
 */
export const routeAccess: Record<string, RouteAccess> = {
  'GET /console/assets/console.css': {
    rule: 'the style sheet is public',
    cases: async () => [
      { label: 'style sheet', request: byConsole('GET', '/console/assets/console.css'), expect: 'allow' },
    ],
  },
  'GET /console/login': {
    rule: 'the login page is public',
    cases: async () => [
      {
        label: 'login page',
        request: byConsole('GET', '/console/login'),
        expect: 'allow',
        shows: ['name="_login"'],
      },
    ],
  },
  'POST /console/login': {
    rule: 'a login without the login form’s token is refused, whoever sends it',
    cases: async (world) => [
      {
        label: 'no login token',
        request: byConsole('POST', '/console/login', {
          username: world.actors.officerA.officer?.username ?? '',
          password: 'không phải mật khẩu',
          totp: '000000',
        }),
        expect: 'deny',
      },
    ],
  },
  'POST /console/logout': {
    rule: 'a session logs itself out; without one, the login page',
    cases: async (world, actor) => {
      if (!actor.signedIn)
        return [
          { label: 'no open session', request: byConsole('POST', '/console/logout', {}), expect: 'login' },
        ];
      const session = await world.openSession(actor);
      return [
        {
          label: 'its own session',
          request: byConsole('POST', '/console/logout', {}),
          session,
          expect: { redirect: '/console/login' },
          effect: { read: () => world.sessionState(session), changes: true },
        },
      ];
    },
  },
  'GET /console/language': {
    rule: 'the language switch is public and only returns into the console',
    cases: async () => [
      {
        label: 'back to a console page',
        request: byConsole('GET', '/console/language?to=en&back=%2Fconsole%2Fsessions'),
        expect: { redirect: '/console/sessions' },
      },
      {
        label: 'back to another site',
        request: byConsole('GET', '/console/language?to=vi&back=https%3A%2F%2Fevil.example%2F'),
        expect: { redirect: '/console' },
      },
    ],
  },
  'GET /console': {
    rule: 'the queue shows the reports of the units a session reads; an admin is sent to the accounts',
    cases: async (world, actor) => {
      const expect = signedInOr(actor, actor.role === 'admin' ? { redirect: '/console/accounts' } : 'allow');
      const readable = named(world).filter(([, r]) => mayRead(actor, r.unitId));
      const foreign = actor.side === 'B' ? world.reports.tipA : world.reports.tipB;
      return [
        {
          label: 'queue',
          request: byConsole('GET', '/console'),
          expect,
          shows: readable.map(([, r]) => r.id),
        },
        {
          label: 'trafficking only',
          request: byConsole('GET', '/console?kind=trafficking'),
          expect,
          shows: readable.filter(([name]) => name.startsWith('trafficking')).map(([, r]) => r.id),
        },
        {
          label: 'filtered by another unit’s officer',
          request: byConsole('GET', `/console?assignee=${world.actors.officerB.officer?.id}`),
          expect,
        },
        {
          label: 'paged after another unit’s report',
          request: byConsole('GET', `/console?after=1.-.${foreign.id}`),
          expect,
        },
        {
          label: 'every filter',
          request: byConsole('GET', '/console?status=submitted&category=theft&channel=telegram'),
          expect,
        },
      ];
    },
  },
  'GET /console/reports/:id': {
    rule: 'a report’s page: readers of its unit; 404 to everyone else',
    enumerates: { ids: 'report', request: (_actor, id) => byConsole('GET', `/console/reports/${id}`) },
    cases: async (world, actor) =>
      named(world).map(([name, report]) => ({
        label: name,
        request: byConsole('GET', `/console/reports/${report.id}`),
        expect: reading(actor, report),
        shows: report.visible,
      })),
  },
  'POST /console/reports/:id/actions/:type': {
    rule: 'an action: officers and leads of the report’s unit (the status machine decides the rest); 403 to its other readers; 404 to the rest',
    enumerates: {
      ids: 'report',
      request: (_actor, id) =>
        byConsole('POST', `/console/reports/${id}/actions/classify`, { version: '0', ...classify }),
    },
    cases: async (world, actor) => {
      const cases: AccessCase[] = [];
      for (const [name, report] of named(world)) {
        const expect = acting(actor, report, officersAndLeads);
        // An allowed action changes the report: each allowed actor acts on a fresh tip of the unit.
        const target = expect === 'allow' ? await world.freshReport(report.unitId) : report;
        cases.push({
          label: expect === 'allow' ? `a fresh tip of ${name}'s unit` : name,
          request: byConsole('POST', `/console/reports/${target.id}/actions/classify`, {
            version: String(await world.reportVersion(target.id)),
            ...classify,
          }),
          expect: expect === 'allow' ? { redirect: `/console/reports/${target.id}?done=1` } : expect,
          effect: { read: () => world.reportState(target.id), changes: expect === 'allow' },
        });
      }
      const tip = world.reports.tipA;
      cases.push({
        label: 'an action that does not exist',
        request: byConsole('POST', `/console/reports/${tip.id}/actions/delete`, { version: '0' }),
        expect: signedInOr(actor, 'not_found'),
        effect: { read: () => world.reportState(tip.id), changes: false },
      });
      return cases;
    },
  },
  'POST /console/reports/:id/notes': {
    rule: 'a note: officers and leads of the report’s unit; 403 to its other readers; 404 to the rest',
    enumerates: {
      ids: 'report',
      request: (_actor, id) => byConsole('POST', `/console/reports/${id}/notes`, { text: 'Ghi chú thử' }),
    },
    cases: async (world, actor) =>
      named(world).map(([name, report]) => {
        const expect = acting(actor, report, officersAndLeads);
        return {
          label: name,
          request: byConsole('POST', `/console/reports/${report.id}/notes`, {
            text: `Ghi chú của ${actor.name}`,
          }),
          expect: expect === 'allow' ? { redirect: `/console/reports/${report.id}` } : expect,
          effect: { read: () => world.reportState(report.id), changes: expect === 'allow' },
        };
      }),
  },
  'POST /console/reports/:id/questions': {
    rule: 'a question to the reporter: officers and leads of the report’s unit; 403 to its other readers; 404 to the rest',
    enumerates: {
      ids: 'report',
      request: (_actor, id) => byConsole('POST', `/console/reports/${id}/questions`, { text: 'Câu hỏi thử' }),
    },
    cases: async (world, actor) =>
      named(world).map(([name, report]) => {
        const expect = acting(actor, report, officersAndLeads);
        return {
          label: name,
          request: byConsole('POST', `/console/reports/${report.id}/questions`, {
            text: `Câu hỏi của ${actor.name}`,
          }),
          expect: expect === 'allow' ? { status: 200 } : expect,
          effect: { read: () => world.reportState(report.id), changes: expect === 'allow' },
        };
      }),
  },
  'POST /console/reports/:id/vks-notices': {
    rule: 'a procuracy notice recorded sent: officers and leads of the report’s unit; 403 to its other readers; 404 to the rest',
    enumerates: {
      ids: 'report',
      request: (_actor, id) => byConsole('POST', `/console/reports/${id}/vks-notices`, vksNoticeForm()),
    },
    cases: async (world, actor) =>
      named(world).map(([name, report]) => {
        const expect = acting(actor, report, officersAndLeads);
        return {
          label: name,
          request: byConsole('POST', `/console/reports/${report.id}/vks-notices`, vksNoticeForm()),
          expect: expect === 'allow' ? { redirect: `/console/reports/${report.id}?done=1` } : expect,
          effect: { read: () => world.reportState(report.id), changes: expect === 'allow' },
        };
      }),
  },
  'GET /console/notices.csv': {
    rule: 'the notice log export: unit leads and supervisors, of their units; 403 to other sessions',
    cases: async (_world, actor) => {
      const may = actor.role === 'unit_lead' || actor.role === 'supervisor';
      return [
        {
          label: 'a period',
          request: byConsole('GET', '/console/notices.csv?from=2026-12-01&to=2026-12-31'),
          expect: signedInOr(actor, may ? 'allow' : 'deny'),
          shows: ['register_number,unit,recipient'],
        },
        {
          label: 'a period that ends before it starts',
          request: byConsole('GET', '/console/notices.csv?from=2026-12-31&to=2026-12-01'),
          expect: signedInOr(actor, may ? { status: 400 } : 'deny'),
        },
      ];
    },
  },
  'POST /console/reports/:id/reveal': {
    rule: 'the reporter’s phone: a unit lead of the report’s unit, with a reason; 403 to its other readers; 404 to the rest',
    enumerates: {
      ids: 'report',
      request: (_actor, id) => byConsole('POST', `/console/reports/${id}/reveal`, { reason: revealReason }),
    },
    cases: async (world, actor) =>
      withPhone(world).map(([name, report]) => {
        const expect = acting(actor, report, ['unit_lead']);
        return {
          label: name,
          request: byConsole('POST', `/console/reports/${report.id}/reveal`, { reason: revealReason }),
          expect,
          ...(expect === 'allow' ? { reveals: report, shows: [report.phone ?? ''] } : {}),
          effect: { read: () => world.revealRecords(report.id), changes: expect === 'allow' },
        };
      }),
  },
  'GET /console/alerts': {
    rule: 'a session’s own alerts: every signed-in role (an admin has none)',
    cases: async (_world, actor) => [
      {
        label: 'own alerts',
        request: byConsole('GET', '/console/alerts'),
        expect: signedInOr(actor, 'allow'),
        shows: ['Thông báo và nhắc việc'],
      },
    ],
  },
  'GET /console/telegram': {
    rule: 'a session’s own Telegram link: every role with a unit; 403 to admins',
    cases: async (_world, actor) => [
      {
        label: 'own link page',
        request: byConsole('GET', '/console/telegram'),
        expect: signedInOr(actor, actor.role === 'admin' ? 'deny' : 'allow'),
        shows: ['/console/telegram/code'],
      },
    ],
  },
  'POST /console/telegram/code': {
    rule: 'a one-time link code for the session’s own account: every role with a unit; 403 to admins',
    cases: async (_world, actor) => [
      {
        label: 'a code for itself',
        request: byConsole('POST', '/console/telegram/code', {}),
        expect: signedInOr(actor, actor.role === 'admin' ? 'deny' : 'allow'),
        shows: ['/link '],
      },
    ],
  },
  'POST /console/telegram/unlink': {
    rule: 'unlinking the session’s own Telegram account (never another’s): every role with a unit; 403 to admins',
    cases: async (_world, actor) => [
      {
        label: 'its own link',
        request: byConsole('POST', '/console/telegram/unlink', {}),
        expect: signedInOr(actor, actor.role === 'admin' ? 'deny' : { redirect: '/console/telegram' }),
      },
    ],
  },
  'GET /console/ledger': {
    rule: 'the register ledger’s state and daily chain heads: unit leads and supervisors; 403 to other sessions',
    cases: async (_world, actor) => [
      {
        label: 'the ledger page',
        request: byConsole('GET', '/console/ledger'),
        expect: signedInOr(
          actor,
          actor.role === 'unit_lead' || actor.role === 'supervisor' ? 'allow' : 'deny',
        ),
      },
    ],
  },
  'GET /console/ledger/heads.csv': {
    rule: 'the daily chain heads as CSV: unit leads and supervisors; 403 to other sessions',
    cases: async (_world, actor) => [
      {
        label: 'the heads',
        request: byConsole('GET', '/console/ledger/heads.csv'),
        expect: signedInOr(
          actor,
          actor.role === 'unit_lead' || actor.role === 'supervisor' ? 'allow' : 'deny',
        ),
        shows: actor.role === 'unit_lead' || actor.role === 'supervisor' ? ['date,entries,head'] : [],
      },
    ],
  },
  'GET /console/periods': {
    rule: 'the closed periods of the session’s units: unit leads and supervisors; 403 to other sessions',
    cases: async (_world, actor) => [
      {
        label: 'the list',
        request: byConsole('GET', '/console/periods'),
        expect: signedInOr(
          actor,
          actor.role === 'unit_lead' || actor.role === 'supervisor' ? 'allow' : 'deny',
        ),
      },
    ],
  },
  'GET /console/periods/:id': {
    rule: 'a closed period: unit leads and supervisors of its unit; 404 for one of another unit or none; 403 to other sessions',
    cases: async (_world, actor) => [
      {
        label: 'a period that was never closed',
        request: byConsole('GET', '/console/periods/999999'),
        expect: signedInOr(actor, 'deny'),
      },
    ],
  },
  'POST /console/periods/close': {
    rule: 'closing a period: supervisors of the unit alone; 403 to other sessions, 404 for a unit outside their subtree',
    cases: async (_world, actor) => [
      {
        label: 'a unit outside every subtree',
        request: byConsole('POST', '/console/periods/close', {
          unit: 'NO-SUCH-UNIT',
          kind: 'month',
          year: '2026',
          number: '1',
        }),
        expect: signedInOr(actor, 'deny'),
      },
    ],
  },
  'GET /console/sessions': {
    rule: 'a session lists its own account’s sessions, no one else’s',
    cases: async (_world, actor) => [
      {
        label: 'own sessions',
        request: byConsole('GET', '/console/sessions'),
        expect: signedInOr(actor, 'allow'),
        shows: [actor.userAgent],
      },
    ],
  },
  'POST /console/sessions/end': {
    rule: 'a session ends its own account’s sessions; another account’s handle ends nothing',
    cases: async (world, actor) => {
      const cases: AccessCase[] = [];
      if (actor.signedIn) {
        const own = await world.openSession(actor);
        cases.push({
          label: 'its own other session',
          request: byConsole('POST', '/console/sessions/end', { handle: own.handle }),
          expect: { redirect: '/console/sessions' },
          effect: { read: () => world.sessionState(own), changes: true },
        });
      }
      for (const side of ['A', 'B'] as const) {
        const victim = someoneElsesSession(world, actor, side);
        cases.push({
          label: `a session of another account of side ${side}`,
          request: byConsole('POST', '/console/sessions/end', { handle: victim.handle }),
          expect: signedInOr(actor, { redirect: '/console/sessions' }),
          effect: { read: () => world.sessionState(victim), changes: false },
        });
      }
      return cases;
    },
  },
  'GET /console/enrol/:token': {
    rule: 'an enrolment page: whoever holds its link (the token is the credential); 404 for any other token',
    cases: async (world) => [
      {
        label: 'a pending invitation',
        request: byConsole('GET', `/console/enrol/${world.pendingEnrolmentToken}`),
        expect: 'allow',
        shows: ['pending-a'],
      },
      {
        label: 'a made-up token',
        request: byConsole('GET', `/console/enrol/${randomBytes(32).toString('base64url')}`),
        expect: 'not_found',
      },
      {
        label: 'an invitation already used',
        request: byConsole('GET', `/console/enrol/${world.usedEnrolmentToken}`),
        expect: 'not_found',
      },
    ],
  },
  'POST /console/enrol/:token': {
    rule: 'completing an enrolment: whoever holds its link; 404 for any other token',
    cases: async () => [
      {
        label: 'a made-up token',
        request: byConsole('POST', `/console/enrol/${randomBytes(32).toString('base64url')}`, {
          password: 'mật khẩu đủ dài 2026',
          totp: '000000',
        }),
        expect: 'not_found',
      },
    ],
  },
  'GET /console/accounts': {
    rule: 'the accounts: admins only; 403 to other sessions',
    cases: async (world, actor) => [
      {
        label: 'accounts',
        request: byConsole('GET', '/console/accounts'),
        expect: signedInOr(actor, actor.role === 'admin' ? 'allow' : 'deny'),
        shows: [world.spare.A.username, world.spare.B.username],
      },
    ],
  },
  'POST /console/accounts/invite': {
    rule: 'an invitation: admins only, into any unit; 403 to other sessions',
    cases: async (world, actor) =>
      [units.communeA, units.provinceB].map((unitId) => {
        const username = `moi-${actor.name.toLowerCase()}-${sideOf(unitId).toLowerCase()}`;
        const allowed = actor.signedIn && actor.role === 'admin';
        return {
          label: `into ${unitId}`,
          request: byConsole('POST', '/console/accounts/invite', {
            username,
            displayName: 'Cán bộ được mời',
            role: 'officer',
            unitId,
          }),
          expect: signedInOr(actor, allowed ? 'allow' : 'deny'),
          shows: ['/console/enrol/'],
          effect: { read: () => world.officerCount(username), changes: allowed },
        };
      }),
  },
  'POST /console/accounts/:id/:change': {
    rule: 'deactivating, reactivating and unlinking the Telegram of an account: admins only, any account; 403 to other sessions',
    cases: async (world, actor) => {
      const allowed = actor.signedIn && actor.role === 'admin';
      const cases: AccessCase[] = [];
      for (const side of ['A', 'B'] as const) {
        const account = world.spare[side];
        for (const change of ['deactivate', 'reactivate', 'unlink_telegram'])
          cases.push({
            label: `${change} an account of side ${side}`,
            request: byConsole('POST', `/console/accounts/${account.id}/${change}`, {}),
            expect: signedInOr(actor, allowed ? { redirect: '/console/accounts' } : 'deny'),
            effect: {
              read: () => world.officerState(account.id),
              changes: allowed && change !== 'unlink_telegram',
            },
          });
        cases.push({
          label: `an unknown change of an account of side ${side}`,
          request: byConsole('POST', `/console/accounts/${account.id}/promote`, {}),
          expect: signedInOr(actor, 'deny'),
          effect: { read: () => world.officerState(account.id), changes: false },
        });
      }
      return cases;
    },
  },
  'GET /console/evidence/:token': {
    rule: 'a kept file: by a link signed for the very session that asks, within its five minutes, to readers of the report’s unit; 404 to everyone else',
    enumerates: {
      ids: 'attachment',
      request: (actor, id) => byConsole('GET', evidenceLink(actor.session, id)),
    },
    cases: async (world, actor) => {
      const cases: AccessCase[] = named(world).map(([name, report]) => ({
        label: `${name}'s file, linked for this session`,
        request: byConsole('GET', evidenceLink(actor.session, report.evidence?.attachmentId ?? '')),
        expect: reading(actor, report),
        shows: [report.evidence?.content ?? ''],
      }));
      const tip = world.reports.tipA.evidence?.attachmentId ?? '';
      const colleague = world.actors[actor.name === 'leadA' ? 'officerA' : 'leadA'];
      cases.push(
        {
          label: "tipA's file, linked for another account's session",
          request: byConsole('GET', evidenceLink(colleague.session, tip)),
          expect: signedInOr(actor, 'not_found'),
        },
        {
          label: "tipA's file, linked for this account's other session",
          request: byConsole('GET', evidenceLink(actor.marked, tip)),
          expect: signedInOr(actor, 'not_found'),
        },
        {
          label: "tipA's file, by a link of this session that expired",
          request: byConsole('GET', evidenceLink(actor.session, tip, Date.now() - 1000)),
          expect: signedInOr(actor, 'not_found'),
        },
      );
      return cases;
    },
  },
  'GET /api/openapi.json': {
    rule: 'the API’s description is public',
    cases: async () => [
      {
        label: 'OpenAPI document',
        request: byApi('GET', '/api/openapi.json'),
        expect: 'allow',
        shows: ['"openapi"'],
      },
    ],
  },
  'POST /api/v1/sessions': {
    rule: 'an API login is public: a wrong password is refused; a right one with a fresh code opens a session',
    cases: async (world, actor) => {
      const at = actorNames.indexOf(actor.name);
      const cases: AccessCase[] = [
        {
          label: 'an unknown account',
          request: {
            ...byApi('POST', '/api/v1/sessions', {
              username: `khong-co-${at}`,
              password: 'không phải mật khẩu',
              totpCode: '000000',
            }),
            // An address of its own, so the throttle's count for this address holds only this try.
            headers: { 'x-forwarded-for': `10.77.0.${at + 1}` },
          },
          expect: { status: 401 },
        },
      ];
      const officer = world.actors.officerA.officer;
      if (actor.name === 'officerA' && officer)
        cases.push({
          label: 'its own account with a code of the next step',
          request: byApi('POST', '/api/v1/sessions', {
            username: officer.username,
            password: officer.password,
            totpCode: totpCodeFor(officer.totpSecret, Math.floor(Date.now() / 30_000) + 1),
          }),
          expect: { status: 201 },
          shows: ['"token"'],
        });
      return cases;
    },
  },
  'DELETE /api/v1/sessions/current': {
    rule: 'an API session ends itself; without one, 401',
    cases: async (world, actor) => {
      if (!actor.signedIn)
        return [
          { label: 'no open session', request: byApi('DELETE', '/api/v1/sessions/current'), expect: 'login' },
        ];
      const session = await world.openSession(actor);
      return [
        {
          label: 'its own session',
          request: byApi('DELETE', '/api/v1/sessions/current'),
          session,
          expect: { status: 204 },
          effect: { read: () => world.sessionState(session), changes: true },
        },
      ];
    },
  },
  'GET /api/v1/reports': {
    rule: 'the API queue holds the reports of the units a session reads (none for an admin)',
    cases: async (world, actor) => {
      const expect = signedInOr(actor, 'allow');
      const readable = named(world).filter(([, r]) => mayRead(actor, r.unitId));
      const foreign = actor.side === 'B' ? world.reports.tipA : world.reports.tipB;
      return [
        {
          label: 'queue',
          request: byApi('GET', '/api/v1/reports'),
          expect,
          shows: readable.map(([, r]) => r.id),
        },
        {
          label: 'trafficking only',
          request: byApi('GET', '/api/v1/reports?kind=trafficking'),
          expect,
          shows: readable.filter(([name]) => name.startsWith('trafficking')).map(([, r]) => r.id),
        },
        {
          label: 'filtered by another unit’s officer',
          request: byApi('GET', `/api/v1/reports?assignee=${world.actors.officerB.officer?.id}`),
          expect,
        },
        {
          label: 'paged after another unit’s report',
          request: byApi('GET', `/api/v1/reports?after=1.-.${foreign.id}`),
          expect,
        },
      ];
    },
  },
  'GET /api/v1/reports/:id': {
    rule: 'a report through the API: readers of its unit; 404 to everyone else',
    enumerates: { ids: 'report', request: (_actor, id) => byApi('GET', `/api/v1/reports/${id}`) },
    cases: async (world, actor) =>
      named(world).map(([name, report]) => ({
        label: name,
        request: byApi('GET', `/api/v1/reports/${report.id}`),
        expect: reading(actor, report),
        shows: report.visible,
      })),
  },
  'POST /api/v1/reports/:id/actions': {
    rule: 'an action through the API: officers and leads of the report’s unit; 403 to its other readers; 404 to the rest',
    enumerates: {
      ids: 'report',
      request: (_actor, id) =>
        byApi('POST', `/api/v1/reports/${id}/actions`, {
          version: 0,
          action: { type: 'classify', ...classify },
        }),
    },
    cases: async (world, actor) => {
      const cases: AccessCase[] = [];
      for (const [name, report] of named(world)) {
        const expect = acting(actor, report, officersAndLeads);
        const target = expect === 'allow' ? await world.freshReport(report.unitId) : report;
        cases.push({
          label: expect === 'allow' ? `a fresh tip of ${name}'s unit` : name,
          request: byApi('POST', `/api/v1/reports/${target.id}/actions`, await apiClassify(world, target.id)),
          expect,
          effect: { read: () => world.reportState(target.id), changes: expect === 'allow' },
        });
      }
      const tip = world.reports.tipA;
      cases.push({
        label: 'an action that does not exist',
        request: byApi('POST', `/api/v1/reports/${tip.id}/actions`, {
          version: 0,
          action: { type: 'delete' },
        }),
        expect: signedInOr(actor, { status: 400 }),
        effect: { read: () => world.reportState(tip.id), changes: false },
      });
      return cases;
    },
  },
  'POST /api/v1/reports/:id/notes': {
    rule: 'a note through the API: officers and leads of the report’s unit; 403 to its other readers; 404 to the rest',
    enumerates: {
      ids: 'report',
      request: (_actor, id) => byApi('POST', `/api/v1/reports/${id}/notes`, { text: 'Ghi chú thử' }),
    },
    cases: async (world, actor) =>
      named(world).map(([name, report]) => {
        const expect = acting(actor, report, officersAndLeads);
        return {
          label: name,
          request: byApi('POST', `/api/v1/reports/${report.id}/notes`, {
            text: `Ghi chú API của ${actor.name}`,
          }),
          expect: expect === 'allow' ? { status: 201 } : expect,
          effect: { read: () => world.reportState(report.id), changes: expect === 'allow' },
        };
      }),
  },
  'POST /api/v1/reports/:id/questions': {
    rule: 'a question to the reporter through the API: officers and leads of the report’s unit; 403 to its other readers; 404 to the rest',
    enumerates: {
      ids: 'report',
      request: (_actor, id) => byApi('POST', `/api/v1/reports/${id}/questions`, { text: 'Câu hỏi thử' }),
    },
    cases: async (world, actor) =>
      named(world).map(([name, report]) => {
        const expect = acting(actor, report, officersAndLeads);
        return {
          label: name,
          request: byApi('POST', `/api/v1/reports/${report.id}/questions`, {
            text: `Câu hỏi API của ${actor.name}`,
          }),
          expect: expect === 'allow' ? { status: 201 } : expect,
          effect: { read: () => world.reportState(report.id), changes: expect === 'allow' },
        };
      }),
  },
  'POST /api/v1/reports/:id/vks-notices': {
    rule: 'a procuracy notice recorded sent through the API: officers and leads of the report’s unit; 403 to its other readers; 404 to the rest',
    enumerates: {
      ids: 'report',
      request: (_actor, id) => byApi('POST', `/api/v1/reports/${id}/vks-notices`, vksNoticeJson()),
    },
    cases: async (world, actor) =>
      named(world).map(([name, report]) => {
        const expect = acting(actor, report, officersAndLeads);
        return {
          label: name,
          request: byApi('POST', `/api/v1/reports/${report.id}/vks-notices`, vksNoticeJson()),
          expect: expect === 'allow' ? { status: 201 } : expect,
          effect: { read: () => world.reportState(report.id), changes: expect === 'allow' },
        };
      }),
  },
  'GET /console/dashboard': {
    rule: 'the figures: supervisors and unit leads, of their units; 404 for another unit; 403 to other sessions',
    cases: dashboardCases('/console/dashboard', () => ['data-headline']),
  },
  'GET /console/dashboard/reports': {
    rule: 'a figure’s reports: supervisors and unit leads, of their units; 404 for another unit; 403 to other sessions',
    cases: dashboardCases(
      '/console/dashboard/reports',
      (world, actor) =>
        named(world)
          .filter(([, r]) => mayRead(actor, r.unitId))
          .map(([, r]) => r.id),
      'figure=classified_within_24h&side=denominator',
    ),
  },
  'GET /console/dashboard/export.csv': {
    rule: 'the figures’ CSV: supervisors and unit leads, of their units; 404 for another unit; 403 to other sessions',
    cases: dashboardCases('/console/dashboard/export.csv', (world, actor) => [
      'report_id,register_number',
      ...named(world)
        .filter(([, r]) => mayRead(actor, r.unitId))
        .map(([, r]) => r.registerNumber),
    ]),
  },
  'GET /console/dashboard/export.xlsx': {
    rule: 'the figures’ XLSX: supervisors and unit leads, of their units; 404 for another unit; 403 to other sessions',
    cases: dashboardCases('/console/dashboard/export.xlsx', () => undefined),
  },
  'GET /console/dashboard/report.pdf': {
    rule: 'the monthly PDF: supervisors and unit leads, of their units; 404 for another unit; 403 to other sessions',
    cases: dashboardCases('/console/dashboard/report.pdf', () => undefined),
  },
};

import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAccessCase } from '../../support/access-matrix-check.ts';
import type { MatrixRequest } from '../../support/access-matrix-request.ts';
import {
  type AccessWorld,
  type ActorName,
  accessWorldConfig,
  buildAccessWorld,
  mayRead,
  type WorldReport,
} from '../../support/access-matrix-world.ts';
import { type ConsoleHarness, startConsoleHarness } from '../../support/console-harness.ts';
import { routeAccess } from './route-access-table.ts';

let harness: ConsoleHarness;
let world: AccessWorld;

beforeAll(async () => {
  harness = await startConsoleHarness(accessWorldConfig);
  world = await buildAccessWorld(harness);
}, 60_000);
afterAll(async () => {
  await harness?.stop();
});

const signedIn: readonly ActorName[] = ['officerA', 'leadA', 'supervisorA', 'officerB', 'leadB', 'admin'];

/** The id with its last hex digit moved by one: what counting up from a known id tries. */
const neighbour = (id: string) =>
  id.slice(0, -1) + ((Number.parseInt(id.slice(-1), 16) + 1) % 16).toString(16);

const byConsole = (
  method: MatrixRequest['method'],
  path: string,
  form?: Record<string, string>,
): MatrixRequest => (form ? { method, path, via: 'console', form } : { method, path, via: 'console' });

describe('enumerating ids (A2)', () => {
  it('answers 404, with one body, to guessed, sequential and other units’ ids on every route taking a report or attachment id', async () => {
    const routes = Object.entries(routeAccess).flatMap(([route, access]) =>
      access.enumerates ? [{ route, ...access.enumerates }] : [],
    );
    expect(routes.map((r) => r.route)).toEqual(
      expect.arrayContaining([
        'GET /console/reports/:id',
        'GET /console/evidence/:token',
        'GET /api/v1/reports/:id',
      ]),
    );
    const problems: string[] = [];
    for (const name of signedIn) {
      const actor = world.actors[name];
      const reports = Object.values(world.reports);
      const readable = reports.filter((r) => mayRead(actor, r.unitId));
      const foreign = reports.filter((r) => !mayRead(actor, r.unitId));
      for (const { route, ids, request } of routes) {
        const idOf = (r: WorldReport) => (ids === 'report' ? r.id : (r.evidence?.attachmentId ?? ''));
        const [firstForeign = world.reports.tipA] = foreign;
        const guesses: [string, string][] = [
          ['a random id', randomUUID()],
          ['the first sequential id', '00000000-0000-0000-0000-000000000001'],
          ['the id after a readable one', neighbour(idOf(readable[0] ?? world.reports.tipA))],
          ...foreign.flatMap((r): [string, string][] => [
            [`${r.registerNumber} of ${r.unitId}`, idOf(r)],
            [`${r.registerNumber} of ${r.unitId} in capitals`, idOf(r).toUpperCase()],
          ]),
        ];
        // Evidence links carry the attachment id as bytes: only a UUID can be signed into one.
        if (ids === 'report')
          guesses.push(
            ['a number', '1'],
            ['another unit’s register number', firstForeign.registerNumber],
            ['another unit’s id and a digit more', `${firstForeign.id}0`],
          );
        let reference: string | undefined;
        for (const [label, id] of guesses) {
          const checked = await checkAccessCase(world, actor, {
            label,
            request: request(actor, id),
            expect: 'not_found',
          });
          problems.push(...checked.problems);
          reference ??= checked.answer.body;
          if (checked.answer.body !== reference)
            problems.push(`${name} ${route} (${label}): the body differs from a random id's`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('ends no session for a guessed session handle and changes no account for a guessed account id', async () => {
    const openSessions = async () =>
      (await harness.pool.query('SELECT id FROM officer_session WHERE ended_at IS NULL ORDER BY id')).rows;
    const activeOfficers = async () =>
      (await harness.pool.query('SELECT id, active FROM officer ORDER BY id')).rows;
    const problems: string[] = [];
    const handles = ['', '0', randomBytes(8).toString('hex'), '0000000000000000', world.spare.A.id];
    for (const name of signedIn)
      for (const handle of handles)
        problems.push(
          ...(
            await checkAccessCase(world, world.actors[name], {
              label: `handle ${JSON.stringify(handle)}`,
              request: byConsole('POST', '/console/sessions/end', { handle }),
              expect: { redirect: '/console/sessions' },
              effect: { read: openSessions, changes: false },
            })
          ).problems,
        );
    const accountIds = [
      randomUUID(),
      '00000000-0000-0000-0000-000000000001',
      neighbour(world.spare.A.id),
      '1',
    ];
    for (const id of accountIds)
      for (const change of ['deactivate', 'reactivate'])
        problems.push(
          ...(
            await checkAccessCase(world, world.actors.admin, {
              label: `account ${id}`,
              request: byConsole('POST', `/console/accounts/${id}/${change}`, {}),
              expect: { redirect: '/console/accounts' },
              effect: { read: activeOfficers, changes: false },
            })
          ).problems,
        );
    expect(problems).toEqual([]);
  });

  it('answers one 404 to an enrolment link used, made up or malformed', async () => {
    const tokens = [
      world.usedEnrolmentToken,
      randomBytes(32).toString('base64url'),
      // The outstanding invitation's token with its last character changed.
      world.pendingEnrolmentToken.slice(0, -1) + (world.pendingEnrolmentToken.endsWith('A') ? 'B' : 'A'),
      'a',
      '..%2F..%2Fconsole',
    ];
    const problems: string[] = [];
    let reference: string | undefined;
    for (const token of tokens) {
      const checked = await checkAccessCase(world, world.actors.anonymous, {
        label: `token ${token.slice(0, 8)}`,
        request: byConsole('GET', `/console/enrol/${token}`),
        expect: 'not_found',
      });
      problems.push(...checked.problems);
      reference ??= checked.answer.body;
      if (checked.answer.body !== reference) problems.push(`token ${token.slice(0, 8)}: the body differs`);
    }
    expect(problems).toEqual([]);
  });
});

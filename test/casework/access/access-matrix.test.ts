import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAccessCase } from '../../support/access-matrix-check.ts';
import { listServerRoutes, type ServerRoute } from '../../support/access-matrix-server-routes.ts';
import {
  type AccessWorld,
  accessWorldConfig,
  actorNames,
  buildAccessWorld,
} from '../../support/access-matrix-world.ts';
import { type ConsoleHarness, startConsoleHarness } from '../../support/console-harness.ts';
import { routeAccess } from './route-access-table.ts';

let harness: ConsoleHarness;
let world: AccessWorld;
/** The server's routes under /console and /api. */
let served: ServerRoute[];

beforeAll(async () => {
  harness = await startConsoleHarness(accessWorldConfig);
  world = await buildAccessWorld(harness);
  served = listServerRoutes(harness.web.app.server).filter((r) => /^\/(console|api)(\/|$)/.test(r.url));
}, 60_000);
afterAll(async () => {
  await harness?.stop();
});

const routeKey = (route: ServerRoute) => `${route.method} ${route.url}`;

describe('the access matrix (A1): every console and API route × every role × two units', () => {
  it('has an access rule for every /console and /api route the server has, and none for a route it lacks', () => {
    expect(served.length).toBeGreaterThan(10);
    const classified = (route: ServerRoute) =>
      routeKey(route) in routeAccess || (route.method === 'HEAD' && `GET ${route.url}` in routeAccess);
    expect(served.filter((r) => !classified(r)).map(routeKey), 'routes without an access rule').toEqual([]);
    const present = new Set(served.map(routeKey));
    expect(
      Object.keys(routeAccess).filter((key) => !present.has(key)),
      'rules for routes the server lacks',
    ).toEqual([]);
  });

  for (const [route, access] of Object.entries(routeAccess))
    it(`${route}: ${access.rule}`, async () => {
      const [method, url] = route.split(' ');
      const head = method === 'GET' && served.some((r) => r.method === 'HEAD' && r.url === url);
      const problems: string[] = [];
      for (const name of actorNames) {
        const actor = world.actors[name];
        const cases = await access.cases(world, actor);
        expect(cases.length, `${name} has no case`).toBeGreaterThan(0);
        for (const kase of cases) {
          problems.push(...(await checkAccessCase(world, actor, kase)).problems);
          if (head)
            problems.push(
              ...(
                await checkAccessCase(world, actor, { ...kase, request: { ...kase.request, method: 'HEAD' } })
              ).problems,
            );
        }
      }
      expect(problems).toEqual([]);
    });
});

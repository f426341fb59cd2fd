import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenHash } from '../../../src/casework/accounts/random-token.ts';
import { acting, checkAccessCase } from '../../support/access-matrix-check.ts';
import type { MatrixRequest } from '../../support/access-matrix-request.ts';
import {
  type AccessWorld,
  accessWorldConfig,
  actorNames,
  buildAccessWorld,
  phoneDigits,
  showsPhone,
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

const reason = 'Cần gọi lại người báo tin để hỏi thêm về địa điểm';
const reveal = (report: WorldReport): MatrixRequest => ({
  method: 'POST',
  path: `/console/reports/${report.id}/reveal`,
  via: 'console',
  form: { reason },
});

describe('reporter identity (A3)', () => {
  it('shows a confidential reporter’s phone to a unit lead of the report’s unit who reveals it, each reveal an audit row and a report event', async () => {
    const tip = world.reports.tipA;
    const lead = world.actors.leadA;
    const records = () => world.revealRecords(tip.id);
    const before = await records();
    const problems: string[] = [];
    for (const name of actorNames.filter((n) => n !== 'leadA')) {
      const actor = world.actors[name];
      const refused = await checkAccessCase(world, actor, {
        label: 'reveal',
        request: reveal(tip),
        expect: acting(actor, tip, ['unit_lead']),
        effect: { read: records, changes: false },
      });
      problems.push(...refused.problems);
    }
    const revealed = await checkAccessCase(world, lead, {
      label: 'reveal',
      request: reveal(tip),
      expect: 'allow',
      reveals: tip,
      effect: { read: records, changes: true },
    });
    problems.push(...revealed.problems);
    expect(problems).toEqual([]);
    expect(revealed.answer.status).toBe(200);
    expect(showsPhone(revealed.answer.body, tip.phone ?? '')).toBe(true);
    expect(await records()).toEqual({ audits: before.audits + 1, events: before.events + 1 });

    const event = (
      await harness.pool.query<{ id: string; actor: string; detail: unknown }>(
        `SELECT id::text, actor, detail FROM report_event
          WHERE report_id = $1 AND kind = 'identity_revealed' ORDER BY id DESC LIMIT 1`,
        [tip.id],
      )
    ).rows[0];
    expect(event).toMatchObject({ actor: `officer:${lead.officer?.id}`, detail: { reason } });
    const audit = (
      await harness.pool.query(
        `SELECT officer_id, session_id, detail FROM audit_entry
          WHERE report_id = $1 AND action = 'identity.reveal' ORDER BY id DESC LIMIT 1`,
        [tip.id],
      )
    ).rows[0];
    expect(audit).toEqual({
      officer_id: lead.officer?.id,
      session_id: tokenHash(lead.session?.token ?? ''),
      detail: { eventId: event?.id },
    });
  });

  it('shows no reporter phone on any page or API answer after the reveals, nor in the audit log, events, notes or auth log', async () => {
    // Each side's lead reveals its tip first: what was revealed once must not stay on any page.
    for (const [name, report] of [
      ['leadA', world.reports.tipA],
      ['leadB', world.reports.tipB],
    ] as const) {
      const revealed = await checkAccessCase(world, world.actors[name], {
        label: 'reveal',
        request: reveal(report),
        expect: 'allow',
        reveals: report,
      });
      expect(revealed.problems).toEqual([]);
      expect(showsPhone(revealed.answer.body, report.phone ?? '')).toBe(true);
    }
    const problems: string[] = [];
    const reads = Object.entries(routeAccess).filter(([route]) => route.startsWith('GET '));
    expect(reads.length).toBeGreaterThan(5);
    for (const [, access] of reads)
      for (const name of actorNames) {
        const actor = world.actors[name];
        for (const kase of await access.cases(world, actor))
          problems.push(...(await checkAccessCase(world, actor, kase)).problems);
      }
    expect(problems).toEqual([]);

    const phones = Object.values(world.reports).flatMap((r) => (r.phone ? [phoneDigits(r.phone)] : []));
    expect(phones).toHaveLength(3);
    const { rows } = await harness.pool.query<{ place: string }>(
      `SELECT place FROM (
         SELECT 'audit_entry' AS place, detail::text AS text FROM audit_entry
         UNION ALL SELECT 'report_event', detail::text FROM report_event
         UNION ALL SELECT 'report_note', text FROM report_note
         UNION ALL SELECT 'auth_event', detail::text FROM auth_event) AS t
        WHERE regexp_replace(t.text, '[^0-9]', '', 'g') LIKE ANY ($1::text[])`,
      [phones.map((digits) => `%${digits}%`)],
    );
    expect(rows).toEqual([]);
    // Every reveal is both: an audit row naming its event, and that event.
    const unpaired = await harness.pool.query(
      `SELECT a.id, e.id AS event FROM
         (SELECT id, report_id, detail->>'eventId' AS event_id FROM audit_entry WHERE action = 'identity.reveal') a
         FULL JOIN (SELECT id, report_id FROM report_event WHERE kind = 'identity_revealed') e
           ON e.id::text = a.event_id AND e.report_id = a.report_id
        WHERE a.id IS NULL OR e.id IS NULL`,
    );
    expect(unpaired.rows).toEqual([]);
  });
});

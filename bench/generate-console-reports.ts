import pg from 'pg';
import { createDatabaseClient } from '../src/platform/database/create-database-client.ts';
import { createPgPool } from '../src/platform/database/create-pg-pool.ts';
import { loadDeadlineRules } from '../src/triage/deadlines/load-deadline-rules.ts';
import { loadPublicHolidays } from '../src/triage/deadlines/load-public-holidays.ts';
import { createVietnamCalendar } from '../src/triage/deadlines/vietnam-calendar.ts';
import { seedPoliceUnits } from '../src/triage/units/seed-police-units.ts';
import {
  writeContents,
  writeDeadlineDays,
  writeOfficers,
  writeReporters,
  writeUnitLoad,
} from './console-generator-inputs.ts';
import { consoleReportContents } from './console-report-contents.ts';
import { sealLedger } from './seal-ledger.ts';

export interface ConsoleGeneration {
  reports: number;
  events: number;
  /** Written receipt notices to the reporter (one per triaged report, but for the loop's backlog). */
  receiptNotices: number;
  /** Register lines and status events sealed into the ledger. */
  ledgerEntries: number;
  officers: number;
  reporters: number;
  /** Open reports (not transferred or closed), the queue's whole. */
  open: number;
  /** When the data ends: every report was submitted before, every step it took happened before. */
  asOf: string;
  seconds: Record<string, number>;
}

/** First submission of the generated history (the holiday list covers 2024–2028). */
const historyStart = new Date('2024-01-01T00:00:00+07:00');
const defaultProvinceCode = '01';
const register = 'TB';

/**
 * Fills a migrated, empty database with `reports` reports as the write paths would have left
 * them after three years of use, in SQL over helper tables (INSERT … SELECT over generate_series),
 * so it takes minutes on two cores:
 * - the police units as the worker seeds them, officers (a unit lead and officers per unit) and
 *   reporters as the intake writes them (keyed identity hash, encrypted chat id, bench keys);
 * - reports spread over units by Zipf's law, each with answers whose priority, hits and routing
 *   reason the project's triage rules worked out, and a ward or province that routes it there;
 * - register numbers gap-free per register and year in submission order, `register_counter` at
 *   the last number, receipt code hashes unique;
 * - each report's walk along the status machine (assign, classify with its five outcomes, accept,
 *   verify, extend, VKS extension, decide, suspend, resume, close, and the victim track of
 *   trafficking reports) with each step's time, actor, columns and limits as deriveCaseColumns
 *   sets them, limits counted by the project's rules and calendar; steps after `now` not taken;
 *   `version` the number of officer steps, `next_due_at` set by the migration's trigger;
 * - one report_event per step (submitted, triaged with its limits, every transition) and a
 *   report_extension per extension;
 * - the written receipt notice to the reporter as sendReceiptNotices leaves it, with the report's
 *   `receipt_noticed_at`: sent seconds after triage, or for a Zalo OA chat whose window had closed
 *   waiting for a status check hours or days later; 1% still owed (the loop's backlog);
 * - the register ledger sealed over all of it, by the worker's own `appendLedger` in big rounds
 *   (about 28,000 entries a second), so `ledger:verify` reads a whole chain.
 * Not generated: the audit chain of those past steps (its head is read by id, so its length costs
 * nothing), the procuracy's receipt notice due items and the other notices, the outbound messages,
 * attachments, notes, follow-ups, conversations.
 */
export async function generateConsoleReports(
  databaseUrl: string,
  options: { reports: number; now: Date; log: (line: string) => void },
): Promise<ConsoleGeneration> {
  const seconds: Record<string, number> = {};
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const began = performance.now();
    const result = await work();
    seconds[name] = Math.round((performance.now() - began) / 100) / 10;
    options.log(`    ${name}: ${seconds[name]} s`);
    return result;
  };
  try {
    await client.query(
      "SET work_mem = '256MB'; SET maintenance_work_mem = '512MB'; SET synchronize_seqscans = off",
    );
    await step('police units', async () => {
      const db = createDatabaseClient(databaseUrl, 1);
      try {
        await seedPoliceUnits(db);
      } finally {
        await db.$disconnect();
      }
    });
    const rules = loadDeadlineRules();
    const calendar = createVietnamCalendar(loadPublicHolidays());
    await writeUnitLoad(client, options.reports, defaultProvinceCode);
    const officers = await step('officers', () => writeOfficers(client, historyStart));
    const reporters = await step('reporters', () => writeReporters(client, options.reports, historyStart));
    await writeContents(client, consoleReportContents(defaultProvinceCode));
    const until = new Date(options.now.getTime() + 200 * 24 * 3600 * 1000);
    const { hours } = await writeDeadlineDays(client, { from: historyStart, until, rules, calendar });
    const hourOf = (id: string) => {
      const h = hours[id];
      if (h === undefined) throw new Error(`no hour rule ${id}`);
      return h;
    };
    await step('draw', () => client.query(drawSql, [historyStart, options.now]));
    await step('plan', () =>
      client.query(planSql, [
        options.now,
        register,
        hourOf('classify'),
        hourOf('notify_prosecution_decision'),
        hourOf('notify_no_prosecution'),
        hourOf('notify_suspension'),
      ]),
    );
    // The notices work (migration 20261207060000) marks a report whose written receipt notice is
    // written and gives the notice its shown_at and detail; before it, neither is generated.
    const { rowCount: receiptNoticed } = await client.query(
      `SELECT 1 FROM information_schema.columns WHERE table_name = 'report' AND column_name = 'receipt_noticed_at'`,
    );
    const noticesMigrated = receiptNoticed === 1;
    await step('reports', () => client.query(reportInsertSql(noticesMigrated)));
    const events = await step('events', async () => (await client.query(eventInsertSql)).rowCount ?? 0);
    const receiptNotices = noticesMigrated
      ? await step('receipt notices', async () => (await client.query(receiptNoticeInsertSql)).rowCount ?? 0)
      : 0;
    await step('extensions and counters', async () => {
      await client.query(extensionInsertSql);
      await client.query(
        `INSERT INTO register_counter (register, year, last_seq)
         SELECT register, register_year, max(register_seq) FROM report GROUP BY register, register_year`,
      );
    });
    await client.query(
      'DROP TABLE bench_unit, bench_unit_officer, bench_reporter, bench_content, bench_content_slot, bench_day, bench_draw, bench_plan',
    );
    await step('vacuum analyze', () => client.query('VACUUM (ANALYZE)'));
    const open = await step('checks', () => checkInvariants(client, noticesMigrated));
    const ledgerEntries = await step('ledger', async () => {
      const pool = createPgPool(databaseUrl, 1);
      try {
        return await sealLedger(pool, 100_000);
      } finally {
        await pool.end();
      }
    });
    return {
      reports: options.reports,
      events,
      receiptNotices,
      ledgerEntries,
      officers,
      reporters,
      open,
      asOf: options.now.toISOString(),
      seconds,
    };
  } finally {
    await client.end();
  }
}

/**
 * What the write paths guarantee, checked on the result: gap-free register numbers matching the
 * counter, one submitted and one triaged event per report, a status consistent with its columns,
 * at most one receipt notice to the reporter, written when the report says.
 * Throws naming the first broken rule; returns the number of open reports.
 */
async function checkInvariants(client: pg.Client, noticesMigrated: boolean): Promise<number> {
  const checks: [string, string][] = [
    [
      'register numbers are gap-free and match the counter',
      `SELECT count(*) FROM (SELECT register, register_year, count(*) AS n, min(register_seq) AS lo, max(register_seq) AS hi
                               FROM report GROUP BY 1, 2) r
         LEFT JOIN register_counter c ON c.register = r.register AND c.year = r.register_year
        WHERE r.lo <> 1 OR r.hi <> r.n OR c.last_seq IS DISTINCT FROM r.hi`,
    ],
    [
      'every report has one submitted and one triaged event',
      `SELECT count(*) FROM report r
        WHERE (SELECT count(*) FROM report_event e WHERE e.report_id = r.id AND e.kind IN ('submitted', 'triaged')) <> 2`,
    ],
    [
      'statuses agree with their columns',
      `SELECT count(*) FROM report WHERE
          (status = 'submitted' AND classified_at IS NOT NULL)
       OR (status <> 'submitted' AND classified_at IS NULL)
       OR (status = 'transferred' AND transferred_at IS NULL)
       OR (status = 'closed' AND closed_at IS NULL)
       OR (status IN ('accepted', 'verifying', 'extended', 'extended_by_vks') AND (accepted_at IS NULL OR decision_due_at IS NULL))
       OR (status = 'suspended' AND (suspended_at IS NULL OR decision_due_at IS NOT NULL))
       OR (status = 'resumed' AND resumed_at IS NULL)
       OR (status::text LIKE 'decided_%' AND decision_due_at IS NOT NULL)
       OR (kind = 'trafficking') <> (victim_track_status <> 'none')
       OR version < 0 OR triaged_at IS NULL OR unit_id IS NULL`,
    ],
    [
      'every extension row belongs to an extended report',
      `SELECT count(*) FROM report_extension x JOIN report r ON r.id = x.report_id
        WHERE (x.by_vks AND NOT r.vks_extended)`,
    ],
    [
      'no report has two receipt notices to the reporter',
      `SELECT count(*) FROM (SELECT report_id FROM report_notice WHERE recipient = 'reporter' AND kind = 'receipt'
                               GROUP BY report_id HAVING count(*) > 1) twice`,
    ],
  ];
  if (noticesMigrated)
    checks.push([
      'a report is marked noticed when, and only when, its receipt notice was written',
      `SELECT count(*) FROM report r
         LEFT JOIN report_notice n ON n.report_id = r.id AND n.recipient = 'reporter' AND n.kind = 'receipt'
        WHERE r.receipt_noticed_at IS DISTINCT FROM n.created_at`,
    ]);
  // The event check reads every report's events: worth it once, at build time.
  for (const [rule, sql] of checks) {
    const { rows } = await client.query<{ count: string }>(sql);
    if (Number(rows[0]?.count) !== 0)
      throw new Error(`generated data breaks "${rule}": ${rows[0]?.count} rows`);
  }
  const { rows } = await client.query<{ n: string }>(
    `SELECT count(*) AS n FROM report WHERE status NOT IN ('transferred', 'closed')`,
  );
  return Number(rows[0]?.n);
}

/**
 * Per report: its unit, submission instant (uniform over the history, to the millisecond), kind
 * of report by the unit's level, a ward of the unit's province for provincial reports with a ward,
 * channel, language, anonymity, and 40 random numbers for the plan.
 */
const drawSql = `
CREATE UNLOGGED TABLE bench_draw AS
WITH province_ward AS (
  SELECT province_code, array_agg(ward_code ORDER BY ward_code) AS wards
    FROM police_unit WHERE level = 'commune' GROUP BY province_code)
SELECT gen_random_uuid() AS id, u.unit_id, u.level AS unit_level, u.province_code AS unit_province,
       u.ward_code AS unit_ward, pw.wards AS province_wards,
       date_trunc('milliseconds', $1::timestamptz + r.x[1] * ($2::timestamptz - $1::timestamptz - interval '5 minutes'))
         AS submitted_at,
       CASE WHEN u.level = 'commune' THEN 'commune' WHEN u.unit_id = 'PROV-${defaultProvinceCode}' THEN 'default'
            ELSE 'province' END AS slot_level,
       CASE WHEN r.x[2] < 0.45 THEN 'telegram' WHEN r.x[2] < 0.75 THEN 'zalo_oa' WHEN r.x[2] < 0.85 THEN 'zalo_bot'
            ELSE 'web' END AS channel,
       r.x
  FROM bench_unit u
  CROSS JOIN LATERAL generate_series(1, u.reports) AS g(i)
  CROSS JOIN LATERAL (SELECT array_agg(random()) AS x FROM generate_series(1, 40) WHERE g.i > 0) AS r
  LEFT JOIN province_ward pw ON pw.province_code = u.province_code`;

/**
 * Every step of each report's walk with its instant (steps after \`now\` left out: the walk is in
 * time order, so a step taken means every earlier one was), the columns the report ends with, and
 * its register number. Outcomes and delays (hours, days) are drawn so that most reports are
 * classified within the 24 h and decided within the 20 days, some late, some extended.
 */
const planSql = `
CREATE UNLOGGED TABLE bench_plan AS
WITH ch AS (SELECT channel, count(*)::int AS n FROM bench_reporter GROUP BY channel),
drawn AS (
  SELECT d.id, d.unit_id, d.submitted_at, d.channel, d.x, c.id AS content_id, c.kind, c.category, c.description,
         c."peopleText" AS people_text, c."dangerNow" AS danger_now, c.ongoing, c."occurredWhen" AS occurred_when,
         c."childInvolved" AS child_involved, c.situation, c.country, c."helpNeeded" AS help_needed, c.priority, c.hits,
         c."routingReason" AS routing_reason,
         CASE WHEN c.place = 'ward' AND d.unit_level = 'commune' THEN d.unit_ward
              WHEN c.place = 'ward' THEN d.province_wards[1 + floor(d.x[3] * cardinality(d.province_wards))::int] END
           AS ward_code,
         CASE WHEN c.place IN ('ward', 'province') THEN d.unit_province END AS province_code,
         c.place = 'coordinates' AS has_coordinates,
         rep.id AS reporter_id, rep.language,
         o.officer_ids[1 + floor(d.x[4] * cardinality(o.officer_ids))::int] AS officer, o.lead_id AS lead
    FROM bench_draw d
    JOIN bench_content_slot s ON s.level = d.slot_level AND s.slot = floor(d.x[5] * 1000)::int
    JOIN bench_content c ON c.id = s.content_id
    JOIN ch ON ch.channel = d.channel
    JOIN bench_reporter rep ON rep.channel = d.channel AND rep.idx = floor(d.x[6] * ch.n)::int
    JOIN bench_unit_officer o ON o.unit_id = d.unit_id),
walk AS (
  SELECT d.*, w1.*, w2.*, w3.*, w4.*
    FROM drawn d
    CROSS JOIN LATERAL (SELECT
      date_trunc('milliseconds', d.submitted_at + (0.5 + d.x[7] * 2.5) * interval '1 second') AS triaged_at,
      date_trunc('milliseconds', d.submitted_at + CASE WHEN d.x[8] < 0.9 THEN 0.5 + d.x[9] * 22.5 ELSE 24 + d.x[9] * 48 END
        * interval '1 hour') AS classify_raw,
      CASE WHEN d.kind = 'trafficking' THEN CASE WHEN d.x[10] < 0.92 THEN 'in_competence' ELSE 'not_in_competence' END
           WHEN d.x[10] < 0.70 THEN 'in_competence' WHEN d.x[10] < 0.80 THEN 'not_in_competence'
           WHEN d.x[10] < 0.88 THEN 'not_criminal' WHEN d.x[10] < 0.95 THEN 'duplicate' ELSE 'knowingly_false' END
        AS outcome,
      d.x[11] < 0.85 AS assigned,
      d.x[12] < 0.15 AS extended,
      d.x[12] < 0.045 AS vks,
      CASE WHEN d.x[13] < 0.30 THEN 'prosecute' WHEN d.x[13] < 0.70 THEN 'no_prosecute'
           WHEN d.x[13] < 0.96 THEN 'administrative' ELSE 'suspend' END AS decision,
      CASE WHEN d.x[14] < 0.4 THEN 'prosecute' WHEN d.x[14] < 0.8 THEN 'no_prosecute' ELSE 'administrative' END
        AS decision2,
      CASE WHEN d.x[15] < 0.5 THEN 'victim' WHEN d.x[15] < 0.8 THEN 'not_victim' ELSE 'undetermined' END
        AS victim_outcome) AS w1
    CROSS JOIN LATERAL (SELECT
      date_trunc('milliseconds', d.submitted_at + (w1.classify_raw - d.submitted_at) * (0.1 + 0.8 * d.x[16])) AS assign_raw,
      CASE WHEN w1.outcome = 'in_competence' THEN
        date_trunc('milliseconds', w1.classify_raw + (2 + d.x[17] * 46) * interval '1 hour') END AS accept_raw,
      CASE WHEN d.kind = 'trafficking' THEN date_trunc('milliseconds', d.submitted_at
        + CASE WHEN d.x[18] < 0.9 THEN 4 + d.x[19] * 64 ELSE 72 + d.x[19] * 48 END * interval '1 hour') END AS victim_raw,
      -- The receipt notice: the loop a finished triage kicks writes it seconds later (the digits of
      -- x[39] past its first two: uniform in each share below), but for 1% still in its backlog. A
      -- tenth of the Zalo OA chats (3% of all) had a closed window: the notice waits for a status
      -- check 1 hour to 7 days later, about a fifth of them after the limit.
      CASE WHEN d.x[39] >= 0.01 THEN date_trunc('milliseconds',
        w1.triaged_at + (0.5 + 4.5 * (d.x[39] * 100 - floor(d.x[39] * 100))) * interval '1 second') END AS notice_raw,
      d.channel = 'zalo_oa' AND d.x[39] >= 0.9 AS notice_waits)
      AS w2
    CROSS JOIN LATERAL (SELECT
      date_trunc('milliseconds', w2.accept_raw + (2 + d.x[20] * 70) * interval '1 hour') AS verify_raw,
      CASE WHEN w1.extended THEN date_trunc('milliseconds', w2.accept_raw + (4 + d.x[21] * 10) * interval '1 day') END
        AS extend_raw,
      CASE WHEN w2.victim_raw IS NOT NULL AND w1.victim_outcome = 'victim' AND d.x[22] < 0.7 THEN
        date_trunc('milliseconds', w2.victim_raw + (1 + d.x[23] * 47) * interval '1 hour') END AS refer_raw) AS w3
    CROSS JOIN LATERAL (SELECT
      CASE WHEN w1.vks THEN date_trunc('milliseconds', w3.extend_raw + (15 + d.x[24] * 25) * interval '1 day') END
        AS vks_raw,
      CASE WHEN w3.refer_raw IS NOT NULL AND d.x[25] < 0.5 THEN
        date_trunc('milliseconds', w3.refer_raw + (1 + d.x[26] * 71) * interval '1 hour') END AS request_raw,
      CASE WHEN w2.notice_waits THEN date_trunc('milliseconds',
        w2.notice_raw + (1 + 167 * ((d.x[39] - 0.9) / 0.1) ^ 2) * interval '1 hour') END AS shown_raw) AS w4),
decided AS (
  SELECT w.*, w5.*, w6.*, w7.*
    FROM walk w
    CROSS JOIN LATERAL (SELECT CASE WHEN w.outcome = 'in_competence' THEN date_trunc('milliseconds', greatest(
        coalesce(w.vks_raw, w.extend_raw, greatest(w.verify_raw, w.extend_raw)) + interval '2 hours',
        w.submitted_at + CASE WHEN w.vks THEN 61 + w.x[27] * 50 WHEN w.extended THEN 21 + w.x[27] * 35
                              WHEN w.x[28] < 0.93 THEN 3 + w.x[27] * 16 ELSE 20 + w.x[27] * 10 END * interval '1 day'))
        END AS decide_raw,
      CASE WHEN w.request_raw IS NOT NULL AND w.x[29] < 0.8 THEN
        date_trunc('milliseconds', w.request_raw + (1 + w.x[30] * 119) * interval '1 hour') END AS protect_raw) AS w5
    CROSS JOIN LATERAL (SELECT CASE WHEN w.decision = 'suspend' AND w.x[31] < 0.5 THEN
        date_trunc('milliseconds', w5.decide_raw + (15 + w.x[32] * 100) * interval '1 day') END AS resume_raw) AS w6
    CROSS JOIN LATERAL (SELECT
      date_trunc('milliseconds', w6.resume_raw + (3 + w.x[33] * 25) * interval '1 day') AS decide2_raw,
      CASE WHEN w.outcome = 'not_criminal' THEN date_trunc('milliseconds', w.classify_raw + (1 + w.x[34] * 9) * interval '1 day')
           WHEN w.outcome = 'in_competence' AND (w.decision <> 'suspend' OR w6.resume_raw IS NOT NULL) THEN
             date_trunc('milliseconds', coalesce(w6.resume_raw + (3 + w.x[33] * 25) * interval '1 day', w5.decide_raw)
               + (1 + w.x[34] * 13) * interval '1 day') END AS close_raw) AS w7),
taken AS (
  -- A step is taken when its instant has passed; the walk is in time order.
  SELECT d.*,
         CASE WHEN d.assigned AND d.assign_raw <= $1 THEN d.assign_raw END AS assign_at,
         CASE WHEN d.classify_raw <= $1 THEN d.classify_raw END AS classify_at,
         CASE WHEN d.accept_raw <= $1 THEN d.accept_raw END AS accept_at,
         CASE WHEN d.verify_raw <= $1 THEN d.verify_raw END AS verify_at,
         CASE WHEN d.extend_raw <= $1 THEN d.extend_raw END AS extend_at,
         CASE WHEN d.vks_raw <= $1 THEN d.vks_raw END AS vks_at,
         CASE WHEN d.decide_raw <= $1 THEN d.decide_raw END AS decide_at,
         CASE WHEN d.resume_raw <= $1 THEN d.resume_raw END AS resume_at,
         CASE WHEN d.decide2_raw <= $1 THEN d.decide2_raw END AS decide2_at,
         CASE WHEN d.close_raw <= $1 THEN d.close_raw END AS close_at,
         CASE WHEN d.notice_raw <= $1 THEN d.notice_raw END AS noticed_at,
         CASE WHEN d.shown_raw <= $1 THEN d.shown_raw END AS notice_shown_at,
         -- The victim track moves only while the report is open here.
         CASE WHEN d.outcome IN ('not_in_competence', 'duplicate', 'knowingly_false') THEN d.classify_raw ELSE d.close_raw END
           AS terminal_raw,
         extract(year FROM d.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS register_year,
         row_number() OVER (PARTITION BY extract(year FROM d.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')
                            ORDER BY d.submitted_at, d.id)::int AS register_seq
    FROM decided d),
numbered AS (
  SELECT t.*,
         $2::text || '-' || t.register_year || '-' || CASE WHEN t.register_seq < 1000000
           THEN lpad(t.register_seq::text, 6, '0') ELSE t.register_seq::text END AS register_number,
         CASE WHEN t.victim_raw <= $1 AND t.victim_raw < coalesce(t.terminal_raw, 'infinity') THEN t.victim_raw END AS victim_at,
         CASE WHEN t.refer_raw <= $1 AND t.refer_raw < coalesce(t.terminal_raw, 'infinity') THEN t.refer_raw END AS refer_at,
         CASE WHEN t.request_raw <= $1 AND t.request_raw < coalesce(t.terminal_raw, 'infinity') THEN t.request_raw END AS request_at,
         CASE WHEN t.protect_raw <= $1 AND t.protect_raw < coalesce(t.terminal_raw, 'infinity') THEN t.protect_raw END AS protect_at
    FROM taken t),
walked AS (
  SELECT n.*,
         -- A duplicate names the unit's previous report; the unit's first cannot be one.
         CASE WHEN n.outcome = 'duplicate' AND lag(n.register_number) OVER unit IS NULL THEN 'knowingly_false' ELSE n.outcome END
           AS classification_outcome,
         lag(n.register_number) OVER unit AS duplicate_of
    FROM numbered n
  WINDOW unit AS (PARTITION BY n.unit_id ORDER BY n.submitted_at, n.id))
SELECT f.*,
       row_number() OVER (ORDER BY f.submitted_at, f.id) AS n,
       CASE f.classification_outcome WHEN 'in_competence' THEN 'classified' WHEN 'not_in_competence' THEN 'transferred'
            WHEN 'not_criminal' THEN 'decided_administrative' ELSE 'closed' END AS classified_to,
       CASE f.decision WHEN 'prosecute' THEN 'decided_prosecute' WHEN 'no_prosecute' THEN 'decided_no_prosecute'
            WHEN 'administrative' THEN 'decided_administrative' ELSE 'suspended' END AS decided_to,
       CASE f.decision2 WHEN 'prosecute' THEN 'decided_prosecute' WHEN 'no_prosecute' THEN 'decided_no_prosecute'
            ELSE 'decided_administrative' END AS decided2_to,
       CASE f.decision WHEN 'prosecute' THEN 'notify_prosecution_decision' WHEN 'suspend' THEN 'notify_suspension'
            ELSE 'notify_no_prosecution' END AS notice1,
       CASE f.decision2 WHEN 'prosecute' THEN 'notify_prosecution_decision' ELSE 'notify_no_prosecution' END AS notice2,
       CASE f.decision WHEN 'prosecute' THEN $4::int WHEN 'suspend' THEN $6::int ELSE $5::int END AS notice1_hours,
       CASE f.decision2 WHEN 'prosecute' THEN $4::int ELSE $5::int END AS notice2_hours,
       date_trunc('milliseconds', f.submitted_at + $3::int * interval '1 hour') AS classify_due_at,
       sday.receipt_notice AS receipt_notice_due_at, sday.decide AS decide_due, sday.decide_extended AS extended_due,
       sday.victim_verification AS victim_due,
       CASE f.kind WHEN 'trafficking' THEN sday.triage_trafficking ELSE sday.triage_crime_tip END AS triage_deadlines,
       vday.vks_extension AS vks_due, rday.resumed_decide AS resumed_due, rday.notify_resumption AS resumption_notice_due
  FROM walked f
  JOIN bench_day sday ON sday.day = (f.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
  LEFT JOIN bench_day vday ON vday.day = (sday.decide_extended AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
  LEFT JOIN bench_day rday ON rday.day = (f.resume_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
 ORDER BY f.submitted_at, f.id`;

/** The status a report had at an instant of its walk (the machine's order of steps). */
const statusAt = (t: string) => `(CASE
  WHEN p.close_at <= ${t} THEN 'closed'
  WHEN p.decide2_at <= ${t} THEN p.decided2_to
  WHEN p.resume_at <= ${t} THEN 'resumed'
  WHEN p.decide_at <= ${t} THEN p.decided_to
  WHEN p.vks_at <= ${t} THEN 'extended_by_vks'
  WHEN p.extend_at <= ${t} THEN 'extended'
  WHEN p.verify_at <= ${t} THEN 'verifying'
  WHEN p.accept_at <= ${t} THEN 'accepted'
  WHEN p.classify_at <= ${t} THEN p.classified_to
  ELSE 'submitted' END)`;

const groundOf = (decision: string) => `CASE ${decision}
  WHEN 'prosecute' THEN 'Điều 143 BLTTHS 2015: có dấu hiệu tội phạm'
  WHEN 'no_prosecute' THEN 'Điều 157 khoản 1 BLTTHS 2015: không có sự việc phạm tội'
  WHEN 'administrative' THEN 'Điều 158 BLTTHS 2015: chuyển xử lý vi phạm hành chính'
  ELSE 'Điều 148 khoản 1 điểm a BLTTHS 2015: chưa có kết quả giám định' END`;

const reasonsOf = (decision: string) => `CASE ${decision}
  WHEN 'no_prosecute' THEN 'Qua xác minh không có sự việc phạm tội như tin báo.'
  WHEN 'administrative' THEN 'Hành vi chưa đến mức xử lý hình sự, chuyển cơ quan có thẩm quyền xử phạt.' END`;

const iso = (t: string) => `to_char((${t}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The report rows, in submission order, with the columns their last step left. */
const reportInsertSql = (receiptNoticed: boolean) => `
INSERT INTO report (
  id, kind, channel, reporter_id, anonymity, status, priority, register, register_year, register_seq, register_number,
  receipt_code_hash, language, category, description, occurred_when, province_code, ward_code, latitude, longitude,
  people_text, danger_now, ongoing, child_involved, situation, country, help_needed, victim_track_status,
  submitted_at, triaged_at, unit_id, routing_reason, priority_hits, classified_at, classification, accepted_at,
  transferred_at, transferred_to, verifying_at, decided_at, decision_ground, decision_reasons, suspended_at, resumed_at,
  closed_at, victim_verification_at, victim_verification_outcome, support_referred_at, protection_requested_at,
  protection_decided_at, assignee_id, version, decision_limit, vks_extended, notice_kind, notice_due_at,
  classify_due_at, receipt_notice_due_at, decision_due_at, victim_verification_due_at, deadlines_pending_calendar
  ${receiptNoticed ? ', receipt_noticed_at' : ''})
SELECT p.id, p.kind::"ReportKind", p.channel::"Channel", p.reporter_id,
       (CASE WHEN p.x[35] < 0.6 THEN 'anonymous' ELSE 'confidential' END)::"Anonymity",
       ${statusAt("'infinity'")}::"ReportStatus", p.priority, '${register}', p.register_year, p.register_seq,
       p.register_number, encode(sha256(convert_to('bench-receipt:' || p.id::text, 'UTF8')), 'hex'), p.language,
       p.category, p.description, p.occurred_when, p.province_code, p.ward_code,
       CASE WHEN p.has_coordinates THEN 21.0 + p.x[36] END, CASE WHEN p.has_coordinates THEN 105.5 + p.x[37] END,
       p.people_text, p.danger_now, p.ongoing, p.child_involved, p.situation, p.country, p.help_needed,
       (CASE WHEN p.kind <> 'trafficking' THEN 'none'
             WHEN p.protect_at IS NOT NULL THEN 'protection_decided' WHEN p.request_at IS NOT NULL THEN 'protection_requested'
             WHEN p.refer_at IS NOT NULL THEN 'support_referred' ELSE 'victim_verification' END)::"VictimTrackStatus",
       p.submitted_at, p.triaged_at, p.unit_id, p.routing_reason, p.hits, p.classify_at,
       CASE WHEN p.classify_at IS NOT NULL THEN p.classification_outcome END, p.accept_at,
       CASE WHEN p.classification_outcome = 'not_in_competence' THEN p.classify_at END,
       CASE WHEN p.classification_outcome = 'not_in_competence' AND p.classify_at IS NOT NULL
            THEN 'Cơ quan An ninh điều tra Công an tỉnh' END,
       p.verify_at,
       coalesce(p.decide2_at, CASE WHEN p.decision <> 'suspend' THEN p.decide_at END),
       CASE WHEN p.decide2_at IS NOT NULL THEN ${groundOf('p.decision2')} WHEN p.decide_at IS NOT NULL THEN ${groundOf('p.decision')} END,
       CASE WHEN p.decide2_at IS NOT NULL THEN ${reasonsOf('p.decision2')} WHEN p.decide_at IS NOT NULL THEN ${reasonsOf('p.decision')} END,
       CASE WHEN p.decision = 'suspend' THEN p.decide_at END, p.resume_at,
       CASE WHEN p.classification_outcome IN ('duplicate', 'knowingly_false') THEN p.classify_at ELSE p.close_at END,
       CASE WHEN p.kind = 'trafficking' THEN p.triaged_at END,
       CASE WHEN p.victim_at IS NOT NULL THEN p.victim_outcome END, p.refer_at, p.request_at, p.protect_at,
       CASE WHEN p.assign_at IS NOT NULL THEN p.officer END,
       (p.assign_at IS NOT NULL)::int + (p.classify_at IS NOT NULL)::int + (p.accept_at IS NOT NULL)::int
         + (p.verify_at IS NOT NULL)::int + (p.extend_at IS NOT NULL)::int + (p.vks_at IS NOT NULL)::int
         + (p.decide_at IS NOT NULL)::int + (p.resume_at IS NOT NULL)::int + (p.decide2_at IS NOT NULL)::int
         + (p.close_at IS NOT NULL)::int + (p.victim_at IS NOT NULL)::int + (p.refer_at IS NOT NULL)::int
         + (p.request_at IS NOT NULL)::int + (p.protect_at IS NOT NULL)::int,
       CASE WHEN p.decide2_at IS NOT NULL THEN NULL WHEN p.resume_at IS NOT NULL THEN 'resumed_decide'
            WHEN p.decide_at IS NOT NULL THEN NULL WHEN p.vks_at IS NOT NULL THEN 'vks_extension'
            WHEN p.extend_at IS NOT NULL THEN 'decide_extended' WHEN p.accept_at IS NOT NULL THEN 'decide' END,
       p.vks_at IS NOT NULL,
       CASE WHEN p.decide2_at IS NOT NULL THEN p.notice2 WHEN p.resume_at IS NOT NULL THEN 'notify_resumption'
            WHEN p.decide_at IS NOT NULL THEN p.notice1 END,
       CASE WHEN p.decide2_at IS NOT NULL THEN p.decide2_at + p.notice2_hours * interval '1 hour'
            WHEN p.resume_at IS NOT NULL THEN p.resumption_notice_due
            WHEN p.decide_at IS NOT NULL THEN p.decide_at + p.notice1_hours * interval '1 hour' END,
       p.classify_due_at, p.receipt_notice_due_at,
       CASE WHEN p.decide2_at IS NOT NULL THEN NULL WHEN p.resume_at IS NOT NULL THEN p.resumed_due
            WHEN p.decide_at IS NOT NULL THEN NULL WHEN p.vks_at IS NOT NULL THEN p.vks_due
            WHEN p.extend_at IS NOT NULL THEN p.extended_due
            WHEN p.classify_at IS NOT NULL AND p.classification_outcome <> 'in_competence' THEN NULL
            ELSE p.decide_due END,
       CASE WHEN p.kind = 'trafficking' THEN p.victim_due END,
       false
       ${receiptNoticed ? ', p.noticed_at' : ''}
  FROM bench_plan p`;

const detail = (fields: string, deadlines = "'[]'::jsonb", victim = 'NULL::jsonb') =>
  `jsonb_build_object('fields', ${fields}, 'deadlines', ${deadlines}, 'victimTrack', ${victim})`;
const deadline = (column: string, rule: string, due: string) =>
  `jsonb_build_object('column', '${column}', 'ruleId', ${rule}, 'dueAt', ${due})`;
const track = (from: string, to: string) => `jsonb_build_object('from', '${from}', 'to', '${to}')`;
const officerActor = "'officer:' || p.officer";
const leadActor = "'officer:' || p.lead";

/**
 * One event per step, each report's in time order (the ids follow it): as submitReports,
 * triageSubmittedReports and applyCaseAction write them, with the same fields and limit changes.
 */
const eventInsertSql = `
INSERT INTO report_event (report_id, kind, from_status, to_status, actor, at, detail)
SELECT p.id, e.kind, e.from_status::"ReportStatus", e.to_status::"ReportStatus", e.actor, e.at, e.detail
  FROM bench_plan p
  CROSS JOIN LATERAL (
    SELECT * FROM (VALUES
      (1, 'submitted', NULL, 'submitted', 'reporter', p.submitted_at, NULL::jsonb),
      (2, 'triaged', NULL, NULL, 'system', p.triaged_at, jsonb_build_object(
        'priority', p.priority, 'hits', p.hits, 'unitId', p.unit_id, 'routingReason', p.routing_reason,
        'deadlinesPendingCalendar', false,
        'deadlines', (SELECT jsonb_agg(CASE WHEN l.x ? 'hours' THEN jsonb_build_object('ruleId', l.x->'ruleId',
                        'basis', l.x->'basis', 'dueAt', ${iso("(p.submitted_at + (l.x->>'hours')::int * interval '1 hour')")})
                        ELSE l.x END ORDER BY l.o)
                        FROM jsonb_array_elements(p.triage_deadlines) WITH ORDINALITY AS l(x, o)))),
      (3, 'assign', 'submitted', 'submitted', ${officerActor}, p.assign_at,
        ${detail("jsonb_build_object('assigneeId', p.officer)")}),
      (4, 'classify', 'submitted', p.classified_to, ${officerActor}, p.classify_at,
        ${detail(
          `CASE p.classification_outcome
             WHEN 'in_competence' THEN jsonb_build_object('outcome', 'in_competence')
             WHEN 'not_in_competence' THEN jsonb_build_object('outcome', 'not_in_competence',
               'receivingBody', 'Cơ quan An ninh điều tra Công an tỉnh', 'reason', 'Thuộc thẩm quyền an ninh.')
             WHEN 'not_criminal' THEN jsonb_build_object('outcome', 'not_criminal', 'reason', 'Tranh chấp dân sự.')
             WHEN 'duplicate' THEN jsonb_build_object('outcome', 'duplicate', 'duplicateOf', p.duplicate_of)
             ELSE jsonb_build_object('outcome', 'knowingly_false', 'reason', 'Nội dung sai sự thật.') END`,
          `CASE WHEN p.classification_outcome = 'in_competence' THEN '[]'::jsonb
                ELSE jsonb_build_array(${deadline('decisionDueAt', 'NULL', 'NULL')}) END`,
        )}),
      (5, 'accept', 'classified', 'accepted', ${officerActor}, p.accept_at, ${detail("'{}'::jsonb")}),
      (6, 'verify', 'accepted', 'verifying', ${officerActor}, p.verify_at, ${detail("'{}'::jsonb")}),
      (7, 'extend', 'verifying', 'extended', ${leadActor}, p.extend_at,
        ${detail(
          "jsonb_build_object('reason', 'Vụ việc phức tạp, phải xác minh ở nhiều nơi.')",
          `jsonb_build_array(${deadline('decisionDueAt', "'decide_extended'", iso('p.extended_due'))})`,
        )}),
      (8, 'vks_extend', 'extended', 'extended_by_vks', ${leadActor}, p.vks_at,
        ${detail(
          "jsonb_build_object('vksDecisionRef', 'QĐ ' || p.register_seq || '/VKS', 'months', 2, 'reason', 'Chờ kết quả giám định.')",
          `jsonb_build_array(${deadline('decisionDueAt', "'vks_extension'", iso('p.vks_due'))})`,
        )}),
      (9, 'decide', CASE WHEN p.vks_at IS NOT NULL THEN 'extended_by_vks' WHEN p.extend_at IS NOT NULL THEN 'extended'
                         ELSE 'verifying' END, p.decided_to, ${leadActor}, p.decide_at,
        ${detail(
          `jsonb_strip_nulls(jsonb_build_object('decision', p.decision, 'legalGround', ${groundOf('p.decision')},
             'reasons', ${reasonsOf('p.decision')}))`,
          `jsonb_build_array(${deadline('decisionDueAt', 'NULL', 'NULL')},
             ${deadline('noticeDueAt', 'p.notice1', iso("p.decide_at + p.notice1_hours * interval '1 hour'"))})`,
        )}),
      (10, 'resume', 'suspended', 'resumed', ${leadActor}, p.resume_at,
        ${detail(
          "jsonb_build_object('reason', 'Đã có kết quả giám định.')",
          `jsonb_build_array(${deadline('decisionDueAt', "'resumed_decide'", iso('p.resumed_due'))},
             ${deadline('noticeDueAt', "'notify_resumption'", iso('p.resumption_notice_due'))})`,
        )}),
      (11, 'decide', 'resumed', p.decided2_to, ${leadActor}, p.decide2_at,
        ${detail(
          `jsonb_strip_nulls(jsonb_build_object('decision', p.decision2, 'legalGround', ${groundOf('p.decision2')},
             'reasons', ${reasonsOf('p.decision2')}))`,
          `jsonb_build_array(${deadline('decisionDueAt', 'NULL', 'NULL')},
             ${deadline('noticeDueAt', 'p.notice2', iso("p.decide2_at + p.notice2_hours * interval '1 hour'"))})`,
        )}),
      (12, 'close', CASE WHEN p.decide2_at IS NOT NULL THEN p.decided2_to WHEN p.decide_at IS NOT NULL THEN p.decided_to
                         ELSE 'decided_administrative' END, 'closed', ${officerActor}, p.close_at, ${detail("'{}'::jsonb")}),
      (13, 'verify_victim', ${statusAt('p.victim_at')}, ${statusAt('p.victim_at')}, ${officerActor}, p.victim_at,
        ${detail("jsonb_build_object('outcome', p.victim_outcome)", "'[]'::jsonb", track('victim_verification', 'victim_verification'))}),
      (14, 'refer_support', ${statusAt('p.refer_at')}, ${statusAt('p.refer_at')}, ${officerActor}, p.refer_at,
        ${detail("jsonb_build_object('referredTo', 'Sở Y tế, Hội Liên hiệp Phụ nữ tỉnh')", "'[]'::jsonb", track('victim_verification', 'support_referred'))}),
      (15, 'request_protection', ${statusAt('p.request_at')}, ${statusAt('p.request_at')}, ${officerActor}, p.request_at,
        ${detail("jsonb_build_object('measures', 'Bố trí nơi ở an toàn, giữ bí mật nơi ở.')", "'[]'::jsonb", track('support_referred', 'protection_requested'))}),
      (16, 'decide_protection', ${statusAt('p.protect_at')}, ${statusAt('p.protect_at')}, ${officerActor}, p.protect_at,
        ${detail("jsonb_build_object('granted', p.x[38] < 0.7, 'reference', 'QĐ BV ' || p.register_seq)", "'[]'::jsonb", track('protection_requested', 'protection_decided'))})
    ) AS v(ord, kind, from_status, to_status, actor, at, detail)
    WHERE v.at IS NOT NULL
    ORDER BY v.at, v.ord) AS e`;

/**
 * The written receipt notice to each noticed report's reporter, as writeReporterNotice leaves it:
 * the chat's channel, queued (`sent_at`) when written unless it waited for a status check
 * (`shown_at`), and in `detail` what it says (register number, unit, the day of receipt), no identity.
 */
const receiptNoticeInsertSql = `
INSERT INTO report_notice (id, report_id, recipient, kind, channel, sent_at, shown_at, detail, created_at)
SELECT gen_random_uuid(), p.id, 'reporter', 'receipt', p.channel, CASE WHEN NOT p.notice_waits THEN p.noticed_at END,
       p.notice_shown_at,
       jsonb_build_object('kind', 'receipt', 'registerNumber', p.register_number, 'unitName', coalesce(u.name, ''),
         'at', ${iso('p.submitted_at')}, 'reasons', NULL, 'receivingBody', NULL),
       p.noticed_at
  FROM bench_plan p
  LEFT JOIN police_unit u ON u.id = p.unit_id
 WHERE p.noticed_at IS NOT NULL`;

/** The extension rows the unit's extension and the procuracy's write beside their events. */
const extensionInsertSql = `
INSERT INTO report_extension (id, report_id, by_vks, reason, granted_by, new_due_at, reference, created_at)
SELECT gen_random_uuid(), p.id, false, 'Vụ việc phức tạp, phải xác minh ở nhiều nơi.', 'officer:' || p.lead,
       p.extended_due, NULL, p.extend_at
  FROM bench_plan p WHERE p.extend_at IS NOT NULL
UNION ALL
SELECT gen_random_uuid(), p.id, true, 'Chờ kết quả giám định.', 'vks', p.vks_due, 'QĐ ' || p.register_seq || '/VKS', p.vks_at
  FROM bench_plan p WHERE p.vks_at IS NOT NULL`;

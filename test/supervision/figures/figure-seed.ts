import type { PgPool } from '../../../src/platform/database/create-pg-pool.ts';

/** The test's units: a province, a commune under it, and another province outside the scope. */
export const units = { P: 'PROV-T1', C: 'WARD-T1', O: 'PROV-T2' } as const;

/** A Vietnam wall-clock time: `MM-DD HH:mm` in 2026, or a full `YYYY-MM-DD HH:mm`. */
export function vn(text: string): Date {
  const full = /^\d{4}-/.test(text) ? text : `2026-${text}`;
  return new Date(`${full.replace(' ', 'T')}:00+07:00`);
}

export interface SeedReport {
  key: string;
  unit: keyof typeof units;
  kind?: 'crime_tip' | 'trafficking';
  category?: string;
  channel?: 'telegram' | 'zalo_oa' | 'zalo_bot' | 'web';
  status: string;
  submitted: string;
  classified?: string;
  classification?: string;
  accepted?: string;
  transferred?: string;
  decided?: string;
  suspended?: string;
  resumed?: string;
  closed?: string;
  decisionDue?: string;
  /** The reporter's receipt notice: when it was queued, or shown at a status check. */
  noticeSent?: string;
  noticeShown?: string;
  /** A procuracy receipt notice only (never counts for the reporter's figure). */
  vksNoticeSent?: string;
  victimOutcome?: string;
  victimTrack?: string;
  /** Skip one register number before this report: a deleted tip. */
  gapBefore?: boolean;
}

/**
 * The hand-built set, November 2026 being the period under test. Each line says why it is there;
 * the expected figures in read-figures.test.ts are worked out from these lines by hand.
 */
// biome-ignore format: one report a line, to read the set as a table
export const seedReports: SeedReport[] = [
  // Classification and receipt notices (all submitted in November unless said).
  { key: 'a1', unit: 'P', status: 'classified', submitted: '11-03 09:00', classified: '11-03 20:00', noticeSent: '11-03 10:00' },
  // Classified after 25 h; receipt notice a day after its limit.
  { key: 'a2', unit: 'P', status: 'classified', submitted: '11-04 09:00', classified: '11-05 10:00', noticeSent: '11-08 09:00' },
  // Never classified; notice shown at a status check (window closed) within the limit.
  { key: 'a3', unit: 'P', status: 'submitted', submitted: '11-05 09:00', noticeShown: '11-06 09:00' },
  // Classified exactly 24 h after: on time. No notice at all.
  { key: 'a4', unit: 'C', channel: 'zalo_oa', status: 'classified', submitted: '11-10 08:00', classified: '11-11 08:00' },
  // Submitted on the period's last evening, classified after its end but within 24 h.
  { key: 'a5', unit: 'C', status: 'classified', submitted: '11-30 23:30', classified: '12-01 08:00', noticeSent: '12-01 09:00' },
  // Submitted at the period's end exactly: the next period's.
  { key: 'a6', unit: 'P', status: 'classified', submitted: '12-01 00:00', classified: '12-01 01:00', noticeSent: '12-01 00:30' },
  // Submitted at the period's start exactly: this period's.
  { key: 'a7', unit: 'P', category: 'fraud', channel: 'web', status: 'classified', submitted: '11-01 00:00', classified: '11-01 05:00', noticeSent: '11-01 01:00' },
  // Transferred at classification: counted for intake, never for resolution.
  { key: 'a8', unit: 'P', status: 'transferred', submitted: '11-12 09:00', classified: '11-12 15:00', classification: 'not_in_competence', transferred: '11-12 15:00', noticeSent: '11-12 10:00' },
  // Only the procuracy's receipt notice recorded: not the reporter's.
  { key: 'a9', unit: 'P', status: 'classified', submitted: '11-13 09:00', classified: '11-13 10:00', vksNoticeSent: '11-13 11:00' },
  // The register number before it is missing.
  { key: 'a10', unit: 'C', status: 'classified', submitted: '11-14 09:00', classified: '11-14 10:00', gapBefore: true },

  // Resolution: accepted reports around the month's boundaries.
  // Accepted before the period, decided in it.
  { key: 'b1', unit: 'P', status: 'closed', submitted: '10-05 09:00', classified: '10-05 11:00', accepted: '10-06 09:00', decided: '11-10 09:00', closed: '11-11 09:00' },
  // Decided before the period: neither carried over nor resolved in it.
  { key: 'b2', unit: 'P', status: 'decided_no_prosecute', submitted: '10-08 09:00', classified: '10-08 11:00', accepted: '10-09 09:00', decided: '10-25 09:00' },
  // Carried over, still open, limit passed in October.
  { key: 'b3', unit: 'P', status: 'verifying', submitted: '10-10 09:00', classified: '10-10 11:00', accepted: '10-11 09:00', decisionDue: '10-30 23:59' },
  // Accepted in the period, decided (administrative handling) in it.
  { key: 'b4', unit: 'P', category: 'fraud', status: 'decided_administrative', submitted: '11-02 09:00', classified: '11-02 11:00', accepted: '11-03 09:00', decided: '11-20 09:00' },
  // Accepted in the period, decided after it: its limit was cleared by the decision.
  { key: 'b5', unit: 'P', status: 'decided_prosecute', submitted: '11-06 09:00', classified: '11-06 11:00', accepted: '11-07 09:00', decided: '12-02 09:00' },
  // Accepted in the period, open, limit passed before the end.
  { key: 'b6', unit: 'C', category: 'fraud', status: 'accepted', submitted: '11-08 09:00', classified: '11-08 11:00', accepted: '11-09 21:00', decisionDue: '11-28 23:59' },
  // Accepted in the period, open, limit after the end.
  { key: 'b7', unit: 'C', channel: 'zalo_oa', status: 'verifying', submitted: '11-15 09:00', classified: '11-15 11:00', accepted: '11-16 09:00', decisionDue: '12-05 23:59' },
  // Suspended before the period and never resumed.
  { key: 'b8', unit: 'P', status: 'suspended', submitted: '09-20 09:00', classified: '09-20 11:00', accepted: '09-21 09:00', suspended: '10-15 09:00' },
  // Carried over, suspended in the period.
  { key: 'b9', unit: 'P', status: 'suspended', submitted: '10-01 09:00', classified: '10-01 11:00', accepted: '10-02 09:00', suspended: '11-12 09:00' },
  // Suspended and resumed before the period, open, its resumed limit passed in the period.
  { key: 'b10', unit: 'P', status: 'resumed', submitted: '09-01 09:00', classified: '09-01 11:00', accepted: '09-02 09:00', suspended: '09-20 09:00', resumed: '10-10 09:00', decisionDue: '11-10 23:59' },
  // Suspended before the period, resumed and decided in it.
  { key: 'b11', unit: 'P', status: 'decided_no_prosecute', submitted: '09-05 09:00', classified: '09-05 11:00', accepted: '09-06 09:00', suspended: '10-01 09:00', resumed: '11-15 09:00', decided: '11-25 09:00' },
  // Suspended before the period, resumed only after it.
  { key: 'b12', unit: 'P', status: 'resumed', submitted: '09-08 09:00', classified: '09-08 11:00', accepted: '09-09 09:00', suspended: '10-02 09:00', resumed: '12-03 09:00', decisionDue: '2027-01-03 23:59' },
  // Accepted, suspended and resumed, all in the period.
  { key: 'b13', unit: 'C', status: 'resumed', submitted: '11-20 09:00', classified: '11-20 11:00', accepted: '11-21 15:00', suspended: '11-25 09:00', resumed: '11-28 09:00', decisionDue: '12-28 23:59' },
  // Accepted in under a day, open.
  { key: 'b14', unit: 'P', status: 'accepted', submitted: '11-28 09:00', classified: '11-28 10:00', accepted: '11-29 03:00', decisionDue: '12-18 23:59' },
  // Submitted in the period, accepted after it.
  { key: 'b15', unit: 'P', status: 'accepted', submitted: '11-29 09:00', classified: '11-29 11:00', accepted: '12-01 01:00', decisionDue: '12-19 23:59' },
  // Not criminal at classification: administrative, never accepted.
  { key: 'b16', unit: 'P', status: 'decided_administrative', submitted: '11-06 09:00', classified: '11-06 11:00', classification: 'not_criminal' },
  // A duplicate, closed at classification.
  { key: 'b17', unit: 'P', status: 'closed', submitted: '11-07 09:00', classified: '11-07 11:00', classification: 'duplicate', closed: '11-07 11:00' },
  // Another province: outside the scope of PROV-T1.
  { key: 'b18', unit: 'O', status: 'decided_prosecute', submitted: '09-30 09:00', classified: '09-30 11:00', accepted: '10-01 09:00', decided: '11-05 09:00' },
  { key: 'o2', unit: 'O', status: 'classified', submitted: '11-05 09:00', classified: '11-05 10:00', noticeSent: '11-05 10:00' },

  // Trafficking.
  { key: 't1', unit: 'P', kind: 'trafficking', category: 'trafficking', status: 'classified', submitted: '11-09 09:00', classified: '11-09 11:00', victimTrack: 'victim_verification', victimOutcome: 'victim' },
  { key: 't2', unit: 'P', kind: 'trafficking', category: 'trafficking', status: 'classified', submitted: '11-10 09:00', classified: '11-10 11:00', victimTrack: 'support_referred' },
  // Not classified, its verification not recorded.
  { key: 't3', unit: 'C', kind: 'trafficking', category: 'trafficking', status: 'submitted', submitted: '11-11 09:00', victimTrack: 'victim_verification' },
  // Decided in the period (also in the resolution rate).
  { key: 't4', unit: 'P', kind: 'trafficking', category: 'trafficking', status: 'decided_prosecute', submitted: '11-02 09:00', classified: '11-02 11:00', accepted: '11-05 09:00', decided: '11-25 09:00' },
  // Before the period.
  { key: 't5', unit: 'P', kind: 'trafficking', category: 'trafficking', status: 'classified', submitted: '10-20 09:00', classified: '10-20 11:00' },
  // Classified within 24 h, nothing done yet.
  { key: 't6', unit: 'C', kind: 'trafficking', category: 'trafficking', channel: 'zalo_bot', status: 'classified', submitted: '11-16 09:00', classified: '11-17 08:00', victimTrack: 'victim_verification' },
];

const at = (text: string | undefined): Date | null => (text === undefined ? null : vn(text));

/** Writes the units and the set as rows, register numbers in the list's order. Returns key → id. */
export async function insertSeedReports(pool: PgPool, reports = seedReports): Promise<Map<string, string>> {
  await pool.query(
    `INSERT INTO police_unit (id, name, level, province_code, ward_code, parent_id) VALUES
       ($1, 'Công an tỉnh T1', 'province', 'T1', NULL, NULL),
       ($2, 'Công an xã T1', 'commune', 'T1', 'T1-1', $1),
       ($3, 'Công an tỉnh T2', 'province', 'T2', NULL, NULL)
     ON CONFLICT (id) DO NOTHING`,
    [units.P, units.C, units.O],
  );
  const reporter = await pool.query<{ id: string }>(
    `INSERT INTO reporter (id, channel, identity_hash, chat_id_enc) VALUES (gen_random_uuid(), 'telegram', 'figures-' || gen_random_uuid(), '\\x00')
     RETURNING id::text AS id`,
  );
  const ids = new Map<string, string>();
  let seq = 0;
  for (const r of reports) {
    seq += r.gapBefore ? 2 : 1;
    const submitted = vn(r.submitted);
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO report (id, kind, channel, reporter_id, anonymity, status, register, register_year, register_seq,
         register_number, receipt_code_hash, language, category, description, submitted_at, triaged_at, unit_id,
         classified_at, classification, accepted_at, transferred_at, decided_at, suspended_at, resumed_at,
         closed_at, decision_due_at, receipt_notice_due_at, victim_track_status, victim_verification_outcome)
       VALUES (gen_random_uuid(), $1::"ReportKind", $2::"Channel", $3::uuid, 'anonymous', $4::"ReportStatus", 'FIG', 2026, $5::int,
         'FIG-2026-' || lpad($5::int::text, 6, '0'), 'figures-' || gen_random_uuid(), 'vi', $6, 'x', $7, $7, $8,
         $9, $10, $11, $12, $13, $14, $15, $16, $17, $7::timestamptz + interval '3 days',
         $18::"VictimTrackStatus", $19)
       RETURNING id::text AS id`,
      [
        r.kind ?? 'crime_tip',
        r.channel ?? 'telegram',
        reporter.rows[0]?.id,
        r.status,
        seq,
        r.category ?? 'theft',
        submitted,
        units[r.unit],
        at(r.classified),
        r.classified === undefined ? null : (r.classification ?? 'in_competence'),
        at(r.accepted),
        at(r.transferred),
        at(r.decided),
        at(r.suspended),
        at(r.resumed),
        at(r.closed),
        at(r.decisionDue),
        r.victimTrack ?? 'none',
        r.victimOutcome ?? null,
      ],
    );
    const id = rows[0]?.id ?? '';
    ids.set(r.key, id);
    const notice = r.noticeSent ?? r.noticeShown;
    if (notice !== undefined)
      await pool.query(
        `INSERT INTO report_notice (id, report_id, recipient, kind, channel, sent_at, shown_at)
         VALUES (gen_random_uuid(), $1, 'reporter', 'receipt', 'telegram', $2, $3)`,
        [id, at(r.noticeSent), at(r.noticeShown)],
      );
    if (r.vksNoticeSent !== undefined)
      await pool.query(
        `INSERT INTO report_notice (id, report_id, recipient, kind, channel, sent_at, due_at)
         VALUES (gen_random_uuid(), $1, 'vks', 'receipt_notice', 'electronic', $2, $3::timestamptz + interval '3 days')`,
        [id, at(r.vksNoticeSent), submitted],
      );
  }
  return ids;
}

import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import { sqlParameters } from '../../platform/database/sql-parameters.ts';
import type { Channel } from '../../platform/vocabulary/channel.ts';

export type ReportKind = 'crime_tip' | 'trafficking';

/** What the queue can be narrowed to; nothing set means the open reports of the units. */
export interface QueueFilter {
  statuses?: readonly string[] | undefined;
  category?: string | undefined;
  channel?: Channel | undefined;
  kind?: ReportKind | undefined;
  /** An officer's id, or `none` for the unassigned. */
  assignee?: string | undefined;
}

/** Where a page ends: the sort key of its last row. */
export interface QueueCursor {
  priority: number;
  due: Date | null;
  id: string;
}

export interface QueueRow {
  id: string;
  registerNumber: string;
  kind: ReportKind;
  channel: Channel;
  category: string;
  status: string;
  victimTrackStatus: string;
  priority: number;
  submittedAt: Date;
  nextDueAt: Date | null;
  assigneeName: string | null;
  unitName: string;
  /** The reporter added something no officer of the unit has opened yet. */
  newInformationAt: Date | null;
  /** A procuracy notice of the report is past its limit and not recorded sent. */
  noticeOverdue: boolean;
}

export interface QueuePage {
  rows: QueueRow[];
  next: QueueCursor | null;
}

/**
 * A page of the queue of `units`: by priority, then the nearest open limit (none last), then id,
 * paged by that key so a page costs the same at any depth (report_queue_idx for the open reports,
 * report_unit_status_queue_idx for one status). The units are bound
 * in the query itself: a report of another unit is never read.
 */
export async function readUnitQueue(
  pool: PgPool,
  units: readonly string[],
  filter: QueueFilter,
  cursor: QueueCursor | null,
  limit: number,
  now: Date = new Date(),
): Promise<QueuePage> {
  if (units.length === 0) return { rows: [], next: null };
  const p = sqlParameters();
  const where = [
    units.length === 1
      ? `r.unit_id = ${p.bind(units[0], 'text')}`
      : `r.unit_id = ANY(${p.bind(units, 'text[]')})`,
    // Written out so the planner sees the queue index's predicate; one status as an equality, so
    // report_unit_status_queue_idx gives the rows in the queue's order.
    filter.statuses?.length === 1
      ? `r.status = ${p.bind(filter.statuses[0], 'text')}::"ReportStatus"`
      : filter.statuses?.length
        ? `r.status = ANY(${p.bind(filter.statuses, 'text[]')}::"ReportStatus"[])`
        : `r.status NOT IN ('transferred', 'closed')`,
  ];
  if (filter.category) where.push(`r.category = ${p.bind(filter.category, 'text')}`);
  if (filter.channel) where.push(`r.channel = ${p.bind(filter.channel, 'text')}::"Channel"`);
  if (filter.kind) where.push(`r.kind = ${p.bind(filter.kind, 'text')}::"ReportKind"`);
  if (filter.assignee === 'none') where.push('r.assignee_id IS NULL');
  else if (filter.assignee) where.push(`r.assignee_id = ${p.bind(filter.assignee, 'uuid')}`);
  if (cursor) {
    where.push(
      `(r.priority, COALESCE(r.next_due_at, 'infinity'::timestamptz), r.id) > (${p.bind(cursor.priority, 'int')}, ${p.bind(cursor.due ?? 'infinity', 'timestamptz')}, ${p.bind(cursor.id, 'uuid')})`,
    );
  }
  const { rows } = await pool.query<QueueRow>({
    text: `SELECT r.id, r.register_number AS "registerNumber", r.kind, r.channel, r.category, r.status,
                  r.victim_track_status AS "victimTrackStatus", r.priority, r.submitted_at AS "submittedAt",
                  r.next_due_at AS "nextDueAt", o.display_name AS "assigneeName", u.name AS "unitName",
                  r.new_information_at AS "newInformationAt",
                  EXISTS (SELECT 1 FROM report_notice n
                           WHERE n.report_id = r.id AND n.recipient = 'vks' AND n.sent_at IS NULL
                             AND n.lapsed_at IS NULL AND n.due_at < ${p.bind(now, 'timestamptz')}) AS "noticeOverdue"
             FROM report r
             JOIN police_unit u ON u.id = r.unit_id
             LEFT JOIN officer o ON o.id = r.assignee_id
            WHERE ${where.join(' AND ')}
            ORDER BY r.unit_id, r.priority, COALESCE(r.next_due_at, 'infinity'::timestamptz), r.id
            LIMIT ${p.bind(limit + 1, 'int')}`,
    values: p.values,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    next: rows.length > limit && last ? { priority: last.priority, due: last.nextDueAt, id: last.id } : null,
  };
}

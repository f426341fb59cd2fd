import type { JsonValue } from '../../casework/audit/canonical-json.ts';

/** A report's register fields as read for the ledger (enums as text, bigint ids as strings). */
export interface RegisterSubjectRow {
  id: string;
  register: string;
  register_number: string;
  register_year: number;
  register_seq: number;
  submitted_at: Date;
  kind: string;
  channel: string;
}

/** A status event as read for the ledger. */
export interface EventSubjectRow {
  id: string;
  report_id: string;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  actor: string;
  at: Date;
  detail: JsonValue | null;
}

/** The columns of `report` a register entry seals, for a SELECT over `report` aliased `alias`. */
export function registerSubjectColumns(alias: string): string {
  return [
    'id',
    'register',
    'register_number',
    'register_year',
    'register_seq',
    'submitted_at',
    'kind',
    'channel',
  ]
    .map((column) => `${alias}.${column}`)
    .join(', ');
}

/** The columns of `report_event` an event entry seals, for a SELECT over it aliased `alias`. */
export function eventSubjectColumns(alias: string): string {
  return ['id', 'report_id', 'kind', 'from_status', 'to_status', 'actor', 'at', 'detail']
    .map((column) => `${alias}.${column}`)
    .join(', ');
}

/**
 * What a register entry's hash covers: the fields of a register line that must never change once
 * written. `entry` keeps a register line and an event from ever hashing alike.
 */
export function registerEntryContent(row: RegisterSubjectRow): JsonValue {
  return {
    entry: 'register',
    id: row.id,
    register: row.register,
    registerNumber: row.register_number,
    registerYear: row.register_year,
    registerSeq: row.register_seq,
    submittedAt: row.submitted_at.toISOString(),
    kind: row.kind,
    channel: row.channel,
  };
}

/** What an event entry's hash covers: the whole status event (events are never updated). */
export function eventEntryContent(row: EventSubjectRow): JsonValue {
  return {
    entry: 'event',
    id: row.id,
    reportId: row.report_id,
    kind: row.kind,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    actor: row.actor,
    at: row.at.toISOString(),
    detail: row.detail,
  };
}

/** An entry about to be chained: its subject and the content its hash will cover. */
export interface NewLedgerEntry {
  kind: 'register' | 'event';
  subjectId: string;
  registerNumber: string | null;
  at: Date;
  content: JsonValue;
}

/** The line a ledger entry seals: a report's register line (by its number) or a status event. */
export type LedgerSubject = { kind: 'register'; registerNumber: string } | { kind: 'event'; eventId: string };

/**
 * The first thing the verifier found wrong, in chain order, then the register:
 * - `subject_changed`: the report or event no longer hashes to its entry (a direct UPDATE);
 * - `subject_deleted`: the report or event of an entry is gone;
 * - `ledger_row_changed`: the entry itself was edited (its hash, or the copies it keeps);
 * - `ledger_link_broken`: the entry's `prev_hash` is not the hash of the entry before it, so an
 *   entry before it was deleted or its hash rewritten;
 * - `register_gap`: a number of a register's year is missing (a deleted report, chained or not).
 * `entryId` is the ledger entry's id (a decimal string).
 */
export type LedgerProblem =
  | { kind: 'subject_changed' | 'subject_deleted'; entryId: string; subject: LedgerSubject }
  | { kind: 'ledger_row_changed' | 'ledger_link_broken'; entryId: string }
  | { kind: 'register_gap'; register: string; year: number; seq: number };

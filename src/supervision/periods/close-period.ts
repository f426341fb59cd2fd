import { createHash } from 'node:crypto';
import type { ConsoleUser } from '../../casework/access/console-user.ts';
import { appendAudit } from '../../casework/audit/append-audit.ts';
import { canonicalJson } from '../../casework/audit/canonical-json.ts';
import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import { inTransaction } from '../../platform/database/create-pg-pool.ts';
import type { FigurePeriod } from '../figures/figure-period.ts';
import { unitFigureScope } from '../figures/figure-scope.ts';
import { readFiguresIn } from '../figures/read-figures.ts';
import { figureListHashes } from './figure-list-hashes.ts';

export type CloseResult =
  | { closed: { snapshotId: string; hash: string } }
  | { refused: 'forbidden' | 'not_ended' | 'already_closed' };

/**
 * A supervisor closes a period of a unit of their subtree: its figures and the hash of every list
 * they count are stored once (`period_snapshot`, frozen by a trigger), with who closed it and when,
 * all read in one snapshot of the database; the audit log gets the closing. Only a period that has
 * ended can close, and each (unit, period) closes once. Figures are of the whole scope (no filter).
 */
export async function closePeriod(
  pool: PgPool,
  user: ConsoleUser,
  unitId: string,
  period: FigurePeriod,
  now: Date = new Date(),
): Promise<CloseResult> {
  if (user.role !== 'supervisor' || !user.units.includes(unitId)) return { refused: 'forbidden' };
  if (period.to > now) return { refused: 'not_ended' };
  const scope = await unitFigureScope(pool, unitId, period);
  return inTransaction(pool, {}, async (client) => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const taken = await client.query(
      'SELECT 1 FROM period_snapshot WHERE unit_id = $1 AND period_from = $2 AND period_to = $3',
      [unitId, period.from, period.to],
    );
    if (taken.rowCount) return { refused: 'already_closed' };
    const figures = await readFiguresIn(client, scope, now);
    const lists = await figureListHashes(client, scope, now);
    const hash = createHash('sha256')
      .update(canonicalJson({ unitId, from: period.from.toISOString(), to: period.to.toISOString(), lists }))
      .digest('hex');
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO period_snapshot (unit_id, period_from, period_to, closed_by, closed_at, figures, list_hashes, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (unit_id, period_from, period_to) DO NOTHING RETURNING id`,
      [
        unitId,
        period.from,
        period.to,
        user.officerId,
        now,
        JSON.stringify(figures),
        JSON.stringify(lists),
        hash,
      ],
    );
    const snapshotId = rows[0]?.id;
    if (snapshotId === undefined) return { refused: 'already_closed' };
    await appendAudit(client, {
      officerId: user.officerId,
      sessionId: user.sessionId,
      action: 'period.close',
      reportId: null,
      detail: { unitId, from: period.from.toISOString(), to: period.to.toISOString(), hash },
    });
    return { closed: { snapshotId, hash } };
  });
}

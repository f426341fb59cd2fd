import type { PgPool } from '../../platform/database/create-pg-pool.ts';
import { inTransaction } from '../../platform/database/create-pg-pool.ts';
import { unitFigureScope } from '../figures/figure-scope.ts';
import { figureListHashes } from './figure-list-hashes.ts';
import type { PeriodSnapshot } from './read-period-snapshots.ts';

export interface PeriodCorrections {
  /** The lists whose reports differ now from the frozen ones: name, count then and now. */
  lists: { name: string; frozen: number; now: number }[];
  /** The period's reports changed after the closing (events since): what shows as corrections. */
  reports: { id: string; registerNumber: string; kind: string; at: Date }[];
}

/**
 * What changed in a closed period since it was frozen: the lists recounted now against their
 * frozen hashes, and the reports of the scope submitted or decided in the period with status events
 * after the closing. The snapshot itself never changes; these show in the next period's view.
 */
export async function readPeriodCorrections(
  pool: PgPool,
  snapshot: PeriodSnapshot,
  now = new Date(),
): Promise<PeriodCorrections> {
  const scope = await unitFigureScope(pool, snapshot.unitId, {
    from: new Date(snapshot.from),
    to: new Date(snapshot.to),
  });
  return inTransaction(pool, {}, async (client) => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const live = await figureListHashes(client, scope, now);
    const lists = Object.entries(snapshot.listHashes)
      .filter(([name, frozen]) => live[name]?.sha256 !== frozen.sha256)
      .map(([name, frozen]) => ({ name, frozen: frozen.count, now: live[name]?.count ?? 0 }));
    const { rows } = await client.query<{ id: string; registerNumber: string; kind: string; at: Date }>(
      `SELECT r.id::text AS id, r.register_number AS "registerNumber", e.kind, e.at
         FROM report_event e JOIN report r ON r.id = e.report_id
        WHERE r.unit_id = ANY($1::text[]) AND e.at > $4
          AND ((r.submitted_at >= $2 AND r.submitted_at < $3) OR (r.decided_at >= $2 AND r.decided_at < $3)
               OR (r.accepted_at < $3 AND (r.decided_at IS NULL OR r.decided_at >= $2)))
        ORDER BY e.at, e.id LIMIT 500`,
      [scope.units, scope.from, scope.to, snapshot.closedAt],
    );
    return { lists, reports: rows };
  });
}

/** Who an alert is for: see alertRecipientsSql. */
export type AlertAudience = 'unit' | 'handlers' | 'leads' | 'supervisors';

const audienceSql = (p: string): Record<AlertAudience, string> => ({
  unit: `o.unit_id = ${p}.unit_id AND o.role IN ('officer', 'unit_lead')`,
  handlers: `(o.id = ${p}.assignee_id AND o.unit_id = ${p}.unit_id)
         OR (o.unit_id = ${p}.unit_id AND o.role IN ('officer', 'unit_lead')
             AND NOT EXISTS (SELECT 1 FROM officer a
                              WHERE a.id = ${p}.assignee_id AND a.active AND a.unit_id = ${p}.unit_id))`,
  leads: `o.unit_id = ${p}.unit_id AND o.role = 'unit_lead'`,
  supervisors: `o.role = 'supervisor' AND o.unit_id IN (
         WITH RECURSIVE up AS (
           SELECT u.id, u.parent_id FROM police_unit u WHERE u.id = ${p}.unit_id
           UNION ALL SELECT u.id, u.parent_id FROM police_unit u JOIN up ON u.id = up.parent_id)
         SELECT up.id FROM up)`,
});

/**
 * The officers an alert goes to, as a LATERAL subquery over a row `p` with `unit_id` and
 * `assignee_id`: `unit`, every officer and unit lead of the report's unit; `handlers`, the
 * assignee while active in the unit, else the unit's officers and leads; `leads`, the unit leads;
 * `supervisors`, the supervisors of the unit or a unit above it. With no `audience` given, each
 * row's own `p.audience` says which. Only active accounts. Each comes with `push`: 'pending' when
 * a Telegram account is linked (the worker pushes it), NULL when the alert is for the console only.
 */
export function alertRecipientsSql(p: string, audience?: AlertAudience): string {
  const branches = audienceSql(p);
  const which = audience
    ? branches[audience]
    : `CASE ${p}.audience ${Object.entries(branches)
        .map(([name, sql]) => `WHEN '${name}' THEN ${sql}`)
        .join(' ')} ELSE false END`;
  return `
    SELECT o.id AS officer_id,
           CASE WHEN EXISTS (SELECT 1 FROM officer_telegram_link tl WHERE tl.officer_id = o.id)
                THEN 'pending'::"OutboundStatus" END AS push
      FROM officer o
     WHERE o.active AND (${which})`;
}

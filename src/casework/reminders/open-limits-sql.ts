/**
 * Every open legal limit of the open reports, one row each: (report_id, unit_id, assignee_id,
 * limit_name, started_at, due_at, decision_limit). The report's own limits are open as the
 * next_due_at trigger counts them (classification until classified, the decision limit while it
 * runs: a suspension clears it and a resumption starts a new one from resumed_at, the victim
 * verification until its outcome); each procuracy notice due and not yet recorded sent is a limit
 * of its kind from the moment it became due.
 */
export const openLimitsSql = `
  SELECT r.id AS report_id, r.unit_id, r.assignee_id, l.limit_name, l.started_at, l.due_at, r.decision_limit
    FROM report r
    CROSS JOIN LATERAL (VALUES
      ('classify', r.submitted_at, CASE WHEN r.classified_at IS NULL THEN r.classify_due_at END),
      ('decide', CASE WHEN r.decision_limit = 'resumed_decide' THEN COALESCE(r.resumed_at, r.submitted_at) ELSE r.submitted_at END,
                 r.decision_due_at),
      ('victim_verification', r.submitted_at,
                 CASE WHEN r.victim_verification_outcome IS NULL THEN r.victim_verification_due_at END)
    ) AS l(limit_name, started_at, due_at)
   WHERE r.status NOT IN ('transferred', 'closed') AND l.due_at IS NOT NULL
  UNION ALL
  SELECT r.id, r.unit_id, r.assignee_id, n.kind, n.created_at, n.due_at, r.decision_limit
    FROM report_notice n JOIN report r ON r.id = n.report_id
   WHERE n.recipient = 'vks' AND n.sent_at IS NULL AND n.lapsed_at IS NULL AND n.due_at IS NOT NULL
     AND r.status NOT IN ('transferred', 'closed')`;

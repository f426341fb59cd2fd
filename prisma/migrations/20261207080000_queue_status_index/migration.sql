-- The console queue filtered by one status (issue 17): the queue index holds open reports only,
-- and a filter on a terminal status (most of a unit's reports end closed) sorted tens of thousands
-- of rows per page. This index replaces (unit_id, status) with the queue's order after the status,
-- so a page of any one status is read in order and stops at its limit. It lives only here (an
-- expression index): Prisma's schema cannot say it.
DROP INDEX "report_unit_id_status_idx";

CREATE INDEX "report_unit_status_queue_idx" ON "report"
    ("unit_id", "status", "priority", COALESCE("next_due_at", 'infinity'::timestamptz), "id");

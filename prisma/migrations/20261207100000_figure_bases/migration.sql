-- The supervision figures count each base (submitted in the period, to resolve) in one pass. On
-- 1,000,000 reports the passes spent their time fetching report rows (a row a page: reports are
-- wide) for a few dates each, so the figures' indexes now carry the columns the figures read and
-- PostgreSQL answers from the index alone (index-only scans, measured on a province's year: the
-- to-resolve pass 192 ms -> 14 ms). The columns are those src/supervision/figures/rate-figures.ts and
-- duration-figures.ts read, and the id (the drill-down lists and the closed periods' hashes): a
-- figure that reads another column still counts right, only slower.
-- Every report transition already changes an indexed column (status), so the included columns
-- cost no HOT update. The partial ones live only here (Prisma cannot say WHERE), the others
-- are in schema.prisma with the columns as keys (Prisma cannot say INCLUDE either).

-- Submitted in the period (the intake figures), by unit and submission time.
DROP INDEX "report_unit_id_submitted_at_idx";
CREATE INDEX "report_unit_id_submitted_at_idx" ON "report" ("unit_id", "submitted_at", "id", "category", "channel", "kind", "classified_at", "receipt_notice_due_at", "register",
             "register_year", "register_seq", "victim_verification_outcome", "victim_track_status", "decided_at");

-- To resolve: accepted, not transferred, by decision time (infinity while undecided), so a
-- period reads its decisions and the open stock, not the unit's history.
CREATE INDEX "report_unit_to_resolve_idx" ON "report" ("unit_id", (COALESCE("decided_at", 'infinity'::timestamptz)))
    INCLUDE ("id", "accepted_at", "transferred_at", "decided_at", "suspended_at", "resumed_at", "decision_due_at", "category", "channel", "kind")
    WHERE "accepted_at" IS NOT NULL AND "transferred_at" IS NULL;

-- Time to decide and time to accept.
DROP INDEX "report_unit_decided_idx";
CREATE INDEX "report_unit_decided_idx" ON "report" ("unit_id", "decided_at")
    INCLUDE ("id", "submitted_at", "transferred_at", "category", "channel", "kind") WHERE "accepted_at" IS NOT NULL;

DROP INDEX "report_unit_accepted_idx";
CREATE INDEX "report_unit_accepted_idx" ON "report" ("unit_id", "accepted_at")
    INCLUDE ("id", "submitted_at", "category", "channel", "kind") WHERE "accepted_at" IS NOT NULL;

-- The receipt notice on time: a report's notice to the reporter, found without reading the notice.
CREATE INDEX "report_notice_report_id_recipient_kind_sent_at_shown_at_idx" ON "report_notice" ("report_id", "recipient", "kind", "sent_at", "shown_at");

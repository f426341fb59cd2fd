-- The supervision figures (issue 19) count a unit subtree's reports by period. Measured at
-- 1,000,000 reports (a province of 100,000, one month), every figure of the province took 1.8 s
-- with the first index alone, 0.58 s with all three, 13-14 s with the last two but not the first
-- (a commune about 10 ms in every case).
-- The reports submitted in a period: the one index the figures add to the intake's insert.
-- CreateIndex
CREATE INDEX "report_unit_id_submitted_at_idx" ON "report"("unit_id", "submitted_at");

-- The accepted reports by decision time (resolved in the period, carried over, unresolved at its
-- end) and by acceptance time (time to accept). Partial: a report is not accepted when the intake
-- inserts it, so they cost the intake nothing. They live only here (Prisma cannot say WHERE).
CREATE INDEX "report_unit_decided_idx" ON "report" ("unit_id", "decided_at") WHERE "accepted_at" IS NOT NULL;

CREATE INDEX "report_unit_accepted_idx" ON "report" ("unit_id", "accepted_at") WHERE "accepted_at" IS NOT NULL;

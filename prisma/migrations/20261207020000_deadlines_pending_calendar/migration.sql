-- A receipt limit that runs into a year the holiday list lacks is left NULL and the report marked,
-- instead of its whole triage failing (issue 15 item 7). Re-derivation walks the marked reports in
-- triage order and the calendar check counts them. The index is partial, so a report leaves it
-- once its deadlines are counted, and like the other partial indexes it lives only here. (No
-- semicolon in these comments: the offline engine splits the script at each one.)
ALTER TABLE "report" ADD COLUMN "deadlines_pending_calendar" BOOLEAN NOT NULL DEFAULT false;

CREATE INDEX "report_deadlines_pending_calendar_idx" ON "report" ("triaged_at", "id") WHERE "deadlines_pending_calendar";

-- Anonymous two-way follow-up (issue 18): when an officer's question was queued to the reporter's chat
-- (NULL while the channel's reply window is closed: the status check shows it instead), and when a
-- report last got new information from its reporter (cleared when an officer of the unit opens it).
-- AlterTable
ALTER TABLE "follow_up" ADD COLUMN     "notified_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "report" ADD COLUMN     "new_information_at" TIMESTAMPTZ(3);

-- New information is now marked on the report in the transaction that adds it. The follow-ups
-- recorded before (whose outbox rows no relay ever took) are marked once here, and their outbox
-- rows settled, so nothing stays undelivered.
UPDATE "report" r SET "new_information_at" = f."latest"
  FROM (SELECT "report_id", max("created_at") AS "latest" FROM "follow_up"
         WHERE "direction" = 'from_reporter' GROUP BY "report_id") f
 WHERE r."id" = f."report_id";

UPDATE "outbox" SET "dispatched_at" = now() WHERE "topic" = 'report.follow_up' AND "dispatched_at" IS NULL;

-- Notices to the reporter and the procuracy (issue 18). A report_notice row is one notice: to the
-- reporter (sent_at when it was queued to their chat, NULL while the reply window is closed, then
-- shown_at when their status check showed it) or to the procuracy (due_at its limit, sent_at,
-- reference and channel when an officer records it sent, lapsed_at when a decision made it moot).
-- receipt_noticed_at marks the reports whose written receipt notice is written, so the casework
-- loop finds the others by a partial index that lives only here. (No semicolon in these comments:
-- the offline engine splits the script at each one.)
-- AlterTable
ALTER TABLE "report" ADD COLUMN     "receipt_noticed_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "report_notice" ADD COLUMN     "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "detail" JSONB,
ADD COLUMN     "due_at" TIMESTAMPTZ(3),
ADD COLUMN     "lapsed_at" TIMESTAMPTZ(3),
ADD COLUMN     "recorded_by" UUID,
ADD COLUMN     "reference" TEXT,
ADD COLUMN     "shown_at" TIMESTAMPTZ(3),
ALTER COLUMN "sent_at" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "report_notice_created_at_idx" ON "report_notice"("created_at");

-- The triaged reports still owed their written receipt notice, oldest first.
CREATE INDEX "report_receipt_notice_owed_idx" ON "report" ("triaged_at", "id")
    WHERE "receipt_noticed_at" IS NULL AND "triaged_at" IS NOT NULL;

-- The procuracy notices due and not yet recorded sent (the queue marks the overdue ones).
CREATE INDEX "report_notice_vks_due_idx" ON "report_notice" ("report_id", "due_at")
    WHERE "recipient" = 'vks' AND "sent_at" IS NULL AND "lapsed_at" IS NULL;

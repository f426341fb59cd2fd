-- One receipt per report: only receipts set report_id, so the unique index needs no entry for the
-- other messages (about twelve a report), whose NULL report_id could never conflict anyway.
DROP INDEX "outbound_message_purpose_report_id_key";
CREATE UNIQUE INDEX "outbound_message_purpose_report_id_key" ON "outbound_message" ("purpose", "report_id") WHERE "report_id" IS NOT NULL;

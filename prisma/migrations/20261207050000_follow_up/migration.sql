-- Anonymous two-way follow-up (issue 18): when an officer's question was queued to the reporter's chat
-- (NULL while the channel's reply window is closed: the status check shows it instead), and when a
-- report last got new information from its reporter (cleared when an officer of the unit opens it).
-- AlterTable
ALTER TABLE "follow_up" ADD COLUMN     "notified_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "report" ADD COLUMN     "new_information_at" TIMESTAMPTZ(3);

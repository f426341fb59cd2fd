-- The pending events of one chat, oldest first: read at every conversation turn and by the sweep.
-- Partial, so it stays as small as the backlog, and the planner never scans every pending event
-- of every chat to find those of one (as it did with `outcome` and `chat_key` indexed apart).
-- The Prisma schema cannot express a partial index: it lives only here.
CREATE INDEX "inbound_event_pending_chat_idx" ON "inbound_event" ("chat_key", "id") WHERE "outcome" = 'pending';

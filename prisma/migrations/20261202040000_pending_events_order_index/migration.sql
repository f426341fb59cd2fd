-- The oldest pending events of all chats, in order: read when a transaction of conversation turns
-- claims its chats, so a backlog of any size costs an index range of a few rows, not a scan.
-- Partial, like "inbound_event_pending_chat_idx", and for the same reason lives only here.
CREATE INDEX "inbound_event_pending_idx" ON "inbound_event" ("id") WHERE "outcome" = 'pending' AND "chat_key" IS NOT NULL;

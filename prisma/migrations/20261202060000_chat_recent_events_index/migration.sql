-- The flood count of a conversation turn reads the events of its chat in the minute before it.
-- By (chat_key, id) that was a range over the whole history of the chat, at every turn, and by
-- time it is the last minute only. Nothing else read the old index (pending events have their own).
CREATE INDEX IF NOT EXISTS "inbound_event_chat_key_received_at_idx" ON "inbound_event" ("chat_key", "received_at");
DROP INDEX "inbound_event_chat_key_id_idx";

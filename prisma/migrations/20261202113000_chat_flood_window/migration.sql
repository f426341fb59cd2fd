-- The flood limit counted, at every turn, a chat's events of the last minute from an index on
-- inbound_event (chat_key, received_at): an index entry when an event was inserted and another
-- when its outcome was written, and a range of heap fetches per turn. A chat's recent messages
-- are now kept in one small row per chat, written once per transaction of turns
-- (src/intake/flood-window.ts). Chats start with an empty window.
CREATE TABLE "chat_flood" (
    "chat_key" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "previous" INTEGER NOT NULL,

    CONSTRAINT "chat_flood_pkey" PRIMARY KEY ("chat_key")
);

DROP INDEX "inbound_event_chat_key_received_at_idx";

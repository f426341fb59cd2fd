-- No query reads inbound events by (outcome, received_at): pending ones are found by the partial
-- indexes "inbound_event_pending_idx" and "inbound_event_pending_chat_idx", and counts by outcome
-- read the whole table (or the rows above the metrics watermark by id). The index cost an entry
-- when an event was inserted and another when its outcome was written (the update cannot be HOT),
-- 24 entries a report.
DROP INDEX "inbound_event_outcome_received_at_idx";

-- The tamper-evident register (issue 19): a hash chain over the register lines of the reports and
-- over their status events, appended by a worker loop after the fact. Nothing is added to report or
-- report_event (no trigger, no lock): the intake never waits for the ledger.
-- CreateTable
CREATE TABLE "ledger_entry" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "register_number" TEXT,
    "prev_hash" BYTEA NOT NULL,
    "hash" BYTEA NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "chained_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ledger_entry_kind_subject_id_key" ON "ledger_entry"("kind", "subject_id");

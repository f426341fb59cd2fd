-- The verdicts of the ledger's verification (issue 19): the worker verifies the whole chain every
-- hour and `npm run ledger:verify` whenever it is run, and each keeps its verdict here with the
-- daily heads it read. The console's ledger page shows the latest, as verifying 8 million entries
-- takes minutes (184 s in the bench), far longer than a page may.
-- CreateTable
CREATE TABLE "ledger_verification" (
    "id" BIGSERIAL NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3) NOT NULL,
    "by" TEXT NOT NULL,
    "entries" INTEGER NOT NULL,
    "last_hash" TEXT NOT NULL,
    "problem" JSONB,
    "heads" JSONB NOT NULL,

    CONSTRAINT "ledger_verification_pkey" PRIMARY KEY ("id")
);

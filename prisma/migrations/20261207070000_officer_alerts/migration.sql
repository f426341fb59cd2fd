-- Alerts for officers (issues 18 and 19): the linked Telegram accounts, the one-time link codes,
-- the officer updates already handled, the alerts (each shown in the console, and pushed when
-- its officer had Telegram linked: status NULL means console only), and how far the reminder
-- rounds have looked. Three partial indexes live only here: the
-- pushes still to send, the reports with new information, and the open reports by their nearest
-- legal limit (the rounds that find new information and limits about to pass read them).
-- (No semicolon in these comments: the offline engine splits the script at each one.)
-- CreateTable
CREATE TABLE "officer_telegram_link" (
    "officer_id" UUID NOT NULL,
    "user_hash" TEXT NOT NULL,
    "chat_enc" BYTEA NOT NULL,
    "bot" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'vi',
    "linked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "officer_telegram_link_pkey" PRIMARY KEY ("officer_id")
);

-- CreateTable
CREATE TABLE "officer_telegram_code" (
    "code_hash" TEXT NOT NULL,
    "officer_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "officer_telegram_code_pkey" PRIMARY KEY ("code_hash")
);

-- CreateTable
CREATE TABLE "officer_telegram_update" (
    "bot" TEXT NOT NULL,
    "update_id" BIGINT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT NOT NULL,
    "user_hash" TEXT NOT NULL,

    CONSTRAINT "officer_telegram_update_pkey" PRIMARY KEY ("bot","update_id")
);

-- CreateTable
CREATE TABLE "officer_alert" (
    "id" BIGSERIAL NOT NULL,
    "officer_id" UUID NOT NULL,
    "report_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "occurrence" TIMESTAMPTZ(3) NOT NULL,
    "status" "OutboundStatus",
    "seen_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    "last_error" TEXT,

    CONSTRAINT "officer_alert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "officer_telegram_link_user_hash_key" ON "officer_telegram_link"("user_hash");

-- CreateIndex
CREATE UNIQUE INDEX "officer_telegram_code_officer_id_key" ON "officer_telegram_code"("officer_id");

-- CreateIndex
CREATE INDEX "officer_telegram_update_user_hash_received_at_idx" ON "officer_telegram_update"("user_hash", "received_at");

-- CreateIndex
CREATE INDEX "officer_alert_report_id_idx" ON "officer_alert"("report_id");

-- CreateIndex
CREATE UNIQUE INDEX "officer_alert_officer_id_report_id_kind_occurrence_key" ON "officer_alert"("officer_id", "report_id", "kind", "occurrence");

-- AddForeignKey
ALTER TABLE "officer_telegram_link" ADD CONSTRAINT "officer_telegram_link_officer_id_fkey" FOREIGN KEY ("officer_id") REFERENCES "officer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "officer_alert" ADD CONSTRAINT "officer_alert_officer_id_fkey" FOREIGN KEY ("officer_id") REFERENCES "officer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "officer_alert" ADD CONSTRAINT "officer_alert_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;



-- CreateTable
CREATE TABLE "alert_round" (
    "name" TEXT NOT NULL,
    "through" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alert_round_pkey" PRIMARY KEY ("name")
);

-- An officer's alerts, newest first (the console's list).
CREATE INDEX "officer_alert_officer_id_created_at_idx" ON "officer_alert"("officer_id", "created_at");

-- The pushes due, oldest first.
CREATE INDEX "officer_alert_due_idx" ON "officer_alert" ("next_attempt_at", "id") WHERE "status" = 'pending';

-- Reports whose reporter added something no officer of the unit has opened yet.
CREATE INDEX "report_new_information_idx" ON "report" ("new_information_at") WHERE "new_information_at" IS NOT NULL;

-- Open reports by their nearest legal limit.
CREATE INDEX "report_open_next_due_idx" ON "report" ("next_due_at")
    WHERE "next_due_at" IS NOT NULL AND "status" NOT IN ('transferred', 'closed');

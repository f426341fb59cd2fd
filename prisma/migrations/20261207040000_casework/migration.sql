-- Officer casework (issue 17): accounts, sessions, login throttling, auth events, the hash-chained
-- audit log, notes, and the report columns the status machine writes. next_due_at, the nearest open limit that the unit's
-- queue sorts on, is kept by a trigger from the due columns, so no writer can forget it (a
-- generated column would show as drift to Prisma). The trigger and the queue index live only here. (No semicolon in these comments: the offline engine splits the script at each one.)
-- CreateEnum
CREATE TYPE "OfficerRole" AS ENUM ('officer', 'unit_lead', 'supervisor', 'admin');

-- AlterTable
ALTER TABLE "report" ADD COLUMN     "assignee_id" UUID,
ADD COLUMN     "next_due_at" TIMESTAMPTZ(3),
ADD COLUMN     "decision_limit" TEXT,
ADD COLUMN     "decision_reasons" TEXT,
ADD COLUMN     "victim_verification_outcome" TEXT,
ADD COLUMN     "notice_due_at" TIMESTAMPTZ(3),
ADD COLUMN     "notice_kind" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "vks_extended" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "report_extension" ADD COLUMN     "reference" TEXT;

-- CreateTable
CREATE TABLE "officer" (
    "id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "role" "OfficerRole" NOT NULL,
    "unit_id" TEXT,
    "password_hash" TEXT,
    "totp_secret_enc" BYTEA,
    "totp_last_step" BIGINT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "enrol_token_hash" TEXT,
    "enrol_expires_at" TIMESTAMPTZ(3),
    "enrolled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" UUID,
    "deactivated_at" TIMESTAMPTZ(3),

    CONSTRAINT "officer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "officer_session" (
    "id" TEXT NOT NULL,
    "officer_id" UUID NOT NULL,
    "csrf_token" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "end_reason" TEXT,
    "address" TEXT,
    "user_agent" TEXT,

    CONSTRAINT "officer_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_throttle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "last_failure_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "login_throttle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "auth_event" (
    "id" BIGSERIAL NOT NULL,
    "officer_id" UUID,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "address" TEXT,
    "detail" JSONB,

    CONSTRAINT "auth_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_entry" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "officer_id" UUID,
    "session_id" TEXT,
    "action" TEXT NOT NULL,
    "report_id" UUID,
    "detail" JSONB,
    "prev_hash" BYTEA NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_note" (
    "id" UUID NOT NULL,
    "report_id" UUID NOT NULL,
    "officer_id" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_note_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "officer_username_key" ON "officer"("username");

-- CreateIndex
CREATE UNIQUE INDEX "officer_enrol_token_hash_key" ON "officer"("enrol_token_hash");

-- CreateIndex
CREATE INDEX "officer_unit_id_idx" ON "officer"("unit_id");

-- CreateIndex
CREATE INDEX "officer_session_officer_id_ended_at_idx" ON "officer_session"("officer_id", "ended_at");

-- CreateIndex
CREATE INDEX "auth_event_officer_id_id_idx" ON "auth_event"("officer_id", "id");

-- CreateIndex
CREATE INDEX "audit_entry_report_id_id_idx" ON "audit_entry"("report_id", "id");

-- CreateIndex
CREATE INDEX "report_note_report_id_created_at_idx" ON "report_note"("report_id", "created_at");

-- CreateIndex
CREATE INDEX "report_extension_report_id_idx" ON "report_extension"("report_id");

-- AddForeignKey
ALTER TABLE "report" ADD CONSTRAINT "report_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "officer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "officer" ADD CONSTRAINT "officer_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "police_unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "officer_session" ADD CONSTRAINT "officer_session_officer_id_fkey" FOREIGN KEY ("officer_id") REFERENCES "officer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_note" ADD CONSTRAINT "report_note_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_note" ADD CONSTRAINT "report_note_officer_id_fkey" FOREIGN KEY ("officer_id") REFERENCES "officer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The nearest open limit: classification until classified, the decision limit, the procuracy notice,
-- and the victim verification until its outcome is recorded (LEAST ignores NULLs). The body writes its semicolons
-- as \073 in an escape string, for the offline engine's split.
CREATE FUNCTION "report_next_due_at"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    NEW.next_due_at := LEAST(
        CASE WHEN NEW.classified_at IS NULL THEN NEW.classify_due_at END,
        NEW.decision_due_at,
        NEW.notice_due_at,
        CASE WHEN NEW.victim_verification_outcome IS NULL THEN NEW.victim_verification_due_at END
    )\073
    RETURN NEW\073
END';

CREATE TRIGGER "report_next_due_at" BEFORE INSERT OR UPDATE OF "classified_at", "classify_due_at", "decision_due_at",
    "notice_due_at", "victim_verification_outcome", "victim_verification_due_at" ON "report"
    FOR EACH ROW EXECUTE FUNCTION "report_next_due_at"();

-- The unit's queue: open reports by priority, then the nearest limit (none last), then id. The
-- queue pages by the row value (priority, COALESCE(next_due_at, infinity), id), hence the expression.
CREATE INDEX "report_queue_idx" ON "report" ("unit_id", "priority", (COALESCE("next_due_at", 'infinity'::timestamptz)), "id")
    WHERE "status" NOT IN ('transferred', 'closed');

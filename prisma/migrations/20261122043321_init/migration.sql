-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('telegram', 'zalo_oa', 'zalo_bot', 'web');

-- CreateEnum
CREATE TYPE "InboundOutcome" AS ENUM ('pending', 'report_step', 'report_submitted', 'status_query', 'follow_up', 'other', 'throttled', 'quarantined', 'duplicate_ignored');

-- CreateEnum
CREATE TYPE "ReportKind" AS ENUM ('crime_tip', 'trafficking');

-- CreateEnum
CREATE TYPE "Anonymity" AS ENUM ('anonymous', 'confidential');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('submitted', 'classified', 'transferred', 'accepted', 'verifying', 'extended', 'extended_by_vks', 'decided_prosecute', 'decided_no_prosecute', 'decided_administrative', 'suspended', 'resumed', 'closed');

-- CreateEnum
CREATE TYPE "VictimTrackStatus" AS ENUM ('none', 'victim_verification', 'support_referred', 'protection_requested', 'protection_decided');

-- CreateEnum
CREATE TYPE "OutboundStatus" AS ENUM ('pending', 'sent', 'failed');

-- CreateEnum
CREATE TYPE "FollowUpDirection" AS ENUM ('from_reporter', 'to_reporter');

-- CreateTable
CREATE TABLE "inbound_event" (
    "id" BIGSERIAL NOT NULL,
    "channel" "Channel" NOT NULL,
    "platform_key" TEXT NOT NULL,
    "chat_key" TEXT,
    "payload_enc" BYTEA NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),
    "outcome" "InboundOutcome" NOT NULL DEFAULT 'pending',
    "outcome_detail" TEXT,
    "reporter_id" UUID,
    "report_id" UUID,

    CONSTRAINT "inbound_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reporter" (
    "id" UUID NOT NULL,
    "channel" "Channel" NOT NULL,
    "identity_hash" TEXT NOT NULL,
    "chat_id_enc" BYTEA NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'vi',
    "language_chosen" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_interaction_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reporter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation" (
    "reporter_id" UUID NOT NULL,
    "flow" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "state_version" INTEGER NOT NULL,
    "state_enc" BYTEA NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "conversation_pkey" PRIMARY KEY ("reporter_id")
);

-- CreateTable
CREATE TABLE "report" (
    "id" UUID NOT NULL,
    "kind" "ReportKind" NOT NULL,
    "channel" "Channel" NOT NULL,
    "reporter_id" UUID NOT NULL,
    "anonymity" "Anonymity" NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'submitted',
    "priority" INTEGER NOT NULL DEFAULT 3,
    "register" TEXT NOT NULL,
    "register_year" INTEGER NOT NULL,
    "register_seq" INTEGER NOT NULL,
    "register_number" TEXT NOT NULL,
    "receipt_code_hash" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "amendments" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "occurred_when" TEXT,
    "occurred_text" TEXT,
    "province_code" TEXT,
    "ward_code" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "place_text" TEXT,
    "people_text" TEXT,
    "danger_now" BOOLEAN NOT NULL DEFAULT false,
    "ongoing" BOOLEAN NOT NULL DEFAULT false,
    "affected" TEXT,
    "child_involved" TEXT,
    "situation" TEXT,
    "country" TEXT,
    "last_contact_text" TEXT,
    "help_needed" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "victim_track_status" "VictimTrackStatus" NOT NULL DEFAULT 'none',
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "triaged_at" TIMESTAMPTZ(3),
    "unit_id" TEXT,
    "classified_at" TIMESTAMPTZ(3),
    "classification" TEXT,
    "accepted_at" TIMESTAMPTZ(3),
    "transferred_at" TIMESTAMPTZ(3),
    "transferred_to" TEXT,
    "verifying_at" TIMESTAMPTZ(3),
    "decided_at" TIMESTAMPTZ(3),
    "decision_ground" TEXT,
    "suspended_at" TIMESTAMPTZ(3),
    "resumed_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "victim_verification_at" TIMESTAMPTZ(3),
    "support_referred_at" TIMESTAMPTZ(3),
    "protection_requested_at" TIMESTAMPTZ(3),
    "protection_decided_at" TIMESTAMPTZ(3),
    "classify_due_at" TIMESTAMPTZ(3),
    "receipt_notice_due_at" TIMESTAMPTZ(3),
    "decision_due_at" TIMESTAMPTZ(3),
    "victim_verification_due_at" TIMESTAMPTZ(3),

    CONSTRAINT "report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_contact" (
    "report_id" UUID NOT NULL,
    "phone_enc" BYTEA NOT NULL,

    CONSTRAINT "report_contact_pkey" PRIMARY KEY ("report_id")
);

-- CreateTable
CREATE TABLE "register_counter" (
    "register" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last_seq" INTEGER NOT NULL,

    CONSTRAINT "register_counter_pkey" PRIMARY KEY ("register","year")
);

-- CreateTable
CREATE TABLE "attachment" (
    "id" UUID NOT NULL,
    "report_id" UUID NOT NULL,
    "follow_up_id" UUID,
    "channel" "Channel" NOT NULL,
    "kind" TEXT NOT NULL,
    "platform_file_id" TEXT NOT NULL,
    "mime_type" TEXT,
    "size_bytes" INTEGER,
    "file_name" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_event" (
    "id" BIGSERIAL NOT NULL,
    "report_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "from_status" "ReportStatus",
    "to_status" "ReportStatus",
    "actor" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "detail" JSONB,

    CONSTRAINT "report_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "follow_up" (
    "id" UUID NOT NULL,
    "report_id" UUID NOT NULL,
    "direction" "FollowUpDirection" NOT NULL,
    "text" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answered_at" TIMESTAMPTZ(3),

    CONSTRAINT "follow_up_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_notice" (
    "id" UUID NOT NULL,
    "report_id" UUID NOT NULL,
    "recipient" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" TEXT,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "report_notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_extension" (
    "id" UUID NOT NULL,
    "report_id" UUID NOT NULL,
    "by_vks" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "granted_by" TEXT NOT NULL,
    "new_due_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_extension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox" (
    "id" BIGSERIAL NOT NULL,
    "topic" TEXT NOT NULL,
    "aggregate_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dispatched_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbound_message" (
    "id" BIGSERIAL NOT NULL,
    "channel" "Channel" NOT NULL,
    "reporter_id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "report_id" UUID,
    "payload_enc" BYTEA NOT NULL,
    "status" "OutboundStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    "last_error" TEXT,

    CONSTRAINT "outbound_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "status_lookup_attempt" (
    "id" BIGSERIAL NOT NULL,
    "reporter_id" UUID NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "status_lookup_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "inbound_event_chat_key_id_idx" ON "inbound_event"("chat_key", "id");

-- CreateIndex
CREATE INDEX "inbound_event_outcome_received_at_idx" ON "inbound_event"("outcome", "received_at");

-- CreateIndex
CREATE UNIQUE INDEX "inbound_event_channel_platform_key_key" ON "inbound_event"("channel", "platform_key");

-- CreateIndex
CREATE UNIQUE INDEX "reporter_channel_identity_hash_key" ON "reporter"("channel", "identity_hash");

-- CreateIndex
CREATE INDEX "conversation_expires_at_idx" ON "conversation"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "report_register_number_key" ON "report"("register_number");

-- CreateIndex
CREATE UNIQUE INDEX "report_receipt_code_hash_key" ON "report"("receipt_code_hash");

-- CreateIndex
CREATE INDEX "report_status_submitted_at_idx" ON "report"("status", "submitted_at");

-- CreateIndex
CREATE INDEX "report_reporter_id_idx" ON "report"("reporter_id");

-- CreateIndex
CREATE UNIQUE INDEX "report_register_register_year_register_seq_key" ON "report"("register", "register_year", "register_seq");

-- CreateIndex
CREATE INDEX "attachment_report_id_idx" ON "attachment"("report_id");

-- CreateIndex
CREATE INDEX "report_event_report_id_id_idx" ON "report_event"("report_id", "id");

-- CreateIndex
CREATE INDEX "follow_up_report_id_created_at_idx" ON "follow_up"("report_id", "created_at");

-- CreateIndex
CREATE INDEX "report_notice_report_id_idx" ON "report_notice"("report_id");

-- CreateIndex
CREATE INDEX "outbox_dispatched_at_id_idx" ON "outbox"("dispatched_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_topic_aggregate_id_key" ON "outbox"("topic", "aggregate_id");

-- CreateIndex
CREATE INDEX "outbound_message_status_reporter_id_id_idx" ON "outbound_message"("status", "reporter_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "outbound_message_purpose_report_id_key" ON "outbound_message"("purpose", "report_id");

-- CreateIndex
CREATE INDEX "status_lookup_attempt_reporter_id_at_idx" ON "status_lookup_attempt"("reporter_id", "at");

-- AddForeignKey
ALTER TABLE "conversation" ADD CONSTRAINT "conversation_reporter_id_fkey" FOREIGN KEY ("reporter_id") REFERENCES "reporter"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report" ADD CONSTRAINT "report_reporter_id_fkey" FOREIGN KEY ("reporter_id") REFERENCES "reporter"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_contact" ADD CONSTRAINT "report_contact_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_event" ADD CONSTRAINT "report_event_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_up" ADD CONSTRAINT "follow_up_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_notice" ADD CONSTRAINT "report_notice_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_extension" ADD CONSTRAINT "report_extension_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbound_message" ADD CONSTRAINT "outbound_message_reporter_id_fkey" FOREIGN KEY ("reporter_id") REFERENCES "reporter"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "status_lookup_attempt" ADD CONSTRAINT "status_lookup_attempt_reporter_id_fkey" FOREIGN KEY ("reporter_id") REFERENCES "reporter"("id") ON DELETE CASCADE ON UPDATE CASCADE;

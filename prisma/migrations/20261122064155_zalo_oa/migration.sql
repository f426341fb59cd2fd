-- CreateTable
CREATE TABLE "zalo_oa_token" (
    "app_id" TEXT NOT NULL,
    "access_token_enc" BYTEA,
    "access_expires_at" TIMESTAMPTZ(3),
    "refresh_token_enc" BYTEA,
    "seed_hash" TEXT,
    "reconsent_required" BOOLEAN NOT NULL DEFAULT false,
    "last_error" TEXT,
    "last_attempt_at" TIMESTAMPTZ(3),
    "refreshed_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "zalo_oa_token_pkey" PRIMARY KEY ("app_id")
);

-- CreateTable
CREATE TABLE "media_file" (
    "id" UUID NOT NULL,
    "channel" "Channel" NOT NULL,
    "platform_key" TEXT NOT NULL,
    "url_hash" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "content_enc" BYTEA,
    "sha256" TEXT,
    "size_bytes" INTEGER,
    "mime_type" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fetched_at" TIMESTAMPTZ(3),

    CONSTRAINT "media_file_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "media_file_channel_platform_key_idx" ON "media_file"("channel", "platform_key");

-- CreateIndex
CREATE UNIQUE INDEX "media_file_channel_url_hash_key" ON "media_file"("channel", "url_hash");

-- AlterTable
ALTER TABLE "report" ADD COLUMN     "priority_hits" JSONB,
ADD COLUMN     "routing_reason" TEXT;

-- CreateTable
CREATE TABLE "police_unit" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "province_code" TEXT NOT NULL,
    "ward_code" TEXT,
    "parent_id" TEXT,

    CONSTRAINT "police_unit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "police_unit_province_code_idx" ON "police_unit"("province_code");

-- CreateIndex
CREATE INDEX "report_triaged_at_submitted_at_idx" ON "report"("triaged_at", "submitted_at");

-- CreateIndex
CREATE INDEX "report_unit_id_status_idx" ON "report"("unit_id", "status");

-- AddForeignKey
ALTER TABLE "report" ADD CONSTRAINT "report_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "police_unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

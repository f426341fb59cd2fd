-- Frozen periods (issue 19): closing a period stores its figures once, with who closed it, when,
-- and the SHA-256 of every numerator and denominator list, and is never changed afterwards. A
-- trigger refuses UPDATE and DELETE, so a correction can only show in a later period.
-- (No semicolon in these comments: the offline engine splits the script at each one.)
-- CreateTable
CREATE TABLE "period_snapshot" (
    "id" BIGSERIAL NOT NULL,
    "unit_id" TEXT NOT NULL,
    "period_from" TIMESTAMPTZ(3) NOT NULL,
    "period_to" TIMESTAMPTZ(3) NOT NULL,
    "closed_by" UUID NOT NULL,
    "closed_at" TIMESTAMPTZ(3) NOT NULL,
    "figures" JSONB NOT NULL,
    "list_hashes" JSONB NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "period_snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "period_snapshot_unit_id_period_from_period_to_key" ON "period_snapshot"("unit_id", "period_from", "period_to");

-- AddForeignKey
ALTER TABLE "period_snapshot" ADD CONSTRAINT "period_snapshot_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "police_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "period_snapshot" ADD CONSTRAINT "period_snapshot_closed_by_fkey" FOREIGN KEY ("closed_by") REFERENCES "officer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A snapshot is written once: changing or deleting one is refused.
CREATE FUNCTION "period_snapshot_frozen"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    RAISE EXCEPTION ''period snapshots are frozen: a correction shows in a later period''\073
END';

CREATE TRIGGER "period_snapshot_frozen" BEFORE UPDATE OR DELETE ON "period_snapshot"
    FOR EACH ROW EXECUTE FUNCTION "period_snapshot_frozen"();

-- AlterTable
ALTER TABLE "residents" ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'registry';


-- Residents the front desk approved before the source existed: keep them out of re-import removal.
UPDATE "residents" SET "source" = 'front_desk'
WHERE EXISTS (
    SELECT 1 FROM "verification_requests" AS v
    WHERE v."status" = 'approved' AND v."unit_id" = "residents"."unit_id" AND v."phone" = "residents"."phone"
);

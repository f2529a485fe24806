-- AlterTable
ALTER TABLE "verification_requests" ALTER COLUMN "unit_id" DROP NOT NULL;


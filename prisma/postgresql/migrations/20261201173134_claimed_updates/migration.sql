-- AlterTable
ALTER TABLE "processed_updates" ADD COLUMN     "claimed_by" TEXT,
ADD COLUMN     "lease_until" TIMESTAMP(3),
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'done';

-- AlterTable
ALTER TABLE "key_values" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;


-- AlterTable
ALTER TABLE "repair_details" ADD COLUMN     "intake_channel" TEXT NOT NULL DEFAULT 'telegram';


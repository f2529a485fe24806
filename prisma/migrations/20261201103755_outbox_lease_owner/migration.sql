-- AlterTable
ALTER TABLE "outbox_messages" ADD COLUMN "lease_owner" TEXT;


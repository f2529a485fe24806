-- AlterTable
ALTER TABLE "outbox_messages" ADD COLUMN     "taken_back" INTEGER NOT NULL DEFAULT 0;


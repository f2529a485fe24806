-- AlterTable
ALTER TABLE "jobs" ADD COLUMN     "lease_owner" TEXT;

-- CreateTable
CREATE TABLE "sender_leases" (
    "channel" TEXT NOT NULL,
    "holder" TEXT,
    "beat" INTEGER NOT NULL DEFAULT 0,
    "paused_until" TIMESTAMP(3),

    CONSTRAINT "sender_leases_pkey" PRIMARY KEY ("channel")
);


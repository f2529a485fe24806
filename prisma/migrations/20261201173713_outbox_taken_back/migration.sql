-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_outbox_messages" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "ref_key" TEXT,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "not_before" DATETIME NOT NULL,
    "lease_until" DATETIME,
    "lease_owner" TEXT,
    "platform_message_id" TEXT,
    "last_error" TEXT,
    "taken_back" INTEGER NOT NULL DEFAULT 0,
    "created_at" DATETIME NOT NULL
);
INSERT INTO "new_outbox_messages" ("attempts", "channel", "created_at", "id", "last_error", "lease_owner", "lease_until", "not_before", "payload", "platform_message_id", "recipient", "ref_key", "seq", "status") SELECT "attempts", "channel", "created_at", "id", "last_error", "lease_owner", "lease_until", "not_before", "payload", "platform_message_id", "recipient", "ref_key", "seq", "status" FROM "outbox_messages";
DROP TABLE "outbox_messages";
ALTER TABLE "new_outbox_messages" RENAME TO "outbox_messages";
CREATE UNIQUE INDEX "outbox_messages_id_key" ON "outbox_messages"("id");
CREATE INDEX "outbox_messages_channel_status_recipient_seq_idx" ON "outbox_messages"("channel", "status", "recipient", "seq");
CREATE INDEX "outbox_messages_status_created_at_idx" ON "outbox_messages"("status", "created_at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


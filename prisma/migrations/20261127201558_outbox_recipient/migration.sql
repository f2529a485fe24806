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
    "platform_message_id" TEXT,
    "last_error" TEXT,
    "created_at" DATETIME NOT NULL
);
-- recipient: recipientOf(payload) of src/core/domain/outbox.ts; a row it cannot tell stays on its own.
INSERT INTO "new_outbox_messages" ("attempts", "channel", "created_at", "id", "last_error", "lease_until", "not_before", "payload", "platform_message_id", "recipient", "ref_key", "seq", "status") SELECT "attempts", "channel", "created_at", "id", "last_error", "lease_until", "not_before", "payload", "platform_message_id",
    COALESCE(CASE json_extract("payload", '$.type')
        WHEN 'owner.notice' THEN 'telegram:' || json_extract("payload", '$.chatId')
        WHEN 'staff.ticket-card' THEN 'slack:' || json_extract("payload", '$.team')
        WHEN 'staff.alert' THEN 'slack:' || json_extract("payload", '$.team')
        WHEN 'staff.callback-prompt' THEN 'slack:frontdesk'
        WHEN 'staff.verification-card' THEN 'slack:frontdesk'
    END, 'legacy:' || "id"),
    "ref_key", "seq", "status" FROM "outbox_messages";
DROP TABLE "outbox_messages";
ALTER TABLE "new_outbox_messages" RENAME TO "outbox_messages";
CREATE UNIQUE INDEX "outbox_messages_id_key" ON "outbox_messages"("id");
CREATE INDEX "outbox_messages_channel_status_not_before_idx" ON "outbox_messages"("channel", "status", "not_before");
CREATE INDEX "outbox_messages_channel_recipient_seq_idx" ON "outbox_messages"("channel", "recipient", "seq");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


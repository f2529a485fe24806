-- AlterTable
ALTER TABLE "outbox_messages" ADD COLUMN     "recipient" TEXT;

-- recipient: recipientOf(payload) of src/core/domain/outbox.ts; a row it cannot tell stays on its own.
UPDATE "outbox_messages" SET "recipient" = COALESCE(CASE "payload"::jsonb ->> 'type'
    WHEN 'owner.notice' THEN 'telegram:' || ("payload"::jsonb ->> 'chatId')
    WHEN 'staff.ticket-card' THEN 'slack:' || ("payload"::jsonb ->> 'team')
    WHEN 'staff.alert' THEN 'slack:' || ("payload"::jsonb ->> 'team')
    WHEN 'staff.callback-prompt' THEN 'slack:frontdesk'
    WHEN 'staff.verification-card' THEN 'slack:frontdesk'
END, 'legacy:' || "id");

ALTER TABLE "outbox_messages" ALTER COLUMN "recipient" SET NOT NULL;

-- CreateIndex
CREATE INDEX "outbox_messages_channel_recipient_seq_idx" ON "outbox_messages"("channel", "recipient", "seq");


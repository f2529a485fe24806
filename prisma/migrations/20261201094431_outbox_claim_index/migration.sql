-- DropIndex
DROP INDEX "outbox_messages_channel_status_not_before_idx";

-- DropIndex
DROP INDEX "outbox_messages_channel_recipient_seq_idx";

-- CreateIndex
CREATE INDEX "outbox_messages_channel_status_recipient_seq_idx" ON "outbox_messages"("channel", "status", "recipient", "seq");


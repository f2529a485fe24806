-- CreateTable
CREATE TABLE "fee_details" (
    "case_id" TEXT NOT NULL PRIMARY KEY,
    "stage" TEXT NOT NULL,
    "first_overdue_reminder_at" DATETIME,
    "last_reminder_at" DATETIME,
    "last_reminder_kind" TEXT,
    "reminded_charge_ids" TEXT NOT NULL DEFAULT '',
    "overdue_reason" TEXT,
    "promised_by" TEXT,
    "letter_number" TEXT,
    "letter_at" DATETIME,
    "tracking_number" TEXT,
    "sent_at" DATETIME,
    "home_visit_due_at" DATETIME,
    "home_visit_at" DATETIME,
    "home_visit_note" TEXT,
    "referred_at" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "fee_details_letter_number_key" ON "fee_details"("letter_number");

-- CreateIndex
CREATE INDEX "fee_details_stage_idx" ON "fee_details"("stage");


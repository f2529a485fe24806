-- CreateTable
CREATE TABLE "fee_details" (
    "case_id" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "first_overdue_reminder_at" TIMESTAMP(3),
    "last_reminder_at" TIMESTAMP(3),
    "last_reminder_kind" TEXT,
    "reminded_charge_ids" TEXT NOT NULL DEFAULT '',
    "overdue_reason" TEXT,
    "promised_by" TEXT,
    "letter_number" TEXT,
    "letter_at" TIMESTAMP(3),
    "tracking_number" TEXT,
    "sent_at" TIMESTAMP(3),
    "home_visit_due_at" TIMESTAMP(3),
    "home_visit_at" TIMESTAMP(3),
    "home_visit_note" TEXT,
    "referred_at" TIMESTAMP(3),

    CONSTRAINT "fee_details_pkey" PRIMARY KEY ("case_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "fee_details_letter_number_key" ON "fee_details"("letter_number");

-- CreateIndex
CREATE INDEX "fee_details_stage_idx" ON "fee_details"("stage");


-- CreateTable
CREATE TABLE "complaint_details" (
    "case_id" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "when_where" TEXT NOT NULL,
    "about" TEXT,
    "owner_request" TEXT NOT NULL,
    "owner_deadline" TIMESTAMP(3),
    "photos" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "suggested_tier" TEXT NOT NULL,
    "tier" TEXT,
    "classified_at" TIMESTAMP(3),
    "department" TEXT,
    "acknowledged_at" TIMESTAMP(3),
    "contacted_at" TIMESTAMP(3),
    "answer" TEXT,
    "answered_at" TIMESTAMP(3),
    "resolution" TEXT,
    "resolved_at" TIMESTAMP(3),
    "resolve_by" TIMESTAMP(3),
    "owner_verdict" TEXT,
    "invalid_reply" TEXT,
    "harm_repair_id" TEXT,

    CONSTRAINT "complaint_details_pkey" PRIMARY KEY ("case_id")
);

-- CreateIndex
CREATE INDEX "complaint_details_tier_idx" ON "complaint_details"("tier");

-- CreateIndex
CREATE INDEX "complaint_details_subject_idx" ON "complaint_details"("subject");

-- CreateIndex
CREATE INDEX "complaint_details_department_idx" ON "complaint_details"("department");


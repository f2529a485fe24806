-- CreateTable
CREATE TABLE "complaint_details" (
    "case_id" TEXT NOT NULL PRIMARY KEY,
    "subject" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "when_where" TEXT NOT NULL,
    "about" TEXT,
    "owner_request" TEXT NOT NULL,
    "owner_deadline" DATETIME,
    "photos" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "suggested_tier" TEXT NOT NULL,
    "tier" TEXT,
    "classified_at" DATETIME,
    "department" TEXT,
    "acknowledged_at" DATETIME,
    "contacted_at" DATETIME,
    "answer" TEXT,
    "answered_at" DATETIME,
    "resolution" TEXT,
    "resolved_at" DATETIME,
    "resolve_by" DATETIME,
    "owner_verdict" TEXT,
    "invalid_reply" TEXT,
    "harm_repair_id" TEXT
);

-- CreateIndex
CREATE INDEX "complaint_details_tier_idx" ON "complaint_details"("tier");

-- CreateIndex
CREATE INDEX "complaint_details_subject_idx" ON "complaint_details"("subject");

-- CreateIndex
CREATE INDEX "complaint_details_department_idx" ON "complaint_details"("department");


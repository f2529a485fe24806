-- DropIndex
DROP INDEX "cases_kind_status_idx";

-- CreateTable
CREATE TABLE "service_details" (
    "case_id" TEXT NOT NULL PRIMARY KEY,
    "service_type" TEXT NOT NULL,
    "price_code" TEXT NOT NULL,
    "is_package" BOOLEAN NOT NULL,
    "onsite_pricing" BOOLEAN NOT NULL,
    "area_m2" REAL,
    "hours" REAL,
    "special_requests" TEXT NOT NULL,
    "preferred_time" TEXT NOT NULL,
    "estimate_fen" INTEGER,
    "site_visit_at" DATETIME,
    "quote_lines" TEXT NOT NULL DEFAULT '[]',
    "quote_total_fen" INTEGER,
    "quote_answer" TEXT,
    "agreed_fen" INTEGER,
    "schedule_weekdays" TEXT,
    "schedule_time" TEXT,
    "schedule_weeks_of_month" TEXT,
    "appointment_at" DATETIME,
    "owner_time_request" TEXT,
    "completed_at" DATETIME,
    "accepted_at" DATETIME,
    "problem_report" TEXT,
    "ended_at" DATETIME,
    "intake_channel" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "work_orders" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "case_id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "scheduled_at" DATETIME NOT NULL,
    "month" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "proposed_at" DATETIME,
    "owner_time_request" TEXT,
    "problem_report" TEXT,
    "started_at" DATETIME,
    "completed_at" DATETIME,
    "accepted_at" DATETIME,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "receipts" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "case_id" TEXT,
    "work_order_id" TEXT,
    "period" TEXT,
    "unit_id" TEXT NOT NULL,
    "payer_id" TEXT NOT NULL,
    "lines" TEXT NOT NULL,
    "amount_fen" INTEGER NOT NULL,
    "issued_at" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_repair_details" (
    "case_id" TEXT NOT NULL PRIMARY KEY,
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "photos" TEXT NOT NULL,
    "public_area" TEXT,
    "preferred_time" TEXT NOT NULL,
    "appointment_at" DATETIME,
    "owner_time_request" TEXT,
    "billing" TEXT NOT NULL,
    "owner_fixed_answer" TEXT,
    "completed_at" DATETIME,
    "leak_test_at" DATETIME,
    "intake_channel" TEXT NOT NULL DEFAULT 'telegram',
    "charge_lines" TEXT NOT NULL DEFAULT '[]'
);
INSERT INTO "new_repair_details" ("appointment_at", "billing", "case_id", "category", "completed_at", "description", "intake_channel", "leak_test_at", "owner_fixed_answer", "owner_time_request", "photos", "preferred_time", "public_area") SELECT "appointment_at", "billing", "case_id", "category", "completed_at", "description", "intake_channel", "leak_test_at", "owner_fixed_answer", "owner_time_request", "photos", "preferred_time", "public_area" FROM "repair_details";
DROP TABLE "repair_details";
ALTER TABLE "new_repair_details" RENAME TO "repair_details";
CREATE INDEX "repair_details_category_idx" ON "repair_details"("category");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "service_details_service_type_idx" ON "service_details"("service_type");

-- CreateIndex
CREATE INDEX "service_details_price_code_idx" ON "service_details"("price_code");

-- CreateIndex
CREATE UNIQUE INDEX "work_orders_number_key" ON "work_orders"("number");

-- CreateIndex
CREATE INDEX "work_orders_month_status_idx" ON "work_orders"("month", "status");

-- CreateIndex
CREATE INDEX "work_orders_case_id_sequence_idx" ON "work_orders"("case_id", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "work_orders_case_id_scheduled_at_key" ON "work_orders"("case_id", "scheduled_at");

-- CreateIndex
CREATE UNIQUE INDEX "receipts_number_key" ON "receipts"("number");

-- CreateIndex
CREATE INDEX "receipts_issued_at_idx" ON "receipts"("issued_at");

-- CreateIndex
CREATE UNIQUE INDEX "receipts_case_id_period_key" ON "receipts"("case_id", "period");

-- CreateIndex
CREATE INDEX "cases_kind_status_id_idx" ON "cases"("kind", "status", "id");


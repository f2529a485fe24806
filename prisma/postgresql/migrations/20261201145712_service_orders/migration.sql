-- DropIndex
DROP INDEX "cases_kind_status_idx";

-- AlterTable
ALTER TABLE "repair_details" ADD COLUMN     "charge_lines" TEXT NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "service_details" (
    "case_id" TEXT NOT NULL,
    "service_type" TEXT NOT NULL,
    "price_code" TEXT NOT NULL,
    "is_package" BOOLEAN NOT NULL,
    "onsite_pricing" BOOLEAN NOT NULL,
    "area_m2" DOUBLE PRECISION,
    "hours" DOUBLE PRECISION,
    "special_requests" TEXT NOT NULL,
    "preferred_time" TEXT NOT NULL,
    "estimate_fen" INTEGER,
    "site_visit_at" TIMESTAMP(3),
    "quote_lines" TEXT NOT NULL DEFAULT '[]',
    "quote_total_fen" INTEGER,
    "quote_answer" TEXT,
    "agreed_fen" INTEGER,
    "schedule_weekdays" TEXT,
    "schedule_time" TEXT,
    "schedule_weeks_of_month" TEXT,
    "appointment_at" TIMESTAMP(3),
    "owner_time_request" TEXT,
    "completed_at" TIMESTAMP(3),
    "accepted_at" TIMESTAMP(3),
    "problem_report" TEXT,
    "ended_at" TIMESTAMP(3),
    "intake_channel" TEXT NOT NULL,

    CONSTRAINT "service_details_pkey" PRIMARY KEY ("case_id")
);

-- CreateTable
CREATE TABLE "work_orders" (
    "id" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "scheduled_at" TIMESTAMP(3) NOT NULL,
    "month" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "proposed_at" TIMESTAMP(3),
    "owner_time_request" TEXT,
    "problem_report" TEXT,
    "started_at" TIMESTAMP(3),
    "completed_at" TIMESTAMP(3),
    "accepted_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "work_orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "receipts" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "case_id" TEXT,
    "work_order_id" TEXT,
    "period" TEXT,
    "unit_id" TEXT NOT NULL,
    "payer_id" TEXT NOT NULL,
    "lines" TEXT NOT NULL,
    "amount_fen" INTEGER NOT NULL,
    "issued_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "receipts_pkey" PRIMARY KEY ("id")
);

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


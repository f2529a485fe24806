-- CreateTable
CREATE TABLE "charges" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unit_id" TEXT NOT NULL,
    "fee_type" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "amount_fen" INTEGER NOT NULL,
    "due_date" TEXT NOT NULL,
    "paid_fen" INTEGER NOT NULL,
    "open" BOOLEAN NOT NULL,
    "promised_by" TEXT,
    "dispute_case_id" TEXT,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "payments" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "charge_id" TEXT NOT NULL,
    "unit_id" TEXT NOT NULL,
    "amount_fen" INTEGER NOT NULL,
    "paid_at" DATETIME NOT NULL,
    "receipt_id" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "charges_due_date_idx" ON "charges"("due_date");

-- CreateIndex
CREATE INDEX "charges_open_unit_id_due_date_idx" ON "charges"("open", "unit_id", "due_date");

-- CreateIndex
CREATE UNIQUE INDEX "charges_unit_id_fee_type_period_key" ON "charges"("unit_id", "fee_type", "period");

-- CreateIndex
CREATE INDEX "payments_unit_id_idx" ON "payments"("unit_id");

-- CreateIndex
CREATE INDEX "payments_charge_id_idx" ON "payments"("charge_id");


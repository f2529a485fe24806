-- The case header takes what the monthly report groups and orders by, and each callback its
-- case's kind, so every figure of the month is read from one index range instead of joining
-- the details, the units and the history of every case. Edited by hand: the backfill below
-- copies them from the rows that hold them today, before the indexes are built.

-- DropIndex
DROP INDEX "cases_closed_at_idx";

-- DropIndex
DROP INDEX "clocks_rule_stopped_at_idx";

-- DropIndex
DROP INDEX "callbacks_created_at_idx";

-- AlterTable
ALTER TABLE "cases" ADD COLUMN "building" TEXT;
ALTER TABLE "cases" ADD COLUMN "category" TEXT;
ALTER TABLE "cases" ADD COLUMN "channel" TEXT;
ALTER TABLE "cases" ADD COLUMN "completion_minutes" REAL;
ALTER TABLE "cases" ADD COLUMN "first_response_at" DATETIME;
ALTER TABLE "cases" ADD COLUMN "first_response_minutes" REAL;
ALTER TABLE "cases" ADD COLUMN "tier" TEXT;

-- AlterTable
ALTER TABLE "callbacks" ADD COLUMN "case_kind" TEXT;

-- Backfill: each case's report keys (category, channel, tier) from its details, its unit's
-- building, its earliest staff step (a phone intake's own "reported" is no response), the
-- minutes to it and to the close (a cancelled case has none), and each callback's case kind. julianday is a float
-- of days: rounded to the millisecond instants are stored with, the minutes are exact.
UPDATE "cases" SET
  "category" = (SELECT "d"."category" FROM "repair_details" AS "d" WHERE "d"."case_id" = "cases"."id"),
  "channel" = (SELECT "d"."intake_channel" FROM "repair_details" AS "d" WHERE "d"."case_id" = "cases"."id")
WHERE "kind" = 'repair';
UPDATE "cases" SET
  "category" = (SELECT "d"."subject" FROM "complaint_details" AS "d" WHERE "d"."case_id" = "cases"."id"),
  "channel" = (SELECT "d"."channel" FROM "complaint_details" AS "d" WHERE "d"."case_id" = "cases"."id"),
  "tier" = (SELECT "d"."tier" FROM "complaint_details" AS "d" WHERE "d"."case_id" = "cases"."id")
WHERE "kind" = 'complaint';
UPDATE "cases" SET
  "category" = (SELECT "d"."service_type" FROM "service_details" AS "d" WHERE "d"."case_id" = "cases"."id"),
  "channel" = (SELECT "d"."intake_channel" FROM "service_details" AS "d" WHERE "d"."case_id" = "cases"."id")
WHERE "kind" = 'service';
UPDATE "cases" SET
  "building" = (SELECT "u"."building" FROM "units" AS "u" WHERE "u"."id" = "cases"."unit_id"),
  "first_response_at" = (
    SELECT MIN("e"."at") FROM "case_events" AS "e"
    WHERE "e"."case_id" = "cases"."id" AND "e"."actor_type" = 'staff' AND "e"."type" <> 'reported');
UPDATE "cases" SET "first_response_minutes" = ROUND((julianday("first_response_at") - julianday("created_at")) * 86400000.0) / 60000.0
WHERE "first_response_at" IS NOT NULL;
UPDATE "cases" SET "completion_minutes" = ROUND((julianday("closed_at") - julianday("created_at")) * 86400000.0) / 60000.0
WHERE "closed_at" IS NOT NULL AND "status" <> 'cancelled';
UPDATE "callbacks" SET "case_kind" = (SELECT "c"."kind" FROM "cases" AS "c" WHERE "c"."id" = "callbacks"."case_id");

-- CreateIndex
CREATE INDEX "cases_kind_created_at_first_response_minutes_category_building_number_tier_idx" ON "cases"("kind", "created_at", "first_response_minutes", "category", "building", "number", "tier");

-- CreateIndex
CREATE INDEX "cases_kind_category_channel_created_at_idx" ON "cases"("kind", "category", "channel", "created_at");

-- CreateIndex
CREATE INDEX "cases_kind_closed_at_completion_minutes_idx" ON "cases"("kind", "closed_at", "completion_minutes");

-- CreateIndex
CREATE INDEX "clocks_rule_stopped_at_due_at_idx" ON "clocks"("rule", "stopped_at", "due_at");

-- CreateIndex
CREATE INDEX "callbacks_case_kind_created_at_status_idx" ON "callbacks"("case_kind", "created_at", "status");


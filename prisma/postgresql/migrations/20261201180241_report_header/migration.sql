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
ALTER TABLE "cases" ADD COLUMN     "building" TEXT,
ADD COLUMN     "category" TEXT,
ADD COLUMN     "channel" TEXT,
ADD COLUMN     "completion_minutes" DOUBLE PRECISION,
ADD COLUMN     "first_response_at" TIMESTAMP(3),
ADD COLUMN     "first_response_minutes" DOUBLE PRECISION,
ADD COLUMN     "tier" TEXT;

-- AlterTable
ALTER TABLE "callbacks" ADD COLUMN     "case_kind" TEXT;

-- Backfill: each case's report keys (category, channel, tier) from its details, its unit's
-- building, its earliest staff step (a phone intake's own "reported" is no response), the
-- minutes to it and to the close (a cancelled case has none), and each callback's case kind.
-- Minutes are the whole milliseconds apart over 60,000 in double precision, as the program
-- computes them.
UPDATE "cases" AS "c" SET "category" = "d"."category", "channel" = "d"."intake_channel"
FROM "repair_details" AS "d" WHERE "d"."case_id" = "c"."id" AND "c"."kind" = 'repair';
UPDATE "cases" AS "c" SET "category" = "d"."subject", "channel" = "d"."channel", "tier" = "d"."tier"
FROM "complaint_details" AS "d" WHERE "d"."case_id" = "c"."id" AND "c"."kind" = 'complaint';
UPDATE "cases" AS "c" SET "category" = "d"."service_type", "channel" = "d"."intake_channel"
FROM "service_details" AS "d" WHERE "d"."case_id" = "c"."id" AND "c"."kind" = 'service';
UPDATE "cases" AS "c" SET "building" = "u"."building" FROM "units" AS "u" WHERE "u"."id" = "c"."unit_id";
UPDATE "cases" AS "c" SET "first_response_at" = "f"."at",
  "first_response_minutes" = CAST(ROUND(EXTRACT(EPOCH FROM ("f"."at" - "c"."created_at")) * 1000) AS double precision) / CAST(60000 AS double precision)
FROM (SELECT "case_id", MIN("at") AS "at" FROM "case_events" WHERE "actor_type" = 'staff' AND "type" <> 'reported' GROUP BY "case_id") AS "f"
WHERE "f"."case_id" = "c"."id";
UPDATE "cases" SET "completion_minutes" = CAST(ROUND(EXTRACT(EPOCH FROM ("closed_at" - "created_at")) * 1000) AS double precision) / CAST(60000 AS double precision)
WHERE "closed_at" IS NOT NULL AND "status" <> 'cancelled';
UPDATE "callbacks" AS "b" SET "case_kind" = "c"."kind" FROM "cases" AS "c" WHERE "c"."id" = "b"."case_id";

-- CreateIndex
CREATE INDEX "cases_kind_created_at_first_response_minutes_category_build_idx" ON "cases"("kind", "created_at", "first_response_minutes", "category", "building", "number", "tier");

-- CreateIndex
CREATE INDEX "cases_kind_category_channel_created_at_idx" ON "cases"("kind", "category", "channel", "created_at");

-- CreateIndex
CREATE INDEX "cases_kind_closed_at_completion_minutes_idx" ON "cases"("kind", "closed_at", "completion_minutes");

-- CreateIndex
CREATE INDEX "clocks_rule_stopped_at_due_at_idx" ON "clocks"("rule", "stopped_at", "due_at");

-- CreateIndex
CREATE INDEX "callbacks_case_kind_created_at_status_idx" ON "callbacks"("case_kind", "created_at", "status");


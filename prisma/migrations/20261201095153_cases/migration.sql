-- Every request becomes a case: a shared header (cases) plus the kind's own table
-- (repair_details). Every existing repair, event, clock, callback, job, outbox row and message
-- reference is kept, with the same ids, so cards already in Slack and buttons already in owners'
-- chats go on working. Written by hand: a schema diff would drop and recreate the tables.

-- CreateTable
CREATE TABLE "cases" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "unit_id" TEXT NOT NULL,
    "reporter_id" TEXT NOT NULL,
    "reporter_user_id" TEXT,
    "assignee_id" TEXT,
    "linked_case_id" TEXT,
    "cancel_reason" TEXT,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "closed_at" DATETIME,
    "version" INTEGER NOT NULL
);
INSERT INTO "cases" ("id", "number", "kind", "status", "team", "unit_id", "reporter_id", "reporter_user_id", "assignee_id", "linked_case_id", "cancel_reason", "created_at", "updated_at", "closed_at", "version")
SELECT "id", "number", "kind", "status", "team", "unit_id", "reporter_id", "reporter_telegram_id", "assignee_id", NULL, "cancel_reason", "created_at", "updated_at", "closed_at", "version" FROM "tickets";

-- CreateTable
CREATE TABLE "repair_details" (
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
    "leak_test_at" DATETIME
);
INSERT INTO "repair_details" ("case_id", "category", "description", "photos", "public_area", "preferred_time", "appointment_at", "owner_time_request", "billing", "owner_fixed_answer", "completed_at", "leak_test_at")
SELECT "id", "category", "description", "photos", "public_area", "preferred_time", "appointment_at", "owner_time_request", "billing", "owner_fixed_answer", "completed_at", "leak_test_at" FROM "tickets" WHERE "kind" = 'repair';

DROP INDEX "tickets_number_key";
DROP INDEX "tickets_reporter_id_created_at_idx";
DROP INDEX "tickets_status_idx";
DROP TABLE "tickets";

-- CreateTable (the history keeps its insertion order: seq values are copied, and AUTOINCREMENT continues after the largest)
CREATE TABLE "case_events" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "id" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "type" TEXT NOT NULL,
    "from_status" TEXT,
    "to_status" TEXT,
    "data" TEXT NOT NULL
);
INSERT INTO "case_events" ("seq", "id", "case_id", "at", "actor_type", "actor_id", "type", "from_status", "to_status", "data")
SELECT "seq", "id", "ticket_id", "at", "actor_type", "actor_id", "type", "from_status", "to_status", "data" FROM "ticket_events" ORDER BY "seq";
DROP INDEX "ticket_events_id_key";
DROP INDEX "ticket_events_ticket_id_at_seq_idx";
DROP TABLE "ticket_events";

-- Clocks: the callback a clock watches moves from its JSON data to typed columns.
DROP INDEX "clocks_ticket_id_stopped_at_idx";
ALTER TABLE "clocks" RENAME COLUMN "ticket_id" TO "case_id";
ALTER TABLE "clocks" ADD COLUMN "subject_type" TEXT;
ALTER TABLE "clocks" ADD COLUMN "subject_id" TEXT;
UPDATE "clocks" SET "subject_type" = 'callback', "subject_id" = json_extract("data", '$.callbackId'), "data" = json_remove("data", '$.callbackId')
WHERE json_extract("data", '$.callbackId') IS NOT NULL;

DROP INDEX "callbacks_ticket_id_created_at_idx";
ALTER TABLE "callbacks" RENAME COLUMN "ticket_id" TO "case_id";

-- Outbox payloads take the generic shapes: a case's card, a prompt about a case, a notice with buttons.
UPDATE "outbox_messages" SET "payload" = json_object('type', 'staff.case-card', 'team', json_extract("payload", '$.team'), 'caseId', json_extract("payload", '$.ticketId'))
WHERE json_extract("payload", '$.type') = 'staff.ticket-card';
UPDATE "outbox_messages" SET "payload" = json_object('type', 'staff.case-prompt', 'team', 'frontdesk', 'caseId', json_extract("payload", '$.ticketId'), 'prompt', 'callback', 'subjectId', json_extract("payload", '$.callbackId'), 'attempt', json_extract("payload", '$.attempt'))
WHERE json_extract("payload", '$.type') = 'staff.callback-prompt';
UPDATE "outbox_messages" SET "payload" = json_set("payload", '$.team', 'frontdesk')
WHERE json_extract("payload", '$.type') = 'staff.verification-card';
UPDATE "outbox_messages" SET "payload" = json_remove(json_set("payload", '$.caseId', json_extract("payload", '$.ticketId')), '$.ticketId')
WHERE json_extract("payload", '$.type') = 'staff.alert';
UPDATE "outbox_messages" SET "payload" = json_remove(json_set("payload", '$.buttons', json((
    SELECT json_group_array(json_patch(
        json_object('kind', 'repair', 'action', json_extract(a."value", '$.type'), 'caseId', json_extract(a."value", '$.ticketId')),
        CASE WHEN json_extract(a."value", '$.proposedAt') IS NULL THEN '{}' ELSE json_object('arg', json_extract(a."value", '$.proposedAt')) END))
    FROM json_each("outbox_messages"."payload", '$.actions') AS a))), '$.actions')
WHERE json_extract("payload", '$.type') = 'owner.notice';
UPDATE "outbox_messages" SET "ref_key" = 'case-card:' || substr("ref_key", length('ticket-card:') + 1) WHERE "ref_key" LIKE 'ticket-card:%';
UPDATE "outbox_messages" SET "ref_key" = 'prompt:callback:' || substr("ref_key", length('callback-prompt:') + 1) WHERE "ref_key" LIKE 'callback-prompt:%';
UPDATE "message_refs" SET "key" = 'case-card:' || substr("key", length('ticket-card:') + 1) WHERE "key" LIKE 'ticket-card:%';
UPDATE "message_refs" SET "key" = 'prompt:callback:' || substr("key", length('callback-prompt:') + 1) WHERE "key" LIKE 'callback-prompt:%';

-- CreateIndex
CREATE UNIQUE INDEX "cases_number_key" ON "cases"("number");
CREATE INDEX "cases_reporter_id_created_at_idx" ON "cases"("reporter_id", "created_at");
CREATE INDEX "cases_kind_created_at_idx" ON "cases"("kind", "created_at");
CREATE INDEX "cases_kind_status_idx" ON "cases"("kind", "status");
CREATE INDEX "repair_details_category_idx" ON "repair_details"("category");
CREATE UNIQUE INDEX "case_events_id_key" ON "case_events"("id");
CREATE INDEX "case_events_case_id_at_seq_idx" ON "case_events"("case_id", "at", "seq");
CREATE INDEX "clocks_case_id_stopped_at_idx" ON "clocks"("case_id", "stopped_at");
CREATE INDEX "clocks_subject_type_subject_id_idx" ON "clocks"("subject_type", "subject_id");
CREATE INDEX "callbacks_case_id_created_at_idx" ON "callbacks"("case_id", "created_at");

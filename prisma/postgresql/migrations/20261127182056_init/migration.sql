-- CreateTable
CREATE TABLE "units" (
    "id" TEXT NOT NULL,
    "building" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "area_m2" DOUBLE PRECISION NOT NULL,
    "handover_date" TEXT NOT NULL,
    "warranty_months" INTEGER NOT NULL,

    CONSTRAINT "units_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "residents" (
    "id" TEXT NOT NULL,
    "unit_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "role" TEXT NOT NULL,

    CONSTRAINT "residents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_members" (
    "id" TEXT NOT NULL,
    "slack_user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "role" TEXT NOT NULL,

    CONSTRAINT "staff_members_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "telegram_identities" (
    "telegram_user_id" TEXT NOT NULL,
    "chat_id" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "phone" TEXT,
    "verified" BOOLEAN NOT NULL,

    CONSTRAINT "telegram_identities_pkey" PRIMARY KEY ("telegram_user_id")
);

-- CreateTable
CREATE TABLE "verification_requests" (
    "id" TEXT NOT NULL,
    "telegram_user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "building" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "unit_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "decided_by" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL,
    "decided_at" TIMESTAMP(3),

    CONSTRAINT "verification_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tickets" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "photos" TEXT NOT NULL,
    "unit_id" TEXT NOT NULL,
    "public_area" TEXT,
    "reporter_id" TEXT NOT NULL,
    "reporter_telegram_id" TEXT,
    "preferred_time" TEXT NOT NULL,
    "appointment_at" TIMESTAMP(3),
    "owner_time_request" TEXT,
    "assignee_id" TEXT,
    "team" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "billing" TEXT NOT NULL,
    "owner_fixed_answer" TEXT,
    "cancel_reason" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "completed_at" TIMESTAMP(3),
    "leak_test_at" TIMESTAMP(3),
    "closed_at" TIMESTAMP(3),
    "version" INTEGER NOT NULL,

    CONSTRAINT "tickets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ticket_events" (
    "seq" SERIAL NOT NULL,
    "id" TEXT NOT NULL,
    "ticket_id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "type" TEXT NOT NULL,
    "from_status" TEXT,
    "to_status" TEXT,
    "data" TEXT NOT NULL,

    CONSTRAINT "ticket_events_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "sequences" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "sequences_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "clocks" (
    "id" TEXT NOT NULL,
    "ticket_id" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "due_at" TIMESTAMP(3) NOT NULL,
    "breach_at" TIMESTAMP(3),
    "stopped_at" TIMESTAMP(3),
    "escalated_at" TIMESTAMP(3),
    "data" TEXT NOT NULL,

    CONSTRAINT "clocks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "callbacks" (
    "id" TEXT NOT NULL,
    "ticket_id" TEXT NOT NULL,
    "due_at" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "outcome" TEXT,
    "recorded_by" TEXT,
    "recorded_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "callbacks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "jobs" (
    "id" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "run_at" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "lease_until" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_messages" (
    "seq" SERIAL NOT NULL,
    "id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "ref_key" TEXT,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "not_before" TIMESTAMP(3) NOT NULL,
    "lease_until" TIMESTAMP(3),
    "platform_message_id" TEXT,
    "last_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "outbox_messages_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "message_refs" (
    "key" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,

    CONSTRAINT "message_refs_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "processed_updates" (
    "source" TEXT NOT NULL,
    "update_id" TEXT NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "processed_updates_pkey" PRIMARY KEY ("source","update_id")
);

-- CreateTable
CREATE TABLE "key_values" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "key_values_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "units_building_unit_key" ON "units"("building", "unit");

-- CreateIndex
CREATE INDEX "residents_phone_idx" ON "residents"("phone");

-- CreateIndex
CREATE UNIQUE INDEX "residents_unit_id_phone_key" ON "residents"("unit_id", "phone");

-- CreateIndex
CREATE UNIQUE INDEX "staff_members_slack_user_id_key" ON "staff_members"("slack_user_id");

-- CreateIndex
CREATE INDEX "staff_members_team_role_name_idx" ON "staff_members"("team", "role", "name");

-- CreateIndex
CREATE INDEX "verification_requests_telegram_user_id_status_idx" ON "verification_requests"("telegram_user_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "tickets_number_key" ON "tickets"("number");

-- CreateIndex
CREATE INDEX "tickets_reporter_id_created_at_idx" ON "tickets"("reporter_id", "created_at");

-- CreateIndex
CREATE INDEX "tickets_status_idx" ON "tickets"("status");

-- CreateIndex
CREATE UNIQUE INDEX "ticket_events_id_key" ON "ticket_events"("id");

-- CreateIndex
CREATE INDEX "ticket_events_ticket_id_at_seq_idx" ON "ticket_events"("ticket_id", "at", "seq");

-- CreateIndex
CREATE INDEX "clocks_ticket_id_stopped_at_idx" ON "clocks"("ticket_id", "stopped_at");

-- CreateIndex
CREATE INDEX "callbacks_ticket_id_created_at_idx" ON "callbacks"("ticket_id", "created_at");

-- CreateIndex
CREATE INDEX "jobs_status_run_at_idx" ON "jobs"("status", "run_at");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_messages_id_key" ON "outbox_messages"("id");

-- CreateIndex
CREATE INDEX "outbox_messages_channel_status_not_before_idx" ON "outbox_messages"("channel", "status", "not_before");


import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseKind } from "../../../src/adapters/persistence/database.js";
import { defaultMigrationsDir } from "../../../src/adapters/persistence/migrate.js";
import { openTestDatabase, postgresSkipReason, postgresTestUrl, type TestDatabase } from "../../support/databases.js";

/** The migration that turned tickets into cases; the database is made with everything before it. */
const casesMigration = "20261201095153_cases";

const at = (iso: string) => new Date(iso);
const ticketId = "4f7c2a8e-0000-4000-8000-000000000001";
const callbackId = "4f7c2a8e-0000-4000-8000-0000000000cb";
const clockId = "4f7c2a8e-0000-4000-8000-00000000c10c";

/** A folder with the migrations that came before `casesMigration`, as a database made last week has them. */
async function previousMigrations(kind: DatabaseKind): Promise<string> {
  const from = defaultMigrationsDir[kind];
  const dir = await mkdtemp(path.join(os.tmpdir(), `frontdesk-previous-${kind}-`));
  for (const entry of await readdir(from)) {
    if (entry === "migration_lock.toml" || entry < casesMigration) await cp(path.join(from, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
}

type Exec = (sql: string, params: unknown[]) => Promise<void>;

/** Raw statements in the previous schema's tables and columns, as the released version wrote them. */
async function withRawConnection(test: TestDatabase, work: (exec: Exec) => Promise<void>): Promise<void> {
  if (test.kind === "sqlite") {
    const db = new BetterSqlite3(test.url.replace(/^file:/, ""));
    // Prisma writes SQLite instants as ISO text with an explicit offset.
    const value = (v: unknown) => (v instanceof Date ? v.toISOString().replace("Z", "+00:00") : v);
    try {
      await work(async (sql, params) => void db.prepare(sql).run(...params.map(value)));
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: postgresTestUrl, options: `-c search_path="${test.schema}"` });
  await client.connect();
  try {
    let n = 0;
    // TIMESTAMP(3) columns hold UTC without a zone, as Prisma writes them.
    const value = (v: unknown) => (v instanceof Date ? v.toISOString().replace("Z", "") : v);
    await work(async (sql, params) => void (await client.query(sql.replace(/\?/g, () => `$${++n}`), params.map(value)).then(() => (n = 0))));
  } finally {
    await client.end();
  }
}

async function fillPreviousSchema(exec: Exec): Promise<void> {
  await exec(
    `INSERT INTO "tickets" ("id", "number", "kind", "category", "description", "photos", "unit_id", "public_area", "reporter_id", "reporter_telegram_id",
      "preferred_time", "appointment_at", "owner_time_request", "assignee_id", "team", "status", "billing", "owner_fixed_answer", "cancel_reason",
      "created_at", "updated_at", "completed_at", "leak_test_at", "closed_at", "version")
     VALUES (?, 'R-2026-000007', 'repair', 'water_leak', 'Ceiling drips', '["p1","p2"]', 'unit-1', NULL, 'resident-1', '7001',
      'Tomorrow morning', ?, NULL, 'staff-1', 'maintenance', 'awaiting_callback', 'paid', 'yes', NULL, ?, ?, ?, ?, NULL, 6)`,
    [ticketId, at("2026-11-28T02:00:00Z"), at("2026-11-27T02:00:00Z"), at("2026-11-29T03:00:00Z"), at("2026-11-28T04:00:00Z"), at("2026-11-29T03:00:00Z")],
  );
  for (const [seq, type, when] of [[1, "reported", "2026-11-27T02:00:00Z"], [2, "claim", "2026-11-27T03:00:00Z"], [3, "leak_test_passed", "2026-11-29T03:00:00Z"]] as const) {
    await exec(
      `INSERT INTO "ticket_events" ("seq", "id", "ticket_id", "at", "actor_type", "actor_id", "type", "from_status", "to_status", "data") VALUES (?, ?, ?, ?, 'system', NULL, ?, NULL, 'new', '{"n":1}')`,
      [seq, `event-${seq}`, ticketId, at(when), type],
    );
  }
  await exec(
    `INSERT INTO "clocks" ("id", "ticket_id", "rule", "started_at", "due_at", "breach_at", "stopped_at", "escalated_at", "data") VALUES (?, ?, 'repair.callback.leak', ?, ?, ?, NULL, NULL, ?)`,
    [clockId, ticketId, at("2026-11-29T03:00:00Z"), at("2026-12-02T03:00:00Z"), at("2026-12-02T04:00:00Z"), JSON.stringify({ callbackId, attempt: 1 })],
  );
  await exec(
    `INSERT INTO "callbacks" ("id", "ticket_id", "due_at", "status", "attempts", "outcome", "recorded_by", "recorded_at", "created_at") VALUES (?, ?, ?, 'prompted', 0, NULL, NULL, NULL, ?)`,
    [callbackId, ticketId, at("2026-12-02T03:00:00Z"), at("2026-11-29T03:00:00Z")],
  );
  await exec(`INSERT INTO "jobs" ("id", "payload", "run_at", "status", "attempts") VALUES ('job-1', ?, ?, 'pending', 0)`, [
    JSON.stringify({ type: "clock.breach", clockId }),
    at("2026-12-02T04:00:00Z"),
  ]);
  const outbox: [string, string, string, object, string | null, string][] = [
    ["m-card", "slack", "slack:maintenance", { type: "staff.ticket-card", team: "maintenance", ticketId }, `ticket-card:${ticketId}`, "sent"],
    ["m-prompt", "slack", "slack:frontdesk", { type: "staff.callback-prompt", ticketId, callbackId, attempt: 1 }, `callback-prompt:${callbackId}:1`, "pending"],
    ["m-alert", "slack", "slack:frontdesk", { type: "staff.alert", team: "frontdesk", key: "alerts.callback_overdue", params: { number: "R-2026-000007" }, mentions: ["UFRONTL"], ticketId }, null, "dead"],
    ["m-verify", "slack", "slack:frontdesk", { type: "staff.verification-card", verificationId: "v-1" }, "verification-card:v-1", "pending"],
    [
      "m-notice",
      "telegram",
      "telegram:7001",
      {
        type: "owner.notice",
        chatId: "7001",
        locale: "zh-CN",
        key: "repair.time_proposed",
        params: { number: "R-2026-000007" },
        actions: [
          { type: "appointment.confirm", ticketId, proposedAt: "2026-11-28T02:00:00.000Z" },
          { type: "fixed.no", ticketId },
        ],
      },
      null,
      "pending",
    ],
  ];
  for (const [id, channel, recipient, payload, refKey, status] of outbox) {
    await exec(
      `INSERT INTO "outbox_messages" ("id", "channel", "recipient", "payload", "ref_key", "status", "attempts", "not_before", "created_at") VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)`,
      [id, channel, recipient, JSON.stringify(payload), refKey, status, at("1970-01-01T00:00:00Z"), at("2026-11-29T03:00:00Z")],
    );
  }
  await exec(`INSERT INTO "message_refs" ("key", "channel", "message_id") VALUES (?, 'C1', '1700000000.000100')`, [`ticket-card:${ticketId}`]);
  await exec(`INSERT INTO "message_refs" ("key", "channel", "message_id") VALUES (?, 'C1', '1700000000.000200')`, [`callback-prompt:${callbackId}:1`]);
}

function migrationSuite(kind: DatabaseKind) {
  let test: TestDatabase | null = null;
  let previous: string | null = null;
  afterEach(async () => {
    await test?.cleanup();
    if (previous) await rm(previous, { recursive: true, force: true });
    test = previous = null;
  });

  it("a database made with the ticket schema keeps every repair, event, clock, callback, job, outbox row and card reference", async () => {
    test = await openTestDatabase(kind, { migrate: false });
    previous = await previousMigrations(kind);
    const old = await openDatabase(test.url, { ...(test.schema ? { schema: test.schema } : {}), migrationsDir: previous });
    await old.migrate();
    await old.close();
    await withRawConnection(test, fillPreviousSchema);

    expect(await test.database.migrate()).toContain(casesMigration);

    const read = await test.database.unitOfWork.transaction(async (store) => ({
      repair: await store.cases.findByNumber("R-2026-000007"),
      events: await store.cases.listEvents(ticketId),
      clock: await store.clocks.findById(clockId),
      callback: await store.callbacks.findOpenByCase(ticketId),
      jobs: await store.jobs.listPending(null, 10),
      card: await store.outbox.findById("m-card"),
      prompt: await store.outbox.findById("m-prompt"),
      alert: await store.outbox.findById("m-alert"),
      verification: await store.outbox.findById("m-verify"),
      notice: await store.outbox.findById("m-notice"),
      cardRef: await store.messageRefs.get(`case-card:${ticketId}`),
      promptRef: await store.messageRefs.get(`prompt:callback:${callbackId}:1`),
    }));
    expect(read.repair).toEqual({
      id: ticketId,
      number: "R-2026-000007",
      kind: "repair",
      status: "awaiting_callback",
      team: "maintenance",
      unitId: "unit-1",
      reporterId: "resident-1",
      reporterUserId: "7001",
      assigneeId: "staff-1",
      linkedCaseId: null,
      cancelReason: null,
      createdAt: at("2026-11-27T02:00:00Z"),
      updatedAt: at("2026-11-29T03:00:00Z"),
      closedAt: null,
      version: 6,
      details: {
        category: "water_leak",
        description: "Ceiling drips",
        photos: ["p1", "p2"],
        publicArea: null,
        preferredTime: "Tomorrow morning",
        appointmentAt: at("2026-11-28T02:00:00Z"),
        ownerTimeRequest: null,
        billing: "paid",
        ownerFixedAnswer: "yes",
        completedAt: at("2026-11-28T04:00:00Z"),
        leakTestAt: at("2026-11-29T03:00:00Z"),
        // Repairs from before the intake channel was kept all came through the bot.
        intakeChannel: "telegram",
        // Repairs from before a paid repair's items were kept have none: the column's default.
        chargeLines: [],
      },
    });
    expect(read.events.map((event) => [event.type, event.caseId])).toEqual([["reported", ticketId], ["claim", ticketId], ["leak_test_passed", ticketId]]);
    expect(read.clock).toMatchObject({ caseId: ticketId, rule: "repair.callback.leak", subject: { type: "callback", id: callbackId }, data: { attempt: 1 } });
    expect(read.callback).toMatchObject({ id: callbackId, caseId: ticketId, status: "prompted" });
    expect(read.jobs.map((job) => job.payload)).toEqual([{ type: "clock.breach", clockId }]);
    expect(read.card).toMatchObject({ status: "sent", refKey: `case-card:${ticketId}`, payload: { type: "staff.case-card", team: "maintenance", caseId: ticketId } });
    expect(read.prompt).toMatchObject({
      refKey: `prompt:callback:${callbackId}:1`,
      payload: { type: "staff.case-prompt", team: "frontdesk", caseId: ticketId, prompt: "callback", subjectId: callbackId, attempt: 1 },
    });
    expect(read.alert?.payload).toEqual({ type: "staff.alert", team: "frontdesk", key: "alerts.callback_overdue", params: { number: "R-2026-000007" }, mentions: ["UFRONTL"], caseId: ticketId });
    expect(read.verification?.payload).toEqual({ type: "staff.verification-card", team: "frontdesk", verificationId: "v-1" });
    expect(read.notice?.payload).toMatchObject({
      type: "owner.notice",
      buttons: [
        { kind: "repair", action: "appointment.confirm", caseId: ticketId, arg: "2026-11-28T02:00:00.000Z" },
        { kind: "repair", action: "fixed.no", caseId: ticketId },
      ],
    });
    expect(read.notice?.payload).not.toHaveProperty("actions");
    expect(read.cardRef).toEqual({ channel: "C1", messageId: "1700000000.000100" });
    expect(read.promptRef).toEqual({ channel: "C1", messageId: "1700000000.000200" });

    // The history goes on after the copied rows: a new event sorts after them at the same instant.
    await test.database.unitOfWork.transaction((store) =>
      store.cases.appendEvent({ id: "event-4", caseId: ticketId, at: at("2026-11-29T03:00:00Z"), actor: { type: "system" }, type: "callback_prompted", fromStatus: null, toStatus: null, data: {} }),
    );
    const after = await test.database.unitOfWork.transaction((store) => store.cases.listEvents(ticketId));
    expect(after.map((event) => event.type)).toEqual(["reported", "claim", "leak_test_passed", "callback_prompted"]);
  });
}

describe("the cases migration: SQLite", () => migrationSuite("sqlite"));

describe.skipIf(!postgresTestUrl)(postgresTestUrl ? "the cases migration: PostgreSQL" : `the cases migration: PostgreSQL SKIPPED: ${postgresSkipReason}`, () =>
  migrationSuite("postgresql"),
);

/**
 * How the outbox claim scales with the sent rows it must never look at: `npm run bench:outbox-claim`.
 *
 * Per database (a temp SQLite file; PostgreSQL in a fresh schema of TEST_DATABASE_URL, dropped
 * after), two databases migrated with the project's own migrations, holding N = 1,000 and
 * N = 300,000 sent messages, then the same few hundred pending messages across recipients (newest,
 * as in production: everything older has been delivered). It times the repository's real `claim`
 * in a transaction of its own, as the worker runs it, alternating between the two databases so
 * noise on this shared machine hits both alike, and hands every claimed message back afterwards
 * (untimed) so each run sees the same queue.
 *
 * Goals: claim(300k) / claim(1k) at most 2 (the claim does not scan sent rows), and on SQLite
 * under 50 ms at 300k (the claim holds the only writer lock).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { openDatabase, type Database, type DatabaseKind } from "../src/adapters/persistence/database.js";
import type { OutboxChannel, OutboxPayload } from "../src/core/domain/outbox.js";
import type { Team } from "../src/core/domain/registry.js";

const SMALL = 1_000;
const LARGE = 300_000;
const RUNS = 15;
const WARMUP = 3;
const BATCH = 20; // the outbox worker's batch size
const MAX_RATIO = 2;
const SQLITE_BUDGET_MS = 50;

const teams: Team[] = ["frontdesk", "maintenance", "cleaning", "greening", "security", "manager"];
/** Sent history: 4 in 5 to one of 1,000 owners' chats, the rest to the six team channels. */
const SENT_CHATS = 1_000;
/** Pending: 120 chats with 2 messages each (so half wait behind their head) and 10 per team. */
const PENDING_CHATS = 120;
const PENDING_PER_TEAM = 10;

const ownerNotice = (chatId: string): OutboxPayload => ({
  type: "owner.notice",
  chatId,
  locale: "zh-CN",
  key: "repair.received",
  params: { number: "R-2026-000001" },
  buttons: [],
});

interface Subject {
  database: Database;
  close(): Promise<void>;
}

/** Loads `sent` sent messages with one statement, then the pending ones through the port. */
async function load(subject: Subject, insertSent: () => Promise<void>): Promise<void> {
  await insertSent();
  await subject.database.unitOfWork.transaction(async (store) => {
    const createdAt = new Date();
    for (let chat = 0; chat < PENDING_CHATS; chat++) {
      for (let k = 0; k < 2; k++) await store.outbox.enqueue({ id: randomUUID(), createdAt, payload: ownerNotice(String(7000 + chat * 7)) });
    }
    for (const team of teams) {
      for (let k = 0; k < PENDING_PER_TEAM; k++) {
        await store.outbox.enqueue({ id: randomUUID(), createdAt, payload: { type: "staff.case-card", team, caseId: randomUUID() } });
      }
    }
  });
}

/** The SELECT that generates sent row number `n` (1-based) as channel, recipient, payload. */
const sentRowSql = (n: string, concat: (...parts: string[]) => string) => `
  CASE WHEN ${n} % 5 = 0 THEN 'slack' ELSE 'telegram' END,
  CASE WHEN ${n} % 5 = 0 THEN ${concat("'slack:'", teamOf(n))} ELSE ${concat("'telegram:'", chatOf(n))} END,
  CASE WHEN ${n} % 5 = 0
    THEN ${concat(`'{"type":"staff.case-card","team":"'`, teamOf(n), `'","caseId":"t'`, `${n}`, `'"}'`)}
    ELSE ${concat(`'{"type":"owner.notice","chatId":"'`, chatOf(n), `'","locale":"zh-CN","key":"repair.received","params":{},"buttons":[]}'`)}
  END`;
const chatOf = (n: string) => `(7000 + (${n} % ${SENT_CHATS}) * 7)`;
const teamOf = (n: string) => `(CASE (${n} / 5) % 6 ${teams.map((team, i) => `WHEN ${i} THEN '${team}'`).join(" ")} END)`;

async function sqliteSubject(sent: number): Promise<Subject> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "frontdesk-bench-"));
  const file = path.join(dir, "bench.db");
  const database = await openDatabase(`file:${file}`);
  await database.migrate();
  const subject = {
    database,
    async close() {
      await database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await load(subject, async () => {
    const db = new BetterSqlite3(file);
    try {
      // Instants as Prisma writes them on SQLite (ISO 8601 with an offset).
      const at = new Date(Date.now() - 86_400_000).toISOString().replace("Z", "+00:00");
      db.exec(`
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${sent})
        INSERT INTO "outbox_messages" ("id", "channel", "recipient", "payload", "status", "attempts", "not_before", "platform_message_id", "created_at")
        SELECT 'sent-' || i, ${sentRowSql("i", (...parts) => parts.join(" || "))}, 'sent', 0, '${at}', 'm' || i, '${at}' FROM n`);
    } finally {
      db.close();
    }
  });
  return subject;
}

async function postgresSubject(url: string, sent: number): Promise<Subject> {
  const schema = `bench_${randomBytes(6).toString("hex")}`;
  const database = await openDatabase(url, { schema });
  const admin = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await admin.connect();
  const subject = {
    database,
    async close() {
      await database.close();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    },
  };
  try {
    await database.migrate();
    await load(subject, async () => {
      await admin.query(`
        INSERT INTO "outbox_messages" ("id", "channel", "recipient", "payload", "status", "attempts", "not_before", "platform_message_id", "created_at")
        SELECT 'sent-' || i, ${sentRowSql("i", (...parts) => `(${parts.join(" || ")})`)}, 'sent', 0, now() - interval '1 day', 'm' || i, now() - interval '1 day'
        FROM generate_series(1, ${sent}) AS i`);
    });
    // What autovacuum does after a bulk load; without it the first plans would rest on guesses.
    await admin.query(`ANALYZE "outbox_messages"`);
  } catch (error) {
    await subject.close();
    throw error;
  }
  return subject;
}

/** One timed claim of `channel` (its own transaction), then every claimed message handed back. */
async function timeClaim(subject: Subject, channel: OutboxChannel): Promise<number> {
  const now = new Date();
  const started = process.hrtime.bigint();
  const claimed = await subject.database.unitOfWork.transaction((store) => store.outbox.claim(channel, now, BATCH, new Date(now.getTime() + 60_000)));
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  const expected = channel === "telegram" ? Math.min(BATCH, PENDING_CHATS) : Math.min(BATCH, teams.length);
  if (claimed.length !== expected) throw new Error(`expected to claim ${expected} ${channel} messages (one per recipient), got ${claimed.length}`);
  await subject.database.unitOfWork.transaction(async (store) => {
    for (const message of claimed) await store.outbox.retry(message.id, new Date(0), "bench", false);
  });
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function bench(kind: DatabaseKind, open: (sent: number) => Promise<Subject>): Promise<boolean> {
  const loadStarted = Date.now();
  const small = await open(SMALL);
  let large: Subject | undefined;
  try {
    large = await open(LARGE);
    console.log(`${kind}: loaded ${SMALL.toLocaleString("en")} and ${LARGE.toLocaleString("en")} sent rows in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`);
    let pass = true;
    for (const channel of ["telegram", "slack"] as const) {
      const times = { small: [] as number[], large: [] as number[] };
      for (let run = 0; run < WARMUP + RUNS; run++) {
        // Alternate which goes first, so neither always runs on a warmer machine.
        const order = run % 2 ? (["large", "small"] as const) : (["small", "large"] as const);
        for (const which of order) {
          const ms = await timeClaim(which === "small" ? small : large, channel);
          if (run >= WARMUP) times[which].push(ms);
        }
      }
      const a = median(times.small);
      const b = median(times.large);
      const ratio = b / a;
      const withinRatio = ratio <= MAX_RATIO;
      const withinBudget = kind !== "sqlite" || b < SQLITE_BUDGET_MS;
      pass &&= withinRatio && withinBudget;
      console.log(
        `  ${channel.padEnd(8)} claim(1k) ${a.toFixed(2).padStart(8)} ms   claim(300k) ${b.toFixed(2).padStart(8)} ms   ` +
          `ratio ${ratio.toFixed(2)} (goal <= ${MAX_RATIO}) ${withinRatio ? "PASS" : "FAIL"}` +
          (kind === "sqlite" ? `   300k under ${SQLITE_BUDGET_MS} ms ${withinBudget ? "PASS" : "FAIL"}` : ""),
      );
    }
    return pass;
  } finally {
    await large?.close();
    await small.close();
  }
}

console.log(`outbox claim of up to ${BATCH} messages (one per recipient), median of ${RUNS} runs after ${WARMUP} warm-up runs, same pending queue at both sizes`);
console.log(`goals: claim(300k sent) / claim(1k sent) <= ${MAX_RATIO} on each database; SQLite claim(300k) under ${SQLITE_BUDGET_MS} ms`);
let ok = await bench("sqlite", sqliteSubject);
const postgresUrl = process.env.TEST_DATABASE_URL || undefined;
if (postgresUrl) {
  ok = (await bench("postgresql", (sent) => postgresSubject(postgresUrl, sent))) && ok;
} else {
  console.log("postgresql: SKIPPED, set TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test to run");
}
console.log(ok ? "overall PASS" : "overall FAIL");
process.exitCode = ok ? 0 : 1;

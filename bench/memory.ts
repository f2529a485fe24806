/**
 * What the running product holds in memory on a large property: `npm run bench:memory`.
 *
 * Per database (a temp SQLite file; PostgreSQL in a fresh schema of TEST_DATABASE_URL, dropped
 * after), two databases: the baseline, holding only the bench's own people (200 verified owners,
 * two staff members, an owner with 2,000 repairs, one new repair whose card staff click), and the
 * large one, holding the same plus 100,000 households and 1,000,000 cases (bench/support/
 * households.ts) and 100,000 sent messages and 100,000 finished jobs past retention. On each, the
 * real product runs as `npm start` runs it (built into `build/`, started by `node` with the V8
 * flags of package.json's start script: Telegram in webhook mode, Bolt, the outbox worker, the
 * scheduler ticking every minute), in a process of its own against the fake Telegram and Slack
 * servers of this process. This process drives it over HTTP as the platforms would: each owner's
 * /start, a free text and /fees, the busy owner's /mine, a staff member's claim on the card, then
 * the nightly housekeeping, made due and run at the scheduler's next tick. After each step it
 * reads the product's peak resident memory (VmHWM in /proc: Linux only) and its current one.
 *
 * Goals: peak RSS on the large property at most 200 MB; large / baseline printed beside it (the
 * memory that grows with the data).
 */
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import type { DatabaseKind } from "../src/adapters/persistence/database.js";
import { pruneTaskId } from "../src/core/use-cases/system-tasks.js";
import { blockActionPayload, commandUpdate, postToBolt, startFakeSlack, startFakeTelegram, textMessageUpdate } from "../src/testing/index.js";
import type { FakeSlack, FakeTelegram } from "../src/testing/index.js";
import { startAsNpmStart } from "./support/as-npm-start.js";
import { buildPostgres, buildSqlite, CASES, HOUSEHOLDS, householdsAndCases, postgres, sqlite, type Built, type Dialect } from "./support/households.js";

const MAX_RSS_MB = 200;
/** Owners with a verified Telegram identity, each sending /start, a free text and /fees. */
const OWNERS = 200;
/** The owner whose /mine is read: more cases than any real household. */
const BUSY_OWNER_CASES = 2_000;
/** Sent messages and finished jobs older than the retention, for the housekeeping to delete. */
const EXPIRED = 100_000;
const TELEGRAM_TOKEN = "123456:bench-token";
const WEBHOOK_SECRET = "bench-webhook-secret";
const SIGNING_SECRET = "bench-signing-secret";
const SLACK_TOKEN = "xoxb-bench";
const STAFF_CHANNEL = "CSTAFF";
const TECH = "UMAINT1";
const BUSY_OWNER_USER = 800_001;
const ownerUser = (n: number) => 900_000 + n;

/** The bench's own people and cases, valid for every screen (unlike the bulk cases' placeholders). */
function people(d: Dialect, withHouseholds: boolean): string[] {
  const [withOwners, fromOwners] = d.series(OWNERS);
  const [withBusy, fromBusy] = d.series(BUSY_OWNER_CASES);
  const statements = [
    `INSERT INTO "units" ("id", "building", "unit", "area_m2", "handover_date", "warranty_months") VALUES ('u-busy', '200', '101', 120, '2020-01-01', 24)`,
    `INSERT INTO "residents" ("id", "unit_id", "name", "phone", "locale", "role", "source") VALUES ('p-busy', 'u-busy', 'Busy Owner', '+8613800009999', 'zh-CN', 'owner', 'registry')`,
    `INSERT INTO "staff_members" ("id", "slack_user_id", "name", "team", "role") VALUES ('s1', '${TECH}', 'Zhang Wei', 'maintenance', 'member'), ('s2', 'UFRONT1', 'Lily Chen', 'frontdesk', 'leader')`,
    `${withOwners} INSERT INTO "telegram_identities" ("telegram_user_id", "chat_id", "locale", "display_name", "phone", "verified")
      SELECT CAST(${ownerUser(0)} + n AS TEXT), CAST(${ownerUser(0)} + n AS TEXT), 'zh-CN', ${d.concat("'Owner '", "CAST(n AS TEXT)")}, ${d.concat("'+86139'", "CAST(10000000 + n AS TEXT)")}, ${d.no === "0" ? "1" : "true"} FROM ${fromOwners}`,
    `INSERT INTO "telegram_identities" ("telegram_user_id", "chat_id", "locale", "display_name", "phone", "verified")
      VALUES ('${BUSY_OWNER_USER}', '${BUSY_OWNER_USER}', 'zh-CN', 'Busy Owner', '+8613800009999', ${d.no === "0" ? "1" : "true"})`,
    `${withBusy} INSERT INTO "cases" ("id", "number", "kind", "status", "team", "unit_id", "reporter_id", "created_at", "updated_at", "closed_at", "version")
      SELECT ${d.concat("'busy-'", "CAST(n AS TEXT)")}, ${d.concat("'R-2025-'", "CAST(900000 + n AS TEXT)")}, 'repair', 'closed', 'maintenance', 'u-busy', 'p-busy',
        ${d.at("n * 3600")}, ${d.at("n * 3600 + 7200")}, ${d.at("n * 3600 + 7200")}, 3 FROM ${fromBusy}`,
    `${withBusy} INSERT INTO "repair_details" ("case_id", "category", "description", "photos", "preferred_time", "billing", "intake_channel")
      SELECT ${d.concat("'busy-'", "CAST(n AS TEXT)")}, 'plumbing', 'tap drips', '[]', 'anytime', 'warranty', 'telegram' FROM ${fromBusy}`,
    `INSERT INTO "cases" ("id", "number", "kind", "status", "team", "unit_id", "reporter_id", "created_at", "updated_at", "version")
      VALUES ('card-1', 'R-2026-900001', 'repair', 'new', 'maintenance', 'u-busy', 'p-busy', ${d.at("60000000")}, ${d.at("60000000")}, 1)`,
    `INSERT INTO "repair_details" ("case_id", "category", "description", "photos", "preferred_time", "billing", "intake_channel")
      VALUES ('card-1', 'water_leak', 'ceiling wet', '[]', 'anytime', 'warranty', 'telegram')`,
  ];
  if (!withHouseholds) {
    // The owners' households, which the bulk load holds on the large property (u0.., p0..).
    statements.push(
      `${withOwners} INSERT INTO "units" ("id", "building", "unit", "area_m2", "handover_date", "warranty_months")
        SELECT ${d.concat("'u'", "CAST(n AS TEXT)")}, CAST(n / 1000 + 1 AS TEXT), CAST(n % 1000 + 101 AS TEXT), 89.5, '2020-01-01', 24 FROM ${fromOwners}`,
      `${withOwners} INSERT INTO "residents" ("id", "unit_id", "name", "phone", "locale", "role", "source")
        SELECT ${d.concat("'p'", "CAST(n AS TEXT)")}, ${d.concat("'u'", "CAST(n AS TEXT)")}, ${d.concat("'Owner '", "CAST(n AS TEXT)")}, ${d.concat("'+86139'", "CAST(10000000 + n AS TEXT)")}, 'zh-CN', 'owner', 'registry' FROM ${fromOwners}`,
    );
  }
  return statements;
}

/** Sent messages and finished jobs from 2025 (long past the 90 days kept), for the housekeeping. */
function expired(d: Dialect): string[] {
  const [withRows, fromRows] = d.series(EXPIRED);
  return [
    `${withRows} INSERT INTO "outbox_messages" ("id", "channel", "recipient", "payload", "status", "attempts", "not_before", "platform_message_id", "created_at")
      SELECT ${d.concat("'old-'", "CAST(n AS TEXT)")}, 'telegram', ${d.concat("'telegram:'", "CAST(n % 5000 AS TEXT)")},
        ${d.concat(`'{"type":"owner.notice","chatId":"'`, "CAST(n % 5000 AS TEXT)", `'","locale":"zh-CN","key":"repair.received","params":{},"buttons":[]}'`)},
        'sent', 1, ${d.at("n * 60")}, ${d.concat("'m'", "CAST(n AS TEXT)")}, ${d.at("n * 60")} FROM ${fromRows}`,
    `${withRows} INSERT INTO "jobs" ("id", "payload", "run_at", "status", "attempts")
      SELECT ${d.concat("'old-job-'", "CAST(n AS TEXT)")}, ${d.concat(`'{"type":"clock.due","clockId":"k'`, "CAST(n AS TEXT)", `'"}'`)}, ${d.at("n * 60")}, 'done', 0 FROM ${fromRows}`,
  ];
}

/** The environment the child runs the product with: the live configuration against this process's fakes. */
function productEnv(built: Built, telegram: FakeTelegram, slack: FakeSlack): Record<string, string> {
  const databaseUrl = built.schema === undefined ? built.url : `${built.url}${built.url.includes("?") ? "&" : "?"}schema=${built.schema}`;
  return {
    DATABASE_URL: databaseUrl,
    TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_MODE: "webhook",
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    SLACK_BOT_TOKEN: SLACK_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    SLACK_STAFF_CHANNEL: STAFF_CHANNEL,
    SLACK_BOT_ID: "B0BENCH",
    SLACK_BOT_USER_ID: "U0BENCHBOT",
    PORT: "0",
    STAFF_LOCALE: "en",
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "silent",
  };
}

async function postUpdate(url: string, update: object): Promise<void> {
  const response = await fetch(`${url}/telegram/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
    body: JSON.stringify(update),
  });
  if (response.status !== 200) throw new Error(`the webhook answered ${response.status}`);
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 300_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** SQL on the bench's database from this process (the product's own connections are the child's). */
async function sqlOn(built: Built, kind: DatabaseKind): Promise<{ run(sql: string): Promise<Array<Record<string, unknown>>>; close(): Promise<void> }> {
  if (kind === "sqlite") {
    const db = new BetterSqlite3(built.url.slice("file:".length), { timeout: 30_000 });
    return {
      run: async (sql) => (/^\s*select/i.test(sql) ? (db.prepare(sql).all() as Array<Record<string, unknown>>) : (db.prepare(sql).run(), [])),
      close: async () => void db.close(),
    };
  }
  const client = new pg.Client({ connectionString: built.url, options: `-c search_path=${built.schema ?? "public"}` });
  await client.connect();
  return { run: async (sql) => (await client.query(sql)).rows as Array<Record<string, unknown>>, close: () => client.end() };
}

interface Run {
  maxRssMb: number;
  seconds: number;
  /** Peak RSS so far and RSS after each step, in MB. */
  steps: Array<{ step: string; maxRssMb: number; rssMb: number }>;
}

/** Starts the product over `built`, drives the activity, and returns the child's peak memory. */
async function drive(kind: DatabaseKind, built: Built): Promise<Run> {
  const [telegram, slack] = await Promise.all([startFakeTelegram({ token: TELEGRAM_TOKEN }), startFakeSlack({ token: SLACK_TOKEN })]);
  const sql = await sqlOn(built, kind);
  const started = Date.now();
  const product = await startAsNpmStart(productEnv(built, telegram, slack), { showOutput: process.env.BENCH_LOG_LEVEL !== undefined });
  const { url } = product;
  try {
    const steps: Run["steps"] = [];
    const measure = (step: string) => {
      const memory = product.memory();
      steps.push({ step, maxRssMb: memory.peakMb, rssMb: memory.rssMb });
      return memory.peakMb;
    };
    measure("started");
    // Owners: /start, a free text, /fees; the replies go straight back to the fake Telegram.
    for (let n = 0; n < OWNERS; n++) {
      const user = { id: ownerUser(n), first_name: `Owner ${n}`, language_code: "zh" };
      await postUpdate(url, commandUpdate({ user, command: "start" }));
      await postUpdate(url, textMessageUpdate({ user, text: "请问物业费怎么交" }));
      await postUpdate(url, commandUpdate({ user, command: "fees" }));
    }
    measure("owners");
    await postUpdate(url, commandUpdate({ user: { id: BUSY_OWNER_USER, first_name: "Busy", language_code: "zh" }, command: "mine" }));
    await waitFor("the busy owner's /mine", () => telegram.chat(BUSY_OWNER_USER).some((message) => (message.text ?? "").includes("R-2025-")));
    measure("/mine");
    // A staff member claims the new repair from its card; the worker redraws the card.
    const claim = blockActionPayload({ user: TECH, channel: STAFF_CHANNEL, messageTs: "1700000000.000100", actionId: "ticket.claim", value: JSON.stringify({ ticketId: "card-1", version: 1 }) });
    const response = await postToBolt(`${url}/slack/events`, SIGNING_SECRET, claim);
    if (response.status !== 200) throw new Error(`Slack events answered ${response.status}`);
    await waitFor("the claim", async () => (await sql.run(`SELECT "status" FROM "cases" WHERE "id" = 'card-1'`))[0]?.status !== "new");
    measure("claim");
    // The nightly housekeeping, due now: the scheduler's next tick runs it.
    await sql.run(`UPDATE "jobs" SET "run_at" = ${kind === "sqlite" ? `'2025-01-01T00:00:00.000+00:00'` : `TIMESTAMP '2025-01-01 00:00:00'`} WHERE "status" = 'pending' AND "payload" LIKE '%"task":"${pruneTaskId}"%'`);
    await waitFor("the housekeeping", async () => (await sql.run(`SELECT COUNT(*) AS "left" FROM "outbox_messages" WHERE "id" LIKE 'old-%'`))[0]?.left == 0, 600_000);
    await waitFor("the outbox", async () => (await sql.run(`SELECT COUNT(*) AS "left" FROM "outbox_messages" WHERE "status" IN ('pending', 'sending')`))[0]?.left == 0);
    const peakMb = measure("housekeeping");
    const replies = telegram.callsOf("sendMessage").length;
    if (replies < OWNERS * 3) throw new Error(`the owners got ${replies} replies, expected at least ${OWNERS * 3}`);
    return { maxRssMb: peakMb, steps, seconds: (Date.now() - started) / 1000 };
  } finally {
    await product.stop();
    await sql.close();
    await Promise.all([telegram.close(), slack.close()]);
  }
}

const describeRun = (run: Run) =>
  `peak RSS ${run.maxRssMb.toFixed(0)} MB (${run.seconds.toFixed(0)} s; peak / RSS after ${run.steps.map((s) => `${s.step} ${s.maxRssMb.toFixed(0)}/${s.rssMb.toFixed(0)}`).join(", ")})`;

async function bench(kind: DatabaseKind, build: (statements: string[]) => Promise<Built>, d: Dialect): Promise<boolean> {
  const baseline = await build(people(d, false));
  let baseRun: Run;
  try {
    baseRun = await drive(kind, baseline);
  } finally {
    await baseline.drop();
  }
  console.log(`${kind}: baseline (the bench's own people)   ${describeRun(baseRun)}`);
  const large = await build([...householdsAndCases(d), ...people(d, true), ...expired(d)]);
  try {
    console.log(`${kind}: loaded ${HOUSEHOLDS.toLocaleString("en")} households, ${CASES.toLocaleString("en")} cases and ${(EXPIRED * 2).toLocaleString("en")} expired rows in ${large.loadSeconds.toFixed(1)} s`);
    const largeRun = await drive(kind, large);
    const ok = largeRun.maxRssMb <= MAX_RSS_MB;
    console.log(
      `${kind}: large property   ${describeRun(largeRun)}   ratio to the baseline ${(largeRun.maxRssMb / baseRun.maxRssMb).toFixed(2)}   ` +
        `peak RSS <= ${MAX_RSS_MB} MB ${ok ? "PASS" : "FAIL"}`,
    );
    return ok;
  } finally {
    await large.drop();
  }
}

console.log(`peak resident memory of the running product (as npm start runs it: webhook mode, scheduler ticking every minute) after ${OWNERS * 3} owners' updates, /mine, a card claim and the housekeeping`);
console.log(`goal: peak RSS over ${HOUSEHOLDS.toLocaleString("en")} households and ${CASES.toLocaleString("en")} cases <= ${MAX_RSS_MB} MB; baseline: the same over the bench's own people alone`);
// BENCH_DATABASES=postgresql runs one of the two (both by default).
const only = process.env.BENCH_DATABASES?.split(",");
let ok = only && !only.includes("sqlite") ? true : await bench("sqlite", buildSqlite, sqlite);
const postgresUrl = process.env.TEST_DATABASE_URL || undefined;
if (only && !only.includes("postgresql")) {
  // left out on purpose
} else if (postgresUrl) {
  ok = (await bench("postgresql", (statements) => buildPostgres(postgresUrl, statements), postgres)) && ok;
} else {
  console.log("postgresql: SKIPPED, set TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test to run");
}
console.log(ok ? "overall PASS" : "overall FAIL");
process.exitCode = ok ? 0 : 1;

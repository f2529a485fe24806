import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSlack, type FakeSlack } from "../../src/testing/fake-slack-server.js";
import { startFakeTelegram, type FakeTelegram, type TelegramCall } from "../../src/testing/fake-telegram-server.js";
import { connectSql, openTestDatabase, postgresSkipReason, postgresTestUrl, type SqlClient, type TestDatabase } from "../support/databases.js";

/**
 * Three instances of the product, each its own OS process, on one PostgreSQL database, against
 * the fake Telegram (enforcing Telegram's 30 messages a second) in this process. Due jobs each
 * queue one owner notice naming the job, so a job run twice shows as two notices; one instance,
 * the one delivering Telegram, is killed with SIGKILL mid-run.
 *
 * Always on: 900 jobs and messages (about 30 s of Telegram's rate). With
 * FRONTDESK_FULL_SCALE=1: 10,000 of each (about six minutes at 30 messages a second).
 */
const fullScale = process.env.FRONTDESK_FULL_SCALE === "1";
const jobCount = fullScale ? 10_000 : 900;
const chatCount = fullScale ? 400 : 60;
const instances = 3;
/** Telegram's pace, and how long the jobs' due instants are spread over, so both are under way at the kill. */
const perSecond = 30;
const dueSpreadMs = Math.round((jobCount / perSecond) * 800);
const noticeTask = "system.recorded-notice";

interface Instance {
  child: ChildProcess;
  pid: number;
  exited: Promise<void>;
}

async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs: number, what: string, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

function spawnInstance(env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/multi-instance-product.ts", JSON.stringify(env)], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      const started = /^started (\d+)$/.exec(line);
      if (started) resolve({ child, pid: Number(started[1]), exited });
    });
    child.once("exit", (code) => reject(new Error(`an instance exited before it started (code ${code})`)));
  });
}

const accepted = (call: TelegramCall) => call.method === "sendMessage" && call.response?.status === 200;
const jobIdIn = (text: unknown) => /job-\d+/.exec(String(text))?.[0] ?? null;

describe.skipIf(!postgresTestUrl)(
  postgresTestUrl ? `three instances on one PostgreSQL, one killed mid-run (${jobCount} jobs and messages)` : `three instances on one PostgreSQL SKIPPED: ${postgresSkipReason}`,
  () => {
    let db: TestDatabase;
    let sql: SqlClient;
    let telegram: FakeTelegram;
    let slack: FakeSlack;
    const running: Instance[] = [];

    beforeAll(async () => {
      db = await openTestDatabase("postgresql");
      sql = await connectSql(db);
      [telegram, slack] = await Promise.all([startFakeTelegram({ messagesPerSecond: perSecond }), startFakeSlack()]);
    });

    afterAll(async () => {
      for (const instance of running) instance.child.kill("SIGKILL");
      await Promise.all(running.map((instance) => instance.exited));
      await sql?.end();
      await Promise.all([telegram?.close(), slack?.close()]);
      await db?.cleanup();
    });

    it(
      "every job runs exactly once and every message reaches Telegram once, but for the one in flight at the kill, which is recorded; the others take over within 60 s and Telegram's limits hold for all instances together",
      async () => {
        const url = new URL(db.url);
        url.searchParams.set("schema", db.schema as string);
        const env = {
          DATABASE_URL: url.toString(),
          TELEGRAM_BOT_TOKEN: "123456:multi-token",
          TELEGRAM_API_ROOT: telegram.apiRoot,
          TELEGRAM_MODE: "webhook",
          TELEGRAM_WEBHOOK_SECRET: "multi-secret",
          SLACK_BOT_TOKEN: "xoxb-multi",
          SLACK_SIGNING_SECRET: "multi-signing-secret",
          SLACK_API_URL: slack.apiUrl,
          SLACK_STAFF_CHANNEL: "CSTAFF",
          SLACK_BOT_ID: "B0MULTI",
          SLACK_BOT_USER_ID: "U0MULTIBOT",
          PORT: "0",
          LOG_LEVEL: "silent",
        };
        running.push(...(await Promise.all(Array.from({ length: instances }, () => spawnInstance(env)))));

        // The jobs, due over the next stretch of time, each holding its transaction 5 ms.
        const seededAt = Date.now();
        await sql.query(
          `INSERT INTO "jobs" ("id", "payload", "run_at", "status", "attempts")
           SELECT 'job-' || n, json_build_object('type', 'task', 'task', $1::text, 'caseId', NULL, 'data', json_build_object('chat', (100000 + n % $2)::text, 'workMs', 5))::text,
                  to_timestamp(($3::bigint + n * $4::bigint / $5::bigint) / 1000.0), 'pending', 0
           FROM generate_series(1, $5::int) AS n`,
          [noticeTask, chatCount, seededAt, dueSpreadMs, jobCount],
        );

        // Kill the instance that delivers Telegram once a third is sent, while it holds job claims.
        const sentCount = () => telegram.calls.filter(accepted).length;
        await waitFor(async () => sentCount() >= jobCount / 3, fullScale ? 2_400_000 : 600_000, "a third of the messages", 200);
        const holderPid = async (): Promise<{ holder: string; pid: number }> => {
          const lease = await sql.query<{ holder: string }>(`SELECT "holder" FROM "sender_leases" WHERE "channel" = 'telegram'`);
          const holder = lease.rows[0]?.holder as string;
          const record = await sql.query<{ value: string }>(`SELECT "value" FROM "key_values" WHERE "key" = $1`, [`outbox:holder:${holder}`]);
          return { holder, pid: (JSON.parse(record.rows[0]?.value ?? "{}") as { pid: number }).pid };
        };
        const giveUpAt = Date.now() + 10_000;
        const target = await waitFor(
          async () => {
            const { holder, pid } = await holderPid();
            const claims = await sql.query<{ id: string }>(`SELECT "id" FROM "jobs" WHERE "status" = 'running' AND "lease_owner" = $1`, [holder]);
            return claims.rows.length > 0 || Date.now() > giveUpAt ? { holder, pid, claimed: claims.rows.map((row) => row.id) } : null;
          },
          20_000,
          "the Telegram holder with job claims",
          10,
        );
        const victim = running.find((instance) => instance.pid === target.pid);
        expect(victim, "the Telegram sender is one of the three instances").toBeDefined();
        victim!.child.kill("SIGKILL");
        const killedAt = Date.now();
        await victim!.exited;
        running.splice(running.indexOf(victim!), 1);

        // The survivors finish everything.
        const claimedDoneAt = await waitFor(
          async () => {
            if (target.claimed.length === 0) return Date.now();
            const left = await sql.query(`SELECT 1 FROM "jobs" WHERE "id" = ANY($1) AND "status" <> 'done'`, [target.claimed]);
            return left.rows.length === 0 ? Date.now() : null;
          },
          120_000,
          "the killed instance's claimed jobs",
        );
        await waitFor(
          async () => {
            const jobs = await sql.query(`SELECT 1 FROM "jobs" WHERE "id" LIKE 'job-%' AND "status" <> 'done' LIMIT 1`);
            const outbox = await sql.query(`SELECT 1 FROM "outbox_messages" WHERE "status" <> 'sent' LIMIT 1`);
            return jobs.rows.length === 0 && outbox.rows.length === 0;
          },
          fullScale ? 3_000_000 : 150_000,
          "every job done and every message sent",
          500,
        );
        const finishedMs = Date.now() - seededAt;

        // Every job ran exactly once: one notice row each, naming it.
        const rows = await sql.query<{ payload: string; taken_back: number; status: string }>(`SELECT "payload", "taken_back", "status" FROM "outbox_messages"`);
        const rowsByJob = new Map<string, { takenBack: number }[]>();
        for (const row of rows.rows) {
          const job = jobIdIn((JSON.parse(row.payload) as { params: { number: string } }).params.number);
          if (job) rowsByJob.set(job, [...(rowsByJob.get(job) ?? []), { takenBack: row.taken_back }]);
        }
        expect(rowsByJob.size).toBe(jobCount);
        expect([...rowsByJob.values()].filter((notices) => notices.length !== 1)).toEqual([]);
        const done = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "jobs" WHERE "id" LIKE 'job-%' AND "status" = 'done'`);
        expect(Number(done.rows[0]?.n)).toBe(jobCount);

        // Every message reached Telegram; a second copy only of one in flight at the kill, and its row says so.
        const sent = telegram.calls.filter(accepted);
        const copies = new Map<string, number>();
        for (const call of sent) {
          const job = jobIdIn(call.payload.text);
          if (job) copies.set(job, (copies.get(job) ?? 0) + 1);
        }
        expect(copies.size).toBe(jobCount);
        const duplicated = [...copies].filter(([, count]) => count > 1).map(([job]) => job);
        expect(duplicated.length).toBeLessThanOrEqual(1);
        for (const job of duplicated) expect(rowsByJob.get(job)?.[0]?.takenBack).toBeGreaterThan(0);

        // The others took over within 60 s: Telegram moved again, the dead instance's claimed jobs ran.
        const firstAfterKill = sent.find((call) => call.at > killedAt);
        expect(firstAfterKill).toBeDefined();
        expect(firstAfterKill!.at - killedAt).toBeLessThan(60_000);
        expect(claimedDoneAt - killedAt).toBeLessThan(60_000);

        // Telegram's limits held for all instances together: no 429, and 1 s between messages to a chat.
        const refused = telegram.calls.filter((call) => call.response?.status === 429);
        expect(refused).toHaveLength(0);
        const byChat = new Map<string, number[]>();
        for (const call of sent) byChat.set(String(call.payload.chat_id), [...(byChat.get(String(call.payload.chat_id)) ?? []), call.at]);
        let closest = Infinity;
        for (const times of byChat.values()) {
          times.sort((a, b) => a - b);
          for (let i = 1; i < times.length; i++) closest = Math.min(closest, (times[i] as number) - (times[i - 1] as number));
        }
        // Arrival times at the fake carry the network's jitter around the sender's 1,000 ms spacing.
        expect(closest).toBeGreaterThanOrEqual(900);

        console.info(
          JSON.stringify({ jobs: jobCount, sent: sent.length, duplicated: duplicated.length, takenOverMs: firstAfterKill!.at - killedAt, claimedJobs: target.claimed.length, claimedDoneMs: claimedDoneAt - killedAt, finishedMs, closestSameChatMs: closest }),
        );
      },
      fullScale ? 3_600_000 : 300_000,
    );
  },
);

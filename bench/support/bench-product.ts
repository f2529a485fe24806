/**
 * The product as `npm start` runs it in webhook mode (buildApp, HTTP, grammY, Bolt, the outbox
 * worker, a real database), with Telegram's and Slack's servers replaced by the project's fakes,
 * for the HTTP benches. Also: owners seeded as verified, a webhook POST with the secret, and the
 * machine line every bench prints.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Update } from "grammy/types";
import pg from "pg";
import { pino } from "pino";
import { buildApp, type BuildOptions, type FrontDesk } from "../../src/app/build-app.js";
import { loadConfig } from "../../src/config/config.js";
import type { DatabaseKind } from "../../src/adapters/persistence/database.js";
import { startFakeSlack, type FakeSlack } from "../../src/testing/fake-slack-server.js";
import { startFakeTelegram, type FakeTelegram } from "../../src/testing/fake-telegram-server.js";

export const webhookSecret = "bench-webhook-secret";
export const signingSecret = "bench-signing-secret";
export const staffChannel = "CSTAFF";
export const frontDeskChannel = "CFRONT";
export const maintenanceChannel = "CMAINT";
export const token = "123456:bench-token";

export interface BenchProduct {
  kind: DatabaseKind;
  app: FrontDesk;
  url: string;
  telegram: FakeTelegram;
  slack: FakeSlack;
  /** Stops the product and the fakes and deletes the database (file or schema). */
  close(): Promise<void>;
}

/** The databases to run: SQLite, and PostgreSQL when TEST_DATABASE_URL is set; BENCH_DATABASES narrows. */
export function benchDatabases(): { kind: DatabaseKind; skipped?: string }[] {
  const wanted = (process.env.BENCH_DATABASES ?? "sqlite,postgresql").split(",").map((name) => name.trim());
  const kinds: { kind: DatabaseKind; skipped?: string }[] = [];
  if (wanted.includes("sqlite")) kinds.push({ kind: "sqlite" });
  if (wanted.includes("postgresql")) {
    kinds.push(process.env.TEST_DATABASE_URL ? { kind: "postgresql" } : { kind: "postgresql", skipped: "set TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test to run" });
  }
  return kinds;
}

/** Starts the fakes and the product on a fresh database of `kind`, migrated by the product itself. */
export async function startBenchProduct(kind: DatabaseKind, options: { env?: Record<string, string>; build?: Pick<BuildOptions, "outboxPacing"> } = {}): Promise<BenchProduct> {
  const [telegram, slack] = await Promise.all([startFakeTelegram({ token }), startFakeSlack()]);
  let databaseUrl: string;
  let dropDatabase: () => Promise<void>;
  if (kind === "sqlite") {
    const dir = await mkdtemp(path.join(os.tmpdir(), "frontdesk-bench-"));
    databaseUrl = `file:${path.join(dir, "bench.db")}`;
    dropDatabase = () => rm(dir, { recursive: true, force: true });
  } else {
    const base = process.env.TEST_DATABASE_URL as string;
    const schema = `bench_${randomBytes(6).toString("hex")}`;
    const url = new URL(base);
    url.searchParams.set("schema", schema);
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      try {
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await admin.end();
      }
    };
  }
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    TELEGRAM_BOT_TOKEN: token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_MODE: "webhook",
    TELEGRAM_WEBHOOK_SECRET: webhookSecret,
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: slack.apiUrl,
    SLACK_STAFF_CHANNEL: staffChannel,
    SLACK_CHANNEL_FRONTDESK: frontDeskChannel,
    SLACK_CHANNEL_MAINTENANCE: maintenanceChannel,
    SLACK_BOT_ID: "B0BENCH",
    SLACK_BOT_USER_ID: "U0BENCHBOT",
    PORT: "0",
    STAFF_LOCALE: "en",
    LOG_LEVEL: "warn",
    ...options.env,
  });
  if (config.mode !== "live") throw new Error("the bench configures both platforms; got playground mode");
  const app = await buildApp(config, { telegramBotInfo: telegram.botInfo, cron: false, logger: pino({ level: process.env.BENCH_LOG_LEVEL ?? "warn" }), ...options.build });
  const url = await app.start();
  return {
    kind,
    app,
    url,
    telegram,
    slack,
    async close() {
      await app.stop();
      await Promise.all([telegram.close(), slack.close()]);
      await dropDatabase();
    },
  };
}

/** Telegram user ids of the seeded owners: `firstOwnerId + n`. */
export const firstOwnerId = 810_000_000;

/**
 * Units 1..count in building 9, each with a registered owner whose Telegram identity is already
 * verified (as after sharing their contact), in one transaction. Returns the owners' user ids.
 */
export async function seedVerifiedOwners(product: BenchProduct, from: number, count: number): Promise<number[]> {
  const ids = Array.from({ length: count }, (_, k) => firstOwnerId + from + k);
  const phone = (id: number) => `+86137${String(id).slice(-8)}`;
  await product.app.ctx.uow.transaction(async (store) => {
    const units = await store.units.upsertMany(
      ids.map((id) => ({ building: "9", unit: String(id - firstOwnerId).padStart(5, "0"), areaM2: 89.5, handoverDate: "2025-06-01", warrantyMonths: 24 })),
    );
    await store.residents.insertMany(units.map(({ unit }, k) => ({ unitId: unit.id, name: `业主${ids[k]}`, phone: phone(ids[k] as number), locale: "zh-CN", role: "owner", source: "registry" })));
    for (const id of ids) {
      await store.identities.save({ ownerUserId: String(id), chatId: String(id), locale: "zh-CN", displayName: `业主${id}`, phone: phone(id), verified: true });
    }
  });
  return ids;
}

/** POSTs one update to a webhook URL as Telegram does (the secret header); resolves with the status. */
export async function postUpdate(url: string, update: Update, secret = webhookSecret): Promise<number> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
    body: JSON.stringify(update),
  });
  await response.arrayBuffer();
  return response.status;
}

/** CPU, memory, Node and the load average now: the figures only mean something next to these. */
export function machineLine(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((value) => value.toFixed(2)).join(", ");
  return `machine: ${cpus.length} x ${cpus[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load average ${load}`;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The value below which `p` (0..1) of `values` fall (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Api } from "grammy";
import { openDatabase } from "../../src/adapters/persistence/database.js";
import { runCli } from "../../src/cli.js";
import { ConfigError } from "../../src/config/config.js";
import { startFakeSlack, startFakeTelegram } from "../../src/testing/index.js";
import type { FakeSlack, FakeSlackOptions, FakeTelegram } from "../../src/testing/index.js";
import { postgresSkipReason, postgresTestUrl } from "../support/databases.js";

const TELEGRAM_TOKEN = "123456:LIVE-token";
const SLACK_TOKEN = "xoxb-live-token";
const SECRET = "webhook_secret_1";
const STAFF = "C0STAFF001";
const MAINTENANCE = "C0MAINT001";
const HOOK = "https://desk.example.com/telegram/webhook";
const allScopes = ["chat:write", "files:write", "channels:read", "groups:read"];

describe("doctor checks a live configuration against the database, Telegram and Slack", () => {
  let dir: string;
  let telegram: FakeTelegram;
  let slack: FakeSlack;
  let printed: string[];
  let env: Record<string, string>;

  async function startSlack(options: FakeSlackOptions = {}): Promise<void> {
    await slack?.close();
    slack = await startFakeSlack({ token: SLACK_TOKEN, scopes: allScopes, channels: { [STAFF]: { name: "front-desk" }, [MAINTENANCE]: { name: "maintenance" } }, ...options });
    env.SLACK_API_URL = slack.apiUrl;
  }

  async function doctor(overrides: Record<string, string> = {}): Promise<{ code: number; lines: string[] }> {
    printed = [];
    const code = await runCli(["doctor"], { ...env, ...overrides });
    return { code, lines: printed };
  }

  const lineOf = (lines: string[], check: string) => lines.find((line) => line.slice(6).startsWith(check)) ?? `(no ${check} line)`;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "frontdesk-doctor-"));
    const database = await openDatabase(`file:${dir}/frontdesk.db`);
    await database.migrate();
    await database.close();
    telegram = await startFakeTelegram({ token: TELEGRAM_TOKEN });
    await new Api(TELEGRAM_TOKEN, { apiRoot: telegram.apiRoot }).setWebhook(HOOK, { secret_token: SECRET });
    env = {
      DATABASE_URL: `file:${dir}/frontdesk.db`,
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_MODE: "webhook",
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_SIGNING_SECRET: "signing-secret",
      SLACK_STAFF_CHANNEL: STAFF,
      SLACK_CHANNEL_MAINTENANCE: MAINTENANCE,
      LOG_LEVEL: "silent",
    };
    await startSlack();
    vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void printed.push(parts.join(" ")));
    vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void printed.push(parts.join(" ")));
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await telegram.close();
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("passes a good configuration with one ok line per check and exit 0, changing nothing", async () => {
    const { code, lines } = await doctor();

    expect(code).toBe(0);
    expect(lines.at(-1)).toBe("all checks passed");
    expect(lines.slice(0, -1).every((line) => line.startsWith("ok  "))).toBe(true);
    expect(lineOf(lines, "database")).toMatch(/SQLite, \d+ migration\(s\) applied, none pending/);
    expect(lineOf(lines, "telegram bot")).toContain("@frontdesk_test_bot");
    expect(lineOf(lines, "telegram webhook")).toContain(`${HOOK}, no failed delivery, 0 update(s) waiting`);
    expect(lineOf(lines, "slack scopes")).toContain("chat:write, files:write granted");
    expect(lineOf(lines, `slack channel ${STAFF}`)).toContain("#front-desk, the bot is a member (frontdesk, cleaning, greening, security, manager)");
    expect(lineOf(lines, `slack channel ${MAINTENANCE}`)).toContain("#maintenance, the bot is a member (maintenance)");
    expect(telegram.callsOf("setWebhook")).toHaveLength(1);
    expect(telegram.callsOf("deleteWebhook")).toHaveLength(0);
    expect(slack.callsOf("chat.postMessage")).toHaveLength(0);
  });

  it("names a Telegram token Telegram refuses, and exits 1", async () => {
    const { code, lines } = await doctor({ TELEGRAM_BOT_TOKEN: "123456:WRONG" });

    expect(code).toBe(1);
    expect(lineOf(lines, "telegram bot")).toMatch(/^FAIL .*Telegram refused TELEGRAM_BOT_TOKEN \(401 Unauthorized\): copy the token again from @BotFather/);
    expect(lines.at(-1)).toBe("1 check(s) failed");
  });

  it("names a Slack token Slack refuses, and exits 1", async () => {
    const { code, lines } = await doctor({ SLACK_BOT_TOKEN: "xoxb-revoked" });

    expect(code).toBe(1);
    expect(lineOf(lines, "slack token")).toMatch(/^FAIL .*Slack refused SLACK_BOT_TOKEN \(invalid_auth\)/);
  });

  it("names a channel the bot is not in, with the teams it serves and the /invite to do", async () => {
    await startSlack({ channels: { [STAFF]: { name: "front-desk" }, [MAINTENANCE]: { name: "maintenance", is_member: false } } });

    const { code, lines } = await doctor();

    expect(code).toBe(1);
    expect(lineOf(lines, `slack channel ${MAINTENANCE}`)).toMatch(/^FAIL .*the bot is not in #maintenance \(maintenance\), so cards cannot be posted there: \/invite @Front Desk in it/);
    expect(lineOf(lines, `slack channel ${STAFF}`)).toMatch(/^ok /);
  });

  it("names a configured channel Slack does not know", async () => {
    slack.failNext("conversations.info", { error: "channel_not_found" });

    const { code, lines } = await doctor();

    expect(code).toBe(1);
    expect(lineOf(lines, `slack channel ${STAFF}`)).toMatch(/^FAIL .*no such channel visible to the bot .*check SLACK_CHANNEL_FRONTDESK or SLACK_CHANNEL_CLEANING/);
  });

  it("names a missing scope, and says membership cannot be checked without channels:read", async () => {
    await startSlack({ scopes: ["chat:write"] });

    const { code, lines } = await doctor();

    expect(code).toBe(1);
    expect(lineOf(lines, "slack scopes")).toMatch(/^FAIL .*the token lacks files:write/);
    expect(lineOf(lines, `slack channel ${STAFF}`)).toMatch(/^FAIL .*cannot check the bot is in it: the token lacks channels:read/);
  });

  it("in webhook mode, fails when no webhook is set and says how to set it", async () => {
    await new Api(TELEGRAM_TOKEN, { apiRoot: telegram.apiRoot }).deleteWebhook();

    const { code, lines } = await doctor();

    expect(code).toBe(1);
    expect(lineOf(lines, "telegram webhook")).toMatch(/^FAIL .*TELEGRAM_MODE is webhook but no webhook is set.*setWebhook, url=https:\/\/YOUR-HOST\/telegram\/webhook and secret_token=\$TELEGRAM_WEBHOOK_SECRET/);
  });

  it("in webhook mode, fails on a webhook at another path than /telegram/webhook", async () => {
    await new Api(TELEGRAM_TOKEN, { apiRoot: telegram.apiRoot }).setWebhook("https://desk.example.com/hook", { secret_token: SECRET });

    const { lines } = await doctor();

    expect(lineOf(lines, "telegram webhook")).toMatch(/^FAIL .*the webhook is https:\/\/desk\.example\.com\/hook, which this service does not serve/);
  });

  it("reads Telegram's 401 delivery error as a secret that differs from TELEGRAM_WEBHOOK_SECRET", async () => {
    telegram.webhookDeliveryFailed("Wrong response from the webhook: 401 Unauthorized");

    const { code, lines } = await doctor();

    expect(code).toBe(1);
    expect(lineOf(lines, "telegram webhook")).toMatch(/^FAIL .*last delivery .* failed at .*401 Unauthorized.*the secret_token registered is not TELEGRAM_WEBHOOK_SECRET/);
  });

  it("in polling mode, fails when a webhook is set, since Telegram refuses getUpdates while it is", async () => {
    const { code, lines } = await doctor({ TELEGRAM_MODE: "polling" });

    expect(code).toBe(1);
    expect(lineOf(lines, "telegram webhook")).toMatch(/^FAIL .*TELEGRAM_MODE is polling but a webhook is set \(https:\/\/desk\.example\.com\/telegram\/webhook\): Telegram refuses getUpdates/);
    expect(telegram.webhook()?.url).toBe(HOOK);
  });

  it("in polling mode, passes when no webhook is set", async () => {
    await new Api(TELEGRAM_TOKEN, { apiRoot: telegram.apiRoot }).deleteWebhook();

    const { code, lines } = await doctor({ TELEGRAM_MODE: "polling" });

    expect(code).toBe(0);
    expect(lineOf(lines, "telegram webhook")).toMatch(/^ok .*none set: updates come by long polling/);
  });

  it("names an unreachable database and still checks the platforms", async () => {
    const { code, lines } = await doctor({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/frontdesk" });

    expect(code).toBe(1);
    expect(lineOf(lines, "database")).toMatch(/^FAIL .*PostgreSQL could not be opened \(.*ECONNREFUSED.*\): check DATABASE_URL/);
    expect(lineOf(lines, "telegram bot")).toMatch(/^ok /);
    expect(lineOf(lines, "slack token")).toMatch(/^ok /);
    expect(lines.at(-1)).toBe("1 check(s) failed");
  });

  it("reports a SQLite file not created yet without creating it", async () => {
    const { code, lines } = await doctor({ DATABASE_URL: `file:${dir}/new/frontdesk.db` });

    expect(code).toBe(0);
    expect(lineOf(lines, "database")).toMatch(/^ok .*does not exist yet: start-up creates it and applies \d+ migration\(s\)/);
    expect((await import("node:fs")).existsSync(`${dir}/new`)).toBe(false);
  });

  it("stops at a configuration error named as start-up names it", async () => {
    await expect(runCli(["doctor"], { ...env, TELEGRAM_WEBHOOK_SECRET: "" })).rejects.toThrow(new ConfigError("missing required configuration: TELEGRAM_WEBHOOK_SECRET (see .env.example and the README)"));
  });

  it("refuses to check the playground, which has no platforms to check", async () => {
    const { code, lines } = await doctor({ TELEGRAM_BOT_TOKEN: "", SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "" });

    expect(code).toBe(1);
    expect(lineOf(lines, "configuration")).toMatch(/^FAIL .*that runs the local playground/);
  });
});

describe.skipIf(!postgresTestUrl)(`doctor on PostgreSQL${postgresTestUrl ? "" : ` (skipped: ${postgresSkipReason})`}`, () => {
  it("counts the migrations a fresh schema still needs, then none once migrated", async () => {
    const { databaseStatus } = await import("../../src/adapters/persistence/database-status.js");
    const schema = `doctor_${Date.now().toString(36)}`;
    const url = `${postgresTestUrl}${postgresTestUrl?.includes("?") ? "&" : "?"}schema=${schema}`;
    const before = await databaseStatus(url);
    const database = await openDatabase(url);
    try {
      await database.migrate();
      const after = await databaseStatus(url);

      expect(before).toMatchObject({ reachable: true, applied: [], failed: [] });
      expect(before.reachable && before.pending.length).toBeGreaterThan(0);
      expect(after).toMatchObject({ reachable: true, pending: [], failed: [] });
      expect(after.reachable && after.applied.length).toBe(before.reachable && before.pending.length);
    } finally {
      await database.close();
      const pg = await import("pg");
      const admin = new pg.default.Client({ connectionString: postgresTestUrl });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  });
});

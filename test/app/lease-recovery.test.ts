import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildApp, type FrontDesk } from "../../src/app/build-app.js";
import { createLogger } from "../../src/app/logger.js";
import { openWorkflow } from "../../src/app/open-workflow.js";
import { loadConfig, type Config } from "../../src/config/config.js";
import { startFakeSlack, type FakeSlack } from "../../src/testing/fake-slack-server.js";
import { startFakeTelegram, type FakeTelegram } from "../../src/testing/fake-telegram-server.js";

const chatId = "9101";

/** A Bot API that takes every request and never answers: the process calling it hangs mid-send. */
async function blackHole(): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req) => void requests.push(req.url ?? ""));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function liveConfig(env: Record<string, string>): Config {
  const config = loadConfig(env);
  if (config.mode !== "live") throw new Error("both platforms are configured; got playground mode");
  return config;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("restart after a crash with a message in flight", () => {
  let dir: string;
  let telegram: FakeTelegram;
  let slack: FakeSlack;
  let child: ChildProcess | undefined;
  let app: FrontDesk | undefined;
  let env: Record<string, string>;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "frontdesk-crash-"));
    [telegram, slack] = await Promise.all([startFakeTelegram(), startFakeSlack()]);
    env = {
      DATABASE_URL: `file:${dir}/frontdesk.db`,
      TELEGRAM_BOT_TOKEN: "123456:crash-token",
      TELEGRAM_MODE: "webhook",
      TELEGRAM_WEBHOOK_SECRET: "crash-secret",
      SLACK_BOT_TOKEN: "xoxb-crash",
      SLACK_SIGNING_SECRET: "crash-signing-secret",
      SLACK_API_URL: slack.apiUrl,
      SLACK_STAFF_CHANNEL: "CSTAFF",
      SLACK_BOT_ID: "B0CRASH",
      SLACK_BOT_USER_ID: "U0CRASHBOT",
      PORT: "0",
      LOG_LEVEL: "silent",
    };
    const workflow = await openWorkflow(loadConfig({ ...env, TELEGRAM_API_ROOT: telegram.apiRoot }));
    await workflow.ctx.uow.transaction(async (store) => {
      for (const key of ["repair.received", "repair.closed"]) {
        await store.outbox.enqueue({ id: `m-${key}`, createdAt: new Date(), payload: { type: "owner.notice", chatId, locale: "en", key, params: { number: "R-2026-000001" }, buttons: [] } });
      }
    });
    await workflow.close();
  });

  afterEach(async () => {
    child?.kill("SIGKILL");
    await app?.stop();
    await Promise.all([telegram.close(), slack.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("the restarted product takes back the dead run's lease and the owner's chat moves again within 10 s, the in-flight message sent once more", async () => {
    const hole = await blackHole();
    try {
      child = spawn(process.execPath, ["--import", "tsx", "test/support/crashing-product.ts", JSON.stringify({ ...env, TELEGRAM_API_ROOT: hole.url })], { stdio: ["ignore", "pipe", "inherit"] });
      await until(() => hole.requests.some((url) => url.endsWith("/sendMessage")), 20_000);
      child.kill("SIGKILL");
      await new Promise((resolve) => child!.once("exit", resolve));
    } finally {
      await hole.close();
    }

    const restarted = Date.now();
    app = await buildApp(liveConfig({ ...env, TELEGRAM_API_ROOT: telegram.apiRoot }), { telegramBotInfo: telegram.botInfo, cron: false, outboxPollMs: 200, logger: createLogger("silent") });
    await app.start();
    await until(() => telegram.chat(chatId).length === 2, 15_000);

    expect(Date.now() - restarted).toBeLessThan(10_000);
    expect(telegram.callsOf("sendMessage").map((call) => call.payload.text)).toHaveLength(2);
  }, 60_000);
});

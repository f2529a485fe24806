import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { OutboxPayload } from "../../src/core/domain/outbox.js";
import { globalShortcutPayload, postToBolt } from "../../src/testing/slack-payloads.js";
import { Harness } from "../support/e2e-harness.js";
import { filedComplaint } from "../core/complaint/complaint-steps.js";
import { openTestDatabase, postgresSkipReason, postgresTestUrl, type TestDatabase } from "../support/databases.js";

const minute = 60_000;

/** The product's wall clock as a test drives it: starts at real time, moves only when told. */
class DrivenWall {
  private at = new Date();
  now = () => this.at;
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

async function health(h: Harness): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${h.url}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The scrape as Prometheus reads it: each sample line's name and labels to its value. */
async function scrape(h: Harness): Promise<{ contentType: string | null; samples: Map<string, number> }> {
  const response = await fetch(`${h.url}/metrics`);
  expect(response.status).toBe(200);
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const space = line.lastIndexOf(" ");
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return { contentType: response.headers.get("content-type"), samples };
}

function notice(chatId: number): OutboxPayload {
  return { type: "owner.notice", chatId: String(chatId), locale: "en", key: "unhandled.unverified", params: {}, buttons: [] };
}

describe("GET /healthz: the database and the scheduler's last tick", () => {
  let h: Harness | undefined;
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await h?.stop();
    await db?.cleanup();
    h = undefined;
    db = undefined;
  });

  it("a fresh product is healthy before its first tick: the database answers and staleness counts from the start", async () => {
    const wall = new DrivenWall();
    h = await Harness.start({ build: { cron: true, wallClock: wall.now } });

    wall.advance(2 * minute);

    expect(await health(h)).toEqual({ status: 200, body: { ok: true, database: "ok", scheduler: { lastTickAt: null, staleAfterSeconds: 180, stale: false } } });
  });

  it("a scheduler that has not ticked for more than three minutes makes the product unhealthy (503), naming the scheduler", async () => {
    const wall = new DrivenWall();
    h = await Harness.start({ build: { cron: true, wallClock: wall.now } });

    wall.advance(3 * minute + 1_000);

    expect(await health(h)).toEqual({ status: 503, body: { ok: false, database: "ok", scheduler: { lastTickAt: null, staleAfterSeconds: 180, stale: true } } });
  });

  it("a process that runs no scheduler (cron off: another process ticks) says so and stays healthy however long it runs", async () => {
    h = await Harness.start();

    expect(await health(h)).toEqual({ status: 200, body: { ok: true, database: "ok", scheduler: "off" } });
  });

  it.skipIf(!postgresTestUrl)("a database that no longer answers makes the product unhealthy (503), naming the database; /metrics fails too", async () => {
    db = await openTestDatabase("postgresql");
    h = await Harness.start({ env: { DATABASE_URL: `${db.url}?schema=${db.schema as string}` } });
    expect((await health(h)).status).toBe(200);

    // The worker polls the outbox in transactions; closing the pool under one of them would wait
    // for it for ever. Stopped first, the database goes away with nothing of ours on it.
    await h.app.worker.stop();
    await h.app.database.close();

    expect(await health(h)).toEqual({ status: 503, body: { ok: false, database: "failing", scheduler: "off" } });
    expect((await fetch(`${h.url}/metrics`)).status).toBe(503);
    // The harness migrates PostgreSQL three times (two imports and the start), behind the
    // advisory lock every other PostgreSQL suite of the run takes too.
  }, 60_000);
  if (!postgresTestUrl) it.skip(`a database that no longer answers: ${postgresSkipReason}`, () => {});
});

describe("GET /metrics: what happened and what waits, in the Prometheus text format", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it("counts a handled Telegram update and the 429 its reply met, and shows the undelivered, dead and overdue work with its age", async () => {
    h = await Harness.start();
    const owner = h.owner({ id: 5002, first_name: "Tom", language_code: "en" }, "en");

    // The bot's answer to /start meets a 429 and goes once the second has passed.
    h.telegram.failNext("sendMessage", { status: 429, retryAfter: 1 });
    await owner.say("/start");
    expect(owner.texts().length).toBeGreaterThan(0);

    // A notice to an owner who blocked the bot becomes a dead letter...
    const now = h.app.ctx.time.now();
    h.telegram.failNext("sendMessage", { status: 403, description: "Forbidden: bot was blocked by the user" });
    await h.app.ctx.uow.transaction((store) => store.outbox.enqueue({ id: randomUUID(), payload: notice(5003), createdAt: now }));
    await h.delivered();
    // ...and one to Tom, queued two minutes ago, waits while Telegram answers 500.
    for (let i = 0; i < 10; i++) h.telegram.failNext("sendMessage", { status: 500 });
    await h.app.ctx.uow.transaction((store) => store.outbox.enqueue({ id: randomUUID(), payload: notice(5002), createdAt: new Date(now.getTime() - 2 * minute) }));
    await h.delivered();
    // A job due five minutes ago that no scheduler has run (this process ticks by hand).
    await h.app.ctx.uow.transaction((store) => store.jobs.enqueue({ id: randomUUID(), payload: { type: "clock.due", clockId: randomUUID() }, runAt: new Date(now.getTime() - 5 * minute) }));

    const { contentType, samples } = await scrape(h);

    expect(contentType).toContain("text/plain");
    expect(Object.fromEntries(samples)).toEqual({
      'frontdesk_updates_handled_total{platform="telegram"}': 1,
      'frontdesk_updates_handled_total{platform="slack"}': 0,
      'frontdesk_rate_limited_total{platform="telegram"}': 1,
      'frontdesk_rate_limited_total{platform="slack"}': 0,
      frontdesk_escalations_total: 0,
      frontdesk_outbox_pending: 1,
      frontdesk_outbox_oldest_pending_seconds: 120,
      frontdesk_outbox_dead: 1,
      frontdesk_jobs_due: 1,
      frontdesk_jobs_oldest_overdue_seconds: 300,
    });
  });

  it("counts the escalations the scheduler's ticks made, and a tick shows on /healthz as the scheduler's last tick", async () => {
    h = await Harness.start({ build: { cron: true, cronExpression: "* * * * * *" } });
    const app = h.app;
    const complaint = await filedComplaint(app.ctx);

    // Nobody classifies the complaint for three days: its clock breaches and a tick escalates it.
    h.time.set(new Date(h.time.now().getTime() + 3 * 24 * 60 * minute));

    await expect.poll(async () => (await scrape(h!)).samples.get("frontdesk_escalations_total"), { timeout: 4_000, interval: 200 }).toBeGreaterThan(0);
    const events = await app.ctx.uow.transaction((store) => store.cases.listEvents(complaint.id));
    const escalated = events.filter((event) => event.type === "escalated").length;
    expect(escalated).toBeGreaterThan(0);
    expect((await scrape(h)).samples.get("frontdesk_escalations_total")).toBe(escalated);
    const { status, body } = await health(h);
    expect(status).toBe(200);
    expect(body.scheduler).toMatchObject({ stale: false, lastTickAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
  });

  it("counts a Slack request handled and the 429 Slack answered while its modal opened, once the modal is open", async () => {
    h = await Harness.start();
    const harness = h;
    harness.slack.failNext("views.open", { status: 429, retryAfter: 1 });

    const response = await postToBolt(`${harness.url}/slack/events`, "e2e-signing-secret", globalShortcutPayload({ user: "UFRONT1", callbackId: "new_request" }));
    expect(response.status).toBe(200);

    // Bolt answers Slack at ack(); the listener opens the modal after the 429's second has passed.
    await expect.poll(async () => (await scrape(harness)).samples.get('frontdesk_updates_handled_total{platform="slack"}'), { timeout: 10_000, interval: 100 }).toBe(1);
    expect(harness.slack.calls.filter((call) => call.method === "views.open").length).toBe(2);
    const { samples } = await scrape(harness);
    expect(samples.get('frontdesk_rate_limited_total{platform="slack"}')).toBe(1);
    expect(samples.get('frontdesk_updates_handled_total{platform="telegram"}')).toBe(0);
  });

  it("a redelivered Telegram update is not counted twice", async () => {
    h = await Harness.start();
    const update = { update_id: h.telegram.nextUpdateId(), message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: 5002, type: "private" as const, first_name: "Tom" }, from: { id: 5002, is_bot: false, first_name: "Tom" }, text: "hello" } };
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${h.url}/telegram/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "e2e-webhook-secret" },
        body: JSON.stringify(update),
      });
      expect(response.status).toBe(200);
    }

    const { samples } = await scrape(h);

    expect(samples.get('frontdesk_updates_handled_total{platform="telegram"}')).toBe(1);
  });

  it("two products in one process count apart: each has a registry of its own", async () => {
    h = await Harness.start();
    const other = await Harness.start();
    try {
      await h.owner({ id: 5002, first_name: "Tom", language_code: "en" }, "en").say("/start");

      expect((await scrape(h)).samples.get('frontdesk_updates_handled_total{platform="telegram"}')).toBe(1);
      expect((await scrape(other)).samples.get('frontdesk_updates_handled_total{platform="telegram"}')).toBe(0);
    } finally {
      await other.stop();
    }
  });
});

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli.js";
import { teams } from "../../src/core/domain/registry.js";
import { startFromEnv } from "../../src/main.js";
import { PortInUseError } from "../../src/app/port-in-use.js";
import { demoStaff } from "../../src/playground/demo-data.js";
import { PlaygroundDriver } from "../support/playground-driver.js";

async function cli(env: Record<string, string>, ...args: string[]): Promise<{ code: number; printed: string }> {
  const printed: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void printed.push(parts.join(" ")));
  const error = vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void printed.push(parts.join(" ")));
  try {
    return { code: await runCli(args, env), printed: printed.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

async function staffCount(d: PlaygroundDriver): Promise<number> {
  return d.running.app.ctx.uow.transaction(async (store) => {
    let count = 0;
    for (const team of teams) count += (await store.staff.listByTeam(team)).length;
    return count;
  });
}

/** Reads the page's event stream until `match` passes (or the time runs out). */
async function nextEvent(url: string, act: () => Promise<unknown>, match: (event: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  const controller = new AbortController();
  const response = await fetch(`${url}/playground/api/events`, { signal: controller.signal });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const timer = setTimeout(() => controller.abort(), 8_000);
  try {
    await act();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error("event stream ended");
      buffer += decoder.decode(value, { stream: true });
      for (const frame of buffer.split("\n\n").slice(0, -1)) {
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        const event = data ? (JSON.parse(data) as Record<string, unknown>) : null;
        if (event && match(event)) return event;
      }
      buffer = buffer.slice(buffer.lastIndexOf("\n\n") + 2);
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

describe("the playground's life: start-up, demo data, restarts and resets", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("npm start without credentials prints the page's address and serves the page there", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "frontdesk-start-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const printed: string[] = [];

    const started = await startFromEnv({ DATABASE_URL: `file:${dir}/p.db`, PORT: "0", LOG_LEVEL: "silent" }, (line) => printed.push(line));
    cleanups.push(() => started.stop());

    expect(started.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(printed.join("\n")).toContain(`open ${started.url}/`);
    const page = await fetch(`${started.url}/`);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("<!doctype html>");
    // The playground ticks its scheduler like the product: healthy from the start, before any tick.
    expect(await (await fetch(`${started.url}/healthz`)).json()).toEqual({ ok: true, database: "ok", scheduler: expect.objectContaining({ staleAfterSeconds: 180, stale: false }) });
    expect((await fetch(`${started.url}/playground/assets/..%2F..%2Fconfig.ts`)).status).toBe(404);
  });

  it("demo data is loaded once; a restart keeps it, everything played, the chats and the product's time", async () => {
    const d = await PlaygroundDriver.start();
    cleanups.push(() => d.stop());
    expect(d.running.demoLoaded).toBe(true);
    expect(await staffCount(d)).toBe(demoStaff.length);
    const owner = d.owner(710_001, "zh-CN");
    await owner.say("/start");
    await owner.sees((text) => text === owner.t("owner:start.verify_prompt"));
    await d.post("/playground/api/clock", { by: { hours: 5 } });

    await d.restart();

    expect(d.running.demoLoaded).toBe(false);
    expect(await staffCount(d)).toBe(demoStaff.length);
    expect(d.running.clock.offsetMs).toBe(5 * 3_600_000);
    const screen = await owner.screen();
    expect(screen.bubbles.map((b) => b.text)).toEqual(["/start", owner.t("owner:start.greeting", { name: "王芳" }), owner.t("owner:start.verify_prompt")]);
    expect(screen.replyKeyboard?.rows[0]?.[0]).toEqual({ text: owner.t("owner:start.share_contact"), requestContact: true });
    await owner.key(owner.t("owner:start.share_contact"));
    await owner.sees((text) => text === owner.t("owner:verify.verified"));
  });

  it("a restart keeps a conversation begun before it: the owner's next answer is handled by the new process, not dropped", async () => {
    const d = await PlaygroundDriver.start();
    cleanups.push(() => d.stop());
    // Yesterday's process: like every `npm start`, it begins with nothing in memory.
    await d.restartAsNewProcess();
    const owner = d.owner(710_002, "en");
    await owner.say("/start");
    await owner.key(owner.t("owner:start.share_contact"));
    await owner.sees((text) => text === owner.t("owner:verify.verified"));
    await owner.key(owner.t("owner:menu.repair"));
    await owner.press(owner.t("common:category.plumbing"));
    await owner.sees((text) => text === owner.t("owner:report.ask_description"));

    await d.restartAsNewProcess();
    await owner.say("Kitchen tap drips all night");

    await owner.sees((text) => text.startsWith(owner.t("owner:report.ask_photos", { max: 10 }).slice(0, 12)));
  });

  it("`demo reset` wipes and reloads the demo; a running playground blanks its screens and tells the page", async () => {
    const d = await PlaygroundDriver.start();
    cleanups.push(() => d.stop());
    const owner = d.owner(710_002, "en");
    await owner.say("/start");
    await owner.sees((text) => text === owner.t("owner:start.verify_prompt"));
    await d.post("/playground/api/clock", { by: { days: 3 } });

    const reset = await nextEvent(d.url, async () => {
      const result = await cli(d.env, "demo", "reset");
      expect(result, result.printed).toMatchObject({ code: 0 });
      expect(result.printed).toContain("demo data reset");
    }, (event) => event.type === "reset");

    expect(reset).toEqual({ type: "reset" });
    expect((await owner.screen()).bubbles).toEqual([]);
    expect(d.running.clock.offsetMs).toBe(0);
    expect(await staffCount(d)).toBe(demoStaff.length);
    expect(await d.running.app.ctx.uow.transaction((store) => store.prices.findByCode("MT-TAP"))).toMatchObject({ priceFen: 3_000 });
    const identity = await d.running.app.ctx.uow.transaction((store) => store.identities.find("710002"));
    expect(identity).toBeNull();
  });

  it("a port already in use stops start-up with one sentence naming the port and the way out", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "frontdesk-port-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    cleanups.push(() => new Promise<void>((resolve) => taken.close(() => resolve())));
    const port = (taken.address() as AddressInfo).port;

    const failure = await startFromEnv({ DATABASE_URL: `file:${dir}/p.db`, PORT: String(port), LOG_LEVEL: "silent" }, () => undefined).then(() => null, (error: unknown) => error);

    expect(failure).toBeInstanceOf(PortInUseError);
    expect((failure as Error).message).toBe(`port ${port} is already in use by another program: stop it, or set PORT to a free port`);
  });

  it("an unknown command is named as unknown before the usage", async () => {
    const result = await cli({ DATABASE_URL: "file:/nonexistent/never-opened.db", LOG_LEVEL: "silent" }, "frobnicate");

    expect(result.code).toBe(2);
    expect(result.printed.split("\n")[0]).toBe('unknown command "frobnicate"');
    expect(result.printed).toContain("usage: npm run frontdesk -- <command>");
  });

  it("tick without --at against a playground database uses the playground's product time and says which database and clock it used", async () => {
    const d = await PlaygroundDriver.start();
    cleanups.push(() => d.stop());
    await d.post("/playground/api/clock", { by: { days: 2 } });

    const result = await cli(d.env, "tick");

    expect(result.code).toBe(0);
    expect(result.printed).toContain(`database ${d.env.DATABASE_URL}`);
    expect(result.printed).toMatch(/clock: the playground's product time, \d{4}-\d{2}-\d{2}T[\d:.]+Z \(2 day\(s\) ahead of the wall clock\)/);
  });

  it("`demo reset` refuses a database holding a register that is not the demo's", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "frontdesk-real-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const env = { DATABASE_URL: `file:${dir}/real.db`, LOG_LEVEL: "silent" };
    writeFileSync(path.join(dir, "staff.csv"), "slack_user_id,name,team,role\nUREAL1,Real Person,frontdesk,member\n");
    expect((await cli(env, "import", "staff", path.join(dir, "staff.csv"))).code).toBe(0);

    const refused = await cli(env, "demo", "reset");

    expect(refused.code).toBe(1);
    expect(refused.printed).toMatch(/refusing to reset/);
    expect((await cli(env, "import", "staff", path.join(dir, "staff.csv"))).printed).toContain("0 created, 1 updated");
  });

  it("+1 hour and +2 days move the product's time by exactly that, though the wall clock moves on while the request is handled", async () => {
    // A wall clock one millisecond later at every reading: any span measured across two readings comes out short.
    let wall = Date.parse("2026-11-30T02:00:00Z");
    const d = await PlaygroundDriver.start({}, { wallMs: () => wall++ });
    cleanups.push(() => d.stop());

    const hour = await d.post<{ offsetMs: number }>("/playground/api/clock", { by: { hours: 1 } });
    const days = await d.post<{ offsetMs: number }>("/playground/api/clock", { by: { days: 2 } });

    expect(hour).toEqual({ status: 200, body: expect.objectContaining({ offsetMs: 3_600_000 }) });
    expect(days).toEqual({ status: 200, body: expect.objectContaining({ offsetMs: 3_600_000 + 2 * 86_400_000 }) });
  });

  it("the page's event stream names what changed when the bot answers an owner", async () => {
    const d = await PlaygroundDriver.start();
    cleanups.push(() => d.stop());

    const event = await nextEvent(d.url, () => d.post("/playground/api/owners/710004/text", { text: "/start" }), (e) => e.type === "chat" && e.ownerId === 710_004);

    expect(event).toEqual({ type: "chat", ownerId: 710_004 });
  });
});

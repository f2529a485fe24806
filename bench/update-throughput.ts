/**
 * How many owner updates a second the product handles through its webhook, against a bare grammY
 * bot in the same run: `npm run bench:update-throughput`.
 *
 * Per database (a temp SQLite file; PostgreSQL in a fresh schema of TEST_DATABASE_URL, dropped
 * after) the real product runs as `npm start` runs it in webhook mode (buildApp, Express, grammY,
 * the outbox worker), against the fake Bot API. Beside it, on an HTTP server of its own, a bare
 * grammY bot (`webhookCallback`, same fake Bot API) whose handler writes one row into the same
 * database through the same Prisma client, in a transaction of its own, and replies once: the
 * least a bot that remembers anything must do per update.
 *
 * N owners (BENCH_OWNERS, default 300) POST at once, with the secret header, as Telegram would
 * deliver them; a run's rate is N over the time from the first request to the last response.
 * Two scenarios, each timed ROUNDS times, alternating which bot goes first:
 * - `/start` from N owners never seen before (the product registers each and asks for a phone);
 * - a conversation step: N verified owners, each in a repair conversation whose category they
 *   have chosen, answering the description question (the product replays the conversation,
 *   stores its state and asks for photos).
 * Prints the median rate of each and the ratio product/bare. Goal: at least 1/3.
 * BENCH_PROFILE=1 writes a CPU profile of the product's timed runs of each scenario into the temp
 * folder (open it in Chrome's DevTools).
 */
import { writeFileSync } from "node:fs";
import http from "node:http";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { Bot, webhookCallback } from "grammy";
import type { InlineKeyboardButton, Message, Update } from "grammy/types";
import type { DatabaseKind } from "../src/adapters/persistence/database.js";
import { callbackQueryUpdate, commandUpdate, textMessageUpdate, type FakeUser } from "../src/testing/telegram-updates.js";
import { benchDatabases, machineLine, median, postUpdate, seedVerifiedOwners, startBenchProduct, token, webhookSecret, type BenchProduct } from "./support/bench-product.js";

const OWNERS = Number(process.env.BENCH_OWNERS ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const GOAL = 1 / 3;

interface Target {
  name: "product" | "bare";
  url: string;
}

/** The bare bot: one insert through the product's own database client, one reply. */
async function startBareBot(product: BenchProduct): Promise<{ url: string; close(): Promise<void> }> {
  const bot = new Bot(token, { botInfo: product.telegram.botInfo, client: { apiRoot: product.telegram.apiRoot } });
  // The ids are ones the product never receives, so its own inbox is not disturbed.
  bot.on("message", async (ctx) => {
    await product.app.ctx.uow.transaction((store) => store.inbox.recordOnce("telegram", String(ctx.update.update_id), new Date()));
    await ctx.reply("ok");
  });
  const server = http.createServer(webhookCallback(bot, "http", { secretToken: webhookSecret }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Run {
  /** Updates per second, first request to last response. */
  rate: number;
  /** This process's CPU time per update (ms): the fake Bot API and the senders included, alike for both. */
  cpuMs: number;
}

const profiler = process.env.BENCH_PROFILE ? new Session() : null;
profiler?.connect();
await profiler?.post("Profiler.enable");

/** Sends every update at once; throws if any was not answered 200. `profile` names the CPU profile written of it. */
async function fire(target: Target, updates: readonly Update[], profile?: string): Promise<Run> {
  if (profile && profiler) await profiler.post("Profiler.start");
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const statuses = await Promise.all(updates.map((update) => postUpdate(target.url, update)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  if (profile && profiler) {
    const file = path.join(tmpdir(), `${profile}.cpuprofile`);
    writeFileSync(file, JSON.stringify((await profiler.post("Profiler.stop")).profile));
    console.log(`    CPU profile: ${file}`);
  }
  const failed = statuses.filter((status) => status !== 200).length;
  if (failed > 0) throw new Error(`${target.name}: ${failed} of ${updates.length} updates were not answered 200 (${[...new Set(statuses)].join(", ")})`);
  return { rate: updates.length / seconds, cpuMs: (used.user + used.system) / 1000 / updates.length };
}

/** Sends updates a few at a time (untimed set-up). */
async function send(url: string, updates: readonly Update[], parallel = 20): Promise<void> {
  for (let i = 0; i < updates.length; i += parallel) {
    const statuses = await Promise.all(updates.slice(i, i + parallel).map((update) => postUpdate(url, update)));
    if (statuses.some((status) => status !== 200)) throw new Error(`set-up update refused: ${statuses.join(", ")}`);
  }
}

const userOf = (id: number): FakeUser => ({ id, first_name: `Owner${id}`, language_code: "zh-CN" });

/** The newest bot message in the owner's chat with an inline button, and that button's data. */
function firstButton(product: BenchProduct, chatId: number): { message: Message; data: string } | undefined {
  for (const message of [...product.telegram.chat(chatId)].reverse()) {
    const button = (message.reply_markup?.inline_keyboard ?? []).flat()[0] as InlineKeyboardButton | undefined;
    if (button && "callback_data" in button) return { message, data: button.callback_data };
  }
  return undefined;
}

/**
 * N verified owners of its own per target and round, each brought to the description question.
 * An owner whose category question did not reach the fake (a reply that failed on this loaded
 * machine) is left out rather than failing the run; more than a tenth left out does fail it.
 */
async function ownersAtDescription(product: BenchProduct, from: number, count: number): Promise<number[]> {
  const seeded = await seedVerifiedOwners(product, from, count);
  await send(product.url + "/telegram/webhook", seeded.map((id) => commandUpdate({ user: userOf(id), command: "repair" })));
  const asked = seeded.flatMap((id) => {
    const button = firstButton(product, id);
    return button ? [{ id, button }] : [];
  });
  if (asked.length < count * 0.9) throw new Error(`only ${asked.length} of ${count} owners were asked the repair's category`);
  await send(product.url + "/telegram/webhook", asked.map(({ id, button }) => callbackQueryUpdate({ user: userOf(id), ...button })));
  return asked.map(({ id }) => id);
}

async function benchDatabase(kind: DatabaseKind): Promise<boolean> {
  const product = await startBenchProduct(kind);
  const bare = await startBareBot(product);
  try {
    const targets: Target[] = [
      { name: "product", url: `${product.url}/telegram/webhook` },
      { name: "bare", url: bare.url },
    ];
    let nextUser = 0;
    const freshUsers = (count: number) => Array.from({ length: count }, () => userOf(900_000_000 + nextUser++));
    // Warm-up: the first updates compile the handlers' paths and open the connections.
    for (const target of targets) await fire(target, freshUsers(20).map((user) => commandUpdate({ user, command: "start" })));

    let pass = true;
    const runs = { start: { product: [] as Run[], bare: [] as Run[] }, step: { product: [] as Run[], bare: [] as Run[] } };
    let seeded = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 ? [...targets].reverse() : targets;
      for (const target of order) {
        const profile = target.name === "product" ? `update-throughput-start-${kind}-${round + 1}` : undefined;
        runs.start[target.name].push(await fire(target, freshUsers(OWNERS).map((user) => commandUpdate({ user, command: "start" })), profile));
      }
      for (const target of order) {
        // The bare bot gets the same kind of update; only the product has a conversation to continue.
        const ids = target.name === "product" ? await ownersAtDescription(product, seeded, OWNERS) : freshUsers(OWNERS).map((user) => user.id);
        seeded += OWNERS;
        const before = product.telegram.callsOf("sendMessage").length;
        const profile = target.name === "product" ? `update-throughput-step-${kind}-${round + 1}` : undefined;
        runs.step[target.name].push(await fire(target, ids.map((id) => textMessageUpdate({ user: userOf(id), text: "卫生间的水管漏水，楼下天花板在滴水" })), profile));
        const replies = product.telegram.callsOf("sendMessage").length - before;
        if (replies < ids.length) throw new Error(`${target.name}: ${replies} replies to ${ids.length} conversation answers`);
      }
      const line = (scenario: keyof typeof runs, name: Target["name"]) => {
        const run = runs[scenario][name][round] as Run;
        return `${name} ${run.rate.toFixed(0)}/s (${run.cpuMs.toFixed(1)} ms CPU each)`;
      };
      console.log(`  round ${round + 1}: /start ${line("start", "product")}, ${line("start", "bare")}; conversation step ${line("step", "product")}, ${line("step", "bare")}`);
    }
    for (const [scenario, label] of [["start", "/start, new owners"], ["step", "conversation step"]] as const) {
      const productRate = median(runs[scenario].product.map((run) => run.rate));
      const bareRate = median(runs[scenario].bare.map((run) => run.rate));
      const ratio = productRate / bareRate;
      const cpuRatio = median(runs[scenario].bare.map((run) => run.cpuMs)) / median(runs[scenario].product.map((run) => run.cpuMs));
      pass &&= ratio >= GOAL;
      console.log(
        `  ${kind} ${label.padEnd(18)} product ${productRate.toFixed(1).padStart(7)} updates/s   bare ${bareRate.toFixed(1).padStart(7)} updates/s   ` +
          `ratio ${ratio.toFixed(3)} (goal >= ${GOAL.toFixed(3)}) ${ratio >= GOAL ? "PASS" : "FAIL"}   CPU per update bare/product ${cpuRatio.toFixed(3)}`,
      );
    }
    return pass;
  } finally {
    await bare.close();
    await product.close();
  }
}

console.log(machineLine());
console.log(`${OWNERS} owners' updates POSTed at once to the product's webhook and to a bare grammY bot (one insert, one reply), median of ${ROUNDS} rounds`);
let ok = true;
for (const { kind, skipped } of benchDatabases()) {
  if (skipped) {
    console.log(`${kind}: SKIPPED, ${skipped}`);
    continue;
  }
  console.log(`${kind}:`);
  ok = (await benchDatabase(kind)) && ok;
}
console.log(machineLine());
console.log(ok ? "overall PASS" : "overall FAIL");
process.exitCode = ok ? 0 : 1;

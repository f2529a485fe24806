/**
 * How close the daily fee reminders come to Telegram's limit: `npm run bench:reminder-run`.
 *
 * A temp SQLite database migrated with the project's own migrations holds N = 10,000 households,
 * each with one registered owner verified in the bot and one property fee due the day before the
 * run. The product's `fee.reminder_run` runs at 10:00 in Shanghai (through `runDueWork`, as
 * `tick` runs it) and queues one quiet overdue reminder per household. The real outbox worker then
 * delivers them through the real Telegram sender to the fake Bot API, which enforces Telegram's
 * 30 messages a second overall (a message beyond that in any second gets 429 and `retry_after`).
 * The worker's clock runs in real time from 10:01 on the run's day, so the quiet hours never
 * apply whenever the bench is run.
 *
 * Prints the send rate as a ratio of 30/s (from the worker's start to the last accepted message)
 * and the households lost: with no reminder, or with more than one. Goals: ratio at least 0.95,
 * none lost. BENCH_HOUSEHOLDS sets N (10,000 messages take about six minutes at 30/s).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { createI18nextTranslator } from "../src/adapters/i18n/i18next-translator.js";
import { openDatabase } from "../src/adapters/persistence/database.js";
import { type OutboxPacing, startOutboxWorker } from "../src/adapters/scheduler/outbox-worker.js";
import { createOutboxApi } from "../src/adapters/telegram/create-bot.js";
import { TelegramPause } from "../src/adapters/telegram/rate-limit-pause.js";
import { TelegramMessageSender } from "../src/adapters/telegram/telegram-message-sender.js";
import type { Charge } from "../src/core/domain/fees.js";
import { defaultOwnerHours } from "../src/core/domain/working-hours.js";
import { reminderRunTask } from "../src/core/kinds/fee/reminder-run.js";
import { productRegistry } from "../src/core/kinds/index.js";
import type { WorkflowContext } from "../src/core/ports/workflow-context.js";
import { ensureRecurringTasks } from "../src/core/use-cases/ensure-recurring-tasks.js";
import { runDueWork } from "../src/core/use-cases/run-due-work.js";
import { startFakeTelegram } from "../src/testing/fake-telegram-server.js";

const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 10_000);
const TELEGRAM_LIMIT = 30;
const MIN_RATIO = 0.95;
const timeZone = "Asia/Shanghai";
const runAt = new Date("2026-12-02T10:00:00+08:00");
const dueDate = "2026-12-01";
const token = "123456:BENCH-reminders";
const chatOf = (n: number) => String(600_000_000 + n);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Units, their owners verified in the bot, and one overdue charge each, written in one transaction. */
async function seed(ctx: WorkflowContext): Promise<void> {
  const createdAt = new Date(runAt.getTime() - 30 * 86_400_000);
  await ctx.uow.transaction(async (store) => {
    const units = await store.units.upsertMany(
      Array.from({ length: HOUSEHOLDS }, (_, n) => ({ building: String(1 + Math.floor(n / 500)), unit: String(n % 500).padStart(4, "0"), areaM2: 89.5, handoverDate: "2020-06-01", warrantyMonths: 24 })),
    );
    const phone = (n: number) => `+86139${String(n).padStart(8, "0")}`;
    await store.residents.insertMany(units.map(({ unit }, n) => ({ unitId: unit.id, name: `业主${n}`, phone: phone(n), locale: "zh-CN", role: "owner", source: "registry" })));
    for (let n = 0; n < HOUSEHOLDS; n++) {
      await store.identities.save({ ownerUserId: chatOf(n), chatId: chatOf(n), locale: "zh-CN", displayName: `业主${n}`, phone: phone(n), verified: true });
    }
    const charges: Charge[] = units.map(({ unit }) => ({
      id: crypto.randomUUID(),
      unitId: unit.id,
      feeType: "property",
      period: "2026-11",
      amountFen: 26_850,
      dueDate,
      paidFen: 0,
      promisedBy: null,
      disputeCaseId: null,
      createdAt,
      updatedAt: createdAt,
    }));
    await store.charges.upsertMany(charges);
  });
}

/** The wall clock's pace, shifted to `from`: real pauses, so the fake's real-time limit applies. */
function shiftedClock(from: Date): OutboxPacing {
  const offsetMs = from.getTime() - Date.now();
  return { now: () => new Date(Date.now() + offsetMs), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
}

const dir = await mkdtemp(path.join(os.tmpdir(), "frontdesk-bench-"));
const database = await openDatabase(`file:${path.join(dir, "bench.db")}`);
const telegram = await startFakeTelegram({ token, messagesPerSecond: TELEGRAM_LIMIT });
try {
  await database.migrate();
  let now = new Date(runAt.getTime() - 60_000);
  const ctx: WorkflowContext = { uow: database.unitOfWork, time: { now: () => now }, timeZone, kinds: productRegistry() };
  const cpus = os.cpus();
  console.log(`machine: ${cpus.length} x ${cpus[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`);
  console.log(`${HOUSEHOLDS.toLocaleString("en")} households on SQLite, each with a verified owner and a property fee due ${dueDate}; goals: send rate >= ${MIN_RATIO} x ${TELEGRAM_LIMIT}/s, none lost`);

  let started = Date.now();
  await seed(ctx);
  await ensureRecurringTasks(ctx, [{ task: reminderRunTask }]);
  console.log(`  seeded in ${seconds(Date.now() - started)}`);

  now = runAt;
  started = Date.now();
  const reports = await runDueWork(ctx);
  const queued = await database.unitOfWork.transaction((store) => store.outbox.countByStatus());
  // One report per page of households; the last one names the end of the register.
  const pages = reports.filter((report) => report.task === reminderRunTask);
  console.log(`  ${reminderRunTask} in ${seconds(Date.now() - started)}, ${pages.length} pages (last: ${pages.at(-1)?.detail ?? "none"}); outbox ${JSON.stringify(queued)}`);

  const translator = createI18nextTranslator({ localesDir: path.resolve(import.meta.dirname, "../locales"), timeZone, fallbackLocale: "zh-CN" });
  /** How long each claim of the worker took (ms): the query between two batches. */
  const claims: number[] = [];
  const inner = database.unitOfWork;
  const timedUow: typeof inner = {
    transaction: (work) =>
      inner.transaction((store) =>
        work({
          ...store,
          outbox: {
            ...store.outbox,
            claim: async (...args) => {
              const claimStarted = Date.now();
              const claimed = await store.outbox.claim(...args);
              claims.push(Date.now() - claimStarted);
              return claimed;
            },
          },
        }),
      ),
  };
  const worker = startOutboxWorker({
    uow: timedUow,
    senders: { telegram: new TelegramMessageSender(createOutboxApi(token, new TelegramPause(), telegram.apiRoot), translator, ctx.kinds, timeZone) },
    logger: pino({ level: process.env.BENCH_LOG_LEVEL ?? "warn" }),
    pacing: shiftedClock(new Date(runAt.getTime() + 60_000)),
    ownerHours: { hours: defaultOwnerHours, timeZone },
  });
  started = Date.now();
  // Idle is not done: after a 429 the rest of a batch waits out retry_after, and the worker rests
  // until its next poll. Done is every household's reminder accepted, or none for 30 s.
  const acceptedCount = () => telegram.callsOf("sendMessage").filter((call) => call.response?.status === 200).length;
  for (let last = -1, lastChangeAt = Date.now(); acceptedCount() < HOUSEHOLDS && Date.now() - lastChangeAt < 30_000; ) {
    worker.wake();
    await worker.idle();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const count = acceptedCount();
    if (count !== last) [last, lastChangeAt] = [count, Date.now()];
  }
  await worker.stop();

  const sends = telegram.callsOf("sendMessage");
  const accepted = sends.filter((call) => call.response?.status === 200);
  const refused = sends.filter((call) => call.response?.status === 429).length;
  const lastAt = Math.max(...accepted.map((call) => call.at));
  const rate = accepted.length / ((lastAt - started) / 1000);
  const ratio = rate / TELEGRAM_LIMIT;
  const perHousehold = Array.from({ length: HOUSEHOLDS }, (_, n) => telegram.chat(chatOf(n)).length);
  const missing = perHousehold.filter((count) => count === 0).length;
  const repeated = perHousehold.filter((count) => count > 1).length;
  const left = await database.unitOfWork.transaction((store) => store.outbox.countByStatus());
  if (process.env.BENCH_GAPS) {
    const at = accepted.map((call) => call.at).sort((a, b) => a - b);
    const gaps = at.slice(1).map((t, i) => t - (at[i] as number)).sort((a, b) => a - b);
    const pick = (q: number) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))];
    console.log(`  gaps between accepted messages (ms): p10 ${pick(0.1)} p50 ${pick(0.5)} p90 ${pick(0.9)} p99 ${pick(0.99)} max ${pick(1)}; first after ${(at[0] ?? 0) - started} ms`);
    const sortedClaims = [...claims].sort((a, b) => a - b);
    console.log(`  ${claims.length} claims (ms): median ${sortedClaims[Math.floor(claims.length / 2)]}, max ${sortedClaims[claims.length - 1]}`);
  }
  const rateOk = ratio >= MIN_RATIO;
  const lostOk = missing + repeated === 0;
  console.log(`  delivered ${accepted.length.toLocaleString("en")} reminders in ${seconds(lastAt - started)}: ${rate.toFixed(2)} messages/s, ratio ${ratio.toFixed(3)} of ${TELEGRAM_LIMIT}/s (goal >= ${MIN_RATIO}) ${rateOk ? "PASS" : "FAIL"}`);
  console.log(`  refused with 429: ${refused}; households without a reminder: ${missing}, with more than one: ${repeated} (goal 0) ${lostOk ? "PASS" : "FAIL"}; outbox after: ${JSON.stringify(left)}`);
  console.log(rateOk && lostOk ? "overall PASS" : "overall FAIL");
  process.exitCode = rateOk && lostOk ? 0 : 1;
} finally {
  await telegram.close();
  await database.close();
  await rm(dir, { recursive: true, force: true });
}

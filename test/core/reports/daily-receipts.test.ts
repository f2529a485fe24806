import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseKind } from "../../../src/adapters/persistence/database.js";
import { receiptsDayDigest } from "../../../src/adapters/slack/digests/receipts-day.js";
import { issueReceipt } from "../../../src/core/case/machinery/receipts.js";
import type { Receipt } from "../../../src/core/domain/receipts.js";
import type { WorkflowContext } from "../../../src/core/ports/workflow-context.js";
import { dailyReceiptsTask, getDailyReceipts } from "../../../src/core/reports/daily-receipts.js";
import { ensureRecurringTasks } from "../../../src/core/use-cases/ensure-recurring-tasks.js";
import { runDueWork } from "../../../src/core/use-cases/run-due-work.js";
import { blockKitErrors } from "../../../src/testing/slack-blocks.js";
import { textOf } from "../../adapters/slack/block-text.js";
import { englishText, expectNoMissingKeys } from "../../adapters/slack/staff-text.js";
import { openTestDatabase, postgresSkipReason, postgresTestUrl, type TestDatabase } from "../../support/databases.js";
import { createFixture, type ManualTime, unitRow } from "../../support/workflow-fixture.js";

afterEach(expectNoMissingKeys);

const { t, formatInstant } = englishText();

const line = (amountFen: number) => [{ code: "CL-HOURLY", nameZh: "钟点清洁", nameEn: "Hourly cleaning", quantity: 1, unitPriceFen: amountFen, amountFen }];

/** Records a fee at the local instant `at` (with its offset) for the resident of unit 3-`unit`. */
async function feeAt(ctx: WorkflowContext, time: ManualTime, at: string, unit: string, amountFen: number): Promise<Receipt> {
  time.set(at);
  return ctx.uow.transaction(async (store) => {
    const found = (await store.units.findByAddress("3", unit))!;
    const payer = (await store.residents.listByUnit(found.id))[0]!;
    return issueReceipt(store, { caseId: null, unitId: found.id, payerId: payer.id, lines: line(amountFen) }, time.now(), ctx.timeZone);
  });
}

function theDailyRecord(kind: DatabaseKind) {
  let test: TestDatabase | null = null;
  afterEach(async () => {
    await test?.cleanup();
    test = null;
  });

  it("lists the local day's receipts with payers and total, checks the year's sequence, and names the missing numbers", async () => {
    test = await openTestDatabase(kind);
    const { ctx, time } = await createFixture({
      store: test.database.unitOfWork,
      units: [unitRow(), unitRow({ unit: "1203", owner_name: "李雷", phone: "+8613800000002" })],
      at: "2026-11-30T10:00:00+08:00",
    });
    await feeAt(ctx, time, "2026-11-30T23:30:00+08:00", "1202", 8_800);
    await feeAt(ctx, time, "2026-12-01T09:05:00+08:00", "1203", 15_000);
    await feeAt(ctx, time, "2026-12-01T23:30:00+08:00", "1202", 4_450);

    const first = await getDailyReceipts(ctx, "2026-12-01");
    expect(first.receipts.map((r) => [r.number, r.amountFen, r.payerName, `${r.building}-${r.unit}`])).toEqual([
      ["RC-2026-000002", 15_000, "李雷", "3-1203"],
      ["RC-2026-000003", 4_450, "王芳", "3-1202"],
    ]);
    expect(first.totalFen).toBe(19_450);
    expect(first.sequence).toEqual({ count: 3, first: "RC-2026-000001", last: "RC-2026-000003", missing: [], missingCount: 0 });
    // 23:30 local on the 30th is the 30th's, although it is the 1st in UTC.
    expect((await getDailyReceipts(ctx, "2026-11-30")).receipts.map((r) => r.number)).toEqual(["RC-2026-000001"]);

    // A receipt numbered past two that were never recorded: the check names them.
    const unit = (await ctx.uow.transaction((store) => store.units.findByAddress("3", "1202")))!;
    const payer = (await ctx.uow.transaction((store) => store.residents.listByUnit(unit.id)))[0]!;
    await ctx.uow.transaction((store) =>
      store.receipts.create({ id: "gap-6", number: "RC-2026-000006", caseId: null, workOrderId: null, period: null, unitId: unit.id, payerId: payer.id, lines: line(100), amountFen: 100, issuedAt: new Date("2026-12-02T02:00:00Z") }),
    );
    const gap = await getDailyReceipts(ctx, "2026-12-02");
    expect(gap.sequence).toEqual({ count: 4, first: "RC-2026-000001", last: "RC-2026-000006", missing: ["RC-2026-000004", "RC-2026-000005"], missingCount: 2 });
    // The day before knew nothing of it.
    expect((await getDailyReceipts(ctx, "2026-12-01")).sequence.missingCount).toBe(0);

    // The new year's sequence starts again and is checked alone.
    await feeAt(ctx, time, "2027-01-01T00:10:00+08:00", "1203", 2_000);
    const newYear = await getDailyReceipts(ctx, "2027-01-01");
    expect(newYear.receipts.map((r) => r.number)).toEqual(["RC-2027-000001"]);
    expect(newYear.sequence).toEqual({ count: 1, first: "RC-2027-000001", last: "RC-2027-000001", missing: [], missingCount: 0 });
  });

  it("is queued for the front desk at 18:00 local each day, once per day", async () => {
    test = await openTestDatabase(kind);
    const { ctx, time } = await createFixture({ store: test.database.unitOfWork, at: "2026-12-01T10:00:00+08:00" });
    expect(await ensureRecurringTasks(ctx, [{ task: dailyReceiptsTask }])).toBe(1);
    time.set("2026-12-01T17:59:00+08:00");
    expect((await runDueWork(ctx)).filter((r) => r.task === dailyReceiptsTask)).toEqual([]);
    time.set("2026-12-01T18:00:00+08:00");
    expect((await runDueWork(ctx)).find((r) => r.task === dailyReceiptsTask)?.detail).toBe("receipts of 2026-12-01");
    expect(await ensureRecurringTasks(ctx, [{ task: dailyReceiptsTask }])).toBe(0);
    time.set("2026-12-02T18:00:00+08:00");
    await runDueWork(ctx);
    // One team's messages go out one after another: each is taken once the one before was sent.
    const digests: unknown[] = [];
    for (let taken = 0; taken < 3; taken += 1) {
      const [message] = await ctx.uow.transaction((store) => store.outbox.claim("slack", time.now(), 10, new Date(time.now().getTime() + 60_000)));
      if (!message) break;
      digests.push(message.payload);
      await ctx.uow.transaction((store) => store.outbox.markSent(message.id, `ts-${taken}`));
    }
    expect(digests).toEqual([
      { type: "staff.digest", team: "frontdesk", digest: "receipts.day", period: "2026-12-01" },
      { type: "staff.digest", team: "frontdesk", digest: "receipts.day", period: "2026-12-02" },
    ]);
  });
}

describe("the daily receipts record: SQLite", () => {
  theDailyRecord("sqlite");
});

describe.skipIf(!postgresTestUrl)(`the daily receipts record: PostgreSQL${postgresTestUrl ? "" : ` SKIPPED: ${postgresSkipReason}`}`, () => {
  theDailyRecord("postgresql");
});

describe("the daily receipts digest", () => {
  const receipt = (n: number, amountFen: number, payerName: string) => ({
    number: `RC-2026-${String(n).padStart(6, "0")}`,
    amountFen,
    payerName,
    building: "3",
    unit: String(1200 + n),
    issuedAt: new Date("2026-12-01T02:00:00Z"),
  });

  it("shows each receipt's number, amount and payer, the total, and that the sequence is whole", () => {
    const { text, blocks } = receiptsDayDigest(
      { day: "2026-12-01", receipts: [receipt(2, 15_000, "李雷"), receipt(3, 4_450, "<!channel>")], totalFen: 19_450, sequence: { count: 3, first: "RC-2026-000001", last: "RC-2026-000003", missing: [], missingCount: 0 } },
      t,
      formatInstant,
    );
    const shown = textOf(blocks);
    expect(text).toBe("Receipts of 2026-12-01: 2, total ¥194.50, numbers in sequence");
    expect(shown).toMatch(/RC-2026-000002 · ¥150\.00 · 李雷 \(3-1202\) · /);
    expect(shown).toContain("RC-2026-000003 · ¥44.50 · &lt;!channel&gt; (3-1203)");
    expect(shown).toContain("2 receipts today, total ¥194.50");
    expect(shown).toContain("Numbers in sequence: RC-2026-000001 to RC-2026-000003, 3 receipts, none missing.");
    expect(blockKitErrors(blocks, 50)).toEqual([]);
  });

  it("warns of the missing numbers, and keeps a long day within one message", () => {
    const many = Array.from({ length: 5_000 }, (_, index) => receipt(index + 1, 100, "王芳"));
    const { text, blocks } = receiptsDayDigest(
      { day: "2026-12-02", receipts: many, totalFen: 500_000, sequence: { count: 5_000, first: "RC-2026-000001", last: "RC-2026-005002", missing: ["RC-2026-000004", "RC-2026-000005"], missingCount: 2 } },
      t,
      formatInstant,
    );
    const shown = textOf(blocks);
    expect(text).toBe("Receipts of 2026-12-02: 5000, total ¥5000.00, 2 numbers missing");
    expect(shown).toContain("⚠️ 2 numbers missing (RC-2026-000001 to RC-2026-005002): RC-2026-000004, RC-2026-000005");
    expect(shown).toMatch(/…and \d+ more, see the receipts ledger\./);
    expect(shown).toContain("5000 receipts today, total ¥5000.00");
    expect(blockKitErrors(blocks, 50)).toEqual([]);
    expect(blocks.length).toBeLessThanOrEqual(50);
  });

  it("says so on a day without receipts", () => {
    const { blocks } = receiptsDayDigest({ day: "2026-12-03", receipts: [], totalFen: 0, sequence: { count: 0, first: null, last: null, missing: [], missingCount: 0 } }, t, formatInstant);
    expect(textOf(blocks)).toContain("No receipts were issued today.");
    expect(textOf(blocks)).toContain("No receipts issued this year yet.");
  });
});

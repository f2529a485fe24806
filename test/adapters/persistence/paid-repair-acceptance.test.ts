import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseKind } from "../../../src/adapters/persistence/database.js";
import { answerFixed } from "../../../src/core/kinds/repair/use-cases/answer-fixed.js";
import type { WorkflowContext } from "../../../src/core/ports/workflow-context.js";
import { importPrices } from "../../../src/core/use-cases/import-prices.js";
import { recordCallback } from "../../../src/core/use-cases/record-callback.js";
import { openTestDatabase, postgresSkipReason, postgresTestUrl, type TestDatabase } from "../../support/databases.js";
import { createFixture, reportedRepair, unitRow } from "../../support/workflow-fixture.js";
import { finishAt, openCallbackOf } from "../../core/repair/repair-steps.js";

const maintenanceStandard = [{ code: "MT-TAP", team: "maintenance", name_zh: "更换水龙头", name_en: "Replace a tap", pricing_unit: "visit", price: "30.00", onsite_pricing: "no" }];

function acceptanceRace(kind: DatabaseKind) {
  let test: TestDatabase | null = null;

  afterEach(async () => {
    await test?.cleanup();
    test = null;
  });

  it("the owner's Yes and the front desk's Satisfied at the same moment record one receipt, and the next number follows it", async () => {
    test = await openTestDatabase(kind);
    const { ctx, time } = await createFixture({ store: test.database.unitOfWork, units: [unitRow({ handover_date: "2020-01-01", warranty_months: "12" })] });
    await importPrices(ctx, maintenanceStandard.map((values, index) => ({ line: index + 2, values })));
    const ticket = await reportedRepair(ctx);
    await finishAt(ctx, time, ticket, "2026-12-01T03:00:00Z", [{ code: "MT-TAP", quantity: 1 }]);
    const callback = await openCallbackOf(ctx, ticket.id);
    // The front desk's click arrives on another connection (another instance, for PostgreSQL).
    const frontDesk: WorkflowContext = { ...ctx, uow: kind === "postgresql" ? (await test.connectAgain()).unitOfWork : ctx.uow };

    const outcomes = await Promise.allSettled([
      answerFixed(ctx, { caseId: ticket.id, ownerUserId: "7001", answer: "yes" }),
      recordCallback(frontDesk, { callbackId: callback!.id, staffUserId: "UFRONT1", outcome: "satisfied" }),
    ]);

    expect(outcomes.some((outcome) => outcome.status === "fulfilled")).toBe(true);
    const receipts = await ctx.uow.transaction((store) => store.receipts.listByCase(ticket.id));
    expect(receipts.map((receipt) => [receipt.number, receipt.amountFen])).toEqual([["RC-2026-000001", 3_000]]);
    const next = await reportedRepair(ctx, { ownerUserId: "7001" });
    await finishAt(ctx, time, next, "2026-12-02T03:00:00Z", [{ code: "MT-TAP", quantity: 2 }]);
    await answerFixed(ctx, { caseId: next.id, ownerUserId: "7001", answer: "yes" });
    expect((await ctx.uow.transaction((store) => store.receipts.listByCase(next.id))).map((receipt) => receipt.number)).toEqual(["RC-2026-000002"]);
  });
}

describe("a paid repair's acceptance on SQLite", () => {
  acceptanceRace("sqlite");
});

describe.skipIf(!postgresTestUrl)(postgresTestUrl ? "a paid repair's acceptance on PostgreSQL" : `a paid repair's acceptance on PostgreSQL SKIPPED: ${postgresSkipReason}`, () => {
  acceptanceRace("postgresql");
});

import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { loggingBusinessEvents } from "../../src/app/business-log.js";
import { claimCase } from "../../src/core/use-cases/claim-case.js";
import { createFixture, reportedRepair } from "../support/workflow-fixture.js";

describe("the operator's log of business events", () => {
  it("says one line per case event: number, action, the actor's team and role, never a phone or a name", async () => {
    const fixture = await createFixture();
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const ctx = { ...fixture.ctx, uow: loggingBusinessEvents(fixture.ctx.uow, logger) };

    const ticket = await reportedRepair(ctx);
    await claimCase(ctx, { caseId: ticket.id, staffUserId: "UMAINT1" });

    const events = lines.filter((line) => line.msg === "case event");
    expect(events.map(({ case: number, action, actor }) => ({ number, action, actor }))).toEqual([
      { number: "R-2026-000001", action: "reported", actor: "owner" },
      { number: "R-2026-000001", action: "claim", actor: "maintenance member" },
    ]);
    const raw = JSON.stringify(lines);
    for (const personal of ["13800000001", "Zhang Wei", "王芳", "Kitchen"]) expect(raw).not.toContain(personal);
  });
});

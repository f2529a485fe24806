import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { refusalText } from "../../../src/adapters/slack/blocks/refusal-text.js";
import { claimCase } from "../../../src/core/use-cases/claim-case.js";
import { proposeAppointment } from "../../../src/core/kinds/repair/use-cases/propose-appointment.js";
import { confirmAppointment } from "../../../src/core/kinds/repair/use-cases/confirm-appointment.js";
import { WorkflowError } from "../../../src/core/domain/errors.js";
import { blockActionPayload, postToBolt } from "../../../src/testing/fake-slack-server.js";
import { reportedRepair } from "../../support/workflow-fixture.js";
import { buttonOf } from "./block-text.js";
import { MAINTENANCE_CHANNEL, SIGNING_SECRET, type SlackHarness, startSlackHarness } from "./slack-harness.js";
import { expectNoMissingKeys, testTranslator } from "./staff-text.js";

afterEach(expectNoMissingKeys);

describe("a refused click says why and who can, for every kind of refusal", () => {
  let h: SlackHarness;
  let ticketId: string;

  beforeEach(async () => {
    h = await startSlackHarness();
    ticketId = (await reportedRepair(h.ctx)).id;
    await h.deliver();
  });

  afterEach(async () => {
    await h.close();
  });

  async function refusalTo(actionId: string, user: string): Promise<unknown> {
    const card = h.latest(MAINTENANCE_CHANNEL);
    const value = buttonOf(card.blocks, "ticket.claim").value ?? "";
    await postToBolt(h.url, SIGNING_SECRET, blockActionPayload({ user, channel: MAINTENANCE_CHANNEL, messageTs: card.ts, actionId, value, message: card }));
    return (await h.fake.waitForCall("chat.postEphemeral", (call) => call.payload.user === user)).payload.text;
  }

  it("wrong team: a cleaning member's Claim says the work is Maintenance's", async () => {
    expect(await refusalTo("ticket.claim", "UCLEAN1")).toBe(
      "This is work for Maintenance, and you are in Cleaning. Only Maintenance can claim R-2026-000001.",
    );
  });

  it("wrong role: a maintenance member's Assign names the maintenance leader who can", async () => {
    expect(await refusalTo("ticket.assign", "UMAINT1")).toBe(
      "You are a member of Maintenance. Only the Maintenance leader (Zhao Lei) or the front desk can assign R-2026-000001.",
    );
  });

  it("someone else's job: Start by another member names the person on the job and the leader", async () => {
    await claimCase(h.ctx, { caseId: ticketId, staffUserId: "UMAINT1" });
    await proposeAppointment(h.ctx, { caseId: ticketId, staffUserId: "UMAINT1", at: new Date(h.ctx.time.now().getTime() + 3_600_000) });
    await confirmAppointment(h.ctx, { caseId: ticketId, ownerUserId: "7001" });

    expect(await refusalTo("ticket.start", "UMAINT2")).toBe(
      "R-2026-000001 is Zhang Wei's job. Only the person on the job (Zhang Wei) or the Maintenance leader (Zhao Lei) can start R-2026-000001.",
    );
  });

  it("wrong state: Start on a new repair says what state it is in", async () => {
    expect(await refusalTo("ticket.start", "UMAINT1")).toBe("You cannot start R-2026-000001 now: it is “New”.");
  });
});

describe("refusals in the staff's language", () => {
  it("a Chinese staff side reads the refusal in Chinese, with the leader's name", () => {
    const translator = testTranslator();
    const error = new WorkflowError("forbidden", "internal", {
      number: "R-2026-000002",
      action: "assign",
      reason: "wrong_role",
      holders: "team_leader+frontdesk",
      team: "maintenance",
      yourTeam: "maintenance",
      yourRole: "member",
      leader: "赵磊",
      assignee: "",
    });

    const text = refusalText((key, params) => translator.t("zh-CN", key, params), error);

    expect(text).toBe("您是维修部的组员。只有维修部组长（赵磊）或前台可以对 R-2026-000002 派工。");
  });
});

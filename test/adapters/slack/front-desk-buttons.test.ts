import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { importStaff } from "../../../src/core/use-cases/import-staff.js";
import { registerOwnerIdentity } from "../../../src/core/use-cases/register-owner-identity.js";
import { requestVerification } from "../../../src/core/use-cases/request-verification.js";
import { runDueWork } from "../../../src/core/use-cases/run-due-work.js";
import { shareContact } from "../../../src/core/use-cases/share-contact.js";
import { reportedRepair } from "../../support/workflow-fixture.js";
import { buttonLabels, textOf } from "./block-text.js";
import { finishRepair, FRONTDESK_CHANNEL, pendingOfType, type SlackHarness, startSlackHarness } from "./slack-harness.js";
import { expectNoMissingKeys } from "./staff-text.js";

afterEach(expectNoMissingKeys);

describe("front desk buttons, through the real Bolt app", () => {
  let h: SlackHarness;

  beforeEach(async () => {
    h = await startSlackHarness();
  });

  afterEach(async () => {
    await h.close();
  });

  describe("the callback prompt", () => {
    let ticketId: string;

    beforeEach(async () => {
      ticketId = (await reportedRepair(h.ctx)).id;
      await finishRepair(h.ctx, ticketId);
      // Finished 11-30 10:00 Shanghai: prompted the next day, due two days after the work.
      h.time.set("2026-12-01T02:00:00Z");
      await runDueWork(h.ctx);
      await h.deliver();
    });

    it("reaches the front desk channel with the three outcomes", () => {
      const prompt = h.latest(FRONTDESK_CHANNEL);

      expect(prompt.text).toBe("Callback R-2026-000001, attempt 1, due Wed, Dec 2, 10:00");
      // One card per callback: the waiting card of the completion became the prompt.
      expect(h.fake.channel(FRONTDESK_CHANNEL).filter((message) => message.text.startsWith("Callback"))).toHaveLength(1);
      expect(buttonLabels(prompt.blocks)).toEqual(["Reached, satisfied", "Reached, not fixed", "No answer", "Show number"]);
    });

    it("No answer records the attempt, schedules a retry, and the prompt is redrawn with the outcome", async () => {
      const prompt = h.latest(FRONTDESK_CHANNEL);

      await h.click(prompt, "callback.no_answer", "UFRONT1");
      await vi.waitFor(() => expect(h.memory.snapshot().callbacks[0]).toMatchObject({ attempts: 1, status: "scheduled", outcome: "no_answer" }));
      await h.deliver();

      expect(h.ticket(ticketId).status).toBe("awaiting_callback");
      expect(h.memory.snapshot().events.map((event) => event.type)).toContain("callback_no_answer");
      const redrawn = h.fake.channel(FRONTDESK_CHANNEL).find((message) => message.ts === prompt.ts);
      expect(buttonLabels(redrawn?.blocks)).toEqual(["Show number"]);
      expect(textOf(redrawn?.blocks)).toContain("Attempt 1 recorded: no answer");
      expect(textOf(redrawn?.blocks)).toContain("Next attempt due Tue, Dec 1, 14:00");
    });

    it("a maintenance member's click on the prompt is refused and records nothing", async () => {
      await h.click(h.latest(FRONTDESK_CHANNEL), "callback.satisfied", "UMAINT1");
      const ephemeral = await h.fake.waitForCall("chat.postEphemeral");

      expect(ephemeral.payload).toMatchObject({ user: "UMAINT1", text: "This is work for the front desk, and you are in Maintenance. Only the front desk can record the callback of R-2026-000001." });
      expect(h.memory.snapshot().callbacks[0]).toMatchObject({ attempts: 0, status: "prompted" });
      expect(pendingOfType(h.memory, "staff.case-prompt")).toEqual([]);
    });
  });

  const verificationCard = async () => {
    await registerOwnerIdentity(h.ctx, { ownerUserId: "7002", chatId: "7002", displayName: "Chen Jie", languageCode: "en", defaultLocale: "zh-CN" });
    await shareContact(h.ctx, { ownerUserId: "7002", contactUserId: "7002", phone: "+8613900000002" });
    await requestVerification(h.ctx, { ownerUserId: "7002", building: "3", unit: "1202" });
    await h.deliver();
    return h.latest(FRONTDESK_CHANNEL);
  };

  it("Approve on a verification card verifies the owner and the card shows who decided", async () => {
    const card = await verificationCard();

    await h.click(card, "verification.approve", "UFRONT1");
    await vi.waitFor(() => expect(h.memory.snapshot().verifications[0]?.status).toBe("approved"));
    await h.deliver();

    expect(h.memory.snapshot().identities.find((identity) => identity.ownerUserId === "7002")?.verified).toBe(true);
    const redrawn = h.latest(FRONTDESK_CHANNEL);
    expect(redrawn.ts).toBe(card.ts);
    expect(buttonLabels(redrawn.blocks)).toEqual([]);
    expect(textOf(redrawn.blocks)).toContain("Approved by Lily Chen");
  });

  it("a refused click is not remembered as done: a receptionist refused before the staff import approves with their next click", async () => {
    const card = await verificationCard();
    await h.click(card, "verification.approve", "UFRONT9");
    await h.fake.waitForCall("chat.postEphemeral", (call) => call.payload.user === "UFRONT9");
    await importStaff(h.ctx, [{ line: 2, values: { slack_user_id: "UFRONT9", name: "Amy Lin", team: "frontdesk", role: "member" } }]);

    await h.click(card, "verification.approve", "UFRONT9");

    await vi.waitFor(() => expect(h.memory.snapshot().verifications[0]?.status).toBe("approved"));
    expect(h.logs.map((line) => line.msg)).not.toContain("repeated click ignored");
  });
});

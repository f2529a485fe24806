import { afterEach, describe, expect, it } from "vitest";
import { alertBlocks } from "../../../src/adapters/slack/blocks/alert.js";
import { assignModal, cancelModal } from "../../../src/adapters/slack/blocks/modals.js";
import { callbackPromptBlocks } from "../../../src/adapters/slack/kinds/repair/callback-prompt.js";
import { repairSummary } from "../../../src/adapters/slack/kinds/repair/card.js";
import { scheduleModal } from "../../../src/adapters/slack/kinds/repair/schedule-modal.js";
import { verificationCardBlocks } from "../../../src/adapters/slack/blocks/verification-card.js";
import type { VerificationRequest } from "../../../src/core/domain/registry.js";
import { blockKitErrors } from "../../../src/testing/slack-blocks.js";
import { buttonLabels, buttonOf, textOf } from "./block-text.js";
import { aCallback, aRepairView, aTicket, englishText, expectNoMissingKeys } from "./staff-text.js";

afterEach(expectNoMissingKeys);

const { t, formatInstant } = englishText();
const metadata = { ticketId: "ticket-1", channel: "C0MAINT" };

describe("the callback prompt", () => {
  const done = { status: "awaiting_callback", details: { completedAt: new Date("2026-12-01T08:00:00Z") } };

  it("shows the owner's own Fixed? answer, the due time, the attempt and the three outcomes while open", () => {
    const view = aRepairView({ subject: { ...done, details: { ...done.details, ownerFixedAnswer: "yes" } }, callback: aCallback() });
    const { text, blocks } = callbackPromptBlocks(view, 1, t, formatInstant);
    const shown = textOf(blocks);

    expect(shown).toMatch(/Owner's own answer\*\nYes, fixed/);
    expect(shown).toContain("Callback R-2026-000001 · attempt 1");
    expect(shown).toMatch(/Callback due\*\nThu, Dec 3, 10:00/);
    expect(buttonLabels(blocks)).toEqual(["Reached, satisfied", "Reached, not fixed", "No answer", "Show number"]);
    expect(JSON.parse(buttonOf(blocks, "callback.no_answer").value ?? "")).toEqual({ callbackId: "callback-1", attempt: 1 });
    expect(text).toBe("Callback R-2026-000001, attempt 1, due Thu, Dec 3, 10:00");
    expect(blockKitErrors(blocks, 50)).toEqual([]);
  });

  it("says when the owner did not answer in the bot", () => {
    const { blocks } = callbackPromptBlocks(aRepairView({ subject: done, callback: aCallback() }), 1, t, formatInstant);

    expect(textOf(blocks)).toContain("Not answered in the bot");
  });

  const promptClock = (rule: string, dueAt: string) => ({
    id: "clock-1", caseId: "ticket-1", rule, subject: { type: "callback", id: "callback-1" }, startedAt: new Date("2026-12-01T08:00:00Z"),
    dueAt: new Date(dueAt), breachAt: null, stoppedAt: null, escalatedAt: null, data: { attempt: 1 },
  });

  it("is posted when the job is done, waiting with the day the front desk is prompted, without buttons", () => {
    const callback = aCallback({ status: "scheduled" });
    const view = aRepairView({ subject: done, callback, clocks: [promptClock("repair.callback.prompt", "2026-12-02T08:00:00Z")] });
    const { blocks } = callbackPromptBlocks(view, 1, t, formatInstant);

    expect(buttonLabels(blocks)).toEqual([]);
    expect(textOf(blocks)).toContain("Waiting: the front desk is prompted on Wed, Dec 2, 16:00.");
    expect(blockKitErrors(blocks, 50)).toEqual([]);
  });

  it("shows the recorded attempt and the next one instead of the outcomes once an attempt has no answer", () => {
    const callback = aCallback({ attempts: 1, status: "scheduled", outcome: "no_answer" });
    const view = aRepairView({ subject: done, callback, clocks: [promptClock("repair.callback.retry", "2026-12-03T06:00:00Z")] });
    const { blocks } = callbackPromptBlocks(view, 1, t, formatInstant);

    expect(buttonLabels(blocks)).toEqual(["Show number"]);
    expect(textOf(blocks)).toContain("Attempt 1 recorded: no answer");
    expect(textOf(blocks)).toContain("Next attempt due Thu, Dec 3, 14:00");
  });

  it("the same card opens the next attempt with its number when the retry is due", () => {
    const callback = aCallback({ attempts: 1, status: "prompted", outcome: "no_answer" });
    const { blocks } = callbackPromptBlocks(aRepairView({ subject: done, callback }), 1, t, formatInstant);

    expect(buttonLabels(blocks)).toHaveLength(4);
    expect(textOf(blocks)).toContain("attempt 2");
    expect(JSON.parse(buttonOf(blocks, "callback.no_answer").value ?? "")).toEqual({ callbackId: "callback-1", attempt: 2 });
  });

  it("closes a callback made void by a reopened repair", () => {
    const { blocks } = callbackPromptBlocks(aRepairView({ callback: aCallback({ status: "cancelled" }) }), 1, t, formatInstant);

    expect(buttonLabels(blocks)).toEqual([]);
    expect(textOf(blocks)).toContain("the repair was reopened");
  });
});

describe("the verification card", () => {
  const request: VerificationRequest = {
    id: "verification-1", ownerUserId: "7002", name: "Chen <Jie>", phone: "+8613900000002", building: "3", unit: "1202",
    unitId: "unit-1", status: "pending", decidedBy: null, createdAt: new Date("2026-11-30T02:00:00Z"), decidedAt: null,
  };

  it("asks to approve or reject a pending request, with the phone masked", () => {
    const { blocks, text } = verificationCardBlocks(request, null, t, formatInstant);

    expect(textOf(blocks)).toContain("+86 139****0002");
    expect(textOf(blocks)).not.toContain("13900000002");
    expect(buttonLabels(blocks)).toEqual(["Approve", "Reject"]);
    expect(text).toBe("Owner verification: Chen &lt;Jie&gt; for 3-1202 (pending)");
  });

  it("shows who decided instead of buttons", () => {
    const decided = { ...request, status: "approved" as const, decidedBy: "s1", decidedAt: new Date("2026-11-30T03:00:00Z") };
    const { blocks } = verificationCardBlocks(decided, "Lily Chen", t, formatInstant);

    expect(buttonLabels(blocks)).toEqual([]);
    expect(textOf(blocks)).toContain("Approved by Lily Chen on Mon, Nov 30, 11:00");
  });
});

describe("alerts", () => {
  it("mention the people responsible and render the core's key with its formatted due time", () => {
    const { text, blocks } = alertBlocks(
      { type: "staff.alert", team: "frontdesk", key: "alerts.callback_overdue", params: { number: "R-2026-000001", dueAt: { instant: "2026-12-03T02:00:00Z" } }, mentions: ["UFRONTL", "UMANAGR"], caseId: "ticket-1" },
      t,
    );

    expect(text).toBe("<@UFRONTL> <@UMANAGR> R-2026-000001: the callback due Thu, Dec 3, 10:00 is overdue.");
    expect(textOf(blocks)).toContain("<@UFRONTL> <@UMANAGR>");
  });
});

describe("modals", () => {
  it("the Assign modal lists the team with the current assignee preselected", () => {
    const members = [
      { id: "s2", staffUserId: "UMAINT2", name: "Li Qiang", team: "maintenance" as const, role: "member" as const },
      { id: "s3", staffUserId: "UMAINTL", name: "Zhao Lei", team: "maintenance" as const, role: "leader" as const },
    ];
    const repair = aTicket({ assigneeId: "s3" });
    const view = assignModal({ subject: { number: repair.number, summary: repairSummary(repair), assigneeId: repair.assigneeId }, members, metadata }, t);
    const select = (view.blocks[1] as { element: { options: { text: { text: string }; value: string }[]; initial_option?: { value: string } } }).element;

    expect(select.options.map((option) => [option.text.text, option.value])).toEqual([["Li Qiang", "s2"], ["Zhao Lei (leader)", "s3"]]);
    expect(select.initial_option?.value).toBe("s3");
    expect(JSON.parse(view.private_metadata ?? "")).toEqual(metadata);
  });

  it("the Schedule modal shows the owner's wishes and prefills the pickers in the property's zone", () => {
    const repair = aTicket({ details: { ownerTimeRequest: "Saturday afternoon" } });
    const view = scheduleModal({ repair, initial: { date: "2026-12-01", time: "10:00" }, timeZone: "Asia/Shanghai", locale: "en", metadata }, t);
    const shown = textOf(view.blocks);

    expect(shown).toContain("Owner's preferred time: Tomorrow morning");
    expect(shown).toContain("Owner asked instead: Saturday afternoon");
    expect(view.blocks).toContainEqual(expect.objectContaining({ block_id: "date", element: expect.objectContaining({ initial_date: "2026-12-01" }) }));
    expect(view.blocks).toContainEqual(expect.objectContaining({ block_id: "time", element: expect.objectContaining({ initial_time: "10:00", timezone: "Asia/Shanghai" }) }));
  });

  it("every modal keeps Slack's 24-character title limit", () => {
    const views = [
      cancelModal({ subject: { number: "R-2026-000001", summary: repairSummary(aTicket()) }, metadata }, t),
      scheduleModal({ repair: aTicket(), initial: { date: "2026-12-01", time: "10:00" }, timeZone: "Asia/Shanghai", locale: "en", metadata }, t),
    ];
    for (const view of views) expect(view.title.text.length).toBeLessThanOrEqual(24);
  });
});

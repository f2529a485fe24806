import type { types } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { alertBlocks } from "../../../src/adapters/slack/blocks/alert.js";
import { blockKitLimits, fitBlocks, fitMessage, fitModal, fitText, foldMarks } from "../../../src/adapters/slack/blocks/block-limits.js";
import type { KnownBlock, SlackMessage } from "../../../src/adapters/slack/blocks/format.js";
import { intakeDetailsModal } from "../../../src/adapters/slack/blocks/intake-form.js";
import { assignModal, cancelModal } from "../../../src/adapters/slack/blocks/modals.js";
import { verificationCardBlocks } from "../../../src/adapters/slack/blocks/verification-card.js";
import { receiptsDayDigest } from "../../../src/adapters/slack/digests/receipts-day.js";
import { slackKinds } from "../../../src/adapters/slack/kinds/index.js";
import { feeCard } from "../../../src/adapters/slack/kinds/fee/card.js";
import { repairCard } from "../../../src/adapters/slack/kinds/repair/card.js";
import { wordsModal } from "../../../src/adapters/slack/kinds/complaint/modals.js";
import { completeModal } from "../../../src/adapters/slack/kinds/repair/complete-modal.js";
import { correctModal } from "../../../src/adapters/slack/kinds/repair/correct-modal.js";
import type { CaseEvent } from "../../../src/core/case/case.js";
import type { StaffMember } from "../../../src/core/domain/registry.js";
import { complaintCardActions } from "../../../src/core/kinds/complaint/lifecycle.js";
import type { CaseView } from "../../../src/core/use-cases/get-case-view.js";
import { blockKitErrors } from "../../../src/testing/slack-blocks.js";
import { aComplaint } from "../../support/ticket-factory.js";
import { textOf } from "./block-text.js";
import { aCharge, aFeeView } from "./fee-view.js";
import { aServiceView, aWorkOrder } from "./service-view.js";
import { aCallback, aClock, anEvent, aRepairView, englishText, expectNoMissingKeys } from "./staff-text.js";

afterEach(expectNoMissingKeys);

const { t, formatInstant } = englishText();
const marks = foldMarks(t);

/** Owner and staff words far past any field: what a pasted letter or a long dictation gives. */
const essay = (words: string) => Array.from({ length: 400 }, (_, i) => `${words} ${i + 1}.`).join(" ");
const many = <T>(count: number, make: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => make(i));

/** Every limit the fake Slack enforces, and the header, button and option texts within theirs after the fit. */
function expectWithinMessageLimits(message: SlackMessage): void {
  expect(blockKitErrors(message.blocks, blockKitLimits.messageBlocks)).toEqual([]);
  expect(message.text.length).toBeLessThanOrEqual(blockKitLimits.fallbackText);
}

function expectWithinModalLimits(view: types.ModalView): void {
  expect(blockKitErrors(view.blocks, blockKitLimits.modalBlocks)).toEqual([]);
  for (const label of [view.title, view.submit, view.close]) expect(label?.text.length ?? 0).toBeLessThanOrEqual(blockKitLimits.viewTitle);
}

/** Staff events with long free-text reasons, as many as a busy case's card shows. */
function longHistory(caseId: string): CaseEvent[] {
  return many(5, (i) => anEvent({ id: `event-${i}`, caseId, type: "reopened", actor: { type: "staff", id: "s1" }, data: { reason: essay("The owner explained at length") } }));
}

/** An oversized view of each kind the Slack side draws: every text at its longest, lists far past a card's room. */
const oversized: Record<string, () => CaseView<unknown>> = {
  repair: () =>
    aRepairView({
      subject: {
        status: "cancelled",
        cancelReason: essay("Cancelled because"),
        details: { description: essay("Water comes through the ceiling"), preferredTime: essay("Any evening"), chargeLines: many(60, (i) => ({ code: `MT-ITEM-${i}`, nameZh: "更换密封圈", nameEn: "Seal replaced", quantity: 2, unitPriceFen: 5_000, amountFen: 10_000 })) },
      },
      recentEvents: longHistory("ticket-1"),
      clocks: many(20, (i) => aClock({ id: `clock-${i}` })),
      callback: aCallback({ attempts: 2 }),
    }) as CaseView<unknown>,
  complaint: () => {
    const subject = aComplaint({
      details: { description: essay("Drilling"), whenWhere: essay("Every night"), about: essay("The crew"), ownerRequest: essay("Stop it"), answer: essay("We visited"), resolution: essay("Resolved"), invalidReply: essay("Not ours") },
    });
    return {
      unit: { id: "unit-1", building: "3", unit: "1202", areaM2: 89.5, handoverDate: "2025-06-01", warrantyMonths: 24 },
      reporter: { id: "resident-1", unitId: "unit-1", name: "王芳", phone: "+8613800000001", locale: "zh-CN", role: "owner", source: "registry" },
      assignee: null,
      clocks: many(20, (i) => aClock({ id: `clock-${i}`, rule: "complaint.major.resolve" })),
      callback: aCallback({ caseId: subject.id }),
      recentEvents: longHistory(subject.id),
      staffNames: { s1: "Zhang Wei" },
      subject,
      actions: complaintCardActions(subject),
    } as CaseView<unknown>;
  },
  service: () =>
    aServiceView({
      subject: { details: { specialRequests: essay("Please bring"), preferredTime: essay("Saturday"), problemReport: essay("Dust left"), ownerTimeRequest: essay("Later") } },
      workOrders: many(200, (i) => aWorkOrder({ id: `wo-${i}`, sequence: i + 1, number: `S-2026-000001-${String(i + 1).padStart(2, "0")}` })),
      recentEvents: longHistory("service-1"),
      callback: aCallback({ caseId: "service-1" }),
    }) as CaseView<unknown>,
  fee: () =>
    aFeeView({
      charges: many(240, (i) => aCharge({ id: `charge-${i}`, period: `20${String(10 + Math.floor(i / 12)).padStart(2, "0")}-${String((i % 12) + 1).padStart(2, "0")}`, promisedBy: "2026-12-31" })),
      recentEvents: many(40, (i) => anEvent({ id: `answer-${i}`, caseId: "fee-1", type: "fee.disputed", data: { reason: essay("The lift never worked") } })),
    }) as CaseView<unknown>,
};

describe("Block Kit limits: the shared fit", () => {
  it("keeps whole lines of a long text and says how many more there were; a single long line is cut and marked", () => {
    const lines = many(500, (i) => `RC-2026-${String(i).padStart(6, "0")} · ¥350.00 · 3-1202`);
    const folded = fitText(lines.join("\n"), 3000, marks);

    expect(folded.length).toBeLessThanOrEqual(3000);
    const kept = folded.split("\n");
    expect(kept.slice(0, -1)).toEqual(lines.slice(0, kept.length - 1));
    expect(kept.at(-1)).toBe(`… ${lines.length - (kept.length - 1)} more lines`);

    const cut = fitText("x".repeat(5000), 3000, marks);
    expect(cut).toHaveLength(3000);
    expect(cut.endsWith(" (truncated)")).toBe(true);
  });

  it("folds a message over 50 blocks in the middle, keeping its head and its buttons, with a line saying how many are not shown", () => {
    const blocks: KnownBlock[] = [
      { type: "header", text: { type: "plain_text", text: "Card" } },
      ...many(80, (i): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text: `line ${i}` } })),
      { type: "actions", block_id: "ticket_actions", elements: [{ type: "button", action_id: "ticket.claim", text: { type: "plain_text", text: "Claim" }, value: "{}" }] },
    ];
    const fitted = fitBlocks(blocks, 50, marks);

    expect(fitted).toHaveLength(50);
    expect(fitted[0]).toEqual(blocks[0]);
    expect(fitted.at(-1)).toEqual(blocks.at(-1));
    expect(textOf(fitted.at(-2))).toContain("… 33 more not shown");
    expect(blockKitErrors(fitted, 50)).toEqual([]);
  });

  it("cuts a header past 150 characters, a button past 75, an option past 75 and past 100 options, a context past 10 elements and a section past 10 fields", () => {
    const long = "w".repeat(400);
    const blocks: KnownBlock[] = [
      { type: "header", text: { type: "plain_text", text: long } },
      { type: "section", fields: many(14, () => ({ type: "mrkdwn" as const, text: "f".repeat(2500) })) },
      { type: "context", elements: many(15, (i) => ({ type: "mrkdwn" as const, text: `note ${i}` })) },
      { type: "actions", elements: many(30, (i) => ({ type: "button" as const, action_id: `b${i}`, text: { type: "plain_text" as const, text: long }, value: "v" })) },
      {
        type: "input",
        block_id: "pick",
        label: { type: "plain_text", text: "l".repeat(2500) },
        element: { type: "static_select", action_id: "pick", placeholder: { type: "plain_text", text: long }, options: many(150, (i) => ({ text: { type: "plain_text" as const, text: `${i} ${long}` }, value: `v${i}` })) },
      },
    ];
    expect(blockKitErrors(blocks, 100).length).toBeGreaterThan(5);

    const fitted = fitBlocks(blocks, 100, marks);
    expect(blockKitErrors(fitted, 100)).toEqual([]);
    expect(textOf(fitted[2])).toContain("… 6 more not shown");
  });

  it("fits a modal to 100 blocks and its title and buttons to 24 characters", () => {
    const view: types.ModalView = {
      type: "modal",
      title: { type: "plain_text", text: "A title far longer than Slack allows" },
      submit: { type: "plain_text", text: "Save everything now please" },
      blocks: many(130, (i) => ({ type: "section", text: { type: "mrkdwn", text: `row ${i}` } })),
    };
    const fitted = fitModal(view, marks);

    expectWithinModalLimits(fitted);
    expect(fitted.blocks).toHaveLength(100);
  });
});

describe("Block Kit limits: every builder with oversized input, as the sender and the listeners send it", () => {
  it("has an oversized view for every kind the Slack side draws", () => {
    expect(Object.keys(oversized).sort()).toEqual(slackKinds.map((module) => module.kind).sort());
  });

  for (const module of slackKinds) {
    it(`the ${module.kind} card with the longest texts, histories and lists stays within 50 blocks and every text limit, and says what it folded`, () => {
      const build = oversized[module.kind];
      expect(build, `no oversized view of ${module.kind}`).toBeDefined();
      const fitted = fitMessage(module.card((build as () => CaseView<unknown>)(), t, formatInstant), marks);

      expectWithinMessageLimits(fitted);
      expect(textOf(fitted.blocks)).toMatch(/more lines|more not shown|\(truncated\)|…/);
    });

    for (const [name, prompt] of Object.entries(module.prompts)) {
      it(`the ${module.kind} ${name} prompt with the longest texts stays within Block Kit's limits`, () => {
        const view = (oversized[module.kind] as () => CaseView<unknown>)();
        expectWithinMessageLimits(fitMessage(prompt.render(view, 3, t, formatInstant), marks));
      });
    }
  }

  it("the verification card of an owner who typed the longest name and address stays within the limits", () => {
    const request = { id: "v-1", ownerUserId: "7003", name: essay("Olga"), phone: "+79000000000", building: "b".repeat(20), unit: "u".repeat(20), unitId: null, status: "pending" as const, decidedBy: null, createdAt: new Date("2026-11-30T02:00:00Z"), decidedAt: null };
    expectWithinMessageLimits(fitMessage(verificationCardBlocks(request, null, t, formatInstant), marks));
  });

  it("an alert mentioning a whole team with long parameters stays within the limits", () => {
    const alert = alertBlocks({ type: "staff.alert", team: "frontdesk", key: "alerts.callback_overdue", params: { number: essay("R-2026-000001"), at: { instant: "2026-12-03T02:00:00Z" } }, mentions: many(60, (i) => `U${String(i).padStart(10, "0")}`), caseId: null }, t);
    expectWithinMessageLimits(fitMessage(alert, marks));
  });

  it("the day's receipts digest of 3,000 receipts stays within the limits and says how many more there were", () => {
    const receipts = many(3000, (i) => ({ number: `RC-2026-${String(i + 1).padStart(6, "0")}`, amountFen: 35_000, payerName: "王芳", building: "3", unit: "1202", issuedAt: new Date("2026-12-01T03:00:00Z") }));
    const digest = receiptsDayDigest({ day: "2026-12-01", receipts, totalFen: 3000 * 35_000, sequence: { count: 3000, first: "RC-2026-000001", last: "RC-2026-003000", missing: [], missingCount: 0 } } as never, t, formatInstant);
    const fitted = fitMessage(digest, marks);

    expectWithinMessageLimits(fitted);
    expect(textOf(fitted.blocks)).toMatch(/more/);
  });

  it("the shared modals, the repair's modals and a complaint's words modal with the longest texts and 150 staff stay within the limits", () => {
    const subject = { number: "R-2026-000001", summary: essay("Water comes through the ceiling"), assigneeId: null };
    const metadata = { ticketId: "ticket-1", channel: "CMAINT" };
    const members: StaffMember[] = many(150, (i) => ({ id: `s${i}`, staffUserId: `U${i}`, name: essay("Name").slice(0, 200), team: "maintenance", role: "member" }));
    const repair = aRepairView({ subject: { details: { description: essay("Water") } } }).subject;
    const complaint = aComplaint({ details: { description: essay("Drilling") } });
    const views = [
      assignModal({ subject, members, metadata }, t),
      cancelModal({ subject, metadata }, t),
      correctModal({ repair, metadata }, t),
      completeModal({ repair, options: { items: many(300, (i) => ({ code: `MT-ITEM-${i}`, team: "maintenance", nameZh: "更换".repeat(40), nameEn: "Seal ".repeat(40), pricingUnit: "visit", priceFen: 5_000, onsitePricing: false })), initial: [] } as never, metadata }, t),
      wordsModal({ complaint, metadata, name: "answer" } as never, t),
      intakeDetailsModal({ unit: { id: "unit-1", building: "3", unit: "1202", areaM2: 89.5, handoverDate: "2025-06-01", warrantyMonths: 24 }, residents: many(150, (i) => ({ id: `r${i}`, unitId: "unit-1", name: essay("Resident").slice(0, 300), phone: "+8613800000001", locale: "zh-CN", role: "owner", source: "registry" })), metadata: { kind: "repair", channel: "phone", building: "3", unit: "1202" }, kindLabel: "Repair", fields: [] } as never, t),
    ];
    for (const view of views) expectWithinModalLimits(fitModal(view, marks));
  });
});

describe("Block Kit limits: a folded card keeps what staff act on", () => {
  it("a household owing 240 charges sees its first charges, how many more there are, and the total it owes", () => {
    const charges = many(240, (i) => aCharge({ id: `charge-${i}`, period: `20${String(10 + Math.floor(i / 12)).padStart(2, "0")}-${String((i % 12) + 1).padStart(2, "0")}` }));
    const shown = textOf(feeCard(aFeeView({ charges }), t, formatInstant).blocks);

    expect(shown).toContain("2010-01");
    expect(shown).toMatch(/… \d+ more lines/);
    expect(shown).toContain("¥84000.00");
  });

  it("a card whose history holds long reasons still shows its newest event", () => {
    const events = [...longHistory("ticket-1").slice(0, 4), anEvent({ id: "event-newest", type: "claimed", actor: { type: "staff", id: "s1" }, data: {} })];
    const card = repairCard(aRepairView({ recentEvents: events, staffNames: { s1: "Zhang Wei" } }), t, formatInstant);

    expect(textOf(card.blocks)).toMatch(/Zhang Wei\* claimed/);
    expectWithinMessageLimits(card);
  });
});

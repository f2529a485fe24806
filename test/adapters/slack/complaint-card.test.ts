import { afterEach, describe, expect, it } from "vitest";
import { complaintCard, type ComplaintView } from "../../../src/adapters/slack/kinds/complaint/card.js";
import { departmentModal, harmModal, wordsModal } from "../../../src/adapters/slack/kinds/complaint/modals.js";
import { repairCard } from "../../../src/adapters/slack/kinds/repair/card.js";
import { complaintCardActions } from "../../../src/core/kinds/complaint/lifecycle.js";
import { blockKitErrors } from "../../../src/testing/slack-blocks.js";
import { aComplaint } from "../../support/ticket-factory.js";
import { buttonLabels, buttonOf, textOf } from "./block-text.js";
import { aClock, anEvent, aRepairView, englishText, expectNoMissingKeys, testTranslator } from "./staff-text.js";

afterEach(expectNoMissingKeys);

const { t, formatInstant } = englishText();

function aComplaintView(overrides: Partial<Omit<ComplaintView, "subject">> & { subject?: Parameters<typeof aComplaint>[0] } = {}): ComplaintView {
  const subject = aComplaint(overrides.subject);
  return {
    unit: { id: "unit-1", building: "3", unit: "1202", areaM2: 89.5, handoverDate: "2025-06-01", warrantyMonths: 24 },
    reporter: { id: "resident-1", unitId: "unit-1", name: "王芳", phone: "+8613800000001", locale: "zh-CN", role: "owner", source: "registry" },
    assignee: null,
    clocks: [],
    callback: null,
    recentEvents: [anEvent({ caseId: subject.id, toStatus: "received", data: { channel: subject.details.channel } })],
    staffNames: {},
    ...overrides,
    subject,
    actions: overrides.actions ?? complaintCardActions(subject),
  };
}

const card = (...args: Parameters<typeof aComplaintView>) => complaintCard(aComplaintView(...args), t, formatInstant);
const openMajor = {
  status: "open",
  assigneeId: "s1",
  details: { tier: "major", suggestedTier: "major", classifiedAt: new Date("2026-11-30T02:10:00Z"), resolveBy: new Date("2026-12-10T02:00:00Z") },
} as const;

describe("the complaint card", () => {
  it("shows the number, subject, unit, the owner with a masked phone, the channel, the suggested tier and the owner's words", () => {
    const { text, blocks } = card({ subject: { details: { channel: "phone", about: "The renovation crew of 3-1302" } } });
    const shown = textOf(blocks);

    expect(JSON.stringify(blocks[0])).toContain("Complaint C-2026-000001 · Noise");
    for (const expected of [
      "3-1202",
      "王芳 +86 138****0001",
      "Received, not yet classified",
      "*Received by*\nPhone",
      "*Tier*\nSuggested: Minor",
      "*Department*\nNot routed",
      "*Resolve by*\nSet when classified",
      "*What happened*\nDrilling from the unit above after 22:00 every night",
      "*When and where*\nEvery night this week, 3-1302",
      "*About whom*\nThe renovation crew of 3-1302",
      "*What the owner asks for*\nAsk them to stop after 22:00",
      "recorded the complaint (Phone)",
    ]) {
      expect(shown).toContain(expected);
    }
    expect(shown).not.toContain("13800000001");
    expect(text).toBe("Complaint C-2026-000001 · Noise · 3-1202 · Received, not yet classified · Suggested: Minor");
    expect(blockKitErrors(blocks, 50)).toEqual([]);
  });

  it("offers the three tiers and Invalid while received, the suggested tier's button primary", () => {
    const { blocks } = card({ subject: { details: { suggestedTier: "major" } } });

    expect(buttonLabels(blocks)).toEqual(["Major", "Service error", "Minor", "Invalid", "Supervisor takes over", "Harm ongoing", "Cancel"]);
    expect(buttonOf(blocks, "complaint.classify_major")).toMatchObject({ style: "primary" });
    expect(buttonOf(blocks, "complaint.classify_minor")).not.toHaveProperty("style");
    expect(JSON.parse(buttonOf(blocks, "complaint.classify_service_error").value ?? "")).toEqual({ ticketId: "complaint-1", version: 1 });
  });

  it("shows an open major complaint's tier, responsible person, deadlines and the steps of its handling", () => {
    const { blocks } = card({
      subject: { ...openMajor, details: { ...openMajor.details, ownerDeadline: new Date("2026-12-03T15:59:00Z"), contactedAt: new Date("2026-11-30T03:00:00Z") } },
      assignee: { id: "s1", staffUserId: "UMANAGR", name: "Liu Yang", team: "manager", role: "manager" },
    });
    const shown = textOf(blocks);

    expect(shown).toContain("*Tier*\nMajor");
    expect(shown).toContain("*Responsible*\nLiu Yang");
    expect(shown).toContain("*Owner's deadline*\nThu, Dec 3, 23:59");
    expect(shown).toContain("*Resolve by*\nThu, Dec 10, 10:00");
    expect(shown).toContain("*Owner contacted*\nMon, Nov 30, 11:00");
    expect(shown).toContain("*Acknowledged*\n-");
    expect(buttonLabels(blocks)).toEqual(["Invalid", "Acknowledge", "Route to department", "Contacted owner", "Send answer", "Supervisor takes over", "Harm ongoing", "Resolve", "Cancel"]);
  });

  it("shows the answer, the resolution, the owner's verdict and the harm repair's number", () => {
    const { blocks } = card({
      subject: {
        ...openMajor,
        status: "resolved",
        details: {
          ...openMajor.details,
          answer: "We have spoken to the neighbour",
          answeredAt: new Date("2026-11-30T04:00:00Z"),
          resolution: "Works stop at 20:00 from today",
          resolvedAt: new Date("2026-11-30T06:00:00Z"),
          ownerVerdict: "resolved",
          harmRepairId: "repair-9",
        },
      },
      caseNumbers: { "repair-9": "R-2026-000009" },
    });
    const shown = textOf(blocks);

    expect(shown).toContain("*Answer sent Mon, Nov 30, 12:00*\nWe have spoken to the neighbour");
    expect(shown).toContain("*Resolution, Mon, Nov 30, 14:00*\nWorks stop at 20:00 from today");
    expect(shown).toContain("Owner's verdict: resolved");
    expect(shown).toContain("Urgent repair for the ongoing harm: R-2026-000009");
    expect(buttonLabels(blocks)).toEqual([]);
  });

  it("shows the helpful reply of an invalid complaint, with no buttons", () => {
    const { blocks } = card({ subject: { status: "invalid", details: { invalidReply: "The lift belongs to the developer; here is their number" } } });

    expect(textOf(blocks)).toContain("*Reply to the owner (invalid complaint)*\nThe lift belongs to the developer; here is their number");
    expect(buttonLabels(blocks)).toEqual([]);
  });

  it("shows each running clock with its due instant in the property's zone", () => {
    const { blocks } = card({
      subject: openMajor,
      clocks: [
        aClock({ caseId: "complaint-1", rule: "complaint.major.report", subject: null, dueAt: new Date("2026-11-30T15:59:59Z") }),
        aClock({ caseId: "complaint-1", rule: "complaint.major.answer", subject: null, dueAt: new Date("2026-12-02T02:00:00Z") }),
      ],
    });

    expect(textOf(blocks)).toContain(":alarm_clock: Manager acknowledges (same day) due Mon, Nov 30, 23:59\n:alarm_clock: Clear answer to the owner due Wed, Dec 2, 10:00");
  });

  it("says a clock whose breach was alerted is overdue, on a complaint as on a repair", () => {
    const overdue = { dueAt: new Date("2026-11-30T03:00:00Z"), escalatedAt: new Date("2026-11-30T03:00:05Z") };
    const complaint = card({ clocks: [aClock({ caseId: "complaint-1", rule: "complaint.classify", subject: null, ...overdue })] });
    const repair = repairCard(aRepairView({ clocks: [aClock({ rule: "repair.visit_start", subject: null, ...overdue })] }), t, formatInstant);

    expect(textOf(complaint.blocks)).toContain(":warning: Classify the complaint overdue since Mon, Nov 30, 11:00");
    expect(textOf(repair.blocks)).toContain(":warning: Visit started overdue since Mon, Nov 30, 11:00");
  });

  it("reads the complaint's history in its own words", () => {
    const staff = { type: "staff", id: "s2" } as const;
    const { blocks } = card({
      subject: openMajor,
      staffNames: { s2: "Lily Chen" },
      recentEvents: [
        anEvent({ type: "classify", actor: staff, data: { tier: "service_error", suggested: "minor", department: "cleaning" } }),
        anEvent({ type: "route", actor: staff, data: { department: "cleaning" } }),
        anEvent({ type: "harm_ongoing", actor: staff, data: { repair: "R-2026-000009" } }),
        anEvent({ type: "owner_verdict", data: { verdict: "not_resolved", reason: "owner_not_resolved" } }),
        anEvent({ type: "escalated", actor: { type: "system" }, data: { rule: "complaint.major.answer", to: "manager/manager" } }),
      ],
    });
    const shown = textOf(blocks);

    expect(shown).toContain("*Lily Chen* classified it: Service error (suggested: Minor)");
    expect(shown).toContain("*Lily Chen* routed it to Cleaning");
    expect(shown).toContain("reported ongoing harm; urgent repair R-2026-000009 opened");
    expect(shown).toContain("*王芳* answered the resolution: not resolved (reopened: owner says not resolved)");
    expect(shown).toContain("*System* Clear answer to the owner overdue: the manager alerted");
  });

  it("renders in Chinese with every key present", () => {
    const translator = testTranslator();
    const zh = complaintCard(aComplaintView({ subject: openMajor }), (key, params) => translator.t("zh-CN", key, params), (at) => translator.formatInstant("zh-CN", at));

    expect(JSON.stringify(zh.blocks[0])).toContain("投诉 C-2026-000001 · 噪音");
    expect(buttonLabels(zh.blocks)).toContain("确认接收");
  });
});

describe("the complaint modals", () => {
  const metadata = { ticketId: "complaint-1", channel: "C0FRONT001" };
  const complaint = aComplaint({ details: { about: "The cleaner on duty" } });

  it("Service error chooses the department complained about, with nothing preselected", () => {
    const view = departmentModal({ complaint, metadata, purpose: "service_error" }, t);
    const select = JSON.stringify(view.blocks);

    expect(view.callback_id).toBe("complaint.service_error_modal");
    expect(JSON.parse(view.private_metadata ?? "")).toEqual(metadata);
    expect(textOf(view.blocks)).toContain("About: The cleaner on duty");
    expect(select).toContain('"value":"cleaning"');
    expect(select).not.toContain('"value":"manager"');
    expect(select).not.toContain("initial_option");
    expect(blockKitErrors(view.blocks, 100)).toEqual([]);
  });

  it("Invalid asks for the helpful reply, showing what the owner asked for", () => {
    const view = wordsModal({ complaint, metadata, name: "invalid" }, t);

    expect(view.callback_id).toBe("complaint.invalid_modal");
    expect(textOf(view.title)).toBe("Invalid complaint");
    expect(textOf(view.blocks)).toContain("The owner asks: Ask them to stop after 22:00");
    expect(textOf(view.blocks)).toContain("Helpful reply to the owner");
  });

  it("Harm ongoing offers the repair categories and prefills what to stop with the complaint's words", () => {
    const view = harmModal({ complaint, metadata }, t);
    const shown = JSON.stringify(view.blocks);

    expect(view.callback_id).toBe("complaint.harm_modal");
    expect(shown).toContain('"value":"water_leak"');
    expect(shown).toContain("Water leak");
    expect(shown).toContain('"initial_value":"Drilling from the unit above after 22:00 every night"');
  });
});

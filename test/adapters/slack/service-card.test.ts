import { afterEach, describe, expect, it } from "vitest";
import { serviceCard } from "../../../src/adapters/slack/kinds/service/card.js";
import { serviceEvents } from "../../../src/adapters/slack/kinds/service/events.js";
import { serviceStatuses } from "../../../src/core/kinds/service/details.js";
import { serviceLifecycle } from "../../../src/core/kinds/service/lifecycle.js";
import type { Translate } from "../../../src/adapters/slack/blocks/format.js";
import { scheduleLabel } from "../../../src/adapters/slack/kinds/service/service-text.js";
import { blockKitErrors } from "../../../src/testing/slack-blocks.js";
import { buttonLabels, buttonOf, textOf } from "./block-text.js";
import { aServiceView, aWorkOrder } from "./service-view.js";
import { anEvent, englishText, expectNoMissingKeys, testTranslator } from "./staff-text.js";

afterEach(expectNoMissingKeys);

const { t, formatInstant } = englishText();
const card = (...args: Parameters<typeof aServiceView>) => serviceCard(aServiceView(...args), t, formatInstant);

describe("the service card", () => {
  it("shows the number, service and item, unit, owner with a masked phone, the area, the wish and 'priced on site' from the guide price", () => {
    const { text, blocks } = card();
    const shown = textOf(blocks);

    expect(JSON.stringify(blocks[0])).toContain("🧹 S-2026-000001 · Whole-flat / move-in cleaning");
    for (const expected of [
      "*Item*\nWhole-flat cleaning",
      "3-1202",
      "王芳 +86 138****0001",
      "*Area*\n89.5 m²",
      "*Owner's wish*\nSaturday morning",
      "*Price*\nPriced on site (from ¥8.00)",
      "*Site visit*\nNot booked",
      "*Special requests*\nPlease bring a ladder for the high windows",
    ]) {
      expect(shown).toContain(expected);
    }
    expect(shown).not.toContain("13800000001");
    expect(text).toBe("S-2026-000001 · Whole-flat / move-in cleaning · 3-1202 · New");
    expect(buttonLabels(blocks)).toEqual(["Claim", "Assign", "Schedule site visit", "Quote", "Cancel"]);
    expect(blockKitErrors(blocks, 50)).toEqual([]);
  });

  it("shows an hourly clean's estimate and the front desk's channel", () => {
    const shown = textOf(card({ subject: { details: { serviceType: "cleaning_hourly", priceCode: "CL-HOURLY", onsitePricing: false, areaM2: null, hours: 3, estimateFen: 15000, agreedFen: 15000, intakeChannel: "phone" } } }).blocks);

    expect(shown).toContain("*Price*\n¥150.00 (estimate)");
    expect(shown).toContain("*Hours*\n3 h");
    expect(shown).toContain("*Agreed price*\n¥150.00");
    expect(shown).toContain("*Taken*\nBy phone");
    expect(shown).not.toContain("Site visit");
  });

  it("shows the quote lines, the total and the owner's answer, and a proposed time as not confirmed", () => {
    const lines = [
      { code: "CL-WHOLE-FLAT", nameZh: "全屋清洁", nameEn: "Whole-flat cleaning", quantity: 89.5, unitPriceFen: 800, amountFen: 71600 },
      { code: "CL-RANGE-HOOD", nameZh: "油烟机清洗", nameEn: "Range hood cleaning", quantity: 1, unitPriceFen: 15000, amountFen: 15000 },
    ];
    const shown = textOf(
      card({
        subject: {
          status: "awaiting_confirmation",
          details: { siteVisitAt: new Date("2026-12-01T02:00:00Z"), quoteLines: lines, quoteTotalFen: 86600, quoteAnswer: "accepted", agreedFen: 86600, appointmentAt: new Date("2026-12-05T01:00:00Z") },
        },
        actions: ["assign", "propose_time", "cancel"],
      }).blocks,
    );

    expect(shown).toContain("Whole-flat cleaning × 89.5 @ ¥8.00 = ¥716.00");
    expect(shown).toContain("Range hood cleaning × 1 @ ¥150.00 = ¥150.00");
    expect(shown).toContain("Total ¥866.00 · accepted by the owner");
    expect(shown).toContain("*Agreed price*\n¥866.00");
    expect(shown).toMatch(/\*Confirmed time\*\n.*\(proposed, not confirmed\)/);
    expect(shown).toMatch(/\*Site visit\*\n.*Dec/);
  });

  it("shows a package's schedule, the month's work orders with their status and names the next visit on Start visit", () => {
    const orders = [
      aWorkOrder({ sequence: 1, scheduledAt: new Date("2026-12-01T01:00:00Z"), status: "accepted" }),
      aWorkOrder({ sequence: 2, scheduledAt: new Date("2026-12-08T01:00:00Z"), status: "rescheduling", ownerTimeRequest: "Wednesday instead" }),
      aWorkOrder({ sequence: 3, scheduledAt: new Date("2026-12-15T01:00:00Z") }),
    ];
    const view = aServiceView({
      subject: { status: "active", details: { serviceType: "cleaning_monthly", priceCode: "CL-MONTHLY-WEEKLY", isPackage: true, onsitePricing: false, areaM2: null, agreedFen: 88000, packageSchedule: { weekdays: [2], time: "09:00", weeksOfMonth: null } } },
      workOrders: orders,
      actions: ["assign", "propose_visit_time", "start_visit", "done_visit", "end_package"],
    });
    const { blocks } = serviceCard(view, t, formatInstant);
    const shown = textOf(blocks);

    expect(shown).toContain("*Visits*\nevery Tuesday 09:00");
    expect(shown).toContain("*Agreed price*\n¥880.00 a month");
    expect(shown).toContain("*Work orders · 2026-12*");
    expect(shown).toMatch(/S-2026-000001-01 · .* · accepted/);
    expect(shown).toMatch(/S-2026-000001-02 · .* · owner asks another time \(Wednesday instead\)/);
    // Done visit has no visit in progress to name, so it is not drawn.
    expect(buttonLabels(blocks)).toEqual(["Assign", "Propose time", "Start visit S-2026-000001-03", "End package"]);
    expect(JSON.parse(buttonOf(blocks, "service.start_visit").value ?? "")).toEqual({ ticketId: "service-1", version: 1, visitAt: "2026-12-15T01:00:00.000Z" });
  });

  it("folds a long register into one line and keeps within Slack's limits", () => {
    const orders = Array.from({ length: 30 }, (_, index) => aWorkOrder({ sequence: index + 1, scheduledAt: new Date(Date.UTC(2026, 11, 1 + index, 1)), status: index < 20 ? "accepted" : "scheduled" }));
    const { blocks } = card({ subject: { status: "active", details: { isPackage: true, packageSchedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], time: "09:00", weeksOfMonth: null } } }, workOrders: orders, actions: [] });
    const shown = textOf(blocks);

    expect(shown).toContain("… and 22 earlier");
    expect(shown).toContain("S-2026-000001-30");
    expect(shown).not.toContain("S-2026-000001-22 ");
    expect(blockKitErrors(blocks, 50)).toEqual([]);
  });

  it("says a package's visits as people do, in both languages", () => {
    const translator = testTranslator();
    const zh: Translate = (key, params) => translator.t("zh-CN", key, params);
    const firstAndThird = { weekdays: [6], time: "10:00", weeksOfMonth: [1, 3] };

    expect(scheduleLabel(firstAndThird, t)).toBe("1st and 3rd Saturday 10:00");
    expect(scheduleLabel({ weekdays: [4, 2], time: "09:00", weeksOfMonth: null }, t)).toBe("every Tuesday and Thursday 09:00");
    expect(scheduleLabel(firstAndThird, zh)).toBe("每月第一个和第三个周六 10:00");
  });
});

describe("the service card's history", () => {
  it("reads every step the core records in the service's own words, and one it does not know as a plain step", () => {
    const events = ["reported", "schedule_site_visit", "quote", "accept_quote", "time_confirmed", "start", "completed", "work_accepted", "visits_generated", "month_receipted", "callback_recorded", "something_new"].map((type, index) =>
      anEvent({ id: `event-${index}`, caseId: "service-1", type, actor: { type: "system" }, data: type === "callback_recorded" ? { outcome: "satisfied" } : {} }),
    );
    const shown = textOf(card({ recentEvents: events }).blocks);

    for (const sentence of ["booked the service", "booked the site visit", "sent the owner a quote", "accepted the quote", "confirmed the time; the work order is open", "started the work", "marked the work done", "accepted the work; the receipt is issued", "scheduled the month's visits", "closed the month; the monthly fee is receipted", "recorded the callback: reached, satisfied", "something_new"]) {
      expect(shown).toContain(sentence);
    }
  });
});

describe("the service card's words", () => {
  it("has a history sentence for every step of the lifecycle and a label for every status, in both languages", () => {
    const translator = testTranslator();
    for (const locale of ["en", "zh-CN"] as const) {
      for (const type of Object.keys(serviceLifecycle.transitions)) {
        const key = serviceEvents.sentences?.[type] ?? type;
        expect(translator.t(locale, `staff:events.${key}`), `${locale} ${type}`).not.toBe(`events.${key}`);
      }
      for (const status of serviceStatuses) translator.t(locale, `staff:service.status.${status}`);
    }
  });
});

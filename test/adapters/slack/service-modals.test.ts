import { afterEach, describe, expect, it } from "vitest";
import { proposeTimeModal, quoteModal } from "../../../src/adapters/slack/kinds/service/modals.js";
import { readProposal, readQuote } from "../../../src/adapters/slack/kinds/service/submissions.js";
import type { PriceItem } from "../../../src/core/domain/prices.js";
import { blockKitErrors } from "../../../src/testing/slack-blocks.js";
import { textOf } from "./block-text.js";
import { aService, aWorkOrder, wholeFlat } from "./service-view.js";
import { englishText, expectNoMissingKeys } from "./staff-text.js";

afterEach(expectNoMissingKeys);

const { t, formatInstant } = englishText();
const clock = { timeZone: "Asia/Shanghai", locale: "en" };
const metadata = { ticketId: "service-1", channel: "C0CLEAN001" };
const rangeHood: PriceItem = { code: "CL-RANGE-HOOD", team: "cleaning", nameZh: "油烟机清洗", nameEn: "Range hood cleaning", pricingUnit: "visit", priceFen: 15000, onsitePricing: false };
const row = (code: string | null, quantity: string | null, n: number) => ({
  [`service_item_${n}`]: { [`service_item_${n}`]: { type: "static_select", selected_option: code ? { value: code, text: { type: "plain_text" as const, text: code } } : null } },
  [`service_quantity_${n}`]: { [`service_quantity_${n}`]: { type: "plain_text_input", value: quantity } },
});

describe("the service modals", () => {
  it("Quote offers five rows of the team's items, the first prefilled with the item booked and the flat's area", () => {
    const view = quoteModal({ service: aService(), items: [wholeFlat, rangeHood], clock, metadata }, t);

    expect(view.blocks.filter((block) => block.type === "input")).toHaveLength(10);
    expect(JSON.stringify(view.blocks)).toContain('"initial_value":"89.5"');
    expect(textOf(view.blocks)).toContain("Per m²; up to 2 decimals");
    expect(textOf(view.blocks)).not.toContain("Visit days");
    expect(blockKitErrors(view.blocks, 100)).toEqual([]);
  });

  it("a package's Quote asks for the weekdays, the time and the weeks of its visits", () => {
    const view = quoteModal({ service: aService({ details: { isPackage: true, serviceType: "greening_monthly" } }), items: [wholeFlat], clock, metadata }, t);

    expect(textOf(view.blocks)).toContain("Visit days");
    expect(textOf(view.blocks)).toContain("1st and 3rd week of the month");
  });

  it("reads two rows as lines with two decimals, and refuses a quantity of three decimals or without its item, all at once", () => {
    expect(readQuote({ ...row("CL-WHOLE-FLAT", "89.50", 1), ...row("CL-RANGE-HOOD", "1", 2), ...row(null, null, 3) }, t)).toEqual({
      ok: true,
      input: { lines: [{ code: "CL-WHOLE-FLAT", quantity: 89.5 }, { code: "CL-RANGE-HOOD", quantity: 1 }] },
    });
    const refused = readQuote({ ...row("CL-WHOLE-FLAT", "89.505", 1), ...row(null, "2", 2) }, t);
    expect(refused).toEqual({ ok: false, errors: { service_quantity_1: expect.stringContaining("at most 2 decimals"), service_item_2: "Choose the item of this quantity." } });
    expect(readQuote({ ...row(null, null, 1) }, t)).toEqual({ ok: false, errors: { service_item_1: "Choose at least one item." } });
  });

  it("reads a package's weekdays, time and 1st-and-3rd weeks", () => {
    const values = {
      ...row("GR-MONTHLY", "1", 1),
      service_weekdays: { service_weekdays: { type: "multi_static_select", selected_options: [{ value: "6", text: { type: "plain_text" as const, text: "Saturday" } }] } },
      service_visit_time: { service_visit_time: { type: "timepicker", selected_time: "10:00" } },
      service_weeks: { service_weeks: { type: "static_select", selected_option: { value: "first_third", text: { type: "plain_text" as const, text: "1st and 3rd" } } } },
    };

    expect(readQuote(values, t)).toEqual({ ok: true, input: { lines: [{ code: "GR-MONTHLY", quantity: 1 }], schedule: { weekdays: [6], time: "10:00", weeksOfMonth: [1, 3] } } });
  });

  it("a package's Propose time names the visits the owner asked to move, and must be told which", () => {
    const visit = aWorkOrder({ sequence: 2, status: "rescheduling", ownerTimeRequest: "Wednesday instead", scheduledAt: new Date("2026-12-08T01:00:00Z") });
    const view = proposeTimeModal({ service: aService({ details: { isPackage: true } }), visits: [visit], initial: { date: "2026-12-09", time: "09:00" }, clock, metadata, formatInstant }, t);
    const at = { service_date: { service_date: { type: "datepicker", selected_date: "2026-12-09" } }, service_time: { service_time: { type: "timepicker", selected_time: "09:00" } } };
    const now = new Date("2026-12-01T00:00:00Z");

    expect(textOf(view.blocks)).toContain("S-2026-000001-02");
    expect(textOf(view.blocks)).toContain("Wednesday instead");
    expect(readProposal({ ...at, service_visit: { service_visit: { type: "static_select", selected_option: null } } }, { timeZone: "Asia/Shanghai", now }, t)).toMatchObject({ ok: false });
    expect(readProposal({ ...at, service_visit: { service_visit: { type: "static_select", selected_option: { value: "2026-12-08T01:00:00.000Z", text: { type: "plain_text" as const, text: "" } } } } }, { timeZone: "Asia/Shanghai", now }, t)).toEqual({
      ok: true,
      input: { at: new Date("2026-12-09T01:00:00Z"), visitAt: "2026-12-08T01:00:00.000Z" },
    });
  });
});

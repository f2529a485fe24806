import { afterEach, describe, expect, it } from "vitest";
import { serviceMonthDigest } from "../../../src/adapters/slack/kinds/service/month-digest.js";
import type { ServiceMonthSummary } from "../../../src/core/kinds/service/use-cases/get-service-month-summary.js";
import { blockKitErrors } from "../../../src/testing/slack-blocks.js";
import { textOf } from "./block-text.js";
import { englishText, expectNoMissingKeys } from "./staff-text.js";

afterEach(expectNoMissingKeys);

const { t, formatInstant } = englishText();

type Customer = ServiceMonthSummary["customers"][number];

const receiptOf = (index: number) => ({
  number: `RC-2026-${String(index).padStart(6, "0")}`,
  amountFen: 0,
  issuedAt: new Date("2026-12-31T16:00:00Z"),
  orderNumber: `S-2026-${String(index).padStart(6, "0")}`,
  workOrderNumber: null,
  serviceType: "cleaning_monthly" as const,
  priceCode: "CL-MONTHLY-WEEKLY",
});

function aCustomer(index: number, overrides: Partial<Customer> = {}): Customer {
  return {
    unitId: `unit-${index}`,
    building: "3",
    unit: String(1200 + index),
    residentName: `Owner ${index}`,
    orders: [
      {
        number: `S-2026-${String(index).padStart(6, "0")}`,
        serviceType: "cleaning_monthly",
        priceCode: "CL-MONTHLY-WEEKLY",
        workOrders: [
          { number: `S-2026-${String(index).padStart(6, "0")}-01`, scheduledAt: new Date("2026-12-01T01:00:00Z"), status: "accepted" },
          { number: `S-2026-${String(index).padStart(6, "0")}-02`, scheduledAt: new Date("2026-12-08T01:00:00Z"), status: "cancelled" },
        ],
      },
    ],
    receipts: [{ ...receiptOf(index), amountFen: 44000 }],
    totalFen: 44000,
    ...overrides,
  };
}

describe("the month's service digest", () => {
  it("lists per customer the orders, their work orders with status and the receipts, with the customer's and the month's totals", () => {
    const summary: ServiceMonthSummary = { month: "2026-12", customers: [aCustomer(1), aCustomer(2, { residentName: "李雷", totalFen: 15000, receipts: [{ ...receiptOf(9), amountFen: 15000 }] })], totalFen: 59000 };

    const { text, blocks } = serviceMonthDigest(summary, t, formatInstant);
    const shown = textOf(blocks);

    expect(text).toBe("Service orders of 2026-12: ¥590.00 · customers: 2");
    expect(shown).toContain("*3-1201 · Owner 1* · ¥440.00");
    expect(shown).toContain("S-2026-000001 · Monthly cleaning (CL-MONTHLY-WEEKLY)");
    expect(shown).toMatch(/S-2026-000001-01 · .* · accepted/);
    expect(shown).toMatch(/S-2026-000001-02 · .* · cancelled/);
    expect(shown).toContain("RC-2026-000001 · ¥440.00");
    expect(shown).toContain("*3-1202 · 李雷* · ¥150.00");
    expect(shown).toContain("Month's total: ¥590.00");
    expect(blockKitErrors(blocks, 50)).toEqual([]);
  });

  it("folds customers beyond one message into a line with their count and sum, and a customer's lines beyond one section", () => {
    const many = Array.from({ length: 60 }, (_, index) => aCustomer(index + 1));
    const longOrders = Array.from({ length: 80 }, (_, index) => ({ number: `S-2026-${String(900 + index).padStart(6, "0")}`, serviceType: "cleaning_hourly" as const, priceCode: "CL-HOURLY", workOrders: [] }));
    many[0] = aCustomer(1, { orders: longOrders });

    const { blocks } = serviceMonthDigest({ month: "2026-12", customers: many, totalFen: 60 * 44000 }, t, formatInstant);
    const shown = textOf(blocks);

    expect(blockKitErrors(blocks, 50)).toEqual([]);
    expect(blocks).toHaveLength(50);
    expect(shown).toContain("… and 13 more customers (¥5720.00); see `export orders --month 2026-12`.");
    expect(shown).toMatch(/… \d+ more lines/);
    expect(shown).toContain("Month's total: ¥26400.00");
  });

  it("says so when the month had no service orders", () => {
    expect(textOf(serviceMonthDigest({ month: "2026-12", customers: [], totalFen: 0 }, t, formatInstant).blocks)).toContain("No service orders this month.");
  });
});

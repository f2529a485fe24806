import type { ServiceView } from "../../../src/adapters/slack/kinds/service/service-text.js";
import type { Case } from "../../../src/core/case/case.js";
import type { PriceItem } from "../../../src/core/domain/prices.js";
import type { WorkOrder } from "../../../src/core/domain/work-orders.js";
import type { ServiceCase, ServiceDetails } from "../../../src/core/kinds/service/details.js";
import { aServiceOrder, aWorkOrder as aStoredWorkOrder } from "../persistence/fixtures.js";
import { anEvent } from "./staff-text.js";

export type ServiceOverrides = Partial<Omit<Case<ServiceDetails>, "details">> & { details?: Partial<ServiceDetails> };

/** A whole-flat clean of 3-1202 booked in the bot, priced on site, not yet visited. */
export function aService(overrides: ServiceOverrides = {}): ServiceCase {
  const { details, ...header } = overrides;
  return aServiceOrder({
    id: "service-1",
    number: "S-2026-000001",
    unitId: "unit-1",
    reporterId: "resident-1",
    ...header,
    details: {
      serviceType: "cleaning_whole_flat",
      priceCode: "CL-WHOLE-FLAT",
      onsitePricing: true,
      areaM2: 89.5,
      hours: null,
      specialRequests: "Please bring a ladder for the high windows",
      preferredTime: "Saturday morning",
      estimateFen: null,
      ...details,
    },
  });
}

export const wholeFlat: PriceItem = { code: "CL-WHOLE-FLAT", team: "cleaning", nameZh: "全屋清洁", nameEn: "Whole-flat cleaning", pricingUnit: "m2", priceFen: 800, onsitePricing: true };

/** A confirmed visit of S-2026-000001 in December (sequence 1 unless told). */
export function aWorkOrder(overrides: Partial<WorkOrder> = {}): WorkOrder {
  return aStoredWorkOrder("service-1", "S-2026-000001", { scheduledAt: new Date("2026-12-01T01:00:00Z"), month: "2026-12", ...overrides });
}

/** A service order's card view; `actions` are given by the test, as the core's `cardActions` would give them. */
export function aServiceView(overrides: Partial<Omit<ServiceView, "subject">> & { subject?: ServiceOverrides } = {}): ServiceView {
  const subject = aService(overrides.subject);
  return {
    unit: { id: "unit-1", building: "3", unit: "1202", areaM2: 89.5, handoverDate: "2025-06-01", warrantyMonths: 24 },
    reporter: { id: "resident-1", unitId: "unit-1", name: "王芳", phone: "+8613800000001", locale: "zh-CN", role: "owner", source: "registry" },
    assignee: null,
    clocks: [],
    callback: null,
    recentEvents: [anEvent({ caseId: subject.id, type: "reported", toStatus: "new" })],
    staffNames: {},
    workOrders: [],
    receipts: [],
    priceItems: { [wholeFlat.code]: wholeFlat },
    actions: ["claim", "assign", "schedule_site_visit", "quote", "cancel"],
    ...overrides,
    subject,
  };
}

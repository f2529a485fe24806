import type { ServiceView } from "../../../src/adapters/slack/kinds/service/service-text.js";
import type { Case } from "../../../src/core/case/case.js";
import type { PriceItem } from "../../../src/core/domain/prices.js";
import type { WorkOrder } from "../../../src/core/domain/work-orders.js";
import type { ServiceCase, ServiceDetails } from "../../../src/core/kinds/service/details.js";
import { anEvent } from "./staff-text.js";

const createdAt = new Date("2026-11-30T02:00:00Z");

export type ServiceOverrides = Partial<Omit<Case<ServiceDetails>, "details">> & { details?: Partial<ServiceDetails> };

/** A whole-flat clean booked in the bot, priced on site, not yet visited. */
export function aService(overrides: ServiceOverrides = {}): ServiceCase {
  const { details, ...header } = overrides;
  return {
    id: "service-1",
    number: "S-2026-000001",
    kind: "service",
    status: "new",
    team: "cleaning",
    unitId: "unit-1",
    reporterId: "resident-1",
    reporterUserId: "7001",
    assigneeId: null,
    linkedCaseId: null,
    createdAt,
    updatedAt: createdAt,
    closedAt: null,
    cancelReason: null,
    version: 1,
    ...header,
    details: {
      serviceType: "cleaning_whole_flat",
      priceCode: "CL-WHOLE-FLAT",
      isPackage: false,
      onsitePricing: true,
      areaM2: 89.5,
      hours: null,
      specialRequests: "Please bring a ladder for the high windows",
      preferredTime: "Saturday morning",
      estimateFen: null,
      siteVisitAt: null,
      quoteLines: [],
      quoteTotalFen: null,
      quoteAnswer: null,
      agreedFen: null,
      packageSchedule: null,
      appointmentAt: null,
      ownerTimeRequest: null,
      completedAt: null,
      acceptedAt: null,
      problemReport: null,
      endedAt: null,
      intakeChannel: "telegram",
      ...details,
    },
  };
}

export const wholeFlat: PriceItem = { code: "CL-WHOLE-FLAT", team: "cleaning", nameZh: "全屋清洁", nameEn: "Whole-flat cleaning", pricingUnit: "m2", priceFen: 800, onsitePricing: true };

export function aWorkOrder(overrides: Partial<WorkOrder> = {}): WorkOrder {
  const sequence = overrides.sequence ?? 1;
  return {
    id: `wo-${sequence}`,
    caseId: "service-1",
    number: `S-2026-000001-${String(sequence).padStart(2, "0")}`,
    sequence,
    scheduledAt: new Date("2026-12-01T01:00:00Z"),
    month: "2026-12",
    status: "scheduled",
    proposedAt: null,
    ownerTimeRequest: null,
    problemReport: null,
    startedAt: null,
    completedAt: null,
    acceptedAt: null,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
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

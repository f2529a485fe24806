import { randomUUID } from "node:crypto";
import { aComplaint as baseComplaint, aTicket as baseTicket } from "../../support/ticket-factory.js";
import type { OutboxPayload } from "../../../src/core/domain/outbox.js";
import type { ChargeLine, Receipt } from "../../../src/core/domain/receipts.js";
import { type WorkOrder, workOrderNumber } from "../../../src/core/domain/work-orders.js";
import type { PriceItem } from "../../../src/core/domain/prices.js";
import type { Team } from "../../../src/core/domain/registry.js";
import type { CaseEvent } from "../../../src/core/case/case.js";
import type { ComplaintCase } from "../../../src/core/kinds/complaint/details.js";
import type { RepairCase } from "../../../src/core/kinds/repair/details.js";
import type { ServiceCase, ServiceDetails } from "../../../src/core/kinds/service/details.js";
import type { NewResident, NewStaffMember, NewUnit } from "../../../src/core/ports/store.js";

/** A fixed instant so dates compare exactly across databases (millisecond precision). */
export const t0 = new Date("2026-03-02T08:00:00.000Z");

export function minutesAfter(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

export function aUnit(overrides: Partial<NewUnit> = {}): NewUnit {
  return { building: "3", unit: "1201", areaM2: 89.5, handoverDate: "2024-06-30", warrantyMonths: 24, ...overrides };
}

export function aResident(unitId: string, overrides: Partial<NewResident> = {}): NewResident {
  return { unitId, name: "王芳", phone: "+8613800000001", locale: "zh-CN", role: "owner", source: "registry", ...overrides };
}

export function aStaffMember(overrides: Partial<NewStaffMember> = {}): NewStaffMember {
  return { staffUserId: "U001", name: "Li Wei", team: "maintenance", role: "member", ...overrides };
}

/** A repair with fresh ids and number, so a test can store several. */
export function aTicket(overrides: Parameters<typeof baseTicket>[0] = {}): RepairCase {
  const { details, ...header } = overrides;
  return baseTicket({
    id: randomUUID(),
    number: `R-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`,
    unitId: randomUUID(),
    reporterId: randomUUID(),
    createdAt: t0,
    updatedAt: t0,
    ...header,
    details: { photos: ["file-1", "file-2"], ...details },
  });
}

/** A complaint with fresh ids and number, so a test can store several beside repairs. */
export function aComplaint(overrides: Parameters<typeof baseComplaint>[0] = {}): ComplaintCase {
  return baseComplaint({
    id: randomUUID(),
    number: `C-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`,
    unitId: randomUUID(),
    reporterId: randomUUID(),
    createdAt: t0,
    updatedAt: t0,
    ...overrides,
  });
}

export function anEvent(caseId: string, overrides: Partial<CaseEvent> = {}): CaseEvent {
  return {
    id: randomUUID(),
    caseId,
    at: t0,
    actor: { type: "system" },
    type: "reported",
    fromStatus: null,
    toStatus: "new",
    data: {},
    ...overrides,
  };
}

export function aSlackCard(caseId: string = randomUUID(), team: Team = "maintenance"): OutboxPayload {
  return { type: "staff.case-card", team, caseId };
}

export function anOwnerNotice(chatId = "7001"): OutboxPayload {
  return { type: "owner.notice", chatId, locale: "zh-CN", key: "repair.received", params: { number: "R-2026-000001" }, buttons: [] };
}

export function aPriceItem(overrides: Partial<PriceItem> = {}): PriceItem {
  return { code: "MT-TAP", team: "maintenance", nameZh: "更换水龙头", nameEn: "Replace a tap", pricingUnit: "visit", priceFen: 3_000, onsitePricing: false, ...overrides };
}

/** 89.5 m² of whole-flat cleaning at ¥8.00 per m²: a fractional quantity, exact in fen. */
export function aChargeLine(overrides: Partial<ChargeLine> = {}): ChargeLine {
  return { code: "CL-WHOLE-FLAT", nameZh: "全屋清洁", nameEn: "Whole-flat cleaning", quantity: 89.5, unitPriceFen: 800, amountFen: 71_600, ...overrides };
}

type ServiceOverrides = Partial<Omit<ServiceCase, "details">> & { details?: Partial<ServiceDetails> };

/** A new hourly clean with fresh ids and number, nothing quoted or scheduled yet. */
export function aServiceOrder(overrides: ServiceOverrides = {}): ServiceCase {
  const { details, ...header } = overrides;
  return {
    id: randomUUID(),
    number: `S-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`,
    kind: "service",
    status: "new",
    team: "cleaning",
    unitId: randomUUID(),
    reporterId: randomUUID(),
    reporterUserId: "7001",
    assigneeId: null,
    linkedCaseId: null,
    cancelReason: null,
    createdAt: t0,
    updatedAt: t0,
    closedAt: null,
    version: 1,
    ...header,
    details: {
      serviceType: "cleaning_hourly",
      priceCode: "CL-HOURLY",
      isPackage: false,
      onsitePricing: false,
      areaM2: null,
      hours: 3,
      specialRequests: "",
      preferredTime: "Saturday morning",
      estimateFen: 15_000,
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

/** A confirmed visit of `caseNumber` (sequence 1 unless told), in the local month of 2026-03. */
export function aWorkOrder(caseId: string, caseNumber: string, overrides: Partial<WorkOrder> = {}): WorkOrder {
  const sequence = overrides.sequence ?? 1;
  return {
    id: randomUUID(),
    caseId,
    number: workOrderNumber(caseNumber, sequence),
    sequence,
    scheduledAt: t0,
    month: "2026-03",
    status: "scheduled",
    proposedAt: null,
    ownerTimeRequest: null,
    problemReport: null,
    startedAt: null,
    completedAt: null,
    acceptedAt: null,
    createdAt: t0,
    updatedAt: t0,
    ...overrides,
  };
}

export function aReceipt(overrides: Partial<Receipt> = {}): Receipt {
  const lines = overrides.lines ?? [aChargeLine()];
  return {
    id: randomUUID(),
    number: `RC-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`,
    caseId: randomUUID(),
    workOrderId: null,
    period: null,
    unitId: randomUUID(),
    payerId: randomUUID(),
    lines,
    amountFen: lines.reduce((sum, line) => sum + line.amountFen, 0),
    issuedAt: t0,
    ...overrides,
  };
}

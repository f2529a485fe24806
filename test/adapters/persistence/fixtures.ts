import { randomUUID } from "node:crypto";
import { aComplaint as baseComplaint, aTicket as baseTicket } from "../../support/ticket-factory.js";
import type { OutboxPayload } from "../../../src/core/domain/outbox.js";
import type { PriceItem } from "../../../src/core/domain/prices.js";
import type { Team } from "../../../src/core/domain/registry.js";
import type { CaseEvent } from "../../../src/core/case/case.js";
import type { ComplaintCase } from "../../../src/core/kinds/complaint/details.js";
import type { RepairCase } from "../../../src/core/kinds/repair/details.js";
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

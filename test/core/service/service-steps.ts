import { readFileSync } from "node:fs";
import { parseCsv } from "../../../src/app/read-csv.js";
import type { OutboxPayload } from "../../../src/core/domain/outbox.js";
import type { ServiceCase } from "../../../src/core/kinds/service/details.js";
import { bookService, type BookServiceInput } from "../../../src/core/kinds/service/use-cases/book-service.js";
import { confirmServiceTime } from "../../../src/core/kinds/service/use-cases/confirm-service-time.js";
import { proposeServiceTime } from "../../../src/core/kinds/service/use-cases/propose-service-time.js";
import type { UnitOfWork } from "../../../src/core/ports/store.js";
import type { WorkflowContext } from "../../../src/core/ports/workflow-context.js";
import { importPrices } from "../../../src/core/use-cases/import-prices.js";
import { importStaff } from "../../../src/core/use-cases/import-staff.js";
import type { MemoryStore } from "../../../src/testing/memory-store.js";
import { createFixture, verifiedOwner } from "../../support/workflow-fixture.js";

/** The cleaning and greening teams besides the shared fixture's staff (which has one cleaner). */
const serviceStaffRows = [
  { slack_user_id: "UCLEANL", name: "Zhou Jing", team: "cleaning", role: "leader" },
  { slack_user_id: "UGREEN1", name: "Huang Lin", team: "greening", role: "member" },
  { slack_user_id: "UGREENL", name: "Xu Ming", team: "greening", role: "leader" },
];

/**
 * The shared fixture with the service teams and the shipped price standard, on Tuesday
 * 2026-12-01 at 10:00 in Shanghai unless told otherwise, and the verified owner 7001 of 3-1202
 * (89.5 m²); `units` replaces the fixture's one unit row (the first must stay 3-1202), `store` the memory store.
 */
export async function createServiceFixture(at = "2026-12-01T10:00:00+08:00", options: { units?: Record<string, string>[]; store?: UnitOfWork } = {}) {
  const fixture = await createFixture({ at, ...options });
  const staff = await importStaff(fixture.ctx, serviceStaffRows.map((values, index) => ({ line: index + 2, values })));
  if (!staff.ok) throw new Error(JSON.stringify(staff.problems));
  const prices = await importPrices(fixture.ctx, parseCsv(readFileSync("samples/prices.csv", "utf8")));
  if (!prices.ok) throw new Error(JSON.stringify(prices.problems));
  await verifiedOwner(fixture.ctx);
  return { ...fixture, memory: fixture.memory as MemoryStore };
}

const booking: Record<string, Omit<BookServiceInput, "ownerUserId">> = {
  hourly: { serviceType: "cleaning_hourly", priceCode: "CL-HOURLY", hours: 3, preferredTime: "Saturday morning", specialRequests: "Please bring your own mop" },
  wholeFlat: { serviceType: "cleaning_whole_flat", priceCode: "CL-WHOLE-FLAT", preferredTime: "Next week" },
  greening: { serviceType: "greening_one_off", priceCode: "GR-ONE-OFF", preferredTime: "Any weekday afternoon" },
  monthly: { serviceType: "cleaning_monthly", priceCode: "CL-MONTHLY-WEEKLY", preferredTime: "Mondays" },
};

/** Owner 7001 books one of the sample services in the bot now. */
export function booked(ctx: WorkflowContext, which: keyof typeof booking, overrides: Partial<BookServiceInput> = {}): Promise<ServiceCase> {
  return bookService(ctx, { ownerUserId: "7001", ...booking[which]!, ...overrides });
}

/** The cleaning leader proposes `at` and the owner confirms it: the order is scheduled with its work order. */
export async function scheduledAt(ctx: WorkflowContext, order: ServiceCase, at: string): Promise<ServiceCase> {
  await proposeServiceTime(ctx, { caseId: order.id, staffUserId: "UCLEANL", at: new Date(at) });
  return confirmServiceTime(ctx, { ownerUserId: "7001", caseId: order.id, proposedAt: new Date(at).toISOString() });
}

export function payloadsOf<T extends OutboxPayload["type"]>(memory: MemoryStore, type: T): Extract<OutboxPayload, { type: T }>[] {
  return memory.snapshot().outbox.map((message) => message.payload).filter((payload): payload is Extract<OutboxPayload, { type: T }> => payload.type === type);
}

export const ownerNotices = (memory: MemoryStore) => payloadsOf(memory, "owner.notice");
export const lastNotice = (memory: MemoryStore) => ownerNotices(memory).at(-1);

export function workOrdersOf(ctx: WorkflowContext, caseId: string) {
  return ctx.uow.transaction((store) => store.workOrders.listByCase(caseId));
}

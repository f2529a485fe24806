import type { Case } from "../../../src/core/case/case.js";
import type { PackageSchedule, ServiceCase, ServiceDetails } from "../../../src/core/kinds/service/details.js";
import type { WorkOrder, WorkOrderStatus } from "../../../src/core/domain/work-orders.js";
import { workOrderNumber } from "../../../src/core/domain/work-orders.js";
import type { WorkflowContext } from "../../../src/core/ports/workflow-context.js";
import { localDate } from "../../../src/core/domain/deadline.js";

/** Weekly on Mondays at 10:00: four or five visits a month. */
export const mondays: PackageSchedule = { weekdays: [1], time: "10:00", weeksOfMonth: null };

type ServiceOverrides = Partial<Omit<ServiceCase, "details">> & { details?: Partial<ServiceDetails> };

/**
 * A service order of the resident registered for `building`-`unit`, stored as it stands after its
 * earlier steps: by default a weekly cleaning package at ¥800 a month, active since 2026-11-30.
 */
export async function storedService(ctx: WorkflowContext, address: { building: string; unit: string }, overrides: ServiceOverrides = {}): Promise<ServiceCase> {
  const createdAt = new Date("2026-11-30T02:00:00Z");
  const { details, ...header } = overrides;
  return ctx.uow.transaction(async (store) => {
    const unit = await store.units.findByAddress(address.building, address.unit);
    const [resident] = unit ? await store.residents.listByUnit(unit.id) : [];
    if (!unit || !resident) throw new Error(`no resident registered for ${address.building}-${address.unit}`);
    const identity = (await store.identities.findVerifiedByPhone(resident.phone))[0];
    const subject: ServiceCase = {
      id: globalThis.crypto.randomUUID(),
      number: "S-2026-000001",
      kind: "service",
      status: "active",
      team: "cleaning",
      unitId: unit.id,
      reporterId: resident.id,
      reporterUserId: identity?.ownerUserId ?? null,
      assigneeId: null,
      linkedCaseId: null,
      createdAt,
      updatedAt: createdAt,
      closedAt: null,
      cancelReason: null,
      version: 1,
      ...header,
      details: {
        serviceType: "cleaning_monthly",
        priceCode: "CL-MONTHLY",
        isPackage: true,
        onsitePricing: false,
        areaM2: unit.areaM2,
        hours: null,
        specialRequests: "",
        preferredTime: "Monday mornings",
        estimateFen: 80000,
        siteVisitAt: null,
        quoteLines: [{ code: "CL-MONTHLY", nameZh: "包月清洁", nameEn: "Monthly cleaning", quantity: 1, unitPriceFen: 80000, amountFen: 80000 }],
        quoteTotalFen: 80000,
        quoteAnswer: "accepted",
        agreedFen: 80000,
        packageSchedule: mondays,
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
    await store.cases.create(subject as Case);
    return subject;
  });
}

/** A work order of `subject` at `scheduledAt` with the status given, as the visit steps leave it. */
export async function storedWorkOrder(ctx: WorkflowContext, subject: ServiceCase, sequence: number, scheduledAt: string, status: WorkOrderStatus): Promise<WorkOrder> {
  const at = new Date(scheduledAt);
  const order: WorkOrder = {
    id: globalThis.crypto.randomUUID(),
    caseId: subject.id,
    number: workOrderNumber(subject.number, sequence),
    sequence,
    scheduledAt: at,
    month: localDate(at, ctx.timeZone).slice(0, 7),
    status,
    proposedAt: null,
    ownerTimeRequest: null,
    problemReport: null,
    startedAt: null,
    completedAt: ["done", "accepted"].includes(status) ? at : null,
    acceptedAt: status === "accepted" ? at : null,
    createdAt: at,
    updatedAt: at,
  };
  await ctx.uow.transaction((store) => store.workOrders.createOnce(order));
  return order;
}

import { requireFrontDesk, requireStaff } from "../case/machinery/staff-access.js";
import { WorkflowError } from "../domain/errors.js";
import type { Resident, Unit } from "../domain/registry.js";
import type { WorkflowContext } from "../ports/workflow-context.js";

/**
 * The unit a receptionist names for a request taken by phone or at the counter, with its
 * residents to pick the caller from. Only the front desk (and managers) take requests for owners.
 */
export async function findUnitForIntake(ctx: WorkflowContext, input: { staffUserId: string; building: string; unit: string }): Promise<{ unit: Unit; residents: Resident[] }> {
  return ctx.uow.transaction(async (store) => {
    const staff = await requireStaff(store, input.staffUserId);
    await requireFrontDesk(store, staff, `${input.building}-${input.unit}`, "take_request");
    const unit = await store.units.findByAddress(input.building.trim(), input.unit.trim());
    if (!unit) throw new WorkflowError("unit_not_found", `no unit ${input.building}-${input.unit}`, { building: input.building, unit: input.unit });
    return { unit, residents: await store.residents.listByUnit(unit.id) };
  });
}

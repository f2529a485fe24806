import { z } from "zod";
import { parseInput, WorkflowError } from "../../../domain/errors.js";
import type { PriceItem } from "../../../domain/prices.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import { ServiceTypeSchema } from "../details.js";
import { offersItem, serviceTypeDefinitions } from "../service-types.js";

export const GetServiceOptionsInputSchema = z.object({ serviceType: ServiceTypeSchema, unitId: z.string().min(1) });
export type GetServiceOptionsInput = z.input<typeof GetServiceOptionsInputSchema>;

export interface ServiceOptions {
  /** The standard's items the type offers, by code. */
  items: PriceItem[];
  /** The unit's floor area, where the type is priced per m² (the booking's default); else null. */
  defaultAreaM2: number | null;
}

/** What an owner can choose when booking a type of service for a unit. */
export async function getServiceOptions(ctx: WorkflowContext, raw: GetServiceOptionsInput): Promise<ServiceOptions> {
  const input = parseInput(GetServiceOptionsInputSchema, raw);
  const definition = serviceTypeDefinitions[input.serviceType];
  return ctx.uow.transaction(async (store) => {
    const unit = await store.units.findById(input.unitId);
    if (!unit) throw new WorkflowError("not_found", `unit ${input.unitId} not found`);
    const items = (await store.prices.listByTeam(definition.team)).filter((item) => offersItem(input.serviceType, item));
    return { items, defaultAreaM2: definition.pricingUnit === "m2" ? unit.areaM2 : null };
  });
}

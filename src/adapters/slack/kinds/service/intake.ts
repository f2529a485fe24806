import { serviceTypes } from "../../../../core/kinds/service/details.js";
import { serviceKind } from "../../../../core/kinds/service/kind.js";
import { getServiceOptions } from "../../../../core/kinds/service/use-cases/get-service-options.js";
import { recordServiceForOwner } from "../../../../core/kinds/service/use-cases/record-service-for-owner.js";
import { defineSlackIntake } from "../slack-intake.js";
import { type ServiceChoices, serviceIntakeFields, serviceIntakeInputs, readServiceIntake } from "./intake-fields.js";

/**
 * A service order taken by phone or at the counter (the front desk registers and agrees the
 * details, PROCEDURES.md §4): it flows as one booked in the bot, with the standard's estimate
 * or "priced on site", its card in the team's channel for the leader. The form offers the items
 * each type takes from the published standard; a size the core refuses is shown on the form.
 *
 * The service's Slack module adopts it as `intake: serviceIntake`.
 */
export const serviceIntake = defineSlackIntake({
  kind: serviceKind.id,
  labelKey: "staff:intake.kinds.service",
  channels: ["phone", "counter"] as const,
  prepare: async (deps, { unitId }): Promise<ServiceChoices> =>
    Promise.all(serviceTypes.map(async (serviceType) => ({ serviceType, items: (await getServiceOptions(deps.workflow, { serviceType, unitId })).items }))),
  fields: (t, _metadata, choices: ServiceChoices) => serviceIntakeFields(choices, t),
  read: readServiceIntake,
  record: async (deps, request, input) => ({ number: (await recordServiceForOwner(deps.workflow, { ...request, ...input })).number }),
  refusalField: serviceIntakeInputs.service,
  doneKey: "staff:service.intake.done",
});

import { repairKind } from "../../../../core/kinds/repair/kind.js";
import { recordRepairForOwner } from "../../../../core/kinds/repair/use-cases/record-repair-for-owner.js";
import { defineSlackIntake } from "../slack-intake.js";
import { readRepairIntake, repairIntakeFields, repairIntakeInputs } from "./intake-modal.js";

/**
 * A repair taken by phone (来电接待) or at the counter (来访接待): recorded for the caller, it
 * then flows as one from the bot (number, billing, work order, callback). Repairs are not taken
 * by letter: the form says so on the channel.
 */
export const repairIntake = defineSlackIntake({
  kind: repairKind.id,
  labelKey: "staff:intake.kinds.repair",
  channels: ["phone", "counter"] as const,
  fields: (t) => repairIntakeFields(t),
  read: readRepairIntake,
  // Recorded before the acknowledgement: the form shows the number to tell the caller, well within Slack's 3 s.
  record: async (deps, request, input) => ({ number: (await recordRepairForOwner(deps.workflow, { ...request, ...input })).number }),
  refusalField: repairIntakeInputs.description,
  doneKey: "staff:intake.done",
});

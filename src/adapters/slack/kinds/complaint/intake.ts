import { isWorkflowError } from "../../../../core/domain/errors.js";
import { complaintKind } from "../../../../core/kinds/complaint/kind.js";
import { recordComplaintForOwner } from "../../../../core/kinds/complaint/use-cases/record-complaint-for-owner.js";
import { staffText } from "../../listeners/interaction.js";
import { defineSlackIntake } from "../slack-intake.js";
import { complaintIntakeFields, complaintIntakeInputs, readComplaintIntake } from "./intake-fields.js";

/**
 * A complaint taken by phone, at the counter or from a letter (written complaints follow the
 * same procedure): received when recorded, it flows as one from the bot, its card on the front
 * desk's list to classify within the hour. An owner's deadline the core refuses (before today,
 * more than a year ahead) is shown on the date, nothing recorded.
 *
 * The complaint's Slack module adopts it as `intake: complaintIntake`.
 */
export const complaintIntake = defineSlackIntake({
  kind: complaintKind.id,
  labelKey: "staff:intake.kinds.complaint",
  channels: ["phone", "counter", "letter"] as const,
  fields: (t) => complaintIntakeFields(t),
  read: readComplaintIntake,
  record: async (deps, request, input) => {
    try {
      return { number: (await recordComplaintForOwner(deps.workflow, { ...request, ...input })).number };
    } catch (error) {
      if (isWorkflowError(error) && error.code === "invalid_input" && error.params.field === "deadline") {
        return { errors: { [complaintIntakeInputs.deadline]: staffText(deps).t("staff:intake.complaint.deadline_invalid") } };
      }
      throw error;
    }
  },
  refusalField: complaintIntakeInputs.description,
  doneKey: "staff:intake.complaint.done",
});

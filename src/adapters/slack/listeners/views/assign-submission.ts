import type { App } from "@slack/bolt";
import { assignCase } from "../../../../core/use-cases/assign-case.js";
import { AssignSubmissionSchema, modalInputs, viewIds } from "../../interaction-values.js";
import type { SlackDeps } from "../../slack-deps.js";
import { staffText } from "../interaction.js";
import { onSubmission } from "./on-submission.js";

/** Assign modal submitted: the chosen team member gets the case (assignCase), whatever its kind. */
export function registerAssignSubmission(app: App, deps: SlackDeps): void {
  const { t } = staffText(deps);
  onSubmission(
    app,
    deps,
    viewIds.assign,
    (values) => {
      const parsed = AssignSubmissionSchema.safeParse(values);
      if (!parsed.success) return { ok: false, errors: { [modalInputs.assignee]: t("staff:modals.assign.required") } };
      return { ok: true, input: parsed.data[modalInputs.assignee][modalInputs.assignee].selected_option.value };
    },
    (assigneeId, metadata, staffUserId) => assignCase(deps.workflow, { caseId: metadata.ticketId, staffUserId, assigneeId }),
  );
}

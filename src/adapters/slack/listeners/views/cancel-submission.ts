import type { App } from "@slack/bolt";
import { cancelCase, CancelReasonSchema } from "../../../../core/use-cases/cancel-case.js";
import { CancelSubmissionSchema, modalInputs, viewIds } from "../../interaction-values.js";
import type { SlackDeps } from "../../slack-deps.js";
import { staffText } from "../interaction.js";
import { onSubmission } from "./on-submission.js";

/** Cancel modal submitted: the case is cancelled with the reason, which the owner is told. */
export function registerCancelSubmission(app: App, deps: SlackDeps): void {
  const { t } = staffText(deps);
  onSubmission(
    app,
    deps,
    viewIds.cancel,
    (values) => {
      const typed = CancelSubmissionSchema.safeParse(values);
      const reason = CancelReasonSchema.safeParse(typed.success ? (typed.data[modalInputs.reason][modalInputs.reason].value ?? "") : "");
      if (!reason.success) return { ok: false, errors: { [modalInputs.reason]: t("staff:modals.cancel.reason_required") } };
      return { ok: true, input: reason.data };
    },
    (reason, metadata, staffUserId) => cancelCase(deps.workflow, { caseId: metadata.ticketId, staffUserId, reason }),
  );
}

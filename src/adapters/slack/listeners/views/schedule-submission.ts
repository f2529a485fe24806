import type { App } from "@slack/bolt";
import { proposeAppointment } from "../../../../core/use-cases/propose-appointment.js";
import { modalInputs, ScheduleSubmissionSchema, viewIds } from "../../interaction-values.js";
import { fromLocalDateTime } from "../../local-time.js";
import type { SlackDeps } from "../../slack-deps.js";
import { staffText } from "../interaction.js";
import { onSubmission } from "./on-submission.js";

/**
 * Schedule modal submitted: the picked date and time are read on the property's clocks
 * (`workflow.timeZone`), whatever zone the staff member's Slack is in, and proposed to the owner.
 */
export function registerScheduleSubmission(app: App, deps: SlackDeps): void {
  const { t } = staffText(deps);
  onSubmission(
    app,
    deps,
    viewIds.schedule,
    (values) => {
      const parsed = ScheduleSubmissionSchema.safeParse(values);
      if (!parsed.success) {
        const missing = parsed.error.issues[0]?.path[0] === modalInputs.time ? modalInputs.time : modalInputs.date;
        return { ok: false, errors: { [missing]: t("staff:modals.schedule.required") } };
      }
      const at = fromLocalDateTime(
        { date: parsed.data[modalInputs.date][modalInputs.date].selected_date, time: parsed.data[modalInputs.time][modalInputs.time].selected_time },
        deps.workflow.timeZone,
      );
      if (at.getTime() <= deps.workflow.time.now().getTime()) return { ok: false, errors: { [modalInputs.time]: t("staff:modals.schedule.in_past") } };
      return { ok: true, input: at };
    },
    (at, metadata, staffUserId) => proposeAppointment(deps.workflow, { ticketId: metadata.ticketId, staffUserId, at }),
  );
}

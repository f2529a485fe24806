import type { App } from "@slack/bolt";
import type { RepairDetails } from "../../../../core/kinds/repair/details.js";
import { repairKind } from "../../../../core/kinds/repair/kind.js";
import { completeWork } from "../../../../core/kinds/repair/use-cases/complete-work.js";
import { registerCorrection } from "./correct-listeners.js";
import { confirmByPhone } from "../../../../core/kinds/repair/use-cases/confirm-by-phone.js";
import { failLeakTest } from "../../../../core/kinds/repair/use-cases/fail-leak-test.js";
import { passLeakTest } from "../../../../core/kinds/repair/use-cases/pass-leak-test.js";
import { proposeAppointment } from "../../../../core/kinds/repair/use-cases/propose-appointment.js";
import { startWork } from "../../../../core/kinds/repair/use-cases/start-work.js";
import { modalInputs } from "../../interaction-values.js";
import { onCaseButton } from "../../listeners/actions/case-buttons.js";
import { opensModal } from "../../listeners/actions/modal-buttons.js";
import { staffText } from "../../listeners/interaction.js";
import { onSubmission } from "../../listeners/views/on-submission.js";
import { fromLocalDateTime, toLocalDateTime } from "../../local-time.js";
import type { SlackDeps } from "../../slack-deps.js";
import { repairActionIds, repairViewIds, ScheduleSubmissionSchema } from "./interaction.js";
import { scheduleModal } from "./schedule-modal.js";
import { registerCompletionWithItems } from "./complete-listeners.js";

const day = 24 * 3_600_000;

/** Start, Done and the leak test's result act at once; the core picks the completion a leak needs. */
function registerWorkButtons(app: App, deps: SlackDeps): void {
  onCaseButton(app, deps, repairActionIds.start, startWork);
  onCaseButton(app, deps, repairActionIds.done, completeWork);
  onCaseButton(app, deps, repairActionIds.leakTestPassed, passLeakTest);
  onCaseButton(app, deps, repairActionIds.leakTestFailed, failLeakTest);
  onCaseButton(app, deps, repairActionIds.confirmByPhone, confirmByPhone);
}

/**
 * Schedule opens its modal prefilled with the current appointment, or tomorrow 10:00. The picked
 * date and time are read on the property's clocks (`workflow.timeZone`), whatever zone the staff
 * member's Slack is in, and proposed to the owner.
 */
function registerSchedule(app: App, deps: SlackDeps): void {
  const { t } = staffText(deps);
  const { timeZone } = deps.workflow;
  opensModal<RepairDetails>(app, deps, {
    actionId: repairActionIds.schedule,
    action: "propose_time",
    kind: repairKind.id,
    build: async (repair, metadata) => {
      const { appointmentAt } = repair.details;
      const initial = appointmentAt
        ? toLocalDateTime(appointmentAt, timeZone)
        : { date: toLocalDateTime(new Date(deps.workflow.time.now().getTime() + day), timeZone).date, time: "10:00" };
      return { view: scheduleModal({ repair, initial, timeZone, locale: deps.staffLocale, metadata }, t) };
    },
  });
  onSubmission(
    app,
    deps,
    repairViewIds.schedule,
    (values) => {
      const parsed = ScheduleSubmissionSchema.safeParse(values);
      if (!parsed.success) {
        const missing = parsed.error.issues[0]?.path[0] === modalInputs.time ? modalInputs.time : modalInputs.date;
        return { ok: false, errors: { [missing]: t("staff:modals.schedule.required") } };
      }
      const at = fromLocalDateTime(
        { date: parsed.data[modalInputs.date][modalInputs.date].selected_date, time: parsed.data[modalInputs.time][modalInputs.time].selected_time },
        timeZone,
      );
      if (at.getTime() <= deps.workflow.time.now().getTime()) return { ok: false, errors: { [modalInputs.time]: t("staff:modals.schedule.in_past") } };
      return { ok: true, input: at };
    },
    (at, metadata, staffUserId) => proposeAppointment(deps.workflow, { caseId: metadata.ticketId, staffUserId, at }),
  );
}

/** Every listener only repairs have: their work buttons, a paid repair's Done, Schedule and Correct with their modals. */
export function registerRepairListeners(app: App, deps: SlackDeps): void {
  registerWorkButtons(app, deps);
  registerCompletionWithItems(app, deps);
  registerCorrection(app, deps);
  registerSchedule(app, deps);
}

import type { App, ViewSubmitAction } from "@slack/bolt";
import { isWorkflowError } from "../../../core/domain/errors.js";
import { findUnitForIntake } from "../../../core/use-cases/find-unit-for-intake.js";
import {
  intakeDetailsModal,
  intakeDoneModal,
  intakeInputs,
  IntakeMetadataSchema,
  intakeUnitModal,
  intakeViewIds,
  readIntakeCaller,
  readIntakeUnitStep,
} from "../blocks/intake-form.js";
import { fitModal, foldMarks } from "../blocks/block-limits.js";
import { refusalText } from "../blocks/refusal-text.js";
import { decodeValue } from "../interaction-values.js";
import type { SlackIntake } from "../kinds/slack-intake.js";
import type { SlackDeps } from "../slack-deps.js";
import { describeError } from "../slack-errors.js";
import { staffText } from "./interaction.js";
import { noteAnswered } from "./unknown-interactions.js";

/** The global shortcut of the app manifest that opens the front desk's form. */
export const newRequestShortcut = "new_request";

/**
 * The front desk's form for a request taken by phone, at the counter or by letter (来电接待,
 * 来访接待, 书面投诉), whatever its kind: the shortcut opens it; step 1 says what the request is
 * and how it came, and looks the unit up (only the front desk may); step 2 names the caller
 * among its residents (or a new one) and takes the kind's fields; the kind records it, and the
 * form shows the number to tell the caller. Refusals and mistakes are shown on the form's fields:
 * a shortcut has no channel to answer in.
 */
export function registerIntakeForm(app: App, deps: SlackDeps, intakes: readonly SlackIntake[]): void {
  if (intakes.length === 0) return;
  const { t } = staffText(deps);
  const log = deps.logger.child({ surface: "intake" });
  const refusal = (error: unknown, kind: string): string => {
    if (isWorkflowError(error)) {
      log.info({ kind, code: error.code }, "front desk form refused");
      return refusalText(t, error) ?? t(`common:errors.${error.code}`, { number: t("staff:errors.this_request"), ...error.params });
    }
    log.error({ kind, err: describeError(error) }, "front desk form failed");
    return t("common:errors.unknown");
  };

  noteAnswered(app, "shortcut", newRequestShortcut);
  noteAnswered(app, "view", intakeViewIds.unit);
  noteAnswered(app, "view", intakeViewIds.details);
  app.shortcut({ callback_id: newRequestShortcut, type: "shortcut" }, async ({ ack, shortcut, client }) => {
    await ack();
    await client.views.open({ trigger_id: shortcut.trigger_id, view: fitModal(intakeUnitModal(intakes, t), foldMarks(t)) });
  });

  app.view<ViewSubmitAction>({ callback_id: intakeViewIds.unit, type: "view_submission" }, async ({ ack, body, view }) => {
    const step = readIntakeUnitStep(view.state.values, intakes, t);
    if (!step.ok) return ack({ response_action: "errors", errors: step.errors });
    const { choice: intake, channel, building, unit } = step.value;
    try {
      const found = await findUnitForIntake(deps.workflow, { staffUserId: body.user.id, building, unit });
      const metadata = { kind: intake.kind, channel, building: found.unit.building, unit: found.unit.unit };
      const prepared = intake.prepare ? await intake.prepare(deps, { unitId: found.unit.id }) : undefined;
      await ack({
        response_action: "update",
        view: fitModal(intakeDetailsModal({ ...found, metadata, kindLabel: t(intake.labelKey), fields: intake.fields(t, metadata, prepared) }, t), foldMarks(t)),
      });
    } catch (error) {
      await ack({ response_action: "errors", errors: { [intakeInputs.unit]: refusal(error, intake.kind) } });
    }
  });

  app.view<ViewSubmitAction>({ callback_id: intakeViewIds.details, type: "view_submission" }, async ({ ack, body, view }) => {
    const metadata = decodeValue(IntakeMetadataSchema, view.private_metadata);
    const intake = intakes.find((candidate) => candidate.kind === metadata?.kind);
    if (!metadata || !intake || !intake.channels.includes(metadata.channel)) {
      log.warn({ staffUserId: body.user.id }, "unreadable front desk form");
      return ack({ response_action: "errors", errors: { [intake?.refusalField ?? intakeInputs.newName]: t("staff:errors.unreadable_button") } });
    }
    const caller = readIntakeCaller(view.state.values, t);
    const fields = intake.read(view.state.values, t);
    if (!caller.ok || !fields.ok) {
      return ack({ response_action: "errors", errors: { ...(caller.ok ? {} : caller.errors), ...(fields.ok ? {} : fields.errors) } });
    }
    try {
      // Recorded before the acknowledgement: the form shows the number to tell the caller, well within Slack's 3 s.
      const recorded = await intake.record(deps, { staffUserId: body.user.id, channel: metadata.channel, building: metadata.building, unit: metadata.unit, caller: caller.value }, fields.value);
      if ("errors" in recorded) return ack({ response_action: "errors", errors: recorded.errors });
      await ack({ response_action: "update", view: fitModal(intakeDoneModal(t(intake.doneKey, { number: recorded.number }), t), foldMarks(t)) });
    } catch (error) {
      await ack({ response_action: "errors", errors: { [intake.refusalField]: refusal(error, intake.kind) } });
    }
  });
}

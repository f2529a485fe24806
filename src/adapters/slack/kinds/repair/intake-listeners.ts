import type { App, ViewSubmitAction } from "@slack/bolt";
import { isWorkflowError } from "../../../../core/domain/errors.js";
import { PhoneSchema } from "../../../../core/domain/registry.js";
import { RepairCategorySchema } from "../../../../core/kinds/repair/details.js";
import { type Caller, recordRepairForOwner } from "../../../../core/kinds/repair/use-cases/record-repair-for-owner.js";
import { findUnitForIntake } from "../../../../core/use-cases/find-unit-for-intake.js";
import { decodeValue } from "../../interaction-values.js";
import { staffText } from "../../listeners/interaction.js";
import { describeError } from "../../slack-errors.js";
import type { SlackDeps } from "../../slack-deps.js";
import {
  intakeDetailsModal,
  IntakeDetailsSubmissionSchema,
  intakeDoneModal,
  intakeInputs,
  IntakeMetadataSchema,
  intakeUnitModal,
  IntakeUnitSubmissionSchema,
  intakeViewIds,
} from "./intake-modal.js";

/** The global shortcut of the app manifest that opens the front desk's form. */
export const newRequestShortcut = "new_request";

/**
 * The front desk's form for a request taken by phone or at the counter (来电接待, 来访接待):
 * the global shortcut opens it; the unit step looks the unit up and moves on to its residents;
 * the details step records the repair, which then flows as one from the bot, and shows the
 * number to tell the caller. Refusals and mistakes are shown on the form's fields: a shortcut
 * has no channel to answer in.
 */
export function registerIntake(app: App, deps: SlackDeps): void {
  const { t } = staffText(deps);
  const log = deps.logger.child({ surface: "intake" });
  const refusal = (error: unknown): string => {
    if (isWorkflowError(error)) return t(`common:errors.${error.code}`, { number: t("staff:errors.this_request"), ...error.params });
    log.error({ err: describeError(error) }, "front desk form failed");
    return t("common:errors.unknown");
  };

  app.shortcut({ callback_id: newRequestShortcut, type: "shortcut" }, async ({ ack, shortcut, client }) => {
    await ack();
    await client.views.open({ trigger_id: shortcut.trigger_id, view: intakeUnitModal(t) });
  });

  app.view<ViewSubmitAction>({ callback_id: intakeViewIds.unit, type: "view_submission" }, async ({ ack, body, view }) => {
    const parsed = IntakeUnitSubmissionSchema.safeParse(view.state.values);
    const channel = parsed.success && parsed.data[intakeInputs.channel][intakeInputs.channel].selected_option?.value === "counter" ? "counter" : "phone";
    const building = parsed.success ? (parsed.data[intakeInputs.building][intakeInputs.building].value ?? "").trim() : "";
    const unit = parsed.success ? (parsed.data[intakeInputs.unit][intakeInputs.unit].value ?? "").trim() : "";
    if (!building || !unit) return ack({ response_action: "errors", errors: { [building ? intakeInputs.unit : intakeInputs.building]: t("staff:intake.required") } });
    try {
      const found = await findUnitForIntake(deps.workflow, { staffUserId: body.user.id, building, unit });
      await ack({ response_action: "update", view: intakeDetailsModal({ ...found, metadata: { channel, building: found.unit.building, unit: found.unit.unit } }, t) });
    } catch (error) {
      await ack({ response_action: "errors", errors: { [intakeInputs.unit]: refusal(error) } });
    }
  });

  app.view<ViewSubmitAction>({ callback_id: intakeViewIds.details, type: "view_submission" }, async ({ ack, body, view }) => {
    const metadata = decodeValue(IntakeMetadataSchema, view.private_metadata);
    const parsed = IntakeDetailsSubmissionSchema.safeParse(view.state.values);
    if (!metadata || !parsed.success) return ack({ response_action: "errors", errors: { [intakeInputs.description]: t("staff:errors.unreadable_button") } });
    const values = parsed.data;
    const residentId = values[intakeInputs.caller]?.[intakeInputs.caller].selected_option?.value;
    const name = (values[intakeInputs.newName][intakeInputs.newName].value ?? "").trim();
    const phone = PhoneSchema.safeParse(values[intakeInputs.newPhone][intakeInputs.newPhone].value ?? "");
    let caller: Caller;
    if (residentId) caller = { residentId };
    else if (!name) return ack({ response_action: "errors", errors: { [intakeInputs.newName]: t("staff:intake.caller_required") } });
    else if (!phone.success) return ack({ response_action: "errors", errors: { [intakeInputs.newPhone]: t("staff:intake.phone_hint") } });
    else caller = { name, phone: phone.data };
    const category = RepairCategorySchema.safeParse(values[intakeInputs.category][intakeInputs.category].selected_option?.value);
    if (!category.success) return ack({ response_action: "errors", errors: { [intakeInputs.category]: t("staff:modals.correct.choose") } });
    const description = (values[intakeInputs.description][intakeInputs.description].value ?? "").trim();
    if (description.length < 2) return ack({ response_action: "errors", errors: { [intakeInputs.description]: t("staff:intake.description_required") } });
    const preferredTime = (values[intakeInputs.preferredTime][intakeInputs.preferredTime].value ?? "").trim();
    if (!preferredTime) return ack({ response_action: "errors", errors: { [intakeInputs.preferredTime]: t("staff:intake.required") } });
    try {
      // Recorded before the acknowledgement: the form shows the number to tell the caller, well within Slack's 3 s.
      const repair = await recordRepairForOwner(deps.workflow, { staffUserId: body.user.id, ...metadata, caller, category: category.data, description, preferredTime });
      await ack({ response_action: "update", view: intakeDoneModal(repair.number, t) });
    } catch (error) {
      await ack({ response_action: "errors", errors: { [intakeInputs.description]: refusal(error) } });
    }
  });
}

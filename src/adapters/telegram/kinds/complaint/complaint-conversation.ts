import type { ComplaintSubject } from "../../../../core/kinds/complaint/details.js";
import type { OwnerDeadline } from "../../../../core/kinds/complaint/new-complaint.js";
import { fileComplaint } from "../../../../core/kinds/complaint/use-cases/file-complaint.js";
import type { ConversationContext, OwnerBotDeps } from "../../context.js";
import { Dialog, type OwnerConversation } from "../../conversations/dialog.js";
import type { OwnUnitsStart } from "../../features/intake-entry.js";
import { askOwnUnit, unitLabel } from "../../conversations/steps/location.js";
import { askPhotos } from "../../conversations/steps/photos.js";
import { conversationClock } from "../../conversations/steps/preferred-time.js";
import { submitRequest } from "../../conversations/steps/submit.js";
import { askSummaryChoice } from "../../conversations/steps/summary.js";
import { askAbout, askDeadline, askStepToEdit, askSubject, askText, complaintTextFields, deadlineLabel, maxComplaintPhotos } from "./complaint-steps.js";

export const complaintConversationId = "complaint";

interface ComplaintDraft {
  subject: ComplaintSubject;
  description: string;
  whenWhere: string;
  about: string | null;
  ownerRequest: string;
  deadline: OwnerDeadline | null;
  photos: string[];
  unitId: string;
}

/**
 * The complaint intake (投诉, PROCEDURES.md §2 "Record"): subject, what happened, when and where,
 * who it is about, what the owner asks for, the deadline they want, photos and (for an owner of
 * several units) the unit; then a summary to submit, edit or cancel. Replayed from its log on
 * every update, so every core call and clock read is in `conversation.external`; the state lives
 * in the database, so a restart mid-conversation continues where the owner was.
 */
export function createComplaintConversation(deps: OwnerBotDeps) {
  return async function complaint(conversation: OwnerConversation, ctx: ConversationContext, start: OwnUnitsStart): Promise<void> {
    const dialog = new Dialog(conversation, ctx, start.locale, deps);
    const clock = conversationClock(conversation, deps.workflow);
    const mainMenu = () => deps.menu.keyboard((key) => dialog.t(key));
    const unitPrompt = "owner:complaint_form.ask_unit";
    await dialog.say(dialog.t("owner:complaint_form.intro"));
    const draft: ComplaintDraft = {
      subject: await askSubject(dialog),
      description: await askText(dialog, "description", complaintTextFields.description),
      whenWhere: await askText(dialog, "when_where", complaintTextFields.whenWhere),
      about: await askAbout(dialog),
      ownerRequest: await askText(dialog, "request", complaintTextFields.ownerRequest),
      deadline: await askDeadline(dialog, clock),
      photos: await askPhotos(dialog, maxComplaintPhotos),
      unitId: await askOwnUnit(dialog, start.units, unitPrompt),
    };

    for (;;) {
      const choice = await review(dialog, draft, start.units);
      if (choice === "cancel") {
        await dialog.say(dialog.t("owner:complaint_form.cancelled"), { reply_markup: mainMenu() });
        return;
      }
      if (choice === "edit") {
        const step = await askStepToEdit(dialog, start.units.length > 1);
        if (step === "subject") draft.subject = await askSubject(dialog);
        if (step === "description") draft.description = await askText(dialog, "description", complaintTextFields.description);
        if (step === "when_where") draft.whenWhere = await askText(dialog, "when_where", complaintTextFields.whenWhere);
        if (step === "about") draft.about = await askAbout(dialog);
        if (step === "request") draft.ownerRequest = await askText(dialog, "request", complaintTextFields.ownerRequest);
        if (step === "deadline") draft.deadline = await askDeadline(dialog, clock);
        if (step === "photos") draft.photos = await askPhotos(dialog, maxComplaintPhotos);
        if (step === "unit") draft.unitId = await askOwnUnit(dialog, start.units, unitPrompt);
        continue;
      }
      // A date that passed while the owner read the summary is corrected from the summary.
      const submitted = await submitRequest(dialog, deps, {
        conversationId: complaintConversationId,
        submittedKey: "owner:complaint_form.submitted",
        submit: () => fileComplaint(deps.workflow, { ownerUserId: dialog.userId, ...draft }),
      });
      if (submitted === "done") return;
    }
  };
}

/** The summary with Submit / Edit / Cancel. */
async function review(dialog: Dialog, draft: ComplaintDraft, units: OwnUnitsStart["units"]): Promise<"submit" | "edit" | "cancel"> {
  const unit = units.find((candidate) => candidate.unitId === draft.unitId);
  const line = (field: string, value: string) => dialog.t(`owner:complaint_form.summary.${field}`, { value });
  const lines = [
    dialog.t("owner:complaint_form.summary.title"),
    line("subject", dialog.t(`common:complaint_subject.${draft.subject}`)),
    line("description", draft.description),
    line("when_where", draft.whenWhere),
    line("about", draft.about ?? dialog.t("owner:complaint_form.about_skipped")),
    line("request", draft.ownerRequest),
    line("deadline", deadlineLabel(dialog, draft.deadline)),
    dialog.t("owner:report.summary.photos", { count: draft.photos.length }),
    line("unit", unit ? unitLabel(dialog, unit) : ""),
  ];
  return askSummaryChoice(dialog, lines.join("\n"));
}

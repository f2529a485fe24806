import type { App } from "@slack/bolt";
import { localDate } from "../../../../core/domain/deadline.js";
import type { FeeDetails } from "../../../../core/kinds/fee/details.js";
import { feeKind } from "../../../../core/kinds/fee/kind.js";
import { homeVisitDone, markLetterSent, referToLegal } from "../../../../core/kinds/fee/use-cases/stages.js";
import { onCaseButton } from "../../listeners/actions/case-buttons.js";
import { opensModal } from "../../listeners/actions/modal-buttons.js";
import { staffText } from "../../listeners/interaction.js";
import { onSubmission } from "../../listeners/views/on-submission.js";
import type { SlackDeps } from "../../slack-deps.js";
import { feeActionIds, feeViewIds } from "./interaction.js";
import { homeVisitModal, sentModal } from "./modals.js";
import { readNote, readTracking } from "./submissions.js";

const kind = feeKind.id;

/** Sent by express mail: the tracking number of the demand letter, shown on the card. */
function registerSent(app: App, deps: SlackDeps): void {
  const { t } = staffText(deps);
  opensModal<FeeDetails>(app, deps, { actionId: feeActionIds.markSent, action: "mark_sent", kind, build: async (subject, metadata) => ({ view: sentModal({ subject, metadata }, t) }) });
  onSubmission(app, deps, feeViewIds.sent, (values) => readTracking(values, t), (trackingNumber, metadata, staffUserId) =>
    markLetterSent(deps.workflow, { caseId: metadata.ticketId, staffUserId, trackingNumber }),
  );
}

/** Home visit done: the note of the visit, kept on the card. */
function registerHomeVisit(app: App, deps: SlackDeps): void {
  const { t } = staffText(deps);
  opensModal<FeeDetails>(app, deps, { actionId: feeActionIds.homeVisitDone, action: "home_visit_done", kind, build: async (subject, metadata) => ({ view: homeVisitModal({ subject, metadata }, t) }) });
  onSubmission(app, deps, feeViewIds.homeVisit, (values) => readNote(values, t), (note, metadata, staffUserId) => homeVisitDone(deps.workflow, { caseId: metadata.ticketId, staffUserId, note }));
}

/** The property's date today, for the payment modal's picker and its check. */
export function todayOf(deps: SlackDeps): string {
  return localDate(deps.workflow.time.now(), deps.workflow.timeZone);
}

/**
 * Every listener only fee cases have. Refer to legal acts at once (after Slack's confirmation):
 * the core refuses anyone but a manager, and the refusal reaches the clicker alone.
 */
export function registerFeeListeners(app: App, deps: SlackDeps): void {
  registerSent(app, deps);
  registerHomeVisit(app, deps);
  onCaseButton(app, deps, feeActionIds.referToLegal, referToLegal);
}

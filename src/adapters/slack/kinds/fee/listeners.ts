import type { App } from "@slack/bolt";
import { localDate } from "../../../../core/domain/deadline.js";
import type { FeeDetails } from "../../../../core/kinds/fee/details.js";
import { feeKind } from "../../../../core/kinds/fee/kind.js";
import { homeVisitDone, markLetterSent, referToLegal } from "../../../../core/kinds/fee/use-cases/stages.js";
import { formatFen } from "../../../../core/domain/money.js";
import { checkCaseAction } from "../../../../core/use-cases/check-case-action.js";
import { recordPayment } from "../../../../core/use-cases/fees/record-payment.js";
import { onCaseButton } from "../../listeners/actions/case-buttons.js";
import { opensModal } from "../../listeners/actions/modal-buttons.js";
import { staffText, tellClicker } from "../../listeners/interaction.js";
import { onSubmission } from "../../listeners/views/on-submission.js";
import type { SlackDeps } from "../../slack-deps.js";
import { feeActionIds, feeViewIds } from "./interaction.js";
import { homeVisitModal, paymentModal, sentModal } from "./modals.js";
import { readNote, readPayment, readTracking } from "./submissions.js";

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
function todayOf(deps: SlackDeps): string {
  return localDate(deps.workflow.time.now(), deps.workflow.timeZone);
}

/**
 * Record payment: against one charge of the household, through the ledger's `recordPayment`
 * (which refuses more than is outstanding or a day to come, issues the receipt, sends it to the
 * owner and settles the file when nothing due is left). The receipt's number is told to the
 * staff member at once, for the paper slip.
 */
function registerPayment(app: App, deps: SlackDeps): void {
  const { t } = staffText(deps);
  const log = deps.logger.child({ surface: "fee-payment" });
  opensModal<FeeDetails>(app, deps, {
    actionId: feeActionIds.recordPayment,
    action: "record_payment",
    kind,
    build: async (subject, metadata) => {
      const charges = await deps.workflow.uow.transaction((store) => store.charges.listByUnit(subject.unitId));
      return { view: paymentModal({ subject, charges, today: todayOf(deps), metadata }, t) };
    },
  });
  onSubmission(
    app,
    deps,
    feeViewIds.payment,
    (values) => readPayment(values, { timeZone: deps.workflow.timeZone, now: deps.workflow.time.now(), today: todayOf(deps) }, t),
    async (payment, metadata, staffUserId) => {
      // The metadata decides whose unit is paid for: checked as the click was (a fee file, the
      // submitter's right, a file still standing), so it can name nothing the button could not.
      const subject = await checkCaseAction(deps.workflow, { caseId: metadata.ticketId, staffUserId }, "record_payment", kind);
      const { receipt } = await recordPayment(deps.workflow, { staffUserId, unitId: subject.unitId, ...payment });
      await tellClicker(app.client, { userId: staffUserId, channel: metadata.channel }, t("staff:fee.payment_recorded", { number: subject.number, receipt: receipt.number, amount: formatFen(receipt.amountFen) }), log);
    },
  );
}

/**
 * Every listener only fee cases have. Refer to legal acts at once (after Slack's confirmation):
 * the core refuses anyone but a manager, and the refusal reaches the clicker alone.
 */
export function registerFeeListeners(app: App, deps: SlackDeps): void {
  registerPayment(app, deps);
  registerSent(app, deps);
  registerHomeVisit(app, deps);
  onCaseButton(app, deps, feeActionIds.referToLegal, referToLegal);
}

import type { types } from "@slack/bolt";
import type { ServiceDetails } from "../../../../core/kinds/service/details.js";
import { callbackPromptFor } from "../../blocks/callback-card.js";
import { reporterLabel } from "../../blocks/case-card.js";
import { field, type FormatInstant, type Translate, unitLabel } from "../../blocks/format.js";
import type { SlackPrompt } from "../slack-kind.js";
import { agreedLabel, type ServiceView } from "./service-text.js";

/**
 * What the front desk needs to call back the owner of an accepted service: who and where, what
 * was done and by whom, when the owner accepted it, the fee and its receipt.
 */
function serviceCallbackFacts(view: ServiceView, t: Translate, formatInstant: FormatInstant): types.MrkdwnElement[] {
  const details = view.subject.details;
  const receipt = view.receipts?.at(-1);
  const facts = [
    field(t("staff:card.owner"), reporterLabel(view, t)),
    field(t("staff:card.unit"), unitLabel(view.unit)),
    field(t("staff:service.callback.service"), `${t(`staff:service.types.${details.serviceType}`)} · ${details.priceCode}`),
    field(t("staff:service.callback.done_by"), view.assignee?.name ?? t("staff:card.unassigned")),
    field(t("staff:service.callback.accepted_at"), details.acceptedAt ? formatInstant(details.acceptedAt) : "-"),
    field(t("staff:service.callback.agreed"), agreedLabel(details, t)),
  ];
  if (receipt) facts.push(field(receipt.period ? t("staff:service.callback.month") : t("staff:service.callback.receipt"), receipt.period ? `${receipt.period} · ${receipt.number}` : receipt.number));
  return facts;
}

// "Not fixed" speaks of a repair: a service's owner is satisfied or not.
const shared = callbackPromptFor<ServiceDetails>(serviceCallbackFacts, {
  notSatisfiedLabel: "staff:service.callback.not_satisfied",
  cancelledNote: "staff:service.callback.cancelled",
  notSatisfiedOutcome: "staff:service.callback.not_satisfied_outcome",
});

/** A service's callback card (回访): the shared card with the service's facts; its view reads the receipts. */
export const serviceCallbackPrompt: SlackPrompt<ServiceDetails> = {
  viewOptions: (callbackId) => ({ ...shared.viewOptions(callbackId), receipts: true }),
  render: shared.render,
};

import { callbackPrompt } from "../../../../core/case/callback-rules.js";
import type { ServiceDetails } from "../../../../core/kinds/service/details.js";
import { serviceKind } from "../../../../core/kinds/service/kind.js";
import { defineSlackKind } from "../slack-kind.js";
import { serviceCallbackPrompt } from "./callback-prompt.js";
import { serviceCard, serviceSummary } from "./card.js";
import { serviceIntake } from "./intake.js";
import { registerServiceListeners } from "./listeners.js";

/** Service orders in Slack: the card in the cleaning or greening channel, its buttons and modals, the front desk's callback card, and its part of the front desk's form. */
export const serviceSlackKind = defineSlackKind<ServiceDetails>({
  kind: serviceKind.id,
  // The card lists the order's register and receipts and names the item booked.
  cardViewOptions: (service) => ({ workOrders: true, receipts: true, priceCodes: [service.details.priceCode] }),
  card: serviceCard,
  summary: serviceSummary,
  prompts: {
    [callbackPrompt]: serviceCallbackPrompt,
  },
  register: registerServiceListeners,
  intake: serviceIntake,
});

import type { FeeDetails } from "../../../../core/kinds/fee/details.js";
import { feeKind } from "../../../../core/kinds/fee/kind.js";
import { defineSlackKind } from "../slack-kind.js";
import { feeCard, feeSummary } from "./card.js";
import { postDemandLetter } from "./letter-post.js";
import { registerFeeListeners } from "./listeners.js";

/** Households in arrears in Slack: the card in the front desk's channel with what is owed, its buttons and modals, the demand letter in its thread. */
export const feeSlackKind = defineSlackKind<FeeDetails>({
  kind: feeKind.id,
  // The card lists the household's charges (naming the complaints disputing them) and the file's receipts; the owner's answers come from its history.
  cardViewOptions: () => ({ charges: true, receipts: true, events: 30 }),
  card: feeCard,
  summary: feeSummary,
  prompts: {},
  afterCard: postDemandLetter,
  register: registerFeeListeners,
});

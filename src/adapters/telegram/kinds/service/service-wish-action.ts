import type { Case } from "../../../../core/case/case.js";
import type { BotContext, OwnerBotDeps } from "../../context.js";
import { enterConversationFromPress } from "../../features/owner-button-press.js";
import type { OwnerButtonHandler, OwnerButtonPress } from "../telegram-kind.js";
import { serviceWishActions, serviceWishConversationId, type ServiceWishAction, type ServiceWishStart } from "./service-wish-conversation.js";

/** Once the team is on the way or done, a change of time is refused in words the owner understands. */
const underWay: ReadonlySet<string> = new Set(["in_progress", "done"]);

/** A button whose answer the owner types: the wish conversation asks, then hands it to the core. */
function askWish(action: ServiceWishAction): OwnerButtonHandler {
  return async (deps: OwnerBotDeps, ctx: BotContext, press: OwnerButtonPress) => {
    const start: ServiceWishStart = { locale: ctx.locale, caseId: press.button.caseId, action, ...(press.button.arg ? { arg: press.button.arg } : {}) };
    const staleReason = (subject: Case) =>
      action === "order.reschedule" && underWay.has(subject.status) ? ctx.t("common:errors.team_on_the_way", { number: subject.number }) : null;
    await enterConversationFromPress(deps, ctx, press, { id: serviceWishConversationId, start, staleReason });
  };
}

/** The handlers of the service's owner actions without `perform`, by action. */
export const serviceOwnerButtons: Record<string, OwnerButtonHandler> = Object.fromEntries(serviceWishActions.map((action) => [action, askWish(action)]));

import type { z } from "zod";
import type { Locale } from "../../../../core/domain/registry.js";
import { reportServiceProblem, ProblemWordsSchema } from "../../../../core/kinds/service/use-cases/report-service-problem.js";
import { requestOtherServiceTime, TimeWishSchema } from "../../../../core/kinds/service/use-cases/request-other-service-time.js";
import { requestOtherVisitTime } from "../../../../core/kinds/service/package/owner-visit-steps.js";
import { rescheduleService } from "../../../../core/kinds/service/use-cases/reschedule-service.js";
import type { WorkflowContext } from "../../../../core/ports/workflow-context.js";
import type { ConversationContext, OwnerBotDeps } from "../../context.js";
import { Dialog, type OwnerConversation } from "../../conversations/dialog.js";
import { attempt } from "../../errors.js";

export const serviceWishConversationId = "service-wish";

/** The owner actions of a service order that ask the owner something before the core acts. */
export const serviceWishActions = ["time.other", "visit.other", "work.problem", "order.reschedule"] as const;
export type ServiceWishAction = (typeof serviceWishActions)[number];

/** What the button passes at enter (persisted as JSON with the conversation). */
export interface ServiceWishStart {
  locale: Locale;
  caseId: string;
  action: ServiceWishAction;
  /** The button's instant: the proposal answered, or the package visit meant. */
  arg?: string;
}

interface WishQuestion {
  promptKey: string;
  hintKey: string;
  rule: z.ZodType<string>;
  /** The core call that takes the owner's words. */
  send(ctx: WorkflowContext, input: { ownerUserId: string; caseId: string; arg: string | undefined; words: string }): Promise<unknown>;
}

const questions: Record<ServiceWishAction, WishQuestion> = {
  "time.other": {
    promptKey: "owner:services.wish.ask_other_time",
    hintKey: "owner:services.time_hint",
    rule: TimeWishSchema,
    send: (ctx, { ownerUserId, caseId, arg, words }) => requestOtherServiceTime(ctx, { ownerUserId, caseId, ...(arg ? { proposedAt: arg } : {}), wish: words }),
  },
  "visit.other": {
    promptKey: "owner:services.wish.ask_other_visit",
    hintKey: "owner:services.time_hint",
    rule: TimeWishSchema,
    send: (ctx, { ownerUserId, caseId, arg, words }) => requestOtherVisitTime(ctx, { ownerUserId, caseId, visitAt: arg ?? "", wish: words }),
  },
  "work.problem": {
    promptKey: "owner:services.wish.ask_problem",
    hintKey: "owner:services.wish.problem_hint",
    rule: ProblemWordsSchema,
    send: (ctx, { ownerUserId, caseId, arg, words }) => reportServiceProblem(ctx, { ownerUserId, caseId, ...(arg ? { visitAt: arg } : {}), words }),
  },
  "order.reschedule": {
    promptKey: "owner:services.wish.ask_reschedule",
    hintKey: "owner:services.time_hint",
    rule: TimeWishSchema,
    send: (ctx, { ownerUserId, caseId, words }) => rescheduleService(ctx, { ownerUserId, caseId, wish: words }),
  },
};

/**
 * The owner answers a button of a service order in their own words (another time, another time
 * for a package visit, what is wrong with the work, a new wish for the time) and the core takes
 * them; its notice confirms it to the owner. A refusal (the team already on the way) is said here.
 */
export function createServiceWishConversation(deps: OwnerBotDeps) {
  return async function serviceWish(conversation: OwnerConversation, ctx: ConversationContext, start: ServiceWishStart): Promise<void> {
    const dialog = new Dialog(conversation, ctx, start.locale, deps);
    const question = questions[start.action];
    await dialog.say(dialog.t(question.promptKey));
    const words = await dialog.choose((answer) => {
      if (answer.kind !== "text") return undefined;
      const parsed = question.rule.safeParse(answer.text);
      return parsed.success ? parsed.data : undefined;
    }, question.hintKey);
    const result = await conversation.external(() =>
      attempt(async () => {
        await question.send(deps.workflow, { ownerUserId: dialog.userId, caseId: start.caseId, arg: start.arg, words });
        return null;
      }),
    );
    if (!result.ok) await dialog.say(dialog.t(`common:errors.${result.code}`, result.params));
  };
}

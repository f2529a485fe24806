import { Composer } from "grammy";
import { isWorkflowError } from "../../../core/domain/errors.js";
import { canPerform } from "../../../core/domain/lifecycle.js";
import type { OwnerAction } from "../../../core/domain/outbox.js";
import { answerFixed } from "../../../core/use-cases/answer-fixed.js";
import { confirmAppointment } from "../../../core/use-cases/confirm-appointment.js";
import { listOwnerTickets } from "../../../core/use-cases/list-owner-tickets.js";
import { decodeCallbackData } from "../callback-data.js";
import type { BotContext, TelegramDeps } from "../context.js";
import { otherTimeConversationId, type OtherTimeStart } from "../conversations/other-time-conversation.js";
import { describeError } from "../errors.js";
import { inConversation, senderId } from "./owner-helpers.js";

/**
 * The buttons under `owner.notice` messages: confirm the proposed time or ask for another, and
 * answer "Fixed?". Each press is answered, and the pressed message loses its keyboard (with a
 * line saying what was chosen) so it cannot be pressed twice.
 */
export function ownerActionsFeature(deps: TelegramDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.on("callback_query:data", async (ctx, next) => {
    const data = decodeCallbackData(ctx.callbackQuery.data);
    if (data?.type !== "owner_action") return next();
    const { action } = data;
    ctx.logger.info({ action: action.type, ticketId: action.ticketId }, "owner pressed a notice button");
    if (action.type === "appointment.other") return askOtherTime(deps, ctx, action.ticketId, action.proposedAt);
    const input = { ownerUserId: senderId(ctx), ticketId: action.ticketId };
    try {
      if (action.type === "appointment.confirm") await confirmAppointment(deps.workflow, { ...input, proposedAt: action.proposedAt });
      else await answerFixed(deps.workflow, { ...input, answer: action.type === "fixed.yes" ? "yes" : "no" });
    } catch (error) {
      // The ticket moved on (or is not theirs): the button is stale and must not stay pressable.
      if (isWorkflowError(error) && (error.code === "invalid_transition" || error.code === "not_found" || error.code === "expired")) {
        await markPressed(ctx, ctx.t("owner:action_done.expired"));
      }
      throw error;
    }
    const done = doneText(ctx, action);
    await ctx.answerCallbackQuery({ text: done });
    await markPressed(ctx, done);
  });

  return feature;
}

async function askOtherTime(deps: TelegramDeps, ctx: BotContext, ticketId: string, proposedAt: string): Promise<void> {
  if (inConversation(ctx)) {
    await ctx.answerCallbackQuery({ text: ctx.t("owner:actions.busy"), show_alert: true });
    return;
  }
  // Checked before asking, so the owner does not type a time only to hear the button was stale.
  const tickets = await listOwnerTickets(deps.workflow, senderId(ctx), 50);
  const ticket = tickets.find((candidate) => candidate.id === ticketId);
  if (!ticket || !canPerform(ticket.status, "request_other_time") || ticket.appointmentAt?.toISOString() !== proposedAt) {
    await ctx.answerCallbackQuery({ text: ctx.t("owner:action_done.expired") });
    await markPressed(ctx, ctx.t("owner:action_done.expired"));
    return;
  }
  await ctx.answerCallbackQuery();
  await markPressed(ctx, doneText(ctx, { type: "appointment.other", ticketId, proposedAt }));
  const start: OtherTimeStart = { locale: ctx.locale, ticketId, proposedAt };
  await ctx.conversation.enter(otherTimeConversationId, start);
}

function doneText(ctx: BotContext, action: OwnerAction): string {
  return ctx.t(`owner:action_done.${action.type}`);
}

/** Appends what was chosen and drops the keyboard; cosmetic, so a failed edit is only logged. */
async function markPressed(ctx: BotContext, status: string): Promise<void> {
  const message = ctx.callbackQuery?.message;
  try {
    if (message && "text" in message && message.text) await ctx.editMessageText(`${message.text}\n\n${status}`);
    else await ctx.editMessageReplyMarkup();
  } catch (error) {
    ctx.logger.warn({ error: describeError(error) }, "could not remove the keyboard of a pressed notice");
  }
}

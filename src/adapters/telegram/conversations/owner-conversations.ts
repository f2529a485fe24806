import { createConversation } from "@grammyjs/conversations";
import { Composer } from "grammy";
import type { BotContext, ConversationContext, TelegramDeps } from "../context.js";
import { createOtherTimeConversation, otherTimeConversationId } from "./other-time-conversation.js";
import { createRepairConversation, repairConversationId } from "./repair-conversation.js";
import { createVerificationConversation, verificationConversationId } from "./verification-conversation.js";

/** A day: an owner who walks away mid-intake finds the bot back to normal the next day. */
const maxMillisecondsToWait = 24 * 60 * 60 * 1000;

/**
 * Registers every conversation. Installed after the conversations plugin and `/cancel`, and
 * before the features: an active conversation sees the chat's updates first.
 */
export function ownerConversations(deps: TelegramDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const options = (id: string) => ({ id, maxMillisecondsToWait });
  composer.use(createConversation<BotContext, ConversationContext>(createRepairConversation(deps), options(repairConversationId)));
  composer.use(createConversation<BotContext, ConversationContext>(createVerificationConversation(deps), options(verificationConversationId)));
  composer.use(createConversation<BotContext, ConversationContext>(createOtherTimeConversation(deps), options(otherTimeConversationId)));
  return composer;
}

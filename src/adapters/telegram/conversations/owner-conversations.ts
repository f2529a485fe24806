import { createConversation } from "@grammyjs/conversations";
import { Composer } from "grammy";
import type { BotContext, ConversationContext, OwnerBotDeps } from "../context.js";
import type { KindConversation } from "../kinds/telegram-kind.js";
import { createVerificationConversation, verificationConversationId } from "./verification-conversation.js";

/** A day: an owner who walks away mid-intake finds the bot back to normal the next day. */
const maxMillisecondsToWait = 24 * 60 * 60 * 1000;

/**
 * Registers every conversation: each kind's, then the shared ones. Installed after the
 * conversations plugin and `/cancel`, and before the features: an active conversation sees the
 * chat's updates first. Throws when two share an id: stored state names its conversation by id.
 */
export function ownerConversations(deps: OwnerBotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const all: KindConversation[] = [
    ...deps.kinds.flatMap((kind) => kind.conversations(deps)),
    { id: verificationConversationId, builder: createVerificationConversation(deps) },
  ];
  const ids = new Set<string>();
  for (const { id, builder } of all) {
    if (ids.has(id)) throw new Error(`two conversations have the id ${id}`);
    ids.add(id);
    composer.use(createConversation<BotContext, ConversationContext>(builder, { id, maxMillisecondsToWait }));
  }
  return composer;
}

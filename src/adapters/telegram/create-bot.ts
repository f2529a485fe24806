import { conversations, type ConversationData } from "@grammyjs/conversations";
import { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { BotContext, ConversationContext, TelegramDeps } from "./context.js";
import { conversationStateVersion, keyValueStateStorage } from "./conversation-storage.js";
import { ownerConversations } from "./conversations/owner-conversations.js";
import { describeError } from "./errors.js";
import { cancelFeature } from "./features/cancel.js";
import { languageFeature } from "./features/language.js";
import { myRequestsFeature } from "./features/my-requests.js";
import { onboardingFeature } from "./features/onboarding.js";
import { ownerActionsFeature } from "./features/owner-actions.js";
import { repairFeature } from "./features/repair.js";
import { unhandledFeature } from "./features/unhandled.js";
import { dropRepeatedUpdates } from "./middleware/drop-repeated-updates.js";
import { answerRefusals, handleBotError } from "./middleware/error-boundary.js";
import { ownerContext } from "./middleware/owner-context.js";
import { sequentializeByChat } from "./middleware/sequentialize.js";

export interface CreateBotOptions {
  /** Bot API root; a local fake in tests and the playground. Defaults to https://api.telegram.org. */
  apiRoot?: string;
  /** The bot's own user. When given, no `getMe` is needed, so `handleUpdate` works offline. */
  botInfo?: UserFromGetMe;
}

/**
 * The owners' bot. Creating it touches no network and reads no environment; start it with
 * `bot.start()` (polling) or `webhookCallback(bot, ...)`, or drive it with `bot.handleUpdate`.
 *
 * Order matters: the error boundary wraps everything; one chat's updates run one at a time;
 * a repeated `update_id` is dropped before anything acts, and an update is recorded only once
 * handled; inside that, a second boundary answers refusals (WorkflowErrors), so they count as
 * handled while a crash passes on unrecorded to the outer one; only private chats go further
 * (owners' data never lands in a group); the per-update logger and locale are installed;
 * conversations (with `/cancel` ahead of them) see a chat's updates before the features; the
 * unhandled feature comes last.
 */
export function createBot(token: string, deps: TelegramDeps, options: CreateBotOptions = {}): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    ...(options.apiRoot ? { client: { apiRoot: options.apiRoot } } : {}),
  });

  // Last resort for polling: the boundary's handler catches its own failures, so this should stay quiet.
  bot.catch((error) => {
    deps.logger.error({ updateId: error.ctx.update.update_id, error: describeError(error.error) }, "unhandled bot error");
  });

  const guarded = bot.errorBoundary(handleBotError(deps));
  guarded.use(sequentializeByChat());
  guarded.use(dropRepeatedUpdates(deps));
  const owners = guarded.errorBoundary(answerRefusals(deps)).filter((ctx) => ctx.chat?.type === "private" && ctx.from !== undefined);
  owners.use(ownerContext(deps));
  owners.use(
    conversations<BotContext, ConversationContext>({
      storage: {
        type: "key",
        version: conversationStateVersion,
        prefix: "telegram:conversation:",
        adapter: keyValueStateStorage<ConversationData>(deps.workflow.uow, deps.logger),
      },
    }),
  );
  owners.use(cancelFeature(deps));
  owners.use(ownerConversations(deps));
  owners.use(onboardingFeature(deps));
  owners.use(languageFeature(deps));
  owners.use(repairFeature(deps));
  owners.use(myRequestsFeature(deps));
  owners.use(ownerActionsFeature(deps));
  owners.use(unhandledFeature(deps));
  return bot;
}

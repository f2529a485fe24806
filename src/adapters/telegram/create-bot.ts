import { conversations, type ConversationData } from "@grammyjs/conversations";
import { Api, Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { BotContext, ConversationContext, OwnerBotDeps, TelegramDeps } from "./context.js";
import { conversationStateVersion, keyValueStateStorage } from "./conversation-storage.js";
import { ownerConversations } from "./conversations/owner-conversations.js";
import { describeError } from "./errors.js";
import { cancelFeature } from "./features/cancel.js";
import { languageFeature } from "./features/language.js";
import { myRequestsFeature } from "./features/my-requests.js";
import { onboardingFeature } from "./features/onboarding.js";
import { ownerActionsFeature } from "./features/owner-actions.js";
import { unhandledFeature } from "./features/unhandled.js";
import { ownerMenu } from "./keyboards.js";
import { telegramKinds, type TelegramKindModule } from "./kinds/index.js";
import { claimUpdates, writeWhenSettled, type ClaimOptions } from "./middleware/claim-update.js";
import { logHandledUpdates } from "./middleware/log-handled-updates.js";
import { answerRefusals, handleBotError } from "./middleware/error-boundary.js";
import { ownerContext, readIdentityAtClaim } from "./middleware/owner-context.js";
import { sequentializeByChat } from "./middleware/sequentialize.js";
import { splitLongMessages } from "./message-parts.js";
import { respectRateLimitPause, retryAfterRateLimits, TelegramPause } from "./rate-limit-pause.js";

export interface CreateBotOptions {
  /** Bot API root; a local fake in tests and the playground. Defaults to https://api.telegram.org. */
  apiRoot?: string;
  /** The bot's own user. When given, no `getMe` is needed, so `handleUpdate` works offline. */
  botInfo?: UserFromGetMe;
  /**
   * The rate-limit wait shared with the outbox's API (see {@link respectRateLimitPause}); a
   * bot of its own by default.
   */
  pause?: TelegramPause;
  /**
   * How updates are claimed (see {@link claimUpdates}). The defaults are for several instances
   * behind one webhook; long polling has one consumer per bot, so it passes `leaseMs: 0` and
   * `chatLeases: false` (a claim left behind can then only be a killed previous run's).
   */
  claims?: ClaimOptions;
}

/**
 * The owners' bot. Creating it touches no network and reads no environment; start it with
 * `bot.start()` (polling) or `webhookCallback(bot, ...)`, or drive it with `bot.handleUpdate`.
 *
 * Order matters: the error boundary wraps everything; one chat's updates run one at a time in
 * this process; each update is claimed in the database (with its chat, so no other instance
 * runs that chat meanwhile) before anything acts, a repeated `update_id` is dropped, and an
 * update is marked done only once handled; inside that, a second boundary answers refusals (WorkflowErrors), so they count as
 * handled while a crash passes on unrecorded to the outer one; only private chats go further
 * (owners' data never lands in a group); the per-update logger and locale are installed;
 * conversations (with `/cancel` ahead of them) see a chat's updates before the features; each
 * kind's feature comes in the order of `telegramKinds`; the unhandled feature comes last.
 *
 * Every call through `bot.api` waits out a running 429 and is retried after it (see
 * {@link retryAfterRateLimits}); give the outbox an API of its own (it retries by itself).
 */
/**
 * The Bot API client of the outbox worker: without the handlers' retries (the outbox retries
 * by itself, keeps dead letters and paces the platform), but waiting out and recording the same
 * rate-limit pause as the bot, so neither sends into a wait the other's 429 started.
 */
export function createOutboxApi(token: string, pause: TelegramPause, apiRoot?: string): Api {
  const api = new Api(token, apiRoot ? { apiRoot } : {});
  api.config.use(respectRateLimitPause(pause));
  return api;
}

export function createBot(token: string, deps: TelegramDeps, options: CreateBotOptions = {}): Bot<BotContext> {
  const botDeps = ownerBotDeps(deps, telegramKinds);
  const bot = new Bot<BotContext>(token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    ...(options.apiRoot ? { client: { apiRoot: options.apiRoot } } : {}),
  });
  // Replies sent straight from handlers have no outbox behind them: a 429 must not lose them.
  const pause = options.pause ?? new TelegramPause();
  bot.api.config.use(retryAfterRateLimits(pause));
  // Outermost, so each part of a long reply is retried on its own.
  bot.api.config.use(splitLongMessages());

  // Last resort for polling: the boundary's handler catches its own failures, so this should stay quiet.
  bot.catch((error) => {
    deps.logger.error({ updateId: error.ctx.update.update_id, error: describeError(error.error) }, "unhandled bot error");
  });

  const guarded = bot.errorBoundary(handleBotError(deps));
  guarded.use(logHandledUpdates(deps));
  guarded.use(sequentializeByChat());
  const conversationState = keyValueStateStorage<BotContext, ConversationData>(deps.workflow.uow, deps.logger, writeWhenSettled);
  // What every update reads is read in its claiming transaction, and the conversation's new
  // state is written in the one recording it handled: two transactions per update in all.
  guarded.use(claimUpdates(deps, { ...options.claims, reads: [readIdentityAtClaim, (ctx, store) => conversationState.readAtClaim(ctx, store)] }));
  const owners = guarded.errorBoundary(answerRefusals(deps)).filter((ctx) => ctx.chat?.type === "private" && ctx.from !== undefined);
  owners.use(ownerContext(deps));
  owners.use(
    conversations<BotContext, ConversationContext>({
      storage: {
        type: "context",
        version: conversationStateVersion,
        adapter: conversationState,
      },
      // A conversation talks through an API of its own, without the bot's transformers.
      plugins: [
        async (ctx, next) => {
          ctx.api.config.use(retryAfterRateLimits(pause));
          ctx.api.config.use(splitLongMessages());
          await next();
        },
      ],
    }),
  );
  owners.use(cancelFeature(botDeps));
  owners.use(ownerConversations(botDeps));
  owners.use(onboardingFeature(botDeps));
  owners.use(languageFeature(botDeps));
  for (const kind of botDeps.kinds) owners.use(kind.feature(botDeps));
  owners.use(myRequestsFeature(botDeps));
  owners.use(ownerActionsFeature(botDeps));
  owners.use(unhandledFeature(botDeps));
  return bot;
}

/**
 * The deps every feature and conversation gets. Throws for a module whose kind the workflow does
 * not handle, or two modules with one kind or command: a wiring mistake, caught at start-up.
 */
export function ownerBotDeps(deps: TelegramDeps, kinds: readonly TelegramKindModule[]): OwnerBotDeps {
  const seen = new Set<string>();
  for (const module of kinds) {
    if (!deps.workflow.kinds.has(module.kind)) throw new Error(`the owners' bot offers kind ${module.kind}, which the workflow does not handle`);
    for (const name of [`kind ${module.kind}`, `command /${module.command}`]) {
      if (seen.has(name)) throw new Error(`two Telegram kind modules share ${name}`);
      seen.add(name);
    }
  }
  return { ...deps, kinds, menu: ownerMenu(deps.translator, kinds) };
}

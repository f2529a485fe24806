import { randomUUID } from "node:crypto";
import type { MiddlewareFn } from "grammy";
import type { Store } from "../../../core/ports/store.js";
import type { BotContext, TelegramDeps } from "../context.js";
import { describeError } from "../errors.js";
import { isUpdateDeferred, UpdateDeferred } from "../update-deferred.js";
import { releaseChatLease, takeChatLease } from "./chat-lease.js";

/** How {@link claimUpdates} claims; the defaults suit several instances behind one webhook. */
export interface ClaimOptions {
  /** This process's name on its claims; a random id per bot by default. */
  holder?: string;
  /**
   * How long a claim (and a chat's lease) holds if its holder never settles it - killed
   * mid-update. After it another instance may work on the update. Default 60 s. 0: claims never
   * hold against a redelivery (one instance only, as with long polling).
   */
  leaseMs?: number;
  /** Whether one chat's updates are kept from running on two instances at once (default true). */
  chatLeases?: boolean;
  /** How long a delivery waits for another instance's claim or chat lease before it is deferred; default 10 s. */
  waitMs?: number;
  /** How often a waiting delivery looks again; default 100 ms. */
  pollMs?: number;
  /** The wall clock leases run on (default real time): not the workflow's, which tests move by days. */
  now?: () => number;
  /**
   * Reads made in the claim's own transaction once the update is claimed, each keeping what it
   * read for the update's handling (see {@link ClaimRead}): what every update reads anyway, so
   * that it costs no transaction of its own.
   */
  reads?: readonly ClaimRead[];
}

/** A read made in an update's claiming transaction (see {@link ClaimOptions.reads}). */
export type ClaimRead = (ctx: BotContext, store: Store) => Promise<void>;

/** Per update: the writes to make in the transaction that records it handled. */
const settleWrites = new WeakMap<BotContext, Array<(store: Store) => Promise<void>>>();

/**
 * Makes `write` part of the transaction that records `ctx`'s update handled, so the update is
 * done together with what it changed: if the write throws, neither happens, and the update is
 * released as if its handling had failed. False when no claim settles this update (an update
 * outside {@link claimUpdates}): the caller then writes on its own.
 */
export function writeWhenSettled(ctx: BotContext, write: (store: Store) => Promise<void>): boolean {
  const writes = settleWrites.get(ctx);
  if (writes === undefined) return false;
  writes.push(write);
  return true;
}

type Taken = { outcome: "claimed"; chatVersion: number | null } | { outcome: "done" } | { outcome: "held"; by: "chat" | "update" };

/**
 * Telegram redelivers an update when it did not see our answer in time, and behind one webhook
 * several instances may each get a copy at once. The update is therefore claimed in the database
 * before anything acts on it: one atomic insert-if-absent decides which delivery works on it.
 *
 * - The winner handles it and marks it done. If handling throws (a bug, a lost database), the
 *   claim is released, so a redelivery is worked on again instead of leaving the owner in silence;
 *   a refusal answered by the inner boundary counts as handled.
 * - A delivery of an update already done is dropped (a warning: many of them mean updates are
 *   being lost, e.g. a Bot API whose ids started again below the ones recorded).
 * - A delivery that finds the update claimed by another live holder waits for it to settle: done
 *   is dropped, released is claimed and worked on. A claim left by a killed process is taken
 *   over once its lease has run out.
 *
 * The claiming transaction also makes the `reads` every update needs (the owner's identity, the
 * conversation's state), and the one recording the update done also makes the writes handed to
 * {@link writeWhenSettled} (the conversation's new state): two transactions per update.
 *
 * With `chatLeases`, the same transaction first takes the chat's lease (see {@link takeChatLease}),
 * so one chat's updates never run on two instances at once: a conversation reads its state at
 * the start of an update and writes it at the end, and two instances would each write their own
 * step. The in-process `sequentializeByChat` ahead of this keeps the instance's own updates of a
 * chat in line without touching the database.
 *
 * Waiting is bounded (`waitMs`): past it the update is deferred ({@link UpdateDeferred}), so the
 * webhook answers 500 and Telegram delivers it again later.
 */
export function claimUpdates(deps: TelegramDeps, options: ClaimOptions = {}): MiddlewareFn<BotContext> {
  const { uow } = deps.workflow;
  const holder = options.holder ?? randomUUID();
  const leaseMs = options.leaseMs ?? 60_000;
  const chatLeases = options.chatLeases ?? true;
  const waitMs = options.waitMs ?? 10_000;
  const pollMs = options.pollMs ?? 100;
  const now = options.now ?? Date.now;

  const reads = options.reads ?? [];

  const take = async (ctx: BotContext, store: Store, updateId: string, chat: string | undefined): Promise<Taken> => {
    const at = now();
    let chatVersion: number | null = null;
    if (chat !== undefined) {
      chatVersion = await takeChatLease(store.keyValues, chat, holder, at, at + leaseMs);
      if (chatVersion === null) return { outcome: "held", by: "chat" };
    }
    const outcome = await store.inbox.claim("telegram", updateId, { holder, at: new Date(at), leaseUntil: new Date(at + leaseMs) });
    if (outcome === "claimed") {
      for (const read of reads) await read(ctx, store);
      return { outcome, chatVersion };
    }
    // Not ours to work on: the chat's lease just taken goes back in the same transaction.
    if (chat !== undefined && chatVersion !== null) await releaseChatLease(store.keyValues, chat, chatVersion);
    return outcome === "done" ? { outcome } : { outcome, by: "update" };
  };

  return async (ctx, next) => {
    // Logged as the number Telegram sent, stored as text (the inbox also holds Slack's keys).
    const updateId = ctx.update.update_id;
    const chat = chatLeases ? (ctx.chatId ?? ctx.from?.id)?.toString() : undefined;
    const deadline = now() + waitMs;
    let taken = await uow.transaction((store) => take(ctx, store, String(updateId), chat));
    while (taken.outcome === "held") {
      if (now() >= deadline) {
        deps.logger.warn({ updateId, heldBy: taken.by, waitedMs: waitMs }, "telegram update deferred: another instance holds it");
        throw new UpdateDeferred(`the ${taken.by} is held by another instance`);
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      taken = await uow.transaction((store) => take(ctx, store, String(updateId), chat));
    }
    if (taken.outcome === "done") {
      deps.logger.warn({ updateId, reason: "already handled: this update_id is recorded as processed" }, "repeated telegram update dropped");
      return;
    }
    const { chatVersion } = taken;
    // The chat's row before the update's, as when taking them: PostgreSQL would otherwise find a
    // deadlock between this and a claim taking over the chat once its lease has run out.
    const settle = (work: (store: Store) => Promise<void>) => uow.transaction(work);
    const release = () =>
      settle(async (store) => {
        if (chat !== undefined && chatVersion !== null) await releaseChatLease(store.keyValues, chat, chatVersion);
        await store.inbox.release("telegram", String(updateId), holder);
      }).catch((releaseError: unknown) => {
        // Both run out after their lease: the update is worked on again once it has.
        deps.logger.error({ updateId, error: describeError(releaseError) }, "failed telegram update could not be released; a redelivery waits for its lease");
      });
    const writes: Array<(store: Store) => Promise<void>> = [];
    settleWrites.set(ctx, writes);
    try {
      await next();
    } catch (error) {
      await release();
      throw error;
    }
    try {
      await settle(async (store) => {
        for (const write of writes) await write(store);
        if (chat !== undefined && chatVersion !== null) await releaseChatLease(store.keyValues, chat, chatVersion);
        if (!(await store.inbox.complete("telegram", String(updateId), holder))) {
          deps.logger.warn({ updateId, leaseMs }, "telegram update outlived its claim: another instance may have acted on it too");
        }
      });
    } catch (error) {
      if (isUpdateDeferred(error)) {
        // What the update changed lost a race (another instance moved the conversation on):
        // nothing of it was kept, and Telegram's redelivery acts on the newer state.
        await release();
        throw error;
      }
      // The owner already has their answer; telling them something failed would be false. The
      // claim runs out after its lease, and a redelivery after that is acted on again.
      deps.logger.error({ updateId, error: describeError(error) }, "handled telegram update could not be recorded");
    }
    deps.onUpdateHandled?.();
  };
}

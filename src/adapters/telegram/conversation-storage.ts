import type { VersionedState, VersionedStateStorage } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type { Logger } from "pino";
import { z } from "zod";
import type { Store, UnitOfWork } from "../../core/ports/store.js";
import { UpdateDeferred } from "./update-deferred.js";

/**
 * Bump when a conversation's sequence of waits, externals or API calls changes: conversations
 * are replayed from their log, and an old log replayed against new code would desynchronise.
 * The plugin discards state of another version, so owners mid-conversation simply start over.
 */
export const conversationStateVersion = "owner-1";

/** Where a chat's conversation state is kept in the key-value port. */
export const conversationKeyPrefix = "telegram:conversation:";

const VersionedStateSchema = z.object({
  version: z.tuple([z.number(), z.union([z.string(), z.number()])]),
  state: z.unknown(),
});

/**
 * Conversation state in the core's key-value port, one JSON document per chat, each operation
 * in its own transaction. A document that does not parse is logged and treated as absent (the
 * owner starts over) rather than failing every later update of that chat.
 *
 * Not last write wins: the plugin reads the state when an update arrives and writes it when the
 * update is done, and the write is a compare-and-set against the version read for that same
 * update (kept per context object). If another instance wrote the chat's state in between, the
 * write (or delete) fails with {@link UpdateDeferred} and changes nothing: the other instance's
 * step stays, and Telegram's redelivery replays this update on top of it.
 *
 * Inside the owners' bot no read or write opens a transaction of its own: the update's claim
 * reads the state in its transaction (`readAtClaim`), and the write or delete is handed to
 * `defer`, which makes it part of the transaction recording the update handled. Only the last
 * write or delete of an update is made.
 */
export function keyValueStateStorage<C extends Context, S>(
  uow: UnitOfWork,
  logger: Logger,
  defer: (ctx: C, write: (store: Store) => Promise<void>) => boolean = () => false,
): VersionedStateStorage<C, S> & { readAtClaim(ctx: C, store: Store): Promise<void> } {
  /** Per update: the version its state was read at, null when there was none. */
  const readAt = new WeakMap<C, { key: string; version: number | null }>();
  /** Per update: the state its claim read, until the plugin asks for it. */
  const readEarly = new WeakMap<C, { key: string; row: { value: string; version: number } | null }>();
  /** Per update: the write or delete handed to `defer`, replaced by a later one. */
  const deferred = new WeakMap<C, (store: Store) => Promise<void>>();
  /** Makes `write` now, in a transaction of its own, unless `defer` takes it (or has one to replace). */
  const writeOrDefer = async (ctx: C, write: (store: Store) => Promise<void>): Promise<void> => {
    if (deferred.has(ctx) || defer(ctx, (store) => (deferred.get(ctx) as (store: Store) => Promise<void>)(store))) {
      deferred.set(ctx, write);
      return;
    }
    await uow.transaction(write);
  };
  const keyOf = (ctx: C): string | undefined => {
    const chat = ctx.chatId?.toString();
    return chat === undefined ? undefined : conversationKeyPrefix + chat;
  };
  const versionRead = (ctx: C, key: string): number | null => {
    const read = readAt.get(ctx);
    // The plugin always reads before it writes; a write without a read must not overwrite.
    if (read?.key !== key) throw new Error("conversation state written without being read for this update");
    return read.version;
  };
  const movedOn = (key: string): never => {
    logger.warn({ key }, "conversation state moved on while this update was handled; not overwritten");
    throw new UpdateDeferred("the conversation state was written by another instance meanwhile");
  };
  return {
    async readAtClaim(ctx, store) {
      const key = keyOf(ctx);
      if (key !== undefined) readEarly.set(ctx, { key, row: await store.keyValues.getVersioned(key) });
    },
    async read(ctx) {
      const key = keyOf(ctx);
      if (key === undefined) return undefined;
      const early = readEarly.get(ctx);
      readEarly.delete(ctx);
      const row = early?.key === key ? early.row : await uow.transaction((store) => store.keyValues.getVersioned(key));
      readAt.set(ctx, { key, version: row?.version ?? null });
      if (row === null) return undefined;
      try {
        const parsed = VersionedStateSchema.safeParse(JSON.parse(row.value));
        if (parsed.success) return parsed.data as VersionedState<S>;
      } catch {
        // Not JSON at all (a truncated write, a hand edit) is as unusable as JSON of the wrong shape.
      }
      logger.warn({ key }, "unreadable conversation state discarded");
      return undefined;
    },
    async write(ctx, state) {
      const key = keyOf(ctx);
      if (key === undefined) return;
      const expected = versionRead(ctx, key);
      const value = JSON.stringify(state);
      await writeOrDefer(ctx, async (store) => {
        const written = await store.keyValues.setIfVersion(key, value, expected);
        if (written === null) movedOn(key);
        readAt.set(ctx, { key, version: written });
      });
    },
    async delete(ctx) {
      const key = keyOf(ctx);
      if (key === undefined) return;
      const expected = versionRead(ctx, key);
      if (expected === null) {
        // Nothing stored to delete; a write of this same update still waiting is dropped.
        if (deferred.has(ctx)) deferred.set(ctx, async () => {});
        return;
      }
      await writeOrDefer(ctx, async (store) => {
        if (!(await store.keyValues.deleteIfVersion(key, expected))) movedOn(key);
        readAt.set(ctx, { key, version: null });
      });
    },
  };
}

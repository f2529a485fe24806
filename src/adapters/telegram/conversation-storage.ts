import type { VersionedState, VersionedStateStorage } from "@grammyjs/conversations";
import type { Logger } from "pino";
import { z } from "zod";
import type { UnitOfWork } from "../../core/ports/store.js";

/**
 * Bump when a conversation's sequence of waits, externals or API calls changes: conversations
 * are replayed from their log, and an old log replayed against new code would desynchronise.
 * The plugin discards state of another version, so owners mid-conversation simply start over.
 */
export const conversationStateVersion = "owner-1";

const VersionedStateSchema = z.object({
  version: z.tuple([z.number(), z.union([z.string(), z.number()])]),
  state: z.unknown(),
});

/**
 * Conversation state in the core's key-value port, one JSON document per key, each operation in
 * its own transaction. A document that does not parse is logged and treated as absent (the owner
 * starts over) rather than failing every later update of that chat.
 */
export function keyValueStateStorage<S>(uow: UnitOfWork, logger: Logger): VersionedStateStorage<string, S> {
  return {
    async read(key) {
      const raw = await uow.transaction((store) => store.keyValues.get(key));
      if (raw === null) return undefined;
      try {
        const parsed = VersionedStateSchema.safeParse(JSON.parse(raw));
        if (parsed.success) return parsed.data as VersionedState<S>;
      } catch {
        // Not JSON at all (a truncated write, a hand edit) is as unusable as JSON of the wrong shape.
      }
      logger.warn({ key }, "unreadable conversation state discarded");
      return undefined;
    },
    async write(key, state) {
      await uow.transaction((store) => store.keyValues.set(key, JSON.stringify(state)));
    },
    async delete(key) {
      await uow.transaction((store) => store.keyValues.delete(key));
    },
  };
}

import type { Context, MiddlewareFn } from "grammy";

/**
 * Runs one chat's updates one after another (other chats stay concurrent). A conversation
 * reads its state at the start of an update and writes it at the end; two updates of one chat
 * handled at once (webhook mode delivers concurrently) would overwrite each other's step.
 * In-process only, the fast path: across instances behind one webhook, the chat's lease in
 * claim-update.ts keeps them apart, and this spares an instance's own updates the database.
 */
export function sequentializeByChat(): MiddlewareFn<Context> {
  const tails = new Map<string, Promise<void>>();
  return async (ctx, next) => {
    const key = ctx.chatId?.toString() ?? ctx.from?.id.toString();
    if (key === undefined) return next();
    const previous = tails.get(key) ?? Promise.resolve();
    let release = (): void => undefined;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => done);
    tails.set(key, tail);
    await previous;
    try {
      await next();
    } finally {
      release();
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}

import { z } from "zod";
import type { KeyValueRepository } from "../../../core/ports/store.js";

/** Key-value documents of chats' leases: who works on the chat's updates, and until when at most. */
export const chatLeasePrefix = "telegram:chat-lease:";

const ChatLeaseSchema = z.object({ holder: z.string(), untilMs: z.number() });

/**
 * Takes `chat`'s lease for `holder` until `untilMs`, by compare-and-set on its key-value
 * document: returns the version written, or null while another holder's lease runs (or another
 * took it in the same instant). A lease of this same holder is taken again: its own updates of
 * one chat are already in line in-process, so one left behind (a release that failed) is stale.
 * An unreadable document counts as free.
 */
export async function takeChatLease(keyValues: KeyValueRepository, chat: string, holder: string, nowMs: number, untilMs: number): Promise<number | null> {
  const key = chatLeasePrefix + chat;
  const current = await keyValues.getVersioned(key);
  if (current !== null) {
    const lease = ChatLeaseSchema.safeParse(safeJson(current.value));
    if (lease.success && lease.data.holder !== holder && lease.data.untilMs > nowMs) return null;
  }
  return keyValues.setIfVersion(key, JSON.stringify({ holder, untilMs }), current?.version ?? null);
}

/** Gives the lease back, unless it ran out and another holder has taken it since (nothing to give). */
export async function releaseChatLease(keyValues: KeyValueRepository, chat: string, version: number): Promise<void> {
  await keyValues.deleteIfVersion(chatLeasePrefix + chat, version);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

import type { InboxRepository, KeyValueRepository } from "../core/ports/store.js";
import type { MemoryTables } from "./memory-tables.js";

/**
 * The in-memory inbox and key-value documents. Transactions of the memory store run one at a
 * time, so a check followed by a write is as atomic here as the single statements of the
 * Prisma versions; the outcomes must match theirs (the contract suite checks both).
 */
export function memoryInboxRepositories(t: MemoryTables): { inbox: InboxRepository; keyValues: KeyValueRepository } {
  const keyOf = (source: string, updateId: string) => `${source}:${updateId}`;
  const inbox: InboxRepository = {
    async claim(source, updateId, claim) {
      const key = keyOf(source, updateId);
      const row = t.inbox.get(key);
      if (row?.status === "done") return "done";
      // A lease ends at leaseUntil <= now, as the outbox's and jobs' do.
      if (row && row.leaseUntil !== null && row.leaseUntil.getTime() > claim.at.getTime()) return "held";
      t.inbox.set(key, { receivedAt: new Date(claim.at), status: "claimed", holder: claim.holder, leaseUntil: new Date(claim.leaseUntil) });
      return "claimed";
    },
    async complete(source, updateId, holder) {
      const row = t.inbox.get(keyOf(source, updateId));
      if (!row || row.status !== "claimed" || row.holder !== holder) return false;
      t.inbox.set(keyOf(source, updateId), { ...row, status: "done", leaseUntil: null });
      return true;
    },
    async release(source, updateId, holder) {
      const row = t.inbox.get(keyOf(source, updateId));
      if (row?.status === "claimed" && row.holder === holder) t.inbox.delete(keyOf(source, updateId));
    },
    async recordOnce(source, updateId, at) {
      const key = keyOf(source, updateId);
      if (t.inbox.has(key)) return false;
      t.inbox.set(key, { receivedAt: new Date(at), status: "done", holder: null, leaseUntil: null });
      return true;
    },
    seen: async (source, updateId) => t.inbox.has(keyOf(source, updateId)),
    async forget(source, updateId) {
      t.inbox.delete(keyOf(source, updateId));
    },
    async prune(before, limit) {
      const old = [...t.inbox.entries()]
        .filter(([, row]) => row.receivedAt.getTime() < before.getTime())
        .sort(([, a], [, b]) => a.receivedAt.getTime() - b.receivedAt.getTime())
        .slice(0, Math.max(0, limit));
      for (const [key] of old) t.inbox.delete(key);
      return old.length;
    },
  };
  const write = (key: string, value: string): number => {
    const version = (t.keyValues.get(key)?.version ?? 0) + 1;
    t.keyValues.set(key, { value, version });
    return version;
  };
  const keyValues: KeyValueRepository = {
    get: async (key) => t.keyValues.get(key)?.value ?? null,
    async set(key, value) {
      write(key, value);
    },
    async delete(key) {
      t.keyValues.delete(key);
    },
    async getVersioned(key) {
      const row = t.keyValues.get(key);
      return row ? { ...row } : null;
    },
    async setIfVersion(key, value, expected) {
      if ((t.keyValues.get(key)?.version ?? null) !== expected) return null;
      return write(key, value);
    },
    async deleteIfVersion(key, expected) {
      if (t.keyValues.get(key)?.version !== expected) return false;
      t.keyValues.delete(key);
      return true;
    },
  };
  return { inbox, keyValues };
}

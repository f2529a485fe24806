import type { UnitOfWork } from "./store.js";
import type { TimeSource } from "./time-source.js";

/** What every use case needs: the store, the time, and the property's time zone. */
export interface WorkflowContext {
  uow: UnitOfWork;
  time: TimeSource;
  /** IANA zone of the property (Asia/Shanghai by default); calendar rules count in it. */
  timeZone: string;
  /** Wakes the outbox worker of this process after a commit; optional. */
  onOutboxWritten?: () => void;
}

export function newId(): string {
  return globalThis.crypto.randomUUID();
}

import type { CaseKindRegistry } from "../case/registry.js";
import type { UnitOfWork } from "./store.js";
import type { TimeSource } from "./time-source.js";

/** What every use case needs: the store, the time, the property's time zone and the kinds of request. */
export interface WorkflowContext {
  uow: UnitOfWork;
  time: TimeSource;
  /** IANA zone of the property (Asia/Shanghai by default); calendar rules count in it. */
  timeZone: string;
  /** The kinds this deployment handles; shared use cases reach a kind's rules through it. */
  kinds: CaseKindRegistry;
  /** Wakes the outbox worker of this process after a commit; optional. */
  onOutboxWritten?: () => void;
}

export function newId(): string {
  return globalThis.crypto.randomUUID();
}

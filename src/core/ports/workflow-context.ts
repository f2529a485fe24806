import type { CaseKindRegistry } from "../case/registry.js";
import { defaultOwnerHours, defaultWorkingHours, type WorkingHours } from "../domain/working-hours.js";
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
  /** Staff working hours (`WORKING_HOURS`); {@link workingHoursOf} gives 09:00-18:00 when omitted. */
  workingHours?: WorkingHours;
  /** Hours owners may be reminded in, outside `QUIET_HOURS`; {@link ownerHoursOf} gives 08:00-21:00 when omitted. */
  ownerHours?: WorkingHours;
  /** The management company's name (`COMPANY_NAME`), as receipts and letters are signed; {@link companyNameOf} gives a neutral one when omitted. */
  companyName?: string;
  /** Wakes the outbox worker of this process after a commit; optional. */
  onOutboxWritten?: () => void;
}

/** The deployment's working hours, or the default 09:00-18:00. */
export function workingHoursOf(ctx: Pick<WorkflowContext, "workingHours">): WorkingHours {
  return ctx.workingHours ?? defaultWorkingHours;
}

/** The hours reminders may reach owners in, or the default 08:00-21:00 (quiet hours 21:00-08:00). */
export function ownerHoursOf(ctx: Pick<WorkflowContext, "ownerHours">): WorkingHours {
  return ctx.ownerHours ?? defaultOwnerHours;
}

/** The name letters are signed with when `COMPANY_NAME` is not set: the property's service centre. */
export const defaultCompanyName = "物业服务中心";

/** The deployment's company name, or {@link defaultCompanyName}. */
export function companyNameOf(ctx: Pick<WorkflowContext, "companyName">): string {
  return ctx.companyName ?? defaultCompanyName;
}

export function newId(): string {
  return globalThis.crypto.randomUUID();
}

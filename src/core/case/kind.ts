import type { z } from "zod";
import type { Charge, Payment } from "../domain/fees.js";
import type { MessageParams } from "../domain/outbox.js";
import type { Receipt } from "../domain/receipts.js";
import type { StaffMember, Team } from "../domain/registry.js";
import type { WorkingHours } from "../domain/working-hours.js";
import type { Store } from "../ports/store.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import type { Actor, Case, CaseHeader } from "./case.js";
import type { Clock, ClockRule, ClockRuleId } from "./clock.js";
import type { Job } from "./job.js";
import type { Lifecycle } from "./lifecycle.js";
import type { PermissionHolder, PermissionSubject } from "./permission.js";

/** What a due effect or a task reports; `skipped` says why nothing was done. */
export type WorkOutcome = { outcome: string; detail: string } | { skipped: string };

export interface DueEffectInput<D> {
  store: Store;
  kind: CaseKind;
  clock: Clock;
  subject: Case<D>;
  now: Date;
  timeZone: string;
  /** Staff working hours: a due effect that reaches staff defers to them unless the case is urgent. */
  workingHours: WorkingHours;
}

export interface TaskInput {
  store: Store;
  job: Job;
  /** The case the job names, if any. */
  subject: Case | null;
  data: Record<string, string | number>;
  now: Date;
  timeZone: string;
  /** Staff working hours, for a task that opens work reaching staff (a package month's callback). */
  workingHours: WorkingHours;
}

/** Work a job runs: once, or again at `next(runAt)` when recurring (the next row is queued with the run). */
export interface TaskDefinition {
  /** Where the work comes from in the procedures, for a reader checking it. */
  source: string;
  run(input: TaskInput): Promise<WorkOutcome>;
  next?(runAt: Date, timeZone: string): Date;
}

export interface OwnerActionInput {
  ownerUserId: string;
  caseId: string;
  arg?: string | undefined;
}

/**
 * A button an owner can press under a notice about one of their cases. The adapter encodes
 * `{ kind, action, case, arg }` in the platform's button data, so an action needs a short `code`
 * (two letters, unique within its kind) and says what its argument is.
 */
export interface OwnerActionDefinition {
  code: string;
  /** `instant`: an ISO instant (encoded compactly); null: no argument. */
  argument: "instant" | null;
  /** The argument may be left out: the same button with and without it (a package visit's Accept names the visit, a one-off's names nothing). */
  argumentOptional?: boolean;
  /** Message keys (owner namespace) of the button label and of the line the pressed message gets. */
  labelKey: string;
  doneKey: string;
  /** Whether the press would still act on the case as it is now (a stale button is told so at once). */
  isCurrent(subject: Case, arg: string | undefined): boolean;
  /**
   * The use case the press runs. Absent when the owner is asked something first (a new time):
   * the adapter then continues in a conversation of the kind's own.
   */
  perform?(ctx: WorkflowContext, input: OwnerActionInput): Promise<unknown>;
}

/** What a kind's callback policy gets when the front desk records that the owner was reached. */
export interface CallbackOutcomeInput<D> {
  store: Store;
  kind: CaseKind;
  subject: Case<D>;
  actor: Actor;
  at: Date;
  /** The history data of the recording (outcome, attempt, note, who): the event the kind appends carries it. */
  data: Record<string, unknown>;
  timeZone: string;
  workingHours: WorkingHours;
}

/**
 * What a kind owes its finished cases' callback (回访) besides the shared machinery's prompts,
 * retries and escalations (`machinery/callbacks.ts`, `use-cases/record-callback.ts`). A kind
 * with a callback also declares `callbackClockRules(id, windows)` among its clock rules and the
 * `promptCallback` due effect under `callbackPromptEffect`.
 */
export interface CallbackPolicy<D> {
  /** Prompts, retries and alerts about this case reach staff at once, ignoring working hours. */
  urgent(subject: Case<D>): boolean;
  /** Reached and satisfied: the kind ends the case (its transition + owner notice), in the transaction; returns the updated case. */
  satisfied(input: CallbackOutcomeInput<D>): Promise<Case<D>>;
  /** Reached and not satisfied: the kind sends it back (reopen, alert, owner notice). */
  notSatisfied(input: CallbackOutcomeInput<D>): Promise<Case<D>>;
}

/**
 * Everything a kind of request declares; shared machinery (transitions with their events, jobs
 * and outbox rows, clocks, due work, staff checks, owner buttons) reads it and knows no kind by
 * name. One definition per folder under `core/kinds/`, listed once in `core/kinds/index.ts`.
 */
export interface CaseKind<D = unknown> {
  id: string;
  /** Letter of the human number (`R` gives `R-2026-000123`). */
  prefix: string;
  details: z.ZodType<D>;
  lifecycle: Lifecycle;
  /** Statuses in which the case is finished (for "my requests" and reports). */
  finalStatuses: readonly string[];
  /** Which staff may take `action` on this case. */
  mayPerform(staff: StaffMember, action: string, subject: Case<D>): boolean;
  /** Who holds the right to `action`, so a refusal can say who to ask; absent: the refusal names nobody. */
  permissionHolders?(action: string, subject: Case<D>): readonly PermissionHolder[];
  /**
   * What a permission of `action` is checked against, when not the case's own team and assignee:
   * a complaint's department acknowledges it, though its card is the front desk's.
   */
  permissionSubject?(action: string, subject: Case<D>): PermissionSubject;
  /** Other teams whose channels show the case's card now, besides its own team's (kept in step). */
  cardCopies?(subject: Case<D>): readonly Team[];
  /** Lifecycle actions the staff card offers now, in button order. */
  cardActions(subject: Case<D>): string[];
  /** Clock rules by global id (`<kind>.<name>`). */
  clockRules: Record<ClockRuleId, ClockRule>;
  /** What each `ClockRule.onDue` does when its clock falls due. */
  dueEffects: Record<string, (input: DueEffectInput<D>) => Promise<WorkOutcome>>;
  ownerActions: Record<string, OwnerActionDefinition>;
  /** Task ids (`<kind>.<name>`) a job can run. */
  tasks: Record<string, TaskDefinition>;
  /**
   * The lifecycle action a staff request stands for in the case's state, when it depends on it:
   * a repair cancelled after its work started goes through its callback (`cancel_after_start`)
   * instead of ending at once. Default: the requested action itself.
   */
  resolveAction?(action: string, subject: Case<D>): string;
  /**
   * Run in the cancellation's transaction after a staff cancel (with the action it resolved to),
   * for what a kind's cancellation owes besides the transition (the repair's callback).
   */
  afterCancel?(input: { store: Store; kind: CaseKind; subject: Case<D>; action: string; now: Date; timeZone: string; workingHours: WorkingHours }): Promise<void>;
  /** The callback its finished cases get; absent: the kind has none and recording one is refused. */
  callback?: CallbackPolicy<D>;
  /** Parameters of an escalation alert about this case (default: number and due instant). */
  alertParams?(subject: Case<D>, clock: Clock): MessageParams;
  /** How the fee ledger's payments reach this kind's cases: declared by the kind that collects fees, by one kind at most. */
  ledger?: LedgerHooks;
}

/** A household's case collecting its fees, as the ledger sees it. */
export interface LedgerCase {
  subject: CaseHeader;
  /** The fee kind's stage id, which the owner's /fees names in words. */
  stage: string;
}

/** What the fee ledger tells the kind collecting a household's fees after a payment, in the payment's transaction. */
export interface PaymentRecorded {
  store: Store;
  unitId: string;
  /** The household's open case the receipt is of (from {@link LedgerHooks.openCase}), or null. */
  caseId: string | null;
  /** The charges paid, as they stand after the payment. */
  charges: Charge[];
  payments: Payment[];
  receipt: Receipt;
  now: Date;
  timeZone: string;
}

/**
 * The fee kind's part in a payment: the household's open case its receipt belongs to, and what
 * follows the payment (settling the case at once when nothing due is outstanding, so its
 * reminders stop).
 */
export interface LedgerHooks {
  /** The household's case in collection now (open, or referred to legal), with its stage (`reminding` … `legal`); null: none. */
  openCase(store: Store, unitId: string): Promise<LedgerCase | null>;
  afterPayment(paid: PaymentRecorded): Promise<void>;
}

/** Declares a kind with its details typed; the registry holds it with details unknown. */
export function defineKind<D>(kind: CaseKind<D>): CaseKind {
  return kind as unknown as CaseKind;
}

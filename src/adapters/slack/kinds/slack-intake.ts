import type { types } from "@slack/bolt";
import type { CaseKindId } from "../../../core/case/case.js";
import type { FieldErrors, IntakeCaller, IntakeChannel, IntakeMetadata, IntakeRead, IntakeValues } from "../blocks/intake-form.js";
import type { Translate } from "../blocks/format.js";
import type { SlackDeps } from "../slack-deps.js";
import type { SlackKind } from "./slack-kind.js";

/** Who took the request, how, for which unit and from whom: what the shared steps of the form establish. */
export interface IntakeRequest<C extends IntakeChannel = IntakeChannel> {
  staffUserId: string;
  channel: C;
  building: string;
  unit: string;
  caller: IntakeCaller;
}

/** A recorded request's number for the receipt, or field errors when the core's own checks refuse a field. */
export type IntakeRecorded = { number: string } | { errors: FieldErrors };

/**
 * One kind's part of the front desk's form (global shortcut `new_request`). The shared form asks
 * what the request is, how it came, the unit and the caller; the kind adds its fields to step 2,
 * reads them, and records the request through its core use case. `I` is what its fields say,
 * `C` the channels it is taken by, `P` what its fields are drawn from (read by `prepare`).
 */
export interface SlackIntakeModule<I, C extends IntakeChannel = IntakeChannel, P = undefined> {
  /** The core kind id (`CaseKind.id`) this part records. */
  kind: CaseKindId;
  /** Staff key of its name under "What is it" (`staff:intake.kinds.repair`). */
  labelKey: string;
  /** The channels it is taken by; another is refused on step 1's channel field. */
  channels: readonly C[];
  /**
   * Reads what its fields offer for the unit found in step 1 (a service's items of the price
   * standard), before step 2 is drawn; within Slack's 3 s, so one quick read. None when omitted.
   */
  prepare?(deps: SlackDeps, unit: { unitId: string }): Promise<P>;
  /** Its input blocks of step 2, below the caller; pure. Ids are the kind's own (`intake_…`). */
  fields(t: Translate, metadata: IntakeMetadata, prepared: P): types.KnownBlock[];
  /** Reads its fields; every missing or wrong field is reported at once, with the caller's. */
  read(values: IntakeValues, t: Translate): IntakeRead<I>;
  /** Records the request for the caller. A WorkflowError it throws is shown on `refusalField`. */
  record(deps: SlackDeps, request: IntakeRequest<C>, input: I): Promise<IntakeRecorded>;
  /** The block id under which a refusal of the whole request is shown (a shortcut has no channel to answer in). */
  refusalField: string;
  /** Staff key of the receipt, with `{number}`: what to tell the caller happens next. */
  doneKey: string;
}

/** An intake with its input unknown, as the shared form holds it. */
export type SlackIntake = SlackIntakeModule<unknown, IntakeChannel, unknown>;

/**
 * Declares a kind's intake with its input and channels typed. The shared form passes `record`
 * only what `read` returned and a channel among `channels` (it refuses any other on step 1).
 */
export function defineSlackIntake<I, C extends IntakeChannel, P = undefined>(module: SlackIntakeModule<I, C, P>): SlackIntake {
  return module as unknown as SlackIntake;
}

/**
 * The kinds the form offers, in order: those the kinds' modules declare, then `standalone` ones
 * whose kind has no module declaring an intake (a kind whose Slack module is not yet there). A
 * kind is offered once, by its module when it has one.
 */
export function intakesOf(kinds: readonly SlackKind[], standalone: readonly SlackIntake[] = []): SlackIntake[] {
  const declared = kinds.flatMap((module) => (module.intake ? [module.intake] : []));
  return [...declared, ...standalone.filter((intake) => !declared.some((other) => other.kind === intake.kind))];
}

import type { types } from "@slack/bolt";
import { callbackPromptRuleIds } from "../../../core/case/callback-rules.js";
import type { Callback, CallbackOutcome } from "../../../core/domain/callback.js";
import type { CaseView } from "../../../core/use-cases/get-case-view.js";
import { callbackActionIds, encodeValue } from "../interaction-values.js";
import type { SlackPrompt } from "../kinds/slack-kind.js";
import { button, context, field, fieldSections, type FormatInstant, type KnownBlock, plain, type SlackMessage, type Translate, truncate } from "./format.js";

/**
 * Where one callback stands, as its card in the front desk's channel shows it: waiting for its
 * prompt date, open for an attempt, between attempts after no answer, with the leader after the
 * last unanswered attempt, recorded, or void.
 */
export type CallbackCardState =
  | { kind: "waiting"; promptAt: Date | null }
  | { kind: "open"; attempt: number }
  | { kind: "retrying"; attempts: number; nextAt: Date | null }
  | { kind: "unreachable"; attempts: number }
  | { kind: "recorded"; outcome: CallbackOutcome | null }
  | { kind: "cancelled" };

/** The card's state from the callback and the clocks of its prompts (the next prompt's instant). */
export function callbackCardState(callback: Callback | null, view: Pick<CaseView, "subject" | "clocks">): CallbackCardState {
  if (!callback || callback.status === "cancelled") return { kind: "cancelled" };
  if (callback.status === "done") return { kind: "recorded", outcome: callback.outcome };
  if (callback.status === "unreachable") return { kind: "unreachable", attempts: callback.attempts };
  if (callback.status === "prompted") return { kind: "open", attempt: callback.attempts + 1 };
  const promptRules: readonly string[] = callbackPromptRuleIds(view.subject.kind);
  const next = view.clocks.find((clock) => clock.subject?.id === callback.id && promptRules.includes(clock.rule));
  if (callback.attempts === 0) return { kind: "waiting", promptAt: next?.dueAt ?? null };
  return { kind: "retrying", attempts: callback.attempts, nextAt: next?.dueAt ?? null };
}

export interface CallbackCardOptions {
  /** Message key of the "reached, not satisfied" button (default `staff:buttons.not_fixed`). */
  notSatisfiedLabel?: string;
  /** Message key of the line a void callback's card keeps (default `staff:callback.cancelled`, which speaks of a reopened repair). */
  cancelledNote?: string;
  /** Message key of the recorded "not satisfied" outcome (default `staff:callback.outcomes.not_fixed`). */
  notSatisfiedOutcome?: string;
}

function outcomeButtons(callbackId: string, attempt: number, t: Translate, labels: Required<CallbackCardOptions>, withNoAnswer: boolean): KnownBlock {
  const value = encodeValue({ callbackId, attempt });
  const elements = [
    button(callbackActionIds.satisfied, t("staff:buttons.satisfied"), value, "primary"),
    button(callbackActionIds.notSatisfied, t(labels.notSatisfiedLabel), value, "danger"),
  ];
  if (withNoAnswer) elements.push(button(callbackActionIds.noAnswer, t("staff:buttons.no_answer"), value));
  return { type: "actions", block_id: withNoAnswer ? "callback_outcomes" : "callback_leader_outcomes", elements };
}

function stateBlocks(state: CallbackCardState, callback: Callback | null, t: Translate, formatInstant: FormatInstant, labels: Required<CallbackCardOptions>): KnownBlock[] {
  const done = (lines: string[]) => context(`:white_check_mark: ${lines.join("\n")}`);
  switch (state.kind) {
    case "cancelled":
      return [context(t(labels.cancelledNote))];
    case "waiting":
      return [context(`:hourglass_flowing_sand: ${state.promptAt ? t("staff:callback.waiting", { at: formatInstant(state.promptAt) }) : t("staff:callback.waiting_undated")}`)];
    case "open":
      return [outcomeButtons(callback?.id ?? "", state.attempt, t, labels, true)];
    case "retrying": {
      const lines = [t("staff:callback.recorded_attempt", { attempt: state.attempts, outcome: t("staff:callback.outcomes.no_answer") })];
      if (state.nextAt) lines.push(t("staff:callback.next_attempt", { at: formatInstant(state.nextAt) }));
      return [done(lines)];
    }
    case "unreachable":
      // The leader who takes over an unreachable owner can still record that they were reached.
      return [
        done([t("staff:callback.recorded", { outcome: t("staff:callback.outcomes.no_answer") }), t("staff:callback.unreachable", { attempts: state.attempts })]),
        context(t("staff:callback.leader_can_record")),
        outcomeButtons(callback?.id ?? "", state.attempts + 1, t, labels, false),
      ];
    case "recorded":
      return [done([t("staff:callback.recorded", { outcome: t(state.outcome === "not_fixed" ? labels.notSatisfiedOutcome : `staff:callback.outcomes.${state.outcome ?? "no_answer"}`) })])];
  }
}

/**
 * The callback card (回访) of a kind, for its module's `prompts` under `callbackPrompt`: one per
 * callback in the front desk's channel, edited in place. Posted when the job is done (waiting,
 * with the prompt's date), it becomes the prompt with the outcomes when due, and shows the
 * outcome after. It shows the kind's `facts` about the case, when the callback is due, and Show
 * number while there is a call to make. The buttons' listeners are shared
 * (`listeners/actions/callback-buttons.ts`), so a kind registers none.
 *
 * The view reads the callback the prompt names, not the case's open one: an earlier attempt's
 * card is redrawn after its callback closed. The payload's `attempt` is kept for prompts posted
 * per attempt by earlier releases; the callback says which attempt is open.
 */
export function callbackPromptFor<D>(
  facts: (view: CaseView<D>, t: Translate, formatInstant: FormatInstant) => types.MrkdwnElement[],
  options: CallbackCardOptions = {},
): SlackPrompt<D> {
  const labels: Required<CallbackCardOptions> = {
    notSatisfiedLabel: options.notSatisfiedLabel ?? "staff:buttons.not_fixed",
    cancelledNote: options.cancelledNote ?? "staff:callback.cancelled",
    notSatisfiedOutcome: options.notSatisfiedOutcome ?? "staff:callback.outcomes.not_fixed",
  };
  return {
    viewOptions: (callbackId) => ({ callbackId }),
    render(view: CaseView<D>, _attempt: number, t: Translate, formatInstant: FormatInstant): SlackMessage {
      const { subject, callback } = view;
      const state = callbackCardState(callback, view);
      const attempt = state.kind === "open" ? state.attempt : Math.max(1, callback?.attempts ?? 1);
      const due = callback ? formatInstant(callback.dueAt) : "-";
      const blocks: KnownBlock[] = [
        { type: "header", text: plain(truncate(t("staff:callback.title", { number: subject.number, attempt }), 150)) },
        ...fieldSections([...facts(view, t, formatInstant), field(t("staff:callback.due"), due)]),
        ...stateBlocks(state, callback, t, formatInstant, labels),
      ];
      // The number to dial, shown in full to the one who asks (and recorded), while there is a call to make.
      if (view.reporter && (state.kind === "open" || state.kind === "unreachable" || state.kind === "retrying")) {
        blocks.push({
          type: "actions",
          block_id: "callback_phone",
          elements: [button(callbackActionIds.showNumber, t("staff:buttons.show_number"), encodeValue({ ticketId: subject.id, version: subject.version }))],
        });
      }
      return { text: t("staff:callback.fallback", { number: subject.number, attempt, due }), blocks };
    },
  };
}

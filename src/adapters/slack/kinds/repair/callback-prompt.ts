import type { Callback, CallbackOutcome } from "../../../../core/domain/callback.js";
import { callbackPromptRuleIds } from "../../../../core/case/callback-rules.js";
import { encodeValue } from "../../interaction-values.js";
import { button, context, field, fieldSections, type FormatInstant, type KnownBlock, plain, type SlackMessage, type Translate, truncate } from "../../blocks/format.js";
import { reporterLabel } from "../../blocks/case-card.js";
import { placeLabel, type RepairView } from "./card.js";
import { repairActionIds } from "./interaction.js";

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
export function callbackCardState(callback: Callback | null, view: Pick<RepairView, "clocks">): CallbackCardState {
  if (!callback || callback.status === "cancelled") return { kind: "cancelled" };
  if (callback.status === "done") return { kind: "recorded", outcome: callback.outcome };
  if (callback.status === "unreachable") return { kind: "unreachable", attempts: callback.attempts };
  if (callback.status === "prompted") return { kind: "open", attempt: callback.attempts + 1 };
  const next = view.clocks.find((clock) => clock.subject?.id === callback.id && (callbackPromptRuleIds("repair") as readonly string[]).includes(clock.rule));
  if (callback.attempts === 0) return { kind: "waiting", promptAt: next?.dueAt ?? null };
  return { kind: "retrying", attempts: callback.attempts, nextAt: next?.dueAt ?? null };
}

function outcomeButtons(callbackId: string, attempt: number, t: Translate, withNoAnswer: boolean): KnownBlock {
  const value = encodeValue({ callbackId, attempt });
  const elements = [
    button(repairActionIds.callbackSatisfied, t("staff:buttons.satisfied"), value, "primary"),
    button(repairActionIds.callbackNotFixed, t("staff:buttons.not_fixed"), value, "danger"),
  ];
  if (withNoAnswer) elements.push(button(repairActionIds.callbackNoAnswer, t("staff:buttons.no_answer"), value));
  return { type: "actions", block_id: withNoAnswer ? "callback_outcomes" : "callback_leader_outcomes", elements };
}

function stateBlocks(state: CallbackCardState, callback: Callback | null, t: Translate, formatInstant: FormatInstant): KnownBlock[] {
  const done = (lines: string[]) => context(`:white_check_mark: ${lines.join("\n")}`);
  switch (state.kind) {
    case "cancelled":
      return [context(t("staff:callback.cancelled"))];
    case "waiting":
      return [context(`:hourglass_flowing_sand: ${state.promptAt ? t("staff:callback.waiting", { at: formatInstant(state.promptAt) }) : t("staff:callback.waiting_undated")}`)];
    case "open":
      return [outcomeButtons(callback?.id ?? "", state.attempt, t, true)];
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
        outcomeButtons(callback?.id ?? "", state.attempts + 1, t, false),
      ];
    case "recorded":
      return [done([t("staff:callback.recorded", { outcome: t(`staff:callback.outcomes.${state.outcome ?? "no_answer"}`) })])];
  }
}

/**
 * The callback card (回访) in the front desk's channel, one per callback and edited in place:
 * posted when the job is done (waiting, with the prompt's date), it becomes the prompt with the
 * outcomes when due, and shows the outcome after. It shows the repair, the owner's own answer to
 * "Fixed?" from the bot and when the callback is due. `_attempt` is the payload's, kept for
 * prompts posted per attempt by earlier releases; the callback says which attempt is open.
 */
export function callbackPromptBlocks(view: RepairView, _attempt: number, t: Translate, formatInstant: FormatInstant): SlackMessage {
  const { subject, callback } = view;
  const repair = subject.details;
  const state = callbackCardState(callback, view);
  const attempt = state.kind === "open" ? state.attempt : Math.max(1, callback?.attempts ?? 1);
  const finishedAt = repair.leakTestAt ?? repair.completedAt;
  const ownerAnswer = repair.ownerFixedAnswer ? t(`staff:card.fixed_${repair.ownerFixedAnswer}`) : t("staff:callback.no_owner_answer");
  const fields = [
    field(t("staff:card.owner"), reporterLabel(view, t)),
    field(t("staff:card.unit"), placeLabel(view, t)),
    field(t("staff:card.category"), t(`common:category.${repair.category}`)),
    field(t("staff:callback.repaired_by"), view.assignee?.name ?? t("staff:card.unassigned")),
    field(t("staff:callback.finished_at"), finishedAt ? formatInstant(finishedAt) : "-"),
    field(t("staff:callback.due"), callback ? formatInstant(callback.dueAt) : "-"),
    field(t("staff:callback.owner_answer"), ownerAnswer),
  ];
  if (subject.cancelReason) fields.push(field(t("staff:callback.cancelled_after_start"), subject.cancelReason));
  const blocks: KnownBlock[] = [
    { type: "header", text: plain(truncate(t("staff:callback.title", { number: subject.number, attempt }), 150)) },
    ...fieldSections(fields),
    ...stateBlocks(state, callback, t, formatInstant),
  ];
  // The number to dial, shown in full to the one who asks (and recorded), while there is a call to make.
  if (view.reporter && (state.kind === "open" || state.kind === "unreachable" || state.kind === "retrying")) {
    blocks.push({
      type: "actions",
      block_id: "callback_phone",
      elements: [button(repairActionIds.showNumber, t("staff:buttons.show_number"), encodeValue({ ticketId: subject.id, version: subject.version }))],
    });
  }
  const text = t("staff:callback.fallback", { number: subject.number, attempt, due: callback ? formatInstant(callback.dueAt) : "-" });
  return { text, blocks };
}

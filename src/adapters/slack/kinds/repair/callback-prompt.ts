import type { Callback, CallbackOutcome } from "../../../../core/domain/callback.js";
import { encodeValue } from "../../interaction-values.js";
import { button, context, field, fieldSections, type FormatInstant, type KnownBlock, plain, type SlackMessage, type Translate, truncate } from "../../blocks/format.js";
import { reporterLabel } from "../../blocks/case-card.js";
import { placeLabel, type RepairView } from "./card.js";
import { repairActionIds } from "./interaction.js";

/** Whether the prompt of `attempt` still waits for an outcome, or what was recorded for it. */
export type CallbackPromptState =
  | { kind: "open" }
  | { kind: "recorded"; outcome: CallbackOutcome | null; nextDueAt: Date | null; unreachable: boolean }
  | { kind: "cancelled" };

/**
 * A callback keeps one row across attempts, so an older attempt's prompt is closed once the row
 * counts that many attempts: an earlier attempt can only have ended with no answer.
 */
export function callbackPromptState(callback: Callback | null, attempt: number): CallbackPromptState {
  if (!callback || callback.status === "cancelled") return { kind: "cancelled" };
  if (callback.attempts >= attempt || callback.status === "done" || callback.status === "unreachable") {
    const latest = attempt >= callback.attempts;
    return {
      kind: "recorded",
      outcome: latest ? callback.outcome : "no_answer",
      nextDueAt: latest && callback.status === "scheduled" ? callback.dueAt : null,
      unreachable: latest && callback.status === "unreachable",
    };
  }
  return { kind: "open" };
}

function stateBlocks(state: CallbackPromptState, callback: Callback | null, attempt: number, t: Translate, formatInstant: FormatInstant): KnownBlock[] {
  if (state.kind === "cancelled") return [context(t("staff:callback.cancelled"))];
  if (state.kind === "recorded") {
    const lines = [t("staff:callback.recorded", { outcome: t(`staff:callback.outcomes.${state.outcome ?? "no_answer"}`) })];
    if (state.nextDueAt) lines.push(t("staff:callback.next_attempt", { at: formatInstant(state.nextDueAt) }));
    if (state.unreachable) lines.push(t("staff:callback.unreachable", { attempts: callback?.attempts ?? attempt }));
    const recorded = context(`:white_check_mark: ${lines.join("\n")}`);
    if (!state.unreachable || !callback) return [recorded];
    // The leader who takes over an unreachable owner can still record that they were reached.
    const value = encodeValue({ callbackId: callback.id, attempt: callback.attempts + 1 });
    return [
      recorded,
      context(t("staff:callback.leader_can_record")),
      {
        type: "actions",
        block_id: "callback_leader_outcomes",
        elements: [
          button(repairActionIds.callbackSatisfied, t("staff:buttons.satisfied"), value, "primary"),
          button(repairActionIds.callbackNotFixed, t("staff:buttons.not_fixed"), value, "danger"),
        ],
      },
    ];
  }
  const value = encodeValue({ callbackId: callback?.id ?? "", attempt });
  return [
    {
      type: "actions",
      block_id: "callback_outcomes",
      elements: [
        button(repairActionIds.callbackSatisfied, t("staff:buttons.satisfied"), value, "primary"),
        button(repairActionIds.callbackNotFixed, t("staff:buttons.not_fixed"), value, "danger"),
        button(repairActionIds.callbackNoAnswer, t("staff:buttons.no_answer"), value),
      ],
    },
  ];
}

/**
 * The front desk's prompt to phone the owner (回访) for one attempt: the repair, the owner's own
 * answer to "Fixed?" from the bot, when the callback is due, and the three outcomes while the
 * attempt is open; once recorded, the outcome instead of the buttons.
 */
export function callbackPromptBlocks(view: RepairView, attempt: number, t: Translate, formatInstant: FormatInstant): SlackMessage {
  const { subject, callback } = view;
  const repair = subject.details;
  const state = callbackPromptState(callback, attempt);
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
  const blocks: KnownBlock[] = [
    { type: "header", text: plain(truncate(t("staff:callback.title", { number: subject.number, attempt }), 150)) },
    ...fieldSections(fields),
    ...stateBlocks(state, callback, attempt, t, formatInstant),
  ];
  const text = t("staff:callback.fallback", { number: subject.number, attempt, due: callback ? formatInstant(callback.dueAt) : "-" });
  return { text, blocks };
}

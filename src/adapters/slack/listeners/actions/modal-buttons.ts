import type { App, types } from "@slack/bolt";
import type { Case } from "../../../../core/case/case.js";
import { checkCaseAction } from "../../../../core/use-cases/check-case-action.js";
import { listTeamStaff } from "../../../../core/use-cases/list-team-staff.js";
import { fitModal, foldMarks } from "../../blocks/block-limits.js";
import { assignModal, cancelModal, type ModalSubject } from "../../blocks/modals.js";
import { actionIds, CaseButtonValueSchema, type ModalMetadata } from "../../interaction-values.js";
import { findSlackKind, type SlackKind } from "../../kinds/slack-kind.js";
import type { SlackDeps } from "../../slack-deps.js";
import { explainUnreadable, staffText, tellClicker } from "../interaction.js";
import { onButton } from "./on-button.js";

/** The modal to open, or why not, said to the clicker alone. */
export type ModalOrRefusal = { view: types.ModalView } | { refusal: string };

/** A card button that opens a modal; its submission acts (see views/). */
export interface ModalButton<D> {
  actionId: string;
  /** The lifecycle action the submission performs; the core's checks for it run at the click. */
  action: string;
  /** Restricts the button to cases of one kind: a kind's own modal never opens on another kind's case. */
  kind?: string;
  build(subject: Case<D>, metadata: ModalMetadata): Promise<ModalOrRefusal>;
}

/**
 * A card button that opens a modal for `action`, after the core's checks pass (so strangers and
 * members without the right are told at the click). Slack's trigger id is valid for 3 s, so
 * nothing slow may run before `views.open`.
 */
export function opensModal<D>(app: App, deps: SlackDeps, button: ModalButton<D>): void {
  onButton(app, deps, {
    actionId: button.actionId,
    surface: "modal-buttons",
    value: CaseButtonValueSchema,
    // Keyed by trigger id, not by card version: reopening a modal after closing it must work.
    key: ({ triggerId }) => `${button.actionId}:${triggerId}`,
    context: (value) => ({ caseId: value.ticketId }),
    act: async ({ value, clicker, triggerId, client, log }) => {
      // The submission's refusals are explained in the card's channel: without one there is nowhere to answer.
      const channel = clicker.channel;
      if (!channel) return explainUnreadable(deps, client, clicker, log, button.actionId);
      const subject = await checkCaseAction(deps.workflow, { caseId: value.ticketId, staffUserId: clicker.userId }, button.action, button.kind);
      const built = await button.build(subject as Case<D>, { ticketId: subject.id, channel });
      if ("refusal" in built) return tellClicker(client, clicker, built.refusal, log);
      await client.views.open({ trigger_id: triggerId, view: fitModal(built.view, foldMarks(staffText(deps).t)) });
    },
  });
}

/** Assign and Cancel, on every kind's card; each modal names the case through its kind's module. */
export function registerModalButtons(app: App, deps: SlackDeps, kinds: readonly SlackKind[]): void {
  const { t } = staffText(deps);
  const named = (subject: Case): ModalSubject => {
    const module = findSlackKind(kinds, subject.kind);
    if (!module) throw new Error(`no Slack module draws kind ${subject.kind}`);
    return { number: subject.number, summary: module.summary(subject) };
  };

  opensModal(app, deps, {
    actionId: actionIds.assign,
    action: "assign",
    build: async (subject, metadata) => {
      const members = await listTeamStaff(deps.workflow, subject.team);
      if (members.length === 0) return { refusal: t("staff:errors.no_team_members", { team: t(`staff:teams.${subject.team}`) }) };
      return { view: assignModal({ subject: { ...named(subject), assigneeId: subject.assigneeId }, members, metadata }, t) };
    },
  });

  opensModal(app, deps, {
    actionId: actionIds.cancel,
    action: "cancel",
    build: async (subject, metadata) => ({ view: cancelModal({ subject: named(subject), metadata }, t) }),
  });
}

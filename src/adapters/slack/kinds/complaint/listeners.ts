import type { App } from "@slack/bolt";
import type { ComplaintDetails, ComplaintTier } from "../../../../core/kinds/complaint/details.js";
import { complaintKind } from "../../../../core/kinds/complaint/kind.js";
import { classifyComplaint } from "../../../../core/kinds/complaint/use-cases/classify-complaint.js";
import {
  acknowledgeComplaint,
  markComplaintInvalid,
  recordOwnerContacted,
  routeComplaint,
  sendComplaintAnswer,
  takeOverComplaint,
} from "../../../../core/kinds/complaint/use-cases/complaint-steps.js";
import { reportOngoingHarm } from "../../../../core/kinds/complaint/use-cases/report-ongoing-harm.js";
import { resolveComplaint } from "../../../../core/kinds/complaint/use-cases/resolve-complaint.js";
import type { Team } from "../../../../core/domain/registry.js";
import type { RepairCategory } from "../../../../core/kinds/repair/details.js";
import type { ModalMetadata } from "../../interaction-values.js";
import { onCaseButton } from "../../listeners/actions/case-buttons.js";
import { opensModal } from "../../listeners/actions/modal-buttons.js";
import { staffText } from "../../listeners/interaction.js";
import { onSubmission, type ParsedSubmission } from "../../listeners/views/on-submission.js";
import type { SlackDeps } from "../../slack-deps.js";
import { chosenDepartment, complaintActionIds, complaintInputs, complaintViewIds, harmInput, typedWords } from "./interaction.js";
import { departmentModal, harmModal, type WordsModalName, wordsModal } from "./modals.js";

const kind = complaintKind.id;

/** Major and Minor classify at once; the tier's clocks start and the owner is told when to expect the resolution. */
function registerInstantButtons(app: App, deps: SlackDeps): void {
  const classifyAs = (tier: ComplaintTier) => (ctx: SlackDeps["workflow"], input: { caseId: string; staffUserId: string }) => classifyComplaint(ctx, { ...input, tier });
  onCaseButton(app, deps, complaintActionIds.classifyMajor, classifyAs("major"));
  onCaseButton(app, deps, complaintActionIds.classifyMinor, classifyAs("minor"));
  onCaseButton(app, deps, complaintActionIds.acknowledge, acknowledgeComplaint);
  onCaseButton(app, deps, complaintActionIds.contactOwner, recordOwnerContacted);
  onCaseButton(app, deps, complaintActionIds.supervisorTakeover, takeOverComplaint);
}

/** Service error and Route: a department to choose, then the core forwards to its head. */
function registerDepartmentModals(app: App, deps: SlackDeps): void {
  const { t } = staffText(deps);
  const parse = (values: unknown): ParsedSubmission<Team> => {
    const department = chosenDepartment(values);
    return department ? { ok: true, input: department } : { ok: false, errors: { [complaintInputs.department]: t("staff:complaint.modals.department_required") } };
  };
  opensModal<ComplaintDetails>(app, deps, {
    actionId: complaintActionIds.classifyServiceError,
    action: "classify",
    kind,
    build: async (complaint, metadata) => ({ view: departmentModal({ complaint, metadata, purpose: "service_error" }, t) }),
  });
  onSubmission(app, deps, complaintViewIds.serviceError, parse, (department, metadata, staffUserId) =>
    classifyComplaint(deps.workflow, { caseId: metadata.ticketId, staffUserId, tier: "service_error", department }),
  );
  opensModal<ComplaintDetails>(app, deps, {
    actionId: complaintActionIds.route,
    action: "route",
    kind,
    build: async (complaint, metadata) => ({ view: departmentModal({ complaint, metadata, purpose: "route" }, t) }),
  });
  onSubmission(app, deps, complaintViewIds.route, parse, (department, metadata, staffUserId) =>
    routeComplaint(deps.workflow, { caseId: metadata.ticketId, staffUserId, department }),
  );
}

/** The modals of words the owner reads: Invalid's helpful reply, the answer, the resolution. */
function registerWordsModals(app: App, deps: SlackDeps): void {
  const { t } = staffText(deps);
  const modals: { name: WordsModalName; actionId: string; action: string; viewId: string; act: (words: string, metadata: ModalMetadata, staffUserId: string) => Promise<unknown> }[] = [
    {
      name: "invalid",
      actionId: complaintActionIds.markInvalid,
      action: "mark_invalid",
      viewId: complaintViewIds.invalid,
      act: (reply, metadata, staffUserId) => markComplaintInvalid(deps.workflow, { caseId: metadata.ticketId, staffUserId, reply }),
    },
    {
      name: "answer",
      actionId: complaintActionIds.sendAnswer,
      action: "send_answer",
      viewId: complaintViewIds.answer,
      act: (answer, metadata, staffUserId) => sendComplaintAnswer(deps.workflow, { caseId: metadata.ticketId, staffUserId, answer }),
    },
    {
      name: "resolve",
      actionId: complaintActionIds.resolve,
      action: "resolve",
      viewId: complaintViewIds.resolve,
      act: (resolution, metadata, staffUserId) => resolveComplaint(deps.workflow, { caseId: metadata.ticketId, staffUserId, resolution }),
    },
  ];
  for (const modal of modals) {
    opensModal<ComplaintDetails>(app, deps, {
      actionId: modal.actionId,
      action: modal.action,
      kind,
      build: async (complaint, metadata) => ({ view: wordsModal({ complaint, metadata, name: modal.name }, t) }),
    });
    onSubmission(
      app,
      deps,
      modal.viewId,
      (values): ParsedSubmission<string> => {
        const words = typedWords(values);
        // The core's own rule (StaffWordsSchema): at least two characters the owner can read.
        return words.length >= 2 ? { ok: true, input: words } : { ok: false, errors: { [complaintInputs.words]: t("staff:complaint.modals.words_required") } };
      },
      modal.act,
    );
  }
}

/** Harm ongoing: the linked urgent repair opens at once, its dispatch card mentioning the maintenance leader. */
function registerHarm(app: App, deps: SlackDeps): void {
  const { t } = staffText(deps);
  opensModal<ComplaintDetails>(app, deps, {
    actionId: complaintActionIds.harmOngoing,
    action: "harm_ongoing",
    kind,
    build: async (complaint, metadata) => ({ view: harmModal({ complaint, metadata }, t) }),
  });
  onSubmission(
    app,
    deps,
    complaintViewIds.harm,
    (values): ParsedSubmission<{ category: RepairCategory; description: string }> => {
      const { category, description } = harmInput(values);
      if (!category) return { ok: false, errors: { [complaintInputs.category]: t("staff:complaint.modals.harm.category_required") } };
      if (description.length < 2) return { ok: false, errors: { [complaintInputs.harm]: t("staff:complaint.modals.words_required") } };
      return { ok: true, input: { category, description } };
    },
    (harm, metadata, staffUserId) => reportOngoingHarm(deps.workflow, { caseId: metadata.ticketId, staffUserId, ...harm }),
  );
}

/**
 * Every listener only complaints have: the tiers and Invalid while received, then the steps of
 * the handling. Cancel, Assign and the callback's outcomes are the shared listeners'.
 */
export function registerComplaintListeners(app: App, deps: SlackDeps): void {
  registerInstantButtons(app, deps);
  registerDepartmentModals(app, deps);
  registerWordsModals(app, deps);
  registerHarm(app, deps);
}
